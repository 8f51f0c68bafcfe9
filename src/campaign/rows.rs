//! The customer CSV, read one record at a time: a campaign of any size
//! is never held in memory.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

/// The longest value a field may hold: no column of a billing export
/// needs more, and a runaway quote could otherwise swallow the file.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// An open customer CSV, positioned after its header.
pub struct Rows {
    reader: csv::Reader<File>,
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
    /// The raw fields.
    pub record: csv::ByteRecord,
}

impl Rows {
    /// Opens the CSV and reads its header row.
    pub fn open(path: &Path) -> Result<Rows, String> {
        let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(file);
        let raw = reader
            .byte_headers()
            .map_err(|e| format!("{}: cannot read the header row: {e}", path.display()))?
            .clone();
        let mut headers = Vec::with_capacity(raw.len());
        for (i, field) in raw.iter().enumerate() {
            let name = std::str::from_utf8(field).map_err(|e| {
                format!(
                    "{}: line 1: column {} of the header is not UTF-8 (byte {} of the name); save the file as UTF-8",
                    path.display(),
                    i + 1,
                    e.valid_up_to()
                )
            })?;
            // Excel writes a byte-order mark; it is not part of the name.
            let name = name.trim_start_matches('\u{feff}').trim().to_string();
            if headers.contains(&name) {
                return Err(format!(
                    "{}: line 1: the column `{name}` appears twice; rename or remove one",
                    path.display()
                ));
            }
            headers.push(name);
        }
        if !headers.iter().any(|h| h == "id") {
            return Err(format!(
                "{}: line 1: there is no `id` column; the first row must name the columns, one of them `id` (the output file name of each customer)",
                path.display()
            ));
        }
        Ok(Rows {
            reader,
            headers,
            next_position: 0,
        })
    }

    /// The next data row; `None` at the end. An error means the file
    /// itself could not be read further.
    pub fn next_row(&mut self) -> Option<Result<Row, String>> {
        let mut record = csv::ByteRecord::new();
        match self.reader.read_byte_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                let position = self.next_position;
                self.next_position += 1;
                let pos = record.position();
                Some(Ok(Row {
                    position,
                    line: pos.map_or(0, csv::Position::line),
                    offset: pos.map_or(0, csv::Position::byte),
                    record,
                }))
            }
            Err(e) => Some(Err(format!("cannot read the customer file further: {e}"))),
        }
    }
}

/// Counts the data rows of a CSV (for the progress bar): a quick pass
/// that keeps nothing.
pub fn count(path: &Path) -> u64 {
    let Ok(file) = File::open(path) else {
        return 0;
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let mut n = 0;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        n += 1;
    }
    n
}

/// The row's values by column name, checked: as many values as columns,
/// UTF-8, none too long.
pub fn values(headers: &[String], row: &Row) -> Result<BTreeMap<String, String>, String> {
    if row.record.len() != headers.len() {
        let missing: Vec<&str> = headers
            .iter()
            .skip(row.record.len())
            .map(String::as_str)
            .collect();
        return Err(if missing.is_empty() {
            format!(
                "has {} values but the header names {} columns; remove the extra values or quote values holding commas",
                row.record.len(),
                headers.len()
            )
        } else {
            format!(
                "has {} values but the header names {} columns (missing: {}); fill every column, even if empty",
                row.record.len(),
                headers.len(),
                missing.join(", ")
            )
        });
    }
    let mut values = BTreeMap::new();
    for (name, field) in headers.iter().zip(row.record.iter()) {
        if field.len() > MAX_FIELD_BYTES {
            return Err(format!(
                "the `{name}` value is {} KB; at most 64 KB",
                field.len() / 1024
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
