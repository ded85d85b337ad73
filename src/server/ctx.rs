//! The request context for server functions: state, the verified session, and transactions that carry
//! the actor into PostgreSQL (for RLS and the audit trigger). Tenant context is added by the Tenancy slice.
use super::state::AppState;
use crate::auth::db::{self as auth_db, Actor};
use crate::error::AppError;
use crate::ids::{SessionId, TenantId, UserId};
use crate::tenants::authz::{Access, Permission, TenantRole};
use http::request::Parts;
use leptos::prelude::*;
use sqlx::{PgPool, Postgres, Transaction};
use std::net::{IpAddr, SocketAddr};

/// Runs `work` with the request's context (its parts and the state), as server functions have it:
/// for plain axum routes (preview, media files, uploads) that use `require_tenant` and `begin_tenant`.
pub async fn scoped<T>(state: AppState, parts: Parts, work: impl Future<Output = T>) -> T {
    use leptos::reactive::computed::ScopedFuture;
    use leptos::reactive::owner::Owner;
    let owner = Owner::new();
    owner
        .with(|| {
            ScopedFuture::new(async move {
                provide_context(parts);
                provide_context(state);
                work.await
            })
        })
        .await
}

/// Who is calling: a user with a live session.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub session_id: SessionId,
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub is_platform_admin: bool,
    pub is_agency_staff: bool,
    pub locale: String,
}

/// Facts about the request that are logged and audited.
#[derive(Clone, Debug, Default)]
pub struct RequestMeta {
    pub request_id: Option<String>,
    pub client_ip: Option<IpAddr>,
    pub user_agent: String,
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState is not in the context"))
}

pub fn db() -> Result<PgPool, AppError> {
    Ok(state()?.db)
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::internal("request parts are not in the context"))
}

/// Marks a server function as callable without a session, and returns what it may log.
/// Every public function calls this on its first line, so that the choice is visible.
pub fn public() -> Result<RequestMeta, AppError> {
    meta()
}

/// What this request tells about the client (request id, client IP, User-Agent), for logs and events.
pub fn meta() -> Result<RequestMeta, AppError> {
    Ok(request_meta(&parts()?))
}

/// The signed-in user, or `Unauthorized`.
pub async fn require_user() -> Result<SessionUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// A platform admin, or `Forbidden` (`Unauthorized` without a session).
pub async fn require_platform_admin() -> Result<SessionUser, AppError> {
    let user = require_user().await?;
    if user.is_platform_admin {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Looks the session cookie up. Expired, idle or disabled sessions count as none.
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    if let Some(cached) = use_context::<CachedUser>() {
        return Ok(cached.0);
    }
    let state = state()?;
    let parts = parts()?;
    let Some(token) = crate::auth::cookies::Cookie::Session.read(&state.config, &parts.headers)
    else {
        provide_context(CachedUser(None));
        return Ok(None);
    };
    let user = auth_db::session_user(
        &state.db,
        &crate::auth::token::hash(&token),
        state.clock.now(),
        state.config.session_idle_minutes,
    )
    .await?;
    if let Some(user) = &user {
        auth_db::touch_session(&state.db, user.session_id, state.clock.now()).await?;
    }
    provide_context(CachedUser(user.clone()));
    Ok(user)
}

#[derive(Clone)]
struct CachedUser(Option<SessionUser>);

/// A transaction that tells PostgreSQL who acts (for RLS and the audit trigger), with no tenant.
/// The settings are transaction-local (`set_config(..., true)`), so they never leak to the next user
/// of the pooled connection.
pub async fn begin(user: Option<&SessionUser>) -> Result<Transaction<'static, Postgres>, AppError> {
    begin_with(Actor {
        user_id: user.map(|u| u.user_id),
        platform_admin: user.is_some_and(|u| u.is_platform_admin),
        agency_staff: user.is_some_and(|u| u.is_agency_staff),
        tenant_id: None,
    })
    .await
}

/// Like [`begin`], for a user who is proving who they are in this very request (login, a link):
/// recorded as the actor, with no platform rights.
pub async fn begin_as(user_id: Option<UserId>) -> Result<Transaction<'static, Postgres>, AppError> {
    begin_with(Actor {
        user_id,
        ..Default::default()
    })
    .await
}

/// A transaction in the member's tenant: RLS then shows this tenant's rows and no other's.
pub async fn begin_tenant(member: &Member) -> Result<Transaction<'static, Postgres>, AppError> {
    begin_with(member.actor()).await
}

pub(crate) async fn begin_with(actor: Actor) -> Result<Transaction<'static, Postgres>, AppError> {
    let meta = parts().map(|p| request_meta(&p)).unwrap_or_default();
    // BEGIN and the context in one round trip: this runs for every transaction.
    let statement = auth_db::begin_with_context(actor, meta.request_id.as_deref(), meta.client_ip);
    Ok(db()?.begin_with(statement).await?)
}

/// A signed-in user's access to one tenant, checked.
#[derive(Clone, Debug)]
pub struct Member {
    pub tenant_id: TenantId,
    pub user: SessionUser,
    pub access: Access,
}

impl Member {
    fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user.user_id),
            platform_admin: self.user.is_platform_admin,
            agency_staff: self.user.is_agency_staff,
            tenant_id: Some(self.tenant_id),
        }
    }
}

/// The caller's access to `tenant`, if it allows `permission`. A tenant the caller cannot reach, an
/// archived one (except for platform admins) and one that does not exist all answer `NotFound`, so
/// that nothing tells them apart; access without the permission is `Forbidden`.
pub async fn require_tenant(tenant: TenantId, permission: Permission) -> Result<Member, AppError> {
    let user = require_user().await?;
    let mut tx = begin(Some(&user)).await?;
    let found = crate::tenants::db::access_of(&mut *tx, tenant, user.user_id).await?;
    tx.commit().await?;
    let not_found = || AppError::NotFound("tenant".into());
    let found = found.ok_or_else(not_found)?;
    let access = if user.is_platform_admin {
        Access::PlatformAdmin
    } else {
        match (
            found.role.as_deref().and_then(TenantRole::from_code),
            user.is_agency_staff,
        ) {
            (Some(TenantRole::Owner), _) => Access::Member(TenantRole::Owner),
            (_, true) => Access::AgencyStaff,
            (Some(role), false) => Access::Member(role),
            (None, false) => return Err(not_found()),
        }
    };
    if found.archived && access != Access::PlatformAdmin {
        return Err(not_found());
    }
    if !access.allows(permission) {
        return Err(AppError::Forbidden);
    }
    Ok(Member {
        tenant_id: tenant,
        user,
        access,
    })
}

/// The value of one of the account cookies in this request.
pub(crate) fn read_cookie(which: crate::auth::cookies::Cookie) -> Result<Option<String>, AppError> {
    Ok(which.read(&state()?.config, &parts()?.headers))
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        res.append_header(http::header::SET_COOKIE, value);
    }
}

/// The value of a cookie in a `Cookie` header.
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_owned())
}

pub fn request_meta(parts: &Parts) -> RequestMeta {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip());
    RequestMeta {
        request_id: parts
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        client_ip: client_ip(peer, &parts.headers),
        user_agent: parts
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .take(400)
            .collect(),
    }
}

/// `CF-Connecting-IP` only when the peer is loopback (cloudflared on this host), otherwise the peer.
/// `X-Forwarded-For` is never trusted.
pub fn client_ip(peer: Option<IpAddr>, headers: &http::HeaderMap) -> Option<IpAddr> {
    match peer {
        Some(ip) if ip.is_loopback() => headers
            .get("cf-connecting-ip")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
            .or(Some(ip)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (k, v) in pairs {
            map.append(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                http::HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    #[test]
    fn cf_connecting_ip_counts_only_from_loopback() {
        let h = headers(&[
            ("cf-connecting-ip", "203.0.113.7"),
            ("x-forwarded-for", "198.51.100.1"),
        ]);
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        let remote: IpAddr = "192.0.2.10".parse().unwrap();
        assert_eq!(
            client_ip(Some(loopback), &h),
            Some("203.0.113.7".parse().unwrap())
        );
        assert_eq!(client_ip(Some(remote), &h), Some(remote));
        assert_eq!(
            client_ip(
                Some(loopback),
                &headers(&[("x-forwarded-for", "198.51.100.1")])
            ),
            Some(loopback)
        );
    }

    #[test]
    fn cookie_is_found_among_several() {
        let h = headers(&[("cookie", "a=1; traffino_session=abc; b=2")]);
        assert_eq!(cookie(&h, "traffino_session").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
    }
}
