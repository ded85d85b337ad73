//! My sessions and remembered devices: list and revoke.
use crate::auth::{DeviceInfo, SessionInfo};
use crate::error::AppError;
use crate::ids::{SessionId, TrustedDeviceId};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Signed-in users: their own live sessions, the current one marked.
#[server(prefix = "/api", endpoint = "account/sessions", input = GetUrl)]
pub async fn list_my_sessions() -> Result<Vec<SessionInfo>, AppError> {
    use crate::auth::domain::describe_user_agent;
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let state = ctx::state()?;
    let sessions = crate::auth::db::live_sessions_of_user(
        &state.db,
        user.user_id,
        state.clock.now(),
        state.config.session_idle_minutes,
    )
    .await?;
    let mut list: Vec<SessionInfo> = sessions
        .into_iter()
        .map(|s| {
            let (browser, os) = describe_user_agent(&s.user_agent);
            SessionInfo {
                current: s.session_id == user.session_id,
                session_id: s.session_id,
                browser,
                os,
                client_ip: s.client_ip.map(|ip| ip.ip().to_string()),
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
            }
        })
        .collect();
    // This session first, then the others by last activity.
    list.sort_by_key(|s| !s.current);
    Ok(list)
}

/// Signed-in users: ends one of their own sessions. Ending the current one signs out here.
#[server(prefix = "/api", endpoint = "account/sessions/revoke")]
pub async fn revoke_session(session_id: SessionId) -> Result<(), AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::{db, events};
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let mut tx = ctx::begin(Some(&user)).await?;
    if !db::delete_own_session(&mut tx, user.user_id, session_id).await? {
        return Err(AppError::NotFound("session".into()));
    }
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user.user_id),
            email: Some(&user.email),
            detail: serde_json::json!({ "session_id": session_id, "current": session_id == user.session_id }),
            ..events::from_request("session_revoked", &meta, state.clock.now())
        },
    )
    .await?;
    tx.commit().await?;
    if session_id == user.session_id {
        ctx::set_cookie(Cookie::Session.clear(&state.config));
        leptos_axum::redirect("/login");
    }
    Ok(())
}

/// Signed-in users: ends all their sessions but this one; returns how many ended.
#[server(prefix = "/api", endpoint = "account/sessions/revoke-others")]
pub async fn revoke_other_sessions() -> Result<u64, AppError> {
    use crate::auth::{db, events};
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let mut tx = ctx::begin(Some(&user)).await?;
    let ended = db::delete_sessions_of_user(&mut tx, user.user_id, Some(user.session_id)).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user.user_id),
            email: Some(&user.email),
            detail: serde_json::json!({ "ended_sessions": ended }),
            ..events::from_request("sessions_revoked", &meta, state.clock.now())
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

/// Signed-in users: their remembered devices, this browser marked.
#[server(prefix = "/api", endpoint = "account/devices", input = GetUrl)]
pub async fn list_my_devices() -> Result<Vec<DeviceInfo>, AppError> {
    use crate::auth::cookies::Cookie;
    use crate::auth::domain::describe_user_agent;
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let state = ctx::state()?;
    let here = ctx::read_cookie(Cookie::Device)?.map(|t| crate::auth::token::hash(&t));
    let devices =
        crate::auth::db::live_devices_of_user(&state.db, user.user_id, state.clock.now()).await?;
    Ok(devices
        .into_iter()
        .map(|d| {
            let (browser, os) = describe_user_agent(&d.user_agent);
            DeviceInfo {
                current: here.as_deref() == Some(d.token_hash.as_slice()),
                trusted_device_id: d.trusted_device_id,
                browser,
                os,
                created_at: d.created_at,
                last_seen_at: d.last_seen_at,
                expires_at: d.expires_at,
            }
        })
        .collect())
}

/// Signed-in users: forgets one of their remembered devices (its next login needs a code again).
#[server(prefix = "/api", endpoint = "account/devices/forget")]
pub async fn forget_device(trusted_device_id: TrustedDeviceId) -> Result<(), AppError> {
    use crate::auth::{db, events};
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let mut tx = ctx::begin(Some(&user)).await?;
    if !db::delete_own_device(&mut tx, user.user_id, trusted_device_id).await? {
        return Err(AppError::NotFound("device".into()));
    }
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user.user_id),
            email: Some(&user.email),
            detail: serde_json::json!({ "trusted_device_id": trusted_device_id }),
            ..events::from_request("device_forgotten", &meta, state.clock.now())
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
