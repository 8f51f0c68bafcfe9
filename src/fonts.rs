//! The bundled font family (Noto Sans, SIL Open Font License; see
//! assets/fonts/OFL.txt): metrics for line breaking, and subsets for
//! embedding.
//!
//! Shared by the checks (which characters print) and the PDF renderer. The
//! full fonts are parsed once per process (they are part of the binary,
//! never guide data); each document embeds only the glyphs it uses, so a
//! PDF carries a few kilobytes of font, not 1.5 MB.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// The faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
    /// Noto Sans Italic.
    Italic,
}

impl Face {
    /// Every face.
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    fn index(self) -> usize {
        self as usize
    }

    /// The PostScript name embedded in the PDF.
    pub fn postscript_name(self) -> &'static str {
        ["NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"][self.index()]
    }
}

/// The font files, in [`Face`] order.
pub const BUNDLED: [&[u8]; 3] = [
    include_bytes!("../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../assets/fonts/NotoSans-Italic.ttf"),
];

/// Printed for a character the fonts do not have, so the gap is visible.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Characters whose advance widths are kept in a table: Latin, Latin
/// Extended, IPA and Greek, almost every character a guide prints.
const TABLE_CHARS: usize = 0x0400;

/// Marks a character missing from the face in the width table.
const MISSING: u16 = u16::MAX;

/// A face's metrics for its PDF font descriptor, in font units.
#[derive(Debug, Clone, Copy, Default)]
pub struct Metrics {
    /// Font units per em.
    pub units_per_em: u16,
    /// Height above the baseline (`hhea`).
    pub ascent: i16,
    /// Depth below the baseline, negative (`hhea`).
    pub descent: i16,
    /// The bounding box of every glyph (`head`): x min, y min, x max, y max.
    pub bbox: [i16; 4],
    /// The slope of the caret (`hhea`): rise and run.
    pub caret_slope: (i16, i16),
    /// The weight class (`OS/2`), 100–900.
    pub weight_class: u16,
}

/// The parsed family.
pub struct Fonts {
    /// The faces, read in place from the bundled bytes (only the tables a
    /// lookup touches are read).
    faces: Vec<FontRef<'static>>,
    metrics: Vec<Metrics>,
    /// Per face, the advance width of each character below
    /// [`TABLE_CHARS`] (measuring text is the inner loop of layout).
    widths: Vec<Vec<u16>>,
    /// Per face, the glyph id of each character below [`TABLE_CHARS`]
    /// (0 if missing), for writing text.
    glyphs: Vec<Vec<u16>>,
}

/// The glyph id of `c` in `font`, if it has one.
fn glyph_of(font: &FontRef<'_>, c: u32) -> Option<u16> {
    let gid = font.charmap().map(c)?.to_u32();
    u16::try_from(gid).ok().filter(|&g| g != 0)
}

/// The advance width of glyph `gid`, in font units.
fn advance_of(font: &FontRef<'_>, gid: u16) -> Option<u16> {
    font.hmtx()
        .ok()?
        .advance(skrifa::GlyphId::new(u32::from(gid)))
}

fn metrics_of(font: &FontRef<'_>) -> Metrics {
    let (head, hhea) = (font.head().ok(), font.hhea().ok());
    Metrics {
        units_per_em: head.as_ref().map_or(1000, |h| h.units_per_em()),
        ascent: hhea.as_ref().map_or(0, |h| h.ascender().to_i16()),
        descent: hhea.as_ref().map_or(0, |h| h.descender().to_i16()),
        bbox: head
            .as_ref()
            .map_or([0; 4], |h| [h.x_min(), h.y_min(), h.x_max(), h.y_max()]),
        caret_slope: hhea
            .as_ref()
            .map_or((1, 0), |h| (h.caret_slope_rise(), h.caret_slope_run())),
        weight_class: font.os2().map_or(400, |o| o.us_weight_class()),
    }
}

impl Fonts {
    /// The family, parsed on first use.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let faces: Vec<FontRef<'static>> = BUNDLED
                .iter()
                .map(|b| {
                    // The fonts are part of the binary and known to parse.
                    FontRef::new(b).expect("bundled font parses")
                })
                .collect();
            let metrics = faces.iter().map(metrics_of).collect();
            let glyphs: Vec<Vec<u16>> = faces
                .iter()
                .map(|f| {
                    (0..TABLE_CHARS as u32)
                        .map(|c| glyph_of(f, c).unwrap_or(0))
                        .collect()
                })
                .collect();
            let widths = faces
                .iter()
                .zip(&glyphs)
                .map(|(f, glyphs)| {
                    glyphs
                        .iter()
                        .map(|&g| match g {
                            0 => MISSING,
                            g => advance_of(f, g).unwrap_or(0),
                        })
                        .collect()
                })
                .collect();
            Fonts {
                faces,
                metrics,
                widths,
                glyphs,
            }
        })
    }

    /// The advance width of `c` in font units, `None` if the face lacks it.
    fn advance(&self, face: Face, c: char) -> Option<u16> {
        match self.widths[face.index()].get(c as usize) {
            Some(&MISSING) => None,
            Some(&w) => Some(w),
            None => {
                let f = &self.faces[face.index()];
                glyph_of(f, c as u32).map(|g| advance_of(f, g).unwrap_or(0))
            }
        }
    }

    /// The face's metrics for its font descriptor.
    pub fn metrics(&self, face: Face) -> &Metrics {
        &self.metrics[face.index()]
    }

    /// The glyph id that prints `c`: its own, else the replacement
    /// character's, else 0 (.notdef).
    pub fn glyph(&self, face: Face, c: char) -> u16 {
        let lookup = |c: char| match self.glyphs[face.index()].get(c as usize) {
            Some(&g) => g,
            None => glyph_of(&self.faces[face.index()], c as u32).unwrap_or(0),
        };
        match lookup(c) {
            0 => lookup(REPLACEMENT),
            g => g,
        }
    }

    /// The advance width of glyph `gid` in font units.
    pub fn glyph_width(&self, face: Face, gid: u16) -> u16 {
        advance_of(&self.faces[face.index()], gid).unwrap_or(0)
    }

    /// True if the face has a glyph for `c`.
    pub fn has(&self, face: Face, c: char) -> bool {
        self.advance(face, c).is_some()
    }

    /// `c`, or the replacement character if the face lacks it.
    pub fn printable(&self, face: Face, c: char) -> char {
        if self.has(face, c) { c } else { REPLACEMENT }
    }

    /// `text` composed (NFC), with every character the face lacks replaced.
    pub fn printable_text(&self, face: Face, text: &str) -> String {
        composed(text)
            .chars()
            .map(|c| self.printable(face, c))
            .collect()
    }

    /// The advance width of `text` at `size` points.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let upem = self.metrics(face).units_per_em.max(1);
        let units: u32 = text
            .chars()
            .map(|c| {
                self.advance(face, c)
                    .or_else(|| self.advance(face, REPLACEMENT))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(upem)
    }

    /// A font program holding just `gids` (sorted, without 0), renumbered
    /// in that order after .notdef; `None` if it cannot be cut.
    pub fn subset_program(&self, face: Face, gids: &[u16]) -> Option<Vec<u8>> {
        let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
        let data = ReadScope::new(BUNDLED[face.index()])
            .read::<FontData<'_>>()
            .ok()?;
        let provider = data.table_provider(0).ok()?;
        subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok()
    }
}

/// `text` in Unicode's composed form (NFC), as it is laid out: a letter
/// stored with its marks after it (as many systems export Vietnamese)
/// prints with the font's precomposed glyph, not with marks set beside
/// it. Already-composed text (nearly all) is borrowed as it is.
pub fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// Can every face print `c`? Spaces and controls need no glyph.
pub fn prints(c: char) -> bool {
    let fonts = Fonts::get();
    c.is_whitespace() || c.is_control() || Face::ALL.iter().all(|&face| fonts.has(face, c))
}

/// The first character of `text` no bundled font prints, with its byte
/// offset, and how many more there are.
pub fn first_unprintable(text: &str) -> Option<(usize, char, usize)> {
    let mut found = text
        .char_indices()
        .filter(|&(_, c)| !crate::rich::is_hidden_control(c) && !prints(c));
    let (at, first) = found.next()?;
    Some((at, first, found.count()))
}

/// Names a character no font prints and its script, and says what would
/// print it: "`王` (U+738B, Han script) and 2 other characters".
pub fn describe_unprintable(c: char, others: usize) -> String {
    use unicode_script::UnicodeScript;
    let script = match c.script() {
        unicode_script::Script::Common | unicode_script::Script::Inherited => {
            "a symbol".to_string()
        }
        s => format!("{} script", s.full_name()),
    };
    let more = match others {
        0 => String::new(),
        1 => " and 1 other character".into(),
        n => format!(" and {n} other characters"),
    };
    format!("`{c}` (U+{:04X}, {script}){more}", c as u32)
}

/// What an author can do about a character no font prints.
pub fn unprintable_help(c: char) -> String {
    use unicode_script::{Script, UnicodeScript};
    let font = match c.script() {
        Script::Arabic => Some("Noto Sans Arabic"),
        Script::Hebrew => Some("Noto Sans Hebrew"),
        Script::Devanagari => Some("Noto Sans Devanagari"),
        Script::Thai => Some("Noto Sans Thai"),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            Some("Noto Sans CJK")
        }
        _ => None,
    };
    match font {
        Some(font) => format!(
            "the PDF's fonts (Noto Sans) print Latin, Greek and Cyrillic; this script needs {font}, which swapguide cannot print with yet; the HTML page shows it (build it alone with --format html)"
        ),
        None => "write it in words or leave it out: the PDF's fonts (Noto Sans) print Latin, Greek and Cyrillic letters, not emoji or pictographs".into(),
    }
}

/// The glyphs used per face, collected while drawing: glyph id → the
/// character it prints (for copying text out of the PDF).
#[derive(Debug, Default)]
pub struct Usage {
    /// Per face (in [`Face`] order), indexed by glyph id: the character,
    /// or `'\0'` for a glyph not used. A table, not a map: recording is
    /// done for every character printed.
    by_face: [Vec<char>; 3],
}

impl Usage {
    /// Records that glyph `gid` of `face` prints `c` (the first character
    /// recorded for a glyph is kept).
    pub fn add(&mut self, face: Face, gid: u16, c: char) {
        let table = &mut self.by_face[face.index()];
        let i = usize::from(gid);
        if i >= table.len() {
            table.resize(i + 1, '\0');
        }
        if table[i] == '\0' {
            table[i] = c;
        }
    }

    /// Face → glyph id → character, for the faces used.
    pub fn glyphs(&self) -> BTreeMap<Face, BTreeMap<u16, char>> {
        Face::ALL
            .into_iter()
            .filter_map(|face| {
                let used: BTreeMap<u16, char> = self.by_face[face.index()]
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c != '\0')
                    .map(|(g, &c)| (g as u16, c))
                    .collect();
                (!used.is_empty()).then_some((face, used))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_latin_extended_and_vietnamese() {
        let fonts = Fonts::get();
        for face in Face::ALL {
            for c in "ñáéíóúü¿¡ŁőžĐđƯươẠạỆệỹ€".chars() {
                assert!(fonts.has(face, c), "{face:?} lacks {c}");
            }
        }
    }

    #[test]
    fn widths_scale_with_size_and_bold_is_wider() {
        let fonts = Fonts::get();
        let w11 = fonts.width(Face::Regular, "Unplug the gateway", 11.0);
        let w22 = fonts.width(Face::Regular, "Unplug the gateway", 22.0);
        assert!((w22 - 2.0 * w11).abs() < 0.01);
        assert!(fonts.width(Face::Bold, "Unplug the gateway", 11.0) > w11);
        assert!(w11 > 50.0 && w11 < 150.0, "{w11}");
    }

    #[test]
    fn subset_keeps_the_used_glyphs_only() {
        let fonts = Fonts::get();
        let full = fonts.subset_program(Face::Regular, &[]).unwrap();
        let mut gids: Vec<u16> = "Página"
            .chars()
            .map(|c| fonts.glyph(Face::Regular, c))
            .collect();
        gids.sort_unstable();
        gids.dedup();
        let program = fonts.subset_program(Face::Regular, &gids).unwrap();
        let sub = FontRef::new(&program).unwrap();
        assert!(glyph_of(&sub, 'á' as u32).is_some());
        assert!(glyph_of(&sub, 'z' as u32).is_none());
        assert!(program.len() > full.len(), "more glyphs, more bytes");
    }

    #[test]
    fn a_missing_character_prints_the_replacement_glyph() {
        let fonts = Fonts::get();
        let replacement = fonts.glyph(Face::Regular, REPLACEMENT);
        assert_ne!(replacement, 0);
        assert_eq!(fonts.glyph(Face::Regular, '📦'), replacement);
        assert_ne!(fonts.glyph(Face::Regular, 'a'), replacement);
    }
}
