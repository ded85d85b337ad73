use super::activity_list::ActivityList;
use super::filters::KindAndDays;
use crate::app::components::Pager;
use crate::app::i18n::use_i18n;
use crate::audit::{TENANT_TABLES, list_activity};
use crate::ids::UserId;
use crate::tenants::list_members;
use crate::tenants::ui::use_tenant;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_params_map, use_query_map};

/// What happened in the tenant, filtered by person, kind of record and days; or the history of one
/// record (`?table=…&row=…`). Every filter is in the address, so a view can be shared.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let params_map = use_params_map();
    let base = format!(
        "/t/{}/activity",
        params_map.read_untracked().get("slug").unwrap_or_default()
    );
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let params = move || {
        (
            param("actor").and_then(|a| a.parse::<UserId>().ok()),
            param("table"),
            param("row").and_then(|r| r.parse::<uuid::Uuid>().ok()),
            param("from"),
            param("to"),
            param("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(0),
        )
    };
    let activity = Resource::new(
        params,
        move |(actor, table, row, from, to, page)| async move {
            list_activity(
                tenant.await?.tenant_id,
                actor,
                table,
                row,
                from,
                to,
                Some(page),
            )
            .await
        },
    );
    let members = Resource::new(
        || (),
        move |_| async move { list_members(tenant.await?.tenant_id).await },
    );
    let history = base.clone();
    let all_link = base.clone();
    view! {
        <Title text=move || i18n.t().activity />
        <h1>{move || i18n.t().activity}</h1>
        <Show when=move || param("row").is_some()>
            <p class="notice">{move || i18n.t().showing_record_history} " " <A href=all_link.clone()>{move || i18n.t().show_all_activity}</A></p>
        </Show>
        <Form method="GET" action="" attr:class="filter-bar wide">
            <div class="field">
                <label for="activity-actor">{move || i18n.t().person}</label>
                <select id="activity-actor" name="actor">
                    <option value="">{move || i18n.t().everyone}</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            members.await.unwrap_or_default().into_iter().map(|m| {
                                let id = m.user_id.to_string();
                                let selected = param("actor").as_deref() == Some(id.as_str());
                                let name = if m.display_name.is_empty() { m.email } else { m.display_name };
                                view! { <option value=id selected=selected>{name}</option> }
                            }).collect_view()
                        })}
                    </Transition>
                </select>
            </div>
            <KindAndDays tables=TENANT_TABLES />
        </Form>
        <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
            {move || {
                let history = history.clone();
                Suspend::new(async move {
                    match activity.await {
                        Ok(page) if page.entries.is_empty() => view! { <p class="muted">{move || i18n.t().no_activity}</p> }.into_any(),
                        Ok(page) => {
                            let (current, has_more) = (page.page, page.has_more);
                            view! {
                                <ActivityList entries=page.entries history show_tenant=false />
                                <Pager page=current has_more />
                            }.into_any()
                        }
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
