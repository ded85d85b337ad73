//! One error type for every server function and route. It is what the client sees, so it never carries
//! internal detail: database and I/O failures become `Internal` with a reference id that is also logged.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Field name -> messages, rendered next to the matching input.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("sign in required")]
    Unauthorized,
    #[error("you may not do that")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(String),
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts; the UI says when to try again.
    #[error("too many attempts; try again in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: i64 },
    /// Details only in the server log, under this reference.
    #[error("something went wrong (reference {0})")]
    Internal(String),
    /// Malformed or undecodable request: the reason is about the request, never about the server.
    #[error("bad request: {0}")]
    BadRequest(String),
}

impl AppError {
    /// An error attached to one form field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), vec![message.into()]);
        Self::Invalid(errors)
    }

    /// The messages for one field, if this is a validation error.
    pub fn field_messages(&self, field: &str) -> Vec<String> {
        match self {
            Self::Invalid(errors) => errors.get(field).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::NotFound(_) => 404,
            Self::Invalid(_) => 422,
            Self::Conflict(_) => 409,
            Self::TooManyRequests { .. } => 429,
            Self::Internal(_) => 500,
            Self::BadRequest(_) => 400,
        }
    }

    /// Logs `err` with a fresh reference id and returns the generic error that names it.
    #[cfg(feature = "ssr")]
    pub fn internal(err: impl std::fmt::Display) -> Self {
        let reference = uuid::Uuid::now_v7().simple().to_string()[20..].to_owned();
        tracing::error!(reference = %reference, error = %err, "internal error");
        Self::Internal(reference)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request could not be decoded: say so, without echoing internals.
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                Self::BadRequest(first_line(&msg))
            }
            ServerFnErrorErr::MissingArg(arg) => Self::BadRequest(format!("missing field {arg}")),
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => {
                Self::Internal("network".into())
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failure");
                let _ = other;
                Self::Internal("server".into())
            }
        }
    }
}

fn first_line(msg: &str) -> String {
    msg.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => Self::NotFound("record".into()),
            other => Self::internal(other),
        }
    }
}

/// Maps the violation of one named constraint to an error the user can act on (Launchbadge's
/// `on_constraint`); every other database error stays internal.
#[cfg(feature = "ssr")]
pub trait ConstraintExt<T> {
    fn on_constraint(self, name: &str, err: impl FnOnce() -> AppError) -> Result<T, AppError>;
}

#[cfg(feature = "ssr")]
impl<T> ConstraintExt<T> for Result<T, sqlx::Error> {
    fn on_constraint(self, name: &str, err: impl FnOnce() -> AppError) -> Result<T, AppError> {
        self.map_err(|e| match &e {
            sqlx::Error::Database(db) if db.constraint() == Some(name) => err(),
            _ => AppError::from(e),
        })
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(self)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_error_is_found_by_field_name() {
        let err = AppError::field("email", "is not an e-mail address");
        assert_eq!(
            err.field_messages("email"),
            vec!["is not an e-mail address"]
        );
        assert!(err.field_messages("password").is_empty());
        assert_eq!(err.status(), 422);
    }

    #[test]
    fn decoding_failures_are_bad_requests_without_internals() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "missing field `email`\nat line 1".into(),
        ));
        assert_eq!(err, AppError::BadRequest("missing field `email`".into()));
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn errors_round_trip_through_json() {
        let err = AppError::field("slug", "already used");
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
    }
}
