use super::inet;
use crate::ids::{TrustedDeviceId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};
use std::net::IpAddr;

pub(crate) struct NewDevice<'a> {
    pub token_hash: &'a [u8],
    pub user_id: UserId,
    pub user_agent: &'a str,
    pub client_ip: Option<IpAddr>,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub(crate) async fn insert_device(
    tx: &mut PgTransaction<'_>,
    d: NewDevice<'_>,
) -> sqlx::Result<TrustedDeviceId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into trusted_device (trusted_device_id, token_hash, user_id, user_agent, client_ip,
                                        created_at, last_seen_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $6, $7)
            returning trusted_device_id "trusted_device_id: TrustedDeviceId"
        "#,
        TrustedDeviceId::new() as TrustedDeviceId,
        d.token_hash,
        d.user_id as UserId,
        d.user_agent,
        inet(d.client_ip),
        d.now,
        d.expires_at
    )
    .fetch_one(&mut **tx)
    .await
}

/// The user's unexpired remembered device that a cookie names, marked as used now.
pub(crate) async fn use_device(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
    user_id: UserId,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<TrustedDeviceId>> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            update trusted_device set last_seen_at = $3
            where token_hash = $1 and user_id = $2 and expires_at > $3
            returning trusted_device_id "trusted_device_id: TrustedDeviceId"
        "#,
        token_hash,
        user_id as UserId,
        now
    )
    .fetch_optional(db)
    .await
}

pub(crate) struct StoredDevice {
    pub trusted_device_id: TrustedDeviceId,
    pub token_hash: Vec<u8>,
    pub user_agent: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub(crate) async fn live_devices_of_user(
    db: impl PgExecutor<'_>,
    user_id: UserId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<StoredDevice>> {
    sqlx::query_as!(
        StoredDevice,
        // language=PostgreSQL
        r#"
            select trusted_device_id "trusted_device_id: TrustedDeviceId", token_hash, user_agent, created_at,
                   last_seen_at, expires_at
            from trusted_device
            where user_id = $1 and expires_at > $2
            order by last_seen_at desc, trusted_device_id desc
        "#,
        user_id as UserId,
        now
    )
    .fetch_all(db)
    .await
}

/// Forgets one of the user's devices; false if the user has no such device.
pub(crate) async fn delete_own_device(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    id: TrustedDeviceId,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from trusted_device where trusted_device_id = $1 and user_id = $2"#,
        id as TrustedDeviceId,
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn delete_devices_of_user(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from trusted_device where user_id = $1"#,
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected())
}
