//! `report.csv`: one line per row of the shard, in CSV order, written to
//! a temporary file as rows finish and renamed into place at the end.

use std::path::{Path, PathBuf};

use crate::rich::visible;
use crate::write::write_error;

/// How one row went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The row's id as written (empty if it had none).
    pub id: String,
    /// The row's line in the CSV (where it starts).
    pub line: u64,
    /// Files written, by name.
    pub files: Vec<String>,
    /// Why the row failed, or why it was skipped; `None` when it was built.
    pub error: Option<String>,
    /// Not built because the campaign stopped first (`--fail-fast`, or an
    /// interruption): `error` says which.
    pub skipped: bool,
    /// The language the row asked for, when the guide has no translation
    /// in it and the row was built in `--fallback-language` instead.
    pub fell_back_from: Option<String>,
    /// A fingerprint of everything a built row's files were made from
    /// (see [`super::resume`]); empty for a row not built.
    pub input: String,
    /// Built by an earlier run from the same inputs, and kept
    /// (`--resume`).
    pub kept: bool,
}

/// The report being written.
pub struct Report {
    writer: csv::Writer<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Report {
    /// Starts `report.csv` in `out`.
    pub fn create(out: &Path) -> Result<Report, String> {
        let path = out.join("report.csv");
        let tmp = crate::write::temporary_in(out).map_err(|e| write_error(&path, &e))?;
        let mut writer = csv::Writer::from_writer(tmp);
        writer
            .write_record(HEADER)
            .map_err(|e| write_error(&path, &io_error(e)))?;
        Ok(Report { writer, path })
    }

    /// Adds a row's line.
    pub fn add(&mut self, o: &Outcome) -> Result<(), String> {
        let status = match (o.skipped, &o.error) {
            (true, _) => "skipped",
            (false, Some(_)) => "failed",
            (false, None) => "ok",
        };
        self.writer
            // Values from the CSV are echoed with their controls escaped,
            // so the report shows them rather than obeys them.
            .write_record([
                &*as_written(&o.id),
                status,
                &*inert(&o.files.join(";")),
                &*inert(&visible(o.error.as_deref().unwrap_or(""))),
                &*inert(&visible(o.fell_back_from.as_deref().unwrap_or(""))),
                &o.line.to_string(),
                if o.error.is_none() { &o.input } else { "" },
            ])
            .map_err(|e| write_error(&self.path, &io_error(e)))
    }

    /// Puts the finished report in place and returns its path.
    pub fn finish(self) -> Result<PathBuf, String> {
        let fail = |e: &std::io::Error| write_error(&self.path, e);
        let tmp = self.writer.into_inner().map_err(|e| fail(e.error()))?;
        tmp.as_file().sync_data().map_err(|e| fail(&e))?;
        tmp.persist(&self.path).map_err(|e| fail(&e.error))?;
        Ok(self.path)
    }
}

/// The report's columns.
pub const HEADER: [&str; 7] = [
    "id",
    "status",
    "files",
    "error",
    "fell_back_from",
    "line",
    "input",
];

/// The place of the `line` column in [`HEADER`].
pub const LINE: usize = 5;

/// A row's id as the report writes it: controls shown, not obeyed, and
/// safe in a spreadsheet.
pub fn as_written(id: &str) -> String {
    inert(&visible(id)).into_owned()
}

/// `cell` made safe to open in a spreadsheet: one that begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be run as a formula
/// (`=HYPERLINK(…)` as a customer id), so it gets a leading `'`, which
/// spreadsheets show as text.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The file system's error inside a CSV writer's, so a full disk is
/// reported as one.
fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_looking_cells_are_text() {
        for cell in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "=HYPERLINK(\"x\")"] {
            assert_eq!(inert(cell), format!("'{cell}"));
        }
        assert_eq!(inert("C-1001"), "C-1001");
        assert_eq!(inert(""), "");
    }
}
