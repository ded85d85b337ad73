//! Outgoing mail: templates in the user's language, a durable outbox (`mail` + a `job` that delivers
//! it), and the transports. Invariant: a mail exists exactly when the change that caused it committed,
//! goes out once, and its body (codes, links) is never stored readable.
mod api;
pub use api::*;
#[cfg(feature = "ssr")]
pub(crate) mod db;
#[cfg(feature = "ssr")]
mod outbox;
#[cfg(feature = "ssr")]
pub mod templates;
#[cfg(feature = "ssr")]
pub mod transport;
pub mod ui;

#[cfg(feature = "ssr")]
pub use outbox::{SEND_JOB, deliver, queue};

use crate::ids::MailId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A mail as the dev mail page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MailSummary {
    pub mail_id: MailId,
    pub kind: String,
    pub to_email: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// The plain-text body, while it is kept.
    pub body_text: Option<String>,
}
