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

/// Every text of the admin UI. A missing translation is a compile error.
pub struct Texts {
    pub lang: Lang,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub open_menu: &'static str,
    pub main_navigation: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_account: &'static str,
    pub nav_users: &'static str,
    pub nav_security: &'static str,
    pub nav_dev_mail: &'static str,
    pub nav_admin_section: &'static str,
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
    pub welcome_notice: &'static str,
    pub session_ended_notice: &'static str,
    pub forgot_password_link: &'static str,
    pub set_password_title: &'static str,
    pub reset_password_title: &'static str,
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
    pub code_title: &'static str,
    pub code_sent_to: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub remember_device: &'static str,
    pub remember_device_hint: &'static str,
    pub confirm_code: &'static str,
    pub resend_code: &'static str,
    pub code_resent: &'static str,
    pub start_over: &'static str,
    pub login_expired_title: &'static str,
    pub login_expired_text: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub send_link: &'static str,
    pub forgot_sent: &'static str,
    pub invite_title: &'static str,
    pub invite_for: &'static str,
    pub your_name: &'static str,
    pub create_account: &'static str,
    pub account_title: &'static str,
    pub profile: &'static str,
    pub display_name: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub password_changed_notice: &'static str,
    pub sessions: &'static str,
    pub sessions_intro: &'static str,
    pub this_session: &'static str,
    pub signed_in_at: &'static str,
    pub last_active: &'static str,
    pub ip_address: &'static str,
    pub revoke: &'static str,
    pub revoke_others: &'static str,
    pub no_other_sessions: &'static str,
    pub devices: &'static str,
    pub devices_intro: &'static str,
    pub no_devices: &'static str,
    pub this_device: &'static str,
    pub remembered_since: &'static str,
    pub valid_until: &'static str,
    pub forget: &'static str,
    pub users_title: &'static str,
    pub invite_heading: &'static str,
    pub invite_intro: &'static str,
    pub invite_as_admin: &'static str,
    pub mail_language: &'static str,
    pub language_de: &'static str,
    pub language_en: &'static str,
    pub send_invitation: &'static str,
    pub invitation_sent: &'static str,
    pub open_invitations: &'static str,
    pub no_invitations: &'static str,
    pub invited_by: &'static str,
    pub expires: &'static str,
    pub expired: &'static str,
    pub times_sent: &'static str,
    pub resend: &'static str,
    pub withdraw: &'static str,
    pub accounts: &'static str,
    pub status: &'static str,
    pub active: &'static str,
    pub disabled: &'static str,
    pub no_password_yet: &'static str,
    pub last_login: &'static str,
    pub never: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub you: &'static str,
    pub security_title: &'static str,
    pub security_intro: &'static str,
    pub event_kind: &'static str,
    pub all_events: &'static str,
    pub filter: &'static str,
    pub when: &'static str,
    pub by_whom: &'static str,
    pub device: &'static str,
    pub no_events: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page: &'static str,
    pub dev_mail_title: &'static str,
    pub dev_mail_intro: &'static str,
    pub recipient: &'static str,
    pub subject: &'static str,
    pub no_mails: &'static str,
    pub mail_queued: &'static str,
    pub mail_sent: &'static str,
    pub mail_failed: &'static str,
    pub attempts: &'static str,
    pub body_dropped: &'static str,
    pub refresh: &'static str,
    pub role_agency_staff: &'static str,
    pub role_owner: &'static str,
    pub role_editor: &'static str,
    pub role_viewer: &'static str,
    pub tenant_not_found_title: &'static str,
    pub tenant_not_found_text: &'static str,
    pub tenant_overview: &'static str,
    pub members: &'static str,
    pub activity: &'static str,
    pub settings: &'static str,
    pub archived: &'static str,
    pub tenant_sections: &'static str,
    pub switch_tenant: &'static str,
    pub choose_tenant: &'static str,
    pub tenants: &'static str,
    pub tenant: &'static str,
    pub all_tenants: &'static str,
    pub show_archived: &'static str,
    pub no_tenants: &'static str,
    pub new_tenant: &'static str,
    pub create_tenant: &'static str,
    pub tenant_name: &'static str,
    pub tenant_slug: &'static str,
    pub tenant_slug_hint: &'static str,
    pub contact_email: &'static str,
    pub default_locale: &'static str,
    pub enabled_locales: &'static str,
    pub enabled_locales_hint: &'static str,
    pub time_zone: &'static str,
    pub your_role: &'static str,
    pub tenant_details: &'static str,
    pub archive_heading: &'static str,
    pub archive_text: &'static str,
    pub archived_text: &'static str,
    pub archive: &'static str,
    pub unarchive: &'static str,
    pub delete_tenant: &'static str,
    pub delete_tenant_text: &'static str,
    pub type_slug_to_confirm: &'static str,
    pub delete_for_good: &'static str,
    pub no_members: &'static str,
    pub member_since: &'static str,
    pub change_role: &'static str,
    pub remove_member: &'static str,
    pub add_member: &'static str,
    pub add_member_intro: &'static str,
    pub member_added: &'static str,
    pub actor_database: &'static str,
    pub changes: &'static str,
    pub record_history: &'static str,
    pub showing_record_history: &'static str,
    pub show_all_activity: &'static str,
    pub person: &'static str,
    pub everyone: &'static str,
    pub record_kind_label: &'static str,
    pub all_kinds: &'static str,
    pub from_day: &'static str,
    pub to_day: &'static str,
    pub no_activity: &'static str,
    pub platform_activity: &'static str,
    pub nav_tenants: &'static str,
    pub nav_platform_activity: &'static str,
    pub platform_role_label: &'static str,
    pub platform_role_user: &'static str,
    pub make_staff: &'static str,
    pub remove_staff: &'static str,
    pub my_tenants: &'static str,
    pub continue_with: &'static str,
    pub no_tenant_access: &'static str,
}

impl Texts {
    fn de(&self) -> bool {
        self.lang == Lang::De
    }

    /// A sentence for an error code from the server; unknown codes fall back to a generic sentence.
    /// The sentences for a field's error codes, as one text.
    pub fn errors(&self, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.error(c))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn error(&self, code: &str) -> &'static str {
        use crate::auth::domain::codes::*;
        let de = self.de();
        let pick = |d: &'static str, e: &'static str| if de { d } else { e };
        match code {
            CREDENTIALS_INVALID => pick(
                "E-Mail-Adresse oder Passwort ist falsch.",
                "Wrong e-mail address or password.",
            ),
            EMAIL_INVALID => pick(
                "Bitte eine gültige E-Mail-Adresse eingeben.",
                "Please enter a valid e-mail address.",
            ),
            REQUIRED => pick("Bitte ausfüllen.", "Please fill this in."),
            PASSWORD_TOO_SHORT => pick(
                "Das Passwort braucht mindestens 12 Zeichen.",
                "The password needs at least 12 characters.",
            ),
            PASSWORD_TOO_LONG => pick(
                "Das Passwort darf höchstens 128 Zeichen haben.",
                "The password may have at most 128 characters.",
            ),
            PASSWORD_MISMATCH => pick(
                "Die beiden Passwörter stimmen nicht überein.",
                "The two passwords do not match.",
            ),
            LINK_INVALID => pick(
                "Dieser Link ist abgelaufen oder wurde schon benutzt.",
                "This link has expired or was already used.",
            ),
            PASSWORD_WEAK => pick(
                "Dieses Passwort ist zu leicht zu erraten.",
                "This password is too easy to guess.",
            ),
            "password_hint_common" => pick(
                "Es gehört zu den häufigsten Passwörtern oder ähnelt einem.",
                "It is one of the most common passwords, or close to one.",
            ),
            "password_hint_keyboard" => pick(
                "Tastaturmuster wie „qwertz“ sind schnell erraten.",
                "Keyboard patterns like “qwerty” are guessed quickly.",
            ),
            "password_hint_repeats" => pick(
                "Wiederholungen wie „aaa“ oder „abcabc“ helfen kaum.",
                "Repeats like “aaa” or “abcabc” hardly help.",
            ),
            "password_hint_sequence" => pick(
                "Folgen wie „abcd“ oder „1234“ sind schnell erraten.",
                "Sequences like “abcd” or “1234” are guessed quickly.",
            ),
            "password_hint_dates" => pick(
                "Jahreszahlen und Daten sind schnell erraten.",
                "Years and dates are guessed quickly.",
            ),
            "password_hint_names" => pick(
                "Namen, auch Ihr eigener oder Ihre E-Mail-Adresse, sind schnell erraten.",
                "Names, including your own or your e-mail address, are guessed quickly.",
            ),
            "password_hint_word" => pick(
                "Ein einzelnes Wort ist schnell erraten. Nehmen Sie mehrere.",
                "A single word is guessed quickly. Use several.",
            ),
            "password_hint_guessable" => pick(
                "Nehmen Sie mehrere ungewöhnliche Wörter oder einen ganzen Satz.",
                "Use several unusual words or a whole sentence.",
            ),
            PASSWORD_CURRENT_WRONG => pick(
                "Das aktuelle Passwort stimmt nicht.",
                "The current password is wrong.",
            ),
            CODE_FORMAT => pick("Der Code hat 6 Ziffern.", "The code has 6 digits."),
            CODE_WRONG => pick("Dieser Code stimmt nicht.", "This code is wrong."),
            CODE_EXPIRED => pick(
                "Dieser Code ist abgelaufen. Fordern Sie einen neuen an.",
                "This code has expired. Ask for a new one.",
            ),
            CODE_LOCKED => pick(
                "Zu viele falsche Versuche: Dieser Code gilt nicht mehr. Fordern Sie einen neuen an.",
                "Too many wrong tries: this code no longer works. Ask for a new one.",
            ),
            RESEND_LIMIT => pick(
                "Für diese Anmeldung gibt es keine weiteren Codes. Bitte melden Sie sich neu an.",
                "No more codes for this sign-in. Please sign in again.",
            ),
            LOGIN_EXPIRED => pick(
                "Diese Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.",
                "This sign-in has expired. Please sign in again.",
            ),
            ACCOUNT_EXISTS => pick(
                "Für diese Adresse gibt es schon ein Konto.",
                "There is already an account for this address.",
            ),
            NAME_INVALID => pick(
                "Bitte einen Namen mit 1 bis 200 Zeichen eingeben.",
                "Please enter a name of 1 to 200 characters.",
            ),
            CANNOT_DISABLE_SELF => pick(
                "Sie können Ihr eigenes Konto nicht sperren.",
                "You cannot disable your own account.",
            ),
            "slug_invalid" => pick(
                "Nur Kleinbuchstaben, Ziffern und Bindestriche (nicht am Anfang oder Ende), höchstens 63 Zeichen.",
                "Only lower-case letters, digits and hyphens (not first or last), at most 63 characters.",
            ),
            "slug_taken" => pick(
                "Dieses Kürzel ist schon vergeben.",
                "This short name is already taken.",
            ),
            "tenant_name_required" => pick(
                "Bitte einen Namen mit 1 bis 200 Zeichen eingeben.",
                "Please enter a name of 1 to 200 characters.",
            ),
            "locale_unsupported" => pick(
                "Diese Sprache wird nicht unterstützt.",
                "This language is not supported.",
            ),
            "time_zone_unknown" => pick(
                "Bitte eine Zeitzone aus der Liste wählen.",
                "Please choose a time zone from the list.",
            ),
            "confirm_slug" => pick(
                "Das Kürzel stimmt nicht. Nichts wurde gelöscht.",
                "The short name does not match. Nothing was deleted.",
            ),
            "role_invalid" => pick("Bitte eine Rolle wählen.", "Please choose a role."),
            "last_owner" => pick(
                "Der letzte Inhaber bleibt Inhaber. Machen Sie zuerst jemand anderen zum Inhaber.",
                "The last owner stays an owner. Make someone else an owner first.",
            ),
            "already_member" => pick(
                "Diese Person ist schon Mitglied.",
                "This person is already a member.",
            ),
            "date_invalid" => pick("Bitte ein Datum eingeben.", "Please enter a date."),
            other if crate::media::ui::texts::error(self.lang, other).is_some() => {
                crate::media::ui::texts::error(self.lang, other).unwrap_or_default()
            }
            other if crate::content::ui::texts::error(self.lang, other).is_some() => {
                crate::content::ui::texts::error(self.lang, other).unwrap_or_default()
            }
            _ => pick(
                "Das hat nicht geklappt. Bitte erneut versuchen.",
                "That did not work. Please try again.",
            ),
        }
    }

    /// A sentence for any server error.
    pub fn app_error(&self, err: &crate::error::AppError) -> String {
        use crate::error::AppError;
        let de = self.de();
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
            AppError::NotFound(_) if de => "Das gibt es nicht (mehr).".into(),
            AppError::NotFound(_) => "That does not exist (any more).".into(),
            AppError::TooManyRequests { retry_after_secs } => self.try_again_in(*retry_after_secs),
            AppError::Conflict(code) => self.error(code).to_owned(),
            AppError::Internal(reference) if de => {
                format!("Ein Fehler ist aufgetreten (Referenz {reference}).")
            }
            AppError::Internal(reference) => {
                format!("Something went wrong (reference {reference}).")
            }
            AppError::BadRequest(reason) if de => format!("Ungültige Anfrage: {reason}"),
            AppError::BadRequest(reason) => format!("Invalid request: {reason}"),
        }
    }

    /// "Seite 2 von 7".
    pub fn page_of(&self, page: i64, pages: i64) -> String {
        if self.de() {
            format!("Seite {page} von {pages}")
        } else {
            format!("Page {page} of {pages}")
        }
    }

    /// "Too many attempts" with the wait in seconds or minutes.
    pub fn try_again_in(&self, secs: i64) -> String {
        let wait = self.duration(secs);
        if self.de() {
            format!("Zu viele Versuche. Bitte in {wait} erneut versuchen.")
        } else {
            format!("Too many attempts. Please try again in {wait}.")
        }
    }

    /// 45 → "45 Sekunden", 300 → "5 Minuten".
    pub fn duration(&self, secs: i64) -> String {
        let secs = secs.max(1);
        let (n, unit_de, unit_en) = if secs < 90 {
            (secs, ("Sekunde", "Sekunden"), ("second", "seconds"))
        } else {
            (
                (secs + 59) / 60,
                ("Minute", "Minuten"),
                ("minute", "minutes"),
            )
        };
        let (one, many) = if self.de() { unit_de } else { unit_en };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    pub fn tries_left(&self, n: i32) -> String {
        match (self.de(), n) {
            (true, 1) => "Noch 1 Versuch.".into(),
            (true, n) => format!("Noch {n} Versuche."),
            (false, 1) => "1 try left.".into(),
            (false, n) => format!("{n} tries left."),
        }
    }

    pub fn resend_in(&self, secs: i64) -> String {
        if self.de() {
            format!("Neuer Code in {secs} s möglich.")
        } else {
            format!("A new code is possible in {secs} s.")
        }
    }

    pub fn sessions_ended(&self, n: u64) -> String {
        match (self.de(), n) {
            (true, 1) => "1 Sitzung beendet.".into(),
            (true, n) => format!("{n} Sitzungen beendet."),
            (false, 1) => "1 session ended.".into(),
            (false, n) => format!("{n} sessions ended."),
        }
    }

    /// The name of a security event kind.
    pub fn event_kind(&self, kind: &str) -> &'static str {
        let pick = |d: &'static str, e: &'static str| if self.de() { d } else { e };
        match kind {
            "login_succeeded" => pick("Angemeldet", "Signed in"),
            "login_failed" => pick("Anmeldung fehlgeschlagen", "Sign-in failed"),
            "code_sent" => pick("Code gesendet", "Code sent"),
            "code_failed" => pick("Falscher Code", "Wrong code"),
            "logout" => pick("Abgemeldet", "Signed out"),
            "session_revoked" => pick("Sitzung beendet", "Session ended"),
            "sessions_revoked" => pick("Andere Sitzungen beendet", "Other sessions ended"),
            "device_forgotten" => pick("Gerät vergessen", "Device forgotten"),
            "password_set" => pick("Erstes Passwort gesetzt", "First password set"),
            "password_changed" => pick("Passwort geändert", "Password changed"),
            "password_check_failed" => {
                pick("Falsches aktuelles Passwort", "Wrong current password")
            }
            "password_reset_requested" => pick("Zurücksetzen angefordert", "Reset requested"),
            "password_reset_completed" => pick("Passwort zurückgesetzt", "Password reset"),
            "user_disabled" => pick("Konto gesperrt", "Account disabled"),
            "user_enabled" => pick("Konto entsperrt", "Account enabled"),
            "invitation_sent" => pick("Einladung gesendet", "Invitation sent"),
            "invitation_revoked" => pick("Einladung zurückgezogen", "Invitation withdrawn"),
            "invitation_accepted" => pick("Einladung angenommen", "Invitation accepted"),
            "staff_changed" => pick("Agentur-Team geändert", "Agency staff changed"),
            _ => pick("Sonstiges", "Other"),
        }
    }

    /// What happened to a record, in the activity log.
    pub fn audit_action(&self, action: &str) -> &'static str {
        let pick = |d: &'static str, e: &'static str| if self.de() { d } else { e };
        match action {
            "insert" => pick("angelegt", "created"),
            "update" => pick("geändert", "changed"),
            "delete" => pick("gelöscht", "deleted"),
            _ => pick("?", "?"),
        }
    }

    /// The kind of record a table holds, in the activity log.
    pub fn record_kind(&self, table: &str) -> &'static str {
        let pick = |d: &'static str, e: &'static str| if self.de() { d } else { e };
        match table {
            "tenant" => pick("Kunde", "Customer"),
            "membership" => pick("Mitgliedschaft", "Membership"),
            "invitation" => pick("Einladung", "Invitation"),
            "user" => pick("Konto", "Account"),
            "session" => pick("Sitzung", "Session"),
            "trusted_device" => pick("Gemerktes Gerät", "Remembered device"),
            "password_token" => pick("Passwort-Link", "Password link"),
            "login_challenge" => pick("Anmeldeversuch", "Sign-in attempt"),
            "mail" => pick("Mail", "Mail"),
            "job" => pick("Hintergrundauftrag", "Background job"),
            _ => pick("Eintrag", "Record"),
        }
    }

    pub fn mail_status(&self, status: &str) -> &'static str {
        match status {
            "sent" => self.mail_sent,
            "failed" => self.mail_failed,
            _ => self.mail_queued,
        }
    }
}

/// The security event kinds, for the filter.
pub const EVENT_KINDS: &[&str] = &[
    "login_succeeded",
    "login_failed",
    "code_sent",
    "code_failed",
    "logout",
    "session_revoked",
    "sessions_revoked",
    "device_forgotten",
    "password_set",
    "password_changed",
    "password_check_failed",
    "password_reset_requested",
    "password_reset_completed",
    "user_disabled",
    "user_enabled",
    "invitation_sent",
    "invitation_revoked",
    "invitation_accepted",
    "staff_changed",
];

pub static DE: Texts = Texts {
    lang: Lang::De,
    app_name: "Traffino",
    skip_to_content: "Zum Inhalt springen",
    open_menu: "Menü",
    main_navigation: "Hauptnavigation",
    nav_dashboard: "Übersicht",
    nav_account: "Konto",
    nav_users: "Benutzer",
    nav_security: "Sicherheitsprotokoll",
    nav_dev_mail: "Mails (Entwicklung)",
    nav_admin_section: "Plattform",
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
    welcome_notice: "Ihr Konto ist angelegt. Melden Sie sich jetzt an.",
    session_ended_notice: "Ihre Sitzung wurde beendet. Bitte melden Sie sich erneut an.",
    forgot_password_link: "Passwort vergessen?",
    set_password_title: "Passwort festlegen",
    reset_password_title: "Neues Passwort festlegen",
    set_password_for: "Für das Konto",
    new_password: "Neues Passwort",
    new_password_hint: "12 bis 128 Zeichen, nicht leicht zu erraten. Ein Satz aus mehreren Wörtern ist gut zu merken.",
    confirm_password: "Passwort wiederholen",
    save_password: "Passwort speichern",
    link_invalid_title: "Link ungültig",
    link_invalid_text: "Dieser Link ist abgelaufen oder wurde schon benutzt. Bitten Sie um einen neuen.",
    to_login: "Zur Anmeldung",
    loading: "Lädt …",
    not_found_title: "Seite nicht gefunden",
    not_found_text: "Diese Seite gibt es nicht.",
    back_home: "Zur Übersicht",
    code_title: "Code eingeben",
    code_sent_to: "Wir haben einen 6-stelligen Code geschickt an",
    code_label: "Code aus der E-Mail",
    code_hint: "Er gilt 10 Minuten.",
    remember_device: "Dieses Gerät 30 Tage merken",
    remember_device_hint: "Dann fragen wir hier nur nach dem Passwort. Nicht auf fremden Geräten wählen.",
    confirm_code: "Bestätigen",
    resend_code: "Neuen Code senden",
    code_resent: "Ein neuer Code ist unterwegs. Der alte gilt nicht mehr.",
    start_over: "Abbrechen und neu anmelden",
    login_expired_title: "Anmeldung abgelaufen",
    login_expired_text: "Diese Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.",
    forgot_title: "Passwort vergessen",
    forgot_intro: "Geben Sie Ihre E-Mail-Adresse ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.",
    send_link: "Link senden",
    forgot_sent: "Wenn es ein Konto mit dieser Adresse gibt, ist ein Link unterwegs. Er gilt 1 Stunde. Schauen Sie auch im Spam-Ordner nach.",
    invite_title: "Einladung annehmen",
    invite_for: "Für",
    your_name: "Ihr Name",
    create_account: "Konto anlegen",
    account_title: "Konto",
    profile: "Profil",
    display_name: "Name",
    save: "Speichern",
    saved: "Gespeichert.",
    change_password: "Passwort ändern",
    current_password: "Aktuelles Passwort",
    password_changed_notice: "Passwort geändert. Alle anderen Sitzungen wurden beendet.",
    sessions: "Sitzungen",
    sessions_intro: "Hier sind Sie angemeldet. Beenden Sie, was Sie nicht kennen.",
    this_session: "Diese Sitzung",
    signed_in_at: "Angemeldet",
    last_active: "Zuletzt aktiv",
    ip_address: "IP-Adresse",
    revoke: "Beenden",
    revoke_others: "Alle anderen beenden",
    no_other_sessions: "Keine anderen Sitzungen.",
    devices: "Gemerkte Geräte",
    devices_intro: "Diese Geräte fragen 30 Tage lang nur nach dem Passwort, nicht nach dem Code.",
    no_devices: "Keine gemerkten Geräte.",
    this_device: "Dieses Gerät",
    remembered_since: "Gemerkt seit",
    valid_until: "Gültig bis",
    forget: "Vergessen",
    users_title: "Benutzer",
    invite_heading: "Einladen",
    invite_intro: "Die Einladung kommt per E-Mail. Mit dem Link legt die Person Namen und Passwort fest; er gilt 7 Tage.",
    invite_as_admin: "Als Plattform-Admin einladen",
    mail_language: "Sprache der E-Mail",
    language_de: "Deutsch",
    language_en: "Englisch",
    send_invitation: "Einladung senden",
    invitation_sent: "Einladung gesendet an",
    open_invitations: "Offene Einladungen",
    no_invitations: "Keine offenen Einladungen.",
    invited_by: "Eingeladen von",
    expires: "Läuft ab",
    expired: "Abgelaufen",
    times_sent: "Mal gesendet",
    resend: "Erneut senden",
    withdraw: "Zurückziehen",
    accounts: "Konten",
    status: "Status",
    active: "Aktiv",
    disabled: "Gesperrt",
    no_password_yet: "Noch kein Passwort",
    last_login: "Letzte Anmeldung",
    never: "Nie",
    disable: "Sperren",
    enable: "Entsperren",
    you: "Sie",
    security_title: "Sicherheitsprotokoll",
    security_intro: "Anmeldungen, Fehlversuche, Passwortänderungen, beendete Sitzungen und Sperren.",
    event_kind: "Ereignis",
    all_events: "Alle Ereignisse",
    filter: "Filtern",
    when: "Zeit",
    by_whom: "Durch",
    device: "Gerät",
    no_events: "Keine Ereignisse.",
    newer: "Neuere",
    older: "Ältere",
    previous_page: "Zurück",
    next_page: "Weiter",
    page: "Seite",
    dev_mail_title: "Mails (Entwicklung)",
    dev_mail_intro: "Nur mit TRAFFINO_ENV=dev sichtbar: die letzten 50 Mails, wie sie verschickt wurden.",
    recipient: "Empfänger",
    subject: "Betreff",
    no_mails: "Noch keine Mails.",
    mail_queued: "Wartet",
    mail_sent: "Gesendet",
    mail_failed: "Fehlgeschlagen",
    attempts: "Versuche",
    body_dropped: "Inhalt nach dem Versand verworfen.",
    refresh: "Aktualisieren",
    role_agency_staff: "Agentur-Team",
    role_owner: "Inhaber",
    role_editor: "Redaktion",
    role_viewer: "Nur lesen",
    tenant_not_found_title: "Kunde nicht gefunden",
    tenant_not_found_text: "Diesen Kunden gibt es nicht, oder Sie haben keinen Zugang.",
    tenant_overview: "Übersicht",
    members: "Mitglieder",
    activity: "Aktivität",
    settings: "Einstellungen",
    archived: "Archiviert",
    tenant_sections: "Bereiche des Kunden",
    switch_tenant: "Kunde wechseln",
    choose_tenant: "Kunde wählen",
    tenants: "Kunden",
    tenant: "Kunde",
    all_tenants: "Alle Kunden",
    show_archived: "Archivierte zeigen",
    no_tenants: "Noch keine Kunden.",
    new_tenant: "Neuer Kunde",
    create_tenant: "Kunde anlegen",
    tenant_name: "Name",
    tenant_slug: "Kürzel",
    tenant_slug_hint: "Kleinbuchstaben, Ziffern und Bindestriche. Steht in Adressen; nur Plattform-Admins ändern es.",
    contact_email: "Kontakt-E-Mail",
    default_locale: "Hauptsprache",
    enabled_locales: "Sprachen der Website",
    enabled_locales_hint: "Die Hauptsprache ist immer dabei. Jede Sprache kann DeepL übersetzen.",
    time_zone: "Zeitzone",
    your_role: "Ihre Rolle",
    tenant_details: "Angaben",
    archive_heading: "Archivieren",
    archive_text: "Archivierte Kunden sind ausgeblendet und ihre Mitglieder kommen nicht mehr hinein. Alle Daten bleiben erhalten.",
    archived_text: "Dieser Kunde ist archiviert: ausgeblendet, seine Mitglieder kommen nicht hinein.",
    archive: "Archivieren",
    unarchive: "Wiederherstellen",
    delete_tenant: "Endgültig löschen",
    delete_tenant_text: "Löscht den Kunden mit allen Mitgliedschaften, Einladungen, Inhalten und Dateien. Das lässt sich nicht rückgängig machen. Das Protokoll, wer was getan hat, bleibt.",
    type_slug_to_confirm: "Zur Bestätigung das Kürzel eingeben:",
    delete_for_good: "Kunde endgültig löschen",
    no_members: "Noch keine Mitglieder.",
    member_since: "Mitglied seit",
    change_role: "Rolle ändern",
    remove_member: "Entfernen",
    add_member: "Mitglied hinzufügen",
    add_member_intro: "Hat die Adresse schon ein Konto, ist die Person sofort Mitglied; sonst bekommt sie eine Einladung per E-Mail (7 Tage gültig).",
    member_added: "Hinzugefügt:",
    actor_database: "Datenbank (direkt)",
    changes: "Änderungen",
    record_history: "Verlauf",
    showing_record_history: "Sie sehen den Verlauf eines Eintrags.",
    show_all_activity: "Alle Aktivitäten zeigen",
    person: "Person",
    everyone: "Alle",
    record_kind_label: "Art",
    all_kinds: "Alle Arten",
    from_day: "Von",
    to_day: "Bis",
    no_activity: "Keine Aktivität.",
    platform_activity: "Aktivität (Plattform)",
    nav_tenants: "Kunden",
    nav_platform_activity: "Aktivität",
    platform_role_label: "Rolle",
    platform_role_user: "Benutzer (Kunden fügen Rollen hinzu)",
    make_staff: "Zum Agentur-Team",
    remove_staff: "Aus dem Agentur-Team",
    my_tenants: "Ihre Kunden",
    continue_with: "Weiter mit",
    no_tenant_access: "Sie haben noch keinen Zugang zu einem Kunden. Eine Einladung bekommen Sie vom Inhaber oder von der Agentur.",
};

pub static EN: Texts = Texts {
    lang: Lang::En,
    app_name: "Traffino",
    skip_to_content: "Skip to content",
    open_menu: "Menu",
    main_navigation: "Main navigation",
    nav_dashboard: "Dashboard",
    nav_account: "Account",
    nav_users: "Users",
    nav_security: "Security log",
    nav_dev_mail: "Mail (development)",
    nav_admin_section: "Platform",
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
    welcome_notice: "Your account is ready. Sign in now.",
    session_ended_notice: "Your session has ended. Please sign in again.",
    forgot_password_link: "Forgot your password?",
    set_password_title: "Set your password",
    reset_password_title: "Choose a new password",
    set_password_for: "For the account",
    new_password: "New password",
    new_password_hint: "12 to 128 characters, not easy to guess. A sentence of several words is easy to remember.",
    confirm_password: "Repeat password",
    save_password: "Save password",
    link_invalid_title: "Link not valid",
    link_invalid_text: "This link has expired or was already used. Ask for a new one.",
    to_login: "To sign in",
    loading: "Loading …",
    not_found_title: "Page not found",
    not_found_text: "This page does not exist.",
    back_home: "To the dashboard",
    code_title: "Enter the code",
    code_sent_to: "We sent a 6-digit code to",
    code_label: "Code from the e-mail",
    code_hint: "It is valid for 10 minutes.",
    remember_device: "Remember this device for 30 days",
    remember_device_hint: "Then this device only asks for the password. Do not choose this on a shared device.",
    confirm_code: "Confirm",
    resend_code: "Send a new code",
    code_resent: "A new code is on its way. The old one no longer works.",
    start_over: "Cancel and sign in again",
    login_expired_title: "Sign-in expired",
    login_expired_text: "This sign-in has expired. Please sign in again.",
    forgot_title: "Forgot your password",
    forgot_intro: "Enter your e-mail address. We will send you a link to choose a new password.",
    send_link: "Send link",
    forgot_sent: "If there is an account with this address, a link is on its way. It is valid for 1 hour. Check your spam folder too.",
    invite_title: "Accept the invitation",
    invite_for: "For",
    your_name: "Your name",
    create_account: "Create account",
    account_title: "Account",
    profile: "Profile",
    display_name: "Name",
    save: "Save",
    saved: "Saved.",
    change_password: "Change password",
    current_password: "Current password",
    password_changed_notice: "Password changed. All other sessions have been ended.",
    sessions: "Sessions",
    sessions_intro: "You are signed in here. End whatever you do not recognise.",
    this_session: "This session",
    signed_in_at: "Signed in",
    last_active: "Last active",
    ip_address: "IP address",
    revoke: "End",
    revoke_others: "End all others",
    no_other_sessions: "No other sessions.",
    devices: "Remembered devices",
    devices_intro: "These devices ask only for the password, not for the code, for 30 days.",
    no_devices: "No remembered devices.",
    this_device: "This device",
    remembered_since: "Remembered since",
    valid_until: "Valid until",
    forget: "Forget",
    users_title: "Users",
    invite_heading: "Invite",
    invite_intro: "The invitation goes out by e-mail. With its link the person chooses a name and a password; it is valid for 7 days.",
    invite_as_admin: "Invite as platform admin",
    mail_language: "Language of the e-mail",
    language_de: "German",
    language_en: "English",
    send_invitation: "Send invitation",
    invitation_sent: "Invitation sent to",
    open_invitations: "Open invitations",
    no_invitations: "No open invitations.",
    invited_by: "Invited by",
    expires: "Expires",
    expired: "Expired",
    times_sent: "times sent",
    resend: "Send again",
    withdraw: "Withdraw",
    accounts: "Accounts",
    status: "Status",
    active: "Active",
    disabled: "Disabled",
    no_password_yet: "No password yet",
    last_login: "Last sign-in",
    never: "Never",
    disable: "Disable",
    enable: "Enable",
    you: "You",
    security_title: "Security log",
    security_intro: "Sign-ins, failed attempts, password changes, ended sessions and disabled accounts.",
    event_kind: "Event",
    all_events: "All events",
    filter: "Filter",
    when: "Time",
    by_whom: "By",
    device: "Device",
    no_events: "No events.",
    newer: "Newer",
    older: "Older",
    previous_page: "Previous",
    next_page: "Next",
    page: "Page",
    dev_mail_title: "Mail (development)",
    dev_mail_intro: "Only visible with TRAFFINO_ENV=dev: the last 50 mails as they were sent.",
    recipient: "Recipient",
    subject: "Subject",
    no_mails: "No mail yet.",
    mail_queued: "Waiting",
    mail_sent: "Sent",
    mail_failed: "Failed",
    attempts: "Attempts",
    body_dropped: "Body dropped after sending.",
    refresh: "Refresh",
    role_agency_staff: "Agency staff",
    role_owner: "Owner",
    role_editor: "Editor",
    role_viewer: "Viewer",
    tenant_not_found_title: "Customer not found",
    tenant_not_found_text: "This customer does not exist, or you have no access.",
    tenant_overview: "Overview",
    members: "Members",
    activity: "Activity",
    settings: "Settings",
    archived: "Archived",
    tenant_sections: "Customer sections",
    switch_tenant: "Switch customer",
    choose_tenant: "Choose customer",
    tenants: "Customers",
    tenant: "Customer",
    all_tenants: "All customers",
    show_archived: "Show archived",
    no_tenants: "No customers yet.",
    new_tenant: "New customer",
    create_tenant: "Create customer",
    tenant_name: "Name",
    tenant_slug: "Short name",
    tenant_slug_hint: "Lower-case letters, digits and hyphens. Used in addresses; only platform admins change it.",
    contact_email: "Contact e-mail",
    default_locale: "Main language",
    enabled_locales: "Languages of the website",
    enabled_locales_hint: "The main language is always included. DeepL can translate into each of them.",
    time_zone: "Time zone",
    your_role: "Your role",
    tenant_details: "Details",
    archive_heading: "Archive",
    archive_text: "Archived customers are hidden and their members can no longer get in. All data is kept.",
    archived_text: "This customer is archived: hidden, its members cannot get in.",
    archive: "Archive",
    unarchive: "Restore",
    delete_tenant: "Delete for good",
    delete_tenant_text: "Deletes the customer with all memberships, invitations, content and files. This cannot be undone. The log of who did what stays.",
    type_slug_to_confirm: "To confirm, type the short name:",
    delete_for_good: "Delete customer for good",
    no_members: "No members yet.",
    member_since: "Member since",
    change_role: "Change role",
    remove_member: "Remove",
    add_member: "Add member",
    add_member_intro: "If the address has an account, the person is a member at once; otherwise they get an invitation by e-mail (valid 7 days).",
    member_added: "Added:",
    actor_database: "Database (direct)",
    changes: "Changes",
    record_history: "History",
    showing_record_history: "You are looking at the history of one record.",
    show_all_activity: "Show all activity",
    person: "Person",
    everyone: "Everyone",
    record_kind_label: "Kind",
    all_kinds: "All kinds",
    from_day: "From",
    to_day: "To",
    no_activity: "No activity.",
    platform_activity: "Activity (platform)",
    nav_tenants: "Customers",
    nav_platform_activity: "Activity",
    platform_role_label: "Role",
    platform_role_user: "User (customers add roles)",
    make_staff: "Make agency staff",
    remove_staff: "Remove from agency staff",
    my_tenants: "Your customers",
    continue_with: "Continue with",
    no_tenant_access: "You have no access to a customer yet. The owner or the agency will invite you.",
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

    #[test]
    fn every_event_kind_and_hint_has_a_name() {
        for kind in EVENT_KINDS {
            assert_ne!(DE.event_kind(kind), "Sonstiges", "{kind}");
            assert_ne!(EN.event_kind(kind), "Other", "{kind}");
        }
        for hint in [
            "common",
            "keyboard",
            "repeats",
            "sequence",
            "dates",
            "names",
            "word",
            "guessable",
        ] {
            let code = format!("password_hint_{hint}");
            assert_ne!(EN.error(&code), EN.error("no such code"), "{code}");
        }
    }

    #[test]
    fn waits_are_said_in_seconds_or_whole_minutes() {
        assert_eq!(
            DE.try_again_in(45),
            "Zu viele Versuche. Bitte in 45 Sekunden erneut versuchen."
        );
        assert_eq!(
            EN.try_again_in(61),
            "Too many attempts. Please try again in 61 seconds."
        );
        assert_eq!(
            EN.try_again_in(600),
            "Too many attempts. Please try again in 10 minutes."
        );
        assert_eq!(DE.duration(1), "1 Sekunde");
    }
}
