use crate::app::components::LocalTime;
use crate::app::i18n::use_i18n;
use crate::audit::ActivityEntry;
use leptos::prelude::*;
use leptos_router::components::A;

/// Entries of the audit trail: who did what to which record, when, and the fields that changed.
/// `history`: where the history of one record is shown (`?table=…&row=…` is added).
#[component]
pub fn ActivityList(
    entries: Vec<ActivityEntry>,
    history: String,
    show_tenant: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="item-list activity" aria-label=move || i18n.t().activity>
            {entries.into_iter().map(|e| {
                let table = e.table_name.clone();
                let action = e.action.clone();
                let actor = e.actor.clone();
                let history_link = e.row_id.map(|row| format!("{history}?table={}&row={row}", e.table_name));
                // Ids and creation times say nothing to a reader; empty values of a new record neither.
                let shown: Vec<_> = e.changes.iter().filter(|c| {
                    let bookkeeping = c.field.ends_with("_id") || c.field == "created_at";
                    let empty = match e.action.as_str() {
                        "insert" => c.new.is_none(),
                        "delete" => c.old.is_none(),
                        _ => false,
                    };
                    !bookkeeping && !empty
                }).cloned().collect();
                view! {
                    <li class="item">
                        <div class="item-main">
                            <h3 class="item-title">
                                <span>{move || match &actor {
                                    Some(name) => name.clone(),
                                    None => i18n.t().actor_database.to_owned(),
                                }}</span>
                                <span class="item-sub">{move || format!("{} · {}", i18n.t().audit_action(&action), i18n.t().record_kind(&table))}</span>
                            </h3>
                            <dl class="item-facts">
                                <div><dt>{move || i18n.t().when}</dt><dd><LocalTime at=e.created_at /></dd></div>
                                {show_tenant.then(|| e.tenant.clone().map(|t| view! {
                                    <div><dt>{move || i18n.t().tenant}</dt><dd>{t}</dd></div>
                                }))}
                            </dl>
                            {(!shown.is_empty()).then(|| view! {
                                <table class="changes">
                                    <caption class="visually-hidden">{move || i18n.t().changes}</caption>
                                    <tbody>
                                        {shown.into_iter().map(|c| {
                                            let value = |v: Option<String>| v.unwrap_or_else(|| "–".into());
                                            match e.action.as_str() {
                                                // A new record: its values. A deleted one: what it held.
                                                "insert" => view! { <tr><th scope="row">{c.field}</th><td class="new">{value(c.new)}</td></tr> }.into_any(),
                                                "delete" => view! { <tr><th scope="row">{c.field}</th><td class="old">{value(c.old)}</td></tr> }.into_any(),
                                                _ => view! {
                                                    <tr>
                                                        <th scope="row">{c.field}</th>
                                                        <td class="old">{value(c.old)}</td>
                                                        <td aria-hidden="true">"→"</td>
                                                        <td class="new">{value(c.new)}</td>
                                                    </tr>
                                                }.into_any(),
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            })}
                        </div>
                        {history_link.map(|href| view! {
                            <div class="item-action">
                                <A href=href attr:class="button ghost">{move || i18n.t().record_history}</A>
                            </div>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
