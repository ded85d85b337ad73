//! SQL for the mail outbox.
use crate::ids::MailId;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};

pub(crate) struct NewMail<'a> {
    pub kind: &'a str,
    pub to_email: &'a str,
    pub locale: &'a str,
    pub subject: &'a str,
    pub body_enc: &'a [u8],
    pub now: DateTime<Utc>,
}

pub(crate) async fn insert_mail(
    tx: &mut PgTransaction<'_>,
    m: NewMail<'_>,
) -> sqlx::Result<MailId> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into mail (mail_id, kind, to_email, locale, subject, body_enc, created_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            returning mail_id "mail_id: MailId"
        "#,
        MailId::new() as MailId,
        m.kind,
        m.to_email,
        m.locale,
        m.subject,
        m.body_enc,
        m.now
    )
    .fetch_one(&mut **tx)
    .await
}

pub(crate) struct MailForDelivery {
    pub to_email: String,
    pub subject: String,
    pub body_enc: Option<Vec<u8>>,
    pub status: String,
}

pub(crate) async fn mail_for_delivery(
    db: impl PgExecutor<'_>,
    mail_id: MailId,
) -> sqlx::Result<Option<MailForDelivery>> {
    sqlx::query_as!(
        MailForDelivery,
        // language=PostgreSQL
        r#"select to_email::text "to_email!", subject, body_enc, status from mail where mail_id = $1"#,
        mail_id as MailId
    )
    .fetch_optional(db)
    .await
}

pub(crate) async fn mark_sent(
    db: impl PgExecutor<'_>,
    mail_id: MailId,
    now: DateTime<Utc>,
    provider_message_id: Option<&str>,
    keep_body: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update mail
            set status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = null,
                provider_message_id = $3, body_enc = case when $4 then body_enc end
            where mail_id = $1
        "#,
        mail_id as MailId,
        now,
        provider_message_id,
        keep_body
    )
    .execute(db)
    .await?;
    Ok(())
}

pub(crate) async fn mark_failed_attempt(
    db: impl PgExecutor<'_>,
    mail_id: MailId,
    error: &str,
    give_up: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update mail
            set attempts = attempts + 1, last_error = left($2, 1000),
                status = case when $3 then 'failed' else status end
            where mail_id = $1
        "#,
        mail_id as MailId,
        error,
        give_up
    )
    .execute(db)
    .await?;
    Ok(())
}

pub(crate) struct StoredMail {
    pub mail_id: MailId,
    pub kind: String,
    pub to_email: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub body_enc: Option<Vec<u8>>,
}

/// The newest mails, optionally only those to one address.
pub(crate) async fn recent_mails(
    db: impl PgExecutor<'_>,
    to_email: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<StoredMail>> {
    sqlx::query_as!(
        StoredMail,
        // language=PostgreSQL
        r#"
            select mail_id "mail_id: MailId", kind, to_email::text "to_email!", subject, status, attempts,
                   last_error, created_at, sent_at, body_enc
            from mail
            where $1::citext is null or to_email = $1::citext
            order by created_at desc, mail_id desc
            limit $2
        "#,
        to_email,
        limit
    )
    .fetch_all(db)
    .await
}
