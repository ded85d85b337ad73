use super::inet;
use crate::ids::{SessionId, UserId};
use crate::server::ctx::SessionUser;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};
use std::net::IpAddr;

pub(crate) struct NewSession<'a> {
    pub user_id: UserId,
    pub token_hash: &'a [u8],
    pub user_agent: &'a str,
    pub client_ip: Option<IpAddr>,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub(crate) async fn insert_session(
    tx: &mut PgTransaction<'_>,
    s: NewSession<'_>,
) -> sqlx::Result<SessionId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into session (session_id, token_hash, user_id, user_agent, client_ip, created_at, last_seen_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $6, $7)
            returning session_id "session_id: SessionId"
        "#,
        SessionId::new() as SessionId,
        s.token_hash,
        s.user_id as UserId,
        s.user_agent,
        inet(s.client_ip),
        s.now,
        s.expires_at
    )
    .fetch_one(&mut **tx)
    .await
}

/// The user of a live session: not past its absolute expiry, not idle too long, user not disabled.
pub(crate) async fn session_user(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
    now: DateTime<Utc>,
    idle_minutes: i64,
) -> sqlx::Result<Option<SessionUser>> {
    sqlx::query_as!(
        SessionUser,
        // language=PostgreSQL
        r#"
            select s.session_id "session_id: SessionId", u.user_id "user_id: UserId", u.email::text "email!",
                   u.display_name, u.is_platform_admin, u.is_agency_staff, u.locale
            from session s
            join "user" u using (user_id)
            where s.token_hash = $1
              and s.expires_at > $2
              and s.last_seen_at > $2::timestamptz - make_interval(mins => $3::int)
              and u.disabled_at is null
        "#,
        token_hash,
        now,
        idle_minutes as i32
    )
    .fetch_optional(db)
    .await
}

/// Records activity, at most once a minute per session (keeps writes down on busy pages).
pub(crate) async fn touch_session(
    db: impl PgExecutor<'_>,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update session set last_seen_at = $2
            where session_id = $1 and last_seen_at < $2::timestamptz - interval '1 minute'
        "#,
        session_id as SessionId,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Gives a session a new token (after a privilege change such as a new password).
pub(crate) async fn rotate_session_token(
    tx: &mut PgTransaction<'_>,
    session_id: SessionId,
    token_hash: &[u8],
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update session set token_hash = $2 where session_id = $1"#,
        session_id as SessionId,
        token_hash
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn delete_session(
    tx: &mut PgTransaction<'_>,
    session_id: SessionId,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from session where session_id = $1"#,
        session_id as SessionId
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes the session a cookie names, whoever it belongs to (a new login replaces it).
pub(crate) async fn delete_session_by_token(
    tx: &mut PgTransaction<'_>,
    token_hash: &[u8],
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from session where token_hash = $1"#,
        token_hash
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes one of the user's sessions; false if the user has no such session.
pub(crate) async fn delete_own_session(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    session_id: SessionId,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from session where session_id = $1 and user_id = $2"#,
        session_id as SessionId,
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

/// Ends every session of a user except `keep`; returns how many ended.
pub(crate) async fn delete_sessions_of_user(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    keep: Option<SessionId>,
) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from session where user_id = $1 and session_id is distinct from $2"#,
        user_id as UserId,
        keep.map(|s| s.0)
    )
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

pub(crate) struct StoredSession {
    pub session_id: SessionId,
    pub user_agent: String,
    pub client_ip: Option<sqlx::types::ipnetwork::IpNetwork>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// The user's live sessions, most recently used first (the caller puts its own first).
pub(crate) async fn live_sessions_of_user(
    db: impl PgExecutor<'_>,
    user_id: UserId,
    now: DateTime<Utc>,
    idle_minutes: i64,
) -> sqlx::Result<Vec<StoredSession>> {
    sqlx::query_as!(
        StoredSession,
        // language=PostgreSQL
        r#"
            select session_id "session_id: SessionId", user_agent, client_ip, created_at, last_seen_at
            from session
            where user_id = $1 and expires_at > $2
              and last_seen_at > $2::timestamptz - make_interval(mins => $3::int)
            order by last_seen_at desc, session_id desc
        "#,
        user_id as UserId,
        now,
        idle_minutes as i32
    )
    .fetch_all(db)
    .await
}

/// What housekeeping removed.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Purged {
    pub sessions: u64,
    pub challenges: u64,
    pub devices: u64,
}

/// Removes sessions past their absolute or idle timeout, login attempts and remembered devices that
/// ran out. None of them can be used any more; this only keeps the tables small.
pub(crate) async fn purge_expired(
    tx: &mut PgTransaction<'_>,
    now: DateTime<Utc>,
    idle_minutes: i64,
) -> sqlx::Result<Purged> {
    let sessions = sqlx::query!(
        // language=PostgreSQL
        r#"
            delete from session
            where expires_at <= $1 or last_seen_at <= $1::timestamptz - make_interval(mins => $2::int)
        "#,
        now,
        idle_minutes as i32
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    let challenges = sqlx::query!(
        // language=PostgreSQL
        r#"delete from login_challenge where expires_at <= $1"#,
        now
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    let devices = sqlx::query!(
        // language=PostgreSQL
        r#"delete from trusted_device where expires_at <= $1"#,
        now
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(Purged {
        sessions,
        challenges,
        devices,
    })
}
