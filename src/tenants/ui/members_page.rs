use super::{role_label, use_tenant};
use crate::app::components::{LocalTime, field_error, form_error};
use crate::app::i18n::{Lang, use_i18n};
use crate::tenants::authz::{Permission, TenantRole};
use crate::tenants::{
    InviteMember, InviteOutcome, RemoveMember, ResendTenantInvitation, RevokeTenantInvitation,
    SetMemberRole, list_members, list_tenant_invitations,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Who has access to the tenant, with which role; owners and platform admins invite, change roles and
/// remove members.
#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let invite = ServerAction::<InviteMember>::new();
    let set_role = ServerAction::<SetMemberRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let resend = ServerAction::<ResendTenantInvitation>::new();
    let revoke = ServerAction::<RevokeTenantInvitation>::new();
    let members = Resource::new(
        move || {
            (
                invite.version().get(),
                set_role.version().get(),
                remove.version().get(),
            )
        },
        move |_| async move { list_members(tenant.await?.tenant_id).await },
    );
    let invitations = Resource::new(
        move || {
            (
                invite.version().get(),
                resend.version().get(),
                revoke.version().get(),
            )
        },
        move |_| async move {
            let tenant = tenant.await?;
            if tenant.access.allows(Permission::ManageMembers) {
                list_tenant_invitations(tenant.tenant_id).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let change_error = form_error(set_role.value(), &[]);
    let remove_error = form_error(remove.value(), &[]);
    view! {
        <Title text=move || i18n.t().members />
        <h1>{move || i18n.t().members}</h1>
        <div class="stack">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match tenant.await {
                        Ok(t) if t.access.allows(Permission::ManageMembers) => {
                            view! { <InviteCard invite tenant_id=t.tenant_id /> }.into_any()
                        }
                        _ => ().into_any(),
                    }
                })}
            </Suspense>
            <section class="card" aria-labelledby="members-heading">
                <h2 id="members-heading">{move || i18n.t().members}</h2>
                <p class="form-error" role="alert">{change_error}</p>
                <p class="form-error" role="alert">{remove_error}</p>
                <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                    {move || Suspend::new(async move {
                        let Ok(t) = tenant.await else { return ().into_any() };
                        match members.await {
                            Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.t().no_members}</p> }.into_any(),
                            Ok(list) => view! {
                                <MemberList list tenant_id=t.tenant_id manage=t.access.allows(Permission::ManageMembers) set_role remove />
                            }.into_any(),
                            Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let Ok(t) = tenant.await else { return ().into_any() };
                    if !t.access.allows(Permission::ManageMembers) {
                        return ().into_any();
                    }
                    let list = invitations.await;
                    view! { <TenantInvitationsCard list tenant_id=t.tenant_id resend revoke /> }.into_any()
                })}
            </Transition>
        </div>
    }
}

#[component]
fn MemberList(
    list: Vec<crate::tenants::MemberView>,
    tenant_id: crate::ids::TenantId,
    manage: bool,
    set_role: ServerAction<SetMemberRole>,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="item-list" aria-label=move || i18n.t().members>
            {list.into_iter().map(|m| {
                let label = if m.display_name.is_empty() { m.email.clone() } else { m.display_name.clone() };
                let named = !m.display_name.is_empty();
                let role = m.role;
                let id = m.membership_id.to_string();
                let (label2, label3) = (label.clone(), label.clone());
                view! {
                    <li class="item" class:muted-item=m.disabled>
                        <div class="item-main">
                            <h3 class="item-title">
                                {label}
                                <span class="badge">{move || role_label(i18n.t(), role)}</span>
                                {m.disabled.then(|| view! { <span class="badge warn">{move || i18n.t().disabled}</span> })}
                            </h3>
                            <dl class="item-facts">
                                {named.then(|| view! { <div><dt>{move || i18n.t().email}</dt><dd>{m.email.clone()}</dd></div> })}
                                <div><dt>{move || i18n.t().member_since}</dt><dd><LocalTime at=m.created_at /></dd></div>
                            </dl>
                        </div>
                        {manage.then(|| {
                            let id2 = id.clone();
                            view! {
                                <div class="item-action">
                                    <ActionForm action=set_role attr:class="inline-form role-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="membership_id" value=id />
                                        <label class="visually-hidden" for=format!("role-{}", m.membership_id)>
                                            {move || format!("{}: {}", i18n.t().role, label2)}
                                        </label>
                                        <select id=format!("role-{}", m.membership_id) name="role">
                                            {TenantRole::ALL.into_iter().map(|r| view! {
                                                <option value=r.code() selected=r == role>{move || role_label(i18n.t(), r)}</option>
                                            }).collect_view()}
                                        </select>
                                        <button type="submit" class="button secondary">{move || i18n.t().change_role}</button>
                                    </ActionForm>
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="membership_id" value=id2 />
                                        <button type="submit" class="button ghost danger"
                                            aria-label=move || format!("{}: {}", i18n.t().remove_member, label3)>
                                            {move || i18n.t().remove_member}
                                        </button>
                                    </ActionForm>
                                </div>
                            }
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn InviteCard(
    invite: ServerAction<InviteMember>,
    tenant_id: crate::ids::TenantId,
) -> impl IntoView {
    let i18n = use_i18n();
    let email_error = field_error(invite.value(), "email");
    let other_error = form_error(invite.value(), &["email"]);
    let last_email = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(input) = invite.input().get() {
            last_email.set(Some(input.email));
        }
    });
    let done = move || match invite.value().get() {
        Some(Ok(outcome)) => last_email.get().map(|email| (outcome, email)),
        _ => None,
    };
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(invite.value().get(), Some(Ok(_)))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    view! {
        <section class="card" aria-labelledby="invite-member-heading">
            <h2 id="invite-member-heading">{move || i18n.t().add_member}</h2>
            <p class="muted">{move || i18n.t().add_member_intro}</p>
            {move || done().map(|(outcome, email)| view! {
                <p class="notice" role="status">
                    {match outcome {
                        InviteOutcome::Added => i18n.t().member_added,
                        InviteOutcome::Invited => i18n.t().invitation_sent,
                    }} " " <strong>{email}</strong>
                </p>
            })}
            <ActionForm action=invite attr:class="form" node_ref=form>
                <input type="hidden" name="tenant" value=tenant_id.to_string() />
                <div class="field">
                    <label for="member-email">{move || i18n.t().email}</label>
                    <input id="member-email" type="email" name="email" autocomplete="off" inputmode="email"
                        autocapitalize="none" spellcheck="false" required
                        aria-invalid=move || email_error().is_some().to_string() aria-describedby="member-email-error" />
                    <p id="member-email-error" class="field-error" role="alert">{email_error}</p>
                </div>
                <div class="field">
                    <label for="member-role">{move || i18n.t().role}</label>
                    <select id="member-role" name="role">
                        {TenantRole::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=r == TenantRole::Editor>{move || role_label(i18n.t(), r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="member-locale">{move || i18n.t().mail_language}</label>
                    <select id="member-locale" name="locale">
                        <option value="de" selected=move || i18n.lang.get() == Lang::De>{move || i18n.t().language_de}</option>
                        <option value="en" selected=move || i18n.lang.get() == Lang::En>{move || i18n.t().language_en}</option>
                    </select>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || invite.pending().get()>
                        {move || i18n.t().add_member}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn TenantInvitationsCard(
    list: Result<Vec<crate::tenants::TenantInvitation>, crate::error::AppError>,
    tenant_id: crate::ids::TenantId,
    resend: ServerAction<ResendTenantInvitation>,
    revoke: ServerAction<RevokeTenantInvitation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = match list {
        Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.t().no_invitations}</p> }.into_any(),
        Ok(list) => view! {
            <ul class="item-list" aria-label=move || i18n.t().open_invitations>
                {list.into_iter().map(|inv| {
                    let (email, email2) = (inv.email.clone(), inv.email.clone());
                    let id = inv.invitation_id.to_string();
                    let id2 = id.clone();
                    let role = inv.role;
                    view! {
                        <li class="item">
                            <div class="item-main">
                                <h3 class="item-title">
                                    {inv.email.clone()}
                                    <span class="badge">{move || role_label(i18n.t(), role)}</span>
                                    {inv.expired.then(|| view! { <span class="badge warn">{move || i18n.t().expired}</span> })}
                                </h3>
                                <dl class="item-facts">
                                    <div><dt>{move || i18n.t().expires}</dt><dd><LocalTime at=inv.expires_at /></dd></div>
                                </dl>
                            </div>
                            <div class="item-action">
                                <ActionForm action=resend attr:class="inline-form">
                                    <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                    <input type="hidden" name="invitation_id" value=id />
                                    <button type="submit" class="button secondary" aria-label=move || format!("{}: {}", i18n.t().resend, email)>
                                        {move || i18n.t().resend}
                                    </button>
                                </ActionForm>
                                <ActionForm action=revoke attr:class="inline-form">
                                    <input type="hidden" name="tenant" value=tenant_id.to_string() />
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
    };
    view! {
        <section class="card" aria-labelledby="tenant-invitations-heading">
            <h2 id="tenant-invitations-heading">{move || i18n.t().open_invitations}</h2>
            {body}
        </section>
    }
}
