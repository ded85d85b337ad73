//! Password login, sessions and one-time links through the real server functions.
use crate::helpers::{PASSWORD, TestApp, body_text, cookie, session_cookie};
use http::{StatusCode, header};
use sqlx::PgPool;

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn login_creates_a_session_whose_token_is_stored_only_as_a_hash(db: PgPool) {
    let app = TestApp::new(db).await;
    let cookie = app.signed_in_user("ana@example.org").await;
    let token = cookie.split_once('=').unwrap().1.to_owned();
    assert!(token.len() >= 43, "256-bit token");

    let res = app.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        body_text(res)
            .await
            .contains(r#""email":"ana@example.org""#)
    );

    // No column anywhere holds the live token itself.
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("select token_hash from session")
        .fetch_all(&app.owner)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token.as_bytes());
    let dump: String = sqlx::query_scalar("select string_agg(s::text, ' ') from session s")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(!dump.contains(&token));
    let audit: String =
        sqlx::query_scalar("select coalesce(string_agg(diff::text, ' '), '') from audit_log")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert!(
        !audit.contains(&token) && !audit.contains("argon2"),
        "audit holds no secrets"
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_login_and_session_cookies_are_http_only_and_same_site_strict(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password("ana@example.org", false).await;
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
            None,
        )
        .await;
    let login = cookie(&res, "traffino_login").expect("login cookie");
    let code = app.code_for("ana@example.org").await;
    let res2 = app
        .post_form("/api/auth/code", &[("code", &code)], Some(&login))
        .await;
    for res in [&res, &res2] {
        let set_cookie: Vec<&str> = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert!(!set_cookie.is_empty());
        for c in set_cookie {
            assert!(
                c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Path=/"),
                "{c}"
            );
        }
    }
    assert!(session_cookie(&res2).is_some());
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn known_and_unknown_emails_get_identical_answers(db: PgPool) {
    let app = TestApp::new(db).await;
    app.signed_in_user("ana@example.org").await;
    let wrong = app
        .post_form(
            "/api/auth/login",
            &[
                ("email", "ana@example.org"),
                ("password", "wrong password!"),
            ],
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/api/auth/login",
            &[
                ("email", "nobody@example.org"),
                ("password", "wrong password!"),
            ],
            None,
        )
        .await;
    let (ws, us) = (wrong.status(), unknown.status());
    assert_eq!(ws, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ws, us);
    assert!(session_cookie(&wrong).is_none() && session_cookie(&unknown).is_none());
    assert_eq!(body_text(wrong).await, body_text(unknown).await);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn e_mail_is_case_insensitive_at_login(db: PgPool) {
    let app = TestApp::new(db).await;
    app.signed_in_user("ana@example.org").await;
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", " Ana@Example.ORG "), ("password", PASSWORD)],
            None,
        )
        .await;
    assert!(cookie(&res, "traffino_login").is_some());
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn logout_ends_the_session(db: PgPool) {
    let app = TestApp::new(db).await;
    let cookie = app.signed_in_user("ana@example.org").await;
    let res = app.post_form("/api/auth/logout", &[], Some(&cookie)).await;
    assert!(res.status().is_success());
    let cleared = res.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(
        app.get("/api/auth/me", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let sessions: i64 = sqlx::query_scalar("select count(*) from session")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn sessions_end_after_the_idle_and_the_absolute_timeout(db: PgPool) {
    let app = TestApp::new(db).await;
    let cookie = app.signed_in_user("ana@example.org").await;
    let idle = chrono::Duration::minutes(app.state.config.session_idle_minutes);

    // Activity keeps it alive past the idle timeout...
    for _ in 0..3 {
        app.state.clock.advance(idle - chrono::Duration::minutes(5));
        assert_eq!(
            app.get("/api/auth/me", Some(&cookie)).await.status(),
            StatusCode::OK
        );
    }
    // ...silence ends it.
    app.state.clock.advance(idle + chrono::Duration::minutes(1));
    assert_eq!(
        app.get("/api/auth/me", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The absolute timeout ends even an active session.
    let cookie = app.signed_in_user("bea@example.org").await;
    let absolute = chrono::Duration::hours(app.state.config.session_absolute_hours);
    let step = idle - chrono::Duration::minutes(5);
    let mut elapsed = chrono::Duration::zero();
    while elapsed + step < absolute {
        app.state.clock.advance(step);
        elapsed += step;
        assert_eq!(
            app.get("/api/auth/me", Some(&cookie)).await.status(),
            StatusCode::OK
        );
    }
    app.state.clock.advance(step);
    assert_eq!(
        app.get("/api/auth/me", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_password_link_works_once_and_expires_after_24_hours(db: PgPool) {
    let app = TestApp::new(db).await;
    let token = app.add_user("ana@example.org", false).await;
    let form = [
        ("token", token.as_str()),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    assert!(
        app.post_form("/api/auth/set-password", &form, None)
            .await
            .status()
            .is_success()
    );
    let again = app.post_form("/api/auth/set-password", &form, None).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(again).await.contains("link_invalid"));

    let token = app.add_user("bea@example.org", false).await;
    app.state
        .clock
        .advance(chrono::Duration::hours(24) + chrono::Duration::seconds(1));
    let form = [
        ("token", token.as_str()),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    assert_eq!(
        app.post_form("/api/auth/set-password", &form, None)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let hash: Option<String> =
        sqlx::query_scalar(r#"select password_hash from "user" where email = 'bea@example.org'"#)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(hash, None);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_weak_new_password_is_refused_and_the_link_stays_usable(db: PgPool) {
    let app = TestApp::new(db).await;
    let token = app.add_user("ana@example.org", false).await;
    let res = app
        .post_form(
            "/api/auth/set-password",
            &[
                ("token", &token),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(res).await.contains("password_too_short"));
    let res = app
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
    assert!(res.status().is_success());
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn setting_a_password_ends_existing_sessions(db: PgPool) {
    let app = TestApp::new(db).await;
    let cookie = app.signed_in_user("ana@example.org").await;
    let user_id: uuid::Uuid = sqlx::query_scalar(r#"select user_id from "user""#)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    // A reset link (Accounts issue) goes through the same path.
    let (token, hash) = (
        "reset-token-for-test".to_owned(),
        sha256(b"reset-token-for-test"),
    );
    sqlx::query("insert into password_token (password_token_id, token_hash, user_id, purpose, expires_at) values ($1, $2, $3, 'reset', $4)")
        .bind(uuid::Uuid::now_v7())
        .bind(hash)
        .bind(user_id)
        .bind(app.state.clock.now() + chrono::Duration::hours(1))
        .execute(&app.owner)
        .await
        .unwrap();
    let new_password = "Another long passphrase 7";
    let res = app
        .post_form(
            "/api/auth/set-password",
            &[
                ("token", &token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            None,
        )
        .await;
    assert!(res.status().is_success());
    assert_eq!(
        app.get("/api/auth/me", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_disabled_user_cannot_log_in_and_is_thrown_out(db: PgPool) {
    let app = TestApp::new(db).await;
    let cookie = app.signed_in_user("ana@example.org").await;
    sqlx::query(r#"update "user" set disabled_at = now()"#)
        .execute(&app.owner)
        .await
        .unwrap();
    assert_eq!(
        app.get("/api/auth/me", Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", "ana@example.org"), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}
