use super::activity_list::ActivityList;
use super::filters::KindAndDays;
use crate::app::components::Pager;
use crate::app::i18n::use_i18n;
use crate::audit::list_platform_activity;
use crate::ids::TenantId;
use crate::tenants::list_all_tenants;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// Platform admins: activity in every tenant and outside them (accounts, sessions).
#[component]
pub fn PlatformActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let params = move || {
        (
            param("tenant").and_then(|t| t.parse::<TenantId>().ok()),
            param("table"),
            param("row").and_then(|r| r.parse::<uuid::Uuid>().ok()),
            param("from"),
            param("to"),
            param("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(0),
        )
    };
    let activity = Resource::new(params, |(tenant, table, row, from, to, page)| {
        list_platform_activity(tenant, None, table, row, from, to, Some(page))
    });
    let tenants = Resource::new(|| (), |_| list_all_tenants());
    const TABLES: &[&str] = &[
        "tenant",
        "membership",
        "invitation",
        "user",
        "session",
        "trusted_device",
        "password_token",
        "login_challenge",
        "mail",
        "job",
    ];
    view! {
        <Title text=move || i18n.t().platform_activity />
        <h1>{move || i18n.t().platform_activity}</h1>
        <Form method="GET" action="" attr:class="filter-bar wide">
            <div class="field">
                <label for="platform-tenant">{move || i18n.t().tenant}</label>
                <select id="platform-tenant" name="tenant">
                    <option value="">{move || i18n.t().all_tenants}</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            tenants.await.unwrap_or_default().into_iter().map(|t| {
                                let id = t.tenant_id.to_string();
                                let selected = param("tenant").as_deref() == Some(id.as_str());
                                view! { <option value=id selected=selected>{t.name}</option> }
                            }).collect_view()
                        })}
                    </Transition>
                </select>
            </div>
            <KindAndDays tables=TABLES />
        </Form>
        <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match activity.await {
                    Ok(page) if page.entries.is_empty() => view! { <p class="muted">{move || i18n.t().no_activity}</p> }.into_any(),
                    Ok(page) => {
                        let (current, has_more) = (page.page, page.has_more);
                        view! {
                            <ActivityList entries=page.entries history="/admin/activity".to_owned() show_tenant=true />
                                <Pager page=current has_more />
                        }.into_any()
                    }
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
