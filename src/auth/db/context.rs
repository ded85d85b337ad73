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

/// `BEGIN` and the request context in one round trip, for `Pool::begin_with` (a simple query, so the
/// values are written into the text: each is a UUID, a flag, an IP address, or a request id reduced to
/// `[A-Za-z0-9._:-]`, so none can close the quotes).
pub(crate) fn begin_with_context(
    actor: Actor,
    request_id: Option<&str>,
    client_ip: Option<IpAddr>,
) -> String {
    let flag = |on: bool| if on { "on" } else { "" };
    let request_id: String = request_id
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
        .take(100)
        .collect();
    format!(
        "BEGIN; SELECT set_config('app.user_id', '{}', true), set_config('app.platform_admin', '{}', true), \
         set_config('app.agency_staff', '{}', true), set_config('app.tenant_id', '{}', true), \
         set_config('app.request_id', '{}', true), set_config('app.client_ip', '{}', true)",
        actor.user_id.map(|u| u.to_string()).unwrap_or_default(),
        flag(actor.platform_admin),
        flag(actor.agency_staff),
        actor.tenant_id.map(|t| t.to_string()).unwrap_or_default(),
        request_id,
        client_ip.map(|ip| ip.to_string()).unwrap_or_default(),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_context_statement_cannot_be_broken_out_of() {
        let sql = begin_with_context(
            Actor {
                platform_admin: true,
                ..Default::default()
            },
            Some("abc'; drop table tenant; --"),
            Some("203.0.113.9".parse().unwrap()),
        );
        assert!(
            sql.contains("'app.request_id', 'abcdroptabletenant--'"),
            "{sql}"
        );
        assert_eq!(sql.matches('\'').count() % 2, 0);
        assert!(sql.contains("'app.platform_admin', 'on'") && sql.contains("'203.0.113.9'"));
    }
}
