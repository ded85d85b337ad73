use super::block_texts::bt;
use super::blocks_editor::{BlocksEditor, EditBlock};
use super::texts::{ct, for_lang};
use crate::app::components::LocalTime;
use crate::app::components::browser_data;
use crate::app::i18n::use_i18n;
use crate::content::domain::{PageLocaleInput, slugify};
use crate::content::{
    PageDetail, SaveOutcome, load_page, move_page, page_parent_options, save_page,
};
use crate::error::{AppError, FieldErrors};
use crate::ids::PageId;
use crate::tenants::TenantContext;
use crate::tenants::authz::Permission;
use crate::tenants::domain::locale_name;
use crate::tenants::ui::use_tenant;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// One page: its texts per language (tabs), status, menu visibility and place in the tree. Saves with
/// the version it loaded; drafts save themselves a few seconds after typing stops.
#[component]
pub fn PageEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let params = use_params_map();
    let page_id = move || {
        params
            .read()
            .get("page")
            .and_then(|p| p.parse::<PageId>().ok())
    };
    let reload = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (page_id(), reload.get()),
        move |(page, _)| async move {
            let page = page.ok_or_else(|| AppError::NotFound("page".into()))?;
            load_page(tenant.await?.tenant_id, page).await
        },
    );
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(t) = tenant.await else { return ().into_any() };
                match detail.await {
                    Ok(d) => view! { <PageEditor tenant=t detail=d reload /> }.into_any(),
                    Err(AppError::NotFound(_)) => {
                        #[cfg(feature = "ssr")]
                        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                            res.set_status(http::StatusCode::NOT_FOUND);
                        }
                        let back = format!("/t/{}/pages", t.slug);
                        view! {
                            <h1>{move || ct().edit_page}</h1>
                            <p>{move || ct().page_not_found}</p>
                            <A href=back>{move || ct().back_to_pages}</A>
                        }.into_any()
                    }
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The texts of one language, as the editor holds them.
#[derive(Clone, Copy)]
struct LocaleFields {
    title: RwSignal<String>,
    slug: RwSignal<String>,
    seo_title: RwSignal<String>,
    seo_description: RwSignal<String>,
    social_image: RwSignal<Option<crate::ids::MediaId>>,
    present: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    Clean,
    Dirty,
    Saving,
    Saved,
    Failed(AppError),
    Conflict {
        version: i32,
        by: Option<String>,
        at: DateTime<Utc>,
    },
}

#[component]
fn PageEditor(tenant: TenantContext, detail: PageDetail, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let tenant_id = tenant.tenant_id;
    let page_id = detail.page_id;
    let editable = tenant.access.allows(Permission::EditContent) && !detail.deleted;
    let can_publish = tenant.access.allows(Permission::Publish);
    let version = RwSignal::new(detail.version);
    let status = RwSignal::new(detail.status.clone());
    let in_menu = RwSignal::new(detail.show_in_menu);
    let default_locale = detail.default_locale.clone();
    let fields: Vec<(String, LocaleFields)> = detail
        .locales
        .iter()
        .map(|l| {
            (
                l.locale.clone(),
                LocaleFields {
                    title: RwSignal::new(l.title.clone()),
                    slug: RwSignal::new(l.slug.clone()),
                    seo_title: RwSignal::new(l.seo_title.clone()),
                    seo_description: RwSignal::new(l.seo_description.clone()),
                    social_image: RwSignal::new(l.social_image),
                    present: l.present,
                },
            )
        })
        .collect();
    let fields = StoredValue::new(fields);
    crate::media::ui::picker::MediaContext::provide(tenant_id, &tenant.slug, detail.media.clone());
    let blocks = RwSignal::new(
        detail
            .blocks
            .iter()
            .cloned()
            .map(EditBlock::new)
            .collect::<Vec<_>>(),
    );
    let active = RwSignal::new(default_locale.clone());
    let state = RwSignal::new(SaveState::Clean);
    let edits = RwSignal::new(0u64);
    let errors = RwSignal::new(FieldErrors::new());
    let saved_at = RwSignal::new(Some(detail.updated_at));
    let saved_by = RwSignal::new(detail.updated_by.clone());

    let save = move |force: Option<i32>| {
        if state.get_untracked() == SaveState::Saving {
            return;
        }
        let sent_edits = edits.get_untracked();
        let inputs: Vec<PageLocaleInput> = fields.with_value(|f| {
            f.iter()
                .map(|(locale, lf)| PageLocaleInput {
                    locale: locale.clone(),
                    title: lf.title.get_untracked(),
                    slug: lf.slug.get_untracked(),
                    seo_title: lf.seo_title.get_untracked(),
                    seo_description: lf.seo_description.get_untracked(),
                    social_image: lf.social_image.get_untracked(),
                })
                .collect()
        });
        let block_inputs = blocks.with_untracked(|l| l.iter().map(EditBlock::input).collect());
        let from = force.unwrap_or_else(|| version.get_untracked());
        state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            let result = save_page(
                tenant_id,
                page_id,
                from,
                status.get_untracked(),
                in_menu.get_untracked(),
                inputs,
                block_inputs,
            )
            .await;
            match result {
                Ok(SaveOutcome::Saved { version: next, at }) => {
                    version.set(next);
                    errors.set(FieldErrors::new());
                    saved_at.set(Some(at));
                    saved_by.set(None);
                    state.set(if edits.get_untracked() == sent_edits {
                        SaveState::Saved
                    } else {
                        SaveState::Dirty
                    });
                }
                Ok(SaveOutcome::Conflict {
                    version, by, at, ..
                }) => {
                    state.set(SaveState::Conflict { version, by, at });
                }
                Err(AppError::Invalid(fields_with_errors)) => {
                    // Show the first language with a problem.
                    if let Some(locale) = fields_with_errors.keys().find_map(|k| error_locale(k)) {
                        active.set(locale);
                    }
                    errors.set(fields_with_errors.clone());
                    state.set(SaveState::Failed(AppError::Invalid(fields_with_errors)));
                }
                Err(err) => state.set(SaveState::Failed(err)),
            }
        });
    };

    let on_edit = move || {
        edits.update(|n| *n += 1);
        if !matches!(
            state.get_untracked(),
            SaveState::Conflict { .. } | SaveState::Saving
        ) {
            state.set(SaveState::Dirty);
        }
    };

    // Drafts save themselves 3 seconds after the last edit; a page being published is saved only by
    // the button. Also warns before leaving with unsaved changes.
    #[cfg(feature = "hydrate")]
    {
        let timer = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let _ = edits.get();
            let dirty = state.get() == SaveState::Dirty;
            if let Some(handle) = timer.get_value() {
                handle.clear();
            }
            if dirty && editable && status.get_untracked() == "draft" {
                let handle = set_timeout_with_handle(
                    move || {
                        if state.get_untracked() == SaveState::Dirty {
                            save(None);
                        }
                    },
                    std::time::Duration::from_secs(3),
                )
                .ok();
                timer.set_value(handle);
            }
        });
        let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if matches!(
                state.get_untracked(),
                SaveState::Dirty
                    | SaveState::Saving
                    | SaveState::Conflict { .. }
                    | SaveState::Failed(_)
            ) {
                ev.prevent_default();
            }
        });
        on_cleanup(move || unload.remove());
    }

    let site_id = detail.site_id;
    // Below the detail's Suspend: loaded by the browser (the rule is in app/mod.rs).
    let parents = browser_data(move || page_parent_options(tenant_id, site_id, Some(page_id)));
    let move_to = RwSignal::new(detail.parent_id.map(|p| p.to_string()).unwrap_or_default());
    let move_state = RwSignal::new(None::<Result<(), AppError>>);
    let do_move = move |_| {
        let parent = move_to.get_untracked().parse::<PageId>().ok();
        leptos::task::spawn_local(async move {
            let result = move_page(tenant_id, page_id, parent, None).await;
            move_state.set(Some(result));
        });
    };

    let list_href = format!("/t/{}/pages?site={}", tenant.slug, detail.site_id);
    let title_now = {
        let default_locale = default_locale.clone();
        Signal::derive(move || {
            fields.with_value(|f| {
                f.iter()
                    .find(|(l, _)| *l == default_locale)
                    .map(|(_, lf)| lf.title.get())
                    .unwrap_or_default()
            })
        })
    };
    let confirming = RwSignal::new(false);
    let locales_with_errors = move |locale: &str| {
        errors.with(|e| e.keys().any(|k| error_locale(k).as_deref() == Some(locale)))
    };
    let field_error =
        move |key: String| move || errors.with(|e| e.get(&key).map(|codes| i18n.t().errors(codes)));
    let other_error = move || match state.get() {
        SaveState::Failed(AppError::Invalid(f)) => {
            let codes: Vec<&String> = ["locales", "blocks"]
                .iter()
                .filter_map(|k| f.get(*k))
                .flatten()
                .collect();
            let block_fields = f.keys().any(|k| k.starts_with("block."));
            let mut out: Vec<&str> = codes.iter().map(|c| i18n.t().error(c)).collect();
            if block_fields {
                out.push(bt().check_marked);
            }
            (!out.is_empty()).then(|| out.join(" "))
        }
        SaveState::Failed(err) => Some(i18n.t().app_error(&err)),
        _ => None,
    };
    let deleted = detail.deleted;
    let site_name = detail.site_name.clone();
    let locale_codes: Vec<String> =
        fields.with_value(|f| f.iter().map(|(l, _)| l.clone()).collect());

    view! {
        <Title text=move || format!("{} – {}", title_now.get(), for_lang(i18n.lang.get()).edit_page) />
        <p class="breadcrumb"><A href=list_href.clone()>{move || ct().pages}</A> " · " {site_name}</p>
        <h1>{move || title_now.get()}</h1>
        {deleted.then(|| view! { <p class="notice warn" role="note">{move || ct().page_in_trash_notice}</p> })}
        {move || match state.get() {
            SaveState::Conflict { version: theirs, by, at } => view! {
                <section class="card conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-text">
                    <h2 id="conflict-title">{move || ct().conflict_title}</h2>
                    <p id="conflict-text">
                        {move || ct().conflict_by} ": " <strong>{by.clone().unwrap_or_else(|| "–".into())}</strong> ", " <LocalTime at />
                        ". " {move || ct().conflict_kept}
                    </p>
                    <div class="form-actions">
                        <button type="button" class="button secondary" on:click=move |_| reload.update(|n| *n += 1)>
                            {move || ct().reload}
                        </button>
                        {move || if confirming.get() {
                            view! {
                                <p class="confirm">{move || ct().confirm_overwrite}</p>
                                <button type="button" class="button danger" on:click=move |_| { confirming.set(false); save(Some(theirs)); }>
                                    {move || ct().overwrite_confirm_button}
                                </button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="button" class="button secondary" on:click=move |_| confirming.set(true)>
                                    {move || ct().overwrite}
                                </button>
                            }.into_any()
                        }}
                    </div>
                </section>
            }.into_any(),
            _ => ().into_any(),
        }}
        <form class="editor" on:submit=move |ev| { ev.prevent_default(); save(None); } novalidate>
            <fieldset class="plain" disabled=!editable>
                <section class="card" aria-labelledby="texts-heading">
                    <h2 id="texts-heading">{move || ct().languages}</h2>
                    <div class="tabs locale-tabs" role="tablist" aria-labelledby="texts-heading">
                        {locale_codes.iter().map(|l| {
                            let l = l.clone();
                            let (l2, l3, l4) = (l.clone(), l.clone(), l.clone());
                            let is_default = l == default_locale;
                            // "missing" while the language has no title (the editor's state, not the last load).
                            let title = fields.with_value(|f| f.iter().find(|(c, _)| *c == l).map(|(_, lf)| lf.title));
                            let missing = move || title.is_some_and(|t| t.with(|t| t.trim().is_empty()));
                            // "incomplete" while a block text of the default language has no translation here.
                            let incomplete = {
                                let (l, default) = (l.clone(), default_locale.clone());
                                move || !missing() && blocks.with(|list| list.iter().any(|b| b.untranslated(&default, &l, None)))
                            };
                            view! {
                                <button type="button" role="tab" id=format!("tab-{l}") aria-controls=format!("panel-{l}")
                                    aria-selected=move || (active.get() == l2).to_string()
                                    tabindex=move || if active.get() == l3 { "0" } else { "-1" }
                                    on:click=move |_| active.set(l4.clone())
                                    lang=l.clone()>
                                    {locale_name(&l)}
                                    {is_default.then(|| view! { <span class="badge">{move || ct().default_language}</span> })}
                                    {move || (missing() && !is_default).then(|| view! { <span class="badge warn">{move || ct().missing_language}</span> })}
                                    {move || incomplete().then(|| view! { <span class="badge warn">{move || bt().incomplete}</span> })}
                                    {let l = l.clone(); move || locales_with_errors(&l).then(|| view! { <span class="badge danger" aria-label="!">"!"</span> })}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    {fields.with_value(|f| f.iter().map(|(l, lf)| {
                        let lf = *lf;
                        let l = l.clone();
                        let l_active = l.clone();
                        let is_default = l == default_locale;
                        let id = |field: &str| format!("{field}-{l}");
                        let key = |field: &str| format!("{l}.{field}");
                        let [title_err, slug_err, seo_title_err, seo_desc_err] = ["title", "slug", "seo_title", "seo_description"]
                            .map(|f| Signal::derive(field_error(key(f))));
                        let slug_placeholder = move || slugify(&lf.title.get());
                        view! {
                            <div role="tabpanel" id=format!("panel-{l}") aria-labelledby=format!("tab-{l}")
                                hidden=move || active.get() != l_active class="locale-panel">
                                {(!lf.present && !is_default).then(|| view! {
                                    <p class="hint" class:hidden=move || !lf.title.with(|t| t.trim().is_empty())>{move || ct().not_in_language}</p>
                                })}
                                <div class="field">
                                    <label for=id("title")>{move || ct().page_title}</label>
                                    <input id=id("title") type="text" maxlength="200" lang=l.clone() autocomplete="off"
                                        required=is_default
                                        prop:value=move || lf.title.get()
                                        on:input=move |ev| { lf.title.set(event_target_value(&ev)); on_edit(); }
                                        aria-invalid=move || title_err.get().is_some().to_string()
                                        aria-describedby=format!("title-{l}-error") />
                                    <p id=format!("title-{l}-error") class="field-error" role="alert">{title_err}</p>
                                </div>
                                <div class="field">
                                    <label for=id("slug")>{move || ct().page_slug}</label>
                                    <input id=id("slug") type="text" maxlength="100" autocomplete="off" autocapitalize="none"
                                        spellcheck="false" placeholder=slug_placeholder
                                        prop:value=move || lf.slug.get()
                                        on:input=move |ev| { lf.slug.set(event_target_value(&ev)); on_edit(); }
                                        aria-invalid=move || slug_err.get().is_some().to_string()
                                        aria-describedby=format!("slug-{l}-hint slug-{l}-error") />
                                    <p id=format!("slug-{l}-hint") class="hint">{move || ct().slug_hint}</p>
                                    <p id=format!("slug-{l}-error") class="field-error" role="alert">{slug_err}</p>
                                </div>
                                <div class="field">
                                    <label for=id("seo-title")>{move || ct().seo_title}</label>
                                    <input id=id("seo-title") type="text" maxlength="200" lang=l.clone() autocomplete="off"
                                        prop:value=move || lf.seo_title.get()
                                        on:input=move |ev| { lf.seo_title.set(event_target_value(&ev)); on_edit(); }
                                        aria-describedby=format!("seo-{l}-hint seo-title-{l}-error") />
                                    <p id=format!("seo-title-{l}-error") class="field-error" role="alert">{seo_title_err}</p>
                                </div>
                                <div class="field">
                                    <label for=id("seo-description")>{move || ct().seo_description}</label>
                                    <textarea id=id("seo-description") rows="3" maxlength="500" lang=l.clone()
                                        prop:value=move || lf.seo_description.get()
                                        on:input=move |ev| { lf.seo_description.set(event_target_value(&ev)); on_edit(); }
                                        aria-describedby=format!("seo-{l}-hint seo-description-{l}-error")></textarea>
                                    <p id=format!("seo-{l}-hint") class="hint">{move || ct().seo_hint}</p>
                                    <p id=format!("seo-description-{l}-error") class="field-error" role="alert">{seo_desc_err}</p>
                                </div>
                                {
                                    use crate::media::ui::texts::mt;
                                    let social_err = Signal::derive(field_error(key("social_image")));
                                    view! {
                                        <crate::media::ui::picker::MediaChooser id=id("social-image")
                                            label=Signal::derive(move || mt().social_image.to_owned())
                                            hint=Signal::derive(move || mt().social_image_hint.to_owned())
                                            value=Signal::derive(move || lf.social_image.get().into_iter().collect())
                                            on_change=Callback::new(move |v: Vec<crate::ids::MediaId>| { lf.social_image.set(v.last().copied()); on_edit(); })
                                            error=social_err />
                                    }
                                }
                            </div>
                        }
                    }).collect_view())}
                </section>
                <BlocksEditor blocks locale=Signal::derive(move || active.get()) editable
                    on_edit=Callback::new(move |_| on_edit()) errors default_locale=default_locale.clone() />
                <section class="card" aria-labelledby="page-settings-heading">
                    <h2 id="page-settings-heading">{move || ct().page_settings}</h2>
                    <div class="field">
                        <label for="page-status-select">{move || ct().status}</label>
                        <select id="page-status-select"
                            on:change=move |ev| { status.set(event_target_value(&ev)); on_edit(); }
                            prop:value=move || status.get()>
                            <option value="draft" selected=move || status.get() == "draft">{move || ct().draft}</option>
                            <option value="published" disabled=!can_publish selected=move || status.get() == "published">{move || ct().published}</option>
                        </select>
                    </div>
                    <div class="check">
                        <input id="page-in-menu" type="checkbox"
                            prop:checked=move || in_menu.get()
                            on:change=move |ev| { in_menu.set(event_target_checked(&ev)); on_edit(); } />
                        <label for="page-in-menu">{move || ct().show_in_menu}</label>
                    </div>
                </section>
                <div class="save-bar">
                    <p class="save-state" role="status" aria-live="polite">
                        {move || match state.get() {
                            SaveState::Clean => view! {
                                {move || ct().last_saved_by} " "
                                {move || saved_at.get().map(|at| view! { <LocalTime at /> })}
                                {move || saved_by.get().map(|by| format!(" ({by})"))}
                            }.into_any(),
                            SaveState::Dirty => view! { {move || ct().unsaved} }.into_any(),
                            SaveState::Saving => view! { {move || ct().saving} }.into_any(),
                            SaveState::Saved => view! {
                                <span class="saved">{move || ct().saved}</span> " "
                                {move || saved_at.get().map(|at| view! { <LocalTime at /> })}
                            }.into_any(),
                            SaveState::Failed(_) | SaveState::Conflict { .. } => view! { {move || ct().unsaved} }.into_any(),
                        }}
                    </p>
                    <button type="submit" class="button primary" disabled=move || state.get() == SaveState::Saving>
                        {move || ct().save}
                    </button>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <p class="hint">{move || ct().autosave_hint}</p>
            </fieldset>
        </form>
        <Preview tenant_id page_id locale=Signal::derive(move || active.get()) version />
        <super::revisions::Revisions tenant_id page_id locales=locale_codes.clone() editable version
            clean=Signal::derive(move || matches!(state.get(), SaveState::Clean | SaveState::Saved)) reload />
        <section class="card" aria-labelledby="move-heading">
            <h2 id="move-heading">{move || ct().move_page}</h2>
            <fieldset class="plain" disabled=!editable>
                <div class="field">
                    <label for="move-parent">{move || ct().move_to}</label>
                    <select id="move-parent" on:change=move |ev| move_to.set(event_target_value(&ev))>
                        <option value="" selected=move || move_to.get().is_empty()>{move || ct().top_level}</option>
                        {move || {
                                parents.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                                    let id = p.page_id.to_string();
                                    let id2 = id.clone();
                                    let label = format!("{}{}", "— ".repeat(p.depth as usize), p.title);
                                    view! { <option value=id selected=move || move_to.get() == id2>{label}</option> }
                                }).collect_view()
                            }}
                    </select>
                </div>
                <div class="form-actions">
                    <button type="button" class="button secondary" on:click=do_move>{move || ct().move_page}</button>
                    {move || match move_state.get() {
                        Some(Ok(())) => view! { <span class="saved" role="status">{move || ct().saved}</span> }.into_any(),
                        Some(Err(err)) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                        None => ().into_any(),
                    }}
                </div>
            </fieldset>
        </section>
    }
}

/// The language an error key belongs to: `{locale}.{field}` for the page's texts,
/// `block.{id}.{field}.{locale}` for a block's.
fn error_locale(key: &str) -> Option<String> {
    match key.strip_prefix("block.") {
        Some(rest) => rest.split('.').nth(2).map(str::to_owned),
        None => key
            .split_once('.')
            .map(|(l, _)| l.to_owned())
            .filter(|l| l != "block"),
    }
}

/// The saved page as the site will show it, in the active language, at a phone's or a desktop's
/// width. It reloads after each save.
#[component]
fn Preview(
    tenant_id: crate::ids::TenantId,
    page_id: PageId,
    locale: Signal<String>,
    version: RwSignal<i32>,
) -> impl IntoView {
    let wide = RwSignal::new(false);
    let src = move || {
        format!(
            "/preview/{tenant_id}/{page_id}/{}?v={}",
            locale.get(),
            version.get()
        )
    };
    view! {
        <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{move || bt().preview} " "
                <span class="muted heading-note">"(" {move || locale_name(&locale.get())} ")"</span>
            </h2>
            <p class="hint">{move || bt().preview_hint}</p>
            <div class="preview-bar" role="group" aria-label=move || bt().width>
                <button type="button" class="button secondary" aria-pressed=move || (!wide.get()).to_string()
                    on:click=move |_| wide.set(false)>{move || bt().phone_width}</button>
                <button type="button" class="button secondary" aria-pressed=move || wide.get().to_string()
                    on:click=move |_| wide.set(true)>{move || bt().desktop_width}</button>
                <a href=src target="_blank" rel="noopener">{move || bt().open_preview}</a>
            </div>
            <div class="preview-scroll">
                <iframe class="preview-frame" class:desktop=move || wide.get() title=move || bt().preview_frame
                    src=src></iframe>
            </div>
        </section>
    }
}
