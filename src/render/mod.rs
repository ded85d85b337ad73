//! Block-to-HTML rendering of a site's pages: what the admin's preview shows and what publishing
//! will upload. Plain functions over plain data, no admin code, no database: given a page in one
//! language, it writes the whole document. Texts are escaped; rich text is sanitized when it is
//! saved and again here, so an old or forged row cannot carry script into a site.
use crate::content::blocks::{BlockInput, BlockKind, embed_source};
use crate::content::domain::{Theme, font_stack};
use crate::ids::MediaId;
use crate::media::MediaRender;
use std::fmt::Write;
use std::sync::LazyLock;

/// The tags and attributes rich text may have: what the editor's toolbar makes.
static RICH_TEXT: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.add_tags([
        "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "h2", "h3", "h4",
    ])
    .add_tag_attributes("a", ["href"])
    .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
    .url_relative(ammonia::UrlRelative::PassThrough)
    .link_rel(Some("noopener noreferrer"))
    .clean_content_tags(
        [
            "script", "style", "template", "iframe", "object", "noscript",
        ]
        .into_iter()
        .collect(),
    )
    .strip_comments(true);
    b
});

/// Rich text as a site may show it: only the toolbar's tags, links only to web, mail and phone
/// addresses or paths, no attributes but `href`.
pub fn clean_rich_text(html: &str) -> String {
    RICH_TEXT.clean(html).to_string()
}

/// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Words the rendered site needs in its own language (only German and English for now; other
/// languages get English).
struct Words {
    load_embed: &'static str,
    embed_notice: &'static str,
    name: &'static str,
    email: &'static str,
    phone: &'static str,
    message: &'static str,
    send: &'static str,
}

fn words(locale: &str) -> Words {
    if locale.starts_with("de") {
        Words {
            load_embed: "Inhalt laden",
            embed_notice: "Beim Laden werden Daten an den Anbieter übertragen:",
            name: "Name",
            email: "E-Mail",
            phone: "Telefon",
            message: "Nachricht",
            send: "Senden",
        }
    } else {
        Words {
            load_embed: "Load content",
            embed_notice: "Loading it sends data to the provider:",
            name: "Name",
            email: "Email",
            phone: "Phone",
            message: "Message",
            send: "Send",
        }
    }
}

fn provider_name(provider: &str) -> &'static str {
    match provider {
        "youtube" => "YouTube (Google)",
        "vimeo" => "Vimeo",
        "google_maps" => "Google Maps",
        "openstreetmap" => "OpenStreetMap",
        _ => "",
    }
}

/// The library files a page shows, and where they are: `/media/<tenant>` in the admin's preview,
/// `/media` on the published site.
#[derive(Clone, Copy)]
pub struct MediaSet<'a> {
    pub base: &'a str,
    pub items: &'a [MediaRender],
}

impl MediaSet<'_> {
    pub const NONE: MediaSet<'static> = MediaSet {
        base: "",
        items: &[],
    };

    pub fn get(&self, id: MediaId) -> Option<&MediaRender> {
        self.items.iter().find(|m| m.media_id == id)
    }

    /// The original's address.
    pub fn url(&self, m: &MediaRender) -> String {
        format!("{}/{}.{}", self.base, m.sha256, m.ext)
    }

    /// The address of the widest variant up to `width` (the original if none is).
    pub fn url_up_to(&self, m: &MediaRender, width: i32) -> String {
        match m
            .variant_widths
            .iter()
            .copied()
            .filter(|w| *w <= width)
            .max()
        {
            Some(w) => format!("{}/{}-{w}.{}", self.base, m.sha256, m.ext),
            None => self.url(m),
        }
    }
}

/// A picture with its responsive variants (WebP first, then its own format), its alt text in the
/// page's language, its size (no layout shift) and its focal point (classes of site.css, so the
/// CSP needs no inline style).
fn picture(out: &mut String, media: &MediaSet<'_>, m: &MediaRender, sizes: &str, eager: bool) {
    let focal = |v: i16| (i32::from(v.clamp(0, 100)) + 2) / 5 * 5;
    let dims = match (m.width, m.height) {
        (Some(w), Some(h)) => format!(" width=\"{w}\" height=\"{h}\""),
        _ => String::new(),
    };
    let loading = if eager {
        " fetchpriority=\"high\""
    } else {
        " loading=\"lazy\""
    };
    let img_attrs = format!(
        "alt=\"{alt}\"{dims}{loading} decoding=\"async\" class=\"focal fx-{x} fy-{y}\"",
        alt = escape(&m.alt),
        x = focal(m.focal_x),
        y = focal(m.focal_y),
    );
    if m.variant_widths.is_empty() || m.kind != "image" {
        let _ = write!(out, "<img src=\"{}\" {img_attrs}>", escape(&media.url(m)));
        return;
    }
    let set = |ext: &str| {
        let mut parts: Vec<String> = m
            .variant_widths
            .iter()
            .map(|w| format!("{}/{}-{w}.{ext} {w}w", media.base, m.sha256))
            .collect();
        if ext == m.ext
            && let Some(w) = m.width
        {
            parts.push(format!("{} {w}w", media.url(m)));
        }
        escape(&parts.join(", "))
    };
    let _ = write!(
        out,
        "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\">\
         <img src=\"{src}\" srcset=\"{own}\" sizes=\"{sizes}\" {img_attrs}></picture>",
        webp = set("webp"),
        own = set(&m.ext),
        src = escape(&media.url_up_to(m, 960)),
    );
}

/// A call to action's or hero's title, text and button (shown when it has a link and a label).
fn title_text_button(out: &mut String, b: &BlockInput, locale: &str) {
    let t = |field: &str| b.text(locale, field);
    if !t("title").is_empty() {
        let _ = write!(out, "<h2>{}</h2>", escape(t("title")));
    }
    if !t("text").is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(t("text")));
    }
    if !b.settings.url.is_empty() && !t("button_label").is_empty() {
        let _ = write!(
            out,
            "<a class=\"button\" href=\"{}\">{}</a>",
            escape(&b.settings.url),
            escape(t("button_label"))
        );
    }
}

/// Image and gallery captions: the block's own text, else the file's caption in this language.
fn figcaption(out: &mut String, own: &str, m: &MediaRender) {
    let text = if own.is_empty() {
        m.caption.as_str()
    } else {
        own
    };
    if !text.is_empty() {
        let _ = write!(out, "<figcaption>{}</figcaption>", escape(text));
    }
}

/// One block in `locale`; a text the language lacks is left out (no fallback to another language:
/// the editor warns about missing translations instead). Pictures come from `media`; one it lacks
/// (deleted since) is left out.
pub fn render_block(out: &mut String, b: &BlockInput, locale: &str, media: &MediaSet<'_>) {
    let t = |field: &str| b.text(locale, field);
    let w = words(locale);
    let first = b.settings.media.first().and_then(|id| media.get(*id));
    match b.kind {
        BlockKind::Image => {
            if let Some(m) = first {
                out.push_str("<figure class=\"block image\">");
                picture(out, media, m, "(min-width: 48rem) 48rem, 100vw", false);
                figcaption(out, t("caption"), m);
                out.push_str("</figure>");
            }
        }
        BlockKind::Gallery => {
            out.push_str("<section class=\"block gallery\">");
            if !t("title").is_empty() {
                let _ = write!(out, "<h2>{}</h2>", escape(t("title")));
            }
            out.push_str("<ul class=\"gallery-grid\">");
            for m in b.settings.media.iter().filter_map(|id| media.get(*id)) {
                out.push_str("<li><figure>");
                picture(out, media, m, "(min-width: 48rem) 16rem, 50vw", false);
                figcaption(out, "", m);
                out.push_str("</figure></li>");
            }
            out.push_str("</ul></section>");
        }
        BlockKind::Hero => {
            let class = if first.is_some() {
                "block hero with-image"
            } else {
                "block hero"
            };
            let _ = write!(out, "<section class=\"{class}\">");
            if let Some(m) = first {
                picture(out, media, m, "100vw", true);
            }
            out.push_str("<div class=\"hero-body\">");
            title_text_button(out, b, locale);
            out.push_str("</div></section>");
        }
        BlockKind::Heading => {
            let level = b.settings.level.unwrap_or(2).clamp(2, 4);
            let text = t("text");
            if !text.is_empty() {
                let _ = write!(
                    out,
                    "<h{level} class=\"block heading\">{}</h{level}>",
                    escape(text)
                );
            }
        }
        BlockKind::RichText => {
            let _ = write!(
                out,
                "<div class=\"block rich-text\">{}</div>",
                clean_rich_text(t("body"))
            );
        }
        BlockKind::CallToAction => {
            out.push_str("<section class=\"block cta\">");
            title_text_button(out, b, locale);
            out.push_str("</section>");
        }
        BlockKind::Embed => {
            // Two clicks: nothing loads from the provider until the visitor asks for it.
            if let Some(src) = embed_source(&b.settings.url) {
                let _ = write!(
                    out,
                    "<figure class=\"block embed\" data-embed-src=\"{src}\" data-provider=\"{p}\">\
                     <div class=\"embed-consent\"><p>{notice} {name}</p>\
                     <button type=\"button\" class=\"button\">{load}</button></div>{caption}</figure>",
                    src = escape(&src.src),
                    p = src.provider,
                    notice = escape(w.embed_notice),
                    name = provider_name(src.provider),
                    load = escape(w.load_embed),
                    caption = if t("title").is_empty() {
                        String::new()
                    } else {
                        format!("<figcaption>{}</figcaption>", escape(t("title")))
                    },
                );
            }
        }
        BlockKind::Columns => {
            let n = b.settings.columns.unwrap_or(2).clamp(2, 3);
            let _ = write!(out, "<div class=\"block columns columns-{n}\">");
            for i in 1..=n {
                let _ = write!(
                    out,
                    "<div class=\"column\">{}</div>",
                    clean_rich_text(t(&format!("column_{i}")))
                );
            }
            out.push_str("</div>");
        }
        BlockKind::ContactForm => {
            out.push_str("<section class=\"block contact-form\">");
            if !t("title").is_empty() {
                let _ = write!(out, "<h2>{}</h2>", escape(t("title")));
            }
            if !t("intro").is_empty() {
                let _ = write!(out, "<p>{}</p>", escape(t("intro")));
            }
            let _ = write!(out, "<form method=\"post\" data-block=\"{}\">", b.block_id);
            for f in &b.settings.fields {
                let (label, kind, auto) = match f.as_str() {
                    "name" => (w.name, "text", "name"),
                    "email" => (w.email, "email", "email"),
                    "phone" => (w.phone, "tel", "tel"),
                    "message" => (w.message, "textarea", "off"),
                    _ => continue,
                };
                let id = format!("f-{}-{f}", b.block_id);
                let required = if matches!(f.as_str(), "email" | "message") {
                    " required"
                } else {
                    ""
                };
                let _ = write!(out, "<p><label for=\"{id}\">{label}</label>");
                if kind == "textarea" {
                    let _ = write!(
                        out,
                        "<textarea id=\"{id}\" name=\"{f}\" rows=\"5\"{required}></textarea></p>"
                    );
                } else {
                    let _ = write!(
                        out,
                        "<input id=\"{id}\" name=\"{f}\" type=\"{kind}\" autocomplete=\"{auto}\"{required}></p>"
                    );
                }
            }
            let label = if t("submit_label").is_empty() {
                w.send
            } else {
                t("submit_label")
            };
            let _ = write!(
                out,
                "<button type=\"submit\" class=\"button\">{}</button></form></section>",
                escape(label)
            );
        }
    }
}

/// A page of a site in one language, as a whole document.
pub struct PageDocument<'a> {
    pub site_name: &'a str,
    pub locale: &'a str,
    pub title: &'a str,
    pub seo_title: &'a str,
    pub seo_description: &'a str,
    pub theme: &'a Theme,
    pub blocks: &'a [BlockInput],
    pub footer: &'a str,
    /// Where the site's stylesheet and script are (e.g. `/_site` on the published site).
    pub assets: &'a str,
    /// The pictures of the blocks, the logo and the social image.
    pub media: MediaSet<'a>,
    pub logo: Option<MediaId>,
    pub social_image: Option<MediaId>,
}

/// The theme as CSS custom properties, inlined in each page (a CSP allows it by its hash, see
/// [`theme_css_hash`]). Colours are `#rrggbb` and fonts come from the safe list, so nothing a user
/// typed reaches the CSS.
pub fn theme_css(theme: &Theme) -> String {
    let colour =
        |c: &str| crate::content::domain::check_colour(c).unwrap_or_else(|| "#000000".to_owned());
    format!(
        ":root{{--primary:{};--accent:{};--text:{};--background:{};--heading-font:{};--body-font:{}}}",
        colour(&theme.primary_colour),
        colour(&theme.accent_colour),
        colour(&theme.text_colour),
        colour(&theme.background_colour),
        font_stack(&theme.heading_font),
        font_stack(&theme.body_font),
    )
}

/// `'sha256-…'` of the theme's `<style>`, for a Content-Security-Policy.
pub fn theme_css_hash(theme: &Theme) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(theme_css(theme).as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

pub fn render_page(p: &PageDocument<'_>) -> String {
    let mut out = String::with_capacity(4096 + p.blocks.len() * 512);
    let title = if p.seo_title.is_empty() {
        format!("{} – {}", p.title, p.site_name)
    } else {
        p.seo_title.to_owned()
    };
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>",
        lang = escape(p.locale),
        title = escape(&title),
    );
    if !p.seo_description.is_empty() {
        let _ = write!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            escape(p.seo_description)
        );
    }
    if let Some(m) = p.social_image.and_then(|id| p.media.get(id)) {
        let _ = write!(
            out,
            "<meta property=\"og:image\" content=\"{}\">",
            escape(&p.media.url_up_to(m, 1600))
        );
    }
    let logo = match p.logo.and_then(|id| p.media.get(id)) {
        Some(m) => format!(
            "<img class=\"site-logo\" src=\"{}\" alt=\"{}\"{}>",
            escape(&p.media.url_up_to(m, 480)),
            escape(p.site_name),
            match (m.width, m.height) {
                (Some(w), Some(h)) => format!(" width=\"{w}\" height=\"{h}\""),
                _ => String::new(),
            }
        ),
        None => format!("<p class=\"site-name\">{}</p>", escape(p.site_name)),
    };
    let _ = write!(
        out,
        "<style>{theme}</style><link rel=\"stylesheet\" href=\"{a}/site.css\">\
         <script src=\"{a}/site.js\" defer></script></head><body>\
         <header class=\"site-header\">{logo}</header><main><h1>{h1}</h1>",
        theme = theme_css(p.theme),
        a = escape(p.assets),
        h1 = escape(p.title),
    );
    for b in p.blocks {
        render_block(&mut out, b, p.locale, &p.media);
    }
    let _ = write!(
        out,
        "</main><footer class=\"site-footer\"><p>{}</p></footer></body></html>",
        escape(p.footer)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::blocks::BlockText;

    /// Payloads from the usual XSS cheat sheets; none may leave script, handlers or odd URLs.
    pub const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<p onclick=\"alert(1)\">x</p>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<form action=\"https://evil.example\"><button>x</button></form>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<!--<script>alert(1)</script>-->",
        "<scr<script>ipt>alert(1)</script>",
        "<details open ontoggle=alert(1)>",
    ];

    /// No tag (text is escaped, so every `<` starts one) carries script, a handler, a style or an
    /// address other than http(s), mailto and tel.
    fn is_harmless(html: &str) -> bool {
        html.split('<').skip(1).all(|rest| {
            let tag = rest
                .split('>')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let name = tag
                .trim_start_matches('/')
                .split([' ', '/'])
                .next()
                .unwrap_or_default();
            // The toolbar's tags, and the block's own wrapper.
            let allowed = [
                "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "h2", "h3", "h4", "div",
            ];
            allowed.contains(&name)
                && !tag.contains(" on")
                && !tag.contains("style")
                && !tag.contains("javascript:")
                && !tag.contains("data:")
        })
    }

    #[test]
    fn rich_text_keeps_the_toolbar_tags_and_drops_everything_else() {
        let kept = clean_rich_text(
            "<h2>Öffnungszeiten</h2><p><b>Mo</b>–<i>Fr</i> <a href=\"https://example.org\">Karte</a></p><ul><li>a</li></ul>",
        );
        assert_eq!(
            kept,
            "<h2>Öffnungszeiten</h2><p><b>Mo</b>–<i>Fr</i> <a href=\"https://example.org\" rel=\"noopener noreferrer\">Karte</a></p><ul><li>a</li></ul>"
        );
        for payload in XSS {
            let clean = clean_rich_text(payload);
            assert!(is_harmless(&clean), "{payload} -> {clean}");
        }
    }

    #[test]
    fn plain_texts_are_escaped_and_rich_text_is_cleaned_again_when_rendered() {
        let mut b = BlockInput::new(BlockKind::Heading);
        b.texts.push(BlockText {
            locale: "de".into(),
            field: "text".into(),
            value: "<script>alert(1)</script>".into(),
        });
        let mut r = BlockInput::new(BlockKind::RichText);
        for payload in XSS {
            r.texts = vec![BlockText {
                locale: "de".into(),
                field: "body".into(),
                value: (*payload).into(),
            }];
            let mut out = String::new();
            render_block(&mut out, &r, "de", &MediaSet::NONE);
            assert!(is_harmless(&out), "{payload} -> {out}");
        }
        let mut out = String::new();
        render_block(&mut out, &b, "de", &MediaSet::NONE);
        assert_eq!(
            out,
            "<h2 class=\"block heading\">&lt;script&gt;alert(1)&lt;/script&gt;</h2>"
        );
        // The language asked for only.
        let mut out = String::new();
        render_block(&mut out, &b, "en", &MediaSet::NONE);
        assert_eq!(out, "");
    }

    #[test]
    fn an_embed_loads_nothing_until_asked() {
        let mut b = BlockInput::new(BlockKind::Embed);
        b.settings.url = "https://youtu.be/dQw4w9WgXcQ".into();
        let mut out = String::new();
        render_block(&mut out, &b, "de", &MediaSet::NONE);
        assert!(!out.contains("<iframe"));
        assert!(
            out.contains("data-embed-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"")
        );
        assert!(out.contains("YouTube (Google)"));
    }
}
