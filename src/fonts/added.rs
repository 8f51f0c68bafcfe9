//! Fonts an author or operator adds (`[fonts] files`, `--font-path`) for
//! the scripts swapguide does not bundle: Chinese, Japanese, Korean, and
//! any other.
//!
//! A font file is read once per process and kept, like the bundled ones:
//! each face used gets a [`Font`] number after the bundled fonts', so the
//! layout, the shaper and the embedder treat it exactly as a bundled font.
//! Which added fonts a piece of text may use is its [`Shelf`]: the faces
//! one guide lists, in one language, chosen per style. Fonts are only
//! ever read from the paths given; system fonts are never looked at, so
//! the same inputs make the same PDF on every machine.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use skrifa::raw::{FileRef, TableProvider};
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};

use super::cff::{self, Outlines};
use super::{Font, Metrics, Style};

/// The most fonts a process can add (font numbers are one byte).
const MAX_ADDED: usize = 256 - super::BUNDLED_COUNT;

/// An added font face, read and parsed.
pub(super) struct Loaded {
    /// Its PostScript name (for the PDF's /BaseFont).
    pub postscript_name: String,
    /// The whole file (a collection holds several faces).
    pub bytes: &'static [u8],
    /// The face's index in a collection; 0 in a single-font file.
    pub index: u32,
    /// The face, parsed in place.
    pub face: FontRef<'static>,
    /// Its character map, found once (looking it up is most of a lookup).
    pub charmap: skrifa::charmap::Charmap<'static>,
    /// Metrics for the PDF font descriptor.
    pub metrics: Metrics,
    /// For CFF: each glyph's CID, which the PDF addresses it by.
    pub cids: Option<Vec<u16>>,
    /// The style the face is (from its weight and italic flag).
    pub style: Style,
}

/// The loaded faces, by [`Font`] number past the bundled ones; written
/// once each, read without a lock.
static LOADED: [OnceLock<&'static Loaded>; MAX_ADDED] = [const { OnceLock::new() }; MAX_ADDED];

/// Faces already loaded, by kept file and face index: the same file
/// named by two guides (or built twice) is parsed once.
static KNOWN: Mutex<Option<HashMap<FaceKey, Font>>> = Mutex::new(None);

/// A face: its kept file's address and length, and its index.
type FaceKey = (usize, usize, u32);

/// The loaded face behind `font`, if it is an added one.
pub(super) fn loaded(font: Font) -> Option<&'static Loaded> {
    let i = font.index().checked_sub(super::BUNDLED_COUNT)?;
    LOADED.get(i)?.get().copied()
}

/// What a file that is not a font is, after its name.
const NOT_A_FONT: &str = "is not an OpenType, TrueType or collection (.ttc) font file";

/// How many faces a font file holds (1 for a single font).
pub fn face_count(bytes: &[u8]) -> Result<u32, String> {
    match FileRef::new(bytes) {
        Ok(FileRef::Font(_)) => Ok(1),
        Ok(FileRef::Collection(c)) => Ok(c.len()),
        Err(_) => Err(NOT_A_FONT.into()),
    }
}

/// The names a face goes by (family, typographic family, PostScript), for
/// choosing a collection's face by language.
fn names(face: &FontRef<'_>) -> String {
    [
        StringId::FAMILY_NAME,
        StringId::TYPOGRAPHIC_FAMILY_NAME,
        StringId::POSTSCRIPT_NAME,
    ]
    .into_iter()
    .filter_map(|id| face.localized_strings(id).english_or_first())
    .map(|s| s.to_string())
    .collect::<Vec<_>>()
    .join(" ")
}

/// The face of a collection made for `language`. CJK collections (Noto
/// Sans CJK, Source Han) hold one face per region whose family name ends
/// in JP, KR, SC, TC or HK: the same character is drawn differently in
/// each, so the guide's language chooses. Otherwise the first face that
/// is not a monospaced one.
pub fn face_for_language(bytes: &[u8], count: u32, language: &str) -> u32 {
    let lower = language.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or("");
    let region = match primary {
        "ja" => Some("JP"),
        "ko" => Some("KR"),
        "zh" if lower.contains("-hk") || lower.contains("-mo") => Some("HK"),
        "zh" if lower.contains("hant") || lower.contains("-tw") => Some("TC"),
        "zh" => Some("SC"),
        _ => None,
    };
    let faces: Vec<(u32, String)> = (0..count)
        .filter_map(|i| FontRef::from_index(bytes, i).ok().map(|f| (i, names(&f))))
        .collect();
    let plain = |(_, n): &&(u32, String)| !n.contains("Mono");
    let by_region = region.and_then(|r| {
        faces.iter().filter(plain).find(|(_, n)| {
            n.split([' ', '-'])
                .any(|word| word.eq_ignore_ascii_case(r) || word.ends_with(r))
        })
    });
    by_region
        .or_else(|| faces.iter().find(plain))
        .map_or(0, |(i, _)| *i)
}

/// Maps a font file into memory for the rest of the process and returns
/// its bytes: the parsed faces borrow them, as they borrow the bundled
/// fonts. Mapped, not read: a CJK collection is 20 MB, of which a guide
/// touches the character map and a few hundred glyphs. The same file
/// opened again (another guide, another build in this process) is mapped
/// once. A file larger than `max` bytes is refused.
pub fn keep_file(file: std::fs::File, max: u64) -> Result<&'static [u8], String> {
    use std::os::unix::fs::MetadataExt;
    type FileKey = (u64, u64, u64, i64, i64);
    static MAPPED: Mutex<Vec<(FileKey, &'static [u8])>> = Mutex::new(Vec::new());
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot be read: {e}"))?;
    if meta.len() > max {
        return Err(format!(
            "is {} bytes; a font may be at most {max}",
            meta.len()
        ));
    }
    let key = (
        meta.dev(),
        meta.ino(),
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec(),
    );
    let mut mapped = MAPPED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, bytes)) = mapped.iter().find(|(k, _)| *k == key) {
        return Ok(bytes);
    }
    // SAFETY: the map is read only and lives to the end of the process.
    // A font file changed or cut short while a build runs would change
    // what is read from it: the same risk every program that maps its
    // fonts takes (fontdb, which Typst uses, maps them too).
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| format!("cannot be read: {e}"))?;
    let bytes: &'static [u8] = Box::leak(Box::new(map));
    mapped.push((key, bytes));
    Ok(bytes)
}

/// Keeps bytes for the rest of the process, as [`keep_file`] keeps a
/// mapped file: the same bytes are kept once.
#[cfg(test)]
pub fn keep(bytes: Vec<u8>) -> &'static [u8] {
    static KEPT: Mutex<Vec<(u64, &'static [u8])>> = Mutex::new(Vec::new());
    let print = crate::fingerprint::of(&bytes, 7);
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, b)) = kept.iter().find(|(p, b)| *p == print && **b == bytes[..]) {
        return b;
    }
    let b: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    kept.push((print, b));
    b
}

/// Loads face `index` of a kept font file, or finds it loaded. Fails
/// with what is wrong with it, as a phrase that follows the file's name.
pub fn load(bytes: &'static [u8], index: u32) -> Result<Font, String> {
    // Kept bytes are kept once (see `keep_file`): their address names them.
    let key = (bytes.as_ptr() as usize, bytes.len(), index);
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    let known = known.get_or_insert_with(HashMap::new);
    if let Some(&font) = known.get(&key) {
        return Ok(font);
    }
    let face = FontRef::from_index(bytes, index).map_err(|_| NOT_A_FONT.to_string())?;
    if face.cmap().is_err() || face.hmtx().is_err() {
        return Err("has no character map or no glyph widths, so no text can be set in it".into());
    }
    let outlines = cff::outlines(bytes, index);
    let cids = match outlines {
        Outlines::TrueType => None,
        Outlines::CidKeyedCff => Some(
            cff::cids(bytes, index).ok_or("has CFF outlines whose glyph list cannot be read")?,
        ),
        Outlines::NameKeyedCff => {
            return Err("has name-keyed CFF outlines, which swapguide cannot embed yet: use the font's TrueType (.ttf) version, or a CID-keyed one such as Noto Sans CJK".into());
        }
        Outlines::Other => {
            return Err("has outlines swapguide cannot embed (only TrueType and CID-keyed CFF): use the font's .ttf or .otf version".into());
        }
    };
    let slot = known.len();
    if slot >= MAX_ADDED {
        return Err(format!(
            "is one font too many: a build can use at most {MAX_ADDED} added fonts"
        ));
    }
    let postscript_name = face
        .localized_strings(StringId::POSTSCRIPT_NAME)
        .english_or_first()
        .map(|s| s.to_string())
        // A PDF name may not hold spaces or delimiters.
        .map(|s| {
            s.chars()
                .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("AddedFont{slot}"));
    let metrics = super::metrics_of(&face);
    let italic = face.os2().is_ok_and(|o| o.fs_selection().bits() & 1 != 0);
    let style = if metrics.weight_class >= 600 {
        Style::Bold
    } else if italic {
        Style::Italic
    } else {
        Style::Regular
    };
    let loaded: &'static Loaded = Box::leak(Box::new(Loaded {
        postscript_name,
        bytes,
        index,
        charmap: face.charmap(),
        face,
        metrics,
        cids,
        style,
    }));
    let font = Font((super::BUNDLED_COUNT + slot) as u8);
    let _ = LOADED[slot].set(loaded);
    known.insert(key, font);
    Ok(font)
}

/// The added fonts a guide's text may be set in, per style, in the order
/// they are tried (after the bundled fonts). Copied freely: it points at
/// a list kept for the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shelf(&'static [Vec<Font>; 3]);

static EMPTY: [Vec<Font>; 3] = [Vec::new(), Vec::new(), Vec::new()];

impl Default for Shelf {
    fn default() -> Shelf {
        Shelf::NONE
    }
}

impl Shelf {
    /// No added fonts: the bundled ones alone.
    pub const NONE: Shelf = Shelf(&EMPTY);

    /// The shelf holding `fonts`, in order. A style no font is made for
    /// falls back to the regular faces (CJK fonts have no italic; a
    /// guide may add only a regular face).
    pub fn of(fonts: &[Font]) -> Shelf {
        if fonts.is_empty() {
            return Shelf::NONE;
        }
        let style_of = |f: &Font| loaded(*f).map_or(Style::Regular, |l| l.style);
        let mut lists: [Vec<Font>; 3] = Default::default();
        for style in Style::ALL {
            let list = &mut lists[style as usize];
            list.extend(fonts.iter().filter(|f| style_of(f) == style));
            if style != Style::Regular {
                list.extend(fonts.iter().filter(|f| style_of(f) == Style::Regular));
            }
            if list.is_empty() {
                // Only bold or italic faces were given: they serve every style.
                list.extend(fonts.iter().copied());
            }
        }
        // Kept once per different list: a campaign asks for the same one
        // for every row.
        static SHELVES: Mutex<Vec<&'static [Vec<Font>; 3]>> = Mutex::new(Vec::new());
        let mut shelves = SHELVES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&kept) = shelves.iter().find(|s| ***s == lists) {
            return Shelf(kept);
        }
        let kept: &'static [Vec<Font>; 3] = Box::leak(Box::new(lists));
        shelves.push(kept);
        Shelf(kept)
    }

    /// The added fonts tried for text in `style`, in order.
    pub fn fonts(self, style: Style) -> &'static [Font] {
        &self.0[style as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Debian's Noto Sans CJK collection, kept, when installed.
    fn noto_cjk() -> Option<&'static [u8]> {
        super::super::cff::noto_cjk().map(keep)
    }

    #[test]
    fn a_collection_gives_each_language_its_own_face() {
        let Some(bytes) = noto_cjk() else { return };
        let count = face_count(bytes).unwrap();
        assert_eq!(count, 10);
        let name = |language: &str| {
            let font = load(bytes, face_for_language(bytes, count, language)).unwrap();
            font.postscript_name()
        };
        assert_eq!(name("ja"), "NotoSansCJKjp-Regular");
        assert_eq!(name("ko-KR"), "NotoSansCJKkr-Regular");
        assert_eq!(name("zh"), "NotoSansCJKsc-Regular");
        assert_eq!(name("zh-Hans-CN"), "NotoSansCJKsc-Regular");
        assert_eq!(name("zh-Hant"), "NotoSansCJKtc-Regular");
        assert_eq!(name("zh-TW"), "NotoSansCJKtc-Regular");
        assert_eq!(name("zh-HK"), "NotoSansCJKhk-Regular");
        // Another language takes the first face that is not monospaced.
        assert_eq!(name("en"), "NotoSansCJKjp-Regular");
        // Loaded twice, the same font.
        let ja = face_for_language(bytes, count, "ja");
        assert_eq!(load(bytes, ja), load(keep(bytes.to_vec()), ja));
    }

    #[test]
    fn a_shelf_lends_its_regular_faces_to_the_other_styles() {
        let Some(bytes) = noto_cjk() else { return };
        let font = load(bytes, 2).unwrap();
        let shelf = Shelf::of(&[font]);
        for style in Style::ALL {
            assert_eq!(shelf.fonts(style), [font]);
        }
        assert_eq!(shelf, Shelf::of(&[font]), "kept once");
        assert!(Shelf::NONE.fonts(Style::Regular).is_empty() && shelf != Shelf::NONE);
        // The CFF face's glyphs are drawn by CID.
        assert!(font.cids().is_some());
        let fonts = super::super::Fonts::get();
        let face = super::super::Face::new(Style::Bold, shelf);
        assert_eq!(fonts.font_for(face, '王', None), Some(font));
        assert!(super::super::prints('王', shelf));
        assert!(!super::super::prints('王', Shelf::NONE));
    }

    #[test]
    fn what_is_not_a_font_is_refused_with_a_reason() {
        let not_a_font = keep(b"name,phone\nAda,555\n".to_vec());
        assert!(
            face_count(not_a_font)
                .unwrap_err()
                .contains("not an OpenType")
        );
        assert!(load(not_a_font, 0).unwrap_err().contains("not an OpenType"));
    }
}
