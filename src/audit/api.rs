//! Server functions of the audit slice.
use super::ActivityPage;
use crate::error::AppError;
use crate::ids::{TenantId, UserId};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
const PER_PAGE: i64 = 50;

/// Owners, editors, agency staff and platform admins of the tenant: what happened in it, newest
/// first, 50 a page; optionally by one person, of one kind of record, of one record (`row`), between
/// two days (`from`, `to` as YYYY-MM-DD, whole days in UTC).
#[server(prefix = "/api", endpoint = "activity", input = GetUrl)]
pub async fn list_activity(
    tenant: TenantId,
    actor: Option<UserId>,
    table: Option<String>,
    row: Option<uuid::Uuid>,
    from: Option<String>,
    to: Option<String>,
    page: Option<i64>,
) -> Result<ActivityPage, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::ViewActivity).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let page = read(
        &mut tx,
        Some(member.tenant_id),
        Query {
            actor,
            table,
            row,
            from,
            to,
            page,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(page)
}

/// Platform admins: activity across the whole platform (every tenant, and changes that belong to no
/// tenant such as accounts), with the same filters plus one tenant.
#[server(prefix = "/api", endpoint = "activity/platform", input = GetUrl)]
pub async fn list_platform_activity(
    tenant: Option<TenantId>,
    actor: Option<UserId>,
    table: Option<String>,
    row: Option<uuid::Uuid>,
    from: Option<String>,
    to: Option<String>,
    page: Option<i64>,
) -> Result<ActivityPage, AppError> {
    use crate::server::ctx;
    let admin = ctx::require_platform_admin().await?;
    let mut tx = ctx::begin(Some(&admin)).await?;
    let page = read(
        &mut tx,
        tenant,
        Query {
            actor,
            table,
            row,
            from,
            to,
            page,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(page)
}

#[cfg(feature = "ssr")]
struct Query {
    actor: Option<UserId>,
    table: Option<String>,
    row: Option<uuid::Uuid>,
    from: Option<String>,
    to: Option<String>,
    page: Option<i64>,
}

#[cfg(feature = "ssr")]
async fn read(
    tx: &mut sqlx::PgTransaction<'_>,
    tenant_id: Option<TenantId>,
    q: Query,
) -> Result<ActivityPage, AppError> {
    use chrono::{NaiveDate, TimeZone, Utc};
    let day = |field: &str,
               value: Option<String>|
     -> Result<Option<chrono::DateTime<Utc>>, AppError> {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(|d| Some(Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())))
                .map_err(|_| AppError::field(field, "date_invalid")),
        }
    };
    let from = day("from", q.from)?;
    // "to" is inclusive: up to the start of the next day.
    let until = day("to", q.to)?.map(|d| d + chrono::Duration::days(1));
    let page = q.page.unwrap_or(0).clamp(0, 100_000);
    let table = q
        .table
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let mut rows = super::db::list(
        &mut **tx,
        super::db::Filter {
            tenant_id,
            actor_id: q.actor,
            table_name: table.as_deref(),
            row_id: q.row,
            from,
            until,
            limit: PER_PAGE + 1,
            offset: page * PER_PAGE,
        },
    )
    .await?;
    let has_more = rows.len() as i64 > PER_PAGE;
    rows.truncate(PER_PAGE as usize);
    Ok(ActivityPage {
        entries: rows
            .into_iter()
            .map(|r| super::ActivityEntry {
                changes: super::changes_from_diff(&r.diff),
                audit_id: r.audit_id,
                table_name: r.table_name,
                row_id: r.row_id,
                action: r.action,
                actor_id: r.actor_id,
                actor: r.actor,
                tenant: r.tenant,
                created_at: r.created_at,
            })
            .collect(),
        page,
        has_more,
    })
}
