//! OpenType fonts with CFF outlines (the Noto Sans CJK collections): what
//! a face's outlines are, each glyph's CID, and a subset of its `CFF `
//! table for a PDF's `/FontFile3 /Subtype /CIDFontType0C`.
//!
//! A CID-keyed subset keeps the source font's CIDs in its charset, so a
//! `CIDFontType0` font with Identity-H shows glyphs by the *full* font's
//! CIDs: the codes a page was laid out with stay valid whichever glyphs the
//! document happens to use. Poppler renders exactly this (raw `CFF ` table,
//! source CIDs as codes), and not an OpenType wrapper addressed by CID.
//!
//! Name-keyed CFF is not supported: allsorts turns a name-keyed subset of
//! more than 255 glyphs into a CID font with new CIDs the source does not
//! have, so codes keyed by the full font would miss.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::binary::write::{WriteBinary, WriteBuffer};
use allsorts::cff::CFF;
use skrifa::raw::FontRead;
use skrifa::raw::ps::cff::CffFontRef;
use skrifa::raw::ps::cff::dict::{self, Entry};
use skrifa::raw::tables::cff::Cff;
use skrifa::{FontRef, Tag};

/// What a face's glyphs are drawn with, which decides how a PDF embeds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlines {
    /// `glyf` outlines: `FontFile2` under a `CIDFontType2`, as today.
    TrueType,
    /// A CID-keyed `CFF ` table (its Top DICT starts with ROS): the raw
    /// table as `CIDFontType0C` under a `CIDFontType0`, shown by CID.
    CidKeyedCff,
    /// A name-keyed `CFF ` table: not embeddable here, since a subset of it
    /// would be renumbered to CIDs the full font does not have.
    NameKeyedCff,
    /// CFF2, bitmaps only, several fonts in one `CFF `, or unreadable.
    Other,
}

/// What the glyphs of face `index` of `bytes` (a font or a collection) are.
///
/// `CFF ` is looked at before `glyf`, as allsorts' subsetter does.
pub fn outlines(bytes: &[u8], index: u32) -> Outlines {
    let Ok(font) = FontRef::from_index(bytes, index) else {
        return Outlines::Other;
    };
    if let Some(cff) = font.table_data(Tag::new(b"CFF ")) {
        return match cid_keyed(cff.as_bytes()) {
            Some(true) => Outlines::CidKeyedCff,
            Some(false) => Outlines::NameKeyedCff,
            None => Outlines::Other,
        };
    }
    if font.table_data(Tag::new(b"glyf")).is_some() {
        Outlines::TrueType
    } else {
        Outlines::Other
    }
}

/// Whether a `CFF ` table holding one font is CID-keyed: its Top DICT
/// begins with ROS (the test allsorts makes before keeping the charset's
/// CIDs in a subset) and it has the FDArray a CID font needs. `None` if the
/// table is unreadable or holds other than one font.
fn cid_keyed(cff: &[u8]) -> Option<bool> {
    let table = Cff::read(cff.into()).ok()?;
    if table.names().count() != 1 {
        return None;
    }
    let top = table.top_dicts().get(0).ok()?;
    let ros_first = matches!(dict::entries(top, None).next(), Some(Ok(Entry::Ros { .. })));
    let font = CffFontRef::new_cff(cff, 0, None).ok()?;
    Some(ros_first && font.is_cid())
}

/// The `CFF ` table of face `index`, if it is CID-keyed.
fn cid_cff(bytes: &[u8], index: u32) -> Option<&[u8]> {
    let font = FontRef::from_index(bytes, index).ok()?;
    let cff = font.table_data(Tag::new(b"CFF "))?.as_bytes();
    cid_keyed(cff)?.then_some(cff)
}

/// The CID of each glyph (indexed by glyph id) of face `index`, from its
/// CFF charset: the codes a PDF shows those glyphs with. The identity for
/// Noto Sans CJK, but not for every CID font. `None` unless the face is
/// [`Outlines::CidKeyedCff`] with a charset covering every glyph.
pub fn cids(bytes: &[u8], index: u32) -> Option<Vec<u16>> {
    let cff = cid_cff(bytes, index)?;
    let font = CffFontRef::new_cff(cff, 0, None).ok()?;
    let count = usize::try_from(font.num_glyphs()).ok()?;
    let mut cids = Vec::with_capacity(count);
    for (gid, cid) in font.charset()?.iter() {
        if usize::try_from(gid.to_u32()).ok()? != cids.len() {
            return None;
        }
        cids.push(cid.to_u16());
    }
    (cids.len() == count).then_some(cids)
}

/// The bare `CFF ` table of a subset of face `index` holding .notdef and
/// `gids` (0 and repeats are ignored), for `/FontFile3 /Subtype
/// /CIDFontType0C`. Its glyphs keep their source CIDs ([`cids`]), so the
/// PDF addresses them by the full font's CIDs; the FDArray and Private
/// DICTs are copied whole, and unused subroutines are emptied, not
/// renumbered. `None` unless the face is [`Outlines::CidKeyedCff`] and
/// every glyph id exists.
pub fn subset_cff(bytes: &[u8], index: u32, gids: &[u16]) -> Option<Vec<u8>> {
    let data = cid_cff(bytes, index)?;
    let cff = ReadScope::new(data).read::<CFF<'_>>().ok()?;
    // Checked again on allsorts' side: a subset keeps the CIDs only of a
    // font it reads as CID-keyed.
    match cff.fonts.as_slice() {
        [font] if font.is_cid_keyed() => {}
        _ => return None,
    }
    let kept: BTreeSet<u16> = gids.iter().copied().filter(|&g| g != 0).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(kept).collect();
    // `false`: never convert to CID (only name-keyed fonts would be).
    let subset = CFF::from(cff.subset(&ids, false).ok()?);
    let mut out = WriteBuffer::new();
    CFF::write(&mut out, &subset).ok()?;
    Some(out.into_inner())
}

/// Debian's Noto Sans CJK collection (Regular), or `None` (and a note)
/// where fonts-noto-cjk is not installed; `.ci/run` installs it, and there
/// a missing file fails the test.
#[cfg(test)]
pub(crate) fn noto_cjk() -> Option<Vec<u8>> {
    const CJK: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    match std::fs::read(CJK) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            assert!(
                std::env::var_os("SWAPGUIDE_REQUIRE_TOOLS").is_none(),
                "{CJK}: {e}: .ci/run installs fonts-noto-cjk"
            );
            eprintln!("SKIPPED: {CJK}: {e}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::raw::model::pen::PathElement;
    use skrifa::{GlyphId, MetadataProvider};

    const SC: u32 = 2;

    /// Distinct glyph ids of `text`'s characters in face `index`, sorted.
    fn gids_of(bytes: &[u8], index: u32, text: &str) -> Vec<u16> {
        let font = FontRef::from_index(bytes, index).expect("face");
        let cmap = font.charmap();
        let set: BTreeSet<u16> = text
            .chars()
            .map(|c| {
                let gid = cmap.map(c).unwrap_or_else(|| panic!("no glyph for {c:?}"));
                u16::try_from(gid.to_u32()).expect("16-bit gid")
            })
            .collect();
        set.into_iter().collect()
    }

    /// The outline of glyph `gid` of a CFF font, in font units.
    fn outline(font: &CffFontRef<'_>, gid: u16) -> Vec<PathElement> {
        let gid = GlyphId::from(gid);
        let sub = font
            .subfont(font.subfont_index(gid).expect("fd"), &[])
            .expect("subfont");
        let mut path = Vec::new();
        font.draw(&sub, gid, &[], None, &mut path).expect("draw");
        path
    }

    #[test]
    fn bundled_truetype_is_truetype() {
        let bytes = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
        assert_eq!(outlines(bytes, 0), Outlines::TrueType);
        assert_eq!(cids(bytes, 0), None);
        assert_eq!(subset_cff(bytes, 0, &[36]), None);
        assert_eq!(outlines(b"not a font", 0), Outlines::Other);
    }

    #[test]
    fn cjk_faces_are_cid_keyed_with_identity_cids() {
        let Some(bytes) = noto_cjk() else { return };
        for index in 0..10 {
            assert_eq!(
                outlines(&bytes, index),
                Outlines::CidKeyedCff,
                "face {index}"
            );
        }
        assert_eq!(outlines(&bytes, 10), Outlines::Other);
        let cids = cids(&bytes, SC).expect("cids");
        assert_eq!(cids.len(), 65535);
        assert!(
            cids.iter()
                .enumerate()
                .all(|(gid, &cid)| usize::from(cid) == gid)
        );
    }

    #[test]
    fn cjk_subset_keeps_source_cids_and_outlines() {
        let Some(bytes) = noto_cjk() else { return };
        let gids = gids_of(&bytes, SC, "王芳您好，欢迎使用新网关。");
        let source_cids = cids(&bytes, SC).expect("cids");
        let sub = subset_cff(&bytes, SC, &gids).expect("subset");
        eprintln!(
            "SC subset of {} glyphs: {} bytes of CFF",
            gids.len(),
            sub.len()
        );

        let font = CffFontRef::new_cff(&sub, 0, None).expect("subset parses");
        assert!(font.is_cid());
        assert_eq!(font.num_glyphs() as usize, gids.len() + 1);
        let charset: Vec<u16> = font
            .charset()
            .expect("charset")
            .iter()
            .map(|(_, c)| c.to_u16())
            .collect();
        let expected: Vec<u16> = std::iter::once(0)
            .chain(gids.iter().map(|&g| source_cids[usize::from(g)]))
            .collect();
        assert_eq!(charset, expected);

        let source =
            CffFontRef::new_cff(cid_cff(&bytes, SC).expect("cff"), 0, None).expect("source");
        for (new, &old) in gids.iter().enumerate() {
            let path = outline(&font, u16::try_from(new + 1).expect("gid"));
            assert!(!path.is_empty());
            assert_eq!(path, outline(&source, old), "glyph {old}");
        }
        assert!(sub.len() < 120_000, "{} bytes", sub.len());
    }

    #[test]
    fn a_subset_of_300_hanzi_keeps_every_cid() {
        let Some(bytes) = noto_cjk() else { return };
        // 300 distinct ideographs the SC face prints, spread over the block.
        let font = FontRef::from_index(&bytes, SC).expect("face");
        let cmap = font.charmap();
        let gids: Vec<u16> = (0x4E00u32..0x9FA5)
            .step_by(69)
            .filter_map(|c| cmap.map(char::from_u32(c)?))
            .map(|g| u16::try_from(g.to_u32()).expect("16-bit gid"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(300)
            .collect();
        assert_eq!(gids.len(), 300);
        let start = std::time::Instant::now();
        let sub = subset_cff(&bytes, SC, &gids).expect("subset");
        let took = start.elapsed();
        let cids = cids(&bytes, SC).expect("cids");
        let after = start.elapsed();
        eprintln!(
            "SC subset of 300 Hanzi: {} bytes in {took:?}; cids() {:?}",
            sub.len(),
            after - took
        );
        let charset = CffFontRef::new_cff(&sub, 0, None)
            .expect("parses")
            .charset()
            .expect("charset");
        for (new, &old) in gids.iter().enumerate() {
            let gid = GlyphId::new(u32::try_from(new + 1).expect("gid"));
            assert_eq!(
                charset.string_id(gid).expect("cid").to_u16(),
                cids[usize::from(old)]
            );
        }
    }
}
