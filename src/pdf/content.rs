//! Page content streams, written straight to bytes.
//!
//! A page is thousands of operators; building them as printpdf `Op`s and
//! having printpdf and lopdf translate and re-encode each one was a third
//! of a campaign PDF's time. Text is written as glyph ids of the full
//! bundled font (see [`super::embed`]), so a page's bytes do not depend on
//! which other glyphs the document happens to use.

use std::io::Write;
use std::sync::Arc;

use crate::resolve::Rgb;

use super::tags::{Kid, Tag, Tree};
use crate::fonts::shape::{self, Run, Shaped};
use crate::fonts::{Face, Family, Font, Fonts, Usage};

/// Writes `args op` to a content stream, numbers to 1/1000 of a unit
/// (far finer than print; more digits only make the file bigger).
pub fn op(out: &mut Vec<u8>, name: &str, args: &[f32]) {
    for &v in args {
        number(out, v);
        out.push(b' ');
    }
    out.extend_from_slice(name.as_bytes());
    out.push(b'\n');
}

/// `v` to three decimals at most, without trailing zeros (`12.5`, `-0.333`,
/// `0`). Written by hand: formatting floats was a tenth of a PDF's time.
fn number(out: &mut Vec<u8>, v: f32) {
    // Saturates for huge values; NaN becomes 0 rather than an invalid token.
    let n = (f64::from(v) * 1000.0).round() as i64;
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut int = n / 1000;
    loop {
        at -= 1;
        digits[at] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
    let frac = n % 1000;
    if frac != 0 {
        let decimals = [
            b'.',
            b'0' + (frac / 100) as u8,
            b'0' + (frac / 10 % 10) as u8,
            b'0' + (frac % 10) as u8,
        ];
        let len = if frac.is_multiple_of(100) {
            2
        } else if frac.is_multiple_of(10) {
            3
        } else {
            4
        };
        out.extend_from_slice(&decimals[..len]);
    }
}

/// The resource name of a font on every page: `F1`, `F2`…
pub fn font_name(font: Font) -> String {
    format!("F{}", font.index() + 1)
}

/// One page's content stream.
#[derive(Default)]
pub struct Content {
    out: Vec<u8>,
    text: Option<TextState>,
    /// The open marked-content sequence.
    marked: Option<Marked>,
    /// The page's tagged pieces, in drawing order.
    kids: Vec<Kid>,
    /// The next MCID.
    mcid: u32,
    /// The document's language: text in another script is marked with
    /// its own.
    language: String,
}

/// What a marked-content sequence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    /// Part of an element of the structure tree.
    Node(Tag),
    /// Decoration: rules, grounds, boxes.
    Layout,
    /// The page's running footer (its rule and page number).
    Footer,
}

/// The open text object (`BT … ET`): neighbouring lines of text share
/// one, and the font and colour are set only when they change.
#[derive(Default)]
struct TextState {
    font: Option<(Font, f32)>,
    color: Option<Rgb>,
    /// Where the last line started (as written, rounded): `Td` moves
    /// relative to it.
    at: (f32, f32),
}

fn rounded(v: f32) -> f32 {
    ((f64::from(v) * 1000.0).round() / 1000.0) as f32
}

fn unit(c: u8) -> f32 {
    f32::from(c) / 255.0
}

impl Content {
    /// An empty stream for a document in `language`.
    pub fn new(language: &str) -> Content {
        Content {
            language: language.to_string(),
            ..Content::default()
        }
    }

    /// Starts drawing what `marked` says, unless that is what is being
    /// drawn: a marked-content sequence (ISO 32000-1, 14.6) with an MCID
    /// for an element of `tree`, or an artifact. Sequences never straddle
    /// a text object.
    pub fn mark(&mut self, marked: Marked, tree: &Tree) {
        // A tag the tree does not hold is drawn as decoration.
        let (marked, role) = match marked {
            Marked::Node(tag) => match tree.get(tag) {
                Some(node) => (marked, node.role.name()),
                None => (Marked::Layout, ""),
            },
            m => (m, ""),
        };
        if self.marked == Some(marked) {
            return;
        }
        self.end_marked();
        match marked {
            Marked::Node(tag) => {
                let _ = writeln!(self.out, "/{role} <</MCID {}>> BDC", self.mcid);
                self.kids.push(Kid::Mcid(self.mcid, tag));
                self.mcid += 1;
            }
            Marked::Layout => self.out.extend_from_slice(b"/Artifact BMC\n"),
            Marked::Footer => self
                .out
                .extend_from_slice(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"),
        }
        self.marked = Some(marked);
    }

    /// Opens a `/Span` whose glyphs stand for `text` (ISO 32000-1,
    /// 14.9.4); `EMC` closes it.
    fn begin_actual_text(&mut self, text: &str) {
        self.out.extend_from_slice(b"/Span <</ActualText <FEFF");
        for unit in text.encode_utf16() {
            let _ = write!(self.out, "{unit:04X}");
        }
        self.out.extend_from_slice(b">>> BDC\n");
    }

    /// Ends the open marked-content sequence, if any.
    fn end_marked(&mut self) {
        self.end_text();
        if self.marked.take().is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    /// Records that the page's link annotation number `index` belongs to
    /// `tag`.
    pub fn annotation(&mut self, index: usize, tag: Tag) {
        self.kids.push(Kid::Annot(index, tag));
    }

    /// Writes `args name`; ends an open text object first.
    pub fn op(&mut self, name: &str, args: &[f32]) {
        self.end_text();
        op(&mut self.out, name, args);
    }

    /// Sets the fill colour.
    pub fn fill_colour(&mut self, c: Rgb) {
        self.op("rg", &[unit(c.0), unit(c.1), unit(c.2)]);
    }

    /// Sets the stroke colour.
    pub fn stroke_colour(&mut self, c: Rgb) {
        self.op("RG", &[unit(c.0), unit(c.1), unit(c.2)]);
    }

    /// Sets a dash pattern of `on`, `off` points.
    pub fn dash(&mut self, on: f32, off: f32) {
        self.end_text();
        let _ = writeln!(self.out, "[{on} {off}] 0 d");
    }

    /// Draws the XObject named `name` in the current coordinates.
    pub fn xobject(&mut self, name: &str) {
        self.end_text();
        let _ = writeln!(self.out, "/{name} Do");
    }

    /// Sets `text` with its baseline starting at `(x, y)` (PDF space),
    /// recording the glyphs it uses. `rtl` is the text's base direction;
    /// `shaped`, its glyphs if the layout has them.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        face: Face,
        size: f32,
        color: Rgb,
        rtl: bool,
        shaped: Option<&Arc<Shaped>>,
        usage: &mut Usage,
    ) {
        if text.is_empty() {
            return;
        }
        let fonts = Fonts::get();
        // Nearly all text: one Noto Sans glyph per character, written
        // without shaping. The rest the layout has often shaped already.
        let shaped = match shaped {
            Some(shaped) => Some(Arc::clone(shaped)),
            None if !rtl && fonts.is_plain(face, text) => None,
            None => Some(shape::line(text, face, Some(rtl))),
        };
        let first = match &shaped {
            Some(s) => s.runs.first().map(|r| r.font),
            None => Some(Font::of(Family::Sans, face.style)),
        };
        self.start_text(x, y, first.map(|f| (f, size)), color);
        let Some(shaped) = shaped else {
            let font = Font::of(Family::Sans, face.style);
            self.out.push(b'<');
            for c in text.chars() {
                let gid = fonts.glyph(font, c);
                hex4(&mut self.out, usage.add(font, gid, c));
            }
            self.out.extend_from_slice(b"> Tj\n");
            return;
        };
        // Shaped glyphs do not map one to one onto characters (a vowel
        // sign drawn before its consonant, a conjunct): the text they
        // stand for is given whole, in reading order (ISO 32000-1,
        // 14.9.4). Not right to left: text extractors put an ActualText's
        // characters left to right across its glyphs and would reverse
        // it; there each glyph's own character reads right.
        let actual = !shaped.plain && !shaped.runs.iter().any(|r| r.rtl);
        if actual {
            self.begin_actual_text(&shaped.text.replace('\u{200D}', ""));
        }
        let mut pending = 0.0;
        let mut rise = 0.0;
        for run in &shaped.runs {
            self.set_font(run.font, size);
            // A change of language is declared on the marked content
            // (ISO 32000-1, 14.9.2): a reader switches voice for it.
            let language = crate::fonts::script_of(&shaped.text[run.text.clone()])
                .and_then(|s| crate::lang::language_of_script(&self.language, s));
            if let Some(language) = language {
                let _ = writeln!(self.out, "/Span <</Lang ({language})>> BDC");
            }
            self.glyphs(&shaped.text, run, size, &mut pending, &mut rise, usage);
            if language.is_some() {
                self.out.extend_from_slice(b"EMC\n");
            }
        }
        if rise != 0.0 {
            op(&mut self.out, "Ts", &[0.0]);
        }
        if actual {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    /// Opens a text object if none is, sets the font and colour, and
    /// moves to the start of a line at `(x, y)`.
    fn start_text(&mut self, x: f32, y: f32, font: Option<(Font, f32)>, color: Rgb) {
        if self.text.is_none() {
            self.out.extend_from_slice(b"BT\n");
            self.text = Some(TextState::default());
        }
        if let Some((font, size)) = font {
            self.set_font(font, size);
        }
        let Some(state) = self.text.as_mut() else {
            return;
        };
        if state.color != Some(color) {
            op(
                &mut self.out,
                "rg",
                &[unit(color.0), unit(color.1), unit(color.2)],
            );
            state.color = Some(color);
        }
        let (x, y) = (rounded(x), rounded(y));
        op(&mut self.out, "Td", &[x - state.at.0, y - state.at.1]);
        state.at = (x, y);
    }

    /// Selects `font` at `size` in the open text object, if it is not.
    fn set_font(&mut self, font: Font, size: f32) {
        let Some(state) = self.text.as_mut() else {
            return;
        };
        if state.font != Some((font, size)) {
            let _ = write!(self.out, "/{} ", font_name(font));
            op(&mut self.out, "Tf", &[size]);
            state.font = Some((font, size));
        }
    }

    /// Writes a shaped run as `TJ` arrays: each glyph's offset and its
    /// advance, where they differ from the font's own width, become
    /// position adjustments; a raised or lowered glyph (a mark) gets a
    /// text rise. `pending` carries the adjustment after the last glyph
    /// written, `rise` the rise in force, both in text space.
    fn glyphs(
        &mut self,
        text: &str,
        run: &Run,
        size: f32,
        pending: &mut f32,
        rise: &mut f32,
        usage: &mut Usage,
    ) {
        let fonts = Fonts::get();
        let upem = f32::from(fonts.metrics(run.font).units_per_em.max(1));
        // Font units to the thousandths of an em `TJ` counts in.
        let per_mille = 1000.0 / upem;
        let (codes, spans) = codes(text, run, usage);
        let mut open = false;
        // The last glyph of the cluster given its text whole.
        let mut span_end = None;
        for (i, (g, code)) in run.glyphs.iter().zip(codes).enumerate() {
            if let Some((last, actual)) = &spans[i] {
                if open {
                    self.out.extend_from_slice(b"] TJ\n");
                    open = false;
                }
                self.begin_actual_text(actual);
                span_end = Some(*last);
            }
            let wanted_rise = g.dy as f32 * size / upem;
            if !open || (wanted_rise - *rise).abs() > 0.0005 {
                if open {
                    self.out.extend_from_slice(b"] TJ\n");
                }
                if (wanted_rise - *rise).abs() > 0.0005 {
                    op(&mut self.out, "Ts", &[wanted_rise]);
                    *rise = wanted_rise;
                }
                self.out.push(b'[');
                open = true;
            }
            let before = *pending - g.dx as f32 * per_mille;
            if before.abs() > 0.0005 {
                number(&mut self.out, before);
            }
            self.out.push(b'<');
            hex4(&mut self.out, code);
            self.out.push(b'>');
            let width = f32::from(fonts.glyph_width(run.font, g.id));
            *pending = (width + g.dx as f32 - g.advance as f32) * per_mille;
            if span_end == Some(i) {
                self.out.extend_from_slice(b"] TJ\nEMC\n");
                open = false;
                span_end = None;
            }
        }
        if open {
            self.out.extend_from_slice(b"] TJ\n");
        }
    }

    /// Ends the open text object, before anything that is not text.
    pub fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.out.extend_from_slice(b"ET\n");
        }
    }

    /// The finished stream.
    #[cfg(test)]
    pub fn into_bytes(self) -> Vec<u8> {
        self.finish().0
    }

    /// The finished stream, and what it holds of the structure tree.
    pub fn finish(mut self) -> (Vec<u8>, Vec<Kid>) {
        self.end_marked();
        (self.out, self.kids)
    }
}

/// Writes `code` as four hexadecimal digits. By hand: `write!` was a
/// tenth of a campaign PDF's time.
fn hex4(out: &mut Vec<u8>, code: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((code >> shift) & 0xf)]);
    }
}

/// The code each glyph of `run` is written with, recording the text it
/// prints: a glyph that is the font's own for one of its cluster's
/// characters (a mark, a vowel sign) prints that character; the rest of
/// the cluster's text (a ligature's letters, a conjunct) goes with its
/// widest glyph. Every glyph prints something, as PDF/A asks; a glyph
/// left with nothing prints a zero-width space.
///
/// Right to left, a cluster of several glyphs (a letter and its vowel
/// marks) is also given its text whole, as an `/ActualText` span: the
/// second list holds, at the cluster's first glyph, its last glyph and
/// that text. Extractors set each glyph's characters by position, which
/// would put a mark beside its letter, not after it.
fn codes(text: &str, run: &Run, usage: &mut Usage) -> (Vec<u16>, Vec<Option<(usize, String)>>) {
    const NOTHING: char = '\u{200B}';
    let fonts = Fonts::get();
    let glyphs = &run.glyphs;
    // The glyphs by cluster; within one, in drawing order (a stable sort).
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by_key(|&i| glyphs[i].cluster);
    // Each glyph's text, a range of one buffer: nearly every cluster is
    // one glyph for one or two characters, and a string for each was most
    // of writing a line of Arabic.
    let mut arena = String::new();
    let mut texts: Vec<std::ops::Range<usize>> = vec![0..0; glyphs.len()];
    let mut spans: Vec<Option<(usize, String)>> = vec![None; glyphs.len()];
    let mut chars: Vec<char> = Vec::new();
    let mut used: Vec<bool> = Vec::new();
    // Every glyph prints something, as PDF/A asks.
    let put = |arena: &mut String, chars: &mut dyn Iterator<Item = char>| {
        let start = arena.len();
        arena.extend(chars);
        if arena.len() == start {
            arena.push(NOTHING);
        }
        start..arena.len()
    };
    let mut first = 0;
    while first < order.len() {
        let cluster = glyphs[order[first]].cluster;
        let mut next = first + 1;
        while next < order.len() && glyphs[order[next]].cluster == cluster {
            next += 1;
        }
        let members = &order[first..next];
        let end = order
            .get(next)
            .map_or(run.text.end, |&i| glyphs[i].cluster as usize);
        let start = (cluster as usize).min(end);
        // Joiners set at a piece's edge (see `text::join_across`) are
        // not text.
        chars.clear();
        chars.extend(
            text.get(start..end)
                .unwrap_or("")
                .chars()
                .filter(|&c| c != '\u{200D}'),
        );
        // The glyph that carries the text: the widest, the first of those.
        let mut best = members[0];
        for &i in &members[1..] {
            if glyphs[best].advance < glyphs[i].advance {
                best = i;
            }
        }
        used.clear();
        used.resize(chars.len(), false);
        for &i in members.iter().filter(|&&i| i != best) {
            let id = glyphs[i].id;
            let own = (0..chars.len()).find(|&k| !used[k] && fonts.glyph(run.font, chars[k]) == id);
            texts[i] = match own {
                Some(k) => {
                    used[k] = true;
                    put(&mut arena, &mut std::iter::once(chars[k]))
                }
                None => put(&mut arena, &mut std::iter::empty()),
            };
        }
        if let (true, Some(&first), Some(&last)) = (run.rtl, members.first(), members.last())
            && members.len() > 1
            && last - first + 1 == members.len()
        {
            // Extractors lay an ActualText out left to right and then
            // reverse the line, as they do a glyph's characters.
            spans[first] = Some((last, chars.iter().rev().collect()));
        }
        let mut rest = chars
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(c, _)| *c);
        texts[best] = if run.rtl {
            // Right to left, extractors lay a glyph's characters out in
            // the line's visual order and then reverse the line: a
            // lam-alef is listed that way, so it reads back in order.
            let rest: Vec<char> = rest.collect();
            put(&mut arena, &mut rest.into_iter().rev())
        } else {
            put(&mut arena, &mut rest)
        };
        first = next;
    }
    let codes = glyphs
        .iter()
        .zip(&texts)
        .map(|(g, t)| usage.add_text(run.font, g.id, &arena[t.clone()]))
        .collect();
    (codes, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_three_decimals_at_most() {
        let mut out = Vec::new();
        for v in [
            0.0,
            -0.0004,
            12.5,
            -0.3333,
            612.0,
            0.05,
            1.0 / 3.0,
            -1234.5678,
            f32::NAN,
        ] {
            number(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0 0 12.5 -0.333 612 0.05 0.333 -1234.568 0 "
        );
    }

    #[test]
    fn numbers_are_short_and_text_shares_one_object() {
        let mut c = Content::default();
        let mut usage = Usage::default();
        c.op("re", &[1.0, 2.5, -0.0001, 1.0 / 3.0]);
        c.text(
            10.0,
            700.0,
            "Hi",
            Face::REGULAR,
            11.0,
            Rgb(0, 0, 0),
            false,
            None,
            &mut usage,
        );
        c.text(
            10.0,
            686.0,
            "Hi",
            Face::REGULAR,
            11.0,
            Rgb(0, 0, 0),
            false,
            None,
            &mut usage,
        );
        let s = String::from_utf8(c.into_bytes()).unwrap();
        let sans = Font::of(Family::Sans, crate::fonts::Style::Regular);
        let h = Fonts::get().glyph(sans, 'H');
        let i = Fonts::get().glyph(sans, 'i');
        assert_eq!(
            s,
            format!(
                "1 2.5 0 0.333 re\nBT\n/F1 11 Tf\n0 0 0 rg\n10 700 Td\n<{h:04X}{i:04X}> Tj\n\
                 0 -14 Td\n<{h:04X}{i:04X}> Tj\nET\n"
            )
        );
        assert_eq!(usage.glyphs()[&sans].get(&h), Some(&(h, "H".to_string())));
    }
}
