//! `--print-file FILE.pdf`: the campaign's PDFs bound into one file for
//! the print house, in CSV order, with `FILE.manifest.csv` saying where
//! each customer's guide starts and how many pages and sheets it takes.
//! With `--proof N`, `FILE.proof.pdf` shows the first N customers' pages
//! small, one sheet each, for the operator to look over before printing.
//!
//! The print file grows as each batch of rows is put in place, so binding
//! overlaps building; it holds exactly the rows the report calls `ok`
//! (kept ones of a `--resume` included), in the same order, and is put in
//! place only when every row of the shard was tried: after an
//! interruption or `--fail-fast` it is dropped, and an earlier print file
//! and manifest are removed rather than left to be printed.

use std::path::{Path, PathBuf};

use sha2::Digest;

use super::report::{Outcome, as_written, inert};

use crate::pdf::bind::{self, Binder};
use crate::write::{Inputs, write_error};

/// The manifest's columns.
pub const MANIFEST: [&str; 7] = [
    "id",
    "line",
    "file",
    "first_page",
    "pages",
    "sheets",
    "sha256",
];

/// The files `--print-file` writes.
#[derive(Debug, Clone)]
pub struct PrintFiles {
    /// The bound PDF.
    pub pdf: PathBuf,
    /// Its manifest.
    pub manifest: PathBuf,
    /// The proof sheets, and how many customers they show.
    pub proof: Option<(PathBuf, u64)>,
}

/// What binding did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PrintSummary {
    /// Customers' guides bound.
    pub guides: u64,
    /// Pages in the print file, blank backs included.
    pub pages: u64,
}

impl PrintFiles {
    /// The print file at `pdf`, its manifest beside it (`mailers.pdf` →
    /// `mailers.manifest.csv`), and with `proof` the first that many
    /// customers' proof sheets (`mailers.proof.pdf`).
    pub fn new(pdf: &Path, proof: Option<u64>) -> PrintFiles {
        let stem = pdf
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "print".into());
        PrintFiles {
            pdf: pdf.to_path_buf(),
            manifest: pdf.with_file_name(format!("{stem}.manifest.csv")),
            proof: proof.map(|n| (pdf.with_file_name(format!("{stem}.proof.pdf")), n)),
        }
    }

    /// Refuses a print file where it could replace a customer's file or an
    /// input: in `--out` (whose `.pdf` names are the customers'), inside a
    /// guide, or in the folder of the CSV, the templates or the fonts.
    pub fn check(&self, out: &Path, inputs: &Inputs) -> Result<(), String> {
        if self.pdf.extension().is_none_or(|e| e != "pdf") {
            return Err(format!(
                "--print-file {}: name the print file with .pdf, such as mailers.pdf",
                self.pdf.display()
            ));
        }
        let folder = self
            .pdf
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let real = |p: &Path| std::fs::canonicalize(p).ok();
        if real(folder).is_some_and(|f| Some(&f) == real(out).as_ref()) {
            return Err(format!(
                "--print-file {}: the output folder holds the customers' own files, and the print file could take one's name; put it beside the folder, such as {}.pdf",
                self.pdf.display(),
                out.file_name()
                    .map_or("mailers".into(), |n| n.to_string_lossy())
            ));
        }
        if let Some(what) = inputs.reads_from(folder) {
            return Err(format!(
                "--print-file {}: that folder holds {what}, which the print file could replace; write it elsewhere",
                self.pdf.display()
            ));
        }
        Ok(())
    }

    /// Removes an earlier print file and manifest, which no longer match
    /// the folder: a campaign that stopped early writes none.
    pub fn remove_stale(&self) -> Result<(), String> {
        let proof = self.proof.as_ref().map(|(p, _)| p);
        for path in [Some(&self.pdf), Some(&self.manifest), proof]
            .into_iter()
            .flatten()
        {
            crate::write::remove_if_present(path).map_err(|e| {
                format!(
                    "the earlier {} is not current and could not be removed: {e}",
                    path.display()
                )
            })?;
        }
        Ok(())
    }

    /// Starts the print file (and manifest, and proof) as temporary files
    /// beside where they go.
    pub fn create(&self) -> Result<PrintWriter, String> {
        let temporary = |path: &Path| {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            crate::write::temporary_in(dir).map_err(|e| write_error(path, &e))
        };
        let binder = Binder::new(std::io::BufWriter::with_capacity(
            1 << 20,
            temporary(&self.pdf)?,
        ))
        .map_err(|e| write_error(&self.pdf, &e))?;
        let mut manifest = csv::Writer::from_writer(temporary(&self.manifest)?);
        manifest
            .write_record(MANIFEST)
            .map_err(|e| format!("cannot write {}: {e}", self.manifest.display()))?;
        let proof = match &self.proof {
            Some((path, _)) => Some(
                Binder::new(std::io::BufWriter::new(temporary(path)?))
                    .map_err(|e| write_error(path, &e))?,
            ),
            None => None,
        };
        Ok(PrintWriter {
            files: self.clone(),
            binder,
            manifest,
            proof,
            summary: PrintSummary::default(),
            sheets: 0,
        })
    }
}

/// The print file being written, a batch of customers at a time as the
/// campaign puts their files in place, so binding overlaps building.
pub struct PrintWriter {
    files: PrintFiles,
    binder: Binder<std::io::BufWriter<tempfile::NamedTempFile>>,
    manifest: csv::Writer<tempfile::NamedTempFile>,
    proof: Option<Binder<std::io::BufWriter<tempfile::NamedTempFile>>>,
    summary: PrintSummary,
    sheets: u64,
}

impl PrintWriter {
    /// Binds a built row's PDF from `out`: rows come in CSV order.
    pub fn add(&mut self, out: &Path, row: &Outcome) -> Result<(), String> {
        let Some(file) = row.files.iter().find(|f| f.ends_with(".pdf")) else {
            return Ok(());
        };
        if row.error.is_some() {
            return Ok(());
        }
        let path = out.join(file);
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let doc = bind::read(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        let bound = self
            .binder
            .append(&doc)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let sha256: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.manifest
            .write_record([
                &*as_written(&row.id),
                &row.line.to_string(),
                &inert(file),
                &bound.first_page.to_string(),
                &bound.pages.to_string(),
                &bound.sheets.to_string(),
                &sha256,
            ])
            .map_err(|e| format!("cannot write {}: {e}", self.files.manifest.display()))?;
        self.summary.guides += 1;
        self.sheets += bound.sheets;
        if let (Some(proof), Some((path, n))) = (&mut self.proof, &self.files.proof)
            && self.summary.guides <= *n
        {
            let caption = format!(
                "{} - line {} - {} pages - pages {} to {} of {}",
                row.id,
                row.line,
                bound.pages,
                bound.first_page,
                bound.first_page + bound.pages - 1,
                self.files
                    .pdf
                    .file_name()
                    .map_or("the print file".into(), |n| n.to_string_lossy())
            );
            proof
                .append_contact_sheet(&doc, &caption)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    }

    /// Finishes the files and puts them in place.
    pub fn finish(self) -> Result<(PrintFiles, PrintSummary), String> {
        let files = self.files;
        let mut summary = self.summary;
        summary.pages = self.binder.pages();
        // Every guide starts on a sheet's front: the pages are the sheets'
        // two sides, which is what a print house counts.
        if summary.pages != 2 * self.sheets {
            return Err(format!(
                "the print file has {} pages but its manifest {} sheets; this is a bug",
                summary.pages, self.sheets
            ));
        }
        let pdf = self
            .binder
            .finish()
            .map_err(|e| write_error(&files.pdf, &e))?
            .into_inner()
            .map_err(|e| write_error(&files.pdf, e.error()))?;
        let manifest = self
            .manifest
            .into_inner()
            .map_err(|e| write_error(&files.manifest, e.error()))?;
        let mut finished = vec![(pdf, files.pdf.clone()), (manifest, files.manifest.clone())];
        if let (Some(binder), Some((path, _))) = (self.proof, &files.proof) {
            let tmp = binder
                .finish()
                .map_err(|e| write_error(path, &e))?
                .into_inner()
                .map_err(|e| write_error(path, e.error()))?;
            finished.push((tmp, path.clone()));
        }
        for (tmp, path) in finished {
            tmp.as_file()
                .sync_data()
                .map_err(|e| write_error(&path, &e))?;
            tmp.persist(&path)
                .map_err(|e| write_error(&path, &e.error))?;
        }
        Ok((files, summary))
    }
}
