//! Server functions for signing in and out and setting a password. Each states who may call it.
use super::{CurrentUser, PasswordLinkInfo};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Anyone may call: checks e-mail and password and starts a session.
/// Unknown e-mail, wrong password, no password yet and disabled account all give the same answer.
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let invalid = || AppError::field("password", super::domain::codes::CREDENTIALS_INVALID);
    if email.trim().is_empty() || password.is_empty() {
        return Err(invalid());
    }
    let email = email.trim().to_owned();
    let user = super::db::user_for_login(&state.db, &email).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    // argon2 is CPU-bound: keep it off the async workers.
    let password_for_check = password.clone();
    let ok = tokio::task::spawn_blocking(move || {
        super::password::verify(&password_for_check, stored.as_deref())
    })
    .await
    .map_err(AppError::internal)?;
    let user = match user {
        Some(user) if ok && !user.disabled => user,
        _ => {
            tracing::info!(request_id = ?meta.request_id, "login failed");
            return Err(invalid());
        }
    };

    let now = state.clock.now();
    let (token, token_hash) = super::token::generate();
    let mut tx = ctx::begin_as(Some(user.user_id), false).await?;
    if user
        .password_hash
        .as_deref()
        .is_some_and(super::password::needs_rehash)
    {
        let rehashed = tokio::task::spawn_blocking(move || super::password::hash(&password))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?;
        super::db::set_password_hash(&mut tx, user.user_id, &rehashed).await?;
    }
    super::db::insert_session(
        &mut tx,
        super::db::NewSession {
            user_id: user.user_id,
            token_hash: &token_hash,
            user_agent: &meta.user_agent,
            client_ip: meta.client_ip,
            now,
            expires_at: now + chrono::Duration::hours(state.config.session_absolute_hours),
        },
    )
    .await?;
    tx.commit().await?;
    ctx::set_cookie(session_cookie(
        &state.config,
        &token,
        state.config.session_absolute_hours * 3600,
    ));
    tracing::info!(user_id = %user.user_id, "login");
    leptos_axum::redirect("/");
    Ok(())
}

/// Signed-in users: ends the current session and clears the cookie.
#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let state = ctx::state()?;
    let mut tx = ctx::begin(Some(&user)).await?;
    super::db::delete_session(&mut tx, user.session_id).await?;
    tx.commit().await?;
    ctx::set_cookie(session_cookie(&state.config, "", 0));
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
    })
}

/// Anyone holding a live link: which account the link is for.
#[server(prefix = "/api", endpoint = "auth/password-link")]
pub async fn password_link(token: String) -> Result<PasswordLinkInfo, AppError> {
    use crate::server::ctx;
    ctx::public()?;
    let state = ctx::state()?;
    let link =
        super::db::live_password_token(&state.db, &super::token::hash(&token), state.clock.now())
            .await?
            .ok_or_else(|| AppError::field("token", super::domain::codes::LINK_INVALID))?;
    Ok(PasswordLinkInfo {
        email: link.email,
        purpose: link.purpose,
    })
}

/// Anyone holding a live link: sets the password once, ends every session of that user, and sends
/// them to the login page.
#[server(prefix = "/api", endpoint = "auth/set-password")]
pub async fn set_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::server::ctx;
    ctx::public()?;
    let state = ctx::state()?;
    super::domain::check_new_password(&password, &password_confirm)?;
    let now = state.clock.now();
    let link = super::db::live_password_token(&state.db, &super::token::hash(&token), now)
        .await?
        .ok_or_else(|| AppError::field("token", super::domain::codes::LINK_INVALID))?;
    let hash = tokio::task::spawn_blocking(move || super::password::hash(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let mut tx = ctx::begin_as(Some(link.user_id), false).await?;
    if !super::db::use_password_token(&mut tx, link.password_token_id, now).await? {
        return Err(AppError::field("token", super::domain::codes::LINK_INVALID));
    }
    super::db::set_password_hash(&mut tx, link.user_id, &hash).await?;
    super::db::delete_sessions_of_user(&mut tx, link.user_id).await?;
    tx.commit().await?;
    tracing::info!(user_id = %link.user_id, purpose = %link.purpose, "password set");
    leptos_axum::redirect("/login?password_set=1");
    Ok(())
}

/// Anyone: remembers the admin language in a cookie (and on the account when signed in).
#[server(prefix = "/api", endpoint = "ui/language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::server::ctx;
    ctx::public()?;
    let Some(lang) = crate::app::i18n::Lang::from_code(&lang) else {
        return Err(AppError::field("lang", super::domain::codes::REQUIRED));
    };
    if let Some(user) = ctx::current_user().await? {
        let mut tx = ctx::begin(Some(&user)).await?;
        super::db::set_user_locale(&mut tx, user.user_id, lang.code()).await?;
        tx.commit().await?;
    }
    ctx::set_cookie(format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        crate::app::i18n::LANG_COOKIE,
        lang.code()
    ));
    Ok(())
}

/// The Set-Cookie value for the session. HttpOnly and SameSite=Strict always; outside dev also Secure,
/// with the `__Host-` prefix (set by the cookie name).
#[cfg(feature = "ssr")]
pub(crate) fn session_cookie(
    config: &crate::server::config::Config,
    token: &str,
    max_age_secs: i64,
) -> String {
    let secure = if config.is_dev() { "" } else { "; Secure" };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}",
        config.session_cookie_name()
    )
}
