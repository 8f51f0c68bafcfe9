//! `swapguide build`: every guide under a path, in every language, checked,
//! resolved, rendered and written to the output folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Sources};
use crate::html;
use crate::lang;
use crate::load::{self, LoadedFile};
use crate::pdf::{self, PdfOptions};
use crate::resolve::{self, Overrides};
use crate::validate;
use crate::write::{Staged, stage, write_atomic};

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
    /// `--templates DIR`: HTML template overrides.
    pub templates: Option<PathBuf>,
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
    // A folder of guides gets a page linking them all, for field staff.
    let is_folder = path.is_dir() && !path.join(load::GUIDE_FILE).is_file();
    // The templates are parsed only if a page or the index uses them (or
    // `--templates` names a folder, whose mistakes are reported up front).
    let wants_templates =
        options.formats.contains(&Format::Html) || is_folder || options.templates.is_some();
    let templates = if wants_templates {
        match html::Templates::load(options.templates.as_deref()) {
            Ok(t) => Some(t),
            Err(e) => {
                report.failures.push(e);
                return report;
            }
        }
    } else {
        None
    };
    let mut index = Vec::new();
    let mut ids = HashMap::new();
    for (n, dir) in dirs.iter().enumerate() {
        if let Some(entry) = build_guide(dir, options, templates.as_ref(), &mut ids, &mut report) {
            index.push(entry);
        }
        // Pictures decoded for this guide are not needed by the next (and
        // after the last, the process is about to end: freeing them would
        // only cost time).
        if n + 1 < dirs.len() {
            crate::assets::forget_decoded();
            crate::pdf::images::forget_shared();
            crate::html::assets::forget_images();
        }
    }
    if is_folder
        && !index.is_empty()
        && let Some(templates) = &templates
    {
        let written = html::render_index(&index, templates).and_then(|page| {
            let path = options.out.join("index.html");
            write_atomic(&path, page.as_bytes()).map(|()| path)
        });
        match written {
            Ok(path) => report.written.push(path),
            Err(e) => report.failures.push(e),
        }
    }
    crate::diag::sort(&mut report.diagnostics);
    report
}

/// Creates the output folder, refusing one inside a guide: a build must
/// never write into what it reads.
pub(crate) fn prepare_out(out: &Path, guides: &[PathBuf]) -> Result<(), String> {
    // Judge the folder before creating it: the part that exists, made
    // absolute, with the rest appended.
    let mut existing = out.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => break,
        }
    }
    let mut out_real =
        std::fs::canonicalize(&existing).map_err(|e| format!("{}: {e}", out.display()))?;
    out_real.extend(rest.iter().rev());
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
    std::fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder {}: {e}", out.display()))
}

fn build_guide(
    dir: &Path,
    options: &BuildOptions,
    templates: Option<&html::Templates>,
    ids: &mut HashMap<String, PathBuf>,
    report: &mut BuildReport,
) -> Option<html::IndexEntry> {
    let mut diags = Vec::new();
    let src = load::load_guide(dir, &mut report.sources, &mut diags);
    let id = src
        .main
        .guide
        .as_ref()
        .and_then(|g| g.guide.id.as_ref())
        .map_or_else(|| src.folder_name(), |i| i.get_ref().clone());
    // Two guides with one id would write the same files.
    if let Some(first) = ids.get(&id) {
        report.diagnostics.push(
            Diagnostic::error_without_location(format!(
                "{} and {} both have the id `{id}`, so they would write the same files",
                first.display(),
                dir.display()
            ))
            .with_help("give one of them another id with id = \"…\" in [guide]"),
        );
        report
            .failures
            .push(format!("{}: not built, its id is taken", dir.display()));
        return None;
    }
    ids.insert(id.clone(), dir.to_path_buf());
    let loaded = !diags.iter().any(Diagnostic::is_error);
    // The checks and the rendering only read the loaded guide, so they run
    // side by side; what was rendered is put in place only if the checks
    // pass.
    let sources = &report.sources;
    let (rendered, mut checked) = std::thread::scope(|scope| {
        let src_ref = &src;
        let checks = scope.spawn(move || {
            let mut found = Vec::new();
            validate::validate(src_ref, sources, &mut found);
            found
        });
        let rendered: Vec<Result<Output, String>> = if loaded {
            src.files()
                .flat_map(|file| render_file(&id, dir, file, options, templates))
                .collect()
        } else {
            Vec::new()
        };
        let checked = checks.join().unwrap_or_else(|_| {
            vec![Diagnostic::error_without_location(format!(
                "{}: checking the guide failed unexpectedly",
                dir.display()
            ))]
        });
        (rendered, checked)
    });
    diags.append(&mut checked);
    let has_errors = diags.iter().any(Diagnostic::is_error);
    report.diagnostics.append(&mut diags);
    if has_errors {
        report.failures.push(format!(
            "{}: not built, fix the errors above",
            dir.display()
        ));
        return None;
    }
    let mut entry = html::IndexEntry {
        title: src
            .main
            .guide
            .as_ref()
            .map(|g| g.guide.title.get_ref().clone())
            .unwrap_or_default(),
        id: id.clone(),
        files: Vec::new(),
    };
    for output in rendered {
        let committed = output.and_then(|staged| {
            let path = staged.path().to_path_buf();
            staged.commit().map(|()| path)
        });
        match committed {
            Ok(path) => {
                index_file(&mut entry, &path);
                report.written.push(path);
            }
            Err(e) => report.failures.push(e),
        }
    }
    Some(entry)
}

/// Adds a written file (`<id>.<lang>.<ext>`) to the guide's index entry.
fn index_file(entry: &mut html::IndexEntry, path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let mut parts = name.rsplitn(3, '.');
    let (Some(ext), Some(lang)) = (parts.next(), parts.next()) else {
        return;
    };
    let slot = match entry.files.iter().position(|f| f.0 == lang) {
        Some(i) => i,
        None => {
            entry.files.push((lang.to_string(), None, None));
            entry.files.len() - 1
        }
    };
    match ext {
        "html" => entry.files[slot].1 = Some(name),
        "pdf" => entry.files[slot].2 = Some(name),
        _ => {}
    }
}

/// A rendered file, written and flushed under a temporary name beside
/// where it goes: put in place only if the checks pass.
type Output = Staged;

fn render_file(
    id: &str,
    dir: &Path,
    file: &LoadedFile,
    options: &BuildOptions,
    templates: Option<&html::Templates>,
) -> Vec<Result<Output, String>> {
    let Some(guide_file) = &file.guide else {
        return Vec::new();
    };
    let guide = resolve::resolve(
        guide_file,
        id,
        dir,
        file.name_language.as_deref(),
        None,
        options.overrides,
    );
    let language = if guide.language.is_empty() {
        lang::DEFAULT_LANGUAGE
    } else {
        &guide.language
    };
    // Both formats print the same codes: they are encoded meanwhile.
    crate::codes::prepare(guide.qr_payloads());
    // Each format renders on its own thread, the first on this one (a
    // new thread would wait its turn for a core).
    let render = |format: Format| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            render_format(format, &guide, id, language, file, options, templates)
        }))
        .unwrap_or_else(|_| Err("rendering failed unexpectedly".to_string()))
    };
    let Some((first, rest)) = options.formats.split_first() else {
        return Vec::new();
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = rest
            .iter()
            .map(|&format| scope.spawn(move || render(format)))
            .collect();
        let mut rendered = vec![render(*first)];
        rendered.extend(others.into_iter().map(|h| {
            h.join()
                .unwrap_or_else(|_| Err("rendering failed unexpectedly".to_string()))
        }));
        rendered
    })
}

fn render_format(
    format: Format,
    guide: &crate::resolve::Guide,
    id: &str,
    language: &str,
    file: &LoadedFile,
    options: &BuildOptions,
    templates: Option<&html::Templates>,
) -> Result<Output, String> {
    let (bytes, ext) = match format {
        Format::Pdf => (
            pdf::render_pdf(guide, &PdfOptions { date: options.date }),
            "pdf",
        ),
        Format::Html => (
            templates
                .ok_or_else(|| "the HTML templates were not loaded".to_string())
                .and_then(|templates| html::render_html(guide, templates))
                .map(String::into_bytes),
            "html",
        ),
    };
    let bytes = bytes.map_err(|e| format!("{}: {e}", file.path.display()))?;
    let mut staged = stage(&options.out.join(format!("{id}.{language}.{ext}")), &bytes)?;
    staged.flush()?;
    Ok(staged)
}
