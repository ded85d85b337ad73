//! Tenant rules shared by the forms and the server: slugs, languages, time zones.
use crate::error::{AppError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Error codes; the UI words them.
pub mod codes {
    pub const SLUG_INVALID: &str = "slug_invalid";
    pub const SLUG_TAKEN: &str = "slug_taken";
    pub const NAME_REQUIRED: &str = "tenant_name_required";
    pub const LOCALE_UNSUPPORTED: &str = "locale_unsupported";
    pub const DEFAULT_LOCALE_NOT_ENABLED: &str = "default_locale_not_enabled";
    pub const TIME_ZONE_UNKNOWN: &str = "time_zone_unknown";
    pub const CONFIRM_SLUG: &str = "confirm_slug";
    pub const ROLE_INVALID: &str = "role_invalid";
    pub const LAST_OWNER: &str = "last_owner";
    pub const ALREADY_MEMBER: &str = "already_member";
}

/// Content languages a site can have: each is a language DeepL translates into. The code is what
/// URLs and the database use; the DeepL code is what the translation API is sent.
pub const LOCALES: &[(&str, &str, &str)] = &[
    ("de", "Deutsch", "DE"),
    ("en", "English", "EN-GB"),
    ("fr", "Français", "FR"),
    ("it", "Italiano", "IT"),
    ("es", "Español", "ES"),
    ("nl", "Nederlands", "NL"),
    ("pl", "Polski", "PL"),
    ("pt", "Português", "PT-PT"),
    ("da", "Dansk", "DA"),
    ("sv", "Svenska", "SV"),
    ("nb", "Norsk bokmål", "NB"),
    ("fi", "Suomi", "FI"),
    ("cs", "Čeština", "CS"),
    ("sk", "Slovenčina", "SK"),
    ("sl", "Slovenščina", "SL"),
    ("hu", "Magyar", "HU"),
    ("ro", "Română", "RO"),
    ("bg", "Български", "BG"),
    ("el", "Ελληνικά", "EL"),
    ("et", "Eesti", "ET"),
    ("lv", "Latviešu", "LV"),
    ("lt", "Lietuvių", "LT"),
    ("tr", "Türkçe", "TR"),
    ("uk", "Українська", "UK"),
    ("ja", "日本語", "JA"),
    ("zh", "中文 (简体)", "ZH-HANS"),
    ("ko", "한국어", "KO"),
];

/// Time zones offered for a tenant (publishing dates, the activity log).
pub const TIME_ZONES: &[&str] = &[
    "Europe/Berlin",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Lisbon",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Copenhagen",
    "Europe/Stockholm",
    "Europe/Oslo",
    "Europe/Helsinki",
    "Europe/Warsaw",
    "Europe/Prague",
    "Europe/Budapest",
    "Europe/Athens",
    "Europe/Istanbul",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "UTC",
];

pub fn locale_name(code: &str) -> &'static str {
    LOCALES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or("?", |(_, name, _)| name)
}

/// A slug: lower-case letters, digits and inner hyphens, 1 to 63 characters (a DNS label, so it can
/// name a Pages project and a subdomain).
pub fn check_slug(slug: &str) -> Result<String, AppError> {
    let slug = slug.trim().to_lowercase();
    let ok = (1..=63).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(slug)
    } else {
        Err(AppError::field("slug", codes::SLUG_INVALID))
    }
}

/// What the tenant form sends (create and edit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantInput {
    pub name: String,
    pub slug: String,
    pub contact_email: String,
    pub default_locale: String,
    /// Enabled languages; the default one is always among them.
    #[serde(default)]
    pub enabled_locales: Vec<String>,
    pub time_zone: String,
}

/// A checked [`TenantInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidTenant {
    pub name: String,
    pub slug: String,
    pub contact_email: Option<String>,
    pub default_locale: String,
    pub enabled_locales: Vec<String>,
    pub time_zone: String,
}

impl TenantInput {
    /// Checks every field and reports all problems at once, each next to its field.
    pub fn validate(&self) -> Result<ValidTenant, AppError> {
        let mut errors = FieldErrors::new();
        let mut add = |field: &str, code: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(code.to_owned())
        };
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            add("name", codes::NAME_REQUIRED);
        }
        let slug = check_slug(&self.slug).ok();
        if slug.is_none() {
            add("slug", codes::SLUG_INVALID);
        }
        let contact = self.contact_email.trim();
        let contact_email = if contact.is_empty() {
            None
        } else {
            match crate::auth::domain::normalize_email(contact) {
                Ok(e) => Some(e),
                Err(_) => {
                    add("contact_email", crate::auth::domain::codes::EMAIL_INVALID);
                    None
                }
            }
        };
        let supported = |code: &str| LOCALES.iter().any(|(c, _, _)| *c == code);
        let mut enabled: Vec<String> = Vec::new();
        for code in &self.enabled_locales {
            let code = code.trim();
            if !supported(code) {
                add("enabled_locales", codes::LOCALE_UNSUPPORTED);
            } else if !enabled.iter().any(|c| c == code) {
                enabled.push(code.to_owned());
            }
        }
        let default_locale = self.default_locale.trim().to_owned();
        if !supported(&default_locale) {
            add("default_locale", codes::LOCALE_UNSUPPORTED);
        } else if !enabled.contains(&default_locale) {
            // The default language is enabled by being the default.
            enabled.insert(0, default_locale.clone());
        }
        if !TIME_ZONES.contains(&self.time_zone.as_str()) {
            add("time_zone", codes::TIME_ZONE_UNKNOWN);
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        // Keep the list in the order of LOCALES, so every screen shows it the same way.
        enabled.sort_by_key(|c| LOCALES.iter().position(|(l, _, _)| l == c));
        Ok(ValidTenant {
            name,
            slug: slug.unwrap_or_default(),
            contact_email,
            default_locale,
            enabled_locales: enabled,
            time_zone: self.time_zone.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> TenantInput {
        TenantInput {
            name: " Bäckerei Müller ".into(),
            slug: "Baeckerei-Mueller".into(),
            contact_email: "".into(),
            default_locale: "de".into(),
            enabled_locales: vec!["en".into(), "de".into(), "en".into()],
            time_zone: "Europe/Berlin".into(),
        }
    }

    #[test]
    fn a_good_tenant_is_normalised() {
        let t = input().validate().unwrap();
        assert_eq!(t.name, "Bäckerei Müller");
        assert_eq!(t.slug, "baeckerei-mueller");
        assert_eq!(t.enabled_locales, vec!["de", "en"]);
        assert_eq!(t.contact_email, None);
    }

    #[test]
    fn the_default_language_is_always_enabled() {
        let mut i = input();
        i.enabled_locales = vec!["fr".into()];
        assert_eq!(i.validate().unwrap().enabled_locales, vec!["de", "fr"]);
    }

    #[test]
    fn every_problem_is_reported_next_to_its_field() {
        let bad = TenantInput {
            name: "".into(),
            slug: "-no-".into(),
            contact_email: "nope".into(),
            default_locale: "xx".into(),
            enabled_locales: vec!["klingon".into()],
            time_zone: "Mars/Olympus".into(),
        };
        let err = bad.validate().unwrap_err();
        for field in [
            "name",
            "slug",
            "contact_email",
            "default_locale",
            "enabled_locales",
            "time_zone",
        ] {
            assert!(!err.field_messages(field).is_empty(), "{field}");
        }
    }

    #[test]
    fn slugs_are_dns_labels() {
        assert_eq!(check_slug(" acme-2 ").unwrap(), "acme-2");
        for bad in ["", "-a", "a-", "a_b", "ä", &"a".repeat(64)] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }
}
