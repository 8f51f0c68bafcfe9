//! Render: a resolved [`Guide`] → the bytes of each chosen format, staged
//! beside where they go. The one path `build` and `campaign` share; to add
//! a format, add it to [`Format`] and to [`Renderers::render`].

use crate::context::Context;
use crate::html;
use crate::pdf::{self, PdfOptions, Refs};
use crate::resolve::Guide;
use crate::write::{Staged, stage};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The printable PDF.
    Pdf,
    /// The offline HTML page.
    Html,
}

impl Format {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// The renderers of one build, each with what it keeps between the files
/// of that build (scaled pictures, cut fonts), and the HTML templates.
pub struct Renderers {
    pdf: pdf::Cache,
    html: html::Cache,
    templates: Option<html::Templates>,
    /// `SOURCE_DATE_EPOCH`, written into every PDF.
    date: Option<i64>,
}

/// One guide to render: where each file goes and how the PDF starts.
pub struct Job<'a> {
    /// The resolved guide.
    pub guide: &'a Guide,
    /// The formats, each to `<stem>.<extension>`.
    pub formats: &'a [Format],
    /// The output file's path without its extension.
    pub stem: &'a std::path::Path,
    /// Where the PDF's anchors are expected to land (a campaign starts
    /// from its guide's); empty to find out.
    pub refs: Refs,
}

impl Renderers {
    /// Renderers with empty caches; `templates` must be given if HTML is
    /// rendered.
    pub fn new(templates: Option<html::Templates>, date: Option<i64>) -> Renderers {
        Renderers {
            pdf: pdf::Cache::default(),
            html: html::Cache::default(),
            templates,
            date,
        }
    }

    /// The HTML templates, if loaded.
    pub fn templates(&self) -> Option<&html::Templates> {
        self.templates.as_ref()
    }

    /// The PDF renderer's cache (a campaign settles its anchors with it).
    pub fn pdf_cache(&self) -> &pdf::Cache {
        &self.pdf
    }

    /// Forgets the last guide's pictures (between the guides of a folder
    /// build).
    pub fn next_guide(&self) {
        self.pdf.forget_pictures();
        self.html.forget();
    }

    /// Renders one format.
    pub fn render(
        &self,
        ctx: &Context,
        guide: &Guide,
        format: Format,
        refs: Refs,
    ) -> Result<Vec<u8>, String> {
        match format {
            Format::Pdf => {
                pdf::render_pdf_from(guide, ctx, &self.pdf, &PdfOptions { date: self.date }, refs)
            }
            Format::Html => {
                let templates = self
                    .templates
                    .as_ref()
                    .ok_or("the HTML templates were not loaded")?;
                html::render_html(guide, templates, ctx, &self.html).map(String::into_bytes)
            }
        }
    }

    /// Renders every format of `job` and stages each file, flushed to disk
    /// under a temporary name beside where it goes; the caller puts them in
    /// place. The codes the guide prints are encoded meanwhile. With
    /// `side_by_side`, each format renders on its own thread, the first on
    /// this one (a campaign, whose rows already run side by side, renders
    /// them in turn).
    pub fn render_and_stage(
        &self,
        ctx: &Context,
        job: &Job<'_>,
        side_by_side: bool,
    ) -> Vec<Result<Staged, String>> {
        let one = |format: Format| -> Result<Staged, String> {
            let bytes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.render(ctx, job.guide, format, job.refs.clone())
            }))
            .unwrap_or_else(|_| Err("rendering failed unexpectedly; this is a bug".to_string()))?;
            let mut path = job.stem.as_os_str().to_owned();
            path.push(".");
            path.push(format.extension());
            let mut staged = stage(std::path::Path::new(&path), &bytes)?;
            if side_by_side {
                staged.flush()?;
            }
            Ok(staged)
        };
        let Some((first, rest)) = job.formats.split_first() else {
            return Vec::new();
        };
        rayon::in_place_scope(|scope| {
            // Choosing a QR code's mask is slow and both formats print the
            // same codes: they are encoded on rayon's threads meanwhile.
            for payload in job.guide.qr_payloads() {
                scope.spawn(move |_| {
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        ctx.codes.qr(&payload)
                    }));
                });
            }
            if !side_by_side {
                return job.formats.iter().map(|&f| one(f)).collect();
            }
            std::thread::scope(|threads| {
                let others: Vec<_> = rest
                    .iter()
                    .map(|&format| threads.spawn(move || one(format)))
                    .collect();
                let mut staged = vec![one(*first)];
                staged.extend(others.into_iter().map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err("rendering failed unexpectedly; this is a bug".to_string())
                    })
                }));
                staged
            })
        })
    }
}
