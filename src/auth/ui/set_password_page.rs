use super::AuthCard;
use crate::app::components::{field_error, form_error};
use crate::app::i18n::use_i18n;
use crate::auth::{SetPassword, password_link};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Opened from a one-time link (first password or reset): shows the account, then asks for the new
/// password twice.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let link = Resource::new(token, |token| async move {
        if token.is_empty() {
            Err(crate::error::AppError::field("token", "link_invalid"))
        } else {
            password_link(token).await
        }
    });
    view! {
        <Title text=move || i18n.t().set_password_title />
        <AuthCard>
            <Suspense fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match link.await {
                        Ok(info) => view! {
                            <SetPasswordForm token=token() email=info.email reset=info.purpose == "reset" />
                        }.into_any(),
                        Err(_) => view! { <LinkInvalid /> }.into_any(),
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}

/// What an expired or used link shows.
#[component]
pub(crate) fn LinkInvalid() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t().link_invalid_title}</h1>
        <p role="alert">{move || i18n.t().link_invalid_text}</p>
        <A href="/login">{move || i18n.t().to_login}</A>
    }
}

#[component]
fn SetPasswordForm(token: String, email: String, reset: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetPassword>::new();
    let other_error = form_error(action.value(), &["password", "password_confirm"]);
    let pending = action.pending();
    view! {
        <h1>{move || if reset { i18n.t().reset_password_title } else { i18n.t().set_password_title }}</h1>
        <p class="muted">{move || i18n.t().set_password_for} " " <strong>{email.clone()}</strong></p>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token />
            <NewPasswordFields email=email.clone() value=action.value() />
            <p class="form-error" role="alert">{other_error}</p>
            <button type="submit" class="button primary wide" disabled=move || pending.get()>
                {move || if pending.get() { i18n.t().working } else { i18n.t().save_password }}
            </button>
        </ActionForm>
    }
}

/// The new password twice, with the rules and the server's reasons. `email` goes into a hidden
/// username field, so password managers store the password under the right account.
#[component]
pub(crate) fn NewPasswordFields<V>(email: String, value: V) -> impl IntoView
where
    V: With<Value = Option<Result<(), crate::error::AppError>>> + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let password_error = field_error(value, "password");
    let confirm_error = field_error(value, "password_confirm");
    view! {
        <input type="email" name="username" autocomplete="username" value=email class="visually-hidden" tabindex="-1" aria-hidden="true" readonly />
        <div class="field">
            <label for="new-password">{move || i18n.t().new_password}</label>
            <input
                id="new-password"
                type="password"
                name="password"
                autocomplete="new-password"
                minlength="12"
                maxlength="128"
                required
                aria-invalid=move || password_error().is_some().to_string()
                aria-describedby="new-password-hint new-password-error"
            />
            <p id="new-password-hint" class="hint">{move || i18n.t().new_password_hint}</p>
            <p id="new-password-error" class="field-error" role="alert">{password_error}</p>
        </div>
        <div class="field">
            <label for="confirm-password">{move || i18n.t().confirm_password}</label>
            <input
                id="confirm-password"
                type="password"
                name="password_confirm"
                autocomplete="new-password"
                required
                aria-invalid=move || confirm_error().is_some().to_string()
                aria-describedby="confirm-password-error"
            />
            <p id="confirm-password-error" class="field-error" role="alert">{confirm_error}</p>
        </div>
    }
}
