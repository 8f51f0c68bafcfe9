//! Placed pages → a printpdf document: text, shapes, pictures, QR codes,
//! links, and the footer on every page. Page content is written as bytes
//! by [`super::content`]; printpdf holds the pages, pictures and links.

use std::collections::HashMap;

use rayon::prelude::*;

use printpdf::{
    Actions, BorderArray, ColorArray, Destination, LinkAnnotation, Op, PdfDocument, PdfPage, Pt,
    Rect, XObjectId,
};

use crate::resolve::{Guide, Rgb};
use crate::rich;

use super::compose::{Geometry, Sizes, geometry};
use super::content::{Content, Marked};
use super::embed::{self, Fonted};
use super::flow::{self, Draw, LinkTo, Page};
use super::images::{self, Pictures, Source};
use super::tags::{PageTags, Role, Tag, Tree};
use crate::fonts::{Face, Fonts, Style, Usage};

/// Where each anchor is: page (1-based) and y from the page top.
pub type Anchors = HashMap<String, (usize, f32)>;

/// PDF labels to copy in when finishing: XObject name and file bytes.
pub type Labels = Vec<(String, std::sync::Arc<Vec<u8>>)>;

/// The document from placed pages, with each page's content stream and
/// the glyphs they use (printpdf's own pages are left empty but for their
/// links; [`super::render_pdf`] puts the streams and fonts in).
pub struct Emitted {
    /// The printpdf document.
    pub doc: PdfDocument,
    /// PDF labels to copy in.
    pub labels: Labels,
    /// Content stream of each page.
    pub contents: Vec<Vec<u8>>,
    /// The embedded fonts the pages use, ready to add.
    pub fonts: Vec<Fonted>,
    /// What each page holds of the structure tree.
    pub tags: Vec<PageTags>,
}

/// The guide laid out: its pages, where its anchors landed, the page
/// geometry and the type sizes.
pub struct Placed<'a> {
    /// The pages.
    pub pages: &'a [Page],
    /// Where each anchor is.
    pub anchors: &'a Anchors,
    /// Page size and margins.
    pub geo: Geometry,
    /// Type sizes.
    pub sizes: Sizes,
}

/// Builds the document from placed pages, growing `tree` with what only
/// the pages have (each page's footer).
pub fn document(
    guide: &Guide,
    placed: &Placed<'_>,
    pictures: &Pictures<'_>,
    cuts: &embed::Cuts,
    tree: &mut Tree,
) -> Result<Emitted, String> {
    let Placed {
        pages,
        anchors,
        geo,
        sizes,
    } = *placed;
    let mut usage = Usage::default();
    let total = pages.len();
    let footer_lead = geometry::footer_lead(guide);

    // Widest printed size of each raster picture: its resolution is judged
    // at that size.
    let mut printed: HashMap<usize, f32> = HashMap::new();
    for page in pages {
        for (_, g) in &page.groups {
            for d in &g.draws {
                if let Draw::Image { w, image, .. } = d {
                    let e = printed.entry(*image).or_insert(0.0);
                    *e = e.max(*w);
                }
            }
        }
    }

    let mut doc = PdfDocument::new(&rich::plain(&guide.title));
    let mut xobjects: HashMap<usize, XObjectId> = HashMap::new();
    let mut labels = Labels::new();
    let mut image_ids: Vec<usize> = printed.keys().copied().collect();
    image_ids.sort_unstable();
    // Pictures are named first, so the pages can be drawn before the
    // pictures are ready.
    for &i in &image_ids {
        let name = match &pictures.list[i].source {
            Source::Raster { .. } | Source::Svg(_) => format!("Im{}", i + 1),
            Source::Pdf { bytes, .. } => {
                // A placeholder form, replaced by the label's page when
                // finishing (printpdf cannot copy objects from another PDF).
                let name = format!("Lbl{}", i + 1);
                doc.resources.xobjects.map.insert(
                    XObjectId(name.clone()),
                    printpdf::XObject::External(images::placeholder_form()),
                );
                labels.push((name.clone(), bytes.clone()));
                name
            }
        };
        xobjects.insert(i, XObjectId(name));
    }

    let rtl = guide.right_to_left();
    let mut out_pages = Vec::with_capacity(total);
    let mut contents = Vec::with_capacity(total);
    let mut tags = Vec::with_capacity(total);
    for (n, page) in pages.iter().enumerate() {
        let mut out = Content::new(&guide.language);
        let mut links = Vec::new();
        for (top, g) in &page.groups {
            for d in &g.draws {
                // A right-to-left guide's pages are mirrored.
                let d = match rtl {
                    true => std::borrow::Cow::Owned(flow::mirror(d, geo.width)),
                    false => std::borrow::Cow::Borrowed(d),
                };
                if let Some(marked) = marked(&d, tree) {
                    out.mark(marked, tree);
                }
                draw(
                    &d, *top, geo, pictures, &xobjects, anchors, &mut usage, &mut out, &mut links,
                );
            }
        }
        footer(
            guide,
            n + 1,
            total,
            geo,
            sizes,
            &footer_lead,
            &mut usage,
            &mut out,
            &mut links,
            tree,
        );
        let (bytes, kids) = out.finish();
        contents.push(bytes);
        tags.push(PageTags { kids });
        out_pages.push(PdfPage::new(
            printpdf::Mm(geo.width * 25.4 / 72.0),
            printpdf::Mm(geo.height * 25.4 / 72.0),
            links,
        ));
    }
    doc.pages = out_pages;

    // Scaling and compressing photos is the slow part of a build, and
    // cutting the fonts the slow part of finishing one: both are done in
    // parallel, on rayon's threads (a campaign's own, where the guide's
    // pictures are already kept and only looked up). The fonts go first:
    // the thread that takes the pictures may wait there for a photo that
    // another thread is still scaling, and the fonts would wait behind it.
    let (fonts, prepared) = rayon::join(
        || embed::prepare(cuts, &usage.glyphs()),
        || {
            image_ids
                .par_iter()
                .filter(|i| {
                    matches!(
                        pictures.list[**i].source,
                        Source::Raster { .. } | Source::Svg(_)
                    )
                })
                .map(|&i| (i, pictures.xobject(i, printed[&i])))
                .collect::<Vec<_>>()
        },
    );
    for (i, result) in prepared {
        let id = xobjects[&i].clone();
        doc.resources
            .xobjects
            .map
            .insert(id, printpdf::XObject::External(result?));
    }

    // The document information (author, subject, producer) is written
    // when finishing, with the XMP that must repeat it.
    Ok(Emitted {
        doc,
        labels,
        contents,
        fonts,
        tags,
    })
}

/// How a drawing is marked: as part of its element, or as an artifact;
/// `None` for a link area, which is an annotation, not content.
fn marked(d: &Draw, tree: &mut Tree) -> Option<Marked> {
    let tag = d.tag();
    match d {
        Draw::Link { .. } => None,
        _ if tag == Tag::REPEATED => Some(Marked::Layout),
        // A picture without alt text is decoration too.
        Draw::Rect { .. } | Draw::Line { .. } | Draw::Lamp { .. } | Draw::Image { .. } => {
            Some(if tag.is_node() {
                Marked::Node(tag)
            } else {
                Marked::Layout
            })
        }
        _ if tag.is_node() => Some(Marked::Node(tag)),
        // Text or a code the layout left untagged: a paragraph of its
        // own, so nothing is hidden from a screen reader.
        _ => {
            debug_assert!(false, "untagged content: {d:?}");
            Some(Marked::Node(tree.add(Role::P, Tag::DOCUMENT)))
        }
    }
}

/// A link area: an invisible annotation over `rect`.
fn link(rect: Rect, actions: Actions) -> Op {
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            rect,
            actions,
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            None,
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn draw(
    d: &Draw,
    top: f32,
    geo: Geometry,
    pictures: &Pictures,
    xobjects: &HashMap<usize, XObjectId>,
    anchors: &Anchors,
    usage: &mut Usage,
    out: &mut Content,
    links: &mut Vec<Op>,
) {
    // Layout y grows down from the page top; PDF y grows up from the bottom.
    let py = |y: f32| geo.height - (top + y);
    match d {
        Draw::Text {
            x,
            y,
            text,
            face,
            size,
            color,
            rtl,
            shaped,
            ..
        } => {
            let shaped = shaped.as_ref();
            out.text(*x, py(*y), text, *face, *size, *color, *rtl, shaped, usage);
        }
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
            ..
        } => {
            if fill.is_none() && stroke.is_none() {
                return;
            }
            out.op("q", &[]);
            if let Some(f) = fill {
                out.fill_colour(*f);
            }
            if let Some(s) = stroke {
                stroke_style(s, out);
            }
            out.op("re", &[*x, py(*y + *h), *w, *h]);
            out.op(
                match (fill.is_some(), stroke.is_some()) {
                    (true, true) => "B",
                    (true, false) => "f",
                    _ => "S",
                },
                &[],
            );
            out.op("Q", &[]);
        }
        Draw::Lamp { x, y, d, fill, .. } => {
            let r = d / 2.0;
            let (cx, cy) = (x + r, py(y + r));
            out.op("q", &[]);
            out.fill_colour(*fill);
            out.stroke_colour(Rgb(0x4a, 0x4a, 0x4a));
            out.op("w", &[0.8]);
            circle(out, cx, cy, r);
            out.op("B", &[]);
            // A highlight, as on a lit lamp: a lighter spot up and left.
            let light = Rgb(fill.0 / 2 + 128, fill.1 / 2 + 128, fill.2 / 2 + 128);
            out.fill_colour(light);
            circle(out, cx - r * 0.3, cy + r * 0.3, r * 0.28);
            out.op("f", &[]);
            // Short rays round a lit lamp: a lamp, not a radio button. A
            // dark one (a light that is off) has none.
            let luma = u32::from(fill.0) * 3 + u32::from(fill.1) * 6 + u32::from(fill.2);
            if luma < 600 {
                out.op("Q", &[]);
                return;
            }
            out.op("w", &[0.7]);
            out.op("J", &[1.0]);
            for i in 0..8 {
                let a = i as f32 * std::f32::consts::FRAC_PI_4 + std::f32::consts::FRAC_PI_8;
                let (s, c) = a.sin_cos();
                out.op("m", &[cx + c * (r + 1.6), cy + s * (r + 1.6)]);
                out.op("l", &[cx + c * (r + 3.4), cy + s * (r + 3.4)]);
            }
            out.op("S", &[]);
            out.op("Q", &[]);
        }
        Draw::Line {
            from, to, stroke, ..
        } => {
            out.op("q", &[]);
            stroke_style(stroke, out);
            out.op("m", &[from.0, py(from.1)]);
            out.op("l", &[to.0, py(to.1)]);
            out.op("S", &[]);
            out.op("Q", &[]);
        }
        Draw::Image {
            x, y, w, h, image, ..
        } => {
            let Some(pic) = pictures.list.get(*image) else {
                return;
            };
            let Some(id) = xobjects.get(image) else {
                return;
            };
            out.op("q", &[]);
            match &pic.source {
                Source::Pdf { origin, .. } => {
                    // Form space is the label's page, in points.
                    let (sx, sy) = (*w / pic.width, *h / pic.height);
                    let (ox, oy) = (*x - origin.0 * sx, py(*y + *h) - origin.1 * sy);
                    out.op("cm", &[sx, 0.0, 0.0, sy, ox, oy]);
                }
                Source::Svg(_) => {
                    // Form space is SVG user space, y down: scale and flip.
                    let (sx, sy) = (*w / pic.width.max(1e-3), *h / pic.height.max(1e-3));
                    out.op("cm", &[sx, 0.0, 0.0, -sy, *x, py(*y)]);
                }
                Source::Raster { .. } => {
                    out.op("cm", &[*w, 0.0, 0.0, *h, *x, py(*y + *h)]);
                }
            }
            out.xobject(&id.0);
            out.op("Q", &[]);
        }
        Draw::Qr {
            x, y, module, code, ..
        } => {
            out.op("q", &[]);
            out.fill_colour(Rgb(0, 0, 0));
            for (row, col, len) in code.runs() {
                let rx = x + col as f32 * module;
                let ry = py(y + (row + 1) as f32 * module);
                // A hair of overlap so no white seam shows between rows.
                out.op("re", &[rx, ry - 0.01, len as f32 * module, module + 0.02]);
            }
            out.op("f", &[]);
            out.op("Q", &[]);
        }
        Draw::Bars { y, h, bars, .. } => {
            out.op("q", &[]);
            out.fill_colour(Rgb(0, 0, 0));
            for (bx, bw) in bars {
                out.op("re", &[*bx, py(*y + *h), *bw, *h]);
            }
            out.op("f", &[]);
            out.op("Q", &[]);
        }
        Draw::Link {
            x,
            y,
            w,
            h,
            to,
            tag,
            ..
        } => {
            let actions = match to {
                LinkTo::Uri(uri) => Actions::Uri(uri.clone()),
                LinkTo::Anchor(id) => {
                    let Some((page, ay)) = anchors.get(id) else {
                        return;
                    };
                    Actions::Goto(Destination::Xyz {
                        page: *page,
                        left: Some(0.0),
                        top: Some(geo.height - ay + 12.0),
                        zoom: None,
                    })
                }
            };
            out.annotation(links.len(), *tag);
            links.push(link(
                Rect::from_xywh(Pt(*x), Pt(py(*y + *h)), Pt(*w), Pt(*h)),
                actions,
            ));
        }
    }
}

/// A circle path of radius `r` round `(cx, cy)`: four Bézier quarters.
fn circle(out: &mut Content, cx: f32, cy: f32, r: f32) {
    // The control distance that makes a quarter curve nearly a circle.
    let k = r * 0.552_284_8;
    out.op("m", &[cx + r, cy]);
    out.op("c", &[cx + r, cy + k, cx + k, cy + r, cx, cy + r]);
    out.op("c", &[cx - k, cy + r, cx - r, cy + k, cx - r, cy]);
    out.op("c", &[cx - r, cy - k, cx - k, cy - r, cx, cy - r]);
    out.op("c", &[cx + k, cy - r, cx + r, cy - k, cx + r, cy]);
}

fn stroke_style(s: &super::flow::Stroke, out: &mut Content) {
    out.stroke_colour(s.color);
    out.op("w", &[s.width]);
    if s.dashed {
        out.dash(6.0, 4.0);
    }
}

/// The support phone and "Page N of M" under a thin rule.
#[allow(clippy::too_many_arguments)]
fn footer(
    guide: &Guide,
    n: usize,
    total: usize,
    geo: Geometry,
    sizes: Sizes,
    lead: &str,
    usage: &mut Usage,
    out: &mut Content,
    links: &mut Vec<Op>,
    tree: &mut Tree,
) {
    let fonts = Fonts::get();
    let regular = Face::new(Style::Regular, guide.shelf);
    let bold = regular.with_style(Style::Bold);
    let size = sizes.footer();
    // The rule sits just below the text area, the footer text under it.
    let rule_y = geo.height - geo.bottom - 14.0;
    let base = rule_y - 8.0 - size;
    // The rule and the page number are pagination artifacts: a screen
    // reader tells the page itself. The help line is text, a paragraph
    // with its phone link, read at the end of each page as it is printed
    // there: a customer stuck on a step hears whom to call.
    out.mark(Marked::Footer, tree);
    out.op("q", &[]);
    out.stroke_colour(Rgb(0xb8, 0xb8, 0xb8));
    out.op("w", &[0.6]);
    out.op("m", &[geo.left, rule_y]);
    out.op("l", &[geo.right, rule_y]);
    out.op("S", &[]);
    out.op("Q", &[]);

    let ink = Rgb(0x1a, 0x1a, 0x1a);
    // Right to left, the phone sits at the right margin and the page
    // number at the left.
    let rtl = guide.right_to_left();
    let lead_w = fonts.width(regular, lead, size);
    let phone = &guide.support.phone.written;
    let phone_size = size * geometry::FOOTER_PHONE;
    let phone_w = fonts.width(bold, phone, phone_size);
    let right = geometry::footer_page(guide, n, total);
    let rw = fonts.width(regular, &right, size);
    // The parts never touch: when the help line and the page number do
    // not fit side by side (a long language in large print), the page
    // number goes on a line of its own below, in the space the text
    // area left for it.
    let crowded = geometry::footer_crowded(lead_w + phone_w, rw, size, geo.measure());
    let right_base = if geo.footer_wraps || crowded {
        base - size * geometry::FOOTER_LEADING
    } else {
        base
    };
    let (lead_x, phone_x, right_x) = if rtl {
        (geo.right - lead_w, geo.right - lead_w - phone_w, geo.left)
    } else {
        (geo.left, geo.left + lead_w, geo.right - rw)
    };
    let help = tree.add(Role::P, Tag::DOCUMENT);
    let call = tree.add(Role::Link, help);
    tree.describe(call, phone);
    out.mark(Marked::Node(help), tree);
    out.text(lead_x, base, lead, regular, size, ink, rtl, None, usage);
    out.mark(Marked::Node(call), tree);
    // A phone number reads left to right in every language.
    out.text(
        phone_x, base, phone, bold, phone_size, ink, false, None, usage,
    );
    out.annotation(links.len(), call);
    links.push(link(
        Rect::from_xywh(
            Pt(phone_x),
            Pt(base - 3.0),
            Pt(phone_w),
            Pt(phone_size + 4.0),
        ),
        Actions::Uri(guide.support.phone.tel()),
    ));
    out.mark(Marked::Footer, tree);
    out.text(
        right_x, right_base, &right, regular, size, ink, rtl, None, usage,
    );
    out.end_text();
}
