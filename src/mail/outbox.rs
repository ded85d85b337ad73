//! Queueing mail inside the caller's transaction, and delivering it from the job worker.
use super::templates::Template;
use super::transport::{Outgoing, SendError};
use crate::app::i18n::Lang;
use crate::error::AppError;
use crate::ids::MailId;
use crate::server::jobs::{ClaimedJob, JobError};
use crate::server::state::AppState;
use serde::{Deserialize, Serialize};
use sqlx::PgTransaction;

pub const SEND_JOB: &str = "mail.send";
/// Tries before a mail is given up: with the job backoff (30 s doubling, at most an hour) about 14 hours.
const MAX_ATTEMPTS: i32 = 20;

/// What is sealed in `mail.body_enc`.
#[derive(Serialize, Deserialize)]
pub(crate) struct Body {
    pub text: String,
    pub html: String,
}

/// Renders `template` in `lang` and queues it for `to`. Call `state.wake_jobs()` after the commit.
pub async fn queue(
    tx: &mut PgTransaction<'_>,
    state: &AppState,
    to: &str,
    lang: Lang,
    template: Template<'_>,
) -> Result<MailId, AppError> {
    let rendered = template.render(lang);
    let body = serde_json::to_vec(&Body {
        text: rendered.text,
        html: rendered.html,
    })
    .map_err(AppError::internal)?;
    let now = state.clock.now();
    let mail_id = super::db::insert_mail(
        tx,
        super::db::NewMail {
            kind: rendered.kind,
            to_email: to,
            locale: lang.code(),
            subject: &rendered.subject,
            body_enc: &state.secret.seal(&body),
            now,
        },
    )
    .await?;
    crate::server::jobs::enqueue(
        tx,
        SEND_JOB,
        serde_json::json!({ "mail_id": mail_id }),
        now,
        MAX_ATTEMPTS,
    )
    .await?;
    Ok(mail_id)
}

/// The `mail.send` job: sends one queued mail. A mail that is already sent is not sent again.
pub async fn deliver(state: &AppState, job: &ClaimedJob) -> Result<(), JobError> {
    let db_err = |e: sqlx::Error| JobError::Retry(format!("database: {e}"));
    let mail_id: MailId = job
        .payload
        .get("mail_id")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .ok_or_else(|| JobError::Fail("payload without mail_id".into()))?;
    let Some(mail) = super::db::mail_for_delivery(&state.db, mail_id)
        .await
        .map_err(db_err)?
    else {
        return Err(JobError::Fail(format!("mail {mail_id} does not exist")));
    };
    if mail.status != "queued" {
        return Ok(());
    }
    let body: Body = match mail
        .body_enc
        .as_deref()
        .ok_or_else(|| "the body is gone".to_owned())
        .and_then(|sealed| state.secret.open(sealed).map_err(|e| e.to_string()))
        .and_then(|plain| serde_json::from_slice(&plain).map_err(|e| e.to_string()))
    {
        Ok(body) => body,
        Err(err) => {
            // Without the key that sealed it (TRAFFINO_SECRET_KEY changed) the mail cannot go out.
            super::db::mark_failed_attempt(&state.db, mail_id, &err, true)
                .await
                .map_err(db_err)?;
            return Err(JobError::Fail(format!("mail {mail_id}: {err}")));
        }
    };
    let outgoing = Outgoing {
        from: state.config.mail_from.clone(),
        to: mail.to_email,
        subject: mail.subject,
        text: body.text,
        html: body.html,
    };
    let now = state.clock.now();
    match state.mail.send(&outgoing).await {
        Ok(message_id) => {
            // Outside dev the body is dropped once delivered; dev keeps it for the mail page.
            let keep_body = state.config.is_dev();
            super::db::mark_sent(&state.db, mail_id, now, message_id.as_deref(), keep_body)
                .await
                .map_err(db_err)?;
            tracing::info!(%mail_id, to = %outgoing.to, transport = state.mail.name(), "mail sent");
            Ok(())
        }
        Err(err) => {
            let (msg, permanent) = match err {
                SendError::Transient(msg) => (msg, false),
                SendError::Permanent(msg) => (msg, true),
            };
            let give_up = permanent || job.attempts >= job.max_attempts;
            super::db::mark_failed_attempt(&state.db, mail_id, &msg, give_up)
                .await
                .map_err(db_err)?;
            if permanent {
                Err(JobError::Fail(msg))
            } else {
                Err(JobError::Retry(msg))
            }
        }
    }
}
