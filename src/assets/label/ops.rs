//! A label's content streams read an operation at a time, each with the
//! bytes it spans, so an operation can be cut out and every other byte
//! kept as it was.
//!
//! lopdf's content parser is not used for this: it drops inline images it
//! cannot decode (a filtered inline image is often the barcode itself), so
//! a drawing decoded and written back by it could lose part of a label.

use std::ops::Range;

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    /// A number.
    Number(f64),
    /// A name, `#xx` escapes decoded, without the slash.
    Name(Vec<u8>),
    /// A string's bytes, escapes decoded.
    String(Vec<u8>),
    /// An array.
    Array(Vec<Operand>),
    /// A dictionary, its keys without the slash.
    Dict(Vec<(Vec<u8>, Operand)>),
    /// `true`, `false`, `null` and anything else read as a keyword inside
    /// an array or dictionary.
    Keyword(Vec<u8>),
}

impl Operand {
    /// The value of `key` in a dictionary operand.
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Operand> {
        match self {
            Operand::Dict(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// One operation: its operator, operands and the bytes they span. An
/// inline image is one operation, `BI`, whose one operand is the image's
/// dictionary and whose span runs to its `EI`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Op {
    /// The operator, such as `Tf` or `BDC`.
    pub operator: Vec<u8>,
    /// Its operands, in order.
    pub operands: Vec<Operand>,
    /// Where the operation lies: from its first operand to its operator's end.
    pub span: Range<usize>,
}

/// Deepest nesting of arrays and dictionaries read in an operand.
const MAX_DEPTH: usize = 32;

/// Why [`each_op`] stopped early.
#[derive(Debug, PartialEq)]
pub(crate) enum Stop<E> {
    /// The bytes are not a content stream: an unclosed string, array or
    /// inline image, say.
    Unreadable(String),
    /// The caller's function returned this error.
    By(E),
}

/// Calls `each` for every operation of `content`, in order; stops at the
/// first error `each` returns, or at bytes that are not a content stream.
pub(crate) fn each_op<E>(
    content: &[u8],
    mut each: impl FnMut(Op) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let mut r = Reader {
        bytes: content,
        at: 0,
    };
    let mut operands = Vec::new();
    let mut start = None;
    loop {
        r.skip_space();
        if r.at >= content.len() {
            return Ok(());
        }
        let begin = r.at;
        match r.token(0).map_err(Stop::Unreadable)? {
            Token::Operand(o) => {
                start.get_or_insert(begin);
                operands.push(o);
            }
            Token::Operator(operator) => {
                let from = start.take().unwrap_or(begin);
                let mut op = Op {
                    operator,
                    operands: std::mem::take(&mut operands),
                    span: from..r.at,
                };
                if op.operator == b"BI" {
                    let dict = r.inline_image().map_err(Stop::Unreadable)?;
                    op.operands = vec![dict];
                    op.span.end = r.at;
                }
                each(op).map_err(Stop::By)?;
            }
            Token::Close(c) => {
                return Err(Stop::Unreadable(format!("a stray `{}`", char::from(c))));
            }
        }
    }
}

/// What [`edit`] does with an operation.
#[derive(Debug, PartialEq)]
pub(crate) enum Edit {
    /// Keeps its bytes as they are.
    Keep,
    /// Leaves it out.
    Drop,
    /// Writes these bytes in its place.
    Replace(Vec<u8>),
}

/// `content` with each operation kept, left out or replaced as `each`
/// says; every byte around them stays. A left-out or replaced operation
/// is set off by spaces, so the operations around it stay apart.
pub(crate) fn edit<E>(
    content: &[u8],
    mut each: impl FnMut(&Op) -> Result<Edit, E>,
) -> Result<Vec<u8>, Stop<E>> {
    let mut out = Vec::with_capacity(content.len());
    let mut kept = 0;
    each_op(content, |op| {
        let edit = each(&op)?;
        if edit != Edit::Keep {
            out.extend_from_slice(&content[kept..op.span.start]);
            out.push(b' ');
            if let Edit::Replace(bytes) = edit {
                out.extend_from_slice(&bytes);
                out.push(b' ');
            }
            kept = op.span.end;
        }
        Ok(())
    })?;
    out.extend_from_slice(&content[kept..]);
    Ok(out)
}

/// An operation written out: its operands, then its operator. Strings
/// are written in hexadecimal, numbers as short as they read back.
pub(crate) fn write(operator: &[u8], operands: &[Operand]) -> Vec<u8> {
    let mut out = Vec::new();
    for o in operands {
        write_operand(&mut out, o);
        out.push(b' ');
    }
    out.extend_from_slice(operator);
    out
}

fn write_operand(out: &mut Vec<u8>, o: &Operand) {
    match o {
        Operand::Number(n) => out.extend_from_slice(format!("{n}").as_bytes()),
        Operand::Name(n) => write_name(out, n),
        Operand::String(bytes) => {
            out.push(b'<');
            for b in bytes {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Operand::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_operand(out, item);
            }
            out.push(b']');
        }
        Operand::Dict(pairs) => {
            out.extend_from_slice(b"<<");
            for (k, v) in pairs {
                write_name(out, k);
                out.push(b' ');
                write_operand(out, v);
                out.push(b' ');
            }
            out.extend_from_slice(b">>");
        }
        Operand::Keyword(k) => out.extend_from_slice(k),
    }
}

/// A name with its slash, `#xx` for bytes that cannot stand in one.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if is_regular(b) && b != b'#' && (b'!'..=b'~').contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

/// The strings a text-showing operation (`Tj`, `'`, `"`, `TJ`) shows.
pub(crate) fn shown(op: &Op) -> Vec<&[u8]> {
    match op.operator.as_slice() {
        b"Tj" | b"'" | b"\"" => match op.operands.last() {
            Some(Operand::String(s)) => vec![s.as_slice()],
            _ => Vec::new(),
        },
        b"TJ" => match op.operands.first() {
            Some(Operand::Array(items)) => items
                .iter()
                .filter_map(|i| match i {
                    Operand::String(s) => Some(s.as_slice()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The marked-content operators: a label's tags and their MCIDs mean
/// nothing in the guide, whose own tags hold the label as one figure.
pub(crate) fn is_marked_content(op: &Op) -> bool {
    matches!(
        op.operator.as_slice(),
        b"BMC" | b"BDC" | b"EMC" | b"MP" | b"DP"
    )
}

/// What the reader reads next.
enum Token {
    /// An operand.
    Operand(Operand),
    /// An operator (or, in an array or dictionary, a keyword).
    Operator(Vec<u8>),
    /// `]` or `>>`, ending the array or dictionary being read.
    Close(u8),
}

/// A content stream's bytes, read from `at` on.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// PDF white space (ISO 32000-1, Table 1).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// PDF delimiters (Table 2).
pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A byte of a name, number or operator.
fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

/// A hexadecimal digit's value.
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

impl Reader<'_> {
    /// The byte at the reading position.
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space and comments.
    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.at += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The run of regular bytes from the reading position.
    fn regular_run(&mut self) -> &[u8] {
        let start = self.at;
        while self.peek().is_some_and(is_regular) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// The next token; `depth` counts the arrays and dictionaries it is in.
    fn token(&mut self, depth: usize) -> Result<Token, String> {
        if depth > MAX_DEPTH {
            return Err(format!("arrays nested more than {MAX_DEPTH} deep"));
        }
        let Some(b) = self.peek() else {
            return Err("an operand cut short".to_string());
        };
        Ok(match b {
            b'/' => {
                self.at += 1;
                Token::Operand(Operand::Name(self.name()))
            }
            b'(' => {
                self.at += 1;
                Token::Operand(Operand::String(self.literal()?))
            }
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                Token::Operand(self.dict(depth, b">>")?)
            }
            b'<' => {
                self.at += 1;
                Token::Operand(Operand::String(self.hex_string()?))
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.token(depth + 1)? {
                        Token::Operand(o) => items.push(o),
                        Token::Close(b']') => break,
                        Token::Operator(k) => items.push(Operand::Keyword(k)),
                        Token::Close(_) => return Err("an array closed by `>>`".to_string()),
                    }
                }
                Token::Operand(Operand::Array(items))
            }
            b']' => {
                self.at += 1;
                Token::Close(b']')
            }
            b'>' if self.bytes.get(self.at + 1) == Some(&b'>') => {
                self.at += 2;
                Token::Close(b'>')
            }
            b')' | b'>' | b'{' | b'}' => {
                // Not part of any content operator: read as an operator
                // of its own, which nothing acts on.
                self.at += 1;
                Token::Operator(vec![b])
            }
            _ => {
                let word = self.regular_run().to_vec();
                match number(&word) {
                    Some(n) => Token::Operand(Operand::Number(n)),
                    None if matches!(word.as_slice(), b"true" | b"false" | b"null") => {
                        Token::Operand(Operand::Keyword(word))
                    }
                    None => Token::Operator(word),
                }
            }
        })
    }

    /// A dictionary's pairs, after its `<<` (or an inline image's `BI`),
    /// up to `end` (`>>`, or `ID` for an inline image).
    fn dict(&mut self, depth: usize, end: &[u8]) -> Result<Operand, String> {
        let mut pairs = Vec::new();
        loop {
            self.skip_space();
            if end == b"ID" && self.bytes[self.at..].starts_with(b"ID") {
                self.at += 2;
                return Ok(Operand::Dict(pairs));
            }
            let key = match self.token(depth + 1)? {
                Token::Close(b'>') if end == b">>" => return Ok(Operand::Dict(pairs)),
                Token::Operand(Operand::Name(k)) => k,
                _ => return Err("a dictionary key that is not a name".to_string()),
            };
            self.skip_space();
            let value = match self.token(depth + 1)? {
                Token::Operand(o) => o,
                Token::Operator(k) => Operand::Keyword(k),
                Token::Close(_) => return Err("a dictionary key without a value".to_string()),
            };
            pairs.push((key, value));
        }
    }

    /// A name's bytes after its slash, `#xx` decoded.
    fn name(&mut self) -> Vec<u8> {
        let raw = self.regular_run();
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#'
                && let (Some(h), Some(l)) = (
                    raw.get(i + 1).copied().and_then(hex),
                    raw.get(i + 2).copied().and_then(hex),
                )
            {
                out.push(h << 4 | l);
                i += 3;
            } else {
                out.push(raw[i]);
                i += 1;
            }
        }
        out
    }

    /// A literal string's bytes after its `(`, to its balancing `)`.
    fn literal(&mut self) -> Result<Vec<u8>, String> {
        literal_string(self.bytes, &mut self.at)
    }

    /// A hexadecimal string's bytes after its `<`, to its `>`.
    fn hex_string(&mut self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut high = None;
        loop {
            let Some(b) = self.peek() else {
                return Err("a hexadecimal string that is never closed".to_string());
            };
            self.at += 1;
            if b == b'>' {
                if let Some(h) = high {
                    out.push(h << 4);
                }
                return Ok(out);
            }
            if is_space(b) {
                continue;
            }
            let d = hex(b).ok_or("a hexadecimal string with a letter that is not hexadecimal")?;
            match high.take() {
                Some(h) => out.push(h << 4 | d),
                None => high = Some(d),
            }
        }
    }

    /// An inline image after its `BI`: its dictionary, then its data, to
    /// just past its `EI`.
    fn inline_image(&mut self) -> Result<Operand, String> {
        let dict = self.dict(0, b"ID")?;
        // One white-space byte separates ID from the data.
        self.at += 1;
        let declared = [&b"L"[..], b"Length"]
            .iter()
            .find_map(|k| match dict.get(k) {
                Some(Operand::Number(n)) if *n >= 0.0 => Some(*n as usize),
                _ => None,
            });
        if let Some(len) = declared
            && let Some(end) = self.at.checked_add(len)
            && let Some(after) = self.bytes.get(end..)
        {
            let trimmed = after.iter().take_while(|b| is_space(**b)).count();
            if after[trimmed..].starts_with(b"EI") && ends_token(after, trimmed + 2) {
                self.at = end + trimmed + 2;
                return Ok(dict);
            }
        }
        // Otherwise the data runs to the first `EI` standing alone.
        let data = &self.bytes[self.at.min(self.bytes.len())..];
        let mut i = 0;
        while i + 2 <= data.len() {
            if data[i..].starts_with(b"EI")
                && (i == 0 || is_space(data[i - 1]))
                && ends_token(data, i + 2)
            {
                self.at += i + 2;
                return Ok(dict);
            }
            i += 1;
        }
        Err("an inline image that is never ended".to_string())
    }
}

/// True if `bytes[at]` ends a token: the end, white space or a delimiter.
fn ends_token(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(|&b| !is_regular(b))
}

/// A word as a number, if it is one.
fn number(word: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(word).ok()?;
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if digits.bytes().filter(|&b| b == b'.').count() > 1 || digits == "." {
        return None;
    }
    let n: f64 = format!("0{digits}").parse().ok()?;
    Some(if s.starts_with('-') { -n } else { n })
}

/// A literal string's bytes from `bytes[*at]`, just after its `(`, to its
/// balancing `)`, with the escapes of ISO 32000-1 7.3.4.2 undone; `at`
/// ends after the `)`. Content streams and swapguide's own objects
/// ([`crate::pdf::parse`]) read strings with it.
pub(crate) fn literal_string(bytes: &[u8], at: &mut usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut depth = 1;
    loop {
        let Some(b) = bytes.get(*at).copied() else {
            return Err("a string that is never closed".to_string());
        };
        *at += 1;
        match b {
            b'(' => {
                depth += 1;
                out.push(b);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(out);
                }
                out.push(b);
            }
            b'\\' => {
                let Some(e) = bytes.get(*at).copied() else {
                    continue;
                };
                *at += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match bytes.get(*at).copied() {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    *at += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(v as u8);
                    }
                    // A backslash before a line end continues the line.
                    b'\r' => {
                        if bytes.get(*at).copied() == Some(b'\n') {
                            *at += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(content: &[u8]) -> Vec<Op> {
        let mut out = Vec::new();
        each_op(content, |op| {
            out.push(op);
            Ok::<(), ()>(())
        })
        .unwrap();
        out
    }

    #[test]
    fn operations_and_their_operands() {
        let all = ops(b"q 1 0 0 1 -2.5 .5 cm BT /F#201 12 Tf [(a\\)b) -20 <4142 4>] TJ (x\\101\\\ny) ' ET Q % done");
        let names: Vec<&[u8]> = all.iter().map(|o| o.operator.as_slice()).collect();
        assert_eq!(
            names,
            [&b"q"[..], b"cm", b"BT", b"Tf", b"TJ", b"'", b"ET", b"Q"]
        );
        assert_eq!(all[1].operands[4], Operand::Number(-2.5));
        assert_eq!(all[1].operands[5], Operand::Number(0.5));
        assert_eq!(all[3].operands[0], Operand::Name(b"F 1".to_vec()));
        assert_eq!(
            all[4].operands[0],
            Operand::Array(vec![
                Operand::String(b"a)b".to_vec()),
                Operand::Number(-20.0),
                Operand::String(b"AB@".to_vec()),
            ])
        );
        assert_eq!(all[5].operands[0], Operand::String(b"xAy".to_vec()));
    }

    #[test]
    fn marked_content_is_cut_out_and_nothing_else_moves() {
        let content = b"/P<</MCID 3>>BDC BT/F1 9 Tf(Hi)Tj ET EMC/Artifact BMC 0 0 m 9 9 l S EMC/Tag MP q/Tag<</A[1]>>DP Q";
        let kept = edit(content, |op| {
            Ok::<_, ()>(if is_marked_content(op) {
                Edit::Drop
            } else {
                Edit::Keep
            })
        })
        .unwrap();
        assert_eq!(
            kept,
            b"  BT/F1 9 Tf(Hi)Tj ET    0 0 m 9 9 l S    q  Q".to_vec()
        );
        assert!(ops(&kept).iter().all(|op| !is_marked_content(op)));
    }

    /// An inline image's data may hold any byte, even `EMC` or `)`: it is
    /// kept whole.
    #[test]
    fn an_inline_image_is_one_operation() {
        let content = b"q BI /W 4 /H 1 /BPC 8 /CS /G /F /AHx ID 45)4d43 EI Q EMC";
        let all = ops(content);
        let names: Vec<&[u8]> = all.iter().map(|o| o.operator.as_slice()).collect();
        assert_eq!(names, [&b"q"[..], b"BI", b"Q", b"EMC"]);
        assert_eq!(
            all[1].operands[0].get(b"F"),
            Some(&Operand::Name(b"AHx".to_vec()))
        );
        assert_eq!(
            &content[all[1].span.clone()],
            b"BI /W 4 /H 1 /BPC 8 /CS /G /F /AHx ID 45)4d43 EI"
        );
        // With a declared length, "EI" inside the data is data.
        let content = b"BI /W 5 /H 1 /BPC 8 /CS /G /L 5 ID a EI EI Q";
        let all = ops(content);
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!(all[1].operator, b"Q");
    }

    /// A written operation reads back as the same operation.
    #[test]
    fn written_operations_read_back() {
        let content =
            b"[(a\\)b) -20.5 <00FF>] TJ 1 0.25 (x) \" /F#201 12 Tf /P <</MCID 3 /A [true]>> BDC";
        for op in ops(content) {
            let written = write(&op.operator, &op.operands);
            let again = ops(&written);
            assert_eq!(again.len(), 1, "{}", String::from_utf8_lossy(&written));
            assert_eq!(
                (&again[0].operator, &again[0].operands),
                (&op.operator, &op.operands)
            );
        }
        let replaced = edit(b"q (a) Tj Q", |op| {
            Ok::<_, ()>(match op.operator.as_slice() {
                b"Tj" => Edit::Replace(write(b"Tj", &[Operand::String(b"b".to_vec())])),
                _ => Edit::Keep,
            })
        })
        .unwrap();
        assert_eq!(replaced, b"q  <62> Tj  Q".to_vec());
    }

    #[test]
    fn broken_content_is_an_error() {
        for bad in [
            &b"(never closed"[..],
            b"[1 2",
            b"BI /W 1 ID xx",
            b"1 2 ] re",
        ] {
            let read = each_op(bad, |_| Ok::<(), ()>(()));
            assert!(matches!(read, Err(Stop::Unreadable(_))), "{bad:?}");
        }
    }
}
