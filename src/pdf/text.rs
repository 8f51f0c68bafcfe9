//! Line breaking with the font's real advance widths.
//!
//! Spans become words (fragments glued together where no space separates
//! them, so "step 3" followed by "." never splits), words fill lines
//! greedily, and a word wider than the line is cut with a hyphen mark.

use crate::resolve::Rgb;
use crate::rich::{Content, Span, Target};

use crate::fonts::{Face, Fonts};

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
}

enum Token {
    Word(Vec<Frag>),
    Space(Frag),
    Break,
}

/// Width of a write-in line, in ems of the text size.
const BLANK_EMS: f32 = 9.0;

fn face_for(bold: bool, italic: bool) -> Face {
    match (bold, italic) {
        (true, _) => Face::Bold,
        (false, true) => Face::Italic,
        _ => Face::Regular,
    }
}

/// Turns spans into words, spaces and breaks.
fn tokens(spans: &[Span], set: &Setting) -> Vec<Token> {
    let fonts = Fonts::get();
    let mut out: Vec<Token> = Vec::new();
    // True while the last token is a word that the next fragment glues to.
    let mut open_word = false;
    for span in spans {
        let face = face_for(set.bold || span.style.bold, span.style.italic);
        let color = if span.link.is_some() {
            set.link_color
        } else {
            set.color
        };
        let frag = |text: &str, kind: PieceKind| Frag {
            text: text.to_string(),
            face,
            kind,
            strike: span.style.strike,
            color,
            link: span.link.clone(),
            width: if kind == PieceKind::Blank {
                BLANK_EMS * set.size
            } else {
                fonts.width(face, text, set.size)
            },
        };
        match &span.content {
            Content::Break => {
                out.push(Token::Break);
                open_word = false;
            }
            Content::Blank { .. } => {
                push_frag(&mut out, &mut open_word, frag("", PieceKind::Blank));
            }
            Content::Text(text) => {
                let text = crate::fonts::composed(text);
                let kind = if span.style.code {
                    PieceKind::Code
                } else {
                    PieceKind::Text
                };
                let mut word = String::new();
                for c in text.chars() {
                    // No-break spaces keep "step 3" or a phone number whole.
                    let no_break = matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
                    if c.is_whitespace() && !no_break {
                        if !word.is_empty() {
                            push_frag(&mut out, &mut open_word, frag(&word, kind));
                            word.clear();
                        }
                        if open_word || matches!(out.last(), Some(Token::Word(_))) {
                            out.push(Token::Space(frag(" ", kind)));
                        }
                        open_word = false;
                    } else {
                        word.push(fonts.printable(face, c));
                    }
                }
                if !word.is_empty() {
                    push_frag(&mut out, &mut open_word, frag(&word, kind));
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

    /// A word wider than the line: cut it, marking each cut with a hyphen.
    fn long_word(&mut self, frags: Vec<Frag>) {
        self.pending_space = None;
        let fonts = Fonts::get();
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
            let hyphen = fonts.width(f.face, "-", self.set.size);
            let mut chunk = String::new();
            for c in f.text.chars() {
                let mut trial = chunk.clone();
                trial.push(c);
                let w = fonts.width(f.face, &trial, self.set.size);
                if self.x + w + hyphen > self.max_width && !chunk.is_empty() {
                    chunk.push('-');
                    let width = fonts.width(f.face, &chunk, self.set.size);
                    self.push(Frag {
                        text: std::mem::take(&mut chunk),
                        width,
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
            }
            if !chunk.is_empty() {
                let width = fonts.width(f.face, &chunk, self.set.size);
                self.push(Frag {
                    text: chunk,
                    width,
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
        {
            last.text.push_str(&f.text);
            last.width += f.width;
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
            });
        }
        self.x += f.width;
    }

    fn finish(&mut self, forced: bool) {
        self.pending_space = None;
        if self.current.is_empty() && !forced {
            return;
        }
        // A space at the end of a line is not drawn.
        if let Some(last) = self.current.last_mut()
            && last.text.ends_with(' ')
        {
            let fonts = Fonts::get();
            last.text.pop();
            last.width -= fonts.width(last.face, " ", last.size);
            self.x -= fonts.width(last.face, " ", last.size);
        }
        let height = self.set.size * self.set.leading;
        self.lines.push(Line {
            pieces: std::mem::take(&mut self.current),
            width: self.x,
            height,
            baseline: height / 2.0 + self.set.size * 0.35,
        });
        self.x = 0.0;
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
        let see = fonts.width(Face::Regular, "see ", 11.0);
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
    fn missing_glyphs_print_a_visible_replacement() {
        let all = lines(&fill_plain("ok 😀 中", None), &setting(), 500.0);
        assert_eq!(texts(&all), vec!["ok \u{FFFD} \u{FFFD}"]);
    }
}
