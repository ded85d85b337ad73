use super::inet;
use crate::ids::{LoginChallengeId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};
use std::net::IpAddr;

pub(crate) struct NewChallenge<'a> {
    pub login_challenge_id: LoginChallengeId,
    pub token_hash: &'a [u8],
    pub user_id: UserId,
    pub code_hash: &'a [u8],
    pub code_expires_at: DateTime<Utc>,
    pub user_agent: &'a str,
    pub client_ip: Option<IpAddr>,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Starts a login attempt with its first code; drops the user's attempts that ran out.
pub(crate) async fn insert_challenge(
    tx: &mut PgTransaction<'_>,
    c: NewChallenge<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from login_challenge where user_id = $1 and expires_at <= $2"#,
        c.user_id as UserId,
        c.now
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into login_challenge (login_challenge_id, token_hash, user_id, code_hash, code_expires_at,
                                         codes_sent, last_code_sent_at, user_agent, client_ip, created_at, expires_at)
            values ($1, $2, $3, $4, $5, 1, $8, $6, $7, $8, $9)
        "#,
        c.login_challenge_id as LoginChallengeId,
        c.token_hash,
        c.user_id as UserId,
        c.code_hash,
        c.code_expires_at,
        c.user_agent,
        inet(c.client_ip),
        c.now,
        c.expires_at
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) struct Challenge {
    pub login_challenge_id: LoginChallengeId,
    pub user_id: UserId,
    pub email: String,
    pub locale: String,
    pub code_expires_at: Option<DateTime<Utc>>,
    pub code_attempts: i32,
    pub codes_sent: i32,
    pub last_code_sent_at: Option<DateTime<Utc>>,
}

/// The live login attempt a cookie names (not expired, user not disabled).
pub(crate) async fn live_challenge(
    db: impl PgExecutor<'_>,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Challenge>> {
    sqlx::query_as!(
        Challenge,
        // language=PostgreSQL
        r#"
            select c.login_challenge_id "login_challenge_id: LoginChallengeId", c.user_id "user_id: UserId",
                   u.email::text "email!", u.locale, c.code_expires_at, c.code_attempts, c.codes_sent,
                   c.last_code_sent_at
            from login_challenge c
            join "user" u using (user_id)
            where c.token_hash = $1 and c.expires_at > $2 and u.disabled_at is null
        "#,
        token_hash,
        now
    )
    .fetch_optional(db)
    .await
}

pub(crate) struct CodeAttempt {
    pub code_attempts: i32,
    pub code_hash: Option<Vec<u8>>,
    pub code_expires_at: Option<DateTime<Utc>>,
}

/// Counts one try at the current code and returns what to compare it with. The increment happens
/// in the same statement that reads the hash, under the row lock, so parallel tries all count and
/// none sees a stale count.
pub(crate) async fn count_code_attempt(
    db: impl PgExecutor<'_>,
    id: LoginChallengeId,
) -> sqlx::Result<Option<CodeAttempt>> {
    sqlx::query_as!(
        CodeAttempt,
        // language=PostgreSQL
        r#"
            update login_challenge set code_attempts = code_attempts + 1
            where login_challenge_id = $1
            returning code_attempts, code_hash, code_expires_at
        "#,
        id as LoginChallengeId
    )
    .fetch_optional(db)
    .await
}

/// Replaces the code (the old one stops working) and resets its tries.
pub(crate) async fn replace_code(
    tx: &mut PgTransaction<'_>,
    id: LoginChallengeId,
    code_hash: &[u8],
    code_expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update login_challenge
            set code_hash = $2, code_expires_at = $3, code_attempts = 0, codes_sent = codes_sent + 1,
                last_code_sent_at = $4
            where login_challenge_id = $1
        "#,
        id as LoginChallengeId,
        code_hash,
        code_expires_at,
        now
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends a login attempt; false if it was already gone (used by a parallel request).
pub(crate) async fn delete_challenge(
    tx: &mut PgTransaction<'_>,
    id: LoginChallengeId,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"delete from login_challenge where login_challenge_id = $1"#,
        id as LoginChallengeId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn delete_challenge_by_token(
    tx: &mut PgTransaction<'_>,
    token_hash: &[u8],
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from login_challenge where token_hash = $1"#,
        token_hash
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn delete_challenges_of_user(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from login_challenge where user_id = $1"#,
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
