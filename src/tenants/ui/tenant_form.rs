use crate::app::components::field_error;
use crate::app::i18n::use_i18n;
use crate::error::AppError;
use crate::tenants::TenantDetail;
use crate::tenants::domain::{LOCALES, TIME_ZONES};
use leptos::prelude::*;

/// The fields of a tenant (create and edit), named for a `TenantInput` argument called `input`.
/// `detail`: the current values when editing. `slug_editable`: only platform admins change slugs.
#[component]
pub fn TenantFields<V>(detail: Option<TenantDetail>, slug_editable: bool, value: V) -> impl IntoView
where
    V: With<Value = Option<Result<String, AppError>>> + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let err = move |field: &'static str| field_error(value, field);
    let (name_error, slug_error, contact_error) = (err("name"), err("slug"), err("contact_email"));
    let (default_error, enabled_error, tz_error) = (
        err("default_locale"),
        err("enabled_locales"),
        err("time_zone"),
    );
    let d = detail.clone();
    let default_locale = d
        .as_ref()
        .map_or("de".to_owned(), |d| d.default_locale.clone());
    let enabled = d
        .as_ref()
        .map_or(vec!["de".to_owned()], |d| d.enabled_locales.clone());
    let time_zone = d
        .as_ref()
        .map_or("Europe/Berlin".to_owned(), |d| d.time_zone.clone());
    let slug = d.as_ref().map(|d| d.slug.clone()).unwrap_or_default();
    view! {
        <div class="field">
            <label for="tenant-name">{move || i18n.t().tenant_name}</label>
            <input id="tenant-name" type="text" name="input[name]" maxlength="200" required autocomplete="organization"
                value=d.as_ref().map(|d| d.name.clone()).unwrap_or_default()
                aria-invalid=move || name_error().is_some().to_string() aria-describedby="tenant-name-error" />
            <p id="tenant-name-error" class="field-error" role="alert">{name_error}</p>
        </div>
        <div class="field">
            <label for="tenant-slug">{move || i18n.t().tenant_slug}</label>
            {if slug_editable {
                view! {
                    <input id="tenant-slug" type="text" name="input[slug]" maxlength="63" required
                        pattern="[a-z0-9]([a-z0-9\\-]*[a-z0-9])?" autocapitalize="none" spellcheck="false"
                        value=slug.clone()
                        aria-invalid=move || slug_error().is_some().to_string()
                        aria-describedby="tenant-slug-hint tenant-slug-error" />
                }.into_any()
            } else {
                view! {
                    <input id="tenant-slug" type="text" value=slug.clone() readonly aria-describedby="tenant-slug-hint" />
                    <input type="hidden" name="input[slug]" value=slug.clone() />
                }.into_any()
            }}
            <p id="tenant-slug-hint" class="hint">{move || i18n.t().tenant_slug_hint}</p>
            <p id="tenant-slug-error" class="field-error" role="alert">{slug_error}</p>
        </div>
        <div class="field">
            <label for="tenant-contact">{move || i18n.t().contact_email}</label>
            <input id="tenant-contact" type="email" name="input[contact_email]" autocomplete="email" inputmode="email"
                autocapitalize="none" spellcheck="false"
                value=d.as_ref().and_then(|d| d.contact_email.clone()).unwrap_or_default()
                aria-invalid=move || contact_error().is_some().to_string() aria-describedby="tenant-contact-error" />
            <p id="tenant-contact-error" class="field-error" role="alert">{contact_error}</p>
        </div>
        <div class="field">
            <label for="tenant-default-locale">{move || i18n.t().default_locale}</label>
            <select id="tenant-default-locale" name="input[default_locale]" aria-describedby="tenant-default-locale-error">
                {LOCALES.iter().map(|(code, name, _)| {
                    let selected = *code == default_locale;
                    view! { <option value=*code selected=selected>{*name}</option> }
                }).collect_view()}
            </select>
            <p id="tenant-default-locale-error" class="field-error" role="alert">{default_error}</p>
        </div>
        <fieldset class="field checks" aria-describedby="tenant-locales-hint tenant-locales-error">
            <legend>{move || i18n.t().enabled_locales}</legend>
            <p id="tenant-locales-hint" class="hint">{move || i18n.t().enabled_locales_hint}</p>
            <div class="check-grid">
                {LOCALES.iter().enumerate().map(|(i, (code, name, _))| {
                    let id = format!("locale-{code}");
                    let checked = enabled.iter().any(|e| e == code);
                    view! {
                        <div class="check">
                            <input id=id.clone() type="checkbox" name=format!("input[enabled_locales][{i}]") value=*code checked=checked />
                            <label for=id lang=*code>{*name}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            <p id="tenant-locales-error" class="field-error" role="alert">{enabled_error}</p>
        </fieldset>
        <div class="field">
            <label for="tenant-time-zone">{move || i18n.t().time_zone}</label>
            <select id="tenant-time-zone" name="input[time_zone]" aria-describedby="tenant-time-zone-error">
                {TIME_ZONES.iter().map(|tz| {
                    let selected = *tz == time_zone;
                    view! { <option value=*tz selected=selected>{*tz}</option> }
                }).collect_view()}
            </select>
            <p id="tenant-time-zone-error" class="field-error" role="alert">{tz_error}</p>
        </div>
    }
}
