//! Server functions of the tenants slice. Each says who may call it; its first line checks that.
use super::domain::TenantInput;
use super::{
    InviteOutcome, MemberView, TenantContext, TenantDetail, TenantInvitation, TenantSummary,
};
use crate::error::AppError;
use crate::ids::{InvitationId, MembershipId, TenantId};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Signed-in users: the tenants they can open (their memberships; every tenant for agency staff and
/// platform admins), for the switcher. Archived tenants are left out.
#[server(prefix = "/api", endpoint = "tenants/mine", input = GetUrl)]
pub async fn list_my_tenants() -> Result<Vec<TenantSummary>, AppError> {
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let mut tx = ctx::begin(Some(&user)).await?;
    let list = super::db::visible_tenants(&mut *tx, user.user_id, false).await?;
    tx.commit().await?;
    Ok(list)
}

/// Signed-in users: the slug of the tenant they worked in last, if they can still open it.
#[server(prefix = "/api", endpoint = "tenants/last", input = GetUrl)]
pub async fn last_tenant() -> Result<Option<String>, AppError> {
    use crate::server::ctx;
    let user = ctx::require_user().await?;
    let mut tx = ctx::begin(Some(&user)).await?;
    let slug = super::db::last_tenant_slug(&mut *tx, user.user_id).await?;
    tx.commit().await?;
    Ok(slug)
}

/// Anyone who may view the tenant: the tenant a page at `/t/{slug}` works in, and the caller's access.
/// Opening it makes it the tenant the switcher offers next time.
#[server(prefix = "/api", endpoint = "tenants/context", input = GetUrl)]
pub async fn open_tenant(slug: String) -> Result<TenantContext, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let user = ctx::require_user().await?;
    let mut tx = ctx::begin(Some(&user)).await?;
    let tenant_id = super::db::tenant_id_by_slug(&mut *tx, &slug).await?;
    tx.commit().await?;
    let member = ctx::require_tenant(
        tenant_id.ok_or_else(|| AppError::NotFound("tenant".into()))?,
        Permission::View,
    )
    .await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    super::db::set_last_tenant(&mut tx, member.user.user_id, member.tenant_id).await?;
    tx.commit().await?;
    Ok(TenantContext {
        tenant_id: detail.tenant_id,
        slug: detail.slug,
        name: detail.name,
        access: member.access,
        archived: detail.archived_at.is_some(),
    })
}

/// Platform admins: every tenant, archived ones too, with member counts.
#[server(prefix = "/api", endpoint = "tenants/all", input = GetUrl)]
pub async fn list_all_tenants() -> Result<Vec<TenantSummary>, AppError> {
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let mut tx = ctx::begin(Some(&admin)).await?;
    let list = super::db::visible_tenants(&mut *tx, admin.user_id, true).await?;
    tx.commit().await?;
    Ok(list)
}

/// Platform admins: a new tenant. Returns its slug (the admin goes there next).
#[server(prefix = "/api", endpoint = "tenants/create")]
pub async fn create_tenant(input: TenantInput) -> Result<String, AppError> {
    use crate::auth::db::Actor;
    use crate::error::ConstraintExt;
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let tenant = input.validate()?;
    let tenant_id = TenantId::new();
    // The new tenant is the context of the transaction that creates it (RLS WITH CHECK).
    let mut tx = ctx::begin_with(Actor {
        user_id: Some(admin.user_id),
        platform_admin: true,
        agency_staff: admin.is_agency_staff,
        tenant_id: Some(tenant_id),
    })
    .await?;
    super::db::insert_tenant(&mut tx, tenant_id, &tenant)
        .await
        .on_constraint("tenant_slug_key", || {
            AppError::field("slug", super::domain::codes::SLUG_TAKEN)
        })?;
    tx.commit().await?;
    tracing::info!(%tenant_id, slug = %tenant.slug, "tenant created");
    Ok(tenant.slug)
}

/// Anyone who may view the tenant: its settings.
#[server(prefix = "/api", endpoint = "tenants/detail", input = GetUrl)]
pub async fn load_tenant(tenant: TenantId) -> Result<TenantDetail, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    tx.commit().await?;
    Ok(detail)
}

/// Owners and platform admins: name, contact, languages, time zone. Only platform admins change the
/// slug (it is the tenant's address); for others it is kept as it is.
#[server(prefix = "/api", endpoint = "tenants/update")]
pub async fn update_tenant(tenant: TenantId, input: TenantInput) -> Result<String, AppError> {
    use crate::error::ConstraintExt;
    use crate::server::ctx;
    use crate::tenants::authz::{Access, Permission};
    let member = ctx::require_tenant(tenant, Permission::EditSettings).await?;
    let admin = member.access == Access::PlatformAdmin;
    let mut tx = ctx::begin_tenant(&member).await?;
    let current = super::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    let mut input = input;
    if !admin {
        input.slug = current.slug.clone();
    }
    let valid = input.validate()?;
    super::db::update_tenant(&mut tx, member.tenant_id, &valid, admin)
        .await
        .on_constraint("tenant_slug_key", || {
            AppError::field("slug", super::domain::codes::SLUG_TAKEN)
        })?;
    tx.commit().await?;
    Ok(if admin { valid.slug } else { current.slug })
}

/// Platform admins: archives a tenant (hidden, its members locked out, data kept) or brings it back.
#[server(prefix = "/api", endpoint = "tenants/archive")]
pub async fn archive_tenant(tenant: TenantId, archived: bool) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::Archive).await?;
    let now = ctx::state()?.clock.now();
    let mut tx = ctx::begin_tenant(&member).await?;
    super::db::set_archived(&mut tx, member.tenant_id, archived.then_some(now)).await?;
    tx.commit().await?;
    Ok(())
}

/// Platform admins: removes the tenant with every row (memberships, invitations, later content) and
/// every file it has, after the slug was typed to confirm. The audit trail of what happened stays.
#[server(prefix = "/api", endpoint = "tenants/delete")]
pub async fn delete_tenant(tenant: TenantId, confirm_slug: String) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::Delete).await?;
    let state = ctx::state()?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    if confirm_slug.trim() != detail.slug {
        return Err(AppError::field(
            "confirm_slug",
            super::domain::codes::CONFIRM_SLUG,
        ));
    }
    super::db::delete_tenant(&mut tx, member.tenant_id).await?;
    tx.commit().await?;
    // Files live under per-tenant folders of the data directory (media, published sites).
    for area in ["media", "sites"] {
        let dir = state
            .config
            .data_dir
            .join(area)
            .join(member.tenant_id.to_string());
        if dir.exists()
            && let Err(err) = tokio::fs::remove_dir_all(&dir).await
        {
            tracing::error!(error = %err, dir = %dir.display(), "removing a deleted tenant's files");
        }
    }
    tracing::info!(tenant_id = %member.tenant_id, slug = %detail.slug, "tenant deleted");
    leptos_axum::redirect("/admin/tenants");
    Ok(())
}

/// Anyone who may view the tenant: its members and their roles.
#[server(prefix = "/api", endpoint = "tenants/members", input = GetUrl)]
pub async fn list_members(tenant: TenantId) -> Result<Vec<MemberView>, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let list = super::db::list_members(&mut *tx, member.tenant_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// Owners and platform admins: changes a member's role. The last owner stays an owner.
#[server(prefix = "/api", endpoint = "tenants/members/role")]
pub async fn set_member_role(
    tenant: TenantId,
    membership_id: MembershipId,
    role: String,
) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::{Permission, TenantRole};
    use crate::tenants::domain::codes;
    let member = ctx::require_tenant(tenant, Permission::ManageMembers).await?;
    let role =
        TenantRole::from_code(&role).ok_or_else(|| AppError::field("role", codes::ROLE_INVALID))?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let owners = super::db::owners_for_update(&mut tx, member.tenant_id).await?;
    if role != TenantRole::Owner && owners == [membership_id] {
        return Err(AppError::Conflict(codes::LAST_OWNER.into()));
    }
    if !super::db::set_member_role(&mut tx, member.tenant_id, membership_id, role.code()).await? {
        return Err(AppError::NotFound("member".into()));
    }
    tx.commit().await?;
    Ok(())
}

/// Owners and platform admins: takes a member out of the tenant. The last owner stays.
#[server(prefix = "/api", endpoint = "tenants/members/remove")]
pub async fn remove_member(tenant: TenantId, membership_id: MembershipId) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    use crate::tenants::domain::codes;
    let member = ctx::require_tenant(tenant, Permission::ManageMembers).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let owners = super::db::owners_for_update(&mut tx, member.tenant_id).await?;
    if owners == [membership_id] {
        return Err(AppError::Conflict(codes::LAST_OWNER.into()));
    }
    if !super::db::delete_membership(&mut tx, member.tenant_id, membership_id).await? {
        return Err(AppError::NotFound("member".into()));
    }
    tx.commit().await?;
    Ok(())
}

/// Owners and platform admins: gives an address a role in the tenant. An existing account becomes a
/// member at once; otherwise an invitation goes out (the same flow as platform invitations: the link
/// sets name and password, 7 days, once).
#[server(prefix = "/api", endpoint = "tenants/members/invite")]
pub async fn invite_member(
    tenant: TenantId,
    email: String,
    role: String,
    locale: String,
) -> Result<InviteOutcome, AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::{INVITATION_DAYS, codes as auth_codes, normalize_email};
    use crate::error::ConstraintExt;
    use crate::server::ctx;
    use crate::tenants::authz::{Permission, TenantRole};
    use crate::tenants::domain::codes;
    let member = ctx::require_tenant(tenant, Permission::ManageMembers).await?;
    let state = ctx::state()?;
    let meta = ctx::meta()?;
    let email = normalize_email(&email)?;
    let role =
        TenantRole::from_code(&role).ok_or_else(|| AppError::field("role", codes::ROLE_INVALID))?;
    let lang =
        Lang::from_code(&locale).ok_or_else(|| AppError::field("locale", auth_codes::REQUIRED))?;
    let now = state.clock.now();
    let existing = crate::auth::db::user_for_login(&state.db, &email).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    let outcome = match existing {
        Some(user) => {
            super::db::insert_membership(&mut tx, member.tenant_id, user.user_id, role.code())
                .await
                .on_constraint("membership_tenant_user_key", || {
                    AppError::field("email", codes::ALREADY_MEMBER)
                })?;
            InviteOutcome::Added
        }
        None => {
            let (link_token, link_hash) = crate::auth::token::generate();
            let invitation_id = crate::auth::db::upsert_invitation(
                &mut tx,
                crate::auth::db::NewInvitation {
                    email: &email,
                    tenant_id: Some(member.tenant_id),
                    role: Some(role.code()),
                    is_platform_admin: false,
                    is_agency_staff: false,
                    locale: lang.code(),
                    invited_by: member.user.user_id,
                    token_hash: &link_hash,
                    expires_at: now + chrono::Duration::days(INVITATION_DAYS),
                },
            )
            .await?;
            crate::auth::send_invitation(
                &mut tx,
                &state,
                &member.user,
                &email,
                lang,
                &link_token,
                Some(&detail.name),
            )
            .await?;
            crate::auth::db::insert_event(
                &mut *tx,
                crate::auth::db::NewEvent {
                    email: Some(&email),
                    actor_id: Some(member.user.user_id),
                    detail: serde_json::json!({ "invitation_id": invitation_id, "tenant_id": member.tenant_id, "role": role.code() }),
                    ..crate::auth::events::from_request("invitation_sent", &meta, now)
                },
            )
            .await?;
            InviteOutcome::Invited
        }
    };
    tx.commit().await?;
    state.wake_jobs();
    Ok(outcome)
}

/// Owners and platform admins: the tenant's open invitations.
#[server(prefix = "/api", endpoint = "tenants/invitations", input = GetUrl)]
pub async fn list_tenant_invitations(tenant: TenantId) -> Result<Vec<TenantInvitation>, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::ManageMembers).await?;
    let now = ctx::state()?.clock.now();
    let mut tx = ctx::begin_tenant(&member).await?;
    let list = super::db::list_tenant_invitations(&mut *tx, member.tenant_id, now).await?;
    tx.commit().await?;
    Ok(list)
}

/// Owners and platform admins: a new link for an open invitation to the tenant (7 more days).
#[server(prefix = "/api", endpoint = "tenants/invitations/resend")]
pub async fn resend_tenant_invitation(
    tenant: TenantId,
    invitation_id: InvitationId,
) -> Result<(), AppError> {
    use crate::app::i18n::Lang;
    use crate::auth::domain::INVITATION_DAYS;
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::ManageMembers).await?;
    let state = ctx::state()?;
    let now = state.clock.now();
    let (link_token, link_hash) = crate::auth::token::generate();
    let mut tx = ctx::begin_tenant(&member).await?;
    let invitation = crate::auth::db::open_invitation(&mut *tx, invitation_id)
        .await?
        .filter(|i| i.tenant_id == Some(member.tenant_id))
        .ok_or_else(|| AppError::NotFound("invitation".into()))?;
    let detail = super::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    if !crate::auth::db::renew_invitation(
        &mut tx,
        invitation_id,
        &link_hash,
        now + chrono::Duration::days(INVITATION_DAYS),
    )
    .await?
    {
        return Err(AppError::NotFound("invitation".into()));
    }
    crate::auth::send_invitation(
        &mut tx,
        &state,
        &member.user,
        &invitation.email,
        Lang::from_code(&invitation.locale).unwrap_or_default(),
        &link_token,
        Some(&detail.name),
    )
    .await?;
    tx.commit().await?;
    state.wake_jobs();
    Ok(())
}

/// Owners and platform admins: withdraws an open invitation to the tenant.
#[server(prefix = "/api", endpoint = "tenants/invitations/revoke")]
pub async fn revoke_tenant_invitation(
    tenant: TenantId,
    invitation_id: InvitationId,
) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::ManageMembers).await?;
    let now = ctx::state()?.clock.now();
    let mut tx = ctx::begin_tenant(&member).await?;
    let found = crate::auth::db::open_invitation(&mut *tx, invitation_id)
        .await?
        .is_some_and(|i| i.tenant_id == Some(member.tenant_id));
    if !found || !crate::auth::db::revoke_invitation(&mut tx, invitation_id, now).await? {
        return Err(AppError::NotFound("invitation".into()));
    }
    tx.commit().await?;
    Ok(())
}
