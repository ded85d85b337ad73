//! The accounts capability through the real server functions: the second factor, remembered devices,
//! sessions, password change and reset, invitations, disabling, rate limits and security events.
use crate::helpers::{
    LOCAL_PEER, PASSWORD, TestApp, body_text, code_in, cookie, link_token_in, session_cookie,
};
use chrono::Duration;
use http::{StatusCode, header};
use sqlx::PgPool;

const ANA: &str = "ana@example.org";
const BEA: &str = "bea@example.org";

async fn status_of_me(app: &TestApp, session: &str) -> StatusCode {
    app.get("/api/auth/me", Some(session)).await.status()
}

// -- The second factor ---------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_password_alone_starts_no_session_the_code_from_the_mail_does(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", ANA), ("password", PASSWORD)],
            None,
        )
        .await;
    assert!(res.status().is_success());
    assert!(
        session_cookie(&res).is_none(),
        "no session after the password"
    );
    let login = cookie(&res, "traffino_login").unwrap();
    // The login cookie is no session.
    assert_eq!(status_of_me(&app, &login).await, StatusCode::UNAUTHORIZED);

    let mail = app.last_mail_to(ANA).await;
    assert_eq!(mail.subject, "Ihr Anmeldecode für Traffino");
    let code = code_in(&mail.text).unwrap();
    assert!(mail.html.contains(&code));
    assert!(!mail.subject.contains(&code));

    let res = app
        .post_form("/api/auth/code", &[("code", &code)], Some(&login))
        .await;
    assert!(res.status().is_success());
    let session = session_cookie(&res).unwrap();
    assert_eq!(status_of_me(&app, &session).await, StatusCode::OK);
    // The login attempt is used up: the same code again is refused.
    let again = app
        .post_form("/api/auth/code", &[("code", &code)], Some(&login))
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(again).await.contains("login_expired"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_cookie_value_differs_after_each_step_and_the_old_session_ends(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let first_session = app.sign_in(ANA, PASSWORD).await;
    // Signing in again from the same browser (it still sends its session cookie).
    let login = app.password_step(ANA, PASSWORD, Some(&first_session)).await;
    let code = app.code_for(ANA).await;
    let res = app
        .post_form(
            "/api/auth/code",
            &[("code", &code)],
            Some(&format!("{first_session}; {login}")),
        )
        .await;
    let second_session = session_cookie(&res).unwrap();
    let value = |c: &str| c.split_once('=').unwrap().1.to_owned();
    let values = [value(&first_session), value(&login), value(&second_session)];
    assert_ne!(values[0], values[1]);
    assert_ne!(values[1], values[2]);
    assert_ne!(values[0], values[2]);
    assert_eq!(
        status_of_me(&app, &first_session).await,
        StatusCode::UNAUTHORIZED,
        "the token of the earlier session does not outlive the new login"
    );
    assert_eq!(status_of_me(&app, &second_session).await, StatusCode::OK);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_code_expires_after_ten_minutes(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let login = app.password_step(ANA, PASSWORD, None).await;
    let code = app.code_for(ANA).await;
    app.state
        .clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let res = app
        .post_form("/api/auth/code", &[("code", &code)], Some(&login))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(res).await.contains("code_expired"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn five_wrong_codes_kill_the_code_even_for_the_right_one(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let login = app.password_step(ANA, PASSWORD, None).await;
    let code = app.code_for(ANA).await;
    let wrong = if code == "000000" { "000001" } else { "000000" };
    for attempt in 1..=5 {
        let res = app
            .post_form("/api/auth/code", &[("code", wrong)], Some(&login))
            .await;
        let expected = if attempt < 5 {
            "code_wrong"
        } else {
            "code_locked"
        };
        // From the fifth failure on the account also waits (backoff): 429 is a refusal too.
        let status = res.status();
        let body = body_text(res).await;
        assert!(
            (status == StatusCode::UNPROCESSABLE_ENTITY && body.contains(expected))
                || status == StatusCode::TOO_MANY_REQUESTS,
            "attempt {attempt}: {status} {body}"
        );
    }
    app.state.clock.advance(Duration::minutes(5));
    let res = app
        .post_form("/api/auth/code", &[("code", &code)], Some(&login))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(session_cookie(&res).is_none());
    assert!(body_text(res).await.contains("code_locked"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn fifty_parallel_wrong_guesses_count_as_fifty_tries(db: PgPool) {
    let app = std::sync::Arc::new(TestApp::new(db).await);
    app.user_with_password(ANA, false).await;
    let login = app.password_step(ANA, PASSWORD, None).await;
    let code = app.code_for(ANA).await;
    let wrong = if code == "999999" { "999998" } else { "999999" };
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (app, login) = (app.clone(), login.clone());
        tasks.push(tokio::spawn(async move {
            app.post_form("/api/auth/code", &[("code", wrong)], Some(&login))
                .await
                .status()
        }));
    }
    for task in tasks {
        let status = task.await.unwrap();
        assert!(!status.is_success(), "a wrong code never signs in");
    }
    let attempts: i32 = sqlx::query_scalar("select code_attempts from login_challenge")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(attempts, 50);
    app.state.clock.advance(Duration::minutes(5));
    let res = app
        .post_form("/api/auth/code", &[("code", &code)], Some(&login))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(res).await.contains("code_locked"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_code_belongs_only_to_its_login_attempt(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let first = app.password_step(ANA, PASSWORD, None).await;
    let first_code = app.code_for(ANA).await;
    let second = app.password_step(ANA, PASSWORD, None).await;
    let second_code = app.code_for(ANA).await;
    if first_code != second_code {
        let res = app
            .post_form("/api/auth/code", &[("code", &first_code)], Some(&second))
            .await;
        assert!(body_text(res).await.contains("code_wrong"));
    }
    // Each attempt still works with its own code.
    let res = app
        .post_form("/api/auth/code", &[("code", &first_code)], Some(&first))
        .await;
    assert!(session_cookie(&res).is_some());
    let res = app
        .post_form("/api/auth/code", &[("code", &second_code)], Some(&second))
        .await;
    assert!(session_cookie(&res).is_some());
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_new_code_replaces_the_old_and_resends_are_limited(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let login = app.password_step(ANA, PASSWORD, None).await;
    let old_code = app.code_for(ANA).await;

    // Too soon: the answer says when.
    let res = app
        .post_form("/api/auth/code/resend", &[], Some(&login))
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.headers()[header::RETRY_AFTER], "30");

    let mut codes = vec![old_code.clone()];
    for _ in 0..3 {
        app.state.clock.advance(Duration::seconds(31));
        let res = app
            .post_form("/api/auth/code/resend", &[], Some(&login))
            .await;
        assert!(res.status().is_success(), "{}", res.status());
        codes.push(app.code_for(ANA).await);
    }
    assert_eq!(app.mails_to(ANA).await, 4);
    app.state.clock.advance(Duration::seconds(31));
    let res = app
        .post_form("/api/auth/code/resend", &[], Some(&login))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(res).await.contains("resend_limit"));

    let newest = codes.last().unwrap().clone();
    if old_code != newest {
        let res = app
            .post_form("/api/auth/code", &[("code", &old_code)], Some(&login))
            .await;
        assert!(
            body_text(res).await.contains("code_wrong"),
            "the old code is dead"
        );
    }
    let res = app
        .post_form("/api/auth/code", &[("code", &newest)], Some(&login))
        .await;
    assert!(session_cookie(&res).is_some());
}

// -- Remembered devices --------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_remembered_device_skips_the_code_but_never_the_password(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    app.user_with_password(BEA, false).await;
    let login = app.password_step(ANA, PASSWORD, None).await;
    let code = app.code_for(ANA).await;
    let res = app
        .post_form(
            "/api/auth/code",
            &[("code", &code), ("remember", "on")],
            Some(&login),
        )
        .await;
    let device = cookie(&res, "traffino_device").expect("device cookie");
    let set: Vec<&str> = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let device_header = set
        .iter()
        .find(|c| c.starts_with("traffino_device="))
        .unwrap();
    assert!(
        device_header.contains("HttpOnly") && device_header.contains("Max-Age=2592000"),
        "{device_header}"
    );
    let mails_before = app.mails_to(ANA).await;

    // The device still needs the password.
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", ANA), ("password", "wrong password here")],
            Some(&device),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // With the password it signs in at once, without a code.
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", ANA), ("password", PASSWORD)],
            Some(&device),
        )
        .await;
    let session = session_cookie(&res).expect("signed in without a code");
    assert_eq!(status_of_me(&app, &session).await, StatusCode::OK);
    assert_eq!(app.mails_to(ANA).await, mails_before, "no code mail");

    // Another account on the same device gets a code.
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", BEA), ("password", PASSWORD)],
            Some(&device),
        )
        .await;
    assert!(session_cookie(&res).is_none() && cookie(&res, "traffino_login").is_some());

    // Forgotten from the account page: the code is back.
    let devices = body_text(app.get("/api/account/devices", Some(&session)).await).await;
    let list: serde_json::Value = serde_json::from_str(&devices).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    let id = list[0]["trusted_device_id"].as_str().unwrap().to_owned();
    let res = app
        .post_form(
            "/api/account/devices/forget",
            &[("trusted_device_id", &id)],
            Some(&format!("{session}; {device}")),
        )
        .await;
    assert!(res.status().is_success());
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", ANA), ("password", PASSWORD)],
            Some(&device),
        )
        .await;
    assert!(session_cookie(&res).is_none() && cookie(&res, "traffino_login").is_some());
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_remembered_device_is_forgotten_after_thirty_days(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let login = app.password_step(ANA, PASSWORD, None).await;
    let code = app.code_for(ANA).await;
    let res = app
        .post_form(
            "/api/auth/code",
            &[("code", &code), ("remember", "on")],
            Some(&login),
        )
        .await;
    let device = cookie(&res, "traffino_device").unwrap();
    app.state
        .clock
        .advance(Duration::days(30) + Duration::minutes(1));
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", ANA), ("password", PASSWORD)],
            Some(&device),
        )
        .await;
    assert!(session_cookie(&res).is_none(), "the code is asked again");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_hash_with_old_parameters_is_replaced_at_login(db: PgPool) {
    use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let weak = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(8 * 1024, 1, 1, None).unwrap(),
    )
    .hash_password(PASSWORD.as_bytes(), &SaltString::generate(&mut OsRng))
    .unwrap()
    .to_string();
    sqlx::query(r#"update "user" set password_hash = $1"#)
        .bind(&weak)
        .execute(&app.owner)
        .await
        .unwrap();
    app.password_step(ANA, PASSWORD, None).await;
    let stored: String = sqlx::query_scalar(r#"select password_hash from "user""#)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
}

// -- Sessions ------------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn my_sessions_are_listed_and_can_be_revoked(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let laptop = app.sign_in(ANA, PASSWORD).await;
    let phone = app.sign_in(ANA, PASSWORD).await;
    let tablet = app.sign_in(ANA, PASSWORD).await;
    let bea = app.signed_in_user(BEA).await;

    let list: serde_json::Value = serde_json::from_str(
        &body_text(app.get("/api/account/sessions", Some(&laptop)).await).await,
    )
    .unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3, "only Ana's own sessions");
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    assert_eq!(list[0]["browser"], "Firefox");
    assert_eq!(list[0]["os"], "Linux");
    assert_eq!(list[0]["client_ip"], "127.0.0.1");
    let phone_id = list.iter().find(|s| s["current"] == false).unwrap()["session_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Someone else's session cannot be revoked, and is not even found.
    let bea_list: serde_json::Value =
        serde_json::from_str(&body_text(app.get("/api/account/sessions", Some(&bea)).await).await)
            .unwrap();
    let bea_id = bea_list[0]["session_id"].as_str().unwrap().to_owned();
    let res = app
        .post_form(
            "/api/account/sessions/revoke",
            &[("session_id", &bea_id)],
            Some(&laptop),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(status_of_me(&app, &bea).await, StatusCode::OK);

    let res = app
        .post_form(
            "/api/account/sessions/revoke",
            &[("session_id", &phone_id)],
            Some(&laptop),
        )
        .await;
    assert!(res.status().is_success());
    let mut ended = 0;
    for other in [&phone, &tablet] {
        if status_of_me(&app, other).await == StatusCode::UNAUTHORIZED {
            ended += 1;
        }
    }
    assert_eq!(ended, 1, "exactly the revoked session ended");

    let res = app
        .post_form("/api/account/sessions/revoke-others", &[], Some(&laptop))
        .await;
    assert_eq!(body_text(res).await, "1");
    for other in [&phone, &tablet] {
        assert_eq!(status_of_me(&app, other).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(status_of_me(&app, &laptop).await, StatusCode::OK);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_password_change_needs_the_current_password_and_ends_the_other_sessions(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let here = app.sign_in(ANA, PASSWORD).await;
    let elsewhere = app.sign_in(ANA, PASSWORD).await;
    let new_password = "Wolke Teekanne Hafen 17";

    let res = app
        .post_form(
            "/api/auth/password",
            &[
                ("current_password", "not my password"),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            Some(&here),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(res).await.contains("password_current_wrong"));
    assert_eq!(status_of_me(&app, &elsewhere).await, StatusCode::OK);

    let res = app
        .post_form(
            "/api/auth/password",
            &[
                ("current_password", PASSWORD),
                ("password", "password1234"),
                ("password_confirm", "password1234"),
            ],
            Some(&here),
        )
        .await;
    let body = body_text(res).await;
    assert!(
        body.contains("password_weak") && body.contains("password_hint_common"),
        "{body}"
    );

    let res = app
        .post_form(
            "/api/auth/password",
            &[
                ("current_password", PASSWORD),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
            Some(&here),
        )
        .await;
    assert!(res.status().is_success());
    let rotated = session_cookie(&res).expect("this session continues with a new token");
    assert_ne!(rotated, here);
    assert_eq!(status_of_me(&app, &rotated).await, StatusCode::OK);
    assert_eq!(status_of_me(&app, &here).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        status_of_me(&app, &elsewhere).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.last_mail_to(ANA).await.subject,
        "Ihr Passwort wurde geändert"
    );
    // The new password is the one that works.
    app.sign_in(ANA, new_password).await;
}

// -- Disabling -----------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_platform_admin_disables_a_user_who_is_thrown_out_at_once(db: PgPool) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin("admin@example.org").await;
    let ana = app.signed_in_user(ANA).await;
    let ana_id: String = sqlx::query_scalar(r#"select user_id::text from "user" where email = $1"#)
        .bind(ANA)
        .fetch_one(&app.owner)
        .await
        .unwrap();

    // Not for users who are not platform admins.
    let res = app
        .post_form(
            "/api/admin/users/disable",
            &[("user_id", &ana_id), ("disabled", "true")],
            Some(&ana),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let res = app
        .post_form(
            "/api/admin/users/disable",
            &[("user_id", &ana_id), ("disabled", "true")],
            Some(&admin),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(status_of_me(&app, &ana).await, StatusCode::UNAUTHORIZED);
    let sessions: i64 = sqlx::query_scalar(
        r#"select count(*) from session s join "user" u using (user_id) where u.email = $1"#,
    )
    .bind(ANA)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(sessions, 0);
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", ANA), ("password", PASSWORD)],
            None,
        )
        .await;
    assert!(body_text(res).await.contains("credentials_invalid"));

    // An admin cannot lock themselves out.
    let admin_id: String =
        sqlx::query_scalar(r#"select user_id::text from "user" where email = 'admin@example.org'"#)
            .fetch_one(&app.owner)
            .await
            .unwrap();
    let res = app
        .post_form(
            "/api/admin/users/disable",
            &[("user_id", &admin_id), ("disabled", "true")],
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // Enabled again, Ana signs in again.
    app.post_form(
        "/api/admin/users/disable",
        &[("user_id", &ana_id), ("disabled", "false")],
        Some(&admin),
    )
    .await;
    app.sign_in(ANA, PASSWORD).await;

    let events = body_text(
        app.get(
            "/api/admin/security-events?kind=user_disabled",
            Some(&admin),
        )
        .await,
    )
    .await;
    assert!(
        events.contains(ANA) && events.contains(r#""actor":"admin@example.org""#),
        "{events}"
    );
}

// -- Password reset ------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn reset_requests_get_the_same_answer_for_known_and_unknown_addresses(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let known = app
        .post_form("/api/auth/reset", &[("email", ANA)], None)
        .await;
    let unknown = app
        .post_form("/api/auth/reset", &[("email", "nobody@example.org")], None)
        .await;
    assert_eq!(known.status(), unknown.status());
    let header_names = |r: &http::Response<axum::body::Body>| {
        let mut names: Vec<String> = r
            .headers()
            .keys()
            .filter(|k| *k != "x-request-id")
            .map(|k| k.to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(header_names(&known), header_names(&unknown));
    assert_eq!(body_text(known).await, body_text(unknown).await);
    assert_eq!(app.mails_to(ANA).await, 1);
    assert_eq!(app.mails_to("nobody@example.org").await, 0);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_reset_link_works_once_within_an_hour_and_ends_every_session(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let session = app.sign_in(ANA, PASSWORD).await;
    app.post_form("/api/auth/reset", &[("email", ANA)], None)
        .await;
    let mail = app.last_mail_to(ANA).await;
    assert_eq!(mail.subject, "Passwort zurücksetzen");
    let token = link_token_in(&mail.text, "/set-password").expect("link in the mail");
    assert!(mail.html.contains(&token));

    // Weak: refused with the reason, and the link stays usable.
    let res = app
        .post_form(
            "/api/auth/set-password",
            &[
                ("token", &token),
                ("password", "qwertzuiopasdf"),
                ("password_confirm", "qwertzuiopasdf"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(res).await.contains("password_weak"));

    let new_password = "Leuchtturm Sandale Ofen 9";
    let form = [
        ("token", token.as_str()),
        ("password", new_password),
        ("password_confirm", new_password),
    ];
    assert!(
        app.post_form("/api/auth/set-password", &form, None)
            .await
            .status()
            .is_success()
    );
    assert_eq!(status_of_me(&app, &session).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.last_mail_to(ANA).await.subject,
        "Ihr Passwort wurde geändert"
    );
    let again = app.post_form("/api/auth/set-password", &form, None).await;
    assert!(body_text(again).await.contains("link_invalid"));
    app.sign_in(ANA, new_password).await;

    // A link older than an hour is dead.
    app.state.clock.advance(Duration::hours(2));
    app.post_form("/api/auth/reset", &[("email", ANA)], None)
        .await;
    let token = link_token_in(&app.last_mail_to(ANA).await.text, "/set-password").unwrap();
    app.state
        .clock
        .advance(Duration::hours(1) + Duration::seconds(1));
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
    assert!(body_text(res).await.contains("link_invalid"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_new_reset_link_makes_the_older_one_invalid(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    app.post_form("/api/auth/reset", &[("email", ANA)], None)
        .await;
    let first = link_token_in(&app.last_mail_to(ANA).await.text, "/set-password").unwrap();
    app.post_form("/api/auth/reset", &[("email", ANA)], None)
        .await;
    let second = link_token_in(&app.last_mail_to(ANA).await.text, "/set-password").unwrap();
    assert_ne!(first, second);
    let res = app
        .post_form("/api/auth/password-link", &[("token", &first)], None)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form("/api/auth/password-link", &[("token", &second)], None)
        .await;
    assert!(res.status().is_success());
}

// -- Invitations ---------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn an_invited_person_chooses_name_and_password_and_signs_in(db: PgPool) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin("admin@example.org").await;
    let res = app
        .post_form(
            "/api/admin/invitations/create",
            &[
                ("email", "Carla@Example.org "),
                ("locale", "en"),
                ("platform_role", "user"),
            ],
            Some(&admin),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let mail = app.last_mail_to("carla@example.org").await;
    assert_eq!(mail.subject, "You are invited to Traffino");
    let token = link_token_in(&mail.text, "/invite").unwrap();

    let res = app
        .get(&format!("/api/auth/invitation?token={token}"), None)
        .await;
    assert!(body_text(res).await.contains("Carla@Example.org"));

    // Name and password problems are reported together; nothing is created.
    let res = app
        .post_form(
            "/api/auth/invitation/accept",
            &[
                ("token", &token),
                ("display_name", "  "),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
            None,
        )
        .await;
    let body = body_text(res).await;
    assert!(
        body.contains("name_invalid") && body.contains("password_too_short"),
        "{body}"
    );

    let res = app
        .post_form(
            "/api/auth/invitation/accept",
            &[
                ("token", &token),
                ("display_name", "Carla Nunes"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let (name, locale, admin_flag): (String, String, bool) = sqlx::query_as(
        r#"select display_name, locale, is_platform_admin from "user" where email = 'carla@example.org'"#,
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(
        (name.as_str(), locale.as_str(), admin_flag),
        ("Carla Nunes", "en", false)
    );
    let session = app.sign_in("carla@example.org", PASSWORD).await;
    assert!(
        body_text(app.get("/api/auth/me", Some(&session)).await)
            .await
            .contains("Carla Nunes")
    );
    assert_eq!(
        app.last_mail_to("carla@example.org").await.subject,
        "Your Traffino sign-in code",
        "mails follow the language of the invitation"
    );

    // The link worked once.
    let res = app
        .post_form(
            "/api/auth/invitation/accept",
            &[
                ("token", &token),
                ("display_name", "Mallory"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert!(body_text(res).await.contains("link_invalid"));

    // Inviting an address that has an account is refused next to the field.
    let res = app
        .post_form(
            "/api/admin/invitations/create",
            &[
                ("email", "carla@example.org"),
                ("locale", "de"),
                ("platform_role", "user"),
            ],
            Some(&admin),
        )
        .await;
    assert!(body_text(res).await.contains("account_exists"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn invitations_expire_after_seven_days_and_can_be_resent_or_revoked(db: PgPool) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin("admin@example.org").await;
    let ana = app.signed_in_user(ANA).await;
    let invite = |email: &'static str| {
        let admin = admin.clone();
        let app = &app;
        async move {
            app.post_form(
                "/api/admin/invitations/create",
                &[
                    ("email", email),
                    ("locale", "de"),
                    ("platform_role", "admin"),
                ],
                Some(&admin),
            )
            .await
        }
    };
    // Only platform admins invite.
    let res = app
        .post_form(
            "/api/admin/invitations/create",
            &[
                ("email", "x@example.org"),
                ("locale", "de"),
                ("platform_role", "user"),
            ],
            Some(&ana),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    invite("dora@example.org").await;
    let first = link_token_in(&app.last_mail_to("dora@example.org").await.text, "/invite").unwrap();
    let list: serde_json::Value = serde_json::from_str(
        &body_text(app.get("/api/admin/invitations", Some(&admin)).await).await,
    )
    .unwrap();
    assert_eq!(list[0]["email"], "dora@example.org");
    assert_eq!(list[0]["is_platform_admin"], true);
    let id = list[0]["invitation_id"].as_str().unwrap().to_owned();

    app.state
        .clock
        .advance(Duration::days(7) + Duration::minutes(1));
    let res = app
        .get(&format!("/api/auth/invitation?token={first}"), None)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "expired");
    // A week later the admin's session has ended too (absolute timeout): sign in again.
    let admin = app.sign_in("admin@example.org", PASSWORD).await;
    let list = body_text(app.get("/api/admin/invitations", Some(&admin)).await).await;
    assert!(list.contains(r#""expired":true"#));

    let res = app
        .post_form(
            "/api/admin/invitations/resend",
            &[("invitation_id", &id)],
            Some(&admin),
        )
        .await;
    assert!(res.status().is_success());
    let second =
        link_token_in(&app.last_mail_to("dora@example.org").await.text, "/invite").unwrap();
    assert_ne!(first, second);
    let res = app
        .get(&format!("/api/auth/invitation?token={second}"), None)
        .await;
    assert!(
        res.status().is_success(),
        "the new link works for 7 more days"
    );

    let res = app
        .post_form(
            "/api/admin/invitations/revoke",
            &[("invitation_id", &id)],
            Some(&admin),
        )
        .await;
    assert!(res.status().is_success());
    let res = app
        .get(&format!("/api/auth/invitation?token={second}"), None)
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "revoked");
    assert_eq!(
        body_text(app.get("/api/admin/invitations", Some(&admin)).await).await,
        "[]"
    );
}

// -- Rate limits ---------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn an_account_waits_after_five_failures_with_a_message_that_says_how_long(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    for _ in 0..5 {
        let res = app
            .post_form(
                "/api/auth/login",
                &[("email", ANA), ("password", "wrong password!")],
                None,
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password waits now: 30 s after the fifth failure.
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", ANA), ("password", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.headers()[header::RETRY_AFTER], "30");
    assert_eq!(
        body_text(res).await,
        r#"{"TooManyRequests":{"retry_after_secs":30}}"#
    );
    // An unknown address is limited the same way (nothing tells them apart).
    for _ in 0..5 {
        app.post_form(
            "/api/auth/login",
            &[
                ("email", "ghost@example.org"),
                ("password", "wrong password!"),
            ],
            None,
        )
        .await;
    }
    let res = app
        .post_form(
            "/api/auth/login",
            &[("email", "ghost@example.org"), ("password", "x")],
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);

    app.state.clock.advance(Duration::seconds(31));
    app.sign_in(ANA, PASSWORD).await;
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn however_patient_an_attacker_an_account_gets_at_most_a_hundred_failures_an_hour(
    db: PgPool,
) {
    let app = TestApp::new(db).await;
    let (mut failures, mut refused) = (0, 0);
    // Always wait out the backoff: what remains is the hourly cap.
    for _ in 0..200 {
        app.state.clock.advance(Duration::seconds(20));
        let peer = std::net::SocketAddr::from(([203, 0, 113, (failures % 200) as u8 + 1], 4000));
        let res = app
            .post_form_from(
                "/api/auth/login",
                &[("email", ANA), ("password", "wrong password!")],
                None,
                peer,
                &[],
            )
            .await;
        match res.status() {
            StatusCode::UNPROCESSABLE_ENTITY => failures += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                refused += 1;
                let wait: i64 = res.headers()[header::RETRY_AFTER]
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                app.state.clock.advance(Duration::seconds(wait));
            }
            other => panic!("{other}"),
        }
        let counted: i64 = sqlx::query_scalar(
            "select count(*) from security_event where kind = 'login_failed' and created_at > $1",
        )
        .bind(app.state.clock.now() - Duration::hours(1))
        .fetch_one(&app.owner)
        .await
        .unwrap();
        assert!(counted <= 100, "{counted} failures in one hour");
    }
    assert!(failures > 0 && refused > 0);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_ip_limit_trusts_cf_connecting_ip_only_from_loopback_and_never_x_forwarded_for(
    db: PgPool,
) {
    let app = TestApp::new(db).await;
    let remote: std::net::SocketAddr = "198.51.100.7:4000".parse().unwrap();
    // 20 failures from one remote peer over 20 different accounts, each "forwarded for" someone else.
    for i in 0..20 {
        let email = format!("user{i}@example.org");
        let spoof = format!("10.0.0.{i}");
        let res = app
            .post_form_from(
                "/api/auth/login",
                &[("email", &email), ("password", "wrong password!")],
                None,
                remote,
                &[("x-forwarded-for", &spoof), ("cf-connecting-ip", &spoof)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = app
        .post_form_from(
            "/api/auth/login",
            &[("email", "fresh@example.org"), ("password", "x")],
            None,
            remote,
            &[("x-forwarded-for", "10.9.9.9")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the peer address is what counts"
    );
    let ips: Vec<String> =
        sqlx::query_scalar("select distinct host(client_ip) from security_event")
            .fetch_all(&app.owner)
            .await
            .unwrap();
    assert_eq!(ips, vec!["198.51.100.7"]);

    // Through the tunnel (peer is loopback) each visitor counts by CF-Connecting-IP.
    let tunnel = LOCAL_PEER;
    for i in 0..20 {
        let email = format!("other{i}@example.org");
        app.post_form_from(
            "/api/auth/login",
            &[("email", &email), ("password", "wrong password!")],
            None,
            tunnel,
            &[("cf-connecting-ip", "203.0.113.50")],
        )
        .await;
    }
    let limited = app
        .post_form_from(
            "/api/auth/login",
            &[("email", "x@example.org"), ("password", "x")],
            None,
            tunnel,
            &[("cf-connecting-ip", "203.0.113.50")],
        )
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let other_visitor = app
        .post_form_from(
            "/api/auth/login",
            &[("email", "x@example.org"), ("password", "x")],
            None,
            tunnel,
            &[("cf-connecting-ip", "203.0.113.51")],
        )
        .await;
    assert_eq!(other_visitor.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn reset_requests_are_limited_per_address_the_same_way_known_or_not(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    for email in [ANA, "nobody@example.org"] {
        for _ in 0..3 {
            let res = app
                .post_form("/api/auth/reset", &[("email", email)], None)
                .await;
            assert!(res.status().is_success());
        }
        let res = app
            .post_form("/api/auth/reset", &[("email", email)], None)
            .await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{email}");
        assert_eq!(res.headers()[header::RETRY_AFTER], "3600");
    }
    assert_eq!(app.mails_to(ANA).await, 3);
}

// -- Secrets at rest -----------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn no_stored_value_equals_a_live_token_or_code(db: PgPool) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin("admin@example.org").await;
    app.user_with_password(ANA, false).await;
    // A remembered device and a session.
    let login = app.password_step(ANA, PASSWORD, None).await;
    let code = app.code_for(ANA).await;
    let res = app
        .post_form(
            "/api/auth/code",
            &[("code", &code), ("remember", "on")],
            Some(&login),
        )
        .await;
    let session = session_cookie(&res).unwrap();
    let device = cookie(&res, "traffino_device").unwrap();
    // A login attempt waiting for its code, with the code still in the outbox (not delivered yet).
    let waiting_login = app.password_step(ANA, PASSWORD, None).await;
    // A reset link and an invitation, both queued.
    app.post_form("/api/auth/reset", &[("email", ANA)], None)
        .await;
    app.post_form(
        "/api/admin/invitations/create",
        &[
            ("email", "eve@example.org"),
            ("locale", "de"),
            ("platform_role", "user"),
        ],
        Some(&admin),
    )
    .await;

    let mut dump = String::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "select tablename::text from pg_tables where schemaname = 'public' order by 1",
    )
    .fetch_all(&app.owner)
    .await
    .unwrap();
    for table in tables {
        let rows: Vec<String> = sqlx::query_scalar(&format!(r#"select t::text from "{table}" t"#))
            .fetch_all(&app.owner)
            .await
            .unwrap();
        dump.push_str(&rows.join("\n"));
    }
    // Now deliver, and read what only the mails know.
    let waiting_code = app.code_for(ANA).await;
    let reset = link_token_in(&app.last_mail_to(ANA).await.text, "/set-password").unwrap();
    let invite = link_token_in(&app.last_mail_to("eve@example.org").await.text, "/invite").unwrap();
    let value = |c: &str| c.split_once('=').unwrap().1.to_owned();
    let secrets = [
        value(&admin),
        value(&session),
        value(&device),
        value(&waiting_login),
        reset,
        invite,
    ];
    for secret in &secrets {
        assert!(secret.len() >= 43);
        assert!(!dump.contains(secret.as_str()), "a live token is stored");
        let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
        assert!(!dump.contains(&hex), "a live token is stored as bytes");
    }
    // The waiting code is stored only as a hash bound to its login attempt.
    let (id, stored): (uuid::Uuid, Vec<u8>) =
        sqlx::query_as("select login_challenge_id, code_hash from login_challenge")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    use sha2::Digest;
    assert_eq!(
        stored,
        sha2::Sha256::digest(format!("{id}:{waiting_code}")).to_vec()
    );
    assert_ne!(stored, sha2::Sha256::digest(&waiting_code).to_vec());
}

// -- The outbox ----------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn queued_mail_goes_out_once(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    app.password_step(ANA, PASSWORD, None).await;
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(app.run_jobs().await, 0);
    assert_eq!(app.mails_to(ANA).await, 1);
    let (status, attempts, sent): (String, i32, bool) =
        sqlx::query_as("select status, attempts, sent_at is not null from mail")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts, sent), ("sent", 1, true));
}

// -- Security events -----------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn platform_admins_see_the_security_events_and_nobody_else_does(db: PgPool) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin("admin@example.org").await;
    let ana = app.signed_in_user(ANA).await;
    app.post_form(
        "/api/auth/login",
        &[("email", ANA), ("password", "wrong password!")],
        None,
    )
    .await;
    let login = app.password_step(ANA, PASSWORD, None).await;
    let code = app.code_for(ANA).await;
    let wrong = if code == "000000" { "000001" } else { "000000" };
    app.post_form("/api/auth/code", &[("code", wrong)], Some(&login))
        .await;
    app.post_form("/api/account/sessions/revoke-others", &[], Some(&ana))
        .await;

    assert_eq!(
        app.get("/api/admin/security-events", Some(&ana))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let page: serde_json::Value = serde_json::from_str(
        &body_text(
            app.get(
                "/api/admin/security-events?email=ana%40example.org",
                Some(&admin),
            )
            .await,
        )
        .await,
    )
    .unwrap();
    let kinds: Vec<&str> = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "password_set",
        "code_sent",
        "login_succeeded",
        "login_failed",
        "sessions_revoked",
        "code_failed",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    assert_eq!(page["events"][0]["client_ip"], "127.0.0.1");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn housekeeping_removes_what_ran_out_and_keeps_what_is_live(db: PgPool) {
    let app = TestApp::new(db).await;
    app.user_with_password(ANA, false).await;
    let old = app.sign_in(ANA, PASSWORD).await;
    app.password_step(ANA, PASSWORD, None).await;
    app.state.clock.advance(Duration::hours(3));
    let live = app.sign_in(ANA, PASSWORD).await;
    traffino::server::jobs::housekeeping(&app.state)
        .await
        .unwrap();
    let (sessions, challenges): (i64, i64) = sqlx::query_as(
        "select (select count(*) from session), (select count(*) from login_challenge)",
    )
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!(
        (sessions, challenges),
        (1, 0),
        "the idle session and the stale attempt are gone"
    );
    assert_eq!(status_of_me(&app, &live).await, StatusCode::OK);
    assert_eq!(status_of_me(&app, &old).await, StatusCode::UNAUTHORIZED);

    // Finished jobs and sent mail stay 30 days.
    let jobs: i64 = sqlx::query_scalar("select count(*) from job")
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert!(jobs > 0);
    app.state.clock.advance(Duration::days(31));
    traffino::server::jobs::housekeeping(&app.state)
        .await
        .unwrap();
    let (jobs, mails): (i64, i64) =
        sqlx::query_as("select (select count(*) from job), (select count(*) from mail)")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!((jobs, mails), (0, 0));
}
