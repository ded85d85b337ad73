//! Small pieces the pages share.
mod form;
mod pager;
mod time;

pub(crate) use form::{field_error, form_error, succeeded};
pub use pager::Pager;
pub use time::LocalTime;
