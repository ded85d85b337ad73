//! The media library's SQL. Every query names the tenant; RLS is the second wall.
use super::{MediaItem, MediaRender, MediaText, MediaUse};
use crate::ids::{MediaId, PageId, SiteId, TenantId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};

struct ItemRow {
    media_id: MediaId,
    tenant_id: TenantId,
    kind: String,
    mime: String,
    sha256: String,
    ext: String,
    file_name: String,
    byte_size: i64,
    width: Option<i32>,
    height: Option<i32>,
    focal_x: i16,
    focal_y: i16,
    variants_state: String,
    variant_widths: Vec<i32>,
    used_pages: i64,
    used_logos: i64,
    alt_missing: Vec<String>,
    created_at: DateTime<Utc>,
}

impl From<ItemRow> for MediaItem {
    fn from(r: ItemRow) -> Self {
        MediaItem {
            media_id: r.media_id,
            tenant_id: r.tenant_id,
            kind: r.kind,
            mime: r.mime,
            sha256: r.sha256,
            ext: r.ext,
            file_name: r.file_name,
            byte_size: r.byte_size,
            width: r.width,
            height: r.height,
            focal_x: r.focal_x,
            focal_y: r.focal_y,
            variants_state: r.variants_state,
            variant_widths: r.variant_widths,
            used: r.used_pages + r.used_logos,
            used_pages: r.used_pages,
            used_logos: r.used_logos,
            alt_missing: r.alt_missing,
            created_at: r.created_at,
        }
    }
}

/// A new file to record.
pub(crate) struct NewMedia<'a> {
    pub tenant_id: TenantId,
    pub sha256: &'a str,
    pub kind: &'a str,
    pub mime: &'a str,
    pub ext: &'a str,
    pub file_name: &'a str,
    pub byte_size: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub variants_state: &'a str,
    pub user_id: UserId,
}

/// Records a file; `None` when the tenant has this content already (same hash).
pub(crate) async fn insert(
    tx: &mut PgTransaction<'_>,
    m: &NewMedia<'_>,
) -> sqlx::Result<Option<MediaId>> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            insert into media (media_id, tenant_id, sha256, kind, mime, ext, file_name, byte_size, width, height,
                               variants_state, created_by)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (tenant_id, sha256) do nothing
            returning media_id "media_id: MediaId"
        "#,
        MediaId::new() as MediaId,
        m.tenant_id as TenantId,
        m.sha256,
        m.kind,
        m.mime,
        m.ext,
        m.file_name,
        m.byte_size,
        m.width,
        m.height,
        m.variants_state,
        m.user_id as UserId
    )
    .fetch_optional(&mut **tx)
    .await
}

pub(crate) async fn id_by_hash(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    sha256: &str,
) -> sqlx::Result<Option<MediaId>> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"select media_id "media_id: MediaId" from media where tenant_id = $1 and sha256 = $2"#,
        tenant_id as TenantId,
        sha256
    )
    .fetch_optional(db)
    .await
}

/// The item query: one file with its use count and the site languages lacking its alt text.
macro_rules! item_query {
    ($where:literal, $($arg:expr),*) => {
        sqlx::query_as!(
            ItemRow,
            // language=PostgreSQL
            r#"
            with locales as (select distinct unnest(enabled_locales) l from site where tenant_id = $1)
            select m.media_id "media_id: MediaId", m.tenant_id "tenant_id: TenantId", m.kind, m.mime, m.sha256,
                   m.ext, m.file_name, m.byte_size, m.width, m.height, m.focal_x, m.focal_y, m.variants_state,
                   m.variant_widths,
                   (select count(distinct x.page_id)
                    from (select b.page_id from block_media bm join block b on b.block_id = bm.block_id
                          where bm.media_id = m.media_id
                          union all
                          select pl.page_id from page_locale pl where pl.social_image_id = m.media_id) x) "used_pages!",
                   (select count(*) from site s where s.logo_media_id = m.media_id) "used_logos!",
                   case when m.kind = 'pdf' then '{}'::text[]
                        else array(select l from locales
                                   where not exists (select from field_text f
                                                     where f.record_id = m.media_id and f.field = 'alt'
                                                       and f.locale = l and f.value <> '')
                                   order by l) end "alt_missing!",
                   m.created_at
            from media m
            "# + $where,
            $($arg),*
        )
    };
}

/// One page of the library, newest first. `query` matches the file name or an alt text or caption;
/// `kind` is `image`, `svg`, `pdf`, `picture` (images and SVGs) or empty for all.
pub(crate) async fn list(
    conn: &mut sqlx::PgConnection,
    tenant_id: TenantId,
    query: &str,
    kind: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<MediaItem>, i64)> {
    let pattern = format!(
        "%{}%",
        query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let rows = item_query!(
        r#"
            where m.tenant_id = $1
              and ($2 = '%%' or m.file_name ilike $2
                   or exists (select from field_text f where f.tenant_id = $1 and f.record_id = m.media_id
                              and f.value ilike $2))
              and ($3 = '' or m.kind = $3 or ($3 = 'picture' and m.kind in ('image', 'svg')))
            order by m.created_at desc, m.media_id desc
            limit $4 offset $5
        "#,
        tenant_id as TenantId,
        &pattern,
        kind,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            select count(*) "n!" from media m
            where m.tenant_id = $1
              and ($2 = '%%' or m.file_name ilike $2
                   or exists (select from field_text f where f.tenant_id = $1 and f.record_id = m.media_id
                              and f.value ilike $2))
              and ($3 = '' or m.kind = $3 or ($3 = 'picture' and m.kind in ('image', 'svg')))
        "#,
        tenant_id as TenantId,
        &pattern,
        kind
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((rows.into_iter().map(Into::into).collect(), total))
}

pub(crate) async fn item(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    media_id: MediaId,
) -> sqlx::Result<Option<MediaItem>> {
    Ok(item_query!(
        r#"where m.tenant_id = $1 and m.media_id = $2"#,
        tenant_id as TenantId,
        media_id as MediaId
    )
    .fetch_optional(db)
    .await?
    .map(Into::into))
}

/// These files of the tenant (those that still exist).
pub(crate) async fn items(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    ids: &[uuid::Uuid],
) -> sqlx::Result<Vec<MediaItem>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(item_query!(
        r#"where m.tenant_id = $1 and m.media_id = any($2)"#,
        tenant_id as TenantId,
        ids
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Into::into)
    .collect())
}

pub(crate) async fn texts(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    media_id: MediaId,
) -> sqlx::Result<Vec<MediaText>> {
    sqlx::query_as!(
        MediaText,
        // language=PostgreSQL
        r#"
            select locale, field, value from field_text
            where tenant_id = $1 and record_id = $2 and field in ('alt', 'caption')
            order by field, locale
        "#,
        tenant_id as TenantId,
        media_id.0
    )
    .fetch_all(db)
    .await
}

/// The languages of the tenant's sites: the first site's default language first, then the rest in
/// the order the sites list them.
pub(crate) async fn tenant_locales(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
) -> sqlx::Result<Vec<String>> {
    let rows = sqlx::query!(
        // language=PostgreSQL
        r#"
            select default_locale, enabled_locales from site where tenant_id = $1 order by created_at, site_id
        "#,
        tenant_id as TenantId
    )
    .fetch_all(db)
    .await?;
    let mut out: Vec<String> = Vec::new();
    for r in rows {
        for l in std::iter::once(r.default_locale).chain(r.enabled_locales) {
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    Ok(out)
}

/// Where the file is used: blocks and social images of pages, logos of sites.
pub(crate) async fn uses(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    media_id: MediaId,
) -> sqlx::Result<Vec<MediaUse>> {
    sqlx::query_as!(
        MediaUse,
        // language=PostgreSQL
        r#"
            with used as (
                select distinct 'block' kind, b.page_id from block_media bm join block b on b.block_id = bm.block_id
                where bm.tenant_id = $1 and bm.media_id = $2
                union
                select distinct 'social_image', pl.page_id from page_locale pl
                where pl.tenant_id = $1 and pl.social_image_id = $2
            )
            select u.kind "kind!", p.site_id "site_id!: SiteId", u.page_id "page_id?: PageId",
                   coalesce((select f.value from field_text f join site s on s.site_id = p.site_id
                             where f.record_id = p.page_id and f.field = 'title'
                             order by f.locale = s.default_locale desc, f.locale limit 1), '') "label!"
            from used u join page p on p.page_id = u.page_id
            union all
            select 'logo', s.site_id, null, s.name from site s where s.tenant_id = $1 and s.logo_media_id = $2
            order by 4
        "#,
        tenant_id as TenantId,
        media_id as MediaId
    )
    .fetch_all(db)
    .await
}

pub(crate) async fn set_focal(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    media_id: MediaId,
    x: i16,
    y: i16,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"
            update media set focal_x = $3, focal_y = $4
            where tenant_id = $1 and media_id = $2 and (focal_x, focal_y) is distinct from ($3, $4)
        "#,
        tenant_id as TenantId,
        media_id as MediaId,
        x,
        y
    )
    .execute(&mut **tx)
    .await?
    .rows_affected()
        > 0)
}

/// Deletes the file's row; `Ok(false)` if it is in use (the foreign keys refuse), `None` if absent.
/// Returns the hash, extension and variant widths of what was deleted, to remove the files.
pub(crate) async fn delete(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    media_id: MediaId,
) -> sqlx::Result<Option<(String, String, Vec<i32>)>> {
    let row = sqlx::query!(
        // language=PostgreSQL
        r#"
            delete from media where tenant_id = $1 and media_id = $2
            returning sha256, ext, variant_widths
        "#,
        tenant_id as TenantId,
        media_id as MediaId
    )
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|r| (r.sha256, r.ext, r.variant_widths)))
}

/// Which of `ids` are pictures (images or SVGs) of the tenant.
pub(crate) async fn existing_pictures(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    ids: &[uuid::Uuid],
) -> sqlx::Result<Vec<MediaId>> {
    sqlx::query_scalar!(
        // language=PostgreSQL
        r#"
            select media_id "media_id: MediaId" from media
            where tenant_id = $1 and media_id = any($2) and kind in ('image', 'svg')
        "#,
        tenant_id as TenantId,
        ids
    )
    .fetch_all(db)
    .await
}

/// What rendering needs of these files, in `locale`.
pub(crate) async fn for_render(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    ids: &[uuid::Uuid],
    locale: &str,
) -> sqlx::Result<Vec<MediaRender>> {
    sqlx::query_as!(
        MediaRender,
        // language=PostgreSQL
        r#"
            select m.media_id "media_id: MediaId", m.sha256, m.ext, m.kind, m.width, m.height, m.focal_x, m.focal_y,
                   case when m.variants_state = 'ready' then m.variant_widths else '{}' end "variant_widths!",
                   coalesce((select value from field_text f where f.tenant_id = $1 and f.record_id = m.media_id
                             and f.field = 'alt' and f.locale = $3), '') "alt!",
                   coalesce((select value from field_text f where f.tenant_id = $1 and f.record_id = m.media_id
                             and f.field = 'caption' and f.locale = $3), '') "caption!"
            from media m
            where m.tenant_id = $1 and m.media_id = any($2)
        "#,
        tenant_id as TenantId,
        ids,
        locale
    )
    .fetch_all(db)
    .await
}

/// The file the variants job works on (`None` once deleted).
pub(crate) async fn for_variants(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    media_id: MediaId,
) -> sqlx::Result<Option<(String, String)>> {
    Ok(sqlx::query!(
        // language=PostgreSQL
        r#"select sha256, ext from media where tenant_id = $1 and media_id = $2 and kind = 'image'"#,
        tenant_id as TenantId,
        media_id as MediaId
    )
    .fetch_optional(db)
    .await?
    .map(|r| (r.sha256, r.ext)))
}

pub(crate) async fn set_variants(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    media_id: MediaId,
    state: &str,
    widths: &[i32],
) -> sqlx::Result<()> {
    sqlx::query!(
        // language=PostgreSQL
        r#"update media set variants_state = $3, variant_widths = $4 where tenant_id = $1 and media_id = $2"#,
        tenant_id as TenantId,
        media_id as MediaId,
        state,
        widths
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Makes the blocks' file references exactly `refs` (block, media, position) for these blocks.
/// References to files the tenant no longer has are skipped (an old revision may name one).
pub(crate) async fn set_block_media(
    tx: &mut PgTransaction<'_>,
    tenant_id: TenantId,
    blocks: &[uuid::Uuid],
    refs: &[(uuid::Uuid, uuid::Uuid, i32)],
) -> sqlx::Result<()> {
    let (b, m, p): (Vec<uuid::Uuid>, Vec<uuid::Uuid>, Vec<i32>) =
        refs.iter()
            .fold((vec![], vec![], vec![]), |(mut b, mut m, mut p), r| {
                b.push(r.0);
                m.push(r.1);
                p.push(r.2);
                (b, m, p)
            });
    sqlx::query!(
        // language=PostgreSQL
        r#"
            delete from block_media bm
            where bm.tenant_id = $1 and bm.block_id = any($2)
              and not exists (select from unnest($3::uuid[], $4::uuid[]) t(b, m) where t.b = bm.block_id and t.m = bm.media_id)
        "#,
        tenant_id as TenantId,
        blocks,
        &b,
        &m
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        // language=PostgreSQL
        r#"
            insert into block_media (tenant_id, block_id, media_id, position)
            select $1, t.b, t.m, t.p
            from unnest($2::uuid[], $3::uuid[], $4::int[]) t(b, m, p)
            join media on media.tenant_id = $1 and media.media_id = t.m
            on conflict (block_id, media_id) do update set position = excluded.position
            where block_media.position <> excluded.position
        "#,
        tenant_id as TenantId,
        &b,
        &m,
        &p
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
