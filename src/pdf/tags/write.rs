//! The structure tree into the PDF (ISO 32000-1, 14.7–14.8): one struct
//! element per node that has content, the parent tree that leads from
//! each piece of marked content and each link annotation back to its
//! element, and the marks a tagged PDF carries (`/MarkInfo`, `/Tabs`).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Numbering, Role, Tag, Tree};
use crate::pdf::finish::text_string;
use crate::pdf::save::Written;
use crate::pdf::syntax::{Syntax, integer, reference, write_name};

/// A piece of a page that belongs to an element, in the order the page
/// draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    /// Marked content with this MCID.
    Mcid(u32, Tag),
    /// The page's link annotation at this index of `/Annots`.
    Annot(usize, Tag),
}

/// What one page holds of the structure, in drawing order.
#[derive(Debug, Clone, Default)]
pub struct PageTags {
    /// Marked content and annotations, as drawn.
    pub kids: Vec<Kid>,
}

/// An entry of an element's `/K`.
enum Child {
    Elem(Tag),
    Mcr { page: usize, mcid: u32 },
    Objr { page: usize, annot: ObjectId },
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Puts elements into their parents' `/K` as their content first appears.
struct Opener<'t> {
    tree: &'t Tree,
    cells: &'t [Vec<Tag>],
    opened: &'t mut [bool],
    kids: &'t mut [Vec<Child>],
}

impl Opener<'_> {
    /// Adds `tag`, and the ancestors it needs, to the tree being
    /// written, in reading order; a row brings all of its cells.
    fn open(&mut self, tag: Tag) {
        let i = tag.index();
        if !tag.is_node() || i >= self.opened.len() || self.opened[i] {
            return;
        }
        if tag != Tag::DOCUMENT {
            let parent = self.tree.get(tag).map_or(Tag::DOCUMENT, |n| n.parent);
            self.open(parent);
            // Opening the parent (a row) may have opened this (a cell).
            if self.opened[i] {
                return;
            }
            self.kids[parent.index()].push(Child::Elem(tag));
        }
        self.opened[i] = true;
        if self.tree.get(tag).is_some_and(|n| n.role == Role::TR) {
            for cell in self.cells[i].clone() {
                self.open(cell);
            }
        }
    }
}

/// Writes the structure of `tree`, whose content `pages` mark, into
/// `doc`: the pages are `doc`'s, in order. The links' annotations and the
/// catalog's entries go into `doc`; the elements, the parent tree and the
/// tree's root are returned in PDF syntax, for [`crate::pdf::save`] to
/// pack.
pub fn write(doc: &mut Document, tree: &Tree, pages: &[PageTags]) -> Result<Written, String> {
    let broken = |what: String| format!("cannot tag the PDF: {what}");
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if page_ids.len() != pages.len() {
        return Err(broken("the page count changed".into()));
    }
    let n = tree.len();
    let mut kids: Vec<Vec<Child>> = (0..n).map(|_| Vec::new()).collect();
    let mut opened = vec![false; n];
    let mut first_page: Vec<Option<usize>> = vec![None; n];
    // A row's cells, in column order: an empty cell has no content to
    // place it, but must keep its column.
    let mut cells: Vec<Vec<Tag>> = (0..n).map(|_| Vec::new()).collect();
    for i in 0..n {
        let tag = Tag(i as u32);
        if let Some(node) = tree
            .get(tag)
            .filter(|n| matches!(n.role, Role::TH(_) | Role::TD))
            && let Some(row) = cells.get_mut(node.parent.index())
        {
            row.push(tag);
        }
    }
    let mut tree_state = Opener {
        tree,
        cells: &cells,
        opened: &mut opened,
        kids: &mut kids,
    };
    tree_state.open(Tag::DOCUMENT);

    // Annotations become indirect objects, each with its parent tree key.
    let mut next_key = page_ids.len() as i64;
    let mut annot_keys: Vec<(i64, Tag)> = Vec::new();
    let mut page_mcids: Vec<Vec<Tag>> = Vec::with_capacity(pages.len());
    for (p, (page, &page_id)) in pages.iter().zip(&page_ids).enumerate() {
        // Each entry is read, then replaced by its indirect object.
        let mut made = annotations(doc, page_id).map_err(broken)?;
        let mut mcids = Vec::new();
        for kid in &page.kids {
            match *kid {
                Kid::Mcid(mcid, tag) => {
                    if !tag.is_node() || tag.index() >= n {
                        continue;
                    }
                    tree_state.open(tag);
                    if mcid as usize != mcids.len() {
                        return Err(broken(format!("marked content {mcid} out of order")));
                    }
                    mcids.push(tag);
                    tree_state.kids[tag.index()].push(Child::Mcr { page: p, mcid });
                    first_page[tag.index()].get_or_insert(p);
                }
                Kid::Annot(i, tag) => {
                    // Every link belongs to a Link element (PDF/UA 7.18.5).
                    if !tag.is_node() || tag.index() >= n {
                        return Err(broken(format!("link {i} of page {} has no element", p + 1)));
                    }
                    let Some(annot) = made.get(i) else {
                        return Err(broken(format!("page {} has no link {i}", p + 1)));
                    };
                    let mut dict = match annot {
                        Object::Dictionary(d) => d.clone(),
                        Object::Reference(id) => doc
                            .get_dictionary(*id)
                            .map_err(|e| broken(e.to_string()))?
                            .clone(),
                        _ => return Err(broken("a link is not a dictionary".into())),
                    };
                    // Printed, never hidden (PDF/A); described (PDF/UA).
                    dict.set("F", 4);
                    let alt = tree
                        .get(tag)
                        .and_then(|n| n.alt.as_deref())
                        .map(str::trim)
                        .unwrap_or("");
                    dict.set("Contents", text_string(alt));
                    dict.set("StructParent", next_key);
                    dict.set("P", page_id);
                    let id = doc.add_object(dict);
                    made[i] = Object::Reference(id);
                    tree_state.open(tag);
                    tree_state.kids[tag.index()].push(Child::Objr { page: p, annot: id });
                    first_page[tag.index()].get_or_insert(p);
                    annot_keys.push((next_key, tag));
                    next_key += 1;
                }
            }
        }
        let page_dict = doc
            .get_dictionary_mut(page_id)
            .map_err(|e| broken(e.to_string()))?;
        if !made.is_empty() {
            page_dict.set("Annots", made);
        }
        page_dict.set("StructParents", p as i64);
        // Tab through links in structure order (PDF/UA 7.18.3).
        page_dict.set("Tabs", name("S"));
        page_mcids.push(mcids);
    }

    // One object per element that has content.
    let ids: Vec<Option<ObjectId>> = opened
        .iter()
        .map(|&o| o.then(|| doc.new_object_id()))
        .collect();
    let id_of = |tag: Tag| ids.get(tag.index()).copied().flatten();
    let root_id = doc.new_object_id();
    let mut written = Written::new();
    for (i, kid_list) in kids.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        let tag = Tag(i as u32);
        let Some(node) = tree.get(tag) else { continue };
        let mut out = Vec::with_capacity(96);
        out.extend_from_slice(b"<</Type /StructElem/S ");
        write_name(&mut out, node.role.name().as_bytes());
        let parent = if tag == Tag::DOCUMENT {
            Some(root_id)
        } else {
            id_of(node.parent)
        };
        if let Some(parent) = parent {
            entry_reference(&mut out, b"/P ", parent);
        }
        // Only an element with content of its own has a page.
        let pg = first_page[i].map(|p| page_ids[p]);
        if let Some(pg) = pg {
            entry_reference(&mut out, b"/Pg ", pg);
        }
        out.extend_from_slice(b"/K [");
        let mut first = true;
        for child in kid_list {
            let separate = |out: &mut Vec<u8>, first: &mut bool| {
                if !std::mem::take(first) {
                    out.push(b' ');
                }
            };
            match *child {
                Child::Elem(t) => {
                    if let Some(kid) = id_of(t) {
                        separate(&mut out, &mut first);
                        reference(&mut out, kid.0, kid.1);
                    }
                }
                Child::Mcr { page, mcid } if Some(page_ids[page]) == pg => {
                    separate(&mut out, &mut first);
                    integer(&mut out, mcid);
                }
                Child::Mcr { page, mcid } => {
                    separate(&mut out, &mut first);
                    out.extend_from_slice(b"<</Type /MCR");
                    entry_reference(&mut out, b"/Pg ", page_ids[page]);
                    out.extend_from_slice(b"/MCID ");
                    integer(&mut out, mcid);
                    out.extend_from_slice(b">>");
                }
                Child::Objr { page, annot } => {
                    separate(&mut out, &mut first);
                    out.extend_from_slice(b"<</Type /OBJR");
                    entry_reference(&mut out, b"/Obj ", annot);
                    entry_reference(&mut out, b"/Pg ", page_ids[page]);
                    out.extend_from_slice(b">>");
                }
            }
        }
        out.push(b']');
        if let Some(alt) = node.alt.as_deref().filter(|_| node.role == Role::Figure) {
            out.extend_from_slice(b"/Alt ");
            Syntax::new(&mut |id| id).object(&mut out, &text_string(alt));
        }
        if let Some(actual) = &node.actual {
            out.extend_from_slice(b"/ActualText ");
            Syntax::new(&mut |id| id).object(&mut out, &text_string(actual));
        }
        match node.role {
            Role::TH(row) => {
                out.extend_from_slice(b"/A <</O /Table/Scope ");
                out.extend_from_slice(if row { b"/Row>>" } else { b"/Column>>" });
            }
            Role::L(numbering) => {
                out.extend_from_slice(b"/A <</O /List/ListNumbering ");
                out.extend_from_slice(match numbering {
                    Numbering::Decimal => b"/Decimal>>",
                    Numbering::Disc => b"/Disc>>",
                    Numbering::None => b"/None>>",
                });
            }
            _ => {}
        }
        out.extend_from_slice(b">>");
        written.insert(id.0, out);
    }

    // The parent tree: a page's MCIDs index an array of elements, an
    // annotation's key names its Link.
    let mut nums: Vec<u8> = b"<</Nums [".to_vec();
    let item = |out: &mut Vec<u8>, tag: Tag| match id_of(tag) {
        Some(id) => reference(out, id.0, id.1),
        None => out.extend_from_slice(b"null"),
    };
    for (p, mcids) in page_mcids.iter().enumerate() {
        if p > 0 {
            nums.push(b' ');
        }
        integer(&mut nums, p);
        nums.extend_from_slice(b" [");
        for (m, tag) in mcids.iter().enumerate() {
            if m > 0 {
                nums.push(b' ');
            }
            item(&mut nums, *tag);
        }
        nums.push(b']');
    }
    for (key, tag) in annot_keys {
        nums.push(b' ');
        integer(&mut nums, key);
        nums.push(b' ');
        item(&mut nums, tag);
    }
    nums.extend_from_slice(b"]>>");
    let parent_tree = doc.new_object_id();
    written.insert(parent_tree.0, nums);

    let mut root = b"<</Type /StructTreeRoot".to_vec();
    if let Some(document) = id_of(Tag::DOCUMENT) {
        entry_reference(&mut root, b"/K ", document);
    }
    entry_reference(&mut root, b"/ParentTree ", parent_tree);
    root.extend_from_slice(b"/ParentTreeNextKey ");
    integer(&mut root, next_key);
    root.extend_from_slice(b">>");
    written.insert(root_id.0, root);

    let catalog = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| broken(e.to_string()))?;
    let catalog = doc
        .get_dictionary_mut(catalog)
        .map_err(|e| broken(e.to_string()))?;
    catalog.set("StructTreeRoot", root_id);
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", true);
    catalog.set("MarkInfo", mark_info);
    Ok(written)
}

/// A dictionary entry `key` (with its slash and a space) naming `id`.
fn entry_reference(out: &mut Vec<u8>, key: &[u8], id: ObjectId) {
    out.extend_from_slice(key);
    reference(out, id.0, id.1);
}

/// The entries of a page's `/Annots`, direct or behind a reference.
fn annotations(doc: &Document, page: ObjectId) -> Result<Vec<Object>, String> {
    let dict = doc.get_dictionary(page).map_err(|e| e.to_string())?;
    Ok(match dict.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(id)) => doc
            .get_object(*id)
            .and_then(Object::as_array)
            .map_err(|e| e.to_string())?
            .clone(),
        _ => Vec::new(),
    })
}
