//! The revisions card of the page editor: the list, a field-by-field comparison of two revisions,
//! and restoring one (in one language or all).
use super::texts::ct;
use crate::app::components::{LocalTime, browser_data};
use crate::app::i18n::use_i18n;
use crate::content::{
    RevisionChange, RevisionSummary, SaveOutcome, compare_revisions, list_revisions,
    restore_revision,
};
use crate::error::AppError;
use crate::ids::{PageId, PageRevisionId, TenantId};
use crate::tenants::domain::locale_name;
use leptos::prelude::*;

/// `version`: the version the editor holds; `clean`: whether it has no unsaved edits (a restore
/// replaces what is on screen); `reload`: reloads the editor after a restore.
#[component]
pub fn Revisions(
    tenant_id: TenantId,
    page_id: PageId,
    locales: Vec<String>,
    editable: bool,
    version: RwSignal<i32>,
    clean: Signal<bool>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Loaded by the browser: this card is below the editor's Suspend (the rule is in app/mod.rs).
    let list = browser_data(move || {
        version.track();
        list_revisions(tenant_id, page_id)
    });
    let older = RwSignal::new(String::new());
    let newer = RwSignal::new(String::new());
    let changes = RwSignal::new(None::<Result<Vec<RevisionChange>, AppError>>);
    let compare = move |_| {
        let (Ok(a), Ok(b)) = (
            older.get_untracked().parse::<PageRevisionId>(),
            newer.get_untracked().parse::<PageRevisionId>(),
        ) else {
            return;
        };
        leptos::task::spawn_local(async move {
            changes.set(Some(compare_revisions(tenant_id, page_id, a, b).await));
        });
    };
    let chosen = RwSignal::new(String::new());
    // Until someone picks a revision, the choices follow the list: compare the two newest, restore
    // the one before the newest.
    let picked = RwSignal::new(false);
    let restore_locale = RwSignal::new(String::new());
    let restore_state = RwSignal::new(None::<Result<SaveOutcome, AppError>>);
    let restore = move |_| {
        let Ok(revision) = chosen.get_untracked().parse::<PageRevisionId>() else {
            return;
        };
        let locale = Some(restore_locale.get_untracked());
        let from = version.get_untracked();
        leptos::task::spawn_local(async move {
            let result = restore_revision(tenant_id, page_id, revision, locale, from).await;
            let done = matches!(result, Ok(SaveOutcome::Saved { .. }));
            restore_state.set(Some(result));
            if done {
                reload.update(|n| *n += 1);
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="revisions-heading">
            <h2 id="revisions-heading">{move || ct().revisions}</h2>
                {move || {
                    let locales = locales.clone();
                    {
                        let Some(list) = list.get() else {
                            return view! { <p class="loading">{move || i18n.t().loading}</p> }.into_any();
                        };
                        let list = match list {
                            Ok(l) => l,
                            Err(err) => return view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                        };
                        if !picked.get_untracked() {
                            if list.len() >= 2 {
                                older.set(list[1].revision_id.to_string());
                                newer.set(list[0].revision_id.to_string());
                            }
                            if let Some(r) = list.get(1).or(list.first()) {
                                chosen.set(r.revision_id.to_string());
                            }
                        }
                        view! {
                            <ol class="revision-list" aria-label=move || ct().revisions>
                                {list.iter().map(|r| view! { <RevisionItem r=r.clone() /> }).collect_view()}
                            </ol>
                            {(list.len() >= 2).then(|| view! {
                                <div class="compare-bar">
                                    <RevisionSelect id="compare-older" label=|| ct().older_revision list=list.clone() value=older picked />
                                    <RevisionSelect id="compare-newer" label=|| ct().newer_revision list=list.clone() value=newer picked />
                                    <button type="button" class="button secondary" on:click=compare>{move || ct().compare}</button>
                                </div>
                            })}
                            {editable.then(|| view! {
                                <h3>{move || ct().restore_heading}</h3>
                                <div class="compare-bar">
                                    <RevisionSelect id="restore-revision" label=|| ct().revision list=list.clone() value=chosen picked />
                                    <div class="field">
                                        <label for="restore-locale">{move || ct().language}</label>
                                        <select id="restore-locale" on:change=move |ev| restore_locale.set(event_target_value(&ev))>
                                            <option value="">{move || ct().all_languages}</option>
                                            {locales.iter().map(|l| view! { <option value=l.clone()>{locale_name(l)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="button" class="button secondary" on:click=restore disabled=move || !clean.get()>
                                        {move || ct().restore_revision}
                                    </button>
                                </div>
                                <Show when=move || !clean.get()>
                                    <p class="hint">{move || ct().save_first}</p>
                                </Show>
                            })}
                        }.into_any()
                    }
                }}
            {move || match restore_state.get() {
                Some(Ok(SaveOutcome::Saved { .. })) => view! { <p class="notice" role="status">{move || ct().restored}</p> }.into_any(),
                Some(Ok(SaveOutcome::Conflict { .. })) => view! { <p class="form-error" role="alert">{move || ct().conflict_title}</p> }.into_any(),
                Some(Err(err)) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                None => ().into_any(),
            }}
            {move || changes.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="muted" role="status">{move || ct().no_differences}</p> }.into_any(),
                Ok(list) => view! { <ChangesTable list /> }.into_any(),
                Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn RevisionItem(r: RevisionSummary) -> impl IntoView {
    // Notes are stored as "restored #3" or "restored #3 (en)" and worded here.
    let note = r
        .note
        .as_deref()
        .and_then(|n| n.strip_prefix("restored "))
        .map(|rest| {
            let rest = rest.to_owned();
            move || {
                let (number, locale) = match rest.split_once(" (") {
                    Some((n, l)) => (n.to_owned(), Some(l.trim_end_matches(')').to_owned())),
                    None => (rest.clone(), None),
                };
                match locale {
                    Some(l) => format!("{} {number} ({})", ct().restored_from, locale_name(&l)),
                    None => format!("{} {number}", ct().restored_from),
                }
            }
        });
    view! {
        <li class="revision">
            <strong>{format!("#{}", r.number)}</strong> " · "
            {r.by.clone().unwrap_or_else(|| "–".into())} " · "
            <LocalTime at=r.created_at />
            {note.map(|n| view! { <span class="muted">" · " {n}</span> })}
        </li>
    }
}

#[component]
fn RevisionSelect(
    id: &'static str,
    label: fn() -> &'static str,
    list: Vec<RevisionSummary>,
    value: RwSignal<String>,
    picked: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| { picked.set(true); value.set(event_target_value(&ev)); }>
                {list.into_iter().map(|r| {
                    let rid = r.revision_id.to_string();
                    let rid2 = rid.clone();
                    view! { <option value=rid selected=move || value.get() == rid2>{format!("#{}", r.number)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn ChangesTable(list: Vec<RevisionChange>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="changes revision-changes">
                <caption class="visually-hidden">{move || ct().revision_changes}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || ct().language}</th>
                        <th scope="col">{move || ct().field}</th>
                        <th scope="col">{move || ct().before}</th>
                        <th scope="col">{move || ct().after}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|c| {
                        let field = c.field.clone();
                        let locale = c.locale.clone();
                        view! {
                            <tr>
                                <td>{move || locale.as_deref().map(locale_name).unwrap_or(ct().page_setting)}</td>
                                <td>{move || super::block_texts::block_field_label(&field).unwrap_or_else(|| ct().field_label(&field).to_owned())}</td>
                                <td class="old">{c.before}</td>
                                <td>{c.after}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
