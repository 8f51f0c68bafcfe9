//! Carrier labels supplied as PDF: the first page is copied into the guide
//! as a form XObject, so it stays vector (barcodes stay sharp, nothing is
//! rasterised) and prints at its true size.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::assets::label::{first_page, load, media_box, page_content};

/// Replaces the placeholder XObject `name` in `doc` with the first page of
/// the PDF `bytes`, as a form XObject.
pub fn import(doc: &mut Document, name: &str, bytes: &[u8]) -> Result<(), String> {
    let src = load(bytes).map_err(|e| format!("the label is not a readable PDF: {e}"))?;
    let page = first_page(&src)?;
    let bbox = media_box(&src, page)?;
    let content = page_content(&src, page).map_err(|e| format!("the label {e}"))?;
    let (own, inherited) = src
        .get_page_resources(page)
        .map_err(|e| format!("the label's resources cannot be read: {e}"))?;
    // Inherited resources first, the page's own win.
    let mut resources = Dictionary::new();
    for id in inherited.iter().rev() {
        if let Ok(d) = src.get_dictionary(*id) {
            for (k, v) in d.iter() {
                resources.set(k.clone(), v.clone());
            }
        }
    }
    if let Some(d) = own {
        for (k, v) in d.iter() {
            resources.set(k.clone(), v.clone());
        }
    }
    let mut copied = HashMap::new();
    let resources = copy(&src, doc, Object::Dictionary(resources), &mut copied, 0)?;

    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        bbox.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
    );
    dict.set("Resources", resources);
    let form = Stream::new(dict, content);

    let target = placeholder(doc, name).ok_or("the label's place in the PDF is missing")?;
    doc.objects.insert(target, Object::Stream(form));
    Ok(())
}

/// The object id the page resources give to XObject `name`.
fn placeholder(doc: &Document, name: &str) -> Option<ObjectId> {
    for page in doc.get_pages().values() {
        let Ok((own, inherited)) = doc.get_page_resources(*page) else {
            continue;
        };
        let dicts = own.into_iter().chain(
            inherited
                .iter()
                .filter_map(|id| doc.get_dictionary(*id).ok()),
        );
        for res in dicts {
            let xobjects = match res.get(b"XObject") {
                Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
                Ok(Object::Dictionary(d)) => Some(d),
                _ => None,
            };
            if let Some(Ok(Object::Reference(id))) = xobjects.map(|x| x.get(name.as_bytes())) {
                return Some(*id);
            }
        }
    }
    None
}

/// Deepest nesting of objects copied from a label: a real label's
/// resources nest a handful deep; a crafted chain of references would
/// otherwise exhaust the stack, which no row's failure could contain.
const MAX_NESTING: usize = 64;

/// Deep-copies an object from `src` into `dst`, following references.
/// Only what a page's drawing can use comes along: parent links, the
/// document's own structure (its catalog, page tree and pages) and
/// actions (JavaScript, launches, open actions) are left behind, so a
/// label whose resources point back at its catalog cannot bring pages or
/// scripts into the customer's PDF.
fn copy(
    src: &Document,
    dst: &mut Document,
    obj: Object,
    seen: &mut HashMap<ObjectId, ObjectId>,
    depth: usize,
) -> Result<Object, String> {
    if depth > MAX_NESTING {
        return Err(format!(
            "the label's resources nest more than {MAX_NESTING} deep; use the carrier's label as downloaded"
        ));
    }
    Ok(match obj {
        Object::Reference(id) => {
            if let Some(new) = seen.get(&id) {
                return Ok(Object::Reference(*new));
            }
            let new = dst.new_object_id();
            seen.insert(id, new);
            let inner = src.get_object(id).cloned().unwrap_or(Object::Null);
            if is_document_structure(&inner) {
                seen.remove(&id);
                return Ok(Object::Null);
            }
            let copied = copy(src, dst, inner, seen, depth + 1)?;
            dst.objects.insert(new, copied);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(
            items
                .into_iter()
                .map(|o| copy(src, dst, o, seen, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Object::Dictionary(d) => Object::Dictionary(copy_dict(src, dst, d, seen, depth)?),
        Object::Stream(s) => {
            let dict = copy_dict(src, dst, s.dict, seen, depth)?;
            Object::Stream(Stream {
                dict,
                content: s.content,
                allows_compression: s.allows_compression,
                start_position: None,
            })
        }
        other => other,
    })
}

fn copy_dict(
    src: &Document,
    dst: &mut Document,
    d: Dictionary,
    seen: &mut HashMap<ObjectId, ObjectId>,
    depth: usize,
) -> Result<Dictionary, String> {
    let mut out = Dictionary::new();
    for (k, v) in d.into_iter() {
        if LEFT_BEHIND.contains(&k.as_slice()) {
            continue;
        }
        out.set(k, copy(src, dst, v, seen, depth + 1)?);
    }
    Ok(out)
}

/// Keys a page's drawing never needs: the page tree, actions and scripts,
/// annotations, the document's names and outline.
const LEFT_BEHIND: [&[u8]; 9] = [
    b"Parent",
    b"OpenAction",
    b"AA",
    b"A",
    b"JS",
    b"JavaScript",
    b"Annots",
    b"Names",
    b"Outlines",
];

/// A catalog, page tree node, page or action: the document's structure,
/// not something its page draws.
fn is_document_structure(obj: &Object) -> bool {
    let dict = match obj {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        _ => return false,
    };
    let named = |key: &[u8], names: &[&[u8]]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| names.contains(&n))
    };
    named(b"Type", &[b"Catalog", b"Pages", b"Page", b"Action"])
        || (dict.has(b"S")
            && named(
                b"S",
                &[
                    b"JavaScript",
                    b"Launch",
                    b"URI",
                    b"GoToR",
                    b"SubmitForm",
                    b"ImportData",
                ],
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label whose resources point back at its own catalog (which opens
    /// with a script): none of that is copied.
    #[test]
    fn only_what_the_page_draws_is_copied() {
        let mut src = Document::with_version("1.5");
        let mut js = Dictionary::new();
        js.set("S", Object::Name(b"JavaScript".to_vec()));
        js.set("JS", Object::string_literal("app.alert(1)"));
        let js = src.add_object(js);
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("OpenAction", js);
        let catalog = src.add_object(catalog);
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        let font = src.add_object(font);
        let mut fonts = Dictionary::new();
        fonts.set("F1", font);
        let mut resources = Dictionary::new();
        resources.set("Font", fonts);
        resources.set("Back", catalog);
        resources.set("Script", js);

        let mut dst = Document::with_version("1.7");
        let copied = copy(
            &src,
            &mut dst,
            Object::Dictionary(resources),
            &mut HashMap::new(),
            0,
        )
        .unwrap();
        let copied = copied.as_dict().unwrap();
        assert!(copied.get(b"Font").is_ok());
        assert_eq!(copied.get(b"Back").ok(), Some(&Object::Null));
        assert_eq!(copied.get(b"Script").ok(), Some(&Object::Null));
        for object in dst.objects.values() {
            let text = format!("{object:?}");
            assert!(
                !text.contains("Catalog") && !text.contains("JavaScript"),
                "{text}"
            );
        }
    }
}
