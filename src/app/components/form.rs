//! Form helpers: errors next to the field they belong to, in the user's language.
use crate::app::i18n::use_i18n;
use crate::error::AppError;
use leptos::prelude::*;

/// The messages for one field from the last submit, in the user's language.
pub(crate) fn field_error<T: 'static>(
    value: impl With<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || {
        value.with(|v| match v {
            Some(Err(err)) => {
                let msgs = err.field_messages(field);
                if msgs.is_empty() {
                    None
                } else {
                    Some(
                        msgs.iter()
                            .map(|code| i18n.t().error(code))
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                }
            }
            _ => None,
        })
    }
}

/// An error that belongs to no field (or to a field the form does not show).
pub(crate) fn form_error<T: 'static>(
    value: impl With<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
    shown_fields: &'static [&'static str],
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || {
        value.with(|v| match v {
            Some(Err(AppError::Invalid(fields)))
                if fields.keys().all(|f| shown_fields.contains(&f.as_str())) =>
            {
                None
            }
            Some(Err(err)) => Some(i18n.t().app_error(err)),
            _ => None,
        })
    }
}

/// Whether the last submit of an action succeeded (for "Saved." notices).
pub(crate) fn succeeded<T: 'static>(
    value: impl With<Value = Option<Result<T, AppError>>> + Copy + Send + Sync + 'static,
) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || value.with(|v| matches!(v, Some(Ok(_))))
}
