//! The router as a client sees it: health checks, status codes, headers, and bad input.
use crate::helpers::{TestApp, body_text};
use axum::body::Body;
use http::{Request, StatusCode, header};
use sqlx::PgPool;

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn health_and_readiness(db: PgPool) {
    let app = TestApp::new(db).await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body_text(res).await, r#"{"status":"ok"}"#);

    let res = app.get("/readyz", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body_text(res).await.contains(r#""status":"ready""#));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn readiness_fails_when_the_database_is_gone(db: PgPool) {
    let app = TestApp::new(db).await;
    app.state.db.close().await;
    let res = app.get("/readyz", None).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = body_text(res).await;
    assert!(
        body.contains("database unreachable") && !body.contains("pool"),
        "{body}"
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_server_function_without_a_session_gets_401(db: PgPool) {
    let app = TestApp::new(db).await;
    let res = app.get("/api/auth/me", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(body_text(res).await, r#""Unauthorized""#);

    let res = app
        .post_form("/api/auth/logout", &[], Some("traffino_session=forged"))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_cross_origin_post_gets_403_and_changes_nothing(db: PgPool) {
    let app = TestApp::new(db).await;
    let token = app.add_user("ana@example.org", false).await;
    let form = format!(
        "token={token}&password=Fahrrad+Kanal+Lampe+42%21&password_confirm=Fahrrad+Kanal+Lampe+42%21"
    );
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let req = Request::post("/api/auth/set-password")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(name, value)
            .body(Body::from(form.clone()))
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
    let hash: Option<String> = sqlx::query_scalar(r#"select password_hash from "user""#)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(hash, None, "the forged post set no password");

    // The same post from our own origin goes through.
    let req = Request::post("/api/auth/set-password")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .body(Body::from(form))
        .unwrap();
    assert!(app.send(req).await.status().is_success());
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_malformed_post_gets_400_with_a_reason_and_no_internals(db: PgPool) {
    let app = TestApp::new(db).await;
    let res = app
        .post_form("/api/auth/login", &[("email", "ana@example.org")], None)
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = body_text(res).await;
    assert!(
        body.contains("BadRequest") && body.contains("password"),
        "{body}"
    );

    let req = Request::post("/api/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(vec![0xff, 0xfe, 0x00]))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = body_text(res).await;
    for leak in ["sqlx", "postgres", "panicked", "src/"] {
        assert!(!body.to_lowercase().contains(leak), "{body}");
    }
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn an_oversized_body_gets_413(db: PgPool) {
    let app = TestApp::new(db).await;
    let big = "x".repeat(app.state.config.max_body_bytes + 1);
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", &big), ("password", "x")],
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn pages_carry_security_headers_and_a_nonce_csp(db: PgPool) {
    let app = TestApp::new(db).await;
    let res = app.get("/login", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert!(h.contains_key("x-request-id"));
    let csp = h[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("nonce in CSP")
        .to_owned();
    let html = body_text(res).await;
    assert!(
        html.contains(&format!(r#"nonce="{nonce}""#)),
        "hydration script carries the CSP nonce"
    );
    assert!(html.contains(r#"<html lang="de">"#), "German by default");
    assert!(html.contains(r#"autocomplete="current-password""#));

    // Every page gets a fresh nonce.
    let again = app.get("/login", None).await;
    assert_ne!(
        again.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap(),
        csp
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_dashboard_redirects_to_login_without_a_session_and_unknown_pages_are_404(db: PgPool) {
    let app = TestApp::new(db).await;
    let res = app.get_page("/", None).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/login");

    let res = app.get_page("/no-such-page", None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_language_cookie_picks_the_rendered_language(db: PgPool) {
    let app = TestApp::new(db).await;
    let res = app
        .post_form("/api/ui/language", &[("lang", "en")], None)
        .await;
    assert!(res.status().is_success());
    let cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("traffino_lang=en;"), "{cookie}");
    let html = body_text(app.get("/login", Some("traffino_lang=en")).await).await;
    assert!(html.contains(r#"<html lang="en">"#) && html.contains("Sign in"));

    let res = app
        .post_form("/api/ui/language", &[("lang", "xx")], None)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
