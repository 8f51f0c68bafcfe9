//! The customer CSV, read one record at a time: a campaign of any size
//! is never held in memory.
//!
//! Records are parsed with csv-core a field at a time, into a buffer of
//! [`MAX_FIELD_BYTES`]: a longer value fails its row (its bytes are
//! counted, not kept), and a quoted value still open at the limit stops
//! the read there, so a quote left unclosed costs 64 KB, not the rest of
//! the file.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The longest value a field may hold: no column of a billing export
/// needs more, and a runaway quote could otherwise swallow the file.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// An open customer CSV, positioned after its header.
pub struct Rows {
    records: Records<BufReader<File>>,
    /// Column names, in order.
    pub headers: Vec<String>,
    next_position: u64,
}

/// One data row, not yet decoded.
pub struct Row {
    /// 0-based position among the data rows (what `--shard` divides).
    pub position: u64,
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// Byte offset of the row in the file.
    pub offset: u64,
    /// The raw fields, at most one per column; a value over
    /// [`MAX_FIELD_BYTES`] is kept empty.
    pub record: csv::ByteRecord,
    /// How many values the row has (extra ones are counted, not kept).
    pub values: usize,
    /// The first value over [`MAX_FIELD_BYTES`]: its column and length.
    pub oversized: Option<(usize, u64)>,
}

impl Rows {
    /// Opens the CSV and reads its header row.
    pub fn open(path: &Path) -> Result<Rows, String> {
        let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        let mut records =
            Records::new(BufReader::new(file)).map_err(|e| format!("{}: {e}", path.display()))?;
        let header = records
            .next_record(usize::MAX)
            .map_err(|e| format!("{}: cannot read the header row: {e}", path.display()))?;
        let headers = match header {
            Some(h) => {
                header_names(&h).map_err(|e| format!("{}: line {}: {e}", path.display(), h.line))?
            }
            None => Vec::new(),
        };
        if !headers.iter().any(|h| h == "id") {
            return Err(format!(
                "{}: line 1: there is no `id` column; the first row must name the columns, one of them `id` (the output file name of each customer)",
                path.display()
            ));
        }
        Ok(Rows {
            records,
            headers,
            next_position: 0,
        })
    }

    /// The next data row; `None` at the end. An error means the file
    /// itself could not be read further.
    pub fn next_row(&mut self) -> Option<Result<Row, String>> {
        match self.records.next_record(self.headers.len()) {
            Ok(None) => None,
            Ok(Some(record)) => {
                let position = self.next_position;
                self.next_position += 1;
                Some(Ok(Row {
                    position,
                    line: record.line,
                    offset: record.offset,
                    record: record.fields,
                    values: record.values,
                    oversized: record.oversized,
                }))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// The header row's names: UTF-8, trimmed, each once.
fn header_names(header: &Record) -> Result<Vec<String>, String> {
    if let Some((i, len)) = header.oversized {
        return Err(format!(
            "the name of column {} of the header is {} KB long; name each column in a few words",
            i + 1,
            len / 1024
        ));
    }
    let mut headers = Vec::with_capacity(header.fields.len());
    for (i, field) in header.fields.iter().enumerate() {
        let name = std::str::from_utf8(field).map_err(|e| {
            format!(
                "column {} of the header is not UTF-8 (byte {} of the name); save the file as UTF-8",
                i + 1,
                e.valid_up_to()
            )
        })?;
        // Excel writes a byte-order mark; it is not part of the name.
        let name = name.trim_start_matches('\u{feff}').trim().to_string();
        if headers.contains(&name) {
            return Err(format!(
                "the column `{name}` appears twice; rename or remove one"
            ));
        }
        headers.push(name);
    }
    Ok(headers)
}

/// Counts the data rows of a CSV (for the progress bar): a quick pass
/// that keeps nothing, and stops where reading the rows would. Only a
/// regular file is counted: a pipe (`--customers <(…)`, a FIFO, standard
/// input) can be read once, and a second reader would take rows from the
/// campaign's own (they were lost, built by no one and in no report).
pub fn count(path: &Path) -> Option<u64> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let file = File::open(path).ok()?;
    let mut records = Records::new(BufReader::new(file)).ok()?;
    let mut n: u64 = 0;
    while let Ok(Some(_)) = records.next_record(0) {
        n += 1;
    }
    // The header is not a row.
    Some(n.saturating_sub(1))
}

/// One CSV record as read.
#[derive(Debug)]
struct Record {
    /// 1-based line where it starts.
    line: u64,
    /// Byte offset where it starts.
    offset: u64,
    /// Its fields, up to the number asked for.
    fields: csv::ByteRecord,
    /// How many fields it has.
    values: usize,
    /// The first field over [`MAX_FIELD_BYTES`] (kept empty): its index
    /// and length.
    oversized: Option<(usize, u64)>,
}

/// Where a field starts, and whether it starts with a quote.
#[derive(Clone, Copy)]
struct FieldStart {
    line: u64,
    offset: u64,
    quoted: bool,
}

/// One field as read: its length (all of it, even past the limit, whose
/// bytes are not kept), where it starts and whether it ends its record.
struct Field {
    len: u64,
    start: Option<FieldStart>,
    record_end: bool,
}

/// CSV records read from `input` with csv-core, whose parser hands over
/// a field a buffer at a time: a field is kept only up to
/// [`MAX_FIELD_BYTES`], so no input, however malformed, makes one grow
/// further.
struct Records<R> {
    input: R,
    parser: csv_core::Reader,
    /// The current field: [`MAX_FIELD_BYTES`] and one byte more, to tell
    /// a field of exactly the limit from a longer one.
    field: Vec<u8>,
    /// Byte offset of the next byte of input.
    offset: u64,
    /// 1-based line of the next byte of input.
    line: u64,
    /// The last byte read was a carriage return: a line feed next is the
    /// same line end (CRLF).
    after_cr: bool,
}

/// The line ends in `bytes`: LF, CRLF and a lone CR (old Mac files) each
/// count once. `after_cr` says the byte before `bytes` was a CR.
fn line_ends(bytes: &[u8], after_cr: bool) -> u64 {
    let mut count = 0;
    let mut previous_cr = after_cr;
    for &b in bytes {
        match b {
            b'\r' => count += 1,
            b'\n' if !previous_cr => count += 1,
            _ => {}
        }
        previous_cr = b == b'\r';
    }
    count
}

/// A UTF-8 byte-order mark: Excel writes one; it belongs to no field.
const BOM: &[u8] = b"\xef\xbb\xbf";

impl<R: BufRead> Records<R> {
    /// Starts reading `input`, past its byte-order mark if it has one.
    fn new(mut input: R) -> Result<Records<R>, String> {
        let head = input
            .fill_buf()
            .map_err(|e| format!("cannot read the customer file: {e}"))?;
        let bom = if head.starts_with(BOM) { BOM.len() } else { 0 };
        input.consume(bom);
        Ok(Records {
            input,
            parser: csv_core::Reader::new(),
            field: vec![0; MAX_FIELD_BYTES + 1],
            offset: bom as u64,
            line: 1,
            after_cr: false,
        })
    }

    /// The next record, keeping at most `keep` of its fields; `None` at
    /// the end of the input.
    fn next_record(&mut self, keep: usize) -> Result<Option<Record>, String> {
        let mut record = Record {
            line: self.line,
            offset: self.offset,
            fields: csv::ByteRecord::new(),
            values: 0,
            oversized: None,
        };
        loop {
            let first = record.values == 0;
            let Some(field) = self.next_field(first)? else {
                return Ok((!first).then_some(record));
            };
            if first && let Some(start) = field.start {
                record.line = start.line;
                record.offset = start.offset;
            }
            let too_long = field.len > MAX_FIELD_BYTES as u64;
            if too_long && record.oversized.is_none() {
                record.oversized = Some((record.values, field.len));
            }
            if record.values < keep {
                // An over-long value is kept empty: its place still
                // counts, so the columns after it line up.
                let kept = if too_long { 0 } else { field.len as usize };
                record.fields.push_field(&self.field[..kept]);
            }
            record.values += 1;
            if field.record_end {
                return Ok(Some(record));
            }
        }
    }

    /// The next field into `self.field`; `None` at the end of the input.
    /// `first` says it begins a record (blank lines before it are skipped,
    /// as csv-core skips them).
    fn next_field(&mut self, first: bool) -> Result<Option<Field>, String> {
        let mut len: u64 = 0;
        let mut start = None;
        loop {
            let input = self
                .input
                .fill_buf()
                .map_err(|e| format!("cannot read the customer file further: {e}"))?;
            let at_end = input.is_empty();
            let output = match usize::try_from(len) {
                Ok(kept) if kept <= MAX_FIELD_BYTES => &mut self.field[kept..],
                // Past the limit the field's bytes are written over the
                // start of the buffer and dropped: only its length is kept.
                _ => &mut self.field[..],
            };
            let (result, read, written) = self.parser.read_field(input, output);
            let consumed = &input[..read];
            if start.is_none() {
                start = field_start(consumed, first, self.line, self.offset, self.after_cr);
            }
            self.line += line_ends(consumed, self.after_cr);
            if let Some(&last) = consumed.last() {
                self.after_cr = last == b'\r';
            }
            self.offset += read as u64;
            self.input.consume(read);
            len += written as u64;
            match result {
                csv_core::ReadFieldResult::InputEmpty if !at_end => {}
                csv_core::ReadFieldResult::OutputFull => {
                    if let Some(s) = start.filter(|s| s.quoted) {
                        return Err(runaway_quote(s.line));
                    }
                }
                csv_core::ReadFieldResult::Field { record_end } => {
                    return Ok(Some(Field {
                        len,
                        start,
                        record_end,
                    }));
                }
                // The parser ends the input with `End`; an empty input it
                // did not end is taken as the end all the same, rather than
                // asked again forever.
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::End => {
                    return Ok(None);
                }
            }
        }
    }
}

/// Where a field starts within `consumed`, the first bytes read of it
/// from `line` and `offset` on (at the start of a record, the first byte
/// after any blank lines); `None` if they are all line ends.
fn field_start(
    consumed: &[u8],
    first: bool,
    line: u64,
    offset: u64,
    after_cr: bool,
) -> Option<FieldStart> {
    let at = if first {
        consumed.iter().position(|b| !matches!(b, b'\r' | b'\n'))?
    } else if consumed.is_empty() {
        return None;
    } else {
        0
    };
    let lines = line_ends(&consumed[..at], after_cr);
    Some(FieldStart {
        line: line + lines,
        offset: offset + at as u64,
        quoted: consumed[at] == b'"',
    })
}

/// Why a quoted value that runs past [`MAX_FIELD_BYTES`] stops the read:
/// its closing quote is almost surely missing, and every row after it
/// would be read into it.
fn runaway_quote(line: u64) -> String {
    format!(
        "line {line}: the quoted value that starts here is still open after 64 KB, the most a value may hold, so no row from here on was read; close the quote, or double a quote inside a quoted field (\"\")"
    )
}

/// The row's values by column name, checked: as many values as columns,
/// UTF-8, none too long.
pub fn values(headers: &[String], row: &Row) -> Result<BTreeMap<String, String>, String> {
    if row.values != headers.len() {
        let missing: Vec<&str> = headers
            .iter()
            .skip(row.values)
            .map(String::as_str)
            .collect();
        return Err(if missing.is_empty() {
            format!(
                "has {} values but the header names {} columns; remove the extra values or quote values holding commas",
                row.values,
                headers.len()
            )
        } else {
            format!(
                "has {} values but the header names {} columns (missing: {}); fill every column, even if empty",
                row.values,
                headers.len(),
                missing.join(", ")
            )
        });
    }
    let mut values = BTreeMap::new();
    for (i, (name, field)) in headers.iter().zip(row.record.iter()).enumerate() {
        if let Some((column, len)) = row.oversized
            && column == i
        {
            return Err(format!(
                "the `{name}` value is {} KB; at most 64 KB",
                len / 1024
            ));
        }
        let text = std::str::from_utf8(field).map_err(|e| {
            format!(
                "the `{name}` value is not UTF-8 at byte {} of the value (the row starts at byte {} of the file); save the file as UTF-8",
                e.valid_up_to(),
                row.offset
            )
        })?;
        values.insert(name.clone(), text.to_string());
    }
    Ok(values)
}

/// Checks a customer id, the name of the customer's files: letters,
/// digits, `.`, `_` and `-`, so no file can land outside `--out`.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("the id is empty; every row needs an id, the name of its files".into());
    }
    if id.len() > 200 {
        return Err("the id is longer than 200 characters".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "the id `{id}` holds `{c}`; use only letters, digits, `.`, `_` and `-`"
        ));
    }
    if id.starts_with('.') {
        return Err(format!(
            "the id `{id}` starts with `.`; start it with a letter or digit"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `csv`, keeping up to 10 fields each; or the error
    /// that stopped it.
    fn read(csv: &[u8]) -> Result<Vec<Record>, String> {
        let mut records = Records::new(csv)?;
        let mut out = Vec::new();
        while let Some(r) = records.next_record(10)? {
            out.push(r);
        }
        Ok(out)
    }

    /// Each record's kept fields, as bytes.
    fn raw(record: &Record) -> Vec<Vec<u8>> {
        record.fields.iter().map(<[u8]>::to_vec).collect()
    }

    fn fields(csv: &[u8]) -> Vec<Vec<String>> {
        read(csv)
            .unwrap()
            .iter()
            .map(|r| {
                r.fields
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn lines_count_lf_crlf_and_lone_cr_alike() {
        let lines = |csv: &[u8], chunk: usize| -> Vec<u64> {
            let mut records = Records::new(std::io::BufReader::with_capacity(chunk, csv)).unwrap();
            let mut out = Vec::new();
            while let Some(r) = records.next_record(10).unwrap() {
                out.push(r.line);
            }
            out
        };
        for chunk in [1, 2, 3, 4096] {
            // Old Mac line ends (CR alone), as some exports still write.
            assert_eq!(lines(b"id,name\r1,a\r2,b\r", chunk), [1, 2, 3]);
            // CRLF, a CR and LF read in two pieces, a quoted line end.
            assert_eq!(
                lines(b"id,name\r\n1,\"a\r\nb\"\r\n2,b\r\n\r\n3,c", chunk),
                [1, 2, 4, 6],
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn reads_csv_as_the_csv_crate_does() {
        // Quotes, doubled quotes, a comma and a line end inside quotes, CRLF,
        // a byte-order mark, blank lines and no final line end.
        let csv = b"\xef\xbb\xbfid,name\r\n1,\"a,\"\"b\"\"\nc\"\r\n\r\n\n2,\n3,x";
        assert_eq!(
            fields(csv),
            [
                vec!["id", "name"],
                vec!["1", "a,\"b\"\nc"],
                vec!["2", ""],
                vec!["3", "x"]
            ]
        );
        let lines: Vec<(u64, u64)> = read(csv)
            .unwrap()
            .iter()
            .map(|r| (r.line, r.offset))
            .collect();
        // Row 2 starts after its quoted line end; row 3 after two blank lines.
        assert_eq!(lines, [(1, 3), (2, 12), (6, 30), (7, 33)]);
        // Field for field what the csv crate's reader gives.
        let by_csv: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&csv[..])
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(fields(csv), by_csv);
        assert_eq!(fields(b""), Vec::<Vec<String>>::new());
        assert_eq!(fields(b"\n\n"), Vec::<Vec<String>>::new());
    }

    #[test]
    fn extra_values_are_counted_not_kept() {
        let mut records = Records::new(&b"a,b,c,d\n"[..]).unwrap();
        let r = records.next_record(2).unwrap().unwrap();
        assert_eq!((r.fields.len(), r.values), (2, 4));
    }

    #[test]
    fn a_long_value_fails_its_row_and_the_next_rows_read_on() {
        let exact = "x".repeat(MAX_FIELD_BYTES);
        let long = "y".repeat(MAX_FIELD_BYTES * 3);
        let csv = format!("1,{exact}\n2,{long},z\n3,w\n");
        let rows = read(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].fields[1].len(), MAX_FIELD_BYTES);
        assert_eq!(rows[0].oversized, None);
        // Kept empty, in its place, with its whole length.
        assert_eq!(raw(&rows[1]), [b"2".to_vec(), Vec::new(), b"z".to_vec()]);
        assert_eq!(rows[1].oversized, Some((1, 3 * MAX_FIELD_BYTES as u64)));
        assert_eq!(raw(&rows[2]), [b"3".to_vec(), b"w".to_vec()]);
    }

    #[test]
    fn an_unclosed_quote_stops_the_read_64_kb_in() {
        let tail = "2,b\n".repeat(100_000);
        let csv = format!("id,name\n1,\"a\n{tail}");
        let mut records = Records::new(csv.as_bytes()).unwrap();
        assert!(records.next_record(2).unwrap().is_some());
        let e = records.next_record(2).unwrap_err();
        assert!(e.starts_with("line 2: "), "{e}");
        assert!(
            e.contains("close the quote, or double a quote inside a quoted field"),
            "{e}"
        );
        // It read the field's 64 KB and a buffer more, not the rest.
        assert!(
            records.offset < 2 * MAX_FIELD_BYTES as u64,
            "{}",
            records.offset
        );
        // A quoted value of exactly 64 KB is fine.
        let exact = format!("\"{}\"\n", "q".repeat(MAX_FIELD_BYTES));
        assert_eq!(
            read(exact.as_bytes()).unwrap()[0].fields[0].len(),
            MAX_FIELD_BYTES
        );
    }

    #[test]
    fn ids_cannot_leave_the_folder() {
        for good in ["C-1001", "a.b_c", "42"] {
            assert!(check_id(good).is_ok(), "{good}");
        }
        for bad in ["", "../x", "a/b", "a\\b", ".hidden", "..", "a b", "é"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
