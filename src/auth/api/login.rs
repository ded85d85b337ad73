//! Signing in (password, then the code from the e-mail, or a remembered device) and out.
use crate::auth::{CurrentUser, PendingLogin};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Anyone may call: checks e-mail and password. Then either a remembered device of this user signs
/// in at once, or a code goes out by mail and the browser is sent to the code page.
/// Unknown e-mail, wrong password, no password yet and a disabled account all get the same answer.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::domain::{CODE_MINUTES, LOGIN_CHALLENGE_MINUTES, codes};
    use crate::auth::{db, events, password as pw, rate_limit, token};
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let invalid = || AppError::field("password", codes::CREDENTIALS_INVALID);
    let email = email.trim().to_owned();
    // Bounds keep argon2's work and the index lookups small; they reveal nothing about accounts.
    if email.is_empty() || password.is_empty() || email.len() > 254 || password.len() > 1024 {
        return Err(invalid());
    }
    let now = state.clock.now();
    rate_limit::check_failures(&state.db, &email, meta.client_ip, now).await?;

    let user = db::user_for_login(&state.db, &email).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    // argon2 is CPU-bound: keep it off the async workers.
    let candidate = password.clone();
    let ok = tokio::task::spawn_blocking(move || pw::verify(&candidate, stored.as_deref()))
        .await
        .map_err(AppError::internal)?;
    let user = match user {
        Some(user) if ok && !user.disabled => user,
        other => {
            db::insert_event(
                &state.db,
                db::NewEvent {
                    user_id: other.map(|u| u.user_id),
                    email: Some(&email),
                    ..events::from_request("login_failed", &meta, now)
                },
            )
            .await?;
            tracing::info!(request_id = ?meta.request_id, "login failed");
            return Err(invalid());
        }
    };

    let mut tx = ctx::begin_as(Some(user.user_id)).await?;
    if user.password_hash.as_deref().is_some_and(pw::needs_rehash) {
        let rehashed = tokio::task::spawn_blocking(move || pw::hash(&password))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?;
        db::set_password_hash(&mut tx, user.user_id, &rehashed).await?;
    }

    // A remembered device of this user skips the code.
    let device = match ctx::read_cookie(Cookie::Device)? {
        Some(device_token) => {
            db::use_device(&mut *tx, &token::hash(&device_token), user.user_id, now).await?
        }
        None => None,
    };
    if device.is_some() {
        let session_token = start_session(&mut tx, user.user_id, &meta).await?;
        db::insert_event(
            &mut *tx,
            db::NewEvent {
                user_id: Some(user.user_id),
                email: Some(&user.email),
                detail: serde_json::json!({ "second_factor": "remembered_device" }),
                ..events::from_request("login_succeeded", &meta, now)
            },
        )
        .await?;
        tx.commit().await?;
        set_session_cookie(&state.config, &session_token);
        tracing::info!(user_id = %user.user_id, "login with a remembered device");
        leptos_axum::redirect("/");
        return Ok(());
    }

    let challenge_id = crate::ids::LoginChallengeId::new();
    let (challenge_token, challenge_hash) = token::generate();
    let code = token::code();
    db::insert_challenge(
        &mut tx,
        db::NewChallenge {
            login_challenge_id: challenge_id,
            token_hash: &challenge_hash,
            user_id: user.user_id,
            code_hash: &token::code_hash(challenge_id, &code),
            code_expires_at: now + chrono::Duration::minutes(CODE_MINUTES),
            user_agent: &meta.user_agent,
            client_ip: meta.client_ip,
            now,
            expires_at: now + chrono::Duration::minutes(LOGIN_CHALLENGE_MINUTES),
        },
    )
    .await?;
    send_code(&mut tx, &state, &user.email, &user.locale, &code).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user.user_id),
            email: Some(&user.email),
            ..events::from_request("code_sent", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    ctx::set_cookie(Cookie::Login.set(
        &state.config,
        &challenge_token,
        LOGIN_CHALLENGE_MINUTES * 60,
    ));
    leptos_axum::redirect("/login/code");
    Ok(())
}

/// Anyone holding a login attempt (its cookie): checks the code. Every try counts, also tries sent in
/// parallel; after 5 the code is dead. Right code: the session starts, with a new token, and the
/// device is remembered for 30 days if asked (`remember` = any value).
#[server(prefix = "/api", endpoint = "auth/code")]
pub async fn verify_login_code(code: String, remember: Option<String>) -> Result<(), AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::domain::{CODE_MAX_ATTEMPTS, codes, normalize_code};
    use crate::auth::{db, events, rate_limit, token};
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let challenge = live_challenge(&state, now).await?;
    let Some(code) = normalize_code(&code) else {
        return Err(AppError::field("code", codes::CODE_FORMAT));
    };
    // Count the try first, under the row lock: parallel guesses cannot share one count.
    let attempt = db::count_code_attempt(&state.db, challenge.login_challenge_id)
        .await?
        .ok_or_else(|| AppError::field("code", codes::LOGIN_EXPIRED))?;
    let failure = |reason: &'static str| db::NewEvent {
        user_id: Some(challenge.user_id),
        email: Some(&challenge.email),
        detail: serde_json::json!({ "reason": reason, "attempt": attempt.code_attempts }),
        ..events::from_request("code_failed", &meta, now)
    };
    if attempt.code_attempts > CODE_MAX_ATTEMPTS {
        db::insert_event(&state.db, failure("locked")).await?;
        return Err(AppError::field("code", codes::CODE_LOCKED));
    }
    if attempt.code_expires_at.is_none_or(|at| at <= now) {
        return Err(AppError::field("code", codes::CODE_EXPIRED));
    }
    rate_limit::check_failures(&state.db, &challenge.email, meta.client_ip, now).await?;
    let right = attempt.code_hash.as_deref().is_some_and(|stored| {
        token::same(
            stored,
            &token::code_hash(challenge.login_challenge_id, &code),
        )
    });
    if !right {
        db::insert_event(&state.db, failure("wrong")).await?;
        return Err(AppError::field(
            "code",
            if attempt.code_attempts >= CODE_MAX_ATTEMPTS {
                codes::CODE_LOCKED
            } else {
                codes::CODE_WRONG
            },
        ));
    }

    let mut tx = ctx::begin_as(Some(challenge.user_id)).await?;
    // Single use: of two requests with the right code only the one that deletes the attempt goes on.
    if !db::delete_challenge(&mut tx, challenge.login_challenge_id).await? {
        return Err(AppError::field("code", codes::LOGIN_EXPIRED));
    }
    let session_token = start_session(&mut tx, challenge.user_id, &meta).await?;
    let remember = remember.is_some_and(|r| !r.is_empty() && r != "false");
    let device_token = if remember {
        let (device_token, device_hash) = token::generate();
        db::insert_device(
            &mut tx,
            db::NewDevice {
                token_hash: &device_hash,
                user_id: challenge.user_id,
                user_agent: &meta.user_agent,
                client_ip: meta.client_ip,
                now,
                expires_at: now + chrono::Duration::days(state.config.trusted_device_days),
            },
        )
        .await?;
        Some(device_token)
    } else {
        None
    };
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(challenge.user_id),
            email: Some(&challenge.email),
            detail: serde_json::json!({ "second_factor": "code", "device_remembered": remember }),
            ..events::from_request("login_succeeded", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    set_session_cookie(&state.config, &session_token);
    if let Some(device_token) = device_token {
        ctx::set_cookie(Cookie::Device.set(
            &state.config,
            &device_token,
            state.config.trusted_device_days * 86_400,
        ));
    }
    tracing::info!(user_id = %challenge.user_id, remember, "login with a code");
    leptos_axum::redirect("/");
    Ok(())
}

/// Anyone holding a login attempt: sends a new code (the old one stops working). At most 3 times
/// per attempt, 30 seconds apart.
#[server(prefix = "/api", endpoint = "auth/code/resend")]
pub async fn resend_login_code() -> Result<(), AppError> {
    use crate::auth::domain::{CODE_MAX_SENDS, CODE_MINUTES, CODE_RESEND_SECONDS, codes};
    use crate::auth::{db, events, token};
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let challenge = live_challenge(&state, now).await?;
    if challenge.codes_sent >= CODE_MAX_SENDS {
        return Err(AppError::field("code", codes::RESEND_LIMIT));
    }
    if let Some(last) = challenge.last_code_sent_at {
        let wait = last + chrono::Duration::seconds(CODE_RESEND_SECONDS) - now;
        if wait > chrono::Duration::zero() {
            return Err(AppError::TooManyRequests {
                retry_after_secs: (wait.num_milliseconds() + 999) / 1000,
            });
        }
    }
    let code = token::code();
    let mut tx = ctx::begin_as(Some(challenge.user_id)).await?;
    db::replace_code(
        &mut tx,
        challenge.login_challenge_id,
        &token::code_hash(challenge.login_challenge_id, &code),
        now + chrono::Duration::minutes(CODE_MINUTES),
        now,
    )
    .await?;
    send_code(&mut tx, &state, &challenge.email, &challenge.locale, &code).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(challenge.user_id),
            email: Some(&challenge.email),
            detail: serde_json::json!({ "resend": true }),
            ..events::from_request("code_sent", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    Ok(())
}

/// Anyone: drops the login attempt of this browser and goes back to the login form.
#[server(prefix = "/api", endpoint = "auth/code/cancel")]
pub async fn cancel_login() -> Result<(), AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::{db, token};
    use crate::server::ctx;
    ctx::public()?;
    let state = ctx::state()?;
    if let Some(challenge_token) = ctx::read_cookie(Cookie::Login)? {
        let mut tx = ctx::begin_as(None).await?;
        db::delete_challenge_by_token(&mut tx, &token::hash(&challenge_token)).await?;
        tx.commit().await?;
    }
    ctx::set_cookie(Cookie::Login.clear(&state.config));
    leptos_axum::redirect("/login");
    Ok(())
}

/// Anyone holding a login attempt: what the code page shows (masked address, tries, resend timer).
#[server(prefix = "/api", endpoint = "auth/code/info", input = GetUrl)]
pub async fn login_challenge_info() -> Result<PendingLogin, AppError> {
    use crate::auth::domain::{CODE_MAX_ATTEMPTS, CODE_MAX_SENDS, CODE_RESEND_SECONDS, mask_email};
    use crate::server::ctx;
    ctx::public()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let c = live_challenge(&state, now).await?;
    let resend_in_secs = c.last_code_sent_at.map_or(0, |last| {
        (last + chrono::Duration::seconds(CODE_RESEND_SECONDS) - now)
            .num_seconds()
            .max(0)
    });
    Ok(PendingLogin {
        email_masked: mask_email(&c.email),
        tries_left: (CODE_MAX_ATTEMPTS - c.code_attempts).max(0),
        code_expires_at: c.code_expires_at,
        resend_in_secs,
        resends_left: (CODE_MAX_SENDS - c.codes_sent).max(0),
    })
}

/// Signed-in users: ends the current session and clears the cookie.
#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::{db, events};
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let state = ctx::state()?;
    let meta = ctx::meta()?;
    let mut tx = ctx::begin(Some(&user)).await?;
    db::delete_session(&mut tx, user.session_id).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user.user_id),
            email: Some(&user.email),
            ..events::from_request("logout", &meta, state.clock.now())
        },
    )
    .await?;
    tx.commit().await?;
    ctx::set_cookie(Cookie::Session.clear(&state.config));
    leptos_axum::redirect("/login");
    Ok(())
}

/// Signed-in users: who am I.
#[server(prefix = "/api", endpoint = "auth/me", input = GetUrl)]
pub async fn load_current_user() -> Result<CurrentUser, AppError> {
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    Ok(CurrentUser {
        user_id: user.user_id,
        email: user.email,
        display_name: user.display_name,
        is_platform_admin: user.is_platform_admin,
        is_agency_staff: user.is_agency_staff,
        dev: ctx::state()?.config.is_dev(),
    })
}

/// The live login attempt of this browser, or the error that sends it back to the login form.
#[cfg(feature = "ssr")]
async fn live_challenge(
    state: &crate::server::state::AppState,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::auth::db::Challenge, AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::domain::codes;
    let expired = || AppError::field("code", codes::LOGIN_EXPIRED);
    let challenge_token = crate::server::ctx::read_cookie(Cookie::Login)?.ok_or_else(expired)?;
    crate::auth::db::live_challenge(&state.db, &crate::auth::token::hash(&challenge_token), now)
        .await?
        .ok_or_else(expired)
}

/// Queues the mail with a login code, in the user's language.
#[cfg(feature = "ssr")]
async fn send_code(
    tx: &mut sqlx::PgTransaction<'_>,
    state: &crate::server::state::AppState,
    email: &str,
    locale: &str,
    code: &str,
) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    crate::mail::queue(
        tx,
        state,
        email,
        Lang::from_code(locale).unwrap_or_default(),
        crate::mail::templates::Template::LoginCode {
            code,
            minutes: crate::auth::domain::CODE_MINUTES,
        },
    )
    .await?;
    Ok(())
}

/// Creates a session after the last login step; a session this browser had before ends, so no token
/// outlives a login. Returns the new token for the cookie (set it after the commit).
#[cfg(feature = "ssr")]
pub(crate) async fn start_session(
    tx: &mut sqlx::PgTransaction<'_>,
    user_id: crate::ids::UserId,
    meta: &crate::server::ctx::RequestMeta,
) -> Result<String, AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::{db, token};
    use crate::server::ctx;
    let state = ctx::state()?;
    let now = state.clock.now();
    if let Some(old) = ctx::read_cookie(Cookie::Session)? {
        db::delete_session_by_token(tx, &token::hash(&old)).await?;
    }
    let (session_token, session_hash) = token::generate();
    db::insert_session(
        tx,
        db::NewSession {
            user_id,
            token_hash: &session_hash,
            user_agent: &meta.user_agent,
            client_ip: meta.client_ip,
            now,
            expires_at: now + chrono::Duration::hours(state.config.session_absolute_hours),
        },
    )
    .await?;
    Ok(session_token)
}

/// Sets the session cookie and drops the login attempt's cookie.
#[cfg(feature = "ssr")]
pub(crate) fn set_session_cookie(config: &crate::server::config::Config, session_token: &str) {
    use crate::auth::cookies::Cookie;
    use crate::server::ctx;
    ctx::set_cookie(Cookie::Session.set(
        config,
        session_token,
        config.session_absolute_hours * 3600,
    ));
    ctx::set_cookie(Cookie::Login.clear(config));
}
