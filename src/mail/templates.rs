//! The mails Traffino sends, in German and English, each as plain text and HTML. Subjects never carry a
//! secret: they are stored unencrypted and shown in notification previews.
use crate::app::i18n::Lang;

pub enum Template<'a> {
    LoginCode {
        code: &'a str,
        minutes: i64,
    },
    PasswordReset {
        link: &'a str,
        minutes: i64,
    },
    Invitation {
        link: &'a str,
        inviter: &'a str,
        /// The tenant the invitation leads into, if any.
        tenant: Option<&'a str>,
        days: i64,
    },
    PasswordChanged {
        email: &'a str,
    },
}

pub struct Rendered {
    pub kind: &'static str,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Template<'_> {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::LoginCode { .. } => "login_code",
            Self::PasswordReset { .. } => "password_reset",
            Self::Invitation { .. } => "invitation",
            Self::PasswordChanged { .. } => "password_changed",
        }
    }

    pub fn render(&self, lang: Lang) -> Rendered {
        let de = lang == Lang::De;
        let t = |de_text: &str, en_text: &str| -> String {
            if de {
                de_text.to_owned()
            } else {
                en_text.to_owned()
            }
        };
        use Part::{Button, Code, P};
        let (subject, parts) = match *self {
            Self::LoginCode { code, minutes } => (
                t("Ihr Anmeldecode für Traffino", "Your Traffino sign-in code"),
                vec![
                    P(t("Ihr Code zum Anmelden:", "Your code to sign in:")),
                    Code(code.to_owned()),
                    P(if de {
                        format!("Er gilt {minutes} Minuten und nur für diese Anmeldung.")
                    } else {
                        format!("It is valid for {minutes} minutes and only for this sign-in.")
                    }),
                    P(t(
                        "Waren Sie das nicht? Dann kennt jemand Ihr Passwort: Ändern Sie es bitte gleich.",
                        "Not you? Then someone knows your password: please change it now.",
                    )),
                ],
            ),
            Self::PasswordReset { link, minutes } => (
                t("Passwort zurücksetzen", "Reset your password"),
                vec![
                    P(if de {
                        format!(
                            "Mit diesem Link legen Sie ein neues Passwort fest. Er gilt {minutes} Minuten und nur einmal."
                        )
                    } else {
                        format!(
                            "Use this link to choose a new password. It works once, within {minutes} minutes."
                        )
                    }),
                    Button(
                        link.to_owned(),
                        t("Neues Passwort festlegen", "Choose a new password"),
                    ),
                    P(t(
                        "Haben Sie das nicht angefordert? Dann ignorieren Sie diese Mail; Ihr Passwort bleibt, wie es ist.",
                        "Did not ask for this? Ignore this mail; your password stays as it is.",
                    )),
                ],
            ),
            Self::Invitation {
                link,
                inviter,
                tenant,
                days,
            } => (
                t("Einladung zu Traffino", "You are invited to Traffino"),
                vec![
                    P(match (tenant, de) {
                        (Some(tenant), true) => format!(
                            "{inviter} lädt Sie ein, die Website von {tenant} in Traffino mitzubearbeiten."
                        ),
                        (Some(tenant), false) => format!(
                            "{inviter} invites you to work on the website of {tenant} in Traffino."
                        ),
                        (None, true) => {
                            format!("{inviter} lädt Sie zu Traffino ein, dem CMS Ihrer Website.")
                        }
                        (None, false) => {
                            format!("{inviter} invites you to Traffino, the CMS of your website.")
                        }
                    }),
                    P(if de {
                        format!(
                            "Legen Sie über den Link Ihren Namen und Ihr Passwort fest. Er gilt {days} Tage."
                        )
                    } else {
                        format!(
                            "Use the link to choose your name and password. It is valid for {days} days."
                        )
                    }),
                    Button(
                        link.to_owned(),
                        t("Einladung annehmen", "Accept the invitation"),
                    ),
                ],
            ),
            Self::PasswordChanged { email } => (
                t("Ihr Passwort wurde geändert", "Your password was changed"),
                vec![
                    P(if de {
                        format!(
                            "Das Passwort des Traffino-Kontos {email} wurde eben geändert. Alle anderen Sitzungen wurden beendet."
                        )
                    } else {
                        format!(
                            "The password of the Traffino account {email} was just changed. All other sessions were ended."
                        )
                    }),
                    P(t(
                        "Waren Sie das nicht? Setzen Sie Ihr Passwort über „Passwort vergessen“ sofort zurück.",
                        "Not you? Reset your password at once with “Forgot password”.",
                    )),
                ],
            ),
        };

        let mut text = String::new();
        let mut html = String::from(
            "<!DOCTYPE html><html><body style=\"font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;\
             font-size:16px;line-height:1.5;color:#17191c;background:#f6f7f9;margin:0;padding:24px\">\
             <div style=\"max-width:520px;margin:0 auto;background:#fff;border-radius:12px;padding:24px\">",
        );
        let greeting = P(t("Guten Tag,", "Hello,"));
        let signature = P(t("Ihr Traffino", "Traffino"));
        for part in std::iter::once(&greeting).chain(&parts).chain([&signature]) {
            match part {
                P(p) => {
                    text.push_str(&format!("{p}\n\n"));
                    html.push_str(&format!("<p>{}</p>", escape(p)));
                }
                Code(code) => {
                    text.push_str(&format!("    {code}\n\n"));
                    html.push_str(&format!(
                        "<p style=\"font-size:32px;font-weight:700;letter-spacing:6px;font-family:ui-monospace,monospace\">{}</p>",
                        escape(code)
                    ));
                }
                Button(link, label) => {
                    text.push_str(&format!("{label}:\n{link}\n\n"));
                    html.push_str(&format!(
                        "<p><a href=\"{link}\" style=\"display:inline-block;background:#1f4fd1;color:#fff;padding:12px 20px;\
                         border-radius:8px;text-decoration:none;font-weight:600\">{label}</a></p>\
                         <p style=\"font-size:13px;color:#5b6370;word-break:break-all\">{link}</p>",
                        link = escape(link),
                        label = escape(label),
                    ));
                }
            }
        }
        html.push_str("</div></body></html>");
        Rendered {
            kind: self.kind(),
            subject,
            text: text.trim_end().to_owned() + "\n",
            html,
        }
    }
}

/// A piece of a mail body.
enum Part {
    P(String),
    /// A code to type in, shown large.
    Code(String),
    /// A link shown as a button, with the address spelled out beneath it.
    Button(String, String),
}

/// HTML-escapes text for element content and double-quoted attributes (the sites' escaping).
pub use crate::render::escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_mail_has_the_code_in_both_bodies_but_not_in_the_subject() {
        for lang in [Lang::De, Lang::En] {
            let m = Template::LoginCode {
                code: "042137",
                minutes: 10,
            }
            .render(lang);
            assert!(m.text.contains("042137") && m.html.contains("042137"));
            assert!(!m.subject.contains("042137"));
        }
        let de = Template::LoginCode {
            code: "1",
            minutes: 10,
        }
        .render(Lang::De);
        assert!(de.subject.contains("Anmeldecode") && de.text.contains("10 Minuten"));
    }

    #[test]
    fn links_and_names_are_escaped_in_html() {
        let m = Template::Invitation {
            link: "https://cms.example/invite?token=a&b",
            inviter: "<script>Eve</script>",
            tenant: Some("Bäckerei & Co"),
            days: 7,
        }
        .render(Lang::En);
        assert!(m.html.contains("token=a&amp;b") && !m.html.contains("<script>"));
        assert!(m.html.contains("Bäckerei &amp; Co"));
        assert!(
            m.text.contains("<script>Eve</script>"),
            "plain text stays as written"
        );
        assert!(m.text.contains("https://cms.example/invite?token=a&b"));
    }
}
