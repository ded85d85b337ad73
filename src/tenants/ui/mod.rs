//! Pages of the tenants slice: the platform's tenant list, and inside a tenant (`/t/{slug}`) its
//! overview, members and settings.
mod members_page;
mod tenant_form;
mod tenant_home_page;
mod tenant_layout;
mod tenant_settings_page;
mod tenant_switcher;
mod tenants_page;

pub use members_page::MembersPage;
pub use tenant_home_page::TenantHomePage;
pub use tenant_layout::{TenantLayout, TenantResource, use_tenant};
pub use tenant_settings_page::TenantSettingsPage;
pub use tenant_switcher::TenantSwitcher;
pub use tenants_page::TenantsPage;

use crate::app::i18n::Texts;
use crate::tenants::authz::{Access, TenantRole};

/// The name of an access, in the user's language.
pub fn access_label(t: &'static Texts, access: Access) -> &'static str {
    match access {
        Access::PlatformAdmin => t.role_platform_admin,
        Access::AgencyStaff => t.role_agency_staff,
        Access::Member(role) => role_label(t, role),
    }
}

pub fn role_label(t: &'static Texts, role: TenantRole) -> &'static str {
    match role {
        TenantRole::Owner => t.role_owner,
        TenantRole::Editor => t.role_editor,
        TenantRole::Viewer => t.role_viewer,
    }
}
