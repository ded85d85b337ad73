//! Rules shared by the form (before submit) and the server (always).
use crate::error::{AppError, FieldErrors};

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Error codes; the UI turns them into sentences in the user's language.
pub mod codes {
    pub const CREDENTIALS_INVALID: &str = "credentials_invalid";
    pub const EMAIL_INVALID: &str = "email_invalid";
    pub const REQUIRED: &str = "required";
    pub const PASSWORD_TOO_SHORT: &str = "password_too_short";
    pub const PASSWORD_TOO_LONG: &str = "password_too_long";
    pub const PASSWORD_MISMATCH: &str = "password_mismatch";
    pub const LINK_INVALID: &str = "link_invalid";
}

/// A trimmed, plausible e-mail address (the mail server is the real judge).
pub fn normalize_email(raw: &str) -> Result<String, AppError> {
    let email = raw.trim();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && matches!(email.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains('@'));
    if valid {
        Ok(email.to_owned())
    } else {
        Err(AppError::field("email", codes::EMAIL_INVALID))
    }
}

/// Checks a new password and its confirmation.
pub fn check_new_password(password: &str, confirm: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        errors
            .entry("password".into())
            .or_default()
            .push(codes::PASSWORD_TOO_SHORT.into());
    } else if chars > PASSWORD_MAX_CHARS {
        errors
            .entry("password".into())
            .or_default()
            .push(codes::PASSWORD_TOO_LONG.into());
    }
    if password != confirm {
        errors
            .entry("password_confirm".into())
            .or_default()
            .push(codes::PASSWORD_MISMATCH.into());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_need_a_dotted_domain() {
        assert_eq!(
            normalize_email("  Ana@Example.org ").unwrap(),
            "Ana@Example.org"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@localhost",
            "a b@example.org",
            "ana@.org",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn new_password_needs_twelve_characters_and_a_matching_confirmation() {
        assert!(check_new_password("correct horse battery", "correct horse battery").is_ok());
        let err = check_new_password("short", "short").unwrap_err();
        assert_eq!(
            err.field_messages("password"),
            vec![codes::PASSWORD_TOO_SHORT]
        );
        let err = check_new_password("correct horse battery", "correct horse batterz").unwrap_err();
        assert_eq!(
            err.field_messages("password_confirm"),
            vec![codes::PASSWORD_MISMATCH]
        );
        let long = "x".repeat(129);
        assert_eq!(
            check_new_password(&long, &long)
                .unwrap_err()
                .field_messages("password"),
            vec![codes::PASSWORD_TOO_LONG]
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let pw = "ääääääääääää"; // 12 characters, 24 bytes
        assert!(check_new_password(pw, pw).is_ok());
    }
}
