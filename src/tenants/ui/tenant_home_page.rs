use super::{access_label, use_tenant};
use crate::app::i18n::use_i18n;
use crate::tenants::domain::locale_name;
use crate::tenants::load_tenant;
use leptos::prelude::*;
use leptos_meta::Title;

/// A tenant's start page: who you are here, its languages and time zone.
#[component]
pub fn TenantHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let detail = Resource::new(
        || (),
        move |_| async move { load_tenant(tenant.await?.tenant_id).await },
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let (Ok(tenant), Ok(d)) = (tenant.await, detail.await) else { return ().into_any() };
                let access = tenant.access;
                view! {
                    <Title text=tenant.name.clone() />
                    <h1>{tenant.name.clone()}</h1>
                    <section class="card" aria-labelledby="tenant-facts-heading">
                        <h2 id="tenant-facts-heading">{move || i18n.t().tenant_overview}</h2>
                        <dl class="facts">
                            <dt>{move || i18n.t().your_role}</dt>
                            <dd data-testid="tenant-role">{move || access_label(i18n.t(), access)}</dd>
                            <dt>{move || i18n.t().enabled_locales}</dt>
                            <dd>{d.enabled_locales.iter().map(|l| locale_name(l)).collect::<Vec<_>>().join(", ")}</dd>
                            <dt>{move || i18n.t().time_zone}</dt>
                            <dd>{d.time_zone.clone()}</dd>
                        </dl>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
