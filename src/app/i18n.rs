//! Admin UI language: German by default, English switchable without a reload, remembered in a cookie
//! (so the server renders the right language on the first byte) and on the account.
//!
//! A small typed table rather than a translation framework: a missing text is a compile error, and the
//! admin has two languages. Content languages are a different thing (the translate slice).
use leptos::prelude::*;

pub const LANG_COOKIE: &str = "traffino_lang";

#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "de" => Some(Self::De),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Self::De => &DE,
            Self::En => &EN,
        }
    }

    /// The language from a `Cookie` header value, German if unset or unknown.
    pub fn from_cookie_header(header: &str) -> Self {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .and_then(|(_, v)| Self::from_code(v.trim()))
            .unwrap_or_default()
    }
}

/// The current language, shared by every component.
#[derive(Copy, Clone)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The language of this request: the cookie, read from the request on the server and from
/// `document.cookie` in the browser, so both render the same thing.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(Lang::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let cookies = document()
                .dyn_into::<web_sys::HtmlDocument>()
                .ok()
                .and_then(|d| d.cookie().ok())
                .unwrap_or_default();
            Lang::from_cookie_header(&cookies)
        }
        #[cfg(not(feature = "hydrate"))]
        Lang::default()
    }
}

pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub open_menu: &'static str,
    pub main_navigation: &'static str,
    pub nav_dashboard: &'static str,
    pub switch_language: &'static str,
    pub other_language_name: &'static str,
    pub other_language_code: &'static str,
    pub sign_out: &'static str,
    pub account: &'static str,
    pub dashboard_title: &'static str,
    pub welcome: &'static str,
    pub signed_in_as: &'static str,
    pub role: &'static str,
    pub role_platform_admin: &'static str,
    pub role_user: &'static str,
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub working: &'static str,
    pub password_set_notice: &'static str,
    pub set_password_title: &'static str,
    pub set_password_for: &'static str,
    pub new_password: &'static str,
    pub new_password_hint: &'static str,
    pub confirm_password: &'static str,
    pub save_password: &'static str,
    pub link_invalid_title: &'static str,
    pub link_invalid_text: &'static str,
    pub to_login: &'static str,
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
}

impl Texts {
    /// A sentence for an error code from the server; unknown codes fall back to a generic sentence.
    pub fn error(&self, code: &str) -> &'static str {
        use crate::auth::domain::codes::*;
        let de = std::ptr::eq(self, &DE);
        match (code, de) {
            (CREDENTIALS_INVALID, true) => "E-Mail-Adresse oder Passwort ist falsch.",
            (CREDENTIALS_INVALID, false) => "Wrong e-mail address or password.",
            (EMAIL_INVALID, true) => "Bitte eine gültige E-Mail-Adresse eingeben.",
            (EMAIL_INVALID, false) => "Please enter a valid e-mail address.",
            (REQUIRED, true) => "Bitte ausfüllen.",
            (REQUIRED, false) => "Please fill this in.",
            (PASSWORD_TOO_SHORT, true) => "Das Passwort braucht mindestens 12 Zeichen.",
            (PASSWORD_TOO_SHORT, false) => "The password needs at least 12 characters.",
            (PASSWORD_TOO_LONG, true) => "Das Passwort darf höchstens 128 Zeichen haben.",
            (PASSWORD_TOO_LONG, false) => "The password may have at most 128 characters.",
            (PASSWORD_MISMATCH, true) => "Die beiden Passwörter stimmen nicht überein.",
            (PASSWORD_MISMATCH, false) => "The two passwords do not match.",
            (LINK_INVALID, true) => "Dieser Link ist abgelaufen oder wurde schon benutzt.",
            (LINK_INVALID, false) => "This link has expired or was already used.",
            (_, true) => "Das hat nicht geklappt. Bitte erneut versuchen.",
            (_, false) => "That did not work. Please try again.",
        }
    }

    /// A sentence for any server error.
    pub fn app_error(&self, err: &crate::error::AppError) -> String {
        use crate::error::AppError;
        let de = std::ptr::eq(self, &DE);
        match err {
            AppError::Invalid(fields) => fields
                .values()
                .flatten()
                .map(|code| self.error(code))
                .collect::<Vec<_>>()
                .join(" "),
            AppError::Unauthorized if de => "Bitte melden Sie sich an.".into(),
            AppError::Unauthorized => "Please sign in.".into(),
            AppError::Forbidden if de => "Dafür fehlt Ihnen die Berechtigung.".into(),
            AppError::Forbidden => "You may not do that.".into(),
            AppError::TooManyRequests(msg) => msg.clone(),
            AppError::Internal(reference) if de => {
                format!("Ein Fehler ist aufgetreten (Referenz {reference}).")
            }
            AppError::Internal(reference) => {
                format!("Something went wrong (reference {reference}).")
            }
            other => other.to_string(),
        }
    }
}

pub static DE: Texts = Texts {
    app_name: "Traffino",
    skip_to_content: "Zum Inhalt springen",
    open_menu: "Menü",
    main_navigation: "Hauptnavigation",
    nav_dashboard: "Übersicht",
    switch_language: "Sprache wechseln",
    other_language_name: "English",
    other_language_code: "en",
    sign_out: "Abmelden",
    account: "Konto",
    dashboard_title: "Übersicht",
    welcome: "Willkommen",
    signed_in_as: "Angemeldet als",
    role: "Rolle",
    role_platform_admin: "Plattform-Admin",
    role_user: "Benutzer",
    login_title: "Anmelden",
    login_intro: "Melden Sie sich mit Ihrer E-Mail-Adresse an.",
    email: "E-Mail",
    password: "Passwort",
    sign_in: "Anmelden",
    working: "Einen Moment …",
    password_set_notice: "Ihr Passwort ist gesetzt. Sie können sich jetzt anmelden.",
    set_password_title: "Passwort festlegen",
    set_password_for: "Für das Konto",
    new_password: "Neues Passwort",
    new_password_hint: "12 bis 128 Zeichen. Ein Satz aus mehreren Wörtern ist gut zu merken.",
    confirm_password: "Passwort wiederholen",
    save_password: "Passwort speichern",
    link_invalid_title: "Link ungültig",
    link_invalid_text: "Dieser Link ist abgelaufen oder wurde schon benutzt. Bitten Sie um einen neuen.",
    to_login: "Zur Anmeldung",
    loading: "Lädt …",
    not_found_title: "Seite nicht gefunden",
    not_found_text: "Diese Seite gibt es nicht.",
    back_home: "Zur Übersicht",
};

pub static EN: Texts = Texts {
    app_name: "Traffino",
    skip_to_content: "Skip to content",
    open_menu: "Menu",
    main_navigation: "Main navigation",
    nav_dashboard: "Dashboard",
    switch_language: "Change language",
    other_language_name: "Deutsch",
    other_language_code: "de",
    sign_out: "Sign out",
    account: "Account",
    dashboard_title: "Dashboard",
    welcome: "Welcome",
    signed_in_as: "Signed in as",
    role: "Role",
    role_platform_admin: "Platform admin",
    role_user: "User",
    login_title: "Sign in",
    login_intro: "Sign in with your e-mail address.",
    email: "E-mail",
    password: "Password",
    sign_in: "Sign in",
    working: "One moment …",
    password_set_notice: "Your password is set. You can sign in now.",
    set_password_title: "Set your password",
    set_password_for: "For the account",
    new_password: "New password",
    new_password_hint: "12 to 128 characters. A sentence of several words is easy to remember.",
    confirm_password: "Repeat password",
    save_password: "Save password",
    link_invalid_title: "Link not valid",
    link_invalid_text: "This link has expired or was already used. Ask for a new one.",
    to_login: "To sign in",
    loading: "Loading …",
    not_found_title: "Page not found",
    not_found_text: "This page does not exist.",
    back_home: "To the dashboard",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_cookie_and_defaults_to_german() {
        assert_eq!(Lang::from_cookie_header("a=1; traffino_lang=en"), Lang::En);
        assert_eq!(Lang::from_cookie_header("traffino_lang=fr"), Lang::De);
        assert_eq!(Lang::from_cookie_header(""), Lang::De);
    }

    #[test]
    fn error_codes_have_sentences_in_both_languages() {
        use crate::auth::domain::codes::CREDENTIALS_INVALID;
        assert_eq!(
            DE.error(CREDENTIALS_INVALID),
            "E-Mail-Adresse oder Passwort ist falsch."
        );
        assert_eq!(
            EN.error(CREDENTIALS_INVALID),
            "Wrong e-mail address or password."
        );
    }
}
