//! Line breaking with the font's real advance widths.
//!
//! Spans become words (fragments glued together where no space separates
//! them, so "step 3" followed by "." never splits), words fill lines
//! greedily, and a word wider than the line is cut with a hyphen mark.
//! Scripts written without spaces (Thai, Lao, Khmer, Burmese) are split
//! into words by ICU's line segmenter.
//!
//! Right-to-left text: each fragment has its bidi level from the whole
//! paragraph (UAX #9), lines are filled in reading order, and then each
//! line's pieces are put in visual order (rule L2); a right-to-left
//! paragraph's lines are laid out for the mirrored page they are drawn on.
//!
//! Text that is shaped (right to left, or not one glyph per character) is
//! shaped a span at a time: words are measured from that, and each piece
//! of a line takes its glyphs from it (see [`Shaped::slice`]).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::resolve::Rgb;
use crate::rich::{Content, Span, Target};

use crate::fonts::shape::{self, Shaped};
use crate::fonts::{Face, Fonts, Shelf, Style};

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// Font size in points.
    pub size: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    /// Text colour.
    pub color: Rgb,
    /// Colour of linked text.
    pub link_color: Rgb,
    /// Set everything bold (headings).
    pub bold: bool,
    /// The paragraph's base direction is right to left.
    pub rtl: bool,
    /// The fonts the guide adds to the bundled ones.
    pub shelf: Shelf,
}

impl Setting {
    /// The face of text set bold or not (and italic or not).
    pub fn face(&self, bold: bool, italic: bool) -> Face {
        let style = match (bold, italic) {
            (true, _) => Style::Bold,
            (false, true) => Style::Italic,
            _ => Style::Regular,
        };
        Face::new(style, self.shelf)
    }
}

/// What a piece of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Text.
    Text,
    /// Inline code: text on a grey ground.
    Code,
    /// A write-in line for a value this build does not have.
    Blank,
}

/// A positioned run of one style within a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Offset from the line's start.
    pub x: f32,
    /// Advance width.
    pub width: f32,
    /// The text (empty for blanks).
    pub text: String,
    /// Face.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Rgb,
    /// Text, code or blank.
    pub kind: PieceKind,
    /// Struck through.
    pub strike: bool,
    /// Link target.
    pub link: Option<Target>,
    /// Written right to left (an odd bidi level).
    pub rtl: bool,
    /// Its glyphs, for text that is shaped (right to left, or not set
    /// one glyph per character): cut from its paragraph's shaping when
    /// that can be done, else shaped alone.
    pub shaped: Option<Arc<Shaped>>,
    /// The bidi level.
    level: u8,
    /// Where its text lies in its span's shaping, if it does.
    src: Option<Src>,
}

impl Piece {
    /// The piece's glyphs followed by the space after it in its
    /// paragraph, cut from the paragraph's shaping, if they can be (see
    /// [`Shaped::slice`]).
    pub fn with_space(&self) -> Option<Arc<Shaped>> {
        let src = self.src.as_ref()?;
        let end = src.range.end;
        if src.shaped.text.as_bytes().get(end) != Some(&b' ') {
            return None;
        }
        let shaped = src.shaped.slice(src.range.start..end + 1, self.rtl)?;
        (shaped.text.len() == self.text.len() + 1).then(|| Arc::new(shaped))
    }
}

/// Where a fragment's text lies in its span's text shaped whole.
#[derive(Debug, Clone)]
struct Src {
    shaped: Arc<Shaped>,
    range: Range<usize>,
}

impl PartialEq for Src {
    fn eq(&self, other: &Src) -> bool {
        Arc::ptr_eq(&self.shaped, &other.shaped) && self.range == other.range
    }
}

/// One line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its pieces, left to right.
    pub pieces: Vec<Piece>,
    /// Width used.
    pub width: f32,
    /// Line height.
    pub height: f32,
    /// Baseline offset from the line's top.
    pub baseline: f32,
    /// Part of a right-to-left paragraph: its pieces are laid out for a
    /// mirrored page (see `flow::mirror`).
    pub rtl: bool,
    /// It ends where a space was: the words of the next line are
    /// separate words, for whoever reads the text out of the PDF.
    pub soft_end: bool,
}

/// A fragment of a word: text of one style.
#[derive(Debug, Clone)]
struct Frag {
    text: String,
    face: Face,
    kind: PieceKind,
    strike: bool,
    color: Rgb,
    link: Option<Target>,
    width: f32,
    level: u8,
    src: Option<Src>,
}

enum Token {
    Word(Vec<Frag>),
    Space(Frag),
    Break,
}

/// Width of a write-in line, in ems of the text size.
const BLANK_EMS: f32 = 9.0;

/// The advance width of `text` set in one direction.
fn measure(face: Face, text: &str, size: f32, rtl: bool) -> f32 {
    if rtl {
        crate::fonts::shape::line(text, face, Some(true)).width(size)
    } else {
        Fonts::get().width(face, text, size)
    }
}

/// The bidi levels of a paragraph's text.
struct Levels {
    /// The level of each byte of the text the spans give, in order, with
    /// the isolates added around some spans.
    levels: Vec<u8>,
    /// Where each span's text starts in it.
    starts: Vec<usize>,
}

/// The paragraph's bidi levels, `texts` its spans' text composed (NFC);
/// `None` when every level is 0 (left to right, no right-to-left letter:
/// nearly every paragraph).
///
/// A phone number reads left to right even in an Arabic sentence, and
/// inline code (a network name, a password) in its own direction: each is
/// set apart as an isolate (UAX #9 X5a–X5c), as the HTML does with
/// `dir="ltr"` and `<bdi>`.
fn levels(spans: &[Span], texts: &[Cow<str>], rtl: bool) -> Option<Levels> {
    use unicode_bidi::BidiClass::{AL, AN, R};
    // Right-to-left letters lie from U+0590 on: a paragraph without any
    // (nearly every one) is settled before its text is copied.
    let right_to_left =
        |c: char| c >= '\u{0590}' && matches!(unicode_bidi::bidi_class(c), R | AL | AN);
    let any_rtl = spans.iter().any(|s| match &s.content {
        Content::Text(t) => t.chars().any(right_to_left),
        _ => false,
    });
    if !rtl && !any_rtl {
        return None;
    }
    let mut text = String::new();
    let mut starts = Vec::with_capacity(spans.len());
    for (span, composed) in spans.iter().zip(texts) {
        let isolate = match (&span.content, &span.link) {
            (Content::Text(_), Some(Target::Phone(_))) => Some('\u{2066}'),
            (Content::Text(_), _) if span.style.code => Some('\u{2068}'),
            _ => None,
        };
        text.extend(isolate);
        starts.push(text.len());
        match &span.content {
            Content::Text(_) => text.push_str(composed),
            Content::Blank { .. } => text.push('\u{FFFC}'),
            Content::Break => text.push('\u{2029}'),
        }
        if isolate.is_some() {
            text.push('\u{2069}');
        }
    }
    let base = if rtl {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    let info = unicode_bidi::BidiInfo::new(&text, Some(base));
    Some(Levels {
        levels: info.levels.iter().map(|l| l.number()).collect(),
        starts,
    })
}

/// True for a word in a script written without spaces, which the line
/// segmenter must split: Thai, Lao, Khmer and Burmese, and Chinese and
/// Japanese, which break between characters. Korean is written with
/// spaces and breaks at them, as Korean books do.
fn needs_segmenting(word: &str) -> bool {
    use unicode_script::{Script, UnicodeScript};
    // Those scripts all lie from U+0E00 on: nearly every word is
    // settled by its first comparison per character.
    word.chars().any(|c| {
        c >= '\u{0E00}'
            && matches!(
                c.script(),
                Script::Thai
                    | Script::Lao
                    | Script::Khmer
                    | Script::Myanmar
                    | Script::Han
                    | Script::Hiragana
                    | Script::Katakana
                    | Script::Bopomofo
            )
    })
}

/// Where `word` may break (byte offsets inside it), per UAX #14 with
/// ICU's word model for Thai, Lao, Khmer and Burmese; Chinese and
/// Japanese break between characters, but not before closing
/// punctuation (，。」) or after opening (「（).
fn break_points(word: &str) -> Vec<usize> {
    use icu_segmenter::LineSegmenter;
    use icu_segmenter::options::LineBreakOptions;
    static SEGMENTER: std::sync::LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> =
        std::sync::LazyLock::new(|| LineSegmenter::new_auto(LineBreakOptions::default()));
    SEGMENTER
        .segment_str(word)
        .filter(|&at| at > 0 && at < word.len())
        .collect()
}

/// A span's text shaped whole, with each byte's share of the advance
/// (points at the setting's size, on the byte that starts its cluster),
/// when any of it is shaped: right-to-left letters, or text not set one
/// glyph per character. Its words are measured from it and its lines cut
/// out of it (see [`Shaped::slice`]), where shaping each word and then
/// each line again was most of laying out an Arabic guide.
///
/// `levels` are the span's bidi levels from its paragraph, one per byte,
/// if the paragraph has any right-to-left text: the runs follow them, so
/// a phone number set apart as an isolate is one left-to-right run, as
/// its pieces are.
fn shaped_whole(
    printed: &str,
    face: Face,
    set: &Setting,
    levels: Option<&[u8]>,
) -> Option<(Arc<Shaped>, Vec<f32>)> {
    let fonts = Fonts::get();
    let right_to_left = levels.is_some_and(|l| l.iter().any(|level| level % 2 == 1));
    if printed.is_empty() || (!right_to_left && fonts.is_plain(face, printed)) {
        return None;
    }
    let shaped = match levels {
        // Offsets into the one are offsets into the other.
        Some(levels) if levels.len() == printed.len() => {
            Arc::new(shape::by_levels(printed, face, levels))
        }
        _ => shape::line(printed, face, Some(set.rtl)),
    };
    if shaped.text != printed {
        return None;
    }
    let mut advances = vec![0.0; printed.len()];
    for run in &shaped.runs {
        let scale = set.size / f32::from(fonts.metrics(run.font).units_per_em.max(1));
        for g in &run.glyphs {
            if let Some(a) = advances.get_mut(g.cluster as usize) {
                *a += g.advance as f32 * scale;
            }
        }
    }
    Some((shaped, advances))
}

/// Turns spans into words, spaces and breaks.
fn tokens(spans: &[Span], set: &Setting) -> Vec<Token> {
    let fonts = Fonts::get();
    let texts: Vec<Cow<str>> = spans
        .iter()
        .map(|span| match &span.content {
            Content::Text(t) => crate::fonts::composed(t),
            _ => Cow::Borrowed(""),
        })
        .collect();
    let levels = levels(spans, &texts, set.rtl);
    let level_at = |span: usize, at: usize| {
        levels
            .as_ref()
            .and_then(|l| l.levels.get(l.starts.get(span)? + at).copied())
            .unwrap_or(0)
    };
    let mut out: Vec<Token> = Vec::new();
    // True while the last token is a word that the next fragment glues to.
    let mut open_word = false;
    for (n, (span, text)) in spans.iter().zip(&texts).enumerate() {
        let face = set.face(set.bold || span.style.bold, span.style.italic);
        let color = if span.link.is_some() {
            set.link_color
        } else {
            set.color
        };
        // The text as set: what no font prints is replaced (every font
        // prints ASCII).
        let printed: Cow<str> = if text.is_ascii() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.chars().map(|c| fonts.printable(face, c)).collect())
        };
        let span_levels = levels.as_ref().and_then(|l| {
            let at = *l.starts.get(n)?;
            l.levels.get(at..at + text.len())
        });
        let whole = shaped_whole(&printed, face, set, span_levels);
        // A fragment of the text, `at` its place in `printed`.
        let frag = |text: &str, kind: PieceKind, level: u8, at: Option<Range<usize>>| {
            let rtl = level % 2 == 1;
            let src = whole.as_ref().zip(at).map(|((shaped, _), range)| Src {
                shaped: Arc::clone(shaped),
                range,
            });
            let width = match (&whole, &src) {
                _ if kind == PieceKind::Blank => BLANK_EMS * set.size,
                (Some((_, advances)), Some(src)) if rtl || !fonts.is_plain(face, text) => {
                    advances[src.range.clone()].iter().sum()
                }
                _ => measure(face, text, set.size, rtl),
            };
            Frag {
                text: text.to_string(),
                face,
                kind,
                strike: span.style.strike,
                color,
                link: span.link.clone(),
                width,
                level,
                src,
            }
        };
        // A word of one level, starting at `at` in `printed`: split where
        // the segmenter allows a break.
        let flush =
            |out: &mut Vec<Token>, open_word: &mut bool, word: &str, at: usize, kind, level| {
                let range = |from: usize, to: usize| Some(at + from..at + to);
                if !needs_segmenting(word) {
                    push_frag(
                        out,
                        open_word,
                        frag(word, kind, level, range(0, word.len())),
                    );
                    return;
                }
                let mut start = 0;
                for cut in break_points(word).into_iter().chain([word.len()]) {
                    if start > 0 {
                        out.push(Token::Space(frag("", kind, level, range(start, start))));
                        *open_word = false;
                    }
                    push_frag(
                        out,
                        open_word,
                        frag(&word[start..cut], kind, level, range(start, cut)),
                    );
                    start = cut;
                }
            };
        match &span.content {
            Content::Break => {
                out.push(Token::Break);
                open_word = false;
            }
            Content::Blank { .. } => {
                push_frag(
                    &mut out,
                    &mut open_word,
                    frag("", PieceKind::Blank, level_at(n, 0), None),
                );
            }
            Content::Text(_) => {
                let kind = if span.style.code {
                    PieceKind::Code
                } else {
                    PieceKind::Text
                };
                let mut word = String::new();
                // Where the word starts in `printed`.
                let mut word_at = 0;
                let mut word_level = 0;
                let mut before = None;
                for ((i, c), (j, shown)) in text.char_indices().zip(printed.char_indices()) {
                    let level = level_at(n, i);
                    // No-break spaces keep "step 3" whole, and so does a
                    // space in or before a number (see `in_number`).
                    let no_break = matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
                        || (c == ' ' && crate::rich::in_number(before, &text[i + 1..]));
                    before = Some(c);
                    if c.is_whitespace() && !no_break {
                        if !word.is_empty() {
                            flush(&mut out, &mut open_word, &word, word_at, kind, word_level);
                            word.clear();
                        }
                        if open_word || matches!(out.last(), Some(Token::Word(_))) {
                            // Another space character is not the space set.
                            let at = (shown == ' ').then_some(j..j + 1);
                            out.push(Token::Space(frag(" ", kind, level, at)));
                        }
                        open_word = false;
                    } else {
                        if !word.is_empty() && level != word_level {
                            flush(&mut out, &mut open_word, &word, word_at, kind, word_level);
                            word.clear();
                        }
                        if word.is_empty() {
                            word_at = j;
                        }
                        word_level = level;
                        word.push(shown);
                    }
                }
                if !word.is_empty() {
                    flush(&mut out, &mut open_word, &word, word_at, kind, word_level);
                }
            }
        }
    }
    out
}

fn push_frag(out: &mut Vec<Token>, open_word: &mut bool, frag: Frag) {
    if *open_word && let Some(Token::Word(frags)) = out.last_mut() {
        frags.push(frag);
    } else {
        out.push(Token::Word(vec![frag]));
    }
    *open_word = true;
}

/// Breaks spans into lines no wider than `max_width`.
///
/// Most paragraphs are broken more than once: in each pass that settles
/// the "step 3 (page 4)" references, and in every PDF of a campaign. The
/// lines of recent paragraphs are kept per thread.
pub fn lines(spans: &[Span], set: &Setting, max_width: f32) -> Vec<Line> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::hash::BuildHasher;
    /// Everything besides the spans that the lines depend on.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    struct Measure {
        size: u32,
        leading: u32,
        width: u32,
        color: Rgb,
        link_color: Rgb,
        bold: bool,
        rtl: bool,
    }
    type Kept = HashMap<u64, (Vec<Span>, Measure, Vec<Line>)>;
    thread_local! {
        static KEPT: RefCell<Kept> = RefCell::new(HashMap::new());
    }
    static SEED: std::sync::LazyLock<std::hash::RandomState> =
        std::sync::LazyLock::new(std::hash::RandomState::new);

    let measure = Measure {
        size: set.size.to_bits(),
        leading: set.leading.to_bits(),
        width: max_width.to_bits(),
        color: set.color,
        link_color: set.link_color,
        bold: set.bold,
        rtl: set.rtl,
    };
    let key = SEED.hash_one((spans, measure));
    let hit = KEPT.with_borrow(|kept| {
        let (s, m, lines) = kept.get(&key)?;
        (s.as_slice() == spans && *m == measure).then(|| lines.clone())
    });
    if let Some(lines) = hit {
        return lines;
    }
    let lines = break_lines(spans, set, max_width);
    KEPT.with_borrow_mut(|kept| {
        // Bounded: customer paragraphs differ in every PDF.
        if kept.len() >= 4096 {
            kept.clear();
        }
        kept.insert(key, (spans.to_vec(), measure, lines.clone()));
    });
    lines
}

fn break_lines(spans: &[Span], set: &Setting, max_width: f32) -> Vec<Line> {
    let mut b = LineBuilder {
        set: *set,
        max_width: max_width.max(set.size * 2.0),
        lines: Vec::new(),
        current: Vec::new(),
        x: 0.0,
        pending_space: None,
    };
    for token in tokens(spans, set) {
        match token {
            Token::Break => b.finish(true),
            Token::Space(space) => {
                if !b.current.is_empty() {
                    b.pending_space = Some(space);
                }
            }
            Token::Word(frags) => b.word(frags),
        }
    }
    b.finish(false);
    b.lines
}

struct LineBuilder {
    set: Setting,
    max_width: f32,
    lines: Vec<Line>,
    current: Vec<Piece>,
    x: f32,
    pending_space: Option<Frag>,
}

impl LineBuilder {
    fn word(&mut self, frags: Vec<Frag>) {
        let width: f32 = frags.iter().map(|f| f.width).sum();
        let space = self.pending_space.as_ref().map_or(0.0, |s| s.width);
        if !self.current.is_empty() && self.x + space + width > self.max_width {
            self.finish(false);
        }
        if width > self.max_width {
            self.long_word(frags);
            return;
        }
        if let Some(space) = self.pending_space.take() {
            self.push(space);
        }
        for f in frags {
            self.push(f);
        }
    }

    /// A word wider than the line: cut it. A cut goes where the word
    /// itself allows one with no mark (before a slash, dot or its own
    /// hyphen: a web address stays one a customer can type);
    /// elsewhere it is marked with a hyphen, except in a web or mail
    /// address, where an added hyphen would change it.
    fn long_word(&mut self, frags: Vec<Frag>) {
        self.pending_space = None;
        let size = self.set.size;
        for f in frags {
            if f.kind == PieceKind::Blank {
                let mut f = f;
                f.width = f.width.min(self.max_width);
                if self.x + f.width > self.max_width {
                    self.finish(false);
                }
                self.push(f);
                continue;
            }
            let rtl = f.level % 2 == 1;
            let hyphen = measure(f.face, "-", size, rtl);
            let address = f.text.contains("://") || f.text.contains('@') || f.text.contains("www.");
            let mut chunk = String::new();
            // Where `chunk` may be cut without a mark (a byte offset).
            let mut soft: Option<usize> = None;
            for c in f.text.chars() {
                // A cut that would leave most of the line empty is not
                // worth its missing mark.
                let room = self.max_width - self.x;
                let worth =
                    |chunk: &str, at: usize| measure(f.face, &chunk[..at], size, rtl) > room / 2.0;
                let mut trial = chunk.clone();
                trial.push(c);
                // A mark stays with its letter.
                if unicode_normalization::char::is_combining_mark(c) {
                    chunk = trial;
                    continue;
                }
                let w = measure(f.face, &trial, size, rtl);
                if self.x + w + hyphen > self.max_width && !chunk.is_empty() {
                    let rest = match soft.take() {
                        Some(at) if at > 0 && worth(&chunk, at) => chunk.split_off(at),
                        _ if address => String::new(),
                        _ => {
                            chunk.push('-');
                            String::new()
                        }
                    };
                    let width = measure(f.face, &chunk, size, rtl);
                    self.push(Frag {
                        text: std::mem::replace(&mut chunk, rest),
                        width,
                        src: None,
                        ..f.clone()
                    });
                    self.finish(false);
                    chunk.push(c);
                } else if self.x + w + hyphen > self.max_width && !self.current.is_empty() {
                    self.finish(false);
                    chunk.push(c);
                } else {
                    chunk = trial;
                }
                // As style guides break a web address: after a double
                // slash, before any other mark that parts its names, so a
                // line never ends in a hyphen that could read as added.
                // A slash, between the address's parts, is the better
                // cut: a later dot or hyphen takes its place only when it
                // leaves the slash's cut too short to be worth it.
                let slash_worth =
                    soft.is_some_and(|at| chunk[at..].starts_with('/') && worth(&chunk, at));
                if c == '/' && chunk.ends_with("//") {
                    soft = Some(chunk.len());
                } else if c == '/'
                    || (!slash_worth
                        && matches!(c, '-' | '.' | '_' | '?' | '#' | '%' | '~' | '&' | '='))
                {
                    soft = Some(chunk.len() - c.len_utf8());
                }
            }
            if !chunk.is_empty() {
                let width = measure(f.face, &chunk, size, rtl);
                self.push(Frag {
                    text: chunk,
                    width,
                    src: None,
                    ..f
                });
            }
        }
    }

    fn push(&mut self, f: Frag) {
        let size = self.set.size;
        if let Some(last) = self.current.last_mut()
            && last.face == f.face
            && last.kind == f.kind
            && f.kind != PieceKind::Blank
            && last.strike == f.strike
            && last.color == f.color
            && last.link == f.link
            && last.level == f.level
        {
            last.text.push_str(&f.text);
            last.width += f.width;
            // Still one stretch of the same shaped text?
            last.src = match (last.src.take(), f.src) {
                (Some(a), Some(b))
                    if Arc::ptr_eq(&a.shaped, &b.shaped) && a.range.end == b.range.start =>
                {
                    Some(Src {
                        range: a.range.start..b.range.end,
                        shaped: a.shaped,
                    })
                }
                _ => None,
            };
        } else {
            self.current.push(Piece {
                x: self.x,
                width: f.width,
                text: f.text,
                face: f.face,
                size,
                color: f.color,
                kind: f.kind,
                strike: f.strike,
                link: f.link,
                rtl: f.level % 2 == 1,
                shaped: None,
                level: f.level,
                src: f.src,
            });
        }
        self.x += f.width;
    }

    fn finish(&mut self, forced: bool) {
        // A break between Chinese characters (an empty space) ends the
        // line with no space to copy out.
        let mut soft_end = !forced
            && self
                .pending_space
                .as_ref()
                .is_some_and(|s| !s.text.is_empty());
        self.pending_space = None;
        if self.current.is_empty() && !forced {
            return;
        }
        // A space at the end of a line is not drawn.
        if let Some(last) = self.current.last_mut()
            && last.text.ends_with(' ')
        {
            soft_end = !forced;
            let space = measure(last.face, " ", last.size, last.rtl);
            last.text.pop();
            last.width -= space;
            self.x -= space;
            last.src = last.src.take().and_then(|mut src| {
                let end = src.range.end.checked_sub(1)?;
                (src.shaped.text.as_bytes().get(end) == Some(&b' ')).then(|| {
                    src.range.end = end;
                    src
                })
            });
        }
        let mut pieces = std::mem::take(&mut self.current);
        join_across(&mut pieces);
        // A shaped piece's glyphs, cut from its paragraph's shaping or
        // shaped alone (letters joined across a piece's edge, a piece made
        // of more than one span), and its width as drawn.
        let mut width = 0.0;
        for p in &mut pieces {
            if p.kind != PieceKind::Blank && (p.rtl || !Fonts::get().is_plain(p.face, &p.text)) {
                let shaped = p
                    .src
                    .as_ref()
                    .and_then(|src| src.shaped.slice(src.range.clone(), p.rtl))
                    .filter(|cut| cut.text == p.text)
                    .map(Arc::new)
                    .unwrap_or_else(|| shape::line(&p.text, p.face, Some(p.rtl)));
                p.width = shaped.width(p.size);
                p.shaped = Some(shaped);
            }
            width += p.width;
        }
        self.x = width;
        visual_order(&mut pieces);
        // A right-to-left page is drawn mirrored (see `flow::mirror`),
        // which moves each piece to the other side: laid out here as its
        // mirror image, it lands in visual order against the right edge.
        if self.set.rtl {
            pieces.reverse();
        }
        let mut x = 0.0;
        for p in &mut pieces {
            p.x = x;
            x += p.width;
        }
        let height = self.set.size * self.set.leading;
        self.lines.push(Line {
            pieces,
            width: self.x,
            height,
            baseline: height / 2.0 + self.set.size * 0.35,
            rtl: self.set.rtl,
            soft_end,
        });
        self.x = 0.0;
    }
}

/// Letters that join (Arabic script) on both sides of a boundary between
/// two pieces, as in `ب**الرقم**` (a bold word after a one-letter
/// preposition), are shaped in their joined forms: each piece gets a
/// zero-width joiner at that edge, which the shaper joins across and
/// then drops.
fn join_across(pieces: &mut [Piece]) {
    use unicode_script::{Script, UnicodeScript};
    let joins =
        |c: Option<char>| c.is_some_and(|c| c.script() == Script::Arabic && c.is_alphabetic());
    for i in 1..pieces.len() {
        let (before, after) = pieces.split_at_mut(i);
        let (a, b) = (&mut before[i - 1], &mut after[0]);
        let text = |p: &Piece| p.kind != PieceKind::Blank;
        if text(a) && text(b) && joins(a.text.chars().last()) && joins(b.text.chars().next()) {
            a.text.push('\u{200D}');
            b.text.insert(0, '\u{200D}');
            // Shaped again, each with its joiner.
            a.src = None;
            b.src = None;
        }
    }
}

/// Puts a line's pieces, each of one bidi level, from reading order into
/// visual order (UAX #9 rule L2): from the highest level down to the
/// lowest odd one, every run of pieces at that level or above is reversed.
fn visual_order(pieces: &mut [Piece]) {
    let Some(highest) = pieces.iter().map(|p| p.level).max() else {
        return;
    };
    let Some(lowest_odd) = pieces.iter().map(|p| p.level | 1).min() else {
        return;
    };
    for level in (lowest_odd..=highest).rev() {
        let mut i = 0;
        while i < pieces.len() {
            if pieces[i].level < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < pieces.len() && pieces[i].level >= level {
                i += 1;
            }
            pieces[start..i].reverse();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rich::{Style, fill_plain};

    fn setting() -> Setting {
        Setting {
            size: 11.0,
            leading: 1.4,
            color: Rgb(0, 0, 0),
            link_color: Rgb(0, 0, 200),
            bold: false,
            rtl: false,
            shelf: Shelf::NONE,
        }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn fills_lines_greedily_within_the_width() {
        let spans = fill_plain(&"Unplug the power cord from the back. ".repeat(8), None);
        let lines = lines(&spans, &setting(), 200.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.width <= 200.0 + 0.01, "{}", l.width);
            let text: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
            assert!(!text.starts_with(' ') && !text.ends_with(' '), "{text:?}");
        }
        let joined = texts(&lines).join(" ");
        assert_eq!(
            joined,
            "Unplug the power cord from the back. ".repeat(8).trim()
        );
    }

    #[test]
    fn glued_fragments_stay_together() {
        let mut spans = fill_plain("see ", None);
        spans.push(Span {
            content: Content::Text("step 3".into()),
            style: Style::default(),
            link: Some(Target::Anchor("x".into())),
        });
        spans.extend(fill_plain(".", None));
        let all = lines(&spans, &setting(), 1000.0);
        assert_eq!(texts(&all), vec!["see step 3."]);
        assert_eq!(all[0].pieces.len(), 3);
        // The link piece starts where "see " ends.
        let fonts = Fonts::get();
        let see = fonts.width(Face::REGULAR, "see ", 11.0);
        assert!((all[0].pieces[1].x - see).abs() < 0.01);
    }

    #[test]
    fn a_long_word_is_cut_with_a_mark() {
        let word = "x".repeat(300);
        let all = lines(&fill_plain(&word, None), &setting(), 100.0);
        assert!(all.len() > 5);
        assert!(all[0].pieces[0].text.ends_with('-'));
        for l in &all {
            assert!(l.width <= 100.01);
        }
        let count: usize = texts(&all)
            .iter()
            .map(|t| t.chars().filter(|&c| c == 'x').count())
            .sum();
        assert_eq!(count, 300);
    }

    #[test]
    fn a_web_address_is_cut_where_it_allows_and_never_given_a_hyphen() {
        let url = "https://northwind.example/support/xb8-setup-video-with-subtitles";
        let all = lines(&fill_plain(url, None), &setting(), 120.0);
        assert!(all.len() > 1, "{:?}", texts(&all));
        // Put back together, the lines are the address, letter for letter.
        assert_eq!(texts(&all).concat(), url);
        for pair in texts(&all).windows(2) {
            assert!(
                pair[0].ends_with("//") || pair[1].starts_with(['/', '-', '.']),
                "cut inside a name: {pair:?}"
            );
        }
    }

    #[test]
    fn a_number_stays_on_one_line_and_with_its_word() {
        let text = "Still stuck after that? Call us on +1 800 555 0199 or (800) 555 0100 any day, \
                    or plug the cable into port WAN 10G as on page 7.";
        for width in [90.0, 120.0, 150.0, 180.0, 210.0] {
            let all = lines(&fill_plain(text, None), &setting(), width);
            let texts = texts(&all);
            for number in ["+1 800 555 0199", "(800) 555 0100", "WAN 10G", "page 7."] {
                assert!(
                    texts.iter().any(|t| t.contains(number)),
                    "{number} split at {width}: {texts:?}"
                );
            }
        }
    }

    #[test]
    fn blanks_are_write_in_lines_and_breaks_force_lines() {
        let mut spans = fill_plain("Name: {{ customer.ssid }}", None);
        spans.push(Span {
            content: Content::Break,
            style: Style::default(),
            link: None,
        });
        spans.extend(fill_plain("next", None));
        let all = lines(&spans, &setting(), 500.0);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].pieces[1].kind, PieceKind::Blank);
        assert!((all[0].pieces[1].width - 99.0).abs() < 0.01);
    }

    #[test]
    fn arabic_letters_join_across_a_bold_edge() {
        use crate::fonts::{Family, Font, shape};
        // "Call the number", with the number's word in bold after the
        // preposition ب written onto it.
        let mut spans = fill_plain("اتصل ب", None);
        spans.push(Span {
            content: Content::Text("الرقم".into()),
            style: Style {
                bold: true,
                ..Style::default()
            },
            link: None,
        });
        let set = Setting {
            rtl: true,
            ..setting()
        };
        let all = lines(&spans, &set, 500.0);
        let pieces: Vec<&Piece> = all[0].pieces.iter().collect();
        let plain = pieces.iter().find(|p| p.face == Face::REGULAR).unwrap();
        assert!(plain.text.ends_with('\u{200D}'), "{:?}", plain.text);
        let shaped = shape::line(&plain.text, Face::REGULAR, Some(true));
        let fonts = Fonts::get();
        let isolated = fonts.glyph(Font::of(Family::Arabic, crate::fonts::Style::Regular), 'ب');
        assert!(
            shaped
                .runs
                .iter()
                .flat_map(|r| &r.glyphs)
                .all(|g| g.id != isolated),
            "ب drawn unjoined"
        );
    }

    #[test]
    fn lines_cut_from_a_shaped_paragraph_draw_as_if_shaped_alone() {
        use crate::fonts::shape;
        // An Arabic paragraph with a number and a Latin brand name in it.
        let text = "افصل كابل الطاقة من البوابة القديمة، وانتظر 30 ثانية، ثم صِل بوابة \
                    Brightline الجديدة بالمقبس نفسه، واتصل بنا على الرقم المكتوب في أسفل \
                    الصفحة إذا بقي الضوء أحمر بعد عشر دقائق.";
        let set = Setting {
            rtl: true,
            ..setting()
        };
        let mut cut = 0;
        for width in [110.0, 170.0, 260.0] {
            for piece in lines(&fill_plain(text, None), &set, width)
                .iter()
                .flat_map(|l| &l.pieces)
            {
                let Some(shaped) = &piece.shaped else {
                    continue;
                };
                let alone = shape::line(&piece.text, piece.face, Some(piece.rtl));
                // Shaped alone, a piece would come from the store of
                // shaped lines; cut from its paragraph, it is its own.
                if !Arc::ptr_eq(shaped, &alone) {
                    cut += 1;
                }
                let ids = |s: &Shaped| -> Vec<(u16, i32, i32)> {
                    s.runs
                        .iter()
                        .flat_map(|r| r.glyphs.iter().map(|g| (g.id, g.advance, g.dy)))
                        .collect()
                };
                assert_eq!(ids(shaped), ids(&alone), "{}", piece.text);
                assert!((piece.width - alone.width(piece.size)).abs() < 0.01);
            }
        }
        assert!(cut > 10, "only {cut} pieces cut from their paragraph");
    }

    #[test]
    fn missing_glyphs_print_a_visible_replacement() {
        let all = lines(&fill_plain("ok 😀 中", None), &setting(), 500.0);
        assert_eq!(texts(&all), vec!["ok \u{FFFD} \u{FFFD}"]);
    }
    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        let text = "网关，您好。「请」";
        assert!(needs_segmenting(text));
        assert!(!needs_segmenting("안녕하세요"), "Korean breaks at spaces");
        let at: Vec<&str> = {
            let mut start = 0;
            let mut pieces = Vec::new();
            for cut in break_points(text).into_iter().chain([text.len()]) {
                pieces.push(&text[start..cut]);
                start = cut;
            }
            pieces
        };
        assert_eq!(at, ["网", "关，", "您", "好。", "「请」"]);
    }
}
