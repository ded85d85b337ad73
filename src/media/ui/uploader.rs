//! Uploading: the file picker, the phone's camera and drag and drop, one file after the other, each
//! with its outcome in a live region. The file goes as the request body to `/api/media/upload`.
use super::texts::mt;
use crate::app::i18n::use_i18n;
#[cfg(feature = "hydrate")]
use crate::error::AppError;
use crate::ids::TenantId;
#[cfg(feature = "hydrate")]
use crate::media::UploadOutcome;
use crate::media::{MediaItem, size_label};
use leptos::prelude::*;

/// Sends one file, reporting the share sent so far (0.0 to 1.0) to `progress`; the answer is what the
/// server decided (an `AppError` as server functions give it). XMLHttpRequest, not fetch: only it
/// reports upload progress, which a phone on a slow network needs.
#[cfg(feature = "hydrate")]
pub async fn upload_file(
    tenant: TenantId,
    pictures_only: bool,
    file: web_sys::File,
    progress: impl Fn(f64) + 'static,
) -> Result<UploadOutcome, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    let network = || AppError::Internal("network".into());
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| network())?;
    let pictures = if pictures_only { "&pictures=1" } else { "" };
    xhr.open(
        "POST",
        &format!("/api/media/upload?tenant={tenant}{pictures}"),
    )
    .map_err(|_| network())?;
    let name: String = js_sys::encode_uri_component(&file.name()).into();
    xhr.set_request_header("x-file-name", &name)
        .map_err(|_| network())?;
    xhr.set_request_header("content-type", "application/octet-stream")
        .map_err(|_| network())?;
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                progress(ev.loaded() / ev.total());
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    // Settles when the request ends, however it ends (load, error, abort, timeout).
    let done = js_sys::Promise::new(&mut |resolve, _| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send_with_opt_blob(Some(&file)).map_err(|_| network())?;
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(on_progress);
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        200..=299 => serde_json::from_str(&text).map_err(|_| network()),
        413 => Err(AppError::field("file", crate::media::codes::TOO_LARGE)),
        0 => Err(network()),
        _ => Err(serde_json::from_str(&text).unwrap_or_else(|_| network())),
    }
}

/// One file's outcome: its name, and a sentence (`Ok` uploaded, `Err` refused; `None` under way).
#[derive(Clone, Debug, PartialEq)]
pub struct UploadStatus {
    name: String,
    /// Percent sent, while under way.
    percent: u8,
    result: Option<Result<String, String>>,
}

#[component]
pub fn Uploader(
    tenant: TenantId,
    /// Prefix of the inputs' ids (unique on the page).
    id: &'static str,
    max_bytes: i64,
    /// Called for each file stored (or found already stored).
    #[prop(optional)]
    on_uploaded: Option<Callback<MediaItem>>,
    /// Called once all files chosen together are through (e.g. to load the list again).
    #[prop(optional)]
    on_done: Option<Callback<()>>,
    /// Where the outcomes are kept: given by a page whose uploader is drawn again when its list
    /// reloads, so that they stay on screen.
    #[prop(optional)]
    statuses: Option<RwSignal<Vec<UploadStatus>>>,
    /// The picker of an image block: pictures only, one at a time.
    #[prop(optional)]
    images_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // The uploading itself runs in the browser only.
    #[cfg(not(feature = "hydrate"))]
    let _ = (tenant, on_uploaded, on_done, i18n);
    let statuses = statuses.unwrap_or_else(|| RwSignal::new(Vec::new()));
    let dragging = RwSignal::new(false);
    let accept = if images_only {
        "image/jpeg,image/png,image/webp,image/gif,image/svg+xml,.svg"
    } else {
        "image/jpeg,image/png,image/webp,image/gif,image/svg+xml,.svg,application/pdf"
    };
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let send = move |files: Vec<SendFile>| {
        #[cfg(feature = "hydrate")]
        {
            let start = statuses.with_untracked(|s| s.len());
            statuses.update(|s| {
                s.extend(files.iter().map(|f| UploadStatus {
                    name: f.name(),
                    percent: 0,
                    result: None,
                }))
            });
            leptos::task::spawn_local(async move {
                for (i, f) in files.into_iter().enumerate() {
                    let t = mt();
                    let result = if f.size() as i64 > max_bytes {
                        Err(AppError::field("file", crate::media::codes::TOO_LARGE))
                    } else {
                        upload_file(tenant, images_only, f.0, move |share| {
                            statuses.update(|s| {
                                if let Some(x) = s.get_mut(start + i) {
                                    x.percent = (share * 100.0).round().clamp(0.0, 100.0) as u8;
                                }
                            })
                        })
                        .await
                    };
                    let sentence = match result {
                        Ok(outcome) => {
                            let mut s = if outcome.duplicate {
                                t.duplicate.to_owned()
                            } else {
                                t.uploaded.to_owned()
                            };
                            if outcome.sanitized {
                                s = format!("{s} · {}", t.svg_cleaned);
                            }
                            if let Some(cb) = on_uploaded {
                                // `try_`: the picker may be closed (and its callback gone) by now.
                                cb.try_run(outcome.item);
                            }
                            Ok(s)
                        }
                        Err(err) => Err(i18n.t().app_error(&err)),
                    };
                    statuses.update(|s| {
                        if let Some(x) = s.get_mut(start + i) {
                            x.result = Some(sentence);
                        }
                    });
                }
                if let Some(cb) = on_done {
                    cb.try_run(());
                }
            });
        }
    };
    let from_input = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let files = input.files().map(files_of).unwrap_or_default();
                // The same file can be chosen again next time.
                input.set_value("");
                send(files);
            }
        }
        let _ = ev;
    };
    let picker_id = format!("{id}-files");
    let camera_id = format!("{id}-camera");
    view! {
        <div class="uploader" class:dragging=move || dragging.get()
            on:dragenter=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragover=move |ev| ev.prevent_default()
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                #[cfg(feature = "hydrate")]
                if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                    send(files_of(files));
                }
            }>
            <div class="uploader-buttons">
                <input id=picker_id.clone() class="file-input" type="file" multiple=!images_only accept=accept on:change=from_input />
                <label for=picker_id class="button primary">{move || mt().choose_files}</label>
                <input id=camera_id.clone() class="file-input" type="file" accept="image/*" capture="environment" on:change=from_input />
                <label for=camera_id class="button secondary">{move || mt().take_photo}</label>
            </div>
            <p class="hint">{move || mt().upload_hint} " " {size_label(max_bytes)} ". "
                <span class="drop-hint">{move || mt().drop_here}</span></p>
            <ul class="upload-status" role="status" aria-live="polite">
                {move || statuses.get().into_iter().map(|s| {
                    let (class, text) = match &s.result {
                        None => ("pending", format!("{} {} %", mt().uploading, s.percent)),
                        Some(Ok(t)) => ("ok", t.clone()),
                        Some(Err(t)) => ("error", t.clone()),
                    };
                    view! { <li class=class><strong>{s.name}</strong> ": " {text}</li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A file to send (a browser `File`; nothing on the server).
#[cfg(feature = "hydrate")]
struct SendFile(web_sys::File);
#[cfg(feature = "hydrate")]
impl SendFile {
    fn name(&self) -> String {
        self.0.name()
    }
    fn size(&self) -> f64 {
        self.0.size()
    }
}
#[cfg(not(feature = "hydrate"))]
struct SendFile;

#[cfg(feature = "hydrate")]
fn files_of(list: web_sys::FileList) -> Vec<SendFile> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(SendFile)
        .collect()
}
