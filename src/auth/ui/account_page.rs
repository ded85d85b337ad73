use crate::app::components::{LocalTime, field_error, form_error, succeeded};
use crate::app::i18n::use_i18n;
use crate::auth::{
    ChangePassword, CurrentUser, ForgetDevice, RevokeOtherSessions, RevokeSession, UpdateProfile,
    list_my_devices, list_my_sessions,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The signed-in user's own account: name, password, sessions and remembered devices.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = crate::app::use_me();
    let change_password = ServerAction::<ChangePassword>::new();
    view! {
        <Title text=move || i18n.t().account_title />
        <h1>{move || i18n.t().account_title}</h1>
        <div class="stack">
            <Suspense fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    let Ok(user) = me.await else { return ().into_any() };
                    view! {
                        <ProfileCard user=user.clone() />
                        <PasswordCard email=user.email.clone() action=change_password />
                    }.into_any()
                })}
            </Suspense>
            <SessionsCard password_changed=change_password />
            <DevicesCard />
        </div>
    }
}

#[component]
fn ProfileCard(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<UpdateProfile>::new();
    let name_error = field_error(action.value(), "display_name");
    let other_error = form_error(action.value(), &["display_name"]);
    let saved = succeeded(action.value());
    view! {
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{move || i18n.t().profile}</h2>
            <dl class="facts">
                <dt>{move || i18n.t().email}</dt>
                <dd>{user.email.clone()}</dd>
            </dl>
            <ActionForm action attr:class="form">
                <div class="field">
                    <label for="profile-name">{move || i18n.t().display_name}</label>
                    <input
                        id="profile-name"
                        type="text"
                        name="display_name"
                        autocomplete="name"
                        maxlength="200"
                        required
                        value=user.display_name.clone()
                        aria-invalid=move || name_error().is_some().to_string()
                        aria-describedby="profile-name-error"
                    />
                    <p id="profile-name-error" class="field-error" role="alert">{name_error}</p>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary">{move || i18n.t().save}</button>
                    <Show when=saved>
                        <span class="saved" role="status">{move || i18n.t().saved}</span>
                    </Show>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordCard(email: String, action: ServerAction<ChangePassword>) -> impl IntoView {
    let i18n = use_i18n();
    let current_error = field_error(action.value(), "current_password");
    let other_error = form_error(
        action.value(),
        &["current_password", "password", "password_confirm"],
    );
    let changed = succeeded(action.value());
    let pending = action.pending();
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{move || i18n.t().change_password}</h2>
            <Show when=changed>
                <p class="notice" role="status">{move || i18n.t().password_changed_notice}</p>
            </Show>
            <ActionForm action attr:class="form">
                <div class="field">
                    <label for="current-password">{move || i18n.t().current_password}</label>
                    <input
                        id="current-password"
                        type="password"
                        name="current_password"
                        autocomplete="current-password"
                        required
                        aria-invalid=move || current_error().is_some().to_string()
                        aria-describedby="current-password-error"
                    />
                    <p id="current-password-error" class="field-error" role="alert">{current_error}</p>
                </div>
                <super::set_password_page::NewPasswordFields email value=action.value() />
                <p class="form-error" role="alert">{other_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().working } else { i18n.t().change_password }}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionsCard(password_changed: ServerAction<ChangePassword>) -> impl IntoView {
    let i18n = use_i18n();
    let revoke = ServerAction::<RevokeSession>::new();
    let revoke_others = ServerAction::<RevokeOtherSessions>::new();
    let sessions = Resource::new(
        move || {
            (
                revoke.version().get(),
                revoke_others.version().get(),
                password_changed.version().get(),
            )
        },
        |_| list_my_sessions(),
    );
    let revoke_error = form_error(revoke.value(), &[]);
    let ended = move || match revoke_others.value().get() {
        Some(Ok(n)) => Some(i18n.t().sessions_ended(n)),
        _ => None,
    };
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{move || i18n.t().sessions}</h2>
            <p class="muted">{move || i18n.t().sessions_intro}</p>
            {move || ended().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <p class="form-error" role="alert">{revoke_error}</p>
            <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => {
                            let others = list.iter().filter(|s| !s.current).count();
                            view! {
                                <ul class="item-list" aria-label=move || i18n.t().sessions>
                                    {list.into_iter().map(|s| view! { <SessionItem session=s revoke /> }).collect_view()}
                                </ul>
                                {if others > 0 {
                                    view! {
                                        <ActionForm action=revoke_others attr:class="form-actions">
                                            <button type="submit" class="button secondary">{move || i18n.t().revoke_others}</button>
                                        </ActionForm>
                                    }.into_any()
                                } else {
                                    view! { <p class="muted">{move || i18n.t().no_other_sessions}</p> }.into_any()
                                }}
                            }.into_any()
                        }
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SessionItem(
    session: crate::auth::SessionInfo,
    revoke: ServerAction<RevokeSession>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = format!("{} · {}", session.browser, session.os);
    let label = title.clone();
    view! {
        <li class="item" class:current=session.current>
            <div class="item-main">
                <h3 class="item-title">
                    {title}
                    {session.current.then(|| view! { <span class="badge">{move || i18n.t().this_session}</span> })}
                </h3>
                <dl class="item-facts">
                    <div><dt>{move || i18n.t().last_active}</dt><dd><LocalTime at=session.last_seen_at /></dd></div>
                    <div><dt>{move || i18n.t().signed_in_at}</dt><dd><LocalTime at=session.created_at /></dd></div>
                    <div><dt>{move || i18n.t().ip_address}</dt><dd>{session.client_ip.clone().unwrap_or_else(|| "–".into())}</dd></div>
                </dl>
            </div>
            {(!session.current).then(|| view! {
                <ActionForm action=revoke attr:class="item-action">
                    <input type="hidden" name="session_id" value=session.session_id.to_string() />
                    <button type="submit" class="button secondary" aria-label=move || format!("{}: {}", i18n.t().revoke, label)>
                        {move || i18n.t().revoke}
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn DevicesCard() -> impl IntoView {
    let i18n = use_i18n();
    let forget = ServerAction::<ForgetDevice>::new();
    let devices = Resource::new(move || forget.version().get(), |_| list_my_devices());
    let forget_error = form_error(forget.value(), &[]);
    view! {
        <section class="card" aria-labelledby="devices-heading">
            <h2 id="devices-heading">{move || i18n.t().devices}</h2>
            <p class="muted">{move || i18n.t().devices_intro}</p>
            <p class="form-error" role="alert">{forget_error}</p>
            <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match devices.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.t().no_devices}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="item-list" aria-label=move || i18n.t().devices>
                                {list.into_iter().map(|d| {
                                    let title = format!("{} · {}", d.browser, d.os);
                                    let label = title.clone();
                                    view! {
                                        <li class="item" class:current=d.current>
                                            <div class="item-main">
                                                <h3 class="item-title">
                                                    {title}
                                                    {d.current.then(|| view! { <span class="badge">{move || i18n.t().this_device}</span> })}
                                                </h3>
                                                <dl class="item-facts">
                                                    <div><dt>{move || i18n.t().remembered_since}</dt><dd><LocalTime at=d.created_at /></dd></div>
                                                    <div><dt>{move || i18n.t().last_active}</dt><dd><LocalTime at=d.last_seen_at /></dd></div>
                                                    <div><dt>{move || i18n.t().valid_until}</dt><dd><LocalTime at=d.expires_at /></dd></div>
                                                </dl>
                                            </div>
                                            <ActionForm action=forget attr:class="item-action">
                                                <input type="hidden" name="trusted_device_id" value=d.trusted_device_id.to_string() />
                                                <button type="submit" class="button secondary" aria-label=move || format!("{}: {}", i18n.t().forget, label)>
                                                    {move || i18n.t().forget}
                                                </button>
                                            </ActionForm>
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
