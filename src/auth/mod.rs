//! Accounts and sessions: password plus a code by e-mail, remembered devices, the sessions list,
//! password reset, invitations, rate limits and security events.
//! Invariants: only hashes of tokens and codes are stored; an unknown e-mail and a wrong password look
//! the same; every failure is counted in PostgreSQL before it is answered.
mod api;
pub use api::*;
#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub(crate) mod cookies;
#[cfg(feature = "ssr")]
pub(crate) mod db;
pub mod domain;
#[cfg(feature = "ssr")]
pub(crate) mod events;
#[cfg(feature = "ssr")]
pub(crate) mod password;
#[cfg(feature = "ssr")]
pub(crate) mod rate_limit;
#[cfg(feature = "ssr")]
pub(crate) mod token;
pub mod ui;

use crate::ids::{InvitationId, SecurityEventId, SessionId, TrustedDeviceId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The signed-in user, as the admin shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub is_platform_admin: bool,
    pub is_agency_staff: bool,
    /// The server runs with TRAFFINO_ENV=dev (the dev mail page exists).
    pub dev: bool,
}

impl CurrentUser {
    /// The name to greet the user with: the display name, else the e-mail address.
    pub fn label(&self) -> &str {
        if self.display_name.trim().is_empty() {
            &self.email
        } else {
            &self.display_name
        }
    }
}

/// What a one-time password link is for, shown before the user picks a password.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasswordLinkInfo {
    pub email: String,
    pub purpose: String,
}

/// The login attempt waiting for its code, as the code page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingLogin {
    /// `a••@example.org`
    pub email_masked: String,
    pub tries_left: i32,
    pub code_expires_at: Option<DateTime<Utc>>,
    /// Seconds until another code may be sent (0: now).
    pub resend_in_secs: i64,
    pub resends_left: i32,
}

/// One of my sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub session_id: SessionId,
    pub browser: String,
    pub os: String,
    pub client_ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The session of this very browser.
    pub current: bool,
}

/// One of my remembered devices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceInfo {
    pub trusted_device_id: TrustedDeviceId,
    pub browser: String,
    pub os: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// This very browser.
    pub current: bool,
}

/// An account, as platform admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserSummary {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub is_platform_admin: bool,
    pub is_agency_staff: bool,
    pub disabled: bool,
    pub has_password: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// An invitation that was neither accepted nor revoked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub invitation_id: InvitationId,
    pub email: String,
    pub is_platform_admin: bool,
    pub is_agency_staff: bool,
    pub invited_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub sent_count: i32,
    pub expired: bool,
}

/// Who an invitation link is for, and into which tenant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationLink {
    pub email: String,
    /// The tenant's name, for an invitation into a tenant.
    pub tenant_name: Option<String>,
}

/// A security event, as platform admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecurityEventView {
    pub security_event_id: SecurityEventId,
    pub kind: String,
    pub email: Option<String>,
    /// Who did it, when that is someone other than the account's user (an admin).
    pub actor: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: String,
    pub detail: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// One page of security events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecurityEventPage {
    pub events: Vec<SecurityEventView>,
    pub page: i64,
    pub has_more: bool,
}
