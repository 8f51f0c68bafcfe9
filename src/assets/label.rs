//! Carrier labels supplied as PDF: read within limits, the size of their
//! first page, and whether the guide's PDF can hold it (the renderer
//! copies that page in, see `crate::pdf::label`).
//!
//! - [`ops`]: a content stream an operation at a time;
//! - [`survey`]: what the page brings in, and what is refused.

pub(crate) mod ops;
pub(crate) mod survey;

use lopdf::{Document, LoadOptions, Object, ObjectId};

/// Most bytes any one stream of a label PDF may inflate to: a label's page
/// is a few kilobytes of drawing, so this only stops decompression bombs.
pub const MAX_STREAM_BYTES: usize = 16 * 1024 * 1024;

/// Reads a label PDF, inflating no stream past [`MAX_STREAM_BYTES`].
pub(crate) fn load(bytes: &[u8]) -> Result<Document, lopdf::Error> {
    Document::load_mem_with_options(
        bytes,
        LoadOptions {
            max_decompressed_size: Some(MAX_STREAM_BYTES),
            ..LoadOptions::default()
        },
    )
}

/// Largest side of a label's page, in points (about 42 inches, larger
/// than A2): carrier labels are 4 × 6 inches, or a letter or A4 sheet.
pub(crate) const MAX_SIDE: f32 = 3000.0;

/// Smallest side of a picture label at its true size, in points (half an
/// inch): a narrower strip holds no scannable barcode.
pub(crate) const MIN_SIDE: f32 = 36.0;

/// Refuses a picture label whose true size (`w` × `h` points, from its
/// pixels and resolution) no label has: a 49,000,000 × 1 PNG would be
/// decoded and scaled for nothing.
pub(crate) fn picture_size(w: f32, h: f32) -> Result<(), String> {
    let inches = |pt: f32| pt / 72.0;
    if w > MAX_SIDE || h > MAX_SIDE || w < MIN_SIDE || h < MIN_SIDE {
        return Err(format!(
            "is {:.1} × {:.1} inches at its resolution; a label is from 0.5 to 42 inches on a side, so this one would not print as a label (check the file, or its resolution)",
            inches(w),
            inches(h)
        ));
    }
    Ok(())
}

/// Largest page-box coordinate believed, in points.
const MAX_COORDINATE: f32 = 100_000.0;

/// The size of a PDF's first page in points, and its lower-left corner;
/// an error, with why, if the page cannot be used or the guide's PDF
/// cannot hold it ([`survey::survey`]).
pub(crate) fn page_box(bytes: &[u8]) -> Result<(f32, f32, (f32, f32)), String> {
    let doc = load(bytes).map_err(|e| format!("is not a readable PDF: {e}"))?;
    // An encrypted label's page tree cannot be read: say so, rather than
    // that it has no pages.
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(
            "is encrypted (protected by a password); download the label again, or print it to a new PDF without protection"
                .to_string(),
        );
    }
    let page = first_page(&doc)?;
    let content = page_content(&doc, page)?;
    let b = media_box(&doc, page)?;
    if b.iter().any(|v| !v.is_finite() || v.abs() > MAX_COORDINATE) {
        return Err(format!(
            "has a page box with a corner at {b:?}, beyond any printable page; download the label again"
        ));
    }
    if (b[2] - b[0]).abs() < 1.0 || (b[3] - b[1]).abs() < 1.0 {
        return Err("has an empty page".to_string());
    }
    let (w, h) = ((b[2] - b[0]).abs(), (b[3] - b[1]).abs());
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!(
            "has a page of {w:.0} × {h:.0} pt; a label page is at most {MAX_SIDE:.0} pt (about 42 inches) on a side, so this one would not print at its true size"
        ));
    }
    survey::survey(&doc, page, &content)?;
    Ok((
        (b[2] - b[0]).abs(),
        (b[3] - b[1]).abs(),
        (b[0].min(b[2]), b[1].min(b[3])),
    ))
}

/// The first page's drawing, decoded: every content stream of the page
/// through its filters. lopdf hands back a stream it cannot decode as it
/// is, which would be copied in as nonsense (a blank label reported ok);
/// here that is an error that says which compression it is.
pub(crate) fn page_content(doc: &Document, page: ObjectId) -> Result<Vec<u8>, String> {
    let mut content = Vec::new();
    for id in doc.get_page_contents(page) {
        let stream = doc
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|e| format!("has a page whose drawing cannot be read: {e}"))?;
        let left = MAX_STREAM_BYTES.saturating_sub(content.len());
        let decoded = stream.decompressed_content_with_limit(left).map_err(|e| {
            let filters: Vec<String> = stream
                .filters()
                .unwrap_or_default()
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            format!(
                "has a page drawn with {} that cannot be read ({e}); print the label to a new PDF (most viewers: Print → Save as PDF)",
                if filters.is_empty() {
                    "data".to_string()
                } else {
                    format!("the {} compression", filters.join(" + "))
                }
            )
        })?;
        content.extend(decoded);
        // Content streams are joined as one; a space keeps the last
        // operator of one from running into the first of the next.
        content.push(b'\n');
    }
    Ok(content)
}

pub(crate) fn first_page(doc: &Document) -> Result<ObjectId, String> {
    doc.get_pages()
        .get(&1)
        .copied()
        .ok_or_else(|| {
            "has no page that can be read (its page tree is missing or damaged); download the label again".to_string()
        })
}

/// The page's MediaBox, inherited from its parents if need be.
pub(crate) fn media_box(doc: &Document, page: ObjectId) -> Result<[f32; 4], String> {
    let mut id = page;
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).map_err(|e| e.to_string())?;
        if let Ok(b) = dict.get(b"MediaBox") {
            let b = match b {
                Object::Reference(r) => doc.get_object(*r).map_err(|e| e.to_string())?,
                other => other,
            };
            let arr = b.as_array().map_err(|e| e.to_string())?;
            let nums: Vec<f32> = arr.iter().filter_map(|o| o.as_float().ok()).collect();
            if nums.len() == 4 {
                return Ok([nums[0], nums[1], nums[2], nums[3]]);
            }
            return Err("has a malformed page size".into());
        }
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => id = parent,
            Err(_) => break,
        }
    }
    Err("has no page size".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Dictionary, Stream};

    /// A one-page PDF; `encrypt` adds an encryption dictionary.
    fn label(encrypt: bool) -> Vec<u8> {
        label_of([0.0, 0.0, 288.0, 432.0], encrypt)
    }

    fn label_of(media_box: [f32; 4], encrypt: bool) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let content = doc.add_object(Stream::new(Dictionary::new(), b"0 0 m 10 10 l S".to_vec()));
        let mut page = Dictionary::new();
        page.set("Type", "Page");
        page.set("Parent", pages);
        page.set("Contents", content);
        page.set(
            "MediaBox",
            media_box
                .iter()
                .map(|&v| Object::Real(v))
                .collect::<Vec<_>>(),
        );
        let page = doc.add_object(page);
        let mut tree = Dictionary::new();
        tree.set("Type", "Pages");
        tree.set("Kids", vec![page.into()]);
        tree.set("Count", 1);
        doc.objects.insert(pages, tree.into());
        let mut catalog = Dictionary::new();
        catalog.set("Type", "Catalog");
        catalog.set("Pages", pages);
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", catalog);
        if encrypt {
            let mut e = Dictionary::new();
            e.set("Filter", "Standard");
            e.set("V", 4);
            e.set("R", 4);
            let e = doc.add_object(e);
            doc.trailer.set("Encrypt", e);
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// A page box of ±1e40 or of 14,400,000 pt would leave no visible
    /// label: refused with why.
    #[test]
    fn a_page_no_printer_prints_is_refused() {
        for b in [[-1e30, -1e30, 1e30, 1e30], [0.0, 0.0, 14_400_000.0, 432.0]] {
            let err = page_box(&label_of(b, false)).unwrap_err();
            assert!(err.contains("page"), "{err}");
        }
        assert!(page_box(&label_of([0.0, 0.0, 612.0, 792.0], false)).is_ok());
    }

    /// A page drawn through a compression lopdf cannot decode was copied
    /// in raw (a blank label, reported ok): refused, naming it.
    #[test]
    fn a_page_in_a_compression_that_cannot_be_read_is_refused() {
        let mut doc = Document::load_mem(&label(false)).unwrap();
        let page = first_page(&doc).unwrap();
        let id = doc.get_page_contents(page)[0];
        let stream = doc.get_object_mut(id).unwrap().as_stream_mut().unwrap();
        stream
            .dict
            .set("Filter", Object::Name(b"ASCIIHexDecode".to_vec()));
        stream.set_content(b"30203020 6d>".to_vec());
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let err = page_box(&bytes).unwrap_err();
        assert!(err.contains("ASCIIHexDecode"), "{err}");
    }

    #[test]
    fn an_encrypted_label_says_so() {
        assert_eq!(page_box(&label(false)), Ok((288.0, 432.0, (0.0, 0.0))));
        let err = page_box(&label(true)).unwrap_err();
        assert!(err.contains("encrypted"), "{err}");
    }
}
