//! PDF object syntax: a lopdf object written out as bytes, and the
//! references inside one, for the two files swapguide writes itself (a
//! guide with its object streams, and a campaign's print file).

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId};

/// Writes objects, each reference numbered as `refs` says.
pub(crate) struct Syntax<'a> {
    refs: &'a mut dyn FnMut(ObjectId) -> ObjectId,
    omit: Option<&'static [u8]>,
}

impl<'a> Syntax<'a> {
    /// A writer that numbers each reference `refs(id)`.
    pub(crate) fn new(refs: &'a mut dyn FnMut(ObjectId) -> ObjectId) -> Syntax<'a> {
        Syntax { refs, omit: None }
    }

    /// Leaves the dictionary entry `key` out wherever it is.
    pub(crate) fn omitting(mut self, key: &'static [u8]) -> Syntax<'a> {
        self.omit = Some(key);
        self
    }

    /// Appends `object` to `out`; a stream with its /Length, its content
    /// as it is.
    pub(crate) fn object(&mut self, out: &mut Vec<u8>, object: &Object) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        match object {
            Object::Null => out.extend_from_slice(b"null"),
            Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Object::Integer(i) => integer(out, *i),
            Object::Real(r) => {
                let _ = write!(out, "{r}");
            }
            Object::Name(name) => write_name(out, name),
            // Printable ASCII as a literal string, anything else (UTF-16
            // text, binary) in hex: the shorter of the two for each.
            Object::String(bytes, _) if bytes.iter().all(|b| (b' '..=b'~').contains(b)) => {
                out.push(b'(');
                for &b in bytes {
                    if matches!(b, b'(' | b')' | b'\\') {
                        out.push(b'\\');
                    }
                    out.push(b);
                }
                out.push(b')');
            }
            Object::String(bytes, _) => {
                out.push(b'<');
                for b in bytes {
                    out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
                }
                out.push(b'>');
            }
            Object::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b' ');
                    }
                    self.object(out, item);
                }
                out.push(b']');
            }
            Object::Dictionary(d) => self.dictionary(out, d, None),
            Object::Stream(s) => {
                self.dictionary(out, &s.dict, Some(s.content.len()));
                out.extend_from_slice(b"\nstream\n");
                out.extend_from_slice(&s.content);
                out.extend_from_slice(b"\nendstream");
            }
            Object::Reference(id) => {
                let (number, generation) = (self.refs)(*id);
                reference(out, number, generation);
            }
        }
    }

    /// A dictionary; a stream's with its `length`.
    fn dictionary(&mut self, out: &mut Vec<u8>, d: &Dictionary, length: Option<usize>) {
        out.extend_from_slice(b"<<");
        for (key, value) in d.iter() {
            if Some(key.as_slice()) == self.omit || (length.is_some() && key == b"Length") {
                continue;
            }
            write_name(out, key);
            out.push(b' ');
            self.object(out, value);
        }
        if let Some(length) = length {
            out.extend_from_slice(b"/Length ");
            integer(out, length);
        }
        out.extend_from_slice(b">>");
    }
}

/// Calls `f` on each reference inside `object` (a stream's dictionary
/// included), in order, until it returns true; whether it did.
pub(crate) fn any_reference(object: &Object, f: &mut dyn FnMut(ObjectId) -> bool) -> bool {
    match object {
        Object::Reference(id) => f(*id),
        Object::Array(items) => items.iter().any(|item| any_reference(item, f)),
        Object::Dictionary(d) => d.iter().any(|(_, v)| any_reference(v, f)),
        Object::Stream(s) => s.dict.iter().any(|(_, v)| any_reference(v, f)),
        _ => false,
    }
}

/// `n` in decimal. Through core::fmt, numbers were a tenth of writing
/// a campaign row's PDF.
pub(crate) fn integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `number generation R`.
pub(crate) fn reference(out: &mut Vec<u8>, number: u32, generation: u16) {
    integer(out, number);
    out.push(b' ');
    integer(out, generation);
    out.extend_from_slice(b" R");
}

/// `/Name`, with every byte outside the regular characters as `#xx`.
pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        Syntax::new(&mut |id| id).object(&mut out, object);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn names_escape_delimiters_and_spaces() {
        assert_eq!(written(&Object::Name(b"A B/C#".to_vec())), "/A#20B#2FC#23");
    }

    #[test]
    fn strings_are_literal_when_printable_and_hex_otherwise() {
        let ascii = Object::string_literal("a (b) \\c");
        assert_eq!(written(&ascii), "(a \\(b\\) \\\\c)");
        let utf16 = Object::String(vec![0xfe, 0xff, 0, b'A'], lopdf::StringFormat::Literal);
        assert_eq!(written(&utf16), "<FEFF0041>");
    }

    #[test]
    fn an_omitted_key_is_left_out_at_any_depth() {
        let mut inner = Dictionary::new();
        inner.set("StructParent", 3);
        inner.set("P", Object::Reference((7, 0)));
        let mut outer = Dictionary::new();
        outer.set("Annot", inner);
        let mut out = Vec::new();
        Syntax::new(&mut |(n, _)| (n + 1, 0))
            .omitting(b"StructParent")
            .object(&mut out, &Object::Dictionary(outer));
        assert_eq!(String::from_utf8_lossy(&out), "<</Annot <</P 8 0 R>>>>");
    }
}
