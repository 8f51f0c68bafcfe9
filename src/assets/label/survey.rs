//! What a label's first page brings into the guide, and whether the
//! guide's PDF can keep it: an archival PDF (PDF/A-2) and an accessible
//! one (PDF/UA-1) must carry every font they draw with, may not use LZW
//! compression or CMYK colours no profile describes, and hold tags of
//! their own, which the label's must not disturb.
//!
//! [`survey`] refuses, with why and what to do, the labels whose page the
//! guide cannot make fit; `crate::pdf::label` copies the others in,
//! putting an embedded stand-in ([`StandIn`]) in place of each standard
//! font the label only names, and leaving its tags behind.
//! `swapguide check` runs the same survey, so a label it passes builds.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::ops::{self, Op, Operand};
use crate::fonts::encoding::{self, Base};
use crate::fonts::standard::StandIn;

/// Deepest nesting of objects followed from a label's page: a real label's
/// resources nest a handful deep; a crafted chain of references would
/// otherwise exhaust the stack, which no row's failure could contain.
pub(crate) const MAX_NESTING: usize = 64;

/// Keys nothing a page draws needs, left behind when it is copied: the
/// page tree, actions and scripts, annotations, the document's names and
/// outline; its tags (`StructParent(s)`), layers (`OC`), metadata, and
/// what PDF/A forbids in what remains (`OPI`, image `Alternates`,
/// transfer functions, PostScript, reference XObjects' `Ref`); and
/// `Interpolate`, which PDF/A requires to be false, as it is when absent.
pub(crate) const LEFT_BEHIND: [&[u8]; 22] = [
    b"Parent",
    b"OpenAction",
    b"AA",
    b"A",
    b"JS",
    b"JavaScript",
    b"Annots",
    b"Names",
    b"Outlines",
    b"StructParent",
    b"StructParents",
    b"OC",
    b"Metadata",
    b"PieceInfo",
    b"OPI",
    b"Alternates",
    b"TR",
    b"TR2",
    b"PS",
    b"Ref",
    b"Interpolate",
    b"Subtype2",
];

/// A catalog, page tree node, page or action: the document's structure,
/// not something its page draws.
pub(crate) fn is_document_structure(obj: &Object) -> bool {
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

/// The resources the page draws with: inherited ones first, the page's
/// own win.
pub(crate) fn page_resources(doc: &Document, page: ObjectId) -> Result<Dictionary, String> {
    let (own, inherited) = doc
        .get_page_resources(page)
        .map_err(|e| format!("has resources that cannot be read: {e}"))?;
    let mut resources = Dictionary::new();
    for id in inherited.iter().rev() {
        if let Ok(d) = doc.get_dictionary(*id) {
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
    Ok(resources)
}

/// True if a stream dictionary holds a drawing of its own, written into
/// the guide as the page's is (its tags left behind, its text in the
/// stand-ins' codes): a form XObject or a tiling pattern.
pub(crate) fn is_drawing(dict: &Dictionary) -> bool {
    let name = |k: &[u8]| dict.get(k).and_then(Object::as_name).ok();
    name(b"Subtype") == Some(b"Form")
        || dict.get(b"PatternType").and_then(Object::as_i64).ok() == Some(1)
}

/// The advice every refused font ends with.
const EMBED: &str = "export the label with fonts embedded";

/// What a simple font's codes stand for (a character, a glyph name no
/// stand-in has, or nothing), and how the guide writes them.
///
/// The guide's font is WinAnsi-encoded: a label's code whose character
/// WinAnsi has elsewhere (its StandardEncoding apostrophe, its Mac Roman
/// accents) is written as WinAnsi's code for it, so that every reader
/// finds the glyph by the encoding alone. Only a character WinAnsi lacks
/// (a ligature, Ł) keeps its code, named in the font's `/Differences`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Coded {
    /// The font's name, for messages.
    name: String,
    codes: Vec<Code>,
    /// The code the guide writes for each of the label's.
    written: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
enum Code {
    Char(char),
    Unknown(String),
    None,
}

/// WinAnsi's codes that stand for no character of their own (they show a
/// bullet).
const WIN_ANSI_UNUSED: [u8; 6] = [0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D];

impl Coded {
    /// A font named `name` whose codes stand for `codes`, written for
    /// `stand_in`.
    fn new(name: String, codes: Vec<Code>, stand_in: StandIn) -> Coded {
        let usable = |c: u8| match &codes[usize::from(c)] {
            Code::Char(ch) if stand_in.prints(*ch) && encoding::name_of(*ch).is_some() => Some(*ch),
            _ => None,
        };
        let win = |w: u8| Base::WinAnsi.char(w);
        // Where WinAnsi writes `ch`; never at 32, the one code word
        // spacing (Tw) applies to.
        let win_code = |ch: char| match ch {
            ' ' => Some(0xA0),
            _ => (0x21..=0xFFu8).find(|w| !WIN_ANSI_UNUSED.contains(w) && win(*w) == Some(ch)),
        };
        let mut written: Vec<u8> = (0..=255).collect();
        let mut taken = [false; 256];
        // Characters WinAnsi lacks, and the codes that write them.
        let mut extra: Vec<(u8, char)> = Vec::new();
        for c in 0..=255u8 {
            let Some(ch) = usable(c) else { continue };
            let w = if c == b' ' || win(c) == Some(ch) {
                Some(c)
            } else {
                win_code(ch)
            };
            match w {
                Some(w) => {
                    written[usize::from(c)] = w;
                    taken[usize::from(w)] = true;
                }
                None => extra.push((c, ch)),
            }
        }
        // Each goes where WinAnsi's own characters leave room: its own
        // code if it can (its text is then written as it is), else a
        // control code or one WinAnsi leaves unused.
        let mut placed: Vec<(char, u8)> = Vec::new();
        let spare = (1..0x20).chain(WIN_ANSI_UNUSED).chain(0x21..=0xFF);
        let mut spare = spare.filter(|w| *w != b' ');
        for (c, ch) in extra {
            let at = match placed.iter().find(|(p, _)| *p == ch) {
                Some(&(_, at)) => at,
                None if !taken[usize::from(c)] => c,
                None => spare
                    .by_ref()
                    .find(|w| !taken[usize::from(*w)])
                    .unwrap_or(c),
            };
            taken[usize::from(at)] = true;
            placed.push((ch, at));
            written[usize::from(c)] = at;
        }
        Coded {
            name,
            codes,
            written,
        }
    }

    /// The code the guide writes for the label's `code`.
    pub(crate) fn written(&self, code: u8) -> u8 {
        self.written[usize::from(code)]
    }

    /// The guide's font's codes the label's text can come out as, each
    /// with the character it prints, in order.
    pub(crate) fn font_codes(&self, stand_in: StandIn) -> Vec<(u8, char)> {
        let mut out: Vec<(u8, char)> = (0..=255u8)
            .filter_map(|c| match &self.codes[usize::from(c)] {
                Code::Char(ch) if stand_in.prints(*ch) && encoding::name_of(*ch).is_some() => {
                    Some((self.written(c), *ch))
                }
                _ => None,
            })
            .collect();
        out.sort_unstable();
        out.dedup_by_key(|(code, _)| *code);
        out
    }

    /// Refuses `code` if it stands for nothing the stand-in prints: the
    /// guide's PDF could only show it as a missing glyph, which PDF/A
    /// forbids.
    fn check(&self, code: u8, stand_in: StandIn) -> Result<(), String> {
        match &self.codes[usize::from(code)] {
            Code::Char(c) if stand_in.prints(*c) && encoding::name_of(*c).is_some() => Ok(()),
            Code::Char(c) => Err(format!(
                "writes the character U+{:04X} in the font {}, which it does not embed and the guide cannot replace for that character; {EMBED}",
                *c as u32, self.name
            )),
            Code::Unknown(glyph) => Err(format!(
                "writes the glyph /{glyph} in the font {}, which it does not embed and the guide cannot replace for that glyph; {EMBED}",
                self.name
            )),
            Code::None => Err(format!(
                "writes character code {code} in the font {}, where its encoding has no character; {EMBED}",
                self.name
            )),
        }
    }
}

/// The name of a font dictionary, for messages.
fn font_name(font: &Dictionary) -> String {
    font.get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|_| "without a name".to_string())
}

/// True if a font dictionary carries its font program.
fn is_embedded(doc: &Document, font: &Dictionary) -> bool {
    let Ok(descriptor) = font
        .get_deref(b"FontDescriptor", doc)
        .and_then(Object::as_dict)
    else {
        return false;
    };
    [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
        .iter()
        .any(|k| descriptor.has(k))
}

/// For a font the label draws with: the stand-in that takes its place and
/// what its codes stand for, if it is a standard font it does not embed;
/// `None` if it needs no stand-in (embedded, or a Type 3 font drawn by the
/// label itself); an error if it names a font it does not embed and no
/// stand-in can take its place.
pub(crate) fn stand_in(
    doc: &Document,
    font: &Dictionary,
) -> Result<Option<(StandIn, Coded)>, String> {
    // A font dictionary's /Type is required, but not every producer
    // writes it; these subtypes are fonts' alone.
    if font
        .get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|t| t != b"Font")
    {
        return Ok(None);
    }
    let subtype = font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let simple = match subtype {
        b"Type1" | b"MMType1" | b"TrueType" => true,
        b"CIDFontType0" | b"CIDFontType2" => false,
        // Type 3 glyphs are drawings in the label; a Type 0 font's glyphs
        // are in its descendant, which is surveyed on its own.
        _ => return Ok(None),
    };
    if is_embedded(doc, font) {
        return Ok(None);
    }
    let name = font_name(font);
    let refuse = || format!("uses the font {name} without embedding it; {EMBED}");
    if !simple {
        return Err(refuse());
    }
    let base_font = font
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let stand_in = StandIn::for_font(base_font).ok_or_else(refuse)?;
    let codes = codes(doc, font)
        .map_err(|why| format!("uses the font {name} without embedding it, {why}; {EMBED}"))?;
    Ok(Some((stand_in, Coded::new(name, codes, stand_in))))
}

/// What each code of a simple font stands for, from its `/Encoding`.
fn codes(doc: &Document, font: &Dictionary) -> Result<Vec<Code>, String> {
    let unsupported = |what: &[u8]| {
        format!(
            "in an encoding ({}) the guide cannot map",
            String::from_utf8_lossy(what)
        )
    };
    let (base, differences) = match font.get_deref(b"Encoding", doc) {
        Err(_) => (Base::Standard, None),
        Ok(Object::Name(n)) => (Base::from_name(n).ok_or_else(|| unsupported(n))?, None),
        Ok(Object::Dictionary(d)) => {
            let base = match d.get(b"BaseEncoding").and_then(Object::as_name) {
                Ok(n) => Base::from_name(n).ok_or_else(|| unsupported(n))?,
                Err(_) => Base::Standard,
            };
            let differences = match d.get_deref(b"Differences", doc) {
                Ok(Object::Array(a)) => Some(a.as_slice()),
                Ok(_) => return Err(unsupported(b"Differences that are not an array")),
                Err(_) => None,
            };
            (base, differences)
        }
        Ok(_) => return Err(unsupported(b"neither a name nor a dictionary")),
    };
    let mut codes: Vec<Code> = (0..=255u8)
        .map(|c| base.char(c).map_or(Code::None, Code::Char))
        .collect();
    let mut at: usize = 0;
    for item in differences.unwrap_or_default() {
        match item {
            Object::Integer(i) if (0..=255).contains(i) => at = *i as usize,
            Object::Name(glyph) if at <= 255 => {
                codes[at] = match encoding::char_of(glyph) {
                    Some(c) => Code::Char(c),
                    None => Code::Unknown(String::from_utf8_lossy(glyph).into_owned()),
                };
                at += 1;
            }
            Object::Name(_) => {}
            _ => {
                return Err(unsupported(
                    b"Differences with an entry that is not a code or a name",
                ));
            }
        }
    }
    Ok(codes)
}

/// The advice for what only a new PDF of the label can fix.
const REPRINT: &str = "print the label to a new PDF (most viewers: Print → Save as PDF)";

/// Refuses, with why and what to do, a label whose first page the guide's
/// archival, accessible PDF cannot hold. `content` is the page's drawing,
/// decoded.
pub(crate) fn survey(doc: &Document, page: ObjectId, content: &[u8]) -> Result<(), String> {
    hidden_layers(doc)?;
    let resources = page_resources(doc, page)?;
    let mut found = Found::default();
    dictionary(doc, &resources, &mut HashSet::new(), &mut found, 0)?;
    let mut cmyk = drawing(doc, content, &resources)? || found.cmyk;
    for id in &found.drawings {
        let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else {
            continue;
        };
        let bytes = drawing_bytes(stream)
            .map_err(|e| format!("has a drawing that cannot be read ({e}); {REPRINT}"))?;
        // A form without resources of its own draws with the page's.
        let own = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .ok();
        cmyk |= drawing(doc, &bytes, own.unwrap_or(&resources))?;
    }
    if cmyk && !has_default_cmyk(doc, &resources) {
        return Err(format!(
            "draws in CMYK colours without a colour profile, which an archival PDF (PDF/A) does not allow; export the label in RGB or grey, or {REPRINT}"
        ));
    }
    Ok(())
}

/// A form's or pattern's drawing, decoded.
pub(crate) fn drawing_bytes(stream: &lopdf::Stream) -> Result<Vec<u8>, lopdf::Error> {
    stream.decompressed_content_with_limit(super::MAX_STREAM_BYTES)
}

/// What the walk over the page's objects found.
#[derive(Default)]
struct Found {
    /// Form XObjects and tiling patterns: drawings of their own.
    drawings: Vec<ObjectId>,
    /// DeviceCMYK named as a colour space.
    cmyk: bool,
}

/// Refuses layers that are off when the label opens: copied in, they would
/// print.
fn hidden_layers(doc: &Document) -> Result<(), String> {
    let Ok(catalog) = doc.catalog() else {
        return Ok(());
    };
    let Ok(config) = catalog
        .get_deref(b"OCProperties", doc)
        .and_then(Object::as_dict)
        .and_then(|p| p.get_deref(b"D", doc))
        .and_then(Object::as_dict)
    else {
        return Ok(());
    };
    let off_by_default = config.get(b"BaseState").and_then(Object::as_name).ok() == Some(b"OFF");
    let some_off = config
        .get_deref(b"OFF", doc)
        .and_then(Object::as_array)
        .is_ok_and(|a| !a.is_empty());
    if off_by_default || some_off {
        return Err(format!(
            "has layers that are hidden when it opens, which would print in the guide; {REPRINT}"
        ));
    }
    Ok(())
}

/// True if the page's resources say which CMYK DeviceCMYK means.
fn has_default_cmyk(doc: &Document, resources: &Dictionary) -> bool {
    resources
        .get_deref(b"ColorSpace", doc)
        .and_then(Object::as_dict)
        .is_ok_and(|cs| cs.has(b"DefaultCMYK"))
}

/// Walks every object the copy would carry, refusing what the guide's PDF
/// cannot hold. `key` is the key `obj` is the value of.
fn visit(
    doc: &Document,
    obj: &Object,
    key: Option<&[u8]>,
    seen: &mut HashSet<ObjectId>,
    found: &mut Found,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_NESTING {
        return Err(format!(
            "has resources that nest more than {MAX_NESTING} deep; use the carrier's label as downloaded"
        ));
    }
    match obj {
        Object::Reference(id) => {
            if !seen.insert(*id) {
                return Ok(());
            }
            let Ok(inner) = doc.get_object(*id) else {
                return Ok(());
            };
            if is_document_structure(inner) {
                return Ok(());
            }
            if let Object::Stream(s) = inner
                && is_drawing(&s.dict)
            {
                found.drawings.push(*id);
            }
            visit(doc, inner, key, seen, found, depth + 1)
        }
        Object::Name(n) if n == b"DeviceCMYK" && key != Some(b"Alternate") => {
            found.cmyk = true;
            Ok(())
        }
        Object::Array(items) => {
            for item in items {
                visit(doc, item, key, seen, found, depth + 1)?;
            }
            Ok(())
        }
        Object::Dictionary(d) => dictionary(doc, d, seen, found, depth),
        Object::Stream(s) => {
            filters(&s.dict)?;
            dictionary(doc, &s.dict, seen, found, depth)
        }
        _ => Ok(()),
    }
}

/// Surveys a dictionary (or a stream's) and what it holds: its font, its
/// kind of XObject, its transparency group.
fn dictionary(
    doc: &Document,
    d: &Dictionary,
    seen: &mut HashSet<ObjectId>,
    found: &mut Found,
    depth: usize,
) -> Result<(), String> {
    stand_in(doc, d)?;
    let name = |k: &[u8]| d.get(k).and_then(Object::as_name).ok();
    if name(b"Subtype") == Some(b"PS") {
        return Err(format!(
            "holds PostScript, which an archival PDF (PDF/A) does not allow; {REPRINT}"
        ));
    }
    if let Ok(group) = d.get_deref(b"Group", doc).and_then(Object::as_dict)
        && group.get(b"S").and_then(Object::as_name).ok() == Some(b"Transparency")
    {
        return Err(format!(
            "uses transparency (a transparency group), which the guide does not carry into its archival PDF (PDF/A); {REPRINT}"
        ));
    }
    for (k, v) in d.iter() {
        if LEFT_BEHIND.contains(&k.as_slice()) {
            continue;
        }
        visit(doc, v, Some(k), seen, found, depth + 1)?;
    }
    Ok(())
}

/// Refuses a stream compressed in a way the guide's PDF cannot carry.
fn filters(dict: &Dictionary) -> Result<(), String> {
    let names: Vec<&[u8]> = match dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n],
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok()).collect(),
        _ => Vec::new(),
    };
    refuse_filters(&names)
}

/// Refuses the compressions `names` the guide's PDF cannot carry.
fn refuse_filters(names: &[&[u8]]) -> Result<(), String> {
    for n in names {
        match *n {
            b"LZWDecode" | b"LZW" => {
                return Err(format!(
                    "is compressed with LZW, which an archival PDF (PDF/A) does not allow; {REPRINT}"
                ));
            }
            b"JBIG2Decode" => {
                return Err(format!(
                    "holds a JBIG2 image, which the guide cannot read to check; {REPRINT}"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// A font the guide replaces, with what its codes stand for.
pub(crate) type Replaced = Rc<(StandIn, Coded)>;

/// The font a drawing's text is set in, operation by operation, if it is
/// one the guide replaces: `Tf` sets it, `q` and `Q` save and restore it.
pub(crate) struct TextFont<'a> {
    doc: &'a Document,
    fonts: Option<&'a Dictionary>,
    by_name: HashMap<Vec<u8>, Option<Replaced>>,
    current: Option<Replaced>,
    saved: Vec<Option<Replaced>>,
}

impl<'a> TextFont<'a> {
    /// For a drawing with `resources`.
    pub(crate) fn new(doc: &'a Document, resources: &'a Dictionary) -> TextFont<'a> {
        TextFont {
            doc,
            fonts: resources
                .get_deref(b"Font", doc)
                .and_then(Object::as_dict)
                .ok(),
            by_name: HashMap::new(),
            current: None,
            saved: Vec::new(),
        }
    }

    /// Follows `op`; an error if it selects a font no stand-in replaces.
    pub(crate) fn follow(&mut self, op: &Op) -> Result<(), String> {
        match op.operator.as_slice() {
            b"q" => self.saved.push(self.current.clone()),
            b"Q" => self.current = self.saved.pop().unwrap_or(None),
            b"Tf" => {
                let Some(Operand::Name(name)) = op.operands.first() else {
                    return Ok(());
                };
                if !self.by_name.contains_key(name) {
                    let dict = self
                        .fonts
                        .and_then(|f| f.get_deref(name, self.doc).ok())
                        .and_then(|o| o.as_dict().ok());
                    let replaced = match dict {
                        Some(d) => stand_in(self.doc, d)?.map(Rc::new),
                        None => None,
                    };
                    self.by_name.insert(name.clone(), replaced);
                }
                self.current = self.by_name[name].clone();
            }
            _ => {}
        }
        Ok(())
    }

    /// The font the text is set in now, if the guide replaces it.
    pub(crate) fn current(&self) -> Option<&Replaced> {
        self.current.as_ref()
    }
}

/// The message for a drawing [`ops`] cannot read, or the refusal.
pub(crate) fn stopped(stop: ops::Stop<String>) -> String {
    match stop {
        ops::Stop::Unreadable(why) => {
            format!("has a drawing that cannot be read ({why}); {REPRINT}")
        }
        ops::Stop::By(refused) => refused,
    }
}

/// Surveys one drawing (the page's, a form's, a pattern's) with the
/// resources it draws with: the text it writes in a font the guide
/// replaces must be text the stand-in prints, and its inline images must
/// be compressed as the guide's PDF allows. True if it sets a DeviceCMYK
/// colour (`k`, `K`, a `cs` of DeviceCMYK, a CMYK inline image).
fn drawing(doc: &Document, content: &[u8], resources: &Dictionary) -> Result<bool, String> {
    let mut font = TextFont::new(doc, resources);
    let mut cmyk = false;
    let is_cmyk = |o: &Operand| matches!(o, Operand::Name(n) if n == b"DeviceCMYK" || n == b"CMYK");
    ops::each_op(content, |op| {
        font.follow(&op)?;
        if let Some(replaced) = font.current() {
            for shown in ops::shown(&op) {
                for &code in shown {
                    replaced.1.check(code, replaced.0)?;
                }
            }
        }
        match op.operator.as_slice() {
            b"k" | b"K" => cmyk = true,
            b"cs" | b"CS" => cmyk |= op.operands.first().is_some_and(is_cmyk),
            b"BI" => {
                let dict = op.operands.first();
                let entry = |short: &[u8], long: &[u8]| {
                    dict.and_then(|d| d.get(short).or_else(|| d.get(long)))
                };
                let filters: Vec<&[u8]> = match entry(b"F", b"Filter") {
                    Some(Operand::Name(n)) => vec![n],
                    Some(Operand::Array(a)) => a
                        .iter()
                        .filter_map(|o| match o {
                            Operand::Name(n) => Some(n.as_slice()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                refuse_filters(&filters)?;
                cmyk |= match entry(b"CS", b"ColorSpace") {
                    Some(Operand::Array(a)) => a.iter().any(is_cmyk),
                    Some(o) => is_cmyk(o),
                    None => false,
                };
            }
            _ => {}
        }
        Ok(())
    })
    .map_err(stopped)?;
    Ok(cmyk)
}

#[cfg(test)]
pub(crate) mod tests {
    use lopdf::Stream;

    use super::*;
    use crate::assets::label::page_box;

    /// A one-page label PDF drawing `content` with the resources `build`
    /// makes (it may add objects, and change the catalog).
    pub(crate) fn pdf(
        content: &str,
        build: impl FnOnce(&mut Document, &mut Dictionary) -> Dictionary,
    ) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        let resources = build(&mut doc, &mut catalog);
        let pages = doc.new_object_id();
        let content = doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
        let page = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages)),
            ("Contents", Object::Reference(content)),
            ("Resources", Object::Dictionary(resources)),
            (
                "MediaBox",
                Object::Array(vec![0.into(), 0.into(), 288.into(), 432.into()]),
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
        catalog.set("Pages", pages);
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// A font dictionary naming `base` without embedding it.
    pub(crate) fn font(
        doc: &mut Document,
        subtype: &str,
        base: &str,
        encoding: Option<Object>,
    ) -> ObjectId {
        let mut font = Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(subtype.as_bytes().to_vec())),
            ("BaseFont", Object::Name(base.as_bytes().to_vec())),
        ]);
        if let Some(e) = encoding {
            font.set("Encoding", e);
        }
        doc.add_object(font)
    }

    /// Resources with the font `F1`.
    pub(crate) fn with_font(
        doc: &mut Document,
        base: &str,
        encoding: Option<Object>,
    ) -> Dictionary {
        let f = font(doc, "Type1", base, encoding);
        Dictionary::from_iter([(
            "Font",
            Object::Dictionary(Dictionary::from_iter([("F1", Object::Reference(f))])),
        )])
    }

    fn refusal(label: &[u8]) -> String {
        page_box(label).expect_err("refused")
    }

    #[test]
    fn standard_fonts_need_not_be_embedded() {
        for (base, encoding) in [
            ("Helvetica", Some(Object::Name(b"WinAnsiEncoding".to_vec()))),
            (
                "Times-Bold",
                Some(Object::Name(b"MacRomanEncoding".to_vec())),
            ),
            ("Courier", None),
            (
                "Arial,BoldItalic",
                Some(Object::Name(b"StandardEncoding".to_vec())),
            ),
        ] {
            let label = pdf(
                "BT /F1 10 Tf 10 10 Td (Ship to: Zo\\353 \\047s) Tj ET",
                |doc, _| with_font(doc, base, encoding),
            );
            assert!(page_box(&label).is_ok(), "{base}: {:?}", page_box(&label));
        }
    }

    /// However a standard font is encoded, the guide writes each of its
    /// characters at one code, WinAnsi's wherever WinAnsi has it; code 32
    /// (which word spacing applies to) stays 32, and no other becomes it.
    #[test]
    fn every_character_is_written_at_one_code_winansis_where_it_can() {
        let stand_in = StandIn::for_font(b"Helvetica").unwrap();
        for encoding in ["StandardEncoding", "WinAnsiEncoding", "MacRomanEncoding"] {
            let font = Dictionary::from_iter([
                ("Type", Object::Name(b"Font".to_vec())),
                ("Subtype", Object::Name(b"Type1".to_vec())),
                ("BaseFont", Object::Name(b"Helvetica".to_vec())),
                ("Encoding", Object::Name(encoding.as_bytes().to_vec())),
            ]);
            let doc = Document::with_version("1.5");
            let (_, coded) = stand_in_for(&doc, &font);
            let mut at: HashMap<u8, char> = HashMap::new();
            for code in 0..=255u8 {
                let Code::Char(c) = coded.codes[usize::from(code)] else {
                    continue;
                };
                let w = coded.written(code);
                assert_eq!(*at.entry(w).or_insert(c), c, "{encoding}: {code:#04X}");
                assert_eq!(w == b' ', code == b' ', "{encoding}: {code:#04X}");
                let win_has = (1..=255u8).any(|x| x != b' ' && Base::WinAnsi.char(x) == Some(c));
                if code != b' ' && win_has {
                    assert_eq!(Base::WinAnsi.char(w), Some(c), "{encoding}: {code:#04X}");
                }
            }
            let codes = coded.font_codes(stand_in);
            assert!(codes.iter().all(|(w, c)| at.get(w) == Some(c)));
        }
    }

    fn stand_in_for(doc: &Document, font: &Dictionary) -> (StandIn, Coded) {
        stand_in(doc, font).unwrap().unwrap()
    }

    #[test]
    fn fonts_no_stand_in_replaces_are_refused_with_the_fix() {
        for base in ["Symbol", "ZapfDingbats", "Verdana", "Helvetica-Narrow"] {
            let label = pdf("BT /F1 10 Tf (a) Tj ET", |doc, _| {
                with_font(doc, base, None)
            });
            assert_eq!(
                refusal(&label),
                format!(
                    "uses the font {base} without embedding it; export the label with fonts embedded"
                )
            );
        }
        // A font unused by the drawing is refused as well: it is copied.
        let label = pdf("0 0 m 9 9 l S", |doc, _| with_font(doc, "Symbol", None));
        assert!(refusal(&label).contains("Symbol"));
        // A composite font whose glyphs are not embedded.
        let label = pdf("BT /F1 10 Tf <0001> Tj ET", |doc, _| {
            let cid = font(doc, "CIDFontType2", "MS-Gothic", None);
            let mut type0 = Dictionary::new();
            type0.set("Type", Object::Name(b"Font".to_vec()));
            type0.set("Subtype", Object::Name(b"Type0".to_vec()));
            type0.set("BaseFont", Object::Name(b"MS-Gothic".to_vec()));
            type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));
            type0.set("DescendantFonts", vec![cid.into()]);
            let f = doc.add_object(type0);
            Dictionary::from_iter([(
                "Font",
                Object::Dictionary(Dictionary::from_iter([("F1", Object::Reference(f))])),
            )])
        });
        assert!(refusal(&label).starts_with("uses the font MS-Gothic without embedding it"));
    }

    /// Text the stand-in could only show as a missing glyph is refused;
    /// the same font writing other text is not.
    #[test]
    fn text_no_stand_in_prints_is_refused() {
        let differences = || {
            Some(Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Encoding".to_vec())),
                (
                    "Differences",
                    Object::Array(vec![
                        65.into(),
                        Object::Name(b"uni4E00".to_vec()),
                        Object::Name(b"Lslash".to_vec()),
                    ]),
                ),
            ])))
        };
        let label = |text: &str| {
            pdf(&format!("BT /F1 10 Tf [({text})] TJ ET"), |doc, _| {
                with_font(doc, "Helvetica", differences())
            })
        };
        assert!(page_box(&label("BCD")).is_ok());
        let why = refusal(&label("xA"));
        assert!(
            why.contains("glyph /uni4E00") && why.contains("Helvetica"),
            "{why}"
        );
        // Code 0x80 is no character in StandardEncoding.
        let label = pdf("BT /F1 10 Tf (\\200) Tj ET", |doc, _| {
            with_font(doc, "Helvetica", None)
        });
        assert!(refusal(&label).contains("character code 128"));
    }

    #[test]
    fn what_an_archival_pdf_forbids_is_refused_with_why() {
        let image = |doc: &mut Document, extra: &[(&str, Object)]| {
            let mut dict = Dictionary::from_iter([
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Image".to_vec())),
                ("Width", 1.into()),
                ("Height", 1.into()),
                ("BitsPerComponent", 8.into()),
                ("ColorSpace", Object::Name(b"DeviceGray".to_vec())),
            ]);
            for (k, v) in extra {
                dict.set(*k, v.clone());
            }
            let id = doc.add_object(Stream::new(dict, vec![0]));
            Dictionary::from_iter([(
                "XObject",
                Object::Dictionary(Dictionary::from_iter([("Im1", Object::Reference(id))])),
            )])
        };
        let name = |n: &str| Object::Name(n.as_bytes().to_vec());
        let draw = "q 9 0 0 9 0 0 cm /Im1 Do Q";
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (
                pdf(draw, |doc, _| image(doc, &[("Filter", name("LZWDecode"))])),
                "LZW",
            ),
            (
                pdf(draw, |doc, _| {
                    image(doc, &[("Filter", Object::Array(vec![name("JBIG2Decode")]))])
                }),
                "JBIG2",
            ),
            (
                pdf(draw, |doc, _| {
                    image(doc, &[("ColorSpace", name("DeviceCMYK"))])
                }),
                "CMYK",
            ),
            (
                pdf(draw, |doc, _| {
                    let group = Dictionary::from_iter([("S", name("Transparency"))]);
                    let form = Dictionary::from_iter([
                        ("Subtype", name("Form")),
                        (
                            "BBox",
                            Object::Array(vec![0.into(), 0.into(), 9.into(), 9.into()]),
                        ),
                        ("Group", Object::Dictionary(group)),
                    ]);
                    let id = doc.add_object(Stream::new(form, b"0 0 9 9 re f".to_vec()));
                    Dictionary::from_iter([(
                        "XObject",
                        Object::Dictionary(Dictionary::from_iter([("Im1", Object::Reference(id))])),
                    )])
                }),
                "transparency group",
            ),
            (
                pdf("0 0 0 1 k 0 0 9 9 re f", |_, _| Dictionary::new()),
                "CMYK",
            ),
            (
                pdf("/DeviceCMYK cs 0 0 0 1 sc", |_, _| Dictionary::new()),
                "CMYK",
            ),
            (
                pdf("BI /W 1 /H 1 /BPC 8 /CS /G /F /LZW ID x EI", |_, _| {
                    Dictionary::new()
                }),
                "LZW",
            ),
            (
                pdf("BI /W 1 /H 1 /BPC 8 /CS /CMYK ID xxxx EI", |_, _| {
                    Dictionary::new()
                }),
                "CMYK",
            ),
            (
                pdf("BT (never closed", |_, _| Dictionary::new()),
                "cannot be read",
            ),
        ];
        for (label, why) in cases {
            let refused = refusal(&label);
            assert!(refused.contains(why), "{why}: {refused}");
        }
        // CMYK with a profile saying which CMYK is kept.
        let label = pdf("0 0 0 1 k 0 0 9 9 re f", |doc, _| {
            let profile = doc.add_object(Stream::new(
                Dictionary::from_iter([("N", 4.into()), ("Alternate", name("DeviceCMYK"))]),
                vec![0; 4],
            ));
            let cs = Object::Array(vec![name("ICCBased"), profile.into()]);
            Dictionary::from_iter([(
                "ColorSpace",
                Object::Dictionary(Dictionary::from_iter([("DefaultCMYK", cs)])),
            )])
        });
        assert!(page_box(&label).is_ok(), "{:?}", page_box(&label));
    }

    /// Layers hidden when the label opens would print in the guide: the
    /// label is refused. Layers all shown are only left behind.
    #[test]
    fn layers_hidden_when_the_label_opens_are_refused() {
        let label = |off: bool| {
            pdf("/OC /L1 BDC 0 0 m 9 9 l S EMC", |doc, catalog| {
                let ocg = doc.add_object(Dictionary::from_iter([
                    ("Type", Object::Name(b"OCG".to_vec())),
                    ("Name", Object::string_literal("void")),
                ]));
                let mut d = Dictionary::new();
                if off {
                    d.set("OFF", Object::Array(vec![ocg.into()]));
                }
                catalog.set(
                    "OCProperties",
                    Dictionary::from_iter([
                        ("OCGs", Object::Array(vec![ocg.into()])),
                        ("D", Object::Dictionary(d)),
                    ]),
                );
                Dictionary::new()
            })
        };
        assert!(refusal(&label(true)).contains("layers that are hidden"));
        assert!(page_box(&label(false)).is_ok());
    }
}
