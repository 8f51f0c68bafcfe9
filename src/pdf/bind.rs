//! Binding finished PDFs into one print file: a campaign's customers, one
//! after the other, for a print house.
//!
//! Each PDF's pages are copied with what they draw (content, fonts,
//! pictures, links between its own pages); its catalog, outline and
//! structure tree stay behind, since a print file is for a press, not a
//! screen reader. A stream that refers to nothing (a photo, a diagram, a
//! font) and is already in the file, from an earlier customer, is not
//! written again: the copy points at the one there. Objects are written as
//! they are copied, so memory holds
//! one customer at a time however long the campaign. Every customer's
//! guide begins on the front of a sheet: a guide with an odd number of
//! pages is followed by a blank back.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use std::borrow::Cow;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::syntax::{Syntax, any_reference};

/// Pages under one node of the page tree: viewers and RIPs page through a
/// balanced tree faster than through one list of 100,000 pages.
const NODE_PAGES: usize = 256;

/// Attributes a page takes from its parents when it does not set them.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// The print file being written.
pub struct Binder<W: Write> {
    out: CountingWriter<W>,
    /// Where each object starts, by number (0 is the free head).
    offsets: Vec<u64>,
    /// The page-tree nodes, each with its pages.
    nodes: Vec<(u32, Vec<u32>)>,
    pages: u64,
    /// The font of a contact sheet's captions, once written.
    caption_font: Option<u32>,
    /// Where an object is put together before it is written.
    scratch: Vec<u8>,
    /// Streams already written that refer to nothing (pictures, diagrams,
    /// fonts), by fingerprint: every customer's guide has the same photos
    /// and diagrams, and the print file holds each once.
    shared: HashMap<(u64, u64), u32>,
}

/// Streams remembered for sharing at most: a campaign's shared streams
/// come back with every customer, so forgetting them all now and then
/// costs one more copy of each, and memory stays flat however many rows.
const SHARED_KEPT: usize = 4096;

/// Where one customer's guide landed in the print file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// Its first page in the print file, from 1.
    pub first_page: u64,
    /// Its own pages.
    pub pages: u64,
    /// The sheets it takes, printed on both sides.
    pub sheets: u64,
}

/// The page tree's root and the catalog are the first two objects,
/// written last.
const CATALOG: u32 = 1;
const ROOT: u32 = 2;

impl<W: Write> Binder<W> {
    /// Starts a print file written to `out`.
    pub fn new(out: W) -> std::io::Result<Binder<W>> {
        let mut out = CountingWriter { inner: out, at: 0 };
        // The second line's high bytes tell transfer tools the file is binary.
        out.write_all(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")?;
        Ok(Binder {
            out,
            offsets: vec![0, 0, 0],
            nodes: Vec::new(),
            pages: 0,
            caption_font: None,
            scratch: Vec::new(),
            shared: HashMap::new(),
        })
    }

    /// Appends every page of `doc` (see [`read`]), then a blank back if
    /// the count is odd.
    pub fn append(&mut self, doc: &Source<'_>) -> Result<Bound, String> {
        let pages = doc.pages()?;
        if pages.is_empty() {
            return Err("the PDF has no pages".into());
        }
        let first_page = self.pages + 1;
        let mut copy = Copy {
            pages: pages.iter().copied().collect(),
            numbers: HashMap::new(),
            queue: Vec::new(),
        };
        // Pages first, so links between them find their numbers.
        let numbers: Vec<u32> = pages.iter().map(|&id| copy.number(self, doc, id)).collect();
        let mut last_box = None;
        for (&id, &number) in pages.iter().zip(&numbers) {
            let mut page = match doc.object(id).as_deref() {
                Some(Object::Dictionary(d)) => d.clone(),
                _ => return Err(format!("page object {} {} is not a page", id.0, id.1)),
            };
            for key in INHERITED {
                if !page.has(key)
                    && let Some(value) = inherited(doc, &page, key)
                {
                    page.set(key, value);
                }
            }
            // The structure tree is not copied: nothing may point into it.
            for key in [&b"Parent"[..], b"StructParents"] {
                page.remove(key);
            }
            last_box = page.get(b"MediaBox").ok().cloned();
            let parent = self.parent_for(number);
            copy.write(self, doc, number, &Object::Dictionary(page), Some(parent))
                .map_err(|e| e.to_string())?;
            copy.drain(self, doc).map_err(|e| e.to_string())?;
        }
        self.pages += pages.len() as u64;
        let mut sheets_pages = pages.len() as u64;
        if sheets_pages % 2 == 1 {
            let media_box = last_box
                .unwrap_or_else(|| Object::Array(vec![0.into(), 0.into(), 612.into(), 792.into()]));
            self.add_page(media_box, Dictionary::new(), None)?;
            sheets_pages += 1;
        }
        Ok(Bound {
            first_page,
            pages: pages.len() as u64,
            sheets: sheets_pages / 2,
        })
    }

    /// Appends one landscape page showing every page of the PDF `bytes`
    /// small, in a grid, under `caption` (ASCII): a proof sheet for an
    /// operator to look over before printing. The pages are drawn, not
    /// pictured, so the proof stays sharp at any zoom.
    pub fn append_contact_sheet(&mut self, doc: &Source<'_>, caption: &str) -> Result<(), String> {
        let pages = doc.pages()?;
        if pages.is_empty() {
            return Err("the PDF has no pages".into());
        }
        let mut copy = Copy {
            pages: HashSet::new(),
            numbers: HashMap::new(),
            queue: Vec::new(),
        };
        // Each page as a form: its content, its resources and its box.
        let mut forms = Vec::with_capacity(pages.len());
        for &id in &pages {
            let page = doc.object(id);
            let Some(Object::Dictionary(page)) = page.as_deref() else {
                return Err(format!("page object {} {} is not a page", id.0, id.1));
            };
            let look = |key: &[u8]| {
                page.get(key)
                    .ok()
                    .cloned()
                    .or_else(|| inherited(doc, page, key))
            };
            let media: Vec<f32> = match look(b"MediaBox") {
                Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_float().ok()).collect(),
                _ => Vec::new(),
            };
            let [x0, y0, x1, y1] = media[..] else {
                return Err("a page has no size (MediaBox)".into());
            };
            let content = doc.page_content(page)?;
            let mut dict = Dictionary::new();
            dict.set("Type", Object::Name(b"XObject".to_vec()));
            dict.set("Subtype", Object::Name(b"Form".to_vec()));
            dict.set(
                "BBox",
                Object::Array(vec![x0.into(), y0.into(), x1.into(), y1.into()]),
            );
            // The page's resources, still numbered as in `doc`: the copy
            // renumbers them (nothing else here refers to an object).
            if let Some(resources) = look(b"Resources") {
                dict.set("Resources", resources);
            }
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            let form = lopdf::Stream::new(dict, super::finish::deflate(&content, 6));
            let number = self.allocate();
            copy.write(self, doc, number, &Object::Stream(form), None)
                .map_err(|e| e.to_string())?;
            copy.drain(self, doc).map_err(|e| e.to_string())?;
            forms.push((number, x1 - x0, y1 - y0));
        }

        // The sheet: US Letter across, the caption on top, the pages in
        // the grid that shows them largest.
        let (width, height, margin, gap, top) = (792.0_f32, 612.0_f32, 30.0, 12.0, 40.0);
        let (page_w, page_h) = (forms[0].1, forms[0].2);
        let (room_w, room_h) = (width - 2.0 * margin, height - margin - top);
        let count = forms.len();
        let (cols, scale) = (1..=count)
            .map(|cols| {
                let rows = count.div_ceil(cols) as f32;
                let cell_w = (room_w - gap * (cols as f32 - 1.0)) / cols as f32;
                let cell_h = (room_h - gap * (rows - 1.0)) / rows - 10.0;
                (cols, (cell_w / page_w).min(cell_h / page_h))
            })
            .fold((1, 0.0_f32), |best, c| if c.1 > best.1 { c } else { best });
        let mut content = format!(
            "BT /F1 12 Tf {margin} {} Td ({}) Tj ET\n0.6 G 0.5 w\n",
            height - margin + 4.0 - 12.0,
            literal(caption)
        );
        let mut xobjects = Dictionary::new();
        for (i, (number, w, h)) in forms.iter().enumerate() {
            let (col, row) = ((i % cols) as f32, (i / cols) as f32);
            let x = margin + col * (page_w * scale + gap);
            let y = height - top - (row + 1.0) * (page_h * scale + 10.0 + gap) + gap;
            let name = format!("P{}", i + 1);
            content.push_str(&format!(
                "q {scale} 0 0 {scale} {x} {} cm /{name} Do Q\n{x} {} {} {} re S\nBT /F1 7 Tf {x} {} Td ({}) Tj ET\n",
                y + 10.0,
                y + 10.0,
                w * scale,
                h * scale,
                y + 1.0,
                i + 1
            ));
            xobjects.set(name, Object::Reference((*number, 0)));
        }
        let font = match self.caption_font {
            Some(font) => font,
            None => {
                let font = self.allocate();
                let mut d = Dictionary::new();
                d.set("Type", Object::Name(b"Font".to_vec()));
                d.set("Subtype", Object::Name(b"Type1".to_vec()));
                d.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
                d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
                self.write(font, &Object::Dictionary(d))
                    .map_err(|e| e.to_string())?;
                self.caption_font = Some(font);
                font
            }
        };
        let mut fonts = Dictionary::new();
        fonts.set("F1", Object::Reference((font, 0)));
        let mut resources = Dictionary::new();
        resources.set("XObject", Object::Dictionary(xobjects));
        resources.set("Font", Object::Dictionary(fonts));
        let mut stream_dict = Dictionary::new();
        stream_dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let stream = lopdf::Stream::new(stream_dict, super::finish::deflate(content.as_bytes(), 6));
        let contents = self.allocate();
        self.write(contents, &Object::Stream(stream))
            .map_err(|e| e.to_string())?;
        let media_box = Object::Array(vec![0.into(), 0.into(), width.into(), height.into()]);
        self.add_page(media_box, resources, Some(contents))
    }

    /// Adds a page of the binder's own (a blank back, a proof sheet).
    fn add_page(
        &mut self,
        media_box: Object,
        resources: Dictionary,
        contents: Option<u32>,
    ) -> Result<(), String> {
        let number = self.allocate();
        let parent = self.parent_for(number);
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference((parent, 0)));
        page.set("MediaBox", media_box);
        page.set("Resources", Object::Dictionary(resources));
        if let Some(contents) = contents {
            page.set("Contents", Object::Reference((contents, 0)));
        }
        self.write(number, &Object::Dictionary(page))
            .map_err(|e| e.to_string())?;
        self.pages += 1;
        Ok(())
    }

    /// Pages in the file so far, blank backs included.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Writes the page tree, the catalog and the cross-reference table,
    /// and hands back the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        let nodes = std::mem::take(&mut self.nodes);
        for (node, kids) in &nodes {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"Pages".to_vec()));
            d.set("Parent", Object::Reference((ROOT, 0)));
            d.set("Count", kids.len() as i64);
            d.set(
                "Kids",
                kids.iter()
                    .map(|&k| Object::Reference((k, 0)))
                    .collect::<Vec<_>>(),
            );
            self.write(*node, &Object::Dictionary(d))?;
        }
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Pages".to_vec()));
        root.set("Count", self.pages as i64);
        root.set(
            "Kids",
            nodes
                .iter()
                .map(|(n, _)| Object::Reference((*n, 0)))
                .collect::<Vec<_>>(),
        );
        self.write(ROOT, &Object::Dictionary(root))?;
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((ROOT, 0)));
        self.write(CATALOG, &Object::Dictionary(catalog))?;

        let xref = self.out.at;
        let out = &mut self.out;
        write!(out, "xref\n0 {}\n0000000000 65535 f \n", self.offsets.len())?;
        for offset in &self.offsets[1..] {
            // Each entry is exactly 20 bytes, its line end included.
            writeln!(out, "{offset:010} 00000 n ")?;
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root {CATALOG} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len()
        )?;
        out.flush()?;
        Ok(self.out.inner)
    }

    /// A new object number.
    fn allocate(&mut self) -> u32 {
        self.offsets.push(0);
        (self.offsets.len() - 1) as u32
    }

    /// The page-tree node the page `number` goes under.
    fn parent_for(&mut self, number: u32) -> u32 {
        if self
            .nodes
            .last()
            .is_none_or(|(_, kids)| kids.len() >= NODE_PAGES)
        {
            let node = self.allocate();
            self.nodes.push((node, Vec::with_capacity(NODE_PAGES)));
        }
        let (node, kids) = self.nodes.last_mut().expect("a node was just added");
        kids.push(number);
        *node
    }

    /// Writes one of the binder's own objects, whose references are final.
    fn write(&mut self, number: u32, object: &Object) -> std::io::Result<()> {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        Syntax::new(&mut |id| id)
            .omitting(b"StructParent")
            .object(&mut buf, object);
        let written = self.write_raw(number, &buf);
        self.scratch = buf;
        written
    }

    fn write_raw(&mut self, number: u32, body: &[u8]) -> std::io::Result<()> {
        self.offsets[number as usize] = self.out.at;
        writeln!(self.out, "{number} 0 obj")?;
        self.out.write_all(body)?;
        self.out.write_all(b"\nendobj\n")
    }
}

/// A finished PDF to bind, read as little as binding needs.
pub enum Source<'a> {
    /// Read object by object through its cross-reference table: a tagged
    /// guide has ten objects of structure tree for each one a page draws
    /// with, and binding reads only the latter.
    Lazy(Box<lopdf::Reader<'a>>),
    /// Read whole, when its cross-reference section is neither a lone
    /// plain table nor a lone stream (see `lazy_reader`).
    Whole(Box<Document>),
}

/// Opens a finished PDF for binding.
pub fn read(bytes: &[u8]) -> Result<Source<'_>, String> {
    if let Some(reader) = lazy_reader(bytes) {
        return Ok(Source::Lazy(Box::new(reader)));
    }
    Document::load_mem(bytes)
        .map(|doc| Source::Whole(Box::new(doc)))
        .map_err(|e| format!("cannot read the PDF back: {e}"))
}

impl Source<'_> {
    /// Object `id`, if the file has it.
    fn object(&self, id: ObjectId) -> Option<Cow<'_, Object>> {
        match self {
            Source::Lazy(reader) => self
                .read(id)
                .map(super::parse::Read::into_object)
                .or_else(|| reader.get_object(id, &mut HashSet::new()).ok())
                .map(Cow::Owned),
            Source::Whole(doc) => doc.get_object(id).ok().map(Cow::Borrowed),
        }
    }

    /// Object `id` read by swapguide's own reader, when the file is read
    /// object by object and the object is in swapguide's own syntax (see
    /// [`super::parse`]); lopdf reads anything else.
    fn read(&self, id: ObjectId) -> Option<super::parse::Read<'_>> {
        let Source::Lazy(reader) = self else {
            return None;
        };
        match reader.document.reference_table.get(id.0) {
            Some(lopdf::xref::XrefEntry::Normal { offset, generation }) if *generation == id.1 => {
                super::parse::indirect(reader.buffer, *offset as usize, id)
            }
            _ => None,
        }
    }

    /// The pages, in order.
    fn pages(&self) -> Result<Vec<ObjectId>, String> {
        let pages = match self {
            Source::Whole(doc) => doc.get_pages().into_values().collect(),
            Source::Lazy(reader) => {
                let root = reader
                    .document
                    .trailer
                    .get(b"Root")
                    .and_then(Object::as_reference)
                    .ok();
                let tree = root
                    .and_then(|r| self.object(r))
                    .and_then(|c| c.as_dict().ok()?.get(b"Pages").ok()?.as_reference().ok());
                let mut pages = Vec::new();
                if let Some(tree) = tree {
                    self.collect_pages(tree, 0, &mut pages);
                }
                pages
            }
        };
        if pages.is_empty() {
            return Err("the PDF has no pages".into());
        }
        Ok(pages)
    }

    /// The pages under the page-tree node `node`, in order.
    fn collect_pages(&self, node: ObjectId, depth: usize, pages: &mut Vec<ObjectId>) {
        let Some(object) = self.object(node) else {
            return;
        };
        let Ok(d) = object.as_dict() else {
            return;
        };
        if d.has_type(b"Page") {
            pages.push(node);
        } else if let Ok(kids) = d.get(b"Kids").and_then(Object::as_array)
            && depth < 32
        {
            for kid in kids.iter().filter_map(|k| k.as_reference().ok()) {
                self.collect_pages(kid, depth + 1, pages);
            }
        }
    }

    /// A page's content, its streams decoded and joined.
    fn page_content(&self, page: &Dictionary) -> Result<Vec<u8>, String> {
        let ids: Vec<ObjectId> = match page.get(b"Contents") {
            Ok(Object::Reference(id)) => vec![*id],
            Ok(Object::Array(items)) => {
                items.iter().filter_map(|o| o.as_reference().ok()).collect()
            }
            _ => Vec::new(),
        };
        let mut content = Vec::new();
        for id in ids {
            let stream = self.object(id);
            let Some(Object::Stream(stream)) = stream.as_deref() else {
                return Err("a page's content is not a stream".into());
            };
            let data = stream
                .decompressed_content()
                .map_err(|e| format!("a page's content cannot be read: {e}"))?;
            content.extend_from_slice(&data);
            content.push(b'\n');
        }
        Ok(content)
    }
}

/// A reader that reads objects when asked, for an unencrypted file whose
/// last cross-reference section is its only one: a plain table, or a
/// stream (as swapguide writes its guides); `None` for any other.
fn lazy_reader(bytes: &[u8]) -> Option<lopdf::Reader<'_>> {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let start: usize = std::str::from_utf8(&tail[at + 9..])
        .ok()?
        .split_ascii_whitespace()
        .next()?
        .parse()
        .ok()?;
    let section = bytes.get(start..)?;
    let (xref, root) = match section.strip_prefix(b"xref") {
        Some(table) => xref_table(table)?,
        None => xref_stream(bytes, start)?,
    };
    let mut reader = reader_over(bytes, xref);
    reader.document.trailer.set("Root", Object::Reference(root));
    Some(reader)
}

/// A reader of `bytes` that finds objects through `xref`.
fn reader_over(bytes: &[u8], mut xref: lopdf::xref::Xref) -> lopdf::Reader<'_> {
    let mut document = Document::new();
    xref.size = xref.max_id() + 1;
    document.reference_table = xref;
    lopdf::Reader {
        buffer: bytes,
        document,
        encryption_state: None,
        raw_objects: Default::default(),
        password: None,
        strict: false,
        max_decompressed_size: Some(64 << 20),
    }
}

/// A plain cross-reference table (after its `xref` keyword) and its
/// trailer's /Root.
fn xref_table(mut rest: &[u8]) -> Option<(lopdf::xref::Xref, ObjectId)> {
    use lopdf::xref::{Xref, XrefEntry, XrefType};
    let mut xref = Xref::new(0, XrefType::CrossReferenceTable);
    // Subsections: "first count" then count entries of 20 bytes each.
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"trailer") {
            break;
        }
        let line_end = rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
        let line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let mut numbers = line.split_ascii_whitespace().map(str::parse::<u32>);
        let (first, count) = (numbers.next()?.ok()?, numbers.next()?.ok()?);
        rest = rest[line_end..].trim_ascii_start();
        for i in 0..count {
            let entry = rest.get(..20)?;
            let offset: u32 = std::str::from_utf8(&entry[..10]).ok()?.parse().ok()?;
            let generation: u16 = std::str::from_utf8(&entry[11..16]).ok()?.parse().ok()?;
            if entry[17] == b'n' {
                xref.insert(first + i, XrefEntry::Normal { offset, generation });
            }
            rest = &rest[20..];
        }
    }
    // The trailer: only its /Root is needed, and there must be no
    // /Encrypt (or /Prev: earlier sections) to take into account.
    let trailer = &rest[..rest.windows(9).position(|w| w == b"startxref")?];
    if [&b"/Encrypt"[..], b"/Prev", b"/XRefStm"]
        .iter()
        .any(|k| trailer.windows(k.len()).any(|w| w == *k))
    {
        return None;
    }
    let root = trailer.windows(5).position(|w| w == b"/Root")?;
    let mut words = std::str::from_utf8(&trailer[root + 5..])
        .ok()?
        .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .filter(|w| !w.is_empty());
    let (number, generation) = (words.next()?.parse().ok()?, words.next()?.parse().ok()?);
    if words.next()? != "R" {
        return None;
    }
    Some((xref, (number, generation)))
}

/// A cross-reference stream, the object at `start`, and its /Root.
fn xref_stream(bytes: &[u8], start: usize) -> Option<(lopdf::xref::Xref, ObjectId)> {
    use lopdf::xref::{Xref, XrefEntry, XrefType};
    // "N G obj": read through a reader that knows only where it is.
    let head = std::str::from_utf8(bytes.get(start..start + 24)?.split(|&b| b == b'j').next()?);
    let mut words = head.ok()?.split_ascii_whitespace();
    let id: ObjectId = (words.next()?.parse().ok()?, words.next()?.parse().ok()?);
    let mut only = Xref::new(0, XrefType::CrossReferenceStream);
    only.insert(
        id.0,
        XrefEntry::Normal {
            offset: u32::try_from(start).ok()?,
            generation: id.1,
        },
    );
    let Object::Stream(stream) = reader_over(bytes, only)
        .get_object(id, &mut HashSet::new())
        .ok()?
    else {
        return None;
    };
    let dict = &stream.dict;
    if !dict.has_type(b"XRef") || dict.has(b"Encrypt") || dict.has(b"Prev") {
        return None;
    }
    let root = dict.get(b"Root").and_then(Object::as_reference).ok()?;
    let widths: Vec<usize> = dict
        .get(b"W")
        .and_then(Object::as_array)
        .ok()?
        .iter()
        .map(|w| w.as_i64().ok().and_then(|w| usize::try_from(w).ok()))
        .collect::<Option<_>>()?;
    let [w0, w1, w2] = widths[..] else {
        return None;
    };
    // Rows of no bytes would never end (and cannot be cut into).
    if w0 > 4 || w1 > 4 || w2 > 4 || w0 + w1 + w2 == 0 {
        return None;
    }
    let size = dict.get(b"Size").and_then(Object::as_i64).ok()?;
    let index: Vec<i64> = match dict.get(b"Index").and_then(Object::as_array) {
        Ok(items) => items
            .iter()
            .map(|i| i.as_i64().ok())
            .collect::<Option<_>>()?,
        Err(_) => vec![0, size],
    };
    let rows = stream.decompressed_content().ok()?;
    let field = |row: &[u8], from: usize, width: usize| {
        row[from..from + width]
            .iter()
            .fold(0u32, |n, &b| (n << 8) | u32::from(b))
    };
    let mut xref = Xref::new(0, XrefType::CrossReferenceStream);
    let mut rows = rows.chunks_exact(w0 + w1 + w2);
    for pair in index.chunks_exact(2) {
        let (first, count) = (u32::try_from(pair[0]).ok()?, u32::try_from(pair[1]).ok()?);
        for number in first..first.checked_add(count)? {
            let row = rows.next()?;
            // A missing type field means type 1.
            let kind = if w0 == 0 { 1 } else { field(row, 0, w0) };
            let (a, b) = (field(row, w0, w1), field(row, w0 + w1, w2));
            let entry = match kind {
                1 => XrefEntry::Normal {
                    offset: a,
                    generation: u16::try_from(b).ok()?,
                },
                2 => XrefEntry::Compressed {
                    container: a,
                    index: u16::try_from(b).ok()?,
                },
                _ => continue,
            };
            xref.insert(number, entry);
        }
    }
    Some((xref, root))
}

/// An attribute a page inherits from its page-tree parents.
fn inherited(doc: &Source<'_>, page: &Dictionary, key: &[u8]) -> Option<Object> {
    let mut parent = page.get(b"Parent").ok()?.as_reference().ok()?;
    for _ in 0..32 {
        let node = doc.object(parent)?;
        let node = node.as_dict().ok()?;
        if let Ok(value) = node.get(key) {
            return Some(value.clone());
        }
        parent = node.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// One PDF's objects being copied: their new numbers, and those numbered
/// but not yet written.
struct Copy {
    /// Its pages, which `append` writes itself.
    pages: HashSet<ObjectId>,
    numbers: HashMap<ObjectId, u32>,
    /// Objects numbered and not yet written: read, or already written out
    /// in PDF syntax (a stream referring to nothing).
    queue: Vec<(u32, Queued)>,
}

/// An object waiting to be written.
enum Queued {
    Read(Object),
    Serialized(Vec<u8>),
}

impl Copy {
    /// The new number of object `id`, queued for writing the first time.
    /// A stream that refers to nothing and is already in the print file
    /// (the same photo in the last customer's guide) takes that one's
    /// number instead.
    fn number<W: Write>(&mut self, binder: &mut Binder<W>, doc: &Source<'_>, id: ObjectId) -> u32 {
        if let Some(&n) = self.numbers.get(&id) {
            return n;
        }
        // Pages are written by `append` itself, not from the queue; a page
        // outside the page tree is copied as any other object would be.
        if self.pages.contains(&id) {
            let n = binder.allocate();
            self.numbers.insert(id, n);
            return n;
        }
        // Read once. A stream that refers to nothing, laid out as the
        // guide's writer lays it out: its bytes are what the slower path
        // below would write.
        let read = doc.read(id);
        if let Some(super::parse::Read::Stream {
            dict,
            written: Some(body),
            ..
        }) = &read
            && !dict
                .iter()
                .any(|(key, value)| key == b"StructParent" || any_reference(value, &mut |_| true))
        {
            return self.shared(binder, id, *body, |body| body.to_vec());
        }
        let object = match read {
            Some(read) => read.into_object(),
            None => doc.object(id).map_or(Object::Null, Cow::into_owned),
        };
        let queued = match &object {
            Object::Stream(stream) if !any_reference(&object, &mut |_| true) => {
                let mut body = Vec::with_capacity(stream.content.len() + 128);
                Syntax::new(&mut |_| (0, 0))
                    .omitting(b"StructParent")
                    .object(&mut body, &object);
                return self.shared(binder, id, body, |body| body);
            }
            _ => Queued::Read(object),
        };
        let n = binder.allocate();
        self.numbers.insert(id, n);
        self.queue.push((n, queued));
        n
    }

    /// The number of the stream written as `body`: the one already in the
    /// print file with those bytes, or a new one, queued with `owned`.
    fn shared<W: Write, B: AsRef<[u8]>>(
        &mut self,
        binder: &mut Binder<W>,
        id: ObjectId,
        body: B,
        owned: impl FnOnce(B) -> Vec<u8>,
    ) -> u32 {
        let key = (
            crate::fingerprint::of(body.as_ref(), 1),
            crate::fingerprint::of(body.as_ref(), 2),
        );
        if let Some(&n) = binder.shared.get(&key) {
            self.numbers.insert(id, n);
            return n;
        }
        if binder.shared.len() >= SHARED_KEPT {
            binder.shared.clear();
        }
        let n = binder.allocate();
        binder.shared.insert(key, n);
        self.numbers.insert(id, n);
        self.queue.push((n, Queued::Serialized(owned(body))));
        n
    }

    /// Writes every object queued, and those they queue in turn.
    fn drain<W: Write>(&mut self, binder: &mut Binder<W>, doc: &Source<'_>) -> std::io::Result<()> {
        while let Some((new, queued)) = self.queue.pop() {
            match queued {
                Queued::Read(object) => self.write(binder, doc, new, &object, None)?,
                Queued::Serialized(body) => binder.write_raw(new, &body)?,
            }
        }
        Ok(())
    }

    /// Writes `object` as object `number`, its references renumbered
    /// (and queued); a page gets `parent` as its /Parent.
    fn write<W: Write>(
        &mut self,
        binder: &mut Binder<W>,
        doc: &Source<'_>,
        number: u32,
        object: &Object,
        parent: Option<u32>,
    ) -> std::io::Result<()> {
        let mut buf = std::mem::take(&mut binder.scratch);
        buf.clear();
        // A link's /StructParent is left out: the structure tree it
        // points into is not copied.
        Syntax::new(&mut |id| (self.number(binder, doc, id), 0))
            .omitting(b"StructParent")
            .object(&mut buf, object);
        if let Some(parent) = parent {
            // Inside the page's dictionary, before its closing `>>`.
            buf.truncate(buf.len() - 2);
            let _ = write!(buf, "/Parent {parent} 0 R>>");
        }
        let written = binder.write_raw(number, &buf);
        binder.scratch = buf;
        written
    }
}

/// `text` as the inside of a PDF literal string: printable ASCII, with
/// its delimiters escaped; anything else becomes `?`.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// A writer that knows how many bytes it has written: the cross-reference
/// table needs each object's offset.
struct CountingWriter<W: Write> {
    inner: W,
    at: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.at += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use lopdf::dictionary;

    use super::*;

    /// A one-page PDF as swapguide saves its guides.
    fn saved() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages });
        let kids = vec![Object::Reference(page)];
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 1 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        super::super::save::save(&doc, &Default::default(), &Default::default())
            .unwrap()
            .0
    }

    #[test]
    fn a_cross_reference_stream_is_read_lazily() {
        let bytes = saved();
        let source = read(&bytes).unwrap();
        assert!(matches!(source, Source::Lazy(_)));
        assert_eq!(source.pages().unwrap().len(), 1);
    }

    #[test]
    fn a_cross_reference_stream_of_empty_rows_is_not_read_lazily() {
        let bytes = saved();
        let w = bytes.windows(10).position(|w| w == b"/W [1 4 2]").unwrap();
        let mut broken = bytes.clone();
        broken[w..w + 10].copy_from_slice(b"/W [0 0 0]");
        assert!(lazy_reader(&bytes).is_some());
        assert!(lazy_reader(&broken).is_none());
    }
}
