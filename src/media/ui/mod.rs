//! The media library's screens (`/t/{slug}/media`, `/t/{slug}/media/{id}`) and the picker the
//! editors use to choose pictures.
mod media_detail_page;
mod media_page;
pub mod picker;
pub mod texts;
pub mod uploader;

pub use media_detail_page::MediaDetailPage;
pub use media_page::MediaPage;
