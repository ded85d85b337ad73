//! The audit trail as people read it: a tenant's activity feed, the history of one record, and the
//! platform-wide view. The rows come from the audit trigger on every table (migrations 0002+); this
//! slice only reads them, and RLS decides which: a tenant's own, or all for platform admins.
mod api;
pub use api::*;
#[cfg(feature = "ssr")]
pub(crate) mod db;
pub mod ui;

use crate::ids::{AuditId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One change of one record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub audit_id: AuditId,
    /// The table (what kind of record).
    pub table_name: String,
    pub row_id: Option<uuid::Uuid>,
    /// `insert`, `update` or `delete`.
    pub action: String,
    pub actor_id: Option<UserId>,
    /// Who, by name; `None`: a change made directly in the database.
    pub actor: Option<String>,
    /// The tenant's name (platform view).
    pub tenant: Option<String>,
    pub changes: Vec<Change>,
    pub created_at: DateTime<Utc>,
}

/// One field's old and new value, as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    pub page: i64,
    pub has_more: bool,
}

/// Record kinds the activity filter offers (the tables that carry a tenant).
pub const TENANT_TABLES: &[&str] = &["tenant", "membership", "invitation"];

/// Turns an audit diff (`{"column": {"old": …, "new": …}}`) into changes, in column order.
pub fn changes_from_diff(diff: &serde_json::Value) -> Vec<Change> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    let mut changes: Vec<Change> = diff
        .as_object()
        .map(|fields| {
            fields
                .iter()
                .map(|(field, change)| Change {
                    field: field.clone(),
                    old: change.get("old").and_then(text),
                    new: change.get("new").and_then(text),
                })
                .collect()
        })
        .unwrap_or_default();
    changes.sort_by(|a, b| a.field.cmp(&b.field));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_become_readable_changes() {
        let diff = serde_json::json!({
            "role": {"old": "viewer", "new": "editor"},
            "enabled_locales": {"old": ["de"], "new": ["de", "en"]},
            "archived_at": {"old": null, "new": "2026-12-04T10:00:00+00:00"}
        });
        let changes = changes_from_diff(&diff);
        assert_eq!(changes.len(), 3);
        assert_eq!(changes[0].field, "archived_at");
        assert_eq!(changes[0].old, None);
        assert_eq!(changes[1].new.as_deref(), Some(r#"["de","en"]"#));
        assert_eq!(changes[2].old.as_deref(), Some("viewer"));
    }
}
