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
    pub const PASSWORD_WEAK: &str = "password_weak";
    pub const PASSWORD_CURRENT_WRONG: &str = "password_current_wrong";
    pub const CODE_FORMAT: &str = "code_format";
    pub const CODE_WRONG: &str = "code_wrong";
    pub const CODE_EXPIRED: &str = "code_expired";
    pub const CODE_LOCKED: &str = "code_locked";
    pub const RESEND_LIMIT: &str = "resend_limit";
    pub const LOGIN_EXPIRED: &str = "login_expired";
    pub const ACCOUNT_EXISTS: &str = "account_exists";
    pub const NAME_INVALID: &str = "name_invalid";
    pub const CANNOT_DISABLE_SELF: &str = "cannot_disable_self";
    /// Prefix of the zxcvbn hints that explain a weak password (`password_hint_<name>`).
    pub const PASSWORD_HINT_PREFIX: &str = "password_hint_";
}

/// Digits in a login code.
pub const CODE_DIGITS: usize = 6;
/// Tries at one code.
pub const CODE_MAX_ATTEMPTS: i32 = 5;
/// Minutes a code is valid.
pub const CODE_MINUTES: i64 = 10;
/// Codes one login attempt may have in all (the first and the resends).
pub const CODE_MAX_SENDS: i32 = 4;
/// Seconds between two codes for the same login attempt.
pub const CODE_RESEND_SECONDS: i64 = 30;
/// Minutes between the password and the code before the login attempt is gone.
pub const LOGIN_CHALLENGE_MINUTES: i64 = 30;
/// Minutes a password reset link is valid.
pub const RESET_LINK_MINUTES: i64 = 60;
/// Days an invitation is valid.
pub const INVITATION_DAYS: i64 = 7;

/// A typed code without the spaces and dashes people add; `None` unless it is six digits.
pub fn normalize_code(raw: &str) -> Option<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == CODE_DIGITS && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// `ana@example.org` → `a••@example.org`: enough to recognise one's own address on the code page.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}••@{domain}")
        }
        None => "••".into(),
    }
}

/// A display name: trimmed, 1 to 200 characters, no control characters.
pub fn normalize_name(raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        Err(AppError::field("display_name", codes::NAME_INVALID))
    } else {
        Ok(name.to_owned())
    }
}

/// Browser and operating system from a User-Agent header, for the sessions list.
pub fn describe_user_agent(ua: &str) -> (String, String) {
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("OPR/") || ua.contains("Opera") {
        "Opera"
    } else if ua.contains("SamsungBrowser") {
        "Samsung Internet"
    } else if ua.contains("Firefox/") || ua.contains("FxiOS") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("CriOS") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else if ua.is_empty() {
        "?"
    } else {
        "Other"
    };
    let os = if ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod") {
        "iOS"
    } else if ua.contains("Android") {
        "Android"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("CrOS") {
        "ChromeOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        "?"
    };
    (browser.into(), os.into())
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
    fn codes_are_six_digits_and_forgive_spaces_and_dashes() {
        assert_eq!(normalize_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalize_code("123-456").as_deref(), Some("123456"));
        for bad in ["", "12345", "1234567", "12345a", "１２３４５６"] {
            assert_eq!(normalize_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn masked_emails_keep_the_first_letter_and_the_domain() {
        assert_eq!(mask_email("ana@example.org"), "a••@example.org");
        assert_eq!(mask_email("nope"), "••");
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(normalize_name("  Ana Lima ").unwrap(), "Ana Lima");
        assert!(normalize_name("   ").is_err());
        assert!(normalize_name(&"x".repeat(201)).is_err());
        assert!(normalize_name("Ana\u{0}").is_err());
    }

    #[test]
    fn user_agents_are_told_apart() {
        let pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
        assert_eq!(
            describe_user_agent(pixel),
            ("Chrome".into(), "Android".into())
        );
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_user_agent(iphone), ("Safari".into(), "iOS".into()));
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";
        assert_eq!(describe_user_agent(edge), ("Edge".into(), "Windows".into()));
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(
            describe_user_agent(firefox),
            ("Firefox".into(), "Linux".into())
        );
        assert_eq!(
            describe_user_agent("curl/8.0"),
            ("Other".into(), "?".into())
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let pw = "ääääääääääää"; // 12 characters, 24 bytes
        assert!(check_new_password(pw, pw).is_ok());
    }
}
