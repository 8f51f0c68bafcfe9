//! swapguide: equipment-swap guides written in TOML → printable PDF and
//! offline HTML.
//!
//! The pipeline, one module per stage: [`load`] (TOML → typed model with
//! spans) → [`validate`] (every problem at once) → resolve (translation,
//! customer values, assets) → render (PDF | HTML) → write (temporary file,
//! then rename). [`check`] runs the first two stages.

pub mod assets;
pub mod build;
pub mod campaign;
pub mod codes;
pub mod customer;
pub mod dates;
pub mod diag;
pub mod fingerprint;
pub mod html;
pub mod lang;
pub mod load;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod pdf;
pub mod phone;
pub mod resolve;
pub mod rich;
pub mod scaffold;
pub mod slots;
pub mod template;
pub mod validate;
pub mod words;
pub mod write;

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

/// Loads and validates every guide under `paths`, collecting all problems.
pub fn check(paths: &[PathBuf]) -> CheckReport {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut guides = Vec::new();
    for path in paths {
        match load::find_guides(path) {
            Ok(dirs) => {
                for dir in dirs {
                    guides.push(check_guide(&dir, &mut sources, &mut diagnostics));
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

fn check_guide(dir: &Path, sources: &mut Sources, all: &mut Vec<Diagnostic>) -> GuideSummary {
    let mut diags = Vec::new();
    let src = load::load_guide(dir, sources, &mut diags);
    validate::validate(&src, sources, &mut diags);
    let main = src.main.guide.as_ref();
    let mut languages = vec![
        main.and_then(|g| g.guide.language.as_ref())
            .map_or(lang::DEFAULT_LANGUAGE.to_string(), |l| l.get_ref().clone()),
    ];
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
