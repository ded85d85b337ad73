use super::tenant_form::TenantFields;
use super::use_tenant;
use crate::app::components::{field_error, form_error, succeeded};
use crate::app::i18n::use_i18n;
use crate::tenants::authz::{Access, Permission};
use crate::tenants::{ArchiveTenant, DeleteTenant, UpdateTenant, load_tenant};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

/// A tenant's settings. Owners edit them; platform admins also change the slug, archive, and delete.
#[component]
pub fn TenantSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let update = ServerAction::<UpdateTenant>::new();
    let archive = ServerAction::<ArchiveTenant>::new();
    let detail = Resource::new(
        move || (update.version().get(), archive.version().get()),
        move |_| async move { load_tenant(tenant.await?.tenant_id).await },
    );
    let saved = succeeded(update.value());
    let other_error = form_error(
        update.value(),
        &[
            "name",
            "slug",
            "contact_email",
            "default_locale",
            "enabled_locales",
            "time_zone",
        ],
    );
    // A new slug is a new address.
    let navigate = use_navigate();
    let params = use_params_map();
    Effect::new(move |_| {
        if let Some(Ok(slug)) = update.value().get()
            && params.read_untracked().get("slug").as_deref() != Some(slug.as_str())
        {
            navigate(&format!("/t/{slug}/settings"), Default::default());
        }
    });
    view! {
        <Title text=move || i18n.t().settings />
        <h1>{move || i18n.t().settings}</h1>
        <div class="stack">
            <Transition fallback=move || view! { <p>{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    let Ok(t) = tenant.await else { return ().into_any() };
                    let editable = t.access.allows(Permission::EditSettings);
                    let admin = t.access == Access::PlatformAdmin;
                    let tenant_id = t.tenant_id.to_string();
                    match detail.await {
                        Ok(d) => {
                            let archived = d.archived_at.is_some();
                            let slug = d.slug.clone();
                            let (form_tenant, admin_tenant) = (tenant_id.clone(), tenant_id.clone());
                            view! {
                                <section class="card" aria-labelledby="settings-heading">
                                    <h2 id="settings-heading">{move || i18n.t().tenant_details}</h2>
                                    {if editable {
                                        view! {
                                            <ActionForm action=update attr:class="form">
                                                <input type="hidden" name="tenant" value=form_tenant.clone() />
                                                <TenantFields detail=Some(d.clone()) slug_editable=admin value=update.value() />
                                                <p class="form-error" role="alert">{other_error}</p>
                                                <div class="form-actions">
                                                    <button type="submit" class="button primary" disabled=move || update.pending().get()>
                                                        {move || i18n.t().save}
                                                    </button>
                                                    <Show when=saved>
                                                        <span class="saved" role="status">{move || i18n.t().saved}</span>
                                                    </Show>
                                                </div>
                                            </ActionForm>
                                        }.into_any()
                                    } else {
                                        view! { <ReadOnlyDetails detail=d.clone() /> }.into_any()
                                    }}
                                </section>
                                {admin.then(|| view! {
                                    <ArchiveCard tenant_id=admin_tenant.clone() archived archive />
                                    <DeleteCard tenant_id=admin_tenant.clone() slug />
                                })}
                            }.into_any()
                        }
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ReadOnlyDetails(detail: crate::tenants::TenantDetail) -> impl IntoView {
    let i18n = use_i18n();
    use crate::tenants::domain::locale_name;
    view! {
        <dl class="facts">
            <dt>{move || i18n.t().tenant_name}</dt><dd>{detail.name.clone()}</dd>
            <dt>{move || i18n.t().tenant_slug}</dt><dd>{detail.slug.clone()}</dd>
            <dt>{move || i18n.t().contact_email}</dt><dd>{detail.contact_email.clone().unwrap_or_else(|| "–".into())}</dd>
            <dt>{move || i18n.t().enabled_locales}</dt>
            <dd>{detail.enabled_locales.iter().map(|l| locale_name(l)).collect::<Vec<_>>().join(", ")}</dd>
            <dt>{move || i18n.t().time_zone}</dt><dd>{detail.time_zone.clone()}</dd>
        </dl>
    }
}

#[component]
fn ArchiveCard(
    tenant_id: String,
    archived: bool,
    archive: ServerAction<ArchiveTenant>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(archive.value(), &[]);
    view! {
        <section class="card" aria-labelledby="archive-heading">
            <h2 id="archive-heading">{move || i18n.t().archive_heading}</h2>
            <p class="muted">{move || if archived { i18n.t().archived_text } else { i18n.t().archive_text }}</p>
            <p class="form-error" role="alert">{error}</p>
            <ActionForm action=archive attr:class="form-actions">
                <input type="hidden" name="tenant" value=tenant_id />
                <input type="hidden" name="archived" value=(!archived).to_string() />
                <button type="submit" class="button secondary" class:danger=!archived>
                    {move || if archived { i18n.t().unarchive } else { i18n.t().archive }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DeleteCard(tenant_id: String, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteTenant>::new();
    let confirm_error = field_error(delete.value(), "confirm_slug");
    let other_error = form_error(delete.value(), &["confirm_slug"]);
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{move || i18n.t().delete_tenant}</h2>
            <p>{move || i18n.t().delete_tenant_text}</p>
            <ActionForm action=delete attr:class="form">
                <input type="hidden" name="tenant" value=tenant_id />
                <div class="field">
                    <label for="confirm-slug">{move || format!("{} „{}“", i18n.t().type_slug_to_confirm, slug)}</label>
                    <input id="confirm-slug" type="text" name="confirm_slug" autocomplete="off" autocapitalize="none"
                        spellcheck="false" required
                        aria-invalid=move || confirm_error().is_some().to_string() aria-describedby="confirm-slug-error" />
                    <p id="confirm-slug-error" class="field-error" role="alert">{confirm_error}</p>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button secondary danger" disabled=move || delete.pending().get()>
                        {move || i18n.t().delete_for_good}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
