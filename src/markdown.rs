//! Markdown in guides: CommonMark with tables and strikethrough.
//!
//! This module reads Markdown for the checks: where its links point, and
//! where raw HTML or web addresses stand.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The Markdown dialect of every guide field.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// What the checks need to know about one Markdown string. Ranges are byte
/// ranges within the string.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Every link: its destination and where it stands.
    pub links: Vec<(String, Range<usize>)>,
    /// Images written in Markdown (`![alt](src)`).
    pub images: Vec<Range<usize>>,
    /// Raw HTML, block or inline.
    pub raw_html: Vec<Range<usize>>,
    /// Web addresses written as plain text or autolinks.
    pub bare_urls: Vec<Range<usize>>,
}

/// Reads a Markdown string.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    // Inside a link the address is already reported as the link.
    let mut in_link = 0usize;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                in_link += 1;
                out.links.push((dest_url.to_string(), range));
            }
            Event::End(pulldown_cmark::TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(_) if in_link > 0 => {}
            Event::Start(Tag::Image { .. }) => out.images.push(range),
            Event::Html(_) | Event::InlineHtml(_) => out.raw_html.push(range),
            Event::Text(t) => {
                // Each address, up to the next space.
                let word_end = |at: usize| {
                    t[at..]
                        .find(char::is_whitespace)
                        .map_or(t.len(), |e| at + e)
                };
                let mut found: Vec<usize> = t
                    .match_indices("http://")
                    .chain(t.match_indices("https://"))
                    .map(|(at, _)| at)
                    .collect();
                if let Some(at) = t.find("www.")
                    && !found.iter().any(|&f| f < at && at < word_end(f))
                {
                    found.push(at);
                }
                found.sort_unstable();
                // Text events map to the source one to one unless escapes
                // or entities are involved; then mark the whole text.
                let verbatim = range.len() == t.len();
                for at in found {
                    if verbatim {
                        out.bare_urls
                            .push(range.start + at..range.start + word_end(at));
                    } else {
                        out.bare_urls.push(range.clone());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// What a link destination is.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkKind<'a> {
    /// `#id`: a step or troubleshooting entry.
    Anchor(&'a str),
    /// `tel:` or `sms:`: works with no internet.
    Phone,
    /// `http://` or `https://`.
    Web,
    /// Anything else (relative paths, `javascript:`, `mailto:`…).
    Other,
}

/// Classifies a link destination.
pub fn link_kind(dest: &str) -> LinkKind<'_> {
    let lower = dest.trim().to_ascii_lowercase();
    if let Some(id) = dest.trim().strip_prefix('#') {
        LinkKind::Anchor(id)
    } else if lower.starts_with("tel:") || lower.starts_with("sms:") {
        LinkKind::Phone
    } else if lower.starts_with("https://") || lower.starts_with("http://") {
        LinkKind::Web
    } else {
        LinkKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_html_and_urls() {
        let md = "See [step](#power-on).\n\n<b>x</b> and visit https://x.example now.\n";
        let s = scan(md);
        assert_eq!(s.links.len(), 1);
        assert_eq!(s.links[0].0, "#power-on");
        assert_eq!(&md[s.links[0].1.clone()], "[step](#power-on)");
        assert_eq!(s.raw_html.len(), 2);
        assert_eq!(s.bare_urls.len(), 1);
    }

    #[test]
    fn an_autolink_is_one_link_not_also_a_bare_url() {
        let s = scan("Go to <https://x.example/help>.");
        assert_eq!(s.links.len(), 1);
        assert!(s.bare_urls.is_empty());
    }

    #[test]
    fn classifies_links() {
        assert_eq!(link_kind("#a-b"), LinkKind::Anchor("a-b"));
        assert_eq!(link_kind("tel:+18005550199"), LinkKind::Phone);
        assert_eq!(link_kind("HTTPS://x"), LinkKind::Web);
        assert_eq!(link_kind("javascript:alert(1)"), LinkKind::Other);
        assert_eq!(link_kind("page.html"), LinkKind::Other);
    }
}
