//! The last touches printpdf does not make, on its lopdf object tree: the
//! outline (nested, in reading order), the document language, text-string
//! metadata, a stable /ID, and compression.

use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::memo::Memo;

/// An outline entry: level (0 = section), title, page (1-based), y from
/// the page bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// 0 for sections, 1 for entries inside them.
    pub level: u8,
    /// The title shown in the reader's sidebar.
    pub title: String,
    /// 1-based page.
    pub page: usize,
    /// Position on the page, in PDF coordinates.
    pub y: f32,
}

/// What [`finish`] writes into the document.
pub struct Finish<'a> {
    /// The build's deflated page streams.
    pub packed: &'a Packed,
    /// BCP 47 language tag.
    pub language: &'a str,
    /// Document title.
    pub title: &'a str,
    /// Author (the provider).
    pub author: &'a str,
    /// Subject (the guide's subtitle), possibly empty.
    pub subject: &'a str,
    /// The structure tree.
    pub tree: &'a super::tags::Tree,
    /// What each page holds of it.
    pub tags: &'a [super::tags::PageTags],
    /// Outline entries in reading order.
    pub bookmarks: &'a [Bookmark],
    /// `SOURCE_DATE_EPOCH`: dates are written only when it is given, so
    /// builds are byte-identical by default.
    pub date: Option<i64>,
}

/// A PDF text string: PDFDocEncoding for ASCII, else UTF-16BE with a BOM.
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Applies the touches and returns the file's bytes.
pub fn finish(mut doc: Document, f: &Finish<'_>) -> Result<Vec<u8>, String> {
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("PDF has no catalog: {e}"))?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();

    let outline = outline(&mut doc, &pages, f.bookmarks);
    if let Ok(catalog) = doc.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set("Lang", text_string(f.language));
        let mut prefs = Dictionary::new();
        prefs.set("DisplayDocTitle", true);
        // A right-to-left guide reads right to left in two-page views too.
        if crate::lang::is_right_to_left(f.language) {
            prefs.set("Direction", Object::Name(b"R2L".to_vec()));
        }
        catalog.set("ViewerPreferences", prefs);
        match outline {
            Some(id) => {
                catalog.set("Outlines", id);
                catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
            None => {
                catalog.remove(b"Outlines");
                catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
            }
        }
    }

    let date = f.date.map(pdf_date);
    fix_info(&mut doc, f, date.as_deref());
    // Pruned before the structure tree is added: its elements point up to
    // their parents, and following every such cycle made pruning a
    // large part of a campaign PDF's time.
    doc.prune_objects();
    let tree = super::tags::write(&mut doc, f.tree, f.tags)?;
    super::conformance::apply(
        &mut doc,
        &super::conformance::Metadata {
            title: f.title,
            author: f.author,
            subject: f.subject,
            language: f.language,
            producer: PRODUCER,
            creator: CREATOR,
            date: date.as_deref(),
        },
    )?;
    // PDF/A-2 is based on PDF 1.7.
    doc.version = "1.7".to_string();
    compress(&mut doc, f.packed);
    end_streams_cleanly(&mut doc);

    // A stable /ID: a placeholder now, a hash of the file in its place
    // after saving (same length, so no offset moves).
    const PLACEHOLDER: &[u8; 32] = b"SWAPGUIDE-ID-PLACEHOLDER-0000000";
    let id = Object::String(PLACEHOLDER.to_vec(), StringFormat::Literal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let (mut bytes, trailer) = super::save::save(&doc, &tree, f.packed)?;
    let a = crate::fingerprint::of(&bytes, 1);
    let b = crate::fingerprint::of(&bytes, 2);
    let digest = format!("{a:016x}{b:016x}");
    // The trailer, which holds the /ID, is the file's last object.
    let mut at = trailer;
    while let Some(pos) = find(&bytes[at..], PLACEHOLDER) {
        let start = at + pos;
        bytes[start..start + 32].copy_from_slice(digest.as_bytes());
        at = start + 32;
    }
    Ok(bytes)
}

/// Deflates every stream that has no filter yet (page content), at a
/// low level: lopdf's own pass uses the slowest, which made compression
/// the largest part of a PDF's time for 1 % smaller files. The pages are
/// deflated side by side, on rayon's threads: this is the end of a PDF,
/// when nothing else is left to run beside it.
fn compress(doc: &mut Document, packed: &Packed) {
    use rayon::prelude::*;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream)
                if stream.allows_compression && stream.dict.get(b"Filter").is_err() =>
            {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    streams.par_iter_mut().for_each(|stream| {
        let packed = deflate_kept(packed, &stream.content);
        if !packed.is_empty() && packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    });
}

/// Deflated streams of one build: most pages of a campaign's PDFs, and
/// the first of their object streams, are the same bytes for every
/// customer, and deflating them was a fifth of a PDF's time.
pub struct Packed(Memo<u64, Arc<RawAndPacked>>);

/// A stream's bytes and the same deflated.
type RawAndPacked = (Vec<u8>, Vec<u8>);

impl Default for Packed {
    fn default() -> Packed {
        // A few guides' worth of pages and the tree's top; a campaign's
        // rows add a few streams of their own each, so the memo fills and
        // is cleared every fifty rows or so (some 8 MB at most).
        Packed(Memo::new(256))
    }
}

/// [`deflate`] at level 2, remembering recent streams in `packed`.
pub(crate) fn deflate_kept(packed: &Packed, data: &[u8]) -> Vec<u8> {
    let key = crate::fingerprint::of(data, 0);
    let kept = packed
        .0
        .get_or(key, || Arc::new((data.to_vec(), deflate(data, 2))));
    // Two streams with one hash: the second is deflated afresh.
    if kept.0 == data {
        kept.1.clone()
    } else {
        deflate(data, 2)
    }
}

/// `data` as a zlib stream (`/FlateDecode`) at `level` (0–9).
///
/// Each thread keeps its compressor for each level and resets it between
/// streams: a new one allocates and clears a third of a megabyte of
/// tables, which cost more than compressing a page. (Scratch state only:
/// reset before every stream, it holds no result between calls.)
pub fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static KEPT: std::cell::RefCell<Vec<(u32, Compress)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    KEPT.with_borrow_mut(|kept| {
        let at = match kept.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                kept.push((level, Compress::new(Compression::new(level), true)));
                kept.len() - 1
            }
        };
        let z = &mut kept[at].1;
        z.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = usize::try_from(z.total_in()).unwrap_or(data.len());
            match z.compress_vec(
                &data[read.min(data.len())..],
                &mut out,
                FlushCompress::Finish,
            ) {
                Ok(Status::StreamEnd) => return out,
                Ok(_) => out.reserve(out.capacity().max(256)),
                // Only a misuse of the stream fails; an empty result is never
                // used as a stream's content (see `compress`).
                Err(_) => return Vec::new(),
            }
        }
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Builds a two-level outline; returns the outline root.
fn outline(doc: &mut Document, pages: &[ObjectId], marks: &[Bookmark]) -> Option<ObjectId> {
    if marks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    // Group level-1 entries under the preceding level-0 entry.
    let mut tree: Vec<(&Bookmark, Vec<&Bookmark>)> = Vec::new();
    for m in marks {
        match (m.level, tree.last_mut()) {
            (0, _) | (_, None) => tree.push((m, Vec::new())),
            (_, Some(last)) => last.1.push(m),
        }
    }
    let dest = |m: &Bookmark| -> Option<Object> {
        let page = *pages.get(m.page.checked_sub(1)?)?;
        Some(Object::Array(vec![
            page.into(),
            Object::Name(b"XYZ".to_vec()),
            Object::Real(0.0),
            Object::Real(m.y + 14.0),
            Object::Null,
        ]))
    };
    let top_ids: Vec<ObjectId> = tree.iter().map(|_| doc.new_object_id()).collect();
    let mut total = 0i64;
    for (i, (entry, children)) in tree.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(&entry.title));
        d.set("Parent", root);
        if let Some(dest) = dest(entry) {
            d.set("Dest", dest);
        }
        if i > 0 {
            d.set("Prev", top_ids[i - 1]);
        }
        if i + 1 < top_ids.len() {
            d.set("Next", top_ids[i + 1]);
        }
        let child_ids: Vec<ObjectId> = children.iter().map(|_| doc.new_object_id()).collect();
        for (k, child) in children.iter().enumerate() {
            let mut c = Dictionary::new();
            c.set("Title", text_string(&child.title));
            c.set("Parent", top_ids[i]);
            if let Some(dest) = dest(child) {
                c.set("Dest", dest);
            }
            if k > 0 {
                c.set("Prev", child_ids[k - 1]);
            }
            if k + 1 < child_ids.len() {
                c.set("Next", child_ids[k + 1]);
            }
            doc.objects.insert(child_ids[k], Object::Dictionary(c));
        }
        if let (Some(first), Some(last)) = (child_ids.first(), child_ids.last()) {
            d.set("First", *first);
            d.set("Last", *last);
            // Negative: closed. Sections start open only for the steps.
            d.set("Count", child_ids.len() as i64);
        }
        total += 1 + child_ids.len() as i64;
        doc.objects.insert(top_ids[i], Object::Dictionary(d));
    }
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top_ids.first(), top_ids.last()) {
        r.set("First", *first);
        r.set("Last", *last);
    }
    r.set("Count", total);
    doc.objects.insert(root, Object::Dictionary(r));
    Some(root)
}

/// The producer named in the document information and the XMP.
const PRODUCER: &str = concat!("swapguide ", env!("CARGO_PKG_VERSION"));
/// The creator tool named there.
const CREATOR: &str = "swapguide";

/// Every stream of `doc` through [`safe_end`], last, when nothing else
/// will change them.
fn end_streams_cleanly(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            safe_end(stream);
        }
    }
}

/// Makes sure `stream`'s bytes do not end in a carriage return (0x0D).
///
/// A line feed is written before `endstream`; after a carriage return,
/// readers take the two as one line end and the stream one byte shorter
/// than its /Length, which PDF/A forbids. A deflated stream ends in the
/// Adler-32 checksum of its data, the same at every level, so deflating
/// again does not help: a stream with no filter is deflated, and one
/// still ending in a carriage return is written in ASCII base-85 on top
/// of its filters (whose data ends in `~>`).
pub(crate) fn safe_end(stream: &mut Stream) {
    if stream.content.last() != Some(&b'\r') {
        return;
    }
    if stream.dict.get(b"Filter").is_err() {
        let packed = deflate(&stream.content, 6);
        if !packed.is_empty() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
            stream.allows_compression = false;
            if stream.content.last() != Some(&b'\r') {
                return;
            }
        }
    }
    let a85 = Object::Name(b"ASCII85Decode".to_vec());
    let filters = match stream.dict.get(b"Filter").cloned() {
        Ok(Object::Array(mut a)) => {
            a.insert(0, a85);
            Object::Array(a)
        }
        Ok(f @ Object::Name(_)) => Object::Array(vec![a85, f]),
        _ => a85,
    };
    if let Ok(parms) = stream.dict.get(b"DecodeParms").cloned() {
        let parms = match parms {
            Object::Array(mut a) => {
                a.insert(0, Object::Null);
                Object::Array(a)
            }
            one => Object::Array(vec![Object::Null, one]),
        };
        stream.dict.set("DecodeParms", parms);
    }
    stream.dict.set("Filter", filters);
    let encoded = ascii85(&stream.content);
    stream.set_content(encoded);
    stream.allows_compression = false;
}

/// `data` in ASCII base-85 (ISO 32000-1, 7.4.3), ending in `~>`.
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 5 / 4 + 8);
    for (i, chunk) in data.chunks(4).enumerate() {
        if i > 0 && i % 16 == 0 {
            out.push(b'\n');
        }
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut v = u32::from_be_bytes(word);
        if v == 0 && chunk.len() == 4 {
            out.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = (v % 85) as u8 + b'!';
            v /= 85;
        }
        out.extend_from_slice(&digits[..chunk.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}

fn fix_info(doc: &mut Document, f: &Finish<'_>, date: Option<&str>) {
    let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(d) = doc.get_object_mut(info).and_then(Object::as_dict_mut) {
        d.set("Title", text_string(f.title));
        // As the XMP, which names no creator when there is none.
        if f.author.is_empty() {
            d.remove(b"Author");
        } else {
            d.set("Author", text_string(f.author));
        }
        d.set("Producer", text_string(PRODUCER));
        d.set("Creator", text_string(CREATOR));
        if f.subject.is_empty() {
            d.remove(b"Subject");
        } else {
            d.set("Subject", text_string(f.subject));
        }
        for key in ["GTS_PDFXVersion", "Identifier", "Keywords", "Trapped"] {
            d.remove(key.as_bytes());
        }
        match date {
            Some(date) => {
                d.set("CreationDate", text_string(date));
                d.set("ModDate", text_string(date));
            }
            None => {
                d.remove(b"CreationDate");
                d.remove(b"ModDate");
            }
        }
    }
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970 (UTC).
pub fn pdf_date(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Bytes whose zlib stream (at level 6) ends in a carriage return: the
    /// last byte of its checksum.
    pub(crate) fn data_deflating_to_cr() -> Vec<u8> {
        let mut data: Vec<u8> = (0..=255u8)
            .cycle()
            .take(1000)
            .map(|b| b.wrapping_mul(7))
            .chain(std::iter::repeat_n(0, 64))
            .collect();
        let tail = (0..=255u8)
            .find(|&extra| {
                let mut d = data.clone();
                d.push(extra);
                deflate(&d, 6).last() == Some(&b'\r')
            })
            .expect("some last byte makes the checksum end in CR");
        data.push(tail);
        data
    }

    fn ascii85_decode(data: &[u8]) -> Vec<u8> {
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
        Stream::new(dict, data.to_vec())
            .decompressed_content()
            .unwrap()
    }

    #[test]
    fn ascii85_round_trips() {
        for data in [
            &b""[..],
            b"a",
            b"ab\r",
            b"\0\0\0\0\0",
            b"Man is distinguished",
            &[0xFF; 13],
        ] {
            let encoded = ascii85(data);
            assert!(encoded.ends_with(b"~>"));
            assert_eq!(ascii85_decode(&encoded), data, "{data:?}");
        }
    }

    /// Streams ending in a carriage return, with and without filters, end
    /// otherwise and decode to the same bytes.
    #[test]
    fn a_stream_ending_in_a_carriage_return_ends_otherwise() {
        // Raw bytes ending in CR: deflated.
        let mut raw = Stream::new(Dictionary::new(), b"1 0 0 1 0 0 cm\r".to_vec());
        safe_end(&mut raw);
        assert_ne!(raw.content.last(), Some(&b'\r'));
        assert_eq!(raw.decompressed_content().unwrap(), b"1 0 0 1 0 0 cm\r");

        // Deflated data ending in CR (its checksum's last byte), with
        // parameters: ASCII85 goes in front.
        let data = data_deflating_to_cr();
        let packed = deflate(&data, 6);
        assert_eq!(packed.last(), Some(&b'\r'));
        // Deflating at another level keeps the checksum, so the CR.
        assert_eq!(deflate(&data, 1).last(), Some(&b'\r'));
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        dict.set(
            "DecodeParms",
            Dictionary::from_iter([("Columns", Object::Integer(1))]),
        );
        let mut flate = Stream::new(dict, packed);
        safe_end(&mut flate);
        assert!(flate.content.ends_with(b"~>"));
        assert_eq!(
            flate.dict.get(b"Filter").unwrap(),
            &Object::Array(vec![
                Object::Name(b"ASCII85Decode".to_vec()),
                Object::Name(b"FlateDecode".to_vec())
            ])
        );
        assert_eq!(
            flate.dict.get(b"DecodeParms").unwrap().as_array().unwrap()[0],
            Object::Null
        );
        let inner = ascii85_decode(&flate.content);
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        assert_eq!(
            Stream::new(dict, inner).decompressed_content().unwrap(),
            data
        );
    }

    #[test]
    fn ascii85_matches_the_standard_encoding() {
        assert_eq!(ascii85(b"Man is\r"), b"9jqo^Bla^~>");
        assert_eq!(ascii85(b"\0\0\0\0ab"), b"z@:B~>");
    }

    #[test]
    fn no_stream_ends_in_a_carriage_return() {
        let mut doc = Document::with_version("1.7");
        let mut dict = Dictionary::new();
        dict.set("Filter", "FlateDecode");
        let id = doc.add_object(lopdf::Stream::new(dict, b"zlib\r".to_vec()));
        end_streams_cleanly(&mut doc);
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        assert_ne!(stream.content.last(), Some(&b'\r'));
        assert_eq!(
            stream.dict.get(b"Filter").unwrap(),
            &Object::Array(vec![
                Object::Name(b"ASCII85Decode".to_vec()),
                Object::Name(b"FlateDecode".to_vec())
            ])
        );
    }

    #[test]
    fn dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_795_000_000), "D:20261118110640Z");
    }

    #[test]
    fn text_strings() {
        assert_eq!(
            text_string("Paso"),
            Object::String(b"Paso".to_vec(), StringFormat::Literal)
        );
        let Object::String(b, _) = text_string("Guía") else {
            panic!()
        };
        assert_eq!(&b[..4], &[0xfe, 0xff, 0, b'G']);
    }
}
