//! Content: a tenant's sites and their page trees, with per-language texts. Invariant: every row
//! carries its tenant, references within a tenant are composite keys with `tenant_id`, and every
//! server function acts only after `server::ctx::require_tenant`.
mod api;
pub use api::*;
pub mod blocks;
#[cfg(feature = "ssr")]
pub(crate) mod db;
pub mod domain;
pub mod menus;
#[cfg(feature = "ssr")]
pub mod preview;
pub mod ui;

use crate::ids::{PageId, PageRevisionId, SiteId, UserId};
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
    /// The footer text per language (languages without one are left out).
    pub footer: Vec<(String, String)>,
    /// The logo (a picture of the library), and that file (filled by `load_site`).
    pub logo: Option<crate::ids::MediaId>,
    pub logo_item: Option<crate::media::MediaItem>,
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
    pub social_image: Option<crate::ids::MediaId>,
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
    /// The page's blocks in order, with their texts in every language.
    pub blocks: Vec<blocks::BlockInput>,
    /// The library files the blocks and social images show.
    pub media: Vec<crate::media::MediaItem>,
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

/// What a page was after one save: its settings and its texts in each language it had. Stored as
/// JSON in `page_revision.snapshot`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageSnapshot {
    pub status: String,
    pub show_in_menu: bool,
    /// By language; only the languages the page existed in.
    pub locales: std::collections::BTreeMap<String, LocaleSnapshot>,
    /// The blocks in order with all their texts; `None` in revisions made before pages had blocks
    /// (restoring one of those leaves the blocks alone).
    #[serde(default)]
    pub blocks: Option<Vec<blocks::BlockInput>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocaleSnapshot {
    pub slug: String,
    pub title: String,
    pub seo_title: String,
    pub seo_description: String,
    #[serde(default)]
    pub social_image: Option<crate::ids::MediaId>,
}

impl PageSnapshot {
    /// Every value as (language or none, field, value); a language the page lacks has no entries.
    /// A block's values are named `block:{number}:{kind}:{field}` (`settings` for its settings), by
    /// its place on the page.
    pub fn fields(&self) -> Vec<(Option<String>, String, String)> {
        let mut out = vec![
            (None, "status".to_owned(), self.status.clone()),
            (
                None,
                "show_in_menu".to_owned(),
                self.show_in_menu.to_string(),
            ),
        ];
        for (locale, l) in &self.locales {
            for (field, value) in [
                ("title", &l.title),
                ("slug", &l.slug),
                ("seo_title", &l.seo_title),
                ("seo_description", &l.seo_description),
            ] {
                out.push((Some(locale.clone()), field.to_owned(), value.clone()));
            }
            if let Some(m) = l.social_image {
                out.push((Some(locale.clone()), "social_image".into(), m.to_string()));
            }
        }
        for (i, b) in self.blocks.iter().flatten().enumerate() {
            let name = |field: &str| format!("block:{}:{}:{field}", i + 1, b.kind.code());
            out.push((
                None,
                name("settings"),
                serde_json::to_string(&b.settings).unwrap_or_default(),
            ));
            for t in &b.texts {
                out.push((Some(t.locale.clone()), name(&t.field), t.value.clone()));
            }
        }
        out
    }

    /// The fields whose values differ from `self` (older) to `newer`, field by field.
    pub fn changes_to(&self, newer: &PageSnapshot) -> Vec<RevisionChange> {
        let old = self.fields();
        let new = newer.fields();
        let mut keys: Vec<(Option<String>, String)> = Vec::new();
        for (locale, field, _) in old.iter().chain(new.iter()) {
            if !keys.iter().any(|(l, f)| l == locale && f == field) {
                keys.push((locale.clone(), field.clone()));
            }
        }
        let value =
            |list: &[(Option<String>, String, String)], locale: &Option<String>, field: &str| {
                list.iter()
                    .find(|(l, f, _)| l == locale && f == field)
                    .map(|(_, _, v)| v.clone())
                    .unwrap_or_default()
            };
        keys.into_iter()
            .filter_map(|(locale, field)| {
                let before = value(&old, &locale, &field);
                let after = value(&new, &locale, &field);
                (before != after).then_some(RevisionChange {
                    locale,
                    field,
                    before,
                    after,
                })
            })
            .collect()
    }
}

/// One field that differs between two revisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionChange {
    /// None for page settings (status, menu).
    pub locale: Option<String>,
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A revision in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub revision_id: PageRevisionId,
    pub number: i32,
    pub by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(title_de: &str, title_en: Option<&str>) -> PageSnapshot {
        let mut s = PageSnapshot {
            status: "draft".into(),
            show_in_menu: true,
            ..Default::default()
        };
        s.locales.insert(
            "de".into(),
            LocaleSnapshot {
                slug: "start".into(),
                title: title_de.into(),
                ..Default::default()
            },
        );
        if let Some(t) = title_en {
            s.locales.insert(
                "en".into(),
                LocaleSnapshot {
                    slug: "home".into(),
                    title: t.into(),
                    ..Default::default()
                },
            );
        }
        s
    }

    #[test]
    fn changes_are_field_by_field_and_per_language() {
        let a = snap("Start", None);
        let b = snap("Startseite", Some("Home"));
        let changes = a.changes_to(&b);
        assert_eq!(
            changes,
            vec![
                RevisionChange {
                    locale: Some("de".into()),
                    field: "title".into(),
                    before: "Start".into(),
                    after: "Startseite".into()
                },
                RevisionChange {
                    locale: Some("en".into()),
                    field: "title".into(),
                    before: "".into(),
                    after: "Home".into()
                },
                RevisionChange {
                    locale: Some("en".into()),
                    field: "slug".into(),
                    before: "".into(),
                    after: "home".into()
                },
            ]
        );
        assert!(b.changes_to(&b).is_empty());
    }
}
