//! `swapguide report merge`: the reports of a campaign's shards as one.
//!
//! Each shard writes its own `report.csv`; merged, every row must appear
//! once. Rows are matched by their line in the customer CSV (the `line`
//! column), so two reports holding one row (the same shard run twice, or
//! shards of different CSVs) are refused rather than silently joined.
//! Given the CSV, the merge also proves that no row is missing and that
//! each report's id is the CSV's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::report::{HEADER, LINE, as_written};
use super::rows::Rows;
use crate::write::write_error;

/// What a merge did.
#[derive(Debug, Default)]
pub struct Merged {
    /// Rows in the merged report.
    pub rows: u64,
    /// Of them, not `ok`.
    pub not_ok: u64,
}

/// One report line, and where it came from.
struct Line {
    fields: Vec<String>,
    from: PathBuf,
    at: u64,
}

/// Merges `reports` into `out`, in CSV line order; with `customers`, every
/// row of that file must be in exactly one report. Every problem found is
/// returned; nothing is written then.
pub fn merge(
    reports: &[PathBuf],
    customers: Option<&Path>,
    out: &Path,
) -> Result<Merged, Vec<String>> {
    let mut problems = Vec::new();
    let mut lines: BTreeMap<u64, Line> = BTreeMap::new();
    for path in reports {
        if let Err(e) = read_report(path, &mut lines, &mut problems) {
            problems.push(e);
        }
    }
    if let Some(csv) = customers {
        match every_row(csv, &lines) {
            Ok(mut found) => problems.append(&mut found),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    write(out, &lines).map_err(|e| vec![e])
}

/// Reads one report into `lines`, refusing a row another report has.
fn read_report(
    path: &Path,
    lines: &mut BTreeMap<u64, Line>,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    if header != HEADER {
        return Err(format!(
            "{} is not a report of this swapguide: its columns are {}, not {}",
            path.display(),
            header.join(","),
            HEADER.join(",")
        ));
    }
    for (n, record) in reader.records().enumerate() {
        let at = n as u64 + 2;
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        let Some(line) = fields.get(LINE).and_then(|l| l.parse::<u64>().ok()) else {
            problems.push(format!(
                "{}:{at}: the row has no CSV line; was the report edited?",
                path.display()
            ));
            continue;
        };
        if let Some(other) = lines.get(&line) {
            problems.push(format!(
                "line {line} of the customer file is in two reports: {}:{} and {}:{at}; the reports overlap (one shard run twice, or reports of different campaigns)",
                other.from.display(),
                other.at,
                path.display()
            ));
            continue;
        }
        lines.insert(
            line,
            Line {
                fields,
                from: path.to_path_buf(),
                at,
            },
        );
    }
    Ok(())
}

/// Every data row of `csv` is in the reports, under its own id.
fn every_row(csv: &Path, lines: &BTreeMap<u64, Line>) -> Result<Vec<String>, String> {
    let mut rows = Rows::open(csv)?;
    let id_column = rows.headers.iter().position(|h| h == "id");
    let mut problems = Vec::new();
    let mut seen = 0;
    while let Some(row) = rows.next_row() {
        let row = row.map_err(|e| format!("{}: {e}", csv.display()))?;
        seen += 1;
        let id = id_column
            .and_then(|i| row.record.get(i))
            .map(|raw| as_written(String::from_utf8_lossy(raw).trim()))
            .unwrap_or_default();
        match lines.get(&row.line) {
            None => problems.push(format!(
                "{}:{}: the row (id `{id}`) is in no report: a shard is missing or was not run to the end",
                csv.display(),
                row.line
            )),
            Some(l) if l.fields.first() != Some(&id) => problems.push(format!(
                "{}:{}: the row's id is `{id}`, but {}:{} reports `{}` for that line: the report is of another customer file",
                csv.display(),
                row.line,
                l.from.display(),
                l.at,
                l.fields.first().map_or("", String::as_str)
            )),
            Some(_) => {}
        }
    }
    if lines.len() > seen {
        problems.push(format!(
            "the reports hold {} rows, the customer file {seen}: some are of another customer file",
            lines.len()
        ));
    }
    Ok(problems)
}

/// Writes the merged report, whole or not at all.
fn write(out: &Path, lines: &BTreeMap<u64, Line>) -> Result<Merged, String> {
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = crate::write::temporary_in(dir).map_err(|e| write_error(out, &e))?;
    let mut writer = csv::Writer::from_writer(tmp);
    let fail = |e: csv::Error| format!("cannot write {}: {e}", out.display());
    writer.write_record(HEADER).map_err(fail)?;
    let mut merged = Merged::default();
    for line in lines.values() {
        writer.write_record(&line.fields).map_err(fail)?;
        merged.rows += 1;
        if line.fields.get(1).is_some_and(|s| s != "ok") {
            merged.not_ok += 1;
        }
    }
    let tmp = writer
        .into_inner()
        .map_err(|e| write_error(out, e.error()))?;
    tmp.as_file()
        .sync_data()
        .map_err(|e| write_error(out, &e))?;
    tmp.persist(out).map_err(|e| write_error(out, &e.error))?;
    Ok(merged)
}
