use super::AuthCard;
use crate::app::components::{field_error, form_error};
use crate::app::i18n::use_i18n;
use crate::auth::RequestPasswordReset;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Asks for a reset link. The answer is the same whether the address has an account or not.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let email_error = field_error(action.value(), "email");
    let other_error = form_error(action.value(), &["email"]);
    let pending = action.pending();
    view! {
        <Title text=move || i18n.t().forgot_title />
        <AuthCard>
            <h1>{move || i18n.t().forgot_title}</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="muted">{move || i18n.t().forgot_intro}</p>
                    <ActionForm action attr:class="form">
                        <div class="field">
                            <label for="forgot-email">{move || i18n.t().email}</label>
                            <input
                                id="forgot-email"
                                type="email"
                                name="email"
                                autocomplete="email"
                                inputmode="email"
                                autocapitalize="none"
                                spellcheck="false"
                                required
                                aria-invalid=move || email_error().is_some().to_string()
                                aria-describedby="forgot-email-error"
                            />
                            <p id="forgot-email-error" class="field-error" role="alert">{email_error}</p>
                        </div>
                        <p class="form-error" role="alert">{other_error}</p>
                        <button type="submit" class="button primary wide" disabled=move || pending.get()>
                            {move || if pending.get() { i18n.t().working } else { i18n.t().send_link }}
                        </button>
                    </ActionForm>
                }
            >
                <p class="notice" role="status">{move || i18n.t().forgot_sent}</p>
            </Show>
            <p class="below-form">
                <A href="/login">{move || i18n.t().to_login}</A>
            </p>
        </AuthCard>
    }
}
