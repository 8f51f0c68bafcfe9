//! The structure tree into the PDF (ISO 32000-1, 14.7–14.8): one struct
//! element per node that has content, the parent tree that leads from
//! each piece of marked content and each link annotation back to its
//! element, and the marks a tagged PDF carries (`/MarkInfo`, `/Tabs`).

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Numbering, Role, Tag, Tree};
use crate::pdf::finish::text_string;

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
/// `doc`: the pages are `doc`'s, in order.
pub fn write(doc: &mut Document, tree: &Tree, pages: &[PageTags]) -> Result<(), String> {
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
    for (i, kid_list) in kids.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        let tag = Tag(i as u32);
        let Some(node) = tree.get(tag) else { continue };
        let mut elem = Dictionary::new();
        elem.set("Type", name("StructElem"));
        elem.set("S", name(node.role.name()));
        let parent = if tag == Tag::DOCUMENT {
            Some(root_id)
        } else {
            id_of(node.parent)
        };
        if let Some(parent) = parent {
            elem.set("P", parent);
        }
        // Only an element with content of its own has a page.
        let pg = first_page[i].map(|p| page_ids[p]);
        if let Some(pg) = pg {
            elem.set("Pg", pg);
        }
        let k: Vec<Object> = kid_list
            .iter()
            .filter_map(|c| match c {
                Child::Elem(t) => id_of(*t).map(Object::Reference),
                Child::Mcr { page, mcid } if Some(page_ids[*page]) == pg => {
                    Some(Object::Integer(i64::from(*mcid)))
                }
                Child::Mcr { page, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", name("MCR"));
                    mcr.set("Pg", page_ids[*page]);
                    mcr.set("MCID", i64::from(*mcid));
                    Some(Object::Dictionary(mcr))
                }
                Child::Objr { page, annot } => {
                    let mut objr = Dictionary::new();
                    objr.set("Type", name("OBJR"));
                    objr.set("Obj", *annot);
                    objr.set("Pg", page_ids[*page]);
                    Some(Object::Dictionary(objr))
                }
            })
            .collect();
        elem.set("K", k);
        if let Some(alt) = node.alt.as_deref().filter(|_| node.role == Role::Figure) {
            elem.set("Alt", text_string(alt));
        }
        if let Some(actual) = &node.actual {
            elem.set("ActualText", text_string(actual));
        }
        match node.role {
            Role::TH(row) => {
                let mut a = Dictionary::new();
                a.set("O", name("Table"));
                a.set("Scope", name(if row { "Row" } else { "Column" }));
                elem.set("A", a);
            }
            Role::L(numbering) => {
                let mut a = Dictionary::new();
                a.set("O", name("List"));
                a.set(
                    "ListNumbering",
                    name(match numbering {
                        Numbering::Decimal => "Decimal",
                        Numbering::Disc => "Disc",
                        Numbering::None => "None",
                    }),
                );
                elem.set("A", a);
            }
            _ => {}
        }
        doc.objects.insert(id, Object::Dictionary(elem));
    }

    // The parent tree: a page's MCIDs index an array of elements, an
    // annotation's key names its Link.
    let mut nums: Vec<Object> = Vec::new();
    for (p, mcids) in page_mcids.iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        let elems: Vec<Object> = mcids
            .iter()
            .map(|t| id_of(*t).map_or(Object::Null, Object::Reference))
            .collect();
        nums.push(Object::Array(elems));
    }
    for (key, tag) in annot_keys {
        nums.push(Object::Integer(key));
        nums.push(id_of(tag).map_or(Object::Null, Object::Reference));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", nums);
    let parent_tree = doc.add_object(parent_tree);

    let mut root = Dictionary::new();
    root.set("Type", name("StructTreeRoot"));
    if let Some(document) = id_of(Tag::DOCUMENT) {
        root.set("K", document);
    }
    root.set("ParentTree", parent_tree);
    root.set("ParentTreeNextKey", next_key);
    doc.objects.insert(root_id, Object::Dictionary(root));

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
    Ok(())
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
