//! Moving an item of an ordered list by one place (the arrow buttons beside drag and drop).

/// Moves the first item for which `is` holds one place earlier (`up`) or later. Returns whether
/// it moved: not when it is already first (or last), nor when no item matches.
pub fn shift<T>(list: &mut [T], is: impl Fn(&T) -> bool, up: bool) -> bool {
    let Some(i) = list.iter().position(is) else {
        return false;
    };
    let j = if up { i.checked_sub(1) } else { Some(i + 1) };
    match j.filter(|j| *j < list.len()) {
        Some(j) => {
            list.swap(i, j);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::shift;

    #[test]
    fn moves_one_place_and_stops_at_the_ends() {
        let mut l = vec![1, 2, 3];
        assert!(shift(&mut l, |x| *x == 2, true));
        assert_eq!(l, [2, 1, 3]);
        assert!(shift(&mut l, |x| *x == 1, false));
        assert_eq!(l, [2, 3, 1]);
        assert!(!shift(&mut l, |x| *x == 2, true));
        assert!(!shift(&mut l, |x| *x == 1, false));
        assert!(!shift(&mut l, |x| *x == 9, true));
        assert_eq!(l, [2, 3, 1]);
    }
}
