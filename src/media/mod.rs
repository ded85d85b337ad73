//! The media library: a tenant's images, SVGs and PDFs. Files are stored once per tenant, named by
//! the SHA-256 of their content, under `$TRAFFINO_DATA_DIR/media/<tenant>/`, and served only to the
//! tenant's members. Images lose their location metadata on upload and get responsive variants from
//! a background job. Alt text and caption translate (rows of `field_text`). Where a file is used is
//! kept in foreign keys, so a file in use cannot be deleted.
mod api;
pub use api::*;
#[cfg(feature = "ssr")]
pub(crate) mod db;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod process;
#[cfg(feature = "ssr")]
pub mod svg;
pub mod ui;

use crate::ids::{MediaId, PageId, SiteId, TenantId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Error codes; the admin words them.
pub mod codes {
    pub const TOO_LARGE: &str = "media_too_large";
    pub const TYPE_UNSUPPORTED: &str = "media_type_unsupported";
    pub const IMAGE_BROKEN: &str = "media_image_broken";
    pub const IMAGE_TOO_MANY_PIXELS: &str = "media_image_too_many_pixels";
    pub const SVG_INVALID: &str = "media_svg_invalid";
    pub const EMPTY: &str = "media_empty";
    pub const IN_USE: &str = "media_in_use";
    pub const MISSING: &str = "media_missing";
    pub const NOT_AN_IMAGE: &str = "media_not_an_image";
    pub const FOCAL_INVALID: &str = "media_focal_invalid";
}

/// The translatable fields of a media file.
pub const TEXT_FIELDS: [&str; 2] = ["alt", "caption"];
pub const ALT_MAX: usize = 300;
pub const CAPTION_MAX: usize = 1000;

/// A file in the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaItem {
    pub media_id: MediaId,
    pub tenant_id: TenantId,
    /// `image`, `svg` or `pdf`.
    pub kind: String,
    pub mime: String,
    pub sha256: String,
    pub ext: String,
    pub file_name: String,
    pub byte_size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub focal_x: i16,
    pub focal_y: i16,
    /// `none`, `pending`, `ready` or `failed`.
    pub variants_state: String,
    pub variant_widths: Vec<i32>,
    /// In how many places it is used: `used_pages` + `used_logos` (it cannot be deleted while > 0).
    pub used: i64,
    /// On how many pages (blocks, social images).
    pub used_pages: i64,
    /// As the logo of how many sites.
    pub used_logos: i64,
    /// The languages (of the tenant's sites) whose alt text is missing; images only.
    pub alt_missing: Vec<String>,
    pub created_at: DateTime<Utc>,
}

impl MediaItem {
    /// Whether it can be shown as a picture (images and SVG).
    pub fn is_picture(&self) -> bool {
        self.kind == "image" || self.kind == "svg"
    }

    /// The address of the original in the admin.
    pub fn url(&self) -> String {
        file_url(self.tenant_id, &self.sha256, &self.ext, None)
    }

    /// The smallest stored version at least `width` wide (a variant in the original format, else
    /// the original): for thumbnails.
    pub fn url_for_width(&self, width: i32) -> String {
        match self
            .variant_widths
            .iter()
            .copied()
            .filter(|w| *w >= width)
            .min()
        {
            Some(w) if self.variants_state == "ready" => {
                file_url(self.tenant_id, &self.sha256, &self.ext, Some(w))
            }
            _ => self.url(),
        }
    }

    /// "1.2 MB", "830 KB".
    pub fn size_label(&self) -> String {
        size_label(self.byte_size)
    }
}

pub fn size_label(bytes: i64) -> String {
    if bytes >= 1_000_000 && bytes % 1_000_000 == 0 {
        format!("{} MB", bytes / 1_000_000)
    } else if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} KB", (bytes + 999) / 1000)
    }
}

/// `/media/<tenant>/<sha256>[-<width>].<ext>`
pub fn file_url(tenant: TenantId, sha256: &str, ext: &str, width: Option<i32>) -> String {
    match width {
        Some(w) => format!("/media/{tenant}/{sha256}-{w}.{ext}"),
        None => format!("/media/{tenant}/{sha256}.{ext}"),
    }
}

/// One page of the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaList {
    pub items: Vec<MediaItem>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// The largest file an upload may have.
    pub max_bytes: i64,
}

/// A translated alt text or caption.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaText {
    pub locale: String,
    pub field: String,
    #[serde(default)]
    pub value: String,
}

/// Where a file is used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaUse {
    /// `block`, `social_image` or `logo`.
    pub kind: String,
    pub site_id: SiteId,
    pub page_id: Option<PageId>,
    /// The page's title (or the site's name, for a logo).
    pub label: String,
}

/// A file with everything its detail page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaDetail {
    pub item: MediaItem,
    pub texts: Vec<MediaText>,
    /// The languages of the tenant's sites, the default language of the first site first.
    pub locales: Vec<String>,
    pub uses: Vec<MediaUse>,
}

/// What an upload did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UploadOutcome {
    pub item: MediaItem,
    /// The tenant had this very file already; nothing new was stored.
    pub duplicate: bool,
    /// Parts of an SVG that could run code or load other files were removed.
    pub sanitized: bool,
}

/// The media a rendered page needs for one language: an image's stored versions and its texts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MediaRender {
    pub media_id: MediaId,
    pub sha256: String,
    pub ext: String,
    pub kind: String,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub focal_x: i16,
    pub focal_y: i16,
    pub variant_widths: Vec<i32>,
    pub alt: String,
    pub caption: String,
}
