//! Pages of the audit slice: a tenant's activity, the platform's activity.
mod activity_list;
mod activity_page;
mod filters;
mod platform_activity_page;

pub use activity_page::ActivityPage;
pub use platform_activity_page::PlatformActivityPage;
