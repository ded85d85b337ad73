//! Shared server state, handed to every route, SSR render and server function.
use super::clock::Clock;
use super::config::Config;
use super::secret::SecretBox;
use crate::mail::transport::Transport;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;

#[derive(FromRef, Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Connected as traffino_app: subject to RLS, owns nothing.
    pub db: PgPool,
    pub config: Arc<Config>,
    pub clock: Clock,
    /// Where mail goes (log, SMTP, SES; a memory box in tests).
    pub mail: Arc<Transport>,
    /// Seals mail bodies in the outbox.
    pub secret: SecretBox,
    /// Wakes the job worker after a transaction queued work.
    pub jobs: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// Tells the worker that jobs are waiting (call after the transaction that queued them committed).
    pub fn wake_jobs(&self) {
        self.jobs.notify_one();
    }
}
