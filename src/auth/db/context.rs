use crate::ids::UserId;
use sqlx::PgTransaction;
use std::net::IpAddr;

/// Sets the per-transaction context that RLS policies and the audit trigger read.
pub(crate) async fn set_request_context(
    tx: &mut PgTransaction<'_>,
    user_id: Option<UserId>,
    platform_admin: bool,
    request_id: Option<&str>,
    client_ip: Option<IpAddr>,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            select set_config('app.user_id', coalesce($1::uuid::text, ''), true) user_id,
                   set_config('app.platform_admin', case when $2 then 'on' else '' end, true) platform_admin,
                   set_config('app.request_id', coalesce($3, ''), true) request_id,
                   set_config('app.client_ip', coalesce($4, ''), true) client_ip
        "#,
        user_id.map(|u| u.0),
        platform_admin,
        request_id,
        client_ip.map(|ip| ip.to_string())
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}
