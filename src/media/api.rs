//! The media library's server functions (the upload and the files themselves are plain HTTP routes,
//! see `http.rs`: they carry bytes, not JSON).
use super::{MediaDetail, MediaList, MediaText};
use crate::error::AppError;
use crate::ids::{MediaId, TenantId};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Files per page of the library.
pub const PER_PAGE: i64 = 48;

/// One page (0-based) of the library, newest first.
#[server(prefix = "/api", endpoint = "media/list", input = GetUrl)]
pub async fn list_media(
    tenant: TenantId,
    #[server(default)] query: String,
    #[server(default)] kind: String,
    #[server(default)] page: i64,
) -> Result<MediaList, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    if !matches!(kind.as_str(), "" | "image" | "svg" | "pdf" | "picture") {
        return Err(AppError::field("kind", "invalid"));
    }
    let query: String = query.trim().chars().take(100).collect();
    let page = page.clamp(0, 10_000);
    let mut tx = ctx::begin_tenant(&member).await?;
    let (items, total) = super::db::list(
        &mut tx,
        member.tenant_id,
        &query,
        &kind,
        PER_PAGE,
        page * PER_PAGE,
    )
    .await?;
    tx.commit().await?;
    Ok(MediaList {
        items,
        total,
        page,
        per_page: PER_PAGE,
        max_bytes: ctx::state()?.config.media_max_bytes as i64,
    })
}

#[server(prefix = "/api", endpoint = "media/detail", input = GetUrl)]
pub async fn get_media(tenant: TenantId, media: MediaId) -> Result<MediaDetail, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let item = super::db::item(&mut *tx, member.tenant_id, media)
        .await?
        .ok_or_else(|| AppError::NotFound("media".into()))?;
    let texts = super::db::texts(&mut *tx, member.tenant_id, media).await?;
    let locales = super::db::tenant_locales(&mut *tx, member.tenant_id).await?;
    let uses = super::db::uses(&mut *tx, member.tenant_id, media).await?;
    tx.commit().await?;
    Ok(MediaDetail {
        item,
        texts,
        locales,
        uses,
    })
}

/// Saves a file's focal point (percent from the left and the top) and its alt texts and captions.
/// Texts are given for every language the editor shows; an empty one removes that text.
#[server(prefix = "/api", endpoint = "media/save")]
pub async fn save_media(
    tenant: TenantId,
    media: MediaId,
    focal_x: i16,
    focal_y: i16,
    #[server(default)] texts: Vec<MediaText>,
) -> Result<(), AppError> {
    use super::{ALT_MAX, CAPTION_MAX, TEXT_FIELDS, codes};
    use crate::error::FieldErrors;
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut errors = FieldErrors::new();
    if !(0..=100).contains(&focal_x) || !(0..=100).contains(&focal_y) {
        errors.insert("focal".into(), vec![codes::FOCAL_INVALID.into()]);
    }
    let mut tx = ctx::begin_tenant(&member).await?;
    let item = super::db::item(&mut *tx, member.tenant_id, media)
        .await?
        .ok_or_else(|| AppError::NotFound("media".into()))?;
    let locales = super::db::tenant_locales(&mut *tx, member.tenant_id).await?;
    let mut clean: Vec<MediaText> = Vec::new();
    for t in texts {
        if !TEXT_FIELDS.contains(&t.field.as_str()) || !locales.contains(&t.locale) {
            return Err(AppError::BadRequest("unknown field or language".into()));
        }
        if clean
            .iter()
            .any(|c| c.field == t.field && c.locale == t.locale)
        {
            return Err(AppError::BadRequest("a text was sent twice".into()));
        }
        let value = t.value.trim().to_owned();
        let max = if t.field == "alt" {
            ALT_MAX
        } else {
            CAPTION_MAX
        };
        if value.chars().count() > max {
            errors.insert(
                format!("{}.{}", t.field, t.locale),
                vec![crate::content::domain::codes::TEXT_TOO_LONG.into()],
            );
        }
        clean.push(MediaText { value, ..t });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if item.kind == "image" || item.kind == "svg" {
        super::db::set_focal(&mut tx, member.tenant_id, media, focal_x, focal_y).await?;
    }
    for t in &clean {
        crate::content::db::set_field_text(
            &mut tx,
            member.tenant_id,
            media.0,
            &t.field,
            &t.locale,
            &t.value,
            member.user.user_id,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes a file that nothing uses. A file in use stays: `Conflict(media_in_use)`.
#[server(prefix = "/api", endpoint = "media/delete")]
pub async fn delete_media(tenant: TenantId, media: MediaId) -> Result<(), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let deleted = match super::db::delete(&mut tx, member.tenant_id, media).await {
        Ok(d) => d,
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("23503") => {
            return Err(AppError::Conflict(super::codes::IN_USE.into()));
        }
        Err(e) => return Err(e.into()),
    };
    let (sha256, ext, widths) = deleted.ok_or_else(|| AppError::NotFound("media".into()))?;
    tx.commit().await?;
    // The files go after the row, unless the same content was uploaded again meanwhile. A file left
    // by a failed removal is harmless (named by its content) and reused by the next such upload.
    let state = ctx::state()?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let again = super::db::id_by_hash(&mut *tx, member.tenant_id, &sha256).await?;
    tx.commit().await?;
    if again.is_some() {
        return Ok(());
    }
    super::http::remove_files(
        &state.config.data_dir,
        member.tenant_id,
        &sha256,
        &ext,
        &widths,
    )
    .await;
    Ok(())
}
