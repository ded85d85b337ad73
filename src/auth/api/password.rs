//! One-time links to set a password (first password, reset), asking for a reset, changing it.
use crate::auth::PasswordLinkInfo;
use crate::error::AppError;
use leptos::prelude::*;

/// Anyone holding a live link: which account the link is for.
#[server(prefix = "/api", endpoint = "auth/password-link")]
pub async fn password_link(token: String) -> Result<PasswordLinkInfo, AppError> {
    use crate::auth::domain::codes;
    use crate::server::ctx;
    ctx::public()?;
    let state = ctx::state()?;
    let link = crate::auth::db::live_password_token(
        &state.db,
        &crate::auth::token::hash(&token),
        state.clock.now(),
    )
    .await?
    .ok_or_else(|| AppError::field("token", codes::LINK_INVALID))?;
    Ok(PasswordLinkInfo {
        email: link.email,
        purpose: link.purpose,
    })
}

/// Anyone holding a live link: sets the password once, ends every session, remembered device and
/// login attempt of that user, and sends them to the login page. After a reset the user gets a mail
/// saying so.
#[server(prefix = "/api", endpoint = "auth/set-password")]
pub async fn set_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::codes;
    use crate::auth::{db, events, password as pw};
    use crate::mail::templates::Template;
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let link = db::live_password_token(&state.db, &crate::auth::token::hash(&token), now)
        .await?
        .ok_or_else(|| AppError::field("token", codes::LINK_INVALID))?;
    pw::check_new(
        &password,
        &password_confirm,
        &[&link.email, &link.display_name],
    )?;
    let hash = tokio::task::spawn_blocking(move || pw::hash(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let mut tx = ctx::begin_as(Some(link.user_id)).await?;
    if !db::use_password_token(&mut tx, link.password_token_id, now).await? {
        return Err(AppError::field("token", codes::LINK_INVALID));
    }
    db::set_password_hash(&mut tx, link.user_id, &hash).await?;
    let ended = db::delete_sessions_of_user(&mut tx, link.user_id, None).await?;
    db::delete_devices_of_user(&mut tx, link.user_id).await?;
    db::delete_challenges_of_user(&mut tx, link.user_id).await?;
    let reset = link.purpose == "reset";
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(link.user_id),
            email: Some(&link.email),
            detail: serde_json::json!({ "ended_sessions": ended }),
            ..events::from_request(
                if reset {
                    "password_reset_completed"
                } else {
                    "password_set"
                },
                &meta,
                now,
            )
        },
    )
    .await?;
    if reset {
        crate::mail::queue(
            &mut tx,
            &state,
            &link.email,
            Lang::from_code(&link.locale).unwrap_or_default(),
            Template::PasswordChanged { email: &link.email },
        )
        .await?;
    }
    tx.commit().await?;
    state.wake_jobs();
    tracing::info!(user_id = %link.user_id, purpose = %link.purpose, "password set");
    leptos_axum::redirect("/login?password_set=1");
    Ok(())
}

/// Anyone: mails a reset link (valid 1 hour, once) if the address belongs to an active account.
/// The answer is the same whether it does or not; only the rate limit (per address and per IP, also
/// the same for unknown addresses) can refuse.
#[server(prefix = "/api", endpoint = "auth/reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::{RESET_LINK_MINUTES, normalize_email};
    use crate::auth::{db, events, rate_limit, token};
    use crate::mail::templates::Template;
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let email = normalize_email(&email)?;
    rate_limit::check_resets(&state.db, &email, meta.client_ip, now).await?;
    let user = db::user_for_login(&state.db, &email)
        .await?
        .filter(|u| !u.disabled);
    let mut tx = ctx::begin_as(user.as_ref().map(|u| u.user_id)).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: user.as_ref().map(|u| u.user_id),
            email: Some(&email),
            detail: serde_json::json!({ "account": user.is_some() }),
            ..events::from_request("password_reset_requested", &meta, now)
        },
    )
    .await?;
    if let Some(user) = &user {
        let (link_token, link_hash) = token::generate();
        db::expire_password_tokens(&mut tx, user.user_id, "reset", now).await?;
        db::insert_password_token(
            &mut tx,
            user.user_id,
            &link_hash,
            "reset",
            now + chrono::Duration::minutes(RESET_LINK_MINUTES),
        )
        .await?;
        let link = state
            .config
            .link(&format!("/set-password?token={link_token}"));
        crate::mail::queue(
            &mut tx,
            &state,
            &user.email,
            Lang::from_code(&user.locale).unwrap_or_default(),
            Template::PasswordReset {
                link: &link,
                minutes: RESET_LINK_MINUTES,
            },
        )
        .await?;
    }
    tx.commit().await?;
    state.wake_jobs();
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Signed-in users: a new password, given the current one. Ends every other session of the user
/// (this one continues, with a new token) and mails a notice.
#[server(prefix = "/api", endpoint = "auth/password")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::codes;
    use crate::auth::{db, events, password as pw, rate_limit, token};
    use crate::mail::templates::Template;
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    rate_limit::check_failures(&state.db, &user.email, meta.client_ip, now).await?;
    let account = db::user_by_id(&state.db, user.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let stored = account.password_hash.clone();
    let candidate = current_password;
    let ok = tokio::task::spawn_blocking(move || pw::verify(&candidate, stored.as_deref()))
        .await
        .map_err(AppError::internal)?;
    if !ok {
        db::insert_event(
            &state.db,
            db::NewEvent {
                user_id: Some(user.user_id),
                email: Some(&user.email),
                ..events::from_request("password_check_failed", &meta, now)
            },
        )
        .await?;
        return Err(AppError::field(
            "current_password",
            codes::PASSWORD_CURRENT_WRONG,
        ));
    }
    pw::check_new(
        &password,
        &password_confirm,
        &[&account.email, &account.display_name],
    )?;
    let hash = tokio::task::spawn_blocking(move || pw::hash(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let (session_token, session_hash) = token::generate();
    let mut tx = ctx::begin(Some(&user)).await?;
    db::set_password_hash(&mut tx, user.user_id, &hash).await?;
    let ended = db::delete_sessions_of_user(&mut tx, user.user_id, Some(user.session_id)).await?;
    db::delete_challenges_of_user(&mut tx, user.user_id).await?;
    db::rotate_session_token(&mut tx, user.session_id, &session_hash).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user.user_id),
            email: Some(&user.email),
            detail: serde_json::json!({ "ended_sessions": ended }),
            ..events::from_request("password_changed", &meta, now)
        },
    )
    .await?;
    crate::mail::queue(
        &mut tx,
        &state,
        &user.email,
        Lang::from_code(&user.locale).unwrap_or_default(),
        Template::PasswordChanged { email: &user.email },
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    ctx::set_cookie(crate::auth::cookies::Cookie::Session.set(
        &state.config,
        &session_token,
        state.config.session_absolute_hours * 3600,
    ));
    Ok(())
}
