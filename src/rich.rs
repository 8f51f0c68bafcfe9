//! Rich text as both renderers see it: Markdown parsed into blocks of
//! styled spans, with customer values already filled in.
//!
//! Markdown is parsed first and template expressions are filled in the
//! parsed text afterwards, so a customer value can never become Markdown,
//! markup or another expression: it is always a plain [`Span`].

use pulldown_cmark::{Alignment, Event, Parser, Tag, TagEnd};

use crate::customer::Customer;
use crate::markdown::{LinkKind, link_kind, options};
use crate::template::{Piece, Template};

/// True for a space a line must not break at: between two digits (or
/// after the closing bracket of an area code), which keeps a phone or
/// account number on one line ("+1 800 555 0199", "(800) 555 0199"), and
/// before a short number, which stays with the word it belongs to
/// ("page 7", "ONT 2", "WAN 10G"). `after` is the text after the space.
pub fn in_number(before: Option<char>, after: &str) -> bool {
    if !after.starts_with(char::is_numeric) {
        return false;
    }
    let short = after
        .split(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '）', '،'])
        .chars()
        .count()
        <= 3;
    short || before.is_some_and(|c| c.is_numeric() || c == ')')
}

/// `text` with each space [`in_number`] made a no-break space.
pub fn numbers_kept_whole(text: &str) -> std::borrow::Cow<'_, str> {
    let mut kept: Option<String> = None;
    let mut before = None;
    for (i, c) in text.char_indices() {
        if c == ' ' && in_number(before, &text[i + 1..]) {
            kept.get_or_insert_with(|| text[..i].to_string())
                .push('\u{a0}');
        } else if let Some(kept) = &mut kept {
            kept.push(c);
        }
        before = Some(c);
    }
    kept.map_or(std::borrow::Cow::Borrowed(text), std::borrow::Cow::Owned)
}

/// How a span of text is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// Inline code.
    pub code: bool,
    /// Struck through.
    pub strike: bool,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A step or troubleshooting entry of the same guide.
    Anchor(String),
    /// `tel:` or `sms:`: works with no internet.
    Phone(String),
    /// A web address: needs the internet.
    Web(String),
}

/// What a span holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Content {
    /// Text to print as is.
    Text(String),
    /// A customer value this build does not have: a write-in line on paper,
    /// an empty box on screen.
    Blank {
        /// The customer column it stands for.
        column: String,
    },
    /// A hard line break.
    Break,
}

/// A run of text with one style and at most one link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// The text, blank or break.
    pub content: Content,
    /// How it is set.
    pub style: Style,
    /// Where it links to.
    pub link: Option<Target>,
}

impl Span {
    /// Plain text with no style.
    pub fn text(s: impl Into<String>) -> Span {
        Span {
            content: Content::Text(s.into()),
            style: Style::default(),
            link: None,
        }
    }

    /// Bold text.
    pub fn bold(s: impl Into<String>) -> Span {
        Span {
            style: Style {
                bold: true,
                ..Style::default()
            },
            ..Span::text(s)
        }
    }

    /// Text that links to `target`.
    pub fn linked(s: impl Into<String>, target: Target) -> Span {
        Span {
            link: Some(target),
            ..Span::text(s)
        }
    }
}

/// A line of spans: a title, a name, a table cell.
pub type Inline = Vec<Span>;

/// The text of an inline, blanks left out (for bookmarks, alt text and
/// metadata).
pub fn plain(inline: &[Span]) -> String {
    let mut out = String::new();
    for s in inline {
        match &s.content {
            Content::Text(t) => out.push_str(t),
            Content::Blank { .. } => out.push_str("____"),
            Content::Break => out.push(' '),
        }
    }
    out
}

/// True if every template in the inline was filled.
pub fn is_filled(inline: &[Span]) -> bool {
    !inline
        .iter()
        .any(|s| matches!(s.content, Content::Blank { .. }))
}

/// A block of Markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Inline),
    /// A heading inside a body (level 1–6).
    Heading(u8, Inline),
    /// A bullet list (`start` is `None`) or numbered list.
    List {
        /// The first number of a numbered list.
        start: Option<u64>,
        /// Each item's blocks.
        items: Vec<Vec<Block>>,
    },
    /// A table: a header row, then body rows of cells.
    Table {
        /// Column alignment: true for right-aligned columns.
        right: Vec<bool>,
        /// The header cells.
        head: Vec<Inline>,
        /// The body rows.
        rows: Vec<Vec<Inline>>,
    },
    /// A fenced or indented code block.
    Code(String),
    /// A block quote.
    Quote(Vec<Block>),
    /// A thematic break.
    Rule,
}

/// Fills the templates of a plain string (a title, a name): customer values
/// as text, missing ones as blanks.
pub fn fill_plain(text: &str, customer: Option<&Customer>) -> Inline {
    let mut out = Vec::new();
    push_filled(&mut out, text, Style::default(), None, customer);
    out
}

/// The string with every template filled with the customer's value exactly
/// as written (for file paths, which must not be cleaned into another
/// name), or `None` if a value is missing.
pub fn fill_raw(text: &str, customer: Option<&Customer>) -> Option<String> {
    let pieces = Template::parse(text).ok()?.pieces;
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Field { column, .. } => {
                out.push_str(customer?.get(&column).filter(|v| !v.is_empty())?)
            }
        }
    }
    Some(out)
}

/// The string with every template filled, or `None` if a value is missing.
pub fn fill_value(text: &str, customer: Option<&Customer>) -> Option<String> {
    let inline = fill_plain(text, customer);
    is_filled(&inline).then(|| plain(&inline))
}

/// True for a character no output may carry: a bidirectional control
/// (the overrides and isolates U+202A–U+202E and U+2066–U+2069, and the
/// marks U+200E, U+200F, U+061C), which makes text display in a different
/// order from how it was written, or a control character other than tab
/// and newline. [`printable`] takes them out.
pub fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || is_bidi_control(c)
        || c == '\u{2028}'
        || c == '\u{2029}'
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with hidden controls written as `\u{1b}` escapes: for echoing a
/// value back in a message or report, where it must be seen, not obeyed.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if is_hidden_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// `text` as printed: controls that separate words (NUL, carriage return,
/// form feed, line and paragraph separators…) become spaces; bidirectional
/// controls and soft hyphens (which the PDF would print as a hyphen) go.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_hidden_control(c) || c == '\u{AD}') {
        return text.into();
    }
    // A file saved on Windows ends its lines with \r\n.
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\u{AD}' => None,
            _ if is_bidi_control(c) => None,
            _ if !is_hidden_control(c) => Some(c),
            _ => Some(' '),
        })
        .collect::<String>()
        .into()
}

fn push_filled(
    out: &mut Inline,
    text: &str,
    style: Style,
    link: Option<&Target>,
    customer: Option<&Customer>,
) {
    let pieces = match Template::parse(text) {
        Ok(t) => t.pieces,
        // `check` rejects such text; print it as written rather than fail.
        Err(_) => vec![Piece::Text(text.to_string())],
    };
    for piece in pieces {
        let content = match piece {
            Piece::Text(t) => Content::Text(printable(&t).into_owned()),
            Piece::Field { column, .. } => match customer.and_then(|c| c.get(&column)) {
                Some(value) if !value.is_empty() => Content::Text(printable(value).into_owned()),
                _ => Content::Blank { column },
            },
        };
        // Neighbouring text with the same style and link reads as one span.
        if let (Content::Text(new), Some(last)) = (&content, out.last_mut())
            && let Content::Text(prev) = &mut last.content
            && last.style == style
            && last.link.as_ref() == link
        {
            prev.push_str(new);
            continue;
        }
        out.push(Span {
            content,
            style,
            link: link.cloned(),
        });
    }
}

/// Parses a Markdown field and fills its templates. (A build keeps the
/// blocks of fields without templates in its
/// [`crate::context::Context`], so a campaign parses them once.)
pub fn markdown(text: &str, customer: Option<&Customer>) -> Vec<Block> {
    parse_markdown(text, customer)
}

fn parse_markdown(text: &str, customer: Option<&Customer>) -> Vec<Block> {
    let mut b = Builder {
        customer,
        stack: vec![Frame::Root(Vec::new())],
        style: Style::default(),
        link: None,
        pending: String::new(),
        alignments: Vec::new(),
        skipping: false,
        too_deep: 0,
    };
    for event in Parser::new_ext(text, options()) {
        b.event(event);
    }
    b.flush();
    b.close_loose();
    match b.stack.pop() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

/// One open container while reading Markdown.
enum Frame {
    Root(Vec<Block>),
    Paragraph(Inline),
    /// Text directly in a tight list item, read as a paragraph.
    Loose(Inline),
    Heading(u8, Inline),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>),
    Quote(Vec<Block>),
    Table(Vec<Inline>, Vec<Vec<Inline>>),
    Row(Vec<Inline>),
    Cell(Inline),
    Code(String),
}

struct Builder<'c> {
    customer: Option<&'c Customer>,
    stack: Vec<Frame>,
    style: Style,
    link: Option<Target>,
    /// Text not yet split into template pieces: Markdown may cut one
    /// expression into several text events.
    pending: String,
    alignments: Vec<Alignment>,
    /// Inside an inline `<script>` or `<style>`, whose text is dropped.
    skipping: bool,
    /// Lists and quotes opened past [`MAX_DEPTH`], read as part of the
    /// deepest one kept.
    too_deep: usize,
}

/// Deepest nesting of lists and quotes kept: deeper ones are flattened, so
/// no amount of `>>>>` can exhaust a renderer's stack.
pub const MAX_DEPTH: usize = 8;

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(_) if self.skipping => {}
            Event::Text(t) => {
                if let Some(Frame::Code(code)) = self.stack.last_mut() {
                    code.push_str(&printable(&t));
                } else {
                    self.pending.push_str(&t);
                }
            }
            Event::Code(t) => {
                self.flush();
                let style = Style {
                    code: true,
                    ..self.style
                };
                let link = self.link.clone();
                let customer = self.customer;
                push_filled(self.inline(), &t, style, link.as_ref(), customer);
            }
            // Settled in `flush`, where the characters either side are known.
            Event::SoftBreak => self.pending.push(SOFT_BREAK),
            Event::HardBreak => {
                self.flush();
                let link = self.link.clone();
                self.inline().push(Span {
                    content: Content::Break,
                    style: Style::default(),
                    link,
                });
            }
            // Raw HTML never reaches an output; `check` warns about it.
            // The text of an inline <script> or <style> goes with its tags.
            Event::InlineHtml(tag) => match hidden_tag(&tag) {
                Some(true) => {
                    self.flush();
                    self.skipping = true;
                }
                Some(false) => {
                    self.pending.clear();
                    self.skipping = false;
                }
                None => {}
            },
            // An HTML block keeps its text, without tags, as a paragraph.
            Event::Html(html) => {
                let text = strip_tags(&html, &mut self.skipping);
                if !text.trim().is_empty() {
                    if !self.pending.is_empty() && !self.pending.ends_with(' ') {
                        self.pending.push(' ');
                    }
                    self.pending.push_str(text.trim());
                }
            }
            Event::Rule => {
                self.close_loose();
                self.push_block(Block::Rule)
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        self.flush();
        let inline_tag = matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
        );
        if !inline_tag {
            self.close_loose();
        }
        let container = matches!(tag, Tag::List(_) | Tag::Item | Tag::BlockQuote(_));
        if container && self.containers() >= MAX_DEPTH {
            self.too_deep += 1;
            return;
        }
        match tag {
            Tag::Paragraph => self.stack.push(Frame::Paragraph(Vec::new())),
            Tag::Heading { level, .. } => self.stack.push(Frame::Heading(level as u8, Vec::new())),
            Tag::BlockQuote(_) => self.stack.push(Frame::Quote(Vec::new())),
            Tag::CodeBlock(_) => self.stack.push(Frame::Code(String::new())),
            Tag::List(start) => self.stack.push(Frame::List(start, Vec::new())),
            Tag::Item => self.stack.push(Frame::Item(Vec::new())),
            Tag::Table(alignments) => {
                self.alignments = alignments;
                self.stack.push(Frame::Table(Vec::new(), Vec::new()));
            }
            Tag::TableHead | Tag::TableRow => self.stack.push(Frame::Row(Vec::new())),
            Tag::TableCell => self.stack.push(Frame::Cell(Vec::new())),
            Tag::Emphasis => self.style.italic = true,
            Tag::Strong => self.style.bold = true,
            Tag::Strikethrough => self.style.strike = true,
            Tag::Link { dest_url, .. } => {
                self.link = match link_kind(&dest_url) {
                    LinkKind::Anchor(id) => Some(Target::Anchor(id.to_string())),
                    LinkKind::Phone => Some(Target::Phone(dest_url.trim().to_string())),
                    LinkKind::Web => Some(Target::Web(dest_url.trim().to_string())),
                    // `check` rejects other links; keep their text only.
                    LinkKind::Other => None,
                };
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        self.flush();
        // An unclosed <script> hides no more than its own block.
        if !matches!(
            tag,
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
        ) {
            self.skipping = false;
        }
        if tag == TagEnd::HtmlBlock {
            self.close_loose();
        }
        let container = matches!(tag, TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_));
        if container && self.too_deep > 0 {
            self.too_deep -= 1;
            self.close_loose();
            return;
        }
        match tag {
            TagEnd::Emphasis => self.style.italic = false,
            TagEnd::Strong => self.style.bold = false,
            TagEnd::Strikethrough => self.style.strike = false,
            TagEnd::Link => self.link = None,
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell => self.close(tag),
            _ => {}
        }
    }

    /// How many lists, items and quotes are open.
    fn containers(&self) -> usize {
        self.stack
            .iter()
            .filter(|f| matches!(f, Frame::List(..) | Frame::Item(_) | Frame::Quote(_)))
            .count()
    }

    /// Ends a tight item's implicit paragraph.
    fn close_loose(&mut self) {
        if let Some(Frame::Loose(_)) = self.stack.last()
            && let Some(Frame::Loose(inline)) = self.stack.pop()
        {
            self.push_block(Block::Paragraph(inline));
        }
    }

    fn close(&mut self, tag: TagEnd) {
        self.close_loose();
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Paragraph(mut inline) | Frame::Loose(mut inline) => {
                trim_end(&mut inline);
                if !inline.is_empty() {
                    self.push_block(Block::Paragraph(inline));
                }
            }
            Frame::Heading(level, inline) => self.push_block(Block::Heading(level, inline)),
            Frame::Quote(blocks) => self.push_block(Block::Quote(blocks)),
            Frame::Code(code) => self.push_block(Block::Code(code.trim_end().to_string())),
            Frame::List(start, items) => self.push_block(Block::List { start, items }),
            Frame::Item(blocks) => {
                if let Some(Frame::List(_, items)) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Frame::Cell(inline) => {
                if let Some(Frame::Row(cells)) = self.stack.last_mut() {
                    cells.push(inline);
                }
            }
            Frame::Row(cells) => {
                if let Some(Frame::Table(head, rows)) = self.stack.last_mut() {
                    if tag == TagEnd::TableHead {
                        *head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Frame::Table(head, rows) => {
                let right = self
                    .alignments
                    .iter()
                    .map(|a| *a == Alignment::Right)
                    .collect();
                self.push_block(Block::Table { right, head, rows });
            }
            Frame::Root(blocks) => self.stack.push(Frame::Root(blocks)),
        }
    }

    /// Adds a finished block to the innermost block container.
    fn push_block(&mut self, block: Block) {
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Root(blocks) | Frame::Item(blocks) | Frame::Quote(blocks) => {
                    blocks.push(block);
                    return;
                }
                _ => {}
            }
        }
    }

    /// The inline being written. Text directly in a list item (a "tight"
    /// list) opens a paragraph of its own.
    fn inline(&mut self) -> &mut Inline {
        let needs_paragraph = !matches!(
            self.stack.last(),
            Some(Frame::Paragraph(_) | Frame::Loose(_) | Frame::Heading(..) | Frame::Cell(_))
        );
        if needs_paragraph {
            self.stack.push(Frame::Loose(Vec::new()));
        }
        match self.stack.last_mut() {
            Some(Frame::Paragraph(i) | Frame::Loose(i) | Frame::Heading(_, i) | Frame::Cell(i)) => {
                i
            }
            _ => unreachable!("a paragraph was just opened"),
        }
    }

    /// Turns pending text into spans, filling templates.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = soft_breaks(&std::mem::take(&mut self.pending));
        let (style, link, customer) = (self.style, self.link.clone(), self.customer);
        push_filled(self.inline(), &text, style, link.as_ref(), customer);
    }
}

/// Stands for a line break inside a paragraph until [`soft_breaks`]
/// settles it (Markdown's text events never hold a newline).
const SOFT_BREAK: char = '\n';

/// Line breaks inside a paragraph become spaces, except between two
/// Chinese or Japanese characters, which are written with no space
/// between them (as browsers do, CSS Text 3's segment break rules): an
/// author may wrap a Chinese paragraph over several lines.
fn soft_breaks(text: &str) -> String {
    use unicode_script::{Script, UnicodeScript};
    if !text.contains(SOFT_BREAK) {
        return text.to_string();
    }
    let wide = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(
                c.script(),
                Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo
            ) || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FF60}').contains(&c)
        })
    };
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c != SOFT_BREAK {
            out.push(c);
        } else if !(wide(text[..i].chars().next_back()) && wide(text[i + 1..].chars().next())) {
            out.push(' ');
        }
    }
    out
}

/// Drops trailing spaces (left where a tag or a hidden script stood).
fn trim_end(inline: &mut Inline) {
    while let Some(last) = inline.last_mut() {
        if let Content::Text(t) = &mut last.content {
            let kept = t.trim_end().len();
            t.truncate(kept);
            if t.is_empty() {
                inline.pop();
                continue;
            }
        }
        break;
    }
}

/// `Some(true)` for an opening `<script>` or `<style>` tag, `Some(false)`
/// for a closing one, `None` for any other tag.
fn hidden_tag(tag: &str) -> Option<bool> {
    let t = tag.trim().to_ascii_lowercase();
    let (closing, rest) = match t.strip_prefix("</") {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('<')?),
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    matches!(name.as_str(), "script" | "style").then_some(!closing)
}

/// The text of some HTML without its tags, and without what stands inside
/// `<script>` and `<style>`. `skipping` carries over between chunks.
fn strip_tags(html: &str, skipping: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(open) => {
                if !*skipping {
                    out.push_str(&rest[..open]);
                }
                let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
                if let Some(hide) = hidden_tag(&rest[open..close]) {
                    *skipping = hide;
                }
                rest = &rest[close..];
            }
            None => {
                if !*skipping {
                    out.push_str(rest);
                }
                break;
            }
        }
    }
    out.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_chinese_line_joins_without_a_space() {
        let text = |md: &str| {
            plain(match &markdown(md, None)[..] {
                [Block::Paragraph(inline)] => inline,
                other => panic!("{other:?}"),
            })
        };
        assert_eq!(text("请将旧网关\n放进包装箱。"), "请将旧网关放进包装箱。");
        assert_eq!(text("完成后，\n寄回给我们"), "完成后，寄回给我们");
        assert_eq!(text("Unplug the\ngateway"), "Unplug the gateway");
        // Chinese beside Latin keeps the space a break stands for.
        assert_eq!(text("新的\nXB8 网关"), "新的 XB8 网关");
    }

    #[test]
    fn controls_print_as_spaces_and_bidi_controls_not_at_all() {
        assert_eq!(printable("plain"), "plain");
        assert_eq!(printable("a\u{0}b\u{1b}c\u{2028}d"), "a b c d");
        assert_eq!(printable("x\u{202e}yz\u{2066}\u{200f}"), "xyz");
        assert_eq!(printable("soft\u{ad}hyphen"), "softhyphen");
        assert_eq!(printable("one\r\ntwo\tthree"), "one\ntwo\tthree");
        assert_eq!(visible("id\u{1b}[2J\u{202e}"), "id\\u{1b}[2J\\u{202e}");
        assert_eq!(visible("fine"), "fine");
    }

    #[test]
    fn paths_are_filled_exactly_as_written() {
        let c = Customer::from_pairs(&[("label", "labels/a\u{ad}b.pdf")]);
        assert_eq!(
            fill_raw("{{ customer.label }}", Some(&c)).as_deref(),
            Some("labels/a\u{ad}b.pdf")
        );
        assert_eq!(fill_raw("{{ customer.other }}", Some(&c)), None);
        assert_eq!(
            fill_value("{{ customer.label }}", Some(&c)).as_deref(),
            Some("labels/ab.pdf")
        );
    }

    fn texts(inline: &Inline) -> Vec<(String, Style)> {
        inline
            .iter()
            .map(|s| match &s.content {
                Content::Text(t) => (t.clone(), s.style),
                Content::Blank { column } => (format!("[{column}]"), s.style),
                Content::Break => ("\n".into(), s.style),
            })
            .collect()
    }

    #[test]
    fn paragraphs_lists_and_styles() {
        let blocks = markdown("Hello **big** world.\n\n1. one\n2. two _x_\n", None);
        assert_eq!(blocks.len(), 2);
        let Block::Paragraph(p) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(texts(p)[1].0, "big");
        assert!(texts(p)[1].1.bold);
        let Block::List { start, items } = &blocks[1] else {
            panic!()
        };
        assert_eq!(*start, Some(1));
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1][0], Block::Paragraph(_)));
    }

    #[test]
    fn customer_values_are_text_never_markdown() {
        let c = Customer::from_pairs(&[("name", "**<script>x</script>** {{ customer.name }}")]);
        let blocks = markdown("Hi {{ customer.name }}!", Some(&c));
        let Block::Paragraph(p) = &blocks[0] else {
            panic!()
        };
        assert_eq!(plain(p), "Hi **<script>x</script>** {{ customer.name }}!");
        assert!(p.iter().all(|s| !s.style.bold));
    }

    #[test]
    fn missing_values_are_blanks() {
        let blocks = markdown("Network: {{ customer.wifi_ssid }}", None);
        let Block::Paragraph(p) = &blocks[0] else {
            panic!()
        };
        assert_eq!(
            p[1].content,
            Content::Blank {
                column: "wifi_ssid".into()
            }
        );
        assert_eq!(fill_value("{{ customer.x }}", None), None);
    }

    #[test]
    fn links_and_raw_html() {
        let blocks = markdown("See [power](#power-on) <b>now</b>.", None);
        let Block::Paragraph(p) = &blocks[0] else {
            panic!()
        };
        assert_eq!(p[1].link, Some(Target::Anchor("power-on".into())));
        assert_eq!(plain(p), "See power now.");
    }

    #[test]
    fn inline_scripts_go_with_their_text() {
        let blocks = markdown("Go <script>alert(1)</script>on <b>now</b>.", None);
        let Block::Paragraph(p) = &blocks[0] else {
            panic!()
        };
        assert_eq!(plain(p), "Go on now.");
    }

    #[test]
    fn html_blocks_keep_their_text_and_scripts_hide_only_their_own_text() {
        let blocks = markdown(
            "<p>Unplug the power first.</p>\n\nThen <script>wait\n\nNext step.\n\n<styles>ok</styles>",
            None,
        );
        let texts: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => plain(p),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            vec!["Unplug the power first.", "Then", "Next step.", "ok"]
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let deep = format!("{} bottom", ">".repeat(10_000));
        let blocks = markdown(&deep, None);
        fn depth(b: &[Block]) -> usize {
            b.iter()
                .map(|b| match b {
                    Block::Quote(inner) => 1 + depth(inner),
                    Block::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&blocks) <= MAX_DEPTH);
        let lists = format!("{}x", "- ".repeat(5_000));
        assert!(depth(&markdown(&lists, None)) <= MAX_DEPTH);
    }

    #[test]
    fn tables() {
        let blocks = markdown("| Port | Use |\n|---|--:|\n| WAN | fiber |\n", None);
        let Block::Table { right, head, rows } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(right, &[false, true]);
        assert_eq!(plain(&head[0]), "Port");
        assert_eq!(plain(&rows[0][1]), "fiber");
    }
}
