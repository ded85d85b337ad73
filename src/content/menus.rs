//! Navigation menus: a header and a footer menu per site and language, each an ordered list of links
//! to pages of the site or to addresses.
use crate::error::AppError;
use crate::ids::{MenuItemId, PageId, SiteId, TenantId};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A menu item as the admin shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MenuItemView {
    pub menu_item_id: MenuItemId,
    /// What the site shows: the label, or the page's title in the menu's language.
    pub label: String,
    /// The label as entered (empty: the page title is used).
    pub own_label: String,
    pub page_id: Option<PageId>,
    pub url: Option<String>,
    /// The linked page has no address in the menu's language (the link would lead nowhere).
    pub page_missing: bool,
    /// The linked page is in the trash.
    pub page_trashed: bool,
}

/// Checks the menu and language against the site, and the link target: a page of this site, or an
/// address. Returns (page, url).
#[cfg(feature = "ssr")]
async fn check_item(
    tx: &mut sqlx::PgTransaction<'_>,
    tenant_id: TenantId,
    site: SiteId,
    label: &str,
    page: Option<String>,
    url: Option<String>,
) -> Result<(Option<PageId>, Option<String>), AppError> {
    use super::domain::{check_menu_url, codes};
    let page = page.filter(|p| !p.trim().is_empty());
    let url = url.filter(|u| !u.trim().is_empty());
    if label.chars().count() > 100 {
        return Err(AppError::field("label", codes::TEXT_TOO_LONG));
    }
    match (page, url) {
        (Some(page), _) => {
            let page: PageId = page
                .trim()
                .parse()
                .map_err(|_| AppError::NotFound("page".into()))?;
            if !super::db::page_in_site(&mut **tx, tenant_id, site, page).await? {
                return Err(AppError::NotFound("page".into()));
            }
            Ok((Some(page), None))
        }
        (None, Some(url)) => {
            let url = check_menu_url(&url)
                .ok_or_else(|| AppError::field("url", codes::MENU_URL_INVALID))?;
            if label.trim().is_empty() {
                return Err(AppError::field("label", codes::MENU_LABEL_REQUIRED));
            }
            Ok((None, Some(url)))
        }
        (None, None) => Err(AppError::field("page", codes::MENU_TARGET_REQUIRED)),
    }
}

#[cfg(feature = "ssr")]
fn check_menu(menu: &str) -> Result<(), AppError> {
    if super::domain::MENUS.contains(&menu) {
        Ok(())
    } else {
        Err(AppError::field("menu", "menu_invalid"))
    }
}

/// Anyone who may view the tenant: one menu of a site in one language, in order.
#[server(prefix = "/api", endpoint = "content/menus", input = GetUrl)]
pub async fn list_menu(
    tenant: TenantId,
    site: SiteId,
    menu: String,
    locale: String,
) -> Result<Vec<MenuItemView>, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    check_menu(&menu)?;
    let mut tx = ctx::begin_tenant(&member).await?;
    super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(|| AppError::NotFound("site".into()))?;
    let items = db::items(&mut *tx, member.tenant_id, site, &menu, &locale).await?;
    tx.commit().await?;
    Ok(items)
}

/// Editors and up: a new item at the end of a menu. `page` (an id) or `url` says where it leads; a
/// page link without a label shows the page's title.
#[server(prefix = "/api", endpoint = "content/menus/add")]
pub async fn add_menu_item(
    tenant: TenantId,
    site: SiteId,
    menu: String,
    locale: String,
    label: String,
    page: Option<String>,
    url: Option<String>,
) -> Result<MenuItemId, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    check_menu(&menu)?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let detail = super::db::site_detail(&mut *tx, member.tenant_id, site)
        .await?
        .ok_or_else(|| AppError::NotFound("site".into()))?;
    if !detail.enabled_locales.contains(&locale) {
        return Err(AppError::field(
            "locale",
            crate::tenants::domain::codes::LOCALE_UNSUPPORTED,
        ));
    }
    let label = label.trim().to_owned();
    let (page, url) = check_item(&mut tx, member.tenant_id, site, &label, page, url).await?;
    let id = MenuItemId::new();
    db::insert(
        &mut tx,
        member.tenant_id,
        site,
        id,
        &menu,
        &locale,
        &label,
        page,
        url.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Editors and up: moves an item before `before` (another item of the same menu), or to the end.
#[server(prefix = "/api", endpoint = "content/menus/move")]
pub async fn move_menu_item(
    tenant: TenantId,
    item: MenuItemId,
    before: Option<MenuItemId>,
) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let mut siblings = db::siblings_for_update(&mut tx, member.tenant_id, item)
        .await?
        .ok_or_else(|| AppError::NotFound("menu item".into()))?;
    siblings.retain(|id| *id != item);
    let at = before
        .and_then(|b| siblings.iter().position(|id| *id == b))
        .unwrap_or(siblings.len());
    siblings.insert(at, item);
    for (position, id) in siblings.into_iter().enumerate() {
        db::set_position(&mut tx, member.tenant_id, id, position as i32).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Editors and up: takes an item out of its menu.
#[server(prefix = "/api", endpoint = "content/menus/delete")]
pub async fn delete_menu_item(tenant: TenantId, item: MenuItemId) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    if !db::delete(&mut tx, member.tenant_id, item).await? {
        return Err(AppError::NotFound("menu item".into()));
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
mod db {
    use super::MenuItemView;
    use crate::ids::{MenuItemId, PageId, SiteId, TenantId};
    use sqlx::{PgExecutor, PgTransaction};

    pub(super) async fn items(
        db: impl PgExecutor<'_>,
        tenant_id: TenantId,
        site_id: SiteId,
        menu: &str,
        locale: &str,
    ) -> sqlx::Result<Vec<MenuItemView>> {
        sqlx::query_as!(
            MenuItemView,
            // language=PostgreSQL
            r#"
                select m.menu_item_id "menu_item_id: MenuItemId",
                       coalesce(nullif(m.label, ''),
                                (select f.value from field_text f where f.record_id = m.page_id and f.field = 'title'
                                 and f.locale = m.locale), '') "label!",
                       m.label own_label, m.page_id "page_id: PageId", m.url,
                       (m.page_id is not null and not exists (select from page_locale l
                                                               where l.page_id = m.page_id and l.locale = m.locale)) "page_missing!",
                       coalesce((select p.deleted_at is not null from page p where p.page_id = m.page_id), false) "page_trashed!"
                from menu_item m
                where m.tenant_id = $1 and m.site_id = $2 and m.menu = $3 and m.locale = $4
                order by m.position, m.menu_item_id
            "#,
            tenant_id as TenantId,
            site_id as SiteId,
            menu,
            locale
        )
        .fetch_all(db)
        .await
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) async fn insert(
        tx: &mut PgTransaction<'_>,
        tenant_id: TenantId,
        site_id: SiteId,
        id: MenuItemId,
        menu: &str,
        locale: &str,
        label: &str,
        page_id: Option<PageId>,
        url: Option<&str>,
    ) -> sqlx::Result<()> {
        sqlx::query!(
            // language=PostgreSQL
            r#"
                insert into menu_item (menu_item_id, tenant_id, site_id, menu, locale, position, label, page_id, url)
                values ($1, $2, $3, $4, $5,
                        coalesce((select max(position) + 1 from menu_item
                                  where tenant_id = $2 and site_id = $3 and menu = $4 and locale = $5), 0),
                        $6, $7, $8)
            "#,
            id as MenuItemId,
            tenant_id as TenantId,
            site_id as SiteId,
            menu,
            locale,
            label,
            page_id.map(|p| p.0),
            url
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The items of the item's menu, in order, locked; `None` if there is no such item here.
    pub(super) async fn siblings_for_update(
        tx: &mut PgTransaction<'_>,
        tenant_id: TenantId,
        item: MenuItemId,
    ) -> sqlx::Result<Option<Vec<MenuItemId>>> {
        let rows = sqlx::query_scalar!(
            // language=PostgreSQL
            r#"
                select o.menu_item_id "id: MenuItemId"
                from menu_item m
                join menu_item o on o.tenant_id = m.tenant_id and o.site_id = m.site_id and o.menu = m.menu
                                and o.locale = m.locale
                where m.tenant_id = $1 and m.menu_item_id = $2
                order by o.position, o.menu_item_id
                for update of o
            "#,
            tenant_id as TenantId,
            item as MenuItemId
        )
        .fetch_all(&mut **tx)
        .await?;
        Ok((!rows.is_empty()).then_some(rows))
    }

    pub(super) async fn set_position(
        tx: &mut PgTransaction<'_>,
        tenant_id: TenantId,
        item: MenuItemId,
        position: i32,
    ) -> sqlx::Result<()> {
        sqlx::query!(
            // language=PostgreSQL
            r#"update menu_item set position = $3 where tenant_id = $1 and menu_item_id = $2 and position <> $3"#,
            tenant_id as TenantId,
            item as MenuItemId,
            position
        )
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub(super) async fn delete(
        tx: &mut PgTransaction<'_>,
        tenant_id: TenantId,
        item: MenuItemId,
    ) -> sqlx::Result<bool> {
        Ok(sqlx::query!(
            // language=PostgreSQL
            r#"delete from menu_item where tenant_id = $1 and menu_item_id = $2"#,
            tenant_id as TenantId,
            item as MenuItemId
        )
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1)
    }
}
