//! Reading the audit log. Filters are optional parameters in one compile-checked statement.
use crate::ids::{AuditId, TenantId, UserId};
use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

pub(crate) struct AuditRow {
    pub audit_id: AuditId,
    pub table_name: String,
    pub row_id: Option<uuid::Uuid>,
    pub action: String,
    pub actor_id: Option<UserId>,
    pub actor: Option<String>,
    pub tenant: Option<String>,
    pub diff: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

pub(crate) struct Filter<'a> {
    /// `None` only in the platform-wide view.
    pub tenant_id: Option<TenantId>,
    pub actor_id: Option<UserId>,
    pub table_name: Option<&'a str>,
    pub row_id: Option<uuid::Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

/// Audit rows, newest first. RLS shows only the current tenant's rows (or all to platform admins);
/// the tenant condition here says the same thing once more.
pub(crate) async fn list(db: impl PgExecutor<'_>, f: Filter<'_>) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as!(
        AuditRow,
        // language=PostgreSQL
        r#"
            select a.audit_id "audit_id: AuditId", a.table_name, a.row_id, a.action, a.actor_id "actor_id: UserId",
                   coalesce(nullif(u.display_name, ''), u.email::text) actor, t.name "tenant?", a.diff, a.created_at
            from audit_log a
            left join "user" u on u.user_id = a.actor_id
            left join tenant t on t.tenant_id = a.tenant_id
            where ($1::uuid is null or a.tenant_id = $1)
              and ($2::uuid is null or a.actor_id = $2)
              and ($3::text is null or a.table_name = $3)
              and ($4::uuid is null or a.row_id = $4)
              and ($5::timestamptz is null or a.created_at >= $5)
              and ($6::timestamptz is null or a.created_at < $6)
            order by a.created_at desc, a.audit_id desc
            limit $7 offset $8
        "#,
        f.tenant_id.map(|t| t.0),
        f.actor_id.map(|u| u.0),
        f.table_name,
        f.row_id,
        f.from,
        f.until,
        f.limit,
        f.offset
    )
    .fetch_all(db)
    .await
}
