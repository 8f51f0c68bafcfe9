//! A reader for the objects swapguide writes itself ([`super::syntax`]).
//! A campaign's print file reads every page's objects back from the guide
//! just saved, and lopdf's general parser made that cost as much as
//! building the guide. Anything outside that syntax (a comment, an
//! indirect /Length, a malformed token) reads as `None`, and the caller
//! falls back to lopdf.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::assets::label::ops::{is_delimiter, is_space, literal_string};

/// Nesting deeper than this is not swapguide's output.
const MAX_DEPTH: usize = 64;

/// An object read back.
pub(crate) enum Read<'a> {
    /// Anything but a stream.
    Object(Object),
    /// A stream: its dictionary, its content and, when it is laid out as
    /// [`super::syntax::Syntax`] lays streams out, its bytes from `<<` to
    /// `endstream`. The print file shares a guide's photos and fonts
    /// between customers by those bytes, and copies them as they are.
    Stream {
        dict: Dictionary,
        content: &'a [u8],
        written: Option<&'a [u8]>,
    },
}

impl Read<'_> {
    /// The object, a stream's content copied.
    pub(crate) fn into_object(self) -> Object {
        match self {
            Read::Object(object) => object,
            Read::Stream { dict, content, .. } => {
                Object::Stream(Stream::new(dict, content.to_vec()))
            }
        }
    }
}

/// The indirect object `id` written at `offset` of `bytes`.
pub(crate) fn indirect(bytes: &[u8], offset: usize, id: ObjectId) -> Option<Read<'_>> {
    let mut p = Parser {
        b: bytes,
        at: offset,
    };
    if !p.header(id) {
        return None;
    }
    p.space();
    let start = p.at;
    let object = p.value(0)?;
    let dict_end = p.at;
    p.space();
    if !p.b[p.at..].starts_with(b"stream") {
        return p.word(b"endobj").then_some(Read::Object(object));
    }
    let Object::Dictionary(dict) = object else {
        return None;
    };
    p.at += b"stream".len();
    // The keyword's line ends in LF or CR LF (ISO 32000-1, 7.3.8.1).
    if p.b[p.at..].starts_with(b"\r\n") {
        p.at += 2;
    } else if p.b[p.at..].starts_with(b"\n") {
        p.at += 1;
    } else {
        return None;
    }
    let length = usize::try_from(dict.get(b"Length").ok()?.as_i64().ok()?).ok()?;
    let content = p.b.get(p.at..p.at.checked_add(length)?)?;
    p.at += length;
    let content_end = p.at;
    p.space();
    if !p.word(b"endstream") {
        return None;
    }
    let laid_out = bytes[dict_end..].starts_with(b"\nstream\n")
        && bytes[content_end..].starts_with(b"\nendstream");
    let written = laid_out.then(|| &bytes[start..content_end + b"\nendstream".len()]);
    Some(Read::Stream {
        dict,
        content,
        written,
    })
}

struct Parser<'a> {
    b: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    /// `number generation obj`, for object `id`.
    fn header(&mut self, id: ObjectId) -> bool {
        self.space();
        let number = self.unsigned().and_then(|n| u32::try_from(n).ok());
        self.space();
        let generation = self.unsigned().and_then(|g| u16::try_from(g).ok());
        self.space();
        number.zip(generation) == Some(id) && self.word(b"obj")
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.at += 1;
        }
    }

    /// The keyword `w`, ending where a token ends.
    fn word(&mut self, w: &[u8]) -> bool {
        let end = self.at + w.len();
        let ends = self
            .b
            .get(end)
            .is_none_or(|&c| is_space(c) || is_delimiter(c));
        if self.b[self.at.min(self.b.len())..].starts_with(w) && ends {
            self.at = end;
            true
        } else {
            false
        }
    }

    /// A regular token: up to white space or a delimiter.
    fn token(&mut self) -> &[u8] {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| !is_space(c) && !is_delimiter(c))
        {
            self.at += 1;
        }
        &self.b[start..self.at]
    }

    fn unsigned(&mut self) -> Option<u64> {
        digits(self.token())
    }

    fn value(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'/' => {
                self.at += 1;
                Some(Object::Name(self.name()?))
            }
            b'<' if self.b.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                let mut dict = Dictionary::new();
                loop {
                    self.space();
                    if self.b[self.at..].starts_with(b">>") {
                        self.at += 2;
                        return Some(Object::Dictionary(dict));
                    }
                    if self.peek()? != b'/' {
                        return None;
                    }
                    self.at += 1;
                    let key = self.name()?;
                    let value = self.value(depth + 1)?;
                    dict.set(key, value);
                }
            }
            b'<' => {
                self.at += 1;
                self.hex()
            }
            b'(' => {
                self.at += 1;
                self.literal()
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.space();
                    if self.peek()? == b']' {
                        self.at += 1;
                        return Some(Object::Array(items));
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            b't' if self.word(b"true") => Some(Object::Boolean(true)),
            b'f' if self.word(b"false") => Some(Object::Boolean(false)),
            b'n' if self.word(b"null") => Some(Object::Null),
            _ => self.number(),
        }
    }

    /// A number, or a reference `n g R`. Integers are read from their
    /// bytes: a print file reads tens of thousands per customer.
    fn number(&mut self) -> Option<Object> {
        let t = self.token();
        if t.contains(&b'.') {
            return std::str::from_utf8(t)
                .ok()?
                .parse::<f32>()
                .ok()
                .map(Object::Real);
        }
        let n = match t.split_first()? {
            (b'-', rest) => -i64::try_from(digits(rest)?).ok()?,
            (b'+', rest) => i64::try_from(digits(rest)?).ok()?,
            _ => i64::try_from(digits(t)?).ok()?,
        };
        // `n g R`: look ahead, and step back if it is not one.
        let back = self.at;
        self.space();
        if let Ok(number) = u32::try_from(n)
            && let Some(generation) = self.unsigned().and_then(|g| u16::try_from(g).ok())
        {
            self.space();
            if self.word(b"R") {
                return Some(Object::Reference((number, generation)));
            }
        }
        self.at = back;
        Some(Object::Integer(n))
    }

    /// A name's bytes, after its slash, with `#xx` decoded.
    fn name(&mut self) -> Option<Vec<u8>> {
        let t = self.token();
        let mut out = Vec::with_capacity(t.len());
        let mut i = 0;
        while i < t.len() {
            if t[i] == b'#' {
                let hex = std::str::from_utf8(t.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            } else {
                out.push(t[i]);
                i += 1;
            }
        }
        Some(out)
    }

    /// A hexadecimal string, after its `<`.
    fn hex(&mut self) -> Option<Object> {
        let end = self.at + self.b[self.at..].iter().position(|&c| c == b'>')?;
        let digits: Vec<u8> = self.b[self.at..end]
            .iter()
            .filter(|c| !is_space(**c))
            .map(|&c| (c as char).to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()?;
        self.at = end + 1;
        let bytes = digits
            .chunks(2)
            .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
            .collect();
        Some(Object::String(bytes, StringFormat::Hexadecimal))
    }

    /// A literal string, after its `(`.
    fn literal(&mut self) -> Option<Object> {
        literal_string(self.b, &mut self.at)
            .ok()
            .map(|bytes| Object::String(bytes, StringFormat::Literal))
    }
}

/// The value of `t`, one or more ASCII digits; `None` for anything else
/// or a value past `u64`.
fn digits(t: &[u8]) -> Option<u64> {
    if t.is_empty() {
        return None;
    }
    t.iter().try_fold(0u64, |n, &c| {
        let d = c.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u64::from(d))
    })
}

#[cfg(test)]
mod tests {
    use lopdf::{Document, dictionary};

    use super::*;
    use crate::pdf::syntax::Syntax;

    #[test]
    fn integers_are_read_as_rust_reads_them() {
        for t in [
            "0",
            "7",
            "-7",
            "+7",
            "612",
            "-0",
            "9223372036854775807",
            "",
            "-",
            "1a",
            "1-2",
        ] {
            let mut p = Parser {
                b: t.as_bytes(),
                at: 0,
            };
            let ours = p.number().and_then(|o| o.as_i64().ok());
            assert_eq!(ours, t.parse::<i64>().ok(), "{t:?}");
        }
        assert_eq!(digits(b"18446744073709551616"), None, "past u64");
    }

    /// Objects of every kind the writer makes, written by it and read
    /// back: the same objects. (The print file's tests compare this
    /// reader with lopdf's on whole guides.)
    #[test]
    fn reads_back_what_the_writer_writes() {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let objects = vec![
            Object::Dictionary(dictionary! {
                "Type" => "Page", "Parent" => pages, "Odd#Name" => Object::Name(b"a b/c".to_vec()),
                "Box" => vec![0.into(), Object::Real(-12.375), Object::Real(0.001), 612.into()],
                "Flags" => vec![true.into(), false.into(), Object::Null, (-7).into()],
                "Nested" => dictionary! { "Deep" => vec![vec![Object::Reference((12, 0))].into()] },
            }),
            Object::string_literal("A (title) with \\ and ) and é"),
            Object::String(
                vec![0xfe, 0xff, 0, 0x41, 6, 0x27],
                StringFormat::Hexadecimal,
            ),
            Object::String(b"line\nbreak\r".to_vec(), StringFormat::Literal),
            Object::Stream(Stream::new(
                dictionary! { "Filter" => "FlateDecode", "N" => 3 },
                b"stream\nendstream\r\nbinary \xff\x00".to_vec(),
            )),
            Object::Array(vec![
                1.into(),
                2.into(),
                Object::Reference((3, 0)),
                4.into(),
            ]),
        ];
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            let id = (i as u32 + 1, 0);
            offsets.push((id, out.len()));
            out.extend_from_slice(format!("{} 0 obj\n", id.0).as_bytes());
            Syntax::new(&mut |id| id).object(&mut out, object);
            out.extend_from_slice(b"\nendobj\n");
        }
        for ((id, offset), object) in offsets.iter().zip(&objects) {
            let ours = indirect(&out, *offset, *id)
                .expect("read back")
                .into_object();
            match (object, &ours) {
                (Object::Stream(a), Object::Stream(b)) => {
                    assert!(a.dict == b.dict && a.content == b.content, "{id:?}")
                }
                (Object::String(a, _), Object::String(b, _)) => assert_eq!(a, b),
                (a, b) => assert!(a == b, "{id:?}: {a:?} vs {b:?}"),
            }
        }
        // A stream's written bytes, as the writer writes them; nothing
        // else is a stream.
        for ((id, offset), object) in offsets.iter().zip(&objects) {
            let read = indirect(&out, *offset, *id).expect("read back");
            match (object, read) {
                (Object::Stream(_), Read::Stream { written, .. }) => {
                    let mut bytes = Vec::new();
                    Syntax::new(&mut |id| id).object(&mut bytes, object);
                    assert_eq!(written, Some(&bytes[..]));
                }
                (_, read) => assert!(matches!(read, Read::Object(_)), "{id:?}"),
            }
        }
        // Not an object of this id, or not swapguide's syntax: none.
        assert!(indirect(&out, offsets[0].1, (9, 0)).is_none());
        assert!(indirect(b"1 0 obj\n<</A 1 % comment\n>>\nendobj", 0, (1, 0)).is_none());
        assert!(
            indirect(
                b"1 0 obj\n<</Length 2 0 R>>\nstream\nab\nendstream",
                0,
                (1, 0)
            )
            .is_none()
        );
    }
}
