use crate::app::components::{LocalTime, field_error, form_error};
use crate::app::i18n::{Lang, use_i18n};
use crate::auth::{
    InviteUser, ResendInvitation, RevokeInvitation, SetUserDisabled, SetUserStaff,
    list_invitations, list_users,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Platform admins: invite people, follow open invitations, disable and enable accounts.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<InviteUser>::new();
    view! {
        <Title text=move || i18n.t().users_title />
        <h1>{move || i18n.t().users_title}</h1>
        <div class="stack">
            <InviteCard invite />
            <InvitationsCard invite />
            <AccountsCard />
        </div>
    }
}

#[component]
fn InviteCard(invite: ServerAction<InviteUser>) -> impl IntoView {
    let i18n = use_i18n();
    let email_error = field_error(invite.value(), "email");
    let other_error = form_error(invite.value(), &["email"]);
    let pending = invite.pending();
    // The last invited address, kept after the action's input is cleared.
    let last_email = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(input) = invite.input().get() {
            last_email.set(Some(input.email));
        }
    });
    let sent = move || match invite.value().get() {
        Some(Ok(())) => last_email.get(),
        _ => None,
    };
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(invite.value().get(), Some(Ok(())))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    view! {
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{move || i18n.t().invite_heading}</h2>
            <p class="muted">{move || i18n.t().invite_intro}</p>
            {move || sent().map(|email| view! {
                <p class="notice" role="status">{i18n.t().invitation_sent} " " <strong>{email}</strong></p>
            })}
            <ActionForm action=invite attr:class="form" node_ref=form>
                <div class="field">
                    <label for="invite-email">{move || i18n.t().email}</label>
                    <input
                        id="invite-email"
                        type="email"
                        name="email"
                        autocomplete="off"
                        inputmode="email"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        aria-invalid=move || email_error().is_some().to_string()
                        aria-describedby="invite-email-error"
                    />
                    <p id="invite-email-error" class="field-error" role="alert">{email_error}</p>
                </div>
                <div class="field">
                    <label for="invite-locale">{move || i18n.t().mail_language}</label>
                    <select id="invite-locale" name="locale">
                        <option value="de" selected=move || i18n.lang.get() == Lang::De>{move || i18n.t().language_de}</option>
                        <option value="en" selected=move || i18n.lang.get() == Lang::En>{move || i18n.t().language_en}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="invite-role">{move || i18n.t().platform_role_label}</label>
                    <select id="invite-role" name="platform_role">
                        <option value="user" selected>{move || i18n.t().platform_role_user}</option>
                        <option value="staff">{move || i18n.t().role_agency_staff}</option>
                        <option value="admin">{move || i18n.t().role_platform_admin}</option>
                    </select>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().working } else { i18n.t().send_invitation }}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn InvitationsCard(invite: ServerAction<InviteUser>) -> impl IntoView {
    let i18n = use_i18n();
    let resend = ServerAction::<ResendInvitation>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let invitations = Resource::new(
        move || {
            (
                invite.version().get(),
                resend.version().get(),
                revoke.version().get(),
            )
        },
        |_| list_invitations(),
    );
    let resend_error = form_error(resend.value(), &[]);
    let revoke_error = form_error(revoke.value(), &[]);
    view! {
        <section class="card" aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">{move || i18n.t().open_invitations}</h2>
            <p class="form-error" role="alert">{resend_error}</p>
            <p class="form-error" role="alert">{revoke_error}</p>
            <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match invitations.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.t().no_invitations}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="item-list" aria-label=move || i18n.t().open_invitations>
                                {list.into_iter().map(|inv| {
                                    let email = inv.email.clone();
                                    let email2 = inv.email.clone();
                                    let id = inv.invitation_id.to_string();
                                    let id2 = id.clone();
                                    view! {
                                        <li class="item">
                                            <div class="item-main">
                                                <h3 class="item-title">
                                                    {inv.email.clone()}
                                                    {inv.is_platform_admin.then(|| view! { <span class="badge">{move || i18n.t().role_platform_admin}</span> })}
                                                    {inv.is_agency_staff.then(|| view! { <span class="badge">{move || i18n.t().role_agency_staff}</span> })}
                                                    {inv.expired.then(|| view! { <span class="badge warn">{move || i18n.t().expired}</span> })}
                                                </h3>
                                                <dl class="item-facts">
                                                    <div><dt>{move || i18n.t().invited_by}</dt><dd>{inv.invited_by.clone().unwrap_or_else(|| "–".into())}</dd></div>
                                                    <div><dt>{move || i18n.t().expires}</dt><dd><LocalTime at=inv.expires_at /></dd></div>
                                                    <div><dt>{move || i18n.t().times_sent}</dt><dd>{inv.sent_count}</dd></div>
                                                </dl>
                                            </div>
                                            <div class="item-action">
                                                <ActionForm action=resend attr:class="inline-form">
                                                    <input type="hidden" name="invitation_id" value=id />
                                                    <button type="submit" class="button secondary" aria-label=move || format!("{}: {}", i18n.t().resend, email)>
                                                        {move || i18n.t().resend}
                                                    </button>
                                                </ActionForm>
                                                <ActionForm action=revoke attr:class="inline-form">
                                                    <input type="hidden" name="invitation_id" value=id2 />
                                                    <button type="submit" class="button ghost danger" aria-label=move || format!("{}: {}", i18n.t().withdraw, email2)>
                                                        {move || i18n.t().withdraw}
                                                    </button>
                                                </ActionForm>
                                            </div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AccountsCard() -> impl IntoView {
    let i18n = use_i18n();
    let me = crate::app::use_me();
    let toggle = ServerAction::<SetUserDisabled>::new();
    let staff = ServerAction::<SetUserStaff>::new();
    let users = Resource::new(
        move || (toggle.version().get(), staff.version().get()),
        |_| list_users(),
    );
    let toggle_error = form_error(toggle.value(), &[]);
    view! {
        <section class="card" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">{move || i18n.t().accounts}</h2>
            <p class="form-error" role="alert">{toggle_error}</p>
            <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || {
                    Suspend::new(async move {
                    let me = match me.await {
                        Ok(me) => me.user_id,
                        Err(err) => return view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    };
                    match users.await {
                        Ok(list) => view! {
                            <ul class="item-list" aria-label=move || i18n.t().accounts>
                                {list.into_iter().map(|u| {
                                    let named = !u.display_name.is_empty();
                                    let label = if named { u.display_name.clone() } else { u.email.clone() };
                                    let action_label = label.clone();
                                    let is_me = u.user_id == me;
                                    let status = move || if u.disabled {
                                        i18n.t().disabled
                                    } else if !u.has_password {
                                        i18n.t().no_password_yet
                                    } else {
                                        i18n.t().active
                                    };
                                    let disabled = u.disabled;
                                    view! {
                                        <li class="item" class:muted-item=u.disabled>
                                            <div class="item-main">
                                                <h3 class="item-title">
                                                    {label}
                                                    {u.is_platform_admin.then(|| view! { <span class="badge">{move || i18n.t().role_platform_admin}</span> })}
                                                    {u.is_agency_staff.then(|| view! { <span class="badge">{move || i18n.t().role_agency_staff}</span> })}
                                                    {is_me.then(|| view! { <span class="badge">{move || i18n.t().you}</span> })}
                                                </h3>
                                                <dl class="item-facts">
                                                    {named.then(|| view! { <div><dt>{move || i18n.t().email}</dt><dd>{u.email.clone()}</dd></div> })}
                                                    <div><dt>{move || i18n.t().status}</dt><dd class:danger-text=disabled>{status}</dd></div>
                                                    <div><dt>{move || i18n.t().last_login}</dt><dd>{match u.last_login_at {
                                                        Some(at) => view! { <LocalTime at /> }.into_any(),
                                                        None => view! { <span>{move || i18n.t().never}</span> }.into_any(),
                                                    }}</dd></div>
                                                </dl>
                                            </div>
                                            {(!is_me).then(|| view! {
                                                <div class="item-action">
                                                {(!u.is_platform_admin).then(|| {
                                                    let is_staff = u.is_agency_staff;
                                                    view! {
                                                        <ActionForm action=staff attr:class="inline-form">
                                                            <input type="hidden" name="user_id" value=u.user_id.to_string() />
                                                            <input type="hidden" name="staff" value=(!is_staff).to_string() />
                                                            <button type="submit" class="button ghost">
                                                                {move || if is_staff { i18n.t().remove_staff } else { i18n.t().make_staff }}
                                                            </button>
                                                        </ActionForm>
                                                    }
                                                })}
                                                <ActionForm action=toggle attr:class="inline-form">
                                                    <input type="hidden" name="user_id" value=u.user_id.to_string() />
                                                    <input type="hidden" name="disabled" value=(!disabled).to_string() />
                                                    <button
                                                        type="submit"
                                                        class="button secondary"
                                                        class:danger=!disabled
                                                        aria-label=move || format!("{}: {}", if disabled { i18n.t().enable } else { i18n.t().disable }, action_label)
                                                    >
                                                        {move || if disabled { i18n.t().enable } else { i18n.t().disable }}
                                                    </button>
                                                </ActionForm>
                                                </div>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })}}
            </Transition>
        </section>
    }
}
