//! The media routes that carry bytes: the upload (`POST /api/media/upload?tenant=…`, the file as
//! the body, its name in `X-File-Name`), the files (`GET /media/<tenant>/<file>`, members only), and
//! the job that makes the responsive variants.
use super::UploadOutcome;
use super::codes;
use super::process::{self, FileType};
use crate::error::AppError;
use crate::ids::{MediaId, TenantId};
use crate::server::jobs::JobError;
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{Path as UrlPath, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Request, StatusCode, header};
use serde::Deserialize;
use sha2::Digest;
use std::path::{Path, PathBuf};

pub const VARIANTS_JOB: &str = "media.variants";

/// The folder of a tenant's files.
pub fn tenant_dir(data_dir: &Path, tenant: TenantId) -> PathBuf {
    data_dir.join("media").join(tenant.to_string())
}

fn error_response(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(&err).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[derive(Deserialize)]
pub struct UploadQuery {
    tenant: String,
    /// `1` from an image block's picker: only pictures (images, SVG) are taken.
    #[serde(default)]
    pictures: Option<String>,
}

/// Takes one file. The answer is an [`UploadOutcome`] or an `AppError` (as server functions give
/// them): `Invalid{file: [code]}` for a file that is refused, with nothing written.
pub async fn upload(
    State(state): State<AppState>,
    Query(q): Query<UploadQuery>,
    req: Request<Body>,
) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(tenant) = q.tenant.parse::<TenantId>() else {
        return error_response(AppError::NotFound("tenant".into()));
    };
    let name = parts
        .headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            url::form_urlencoded::parse(format!("n={v}").as_bytes())
                .next()
                .map(|(_, n)| n.into_owned())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let result = crate::server::ctx::scoped(
        state.clone(),
        parts,
        store_upload(
            state,
            tenant,
            name,
            declared,
            q.pictures.as_deref() == Some("1"),
            body,
        ),
    )
    .await;
    match result {
        Ok(outcome) => axum::Json(outcome).into_response(),
        Err(err) => error_response(err),
    }
}

async fn store_upload(
    state: AppState,
    tenant: TenantId,
    name: String,
    declared: Option<usize>,
    pictures_only: bool,
    body: Body,
) -> Result<UploadOutcome, AppError> {
    use crate::server::ctx;
    use crate::tenants::authz::Permission;
    let member = ctx::require_tenant(tenant, Permission::EditContent).await?;
    let max = state.config.media_max_bytes;
    if declared.is_some_and(|n| n > max) {
        return Err(AppError::field("file", codes::TOO_LARGE));
    }
    let bytes = axum::body::to_bytes(body, max)
        .await
        .map_err(|_| AppError::field("file", codes::TOO_LARGE))?;
    if bytes.is_empty() {
        return Err(AppError::field("file", codes::EMPTY));
    }
    let file_name = process::display_name(&name);
    let prepared = tokio::task::spawn_blocking(move || process::prepare(&bytes))
        .await
        .map_err(AppError::internal)?
        .map_err(|code| AppError::field("file", code))?;
    if pictures_only && prepared.file_type.kind() == "pdf" {
        return Err(AppError::field("file", codes::NOT_AN_IMAGE));
    }
    let sanitized = prepared.file_type == FileType::Svg;
    let sha256 = hex::encode(sha2::Sha256::digest(&prepared.bytes));
    let ext = prepared.file_type.ext();
    let dir = tenant_dir(&state.config.data_dir, member.tenant_id);
    write_file(&dir, &format!("{sha256}.{ext}"), &prepared.bytes)
        .await
        .map_err(AppError::internal)?;
    let needs_variants = prepared.file_type != FileType::Gif
        && prepared.file_type.kind() == "image"
        && prepared
            .width
            .is_some_and(|w| w > process::VARIANT_WIDTHS[0]);
    let mut tx = ctx::begin_tenant(&member).await?;
    let inserted = super::db::insert(
        &mut tx,
        &super::db::NewMedia {
            tenant_id: member.tenant_id,
            sha256: &sha256,
            kind: prepared.file_type.kind(),
            mime: prepared.file_type.mime(),
            ext,
            file_name: &file_name,
            byte_size: prepared.bytes.len() as i64,
            width: prepared.width.map(|w| w as i32),
            height: prepared.height.map(|h| h as i32),
            variants_state: if needs_variants { "pending" } else { "none" },
            user_id: member.user.user_id,
        },
    )
    .await?;
    let (media_id, duplicate) = match inserted {
        Some(id) => {
            if needs_variants {
                crate::server::jobs::enqueue(
                    &mut tx,
                    VARIANTS_JOB,
                    serde_json::json!({ "tenant_id": member.tenant_id, "media_id": id }),
                    state.clock.now(),
                    3,
                )
                .await?;
            }
            (id, false)
        }
        None => (
            super::db::id_by_hash(&mut *tx, member.tenant_id, &sha256)
                .await?
                .ok_or_else(|| AppError::internal("media row vanished after a conflict"))?,
            true,
        ),
    };
    let item = super::db::item(&mut *tx, member.tenant_id, media_id)
        .await?
        .ok_or_else(|| AppError::internal("media row missing after insert"))?;
    tx.commit().await?;
    if needs_variants && !duplicate {
        state.jobs.notify_one();
    }
    Ok(UploadOutcome {
        item,
        duplicate,
        sanitized,
    })
}

/// Writes a file by content hash: to a temporary name, then renamed, so a reader never sees half of
/// it. An existing file with that name has the same content and is kept.
async fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = dir.join(name);
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(());
    }
    tokio::fs::create_dir_all(dir).await?;
    let tmp = dir.join(format!(".{}.tmp", uuid::Uuid::now_v7().simple()));
    tokio::fs::write(&tmp, bytes).await?;
    if let Err(e) = tokio::fs::rename(&tmp, &path).await {
        let _ = tokio::fs::remove_file(&tmp).await;
        return Err(e);
    }
    Ok(())
}

/// Removes a deleted file and its variants.
pub async fn remove_files(
    data_dir: &Path,
    tenant: TenantId,
    sha256: &str,
    ext: &str,
    widths: &[i32],
) {
    let dir = tenant_dir(data_dir, tenant);
    let mut names = vec![format!("{sha256}.{ext}")];
    for w in widths {
        names.push(format!("{sha256}-{w}.webp"));
        names.push(format!("{sha256}-{w}.{ext}"));
    }
    for n in names {
        if let Err(e) = tokio::fs::remove_file(dir.join(&n)).await
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(file = %n, error = %e, "could not remove a deleted media file");
        }
    }
}

/// A stored file, for members of its tenant only. Files never change (their name is their content
/// hash), so browsers may keep them for a year.
pub async fn file(
    State(state): State<AppState>,
    UrlPath((tenant, name)): UrlPath<(String, String)>,
    req: Request<Body>,
) -> Response {
    let (parts, _) = req.into_parts();
    let not_found = || (StatusCode::NOT_FOUND, "not found").into_response();
    let (Ok(tenant), Some((sha256, _width, file_type))) =
        (tenant.parse::<TenantId>(), process::parse_file_name(&name))
    else {
        return not_found();
    };
    let allowed = crate::server::ctx::scoped(state.clone(), parts, async move {
        use crate::server::ctx;
        use crate::tenants::authz::Permission;
        let member = ctx::require_tenant(tenant, Permission::View).await?;
        let mut tx = ctx::begin_tenant(&member).await?;
        let found = super::db::id_by_hash(&mut *tx, member.tenant_id, &sha256).await?;
        tx.commit().await?;
        Ok::<_, AppError>(found.is_some())
    })
    .await;
    match allowed {
        Ok(true) => {}
        Ok(false) | Err(AppError::NotFound(_)) => return not_found(),
        Err(err) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return (status, status.canonical_reason().unwrap_or_default()).into_response();
        }
    }
    let path = tenant_dir(&state.config.data_dir, tenant).join(&name);
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return not_found();
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file_type.mime()),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    let csp = match file_type {
        // An SVG opened on its own: no script, nothing loaded, in a sandbox.
        FileType::Svg => "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        FileType::Pdf => "default-src 'none'; object-src 'self'; sandbox allow-scripts",
        _ => "default-src 'none'; sandbox",
    };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    // The page preview shows images in its frame; the admin itself too.
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    res
}

#[derive(Deserialize)]
struct VariantsPayload {
    tenant_id: TenantId,
    media_id: MediaId,
}

/// The job: makes the variants of one image and records their widths.
pub async fn make_variants(state: &AppState, payload: &serde_json::Value) -> Result<(), JobError> {
    let p: VariantsPayload = serde_json::from_value(payload.clone())
        .map_err(|e| JobError::Fail(format!("payload: {e}")))?;
    let retry = |e: sqlx::Error| JobError::Retry(e.to_string());
    let mut tx = tenant_tx(state, p.tenant_id).await.map_err(retry)?;
    let found = super::db::for_variants(&mut *tx, p.tenant_id, p.media_id)
        .await
        .map_err(retry)?;
    tx.commit().await.map_err(retry)?;
    let Some((sha256, ext)) = found else {
        // deleted meanwhile
        return Ok(());
    };
    let dir = tenant_dir(&state.config.data_dir, p.tenant_id);
    let original = match FileType::from_ext(&ext) {
        Some(t) => tokio::fs::read(dir.join(format!("{sha256}.{ext}")))
            .await
            .map(|bytes| (t, bytes))
            .map_err(|e| format!("reading the original: {e}")),
        None => Err(format!("not an image: {ext}")),
    };
    let made = match original {
        Ok((file_type, bytes)) => {
            tokio::task::spawn_blocking(move || process::variants(&bytes, file_type))
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?
        }
        // Recorded as failed, so the admin says so instead of "being made" for ever.
        Err(e) => Err(e),
    };
    let result = match made {
        Ok(variants) => {
            let mut widths: Vec<i32> = Vec::new();
            for v in &variants {
                write_file(&dir, &format!("{sha256}-{}.{}", v.width, v.ext), &v.bytes)
                    .await
                    .map_err(|e| JobError::Retry(format!("writing a variant: {e}")))?;
                if !widths.contains(&(v.width as i32)) {
                    widths.push(v.width as i32);
                }
            }
            widths.sort_unstable();
            ("ready", widths, Ok(()))
        }
        Err(e) => ("failed", Vec::new(), Err(JobError::Fail(e))),
    };
    let mut tx = tenant_tx(state, p.tenant_id).await.map_err(retry)?;
    super::db::set_variants(&mut *tx, p.tenant_id, p.media_id, result.0, &result.1)
        .await
        .map_err(retry)?;
    tx.commit().await.map_err(retry)?;
    result.2
}

/// A transaction in one tenant for background work (no user acts).
async fn tenant_tx(
    state: &AppState,
    tenant_id: TenantId,
) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
    let statement = crate::auth::db::begin_with_context(
        crate::auth::db::Actor {
            tenant_id: Some(tenant_id),
            ..Default::default()
        },
        None,
        None,
    );
    state.db.begin_with(statement).await
}
