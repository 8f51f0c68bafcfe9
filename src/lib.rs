//! swapguide: equipment-swap guides written in TOML → printable PDF and
//! offline HTML.
//!
//! The pipeline, one module per stage, each stage finishing before the
//! next begins:
//! [`load`] (TOML → typed model with spans) → [`validate`] (every problem
//! at once; the only stage that reads a picture before it is proved
//! usable) → [`resolve`] (translation, customer values, confined files) →
//! [`render`] ([`pdf`] | [`html`], bytes) → [`write`] (temporary file,
//! then rename). [`check`] runs the first two; [`build`] and [`campaign`]
//! run them all.
//!
//! Where things live:
//! - every cache of a build is in its [`context::Context`] (shared by the
//!   stages) or its [`render::Renderers`] (each renderer's own); both are
//!   made by `build`/`campaign` and dropped when they return;
//! - every file a guide names is read through [`paths::Confined`], which
//!   only [`paths::Folder::confine`] makes;
//! - [`fonts`] (the bundled faces, glyph coverage) sits below both the
//!   checks and the PDF renderer; [`assets`] reads and proves pictures and
//!   labels for both.

pub mod assets;
pub mod build;
pub mod campaign;
pub(crate) mod codes;
pub mod context;
pub mod customer;
pub(crate) mod dates;
pub mod diag;
pub(crate) mod fingerprint;
pub(crate) mod fonts;
pub mod html;
pub(crate) mod lang;
pub mod load;
pub(crate) mod markdown;
pub(crate) mod memo;
pub mod model;
pub mod paths;
pub mod pdf;
pub(crate) mod phone;
pub(crate) mod render;
pub mod resolve;
pub mod rich;
pub mod scaffold;
pub mod serve;
pub(crate) mod template;
pub(crate) mod validate;
pub mod words;
pub(crate) mod write;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Sources};

/// What `check` found for one guide folder.
#[derive(Debug)]
pub struct GuideSummary {
    /// The guide's folder.
    pub dir: PathBuf,
    /// Languages found: the default first, then translations.
    pub languages: Vec<String>,
    /// Number of steps in the default language.
    pub steps: usize,
    /// Errors in this guide.
    pub errors: usize,
    /// Warnings in this guide.
    pub warnings: usize,
}

/// The result of checking one or more paths.
pub struct CheckReport {
    /// One entry per guide folder found.
    pub guides: Vec<GuideSummary>,
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file the diagnostics point into.
    pub sources: Sources,
}

impl CheckReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// The message file swapguide ships for `language` (or the closest one:
/// `fr-CA` → `fr`), for an author to start a guide's own words from.
pub fn shipped_words(language: &str) -> Result<&'static str, String> {
    words::catalog::shipped_source(language).ok_or_else(|| {
        let shipped: Vec<&str> = words::catalog::shipped_languages().collect();
        format!(
            "swapguide ships no words for `{language}`; it has {}. Start a new language from `swapguide words en`",
            shipped.join(", ")
        )
    })
}

/// The customer fields the guide in `dir` uses, in every language, in the
/// order first used (`swapguide fields`); the problems that keep it from
/// being read, if any.
pub fn customer_fields(dir: &Path) -> Result<Vec<String>, CheckReport> {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let src = load::load_guide(dir, &mut sources, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(CheckReport {
            guides: Vec::new(),
            diagnostics,
            sources,
        });
    }
    Ok(src
        .customer_fields()
        .into_iter()
        .map(|(field, _, _)| field)
        .collect())
}

/// Loads and validates every guide under `paths`, collecting all
/// problems; `font_path` is `--font-path`.
pub fn check(paths: &[PathBuf], font_path: &[PathBuf]) -> CheckReport {
    let ctx = context::Context::with_font_path(font_path.to_vec());
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut guides = Vec::new();
    for path in paths {
        match load::find_guides(path) {
            Ok(dirs) => {
                for dir in dirs {
                    guides.push(check_guide(&dir, &ctx, &mut sources, &mut diagnostics));
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diag::sort(&mut diagnostics);
    CheckReport {
        guides,
        diagnostics,
        sources,
    }
}

fn check_guide(
    dir: &Path,
    ctx: &context::Context,
    sources: &mut Sources,
    all: &mut Vec<Diagnostic>,
) -> GuideSummary {
    let mut diags = Vec::new();
    let src = load::load_guide(dir, sources, &mut diags);
    validate::validate(&src, sources, ctx, &mut diags);
    ctx.next_guide();
    let main = src.main.guide.as_ref();
    let mut languages = vec![src.main.language()];
    languages.extend(
        src.translations
            .iter()
            .filter_map(|t| t.name_language.clone()),
    );
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let summary = GuideSummary {
        dir: dir.to_path_buf(),
        languages,
        steps: main.map_or(0, |g| g.steps.len()),
        errors,
        warnings: diags.len() - errors,
    };
    all.append(&mut diags);
    summary
}
