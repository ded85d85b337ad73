//! SQL for accounts and sessions. Times come from the caller (the injectable clock), never `now()`,
//! so that tests can move them.
use crate::ids::{PasswordTokenId, SessionId, UserId};
use crate::server::ctx::SessionUser;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};
use std::net::IpAddr;

pub(crate) struct UserForLogin {
    pub user_id: UserId,
    pub password_hash: Option<String>,
    pub disabled: bool,
}

pub(crate) async fn user_for_login(
    db: impl PgExecutor<'_>,
    email: &str,
) -> sqlx::Result<Option<UserForLogin>> {
    sqlx::query_as!(
        UserForLogin,
        // language=PostgreSQL
        r#"
            select user_id "user_id: UserId", password_hash, disabled_at is not null "disabled!"
            from "user"
            where email = $1::citext
        "#,
        email
    )
    .fetch_optional(db)
    .await
}

pub(crate) async fn insert_user(
    tx: &mut PgTransaction<'_>,
    email: &str,
    is_platform_admin: bool,
) -> sqlx::Result<UserId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into "user" (user_id, email, is_platform_admin)
            values ($1, $2, $3)
            returning user_id "user_id: UserId"
        "#,
        UserId::new() as UserId,
        email,
        is_platform_admin
    )
    .fetch_one(&mut **tx)
    .await
}

pub(crate) async fn set_password_hash(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set password_hash = $2 where user_id = $1"#,
        user_id as UserId,
        password_hash
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn set_user_locale(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    locale: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update "user" set locale = $2 where user_id = $1"#,
        user_id as UserId,
        locale
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

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
        s.client_ip.map(sqlx::types::ipnetwork::IpNetwork::from),
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
                   u.display_name, u.is_platform_admin, u.locale
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

pub(crate) async fn delete_sessions_of_user(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from session where user_id = $1"#,
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

pub(crate) async fn insert_password_token(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    token_hash: &[u8],
    purpose: &str,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<PasswordTokenId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into password_token (password_token_id, token_hash, user_id, purpose, expires_at)
            values ($1, $2, $3, $4, $5)
            returning password_token_id "password_token_id: PasswordTokenId"
        "#,
        PasswordTokenId::new() as PasswordTokenId,
        token_hash,
        user_id as UserId,
        purpose,
        expires_at
    )
    .fetch_one(&mut **tx)
    .await
}

pub(crate) struct PasswordLink {
    pub password_token_id: PasswordTokenId,
    pub user_id: UserId,
    pub email: String,
    pub purpose: String,
}

/// A link that is unused, unexpired, and whose user is not disabled.
pub(crate) async fn live_password_token(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<PasswordLink>> {
    sqlx::query_as!(
        PasswordLink,
        // language=PostgreSQL
        r#"
            select t.password_token_id "password_token_id: PasswordTokenId", t.user_id "user_id: UserId",
                   u.email::text "email!", t.purpose
            from password_token t
            join "user" u using (user_id)
            where t.token_hash = $1 and t.used_at is null and t.expires_at > $2 and u.disabled_at is null
        "#,
        token_hash,
        now
    )
    .fetch_optional(db)
    .await
}

/// Marks a link used. Returns false if another request used it first (single use under concurrency).
pub(crate) async fn use_password_token(
    tx: &mut PgTransaction<'_>,
    id: PasswordTokenId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"update password_token set used_at = $2 where password_token_id = $1 and used_at is null"#,
        id as PasswordTokenId,
        now
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

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
