//! The bundled fonts, embedded: per face, a Type 0 font whose codes are
//! the full font's glyph ids (what [`super::content`] writes), over a
//! subset font program of just the glyphs used, mapped by a CIDToGIDMap,
//! with widths and a ToUnicode map so text copies and searches.
//!
//! Keying codes by the full font's ids keeps page streams independent of
//! the subset; the finished font objects are kept per face and glyph set,
//! so the PDFs of a campaign, which mostly use the same glyphs, cut and
//! compress each font once.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use super::finish::deflate;

/// Fonts are cut once per campaign: worth zlib's default effort.
const LEVEL: u32 = 6;
use crate::fonts::{Font, Fonts};
use crate::memo::Memo;

/// A face's embedded objects, ready to add to a document.
pub struct Embedding {
    /// Deflated subset font program, and its length before deflating.
    program: (Vec<u8>, usize),
    /// Deflated ToUnicode CMap.
    to_unicode: Vec<u8>,
    /// Deflated CIDToGIDMap: full-font glyph id → subset glyph id; `None`
    /// for a CFF program, whose glyphs are found by their CIDs.
    cid_to_gid: Option<Vec<u8>>,
    /// The /W array.
    widths: Vec<Object>,
}

/// One font, cut and compressed, ready to add to a document.
pub struct Fonted {
    font: Font,
    embedding: Arc<Embedding>,
}

/// The fonts cut for one build, by font and glyph set: the PDFs of a
/// campaign mostly use the same glyphs. Bounded: a campaign whose every
/// row adds new letters cannot grow it.
pub struct Cuts(Memo<CutKey, Arc<Embedding>>);

/// What each code of a font draws and prints: code → (glyph, text). See
/// [`crate::fonts::Usage`].
pub type Used = BTreeMap<u16, (u16, String)>;

/// A font and the codes cut from it, each with its glyph and text.
type CutKey = (Font, Vec<(u16, u16, String)>);

impl Default for Cuts {
    fn default() -> Cuts {
        Cuts(Memo::new(64))
    }
}

/// Cuts and compresses each font `glyphs` uses, the fonts in parallel.
pub fn prepare(cuts: &Cuts, glyphs: &BTreeMap<Font, Used>) -> Vec<Fonted> {
    use rayon::prelude::*;
    let fonts: Vec<(&Font, &Used)> = glyphs.iter().collect();
    fonts
        .into_par_iter()
        .map(|(&font, used)| Fonted {
            font,
            embedding: cuts.0.get_or(
                (
                    font,
                    used.iter()
                        .map(|(&code, (g, t))| (code, *g, t.clone()))
                        .collect(),
                ),
                || Arc::new(cut(font, used)),
            ),
        })
        .collect()
}

/// Adds the prepared fonts to `doc` and returns the font resource
/// dictionary (`/F1 …`) for the pages.
pub fn add_fonts(doc: &mut Document, fonts: &[Fonted]) -> Dictionary {
    let mut resources = Dictionary::new();
    for f in fonts {
        let id = add_font(doc, f.font, &f.embedding);
        resources.set(super::content::font_name(f.font), id);
    }
    resources
}

fn cut(font: Font, used: &Used) -> Embedding {
    let fonts = Fonts::get();
    let mut gids: Vec<u16> = used.values().map(|(g, _)| *g).filter(|&g| g != 0).collect();
    gids.sort_unstable();
    gids.dedup();
    if font.cids().is_some() {
        // CID-keyed CFF: the bare CFF table of a subset that keeps each
        // glyph's CID, which the pages' codes already are; should cutting
        // fail, the whole table goes in.
        let (bytes, index) = font.file();
        let program = crate::fonts::cff::subset_cff(bytes, index, &gids)
            .or_else(|| {
                use skrifa::raw::TableProvider;
                let table = fonts
                    .font_ref(font)
                    .data_for_tag(skrifa::raw::types::Tag::new(b"CFF "))?;
                Some(table.as_bytes().to_vec())
            })
            .unwrap_or_default();
        return Embedding {
            program: (deflate(&program, LEVEL), program.len()),
            to_unicode: deflate(to_unicode(used).as_bytes(), LEVEL),
            cid_to_gid: None,
            widths: widths(font, used),
        };
    }
    // The subset numbers glyphs in order after .notdef; should cutting
    // fail, the whole font goes in with the identity map.
    let (program, map): (Vec<u8>, Box<dyn Fn(u16) -> u16>) = match fonts.subset_program(font, &gids)
    {
        Some(p) => {
            let new_ids: HashMap<u16, u16> = gids
                .iter()
                .enumerate()
                .map(|(i, &g)| (g, i as u16 + 1))
                .collect();
            (p, Box::new(move |g| new_ids.get(&g).copied().unwrap_or(0)))
        }
        None => (font.file().0.to_vec(), Box::new(|g| g)),
    };
    // Codes are the full font's glyph ids, and aliases past them.
    let max = used.keys().last().copied().unwrap_or(0);
    let mut cid_to_gid = Vec::with_capacity(2 * (usize::from(max) + 1));
    for code in 0..=max {
        let subset_id = used.get(&code).map_or(0, |(g, _)| map(*g));
        cid_to_gid.extend(subset_id.to_be_bytes());
    }

    Embedding {
        program: (deflate(&program, LEVEL), program.len()),
        to_unicode: deflate(to_unicode(used).as_bytes(), LEVEL),
        cid_to_gid: Some(deflate(&cid_to_gid, LEVEL)),
        widths: widths(font, used),
    }
}

/// The /W array: each code's glyph width, in runs of consecutive codes.
fn widths(font: Font, used: &Used) -> Vec<Object> {
    let fonts = Fonts::get();
    let upem = f32::from(fonts.metrics(font).units_per_em.max(1));
    let mut widths = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut run_start = None;
    let mut last = None;
    for (&g, (glyph, _)) in used.iter().filter(|(c, _)| **c != 0) {
        let w = f32::from(fonts.glyph_width(font, *glyph)) * 1000.0 / upem;
        let w = if w.fract() == 0.0 {
            Object::Integer(w as i64)
        } else {
            Object::Real(w)
        };
        if last.is_some_and(|l: u16| l + 1 == g) {
            run.push(w);
        } else {
            if let Some(start) = run_start {
                widths.push(Object::Integer(i64::from(start)));
                widths.push(Object::Array(std::mem::take(&mut run)));
            }
            run_start = Some(g);
            run.push(w);
        }
        last = Some(g);
    }
    if let Some(start) = run_start {
        widths.push(Object::Integer(i64::from(start)));
        widths.push(Object::Array(run));
    }
    widths
}

/// The ToUnicode CMap: each glyph id → the text it prints. Glyphs that
/// print none of their own (see [`crate::fonts::Usage::add_text`]) are
/// left out.
fn to_unicode(used: &Used) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(u16, &str)> = used
        .iter()
        .filter(|(code, (_, t))| **code != 0 && !t.is_empty())
        .map(|(&code, (_, t))| (code, t.as_str()))
        .collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for &(g, text) in chunk {
            let _ = write!(s, "<{g:04X}> <");
            for u in text.encode_utf16() {
                let _ = write!(s, "{u:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

fn packed(dict: Dictionary, content: &[u8]) -> Object {
    let mut dict = dict;
    dict.set("Filter", "FlateDecode");
    Object::Stream(Stream::new(dict, content.to_vec()).with_compression(false))
}

fn add_font(doc: &mut Document, font: Font, e: &Embedding) -> lopdf::ObjectId {
    let m = Fonts::get().metrics(font);
    let scale = 1000.0 / f32::from(m.units_per_em.max(1));
    let s = |v: f32| Object::Integer((v * scale).round() as i64);
    // The subset tag (ISO 32000-1, 9.6.4) marks a font cut to the glyphs
    // used; the same on /BaseFont at both levels and the descriptor.
    let tag = format!("SWGAA{}", char::from(b'A' + font.index() as u8));
    let name = Object::Name(format!("{tag}+{}", font.postscript_name()).into_bytes());
    let (rise, run) = m.caret_slope;
    let italic_angle = if rise == 0 {
        0.0
    } else {
        -f32::from(run).atan2(f32::from(rise)).to_degrees()
    };
    // Nonsymbolic, and italic when slanted (Table 123).
    let flags = 32 | if italic_angle.abs() > 0.5 { 64 } else { 0 };
    // No table gives the stem width: estimated from the weight class, as
    // PDF producers conventionally do.
    let stem_v = 50 + (f32::from(m.weight_class.max(100)) / 65.0).powi(2).round() as i64;
    // TrueType goes in as FontFile2; CFF as the bare table (FontFile3,
    // CIDFontType0C), the form that addresses its glyphs by CID.
    let (file_key, program) = match e.cid_to_gid {
        Some(_) => (
            "FontFile2",
            doc.add_object(packed(
                Dictionary::from_iter([("Length1", Object::Integer(e.program.1 as i64))]),
                &e.program.0,
            )),
        ),
        None => (
            "FontFile3",
            doc.add_object(packed(
                Dictionary::from_iter([("Subtype", Object::Name(b"CIDFontType0C".to_vec()))]),
                &e.program.0,
            )),
        ),
    };
    let descriptor = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", name.clone()),
        ("Flags", Object::Integer(flags)),
        (
            "FontBBox",
            Object::Array(vec![
                s(f32::from(m.bbox[0])),
                s(f32::from(m.bbox[1])),
                s(f32::from(m.bbox[2])),
                s(f32::from(m.bbox[3])),
            ]),
        ),
        ("ItalicAngle", Object::Integer(italic_angle.round() as i64)),
        ("Ascent", s(f32::from(m.ascent))),
        ("Descent", s(f32::from(m.descent))),
        // Only ascent and descent are parsed; the ascent stands in, as
        // printpdf wrote it before.
        ("CapHeight", s(f32::from(m.ascent))),
        ("StemV", Object::Integer(stem_v)),
        (file_key, Object::Reference(program)),
    ]));
    let mut cid_font = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        (
            "Subtype",
            Object::Name(match e.cid_to_gid {
                Some(_) => b"CIDFontType2".to_vec(),
                None => b"CIDFontType0".to_vec(),
            }),
        ),
        ("BaseFont", name.clone()),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter([
                (
                    "Registry",
                    Object::String(b"Adobe".to_vec(), StringFormat::Literal),
                ),
                (
                    "Ordering",
                    Object::String(b"Identity".to_vec(), StringFormat::Literal),
                ),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("W", Object::Array(e.widths.clone())),
    ]);
    if let Some(map) = &e.cid_to_gid {
        cid_font.set(
            "CIDToGIDMap",
            doc.add_object(packed(Dictionary::new(), map)),
        );
    }
    let to_unicode = doc.add_object(packed(Dictionary::new(), &e.to_unicode));
    doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", name),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Family;

    #[test]
    fn widths_run_over_consecutive_glyphs_and_to_unicode_maps_each() {
        let used: Used = [(36, "A"), (37, "B"), (40, "E"), (41, "")]
            .into_iter()
            .map(|(g, t)| (g, (g, t.to_string())))
            .collect();
        let e = cut(Font::of(Family::Sans, crate::fonts::Style::Regular), &used);
        assert_eq!(e.widths.len(), 4, "{:?}", e.widths);
        // 41 is drawn (its width is there) but prints no text of its own.
        assert_eq!(e.widths[0], Object::Integer(36));
        assert_eq!(e.widths[2], Object::Integer(40));
        let cmap = to_unicode(&used);
        assert!(cmap.contains("3 beginbfchar\n<0024> <0041>\n<0025> <0042>\n<0028> <0045>\n"));
        let astral: Used = [(5, "𝄞"), (9, "क्ष")]
            .into_iter()
            .map(|(g, t)| (g, (g, t.to_string())))
            .collect();
        let cmap = to_unicode(&astral);
        assert!(cmap.contains("<0005> <D834DD1E>"));
        assert!(cmap.contains("<0009> <0915094D0937>"), "{cmap}");
    }

    #[test]
    fn an_alias_draws_its_glyph_and_prints_its_own_text() {
        // Glyph 11 is ")" (code 11) and, right to left, "(" (alias 5000).
        let used: Used = [(11, (11, ")")), (5000, (11, "("))]
            .into_iter()
            .map(|(c, (g, t))| (c, (g, t.to_string())))
            .collect();
        let e = cut(Font::of(Family::Sans, crate::fonts::Style::Regular), &used);
        let map = inflate(e.cid_to_gid.as_deref().unwrap());
        let subset_of = |code: usize| u16::from_be_bytes([map[2 * code], map[2 * code + 1]]);
        assert_eq!(subset_of(11), 1);
        assert_eq!(subset_of(5000), 1);
        assert_eq!(subset_of(12), 0);
        let cmap = to_unicode(&used);
        assert!(cmap.contains("<000B> <0029>\n<1388> <0028>"), "{cmap}");
    }

    fn inflate(data: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }
}
