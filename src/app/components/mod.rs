//! Small pieces the pages share.
mod form;
mod time;

pub(crate) use form::{field_error, form_error, succeeded};
pub use time::LocalTime;
