//! Carrier labels supplied as PDF: the first page is copied into the guide
//! as a form XObject, so it stays vector (barcodes stay sharp, nothing is
//! rasterised) and prints at its true size.
//!
//! The copy is made to fit the guide's archival, accessible PDF
//! (PDF/A-2, PDF/UA-1): each standard font the label names without
//! embedding it gets an embedded stand-in with the same widths
//! ([`StandIn`]), its text written in WinAnsi codes; the label's marked
//! content (its tags, whose numbers would clash with the guide's) and
//! layers are left behind; and no stream ends in a carriage return
//! ([`safe_end`]). What cannot be made to fit was refused when the label
//! was read (`crate::assets::label::survey`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::finish::{deflate, safe_end};
use crate::assets::label::ops::{self, Edit, Operand};
use crate::assets::label::survey::{
    self, Coded, LEFT_BEHIND, MAX_NESTING, TextFont, drawing_bytes, is_document_structure,
    is_drawing, page_resources,
};
use crate::assets::label::{first_page, load, media_box, page_content};
use crate::fonts::encoding::{self, Base};
use crate::fonts::standard::StandIn;

/// Replaces the placeholder XObject `name` in `doc` with the first page of
/// the PDF `bytes`, as a form XObject.
pub fn import(doc: &mut Document, name: &str, bytes: &[u8]) -> Result<(), String> {
    let src = load(bytes).map_err(|e| format!("the label is not a readable PDF: {e}"))?;
    let page = first_page(&src)?;
    let bbox = media_box(&src, page)?;
    let content = page_content(&src, page).map_err(|e| format!("the label {e}"))?;
    survey::survey(&src, page, &content).map_err(|e| format!("the label {e}"))?;
    let resources = page_resources(&src, page).map_err(|e| format!("the label {e}"))?;
    let content = redraw(&src, &content, &resources)?;
    let mut copier = Copier {
        src: &src,
        dst: doc,
        page_resources: &resources,
        seen: HashMap::new(),
        descriptors: HashMap::new(),
    };
    let resources = copier.copy(Object::Dictionary(resources.clone()), 0)?;

    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        bbox.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
    );
    dict.set("Resources", resources);
    let form = drawing_stream(dict, content);

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

/// Deep-copies objects from a label into the guide's document.
struct Copier<'a> {
    src: &'a Document,
    dst: &'a mut Document,
    /// The resources of the label's page, which a form without its own
    /// draws with.
    page_resources: &'a Dictionary,
    /// The label's objects already copied, and their ids in the guide.
    seen: HashMap<ObjectId, ObjectId>,
    /// Each stand-in's font descriptor (and font program) in the guide.
    descriptors: HashMap<StandIn, ObjectId>,
}

impl Copier<'_> {
    /// Copies `obj`, following references. Only what a page's drawing can
    /// use comes along: parent links, the document's own structure (its
    /// catalog, page tree and pages), actions (JavaScript, launches, open
    /// actions), tags and layers are left behind ([`LEFT_BEHIND`]), so a
    /// label whose resources point back at its catalog cannot bring pages
    /// or scripts into the customer's PDF. A standard font it does not
    /// embed becomes its stand-in.
    fn copy(&mut self, obj: Object, depth: usize) -> Result<Object, String> {
        if depth > MAX_NESTING {
            return Err(format!(
                "the label's resources nest more than {MAX_NESTING} deep; use the carrier's label as downloaded"
            ));
        }
        Ok(match obj {
            Object::Reference(id) => {
                if let Some(new) = self.seen.get(&id) {
                    return Ok(Object::Reference(*new));
                }
                let inner = self.src.get_object(id).cloned().unwrap_or(Object::Null);
                if is_document_structure(&inner) {
                    return Ok(Object::Null);
                }
                let new = self.dst.new_object_id();
                self.seen.insert(id, new);
                let copied = self.copy(inner, depth + 1)?;
                self.dst.objects.insert(new, copied);
                Object::Reference(new)
            }
            Object::Array(items) => Object::Array(
                items
                    .into_iter()
                    .map(|o| self.copy(o, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Object::Dictionary(d) => {
                match survey::stand_in(self.src, &d).map_err(|e| format!("the label {e}"))? {
                    Some((stand_in, coded)) => Object::Dictionary(self.font(stand_in, &coded)),
                    None => Object::Dictionary(self.copy_dict(d, depth)?),
                }
            }
            Object::Stream(s) => {
                let drawing = if is_drawing(&s.dict) {
                    let bytes = drawing_bytes(&s).map_err(|e| {
                        format!("the label has a drawing that cannot be read ({e})")
                    })?;
                    let own = s
                        .dict
                        .get_deref(b"Resources", self.src)
                        .and_then(Object::as_dict)
                        .ok();
                    Some(redraw(
                        self.src,
                        &bytes,
                        own.unwrap_or(self.page_resources),
                    )?)
                } else {
                    None
                };
                let dict = self.copy_dict(s.dict, depth)?;
                let stream = match drawing {
                    // A form's or pattern's drawing, as the guide writes it.
                    Some(bytes) => {
                        let mut dict = dict;
                        dict.remove(b"Filter");
                        dict.remove(b"DecodeParms");
                        drawing_stream(dict, bytes)
                    }
                    None => {
                        let mut stream = Stream::new(dict, s.content);
                        stream.allows_compression = s.allows_compression;
                        safe_end(&mut stream);
                        stream
                    }
                };
                Object::Stream(stream)
            }
            other => other,
        })
    }

    /// Copies a dictionary's entries but those left behind.
    fn copy_dict(&mut self, d: Dictionary, depth: usize) -> Result<Dictionary, String> {
        let mut out = Dictionary::new();
        for (k, v) in d.into_iter() {
            if LEFT_BEHIND.contains(&k.as_slice()) {
                continue;
            }
            out.set(k, self.copy(v, depth + 1)?);
        }
        Ok(out)
    }

    /// The font dictionary of `stand_in` for a label font whose codes
    /// stand for what `coded` says: a TrueType font in WinAnsiEncoding
    /// (with differences named from the Adobe Glyph List for characters
    /// WinAnsi lacks), the stand-in's widths and a ToUnicode map.
    fn font(&mut self, stand_in: StandIn, coded: &Coded) -> Dictionary {
        let codes = coded.font_codes(stand_in);
        let mut differences = Vec::new();
        let mut last = None;
        for &(code, c) in &codes {
            if Base::WinAnsi.char(code) == Some(c) {
                continue;
            }
            let Some(name) = encoding::name_of(c) else {
                continue;
            };
            if last.is_none_or(|l: u8| l.checked_add(1) != Some(code)) {
                differences.push(Object::Integer(i64::from(code)));
            }
            differences.push(Object::Name(name.as_bytes().to_vec()));
            last = Some(code);
        }
        let first = codes.first().map_or(32, |w| w.0);
        let last = codes.last().map_or(32, |w| w.0);
        let widths: Vec<Object> = (first..=last)
            .map(|code| {
                let c = match codes.binary_search_by_key(&code, |w| w.0) {
                    Ok(i) => Some(codes[i].1),
                    Err(_) => Base::WinAnsi.char(code),
                };
                // Whole units: the widths of the fonts the stand-ins
                // replace, so the text sets exactly where it did.
                let w = c.and_then(|c| stand_in.width(c)).unwrap_or(0.0);
                Object::Integer(w.round() as i64)
            })
            .collect();

        let encoding = if differences.is_empty() {
            Object::Name(b"WinAnsiEncoding".to_vec())
        } else {
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Encoding".to_vec())),
                ("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec())),
                ("Differences", Object::Array(differences)),
            ]))
        };
        let to_unicode = self.add_stream(Dictionary::new(), to_unicode(&codes).into_bytes());
        let descriptor = self.descriptor(stand_in);
        Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"TrueType".to_vec())),
            (
                "BaseFont",
                Object::Name(stand_in.postscript_name().as_bytes().to_vec()),
            ),
            ("FirstChar", Object::Integer(i64::from(first))),
            ("LastChar", Object::Integer(i64::from(last))),
            ("Widths", Object::Array(widths)),
            ("Encoding", encoding),
            ("FontDescriptor", Object::Reference(descriptor)),
            ("ToUnicode", Object::Reference(to_unicode)),
        ])
    }

    /// The font descriptor of `stand_in`, with its font program, added to
    /// the guide once.
    fn descriptor(&mut self, stand_in: StandIn) -> ObjectId {
        if let Some(id) = self.descriptors.get(&stand_in) {
            return *id;
        }
        let program = self.add_stream(
            Dictionary::from_iter([
                ("Length1", Object::Integer(stand_in.bytes().len() as i64)),
                ("Filter", Object::Name(b"FlateDecode".to_vec())),
            ]),
            packed_program(stand_in).to_vec(),
        );
        let m = stand_in.metrics();
        // Nonsymbolic; fixed-pitch, serif and italic as the face is
        // (ISO 32000-1, Table 123).
        let flag = |set: bool, bit: i64| if set { bit } else { 0 };
        let flags = 32
            | flag(stand_in.is_fixed_pitch(), 1)
            | flag(stand_in.is_serif(), 2)
            | flag(stand_in.is_italic(), 64);
        // No table gives the stem width: estimated from the weight class,
        // as PDF producers conventionally do.
        let stem_v = 50 + (f32::from(m.weight.max(100)) / 65.0).powi(2).round() as i64;
        let n = |v: f32| Object::Integer(v.round() as i64);
        let descriptor = Dictionary::from_iter([
            ("Type", Object::Name(b"FontDescriptor".to_vec())),
            (
                "FontName",
                Object::Name(stand_in.postscript_name().as_bytes().to_vec()),
            ),
            ("Flags", Object::Integer(flags)),
            (
                "FontBBox",
                Object::Array(m.bbox.iter().map(|&v| n(v)).collect()),
            ),
            ("ItalicAngle", Object::Real(m.italic_angle)),
            ("Ascent", n(m.ascent)),
            ("Descent", n(m.descent)),
            ("CapHeight", n(m.cap_height)),
            ("XHeight", n(m.x_height)),
            ("StemV", Object::Integer(stem_v)),
            ("FontWeight", Object::Integer(i64::from(m.weight))),
            ("FontFile2", Object::Reference(program)),
        ]);
        let id = self.dst.add_object(descriptor);
        self.descriptors.insert(stand_in, id);
        id
    }

    /// Adds a stream of `content` (deflated when it has no filter yet).
    fn add_stream(&mut self, dict: Dictionary, content: Vec<u8>) -> ObjectId {
        let stream = if dict.has(b"Filter") {
            let mut s = Stream::new(dict, content).with_compression(false);
            safe_end(&mut s);
            s
        } else {
            drawing_stream(dict, content)
        };
        self.dst.add_object(stream)
    }
}

/// A drawing of the label's as the guide writes it: without its marked
/// content (its tags, whose numbers would clash with the guide's), and
/// its text in each replaced font written in the stand-in's codes.
fn redraw(src: &Document, content: &[u8], resources: &Dictionary) -> Result<Vec<u8>, String> {
    let mut font = TextFont::new(src, resources);
    ops::edit(content, |op| {
        font.follow(op)?;
        if ops::is_marked_content(op) {
            return Ok(Edit::Drop);
        }
        let Some(replaced) = font.current() else {
            return Ok(Edit::Keep);
        };
        let coded = &replaced.1;
        let recode = |s: &[u8]| -> Vec<u8> { s.iter().map(|&b| coded.written(b)).collect() };
        if ops::shown(op).into_iter().all(|s| recode(s) == s) {
            return Ok(Edit::Keep);
        }
        let recoded = |o: &Operand| match o {
            Operand::String(s) => Operand::String(recode(s)),
            other => other.clone(),
        };
        let operands: Vec<Operand> = op
            .operands
            .iter()
            .map(|o| match o {
                Operand::Array(items) => Operand::Array(items.iter().map(recoded).collect()),
                other => recoded(other),
            })
            .collect();
        Ok(Edit::Replace(ops::write(&op.operator, &operands)))
    })
    .map_err(|e| format!("the label {}", survey::stopped(e)))
}

/// The font program of `stand_in`, deflated once per process.
fn packed_program(stand_in: StandIn) -> &'static [u8] {
    // Each face when a label first needs it: most campaigns use one.
    static PACKED: [OnceLock<Vec<u8>>; 12] = [const { OnceLock::new() }; 12];
    let i = StandIn::all().position(|s| s == stand_in).unwrap_or(0);
    PACKED[i.min(11)].get_or_init(|| deflate(stand_in.bytes(), 9))
}

/// A ToUnicode CMap: each code the guide writes → its character.
fn to_unicode(written: &[(u8, char)]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    for chunk in written.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for &(code, c) in chunk {
            let _ = write!(s, "<{code:02X}> <");
            for u in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(s, "{u:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// A stream of drawing operators (or other text that white space at its
/// end does not change), deflated so that its bytes do not end in a
/// carriage return: the zlib data ends in a checksum of the text, so a
/// line end after the text changes it.
fn drawing_stream(mut dict: Dictionary, mut content: Vec<u8>) -> Stream {
    let mut packed = deflate(&content, 6);
    for _ in 0..4 {
        if packed.last() != Some(&b'\r') {
            break;
        }
        content.push(b'\n');
        packed = deflate(&content, 6);
    }
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut stream = Stream::new(dict, packed).with_compression(false);
    safe_end(&mut stream);
    stream
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label whose resources point back at its own catalog (which opens
    /// with a script), and a form that runs a script on open: none of that
    /// is copied.
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
        font.set("Subtype", Object::Name(b"Type3".to_vec()));
        let font = src.add_object(font);
        let mut fonts = Dictionary::new();
        fonts.set("F1", font);
        let mut form = Dictionary::new();
        form.set("Subtype", Object::Name(b"Form".to_vec()));
        form.set("AA", Dictionary::from_iter([("PO", Object::Reference(js))]));
        form.set("StructParents", 4);
        let form = src.add_object(Stream::new(form, b"0 0 m".to_vec()));
        let mut resources = Dictionary::new();
        resources.set("Font", fonts);
        resources.set("Back", catalog);
        resources.set("Script", js);
        resources.set(
            "XObject",
            Dictionary::from_iter([("Fm1", Object::Reference(form))]),
        );

        let mut dst = Document::with_version("1.7");
        let page_resources = resources.clone();
        let mut copier = Copier {
            src: &src,
            dst: &mut dst,
            page_resources: &page_resources,
            seen: HashMap::new(),
            descriptors: HashMap::new(),
        };
        let copied = copier.copy(Object::Dictionary(resources), 0).unwrap();
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
            let dict = match object {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            assert!(!dict.has(b"AA") && !dict.has(b"StructParents"), "{text}");
        }
    }

    /// A one-page guide whose page draws the placeholder XObject `Lbl`.
    fn host() -> Document {
        let mut doc = Document::with_version("1.7");
        let placeholder = doc.add_object(Object::Null);
        let pages = doc.new_object_id();
        let page = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages)),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter([(
                    "XObject",
                    Object::Dictionary(Dictionary::from_iter([(
                        "Lbl",
                        Object::Reference(placeholder),
                    )])),
                )])),
            ),
        ]));
        doc.objects.insert(
            pages,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(vec![page.into()])),
                ("Count", 1.into()),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", catalog);
        doc
    }

    /// `label` imported into [`host`]: the guide, and the label's form.
    fn imported(label: &[u8]) -> (Document, Stream) {
        let mut doc = host();
        import(&mut doc, "Lbl", label).unwrap();
        let form = doc
            .objects
            .values()
            .find_map(|o| match o {
                Object::Stream(s) if s.dict.has(b"BBox") && s.dict.has(b"Resources") => {
                    Some(s.clone())
                }
                _ => None,
            })
            .expect("the label's form");
        (doc, form)
    }

    /// Every font dictionary in `doc`.
    fn fonts(doc: &Document) -> Vec<&Dictionary> {
        doc.objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font"))
            .collect()
    }

    /// Both sample labels name Helvetica without embedding it: in the
    /// guide it is an embedded TrueType stand-in with Helvetica's widths.
    #[test]
    fn the_sample_labels_come_in_with_their_font_embedded() {
        for label in [
            &include_bytes!("../../campaigns/gateway-swap/labels/C-1001.pdf")[..],
            include_bytes!("../../tests/fixtures/build/return-label/label.pdf"),
        ] {
            let (doc, form) = imported(label);
            let fonts = fonts(&doc);
            assert_eq!(fonts.len(), 1);
            let font = fonts[0];
            assert_eq!(
                font.get(b"Subtype").unwrap().as_name().unwrap(),
                b"TrueType"
            );
            assert_eq!(
                font.get(b"BaseFont").unwrap().as_name().unwrap(),
                b"SwapguideLabelSans-Regular"
            );
            assert_eq!(
                font.get(b"Encoding").unwrap().as_name().unwrap(),
                b"WinAnsiEncoding"
            );
            let descriptor = doc
                .get_dictionary(font.get(b"FontDescriptor").unwrap().as_reference().unwrap())
                .unwrap();
            let program = doc
                .get_object(
                    descriptor
                        .get(b"FontFile2")
                        .unwrap()
                        .as_reference()
                        .unwrap(),
                )
                .and_then(Object::as_stream)
                .unwrap();
            assert_eq!(
                program.decompressed_content().unwrap(),
                StandIn::for_font(b"Helvetica").unwrap().bytes()
            );
            // Widths from FirstChar: "U" and "P" as Helvetica's.
            let first = font.get(b"FirstChar").unwrap().as_i64().unwrap();
            let widths = font.get(b"Widths").unwrap().as_array().unwrap();
            let width = |c: u8| widths[usize::from(c) - first as usize].as_i64().unwrap();
            assert_eq!([width(b'U'), width(b'P'), width(b' ')], [722, 667, 278]);
            let text = String::from_utf8_lossy(&form.decompressed_content().unwrap()).into_owned();
            assert!(text.contains("(UPS GROUND) Tj"), "{text}");
        }
    }

    /// A font in StandardEncoding (a standard font's own, when it names
    /// none) is written in WinAnsi: its apostrophe (0x27, a right quote)
    /// becomes WinAnsi's right quote (0x92), and Ł, which WinAnsi lacks,
    /// keeps its code, named in the differences; a ToUnicode map says what
    /// each code prints.
    #[test]
    fn a_standard_encoding_is_written_in_winansi() {
        let label = survey::tests::pdf("BT /F1 9 Tf (it\\047s \\350) Tj ET", |doc, _| {
            survey::tests::with_font(doc, "Times-Italic", None)
        });
        let (doc, form) = imported(&label);
        let text = form.decompressed_content().unwrap();
        assert!(
            String::from_utf8_lossy(&text).contains("<6974927320E8> Tj"),
            "{}",
            String::from_utf8_lossy(&text)
        );
        let font = fonts(&doc)[0];
        assert_eq!(
            font.get(b"BaseFont").unwrap().as_name().unwrap(),
            b"SwapguideLabelSerif-Italic"
        );
        let encoding = font.get(b"Encoding").unwrap().as_dict().unwrap();
        assert_eq!(
            encoding.get(b"BaseEncoding").unwrap().as_name().unwrap(),
            b"WinAnsiEncoding"
        );
        let differences = encoding.get(b"Differences").unwrap().as_array().unwrap();
        let named = |code: i64| {
            let at = differences
                .iter()
                .position(|o| o.as_i64().ok() == Some(code))?;
            differences[at + 1].as_name().ok()
        };
        assert_eq!(named(0xE8), Some(&b"Lslash"[..]));
        assert_eq!(named(0x27), None);
        assert!(
            !differences
                .iter()
                .any(|o| o.as_name().ok() == Some(b"quoteright"))
        );
        let cmap = doc
            .get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap())
            .and_then(Object::as_stream)
            .unwrap()
            .decompressed_content()
            .unwrap();
        let cmap = String::from_utf8(cmap).unwrap();
        assert!(
            cmap.contains("<92> <2019>") && cmap.contains("<E8> <0141>"),
            "{cmap}"
        );
        let first = font.get(b"FirstChar").unwrap().as_i64().unwrap();
        let widths = font.get(b"Widths").unwrap().as_array().unwrap();
        let width = |c: i64| widths[(c - first) as usize].as_i64().unwrap();
        // Times-Italic's quoteright and Lslash.
        assert_eq!([width(0x92), width(0xE8)], [333, 556]);
        let descriptor = doc
            .get_dictionary(font.get(b"FontDescriptor").unwrap().as_reference().unwrap())
            .unwrap();
        // Nonsymbolic, serif, italic.
        assert_eq!(
            descriptor.get(b"Flags").unwrap().as_i64().unwrap(),
            32 | 2 | 64
        );
    }

    /// Mac Roman's accents are WinAnsi's too, at other codes: the text is
    /// written with WinAnsi's, and only what WinAnsi lacks (≠, ﬁ) is named
    /// in the differences.
    #[test]
    fn mac_roman_text_is_written_in_winansi() {
        let label = survey::tests::pdf("BT /F1 9 Tf (Zo\\212 \\312) Tj ET", |doc, _| {
            survey::tests::with_font(
                doc,
                "Courier",
                Some(Object::Name(b"MacRomanEncoding".to_vec())),
            )
        });
        let (doc, form) = imported(&label);
        // ä (0x8A) is WinAnsi 0xE4; Mac Roman's second space (0xCA) is 0xA0.
        let text = String::from_utf8_lossy(&form.decompressed_content().unwrap()).into_owned();
        assert!(text.contains("<5A6FE420A0> Tj"), "{text}");
        let font = fonts(&doc)[0];
        let encoding = font.get(b"Encoding").unwrap().as_dict().unwrap();
        let names: Vec<&[u8]> = encoding
            .get(b"Differences")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|o| o.as_name().ok())
            .collect();
        assert!(
            names.contains(&&b"notequal"[..]) && names.contains(&&b"fi"[..]),
            "{names:?}"
        );
        assert!(!names.contains(&&b"adieresis"[..]) && !names.contains(&&b"space"[..]));
    }

    /// The label's marked content (its tags, with MCIDs that would clash
    /// with the guide's) is left out of its page and of its forms; every
    /// other operation stays.
    #[test]
    fn the_labels_marked_content_is_left_behind() {
        let label = survey::tests::pdf(
            "/P <</MCID 0>> BDC BT /F1 10 Tf 18 20 Td (TRACKING) Tj ET EMC /Artifact BMC 0 0 m 9 9 l S EMC q /Fm1 Do Q",
            |doc, _| {
                let mut resources = survey::tests::with_font(doc, "Helvetica", None);
                let form = Dictionary::from_iter([
                    ("Type", Object::Name(b"XObject".to_vec())),
                    ("Subtype", Object::Name(b"Form".to_vec())),
                    (
                        "BBox",
                        Object::Array(vec![0.into(), 0.into(), 9.into(), 9.into()]),
                    ),
                    ("StructParents", 7.into()),
                ]);
                let form = doc.add_object(Stream::new(
                    form,
                    b"/Span <</MCID 1>> BDC 0 0 9 9 re f EMC".to_vec(),
                ));
                resources.set(
                    "XObject",
                    Dictionary::from_iter([("Fm1", Object::Reference(form))]),
                );
                resources
            },
        );
        let (doc, form) = imported(&label);
        let marked = |bytes: &[u8]| {
            let mut found = Vec::new();
            ops::each_op(bytes, |op| {
                if ops::is_marked_content(&op) {
                    found.push(String::from_utf8_lossy(&op.operator).into_owned());
                }
                Ok::<(), ()>(())
            })
            .unwrap();
            found
        };
        let page = form.decompressed_content().unwrap();
        assert_eq!(marked(&page), Vec::<String>::new());
        let page = String::from_utf8_lossy(&page).into_owned();
        assert!(
            page.contains("BT /F1 10 Tf 18 20 Td (TRACKING) Tj ET")
                && page.contains("0 0 m 9 9 l S")
                && page.contains("/Fm1 Do"),
            "{page}"
        );
        let inner = doc
            .objects
            .values()
            .find_map(|o| match o {
                Object::Stream(s)
                    if s.dict
                        .get(b"BBox")
                        .and_then(Object::as_array)
                        .is_ok_and(|b| b.len() == 4 && b[2].as_float().ok() == Some(9.0)) =>
                {
                    Some(s)
                }
                _ => None,
            })
            .expect("the nested form");
        assert!(!inner.dict.has(b"StructParents"));
        let inner = inner.decompressed_content().unwrap();
        assert_eq!(marked(&inner), Vec::<String>::new());
        assert!(String::from_utf8_lossy(&inner).contains("0 0 9 9 re f"));
        // Nothing the guide writes of the label ends in a carriage return.
        for object in doc.objects.values() {
            if let Object::Stream(s) = object {
                assert_ne!(s.content.last(), Some(&b'\r'));
            }
        }
    }

    /// A drawing's deflated bytes never end in a carriage return: a line
    /// end is added to its text instead (see `finish::safe_end` for the
    /// rest).
    #[test]
    fn a_drawing_stream_never_ends_in_a_carriage_return() {
        let data = crate::pdf::finish::tests::data_deflating_to_cr();
        // A drawing is deflated with a line end added instead.
        let stream = drawing_stream(Dictionary::new(), data.clone());
        assert_ne!(stream.content.last(), Some(&b'\r'));
        assert!(stream.decompressed_content().unwrap().starts_with(&data));
    }
}
