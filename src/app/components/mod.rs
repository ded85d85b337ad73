//! Small pieces the pages share.
mod browser_data;
mod form;
mod order;
mod pager;
mod time;

pub use browser_data::browser_data;
pub(crate) use form::{field_error, form_error, succeeded};
pub use order::shift;
pub use pager::Pager;
pub use time::LocalTime;
