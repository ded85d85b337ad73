//! Server functions of the mail slice.
use super::MailSummary;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Platform admins, in dev only (TRAFFINO_ENV=dev): the newest 50 mails with their text. Elsewhere
/// the page does not exist (404), so production never shows codes or links.
#[server(prefix = "/api", endpoint = "dev/mails", input = GetUrl)]
pub async fn list_recent_mails(to: Option<String>) -> Result<Vec<MailSummary>, AppError> {
    use crate::server::ctx;
    ctx::require_platform_admin().await?;
    let state = ctx::state()?;
    if !state.config.is_dev() {
        return Err(AppError::NotFound("page".into()));
    }
    let to = to.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let rows = super::db::recent_mails(&state.db, to.as_deref(), 50).await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let body_text = m
                .body_enc
                .as_deref()
                .and_then(|sealed| state.secret.open(sealed).ok())
                .and_then(|plain| serde_json::from_slice::<super::outbox::Body>(&plain).ok())
                .map(|b| b.text);
            MailSummary {
                mail_id: m.mail_id,
                kind: m.kind,
                to_email: m.to_email,
                subject: m.subject,
                status: m.status,
                attempts: m.attempts,
                last_error: m.last_error,
                created_at: m.created_at,
                sent_at: m.sent_at,
                body_text,
            }
        })
        .collect())
}
