use super::texts::mt;
use crate::app::i18n::use_i18n;
use crate::error::{AppError, FieldErrors};
use crate::ids::MediaId;
use crate::media::{MediaDetail, MediaText, delete_media, get_media, save_media};
use crate::tenants::TenantContext;
use crate::tenants::authz::Permission;
use crate::tenants::domain::locale_name;
use crate::tenants::ui::use_tenant;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// One file (`/t/{slug}/media/{id}`): focal point, alt text and caption per language, where it is
/// used, and deleting it when nothing uses it.
#[component]
pub fn MediaDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let params = use_params_map();
    let detail: Resource<Result<MediaDetail, AppError>> = Resource::new(
        move || params.read().get("media").unwrap_or_default(),
        move |id| async move {
            let id: MediaId = id.parse().map_err(|_| AppError::NotFound("media".into()))?;
            get_media(tenant.await?.tenant_id, id).await
        },
    );
    view! {
        <Title text=move || mt().details />
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(t) = tenant.await else { return ().into_any() };
                match detail.await {
                    Ok(d) => view! { <Detail tenant=t detail=d /> }.into_any(),
                    Err(err) => view! {
                        <h1>{move || mt().details}</h1>
                        <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Detail(tenant: TenantContext, detail: MediaDetail) -> impl IntoView {
    let i18n = use_i18n();
    let MediaDetail {
        item,
        texts,
        locales,
        uses,
    } = detail;
    let can_edit = tenant.access.allows(Permission::EditContent);
    let back = super::library_href(&tenant.slug);
    let focal_x = RwSignal::new(item.focal_x);
    let focal_y = RwSignal::new(item.focal_y);
    let picture = item.is_picture();
    // (locale, alt, caption)
    let fields: Vec<(String, RwSignal<String>, RwSignal<String>)> = locales
        .iter()
        .map(|l| {
            let get = |field: &str| {
                texts
                    .iter()
                    .find(|t| t.locale == *l && t.field == field)
                    .map(|t| t.value.clone())
                    .unwrap_or_default()
            };
            (
                l.clone(),
                RwSignal::new(get("alt")),
                RwSignal::new(get("caption")),
            )
        })
        .collect();
    let fields = StoredValue::new(fields);
    let saving = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let (tenant_id, media_id) = (tenant.tenant_id, item.media_id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let texts: Vec<MediaText> = fields.with_value(|f| {
            f.iter()
                .flat_map(|(l, alt, caption)| {
                    [
                        MediaText {
                            locale: l.clone(),
                            field: "alt".into(),
                            value: alt.get_untracked(),
                        },
                        MediaText {
                            locale: l.clone(),
                            field: "caption".into(),
                            value: caption.get_untracked(),
                        },
                    ]
                })
                .collect()
        });
        saving.set(true);
        saved.set(false);
        leptos::task::spawn_local(async move {
            let result = save_media(
                tenant_id,
                media_id,
                focal_x.get_untracked(),
                focal_y.get_untracked(),
                texts,
            )
            .await;
            saving.set(false);
            match result {
                Ok(()) => {
                    errors.set(FieldErrors::new());
                    failure.set(None);
                    saved.set(true);
                }
                Err(AppError::Invalid(e)) => errors.set(e),
                Err(err) => failure.set(Some(i18n.t().app_error(&err))),
            }
        });
    };
    let navigate = use_navigate();
    let deleting = RwSignal::new(false);
    let delete = {
        let back = back.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            if !window()
                .confirm_with_message(mt().delete_confirm)
                .unwrap_or(false)
            {
                return;
            }
            deleting.set(true);
            let navigate = navigate.clone();
            let back = back.clone();
            leptos::task::spawn_local(async move {
                match delete_media(tenant_id, media_id).await {
                    Ok(()) => navigate(&back, Default::default()),
                    Err(err) => {
                        deleting.set(false);
                        failure.set(Some(i18n.t().app_error(&err)));
                    }
                }
            });
        }
    };
    // Tapping the picture sets the focal point where it was tapped.
    let tap = move |ev: leptos::ev::MouseEvent| {
        if !can_edit {
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let rect = el.get_bounding_client_rect();
                if rect.width() > 0.0 && rect.height() > 0.0 {
                    let pct = |v: f64| (v * 100.0).round().clamp(0.0, 100.0) as i16;
                    focal_x.set(pct((f64::from(ev.client_x()) - rect.left()) / rect.width()));
                    focal_y.set(pct((f64::from(ev.client_y()) - rect.top()) / rect.height()));
                    saved.set(false);
                }
            }
        }
        let _ = ev;
    };
    let error_for =
        move |key: String| errors.with(|e| e.get(&key).map(|codes| i18n.t().errors(codes)));
    let used = !uses.is_empty();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let url = item.url();
    let preview_src = item.url_for_width(960);
    let name = item.file_name.clone();
    let variants = item.variants_state.clone();
    let widths = item.variant_widths.clone();
    view! {
        <p><A href=back.clone()>{move || format!("← {}", mt().back)}</A></p>
        <h1 class="break">{name.clone()}</h1>
        <div class="media-detail">
            <section class="card" aria-labelledby="focal-heading">
                {if picture {
                    view! {
                        <h2 id="focal-heading">{move || mt().focal}</h2>
                        <p class="hint">{move || mt().focal_hint}</p>
                        <div class="focal-frame" on:click=tap>
                            <img src=preview_src alt=move || fields.with_value(|f| f.first().map(|x| x.1.get()).unwrap_or_default()) />
                            // Made in the browser only: its position is set through the DOM, which
                            // the CSP allows (it refuses style attributes in the served HTML).
                            <Show when=move || hydrated.get()>
                                <span class="focal-marker" aria-hidden="true"
                                    style:left=move || format!("{}%", focal_x.get())
                                    style:top=move || format!("{}%", focal_y.get())></span>
                            </Show>
                        </div>
                    }.into_any()
                } else {
                    view! { <h2 id="focal-heading">{move || mt().file}</h2> }.into_any()
                }}
                <dl class="facts">
                    <dt>{move || mt().size}</dt><dd>{item.size_label()}</dd>
                    {item.width.zip(item.height).map(|(w, h)| view! { <dt>{move || mt().dimensions}</dt><dd>{format!("{w} × {h}")}</dd> })}
                    <dt>{move || mt().sizes_made}</dt>
                    <dd>{move || match variants.as_str() {
                        "pending" => mt().variants_pending.to_owned(),
                        "failed" => mt().variants_failed.to_owned(),
                        _ if widths.is_empty() => "–".to_owned(),
                        _ => widths.iter().map(|w| format!("{w} px")).collect::<Vec<_>>().join(", "),
                    }}</dd>
                </dl>
                <p><a href=url target="_blank" rel="noopener">{move || mt().open_original}</a></p>
            </section>
            <form class="card" on:submit=save aria-labelledby="texts-heading">
                <h2 id="texts-heading">{move || mt().texts}</h2>
                <fieldset class="plain" disabled=!can_edit>
                    {picture.then(|| view! {
                        <div class="focal-inputs">
                            <div class="field">
                                <label for="focal-x">{move || mt().focal_x}</label>
                                <input id="focal-x" type="number" inputmode="numeric" min="0" max="100" step="1"
                                    prop:value=move || focal_x.get().to_string()
                                    on:input=move |ev| if let Ok(v) = event_target_value(&ev).parse() { focal_x.set(v) } />
                            </div>
                            <div class="field">
                                <label for="focal-y">{move || mt().focal_y}</label>
                                <input id="focal-y" type="number" inputmode="numeric" min="0" max="100" step="1"
                                    prop:value=move || focal_y.get().to_string()
                                    on:input=move |ev| if let Ok(v) = event_target_value(&ev).parse() { focal_y.set(v) } />
                            </div>
                        </div>
                        <p class="field-error" role="alert">{move || error_for("focal".into())}</p>
                    })}
                    {fields.get_value().into_iter().map(|(l, alt, caption)| {
                        let alt_id = format!("alt-{l}");
                        let caption_id = format!("caption-{l}");
                        let (alt_key, caption_key) = (format!("alt.{l}"), format!("caption.{l}"));
                        let lang = l.clone();
                        view! {
                            <fieldset class="locale-texts" lang=l.clone()>
                                <legend>{locale_name(&l)}</legend>
                                {picture.then(|| view! {
                                    <div class="field">
                                        <label for=alt_id.clone()>{move || mt().alt}</label>
                                        <input id=alt_id type="text" maxlength="300" autocomplete="off" lang=lang.clone()
                                            prop:value=move || alt.get() on:input=move |ev| { alt.set(event_target_value(&ev)); saved.set(false); } />
                                        <Show when=move || alt.with(|a| a.trim().is_empty())>
                                            <p class="badge warn">{move || mt().alt_missing}</p>
                                        </Show>
                                        <p class="field-error" role="alert">{move || error_for(alt_key.clone())}</p>
                                    </div>
                                })}
                                <div class="field">
                                    <label for=caption_id.clone()>{move || mt().caption}</label>
                                    <textarea id=caption_id rows="2" maxlength="1000" lang=lang
                                        prop:value=move || caption.get() on:input=move |ev| { caption.set(event_target_value(&ev)); saved.set(false); }></textarea>
                                    <p class="field-error" role="alert">{move || error_for(caption_key.clone())}</p>
                                </div>
                            </fieldset>
                        }
                    }).collect_view()}
                    {picture.then(|| view! { <p class="hint">{move || mt().alt_hint}</p> })}
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || saving.get()>
                            {move || if saving.get() { mt().saving } else { mt().save }}
                        </button>
                        <span role="status">{move || saved.get().then(|| mt().saved)}</span>
                    </div>
                </fieldset>
                <p class="form-error" role="alert">{move || failure.get()}</p>
            </form>
            <section class="card" aria-labelledby="uses-heading">
                <h2 id="uses-heading">{move || mt().used_on}</h2>
                {if uses.is_empty() {
                    view! { <p class="muted">{move || mt().unused}</p> }.into_any()
                } else {
                    view! {
                        <ul class="uses">
                            {uses.into_iter().map(|u| {
                                let what = match u.kind.as_str() {
                                    "social_image" => mt().use_social,
                                    "logo" => mt().use_logo,
                                    _ => mt().use_block,
                                };
                                let href = match u.page_id {
                                    Some(p) => format!("/t/{}/pages/{p}", tenant.slug),
                                    None => format!("/t/{}/site?site={}", tenant.slug, u.site_id),
                                };
                                view! { <li><A href=href>{u.label}</A> " · " {what}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {can_edit.then(|| view! {
                    <button type="button" class="button danger" disabled=move || used || deleting.get()
                        aria-describedby="delete-hint" on:click=delete>{move || mt().delete}</button>
                    {used.then(|| view! { <p id="delete-hint" class="hint">{move || mt().delete_blocked}</p> })}
                })}
            </section>
        </div>
    }
}
