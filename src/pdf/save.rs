//! A finished guide as bytes. What no page draws with (the structure
//! tree, some 500 small dictionaries in a ten-step guide, and the
//! outline) goes into deflated object streams, indexed by a
//! cross-reference stream: PDF 1.5 syntax, which PDF/A-2 allows. The
//! pages and everything they use stay plain objects, so the print file's
//! binder still reads a guide's pages without unpacking its tree; so do
//! the catalog and the document information.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::finish::{Packed, deflate, deflate_kept};
use super::syntax::{Syntax, any_reference, integer};

/// Objects in one object stream at most (qpdf writes 100; more compress
/// a little better, and readers unpack a stream once).
const PER_STREAM: usize = 250;

/// Where an object is, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// A plain object at this offset, with this generation.
    At(usize, u16),
    /// In object stream `container`, the `index`th.
    Packed {
        container: u32,
        index: u16,
    },
}

/// Objects already in PDF syntax, by number (generation 0): the structure
/// tree's elements, written as bytes because hundreds of lopdf
/// dictionaries a PDF cost more to build, hash and free than to write.
/// Nothing the pages draw with may be among them; they go into object
/// streams as they are.
pub type Written = BTreeMap<u32, Vec<u8>>;

/// `doc` and the `written` objects in PDF syntax, with the trailer's
/// entries (its /ID included) in the cross-reference stream's dictionary;
/// and where that stream begins, the file's last object. Fails only for a
/// file of 4 GB or more, which the stream's 4-byte offsets cannot reach.
pub fn save(
    doc: &Document,
    written: &Written,
    packed: &Packed,
) -> Result<(Vec<u8>, usize), String> {
    let loose = loose_objects(doc);
    // Room for every stream and the rest besides: growing the file by
    // doubling copied a campaign PDF's photos and label over again.
    let streams: usize = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| s.content.len())
        .sum();
    let mut out: Vec<u8> = Vec::with_capacity(streams + (64 << 10));
    let _ = writeln!(out, "%PDF-{}", doc.version);
    // Four bytes above 127: the file is binary to whatever copies it.
    out.extend_from_slice(b"%\xe2\xe3\xcf\xd3\n");

    let mut next = doc
        .objects
        .keys()
        .map(|id| id.0)
        .chain(written.keys().copied())
        .max()
        .unwrap_or(0)
        + 1;
    let mut entries: BTreeMap<u32, Entry> = BTreeMap::new();
    let mut identity = |id: ObjectId| id;
    // The document information last of the plain objects: near the end,
    // where a campaign looks for its /Creator before it removes a file.
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let plain = doc
        .objects
        .iter()
        .filter(|(id, _)| Some(**id) != info)
        .chain(info.and_then(|id| doc.objects.get_key_value(&id)));
    for (&(number, generation), object) in plain {
        if loose.contains(&(number, generation)) {
            continue;
        }
        entries.insert(number, Entry::At(out.len(), generation));
        object_header(&mut out, number, generation);
        Syntax::new(&mut identity).object(&mut out, object);
        out.extend_from_slice(b"\nendobj\n");
    }

    // In number order, whichever form they are in.
    let mut loose: Vec<u32> = doc
        .objects
        .keys()
        .filter(|id| loose.contains(id))
        .map(|id| id.0)
        .chain(written.keys().copied())
        .collect();
    loose.sort_unstable();
    for group in loose.chunks(PER_STREAM) {
        let container = next;
        next += 1;
        let mut offsets = Vec::new();
        let mut body = Vec::new();
        for (index, &number) in group.iter().enumerate() {
            integer(&mut offsets, number);
            offsets.push(b' ');
            integer(&mut offsets, body.len());
            offsets.push(b' ');
            match written.get(&number) {
                Some(bytes) => body.extend_from_slice(bytes),
                None => Syntax::new(&mut identity).object(&mut body, &doc.objects[&(number, 0)]),
            }
            body.push(b'\n');
            entries.insert(
                number,
                Entry::Packed {
                    container,
                    index: index as u16,
                },
            );
        }
        let mut data = offsets;
        let first = data.len();
        data.extend_from_slice(&body);
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", group.len() as i64);
        dict.set("First", first as i64);
        entries.insert(container, Entry::At(out.len(), 0));
        let _ = writeln!(out, "{container} 0 obj");
        // The first stream, the tree's top, is the same in every PDF of a
        // campaign: deflated once.
        let data = deflate_kept(packed, &data);
        Syntax::new(&mut identity).object(&mut out, &deflated(dict, data));
        out.extend_from_slice(b"\nendobj\n");
    }

    // The cross-reference stream: one row per number, type (1 byte),
    // offset or container (4), generation or index (2).
    let xref = next;
    let start = out.len();
    if u32::try_from(start).is_err() {
        return Err("the PDF would be 4 GB or more; use smaller pictures".into());
    }
    entries.insert(xref, Entry::At(start, 0));
    let size = xref + 1;
    let mut rows = Vec::with_capacity(size as usize * 7);
    for number in 0..size {
        let (kind, field, extra) = match entries.get(&number).copied().unwrap_or(Entry::Free) {
            Entry::Free => (0u8, 0u32, if number == 0 { 65535 } else { 0 }),
            Entry::At(offset, generation) => (1, offset as u32, generation),
            Entry::Packed { container, index } => (2, container, index),
        };
        rows.push(kind);
        rows.extend_from_slice(&field.to_be_bytes());
        rows.extend_from_slice(&extra.to_be_bytes());
    }
    let mut dict = doc.trailer.clone();
    for key in [&b"Prev"[..], b"XRefStm", b"Index", b"DecodeParms"] {
        dict.remove(key);
    }
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", i64::from(size));
    dict.set(
        "W",
        vec![Object::Integer(1), Object::Integer(4), Object::Integer(2)],
    );
    let _ = writeln!(out, "{xref} 0 obj");
    Syntax::new(&mut identity).object(&mut out, &deflated(dict, deflate(&rows, 2)));
    let _ = write!(out, "\nendobj\nstartxref\n{start}\n%%EOF\n");
    Ok((out, start))
}

/// `number generation obj` on a line.
fn object_header(out: &mut Vec<u8>, number: u32, generation: u16) {
    integer(out, number);
    out.push(b' ');
    integer(out, generation);
    out.extend_from_slice(b" obj\n");
}

/// A stream of `packed` (deflated data), ending as PDF/A needs (see
/// [`super::finish::safe_end`]).
fn deflated(mut dict: Dictionary, packed: Vec<u8>) -> Object {
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut stream = Stream::new(dict, packed);
    super::finish::safe_end(&mut stream);
    Object::Stream(stream)
}

/// The objects that can go into an object stream: not a stream, of
/// generation 0, and neither the catalog, the document information nor
/// anything the page tree reaches (directly or through other objects).
fn loose_objects(doc: &Document) -> HashSet<ObjectId> {
    let mut kept = HashSet::new();
    let mut todo: Vec<ObjectId> = Vec::new();
    if let Ok(root) = doc.trailer.get(b"Root").and_then(Object::as_reference) {
        kept.insert(root);
        if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
            kept.insert(info);
        }
        if let Ok(pages) = doc
            .get_object(root)
            .and_then(Object::as_dict)
            .and_then(|catalog| catalog.get(b"Pages"))
            .and_then(Object::as_reference)
        {
            todo.push(pages);
        }
    }
    while let Some(id) = todo.pop() {
        if !kept.insert(id) {
            continue;
        }
        if let Some(object) = doc.objects.get(&id) {
            any_reference(object, &mut |id| {
                todo.push(id);
                false
            });
        }
    }
    doc.objects
        .iter()
        .filter(|(id, object)| {
            id.1 == 0 && !kept.contains(id) && !matches!(object, Object::Stream(_))
        })
        .map(|(id, _)| *id)
        .collect()
}

#[cfg(test)]
mod tests {
    use lopdf::dictionary;

    use super::*;

    /// A one-page document with a two-element structure tree.
    fn document() -> Document {
        let mut doc = Document::with_version("1.7");
        let info = doc.new_object_id();
        let pages = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content, "StructParents" => 0,
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let tree = doc.new_object_id();
        let heading = doc.add_object(dictionary! {
            "Type" => "StructElem", "S" => "H1", "P" => tree, "Pg" => page, "K" => 0,
            "Alt" => Object::string_literal("A (title)"),
        });
        doc.objects.insert(
            tree,
            Object::Dictionary(dictionary! { "Type" => "StructTreeRoot", "K" => heading }),
        );
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog", "Pages" => pages, "StructTreeRoot" => tree,
        });
        doc.trailer.set("Root", catalog);
        let creator = dictionary! { "Creator" => Object::string_literal("swapguide") };
        doc.objects.insert(info, Object::Dictionary(creator));
        doc.trailer.set("Info", info);
        doc
    }

    #[test]
    fn the_tree_is_packed_and_the_pages_stay_plain_objects() {
        let doc = document();
        let (bytes, trailer) = save(&doc, &Written::new(), &Packed::default()).unwrap();
        assert!(bytes[trailer..].starts_with(b"9 0 obj\n<</Root 7 0 R/Info 1 0 R/Type /XRef"));
        let plain = |n: u32| {
            let head = format!("\n{n} 0 obj\n");
            bytes.windows(head.len()).any(|w| w == head.as_bytes())
        };
        // Information, pages, content, page and catalog plain; tree root
        // and heading in the object stream (8), which is plain.
        assert!([1, 2, 3, 4, 7, 8].into_iter().all(plain));
        assert!(![5, 6].into_iter().any(plain));
        // The information is the last plain object before the stream.
        let at = |n: u32| {
            let head = format!("\n{n} 0 obj\n");
            bytes.windows(head.len()).position(|w| w == head.as_bytes())
        };
        assert!(at(7) < at(1) && at(1) < at(8));

        let read = Document::load_mem(&bytes).expect("lopdf reads it back");
        for (id, object) in &doc.objects {
            let back = read.get_object(*id).expect("every object is there");
            match (object, back) {
                (Object::Stream(a), Object::Stream(b)) => assert_eq!(a.content, b.content),
                (a, b) => assert_eq!(a, b, "object {id:?}"),
            }
        }
    }
}
