//! Accounts, as platform admins manage them, and the security events they can read.
use crate::auth::{SecurityEventPage, UserSummary};
use crate::error::AppError;
use crate::ids::UserId;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Platform admins: every account.
#[server(prefix = "/api", endpoint = "admin/users", input = GetUrl)]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    use crate::server::ctx;
    ctx::require_platform_admin().await?;
    Ok(crate::auth::db::list_users(&ctx::db()?).await?)
}

/// Platform admins: disables an account, which ends all its sessions, remembered devices and login
/// attempts at once, or enables it again. Nobody can disable themselves.
#[server(prefix = "/api", endpoint = "admin/users/disable")]
pub async fn set_user_disabled(user_id: UserId, disabled: bool) -> Result<(), AppError> {
    use crate::auth::domain::codes;
    use crate::auth::{db, events};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    if user_id == admin.user_id {
        return Err(AppError::Conflict(codes::CANNOT_DISABLE_SELF.into()));
    }
    let now = state.clock.now();
    let mut tx = ctx::begin(Some(&admin)).await?;
    let target = db::user_by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("user".into()))?;
    db::set_disabled(&mut tx, user_id, disabled.then_some(now)).await?;
    let mut detail = serde_json::json!({});
    if disabled {
        let ended = db::delete_sessions_of_user(&mut tx, user_id, None).await?;
        db::delete_devices_of_user(&mut tx, user_id).await?;
        db::delete_challenges_of_user(&mut tx, user_id).await?;
        detail = serde_json::json!({ "ended_sessions": ended });
    }
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user_id),
            email: Some(&target.email),
            actor_id: Some(admin.user_id),
            detail,
            ..events::from_request(
                if disabled {
                    "user_disabled"
                } else {
                    "user_enabled"
                },
                &meta,
                now,
            )
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(%user_id, disabled, by = %admin.user_id, "account disabled flag changed");
    Ok(())
}

/// Platform admins: makes an account agency staff (every tenant's content) or takes that back.
#[server(prefix = "/api", endpoint = "admin/users/staff")]
pub async fn set_user_staff(user_id: UserId, staff: bool) -> Result<(), AppError> {
    use crate::auth::{db, events};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let now = ctx::state()?.clock.now();
    let mut tx = ctx::begin(Some(&admin)).await?;
    let target = db::user_by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("user".into()))?;
    db::set_agency_staff(&mut tx, user_id, staff).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user_id),
            email: Some(&target.email),
            actor_id: Some(admin.user_id),
            detail: serde_json::json!({ "agency_staff": staff }),
            ..events::from_request("staff_changed", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Platform admins: security events, newest first, 50 a page, optionally of one kind and/or about
/// one e-mail address.
#[server(prefix = "/api", endpoint = "admin/security-events", input = GetUrl)]
pub async fn list_security_events(
    kind: Option<String>,
    email: Option<String>,
    page: Option<i64>,
) -> Result<SecurityEventPage, AppError> {
    use crate::server::ctx;
    ctx::require_platform_admin().await?;
    const PER_PAGE: i64 = 50;
    let page = page.unwrap_or(0).clamp(0, 10_000);
    let clean = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let (kind, email) = (clean(kind), clean(email));
    let mut events = crate::auth::db::list_events(
        &ctx::db()?,
        kind.as_deref(),
        email.as_deref(),
        PER_PAGE + 1,
        page * PER_PAGE,
    )
    .await?;
    let has_more = events.len() as i64 > PER_PAGE;
    events.truncate(PER_PAGE as usize);
    Ok(SecurityEventPage {
        events,
        page,
        has_more,
    })
}
