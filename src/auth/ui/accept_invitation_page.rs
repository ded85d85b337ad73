use super::AuthCard;
use super::set_password_page::{LinkInvalid, NewPasswordFields};
use crate::app::components::{field_error, form_error};
use crate::app::i18n::use_i18n;
use crate::auth::{AcceptInvitation, invitation_info};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Opened from an invitation mail: the invited person chooses a name and a password.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, |token| async move {
        if token.is_empty() {
            Err(crate::error::AppError::field("token", "link_invalid"))
        } else {
            invitation_info(token).await
        }
    });
    view! {
        <Title text=move || i18n.t().invite_title />
        <AuthCard>
            <Suspense fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Ok(info) => view! { <AcceptForm token=token() email=info.email /> }.into_any(),
                        Err(_) => view! { <LinkInvalid /> }.into_any(),
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}

#[component]
fn AcceptForm(token: String, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AcceptInvitation>::new();
    let name_error = field_error(action.value(), "display_name");
    let other_error = form_error(
        action.value(),
        &["display_name", "password", "password_confirm"],
    );
    let pending = action.pending();
    view! {
        <h1>{move || i18n.t().invite_title}</h1>
        <p class="muted">{move || i18n.t().invite_for} " " <strong>{email.clone()}</strong></p>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token />
            <div class="field">
                <label for="invite-name">{move || i18n.t().your_name}</label>
                <input
                    id="invite-name"
                    type="text"
                    name="display_name"
                    autocomplete="name"
                    maxlength="200"
                    required
                    aria-invalid=move || name_error().is_some().to_string()
                    aria-describedby="invite-name-error"
                />
                <p id="invite-name-error" class="field-error" role="alert">{name_error}</p>
            </div>
            <NewPasswordFields email=email.clone() value=action.value() />
            <p class="form-error" role="alert">{other_error}</p>
            <button type="submit" class="button primary wide" disabled=move || pending.get()>
                {move || if pending.get() { i18n.t().working } else { i18n.t().create_account }}
            </button>
        </ActionForm>
    }
}
