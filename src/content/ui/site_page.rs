use super::texts::{ct, for_lang};
use super::{SitePicker, chosen_site};
use crate::app::components::browser_data;
use crate::app::components::{field_error, form_error, succeeded};
use crate::app::i18n::use_i18n;
use crate::content::domain::{FONTS, Theme};
use crate::content::{
    CreateSite, SaveSiteFooter, SiteDetail, UpdateSite, list_sites, load_site, page_parent_options,
};
use crate::error::AppError;
use crate::ids::{SiteId, TenantId};
use crate::tenants::authz::Permission;
use crate::tenants::domain::locale_name;
use crate::tenants::load_tenant;
use crate::tenants::ui::use_tenant;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A site's settings: name, domains, languages, look, legal pages, Cloudflare Pages project. Owners
/// and platform admins edit them and create sites; everyone else reads them.
#[component]
pub fn SitePage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let create = ServerAction::<CreateSite>::new();
    let update = ServerAction::<UpdateSite>::new();
    let sites = Resource::new(
        move || (create.version().get(), update.version().get()),
        move |_| async move { list_sites(tenant.await?.tenant_id).await },
    );
    let tenant_locales = Resource::new(
        || (),
        move |_| async move {
            load_tenant(tenant.await?.tenant_id)
                .await
                .map(|d| d.enabled_locales)
        },
    );
    // The chosen site's settings, created here with the page so that the server renders them (the
    // rule is in app/mod.rs); `None` while the tenant has no site.
    let query = use_query_map();
    let detail: SiteDetailResource = Resource::new(
        move || {
            (
                query.read().get("site"),
                update.version().get(),
                create.version().get(),
            )
        },
        move |(site, ..)| async move {
            let tenant_id = tenant.await?.tenant_id;
            let sites = sites.await?;
            let Some(site) = super::site_by_param(&sites, site) else {
                return Ok(None);
            };
            load_site(tenant_id, site.site_id).await.map(Some)
        },
    );
    view! {
        <Title text=move || for_lang(i18n.lang.get()).site_settings />
        <h1>{move || ct().site_settings}</h1>
        <div class="stack">
            <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    let Ok(t) = tenant.await else { return ().into_any() };
                    let editable = t.access.allows(Permission::EditSettings);
                    let locales = tenant_locales.await.unwrap_or_default();
                    let base = format!("/t/{}/site", t.slug);
                    match sites.await {
                        Ok(list) => match chosen_site(&list) {
                            Some(site) => {
                                let site_id = site.site_id;
                                view! {
                                    <SitePicker sites=list.clone() current=site_id base />
                                    <SiteSettings tenant_id=t.tenant_id tenant_slug=t.slug.clone() editable detail
                                    content_editable=t.access.allows(Permission::EditContent) locales=locales.clone() update />
                                    {editable.then(|| view! {
                                        <details class="card disclosure">
                                            <summary><span class="button secondary">{move || ct().create_site}</span></summary>
                                            <SiteForm tenant_id=t.tenant_id detail=None locales=locales.clone() create=Some(create) update=None />
                                        </details>
                                    })}
                                }.into_any()
                            }
                            None if editable => view! {
                                <section class="card" aria-labelledby="new-site-heading">
                                    <h2 id="new-site-heading">{move || ct().create_site}</h2>
                                    <p>{move || ct().no_site}</p>
                                    <SiteForm tenant_id=t.tenant_id detail=None locales create=Some(create) update=None />
                                </section>
                            }.into_any(),
                            None => view! {
                                <section class="card">
                                    <p>{move || ct().no_site}</p>
                                    <p class="muted">{move || ct().no_site_ask}</p>
                                </section>
                            }.into_any(),
                        },
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

type SiteDetailResource = Resource<Result<Option<SiteDetail>, AppError>>;

#[component]
fn SiteSettings(
    tenant_id: TenantId,
    tenant_slug: String,
    detail: SiteDetailResource,
    editable: bool,
    content_editable: bool,
    locales: Vec<String>,
    update: ServerAction<UpdateSite>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || {
                let locales = locales.clone();
                let tenant_slug = tenant_slug.clone();
                Suspend::new(async move {
                    match detail.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(d)) => view! {
                            {d.legal_missing.iter().map(|which| {
                                let which = which.clone();
                                view! {
                                    <p class="notice warn" role="note">
                                        {move || if which == "impressum" { ct().legal_missing_impressum } else { ct().legal_missing_privacy }}
                                    </p>
                                }
                            }).collect_view()}
                            <section class="card" aria-labelledby="site-heading">
                                <h2 id="site-heading">{d.name.clone()}</h2>
                                {if editable {
                                    view! { <SiteForm tenant_id detail=Some(d.clone()) locales create=None update=Some(update) /> }.into_any()
                                } else {
                                    view! { <SiteFacts detail=d.clone() /> }.into_any()
                                }}
                            </section>
                            <LogoCard tenant_id tenant_slug=tenant_slug.clone() detail=d.clone() editable />
                            <FooterCard tenant_id detail=d.clone() editable=content_editable />
                        }.into_any(),
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// The site's logo: chosen from the library (or uploaded there and then), saved at once.
#[component]
fn LogoCard(
    tenant_id: TenantId,
    tenant_slug: String,
    detail: SiteDetail,
    editable: bool,
) -> impl IntoView {
    use crate::media::ui::picker::{MediaChooser, MediaContext};
    use crate::media::ui::texts::mt;
    let i18n = use_i18n();
    MediaContext::provide(
        tenant_id,
        &tenant_slug,
        detail.logo_item.clone().into_iter().collect(),
    );
    let logo = RwSignal::new(detail.logo);
    let status = RwSignal::new(None::<Result<(), String>>);
    let site_id = detail.site_id;
    let change = Callback::new(move |v: Vec<crate::ids::MediaId>| {
        let chosen = v.last().copied();
        let before = logo.get_untracked();
        logo.set(chosen);
        status.set(None);
        leptos::task::spawn_local(async move {
            match crate::content::set_site_logo(tenant_id, site_id, chosen).await {
                Ok(()) => status.set(Some(Ok(()))),
                Err(err) => {
                    logo.set(before);
                    status.set(Some(Err(i18n.t().app_error(&err))));
                }
            }
        });
    });
    view! {
        <section class="card" aria-labelledby="logo-heading">
            <h2 id="logo-heading">{move || mt().logo}</h2>
            {if editable {
                view! {
                    <MediaChooser id="site-logo".to_owned() label=Signal::derive(move || mt().logo.to_owned())
                        hint=Signal::derive(move || mt().logo_hint.to_owned())
                        value=Signal::derive(move || logo.get().into_iter().collect()) on_change=change
                        error=Signal::derive(move || status.get().and_then(|s| s.err())) />
                    <p role="status">{move || matches!(status.get(), Some(Ok(()))).then(|| mt().saved)}</p>
                }.into_any()
            } else {
                match detail.logo_item.clone() {
                    Some(item) => view! { <img class="logo-preview" src=item.url_for_width(480) alt="" /> }.into_any(),
                    None => view! { <p class="muted">{move || mt().no_image}</p> }.into_any(),
                }
            }}
        </section>
    }
}

#[component]
fn SiteFacts(detail: SiteDetail) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>{move || ct().domains}</dt><dd>{if detail.domains.is_empty() { "–".to_owned() } else { detail.domains.join(", ") }}</dd>
            <dt>{move || ct().site_languages}</dt>
            <dd>{detail.enabled_locales.iter().map(|l| locale_name(l)).collect::<Vec<_>>().join(", ")}</dd>
            <dt>{move || ct().pages_project}</dt><dd>{detail.pages_project.clone().unwrap_or_else(|| "–".into())}</dd>
        </dl>
    }
}

/// The site form, for a new site (`create`) or an existing one (`update`, with its `detail`). Fields
/// are named for a `SiteInput` argument called `input`.
#[component]
fn SiteForm(
    tenant_id: TenantId,
    detail: Option<SiteDetail>,
    locales: Vec<String>,
    create: Option<ServerAction<CreateSite>>,
    update: Option<ServerAction<UpdateSite>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The last answer of whichever action this form uses, for its messages.
    let value: Signal<Option<Result<(), AppError>>> = Signal::derive(move || {
        if let Some(c) = create {
            c.value().get().map(|r| r.map(|_| ()))
        } else {
            update.and_then(|u| u.value().get())
        }
    });
    let err = move |field: &'static str| field_error(value, field);
    let prefix = if detail.is_some() { "site" } else { "new-site" };
    let id = move |field: &str| format!("{prefix}-{field}");
    let d = detail.clone();
    let theme = d.as_ref().map(|d| d.theme.clone()).unwrap_or_default();
    let default_locale = d
        .as_ref()
        .map(|d| d.default_locale.clone())
        .or_else(|| locales.first().cloned())
        .unwrap_or_else(|| "de".into());
    let enabled = d
        .as_ref()
        .map_or(locales.clone(), |d| d.enabled_locales.clone());
    let shown = &[
        "name",
        "domains",
        "default_locale",
        "enabled_locales",
        "pages_project",
        "primary_colour",
        "accent_colour",
        "text_colour",
        "background_colour",
        "heading_font",
        "body_font",
        "impressum_page",
        "privacy_page",
    ];
    let other_error = form_error(value, shown);
    let saved = succeeded(value);
    let site_id = d.as_ref().map(|d| d.site_id);
    let fields = view! {
        {site_id.map(|s| view! { <input type="hidden" name="site" value=s.to_string() /> })}
        <input type="hidden" name="tenant" value=tenant_id.to_string() />
        <TextField id=id("name") name="input[name]" label=|| ct().site_name value=d.as_ref().map(|d| d.name.clone()).unwrap_or_default()
            error=err("name") required=true />
        <div class="field">
            <label for=id("domains")>{move || ct().domains}</label>
            <textarea id=id("domains") name="input[domains]" rows="2" autocapitalize="none" spellcheck="false"
                aria-describedby=format!("{} {}", id("domains-hint"), id("domains-error"))>
                {d.as_ref().map(|d| d.domains.join("\n")).unwrap_or_default()}
            </textarea>
            <p id=id("domains-hint") class="hint">{move || ct().domains_hint}</p>
            <p id=id("domains-error") class="field-error" role="alert">{err("domains")}</p>
        </div>
        <div class="field">
            <label for=id("default-locale")>{move || ct().default_locale}</label>
            <select id=id("default-locale") name="input[default_locale]">
                {locales.iter().map(|l| {
                    let selected = *l == default_locale;
                    view! { <option value=l.clone() selected=selected>{locale_name(l)}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" role="alert">{err("default_locale")}</p>
        </div>
        <fieldset class="field checks">
            <legend>{move || ct().site_languages}</legend>
            <p class="hint">{move || ct().site_languages_hint}</p>
            <div class="check-grid">
                {locales.iter().enumerate().map(|(i, l)| {
                    let cid = format!("{prefix}-locale-{l}");
                    let checked = enabled.contains(l);
                    view! {
                        <div class="check">
                            <input id=cid.clone() type="checkbox" name=format!("input[enabled_locales][{i}]") value=l.clone() checked=checked />
                            <label for=cid lang=l.clone()>{locale_name(l)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" role="alert">{err("enabled_locales")}</p>
        </fieldset>
        <TextField id=id("pages-project") name="input[pages_project]" label=|| ct().pages_project
            value=d.as_ref().and_then(|d| d.pages_project.clone()).unwrap_or_default()
            error=err("pages_project") hint=|| ct().pages_project_hint />
        <fieldset class="field">
            <legend>{move || ct().theme}</legend>
            <div class="colour-grid">
                <ColourField id=id("primary") name="input[primary_colour]" label=|| ct().primary_colour value=theme.primary_colour.clone() error=err("primary_colour") />
                <ColourField id=id("accent") name="input[accent_colour]" label=|| ct().accent_colour value=theme.accent_colour.clone() error=err("accent_colour") />
                <ColourField id=id("text") name="input[text_colour]" label=|| ct().text_colour value=theme.text_colour.clone() error=err("text_colour") />
                <ColourField id=id("background") name="input[background_colour]" label=|| ct().background_colour value=theme.background_colour.clone() error=err("background_colour") />
            </div>
            <FontField id=id("heading-font") name="input[heading_font]" label=|| ct().heading_font value=theme.heading_font.clone() error=err("heading_font") />
            <FontField id=id("body-font") name="input[body_font]" label=|| ct().body_font value=theme.body_font.clone() error=err("body_font") />
        </fieldset>
        {site_id.map(|site_id| {
            let impressum = d.as_ref().and_then(|d| d.impressum_page).map(|p| p.to_string()).unwrap_or_default();
            let privacy = d.as_ref().and_then(|d| d.privacy_page).map(|p| p.to_string()).unwrap_or_default();
            view! { <LegalPages tenant_id site_id impressum privacy prefix impressum_error=err("impressum_page") privacy_error=err("privacy_page") /> }
        })}
        <p class="form-error" role="alert">{other_error}</p>
    };
    let button = move |pending: Signal<bool>| {
        view! {
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || if site_id.is_some() { i18n.t().save } else { ct().create_site }}
                </button>
                <Show when=saved>
                    <span class="saved" role="status">{move || if site_id.is_some() { ct().saved } else { ct().site_created }}</span>
                </Show>
            </div>
        }
    };
    match (create, update) {
        (Some(action), _) => view! {
            <ActionForm action attr:class="form">{fields}{button(action.pending().into())}</ActionForm>
        }
        .into_any(),
        (None, Some(action)) => view! {
            <ActionForm action attr:class="form">{fields}{button(action.pending().into())}</ActionForm>
        }
        .into_any(),
        (None, None) => ().into_any(),
    }
}

#[component]
fn TextField(
    id: String,
    name: &'static str,
    label: fn() -> &'static str,
    value: String,
    error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<fn() -> &'static str>,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" name=name value=value required=required autocomplete="off"
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=format!("{hint_id} {error_id}") />
            {hint.map(|h| view! { <p id=hint_id.clone() class="hint">{h}</p> })}
            <p id=error_id class="field-error" role="alert">{error}</p>
        </div>
    }
}

#[component]
fn ColourField(
    id: String,
    name: &'static str,
    label: fn() -> &'static str,
    value: String,
    error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let value = if value.is_empty() {
        Theme::default().primary_colour
    } else {
        value
    };
    view! {
        <div class="field colour">
            <label for=id.clone()>{label}</label>
            <input id=id type="color" name=name value=value />
            <p class="field-error" role="alert">{error}</p>
        </div>
    }
}

#[component]
fn FontField(
    id: String,
    name: &'static str,
    label: fn() -> &'static str,
    value: String,
    error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {FONTS.iter().map(|(code, _)| {
                    let selected = *code == value;
                    view! { <option value=*code selected=selected>{font_label(code)}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" role="alert">{error}</p>
        </div>
    }
}

fn font_label(code: &str) -> &'static str {
    match code {
        "system" => "System (Standard)",
        "inter" => "Inter",
        "source-sans" => "Source Sans 3",
        "open-sans" => "Open Sans",
        "lato" => "Lato",
        "merriweather" => "Merriweather",
        "lora" => "Lora",
        "playfair" => "Playfair Display",
        "roboto-slab" => "Roboto Slab",
        _ => "?",
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn LegalPages(
    tenant_id: TenantId,
    site_id: SiteId,
    impressum: String,
    privacy: String,
    prefix: &'static str,
    impressum_error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    privacy_error: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // Below another resource's Suspend: loaded by the browser (the rule is in app/mod.rs).
    let pages = browser_data(move || page_parent_options(tenant_id, site_id, None));
    let select = move |which: &'static str, label: fn() -> &'static str, current: String| {
        let id = format!("{prefix}-{which}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select id=id name=format!("input[{which}]")>
                    <option value="">{move || ct().none_chosen}</option>
                        {
                            let current = current.clone();
                            move || {
                                let current = current.clone();
                                {
                                    pages.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                                        let id = p.page_id.to_string();
                                        let selected = id == current;
                                        let label = format!("{}{}", "— ".repeat(p.depth as usize), p.title);
                                        view! { <option value=id selected=selected>{label}</option> }
                                    }).collect_view()
                                }
                            }
                        }
                </select>
            </div>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{move || ct().legal_pages}</legend>
            <p class="hint">{move || ct().legal_hint}</p>
            {select("impressum_page", || ct().impressum, impressum)}
            <p class="field-error" role="alert">{impressum_error}</p>
            {select("privacy_page", || ct().privacy, privacy)}
            <p class="field-error" role="alert">{privacy_error}</p>
        </fieldset>
    }
}

/// The footer text of the site, one field per language.
#[component]
fn FooterCard(tenant_id: TenantId, detail: SiteDetail, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveSiteFooter>::new();
    let saved = succeeded(save.value());
    let error = form_error(save.value(), &[]);
    view! {
        <section class="card" aria-labelledby="footer-heading">
            <h2 id="footer-heading">{move || ct().footer}</h2>
            <p class="hint">{move || ct().footer_hint}</p>
            <ActionForm action=save attr:class="form">
                <input type="hidden" name="tenant" value=tenant_id.to_string() />
                <input type="hidden" name="site" value=detail.site_id.to_string() />
                <fieldset class="plain" disabled=!editable>
                    {detail.enabled_locales.iter().enumerate().map(|(i, l)| {
                        let text = detail.footer.iter().find(|(fl, _)| fl == l).map(|(_, t)| t.clone()).unwrap_or_default();
                        let id = format!("footer-{l}");
                        view! {
                            <div class="field">
                                <input type="hidden" name=format!("texts[{i}][locale]") value=l.clone() />
                                <label for=id.clone()>{let name = locale_name(l); move || format!("{} ({name})", ct().footer)}</label>
                                <textarea id=id name=format!("texts[{i}][text]") rows="3" maxlength="1000" lang=l.clone()>{text}</textarea>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <p class="form-error" role="alert">{error}</p>
                {editable.then(|| view! {
                    <div class="form-actions">
                        <button type="submit" class="button secondary" disabled=move || save.pending().get()>
                            {move || if save.pending().get() { i18n.t().working } else { ct().save_footer }}
                        </button>
                        <Show when=saved>
                            <span class="saved" role="status">{move || ct().saved}</span>
                        </Show>
                    </div>
                })}
            </ActionForm>
        </section>
    }
}
