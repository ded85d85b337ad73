//! SQL for sites and pages. Every statement names the tenant, and runs in a transaction whose
//! `app.tenant_id` RLS checks as well.
use super::blocks::{BlockInput, BlockKind};
use super::domain::{Theme, ValidPageLocale, ValidSite};
use super::{PageLocaleView, PageRow, ParentOption, SiteDetail, SiteSummary};
use crate::ids::{BlockId, FieldTextId, MediaId, PageId, PageLocaleId, SiteId, TenantId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};

/// Page list size.
pub(crate) const PER_PAGE: i64 = 50;

pub(crate) async fn list_sites(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<SiteSummary>> {
    sqlx::query_as!(
        SiteSummary,
        // language=PostgreSQL
        r#"
            select s.site_id "site_id: SiteId", s.name, s.default_locale, s.enabled_locales,
                   (select count(*) from page p where p.site_id = s.site_id and p.deleted_at is null) "pages!"
            from site s
            where s.tenant_id = $1
            order by s.created_at
        "#,
        tenant_id as TenantId
    )
    .fetch_all(db)
    .await
}

pub(crate) async fn insert_site(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    s: &ValidSite,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into site (site_id, tenant_id, name, domains, default_locale, enabled_locales, pages_project, theme)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
        "#,
        site_id as SiteId,
        tenant_id as TenantId,
        s.name,
        &s.domains,
        s.default_locale,
        &s.enabled_locales,
        s.pages_project.as_deref(),
        serde_json::to_value(&s.theme).unwrap_or_default()
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Saves the settings. The legal pages must be pages of this site (checked by the caller).
pub(crate) async fn update_site(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    s: &ValidSite,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"
            update site
            set name = $3, domains = $4, default_locale = $5, enabled_locales = $6, pages_project = $7,
                theme = $8, impressum_page_id = $9, privacy_page_id = $10
            where tenant_id = $1 and site_id = $2
        "#,
        tenant_id as TenantId,
        site_id as SiteId,
        s.name,
        &s.domains,
        s.default_locale,
        &s.enabled_locales,
        s.pages_project.as_deref(),
        serde_json::to_value(&s.theme).unwrap_or_default(),
        s.impressum_page.map(|p| p.0),
        s.privacy_page.map(|p| p.0)
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1)
}

pub(crate) async fn site_detail(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
) -> sqlx::Result<Option<SiteDetail>> {
    let row = sqlx::query!(
        // language=PostgreSQL
        r#"
            select s.site_id "site_id: SiteId", s.name, s.domains, s.default_locale, s.enabled_locales,
                   s.pages_project, s.theme, s.impressum_page_id "impressum_page_id: PageId",
                   s.privacy_page_id "privacy_page_id: PageId",
                   exists (select from page p where p.page_id = s.impressum_page_id and p.deleted_at is null) "impressum_live!",
                   exists (select from page p where p.page_id = s.privacy_page_id and p.deleted_at is null) "privacy_live!",
                   array(select f.locale from field_text f where f.record_id = s.site_id and f.field = 'footer'
                         order by f.locale) "footer_locales!",
                   array(select f.value from field_text f where f.record_id = s.site_id and f.field = 'footer'
                         order by f.locale) "footer_values!",
                   s.logo_media_id "logo: MediaId"
            from site s
            where s.tenant_id = $1 and s.site_id = $2
        "#,
        tenant_id as TenantId,
        site_id as SiteId
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let german = r.enabled_locales.iter().any(|l| l == "de");
        let mut legal_missing = Vec::new();
        if german && !r.impressum_live {
            legal_missing.push("impressum".to_owned());
        }
        if german && !r.privacy_live {
            legal_missing.push("privacy".to_owned());
        }
        SiteDetail {
            site_id: r.site_id,
            name: r.name,
            domains: r.domains,
            default_locale: r.default_locale,
            enabled_locales: r.enabled_locales,
            pages_project: r.pages_project,
            theme: serde_json::from_value::<Theme>(r.theme).unwrap_or_default(),
            impressum_page: r.impressum_page_id,
            privacy_page: r.privacy_page_id,
            legal_missing,
            footer: r.footer_locales.into_iter().zip(r.footer_values).collect(),
            logo: r.logo,
            logo_item: None,
        }
    }))
}

/// Sets or removes the site's logo.
pub(crate) async fn set_site_logo(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    logo: Option<MediaId>,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update site set logo_media_id = $3
            where tenant_id = $1 and site_id = $2 and logo_media_id is distinct from $3
        "#,
        tenant_id as TenantId,
        site_id as SiteId,
        logo as Option<MediaId>
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether the page is a page of this site, not in the trash (legal pages, parents).
pub(crate) async fn page_in_site(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    page_id: PageId,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"select exists (select from page where tenant_id = $1 and site_id = $2 and page_id = $3 and deleted_at is null) "e!""#,
        tenant_id as TenantId,
        site_id as SiteId,
        page_id as PageId
    )
    .fetch_one(db)
    .await
}

/// `%words%` for ILIKE, with the wildcards of the search text taken literally.
fn like_pattern(q: &str) -> String {
    let escaped = q
        .trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The site's pages (not in the trash) in tree order, filtered, one screenful. Titles and paths in
/// `locale`.
///
/// One flat, indexed query for the whole site, then the tree order in Rust: a recursive query let the
/// planner pick nested loops over the work table once statistics existed (hundreds of ms for 1,000
/// pages); this stays a few ms however the statistics look.
pub(crate) async fn page_tree(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    locale: &str,
    q: &str,
    status: &str,
    page: i64,
) -> sqlx::Result<(Vec<PageRow>, i64)> {
    let nodes = site_nodes(tx, tenant_id, site_id, locale).await?;
    let ordered = tree_order(&nodes);
    let needle = q.trim().to_lowercase();
    let matching: Vec<&(usize, i32, String)> = ordered
        .iter()
        .filter(|(i, _, _)| {
            let n = &nodes[*i];
            (status.is_empty() || n.status == status)
                && (needle.is_empty()
                    || n.slug.to_lowercase().contains(&needle)
                    || n.title
                        .as_deref()
                        .is_some_and(|t| t.to_lowercase().contains(&needle)))
        })
        .collect();
    let total = matching.len() as i64;
    let shown: Vec<&(usize, i32, String)> = matching
        .into_iter()
        .skip((page.max(0) * PER_PAGE) as usize)
        .take(PER_PAGE as usize)
        .collect();
    // The details of the rows shown: their languages, and a title from another language where the
    // page has none in this one.
    let ids: Vec<uuid::Uuid> = shown.iter().map(|(i, _, _)| nodes[*i].page_id.0).collect();
    let extra = sqlx::query!(
        // language=PostgreSQL
        r#"
            select p.page_id "page_id: PageId",
                   array(select x.locale from page_locale x where x.page_id = p.page_id order by x.locale) "locales!",
                   (select f.value from field_text f
                    where f.record_id = p.page_id and f.field = 'title' order by f.locale limit 1) "any_title?"
            from page p
            where p.tenant_id = $1 and p.page_id = any($2)
        "#,
        tenant_id as TenantId,
        &ids
    )
    .fetch_all(&mut **tx)
    .await?;
    let rows = shown
        .into_iter()
        .map(|(i, depth, path)| {
            let n = &nodes[*i];
            let more = extra.iter().find(|e| e.page_id == n.page_id);
            PageRow {
                page_id: n.page_id,
                parent_id: n.parent_id,
                depth: *depth,
                title: n
                    .title
                    .clone()
                    .or_else(|| more.and_then(|m| m.any_title.clone()))
                    .unwrap_or_default(),
                slug: n.slug.clone(),
                path: path.clone(),
                status: n.status.clone(),
                show_in_menu: n.show_in_menu,
                locales: more.map(|m| m.locales.clone()).unwrap_or_default(),
                children: nodes
                    .iter()
                    .filter(|c| c.parent_id == Some(n.page_id))
                    .count() as i64,
                updated_at: n.updated_at,
                deleted_at: None,
            }
        })
        .collect();
    Ok((rows, total))
}

/// Every page of the site that is not in the trash, with its slug and title in `locale`: one flat
/// query (two index lookups per page).
pub(crate) async fn site_nodes(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    locale: &str,
) -> sqlx::Result<Vec<TreeNode>> {
    let all = sqlx::query!(
        // language=PostgreSQL
        r#"
            select p.page_id "page_id: PageId", p.parent_id "parent_id: PageId", p.position, p.status,
                   p.show_in_menu, p.updated_at,
                   (select l.slug from page_locale l where l.page_id = p.page_id and l.locale = $3) "slug?",
                   (select f.value from field_text f
                    where f.record_id = p.page_id and f.field = 'title' and f.locale = $3) "title?"
            from page p
            where p.tenant_id = $1 and p.site_id = $2 and p.deleted_at is null
        "#,
        tenant_id as TenantId,
        site_id as SiteId,
        locale
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(all
        .into_iter()
        .map(|r| TreeNode {
            page_id: r.page_id,
            parent_id: r.parent_id,
            position: r.position,
            status: r.status,
            show_in_menu: r.show_in_menu,
            updated_at: r.updated_at,
            slug: r.slug.unwrap_or_default(),
            title: r.title,
        })
        .collect())
}

/// A page as the tree order needs it.
pub(crate) struct TreeNode {
    pub page_id: PageId,
    pub parent_id: Option<PageId>,
    pub position: i32,
    pub status: String,
    pub show_in_menu: bool,
    pub updated_at: DateTime<Utc>,
    pub slug: String,
    pub title: Option<String>,
}

/// Depth-first order (siblings by position, then id): (index into `nodes`, depth, path). A page whose
/// parent is not among `nodes` counts as top level, so that nothing is ever hidden.
pub(crate) fn tree_order(nodes: &[TreeNode]) -> Vec<(usize, i32, String)> {
    use std::collections::HashMap;
    let known: std::collections::HashSet<PageId> = nodes.iter().map(|n| n.page_id).collect();
    let mut children: HashMap<Option<PageId>, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let parent = n.parent_id.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(i);
    }
    for list in children.values_mut() {
        list.sort_by_key(|i| (nodes[*i].position, nodes[*i].page_id));
    }
    let mut out = Vec::with_capacity(nodes.len());
    // An explicit stack (no recursion depth limit): (index, depth, parent path).
    let mut stack: Vec<(usize, i32, String)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|i| (*i, 0, String::new())).collect())
        .unwrap_or_default();
    while let Some((i, depth, parent_path)) = stack.pop() {
        let path = format!("{parent_path}/{}", nodes[i].slug);
        if let Some(kids) = children.get(&Some(nodes[i].page_id)) {
            for k in kids.iter().rev() {
                stack.push((*k, depth + 1, path.clone()));
            }
        }
        out.push((i, depth, path));
    }
    out
}

/// The site's pages in the trash, newest first, one screenful.
pub(crate) async fn trash(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    locale: &str,
    q: &str,
    page: i64,
) -> sqlx::Result<(Vec<PageRow>, i64)> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select p.page_id "page_id: PageId", p.parent_id "parent_id: PageId",
                   coalesce(ft.value, (select f.value from field_text f
                                       where f.record_id = p.page_id and f.field = 'title' order by f.locale limit 1), '') "title!",
                   coalesce(l.slug, '') "slug!", p.status, p.show_in_menu,
                   array(select x.locale from page_locale x where x.page_id = p.page_id order by x.locale) "locales!",
                   p.updated_at, p.deleted_at, count(*) over () "total!"
            from page p
            left join page_locale l on l.page_id = p.page_id and l.locale = $3
            left join field_text ft on ft.record_id = p.page_id and ft.field = 'title' and ft.locale = $3
            where p.tenant_id = $1 and p.site_id = $2 and p.deleted_at is not null
              and ($4 = '%%' or ft.value ilike $4 or l.slug ilike $4)
            order by p.deleted_at desc, p.page_id
            limit $5 offset $6
        "#,
        tenant_id as TenantId,
        site_id as SiteId,
        locale,
        like_pattern(q),
        PER_PAGE,
        page.max(0) * PER_PAGE
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |r| r.total);
    Ok((
        rows.into_iter()
            .map(|r| PageRow {
                page_id: r.page_id,
                parent_id: r.parent_id,
                depth: 0,
                path: format!("/{}", r.slug),
                title: r.title,
                slug: r.slug,
                status: r.status,
                show_in_menu: r.show_in_menu,
                locales: r.locales,
                children: 0,
                updated_at: r.updated_at,
                deleted_at: r.deleted_at,
            })
            .collect(),
        total,
    ))
}

/// A new page at the end of its parent's children (or of the top level).
pub(crate) async fn insert_page(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    page_id: PageId,
    parent_id: Option<PageId>,
    user_id: UserId,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into page (page_id, tenant_id, site_id, parent_id, position, created_by, updated_by)
            values ($1, $2, $3, $4,
                    coalesce((select max(position) + 1 from page
                              where tenant_id = $2 and site_id = $3 and parent_id is not distinct from $4), 0),
                    $5, $5)
        "#,
        page_id as PageId,
        tenant_id as TenantId,
        site_id as SiteId,
        parent_id.map(|p| p.0),
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a page's texts in one language: its slug (`page_locale`) and its fields (`field_text`).
pub(crate) async fn upsert_page_locale(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    page_id: PageId,
    l: &ValidPageLocale,
    user_id: UserId,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into page_locale (page_locale_id, tenant_id, site_id, page_id, locale, slug, social_image_id)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (page_id, locale) do update set slug = excluded.slug, social_image_id = excluded.social_image_id
            where (page_locale.slug, page_locale.social_image_id) is distinct from (excluded.slug, excluded.social_image_id)
        "#,
        PageLocaleId::new() as PageLocaleId,
        tenant_id as TenantId,
        site_id as SiteId,
        page_id as PageId,
        l.locale,
        l.slug,
        l.social_image as Option<MediaId>
    )
    .execute(&mut **tx)
    .await?;
    for (field, value) in [
        ("title", &l.title),
        ("seo_title", &l.seo_title),
        ("seo_description", &l.seo_description),
    ] {
        set_field_text(tx, tenant_id, page_id.0, field, &l.locale, value, user_id).await?;
    }
    Ok(())
}

/// One translatable field in one language; an empty value removes it. Unchanged values write nothing
/// (no audit row, no new `updated_at`).
pub(crate) async fn set_field_text(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    record_id: uuid::Uuid,
    field: &str,
    locale: &str,
    value: &str,
    user_id: UserId,
) -> sqlx::Result<()> {
    if value.is_empty() {
        sqlx::query!(
            // language=PostgreSQL
            r#"delete from field_text where tenant_id = $1 and record_id = $2 and field = $3 and locale = $4"#,
            tenant_id as TenantId,
            record_id,
            field,
            locale
        )
        .execute(&mut **tx)
        .await?;
    } else {
        sqlx::query!(
            // language=PostgreSQL
            r#"
                insert into field_text (field_text_id, tenant_id, record_id, field, locale, value, updated_by)
                values ($1, $2, $3, $4, $5, $6, $7)
                on conflict (record_id, field, locale) do update set value = excluded.value, updated_by = excluded.updated_by
                where field_text.value is distinct from excluded.value
            "#,
            FieldTextId::new() as FieldTextId,
            tenant_id as TenantId,
            record_id,
            field,
            locale,
            value,
            user_id as UserId
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Takes a page out of one language: its slug and its texts there.
pub(crate) async fn remove_page_locale(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    locale: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from page_locale where tenant_id = $1 and page_id = $2 and locale = $3"#,
        tenant_id as TenantId,
        page_id as PageId,
        locale
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from field_text where tenant_id = $1 and record_id = $2 and locale = $3"#,
        tenant_id as TenantId,
        page_id.0,
        locale
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) struct PageHead {
    pub site_id: SiteId,
    pub site_name: String,
    pub parent_id: Option<PageId>,
    pub status: String,
    pub show_in_menu: bool,
    pub version: i32,
    pub default_locale: String,
    pub enabled_locales: Vec<String>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<UserId>,
    pub updated_by_name: Option<String>,
    pub deleted: bool,
}

/// The page with its site's languages; `lock` first takes the row lock a save needs (one more
/// statement, so that reads and writes share one query).
pub(crate) async fn page_head(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    lock: bool,
) -> sqlx::Result<Option<PageHead>> {
    if lock {
        sqlx::query!(
            // language=PostgreSQL
            r#"select from page where tenant_id = $1 and page_id = $2 for update"#,
            tenant_id as TenantId,
            page_id as PageId
        )
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query_as!(
        PageHead,
        // language=PostgreSQL
        r#"
            select p.site_id "site_id: SiteId", s.name site_name, p.parent_id "parent_id: PageId", p.status,
                   p.show_in_menu, p.version, s.default_locale, s.enabled_locales, p.updated_at,
                   p.updated_by "updated_by: UserId",
                   (select coalesce(nullif(u.display_name, ''), u.email::text) from "user" u where u.user_id = p.updated_by) updated_by_name,
                   p.deleted_at is not null "deleted!"
            from page p
            join site s on s.site_id = p.site_id
            where p.tenant_id = $1 and p.page_id = $2
        "#,
        tenant_id as TenantId,
        page_id as PageId
    )
    .fetch_optional(&mut **tx)
    .await
}

impl PageHead {
    /// What a save on top of an older version answers: who saved the current one, and when.
    pub(crate) fn conflict(self) -> super::SaveOutcome {
        super::SaveOutcome::Conflict {
            version: self.version,
            by: self.updated_by_name,
            by_user: self.updated_by,
            at: self.updated_at,
        }
    }
}

/// The page's texts per language, for every language of its site (empty where the page has none).
pub(crate) async fn page_locales(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    site_locales: &[String],
) -> sqlx::Result<Vec<PageLocaleView>> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select loc "locale!", l.slug "slug?", l.social_image_id "social_image?: MediaId",
                   (select value from field_text f where f.record_id = $2 and f.field = 'title' and f.locale = loc) "title?",
                   (select value from field_text f where f.record_id = $2 and f.field = 'seo_title' and f.locale = loc) "seo_title?",
                   (select value from field_text f where f.record_id = $2 and f.field = 'seo_description' and f.locale = loc) "seo_description?"
            from unnest($3::text[]) with ordinality as x(loc, n)
            left join page_locale l on l.tenant_id = $1 and l.page_id = $2 and l.locale = loc
            order by n
        "#,
        tenant_id as TenantId,
        page_id as PageId,
        site_locales
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PageLocaleView {
            locale: r.locale,
            present: r.slug.is_some(),
            slug: r.slug.unwrap_or_default(),
            title: r.title.unwrap_or_default(),
            seo_title: r.seo_title.unwrap_or_default(),
            seo_description: r.seo_description.unwrap_or_default(),
            social_image: r.social_image,
        })
        .collect())
}

/// Page-level settings and the next version; returns that version and the time of the save.
pub(crate) async fn update_page_head(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    status: &str,
    show_in_menu: bool,
    user_id: UserId,
) -> sqlx::Result<(i32, DateTime<Utc>)> {
    // `updated_at` is set by the trigger; `now()` is the same instant within the transaction.
    let row = sqlx::query!(
        // language=PostgreSQL
        r#"
            update page set status = $3, show_in_menu = $4, version = version + 1, updated_by = $5
            where tenant_id = $1 and page_id = $2
            returning version, now() "at!"
        "#,
        tenant_id as TenantId,
        page_id as PageId,
        status,
        show_in_menu,
        user_id as UserId
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok((row.version, row.at))
}

/// The pages under `parent` (or the top level), in order, locked for a move.
pub(crate) async fn siblings_for_update(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    parent_id: Option<PageId>,
) -> sqlx::Result<Vec<(PageId, i32)>> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select page_id "page_id: PageId", position from page
            where tenant_id = $1 and site_id = $2 and parent_id is not distinct from $3 and deleted_at is null
            order by position, page_id
            for update
        "#,
        tenant_id as TenantId,
        site_id as SiteId,
        parent_id.map(|p| p.0)
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|r| (r.page_id, r.position)).collect())
}

pub(crate) async fn set_parent_and_position(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    parent_id: Option<PageId>,
    position: i32,
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"
            update page set parent_id = $3, position = $4
            where tenant_id = $1 and page_id = $2
              and (parent_id is distinct from $3 or position is distinct from $4)
        "#,
        tenant_id as TenantId,
        page_id as PageId,
        parent_id.map(|p| p.0),
        position
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Puts the page and everything below it in the trash (one time stamp, so they come back together).
pub(crate) async fn trash_subtree(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"
            with recursive sub as (
                select page_id from page where tenant_id = $1 and page_id = $2 and deleted_at is null
                union all
                select c.page_id from page c join sub on c.parent_id = sub.page_id where c.deleted_at is null
            )
            update page set deleted_at = now() where tenant_id = $1 and page_id in (select page_id from sub)
        "#,
        tenant_id as TenantId,
        page_id as PageId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Takes the page out of the trash with what was trashed together with it below it. If its parent is
/// still in the trash, the page comes back at the top level.
pub(crate) async fn restore_subtree(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
) -> sqlx::Result<u64> {
    let restored = sqlx::query!(
        // language=PostgreSQL
        r#"
            with recursive sub as (
                select page_id, deleted_at from page where tenant_id = $1 and page_id = $2 and deleted_at is not null
                union all
                select c.page_id, c.deleted_at from page c join sub on c.parent_id = sub.page_id
                where c.deleted_at = sub.deleted_at
            )
            update page set deleted_at = null where tenant_id = $1 and page_id in (select page_id from sub)
        "#,
        tenant_id as TenantId,
        page_id as PageId
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if restored > 0 {
        sqlx::query!(
            // language=PostgreSQL
            r#"
                update page p set parent_id = null,
                    position = coalesce((select max(o.position) + 1 from page o
                                         where o.site_id = p.site_id and o.parent_id is null), 0)
                where p.tenant_id = $1 and p.page_id = $2
                  and exists (select from page parent where parent.page_id = p.parent_id and parent.deleted_at is not null)
            "#,
            tenant_id as TenantId,
            page_id as PageId
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(restored)
}

/// Where the page may move: the site's pages outside its own subtree, in tree order.
pub(crate) async fn parent_options(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    page_id: Option<PageId>,
    locale: &str,
) -> sqlx::Result<Vec<ParentOption>> {
    let nodes = site_nodes(tx, tenant_id, site_id, locale).await?;
    let mut out = Vec::new();
    // While inside the moved page's subtree: its depth.
    let mut skipping: Option<i32> = None;
    for (i, depth, _) in tree_order(&nodes) {
        if let Some(d) = skipping {
            if depth > d {
                continue;
            }
            skipping = None;
        }
        let n = &nodes[i];
        if Some(n.page_id) == page_id {
            skipping = Some(depth);
            continue;
        }
        out.push(ParentOption {
            page_id: n.page_id,
            title: n.title.clone().unwrap_or_else(|| n.slug.clone()),
            depth,
        });
    }
    Ok(out)
}

/// Whether another page of the site uses this slug in this language (the trash included).
pub(crate) async fn slug_taken(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    site_id: SiteId,
    locale: &str,
    slug: &str,
    page_id: PageId,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            select exists (select from page_locale
                           where tenant_id = $1 and site_id = $2 and locale = $3 and slug = $4 and page_id <> $5) "e!"
        "#,
        tenant_id as TenantId,
        site_id as SiteId,
        locale,
        slug,
        page_id as PageId
    )
    .fetch_one(db)
    .await
}

/// What the page is now, as a revision stores it.
pub(crate) async fn snapshot(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
) -> sqlx::Result<super::PageSnapshot> {
    let head = sqlx::query!(
        // language=PostgreSQL
        r#"select status, show_in_menu from page where tenant_id = $1 and page_id = $2"#,
        tenant_id as TenantId,
        page_id as PageId
    )
    .fetch_one(&mut **tx)
    .await?;
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select l.locale, l.slug, l.social_image_id "social_image: MediaId",
                   coalesce((select value from field_text f where f.record_id = l.page_id and f.field = 'title' and f.locale = l.locale), '') "title!",
                   coalesce((select value from field_text f where f.record_id = l.page_id and f.field = 'seo_title' and f.locale = l.locale), '') "seo_title!",
                   coalesce((select value from field_text f where f.record_id = l.page_id and f.field = 'seo_description' and f.locale = l.locale), '') "seo_description!"
            from page_locale l
            where l.tenant_id = $1 and l.page_id = $2
        "#,
        tenant_id as TenantId,
        page_id as PageId
    )
    .fetch_all(&mut **tx)
    .await?;
    let blocks = blocks(&mut **tx, tenant_id, page_id).await?;
    Ok(super::PageSnapshot {
        status: head.status,
        show_in_menu: head.show_in_menu,
        blocks: Some(blocks),
        locales: rows
            .into_iter()
            .map(|r| {
                (
                    r.locale,
                    super::LocaleSnapshot {
                        slug: r.slug,
                        title: r.title,
                        seo_title: r.seo_title,
                        seo_description: r.seo_description,
                        social_image: r.social_image,
                    },
                )
            })
            .collect(),
    })
}

/// Records what the page is now as its next revision (the caller holds the page's row lock).
pub(crate) async fn add_revision(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    version: i32,
    note: Option<&str>,
    user_id: UserId,
) -> sqlx::Result<()> {
    let snapshot = snapshot(tx, tenant_id, page_id).await?;
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into page_revision (page_revision_id, tenant_id, page_id, number, version, snapshot, note, created_by)
            values ($1, $2, $3,
                    coalesce((select max(number) from page_revision where page_id = $3), 0) + 1,
                    $4, $5, $6, $7)
        "#,
        crate::ids::PageRevisionId::new() as crate::ids::PageRevisionId,
        tenant_id as TenantId,
        page_id as PageId,
        version,
        serde_json::to_value(&snapshot).unwrap_or_default(),
        note,
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The page's revisions, newest first (at most 200).
pub(crate) async fn revisions(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    page_id: PageId,
) -> sqlx::Result<Vec<super::RevisionSummary>> {
    sqlx::query_as!(
        super::RevisionSummary,
        // language=PostgreSQL
        r#"
            select r.page_revision_id "revision_id: crate::ids::PageRevisionId", r.number,
                   (select coalesce(nullif(u.display_name, ''), u.email::text) from "user" u where u.user_id = r.created_by) "by",
                   r.created_at, r.note
            from page_revision r
            where r.tenant_id = $1 and r.page_id = $2
            order by r.number desc
            limit 200
        "#,
        tenant_id as TenantId,
        page_id as PageId
    )
    .fetch_all(db)
    .await
}

/// One revision of this page: its number and snapshot.
pub(crate) async fn revision(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    revision_id: crate::ids::PageRevisionId,
) -> sqlx::Result<Option<(i32, super::PageSnapshot)>> {
    let row = sqlx::query!(
        // language=PostgreSQL
        r#"
            select number, snapshot from page_revision
            where tenant_id = $1 and page_id = $2 and page_revision_id = $3
        "#,
        tenant_id as TenantId,
        page_id as PageId,
        revision_id as crate::ids::PageRevisionId
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        (
            r.number,
            serde_json::from_value(r.snapshot).unwrap_or_default(),
        )
    }))
}

/// The page's blocks in order, each with its texts in every language.
pub(crate) async fn blocks(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    page_id: PageId,
) -> sqlx::Result<Vec<BlockInput>> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select b.block_id "block_id: BlockId", b.kind, b.settings,
                   coalesce((select jsonb_agg(jsonb_build_object('locale', f.locale, 'field', f.field, 'value', f.value)
                                              order by f.field, f.locale)
                             from field_text f where f.tenant_id = b.tenant_id and f.record_id = b.block_id), '[]') "texts!"
            from block b
            where b.tenant_id = $1 and b.page_id = $2
            order by b.position
        "#,
        tenant_id as TenantId,
        page_id as PageId
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(BlockInput {
                block_id: r.block_id,
                kind: BlockKind::from_code(&r.kind)?,
                settings: serde_json::from_value(r.settings).unwrap_or_default(),
                texts: serde_json::from_value(r.texts).unwrap_or_default(),
            })
        })
        .collect())
}

/// Whether any of these block ids belongs to another page (of this tenant).
async fn blocks_elsewhere(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    ids: &[uuid::Uuid],
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"select exists (select from block where tenant_id = $1 and block_id = any($3) and page_id <> $2) "e!""#,
        tenant_id as TenantId,
        page_id as PageId,
        ids
    )
    .fetch_one(db)
    .await
}

/// Makes the page's blocks exactly `list` (checked and sanitized), in its order. Rows and texts that
/// did not change are not written, so the audit log and the translation state see only real edits.
/// `Ok(false)`, writing nothing, when an id in `list` belongs to another page: writing it would
/// change that page.
pub(crate) async fn replace_blocks(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    list: &[BlockInput],
    user_id: UserId,
) -> sqlx::Result<bool> {
    let ids: Vec<uuid::Uuid> = list.iter().map(|b| b.block_id.0).collect();
    if blocks_elsewhere(&mut **tx, tenant_id, page_id, &ids).await? {
        return Ok(false);
    }
    let positions: Vec<i32> = (0..list.len() as i32).collect();
    let kinds: Vec<String> = list.iter().map(|b| b.kind.code().to_owned()).collect();
    let settings: Vec<serde_json::Value> = list
        .iter()
        .map(|b| serde_json::to_value(&b.settings).unwrap_or_default())
        .collect();
    sqlx::query!(
        // language=PostgreSQL
        r#"delete from block where tenant_id = $1 and page_id = $2 and block_id <> all($3)"#,
        tenant_id as TenantId,
        page_id as PageId,
        &ids
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into block (block_id, tenant_id, page_id, position, kind, settings)
            select id, $2, $3, pos, kind, settings
            from unnest($1::uuid[], $4::int[], $5::text[], $6::jsonb[]) as t(id, pos, kind, settings)
            on conflict (block_id) do update
                set position = excluded.position, kind = excluded.kind, settings = excluded.settings
                where block.page_id = excluded.page_id
                  and (block.position, block.kind, block.settings) is distinct from (excluded.position, excluded.kind, excluded.settings)
        "#,
        &ids,
        tenant_id as TenantId,
        page_id as PageId,
        &positions,
        &kinds,
        &settings
    )
    .execute(&mut **tx)
    .await?;
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut locales = Vec::new();
    let mut values = Vec::new();
    let mut text_ids = Vec::new();
    for b in list {
        for t in &b.texts {
            records.push(b.block_id.0);
            fields.push(t.field.clone());
            locales.push(t.locale.clone());
            values.push(t.value.clone());
            text_ids.push(uuid::Uuid::now_v7());
        }
    }
    sqlx::query!(
        // language=PostgreSQL
        r#"
            delete from field_text f
            where f.tenant_id = $1 and f.record_id = any($2)
              and not exists (select from unnest($3::uuid[], $4::text[], $5::text[]) as t(r, fld, loc)
                              where t.r = f.record_id and t.fld = f.field and t.loc = f.locale)
        "#,
        tenant_id as TenantId,
        &ids,
        &records,
        &fields,
        &locales
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into field_text (field_text_id, tenant_id, record_id, field, locale, value, updated_by)
            select id, $2, r, fld, loc, val, $7
            from unnest($1::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) as t(id, r, fld, loc, val)
            on conflict (record_id, field, locale) do update set value = excluded.value, updated_by = excluded.updated_by
            where field_text.value is distinct from excluded.value
        "#,
        &text_ids,
        tenant_id as TenantId,
        &records,
        &fields,
        &locales,
        &values,
        user_id as UserId
    )
    .execute(&mut **tx)
    .await?;
    // Which files the blocks show (the foreign keys keep a file in use from being deleted).
    let refs: Vec<(uuid::Uuid, uuid::Uuid, i32)> = list
        .iter()
        .flat_map(|b| {
            b.settings
                .media
                .iter()
                .enumerate()
                .map(move |(i, m)| (b.block_id.0, m.0, i as i32))
        })
        .collect();
    crate::media::db::set_block_media(tx, tenant_id, &ids, &refs).await?;
    Ok(true)
}

/// Sets the texts of one language of the page's blocks from `list` (a revision): blocks the page
/// still has get that language's values back, other languages and the order stay as they are.
pub(crate) async fn restore_block_texts(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    page_id: PageId,
    list: &[BlockInput],
    locale: &str,
    user_id: UserId,
) -> sqlx::Result<()> {
    let mut now = blocks(&mut **tx, tenant_id, page_id).await?;
    for b in &mut now {
        b.texts.retain(|t| t.locale != locale);
        if let Some(old) = list
            .iter()
            .find(|o| o.block_id == b.block_id && o.kind == b.kind)
        {
            b.texts
                .extend(old.texts.iter().filter(|t| t.locale == locale).cloned());
        }
    }
    // The page's own blocks: never another page's.
    replace_blocks(tx, tenant_id, page_id, &now, user_id)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: u128, parent: Option<u128>, position: i32, slug: &str) -> TreeNode {
        TreeNode {
            page_id: PageId(uuid::Uuid::from_u128(id)),
            parent_id: parent.map(|p| PageId(uuid::Uuid::from_u128(p))),
            position,
            status: "draft".into(),
            show_in_menu: true,
            updated_at: Utc::now(),
            slug: slug.into(),
            title: None,
        }
    }

    #[test]
    fn the_tree_is_depth_first_by_position_with_paths() {
        let nodes = vec![
            node(1, None, 1, "b"),
            node(2, None, 0, "a"),
            node(3, Some(2), 5, "a2"),
            node(4, Some(2), 1, "a1"),
            node(5, Some(4), 0, "deep"),
            // parent unknown (e.g. in the trash): shown at the top, not lost
            node(6, Some(99), 7, "orphan"),
        ];
        let order: Vec<(String, i32)> = tree_order(&nodes)
            .into_iter()
            .map(|(_, depth, path)| (path, depth))
            .collect();
        assert_eq!(
            order,
            vec![
                ("/a".to_owned(), 0),
                ("/a/a1".to_owned(), 1),
                ("/a/a1/deep".to_owned(), 2),
                ("/a/a2".to_owned(), 1),
                ("/b".to_owned(), 0),
                ("/orphan".to_owned(), 0),
            ]
        );
    }
}
