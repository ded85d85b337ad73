//! Shared server state, handed to every route, SSR render and server function.
use super::clock::Clock;
use super::config::Config;
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
}
