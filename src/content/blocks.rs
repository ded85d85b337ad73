//! Blocks: the typed parts a page is made of, in order. Each kind says which of its fields translate
//! (stored per language in `field_text`, whose record is the block, so that translation provenance
//! can be added per field and language there) and which are settings, one value for every language
//! (JSON in `block.settings`). Shared by the editor and the server; the rules are checked here.
use super::domain::check_menu_url;
use crate::error::FieldErrors;
use crate::ids::{BlockId, MediaId};
use serde::{Deserialize, Serialize};

/// Error codes; the UI words them.
pub mod codes {
    pub const BLOCK_KIND_UNKNOWN: &str = "block_kind_unknown";
    pub const BLOCK_DUPLICATE: &str = "block_duplicate";
    pub const BLOCKS_TOO_MANY: &str = "blocks_too_many";
    pub const HEADING_LEVEL_INVALID: &str = "heading_level_invalid";
    pub const LINK_INVALID: &str = "link_invalid";
    pub const EMBED_UNSUPPORTED: &str = "embed_unsupported";
    pub const COLUMNS_INVALID: &str = "columns_invalid";
    pub const RECIPIENT_INVALID: &str = "recipient_invalid";
    pub const FIELD_UNKNOWN: &str = "block_field_unknown";
    pub const IMAGE_REQUIRED: &str = "block_image_required";
    pub const GALLERY_TOO_MANY: &str = "block_gallery_too_many";
}

/// At most this many images in one gallery.
pub const MAX_GALLERY: usize = 60;

/// At most this many blocks on one page.
pub const MAX_BLOCKS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    RichText,
    CallToAction,
    Embed,
    Columns,
    ContactForm,
    Image,
    Gallery,
    Hero,
}

/// A translatable field of a block kind. `rich`: HTML from the rich text editor (sanitized);
/// otherwise plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextField {
    pub name: &'static str,
    pub rich: bool,
    pub max: usize,
}

const fn plain(name: &'static str, max: usize) -> TextField {
    TextField {
        name,
        rich: false,
        max,
    }
}
const fn rich(name: &'static str) -> TextField {
    TextField {
        name,
        rich: true,
        max: 50_000,
    }
}

impl BlockKind {
    pub const ALL: [BlockKind; 9] = [
        BlockKind::Heading,
        BlockKind::RichText,
        BlockKind::Image,
        BlockKind::Gallery,
        BlockKind::Hero,
        BlockKind::CallToAction,
        BlockKind::Embed,
        BlockKind::Columns,
        BlockKind::ContactForm,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::RichText => "rich_text",
            BlockKind::CallToAction => "call_to_action",
            BlockKind::Embed => "embed",
            BlockKind::Columns => "columns",
            BlockKind::ContactForm => "contact_form",
            BlockKind::Image => "image",
            BlockKind::Gallery => "gallery",
            BlockKind::Hero => "hero",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The fields that translate.
    pub fn text_fields(self) -> &'static [TextField] {
        const HEADING: &[TextField] = &[plain("text", 200)];
        const RICH_TEXT: &[TextField] = &[rich("body")];
        const CTA: &[TextField] = &[
            plain("title", 200),
            plain("text", 1000),
            plain("button_label", 80),
        ];
        const EMBED: &[TextField] = &[plain("title", 200)];
        const COLUMNS: &[TextField] = &[rich("column_1"), rich("column_2"), rich("column_3")];
        const CONTACT_FORM: &[TextField] = &[
            plain("title", 200),
            plain("intro", 1000),
            plain("submit_label", 80),
            plain("success_message", 500),
        ];
        const IMAGE: &[TextField] = &[plain("caption", 500)];
        const GALLERY: &[TextField] = &[plain("title", 200)];
        const HERO: &[TextField] = &[
            plain("title", 200),
            plain("text", 1000),
            plain("button_label", 80),
        ];
        match self {
            BlockKind::Image => IMAGE,
            BlockKind::Gallery => GALLERY,
            BlockKind::Hero => HERO,
            BlockKind::Heading => HEADING,
            BlockKind::RichText => RICH_TEXT,
            BlockKind::CallToAction => CTA,
            BlockKind::Embed => EMBED,
            BlockKind::Columns => COLUMNS,
            BlockKind::ContactForm => CONTACT_FORM,
        }
    }

    pub fn text_field(self, name: &str) -> Option<TextField> {
        self.text_fields().iter().copied().find(|f| f.name == name)
    }

    /// What a new block of this kind starts with.
    pub fn default_settings(self) -> BlockSettings {
        match self {
            BlockKind::Heading => BlockSettings {
                level: Some(2),
                ..Default::default()
            },
            BlockKind::Columns => BlockSettings {
                columns: Some(2),
                ..Default::default()
            },
            BlockKind::ContactForm => BlockSettings {
                fields: vec!["name".into(), "email".into(), "message".into()],
                ..Default::default()
            },
            _ => BlockSettings::default(),
        }
    }
}

/// The fields a contact form may ask for; e-mail and message are always asked.
pub const FORM_FIELDS: [&str; 4] = ["name", "email", "phone", "message"];

/// A block's settings: the same in every language. Each kind uses some of them; the rest stay empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockSettings {
    /// Heading: 2, 3 or 4 (the page title is the h1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// Call to action: the button's link. Embed: the address the editor pasted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// Columns: 2 or 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<u8>,
    /// Contact form: where the messages go.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub recipient: String,
    /// Contact form: the fields it asks for, from [`FORM_FIELDS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// Image and hero: the picture (one). Gallery: the pictures, in order. Files of the library.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaId>,
}

/// One translated value of a block.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockText {
    pub locale: String,
    pub field: String,
    #[serde(default)]
    pub value: String,
}

/// A block as the editor sends and receives it. The editor makes the id (UUIDv7) of a new block, so
/// that saving twice never makes two.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockInput {
    pub block_id: BlockId,
    pub kind: BlockKind,
    #[serde(default)]
    pub settings: BlockSettings,
    #[serde(default)]
    pub texts: Vec<BlockText>,
}

impl BlockInput {
    pub fn new(kind: BlockKind) -> Self {
        Self {
            block_id: BlockId::new(),
            kind,
            settings: kind.default_settings(),
            texts: Vec::new(),
        }
    }

    pub fn text(&self, locale: &str, field: &str) -> &str {
        text_in(&self.texts, locale, field)
    }
}

/// The value of `field` in `locale` among a block's texts ("" when it has none).
pub fn text_in<'a>(texts: &'a [BlockText], locale: &str, field: &str) -> &'a str {
    texts
        .iter()
        .find(|t| t.locale == locale && t.field == field)
        .map(|t| t.value.as_str())
        .unwrap_or_default()
}

/// Whether `locale` lacks a text that `default` has: that field (`Some`) or any (`None`).
pub fn untranslated(texts: &[BlockText], default: &str, locale: &str, field: Option<&str>) -> bool {
    locale != default
        && texts.iter().any(|t| {
            t.locale == default
                && field.is_none_or(|f| t.field == f)
                && !t.value.trim().is_empty()
                && text_in(texts, locale, &t.field).trim().is_empty()
        })
}

/// Where an embed shows from, once the visitor agreed: the provider and the address of its player.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedSource {
    pub provider: &'static str,
    pub src: String,
}

/// Accepts YouTube and Vimeo videos and Google or OpenStreetMap maps, and gives the privacy-friendly
/// player address (youtube-nocookie, Vimeo with do-not-track). Anything else is refused.
pub fn embed_source(url: &str) -> Option<EmbedSource> {
    let url = url.trim();
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let (path_only, query) = path.split_once('?').unwrap_or((path, ""));
    let param = |name: &str| {
        query.split('&').find_map(|pair| {
            pair.split_once('=')
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.to_owned())
        })
    };
    let video_id = |id: &str| {
        (id.len() == 11
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then(|| id.to_owned())
    };
    let safe_query = |q: &str| {
        !q.is_empty()
            && q.len() <= 2000
            && q.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!%&()*+,-./:;=?@_~".contains(c))
    };
    match host {
        "youtube.com" | "m.youtube.com" | "youtube-nocookie.com" => {
            let id = if path_only == "watch" {
                param("v")
            } else {
                path_only
                    .strip_prefix("embed/")
                    .or_else(|| path_only.strip_prefix("shorts/"))
                    .map(str::to_owned)
            }?;
            let id = video_id(&id)?;
            Some(EmbedSource {
                provider: "youtube",
                src: format!("https://www.youtube-nocookie.com/embed/{id}"),
            })
        }
        "youtu.be" => {
            let id = video_id(path_only)?;
            Some(EmbedSource {
                provider: "youtube",
                src: format!("https://www.youtube-nocookie.com/embed/{id}"),
            })
        }
        "vimeo.com" | "player.vimeo.com" => {
            let id = path_only.strip_prefix("video/").unwrap_or(path_only);
            (!id.is_empty() && id.len() <= 12 && id.chars().all(|c| c.is_ascii_digit())).then(
                || EmbedSource {
                    provider: "vimeo",
                    src: format!("https://player.vimeo.com/video/{id}?dnt=1"),
                },
            )
        }
        "google.com" | "maps.google.com" if path_only == "maps/embed" && safe_query(query) => {
            Some(EmbedSource {
                provider: "google_maps",
                src: format!("https://www.google.com/maps/embed?{query}"),
            })
        }
        "openstreetmap.org" if path_only == "export/embed.html" && safe_query(query) => {
            Some(EmbedSource {
                provider: "openstreetmap",
                src: format!("https://www.openstreetmap.org/export/embed.html?{query}"),
            })
        }
        _ => None,
    }
}

/// A plausible e-mail address (the form's recipient); the mail server has the last word.
pub fn check_recipient(value: &str) -> Option<String> {
    let v = value.trim();
    let (local, domain) = v.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && v.len() <= 254
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    ok.then(|| v.to_owned())
}

/// Checks a page's blocks: kinds, settings and which texts they may have, in `locales` (the site's).
/// Settings are made canonical (trimmed, the embed's address normalised). Errors are keyed
/// `block.{id}.{field}` for settings and `block.{id}.{field}.{locale}` for texts. Rich text is
/// sanitized by the caller on the server (see `server::html`), not here: the browser build has no
/// HTML parser.
pub fn validate_blocks(
    blocks: &[BlockInput],
    locales: &[String],
) -> Result<Vec<BlockInput>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut add = |key: String, code: &str| errors.entry(key).or_default().push(code.to_owned());
    if blocks.len() > MAX_BLOCKS {
        add("blocks".into(), codes::BLOCKS_TOO_MANY);
    }
    let mut out = Vec::with_capacity(blocks.len());
    let mut seen = std::collections::HashSet::new();
    for b in blocks {
        let id = b.block_id;
        if !seen.insert(id) {
            add("blocks".into(), codes::BLOCK_DUPLICATE);
            continue;
        }
        let mut s = BlockSettings::default();
        match b.kind {
            BlockKind::Heading => match b.settings.level {
                Some(l @ 2..=4) => s.level = Some(l),
                _ => add(format!("block.{id}.level"), codes::HEADING_LEVEL_INVALID),
            },
            BlockKind::CallToAction => {
                if b.settings.url.trim().is_empty() {
                    // A call to action without a link shows no button.
                } else if let Some(u) = check_menu_url(&b.settings.url) {
                    s.url = u;
                } else {
                    add(format!("block.{id}.url"), codes::LINK_INVALID);
                }
            }
            BlockKind::Embed => match embed_source(&b.settings.url) {
                Some(_) => s.url = b.settings.url.trim().to_owned(),
                None => add(format!("block.{id}.url"), codes::EMBED_UNSUPPORTED),
            },
            BlockKind::Columns => match b.settings.columns {
                Some(c @ 2..=3) => s.columns = Some(c),
                _ => add(format!("block.{id}.columns"), codes::COLUMNS_INVALID),
            },
            BlockKind::ContactForm => {
                match check_recipient(&b.settings.recipient) {
                    Some(r) => s.recipient = r,
                    None => add(format!("block.{id}.recipient"), codes::RECIPIENT_INVALID),
                }
                if b.settings
                    .fields
                    .iter()
                    .any(|f| !FORM_FIELDS.contains(&f.as_str()))
                {
                    add(format!("block.{id}.fields"), codes::FIELD_UNKNOWN);
                }
                // Always e-mail and message; the order is the form's.
                s.fields = FORM_FIELDS
                    .iter()
                    .filter(|f| {
                        matches!(**f, "email" | "message")
                            || b.settings.fields.iter().any(|x| x == *f)
                    })
                    .map(|f| (*f).to_owned())
                    .collect();
            }
            BlockKind::Image | BlockKind::Hero | BlockKind::Gallery => {
                let mut media: Vec<MediaId> = Vec::new();
                for m in &b.settings.media {
                    if !media.contains(m) {
                        media.push(*m);
                    }
                }
                let max = if b.kind == BlockKind::Gallery {
                    MAX_GALLERY
                } else {
                    1
                };
                if media.len() > max {
                    add(format!("block.{id}.media"), codes::GALLERY_TOO_MANY);
                }
                // An image block needs its picture; a hero may be text on the theme's colour.
                if media.is_empty() && b.kind != BlockKind::Hero {
                    add(format!("block.{id}.media"), codes::IMAGE_REQUIRED);
                }
                s.media = media;
                if b.kind == BlockKind::Hero && !b.settings.url.trim().is_empty() {
                    match check_menu_url(&b.settings.url) {
                        Some(u) => s.url = u,
                        None => add(format!("block.{id}.url"), codes::LINK_INVALID),
                    }
                }
            }
            BlockKind::RichText => {}
        }
        let mut texts: Vec<BlockText> = Vec::new();
        for t in &b.texts {
            let Some(field) = b.kind.text_field(&t.field) else {
                add(
                    format!(
                        "block.{id}.{}",
                        t.field.chars().take(40).collect::<String>()
                    ),
                    codes::FIELD_UNKNOWN,
                );
                continue;
            };
            if !locales.contains(&t.locale) {
                add(
                    "locales".into(),
                    crate::tenants::domain::codes::LOCALE_UNSUPPORTED,
                );
                continue;
            }
            if texts
                .iter()
                .any(|x| x.locale == t.locale && x.field == t.field)
            {
                add(format!("block.{id}.{}", t.field), codes::BLOCK_DUPLICATE);
                continue;
            }
            let value = if field.rich {
                t.value.clone()
            } else {
                t.value.trim().to_owned()
            };
            if value.chars().count() > field.max {
                add(
                    format!("block.{id}.{}.{}", t.field, t.locale),
                    super::domain::codes::TEXT_TOO_LONG,
                );
                continue;
            }
            if !value.trim().is_empty() {
                texts.push(BlockText {
                    locale: t.locale.clone(),
                    field: t.field.clone(),
                    value,
                });
            }
        }
        out.push(BlockInput {
            block_id: id,
            kind: b.kind,
            settings: s,
            texts,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locales() -> Vec<String> {
        vec!["de".into(), "en".into()]
    }

    #[test]
    fn embeds_are_youtube_vimeo_or_maps_only() {
        let yt = embed_source("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10").unwrap();
        assert_eq!(yt.src, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
        assert_eq!(
            embed_source("https://youtu.be/dQw4w9WgXcQ").unwrap().src,
            yt.src
        );
        assert_eq!(
            embed_source("https://vimeo.com/76979871").unwrap().src,
            "https://player.vimeo.com/video/76979871?dnt=1"
        );
        assert_eq!(
            embed_source("https://www.google.com/maps/embed?pb=!1m18!1m12")
                .unwrap()
                .provider,
            "google_maps"
        );
        for bad in [
            "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=short",
            "https://evil.example/embed/dQw4w9WgXcQ",
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
            "https://www.google.com/maps/embed?pb=\"><script>",
            "javascript:alert(1)",
            "https://vimeo.com/abc",
        ] {
            assert!(embed_source(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn blocks_are_checked_per_kind_and_texts_per_field_and_language() {
        let mut heading = BlockInput::new(BlockKind::Heading);
        heading.settings.level = Some(7);
        heading.texts.push(BlockText {
            locale: "de".into(),
            field: "text".into(),
            value: "  Hallo  ".into(),
        });
        let mut cta = BlockInput::new(BlockKind::CallToAction);
        cta.settings.url = "javascript:alert(1)".into();
        let mut form = BlockInput::new(BlockKind::ContactForm);
        form.settings.recipient = "not an address".into();
        let mut text = BlockInput::new(BlockKind::RichText);
        text.texts.push(BlockText {
            locale: "de".into(),
            field: "title".into(),
            value: "x".into(),
        });
        let errors = validate_blocks(
            &[heading.clone(), cta.clone(), form.clone(), text.clone()],
            &locales(),
        )
        .unwrap_err();
        assert_eq!(
            errors.keys().cloned().collect::<Vec<_>>(),
            vec![
                format!("block.{}.level", heading.block_id),
                format!("block.{}.url", cta.block_id),
                format!("block.{}.recipient", form.block_id),
                format!("block.{}.title", text.block_id),
            ]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );

        heading.settings.level = Some(3);
        form.settings.recipient = " info@example.org ".into();
        form.settings.fields = vec!["phone".into()];
        let ok = validate_blocks(&[heading, form], &locales()).unwrap();
        assert_eq!(ok[0].texts[0].value, "Hallo");
        assert_eq!(ok[1].settings.recipient, "info@example.org");
        assert_eq!(ok[1].settings.fields, vec!["email", "phone", "message"]);
    }

    #[test]
    fn a_language_the_site_lacks_or_a_block_sent_twice_is_refused() {
        let mut b = BlockInput::new(BlockKind::RichText);
        b.texts.push(BlockText {
            locale: "fr".into(),
            field: "body".into(),
            value: "<p>x</p>".into(),
        });
        assert!(
            validate_blocks(&[b.clone()], &locales())
                .unwrap_err()
                .contains_key("locales")
        );
        b.texts.clear();
        assert!(
            validate_blocks(&[b.clone(), b], &locales())
                .unwrap_err()
                .contains_key("blocks")
        );
    }
}
