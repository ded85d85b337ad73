//! Tenants (the agency's customers), memberships and roles. Invariant: a request acts in a tenant
//! only after `server::ctx::require_tenant` found the caller's access to it, and the database itself
//! (RLS on `app.tenant_id`) refuses every row of any other tenant.
mod api;
pub use api::*;
pub mod authz;
#[cfg(feature = "ssr")]
pub(crate) mod db;
pub mod domain;
pub mod ui;

use crate::ids::{InvitationId, MembershipId, TenantId, UserId};
use authz::{Access, TenantRole};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A tenant in a list (the switcher, the platform's tenant list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantSummary {
    pub tenant_id: TenantId,
    pub slug: String,
    pub name: String,
    pub archived: bool,
    /// The caller's role there, if they are a member.
    pub role: Option<TenantRole>,
    pub members: i64,
}

/// The tenant a page works in, with the caller's access to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantContext {
    pub tenant_id: TenantId,
    pub slug: String,
    pub name: String,
    pub access: Access,
    pub archived: bool,
}

/// Everything the settings page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantDetail {
    pub tenant_id: TenantId,
    pub slug: String,
    pub name: String,
    pub contact_email: Option<String>,
    pub default_locale: String,
    pub enabled_locales: Vec<String>,
    pub time_zone: String,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A member of a tenant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub membership_id: MembershipId,
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: TenantRole,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// An open invitation to a tenant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantInvitation {
    pub invitation_id: InvitationId,
    pub email: String,
    pub role: TenantRole,
    pub expires_at: DateTime<Utc>,
    pub expired: bool,
}

/// What inviting an address to a tenant did.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteOutcome {
    /// The address had an account: it is a member now.
    Added,
    /// An invitation went out by mail.
    Invited,
}
