//! `swapguide build`: every guide under a path, in every language, checked,
//! resolved, rendered and written to the output folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::context::Context;
use crate::diag::{Diagnostic, Sources};
use crate::html;
use crate::lang;
use crate::load;
use crate::pdf::Refs;
pub use crate::render::Format;
use crate::render::{Job, Renderers};
use crate::resolve::{self, Overrides};
use crate::validate;
use crate::write::{Inputs, OutFolder, write_atomic};

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
    /// `--font-path DIR`: folders of fonts every guide may also use.
    pub font_path: Vec<PathBuf>,
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
    let mut inputs = Inputs::guides(&dirs);
    if let Some(templates) = &options.templates {
        inputs.add_folder(templates, "the HTML templates");
    }
    for fonts in &options.font_path {
        inputs.add_folder(fonts, "the fonts of --font-path");
    }
    if let Err(e) = OutFolder::prepare(&options.out, &inputs) {
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
    // One context and one set of renderers for the whole build, dropped
    // when it ends: nothing outlives this call.
    let ctx = Context::with_font_path(options.font_path.clone());
    let renderers = Renderers::new(templates, options.date);
    let mut index = Vec::new();
    let mut ids = HashMap::new();
    for (n, dir) in dirs.iter().enumerate() {
        if n > 0 {
            // The last guide's pictures are not needed by this one.
            ctx.next_guide();
            renderers.next_guide();
        }
        let guide = GuideBuild {
            dir,
            options,
            ctx: &ctx,
            renderers: &renderers,
        };
        if let Some(entry) = guide.build(&mut ids, &mut report) {
            index.push(entry);
        }
    }
    if is_folder
        && !index.is_empty()
        && let Some(templates) = renderers.templates()
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

/// One guide of a build, built in strict stages: load, check (every rule,
/// every picture), and only if the checks pass, resolve, render and write.
/// Nothing is rendered, and no file is named after the guide's id, before
/// the checks have passed.
struct GuideBuild<'a> {
    dir: &'a Path,
    options: &'a BuildOptions,
    ctx: &'a Context,
    renderers: &'a Renderers,
}

impl GuideBuild<'_> {
    fn build(
        &self,
        ids: &mut HashMap<String, PathBuf>,
        report: &mut BuildReport,
    ) -> Option<html::IndexEntry> {
        let dir = self.dir;
        let mut diags = Vec::new();
        let src = load::load_guide(dir, &mut report.sources, &mut diags);
        validate::validate(&src, &report.sources, self.ctx, &mut diags);
        if !self.options.formats.contains(&Format::Pdf) {
            crate::diag::without_pdf(&mut diags);
        }
        let has_errors = diags.iter().any(Diagnostic::is_error);
        report.diagnostics.append(&mut diags);
        if has_errors {
            report.failures.push(format!(
                "{}: not built, fix the errors above",
                dir.display()
            ));
            return None;
        }
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
        let folder = src.folder.as_ref()?;
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
        for file in src.files() {
            let Some(guide_file) = &file.guide else {
                continue;
            };
            let words = match crate::words::words_for(&file.language(), &src.words) {
                Ok(words) => Arc::new(words),
                Err(e) => {
                    report
                        .failures
                        .push(format!("{}: {e}", file.path.display()));
                    continue;
                }
            };
            let inputs = resolve::Inputs {
                words: &words,
                id: &id,
                folder,
                file_language: file.name_language.as_deref(),
                overrides: self.options.overrides,
                ctx: self.ctx,
                fonts: src.font_files(),
            };
            let guide = match resolve::resolve(guide_file, &inputs, None) {
                Ok(guide) => guide,
                Err(e) => {
                    report
                        .failures
                        .push(format!("{}: {e}", file.path.display()));
                    continue;
                }
            };
            let language = if guide.language.is_empty() {
                lang::DEFAULT_LANGUAGE
            } else {
                &guide.language
            };
            // Large print has names of its own, so a large-print build
            // into the same folder never replaces the normal files.
            let size = if guide.large_print { ".large" } else { "" };
            let stem = self.options.out.join(format!("{id}.{language}{size}"));
            let job = Job {
                guide: &guide,
                formats: &self.options.formats,
                stem: &stem,
                refs: Refs::new(),
            };
            for staged in self.renderers.render_and_stage(self.ctx, &job, true) {
                let committed = staged.and_then(|staged| {
                    let path = staged.path().to_path_buf();
                    staged.commit().map(|()| path)
                });
                match committed {
                    Ok(path) => {
                        index_file(&mut entry, &path);
                        report.written.push(path);
                    }
                    Err(e) => report
                        .failures
                        .push(format!("{}: {e}", file.path.display())),
                }
            }
            // The other print size, built into this folder before, keeps
            // its place in the index this build rewrites.
            let other = if guide.large_print { "" } else { ".large" };
            for ext in ["html", "pdf"] {
                let path = self
                    .options
                    .out
                    .join(format!("{id}.{language}{other}.{ext}"));
                if path.is_file() {
                    index_file(&mut entry, &path);
                }
            }
        }
        // Normal print first, whichever size this build made.
        entry.files.sort_by_key(|f| f.large);
        Some(entry)
    }
}

/// Adds a written file (`<id>.<lang>.<ext>`, or `<id>.<lang>.large.<ext>`
/// for large print) to the guide's index entry.
fn index_file(entry: &mut html::IndexEntry, path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return;
    };
    let (stem, large) = match stem.strip_suffix(".large") {
        Some(stem) => (stem, true),
        None => (stem, false),
    };
    let Some((_, lang)) = stem.rsplit_once('.') else {
        return;
    };
    let lang = if large {
        format!("{lang}, large print")
    } else {
        lang.to_string()
    };
    let slot = match entry.files.iter().position(|f| f.language == lang) {
        Some(i) => i,
        None => {
            entry.files.push(html::IndexFile {
                language: lang.to_string(),
                large,
                html: None,
                pdf: None,
            });
            entry.files.len() - 1
        }
    };
    match ext {
        "html" => entry.files[slot].html = Some(name),
        "pdf" => entry.files[slot].pdf = Some(name),
        _ => {}
    }
}
