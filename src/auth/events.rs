//! Recording security events with what the request tells about the client.
use super::db::NewEvent;
use crate::server::ctx::RequestMeta;
use chrono::{DateTime, Utc};

/// An event of `kind` from this request; set the other fields with struct update syntax.
pub(crate) fn from_request<'a>(
    kind: &'a str,
    meta: &'a RequestMeta,
    now: DateTime<Utc>,
) -> NewEvent<'a> {
    NewEvent {
        kind,
        user_id: None,
        email: None,
        actor_id: None,
        client_ip: meta.client_ip,
        user_agent: &meta.user_agent,
        detail: serde_json::json!({}),
        now,
    }
}

/// Failures that count toward an account's and an IP's limit.
pub(crate) const FAILURES: &[&str] = &["login_failed", "code_failed", "password_check_failed"];
/// Requests for a password reset link.
pub(crate) const RESET_REQUESTS: &[&str] = &["password_reset_requested"];
