use crate::auth::InvitationSummary;
use crate::ids::{InvitationId, TenantId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};

pub(crate) struct NewInvitation<'a> {
    pub email: &'a str,
    /// With `role`: an invitation into this tenant. Without: to the platform.
    pub tenant_id: Option<TenantId>,
    pub role: Option<&'a str>,
    pub is_platform_admin: bool,
    pub is_agency_staff: bool,
    pub locale: &'a str,
    pub invited_by: UserId,
    pub token_hash: &'a [u8],
    pub expires_at: DateTime<Utc>,
}

/// Creates an invitation, or renews the open one for the same address and tenant (new link, new
/// expiry, the old link stops working). Returns its id.
pub(crate) async fn upsert_invitation(
    tx: &mut PgTransaction<'_>,
    i: NewInvitation<'_>,
) -> sqlx::Result<InvitationId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into invitation (invitation_id, email, tenant_id, role, is_platform_admin, is_agency_staff, locale,
                                    invited_by, token_hash, expires_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            on conflict (email, coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'))
                where accepted_at is null and revoked_at is null
            do update set role = excluded.role, is_platform_admin = excluded.is_platform_admin,
                          is_agency_staff = excluded.is_agency_staff, locale = excluded.locale,
                          invited_by = excluded.invited_by, token_hash = excluded.token_hash,
                          expires_at = excluded.expires_at, sent_count = invitation.sent_count + 1
            returning invitation_id "invitation_id: InvitationId"
        "#,
        InvitationId::new() as InvitationId,
        i.email,
        i.tenant_id.map(|t| t.0),
        i.role,
        i.is_platform_admin,
        i.is_agency_staff,
        i.locale,
        i.invited_by as UserId,
        i.token_hash,
        i.expires_at
    )
    .fetch_one(&mut **tx)
    .await
}

pub(crate) struct OpenInvitation {
    pub invitation_id: InvitationId,
    pub email: String,
    pub locale: String,
    pub tenant_id: Option<TenantId>,
    pub role: Option<String>,
    pub is_platform_admin: bool,
    pub is_agency_staff: bool,
}

/// An open invitation (not accepted, not revoked), expired or not.
pub(crate) async fn open_invitation(
    db: impl PgExecutor<'_>,
    id: InvitationId,
) -> sqlx::Result<Option<OpenInvitation>> {
    sqlx::query_as!(
        OpenInvitation,
        // language=PostgreSQL
        r#"
            select invitation_id "invitation_id: InvitationId", email::text "email!", locale,
                   tenant_id "tenant_id: TenantId", role, is_platform_admin, is_agency_staff
            from invitation
            where invitation_id = $1 and accepted_at is null and revoked_at is null
        "#,
        id as InvitationId
    )
    .fetch_optional(db)
    .await
}

/// A new link for an open invitation: the old link stops working, the 7 days start again.
pub(crate) async fn renew_invitation(
    tx: &mut PgTransaction<'_>,
    id: InvitationId,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"
            update invitation set token_hash = $2, expires_at = $3, sent_count = sent_count + 1
            where invitation_id = $1 and accepted_at is null and revoked_at is null
        "#,
        id as InvitationId,
        token_hash,
        expires_at
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn revoke_invitation(
    tx: &mut PgTransaction<'_>,
    id: InvitationId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"
            update invitation set revoked_at = $2
            where invitation_id = $1 and accepted_at is null and revoked_at is null
        "#,
        id as InvitationId,
        now
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// The open invitation a link belongs to, if the link is still valid.
pub(crate) async fn live_invitation(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<OpenInvitation>> {
    sqlx::query_as!(
        OpenInvitation,
        // language=PostgreSQL
        r#"
            select invitation_id "invitation_id: InvitationId", email::text "email!", locale,
                   tenant_id "tenant_id: TenantId", role, is_platform_admin, is_agency_staff
            from invitation
            where token_hash = $1 and accepted_at is null and revoked_at is null and expires_at > $2
        "#,
        token_hash,
        now
    )
    .fetch_optional(db)
    .await
}

/// Marks an invitation accepted; false if it was used, revoked or expired meanwhile.
pub(crate) async fn accept_invitation(
    tx: &mut PgTransaction<'_>,
    id: InvitationId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"
            update invitation set accepted_at = $2
            where invitation_id = $1 and accepted_at is null and revoked_at is null and expires_at > $2
        "#,
        id as InvitationId,
        now
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Open invitations to the platform (no tenant), newest first; expired ones are included and marked.
pub(crate) async fn list_open_invitations(
    db: impl PgExecutor<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<InvitationSummary>> {
    sqlx::query_as!(
        InvitationSummary,
        // language=PostgreSQL
        r#"
            select i.invitation_id "invitation_id: InvitationId", i.email::text "email!", i.is_platform_admin,
                   i.is_agency_staff, coalesce(nullif(u.display_name, ''), u.email::text) invited_by, i.created_at,
                   i.expires_at, i.sent_count, i.expires_at <= $1 "expired!"
            from invitation i
            left join "user" u on u.user_id = i.invited_by
            where i.tenant_id is null and i.accepted_at is null and i.revoked_at is null
            order by i.created_at desc
        "#,
        now
    )
    .fetch_all(db)
    .await
}
