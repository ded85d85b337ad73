//! Pages of the mail slice.
mod dev_mail_page;

pub use dev_mail_page::DevMailPage;
