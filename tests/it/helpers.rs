//! Fixtures: app state on a test database, requests through the real router, users with passwords.
use axum::body::Body;
use http::{Request, Response, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;
use traffino::mail::transport::{Outgoing, Transport};
use traffino::server::clock::Clock;
use traffino::server::config::Config;
use traffino::server::database::{app_options, app_pool_options};
use traffino::server::secret::SecretBox;
use traffino::server::state::AppState;

pub const PASSWORD: &str = "Fahrrad Kanal Lampe 42!";
pub const TEST_USER_AGENT: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
pub const LOCAL_PEER: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 50000);

/// A pool on the test database logged in as traffino_app, like the server.
pub async fn app_pool(owner: &PgPool) -> PgPool {
    app_pool_sized(owner, 4).await
}

/// A pool of `max` connections as traffino_app, with the server's checks.
pub async fn app_pool_sized(owner: &PgPool, max: u32) -> PgPool {
    app_pool_options(max)
        .connect_with(app_options(&owner.connect_options(), None))
        .await
        .expect("connect as traffino_app")
}

pub struct TestApp {
    pub state: AppState,
    pub owner: PgPool,
    /// What the memory transport has sent.
    pub outbox: Arc<Mutex<Vec<Outgoing>>>,
}

impl TestApp {
    pub async fn new(owner: PgPool) -> Self {
        let outbox = Arc::new(Mutex::new(Vec::new()));
        Self::with_transport(owner, Transport::Memory(outbox.clone()), outbox).await
    }

    /// An app whose mail goes through `transport` (SMTP or SES against a local server).
    pub async fn with_transport(
        owner: PgPool,
        transport: Transport,
        outbox: Arc<Mutex<Vec<Outgoing>>>,
    ) -> Self {
        let leptos_options = LeptosOptions::builder()
            .output_name("traffino")
            .site_root("target/site")
            .build();
        let mut config = Config::for_tests();
        // Files the app writes (media, sites) go to a folder of this test, not the checkout.
        config.data_dir =
            std::env::temp_dir().join(format!("traffino-test-{}", uuid::Uuid::now_v7()));
        let state = AppState {
            leptos_options,
            db: app_pool(&owner).await,
            config: Arc::new(config),
            clock: Clock::fixed("2026-12-01T10:00:00Z".parse().unwrap()),
            mail: Arc::new(transport),
            secret: SecretBox::random(),
            jobs: Arc::new(tokio::sync::Notify::new()),
        };
        Self {
            state,
            owner,
            outbox,
        }
    }

    /// Runs the jobs that are due, as the worker would; returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        traffino::server::jobs::run_due(&self.state)
            .await
            .expect("run jobs")
    }

    /// Delivers queued mail and returns the last mail to `to`.
    pub async fn last_mail_to(&self, to: &str) -> Outgoing {
        self.run_jobs().await;
        self.outbox
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|m| m.to.eq_ignore_ascii_case(to))
            .cloned()
            .unwrap_or_else(|| panic!("no mail to {to}"))
    }

    /// How many mails went to `to`.
    pub async fn mails_to(&self, to: &str) -> usize {
        self.run_jobs().await;
        self.outbox
            .lock()
            .unwrap()
            .iter()
            .filter(|m| m.to.eq_ignore_ascii_case(to))
            .count()
    }

    /// The code in the last code mail to `to`.
    pub async fn code_for(&self, to: &str) -> String {
        self.run_jobs().await;
        self.outbox
            .lock()
            .unwrap()
            .iter()
            .rev()
            .filter(|m| m.to.eq_ignore_ascii_case(to))
            .find_map(|m| code_in(&m.text))
            .unwrap_or_else(|| panic!("no code mail to {to}"))
    }

    pub async fn send(&self, req: Request<Body>) -> Response<Body> {
        traffino::server::app(self.state.clone())
            .oneshot(req)
            .await
            .expect("router answers")
    }

    /// Posts a form to a server function, the way an `ActionForm` does with JavaScript on, from a
    /// browser on this machine (peer 127.0.0.1).
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Response<Body> {
        self.post_form_from(path, form, cookie, LOCAL_PEER, &[])
            .await
    }

    /// Posts a form from a given peer address with extra headers (proxies, spoofing attempts).
    pub async fn post_form_from(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
        peer: SocketAddr,
        headers: &[(&str, &str)],
    ) -> Response<Body> {
        let body = serde_urlencoded_pairs(form);
        let mut req = Request::post(path)
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::USER_AGENT, TEST_USER_AGENT)
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            req = req.header(header::COOKIE, cookie);
        }
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let mut req = req.body(Body::from(body)).unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        self.send(req).await
    }

    /// Uploads a file to the media library as the admin does (the file as the body, its name in
    /// `X-File-Name`); returns the status and the JSON answer.
    pub async fn upload(
        &self,
        cookie: Option<&str>,
        tenant: &str,
        name: &str,
        bytes: Vec<u8>,
    ) -> (http::StatusCode, serde_json::Value) {
        let name: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
        let mut req = Request::post(format!("/api/media/upload?tenant={tenant}"))
            .header(header::CONTENT_LENGTH, bytes.len())
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .header("x-file-name", name)
            .header(header::USER_AGENT, TEST_USER_AGENT)
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            req = req.header(header::COOKIE, cookie);
        }
        let mut req = req.body(Body::from(bytes)).unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(LOCAL_PEER));
        let res = self.send(req).await;
        let status = res.status();
        let text = body_text(res).await;
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Response<Body> {
        self.get_with_accept(path, cookie, "application/json").await
    }

    /// A page load, as a browser navigation does it (redirects then are real 302s).
    pub async fn get_page(&self, path: &str, cookie: Option<&str>) -> Response<Body> {
        self.get_with_accept(path, cookie, "text/html,application/xhtml+xml")
            .await
    }

    async fn get_with_accept(
        &self,
        path: &str,
        cookie: Option<&str>,
        accept: &str,
    ) -> Response<Body> {
        let mut req = Request::get(path)
            .header(header::ACCEPT, accept)
            .header(header::USER_AGENT, TEST_USER_AGENT);
        if let Some(cookie) = cookie {
            req = req.header(header::COOKIE, cookie);
        }
        let mut req = req.body(Body::empty()).unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(LOCAL_PEER));
        self.send(req).await
    }

    /// Creates a user through the same code as `traffino user add` and returns the link's token.
    pub async fn add_user(&self, email: &str, platform_admin: bool) -> String {
        let link = traffino::auth::cli::add_user(
            &self.state.db,
            &self.state.config,
            &self.state.clock,
            email,
            platform_admin,
        )
        .await
        .expect("add user");
        link.split("token=")
            .nth(1)
            .expect("token in link")
            .to_owned()
    }

    /// A user with a password, signed in with password and code; returns the session cookie.
    pub async fn signed_in_user(&self, email: &str) -> String {
        self.user_with_password(email, false).await;
        self.sign_in(email, PASSWORD).await
    }

    /// A platform admin, signed in; returns the session cookie.
    pub async fn signed_in_admin(&self, email: &str) -> String {
        self.user_with_password(email, true).await;
        self.sign_in(email, PASSWORD).await
    }

    /// Password, then the code from the mail; returns the session cookie.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let login = self.password_step(email, password, None).await;
        let code = self.code_for(email).await;
        let res = self
            .post_form("/api/auth/code", &[("code", &code)], Some(&login))
            .await;
        assert!(res.status().is_success(), "code: {}", res.status());
        cookie(&res, "traffino_session").expect("session cookie")
    }

    /// The password step; returns the login attempt's cookie.
    pub async fn password_step(
        &self,
        email: &str,
        password: &str,
        cookies: Option<&str>,
    ) -> String {
        let res = self
            .post_form(
                "/api/auth/login",
                &[("email", email), ("password", password)],
                cookies,
            )
            .await;
        assert!(res.status().is_success(), "login: {}", res.status());
        cookie(&res, "traffino_login").expect("login cookie")
    }

    /// Creates a user through `traffino user add` and sets the password through the link.
    pub async fn user_with_password(&self, email: &str, platform_admin: bool) {
        let token = self.add_user(email, platform_admin).await;
        let res = self
            .post_form(
                "/api/auth/set-password",
                &[
                    ("token", &token),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                ],
                None,
            )
            .await;
        assert!(res.status().is_success(), "set password: {}", res.status());
    }
}

/// The session cookie set by a response, as `name=value` for a `Cookie` header.
pub fn session_cookie(res: &Response<Body>) -> Option<String> {
    cookie(res, "traffino_session")
}

/// A cookie set by a response, as `name=value`; `None` if it is not set or is being cleared.
pub fn cookie(res: &Response<Body>, name: &str) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")) && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

/// The six-digit code in a mail text.
pub fn code_in(text: &str) -> Option<String> {
    text.split_whitespace()
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
}

/// The token of the first link with `path` in a mail text.
pub fn link_token_in(text: &str, path: &str) -> Option<String> {
    let start = text.find(&format!("{path}?token="))? + path.len() + 7;
    Some(
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
    )
}

pub async fn body_text(res: Response<Body>) -> String {
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn serde_urlencoded_pairs(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

impl TestApp {
    /// Creates a tenant as the platform admin `admin` (session cookie); returns its id.
    pub async fn create_tenant(&self, admin: &str, slug: &str, name: &str) -> uuid::Uuid {
        let res = self
            .post_form(
                "/api/tenants/create",
                &[
                    ("input[name]", name),
                    ("input[slug]", slug),
                    ("input[contact_email]", ""),
                    ("input[default_locale]", "de"),
                    ("input[enabled_locales][0]", "de"),
                    ("input[enabled_locales][1]", "en"),
                    ("input[time_zone]", "Europe/Berlin"),
                ],
                Some(admin),
            )
            .await;
        assert!(res.status().is_success(), "create tenant: {}", res.status());
        sqlx::query_scalar("select tenant_id from tenant where slug = $1")
            .bind(slug)
            .fetch_one(&self.owner)
            .await
            .unwrap()
    }

    /// Creates a site (German and English) as `by`; returns its id.
    pub async fn create_site(&self, by: &str, tenant: uuid::Uuid, name: &str) -> String {
        let tenant = tenant.to_string();
        let res = self
            .post_form(
                "/api/content/sites/create",
                &[
                    ("tenant", tenant.as_str()),
                    ("input[name]", name),
                    ("input[default_locale]", "de"),
                    ("input[enabled_locales][0]", "de"),
                    ("input[enabled_locales][1]", "en"),
                ],
                Some(by),
            )
            .await;
        assert!(res.status().is_success(), "create site: {}", res.status());
        serde_json::from_str::<String>(&body_text(res).await).unwrap()
    }

    /// Creates a page at the top of a site as `by`; returns its id.
    pub async fn create_page(
        &self,
        by: &str,
        tenant: uuid::Uuid,
        site: &str,
        title: &str,
        slug: &str,
    ) -> String {
        let tenant = tenant.to_string();
        let res = self
            .post_form(
                "/api/content/pages/create",
                &[
                    ("tenant", tenant.as_str()),
                    ("site", site),
                    ("title", title),
                    ("slug", slug),
                ],
                Some(by),
            )
            .await;
        assert!(res.status().is_success(), "create page: {}", res.status());
        serde_json::from_str::<String>(&body_text(res).await).unwrap()
    }

    /// Gives an existing account a role in a tenant, as `by` (an owner or platform admin).
    pub async fn add_member(&self, by: &str, tenant: uuid::Uuid, email: &str, role: &str) {
        let tenant = tenant.to_string();
        let res = self
            .post_form(
                "/api/tenants/members/invite",
                &[
                    ("tenant", &tenant),
                    ("email", email),
                    ("role", role),
                    ("locale", "de"),
                ],
                Some(by),
            )
            .await;
        assert!(res.status().is_success(), "add member: {}", res.status());
    }
}
