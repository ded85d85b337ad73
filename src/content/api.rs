//! Server functions of the content slice. Each says who may call it; its first line checks that.
//! Ids of sites and pages come from the client and are only looked up inside the caller's tenant (RLS
//! and an explicit `tenant_id` in every statement), so a foreign id is simply not found.
use super::domain::{PageLocaleInput, SiteInput};
use super::{
    PageDetail, PageList, ParentOption, RevisionChange, RevisionSummary, SaveOutcome, SiteDetail,
    SiteSummary,
};
use crate::error::AppError;
use crate::ids::{PageId, PageRevisionId, SiteId, TenantId};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
fn site_not_found() -> AppError {
    AppError::NotFound("site".into())
}

#[cfg(feature = "ssr")]
fn page_not_found() -> AppError {
    AppError::NotFound("page".into())
}

/// Anyone who may view the tenant: its sites.
#[server(prefix = "/api", endpoint = "content/sites", input = GetUrl)]
pub async fn list_sites(tenant: TenantId) -> Result<Vec<SiteSummary>, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let list = super::db::list_sites(&mut *tx, member.tenant_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// Anyone who may view the tenant: a site's settings, and which legal pages it still lacks.
#[server(prefix = "/api", endpoint = "content/site", input = GetUrl)]
pub async fn load_site(tenant: TenantId, site: SiteId) -> Result<SiteDetail, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let mut detail = super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(site_not_found)?;
    if let Some(logo) = detail.logo {
        detail.logo_item = crate::media::db::items(&mut *tx, member.tenant_id, &[logo.0])
            .await?
            .pop();
    }
    tx.commit().await?;
    Ok(detail)
}

/// Owners and platform admins: a new site, in the tenant's languages.
#[server(prefix = "/api", endpoint = "content/sites/create")]
pub async fn create_site(tenant: TenantId, input: SiteInput) -> Result<SiteId, AppError> {
    use crate::error::ConstraintExt;
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditSettings).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let tenant_detail = crate::tenants::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    let mut site = input.validate(&tenant_detail.enabled_locales)?;
    // A new site has no pages yet to name as legal pages.
    site.impressum_page = None;
    site.privacy_page = None;
    let site_id = SiteId::new();
    super::db::insert_site(&mut tx, member.tenant_id, site_id, &site)
        .await
        .on_constraint("site_tenant_name_key", || {
            AppError::field("name", super::domain::codes::SITE_NAME_TAKEN)
        })?;
    tx.commit().await?;
    Ok(site_id)
}

/// Owners and platform admins: a site's settings.
#[server(prefix = "/api", endpoint = "content/sites/update")]
pub async fn update_site(tenant: TenantId, site: SiteId, input: SiteInput) -> Result<(), AppError> {
    use crate::error::{ConstraintExt, FieldErrors};
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditSettings).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(site_not_found)?;
    let tenant_detail = crate::tenants::db::tenant_detail(&mut *tx, member.tenant_id)
        .await?
        .ok_or_else(|| AppError::NotFound("tenant".into()))?;
    let valid = input.validate(&tenant_detail.enabled_locales)?;
    let mut errors = FieldErrors::new();
    for (field, page) in [
        ("impressum_page", valid.impressum_page),
        ("privacy_page", valid.privacy_page),
    ] {
        if let Some(page) = page
            && !super::db::page_in_site(&mut *tx, member.tenant_id, site, page).await?
        {
            errors.insert(
                field.to_owned(),
                vec![super::domain::codes::LEGAL_PAGE_INVALID.to_owned()],
            );
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    super::db::update_site(&mut tx, member.tenant_id, site, &valid)
        .await
        .on_constraint("site_tenant_name_key", || {
            AppError::field("name", super::domain::codes::SITE_NAME_TAKEN)
        })?;
    tx.commit().await?;
    Ok(())
}

/// Owners: sets the site's logo (a picture of the tenant's library) or removes it (`None`).
#[server(prefix = "/api", endpoint = "content/sites/logo")]
pub async fn set_site_logo(
    tenant: TenantId,
    site: SiteId,
    logo: Option<crate::ids::MediaId>,
) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditSettings).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(site_not_found)?;
    if let Some(m) = logo
        && crate::media::db::existing_pictures(&mut *tx, member.tenant_id, &[m.0])
            .await?
            .is_empty()
    {
        return Err(AppError::field("logo", crate::media::codes::MISSING));
    }
    super::db::set_site_logo(&mut tx, member.tenant_id, site, logo).await?;
    tx.commit().await?;
    Ok(())
}

/// Editors and up: the site's footer text in each language sent (plain text, at most 1,000
/// characters; empty removes it).
#[server(prefix = "/api", endpoint = "content/sites/footer")]
pub async fn save_site_footer(
    tenant: TenantId,
    site: SiteId,
    texts: Vec<super::domain::FooterInput>,
) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(site_not_found)?;
    for t in &texts {
        if !detail.enabled_locales.contains(&t.locale) {
            return Err(AppError::field(
                "locales",
                crate::tenants::domain::codes::LOCALE_UNSUPPORTED,
            ));
        }
        if t.text.chars().count() > 1000 {
            return Err(AppError::field(
                &format!("{}.footer", t.locale),
                super::domain::codes::TEXT_TOO_LONG,
            ));
        }
    }
    for t in &texts {
        super::db::set_field_text(
            &mut tx,
            member.tenant_id,
            site.0,
            "footer",
            &t.locale,
            t.text.trim(),
            member.user.user_id,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Anyone who may view the tenant: a site's pages in tree order (or its trash), searched by title
/// or slug (`q`), filtered by `status`, 50 a screen (`page`, 0-based).
#[server(prefix = "/api", endpoint = "content/pages", input = GetUrl)]
pub async fn list_pages(
    tenant: TenantId,
    site: SiteId,
    q: Option<String>,
    status: Option<String>,
    trash: Option<bool>,
    page: Option<i64>,
) -> Result<PageList, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let status = status.unwrap_or_default();
    if !["", "draft", "published"].contains(&status.as_str()) {
        return Err(AppError::field("status", "status_invalid"));
    }
    let q: String = q.unwrap_or_default().chars().take(200).collect();
    let page = page.unwrap_or(0).clamp(0, 100_000);
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(site_not_found)?;
    let (rows, total) = if trash.unwrap_or(false) {
        super::db::trash(
            &mut *tx,
            member.tenant_id,
            site,
            &detail.default_locale,
            &q,
            page,
        )
        .await?
    } else {
        super::db::page_tree(
            &mut tx,
            member.tenant_id,
            site,
            &detail.default_locale,
            &q,
            &status,
            page,
        )
        .await?
    };
    tx.commit().await?;
    Ok(PageList {
        rows,
        total,
        page,
        per_page: super::db::PER_PAGE,
    })
}

/// Editors and up: a new draft page in the site's default language, at the end of its parent's
/// children. Returns its id (the editor opens it next).
#[server(prefix = "/api", endpoint = "content/pages/create")]
pub async fn create_page(
    tenant: TenantId,
    site: SiteId,
    // A string, so that the form's "top level" choice (an empty value) means none.
    parent: Option<String>,
    title: String,
    slug: Option<String>,
) -> Result<PageId, AppError> {
    use crate::error::ConstraintExt;
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let parent = match parent.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(p.parse::<PageId>().map_err(|_| page_not_found())?),
    };
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(site_not_found)?;
    let texts = PageLocaleInput {
        locale: detail.default_locale.clone(),
        title,
        slug: slug.unwrap_or_default(),
        ..Default::default()
    }
    .validate(true)?
    .ok_or_else(|| AppError::field("title", super::domain::codes::PAGE_TITLE_REQUIRED))?;
    if let Some(parent) = parent
        && !super::db::page_in_site(&mut *tx, member.tenant_id, site, parent).await?
    {
        return Err(page_not_found());
    }
    let page_id = PageId::new();
    super::db::insert_page(
        &mut tx,
        member.tenant_id,
        site,
        page_id,
        parent,
        member.user.user_id,
    )
    .await?;
    super::db::upsert_page_locale(
        &mut tx,
        member.tenant_id,
        site,
        page_id,
        &texts,
        member.user.user_id,
    )
    .await
    .on_constraint("page_locale_slug_key", || {
        AppError::field("slug", super::domain::codes::PAGE_SLUG_TAKEN)
    })?;
    super::db::add_revision(
        &mut tx,
        member.tenant_id,
        page_id,
        1,
        None,
        member.user.user_id,
    )
    .await?;
    tx.commit().await?;
    Ok(page_id)
}

/// Anyone who may view the tenant: a page with its texts in every language of its site.
#[server(prefix = "/api", endpoint = "content/page", input = GetUrl)]
pub async fn load_page(tenant: TenantId, page: PageId) -> Result<PageDetail, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let head = super::db::page_head(&mut tx, member.tenant_id, page, false)
        .await?
        .ok_or_else(page_not_found)?;
    let locales =
        super::db::page_locales(&mut *tx, member.tenant_id, page, &head.enabled_locales).await?;
    let blocks = super::db::blocks(&mut *tx, member.tenant_id, page).await?;
    let ids: Vec<uuid::Uuid> = blocks
        .iter()
        .flat_map(|b| b.settings.media.iter().map(|m| m.0))
        .chain(locales.iter().filter_map(|l| l.social_image.map(|m| m.0)))
        .collect();
    let media = crate::media::db::items(&mut *tx, member.tenant_id, &ids).await?;
    tx.commit().await?;
    Ok(PageDetail {
        media,
        page_id: page,
        site_id: head.site_id,
        site_name: head.site_name,
        parent_id: head.parent_id,
        status: head.status,
        show_in_menu: head.show_in_menu,
        version: head.version,
        default_locale: head.default_locale,
        locales,
        blocks,
        updated_at: head.updated_at,
        updated_by: head.updated_by_name,
        deleted: head.deleted,
    })
}

/// Editors and up: saves a page's settings and its texts in every language sent, if nobody saved it
/// since `version`. Otherwise nothing is written and the answer says who saved when; sending again
/// with that newer version overwrites (after the editor confirmed it). A language sent with an empty
/// title and slug takes the page out of that language; the default language must stay. `blocks` is
/// the whole list of the page's blocks, in order (none sent: the page has none).
#[server(prefix = "/api", endpoint = "content/pages/save")]
pub async fn save_page(
    tenant: TenantId,
    page: PageId,
    version: i32,
    status: String,
    show_in_menu: bool,
    locales: Vec<PageLocaleInput>,
    #[server(default)] blocks: Vec<super::blocks::BlockInput>,
) -> Result<SaveOutcome, AppError> {
    use crate::error::{ConstraintExt, FieldErrors};
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let mut member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    if status == "published" {
        member = ctx::require_tenant(tenant, Permission::Publish).await?;
    } else if status != "draft" {
        return Err(AppError::field("status", "status_invalid"));
    }
    let mut tx = ctx::begin_tenant(&member).await?;
    let head = super::db::page_head(&mut tx, member.tenant_id, page, true)
        .await?
        .ok_or_else(page_not_found)?;
    if head.deleted {
        return Err(AppError::Conflict("page_in_trash".into()));
    }
    if head.version != version {
        return Ok(head.conflict());
    }
    // Check every language first and report all problems, each under `{locale}.{field}`.
    let mut errors = FieldErrors::new();
    let mut valid = Vec::new();
    let mut seen = Vec::new();
    for input in &locales {
        if !head.enabled_locales.contains(&input.locale) || seen.contains(&input.locale) {
            errors
                .entry("locales".to_owned())
                .or_default()
                .push(crate::tenants::domain::codes::LOCALE_UNSUPPORTED.to_owned());
            continue;
        }
        seen.push(input.locale.clone());
        match input.validate(input.locale == head.default_locale) {
            Ok(v) => valid.push((input.locale.clone(), v)),
            Err(AppError::Invalid(fields)) => {
                for (field, codes) in fields {
                    errors.insert(format!("{}.{field}", input.locale), codes);
                }
            }
            Err(other) => return Err(other),
        }
    }
    if !seen.contains(&head.default_locale) {
        errors.insert(
            format!("{}.title", head.default_locale),
            vec![super::domain::codes::DEFAULT_LOCALE_REQUIRED.to_owned()],
        );
    }
    for (locale, v) in &valid {
        if let Some(v) = v
            && super::db::slug_taken(
                &mut *tx,
                member.tenant_id,
                head.site_id,
                locale,
                &v.slug,
                page,
            )
            .await?
        {
            errors.insert(
                format!("{locale}.slug"),
                vec![super::domain::codes::PAGE_SLUG_TAKEN.to_owned()],
            );
        }
    }
    let mut blocks = match super::blocks::validate_blocks(&blocks, &head.enabled_locales) {
        Ok(blocks) => blocks,
        Err(block_errors) => {
            for (key, mut codes) in block_errors {
                errors.entry(key).or_default().append(&mut codes);
            }
            Vec::new()
        }
    };
    // Pictures must be the tenant's own images or SVGs.
    let wanted: Vec<uuid::Uuid> = blocks
        .iter()
        .flat_map(|b| b.settings.media.iter().map(|m| m.0))
        .chain(
            valid
                .iter()
                .filter_map(|(_, v)| v.as_ref().and_then(|v| v.social_image).map(|m| m.0)),
        )
        .collect();
    if !wanted.is_empty() {
        use crate::media::codes::MISSING;
        let have = crate::media::db::existing_pictures(&mut *tx, member.tenant_id, &wanted).await?;
        for b in &blocks {
            if b.settings.media.iter().any(|m| !have.contains(m)) {
                errors.insert(format!("block.{}.media", b.block_id), vec![MISSING.into()]);
            }
        }
        for (locale, v) in &valid {
            if let Some(m) = v.as_ref().and_then(|v| v.social_image)
                && !have.contains(&m)
            {
                errors.insert(format!("{locale}.social_image"), vec![MISSING.into()]);
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    for b in &mut blocks {
        for t in &mut b.texts {
            if b.kind.text_field(&t.field).is_some_and(|f| f.rich) {
                t.value = crate::render::clean_rich_text(&t.value);
            }
        }
    }
    if !super::db::replace_blocks(
        &mut tx,
        member.tenant_id,
        page,
        &blocks,
        member.user.user_id,
    )
    .await?
    {
        return Err(AppError::field(
            "blocks",
            super::blocks::codes::BLOCK_DUPLICATE,
        ));
    }
    for (locale, v) in &valid {
        match v {
            Some(v) => super::db::upsert_page_locale(
                &mut tx,
                member.tenant_id,
                head.site_id,
                page,
                v,
                member.user.user_id,
            )
            .await
            .on_constraint("page_locale_slug_key", || {
                AppError::field(
                    &format!("{locale}.slug"),
                    super::domain::codes::PAGE_SLUG_TAKEN,
                )
            })?,
            None => super::db::remove_page_locale(&mut tx, member.tenant_id, page, locale).await?,
        }
    }
    let (version, at) = super::db::update_page_head(
        &mut tx,
        member.tenant_id,
        page,
        &status,
        show_in_menu,
        member.user.user_id,
    )
    .await?;
    super::db::add_revision(
        &mut tx,
        member.tenant_id,
        page,
        version,
        None,
        member.user.user_id,
    )
    .await?;
    tx.commit().await?;
    Ok(SaveOutcome::Saved { version, at })
}

/// Editors and up: moves a page under `parent` (or to the top level), before the sibling `before`
/// (or last). A page cannot move below itself.
#[server(prefix = "/api", endpoint = "content/pages/move")]
pub async fn move_page(
    tenant: TenantId,
    page: PageId,
    parent: Option<PageId>,
    before: Option<PageId>,
) -> Result<(), AppError> {
    use crate::error::ConstraintExt;
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let head = super::db::page_head(&mut tx, member.tenant_id, page, true)
        .await?
        .ok_or_else(page_not_found)?;
    if head.deleted {
        return Err(AppError::Conflict("page_in_trash".into()));
    }
    if parent == Some(page) {
        return Err(AppError::field("parent", super::domain::codes::PAGE_CYCLE));
    }
    if let Some(parent) = parent
        && !super::db::page_in_site(&mut *tx, member.tenant_id, head.site_id, parent).await?
    {
        return Err(page_not_found());
    }
    let mut siblings: Vec<PageId> =
        super::db::siblings_for_update(&mut tx, member.tenant_id, head.site_id, parent)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .filter(|id| *id != page)
            .collect();
    let at = before
        .and_then(|b| siblings.iter().position(|id| *id == b))
        .unwrap_or(siblings.len());
    siblings.insert(at, page);
    for (position, id) in siblings.into_iter().enumerate() {
        super::db::set_parent_and_position(&mut tx, member.tenant_id, id, parent, position as i32)
            .await
            .on_constraint("page_no_cycle", || {
                AppError::field("parent", super::domain::codes::PAGE_CYCLE)
            })?;
    }
    tx.commit().await?;
    Ok(())
}

/// Editors and up: puts a page and everything below it in the trash.
#[server(prefix = "/api", endpoint = "content/pages/trash")]
pub async fn trash_page(tenant: TenantId, page: PageId) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    if super::db::trash_subtree(&mut tx, member.tenant_id, page).await? == 0 {
        return Err(page_not_found());
    }
    tx.commit().await?;
    Ok(())
}

/// Editors and up: takes a page (with what was trashed with it) out of the trash.
#[server(prefix = "/api", endpoint = "content/pages/restore")]
pub async fn restore_page(tenant: TenantId, page: PageId) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    if super::db::restore_subtree(&mut tx, member.tenant_id, page).await? == 0 {
        return Err(page_not_found());
    }
    tx.commit().await?;
    Ok(())
}

/// Anyone who may view the tenant: the pages of a site, in tree order, that `page` could move under
/// (all of them for a new page).
#[server(prefix = "/api", endpoint = "content/pages/parents", input = GetUrl)]
pub async fn page_parent_options(
    tenant: TenantId,
    site: SiteId,
    page: Option<PageId>,
) -> Result<Vec<ParentOption>, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(site_not_found)?;
    let list = super::db::parent_options(
        &mut tx,
        member.tenant_id,
        site,
        page,
        &detail.default_locale,
    )
    .await?;
    tx.commit().await?;
    Ok(list)
}

/// Anyone who may view the tenant: the page's revisions, newest first.
#[server(prefix = "/api", endpoint = "content/pages/revisions", input = GetUrl)]
pub async fn list_revisions(
    tenant: TenantId,
    page: PageId,
) -> Result<Vec<RevisionSummary>, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    super::db::page_head(&mut tx, member.tenant_id, page, false)
        .await?
        .ok_or_else(page_not_found)?;
    let list = super::db::revisions(&mut *tx, member.tenant_id, page).await?;
    tx.commit().await?;
    Ok(list)
}

/// Anyone who may view the tenant: what differs between two revisions of a page, field by field
/// (`older` to `newer`).
#[server(prefix = "/api", endpoint = "content/pages/revisions/compare", input = GetUrl)]
pub async fn compare_revisions(
    tenant: TenantId,
    page: PageId,
    older: PageRevisionId,
    newer: PageRevisionId,
) -> Result<Vec<RevisionChange>, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let not_found = || AppError::NotFound("revision".into());
    let (_, a) = super::db::revision(&mut *tx, member.tenant_id, page, older)
        .await?
        .ok_or_else(not_found)?;
    let (_, b) = super::db::revision(&mut *tx, member.tenant_id, page, newer)
        .await?
        .ok_or_else(not_found)?;
    tx.commit().await?;
    Ok(a.changes_to(&b))
}

/// Editors and up: brings back what a revision holds, in one language (`locale`) or in all of them
/// (empty), as a new save on top of `version`. A single language leaves the others and the page's
/// settings as they are. Like a save, it meets a conflict when someone saved since `version`.
#[server(prefix = "/api", endpoint = "content/pages/revisions/restore")]
pub async fn restore_revision(
    tenant: TenantId,
    page: PageId,
    revision: PageRevisionId,
    locale: Option<String>,
    version: i32,
) -> Result<SaveOutcome, AppError> {
    use crate::error::ConstraintExt;
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let head = super::db::page_head(&mut tx, member.tenant_id, page, true)
        .await?
        .ok_or_else(page_not_found)?;
    if head.deleted {
        return Err(AppError::Conflict("page_in_trash".into()));
    }
    let (number, snapshot) = super::db::revision(&mut *tx, member.tenant_id, page, revision)
        .await?
        .ok_or_else(|| AppError::NotFound("revision".into()))?;
    if head.version != version {
        return Ok(head.conflict());
    }
    let locale = locale.filter(|l| !l.trim().is_empty());
    let locales: Vec<String> = match &locale {
        Some(l) if head.enabled_locales.contains(l) => vec![l.clone()],
        Some(_) => {
            return Err(AppError::field(
                "locale",
                crate::tenants::domain::codes::LOCALE_UNSUPPORTED,
            ));
        }
        None => head.enabled_locales.clone(),
    };
    if snapshot.status == "published" && locale.is_none() {
        ctx::require_tenant(tenant, Permission::Publish).await?;
    }
    for l in &locales {
        match snapshot.locales.get(l) {
            Some(texts) => {
                if super::db::slug_taken(
                    &mut *tx,
                    member.tenant_id,
                    head.site_id,
                    l,
                    &texts.slug,
                    page,
                )
                .await?
                {
                    return Err(AppError::field(
                        &format!("{l}.slug"),
                        super::domain::codes::PAGE_SLUG_TAKEN,
                    ));
                }
                let valid = super::domain::ValidPageLocale {
                    locale: l.clone(),
                    title: texts.title.clone(),
                    slug: texts.slug.clone(),
                    seo_title: texts.seo_title.clone(),
                    seo_description: texts.seo_description.clone(),
                    // a file deleted since is left out
                    social_image: match texts.social_image {
                        Some(m) => {
                            crate::media::db::existing_pictures(&mut *tx, member.tenant_id, &[m.0])
                                .await?
                                .pop()
                        }
                        None => None,
                    },
                };
                super::db::upsert_page_locale(
                    &mut tx,
                    member.tenant_id,
                    head.site_id,
                    page,
                    &valid,
                    member.user.user_id,
                )
                .await
                .on_constraint("page_locale_slug_key", || {
                    AppError::field(&format!("{l}.slug"), super::domain::codes::PAGE_SLUG_TAKEN)
                })?;
            }
            // The revision did not have the page in this language; the default one always stays.
            None if *l != head.default_locale => {
                super::db::remove_page_locale(&mut tx, member.tenant_id, page, l).await?
            }
            None => {}
        }
    }
    // Blocks: all languages bring back the list as it was; one language only its texts, in the
    // blocks the page still has.
    if let Some(blocks) = &snapshot.blocks {
        let kept: Vec<super::blocks::BlockInput> = blocks
            .iter()
            .map(|b| {
                let mut b = b.clone();
                b.texts.retain(|t| head.enabled_locales.contains(&t.locale));
                b
            })
            .collect();
        match &locale {
            None => {
                if !super::db::replace_blocks(
                    &mut tx,
                    member.tenant_id,
                    page,
                    &kept,
                    member.user.user_id,
                )
                .await?
                {
                    return Err(AppError::Conflict("blocks_moved".into()));
                }
            }
            Some(l) => {
                super::db::restore_block_texts(
                    &mut tx,
                    member.tenant_id,
                    page,
                    &kept,
                    l,
                    member.user.user_id,
                )
                .await?
            }
        }
    }
    let (status, show_in_menu) = if locale.is_none() {
        (snapshot.status.clone(), snapshot.show_in_menu)
    } else {
        (head.status.clone(), head.show_in_menu)
    };
    let (version, at) = super::db::update_page_head(
        &mut tx,
        member.tenant_id,
        page,
        &status,
        show_in_menu,
        member.user.user_id,
    )
    .await?;
    let note = match &locale {
        Some(l) => format!("restored #{number} ({l})"),
        None => format!("restored #{number}"),
    };
    super::db::add_revision(
        &mut tx,
        member.tenant_id,
        page,
        version,
        Some(&note),
        member.user.user_id,
    )
    .await?;
    tx.commit().await?;
    Ok(SaveOutcome::Saved { version, at })
}
