//! Fixtures: app state on a test database, requests through the real router, users with passwords.
use axum::body::Body;
use http::{Request, Response, header};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use std::sync::Arc;
use tower::ServiceExt;
use traffino::server::clock::Clock;
use traffino::server::config::Config;
use traffino::server::database::app_options;
use traffino::server::state::AppState;

pub const PASSWORD: &str = "Fahrrad Kanal Lampe 42!";

/// A pool on the test database logged in as traffino_app, like the server.
pub async fn app_pool(owner: &PgPool) -> PgPool {
    PgPoolOptions::new()
        .max_connections(4)
        .connect_with(app_options(&owner.connect_options(), None))
        .await
        .expect("connect as traffino_app")
}

pub struct TestApp {
    pub state: AppState,
    pub owner: PgPool,
}

impl TestApp {
    pub async fn new(owner: PgPool) -> Self {
        let leptos_options = LeptosOptions::builder()
            .output_name("traffino")
            .site_root("target/site")
            .build();
        let config = Config::for_tests();
        let state = AppState {
            leptos_options,
            db: app_pool(&owner).await,
            config: Arc::new(config),
            clock: Clock::fixed("2026-12-01T10:00:00Z".parse().unwrap()),
        };
        Self { state, owner }
    }

    pub async fn send(&self, req: Request<Body>) -> Response<Body> {
        traffino::server::app(self.state.clone())
            .oneshot(req)
            .await
            .expect("router answers")
    }

    /// Posts a form to a server function, the way an `ActionForm` does with JavaScript on.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Response<Body> {
        let body = serde_urlencoded_pairs(form);
        let mut req = Request::post(path)
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            req = req.header(header::COOKIE, cookie);
        }
        self.send(req.body(Body::from(body)).unwrap()).await
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
        let mut req = Request::get(path).header(header::ACCEPT, accept);
        if let Some(cookie) = cookie {
            req = req.header(header::COOKIE, cookie);
        }
        self.send(req.body(Body::empty()).unwrap()).await
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

    /// A user with a password, signed in; returns the session cookie (`name=value`).
    pub async fn signed_in_user(&self, email: &str) -> String {
        let token = self.add_user(email, false).await;
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
        let res = self
            .post_form(
                "/api/auth/login",
                &[("email", email), ("password", PASSWORD)],
                None,
            )
            .await;
        assert!(res.status().is_success(), "login: {}", res.status());
        session_cookie(&res).expect("session cookie")
    }
}

/// The session cookie set by a response, as `name=value` for a `Cookie` header.
pub fn session_cookie(res: &Response<Body>) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("traffino_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
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
