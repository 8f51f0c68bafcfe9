//! Render: a resolved [`Guide`] → the printable PDF.
//!
//! [`compose`] turns the guide into groups measured with the bundled
//! font, [`flow`] puts them on pages, [`emit`] draws the pages with
//! printpdf, and [`finish`] adds what printpdf lacks (outline, language,
//! stable /ID). Cross-references ("step 3, page 4") need the pages, so the
//! guide is composed until its anchors stop moving (two or three passes).

pub mod bind;
pub(crate) mod compose;
pub(crate) mod conformance;
pub(crate) mod content;
pub(crate) mod embed;
pub(crate) mod emit;
pub(crate) mod finish;
pub(crate) mod flow;
pub(crate) mod images;
pub(crate) mod label;
pub(crate) mod parse;
pub(crate) mod save;
pub(crate) mod svg;
pub(crate) mod syntax;
pub(crate) mod tags;
pub(crate) mod text;

use printpdf::PdfSaveOptions;

use crate::context::Context;
use crate::resolve::Guide;
use crate::rich;

use compose::Composer;
pub use compose::Refs;
use emit::Anchors;
use finish::{Bookmark, Finish};
use flow::{Mark, Page};
use images::Pictures;
pub use images::{Cache, check_label};

/// Choices for one PDF.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfOptions {
    /// `SOURCE_DATE_EPOCH`: the date written into the file, if any.
    pub date: Option<i64>,
}

/// Renders a guide to PDF bytes. `ctx` holds the build's shared results,
/// `cache` what this renderer keeps between the PDFs of one build.
pub fn render_pdf(
    guide: &Guide,
    ctx: &Context,
    cache: &Cache,
    options: &PdfOptions,
) -> Result<Vec<u8>, String> {
    render_pdf_from(guide, ctx, cache, options, Refs::new())
}

/// Where the anchors of `guide` land once its references have settled:
/// a campaign starts every customer's PDF from those of its guide, so most
/// PDFs are composed once instead of twice.
pub fn settled_refs(guide: &Guide, ctx: &Context, cache: &Cache) -> Result<Refs, String> {
    let mut pictures = Pictures::new(ctx, cache, None);
    Ok(settle(guide, Refs::new(), &mut pictures)?.0)
}

/// [`render_pdf`], composing first with `refs` as the step and page of
/// each anchor.
pub fn render_pdf_from(
    guide: &Guide,
    ctx: &Context,
    cache: &Cache,
    options: &PdfOptions,
    refs: Refs,
) -> Result<Vec<u8>, String> {
    // The guide's pictures start preparing on rayon's threads as the
    // layout first places them; the scope ends, with all of them, before
    // this function returns.
    rayon::in_place_scope(|scope| {
        let ahead = |job: images::Prefetch| scope.spawn(move |_| job());
        let mut pictures = Pictures::new(ctx, cache, Some(&ahead));
        render_with(guide, &mut pictures, cache, options, refs)
    })
}

fn render_with(
    guide: &Guide,
    pictures: &mut Pictures<'_>,
    cache: &Cache,
    options: &PdfOptions,
    refs: Refs,
) -> Result<Vec<u8>, String> {
    let (_, pages, geo, sizes, mut tree) = settle(guide, refs, pictures)?;

    let mut anchors = Anchors::new();
    let mut bookmarks = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        for (top, g) in &page.groups {
            for mark in &g.marks {
                match mark {
                    Mark::Anchor(id) => {
                        anchors.entry(id.clone()).or_insert((n + 1, *top));
                    }
                    Mark::Bookmark(level, title) => bookmarks.push(Bookmark {
                        level: *level,
                        title: title.clone(),
                        page: n + 1,
                        y: geo.height - top,
                    }),
                }
            }
        }
    }

    let placed = emit::Placed {
        pages: &pages,
        anchors: &anchors,
        geo,
        sizes,
    };
    let emitted = emit::document(guide, &placed, pictures, &cache.fonts, &mut tree)?;
    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        // Vector paths are written as raw operators (see `svg::raw`).
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lopdf_doc = printpdf::to_lopdf_doc(&emitted.doc, &save, &mut warnings);
    fill_pages(&mut lopdf_doc, emitted.contents, &emitted.fonts)?;
    for (name, bytes) in &emitted.labels {
        label::import(&mut lopdf_doc, name, bytes)?;
    }
    let title = rich::plain(&guide.title);
    let subject = guide
        .subtitle
        .as_ref()
        .map(|s| rich::plain(s))
        .unwrap_or_default();
    finish::finish(
        lopdf_doc,
        &Finish {
            packed: &cache.packed,
            language: &guide.language,
            title: &title,
            author: &guide.provider.name,
            subject: &subject,
            tree: &tree,
            tags: &emitted.tags,
            bookmarks: &bookmarks,
            date: options.date,
        },
    )
}

/// Puts each page's content stream into printpdf's (empty) one, and the
/// fonts into the font dictionary every page shares.
fn fill_pages(
    doc: &mut lopdf::Document,
    contents: Vec<Vec<u8>>,
    fonts: &[embed::Fonted],
) -> Result<(), String> {
    use lopdf::Object;
    let broken = |what: &str| format!("cannot finish the PDF: {what}");
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    if pages.len() != contents.len() {
        return Err(broken("the page count changed"));
    }
    let mut font_dict = None;
    for (page, content) in pages.iter().zip(contents) {
        let dict = doc
            .get_dictionary(*page)
            .map_err(|e| broken(&e.to_string()))?;
        let stream_id = dict
            .get(b"Contents")
            .and_then(Object::as_reference)
            .map_err(|e| broken(&e.to_string()))?;
        font_dict = font_dict.or_else(|| {
            let resources = dict.get(b"Resources").and_then(Object::as_reference).ok()?;
            let resources = doc.get_dictionary(resources).ok()?;
            resources.get(b"Font").and_then(Object::as_reference).ok()
        });
        let stream = doc
            .get_object_mut(stream_id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| broken(&e.to_string()))?;
        stream.set_content(content);
    }
    let fonts = embed::add_fonts(doc, fonts);
    let id = font_dict.ok_or_else(|| broken("the pages have no font resources"))?;
    *doc.get_dictionary_mut(id)
        .map_err(|e| broken(&e.to_string()))? = fonts;
    Ok(())
}

/// A guide laid out on pages: the references its pages were composed
/// with, the pages, their geometry and type sizes, and the structure tree.
type Settled = (
    Refs,
    Vec<Page>,
    compose::Geometry,
    compose::Sizes,
    tags::Tree,
);

/// Composes and paginates until the references found on the pages are
/// the ones the pages were composed with (two or three passes; four at
/// most, should they never settle).
fn settle(guide: &Guide, mut refs: Refs, pictures: &mut Pictures<'_>) -> Result<Settled, String> {
    let mut pages: Vec<Page> = Vec::new();
    let mut geo = compose::Geometry::for_paper(guide.paper);
    let mut sizes = compose::Sizes::new(guide.large_print);
    let mut tree = tags::Tree::new();
    for _pass in 0..4 {
        let composer = Composer::new(guide, &refs, pictures);
        geo = composer.geo;
        sizes = composer.sizes;
        let groups;
        (groups, tree) = composer.compose()?;
        pages = flow::paginate(groups, geo.top, geo.bottom);
        let found = references(guide, &pages);
        if found == refs {
            break;
        }
        refs = found;
    }
    Ok((refs, pages, geo, sizes, tree))
}

/// Step numbers and pages of every anchor on the placed pages.
fn references(guide: &Guide, pages: &[Page]) -> Refs {
    let mut refs = Refs::new();
    for (n, page) in pages.iter().enumerate() {
        for (_, g) in &page.groups {
            for mark in &g.marks {
                if let Mark::Anchor(id) = mark {
                    let step = guide.steps.iter().find(|s| &s.id == id).map(|s| s.number);
                    refs.entry(id.clone()).or_insert((step, n + 1));
                }
            }
        }
    }
    refs
}
