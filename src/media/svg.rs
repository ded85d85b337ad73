//! SVG uploads. An SVG is a document that can carry script, event handlers, external references and
//! embedded HTML, so it is never stored as uploaded: it is parsed (no DTD, so no entity tricks) and
//! written anew from an allow-list of drawing elements and attributes. Whatever is not on the list
//! (script, foreignObject, on* handlers, links to other documents, `javascript:` URLs) is left out.
use roxmltree::{Document, Node, NodeType, ParsingOptions};
use std::fmt::Write;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "style",
];

/// Elements that go while their content stays.
const UNWRAP: &[&str] = &["a", "switch"];

const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "d",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "width",
    "height",
    "viewBox",
    "points",
    "transform",
    "offset",
    "preserveAspectRatio",
    "version",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-opacity",
    "opacity",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "clip-path",
    "clip-rule",
    "mask",
    "maskUnits",
    "maskContentUnits",
    "clipPathUnits",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "display",
    "visibility",
    "color",
    "style",
    "dx",
    "dy",
];

pub struct CleanSvg {
    pub svg: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Debug)]
pub struct NotSvg;

/// The SVG rebuilt from the allow-list; `NotSvg` if it does not parse or is not an SVG document.
pub fn sanitize(bytes: &[u8]) -> Result<CleanSvg, NotSvg> {
    let text = std::str::from_utf8(bytes).map_err(|_| NotSvg)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 200_000,
    };
    let doc = Document::parse_with_options(text, options).map_err(|_| NotSvg)?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err(NotSvg);
    }
    let mut out = String::with_capacity(text.len());
    write_element(&mut out, root, true);
    let dimension = |name: &str| {
        root.attribute(name).and_then(|v| {
            let n = v.trim().trim_end_matches("px");
            n.parse::<f64>()
                .ok()
                .filter(|f| *f >= 1.0 && *f < 100_000.0)
                .map(|f| f.round() as u32)
        })
    };
    let (mut width, mut height) = (dimension("width"), dimension("height"));
    if (width.is_none() || height.is_none())
        && let Some(vb) = root.attribute("viewBox")
    {
        let nums: Vec<f64> = vb
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        if let [_, _, w, h] = nums[..]
            && w >= 1.0
            && h >= 1.0
        {
            width = Some(w.round() as u32);
            height = Some(h.round() as u32);
        }
    }
    Ok(CleanSvg {
        svg: out,
        width,
        height,
    })
}

/// A value that may reference only something inside this document (`#id`, `url(#id)`), and no
/// script or CSS tricks.
fn safe_value(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if lower.contains("javascript:")
        || lower.contains("data:")
        || lower.contains("expression")
        || lower.contains("@import")
        || lower.contains('\\')
        || lower.contains("</")
    {
        return false;
    }
    // every url( must point inside the document
    lower.match_indices("url(").all(|(i, _)| {
        lower[i + 4..]
            .trim_start_matches(['\'', '"', ' '])
            .starts_with('#')
    })
}

fn write_element(out: &mut String, node: Node<'_, '_>, root: bool) {
    let name = node.tag_name().name();
    if node.tag_name().namespace() == Some(SVG_NS) && UNWRAP.contains(&name) {
        // A link or a switch goes; the drawing inside it stays.
        write_children(out, node);
        return;
    }
    if node.tag_name().namespace() != Some(SVG_NS) || !ELEMENTS.contains(&name) {
        return;
    }
    if name == "style" {
        let css: String = node.children().filter_map(|c| c.text()).collect();
        if safe_value(&css) {
            let _ = write!(out, "<style>{}</style>", escape(&css));
        }
        return;
    }
    out.push('<');
    out.push_str(name);
    if root {
        let _ = write!(out, " xmlns=\"{SVG_NS}\"");
    }
    for a in node.attributes() {
        let (ns, local, value) = (a.namespace(), a.name(), a.value());
        let allowed = match ns {
            None => ATTRIBUTES.contains(&local) || local == "href",
            Some(XLINK_NS) => local == "href",
            Some(_) => false,
        };
        if !allowed || !safe_value(value) {
            continue;
        }
        if local == "href" && !value.trim_start().starts_with('#') {
            continue;
        }
        let _ = write!(out, " {local}=\"{}\"", escape(value));
    }
    if node.children().next().is_none() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    write_children(out, node);
    let _ = write!(out, "</{name}>");
}

fn write_children(out: &mut String, node: Node<'_, '_>) {
    for child in node.children() {
        match child.node_type() {
            NodeType::Element => write_element(out, child, false),
            NodeType::Text => out.push_str(&escape(child.text().unwrap_or_default())),
            _ => {}
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> String {
        sanitize(svg.as_bytes()).expect("an SVG").svg
    }

    #[test]
    fn drawing_survives() {
        let out = clean(
            r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40" viewBox="0 0 120 40"><defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs><rect width="120" height="40" fill="url(#g)"/><use xlink:href="#g"/><text x="4" y="20">A &amp; B</text></svg>"##,
        );
        assert!(out.contains("fill=\"url(#g)\""), "{out}");
        assert!(out.contains("<use href=\"#g\"/>"), "{out}");
        assert!(out.contains("A &amp; B"), "{out}");
        let s = sanitize(out.as_bytes()).unwrap();
        assert_eq!((s.width, s.height), (Some(120), Some(40)));
    }

    #[test]
    fn script_handlers_and_outside_references_are_removed() {
        let attacks = [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/x.svg#a"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(javascript:alert(1))"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onmouseover" to="alert(1)"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://evil.example/track)"/></svg>"#,
        ];
        for svg in attacks {
            let out = clean(svg).to_ascii_lowercase();
            for bad in [
                "script",
                "onload",
                "javascript",
                "evil",
                "foreignobject",
                "data:",
                "@import",
                "animate",
                "<set",
                "onmouseover",
            ] {
                assert!(!out.contains(bad), "{bad} left in {out} (from {svg})");
            }
        }
    }

    #[test]
    fn not_an_svg_or_entity_tricks_are_refused() {
        for bad in [
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>"#,
            r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>"#,
            r#"<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>"#,
            r#"<svg><rect/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>"#,
        ] {
            assert!(sanitize(bad.as_bytes()).is_err(), "{bad}");
        }
    }
}
