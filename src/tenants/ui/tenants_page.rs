use super::tenant_form::TenantFields;
use crate::app::components::form_error;
use crate::app::i18n::use_i18n;
use crate::tenants::{CreateTenant, list_all_tenants};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// Platform admins: every tenant, and a new one.
#[component]
pub fn TenantsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateTenant>::new();
    let tenants = Resource::new(move || create.version().get(), |_| list_all_tenants());
    let other_error = form_error(
        create.value(),
        &[
            "name",
            "slug",
            "contact_email",
            "default_locale",
            "enabled_locales",
            "time_zone",
        ],
    );
    // A new tenant opens at once.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(slug)) = create.value().get() {
            navigate(&format!("/t/{slug}/members"), Default::default());
        }
    });
    let show_archived = RwSignal::new(false);
    view! {
        <Title text=move || i18n.t().tenants />
        <h1>{move || i18n.t().tenants}</h1>
        <div class="stack">
            <section class="card" aria-labelledby="tenant-list-heading">
                <h2 id="tenant-list-heading">{move || i18n.t().all_tenants}</h2>
                <div class="check">
                    <input id="show-archived" type="checkbox" on:change=move |ev| show_archived.set(event_target_checked(&ev)) />
                    <label for="show-archived">{move || i18n.t().show_archived}</label>
                </div>
                <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                    {move || Suspend::new(async move {
                        match tenants.await {
                            Ok(list) if list.is_empty() => view! { <p class="muted">{move || i18n.t().no_tenants}</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="item-list" aria-label=move || i18n.t().all_tenants>
                                    {list.into_iter().map(|t| {
                                        let archived = t.archived;
                                        view! {
                                            <li class="item" class:muted-item=archived class:hidden=move || archived && !show_archived.get()>
                                                <div class="item-main">
                                                    <h3 class="item-title">
                                                        <A href=format!("/t/{}", t.slug)>{t.name.clone()}</A>
                                                        {archived.then(|| view! { <span class="badge warn">{move || i18n.t().archived}</span> })}
                                                    </h3>
                                                    <dl class="item-facts">
                                                        <div><dt>{move || i18n.t().tenant_slug}</dt><dd>{t.slug.clone()}</dd></div>
                                                        <div><dt>{move || i18n.t().members}</dt><dd>{t.members}</dd></div>
                                                    </dl>
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
            <section class="card" aria-labelledby="new-tenant-heading">
                <h2 id="new-tenant-heading">{move || i18n.t().new_tenant}</h2>
                <ActionForm action=create attr:class="form">
                    <TenantFields detail=None slug_editable=true value=create.value() />
                    <p class="form-error" role="alert">{other_error}</p>
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || create.pending().get()>
                            {move || i18n.t().create_tenant}
                        </button>
                    </div>
                </ActionForm>
            </section>
        </div>
    }
}
