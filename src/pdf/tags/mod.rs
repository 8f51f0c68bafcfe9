//! The PDF's logical structure: what a screen reader hears, in order.
//!
//! While composing, every drawing that carries meaning gets a [`Tag`]: the
//! node of a [`Tree`] it belongs to (a heading, a paragraph, a list item's
//! label, a figure, a link). Rules, grounds and other decoration keep
//! [`Tag::NONE`] and are written as artifacts. [`write`] turns the tree
//! and the marked content of the pages into the PDF's structure tree.
//!
//! The tree's children are ordered as their content first appears on the
//! pages, which is reading order because the layout draws in reading
//! order.

mod write;

pub use write::{Kid, PageTags, write};

/// A drawing's place in the structure tree: an index into a [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(u32);

impl Tag {
    /// The root `Document` element.
    pub const DOCUMENT: Tag = Tag(0);
    /// Not tagged: decoration, written as an artifact.
    pub const NONE: Tag = Tag(u32::MAX);
    /// Laid out as part of a link, not yet given its `Link` element (see
    /// [`Tree::adopt`]).
    pub const LINKED: Tag = Tag(u32::MAX - 1);
    /// A blank line to write a value on, not yet given its `Span` (see
    /// [`Tree::adopt`]).
    pub const BLANK: Tag = Tag(u32::MAX - 2);
    /// Drawn again, already read where it was first drawn (a table's
    /// heading row atop the next page): an artifact, text included.
    pub const REPEATED: Tag = Tag(u32::MAX - 3);

    /// Whether this is a real node (not [`Tag::NONE`] or a placeholder).
    pub fn is_node(self) -> bool {
        self.0 < u32::MAX - 3
    }

    fn index(self) -> usize {
        self.0 as usize
    }
}

/// A structure type (ISO 32000-1, 14.8.4): only standard ones, so no role
/// map is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The whole guide.
    Document,
    /// A heading, level 1 to 6.
    H(u8),
    /// A paragraph.
    P,
    /// A list, and how its items are marked.
    L(Numbering),
    /// A list item.
    LI,
    /// A list item's bullet, number or check box.
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell; `true` for a row header, `false` for a column's.
    TH(bool),
    /// A data cell.
    TD,
    /// A group of elements: caution and tip boxes, the packing slip.
    Div,
    /// A quotation.
    BlockQuote,
    /// A picture, a QR code or a barcode, with its alternative text.
    Figure,
    /// A link; its annotations are its children.
    Link,
    /// A piece of a line: a blank to write on.
    Span,
}

impl Role {
    /// The name written in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L(_) => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Div => "Div",
            Role::BlockQuote => "BlockQuote",
            Role::Figure => "Figure",
            Role::Link => "Link",
            Role::Span => "Span",
        }
    }
}

/// How a list's items are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// 1, 2, 3.
    Decimal,
    /// Bullets.
    Disc,
    /// Check boxes: no number or bullet.
    None,
}

/// One element of the structure tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// Its parent ([`Tag::DOCUMENT`] for the root itself).
    pub parent: Tag,
    /// Alternative text (figures), or the words a link's annotations are
    /// described with.
    pub alt: Option<String>,
    /// The text it stands for when its content is not text (a check box
    /// drawn as a square).
    pub actual: Option<String>,
}

/// The structure tree of one PDF.
#[derive(Debug, Clone)]
pub struct Tree {
    nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Tree {
        Tree::new()
    }
}

impl Tree {
    /// A tree holding only the `Document` element.
    pub fn new() -> Tree {
        Tree {
            nodes: vec![Node {
                role: Role::Document,
                parent: Tag::DOCUMENT,
                alt: None,
                actual: None,
            }],
        }
    }

    /// Adds an element under `parent`.
    pub fn add(&mut self, role: Role, parent: Tag) -> Tag {
        let parent = if parent.is_node() {
            parent
        } else {
            Tag::DOCUMENT
        };
        self.nodes.push(Node {
            role,
            parent,
            alt: None,
            actual: None,
        });
        Tag(self.nodes.len() as u32 - 1)
    }

    /// Adds a figure with its alternative text.
    pub fn figure(&mut self, alt: &str, parent: Tag) -> Tag {
        let tag = self.add(Role::Figure, parent);
        self.nodes[tag.index()].alt = Some(alt.to_string());
        tag
    }

    /// The element `tag` names, if it is one.
    pub fn get(&self, tag: Tag) -> Option<&Node> {
        tag.is_node().then(|| self.nodes.get(tag.index())).flatten()
    }

    fn get_mut(&mut self, tag: Tag) -> Option<&mut Node> {
        if tag.is_node() {
            self.nodes.get_mut(tag.index())
        } else {
            None
        }
    }

    /// Sets the words a link's annotation is described with.
    pub fn describe(&mut self, tag: Tag, words: &str) {
        if let Some(node) = self.get_mut(tag) {
            node.alt = Some(words.to_string());
        }
    }

    /// Sets the text an element with drawn, not written, content stands
    /// for.
    pub fn set_actual(&mut self, tag: Tag, text: &str) {
        if let Some(node) = self.get_mut(tag) {
            node.actual = Some(text.to_string());
        }
    }

    /// Makes the untagged drawings of `draws` part of `tag`: text and
    /// link areas laid out as a link get a `Link` element under `tag` of
    /// their own (one per run of the same target), described by their
    /// text; a blank line to write on gets a `Span` read as `blank`.
    pub fn adopt<'d>(
        &mut self,
        tag: Tag,
        draws: impl Iterator<Item = &'d mut crate::pdf::flow::Draw>,
        blank: &str,
    ) {
        use crate::pdf::flow::Draw;
        // The open link: its element and target.
        let mut link: Option<(Tag, crate::pdf::flow::LinkTo)> = None;
        for d in draws {
            match d {
                Draw::Link { to, tag: t, .. } if *t == Tag::NONE => {
                    let same = link.as_ref().filter(|(_, open)| open == to).map(|l| l.0);
                    let node = same.unwrap_or_else(|| self.add(Role::Link, tag));
                    link = Some((node, to.clone()));
                    *t = node;
                }
                Draw::Text { tag: t, text, .. } if *t == Tag::LINKED => {
                    let node = link.as_ref().map_or(tag, |l| l.0);
                    if let Some(n) = self.get_mut(node).filter(|n| n.role == Role::Link) {
                        let alt = n.alt.get_or_insert_with(String::new);
                        alt.push_str(text);
                    }
                    *t = node;
                }
                Draw::Text { tag: t, .. } if *t == Tag::NONE => {
                    link = None;
                    *t = tag;
                }
                Draw::Line { tag: t, .. } if *t == Tag::BLANK => {
                    let span = self.add(Role::Span, tag);
                    self.set_actual(span, &format!("({blank})"));
                    *t = span;
                }
                Draw::Image { tag: t, .. }
                | Draw::Qr { tag: t, .. }
                | Draw::Bars { tag: t, .. }
                    if *t == Tag::NONE =>
                {
                    *t = tag;
                }
                _ => {}
            }
        }
    }

    /// How many elements there are, the root included.
    pub(super) fn len(&self) -> usize {
        self.nodes.len()
    }
}
