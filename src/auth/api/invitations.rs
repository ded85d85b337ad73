//! Invitations by e-mail: platform admins send, resend and revoke them; the invited person chooses a
//! name and a password through the link (valid 7 days, once).
use crate::auth::{InvitationLink, InvitationSummary};
use crate::error::AppError;
use crate::ids::InvitationId;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Platform admins: invites an address to the platform, as `platform_role` `admin` (everything),
/// `staff` (agency staff: every tenant's content) or `user` (tenants add them as members). Inviting
/// an address with an open invitation sends a new link; an address with an account is refused.
#[server(prefix = "/api", endpoint = "admin/invitations/create")]
pub async fn invite_user(
    email: String,
    platform_role: String,
    locale: String,
) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::{INVITATION_DAYS, codes, normalize_email};
    use crate::auth::{db, events, token};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let email = normalize_email(&email)?;
    let lang =
        Lang::from_code(&locale).ok_or_else(|| AppError::field("locale", codes::REQUIRED))?;
    let (is_platform_admin, is_agency_staff) = match platform_role.as_str() {
        "admin" => (true, false),
        "staff" => (false, true),
        "user" => (false, false),
        _ => return Err(AppError::field("platform_role", codes::REQUIRED)),
    };
    if db::user_for_login(&state.db, &email).await?.is_some() {
        return Err(AppError::field("email", codes::ACCOUNT_EXISTS));
    }
    let now = state.clock.now();
    let (link_token, link_hash) = token::generate();
    let mut tx = ctx::begin(Some(&admin)).await?;
    let invitation_id = db::upsert_invitation(
        &mut tx,
        db::NewInvitation {
            email: &email,
            tenant_id: None,
            role: None,
            is_platform_admin,
            is_agency_staff,
            locale: lang.code(),
            invited_by: admin.user_id,
            token_hash: &link_hash,
            expires_at: now + chrono::Duration::days(INVITATION_DAYS),
        },
    )
    .await?;
    send_invitation(&mut tx, &state, &admin, &email, lang, &link_token, None).await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            email: Some(&email),
            actor_id: Some(admin.user_id),
            detail: serde_json::json!({ "invitation_id": invitation_id, "platform_role": platform_role }),
            ..events::from_request("invitation_sent", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    Ok(())
}

/// Platform admins: invitations that were neither accepted nor revoked.
#[server(prefix = "/api", endpoint = "admin/invitations", input = GetUrl)]
pub async fn list_invitations() -> Result<Vec<InvitationSummary>, AppError> {
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let state = ctx::state()?;
    let mut tx = ctx::begin(Some(&admin)).await?;
    let list = crate::auth::db::list_open_invitations(&mut *tx, state.clock.now()).await?;
    tx.commit().await?;
    Ok(list)
}

/// Platform admins: a new link for an open invitation (the old one stops working; 7 more days).
#[server(prefix = "/api", endpoint = "admin/invitations/resend")]
pub async fn resend_invitation(invitation_id: InvitationId) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::INVITATION_DAYS;
    use crate::auth::{db, events, token};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let (link_token, link_hash) = token::generate();
    let mut tx = ctx::begin(Some(&admin)).await?;
    let invitation = db::open_invitation(&mut *tx, invitation_id)
        .await?
        .ok_or_else(|| AppError::NotFound("invitation".into()))?;
    if !db::renew_invitation(
        &mut tx,
        invitation_id,
        &link_hash,
        now + chrono::Duration::days(INVITATION_DAYS),
    )
    .await?
    {
        return Err(AppError::NotFound("invitation".into()));
    }
    let lang = Lang::from_code(&invitation.locale).unwrap_or_default();
    send_invitation(
        &mut tx,
        &state,
        &admin,
        &invitation.email,
        lang,
        &link_token,
        None,
    )
    .await?;
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            email: Some(&invitation.email),
            actor_id: Some(admin.user_id),
            detail: serde_json::json!({ "invitation_id": invitation_id, "resend": true }),
            ..events::from_request("invitation_sent", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    Ok(())
}

/// Platform admins: withdraws an open invitation; its link stops working.
#[server(prefix = "/api", endpoint = "admin/invitations/revoke")]
pub async fn revoke_invitation(invitation_id: InvitationId) -> Result<(), AppError> {
    use crate::auth::{db, events};
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let meta = ctx::meta()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let mut tx = ctx::begin(Some(&admin)).await?;
    let invitation = db::open_invitation(&mut *tx, invitation_id)
        .await?
        .ok_or_else(|| AppError::NotFound("invitation".into()))?;
    if !db::revoke_invitation(&mut tx, invitation_id, now).await? {
        return Err(AppError::NotFound("invitation".into()));
    }
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            email: Some(&invitation.email),
            actor_id: Some(admin.user_id),
            detail: serde_json::json!({ "invitation_id": invitation_id }),
            ..events::from_request("invitation_revoked", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Anyone holding a live invitation link: who it is for, and into which tenant.
#[server(prefix = "/api", endpoint = "auth/invitation", input = GetUrl)]
pub async fn invitation_info(token: String) -> Result<InvitationLink, AppError> {
    use crate::server::ctx;
    ctx::public()?;
    let (invitation, mut tx) = invitation_by_link(&token).await?;
    let tenant_name = match invitation.tenant_id {
        Some(tenant_id) => {
            enter_invited_tenant(&mut tx, None, tenant_id).await?;
            crate::tenants::db::tenant_detail(&mut *tx, tenant_id)
                .await?
                .map(|t| t.name)
        }
        None => None,
    };
    tx.commit().await?;
    Ok(InvitationLink {
        email: invitation.email,
        tenant_name,
    })
}

/// Anyone holding a live invitation link: creates the account with this name and password (once),
/// with the platform role or the tenant membership the invitation carries, then sends the browser to
/// the login page.
#[server(prefix = "/api", endpoint = "auth/invitation/accept")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::auth::domain::{codes, normalize_name};
    use crate::auth::{db, events, password as pw};
    use crate::server::ctx;
    let meta = ctx::public()?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let (invitation, mut tx) = invitation_by_link(&token).await?;
    let name = normalize_name(&display_name);
    let password_check = pw::check_new(
        &password,
        &password_confirm,
        &[&invitation.email, name.as_deref().unwrap_or_default()],
    );
    // Report the name and the password problems together.
    let name = match (name, password_check) {
        (Ok(name), Ok(())) => name,
        (name, password_check) => {
            let mut fields = crate::error::FieldErrors::new();
            for err in [name.err(), password_check.err()].into_iter().flatten() {
                if let AppError::Invalid(f) = err {
                    fields.extend(f);
                }
            }
            return Err(AppError::Invalid(fields));
        }
    };
    let hash = tokio::task::spawn_blocking(move || pw::hash(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    if !db::accept_invitation(&mut tx, invitation.invitation_id, now).await? {
        return Err(AppError::field("token", codes::LINK_INVALID));
    }
    if db::user_for_login(&mut *tx, &invitation.email)
        .await?
        .is_some()
    {
        return Err(AppError::field("token", codes::ACCOUNT_EXISTS));
    }
    let user_id = db::insert_user(
        &mut tx,
        db::NewUser {
            email: &invitation.email,
            display_name: &name,
            password_hash: Some(&hash),
            is_platform_admin: invitation.is_platform_admin,
            is_agency_staff: invitation.is_agency_staff,
            locale: &invitation.locale,
        },
    )
    .await?;
    if let (Some(tenant_id), Some(role)) = (invitation.tenant_id, invitation.role.as_deref()) {
        enter_invited_tenant(&mut tx, Some(user_id), tenant_id).await?;
        crate::tenants::db::insert_membership(&mut tx, tenant_id, user_id, role).await?;
        crate::tenants::db::set_last_tenant(&mut tx, user_id, tenant_id).await?;
    }
    db::insert_event(
        &mut *tx,
        db::NewEvent {
            user_id: Some(user_id),
            email: Some(&invitation.email),
            detail: serde_json::json!({
                "invitation_id": invitation.invitation_id,
                "tenant_id": invitation.tenant_id,
                "role": invitation.role,
            }),
            ..events::from_request("invitation_accepted", &meta, now)
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(%user_id, "invitation accepted");
    leptos_axum::redirect("/login?welcome=1");
    Ok(())
}

/// The live invitation a link belongs to, in a transaction that may read (and accept) exactly it.
#[cfg(feature = "ssr")]
async fn invitation_by_link(
    token: &str,
) -> Result<
    (
        crate::auth::db::OpenInvitation,
        sqlx::Transaction<'static, sqlx::Postgres>,
    ),
    AppError,
> {
    use crate::auth::domain::codes;
    use crate::server::ctx;
    let state = ctx::state()?;
    let hash = crate::auth::token::hash(token);
    let mut tx = ctx::begin_as(None).await?;
    crate::auth::db::allow_invitation_token(&mut tx, &hash).await?;
    let invitation = crate::auth::db::live_invitation(&mut *tx, &hash, state.clock.now())
        .await?
        .ok_or_else(|| AppError::field("token", codes::LINK_INVALID))?;
    Ok((invitation, tx))
}

/// Acts in the tenant an invitation (proven by its link) leads into.
#[cfg(feature = "ssr")]
async fn enter_invited_tenant(
    tx: &mut sqlx::PgTransaction<'_>,
    user_id: Option<crate::ids::UserId>,
    tenant_id: crate::ids::TenantId,
) -> Result<(), AppError> {
    let meta = crate::server::ctx::meta()?;
    let actor = crate::auth::db::Actor {
        user_id,
        tenant_id: Some(tenant_id),
        ..Default::default()
    };
    crate::auth::db::set_request_context(tx, actor, meta.request_id.as_deref(), meta.client_ip)
        .await?;
    Ok(())
}

/// Queues the invitation mail, signed with the inviter's name.
#[cfg(feature = "ssr")]
pub(crate) async fn send_invitation(
    tx: &mut sqlx::PgTransaction<'_>,
    state: &crate::server::state::AppState,
    admin: &crate::server::ctx::SessionUser,
    email: &str,
    lang: crate::app::i18n::Lang,
    link_token: &str,
    tenant_name: Option<&str>,
) -> Result<(), AppError> {
    let link = state.config.link(&format!("/invite?token={link_token}"));
    let inviter = if admin.display_name.trim().is_empty() {
        admin.email.as_str()
    } else {
        admin.display_name.as_str()
    };
    crate::mail::queue(
        tx,
        state,
        email,
        lang,
        crate::mail::templates::Template::Invitation {
            link: &link,
            inviter,
            tenant: tenant_name,
            days: crate::auth::domain::INVITATION_DAYS,
        },
    )
    .await?;
    Ok(())
}
