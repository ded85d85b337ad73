use crate::app::components::{LocalTime, Pager};
use crate::app::i18n::{EVENT_KINDS, use_i18n};
use crate::auth::domain::describe_user_agent;
use crate::auth::list_security_events;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// Platform admins: what happened to accounts, newest first, filtered by kind and address.
/// The filter is a GET form, so every view has its own link.
#[component]
pub fn SecurityLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        (
            q.get("kind").filter(|k| !k.is_empty()),
            q.get("email").filter(|e| !e.is_empty()),
            q.get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(0),
        )
    };
    let events = Resource::new(params, |(kind, email, page)| {
        list_security_events(kind, email, Some(page))
    });
    view! {
        <Title text=move || i18n.t().security_title />
        <h1>{move || i18n.t().security_title}</h1>
        <p class="muted">{move || i18n.t().security_intro}</p>
        <Form method="GET" action="" attr:class="filter-bar">
            <div class="field">
                <label for="event-kind">{move || i18n.t().event_kind}</label>
                <select id="event-kind" name="kind">
                    <option value="" selected=move || params().0.is_none()>{move || i18n.t().all_events}</option>
                    {EVENT_KINDS.iter().map(|kind| view! {
                        <option value=*kind selected=move || params().0.as_deref() == Some(*kind)>{move || i18n.t().event_kind(kind)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="event-email">{move || i18n.t().email}</label>
                <input id="event-email" type="search" name="email" inputmode="email" autocapitalize="none"
                    spellcheck="false" value=move || params().1.unwrap_or_default() />
            </div>
            <button type="submit" class="button secondary">{move || i18n.t().filter}</button>
        </Form>
        <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(page) if page.events.is_empty() => view! { <p class="muted">{move || i18n.t().no_events}</p> }.into_any(),
                    Ok(page) => {
                        let current = page.page;
                        let has_more = page.has_more;
                        view! {
                            <ul class="item-list events" aria-label=move || i18n.t().security_title>
                                {page.events.into_iter().map(|e| {
                                    let (browser, os) = describe_user_agent(&e.user_agent);
                                    let failed = e.kind.ends_with("_failed");
                                    let kind = e.kind.clone();
                                    view! {
                                        <li class="item event" class:event-failed=failed>
                                            <div class="item-main">
                                                <h3 class="item-title">
                                                    {move || i18n.t().event_kind(&kind)}
                                                    <span class="item-sub">{e.email.clone().unwrap_or_default()}</span>
                                                </h3>
                                                <dl class="item-facts">
                                                    <div><dt>{move || i18n.t().when}</dt><dd><LocalTime at=e.created_at /></dd></div>
                                                    {e.actor.clone().map(|actor| view! {
                                                        <div><dt>{move || i18n.t().by_whom}</dt><dd>{actor}</dd></div>
                                                    })}
                                                    <div><dt>{move || i18n.t().ip_address}</dt><dd>{e.client_ip.clone().unwrap_or_else(|| "–".into())}</dd></div>
                                                    <div><dt>{move || i18n.t().device}</dt><dd>{format!("{browser} · {os}")}</dd></div>
                                                </dl>
                                            </div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <Pager page=current has_more />
                        }.into_any()
                    }
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
