//! Who may do what: the one table of permissions. Server functions check it on their first line
//! (through `server::ctx::require_tenant` and friends); the UI reads it only to hide what would be
//! refused anyway.
use serde::{Deserialize, Serialize};

/// A role inside one tenant.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TenantRole {
    /// The customer's own administrator: their tenant, its users and settings.
    Owner,
    /// Content, media, publishing.
    Editor,
    /// Reads only.
    Viewer,
}

impl TenantRole {
    pub const ALL: [TenantRole; 3] = [Self::Owner, Self::Editor, Self::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Editor => "editor",
            Self::Viewer => "viewer",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// How a user reaches a tenant: through a membership, or through a platform role that reaches every
/// tenant.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// Platform admin: everything, in every tenant.
    PlatformAdmin,
    /// Agency staff: every tenant's content.
    AgencyStaff,
    Member(TenantRole),
}

/// What can be done in a tenant.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See the tenant, its content and settings.
    View,
    /// Change content and media.
    EditContent,
    /// Publish the site.
    Publish,
    /// See who changed what.
    ViewActivity,
    /// Invite, change roles, remove members.
    ManageMembers,
    /// Name, contact, languages, time zone.
    EditSettings,
    /// Archive and unarchive (the tenant's users are then locked out).
    Archive,
    /// Remove the tenant with everything in it.
    Delete,
}

impl Access {
    /// The one place that says which access allows what.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Access::PlatformAdmin => true,
            Access::AgencyStaff => {
                matches!(permission, View | EditContent | Publish | ViewActivity)
            }
            Access::Member(TenantRole::Owner) => {
                matches!(
                    permission,
                    View | EditContent | Publish | ViewActivity | ManageMembers | EditSettings
                )
            }
            Access::Member(TenantRole::Editor) => {
                matches!(permission, View | EditContent | Publish | ViewActivity)
            }
            Access::Member(TenantRole::Viewer) => matches!(permission, View),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn roles_allow_exactly_their_table() {
        let owner = Access::Member(TenantRole::Owner);
        let editor = Access::Member(TenantRole::Editor);
        let viewer = Access::Member(TenantRole::Viewer);
        for p in [
            View,
            EditContent,
            Publish,
            ViewActivity,
            ManageMembers,
            EditSettings,
            Archive,
            Delete,
        ] {
            assert!(Access::PlatformAdmin.allows(p));
        }
        assert!(owner.allows(ManageMembers) && owner.allows(EditSettings));
        assert!(!owner.allows(Archive) && !owner.allows(Delete));
        assert!(editor.allows(EditContent) && editor.allows(Publish));
        assert!(!editor.allows(ManageMembers) && !editor.allows(EditSettings));
        assert!(viewer.allows(View));
        assert!(!viewer.allows(EditContent) && !viewer.allows(ViewActivity));
        assert!(
            Access::AgencyStaff.allows(EditContent) && !Access::AgencyStaff.allows(ManageMembers)
        );
    }

    #[test]
    fn role_codes_round_trip() {
        for role in TenantRole::ALL {
            assert_eq!(TenantRole::from_code(role.code()), Some(role));
        }
        assert_eq!(TenantRole::from_code("admin"), None);
    }
}
