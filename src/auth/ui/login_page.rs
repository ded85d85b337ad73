use super::AuthCard;
use crate::app::components::{field_error, form_error};
use crate::app::i18n::use_i18n;
use crate::auth::Login;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// E-mail and password. On success the server sends the browser to the code page (or, on a
/// remembered device, to the dashboard).
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let has = move |key: &'static str| move || query.read().get(key).is_some();
    let password_error = field_error(login.value(), "password");
    let email_error = field_error(login.value(), "email");
    let other_error = form_error(login.value(), &["password", "email"]);
    let pending = login.pending();
    view! {
        <Title text=move || i18n.t().login_title />
        <AuthCard>
            <h1>{move || i18n.t().login_title}</h1>
            <p class="muted">{move || i18n.t().login_intro}</p>
            <Show when=has("password_set")>
                <p class="notice" role="status">{move || i18n.t().password_set_notice}</p>
            </Show>
            <Show when=has("welcome")>
                <p class="notice" role="status">{move || i18n.t().welcome_notice}</p>
            </Show>
            <Show when=has("expired")>
                <p class="notice warn" role="status">{move || i18n.t().session_ended_notice}</p>
            </Show>
            <ActionForm action=login attr:class="form">
                <div class="field">
                    <label for="login-email">{move || i18n.t().email}</label>
                    <input
                        id="login-email"
                        type="email"
                        name="email"
                        autocomplete="email"
                        inputmode="email"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        aria-invalid=move || email_error().is_some().to_string()
                        aria-describedby="login-email-error"
                    />
                    <p id="login-email-error" class="field-error">{email_error}</p>
                </div>
                <div class="field">
                    <label for="login-password">{move || i18n.t().password}</label>
                    <input
                        id="login-password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        aria-invalid=move || password_error().is_some().to_string()
                        aria-describedby="login-password-error"
                    />
                    <p id="login-password-error" class="field-error" role="alert">{password_error}</p>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <button type="submit" class="button primary wide" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().working } else { i18n.t().sign_in }}
                </button>
            </ActionForm>
            <p class="below-form">
                <A href="/forgot-password">{move || i18n.t().forgot_password_link}</A>
            </p>
        </AuthCard>
    }
}
