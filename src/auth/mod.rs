//! Accounts and sessions: password login, the session cookie, one-time links to set a password.
//! Invariants: only hashes of tokens are stored; an unknown e-mail and a wrong password look the same.
mod api;
pub use api::*;
#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub(crate) mod db;
pub mod domain;
#[cfg(feature = "ssr")]
pub(crate) mod password;
#[cfg(feature = "ssr")]
pub(crate) mod token;
pub mod ui;

use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// The signed-in user, as the admin shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub is_platform_admin: bool,
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
