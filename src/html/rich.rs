//! Rich text as HTML. Every piece of text is escaped here; the only markup
//! is what this module writes, so neither Markdown nor a customer value can
//! add an element, an attribute or a script.

use std::collections::HashMap;
use std::fmt::Write;

use crate::rich::{Block, Content, Span, Target};
use crate::words::Words;

/// Escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text as HTML: escaped, phone numbers kept on one line, and short
/// hyphenated names ("Wi-Fi", a model "BL-W7R") kept whole, as a customer
/// must match them against a sticker.
fn text(t: &str) -> String {
    let t = crate::rich::numbers_kept_whole(t);
    let mut out = String::with_capacity(t.len());
    for (i, word) in t.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core = word
            .trim_start_matches(['(', '"', '“', '«'])
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '”', '»']);
        let name = core.contains('-')
            && !core.starts_with('-')
            && !core.ends_with('-')
            && core.chars().count() <= 12
            && core.chars().all(|c| c.is_alphanumeric() || c == '-');
        if name {
            out.push_str("<span class=\"nobr\">");
            out.push_str(&escape(word));
            out.push_str("</span>");
        } else {
            out.push_str(&escape(word));
        }
    }
    out
}

/// Writes rich text for one guide: knows which anchors are steps, and the
/// guide's words for "step" and "needs internet".
pub struct Writer<'a> {
    /// Anchor id → step number (troubleshooting entries have none).
    pub anchors: &'a HashMap<String, Option<usize>>,
    /// The guide's words.
    pub words: &'a Words,
}

impl Writer<'_> {
    /// A line of spans.
    pub fn inline(&self, spans: &[Span]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < spans.len() {
            match &spans[i].link {
                None => {
                    self.span(&spans[i], &mut out);
                    i += 1;
                }
                Some(target) => {
                    // A link covers the run of spans that share it.
                    let mut j = i;
                    while j < spans.len() && spans[j].link.as_ref() == Some(target) {
                        j += 1;
                    }
                    self.link(target, &spans[i..j], &mut out);
                    i = j;
                }
            }
        }
        out
    }

    fn link(&self, target: &Target, spans: &[Span], out: &mut String) {
        let mut text = String::new();
        for s in spans {
            self.span(s, &mut text);
        }
        match target {
            Target::Anchor(id) => {
                let note = match self.anchors.get(id) {
                    Some(Some(n)) => self.words.aside(&self.words.see_step(*n)),
                    _ => String::new(),
                };
                let _ = write!(
                    out,
                    "<a href=\"#{}\">{text}{}</a>",
                    escape(id),
                    escape(&note)
                );
            }
            Target::Phone(uri) => {
                // A number reads left to right in any language: isolated,
                // "+1 800 555 0199" never shows as "0199 555 800 1+" in an
                // Arabic sentence.
                let _ = write!(out, "<a href=\"{}\" dir=\"ltr\">{text}</a>", escape(uri));
            }
            Target::Web(url) => {
                let _ = write!(
                    out,
                    "<a href=\"{}\" rel=\"noopener noreferrer\">{text}</a> <span class=\"net\">({})</span>",
                    escape(url),
                    escape(&self.words.needs_internet)
                );
            }
        }
    }

    fn span(&self, s: &Span, out: &mut String) {
        let text = match &s.content {
            Content::Text(t) => text(t),
            Content::Blank { .. } => {
                // An empty box to write in, named for screen readers.
                let _ = write!(
                    out,
                    "<span class=\"blank\" role=\"img\" aria-label=\"{}\"></span>",
                    escape(&self.words.write_in)
                );
                return;
            }
            Content::Break => {
                out.push_str("<br>");
                return;
            }
        };
        let mut text = text;
        if s.style.code {
            text = format!("<code>{text}</code>");
        }
        if s.style.strike {
            text = format!("<s>{text}</s>");
        }
        if s.style.italic {
            text = format!("<em>{text}</em>");
        }
        if s.style.bold {
            text = format!("<strong>{text}</strong>");
        }
        out.push_str(&text);
    }

    /// Markdown blocks.
    pub fn blocks(&self, blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            self.block(b, &mut out);
        }
        out
    }

    fn block(&self, block: &Block, out: &mut String) {
        match block {
            Block::Paragraph(inline) => {
                let _ = write!(out, "<p>{}</p>", self.inline(inline));
            }
            Block::Heading(level, inline) => {
                // Headings inside a body sit under the step's h2/h3.
                let level = (level + 3).min(6);
                let _ = write!(out, "<h{level}>{}</h{level}>", self.inline(inline));
            }
            Block::List { start, items } => {
                match start {
                    Some(1) => out.push_str("<ol>"),
                    Some(n) => {
                        let _ = write!(out, "<ol start=\"{n}\">");
                    }
                    None => out.push_str("<ul>"),
                }
                for item in items {
                    let _ = write!(out, "<li>{}</li>", self.tight(item));
                }
                out.push_str(if start.is_some() { "</ol>" } else { "</ul>" });
            }
            Block::Table { right, head, rows } => {
                out.push_str("<div class=\"table\" role=\"region\" tabindex=\"0\"><table>");
                if !head.is_empty() {
                    out.push_str("<thead><tr>");
                    for (c, cell) in head.iter().enumerate() {
                        let _ = write!(
                            out,
                            "<th scope=\"col\"{}>{}</th>",
                            align(right, c),
                            self.inline(cell)
                        );
                    }
                    out.push_str("</tr></thead>");
                }
                // Each cell names its column (data-label): on a phone the
                // rows stand as cards, a cell under its heading. A heading
                // too long for a label is left out: repeated in every row,
                // it would swell the page.
                let labels: Vec<String> = head
                    .iter()
                    .map(|cell| crate::rich::plain(cell).trim().to_string())
                    .map(|text| match text.chars().count() {
                        1..=LABEL_CHARS => format!(" data-label=\"{}\"", escape(&text)),
                        _ => String::new(),
                    })
                    .collect();
                out.push_str("<tbody>");
                for row in rows {
                    out.push_str("<tr>");
                    for (c, cell) in row.iter().enumerate() {
                        let label = labels.get(c).map_or("", String::as_str);
                        let _ = write!(
                            out,
                            "<td{}{label}>{}</td>",
                            align(right, c),
                            self.inline(cell)
                        );
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table></div>");
            }
            Block::Code(code) => {
                let _ = write!(out, "<pre><code>{}</code></pre>", escape(code));
            }
            Block::Quote(inner) => {
                let _ = write!(out, "<blockquote>{}</blockquote>", self.blocks(inner));
            }
            Block::Rule => out.push_str("<hr>"),
        }
    }

    /// A list item: a single paragraph is written without its `<p>`.
    fn tight(&self, blocks: &[Block]) -> String {
        match blocks {
            [Block::Paragraph(inline)] => self.inline(inline),
            _ => self.blocks(blocks),
        }
    }
}

/// The longest column heading repeated in each cell as its label.
const LABEL_CHARS: usize = 80;

fn align(right: &[bool], c: usize) -> &'static str {
    if right.get(c).copied().unwrap_or(false) {
        " class=\"num\""
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::Customer;
    use crate::rich::markdown;

    /// `md` as HTML, for a guide whose step 3 is `#power-on`.
    fn html(md: &str, customer: Option<&Customer>) -> String {
        let mut anchors = HashMap::new();
        anchors.insert("power-on".to_string(), Some(3));
        let words = crate::words::words_for("en", &[]).unwrap();
        let w = Writer {
            anchors: &anchors,
            words: &words,
        };
        w.blocks(&markdown(md, customer))
    }

    #[test]
    fn markup_and_customer_values_come_out_as_text() {
        let c = Customer::from_pairs(&[("name", "<script>alert(1)</script>")]);
        let html = html(
            "Hi {{ customer.name }} <img src=x onerror=alert(1)> **bold**",
            Some(&c),
        );
        assert_eq!(
            html,
            "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;  <strong>bold</strong></p>"
        );
    }

    #[test]
    fn short_hyphenated_names_are_kept_whole() {
        let html = html(
            "Join Wi-Fi (model BL-W7R). A long-hyphenated-compound-word <b>-x-</b>",
            None,
        );
        assert_eq!(
            html,
            "<p>Join <span class=\"nobr\">Wi-Fi</span> (model <span class=\"nobr\">BL-W7R).</span> \
             A long-hyphenated-compound-word -x-</p>"
        );
    }

    #[test]
    fn phone_numbers_and_short_numbers_are_kept_on_one_line() {
        let html = html("Call +1 800 555 0199 or (800) 555 0100 in 2 days.", None);
        assert_eq!(
            html,
            "<p>Call +1\u{a0}800\u{a0}555\u{a0}0199 or (800)\u{a0}555\u{a0}0100 in\u{a0}2 days.</p>"
        );
    }

    #[test]
    fn links_name_their_step_and_web_links_say_they_need_the_internet() {
        let html = html(
            "[Power](#power-on), [call](tel:+18005550199), [video](https://x.example/v?a=1&b=\"2\")",
            None,
        );
        assert!(
            html.contains("<a href=\"#power-on\">Power (step 3)</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"tel:+18005550199\" dir=\"ltr\">call</a>"));
        assert!(html.contains(
            "<a href=\"https://x.example/v?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">video</a> <span class=\"net\">(Needs internet)</span>"
        ), "{html}");
    }

    #[test]
    fn blanks_and_tables() {
        let html = html(
            "Name: {{ customer.ssid }}\n\n| Port | Use |\n|---|--:|\n| WAN | 1 |\n",
            None,
        );
        assert!(
            html.contains(
                "<span class=\"blank\" role=\"img\" aria-label=\"write it here\"></span>"
            )
        );
        assert!(
            html.contains("<th scope=\"col\">Port</th><th scope=\"col\" class=\"num\">Use</th>")
        );
        assert!(html.contains(
            "<td data-label=\"Port\">WAN</td><td class=\"num\" data-label=\"Use\">1</td>"
        ));
    }
}
