//! The page's blocks in the editor: add, edit (texts in the language of the active tab, settings for
//! all), reorder by drag and drop on a desktop or by the arrow buttons on a phone, duplicate, and
//! delete with undo. The list is saved with the page (see `save_page`).
use super::block_texts::{bt, kind_label};
use crate::content::blocks::{
    BlockInput, BlockKind, BlockSettings, BlockText, text_in, untranslated,
};
use crate::error::FieldErrors;
use crate::ids::BlockId;
use crate::tenants::domain::locale_name;
use leptos::prelude::*;

/// A block being edited: settings and texts (every language) as signals.
#[derive(Clone, Copy, Debug)]
pub struct EditBlock {
    pub id: BlockId,
    pub kind: BlockKind,
    pub settings: RwSignal<BlockSettings>,
    pub texts: RwSignal<Vec<BlockText>>,
}

impl EditBlock {
    pub fn new(b: BlockInput) -> Self {
        Self {
            id: b.block_id,
            kind: b.kind,
            settings: RwSignal::new(b.settings),
            texts: RwSignal::new(b.texts),
        }
    }

    /// What is saved (read without tracking).
    pub fn input(&self) -> BlockInput {
        BlockInput {
            block_id: self.id,
            kind: self.kind,
            settings: self.settings.get_untracked(),
            texts: self.texts.get_untracked(),
        }
    }

    /// A copy with a new id, placed right after the original.
    fn duplicate(&self) -> Self {
        let mut b = self.input();
        b.block_id = BlockId::new();
        Self::new(b)
    }

    fn text(&self, locale: &str, field: &str) -> String {
        self.texts.with(|t| text_in(t, locale, field).to_owned())
    }

    fn text_untracked(&self, locale: &str, field: &str) -> String {
        self.texts
            .with_untracked(|t| text_in(t, locale, field).to_owned())
    }

    /// Whether `locale` lacks a text of `default` (that field, or any).
    pub fn untranslated(&self, default: &str, locale: &str, field: Option<&str>) -> bool {
        self.texts.with(|t| untranslated(t, default, locale, field))
    }

    fn set_text(&self, locale: &str, field: &str, value: String) {
        self.texts.update(|t| {
            match t
                .iter_mut()
                .find(|x| x.locale == locale && x.field == field)
            {
                Some(x) => x.value = value,
                None => t.push(BlockText {
                    locale: locale.to_owned(),
                    field: field.to_owned(),
                    value,
                }),
            }
        });
    }
}

#[derive(Clone, Copy)]
struct Ctx {
    blocks: RwSignal<Vec<EditBlock>>,
    locale: Signal<String>,
    on_edit: Callback<()>,
    errors: RwSignal<FieldErrors>,
    removed: RwSignal<Option<(usize, EditBlock)>>,
    dragging: RwSignal<Option<BlockId>>,
    i18n: crate::app::i18n::I18n,
    default_locale: StoredValue<String>,
}

impl Ctx {
    fn index(&self, id: BlockId) -> Option<usize> {
        self.blocks.with(|l| l.iter().position(|b| b.id == id))
    }

    fn edit(&self) {
        self.on_edit.run(());
    }

    /// The text in the site's default language, when another language is being edited.
    fn original(&self, b: EditBlock, field: &str) -> Option<String> {
        let locale = self.locale.get();
        let default = self.default_locale.get_value();
        (locale != default)
            .then(|| b.text(&default, field))
            .filter(|t| !t.trim().is_empty())
    }

    /// Whether the default language has this text and the edited language not (yet).
    fn untranslated(&self, b: EditBlock, field: &str) -> bool {
        b.untranslated(
            &self.default_locale.get_value(),
            &self.locale.get(),
            Some(field),
        )
    }

    fn shift(&self, id: BlockId, up: bool) {
        self.blocks.update(|l| {
            crate::app::components::shift(l, |b| b.id == id, up);
        });
        self.edit();
    }

    /// Drag and drop: `id` goes to where `target` is (after it when moving down).
    fn drop_on(&self, id: BlockId, target: BlockId) {
        if id == target {
            return;
        }
        self.blocks.update(|l| {
            let (Some(from), Some(to)) = (
                l.iter().position(|b| b.id == id),
                l.iter().position(|b| b.id == target),
            ) else {
                return;
            };
            let b = l.remove(from);
            l.insert(to, b);
        });
        self.edit();
    }

    /// The message for a setting (`block.{id}.{field}`) or for a text in the active language
    /// (`block.{id}.{field}.{locale}`).
    fn error(&self, id: BlockId, field: &str) -> Option<String> {
        let locale = self.locale.get();
        self.errors.with(|e| {
            e.get(&format!("block.{id}.{field}"))
                .or_else(|| e.get(&format!("block.{id}.{field}.{locale}")))
                .map(|codes| self.i18n.t().errors(codes))
        })
    }
}

#[component]
pub fn BlocksEditor(
    blocks: RwSignal<Vec<EditBlock>>,
    /// The language whose texts are edited (the editor's active tab).
    locale: Signal<String>,
    editable: bool,
    on_edit: Callback<()>,
    errors: RwSignal<FieldErrors>,
    /// The site's default language: other languages show its texts as the model to translate.
    default_locale: String,
) -> impl IntoView {
    let ctx = Ctx {
        blocks,
        locale,
        on_edit,
        errors,
        removed: RwSignal::new(None),
        dragging: RwSignal::new(None),
        i18n: crate::app::i18n::use_i18n(),
        default_locale: StoredValue::new(default_locale),
    };
    let new_kind = RwSignal::new(BlockKind::RichText.code().to_owned());
    let add = move |_| {
        let Some(kind) = BlockKind::from_code(&new_kind.get_untracked()) else {
            return;
        };
        let b = EditBlock::new(BlockInput::new(kind));
        blocks.update(|l| l.push(b));
        ctx.edit();
        // Straight to the new block's first field.
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            if let Some(el) = document()
                .get_element_by_id(&format!("block-{}", b.id))
                .and_then(|li| {
                    li.query_selector("input, select, textarea, [contenteditable]")
                        .ok()
                        .flatten()
                })
            {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    };
    let undo = move |_| {
        if let Some((i, b)) = ctx.removed.get_untracked() {
            blocks.update(|l| l.insert(i.min(l.len()), b));
            ctx.removed.set(None);
            ctx.edit();
        }
    };
    view! {
        <section class="card" aria-labelledby="blocks-heading">
            <h2 id="blocks-heading">{move || bt().content} " "
                <span class="muted heading-note">"(" {move || locale_name(&locale.get())} ")"</span>
            </h2>
            <p class="hint">{move || bt().content_hint}</p>
            <fieldset class="plain" disabled=!editable>
                <Show when=move || blocks.with(|l| l.is_empty())>
                    <p class="muted">{move || bt().no_blocks}</p>
                </Show>
                <ol class="block-list" aria-labelledby="blocks-heading">
                    <For each=move || blocks.get() key=|b| b.id let:b>
                        <BlockItem b ctx />
                    </For>
                </ol>
                {move || ctx.removed.get().map(|(_, b)| view! {
                    <p class="notice" role="status">
                        {move || bt().block_deleted} " (" {move || kind_label(b.kind)} ") "
                        <button type="button" class="button secondary" on:click=undo>{move || bt().undo}</button>
                    </p>
                })}
                <div class="add-block">
                    <div class="field">
                        <label for="add-block-kind">{move || bt().new_block}</label>
                        <select id="add-block-kind" on:change=move |ev| new_kind.set(event_target_value(&ev))>
                            {BlockKind::ALL.into_iter().map(|k| view! {
                                <option value=k.code() selected=move || new_kind.get() == k.code()>{move || kind_label(k)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="button secondary" on:click=add>{move || bt().add_block}</button>
                </div>
            </fieldset>
        </section>
    }
}

#[component]
fn BlockItem(b: EditBlock, ctx: Ctx) -> impl IntoView {
    let id = b.id;
    let number = move || ctx.index(id).map(|i| i + 1).unwrap_or(0);
    let count = move || ctx.blocks.with(|l| l.len());
    let name = move || format!("{} {}", kind_label(b.kind), number());
    let remove = move |_| {
        if let Some(i) = ctx.index(id) {
            ctx.blocks.update(|l| {
                l.remove(i);
            });
            ctx.removed.set(Some((i, b)));
            ctx.edit();
        }
    };
    let duplicate = move |_| {
        if let Some(i) = ctx.index(id) {
            let copy = b.duplicate();
            ctx.blocks.update(|l| l.insert(i + 1, copy));
            ctx.edit();
        }
    };
    let heading_id = format!("block-{id}-name");
    let labelled_by = heading_id.clone();
    view! {
        <li id=format!("block-{id}") class="block-item" aria-labelledby=labelled_by
            class:drop-target=move || ctx.dragging.get().is_some_and(|d| d != id)
            // Both cancelled, or the browser does not take the block as a drop target.
            on:dragenter=move |ev| { if ctx.dragging.get_untracked().is_some() { ev.prevent_default(); } }
            on:dragover=move |ev| { if ctx.dragging.get_untracked().is_some() { ev.prevent_default(); } }
            on:drop=move |ev| {
                ev.prevent_default();
                if let Some(d) = ctx.dragging.get_untracked() { ctx.drop_on(d, id); }
                ctx.dragging.set(None);
            }>
            <div class="block-head">
                <span class="drag-handle" draggable="true" title=move || bt().drag_hint
                    on:dragstart=move |_ev| {
                        // Firefox starts a drag only with data.
                        #[cfg(feature = "hydrate")]
                        if let Some(dt) = _ev.data_transfer() {
                            let _ = dt.set_data("text/plain", &id.to_string());
                            dt.set_effect_allowed("move");
                        }
                        ctx.dragging.set(Some(id));
                    }
                    on:dragend=move |_| ctx.dragging.set(None)>
                    <span aria-hidden="true" class="grip"></span>
                </span>
                <h3 id=heading_id class="block-name">{name}</h3>
                <div class="block-actions" role="group" aria-label=move || format!("{}: {}", name(), bt().actions)>
                    <button type="button" class="icon-button" aria-label=move || bt().move_up
                        disabled=move || { number() <= 1 } on:click=move |_| ctx.shift(id, true)>"↑"</button>
                    <button type="button" class="icon-button" aria-label=move || bt().move_down
                        disabled=move || { number() >= count() } on:click=move |_| ctx.shift(id, false)>"↓"</button>
                    <button type="button" class="button secondary small" on:click=duplicate>{move || bt().duplicate}</button>
                    <button type="button" class="button danger small" on:click=remove>{move || bt().delete}</button>
                </div>
            </div>
            <div class="block-body">
                {match b.kind {
                    BlockKind::Heading => view! { <HeadingFields b ctx /> }.into_any(),
                    BlockKind::RichText => view! { <RichTextField b ctx field="body" label=|| bt().text /> }.into_any(),
                    BlockKind::CallToAction => view! { <CtaFields b ctx /> }.into_any(),
                    BlockKind::Embed => view! { <EmbedFields b ctx /> }.into_any(),
                    BlockKind::Columns => view! { <ColumnsFields b ctx /> }.into_any(),
                    BlockKind::ContactForm => view! { <ContactFormFields b ctx /> }.into_any(),
                    BlockKind::Image => view! { <ImageFields b ctx /> }.into_any(),
                    BlockKind::Gallery => view! { <GalleryFields b ctx /> }.into_any(),
                    BlockKind::Hero => view! { <HeroFields b ctx /> }.into_any(),
                }}
            </div>
        </li>
    }
}

/// A plain text of the block in the active language: a one-line input or (`rows`) a text area.
#[component]
fn TextInput(
    b: EditBlock,
    ctx: Ctx,
    field: &'static str,
    label: fn() -> &'static str,
    max: usize,
    #[prop(optional)] rows: Option<u32>,
) -> impl IntoView {
    let id = format!("block-{}-{field}", b.id);
    let err_id = format!("{id}-error");
    let value = move || b.text(&ctx.locale.get(), field);
    let set = move |ev: leptos::ev::Event| {
        b.set_text(&ctx.locale.get_untracked(), field, event_target_value(&ev));
        ctx.edit();
    };
    let error = Signal::derive(move || ctx.error(b.id, field));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {match rows {
                Some(rows) => view! {
                    <textarea id=id.clone() rows=rows.to_string() maxlength=max.to_string() lang=move || ctx.locale.get()
                        placeholder=move || ctx.original(b, field)
                        prop:value=value on:input=set aria-describedby=err_id.clone()
                        aria-invalid=move || error.get().is_some().to_string()></textarea>
                }.into_any(),
                None => view! {
                    <input id=id.clone() type="text" maxlength=max.to_string() autocomplete="off" lang=move || ctx.locale.get()
                        placeholder=move || ctx.original(b, field)
                        prop:value=value on:input=set aria-describedby=err_id.clone()
                        aria-invalid=move || error.get().is_some().to_string() />
                }.into_any(),
            }}
            <p id=err_id class="field-error" role="alert">{error}</p>
            <Untranslated b ctx field />
        </div>
    }
}

/// "Not translated yet", under a text the default language has and the edited language lacks.
#[component]
fn Untranslated(b: EditBlock, ctx: Ctx, field: &'static str) -> impl IntoView {
    view! {
        <Show when=move || ctx.untranslated(b, field)>
            <p class="hint untranslated">{move || bt().untranslated}</p>
        </Show>
    }
}

/// A setting's error under its field.
fn setting_error(ctx: Ctx, b: EditBlock, field: &'static str) -> impl IntoView {
    let id = format!("block-{}-{field}-error", b.id);
    view! { <p id=id class="field-error" role="alert">{move || ctx.error(b.id, field)}</p> }
}

#[component]
fn HeadingFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    let id = format!("block-{}-level", b.id);
    view! {
        <div class="field">
            <label for=id.clone()>{move || bt().level}</label>
            <select id=id on:change=move |ev| {
                let level = event_target_value(&ev).parse::<u8>().ok();
                b.settings.update(|s| s.level = level);
                ctx.edit();
            }>
                {[2u8, 3, 4].into_iter().map(|l| view! {
                    <option value=l.to_string() selected=move || b.settings.with(|s| s.level == Some(l))>
                        {move || format!("{} {}", bt().level_option, l - 1)}
                    </option>
                }).collect_view()}
            </select>
            {setting_error(ctx, b, "level")}
        </div>
        <TextInput b ctx field="text" label=|| bt().heading_text max=200 />
    }
}

#[component]
fn CtaFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    view! {
        <TextInput b ctx field="title" label=|| bt().title max=200 />
        <TextInput b ctx field="text" label=|| bt().text max=1000 rows=3 />
        <TextInput b ctx field="button_label" label=|| bt().button_label max=80 />
        {button_link(b, ctx)}
    }
}

/// The button's link (call to action, hero): one for every language.
fn button_link(b: EditBlock, ctx: Ctx) -> impl IntoView {
    let url_id = format!("block-{}-url", b.id);
    view! {
        <div class="field">
            <label for=url_id.clone()>{move || bt().button_link}</label>
            <input id=url_id type="text" inputmode="url" autocomplete="off" autocapitalize="none" spellcheck="false"
                maxlength="2000" placeholder="https://… /kontakt"
                prop:value=move || b.settings.with(|s| s.url.clone())
                on:input=move |ev| { let v = event_target_value(&ev); b.settings.update(|s| s.url = v); ctx.edit(); } />
            {setting_error(ctx, b, "url")}
        </div>
    }
}

/// The block's picture(s) from the library (one for every language; the alt text is the file's).
fn media_setting(b: EditBlock, ctx: Ctx, multiple: bool) -> impl IntoView {
    use crate::media::ui::picker::MediaChooser;
    use crate::media::ui::texts::mt;
    let label = Signal::derive(move || if multiple { mt().images } else { mt().image }.to_owned());
    view! {
        <MediaChooser id=format!("block-{}-media", b.id) label multiple
            value=Signal::derive(move || b.settings.with(|s| s.media.clone()))
            on_change=Callback::new(move |v| { b.settings.update(|s| s.media = v); ctx.edit(); })
            error=Signal::derive(move || ctx.error(b.id, "media")) />
    }
}

#[component]
fn ImageFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    view! {
        {media_setting(b, ctx, false)}
        <TextInput b ctx field="caption" label=|| bt().caption max=500 />
    }
}

#[component]
fn GalleryFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    view! {
        <TextInput b ctx field="title" label=|| bt().title max=200 />
        {media_setting(b, ctx, true)}
    }
}

#[component]
fn HeroFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    view! {
        {media_setting(b, ctx, false)}
        <TextInput b ctx field="title" label=|| bt().title max=200 />
        <TextInput b ctx field="text" label=|| bt().text max=1000 rows=3 />
        <TextInput b ctx field="button_label" label=|| bt().button_label max=80 />
        {button_link(b, ctx)}
    }
}

#[component]
fn EmbedFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    let url_id = format!("block-{}-url", b.id);
    let hint_id = format!("{url_id}-hint");
    view! {
        <div class="field">
            <label for=url_id.clone()>{move || bt().embed_url}</label>
            <input id=url_id type="url" inputmode="url" autocomplete="off" autocapitalize="none" spellcheck="false"
                maxlength="2000" aria-describedby=hint_id.clone()
                prop:value=move || b.settings.with(|s| s.url.clone())
                on:input=move |ev| { let v = event_target_value(&ev); b.settings.update(|s| s.url = v); ctx.edit(); } />
            <p id=hint_id class="hint">{move || bt().embed_hint}</p>
            {setting_error(ctx, b, "url")}
        </div>
        <TextInput b ctx field="title" label=|| bt().caption max=200 />
    }
}

#[component]
fn ColumnsFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    let id = format!("block-{}-columns", b.id);
    let n = move || b.settings.with(|s| s.columns.unwrap_or(2));
    view! {
        <div class="field">
            <label for=id.clone()>{move || bt().column_count}</label>
            <select id=id on:change=move |ev| {
                let c = event_target_value(&ev).parse::<u8>().ok();
                b.settings.update(|s| s.columns = c);
                ctx.edit();
            }>
                <option value="2" selected=move || n() == 2>"2"</option>
                <option value="3" selected=move || n() == 3>"3"</option>
            </select>
            {setting_error(ctx, b, "columns")}
        </div>
        <div class="columns-edit">
            <RichTextField b ctx field="column_1" label=|| bt().column_1 />
            <RichTextField b ctx field="column_2" label=|| bt().column_2 />
            <Show when=move || n() == 3>
                <RichTextField b ctx field="column_3" label=|| bt().column_3 />
            </Show>
        </div>
    }
}

#[component]
fn ContactFormFields(b: EditBlock, ctx: Ctx) -> impl IntoView {
    let recipient_id = format!("block-{}-recipient", b.id);
    let check = move |field: &'static str, label: fn() -> &'static str| {
        let id = format!("block-{}-field-{field}", b.id);
        view! {
            <div class="check">
                <input id=id.clone() type="checkbox"
                    prop:checked=move || b.settings.with(|s| s.fields.iter().any(|f| f == field))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        b.settings.update(|s| {
                            s.fields.retain(|f| f != field);
                            if on { s.fields.push(field.to_owned()); }
                        });
                        ctx.edit();
                    } />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <div class="field">
            <label for=recipient_id.clone()>{move || bt().recipient}</label>
            <input id=recipient_id type="email" autocomplete="off" maxlength="254"
                prop:value=move || b.settings.with(|s| s.recipient.clone())
                on:input=move |ev| { let v = event_target_value(&ev); b.settings.update(|s| s.recipient = v); ctx.edit(); } />
            {setting_error(ctx, b, "recipient")}
        </div>
        <fieldset class="plain">
            <legend>{move || bt().form_fields}</legend>
            <p class="hint">{move || bt().form_fields_hint}</p>
            {check("name", || bt().field_name)}
            {check("phone", || bt().field_phone)}
        </fieldset>
        <TextInput b ctx field="title" label=|| bt().title max=200 />
        <TextInput b ctx field="intro" label=|| bt().intro max=1000 rows=3 />
        <TextInput b ctx field="submit_label" label=|| bt().submit_label max=80 />
        <TextInput b ctx field="success_message" label=|| bt().success_message max=500 rows=2 />
    }
}

/// Rich text: a toolbar (bold, italic, link, lists, h2–h4, paragraph) over an editable area. The
/// buttons are 44 px and keep the selection, so they work by touch; the server cleans the HTML.
#[component]
fn RichTextField(
    b: EditBlock,
    ctx: Ctx,
    field: &'static str,
    label: fn() -> &'static str,
) -> impl IntoView {
    let id = format!("block-{}-{field}", b.id);
    let label_id = format!("{id}-label");
    let area = NodeRef::<leptos::html::Div>::new();
    // The area's content comes from the texts when it appears and when the language changes; while
    // typing, the texts follow the area (setting it again would move the caret).
    let initial = b.text_untracked(&ctx.locale.get_untracked(), field);
    Effect::new(move |shown: Option<String>| {
        let locale = ctx.locale.get();
        if shown.as_deref() != Some(locale.as_str())
            && let Some(el) = area.get()
        {
            el.set_inner_html(&b.text_untracked(&locale, field));
        }
        locale
    });
    let sync = move || {
        if let Some(el) = area.get_untracked() {
            b.set_text(&ctx.locale.get_untracked(), field, el.inner_html());
            ctx.edit();
        }
    };
    let command = move |cmd: &'static str, value: Option<&'static str>| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() else {
                return;
            };
            if let Some(el) = area.get_untracked() {
                let _ = el.focus();
            }
            let _ =
                doc.exec_command_with_show_ui_and_value("defaultParagraphSeparator", false, "p");
            match cmd {
                "createLink" => {
                    let Ok(Some(url)) =
                        window().prompt_with_message_and_default(bt().link_prompt, "https://")
                    else {
                        return;
                    };
                    let url = url.trim().to_owned();
                    if url.is_empty() || url == "https://" {
                        return;
                    }
                    let _ = doc.exec_command_with_show_ui_and_value("createLink", false, &url);
                }
                _ => {
                    let _ = doc.exec_command_with_show_ui_and_value(
                        cmd,
                        false,
                        value.unwrap_or_default(),
                    );
                }
            }
            sync();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (cmd, value, sync);
    };
    // One tab stop for the toolbar (the first button); the arrow keys, Home and End move inside it.
    let tool = move |cmd: &'static str,
                     value: Option<&'static str>,
                     text: &'static str,
                     name: fn() -> &'static str| {
        let first = cmd == "bold";
        view! {
            <button type="button" class="tool" aria-label=name title=name tabindex=if first { "0" } else { "-1" }
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| command(cmd, value)>{text}</button>
        }
    };
    view! {
        <div class="field rich-text-field">
            <span id=label_id.clone() class="label">{label}</span>
            <div class="toolbar" role="toolbar" aria-label=move || format!("{}: {}", label(), bt().formatting)
                on:keydown=toolbar_keys>
                {tool("bold", None, "B", || bt().bold)}
                {tool("italic", None, "I", || bt().italic)}
                {tool("createLink", None, "Link", || bt().link)}
                {tool("insertUnorderedList", None, "•", || bt().bullet_list)}
                {tool("insertOrderedList", None, "1.", || bt().numbered_list)}
                {tool("formatBlock", Some("h2"), "H2", || bt().heading_2)}
                {tool("formatBlock", Some("h3"), "H3", || bt().heading_3)}
                {tool("formatBlock", Some("h4"), "H4", || bt().heading_4)}
                {tool("formatBlock", Some("p"), "¶", || bt().paragraph)}
            </div>
            <div id=id class="rich-text" node_ref=area contenteditable="true" role="textbox" aria-multiline="true"
                aria-labelledby=label_id lang=move || ctx.locale.get()
                inner_html=initial
                on:input=move |_| sync()></div>
            {move || ctx.error(b.id, field).map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <Untranslated b ctx field />
        </div>
    }
}

/// Arrow keys, Home and End move the focus between a toolbar's buttons (the ARIA toolbar pattern).
fn toolbar_keys(ev: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let key = ev.key();
        if !matches!(key.as_str(), "ArrowRight" | "ArrowLeft" | "Home" | "End") {
            return;
        }
        // The toolbar around the focused button (handlers are delegated, so not `current_target`).
        let Some(bar) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[role=toolbar]").ok().flatten())
        else {
            return;
        };
        let Ok(list) = bar.query_selector_all("button") else {
            return;
        };
        let buttons: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .collect();
        let active = document().active_element();
        let Some(now) = buttons.iter().position(|b| {
            active
                .as_ref()
                .is_some_and(|a| a == b.as_ref() as &web_sys::Element)
        }) else {
            return;
        };
        let next = match key.as_str() {
            "ArrowRight" => (now + 1) % buttons.len(),
            "ArrowLeft" => (now + buttons.len() - 1) % buttons.len(),
            "Home" => 0,
            _ => buttons.len() - 1,
        };
        ev.prevent_default();
        for (i, b) in buttons.iter().enumerate() {
            let _ = b.set_attribute("tabindex", if i == next { "0" } else { "-1" });
        }
        let _ = buttons[next].focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
