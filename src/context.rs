//! The build context: every result a build works out once and shares
//! between its stages, owned in one place.
//!
//! `build` and `campaign` each make one [`Context`], pass it down to the
//! checks, the resolver and the renderers, and drop it at the end, so a
//! second build in the same process starts from nothing, exactly as a
//! second process would. Nothing about a guide is kept in a static or a
//! thread-local; the only statics left hold what is compiled into the
//! binary (the fonts, the numbering plans' index, the SVG options).
//!
//! Each renderer keeps what only it needs (scaled pictures, cut fonts) in
//! its own cache, held beside this one by [`crate::render::Renderers`].

use std::sync::Arc;

use crate::assets;
use crate::codes::Codes;
use crate::customer::Customer;
use crate::memo::Memo;
use crate::phone::Phones;
use crate::rich::{self, Block};

/// The shared results of one build or campaign.
pub struct Context {
    /// Decoded pictures and parsed SVGs, by file contents; the scalers.
    /// Shared by reference count with the work a renderer starts ahead.
    pub(crate) assets: Arc<assets::Cache>,
    /// QR codes, by payload.
    pub(crate) codes: Codes,
    /// Numbering plans and normalised phone numbers.
    pub(crate) phones: Phones,
    /// Markdown fields without templates, parsed: they read the same for
    /// every customer of a campaign.
    markdown: Memo<String, Vec<Block>>,
    /// Added fonts (`[fonts]`, `--font-path`), read once per build.
    pub(crate) fonts: crate::fonts::library::Library,
}

impl Default for Context {
    fn default() -> Context {
        Context {
            assets: Arc::default(),
            codes: Codes::default(),
            phones: Phones::default(),
            // The fields of a few guides.
            markdown: Memo::new(1024),
            fonts: crate::fonts::library::Library::default(),
        }
    }
}

impl Context {
    /// An empty context.
    pub fn new() -> Context {
        Context::default()
    }

    /// An empty context whose guides may also use the fonts in the
    /// folders of `font_path` (`--font-path`).
    pub fn with_font_path(font_path: Vec<std::path::PathBuf>) -> Context {
        Context {
            fonts: crate::fonts::library::Library::new(font_path),
            ..Context::default()
        }
    }

    /// A Markdown field parsed, its templates filled for `customer`; a
    /// field without templates is parsed once per build.
    pub(crate) fn markdown(&self, text: &str, customer: Option<&Customer>) -> Vec<Block> {
        if text.contains("{{") {
            return rich::markdown(text, customer);
        }
        self.markdown
            .get_or(text.to_string(), || rich::markdown(text, None))
    }

    /// Forgets what belonged to the last guide (its pictures), keeping what
    /// the next may share (codes, numbers): called between the guides of a
    /// folder build, so memory does not grow with the number of guides.
    pub(crate) fn next_guide(&self) {
        self.assets.forget();
    }
}
