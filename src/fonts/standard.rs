//! Stand-ins for the standard fonts a carrier label names without
//! embedding them (Helvetica, Times and Courier, and their look-alikes
//! Arial, Times New Roman and Courier New): Swapguide Label Sans, Serif
//! and Mono, cut from Liberation (SIL Open Font License; see
//! assets/fonts/OFL-SwapguideLabel.txt). Their advance widths are those
//! of the fonts they stand in for, so a label's text keeps its place.
//!
//! An archival PDF (PDF/A) and an accessible one (PDF/UA) must carry every
//! font they draw with; a label names Helvetica and leaves it to the
//! viewer, so the guide embeds a stand-in in its place.

use std::sync::OnceLock;

use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};

/// One stand-in face: a family (sans, serif, mono) in a style (regular,
/// bold, italic, bold italic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StandIn(u8);

macro_rules! faces {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_bytes!(concat!("../../assets/fonts/", $name, ".ttf")) as &[u8])),*]
    };
}

/// The files, in [`StandIn`] order: per family, regular, bold, italic,
/// bold italic.
static FILES: [(&str, &[u8]); 12] = faces![
    "SwapguideLabelSans-Regular",
    "SwapguideLabelSans-Bold",
    "SwapguideLabelSans-Italic",
    "SwapguideLabelSans-BoldItalic",
    "SwapguideLabelSerif-Regular",
    "SwapguideLabelSerif-Bold",
    "SwapguideLabelSerif-Italic",
    "SwapguideLabelSerif-BoldItalic",
    "SwapguideLabelMono-Regular",
    "SwapguideLabelMono-Bold",
    "SwapguideLabelMono-Italic",
    "SwapguideLabelMono-BoldItalic",
];

/// The families a font name may begin with, longest first, and the
/// stand-in family (0 sans, 1 serif, 2 mono) each gets.
const FAMILIES: [(&str, u8); 7] = [
    ("timesnewroman", 1),
    ("couriernew", 2),
    ("helvetica", 0),
    ("timesroman", 1),
    ("courier", 2),
    ("arial", 0),
    ("times", 1),
];

/// What may follow the family in a font name: styles, and the suffixes
/// PostScript names carry. Anything else (Narrow, Black, Light, Unicode)
/// is another design, with other widths.
const STYLE_WORDS: [&str; 8] = [
    "bold", "italic", "oblique", "regular", "roman", "normal", "mt", "ps",
];

impl StandIn {
    /// Every stand-in.
    pub fn all() -> impl Iterator<Item = StandIn> {
        (0..FILES.len() as u8).map(StandIn)
    }

    /// The stand-in for the font a label names `base_font` (its
    /// `/BaseFont`, perhaps with a subset tag), if it has one.
    pub fn for_font(base_font: &[u8]) -> Option<StandIn> {
        let name = match base_font.get(6) {
            Some(b'+') if base_font[..6].iter().all(u8::is_ascii_uppercase) => &base_font[7..],
            _ => base_font,
        };
        let flat: String = name
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        let (family, mut rest) = FAMILIES
            .iter()
            .find_map(|(f, family)| flat.strip_prefix(f).map(|rest| (*family, rest)))?;
        let (mut bold, mut italic) = (false, false);
        while !rest.is_empty() {
            let word = STYLE_WORDS.iter().find(|w| rest.starts_with(**w))?;
            bold |= *word == "bold";
            italic |= matches!(*word, "italic" | "oblique");
            rest = &rest[word.len()..];
        }
        Some(StandIn(family * 4 + u8::from(bold) + 2 * u8::from(italic)))
    }

    fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Its PostScript name, written as the font's `/BaseFont`.
    pub fn postscript_name(self) -> &'static str {
        FILES[self.index()].0
    }

    /// The font file (TrueType).
    pub fn bytes(self) -> &'static [u8] {
        FILES[self.index()].1
    }

    /// True for the serif family.
    pub fn is_serif(self) -> bool {
        self.0 / 4 == 1
    }

    /// True for the monospaced family.
    pub fn is_fixed_pitch(self) -> bool {
        self.0 / 4 == 2
    }

    /// True for the italic styles.
    pub fn is_italic(self) -> bool {
        self.0 & 2 != 0
    }

    fn font(self) -> &'static FontRef<'static> {
        static PARSED: OnceLock<Vec<FontRef<'static>>> = OnceLock::new();
        let all = PARSED.get_or_init(|| {
            FILES
                .iter()
                // The fonts are part of the binary and known to parse.
                .map(|(_, bytes)| FontRef::new(bytes).expect("stand-in font parses"))
                .collect()
        });
        &all[self.index()]
    }

    fn glyph(self, c: char) -> Option<GlyphId> {
        self.font().charmap().map(c).filter(|g| g.to_u32() != 0)
    }

    /// True if it prints `c`.
    pub fn prints(self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The advance width of `c` in thousandths of an em, as a PDF font's
    /// `/Widths` gives it.
    pub fn width(self, c: char) -> Option<f32> {
        let font = self.font();
        let advance = font.hmtx().ok()?.advance(self.glyph(c)?)?;
        Some(f32::from(advance) * 1000.0 / f32::from(self.units_per_em()))
    }

    fn units_per_em(self) -> u16 {
        self.font().head().map_or(1000, |h| h.units_per_em()).max(1)
    }

    /// What the font descriptor says of it, in thousandths of an em.
    pub fn metrics(self) -> Metrics {
        let font = self.font();
        let scale = 1000.0 / f32::from(self.units_per_em());
        let s = |v: i16| (f32::from(v) * scale).round();
        // The heights of the letters the standard fonts' metrics are
        // measured on (as their AFM files do): d, p, H and x.
        let glyphs = font.glyph_metrics(
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let top = |c: char| {
            self.glyph(c)
                .and_then(|g| glyphs.bounds(g))
                .map_or(0.0, |b| (b.y_max * scale).round())
        };
        let bottom = |c: char| {
            self.glyph(c)
                .and_then(|g| glyphs.bounds(g))
                .map_or(0.0, |b| (b.y_min * scale).round())
        };
        let head = font.head().ok();
        Metrics {
            bbox: head.as_ref().map_or([0.0; 4], |h| {
                [s(h.x_min()), s(h.y_min()), s(h.x_max()), s(h.y_max())]
            }),
            ascent: top('d'),
            descent: bottom('p'),
            cap_height: top('H'),
            x_height: top('x'),
            italic_angle: font.post().map_or(0.0, |p| p.italic_angle().to_f32()),
            weight: font.os2().map_or(400, |o| o.us_weight_class()),
        }
    }
}

/// A stand-in's metrics for its font descriptor, in thousandths of an em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// The bounding box of every glyph: x min, y min, x max, y max.
    pub bbox: [f32; 4],
    /// The top of `d`.
    pub ascent: f32,
    /// The bottom of `p`, negative.
    pub descent: f32,
    /// The top of `H`.
    pub cap_height: f32,
    /// The top of `x`.
    pub x_height: f32,
    /// The slant, in degrees counter-clockwise from upright.
    pub italic_angle: f32,
    /// The weight class, 100–900.
    pub weight: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_font_names_get_their_stand_in() {
        let name = |n: &str| StandIn::for_font(n.as_bytes()).map(StandIn::postscript_name);
        for (font, stand_in) in [
            ("Helvetica", "SwapguideLabelSans-Regular"),
            ("Helvetica-BoldOblique", "SwapguideLabelSans-BoldItalic"),
            ("ABCDEF+ArialMT", "SwapguideLabelSans-Regular"),
            ("Arial,Bold", "SwapguideLabelSans-Bold"),
            ("Arial-ItalicMT", "SwapguideLabelSans-Italic"),
            ("Times-Roman", "SwapguideLabelSerif-Regular"),
            ("Times-BoldItalic", "SwapguideLabelSerif-BoldItalic"),
            ("TimesNewRomanPS-BoldMT", "SwapguideLabelSerif-Bold"),
            ("Times New Roman", "SwapguideLabelSerif-Regular"),
            ("Courier", "SwapguideLabelMono-Regular"),
            ("CourierNewPSMT", "SwapguideLabelMono-Regular"),
            ("Courier-Oblique", "SwapguideLabelMono-Italic"),
        ] {
            assert_eq!(name(font), Some(stand_in), "{font}");
        }
        for other in [
            "Symbol",
            "ZapfDingbats",
            "Helvetica-Narrow",
            "Arial Black",
            "ArialUnicodeMS",
            "HelveticaNeue",
            "Calibri",
            "Times-Light",
        ] {
            assert_eq!(name(other), None, "{other}");
        }
    }

    /// The stand-ins print every character a name here stands for, with
    /// the widths of the fonts they replace (Helvetica's, from its AFM).
    #[test]
    fn stand_ins_print_the_named_characters_at_the_standard_widths() {
        for s in StandIn::all() {
            for c in super::super::encoding::characters() {
                assert!(
                    s.prints(c),
                    "{} lacks U+{:04X}",
                    s.postscript_name(),
                    c as u32
                );
            }
        }
        let sans = StandIn::for_font(b"Helvetica").unwrap();
        let bold = StandIn::for_font(b"Helvetica-Bold").unwrap();
        let mono = StandIn::for_font(b"Courier").unwrap();
        let times = StandIn::for_font(b"Times-Roman").unwrap();
        let w = |s: StandIn, c| s.width(c).unwrap().round();
        assert_eq!(
            [w(sans, 'a'), w(sans, 'W'), w(sans, ' ')],
            [556.0, 944.0, 278.0]
        );
        assert_eq!([w(bold, 'a'), w(bold, 'W')], [556.0, 944.0]);
        assert_eq!([w(mono, 'i'), w(mono, 'W')], [600.0, 600.0]);
        assert_eq!([w(times, 'a'), w(times, 'W')], [444.0, 944.0]);
        let m = sans.metrics();
        // Measured on the stand-in's own letters, as its descriptor says.
        assert_eq!(
            [m.ascent, m.descent, m.cap_height, m.x_height],
            [725.0, -208.0, 688.0, 528.0]
        );
        assert!(times.is_serif() && mono.is_fixed_pitch() && !sans.is_italic());
    }
}
