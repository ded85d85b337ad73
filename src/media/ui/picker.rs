//! Choosing pictures of the library where content needs one (image, gallery and hero blocks, the
//! social image, the logo): a field that shows the chosen pictures and a dialog that lists the
//! library, with an uploader, so a photo taken now can be used at once.
use super::texts::mt;
use super::uploader::Uploader;
use crate::ids::{MediaId, TenantId};
use crate::media::{MediaItem, list_media};
use leptos::prelude::*;
use std::collections::HashMap;

/// The tenant whose library is offered, where its library is in the admin, and the pictures already
/// known to the page (for their thumbnails and alt-text warnings). Provided by the editor pages.
#[derive(Clone, Copy)]
pub struct MediaContext {
    pub tenant: TenantId,
    /// `/t/<slug>/media`
    pub library: StoredValue<String>,
    pub known: RwSignal<HashMap<MediaId, MediaItem>>,
}

impl MediaContext {
    pub fn provide(tenant: TenantId, slug: &str, items: Vec<MediaItem>) -> Self {
        let ctx = Self {
            tenant,
            library: StoredValue::new(super::library_href(slug)),
            known: RwSignal::new(items.into_iter().map(|m| (m.media_id, m)).collect()),
        };
        provide_context(ctx);
        ctx
    }
}

/// The chosen picture(s) and the button that opens the library.
#[component]
pub fn MediaChooser(
    /// Base of the element ids (unique on the page).
    id: String,
    label: Signal<String>,
    value: Signal<Vec<MediaId>>,
    on_change: Callback<Vec<MediaId>>,
    /// A gallery: pictures are added; otherwise one picture is chosen or changed.
    #[prop(optional)]
    multiple: bool,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let ctx = expect_context::<MediaContext>();
    let open = RwSignal::new(false);
    // When the dialog closes, focus goes back to the button that opened it.
    let opener = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |was_open: Option<bool>| {
        let now = open.get();
        if was_open == Some(true)
            && !now
            && let Some(button) = opener.get_untracked()
        {
            let _ = button.focus();
        }
        now
    });
    let label_id = format!("{id}-label");
    let labelled_by = label_id.clone();
    let error_id = format!("{id}-error");
    let chosen = move || {
        let known = ctx.known.get();
        value
            .get()
            .into_iter()
            .map(|m| (m, known.get(&m).cloned()))
            .collect::<Vec<_>>()
    };
    let pick = Callback::new(move |item: MediaItem| {
        let id = item.media_id;
        ctx.known.update(|k| {
            k.insert(id, item);
        });
        let mut now = value.get_untracked();
        if multiple {
            if !now.contains(&id) {
                now.push(id);
            }
        } else {
            now = vec![id];
        }
        on_change.run(now);
        open.set(false);
    });
    let button_label = move || {
        let t = mt();
        if multiple {
            t.add_image
        } else if value.with(|v| v.is_empty()) {
            t.choose_image
        } else {
            t.change_image
        }
    };
    view! {
        <div class="field media-chooser" role="group" aria-labelledby=labelled_by>
            <p id=label_id class="label">{label}</p>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {move || {
                let list = chosen();
                if list.is_empty() {
                    view! { <p class="muted">{move || mt().no_image}</p> }.into_any()
                } else {
                    let count = list.len();
                    // A gallery's pictures move with arrows (their order is the gallery's).
                    let shift = move |m: MediaId, up: bool| {
                        let mut now = value.get_untracked();
                        if crate::app::components::shift(&mut now, |x| *x == m, up) {
                            on_change.run(now);
                        }
                    };
                    view! {
                        <ul class="chosen-media">
                            {list.into_iter().enumerate().map(|(i, (m, item))| {
                                let name = item.as_ref().map(|i| i.file_name.clone()).unwrap_or_else(|| m.to_string());
                                let remove_label = format!("{}: {name}", mt().remove_image);
                                let (up_label, down_label) = (format!("{}: {name}", mt().earlier), format!("{}: {name}", mt().later));
                                let alt_missing = item.as_ref().is_some_and(|i| !i.alt_missing.is_empty());
                                let fix_href = format!("{}/{m}", ctx.library.get_value());
                                view! {
                                    <li>
                                        {item.as_ref().map(|i| view! { <img src=i.url_for_width(480) alt="" loading="lazy" /> })}
                                        <span class="file-name">{name}</span>
                                        {alt_missing.then(|| view! {
                                            <a class="badge warn" href=fix_href target="_blank" rel="noopener">{move || mt().alt_missing}</a>
                                        })}
                                        <span class="chosen-actions">
                                            {multiple.then(|| view! {
                                                <button type="button" class="icon-button" aria-label=up_label disabled={i == 0}
                                                    on:click=move |_| shift(m, true)>"↑"</button>
                                                <button type="button" class="icon-button" aria-label=down_label disabled={i + 1 == count}
                                                    on:click=move |_| shift(m, false)>"↓"</button>
                                            })}
                                            <button type="button" class="button secondary small" aria-label=remove_label
                                                on:click=move |_| {
                                                    let mut now = value.get_untracked();
                                                    now.retain(|x| *x != m);
                                                    on_change.run(now);
                                                }>{move || mt().remove_image}</button>
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <button type="button" class="button secondary" aria-describedby=error_id.clone() node_ref=opener
                aria-haspopup="dialog" on:click=move |_| open.set(true)>{button_label}</button>
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
            <Show when=move || open.get()>
                <MediaPicker tenant=ctx.tenant open on_pick=pick />
            </Show>
        </div>
    }
}

/// The library's pictures in a dialog: search, upload (the upload is chosen at once), or pick one.
#[component]
pub fn MediaPicker(
    tenant: TenantId,
    open: RwSignal<bool>,
    on_pick: Callback<MediaItem>,
) -> impl IntoView {
    let i18n = crate::app::i18n::use_i18n();
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(0i64);
    let list = crate::app::components::browser_data(move || {
        let (q, p) = (query.get(), page.get());
        async move { list_media(tenant, q, "picture".into(), p).await }
    });
    let dialog_id = "media-picker-title";
    let close = move || open.set(false);
    // Focus goes into the dialog; Escape closes it.
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id("media-picker-search") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <div class="dialog-backdrop" on:click=move |_| close()></div>
        <div class="dialog media-picker" role="dialog" aria-modal="true" aria-labelledby=dialog_id
            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="dialog-head">
                <h2 id=dialog_id>{move || mt().picker_title}</h2>
                <button type="button" class="button secondary small" on:click=move |_| close()>{move || mt().close}</button>
            </div>
            {move || list.get().and_then(|r| r.ok()).map(|l| view! {
                <Uploader tenant id="picker-upload" max_bytes=l.max_bytes images_only=true
                    on_uploaded=Callback::new(move |item: MediaItem| {
                        if item.is_picture() { on_pick.run(item) }
                    }) />
            })}
            <div class="field">
                <label for="media-picker-search">{move || mt().search}</label>
                <input id="media-picker-search" type="search" autocomplete="off"
                    on:change=move |ev| { page.set(0); query.set(event_target_value(&ev)); } />
            </div>
            {move || match list.get() {
                None => view! { <p class="loading">{move || mt().loading}</p> }.into_any(),
                Some(Err(err)) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                Some(Ok(l)) if l.items.is_empty() => view! { <p class="muted">{move || mt().empty}</p> }.into_any(),
                Some(Ok(l)) => {
                    let more = (l.page + 1) * l.per_page < l.total;
                    let p = l.page;
                    view! {
                        <ul class="media-grid picker-grid">
                            {l.items.into_iter().map(|item| {
                                let label = format!("{}: {}", mt().pick, item.file_name);
                                let thumb = item.url_for_width(480);
                                let name = item.file_name.clone();
                                let item = StoredValue::new(item);
                                view! {
                                    <li>
                                        <button type="button" class="media-tile" aria-label=label
                                            on:click=move |_| on_pick.run(item.get_value())>
                                            <img src=thumb alt="" loading="lazy" />
                                            <span class="file-name">{name}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <div class="pager">
                            {(p > 0).then(|| view! { <button type="button" class="button secondary" on:click=move |_| page.set(p - 1)>{move || mt().previous}</button> })}
                            {more.then(|| view! { <button type="button" class="button secondary" on:click=move |_| page.set(p + 1)>{move || mt().next}</button> })}
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}
