//! `swapguide build`: every guide under a path, in every language, checked,
//! resolved, rendered and written to the output folder.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Sources};
use crate::lang;
use crate::load::{self, LoadedFile};
use crate::pdf::{self, PdfOptions};
use crate::resolve::{self, Overrides};
use crate::validate;
use crate::write::write_atomic;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The printable PDF.
    Pdf,
    /// The offline HTML page.
    Html,
}

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder.
    pub out: PathBuf,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Paper and print size overrides.
    pub overrides: Overrides,
    /// `SOURCE_DATE_EPOCH`.
    pub date: Option<i64>,
}

/// What a build did.
#[derive(Default)]
pub struct BuildReport {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Problems found by the checks (errors stop a guide from building).
    pub diagnostics: Vec<Diagnostic>,
    /// Sources the diagnostics point into.
    pub sources: Sources,
    /// Guides or files that could not be built, with the reason.
    pub failures: Vec<String>,
}

impl BuildReport {
    /// True if anything failed.
    pub fn failed(&self) -> bool {
        !self.failures.is_empty() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds every guide under `path`.
pub fn build(path: &Path, options: &BuildOptions) -> BuildReport {
    let mut report = BuildReport::default();
    let dirs = match load::find_guides(path) {
        Ok(dirs) => dirs,
        Err(d) => {
            report.diagnostics.push(d);
            return report;
        }
    };
    if let Err(e) = prepare_out(&options.out, &dirs) {
        report.failures.push(e);
        return report;
    }
    for dir in dirs {
        build_guide(&dir, options, &mut report);
    }
    crate::diag::sort(&mut report.diagnostics);
    report
}

/// Creates the output folder, refusing one inside a guide: a build must
/// never write into what it reads.
fn prepare_out(out: &Path, guides: &[PathBuf]) -> Result<(), String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder {}: {e}", out.display()))?;
    let out_real = std::fs::canonicalize(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for g in guides {
        if let Ok(g_real) = std::fs::canonicalize(g)
            && out_real.starts_with(&g_real)
        {
            return Err(format!(
                "the output folder {} is inside the guide {}; choose a folder outside it, such as dist/",
                out.display(),
                g.display()
            ));
        }
    }
    Ok(())
}

fn build_guide(dir: &Path, options: &BuildOptions, report: &mut BuildReport) {
    let mut diags = Vec::new();
    let src = load::load_guide(dir, &mut report.sources, &mut diags);
    validate::validate(&src, &report.sources, &mut diags);
    let has_errors = diags.iter().any(Diagnostic::is_error);
    report.diagnostics.append(&mut diags);
    if has_errors {
        report.failures.push(format!(
            "{}: not built, fix the errors above",
            dir.display()
        ));
        return;
    }
    let id = src
        .main
        .guide
        .as_ref()
        .and_then(|g| g.guide.id.as_ref())
        .map_or_else(|| src.folder_name(), |i| i.get_ref().clone());
    for file in src.files() {
        if let Err(e) = build_file(&id, dir, file, options, report) {
            report.failures.push(e);
        }
    }
}

fn build_file(
    id: &str,
    dir: &Path,
    file: &LoadedFile,
    options: &BuildOptions,
    report: &mut BuildReport,
) -> Result<(), String> {
    let Some(guide_file) = &file.guide else {
        return Ok(());
    };
    let guide = resolve::resolve(guide_file, id, dir, None, options.overrides);
    let language = if guide.language.is_empty() {
        lang::DEFAULT_LANGUAGE
    } else {
        &guide.language
    };
    for format in &options.formats {
        match format {
            Format::Pdf => {
                let bytes = pdf::render_pdf(&guide, &PdfOptions { date: options.date })
                    .map_err(|e| format!("{}: {e}", file.path.display()))?;
                let path = options.out.join(format!("{id}.{language}.pdf"));
                write_atomic(&path, &bytes)?;
                report.written.push(path);
            }
            Format::Html => {
                return Err("HTML output is not available yet; build with --format pdf".into());
            }
        }
    }
    Ok(())
}
