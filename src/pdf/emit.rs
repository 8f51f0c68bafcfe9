//! Placed pages → a printpdf document: text, shapes, pictures, QR codes,
//! links, and the footer on every page.

use std::collections::HashMap;

use printpdf::{
    Actions, BorderArray, Color, ColorArray, Destination, FontId, LinkAnnotation, Op, PdfDocument,
    PdfFontHandle, PdfPage, Point, Pt, Rect, TextItem, XObjectId, XObjectTransform,
};

use crate::resolve::{Guide, Rgb};
use crate::rich;
use crate::words;

use super::compose::{Geometry, Sizes};
use super::flow::{Draw, LinkTo, Page};
use super::fonts::{Face, Fonts, Usage};
use super::images::{self, Pictures, Source};
use super::svg::raw;

/// Where each anchor is: page (1-based) and y from the page top.
pub type Anchors = HashMap<String, (usize, f32)>;

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn font_id(face: Face) -> FontId {
    FontId(format!("F{}", face as usize + 1))
}

/// PDF labels to copy in when finishing: XObject name and file bytes.
pub type Labels = Vec<(String, std::sync::Arc<Vec<u8>>)>;

/// Builds the document from placed pages.
pub fn document(
    guide: &Guide,
    pages: &[Page],
    anchors: &Anchors,
    pictures: &Pictures,
    geo: Geometry,
    sizes: Sizes,
) -> Result<(PdfDocument, Labels), String> {
    let fonts = Fonts::get();
    let mut usage = Usage::default();
    let total = pages.len();
    let footer_phone = format!("{} ", guide.words.call_us);

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
    // Scaling and compressing photos is the slow part of a build: each
    // picture is prepared on its own thread.
    let prepared: Vec<(usize, Result<printpdf::ExternalXObject, String>)> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = image_ids
                .iter()
                .filter(|i| {
                    matches!(
                        pictures.list[**i].source,
                        Source::Raster { .. } | Source::Svg(_)
                    )
                })
                .map(|&i| {
                    let pic = &pictures.list[i];
                    let width = printed[&i];
                    let shared = pictures.is_shared(i);
                    (
                        i,
                        scope.spawn(move || images::prepared_xobject(pic, width, shared)),
                    )
                })
                .collect();
            handles
                .into_iter()
                .map(|(i, h)| {
                    let result = h
                        .join()
                        .unwrap_or_else(|_| Err("preparing an image failed".to_string()));
                    (i, result)
                })
                .collect()
        });
    for (i, result) in prepared {
        let id = XObjectId(format!("Im{}", i + 1));
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), printpdf::XObject::External(result?));
        xobjects.insert(i, id);
    }
    for i in image_ids {
        let pic = &pictures.list[i];
        if let Source::Pdf { bytes, .. } = &pic.source {
            // A placeholder form, replaced by the label's page when
            // finishing (printpdf cannot copy objects from another PDF).
            let name = format!("Lbl{}", i + 1);
            let id = XObjectId(name.clone());
            doc.resources.xobjects.map.insert(
                id.clone(),
                printpdf::XObject::External(images::placeholder_form()),
            );
            xobjects.insert(i, id);
            labels.push((name, bytes.clone()));
        }
    }

    let mut out_pages = Vec::with_capacity(total);
    for (n, page) in pages.iter().enumerate() {
        let mut ops = Vec::new();
        let mut block = TextBlock::default();
        for (top, g) in &page.groups {
            for d in &g.draws {
                draw(
                    d, *top, geo, pictures, &xobjects, anchors, &mut block, &mut usage, &mut ops,
                );
            }
        }
        block.close(&mut ops);
        footer(
            guide,
            n + 1,
            total,
            geo,
            sizes,
            &footer_phone,
            &mut usage,
            &mut ops,
        );
        out_pages.push(PdfPage::new(
            printpdf::Mm(geo.width * 25.4 / 72.0),
            printpdf::Mm(geo.height * 25.4 / 72.0),
            ops,
        ));
    }
    doc.pages = out_pages;

    for face in Face::ALL {
        if let Some(chars) = usage.chars.get(&face) {
            let font = fonts.subset(face, chars);
            doc.resources
                .fonts
                .map
                .insert(font_id(face), printpdf::PdfFont::new(font));
        }
    }
    let info = &mut doc.metadata.info;
    info.author = guide.provider.name.clone();
    info.creator = "swapguide".to_string();
    info.producer = format!("swapguide {}", env!("CARGO_PKG_VERSION"));
    info.subject = guide
        .subtitle
        .as_ref()
        .map(|s| rich::plain(s))
        .unwrap_or_default();
    Ok((doc, labels))
}

#[allow(clippy::too_many_arguments)]
fn draw(
    d: &Draw,
    top: f32,
    geo: Geometry,
    pictures: &Pictures,
    xobjects: &HashMap<usize, XObjectId>,
    anchors: &Anchors,
    block: &mut TextBlock,
    usage: &mut Usage,
    ops: &mut Vec<Op>,
) {
    // Layout y grows down from the page top; PDF y grows up from the bottom.
    let py = |y: f32| geo.height - (top + y);
    if !matches!(d, Draw::Text { .. }) {
        block.close(ops);
    }
    match d {
        Draw::Text {
            x,
            y,
            text,
            face,
            size,
            color,
        } => {
            text_op(*x, py(*y), text, *face, *size, *color, block, usage, ops);
        }
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            if fill.is_none() && stroke.is_none() {
                return;
            }
            ops.push(Op::SaveGraphicsState);
            if let Some(f) = fill {
                ops.push(Op::SetFillColor { col: colour(*f) });
            }
            if let Some(s) = stroke {
                stroke_style(s, ops);
            }
            ops.push(raw("re", &[*x, py(*y + *h), *w, *h]));
            ops.push(raw(
                match (fill.is_some(), stroke.is_some()) {
                    (true, true) => "B",
                    (true, false) => "f",
                    _ => "S",
                },
                &[],
            ));
            ops.push(Op::RestoreGraphicsState);
        }
        Draw::Line { from, to, stroke } => {
            ops.push(Op::SaveGraphicsState);
            stroke_style(stroke, ops);
            ops.push(raw("m", &[from.0, py(from.1)]));
            ops.push(raw("l", &[to.0, py(to.1)]));
            ops.push(raw("S", &[]));
            ops.push(Op::RestoreGraphicsState);
        }
        Draw::Image { x, y, w, h, image } => {
            let Some(pic) = pictures.list.get(*image) else {
                return;
            };
            let Some(id) = xobjects.get(image) else {
                return;
            };
            ops.push(Op::SaveGraphicsState);
            match &pic.source {
                Source::Pdf { origin, .. } => {
                    // Form space is the label's page, in points.
                    let (sx, sy) = (*w / pic.width, *h / pic.height);
                    let (ox, oy) = (*x - origin.0 * sx, py(*y + *h) - origin.1 * sy);
                    ops.push(raw("cm", &[sx, 0.0, 0.0, sy, ox, oy]));
                }
                Source::Svg(_) => {
                    // Form space is SVG user space, y down: scale and flip.
                    let (sx, sy) = (*w / pic.width.max(1e-3), *h / pic.height.max(1e-3));
                    ops.push(raw("cm", &[sx, 0.0, 0.0, -sy, *x, py(*y)]));
                }
                Source::Raster { .. } => {
                    ops.push(raw("cm", &[*w, 0.0, 0.0, *h, *x, py(*y + *h)]));
                }
            }
            ops.push(Op::UseXobject {
                id: id.clone(),
                transform: XObjectTransform {
                    no_auto_scale: true,
                    ..XObjectTransform::default()
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Draw::Qr { x, y, module, code } => {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetFillColor {
                col: colour(Rgb(0, 0, 0)),
            });
            for (row, col, len) in code.runs() {
                let rx = x + col as f32 * module;
                let ry = py(y + (row + 1) as f32 * module);
                // A hair of overlap so no white seam shows between rows.
                ops.push(raw(
                    "re",
                    &[rx, ry - 0.01, len as f32 * module, module + 0.02],
                ));
            }
            ops.push(raw("f", &[]));
            ops.push(Op::RestoreGraphicsState);
        }
        Draw::Bars { y, h, bars } => {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetFillColor {
                col: colour(Rgb(0, 0, 0)),
            });
            for (bx, bw) in bars {
                ops.push(raw("re", &[*bx, py(*y + *h), *bw, *h]));
            }
            ops.push(raw("f", &[]));
            ops.push(Op::RestoreGraphicsState);
        }
        Draw::Link { x, y, w, h, to } => {
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
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(Pt(*x), Pt(py(*y + *h)), Pt(*w), Pt(*h)),
                    actions,
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    None,
                ),
            });
        }
    }
}

fn stroke_style(s: &super::flow::Stroke, ops: &mut Vec<Op>) {
    ops.push(Op::SetOutlineColor {
        col: colour(s.color),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
    if s.dashed {
        ops.push(Op::SetLineDashPattern {
            dash: printpdf::LineDashPattern::new(0.0, &[6.0, 4.0]),
        });
    }
}

/// The open text object (`BT … ET`) of a page: neighbouring lines of text
/// share one, and the font and colour are set only when they change,
/// which keeps content streams (and the time to write them) small.
#[derive(Default)]
struct TextBlock {
    open: bool,
    font: Option<(Face, f32)>,
    color: Option<Rgb>,
    /// Where the last line started: `Td` moves relative to it.
    at: (f32, f32),
}

impl TextBlock {
    /// Ends the text object, before anything that is not text.
    fn close(&mut self, ops: &mut Vec<Op>) {
        if self.open {
            ops.push(Op::EndTextSection);
            *self = TextBlock::default();
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn text_op(
    x: f32,
    y: f32,
    text: &str,
    face: Face,
    size: f32,
    color: Rgb,
    block: &mut TextBlock,
    usage: &mut Usage,
    ops: &mut Vec<Op>,
) {
    if text.is_empty() {
        return;
    }
    usage.add(face, text);
    if !block.open {
        ops.push(Op::StartTextSection);
        block.open = true;
    }
    if block.font != Some((face, size)) {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_id(face)),
            size: Pt(size),
        });
        block.font = Some((face, size));
    }
    if block.color != Some(color) {
        ops.push(Op::SetFillColor { col: colour(color) });
        block.color = Some(color);
    }
    ops.push(Op::SetTextCursor {
        pos: Point {
            x: Pt(x - block.at.0),
            y: Pt(y - block.at.1),
        },
    });
    block.at = (x, y);
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(text.to_string())],
    });
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
    ops: &mut Vec<Op>,
) {
    let fonts = Fonts::get();
    let size = sizes.small.max(9.0);
    // The rule sits just below the text area, the footer text under it.
    let rule_y = geo.height - geo.bottom - 14.0;
    let base = rule_y - 8.0 - size;
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetOutlineColor {
        col: colour(Rgb(0xb8, 0xb8, 0xb8)),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
    ops.push(raw("m", &[geo.left, rule_y]));
    ops.push(raw("l", &[geo.right, rule_y]));
    ops.push(raw("S", &[]));
    ops.push(Op::RestoreGraphicsState);

    let ink = Rgb(0x1a, 0x1a, 0x1a);
    let mut block = TextBlock::default();
    let lead = &fonts.printable_text(Face::Regular, lead);
    text_op(
        geo.left,
        base,
        lead,
        Face::Regular,
        size,
        ink,
        &mut block,
        usage,
        ops,
    );
    let lead_w = fonts.width(Face::Regular, lead, size);
    let phone = &fonts.printable_text(Face::Bold, &guide.support.phone.written);
    let phone_size = size * 1.2;
    text_op(
        geo.left + lead_w,
        base,
        phone,
        Face::Bold,
        phone_size,
        ink,
        &mut block,
        usage,
        ops,
    );
    let phone_w = fonts.width(Face::Bold, phone, phone_size);
    ops.push(Op::LinkAnnotation {
        link: LinkAnnotation::new(
            Rect::from_xywh(
                Pt(geo.left + lead_w),
                Pt(base - 3.0),
                Pt(phone_w),
                Pt(phone_size + 4.0),
            ),
            Actions::Uri(format!("tel:{}", guide.support.phone.e164)),
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            None,
        ),
    });

    let mut right = words::fill(guide.words.page_of, n, total);
    if let Some(rev) = &guide.revision {
        right = format!("{rev}   ·   {right}");
    }
    let right = fonts.printable_text(Face::Regular, &right);
    let rw = fonts.width(Face::Regular, &right, size);
    text_op(
        geo.right - rw,
        base,
        &right,
        Face::Regular,
        size,
        ink,
        &mut block,
        usage,
        ops,
    );
    block.close(ops);
}
