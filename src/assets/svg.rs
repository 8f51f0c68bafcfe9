//! SVG pictures: read with the bundled fonts and nothing outside them.

use std::sync::{Arc, OnceLock};

/// The options every SVG is read with: text in the bundled fonts, and no
/// file or web address ever followed (a guide's pictures cannot pull in
/// anything outside the guide).
pub(crate) fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for bytes in crate::fonts::files() {
            // Read in place from the binary, not copied.
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
        }
        db.set_sans_serif_family("Noto Sans");
        usvg::Options {
            fontdb: Arc::new(db),
            font_family: "Noto Sans".to_string(),
            resources_dir: None,
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        }
    })
}

/// The first reference in an SVG to anything outside it: an `href` that is
/// not `#id` or `data:`, or a CSS `url()` or `@import` of the same kind.
pub(crate) fn outside_reference(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let doc = usvg::roxmltree::Document::parse_with_options(
        text,
        usvg::roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .ok()?;
    let inside = |v: &str| {
        let v = v.trim();
        v.is_empty() || v.starts_with('#') || v.to_ascii_lowercase().starts_with("data:")
    };
    for node in doc.descendants() {
        for attr in node.attributes() {
            if attr.name() == "href" && !inside(attr.value()) {
                return Some(attr.value().to_string());
            }
            if let Some(found) = css_outside(attr.value(), &inside) {
                return Some(found);
            }
        }
        if node.is_text()
            && let Some(found) = css_outside(node.text().unwrap_or(""), &inside)
        {
            return Some(found);
        }
    }
    None
}

fn css_outside(css: &str, inside: &dyn Fn(&str) -> bool) -> Option<String> {
    // `u\72l(` is `url(` and `@\69mport` is `@import` to a CSS reader:
    // the scan reads what it reads.
    let css = &css_unescape(css);
    let lower = css.to_ascii_lowercase();
    if let Some(at) = lower.find("@import") {
        return Some(css[at..].chars().take(60).collect());
    }
    let mut rest = 0;
    while let Some(at) = lower[rest..].find("url(") {
        let start = rest + at + 4;
        let end = lower[start..].find(')').map_or(lower.len(), |e| start + e);
        let target = css[start..end].trim().trim_matches(['"', '\'']);
        if !inside(target) {
            return Some(target.to_string());
        }
        rest = end;
    }
    None
}

/// Parses a self-contained SVG (the work behind [`super::Cache::parse_svg`]).
pub(crate) fn parse(bytes: &[u8]) -> Result<usvg::Tree, String> {
    if let Some(outside) = outside_reference(bytes) {
        return Err(format!(
            "refers to `{outside}` outside itself; a guide's SVG must be self-contained (draw the shape, or embed the picture as a data: URI)"
        ));
    }
    let text = text_length(bytes);
    if text > MAX_TEXT_CHARS {
        return Err(format!(
            "holds {text} characters of text; a picture's SVG may hold at most {MAX_TEXT_CHARS} (laying out text costs more the longer it is: write long text in the guide, not in the picture)"
        ));
    }
    usvg::Tree::from_data(bytes, options()).map_err(|e| format!("is not a readable SVG: {e}"))
}

/// Most characters of text an SVG picture may hold: labels and captions,
/// not paragraphs. usvg's text layout takes time that grows faster than
/// the text (one `<text>` of 96 KB took 11 s).
pub(crate) const MAX_TEXT_CHARS: usize = 4000;

/// Characters of text inside an SVG's text elements.
fn text_length(bytes: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return 0;
    };
    let options = usvg::roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let Ok(doc) = usvg::roxmltree::Document::parse_with_options(text, options) else {
        return 0;
    };
    doc.descendants()
        .filter(|n| n.is_text())
        .filter(|n| {
            n.ancestors()
                .any(|a| matches!(a.tag_name().name(), "text" | "tspan" | "textPath"))
        })
        .map(|n| n.text().map_or(0, |t| t.chars().count()))
        .sum()
}

/// CSS text with its escapes decoded: `\` and one to six hex digits (and
/// one optional space after them) is that character; `\` before any other
/// character is that character.
fn css_unescape(css: &str) -> String {
    if !css.contains('\\') {
        return css.to_string();
    }
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6
            && let Some(&d) = chars.peek()
            && d.is_ascii_hexdigit()
        {
            hex.push(d);
            chars.next();
        }
        if hex.is_empty() {
            // An escaped newline is a line continuation; anything else is
            // itself.
            if let Some(next) = chars.next()
                && next != '\n'
            {
                out.push(next);
            }
            continue;
        }
        if chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            chars.next();
        }
        let decoded = u32::from_str_radix(&hex, 16)
            .ok()
            .and_then(char::from_u32)
            .filter(|&c| c != '\0');
        out.push(decoded.unwrap_or('\u{fffd}'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_references_outside_are_found() {
        let ok = br##"<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/></svg>"##;
        assert_eq!(outside_reference(ok), None);
        let web = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://t.example/p.png"/></svg>"#;
        assert_eq!(
            outside_reference(web).as_deref(),
            Some("https://t.example/p.png")
        );
        let file =
            br#"<svg xmlns="http://www.w3.org/2000/svg"><image href="../../secret.png"/></svg>"#;
        assert_eq!(outside_reference(file).as_deref(), Some("../../secret.png"));
        let css = br#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>"#;
        assert!(outside_reference(css).is_some());
        let style = br#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url('http://x.example/p')"/></svg>"#;
        assert_eq!(
            outside_reference(style).as_deref(),
            Some("http://x.example/p")
        );
    }

    /// Long text is refused before layout, which takes time that grows
    /// faster than the text.
    #[test]
    fn long_svg_text_is_refused_before_layout() {
        let long = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>{}</text></svg>"#,
            "word ".repeat(20_000)
        );
        let err = parse(long.as_bytes()).unwrap_err();
        assert!(err.contains("100000 characters of text"), "{err}");
        let short = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Power</text></svg>"#;
        assert!(parse(short.as_bytes()).is_ok());
    }

    /// CSS escapes hide nothing from the scan.
    #[test]
    fn css_escapes_are_decoded_before_the_scan() {
        let url = br#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: u\72l(http://x.example/p)"/></svg>"#;
        assert_eq!(
            outside_reference(url).as_deref(),
            Some("http://x.example/p")
        );
        let import = br#"<svg xmlns="http://www.w3.org/2000/svg"><style>@\69mport 'https://x.example/a.css';</style></svg>"#;
        assert!(outside_reference(import).is_some());
        let spaced = br#"<svg xmlns="http://www.w3.org/2000/svg"><style>@\000069 mport 'https://x.example/a.css';</style></svg>"#;
        assert!(outside_reference(spaced).is_some());
        let fine =
            br##"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: u\72l(#g)"/></svg>"##;
        assert_eq!(outside_reference(fine), None);
    }
}
