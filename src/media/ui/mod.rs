//! The media library's screens (`/t/{slug}/media`, `/t/{slug}/media/{id}`) and the picker the
//! editors use to choose pictures.
mod media_detail_page;
mod media_page;
pub mod picker;
pub mod texts;
pub mod uploader;

pub use media_detail_page::MediaDetailPage;
pub use media_page::MediaPage;

/// Where a tenant's library is in the admin; a file's page is this plus `/<media id>`.
pub fn library_href(tenant_slug: &str) -> String {
    format!("/t/{tenant_slug}/media")
}
