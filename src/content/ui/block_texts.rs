//! The block editor's and the preview's texts in the admin languages. A missing translation is a
//! compile error.
use crate::app::i18n::Lang;
use crate::content::blocks::BlockKind;
use leptos::prelude::*;

pub struct BlockTexts {
    pub content: &'static str,
    pub content_hint: &'static str,
    pub no_blocks: &'static str,
    pub new_block: &'static str,
    pub add_block: &'static str,
    pub block_deleted: &'static str,
    pub undo: &'static str,
    pub actions: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub duplicate: &'static str,
    pub delete: &'static str,
    pub drag_hint: &'static str,
    pub level: &'static str,
    pub level_option: &'static str,
    pub heading_text: &'static str,
    pub text: &'static str,
    pub title: &'static str,
    pub button_label: &'static str,
    pub button_link: &'static str,
    pub embed_url: &'static str,
    pub embed_hint: &'static str,
    pub caption: &'static str,
    pub column_count: &'static str,
    pub column_1: &'static str,
    pub column_2: &'static str,
    pub column_3: &'static str,
    pub recipient: &'static str,
    pub form_fields: &'static str,
    pub form_fields_hint: &'static str,
    pub field_name: &'static str,
    pub field_phone: &'static str,
    pub intro: &'static str,
    pub submit_label: &'static str,
    pub success_message: &'static str,
    pub formatting: &'static str,
    pub bold: &'static str,
    pub italic: &'static str,
    pub link: &'static str,
    /// Asked by the browser's prompt (WASM only).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub link_prompt: &'static str,
    pub bullet_list: &'static str,
    pub numbered_list: &'static str,
    pub heading_2: &'static str,
    pub heading_3: &'static str,
    pub heading_4: &'static str,
    pub paragraph: &'static str,
    pub preview: &'static str,
    pub preview_hint: &'static str,
    pub phone_width: &'static str,
    pub desktop_width: &'static str,
    pub width: &'static str,
    pub open_preview: &'static str,
    pub preview_frame: &'static str,
    pub settings: &'static str,
    pub block: &'static str,
    pub check_marked: &'static str,
    pub untranslated: &'static str,
    pub incomplete: &'static str,
}

pub const DE: BlockTexts = BlockTexts {
    content: "Inhalt",
    content_hint: "Texte gelten für die oben gewählte Sprache, Einstellungen (Links, Empfänger, Spalten) für alle Sprachen.",
    no_blocks: "Diese Seite hat noch keine Blöcke.",
    new_block: "Neuer Block",
    add_block: "Block hinzufügen",
    block_deleted: "Block gelöscht",
    undo: "Rückgängig",
    actions: "Aktionen",
    move_up: "Nach oben",
    move_down: "Nach unten",
    duplicate: "Duplizieren",
    delete: "Löschen",
    drag_hint: "Ziehen, um den Block zu verschieben",
    level: "Ebene",
    level_option: "Zwischenüberschrift",
    heading_text: "Überschrift",
    text: "Text",
    title: "Überschrift",
    button_label: "Beschriftung des Knopfs",
    button_link: "Link des Knopfs",
    embed_url: "Adresse des Videos oder der Karte",
    embed_hint: "YouTube, Vimeo, Google Maps (Link aus „Karte einbetten“) oder OpenStreetMap (Link aus „Teilen → HTML“). Besucher laden es erst nach einem Klick.",
    caption: "Beschriftung",
    column_count: "Spalten",
    column_1: "Spalte 1",
    column_2: "Spalte 2",
    column_3: "Spalte 3",
    recipient: "Empfänger (E-Mail)",
    form_fields: "Felder des Formulars",
    form_fields_hint: "E-Mail und Nachricht fragt das Formular immer ab.",
    field_name: "Name",
    field_phone: "Telefon",
    intro: "Einleitung",
    submit_label: "Beschriftung des Sende-Knopfs",
    success_message: "Bestätigung nach dem Senden",
    formatting: "Formatierung",
    bold: "Fett",
    italic: "Kursiv",
    link: "Link einfügen",
    link_prompt: "Adresse des Links (https://…, mailto:…, tel:… oder /pfad)",
    bullet_list: "Aufzählung",
    numbered_list: "Nummerierte Liste",
    heading_2: "Überschrift Ebene 2",
    heading_3: "Überschrift Ebene 3",
    heading_4: "Überschrift Ebene 4",
    paragraph: "Absatz",
    preview: "Vorschau",
    preview_hint: "Zeigt die gespeicherte Fassung so, wie die Website sie zeigen wird.",
    phone_width: "Telefon",
    desktop_width: "Desktop",
    width: "Breite",
    open_preview: "In neuem Tab öffnen",
    preview_frame: "Vorschau der Seite",
    settings: "Einstellungen",
    block: "Block",
    check_marked: "Bitte die markierten Felder in den Blöcken prüfen.",
    untranslated: "Noch nicht übersetzt.",
    incomplete: "unvollständig",
};

pub const EN: BlockTexts = BlockTexts {
    content: "Content",
    content_hint: "Texts belong to the language chosen above; settings (links, recipient, columns) to all languages.",
    no_blocks: "This page has no blocks yet.",
    new_block: "New block",
    add_block: "Add block",
    block_deleted: "Block deleted",
    undo: "Undo",
    actions: "actions",
    move_up: "Move up",
    move_down: "Move down",
    duplicate: "Duplicate",
    delete: "Delete",
    drag_hint: "Drag to move the block",
    level: "Level",
    level_option: "Subheading",
    heading_text: "Heading",
    text: "Text",
    title: "Heading",
    button_label: "Button label",
    button_link: "Button link",
    embed_url: "Address of the video or map",
    embed_hint: "YouTube, Vimeo, Google Maps (the link from “Embed a map”) or OpenStreetMap (“Share → HTML”). Visitors load it only after a click.",
    caption: "Caption",
    column_count: "Columns",
    column_1: "Column 1",
    column_2: "Column 2",
    column_3: "Column 3",
    recipient: "Recipient (email)",
    form_fields: "Form fields",
    form_fields_hint: "The form always asks for email and message.",
    field_name: "Name",
    field_phone: "Phone",
    intro: "Introduction",
    submit_label: "Send button label",
    success_message: "Confirmation after sending",
    formatting: "formatting",
    bold: "Bold",
    italic: "Italic",
    link: "Insert link",
    link_prompt: "Link address (https://…, mailto:…, tel:… or /path)",
    bullet_list: "Bulleted list",
    numbered_list: "Numbered list",
    heading_2: "Heading level 2",
    heading_3: "Heading level 3",
    heading_4: "Heading level 4",
    paragraph: "Paragraph",
    preview: "Preview",
    preview_hint: "Shows the saved version as the site will show it.",
    phone_width: "Phone",
    desktop_width: "Desktop",
    width: "Width",
    open_preview: "Open in a new tab",
    preview_frame: "Page preview",
    settings: "Settings",
    block: "Block",
    check_marked: "Please check the marked fields in the blocks.",
    untranslated: "Not translated yet.",
    incomplete: "incomplete",
};

/// The texts in the current admin language (call it while a component renders).
pub fn bt() -> &'static BlockTexts {
    match use_context::<crate::app::i18n::I18n>()
        .map(|i| i.lang.get())
        .unwrap_or_default()
    {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

fn is_de() -> bool {
    use_context::<crate::app::i18n::I18n>().is_some_and(|i| i.lang.get() == Lang::De)
}

/// The name of a kind of block.
pub fn kind_label(kind: BlockKind) -> &'static str {
    let de = is_de();
    match kind {
        BlockKind::Heading => {
            if de {
                "Überschrift"
            } else {
                "Heading"
            }
        }
        BlockKind::RichText => "Text",
        BlockKind::CallToAction => {
            if de {
                "Handlungsaufruf"
            } else {
                "Call to action"
            }
        }
        BlockKind::Embed => {
            if de {
                "Video oder Karte"
            } else {
                "Video or map"
            }
        }
        BlockKind::Columns => {
            if de {
                "Spalten"
            } else {
                "Columns"
            }
        }
        BlockKind::ContactForm => {
            if de {
                "Kontaktformular"
            } else {
                "Contact form"
            }
        }
        BlockKind::Image => {
            if de {
                "Bild"
            } else {
                "Image"
            }
        }
        BlockKind::Gallery => {
            if de {
                "Galerie"
            } else {
                "Gallery"
            }
        }
        BlockKind::Hero => {
            if de {
                "Titelbild"
            } else {
                "Hero"
            }
        }
    }
}

/// Sentences for the block error codes (used by `Texts::error`).
pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    use crate::content::blocks::codes::*;
    let de = lang == Lang::De;
    let pick = |d: &'static str, e: &'static str| Some(if de { d } else { e });
    match code {
        BLOCK_KIND_UNKNOWN => pick(
            "Diese Art von Block gibt es nicht.",
            "There is no such kind of block.",
        ),
        BLOCK_DUPLICATE => pick(
            "Ein Block oder Text kam doppelt; bitte die Seite neu laden.",
            "A block or text came twice; please reload the page.",
        ),
        BLOCKS_TOO_MANY => pick(
            "Höchstens 200 Blöcke pro Seite.",
            "At most 200 blocks per page.",
        ),
        HEADING_LEVEL_INVALID => pick("Bitte eine Ebene wählen.", "Please choose a level."),
        LINK_INVALID => pick(
            "Bitte eine Adresse mit https://, mailto: oder tel: angeben, oder einen Pfad wie /kontakt.",
            "Please give an address with https://, mailto: or tel:, or a path like /contact.",
        ),
        EMBED_UNSUPPORTED => pick(
            "Diese Adresse geht nicht: bitte einen Link von YouTube, Vimeo, Google Maps (Einbetten) oder OpenStreetMap.",
            "This address does not work: please use a link from YouTube, Vimeo, Google Maps (embed) or OpenStreetMap.",
        ),
        COLUMNS_INVALID => pick(
            "Bitte 2 oder 3 Spalten wählen.",
            "Please choose 2 or 3 columns.",
        ),
        RECIPIENT_INVALID => pick(
            "Bitte eine E-Mail-Adresse angeben, z. B. info@beispiel.de",
            "Please give an email address, e.g. info@example.org",
        ),
        FIELD_UNKNOWN => pick(
            "Dieses Feld gibt es hier nicht.",
            "There is no such field here.",
        ),
        _ => None,
    }
}

/// How the revisions' comparison names a block's value (`block:{number}:{kind}:{field}`).
pub fn block_field_label(field: &str) -> Option<String> {
    let mut parts = field.strip_prefix("block:")?.splitn(3, ':');
    let (n, kind, f) = (parts.next()?, parts.next()?, parts.next()?);
    let kind = BlockKind::from_code(kind)?;
    let t = bt();
    let what = match f {
        "settings" => t.settings,
        "text" | "body" => t.text,
        "title" => t.title,
        "button_label" => t.button_label,
        "intro" => t.intro,
        "submit_label" => t.submit_label,
        "success_message" => t.success_message,
        "column_1" => t.column_1,
        "column_2" => t.column_2,
        "column_3" => t.column_3,
        "caption" => t.caption,
        _ => f,
    };
    Some(format!("{} {n} ({}) · {what}", t.block, kind_label(kind)))
}
