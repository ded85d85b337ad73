//! The account cookies. All are HttpOnly and SameSite=Strict; outside dev they are also Secure and
//! carry the `__Host-` prefix (no Domain, Path=/), so no subdomain can set or read them.
use crate::server::config::Config;

#[derive(Copy, Clone, Debug)]
pub(crate) enum Cookie {
    /// The signed-in session.
    Session,
    /// A login that passed the password and waits for the code.
    Login,
    /// A remembered device (skips the code, never the password).
    Device,
}

impl Cookie {
    fn base(self) -> &'static str {
        match self {
            Self::Session => "traffino_session",
            Self::Login => "traffino_login",
            Self::Device => "traffino_device",
        }
    }

    pub fn name(self, config: &Config) -> String {
        if config.is_dev() {
            self.base().to_owned()
        } else {
            format!("__Host-{}", self.base())
        }
    }

    /// The cookie's value in a request.
    pub fn read(self, config: &Config, headers: &http::HeaderMap) -> Option<String> {
        crate::server::ctx::cookie(headers, &self.name(config)).filter(|v| !v.is_empty())
    }

    /// A `Set-Cookie` value that stores `value` for `max_age_secs`.
    pub fn set(self, config: &Config, value: &str, max_age_secs: i64) -> String {
        let secure = if config.is_dev() { "" } else { "; Secure" };
        format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}",
            self.name(config)
        )
    }

    /// A `Set-Cookie` value that removes the cookie.
    pub fn clear(self, config: &Config) -> String {
        self.set(config, "", 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_dev_cookies_are_secure_host_cookies() {
        let mut config = Config::for_tests();
        let dev = Cookie::Session.set(&config, "t", 60);
        assert_eq!(
            dev,
            "traffino_session=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=60"
        );
        config.env = crate::server::config::Env::Prod;
        let prod = Cookie::Device.set(&config, "t", 60);
        assert!(prod.starts_with("__Host-traffino_device=t;") && prod.ends_with("; Secure"));
        assert!(Cookie::Login.clear(&config).contains("Max-Age=0"));
    }
}
