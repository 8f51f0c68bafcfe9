//! `--print-file FILE.pdf`: the campaign's PDFs bound into one file for
//! the print house, in CSV order, with `FILE.manifest.csv` saying where
//! each customer's guide starts and how many pages and sheets it takes.
//! With `--proof N`, `FILE.proof.pdf` shows the first N customers' pages
//! small, one sheet each, for the operator to look over before printing.
//!
//! The print file is made from the finished report, so it holds exactly
//! the rows the report calls `ok` (kept ones of a `--resume` included),
//! and is written only when every row of the shard was tried: after an
//! interruption or `--fail-fast`, an earlier print file and manifest are
//! removed rather than left to be printed.

use std::path::{Path, PathBuf};

use sha2::Digest;

use super::report::{HEADER, inert, uninert};
use rayon::prelude::*;

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

/// PDFs read back at once: enough for every core, few enough that memory
/// stays small (a PDF read back takes a few times its size).
const WINDOW: usize = 16;

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
            match std::fs::remove_file(path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(format!(
                        "the earlier {} is not current and could not be removed: {e}",
                        path.display()
                    ));
                }
            }
        }
        Ok(())
    }

    /// Binds the PDFs `report` lists as built, in its order, from `out`.
    pub fn write(&self, out: &Path, report: &Path) -> Result<PrintSummary, String> {
        let mut reader = csv::Reader::from_path(report)
            .map_err(|e| format!("cannot read {}: {e}", report.display()))?;
        let column = |name: &str| HEADER.iter().position(|h| *h == name).unwrap_or(0);
        let (id, status, files, line) = (
            column("id"),
            column("status"),
            column("files"),
            column("line"),
        );
        let dir = |p: &Path| {
            p.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        };
        let pdf_tmp =
            crate::write::temporary_in(&dir(&self.pdf)).map_err(|e| write_error(&self.pdf, &e))?;
        let mut binder = Binder::new(std::io::BufWriter::with_capacity(1 << 20, pdf_tmp))
            .map_err(|e| write_error(&self.pdf, &e))?;
        let manifest_tmp = crate::write::temporary_in(&dir(&self.manifest))
            .map_err(|e| write_error(&self.manifest, &e))?;
        let mut manifest = csv::Writer::from_writer(manifest_tmp);
        let manifest_error =
            |e: csv::Error| format!("cannot write {}: {e}", self.manifest.display());
        manifest.write_record(MANIFEST).map_err(manifest_error)?;
        let mut proof = match &self.proof {
            Some((path, n)) => {
                let tmp =
                    crate::write::temporary_in(&dir(path)).map_err(|e| write_error(path, &e))?;
                let binder =
                    Binder::new(std::io::BufWriter::new(tmp)).map_err(|e| write_error(path, &e))?;
                Some((path, *n, binder))
            }
            None => None,
        };
        let mut summary = PrintSummary::default();
        let mut sheets = 0;
        // Reading a PDF back is most of the cost: a window of them is read
        // (and hashed) on every core, then bound in order.
        let mut records = reader.records();
        loop {
            let mut window: Vec<(csv::StringRecord, String)> = Vec::with_capacity(WINDOW);
            for record in records.by_ref() {
                let record = record.map_err(|e| format!("{}: {e}", report.display()))?;
                let field = |i: usize| record.get(i).unwrap_or("");
                let file = uninert(field(files))
                    .split(';')
                    .find(|f| f.ends_with(".pdf"))
                    .map(str::to_string);
                if let Some(file) = file.filter(|_| field(status) == "ok") {
                    window.push((record, file));
                    if window.len() == WINDOW {
                        break;
                    }
                }
            }
            if window.is_empty() {
                break;
            }
            let read: Vec<Result<(lopdf::Document, String), String>> = window
                .par_iter()
                .map(|(_, file)| {
                    let path = out.join(file);
                    let bytes = std::fs::read(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    let doc = bind::read(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                    let digest = sha2::Sha256::digest(&bytes);
                    Ok((doc, digest.iter().map(|b| format!("{b:02x}")).collect()))
                })
                .collect();
            for ((record, file), read) in window.iter().zip(read) {
                let (doc, sha256) = read?;
                let field = |i: usize| record.get(i).unwrap_or("");
                let bound = binder
                    .append(&doc)
                    .map_err(|e| format!("{}: {e}", out.join(file).display()))?;
                manifest
                    .write_record([
                        field(id),
                        field(line),
                        &inert(file),
                        &bound.first_page.to_string(),
                        &bound.pages.to_string(),
                        &bound.sheets.to_string(),
                        &sha256,
                    ])
                    .map_err(manifest_error)?;
                summary.guides += 1;
                sheets += bound.sheets;
                if let Some((path, n, binder)) = &mut proof
                    && summary.guides <= *n
                {
                    let caption = format!(
                        "{} - line {} - {} pages - pages {} to {} of {}",
                        uninert(field(id)),
                        field(line),
                        bound.pages,
                        bound.first_page,
                        bound.first_page + bound.pages - 1,
                        self.pdf
                            .file_name()
                            .map_or("the print file".into(), |n| n.to_string_lossy())
                    );
                    binder
                        .append_contact_sheet(&doc, &caption)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                }
            }
        }
        summary.pages = binder.pages();
        // Every guide starts on a sheet's front: the pages are the sheets'
        // two sides, which is what a print house counts.
        if summary.pages != 2 * sheets {
            return Err(format!(
                "the print file has {} pages but its manifest {sheets} sheets; this is a bug",
                summary.pages
            ));
        }
        let pdf_tmp = binder
            .finish()
            .map_err(|e| write_error(&self.pdf, &e))?
            .into_inner()
            .map_err(|e| write_error(&self.pdf, e.error()))?;
        let manifest_tmp = manifest
            .into_inner()
            .map_err(|e| write_error(&self.manifest, e.error()))?;
        let mut finished = vec![(pdf_tmp, &self.pdf), (manifest_tmp, &self.manifest)];
        if let Some((path, _, binder)) = proof {
            let tmp = binder
                .finish()
                .map_err(|e| write_error(path, &e))?
                .into_inner()
                .map_err(|e| write_error(path, e.error()))?;
            finished.push((tmp, path));
        }
        for (tmp, path) in finished {
            tmp.as_file()
                .sync_data()
                .map_err(|e| write_error(path, &e))?;
            tmp.persist(path).map_err(|e| write_error(path, &e.error))?;
        }
        Ok(summary)
    }
}
