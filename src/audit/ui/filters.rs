use crate::app::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The filter fields both activity views share: the kind of record, the first and the last day, and
/// the button. They sit in a GET form, so the filter is in the address; their values come from it.
#[component]
pub fn KindAndDays(tables: &'static [&'static str]) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    view! {
        <div class="field">
            <label for="activity-table">{move || i18n.t().record_kind_label}</label>
            <select id="activity-table" name="table">
                <option value="">{move || i18n.t().all_kinds}</option>
                {tables.iter().map(|t| view! {
                    <option value=*t selected=move || param("table").as_deref() == Some(*t)>{move || i18n.t().record_kind(t)}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="activity-from">{move || i18n.t().from_day}</label>
            <input id="activity-from" type="date" name="from" value=move || param("from").unwrap_or_default() />
        </div>
        <div class="field">
            <label for="activity-to">{move || i18n.t().to_day}</label>
            <input id="activity-to" type="date" name="to" value=move || param("to").unwrap_or_default() />
        </div>
        <button type="submit" class="button secondary">{move || i18n.t().filter}</button>
    }
}
