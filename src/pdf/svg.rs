//! SVG pictures drawn as PDF vector paths, in a form XObject.
//!
//! usvg has already resolved styles, `use`, and text (as outlines in the
//! bundled fonts); this draws what remains: filled and stroked paths with
//! solid colours. Gradients are drawn in their average colour and opacity
//! is blended with the white page — enough for flat diagrams, and
//! documented in docs/format.md.

use printpdf::ExternalXObject;
use usvg::tiny_skia_path::{PathSegment, Transform};
use usvg::{Node, Paint};

use super::content::op;

/// A form XObject drawing `tree` in its own user space (y down, as SVG
/// has it; the page flips it when placing). The paths are written and
/// compressed here once: a campaign places the same diagram in every PDF.
pub fn form(tree: &usvg::Tree) -> ExternalXObject {
    let size = tree.size();
    let mut content = Vec::new();
    group(tree.root(), 1.0, &mut content);
    let size = (size.width(), size.height());
    super::images::form_xobject(
        size,
        Some("FlateDecode"),
        super::finish::deflate(&content, 6),
    )
}

fn group(g: &usvg::Group, opacity: f32, out: &mut Vec<u8>) {
    let opacity = opacity * g.opacity().get();
    for node in g.children() {
        match node {
            Node::Group(child) => group(child, opacity, out),
            Node::Path(path) => draw_path(path, opacity, out),
            Node::Text(text) => group(text.flattened(), opacity, out),
            // Pictures inside pictures are not drawn.
            Node::Image(_) => {}
        }
    }
}

fn draw_path(path: &usvg::Path, opacity: f32, out: &mut Vec<u8>) {
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
    outline(path.data(), t, out);
    if let Some((c, _)) = &fill {
        op(out, "rg", c);
    }
    if let Some((c, w)) = &stroke {
        op(out, "RG", c);
        op(out, "w", &[*w]);
    }
    let even_odd = matches!(fill, Some((_, usvg::FillRule::EvenOdd)));
    let paint = match (fill.is_some(), stroke.is_some(), even_odd) {
        (true, true, false) => "B",
        (true, true, true) => "B*",
        (true, false, false) => "f",
        (true, false, true) => "f*",
        _ => "S",
    };
    op(out, paint, &[]);
}

/// Appends the path's segments in SVG user space.
fn outline(data: &usvg::tiny_skia_path::Path, t: Transform, out: &mut Vec<u8>) {
    let map = |x: f32, y: f32| (t.sx * x + t.kx * y + t.tx, t.ky * x + t.sy * y + t.ty);
    let mut last = (0.0, 0.0);
    for seg in data.segments() {
        match seg {
            PathSegment::MoveTo(p) => {
                let (x, y) = map(p.x, p.y);
                op(out, "m", &[x, y]);
                last = (p.x, p.y);
            }
            PathSegment::LineTo(p) => {
                let (x, y) = map(p.x, p.y);
                op(out, "l", &[x, y]);
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
                op(out, "c", &[a, b, c, d, e, f]);
                last = (p.x, p.y);
            }
            PathSegment::CubicTo(c1, c2, p) => {
                let (a, b) = map(c1.x, c1.y);
                let (c, d) = map(c2.x, c2.y);
                let (e, f) = map(p.x, p.y);
                op(out, "c", &[a, b, c, d, e, f]);
                last = (p.x, p.y);
            }
            PathSegment::Close => op(out, "h", &[]),
        }
    }
}

fn scale_of(t: Transform) -> f32 {
    (t.sx * t.sy - t.kx * t.ky).abs().sqrt()
}

/// A paint as one colour, blended with white by `opacity`.
fn paint_colour(paint: &Paint, opacity: f32) -> [f32; 3] {
    let (r, g, b) = match paint {
        Paint::Color(c) => (f32::from(c.red), f32::from(c.green), f32::from(c.blue)),
        Paint::LinearGradient(lg) => average(lg.stops()),
        Paint::RadialGradient(rg) => average(rg.stops()),
        Paint::Pattern(_) => (128.0, 128.0, 128.0),
    };
    let o = opacity.clamp(0.0, 1.0);
    let mix = |c: f32| 1.0 - (1.0 - c / 255.0) * o;
    [mix(r), mix(g), mix(b)]
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
