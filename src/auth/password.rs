//! Password hashing: argon2id with OWASP's minimum parameters (19 MiB, t=2, p=1).
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?
        .to_string())
}

/// Checks `password` against a stored hash. With no hash (unknown user, no password yet) it still does
/// the same work against a dummy hash, so that timing does not tell which e-mails exist.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy =
        DUMMY.get_or_init(|| hash("not a real password, only for timing").unwrap_or_default());
    let (target, real) = match stored {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(target) else {
        return false;
    };
    // Verify with the parameters stored in the hash, so older hashes keep working.
    let ok = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && real
}

/// Whether a stored hash was made with other parameters than today's and should be replaced.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    let current = hasher();
    let p = current.params();
    parsed.algorithm.as_str() != "argon2id"
        || Params::try_from(&parsed).map_or(true, |old| {
            old.m_cost() != p.m_cost() || old.t_cost() != p.t_cost() || old.p_cost() != p.p_cost()
        })
}

/// The rules for a new password: length and confirmation (shared with the form), then strength.
pub fn check_new(
    password: &str,
    confirm: &str,
    user_inputs: &[&str],
) -> Result<(), crate::error::AppError> {
    crate::auth::domain::check_new_password(password, confirm)?;
    let weak = weakness(password, user_inputs);
    if weak.is_empty() {
        Ok(())
    } else {
        let mut errors = crate::error::FieldErrors::new();
        errors.insert("password".into(), weak);
        Err(crate::error::AppError::Invalid(errors))
    }
}

/// Lowest zxcvbn score accepted (0–4): 3 is "safely unguessable" against an offline slow-hash attack.
const MIN_SCORE: u8 = 3;

/// Why a new password is too easy to guess, as error codes (`password_weak` plus hints), or nothing.
/// `user_inputs` are words an attacker would try first: the e-mail address, the name.
pub fn weakness(password: &str, user_inputs: &[&str]) -> Vec<String> {
    use crate::auth::domain::codes::{PASSWORD_HINT_PREFIX, PASSWORD_WEAK};
    use zxcvbn::feedback::Warning;
    let mut inputs: Vec<&str> = vec!["traffino", "cms", "admin", "passwort", "password"];
    for input in user_inputs {
        inputs.push(input);
        // the parts of an address are guesses of their own
        inputs.extend(
            input
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| p.len() > 2),
        );
    }
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    if u8::from(estimate.score()) >= MIN_SCORE {
        return Vec::new();
    }
    let hint = match estimate.feedback().and_then(|f| f.warning()) {
        Some(
            Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword
            | Warning::ThisIsSimilarToACommonlyUsedPassword,
        ) => "common",
        Some(
            Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess,
        ) => "keyboard",
        Some(
            Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
        ) => "repeats",
        Some(Warning::SequencesLikeAbcAreEasyToGuess) => "sequence",
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => "dates",
        Some(
            Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
            | Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ) => "names",
        Some(Warning::AWordByItselfIsEasyToGuess) => "word",
        _ => "guessable",
    };
    vec![
        PASSWORD_WEAK.into(),
        format!("{PASSWORD_HINT_PREFIX}{hint}"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_verifies_and_uses_argon2id_owasp_parameters() {
        let h = hash("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery staple", Some(&h)));
        assert!(!verify("wrong horse battery staple", Some(&h)));
        assert!(!needs_rehash(&h));
    }

    #[test]
    fn common_and_personal_passwords_are_weak_with_a_reason() {
        assert_eq!(
            weakness("password1234", &[]),
            vec!["password_weak", "password_hint_common"]
        );
        assert_eq!(weakness("qwertyuiopasdf", &[])[0], "password_weak");
        assert_eq!(weakness("aaaaaaaaaaaaaaa", &[])[1], "password_hint_repeats");
        // the user's own address is the first guess
        assert!(!weakness("anabelle.lima@example.org", &["anabelle.lima@example.org"]).is_empty());
        assert!(
            weakness("anabelle.lima@example.org", &[]).is_empty(),
            "the same text is strong for a stranger"
        );
        assert!(weakness("Fahrrad Kanal Lampe 42!", &["ana@example.org"]).is_empty());
        assert!(weakness("correct horse battery staple", &[]).is_empty());
    }

    #[test]
    fn no_stored_hash_never_verifies() {
        assert!(!verify("anything", None));
    }

    #[test]
    fn weaker_hashes_are_marked_for_rehash() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 1, 1, None).unwrap(),
        )
        .hash_password(b"pw", &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        assert!(verify("pw", Some(&weak)));
        assert!(needs_rehash(&weak));
    }
}
