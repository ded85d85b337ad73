//! Content rules shared by the forms and the server: page slugs, site settings, the theme's safe lists.
use crate::error::{AppError, FieldErrors};
use crate::tenants::domain::LOCALES;
use serde::{Deserialize, Serialize};

/// Error codes; the UI words them.
pub mod codes {
    pub const SITE_NAME_REQUIRED: &str = "site_name_required";
    pub const SITE_NAME_TAKEN: &str = "site_name_taken";
    pub const DOMAIN_INVALID: &str = "domain_invalid";
    pub const PROJECT_INVALID: &str = "pages_project_invalid";
    pub const COLOUR_INVALID: &str = "colour_invalid";
    pub const FONT_UNKNOWN: &str = "font_unknown";
    pub const LOCALE_NOT_IN_TENANT: &str = "locale_not_in_tenant";
    pub const PAGE_SLUG_INVALID: &str = "page_slug_invalid";
    pub const PAGE_SLUG_TAKEN: &str = "page_slug_taken";
    pub const PAGE_TITLE_REQUIRED: &str = "page_title_required";
    pub const TEXT_TOO_LONG: &str = "text_too_long";
    pub const PAGE_CYCLE: &str = "page_cycle";
    pub const LEGAL_PAGE_INVALID: &str = "legal_page_invalid";
    pub const DEFAULT_LOCALE_REQUIRED: &str = "default_locale_title_required";
    pub const MENU_URL_INVALID: &str = "menu_url_invalid";
    pub const MENU_LABEL_REQUIRED: &str = "menu_label_required";
    pub const MENU_TARGET_REQUIRED: &str = "menu_target_required";
}

/// The menus a site has.
pub const MENUS: [&str; 2] = ["header", "footer"];

/// A menu link: `https://…`, `http://…`, `mailto:…`, `tel:…` or a path on the site (`/…`), at most
/// 2,000 characters, without spaces or control characters. Anything else (`javascript:`, `data:`, …)
/// is refused.
pub fn check_menu_url(value: &str) -> Option<String> {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    let scheme_ok = ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len())
        || (v.starts_with('/') && !v.starts_with("//"));
    let chars_ok = !v.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && chars_ok && v.len() <= 2000).then(|| v.to_owned())
}

/// Fonts a site may use: self-hostable families with a system fallback. Free text would let CSS in.
pub const FONTS: &[(&str, &str)] = &[
    (
        "system",
        "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    ),
    ("inter", "'Inter', system-ui, sans-serif"),
    ("source-sans", "'Source Sans 3', system-ui, sans-serif"),
    ("open-sans", "'Open Sans', system-ui, sans-serif"),
    ("lato", "'Lato', system-ui, sans-serif"),
    ("merriweather", "'Merriweather', Georgia, serif"),
    ("lora", "'Lora', Georgia, serif"),
    ("playfair", "'Playfair Display', Georgia, serif"),
    ("roboto-slab", "'Roboto Slab', Georgia, serif"),
];

pub fn font_stack(code: &str) -> &'static str {
    FONTS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(FONTS[0].1, |(_, s)| s)
}

/// Colours and fonts of a site (`site.theme`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub primary_colour: String,
    pub accent_colour: String,
    pub text_colour: String,
    pub background_colour: String,
    pub heading_font: String,
    pub body_font: String,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            primary_colour: "#1d4ed8".into(),
            accent_colour: "#f59e0b".into(),
            text_colour: "#1f2937".into(),
            background_colour: "#ffffff".into(),
            heading_font: "system".into(),
            body_font: "system".into(),
        }
    }
}

/// `#rrggbb`, lower-cased.
pub fn check_colour(value: &str) -> Option<String> {
    let v = value.trim().to_ascii_lowercase();
    (v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit()))
        .then_some(v)
}

/// A host name: labels of letters, digits and inner hyphens, at least one dot, at most 253 characters.
pub fn check_domain(value: &str) -> Option<String> {
    let v = value.trim().trim_end_matches('.').to_ascii_lowercase();
    let v = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .unwrap_or(&v)
        .trim_end_matches('/')
        .to_owned();
    let ok = v.len() <= 253
        && v.contains('.')
        && v.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    ok.then_some(v)
}

/// A Cloudflare Pages project name: lower-case letters, digits and inner hyphens, at most 58 characters.
pub fn check_pages_project(value: &str) -> Option<String> {
    let v = value.trim().to_ascii_lowercase();
    let ok = (1..=58).contains(&v.len())
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !v.starts_with('-')
        && !v.ends_with('-');
    ok.then_some(v)
}

/// A page slug: lower-case letters and digits in groups joined by single hyphens, 1 to 100 characters.
pub fn check_page_slug(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    let ok = (1..=100).contains(&v.len())
        && v.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    ok.then_some(v)
}

/// A slug suggested from a title: "Über uns & Team" → "ueber-uns-team".
pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.trim().to_lowercase().chars() {
        let mapped: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ù' | 'ú' | 'û' => "u",
            'ý' | 'ÿ' => "y",
            'æ' => "ae",
            'œ' => "oe",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(mapped);
    }
    let joined = out
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut slug: String = joined.chars().take(100).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

fn supported_locale(code: &str) -> bool {
    LOCALES.iter().any(|(c, _, _)| *c == code)
}

/// What the site form sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteInput {
    pub name: String,
    /// One host name per line (or separated by commas or spaces).
    #[serde(default)]
    pub domains: String,
    pub default_locale: String,
    #[serde(default)]
    pub enabled_locales: Vec<String>,
    #[serde(default)]
    pub pages_project: String,
    #[serde(default)]
    pub primary_colour: String,
    #[serde(default)]
    pub accent_colour: String,
    #[serde(default)]
    pub text_colour: String,
    #[serde(default)]
    pub background_colour: String,
    #[serde(default)]
    pub heading_font: String,
    #[serde(default)]
    pub body_font: String,
    /// Page ids, or empty.
    #[serde(default)]
    pub impressum_page: String,
    #[serde(default)]
    pub privacy_page: String,
}

/// A checked [`SiteInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSite {
    pub name: String,
    pub domains: Vec<String>,
    pub default_locale: String,
    pub enabled_locales: Vec<String>,
    pub pages_project: Option<String>,
    pub theme: Theme,
    pub impressum_page: Option<crate::ids::PageId>,
    pub privacy_page: Option<crate::ids::PageId>,
}

impl SiteInput {
    /// Checks every field and reports all problems at once. `tenant_locales` are the languages the
    /// tenant has enabled; a site chooses among them.
    pub fn validate(&self, tenant_locales: &[String]) -> Result<ValidSite, AppError> {
        let mut errors = FieldErrors::new();
        let mut add = |field: &str, code: &str| {
            let list = errors.entry(field.to_owned()).or_default();
            if !list.iter().any(|c| c == code) {
                list.push(code.to_owned());
            }
        };
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            add("name", codes::SITE_NAME_REQUIRED);
        }
        let mut domains = Vec::new();
        for raw in self
            .domains
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|d| !d.is_empty())
        {
            match check_domain(raw) {
                Some(d) if !domains.contains(&d) => domains.push(d),
                Some(_) => {}
                None => add("domains", codes::DOMAIN_INVALID),
            }
        }
        let allowed =
            |code: &str| supported_locale(code) && tenant_locales.iter().any(|l| l == code);
        let default_locale = self.default_locale.trim().to_owned();
        if !allowed(&default_locale) {
            add("default_locale", codes::LOCALE_NOT_IN_TENANT);
        }
        let mut enabled: Vec<String> = Vec::new();
        for code in &self.enabled_locales {
            let code = code.trim();
            if !allowed(code) {
                add("enabled_locales", codes::LOCALE_NOT_IN_TENANT);
            } else if !enabled.iter().any(|c| c == code) {
                enabled.push(code.to_owned());
            }
        }
        if !enabled.contains(&default_locale) {
            enabled.insert(0, default_locale.clone());
        }
        enabled.sort_by_key(|c| LOCALES.iter().position(|(l, _, _)| l == c));
        let pages_project = match self.pages_project.trim() {
            "" => None,
            p => {
                let checked = check_pages_project(p);
                if checked.is_none() {
                    add("pages_project", codes::PROJECT_INVALID);
                }
                checked
            }
        };
        let defaults = Theme::default();
        let mut colour = |field: &'static str, value: &str, default: &str| -> String {
            if value.trim().is_empty() {
                return default.to_owned();
            }
            check_colour(value).unwrap_or_else(|| {
                add(field, codes::COLOUR_INVALID);
                default.to_owned()
            })
        };
        let primary_colour = colour(
            "primary_colour",
            &self.primary_colour,
            &defaults.primary_colour,
        );
        let accent_colour = colour(
            "accent_colour",
            &self.accent_colour,
            &defaults.accent_colour,
        );
        let text_colour = colour("text_colour", &self.text_colour, &defaults.text_colour);
        let background_colour = colour(
            "background_colour",
            &self.background_colour,
            &defaults.background_colour,
        );
        let mut font = |field: &'static str, value: &str| -> String {
            let v = value.trim();
            if v.is_empty() {
                "system".to_owned()
            } else if FONTS.iter().any(|(c, _)| *c == v) {
                v.to_owned()
            } else {
                add(field, codes::FONT_UNKNOWN);
                "system".to_owned()
            }
        };
        let heading_font = font("heading_font", &self.heading_font);
        let body_font = font("body_font", &self.body_font);
        let mut page = |field: &'static str, value: &str| -> Option<crate::ids::PageId> {
            let v = value.trim();
            if v.is_empty() {
                return None;
            }
            v.parse().map_or_else(
                |_| {
                    add(field, codes::LEGAL_PAGE_INVALID);
                    None
                },
                Some,
            )
        };
        let impressum_page = page("impressum_page", &self.impressum_page);
        let privacy_page = page("privacy_page", &self.privacy_page);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(ValidSite {
            name,
            domains,
            default_locale,
            enabled_locales: enabled,
            pages_project,
            theme: Theme {
                primary_colour,
                accent_colour,
                text_colour,
                background_colour,
                heading_font,
                body_font,
            },
            impressum_page,
            privacy_page,
        })
    }
}

/// A site's footer text in one language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FooterInput {
    pub locale: String,
    #[serde(default)]
    pub text: String,
}

/// The texts of a page in one language, as the form sends them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageLocaleInput {
    pub locale: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub seo_title: String,
    #[serde(default)]
    pub seo_description: String,
    /// The picture shown when the page is shared (a file of the library).
    #[serde(default)]
    pub social_image: Option<crate::ids::MediaId>,
}

/// A checked [`PageLocaleInput`]. `None` from [`PageLocaleInput::validate`] means the page is not
/// (or no longer) in this language: title and slug were both left empty.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidPageLocale {
    pub locale: String,
    pub title: String,
    pub slug: String,
    pub seo_title: String,
    pub seo_description: String,
    pub social_image: Option<crate::ids::MediaId>,
}

impl PageLocaleInput {
    /// `required`: the site's default language, which every page has.
    pub fn validate(&self, required: bool) -> Result<Option<ValidPageLocale>, AppError> {
        let mut errors = FieldErrors::new();
        let mut add = |field: &str, code: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(code.to_owned())
        };
        let title = self.title.trim().to_owned();
        let slug_in = self.slug.trim();
        if !required && title.is_empty() && slug_in.is_empty() {
            return Ok(None);
        }
        if title.is_empty() || title.chars().count() > 200 {
            add("title", codes::PAGE_TITLE_REQUIRED);
        }
        let slug = if slug_in.is_empty() {
            let s = slugify(&title);
            if s.is_empty() && !title.is_empty() {
                add("slug", codes::PAGE_SLUG_INVALID);
            }
            s
        } else {
            check_page_slug(slug_in).unwrap_or_else(|| {
                add("slug", codes::PAGE_SLUG_INVALID);
                String::new()
            })
        };
        let seo_title = self.seo_title.trim().to_owned();
        if seo_title.chars().count() > 200 {
            add("seo_title", codes::TEXT_TOO_LONG);
        }
        let seo_description = self.seo_description.trim().to_owned();
        if seo_description.chars().count() > 500 {
            add("seo_description", codes::TEXT_TOO_LONG);
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok(Some(ValidPageLocale {
            locale: self.locale.clone(),
            title,
            slug,
            seo_title,
            seo_description,
            social_image: self.social_image,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_links_are_web_mail_phone_or_paths() {
        for good in [
            "https://example.org/a?b=c",
            "mailto:info@example.org",
            "tel:+49301234",
            "/kontakt",
        ] {
            assert!(check_menu_url(good).is_some(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "https://",
            "https://a b",
            "ftp://x",
            "",
        ] {
            assert_eq!(check_menu_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn slugs_from_titles() {
        assert_eq!(slugify("Über uns & Team"), "ueber-uns-team");
        assert_eq!(slugify("  Öffnungszeiten 2027!  "), "oeffnungszeiten-2027");
        assert_eq!(slugify("Café Crème"), "cafe-creme");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify(&"a ".repeat(80)).len(), 100 - 1);
    }

    #[test]
    fn page_slugs_are_checked() {
        assert_eq!(check_page_slug(" Kontakt ").as_deref(), Some("kontakt"));
        assert_eq!(check_page_slug("a-b-2").as_deref(), Some("a-b-2"));
        for bad in [
            "",
            "a--b",
            "-a",
            "a-",
            "a/b",
            "../etc",
            "ä",
            "a b",
            &"a".repeat(101),
        ] {
            assert_eq!(check_page_slug(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_page_locale_without_slug_gets_one_from_its_title() {
        let input = PageLocaleInput {
            locale: "de".into(),
            title: "Über uns".into(),
            ..Default::default()
        };
        assert_eq!(input.validate(true).unwrap().unwrap().slug, "ueber-uns");
        let empty = PageLocaleInput {
            locale: "en".into(),
            ..Default::default()
        };
        assert_eq!(empty.validate(false).unwrap(), None);
        assert!(
            !empty
                .validate(true)
                .unwrap_err()
                .field_messages("title")
                .is_empty()
        );
    }

    #[test]
    fn site_input_is_checked_field_by_field() {
        let tenant = vec!["de".to_owned(), "en".to_owned()];
        let good = SiteInput {
            name: " Bäckerei ".into(),
            domains: "https://www.baeckerei.de/\nbaeckerei.de, www.baeckerei.de".into(),
            default_locale: "de".into(),
            enabled_locales: vec!["en".into()],
            pages_project: "baeckerei".into(),
            primary_colour: "#AA0000".into(),
            accent_colour: "".into(),
            text_colour: "".into(),
            background_colour: "".into(),
            heading_font: "lora".into(),
            body_font: "".into(),
            impressum_page: "".into(),
            privacy_page: "".into(),
        };
        let site = good.validate(&tenant).unwrap();
        assert_eq!(site.domains, vec!["www.baeckerei.de", "baeckerei.de"]);
        assert_eq!(site.enabled_locales, vec!["de", "en"]);
        assert_eq!(site.theme.primary_colour, "#aa0000");
        assert_eq!(site.theme.heading_font, "lora");
        let bad = SiteInput {
            name: "".into(),
            domains: "not a domain!".into(),
            default_locale: "fr".into(),
            pages_project: "-x-".into(),
            primary_colour: "red; background: url(x)".into(),
            heading_font: "Comic Sans".into(),
            impressum_page: "nope".into(),
            ..good
        };
        let err = bad.validate(&tenant).unwrap_err();
        for field in [
            "name",
            "domains",
            "default_locale",
            "pages_project",
            "primary_colour",
            "heading_font",
            "impressum_page",
        ] {
            assert!(!err.field_messages(field).is_empty(), "{field}");
        }
    }
}
