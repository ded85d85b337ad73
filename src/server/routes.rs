//! Plain HTTP routes beside the Leptos app: health checks.
use super::database::MIGRATOR;
use super::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use http::StatusCode;
use serde_json::json;

/// The process is up.
pub async fn healthz() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

/// The database answers and every migration built into this binary has been applied.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let expected = MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .count() as i64;
    let applied: Result<i64, sqlx::Error> =
        sqlx::query_scalar("select count(*) from _sqlx_migrations where success")
            .fetch_one(&state.db)
            .await;
    match applied {
        Ok(applied) if applied >= expected => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "migrations": applied })),
        ),
        Ok(applied) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(
                json!({ "status": "migrations pending", "applied": applied, "expected": expected }),
            ),
        ),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "database unreachable" })),
            )
        }
    }
}
