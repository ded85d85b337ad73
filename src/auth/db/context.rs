use crate::ids::{TenantId, UserId};
use sqlx::PgTransaction;
use std::net::IpAddr;

/// Who acts in a transaction, as RLS policies and the audit trigger read it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Actor {
    pub user_id: Option<UserId>,
    pub platform_admin: bool,
    pub agency_staff: bool,
    /// Set only after the caller's access to this tenant was checked.
    pub tenant_id: Option<TenantId>,
}

/// Sets the per-transaction context that RLS policies and the audit trigger read. Every value is
/// transaction-local (`set_config(..., true)`): it ends with the transaction and never reaches the
/// next user of the pooled connection.
pub(crate) async fn set_request_context(
    tx: &mut PgTransaction<'_>,
    actor: Actor,
    request_id: Option<&str>,
    client_ip: Option<IpAddr>,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            select set_config('app.user_id', coalesce($1::uuid::text, ''), true) user_id,
                   set_config('app.platform_admin', case when $2 then 'on' else '' end, true) platform_admin,
                   set_config('app.agency_staff', case when $3 then 'on' else '' end, true) agency_staff,
                   set_config('app.tenant_id', coalesce($4::uuid::text, ''), true) tenant_id,
                   set_config('app.request_id', coalesce($5, ''), true) request_id,
                   set_config('app.client_ip', coalesce($6, ''), true) client_ip
        "#,
        actor.user_id.map(|u| u.0),
        actor.platform_admin,
        actor.agency_staff,
        actor.tenant_id.map(|t| t.0),
        request_id,
        client_ip.map(|ip| ip.to_string())
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

/// Lets this transaction read the one invitation whose link the caller holds.
pub(crate) async fn allow_invitation_token(
    tx: &mut PgTransaction<'_>,
    token_hash: &[u8],
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"select set_config('app.invitation_token', encode($1, 'hex'), true) invitation_token"#,
        token_hash
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}
