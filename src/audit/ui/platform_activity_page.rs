use super::activity_list::ActivityList;
use crate::app::i18n::use_i18n;
use crate::audit::list_platform_activity;
use crate::ids::TenantId;
use crate::tenants::list_all_tenants;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
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
    let page_link = move |page: i64| {
        let q = query.read();
        let mut link = format!("?page={page}");
        for key in ["tenant", "table", "row", "from", "to"] {
            if let Some(v) = q.get(key).filter(|v| !v.is_empty()) {
                link.push_str(&format!("&{key}={v}"));
            }
        }
        link
    };
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
            <div class="field">
                <label for="platform-table">{move || i18n.t().record_kind_label}</label>
                <select id="platform-table" name="table">
                    <option value="">{move || i18n.t().all_kinds}</option>
                    {TABLES.iter().map(|t| view! {
                        <option value=*t selected=move || param("table").as_deref() == Some(*t)>{move || i18n.t().record_kind(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="platform-from">{move || i18n.t().from_day}</label>
                <input id="platform-from" type="date" name="from" value=move || param("from").unwrap_or_default() />
            </div>
            <div class="field">
                <label for="platform-to">{move || i18n.t().to_day}</label>
                <input id="platform-to" type="date" name="to" value=move || param("to").unwrap_or_default() />
            </div>
            <button type="submit" class="button secondary">{move || i18n.t().filter}</button>
        </Form>
        <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match activity.await {
                    Ok(page) if page.entries.is_empty() => view! { <p class="muted">{move || i18n.t().no_activity}</p> }.into_any(),
                    Ok(page) => {
                        let (current, has_more) = (page.page, page.has_more);
                        view! {
                            <ActivityList entries=page.entries history="/admin/activity".to_owned() show_tenant=true />
                            <nav class="pager" aria-label=move || i18n.t().page>
                                {(current > 0).then(|| view! { <A href=page_link(current - 1) attr:class="button secondary">{move || i18n.t().newer}</A> })}
                                {has_more.then(|| view! { <A href=page_link(current + 1) attr:class="button secondary">{move || i18n.t().older}</A> })}
                            </nav>
                        }.into_any()
                    }
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
