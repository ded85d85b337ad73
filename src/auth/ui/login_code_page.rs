use super::AuthCard;
use crate::app::components::{field_error, form_error, succeeded};
use crate::app::i18n::use_i18n;
use crate::auth::domain::CODE_MAX_ATTEMPTS;
use crate::auth::{CancelLogin, ResendLoginCode, VerifyLoginCode, login_challenge_info};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The second step: the code from the e-mail, "remember this device", a new code, or start over.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let verify = ServerAction::<VerifyLoginCode>::new();
    let resend = ServerAction::<ResendLoginCode>::new();
    let cancel = ServerAction::<CancelLogin>::new();
    // Tries left and the resend timer change with every try and every new code.
    let info = Resource::new(
        move || (verify.version().get(), resend.version().get()),
        |_| login_challenge_info(),
    );
    view! {
        <Title text=move || i18n.t().code_title />
        <AuthCard>
            <Suspense fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => view! { <CodeForm info verify resend cancel /> }.into_any(),
                        Err(_) => view! {
                            <h1>{move || i18n.t().login_expired_title}</h1>
                            <p role="alert">{move || i18n.t().login_expired_text}</p>
                            <A href="/login" attr:class="button primary wide">{move || i18n.t().to_login}</A>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}

#[component]
fn CodeForm(
    info: crate::auth::PendingLogin,
    verify: ServerAction<VerifyLoginCode>,
    resend: ServerAction<ResendLoginCode>,
    cancel: ServerAction<CancelLogin>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code_error = field_error(verify.value(), "code");
    let other_error = form_error(verify.value(), &["code"]);
    let resend_error = form_error(resend.value(), &[]);
    let resent = succeeded(resend.value());
    let pending = verify.pending();
    // Counts down to the moment another code may be asked for.
    let wait = RwSignal::new(info.resend_in_secs);
    #[cfg(feature = "hydrate")]
    {
        if let Ok(handle) = set_interval_with_handle(
            move || wait.update(|w| *w = (*w - 1).max(0)),
            std::time::Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    let tries_left = info.tries_left;
    let can_resend = info.resends_left > 0;
    view! {
        <h1>{move || i18n.t().code_title}</h1>
        <p class="muted">
            {move || i18n.t().code_sent_to} " " <strong>{info.email_masked.clone()}</strong>
        </p>
        <Show when=resent>
            <p class="notice" role="status">{move || i18n.t().code_resent}</p>
        </Show>
        <ActionForm action=verify attr:class="form">
            <div class="field">
                <label for="login-code">{move || i18n.t().code_label}</label>
                <input
                    id="login-code"
                    class="code-input"
                    type="text"
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    pattern="[0-9 \\-]*"
                    maxlength="9"
                    required
                    autofocus
                    aria-invalid=move || code_error().is_some().to_string()
                    aria-describedby="login-code-hint login-code-error"
                />
                <p id="login-code-hint" class="hint">
                    {move || i18n.t().code_hint}
                    // After a wrong try: how many are left (none left is said by the error).
                    {(tries_left > 0 && tries_left < CODE_MAX_ATTEMPTS)
                        .then(|| view! { " " {move || i18n.t().tries_left(tries_left)} })}
                </p>
                <p id="login-code-error" class="field-error" role="alert">{code_error}</p>
            </div>
            <div class="check">
                <input id="remember-device" type="checkbox" name="remember" value="on" aria-describedby="remember-device-hint" />
                <label for="remember-device">{move || i18n.t().remember_device}</label>
                <p id="remember-device-hint" class="hint">{move || i18n.t().remember_device_hint}</p>
            </div>
            <p class="form-error" role="alert">{other_error}</p>
            <button type="submit" class="button primary wide" disabled=move || pending.get()>
                {move || if pending.get() { i18n.t().working } else { i18n.t().confirm_code }}
            </button>
        </ActionForm>
        <div class="secondary-actions">
            <Show when=move || can_resend>
                <ActionForm action=resend attr:class="inline-form">
                    <button type="submit" class="button secondary" disabled=move || { wait.get() > 0 || resend.pending().get() }>
                        {move || i18n.t().resend_code}
                    </button>
                </ActionForm>
                <Show when=move || { wait.get() > 0 }>
                    <p class="hint" aria-live="polite">{move || i18n.t().resend_in(wait.get())}</p>
                </Show>
            </Show>
            <p class="form-error" role="alert">{resend_error}</p>
            <ActionForm action=cancel attr:class="inline-form">
                <button type="submit" class="button ghost">{move || i18n.t().start_over}</button>
            </ActionForm>
        </div>
    }
}
