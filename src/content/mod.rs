//! Content: a tenant's sites and their page trees, with per-language texts. Invariant: every row
//! carries its tenant, references within a tenant are composite keys with `tenant_id`, and every
//! server function acts only after `server::ctx::require_tenant`.
mod api;
pub use api::*;
#[cfg(feature = "ssr")]
pub(crate) mod db;
pub mod domain;
pub mod ui;

use crate::ids::{PageId, SiteId, UserId};
use chrono::{DateTime, Utc};
use domain::Theme;
use serde::{Deserialize, Serialize};

/// A site in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteSummary {
    pub site_id: SiteId,
    pub name: String,
    pub default_locale: String,
    pub enabled_locales: Vec<String>,
    pub pages: i64,
}

/// Everything the site settings page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteDetail {
    pub site_id: SiteId,
    pub name: String,
    pub domains: Vec<String>,
    pub default_locale: String,
    pub enabled_locales: Vec<String>,
    pub pages_project: Option<String>,
    pub theme: Theme,
    pub impressum_page: Option<PageId>,
    pub privacy_page: Option<PageId>,
    /// Which legal pages a German site still lacks: `impressum`, `privacy`.
    pub legal_missing: Vec<String>,
}

/// A page in the list, in tree order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageRow {
    pub page_id: PageId,
    pub parent_id: Option<PageId>,
    pub depth: i32,
    /// In the site's default language (or the first language the page has).
    pub title: String,
    pub slug: String,
    /// `/parent-slug/slug` in the default language.
    pub path: String,
    pub status: String,
    pub show_in_menu: bool,
    pub locales: Vec<String>,
    pub children: i64,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// One page of the page list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageList {
    pub rows: Vec<PageRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A page's texts in one language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageLocaleView {
    pub locale: String,
    /// Whether the page exists in this language (has a slug there).
    pub present: bool,
    pub title: String,
    pub slug: String,
    pub seo_title: String,
    pub seo_description: String,
}

/// A page for the editor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageDetail {
    pub page_id: PageId,
    pub site_id: SiteId,
    pub site_name: String,
    pub parent_id: Option<PageId>,
    pub status: String,
    pub show_in_menu: bool,
    pub version: i32,
    pub default_locale: String,
    /// One entry per language of the site, in the site's order.
    pub locales: Vec<PageLocaleView>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
    pub deleted: bool,
}

/// What saving a page did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SaveOutcome {
    Saved {
        version: i32,
        at: DateTime<Utc>,
    },
    /// Someone saved since the editor loaded `version`; nothing was written.
    Conflict {
        version: i32,
        by: Option<String>,
        by_user: Option<UserId>,
        at: DateTime<Utc>,
    },
}

/// Where a page can be moved: another page of the site (not itself or below it), or the top level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParentOption {
    pub page_id: PageId,
    pub title: String,
    pub depth: i32,
}
