//! The bundled fonts (Noto, SIL Open Font License; see
//! assets/fonts/OFL.txt): which font prints each character, metrics for
//! line breaking, shaping, and subsets for embedding.
//!
//! Shared by the checks (which characters print) and the PDF renderer. The
//! fonts are parsed once per process (they are part of the binary, never
//! guide data); each document embeds only the glyphs it uses, so a PDF
//! carries a few kilobytes of font, not 2.6 MB.
//!
//! Noto Sans prints Latin, Greek and Cyrillic; Noto Sans Arabic, Hebrew,
//! Devanagari and Thai print their scripts. Text in Noto Sans alone, with
//! no marks to place (nearly every Latin guide), is set from a table of
//! advances, one glyph per character; everything else goes through
//! [`shape`].

pub mod added;
pub mod cff;
pub mod encoding;
pub mod library;
pub mod shape;
pub mod standard;

pub use added::Shelf;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// The styles text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
    /// Italic (upright in scripts without an italic).
    Italic,
}

impl Style {
    /// Every style.
    pub const ALL: [Style; 3] = [Style::Regular, Style::Bold, Style::Italic];
}

/// What a piece of text is set in: a style, and the fonts the guide adds
/// to the bundled ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Face {
    /// Regular, bold or italic.
    pub style: Style,
    /// The guide's added fonts, tried after the bundled ones.
    pub shelf: Shelf,
}

#[cfg(test)]
impl Face {
    /// Regular text in the bundled fonts alone.
    pub const REGULAR: Face = Face::new(Style::Regular, Shelf::NONE);
    /// Bold text in the bundled fonts alone.
    pub const BOLD: Face = Face::new(Style::Bold, Shelf::NONE);
    /// Italic text in the bundled fonts alone.
    pub const ITALIC: Face = Face::new(Style::Italic, Shelf::NONE);
}

impl Face {
    /// `style` with the fonts of `shelf`.
    pub const fn new(style: Style, shelf: Shelf) -> Face {
        Face { style, shelf }
    }

    /// The same fonts in another style.
    pub fn with_style(self, style: Style) -> Face {
        Face { style, ..self }
    }

    /// Every style, with the fonts of `shelf`.
    pub fn all(shelf: Shelf) -> [Face; 3] {
        Style::ALL.map(|style| Face::new(style, shelf))
    }
}

/// The font families bundled, one per script they are chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Noto Sans: Latin, Greek, Cyrillic, digits and punctuation.
    Sans,
    /// Noto Sans Arabic.
    Arabic,
    /// Noto Sans Hebrew.
    Hebrew,
    /// Noto Sans Devanagari.
    Devanagari,
    /// Noto Sans Thai.
    Thai,
}

impl Family {
    /// The families, in the order a character's font is looked for.
    pub const ALL: [Family; 5] = [
        Family::Sans,
        Family::Arabic,
        Family::Hebrew,
        Family::Devanagari,
        Family::Thai,
    ];

    /// The family made for `script`, if one is bundled.
    pub fn for_script(script: unicode_script::Script) -> Option<Family> {
        use unicode_script::Script;
        match script {
            Script::Arabic => Some(Family::Arabic),
            Script::Hebrew => Some(Family::Hebrew),
            Script::Devanagari => Some(Family::Devanagari),
            Script::Thai => Some(Family::Thai),
            Script::Latin | Script::Greek | Script::Cyrillic => Some(Family::Sans),
            _ => None,
        }
    }
}

/// A font face: one of the bundled files (a family in a style), or a
/// face an author added (see [`added`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Font(u8);

/// How many fonts are bundled: added fonts are numbered after them.
const BUNDLED_COUNT: usize = 11;

/// A bundled font file and what it is.
struct Bundled {
    postscript_name: &'static str,
    bytes: &'static [u8],
}

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        [$(Bundled {
            postscript_name: $name,
            bytes: include_bytes!(concat!("../../assets/fonts/", $name, ".ttf")),
        }),*]
    };
}

/// The font files, in [`Font`] order: Noto Sans in [`Style`] order, then
/// each other family's regular and bold (none has an italic).
static BUNDLED: [Bundled; BUNDLED_COUNT] = bundled![
    "NotoSans-Regular",
    "NotoSans-Bold",
    "NotoSans-Italic",
    "NotoSansArabic-Regular",
    "NotoSansArabic-Bold",
    "NotoSansHebrew-Regular",
    "NotoSansHebrew-Bold",
    "NotoSansDevanagari-Regular",
    "NotoSansDevanagari-Bold",
    "NotoSansThai-Regular",
    "NotoSansThai-Bold",
];

/// The bytes of every bundled font file (for the SVG renderer's font
/// database).
pub fn files() -> impl Iterator<Item = &'static [u8]> {
    BUNDLED.iter().map(|b| b.bytes)
}

impl Font {
    /// The bundled font of `family` in `style`.
    pub fn of(family: Family, style: Style) -> Font {
        let bold = u8::from(style == Style::Bold);
        Font(match family {
            Family::Sans => style as u8,
            Family::Arabic => 3 + bold,
            Family::Hebrew => 5 + bold,
            Family::Devanagari => 7 + bold,
            Family::Thai => 9 + bold,
        })
    }

    /// Its number: bundled fonts first, then added ones.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// True for Noto Sans, whose common characters have table entries.
    fn is_sans(self) -> bool {
        self.0 < 3
    }

    /// The PostScript name embedded in the PDF.
    pub fn postscript_name(self) -> &'static str {
        match added::loaded(self) {
            Some(l) => &l.postscript_name,
            None => BUNDLED[self.index()].postscript_name,
        }
    }

    /// The font file, and the face's index in it (a collection holds
    /// several).
    pub fn file(self) -> (&'static [u8], u32) {
        match added::loaded(self) {
            Some(l) => (l.bytes, l.index),
            None => (BUNDLED[self.index()].bytes, 0),
        }
    }

    /// For a font with CFF outlines, each glyph's CID: the PDF draws its
    /// glyphs by CID, not glyph id. `None` for TrueType.
    pub fn cids(self) -> Option<&'static [u16]> {
        added::loaded(self).and_then(|l| l.cids.as_deref())
    }

    /// The code a page draws glyph `gid` with: its CID in a CFF font,
    /// else the glyph id.
    pub fn code_of(self, gid: u16) -> u16 {
        match self.cids() {
            Some(cids) => cids.get(usize::from(gid)).copied().unwrap_or(0),
            None => gid,
        }
    }
}

/// Printed for a character the fonts do not have, so the gap is visible.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Characters whose advance widths are kept in a table: Latin, Latin
/// Extended, IPA and Greek, almost every character a guide prints.
const TABLE_CHARS: usize = 0x0400;

/// Marks a character missing from the face in the width table.
const MISSING: u16 = u16::MAX;

/// A font's metrics for its PDF font descriptor, in font units.
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

/// The parsed fonts.
pub struct Fonts {
    /// The fonts, read in place from the bundled bytes (only the tables a
    /// lookup touches are read), in [`Font`] order.
    faces: Vec<FontRef<'static>>,
    /// Their character maps, found once.
    charmaps: Vec<skrifa::charmap::Charmap<'static>>,
    metrics: Vec<Metrics>,
    /// Per Noto Sans face, the advance width of each character below
    /// [`TABLE_CHARS`] (measuring text is the inner loop of layout).
    widths: Vec<Vec<u16>>,
    /// Per Noto Sans face, the glyph id of each character below
    /// [`TABLE_CHARS`] (0 if missing), for writing text.
    glyphs: Vec<Vec<u16>>,
    /// Per other bundled font, once it is first asked, the glyph id of
    /// each character of the Basic Multilingual Plane (0 if missing): text
    /// in Arabic, Hebrew or Devanagari looks every letter up several
    /// times (choosing its font, proving it printable, shaping it): with a
    /// character map search each time, an Arabic guide's build took 3 %
    /// more instructions.
    plane_glyphs: [OnceLock<Vec<u16>>; BUNDLED_COUNT],
    /// Per bundled font, once it is first asked, the advance width of
    /// each glyph: writing shaped text asks it for every glyph, and
    /// finding the `hmtx` table each time was a tenth of that.
    advances: [OnceLock<Vec<u16>>; BUNDLED_COUNT],
}

/// The glyph id of `c` in a font's character map, if it has one.
fn glyph_of(charmap: &skrifa::charmap::Charmap<'_>, c: u32) -> Option<u16> {
    let gid = charmap.map(c)?.to_u32();
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

/// Characters that need no glyph of their own: spaces, controls, and the
/// invisible format characters (joiners, bidi marks) the shaper consumes.
pub fn needs_no_glyph(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

impl Fonts {
    /// The fonts, parsed on first use.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let faces: Vec<FontRef<'static>> = BUNDLED
                .iter()
                .map(|b| {
                    // The fonts are part of the binary and known to parse.
                    FontRef::new(b.bytes).expect("bundled font parses")
                })
                .collect();
            let metrics = faces.iter().map(metrics_of).collect();
            let charmaps: Vec<_> = faces.iter().map(|f| f.charmap()).collect();
            let glyphs: Vec<Vec<u16>> = charmaps[..3]
                .iter()
                .map(|charmap| {
                    (0..TABLE_CHARS as u32)
                        .map(|c| glyph_of(charmap, c).unwrap_or(0))
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
                charmaps,
                faces,
                metrics,
                widths,
                glyphs,
                plane_glyphs: [const { OnceLock::new() }; BUNDLED_COUNT],
                advances: [const { OnceLock::new() }; BUNDLED_COUNT],
            }
        })
    }

    /// The parsed font.
    pub fn font_ref(&self, font: Font) -> &FontRef<'static> {
        match added::loaded(font) {
            Some(l) => &l.face,
            None => &self.faces[font.index()],
        }
    }

    /// The glyph id of `c` in `font`, if it has one.
    pub fn glyph_id(&self, font: Font, c: char) -> Option<u16> {
        if font.is_sans()
            && let Some(&g) = self.glyphs[font.index()].get(c as usize)
        {
            return (g != 0).then_some(g);
        }
        match added::loaded(font) {
            Some(l) => glyph_of(&l.charmap, c as u32),
            None if (c as u32) < 0x1_0000 => {
                let charmap = &self.charmaps[font.index()];
                let table = self.plane_glyphs[font.index()].get_or_init(|| {
                    let mut table = vec![0u16; 0x1_0000];
                    for (code, gid) in charmap.mappings() {
                        if let (Some(slot), Ok(gid)) =
                            (table.get_mut(code as usize), u16::try_from(gid.to_u32()))
                        {
                            *slot = gid;
                        }
                    }
                    table
                });
                let g = table[c as usize];
                (g != 0).then_some(g)
            }
            None => glyph_of(&self.charmaps[font.index()], c as u32),
        }
    }

    /// True if `font` has a glyph for `c`.
    pub fn covers(&self, font: Font, c: char) -> bool {
        self.glyph_id(font, c).is_some()
    }

    /// The advance width of `c` in Noto Sans `style`, in font units, from
    /// the table when it has the character.
    fn sans_advance(&self, style: Style, c: char) -> Option<u16> {
        match self.widths[style as usize].get(c as usize) {
            Some(&MISSING) => None,
            Some(&w) => Some(w),
            None => {
                let sans = Font::of(Family::Sans, style);
                self.glyph_id(sans, c).map(|g| self.glyph_width(sans, g))
            }
        }
    }

    /// The font's metrics for its font descriptor.
    pub fn metrics(&self, font: Font) -> &Metrics {
        match added::loaded(font) {
            Some(l) => &l.metrics,
            None => &self.metrics[font.index()],
        }
    }

    /// The glyph id that prints `c` in `font`: its own, else the
    /// replacement character's, else 0 (.notdef).
    pub fn glyph(&self, font: Font, c: char) -> u16 {
        self.glyph_id(font, c)
            .or_else(|| self.glyph_id(font, REPLACEMENT))
            .unwrap_or(0)
    }

    /// How many glyphs `font` has: codes from here on are aliases (see
    /// [`Usage`]).
    pub fn glyph_count(&self, font: Font) -> u16 {
        self.font_ref(font)
            .maxp()
            .map_or(u16::MAX, |m| m.num_glyphs())
    }

    /// The advance width of glyph `gid` of `font`, in font units.
    pub fn glyph_width(&self, font: Font, gid: u16) -> u16 {
        // Fonts a guide adds come after the bundled ones.
        let Some(slot) = self.advances.get(font.index()) else {
            return advance_of(self.font_ref(font), gid).unwrap_or(0);
        };
        let table = slot.get_or_init(|| {
            let Ok(hmtx) = self.faces[font.index()].hmtx() else {
                return Vec::new();
            };
            (0..self.glyph_count(font))
                .map(|g| {
                    hmtx.advance(skrifa::GlyphId::new(u32::from(g)))
                        .unwrap_or(0)
                })
                .collect()
        });
        table.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// True if some font of `face` prints `c`.
    pub fn has(&self, face: Face, c: char) -> bool {
        self.font_for(face, c, None).is_some()
    }

    /// The font that prints `c` in `face`: `current` when it has the
    /// character and `c` belongs to no script of its own (digits, spaces,
    /// punctuation, marks stay in the font of the text around them), else
    /// the bundled family made for `c`'s script, else the first bundled
    /// font that has it, else the first of the guide's added fonts.
    ///
    /// Bundled fonts come first, though the format lets an author's list
    /// lead: a guide's Latin text then sets the same with or without added
    /// fonts, and stays on the fast path that measures it from a table.
    pub fn font_for(&self, face: Face, c: char, current: Option<Font>) -> Option<Font> {
        use unicode_script::{Script, UnicodeScript};
        let script = c.script();
        if let Some(current) = current
            && matches!(script, Script::Common | Script::Inherited | Script::Unknown)
            && (needs_no_glyph(c) || self.covers(current, c))
        {
            return Some(current);
        }
        let style = face.style;
        if let Some(family) = Family::for_script(script) {
            let font = Font::of(family, style);
            if self.covers(font, c) {
                return Some(font);
            }
        }
        Family::ALL
            .into_iter()
            .map(|family| Font::of(family, style))
            .chain(face.shelf.fonts(style).iter().copied())
            .find(|&font| self.covers(font, c))
            .or_else(|| needs_no_glyph(c).then(|| Font::of(Family::Sans, style)))
    }

    /// `c`, or the replacement character if no font prints it.
    pub fn printable(&self, face: Face, c: char) -> char {
        if needs_no_glyph(c) || self.has(face, c) {
            c
        } else {
            REPLACEMENT
        }
    }

    /// `text` composed (NFC), with every character no font prints
    /// replaced.
    pub fn printable_text(&self, face: Face, text: &str) -> String {
        let text = composed(text);
        // Nearly always all of it prints: copied as it is.
        match text
            .chars()
            .position(|c| !needs_no_glyph(c) && !self.has(face, c))
        {
            None => text.into_owned(),
            Some(_) => text.chars().map(|c| self.printable(face, c)).collect(),
        }
    }

    /// True if `text` is set in Noto Sans `face` one glyph per character,
    /// with no shaping: every character is in the table and none is a
    /// mark or written right to left.
    pub fn is_plain(&self, face: Face, text: &str) -> bool {
        use unicode_bidi::BidiClass::{CS, EN, ES, ET, L, ON, WS};
        let table = &self.widths[face.style as usize];
        text.chars().all(|c| match c as u32 {
            // Below the combining marks, the table says.
            0..0x0300 => table[c as usize] != MISSING,
            0x0300..0x0370 => false,
            _ => {
                matches!(unicode_bidi::bidi_class(c), L | EN | ES | ET | CS | ON | WS)
                    && self.covers(Font::of(Family::Sans, face.style), c)
            }
        })
    }

    /// The advance width of `text` at `size` points, as it is set on one
    /// line in `face` (shaped when it needs shaping).
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        if self.is_plain(face, text) {
            let upem = self.metrics[face.style as usize].units_per_em.max(1);
            let units: u32 = text
                .chars()
                .map(|c| self.sans_advance(face.style, c).map_or(0, u32::from))
                .sum();
            return units as f32 * size / f32::from(upem);
        }
        shape::line(text, face, None).width(size)
    }

    /// A TrueType font program holding just `gids` (sorted, without 0),
    /// renumbered in that order after .notdef (composite glyphs' parts
    /// follow); `None` if it cannot be cut.
    pub fn subset_program(&self, font: Font, gids: &[u16]) -> Option<Vec<u8>> {
        let ids: Vec<u16> = std::iter::once(0).chain(gids.iter().copied()).collect();
        let (bytes, index) = font.file();
        let data = ReadScope::new(bytes).read::<FontData<'_>>().ok()?;
        let provider = data.table_provider(index as usize).ok()?;
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

/// The script of a piece of text: that of its first character with a
/// script of its own (digits, punctuation and marks have none).
pub fn script_of(text: &str) -> Option<unicode_script::Script> {
    use unicode_script::{Script, UnicodeScript};
    text.chars()
        .map(|c| c.script())
        .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
}

/// Can every style print `c`, with the bundled fonts and `shelf`'s?
/// Spaces and controls need no glyph.
pub fn prints(c: char, shelf: Shelf) -> bool {
    // Noto Sans prints all of printable ASCII in every style (a test holds
    // it to that): most of a guide's text needs no font looked up.
    if (' '..='~').contains(&c) {
        return true;
    }
    // The rest of a guide's text is a few dozen letters used over and
    // over: those found to print are remembered, a slot per low byte
    // (consecutive code points, an alphabet, take different slots).
    // Checking every character of an Arabic guide in all three styles was
    // 3 % of its build.
    use std::cell::RefCell;
    thread_local! {
        static PRINTS: RefCell<(Option<Shelf>, [char; 256])> =
            const { RefCell::new((None, ['\0'; 256])) };
    }
    let slot = c as usize & 0xff;
    if PRINTS.with_borrow(|(on, known)| *on == Some(shelf) && known[slot] == c) {
        return true;
    }
    let fonts = Fonts::get();
    let prints = needs_no_glyph(c) || Face::all(shelf).iter().all(|&face| fonts.has(face, c));
    if prints {
        PRINTS.with_borrow_mut(|(on, known)| {
            if *on != Some(shelf) {
                *on = Some(shelf);
                *known = ['\0'; 256];
            }
            known[slot] = c;
        });
    }
    prints
}

/// The first character of `text` no font of `shelf` or the bundled ones
/// prints, with its byte offset, and how many more there are.
pub fn first_unprintable(text: &str, shelf: Shelf) -> Option<(usize, char, usize)> {
    let mut found = text
        .char_indices()
        .filter(|&(_, c)| !crate::rich::is_hidden_control(c) && !prints(c, shelf));
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
    match c.script() {
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            "add a font that prints it: Noto Sans CJK (SIL OFL; `apt-get install fonts-noto-cjk`) copied into the guide folder and listed under [fonts] as files = [\"fonts/NotoSansCJK-Regular.ttc\", \"fonts/NotoSansCJK-Bold.ttc\"], or pass --font-path with the folder holding it".into()
        }
        Script::Common | Script::Inherited | Script::Unknown => "write it in words or leave it out, or add a font that prints it under [fonts] (or with --font-path); the bundled fonts print letters, digits and punctuation, not emoji or pictographs".into(),
        s => format!(
            "the bundled fonts print Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari and Thai, not {} script: add a font that does (a Noto Sans font for it, say) under [fonts] files, or pass --font-path with the folder holding it",
            s.full_name()
        ),
    }
}

/// The text a code stands for, when it is none: the mark drawn over a
/// letter whose cluster text the letter carries.
const NO_TEXT: char = '\u{FFFF}';

/// Stands for a glyph whose own code prints several characters, kept in
/// [`Usage`]'s `clusters`.
const CLUSTER: char = '\u{FFFE}';

/// The glyphs used per font, collected while drawing, and the code each
/// use is written with.
///
/// A code is the glyph's id in the full font, so page streams do not
/// depend on the subset, unless the glyph already stands for other text:
/// then it gets a code of its own past the font's last glyph (an alias,
/// drawn with the same glyph). One glyph can print different text: the
/// `)` glyph is `)` left to right and `(` right to left (mirrored), an
/// Arabic letter is itself alone and, carrying its marks, the letter and
/// its vowel signs; each use copies out as what it printed.
#[derive(Debug)]
pub struct Usage {
    /// Per font (in [`Font`] order), indexed by glyph id: the character
    /// its own code stands for, `'\0'` for a glyph not used, or
    /// [`NO_TEXT`], or [`CLUSTER`]. A table, not a map: recording is done for every
    /// character printed.
    by_font: Vec<Vec<char>>,
    /// Glyph codes that stand for more than one character.
    clusters: BTreeMap<(Font, u16), String>,
    /// Per font, the aliases: (glyph, text) → code.
    aliases: Vec<BTreeMap<(u16, String), u16>>,
}

impl Default for Usage {
    fn default() -> Usage {
        Usage {
            by_font: vec![Vec::new(); BUNDLED_COUNT],
            clusters: BTreeMap::new(),
            aliases: vec![BTreeMap::new(); BUNDLED_COUNT],
        }
    }
}

impl Usage {
    /// The code that draws glyph `gid` of `font` printing `c`.
    pub fn add(&mut self, font: Font, gid: u16, c: char) -> u16 {
        let slot = self.slot(font, gid);
        match *slot {
            '\0' => *slot = c,
            // A glyph carrying a cluster holds CLUSTER, never a `c`.
            t if t == c => {}
            _ => return self.alias(font, gid, &c.to_string()),
        }
        font.code_of(gid)
    }

    /// The code that draws glyph `gid` of `font` printing `text`: several
    /// characters, or none (a glyph whose characters another carries).
    pub fn add_text(&mut self, font: Font, gid: u16, text: &str) -> u16 {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (None, _) => self.add(font, gid, NO_TEXT),
            (Some(c), None) => self.add(font, gid, c),
            (Some(_), Some(_)) => {
                let slot = self.slot(font, gid);
                if *slot == '\0' {
                    *slot = CLUSTER;
                    self.clusters.insert((font, gid), text.to_string());
                    font.code_of(gid)
                } else if self.clusters.get(&(font, gid)).is_some_and(|t| t == text) {
                    font.code_of(gid)
                } else {
                    self.alias(font, gid, text)
                }
            }
        }
    }

    /// What glyph `gid` of `font` stands for so far, the table grown to
    /// hold it.
    fn slot(&mut self, font: Font, gid: u16) -> &mut char {
        if font.index() >= self.by_font.len() {
            self.by_font.resize(font.index() + 1, Vec::new());
            self.aliases.resize(font.index() + 1, BTreeMap::new());
        }
        let table = &mut self.by_font[font.index()];
        let i = usize::from(gid);
        if i >= table.len() {
            table.resize(i + 1, '\0');
        }
        &mut table[i]
    }

    /// A code of its own for `gid` printing `text`, past the font's
    /// glyphs. A CFF font's codes are its CIDs, and a CID names one
    /// glyph: there the glyph's first text stands.
    fn alias(&mut self, font: Font, gid: u16, text: &str) -> u16 {
        if font.cids().is_some() {
            return font.code_of(gid);
        }
        let aliases = &mut self.aliases[font.index()];
        if let Some(&code) = aliases.get(&(gid, text.to_string())) {
            return code;
        }
        let first = Fonts::get().glyph_count(font);
        let code = first.saturating_add(aliases.len() as u16);
        if code == u16::MAX {
            // No code is left: the glyph's first text stands.
            return gid;
        }
        aliases.insert((gid, text.to_string()), code);
        code
    }

    /// Font → code → (glyph, the text it prints, empty for none), for
    /// the fonts used.
    pub fn glyphs(&self) -> BTreeMap<Font, BTreeMap<u16, (u16, String)>> {
        (0..self.by_font.len() as u8)
            .map(Font)
            .filter_map(|font| {
                let mut used: BTreeMap<u16, (u16, String)> = self.by_font[font.index()]
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c != '\0')
                    .map(|(g, &c)| {
                        let g = g as u16;
                        let text = match self.clusters.get(&(font, g)) {
                            Some(text) => text.clone(),
                            None if c == NO_TEXT => String::new(),
                            None => c.to_string(),
                        };
                        (font.code_of(g), (g, text))
                    })
                    .collect();
                for ((gid, text), &code) in &self.aliases[font.index()] {
                    let text = if text.chars().eq([NO_TEXT]) {
                        String::new()
                    } else {
                        text.clone()
                    };
                    used.insert(code, (*gid, text));
                }
                (!used.is_empty()).then_some((font, used))
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
        for face in Face::all(Shelf::NONE) {
            for c in "ñáéíóúü¿¡ŁőžĐđƯươẠạỆệỹ€".chars().chain(' '..='~')
            {
                assert!(fonts.has(face, c), "{face:?} lacks {c}");
            }
        }
    }

    #[test]
    fn widths_scale_with_size_and_bold_is_wider() {
        let fonts = Fonts::get();
        let w11 = fonts.width(Face::REGULAR, "Unplug the gateway", 11.0);
        let w22 = fonts.width(Face::REGULAR, "Unplug the gateway", 22.0);
        assert!((w22 - 2.0 * w11).abs() < 0.01);
        assert!(fonts.width(Face::BOLD, "Unplug the gateway", 11.0) > w11);
        assert!(w11 > 50.0 && w11 < 150.0, "{w11}");
    }

    #[test]
    fn subset_keeps_the_used_glyphs_only() {
        let fonts = Fonts::get();
        let sans = Font::of(Family::Sans, Style::Regular);
        let full = fonts.subset_program(sans, &[]).unwrap();
        let mut gids: Vec<u16> = "Página".chars().map(|c| fonts.glyph(sans, c)).collect();
        gids.sort_unstable();
        gids.dedup();
        let program = fonts.subset_program(sans, &gids).unwrap();
        let sub = FontRef::new(&program).unwrap();
        assert!(glyph_of(&sub.charmap(), 'á' as u32).is_some());
        assert!(glyph_of(&sub.charmap(), 'z' as u32).is_none());
        assert!(program.len() > full.len(), "more glyphs, more bytes");
    }

    #[test]
    fn a_missing_character_prints_the_replacement_glyph() {
        let fonts = Fonts::get();
        let sans = Font::of(Family::Sans, Style::Regular);
        let replacement = fonts.glyph(sans, REPLACEMENT);
        assert_ne!(replacement, 0);
        assert_eq!(fonts.glyph(sans, '📦'), replacement);
        assert_ne!(fonts.glyph(sans, 'a'), replacement);
        assert_eq!(fonts.printable_text(Face::REGULAR, "a📦"), "a\u{FFFD}");
    }

    #[test]
    fn every_bundled_script_prints_in_every_face() {
        for c in "مرحباשלוםनमस्तेสวัสดี".chars() {
            assert!(prints(c, Shelf::NONE), "{c}");
        }
        assert!(!prints('王', Shelf::NONE));
        assert!(!prints('📦', Shelf::NONE));
    }
}
