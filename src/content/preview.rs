//! The preview of a page: the document publishing will make, in one language, as saved. Served at
//! `/preview/{tenant}/{page}/{locale}` to members of the tenant only, for the editor's frame.
use crate::error::AppError;
use crate::ids::{PageId, TenantId};
use crate::render::{PageDocument, render_page};
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Request, StatusCode, header};

/// What the site's scripts and frames may do inside the preview: its own stylesheet (and the theme's
/// `<style>`, by hash) and script, the embed players once a visitor agreed, and nothing that leaves
/// the admin otherwise.
fn preview_csp(theme_hash: &str) -> String {
    format!(
        "default-src 'none'; style-src 'self' {theme_hash}; script-src 'self'; img-src 'self' data:; \
         frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.google.com https://www.openstreetmap.org; \
         form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
    )
}

pub async fn preview(
    State(state): State<AppState>,
    Path((tenant, page, locale)): Path<(String, String, String)>,
    req: Request<Body>,
) -> Response {
    let (parts, _) = req.into_parts();
    let (Ok(tenant), Ok(page)) = (tenant.parse::<TenantId>(), page.parse::<PageId>()) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let result = crate::server::ctx::scoped(state, parts, document(tenant, page, &locale)).await;
    match result {
        Ok((html, theme_hash)) => {
            let mut res = html.into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Ok(csp) = HeaderValue::from_str(&preview_csp(&theme_hash)) {
                h.insert(header::CONTENT_SECURITY_POLICY, csp);
            }
            h.insert(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("SAMEORIGIN"),
            );
            res
        }
        Err(err) => {
            let status = match err {
                AppError::Unauthorized => StatusCode::UNAUTHORIZED,
                AppError::Forbidden => StatusCode::FORBIDDEN,
                AppError::NotFound(_) | AppError::Invalid(_) => StatusCode::NOT_FOUND,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            (status, status.canonical_reason().unwrap_or_default()).into_response()
        }
    }
}

/// Members who may view the tenant: the page as saved, in `locale` (one of the site's languages).
async fn document(
    tenant: TenantId,
    page: PageId,
    locale: &str,
) -> Result<(String, String), AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::View).await?;
    let mut tx = ctx::begin_tenant(&member).await?;
    let not_found = || AppError::NotFound("page".into());
    let head = super::db::page_head(&mut tx, member.tenant_id, page, false)
        .await?
        .ok_or_else(not_found)?;
    if !head.enabled_locales.iter().any(|l| l == locale) {
        return Err(not_found());
    }
    let texts = super::db::page_locales(
        &mut *tx,
        member.tenant_id,
        page,
        std::slice::from_ref(&locale.to_owned()),
    )
    .await?
    .pop()
    .ok_or_else(not_found)?;
    let site = super::db::site_detail(&mut *tx, member.tenant_id, head.site_id)
        .await?
        .ok_or_else(not_found)?;
    let blocks = super::db::blocks(&mut *tx, member.tenant_id, page).await?;
    let ids: Vec<uuid::Uuid> = blocks
        .iter()
        .flat_map(|b| b.settings.media.iter().map(|m| m.0))
        .chain(site.logo.map(|m| m.0))
        .chain(texts.social_image.map(|m| m.0))
        .collect();
    let media = if ids.is_empty() {
        Vec::new()
    } else {
        crate::media::db::for_render(&mut *tx, member.tenant_id, &ids, locale).await?
    };
    tx.commit().await?;
    let media_base = format!("/media/{}", member.tenant_id);
    let footer = site
        .footer
        .iter()
        .find(|(l, _)| l == locale)
        .map(|(_, t)| t.as_str())
        .unwrap_or_default();
    let html = render_page(&PageDocument {
        site_name: &site.name,
        locale,
        title: &texts.title,
        seo_title: &texts.seo_title,
        seo_description: &texts.seo_description,
        theme: &site.theme,
        blocks: &blocks,
        footer,
        assets: "/_site",
        media: crate::render::MediaSet {
            base: &media_base,
            items: &media,
        },
        logo: site.logo,
        social_image: texts.social_image,
    });
    Ok((html, crate::render::theme_css_hash(&site.theme)))
}
