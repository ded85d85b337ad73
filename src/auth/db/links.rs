//! One-time links to set a password: the first one (`traffino user add`) and resets.
use crate::ids::{PasswordTokenId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};

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

/// Makes the user's open links of one purpose unusable (a new one replaces them).
pub(crate) async fn expire_password_tokens(
    tx: &mut PgTransaction<'_>,
    user_id: UserId,
    purpose: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update password_token set used_at = $3
            where user_id = $1 and purpose = $2 and used_at is null and expires_at > $3
        "#,
        user_id as UserId,
        purpose,
        now
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) struct PasswordLink {
    pub password_token_id: PasswordTokenId,
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub locale: String,
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
                   u.email::text "email!", u.display_name, u.locale, t.purpose
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
