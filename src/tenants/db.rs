//! SQL for tenants and memberships. Every statement on a tenant table names the tenant, and runs in a
//! transaction whose `app.tenant_id` RLS checks as well.
use super::domain::ValidTenant;
use super::{MemberView, TenantDetail, TenantInvitation, TenantSummary};
use crate::ids::{MembershipId, TenantId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};

pub(crate) struct TenantAccess {
    pub archived: bool,
    pub role: Option<String>,
}

/// Whether the caller sees the tenant at all (RLS: member, staff or platform admin), whether it is
/// archived, and the caller's membership role there.
pub(crate) async fn access_of(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    user_id: UserId,
) -> sqlx::Result<Option<TenantAccess>> {
    sqlx::query_as!(
        TenantAccess,
        // language=PostgreSQL
        r#"
            select t.archived_at is not null "archived!", m.role "role?"
            from tenant t
            left join membership m on m.tenant_id = t.tenant_id and m.user_id = $2
            where t.tenant_id = $1
        "#,
        tenant_id as TenantId,
        user_id as UserId
    )
    .fetch_optional(db)
    .await
}

/// The tenant with this slug, if the caller sees it.
pub(crate) async fn tenant_id_by_slug(
    db: impl PgExecutor<'_>,
    slug: &str,
) -> sqlx::Result<Option<TenantId>> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"select tenant_id "tenant_id: TenantId" from tenant where slug = $1"#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// The tenants the caller sees (RLS decides), by name; archived ones only if asked.
pub(crate) async fn visible_tenants(
    db: impl PgExecutor<'_>,
    user_id: UserId,
    include_archived: bool,
) -> sqlx::Result<Vec<TenantSummary>> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select t.tenant_id "tenant_id: TenantId", t.slug, t.name, t.archived_at is not null "archived!",
                   m.role "role?", (select count(*) from membership c where c.tenant_id = t.tenant_id) "members!"
            from tenant t
            left join membership m on m.tenant_id = t.tenant_id and m.user_id = $1
            where $2 or t.archived_at is null
            order by lower(t.name), t.slug
        "#,
        user_id as UserId,
        include_archived
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TenantSummary {
            tenant_id: r.tenant_id,
            slug: r.slug,
            name: r.name,
            archived: r.archived,
            role: r
                .role
                .as_deref()
                .and_then(super::authz::TenantRole::from_code),
            members: r.members,
        })
        .collect())
}

pub(crate) async fn insert_tenant(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    t: &ValidTenant,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into tenant (tenant_id, slug, name, contact_email, default_locale, enabled_locales, time_zone)
            values ($1, $2, $3, $4, $5, $6, $7)
        "#,
        tenant_id as TenantId,
        t.slug,
        t.name,
        t.contact_email.as_deref(),
        t.default_locale,
        &t.enabled_locales,
        t.time_zone
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn tenant_detail(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Option<TenantDetail>> {
    sqlx::query_as!(
        TenantDetail,
        // language=PostgreSQL
        r#"
            select tenant_id "tenant_id: TenantId", slug, name, contact_email::text, default_locale,
                   enabled_locales, time_zone, archived_at, created_at
            from tenant
            where tenant_id = $1
        "#,
        tenant_id as TenantId
    )
    .fetch_optional(db)
    .await
}

/// Saves the settings; the slug only when `with_slug` (platform admins).
pub(crate) async fn update_tenant(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    t: &ValidTenant,
    with_slug: bool,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"
            update tenant
            set name = $2, contact_email = $3, default_locale = $4, enabled_locales = $5, time_zone = $6,
                slug = case when $7 then $8 else slug end
            where tenant_id = $1
        "#,
        tenant_id as TenantId,
        t.name,
        t.contact_email.as_deref(),
        t.default_locale,
        &t.enabled_locales,
        t.time_zone,
        with_slug,
        t.slug
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn set_archived(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    archived_at: Option<DateTime<Utc>>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"update tenant set archived_at = $2 where tenant_id = $1"#,
        tenant_id as TenantId,
        archived_at
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Deletes the tenant; every tenant table refers to it with `on delete cascade`.
pub(crate) async fn delete_tenant(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from tenant where tenant_id = $1"#,
        tenant_id as TenantId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn list_members(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<MemberView>> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select m.membership_id "membership_id: MembershipId", m.user_id "user_id: UserId",
                   u.email::text "email!", u.display_name, m.role, u.disabled_at is not null "disabled!",
                   m.created_at
            from membership m
            join "user" u using (user_id)
            where m.tenant_id = $1
            order by case m.role when 'owner' then 0 when 'editor' then 1 else 2 end,
                     lower(coalesce(nullif(u.display_name, ''), u.email::text))
        "#,
        tenant_id as TenantId
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(MemberView {
                membership_id: r.membership_id,
                user_id: r.user_id,
                email: r.email,
                display_name: r.display_name,
                role: super::authz::TenantRole::from_code(&r.role)?,
                disabled: r.disabled,
                created_at: r.created_at,
            })
        })
        .collect())
}

pub(crate) async fn insert_membership(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    user_id: UserId,
    role: &str,
) -> sqlx::Result<MembershipId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into membership (membership_id, tenant_id, user_id, role)
            values ($1, $2, $3, $4)
            returning membership_id "membership_id: MembershipId"
        "#,
        MembershipId::new() as MembershipId,
        tenant_id as TenantId,
        user_id as UserId,
        role
    )
    .fetch_one(&mut **tx)
    .await
}

/// A member's role (for the last-owner rule); locks the tenant's memberships against a parallel
/// change of the same kind.
pub(crate) async fn owners_for_update(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<MembershipId>> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            select membership_id "membership_id: MembershipId" from membership
            where tenant_id = $1 and role = 'owner'
            for update
        "#,
        tenant_id as TenantId
    )
    .fetch_all(&mut **tx)
    .await
}

pub(crate) async fn set_member_role(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    membership_id: MembershipId,
    role: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"update membership set role = $3 where tenant_id = $1 and membership_id = $2"#,
        tenant_id as TenantId,
        membership_id as MembershipId,
        role
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn delete_membership(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    membership_id: MembershipId,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from membership where tenant_id = $1 and membership_id = $2"#,
        tenant_id as TenantId,
        membership_id as MembershipId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Remembers the tenant the user worked in last (the switcher opens it next time).
pub(crate) async fn set_last_tenant(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    tenant_id: TenantId,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set last_tenant_id = $2 where user_id = $1 and last_tenant_id is distinct from $2"#,
        user_id as UserId,
        tenant_id as TenantId
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The slug of the tenant the user worked in last, if they still see it and it is not archived.
pub(crate) async fn last_tenant_slug(
    db: impl PgExecutor<'_>,
    user_id: UserId,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            select t.slug from "user" u join tenant t on t.tenant_id = u.last_tenant_id
            where u.user_id = $1 and t.archived_at is null
        "#,
        user_id as UserId
    )
    .fetch_optional(db)
    .await
}

pub(crate) async fn list_tenant_invitations(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<TenantInvitation>> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select invitation_id "invitation_id: crate::ids::InvitationId", email::text "email!", role "role!",
                   expires_at, expires_at <= $2 "expired!"
            from invitation
            where tenant_id = $1 and accepted_at is null and revoked_at is null
            order by created_at desc
        "#,
        tenant_id as TenantId,
        now
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(TenantInvitation {
                invitation_id: r.invitation_id,
                email: r.email,
                role: super::authz::TenantRole::from_code(&r.role)?,
                expires_at: r.expires_at,
                expired: r.expired,
            })
        })
        .collect())
}
