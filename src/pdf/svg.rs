//! SVG pictures drawn as PDF vector paths.
//!
//! usvg has already resolved styles, `use`, and text (as outlines in the
//! bundled fonts); this draws what remains: filled and stroked paths with
//! solid colours. Gradients are drawn in their average colour and opacity
//! is blended with the white page — enough for flat diagrams, and
//! documented in docs/format.md.

use printpdf::{Color, DictItem, Op, Pt, Rgb};
use usvg::tiny_skia_path::{PathSegment, Transform};
use usvg::{Node, Paint};

/// Where a picture goes: its top-left corner and size in PDF points (PDF
/// coordinates, y up), and the SVG's own size.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// Left edge.
    pub x: f32,
    /// Top edge (PDF y, measured up from the page bottom).
    pub top: f32,
    /// Printed width.
    pub w: f32,
    /// Printed height.
    pub h: f32,
}

/// PDF operations drawing `tree` at `at`.
pub fn draw(tree: &usvg::Tree, at: Placement) -> Vec<Op> {
    let size = tree.size();
    let sx = at.w / size.width().max(1e-3);
    let sy = at.h / size.height().max(1e-3);
    let mut ops = vec![Op::SaveGraphicsState];
    // Clip to the picture's box so nothing spills onto the text.
    ops.push(raw("re", &[at.x, at.top - at.h, at.w, at.h]));
    ops.push(raw("W", &[]));
    ops.push(raw("n", &[]));
    // One matrix maps SVG user space to the page: scale, flip y, move.
    ops.push(raw("cm", &[sx, 0.0, 0.0, -sy, at.x, at.top]));
    group(tree.root(), 1.0, &mut ops);
    ops.push(Op::RestoreGraphicsState);
    ops
}

fn group(g: &usvg::Group, opacity: f32, ops: &mut Vec<Op>) {
    let opacity = opacity * g.opacity().get();
    for node in g.children() {
        match node {
            Node::Group(child) => group(child, opacity, ops),
            Node::Path(path) => draw_path(path, opacity, ops),
            Node::Text(text) => group(text.flattened(), opacity, ops),
            // Pictures inside pictures are not drawn.
            Node::Image(_) => {}
        }
    }
}

fn draw_path(path: &usvg::Path, opacity: f32, ops: &mut Vec<Op>) {
    if !path.is_visible() {
        return;
    }
    let t = path.abs_transform();
    let fill = path.fill().map(|f| {
        (
            paint_colour(f.paint(), f.opacity().get() * opacity),
            f.rule(),
        )
    });
    let stroke = path.stroke().map(|s| {
        (
            paint_colour(s.paint(), s.opacity().get() * opacity),
            s.width().get() * scale_of(t),
        )
    });
    if fill.is_none() && stroke.is_none() {
        return;
    }
    outline(path.data(), t, ops);
    if let Some((c, _)) = &fill {
        ops.push(Op::SetFillColor { col: c.clone() });
    }
    if let Some((c, w)) = &stroke {
        ops.push(Op::SetOutlineColor { col: c.clone() });
        ops.push(Op::SetOutlineThickness { pt: Pt(*w) });
    }
    let even_odd = matches!(fill, Some((_, usvg::FillRule::EvenOdd)));
    let op = match (fill.is_some(), stroke.is_some(), even_odd) {
        (true, true, false) => "B",
        (true, true, true) => "B*",
        (true, false, false) => "f",
        (true, false, true) => "f*",
        _ => "S",
    };
    ops.push(raw(op, &[]));
}

/// Appends the path's segments in SVG user space.
fn outline(data: &usvg::tiny_skia_path::Path, t: Transform, ops: &mut Vec<Op>) {
    let map = |x: f32, y: f32| (t.sx * x + t.kx * y + t.tx, t.ky * x + t.sy * y + t.ty);
    let mut last = (0.0, 0.0);
    for seg in data.segments() {
        match seg {
            PathSegment::MoveTo(p) => {
                let (x, y) = map(p.x, p.y);
                ops.push(raw("m", &[x, y]));
                last = (p.x, p.y);
            }
            PathSegment::LineTo(p) => {
                let (x, y) = map(p.x, p.y);
                ops.push(raw("l", &[x, y]));
                last = (p.x, p.y);
            }
            PathSegment::QuadTo(c, p) => {
                // A quadratic curve as the cubic that draws it exactly.
                let c1 = (
                    last.0 + 2.0 / 3.0 * (c.x - last.0),
                    last.1 + 2.0 / 3.0 * (c.y - last.1),
                );
                let c2 = (p.x + 2.0 / 3.0 * (c.x - p.x), p.y + 2.0 / 3.0 * (c.y - p.y));
                let (a, b) = map(c1.0, c1.1);
                let (c, d) = map(c2.0, c2.1);
                let (e, f) = map(p.x, p.y);
                ops.push(raw("c", &[a, b, c, d, e, f]));
                last = (p.x, p.y);
            }
            PathSegment::CubicTo(c1, c2, p) => {
                let (a, b) = map(c1.x, c1.y);
                let (c, d) = map(c2.x, c2.y);
                let (e, f) = map(p.x, p.y);
                ops.push(raw("c", &[a, b, c, d, e, f]));
                last = (p.x, p.y);
            }
            PathSegment::Close => ops.push(raw("h", &[])),
        }
    }
}

fn scale_of(t: Transform) -> f32 {
    (t.sx * t.sy - t.kx * t.ky).abs().sqrt()
}

/// A paint as one colour, blended with white by `opacity`.
fn paint_colour(paint: &Paint, opacity: f32) -> Color {
    let (r, g, b) = match paint {
        Paint::Color(c) => (f32::from(c.red), f32::from(c.green), f32::from(c.blue)),
        Paint::LinearGradient(lg) => average(lg.stops()),
        Paint::RadialGradient(rg) => average(rg.stops()),
        Paint::Pattern(_) => (128.0, 128.0, 128.0),
    };
    let o = opacity.clamp(0.0, 1.0);
    let mix = |c: f32| 1.0 - (1.0 - c / 255.0) * o;
    Color::Rgb(Rgb {
        r: mix(r),
        g: mix(g),
        b: mix(b),
        icc_profile: None,
    })
}

fn average(stops: &[usvg::Stop]) -> (f32, f32, f32) {
    if stops.is_empty() {
        return (128.0, 128.0, 128.0);
    }
    let n = stops.len() as f32;
    let sum = stops.iter().fold((0.0, 0.0, 0.0), |acc, s| {
        let c = s.color();
        (
            acc.0 + f32::from(c.red),
            acc.1 + f32::from(c.green),
            acc.2 + f32::from(c.blue),
        )
    });
    (sum.0 / n, sum.1 / n, sum.2 / n)
}

/// A raw content-stream operator; printpdf writes it as given when saving
/// with `secure: false`.
pub fn raw(op: &str, args: &[f32]) -> Op {
    Op::Unknown {
        key: op.to_string(),
        value: args.iter().map(|&v| DictItem::Real(v)).collect(),
    }
}
