//! Page geometry, type sizes and colours, and the small drawing helpers
//! built on them: grey rules, the drawing operations of a text line, and
//! a group's first baseline.

use crate::fonts::{Face, Fonts, Style, shape};
use crate::pdf::flow::{Draw, Group, LinkTo, Stroke};
use crate::pdf::tags::Tag;
use crate::pdf::text::{Line, PieceKind};
use crate::resolve::{Guide, Paper, Rgb};
use crate::rich::Target;

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left edge of the text.
    pub left: f32,
    /// Right edge of the text.
    pub right: f32,
    /// Top of the text.
    pub top: f32,
    /// Bottom of the text (the footer sits below).
    pub bottom: f32,
    /// The footer's page number has a line of its own, below the help line.
    pub footer_wraps: bool,
}

impl Geometry {
    /// Margins of about 19 mm: safe for any home printer.
    pub fn for_paper(paper: Paper) -> Geometry {
        let (width, height) = match paper {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.276, 841.89),
        };
        Geometry {
            width,
            height,
            left: 54.0,
            right: width - 54.0,
            top: 50.0,
            bottom: height - 70.0,
            footer_wraps: false,
        }
    }

    /// The page of `guide`: when its footer needs two lines, the text
    /// ends a footer line higher, so the footer keeps the paper's margin.
    pub fn for_guide(guide: &Guide, sizes: &Sizes) -> Geometry {
        let mut geo = Geometry::for_paper(guide.paper);
        // Measured with the widest page number a guide prints.
        if footer_wraps(guide, sizes, 88, 88, geo.measure()) {
            geo.footer_wraps = true;
            geo.bottom -= sizes.footer() * FOOTER_LEADING;
        }
        geo
    }

    /// Width of the text column.
    pub fn measure(&self) -> f32 {
        self.right - self.left
    }
}

/// Footer lines are this many times the footer's type size apart.
pub const FOOTER_LEADING: f32 = 1.4;

/// The right part of page `n`'s footer: "2026-11 · Page 3 of 8".
pub fn footer_page(guide: &Guide, n: usize, total: usize) -> String {
    let page = guide.words.page_of(n, total);
    match &guide.revision {
        Some(rev) => format!("{rev}   ·   {page}"),
        None => page,
    }
}

/// True when the footer's help line ("Need help? Call us +1 800 555
/// 0199") and its page part would come closer than a gap of one and a
/// half letters on one line: its parts must never touch.
pub fn footer_wraps(guide: &Guide, sizes: &Sizes, n: usize, total: usize, measure: f32) -> bool {
    let fonts = Fonts::get();
    let regular = Face::new(Style::Regular, guide.shelf);
    let size = sizes.footer();
    let lead = fonts.width(regular, &footer_lead(guide), size);
    let phone = fonts.width(
        regular.with_style(Style::Bold),
        &guide.support.phone.written,
        size * FOOTER_PHONE,
    );
    let page = fonts.width(regular, &footer_page(guide, n, total), size);
    footer_crowded(lead + phone, page, size, measure)
}

/// True when a footer's help line and page part, `help` and `page` wide,
/// would come closer than one and a half letters of `size` on a line
/// `measure` wide.
pub fn footer_crowded(help: f32, page: f32, size: f32, measure: f32) -> bool {
    help + size * 1.5 + page > measure
}

/// The footer's words before the phone number.
pub fn footer_lead(guide: &Guide) -> String {
    format!("{} ", guide.words.call_us)
}

/// The footer's phone number is this much larger than its words.
pub const FOOTER_PHONE: f32 = 1.2;

/// Type sizes for normal or large print.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Body text.
    pub body: f32,
    /// Captions and the footer.
    pub small: f32,
    /// The title.
    pub h1: f32,
    /// Section headings.
    pub h2: f32,
    /// Step titles and headings in bodies.
    pub h3: f32,
    /// The support phone on the cover.
    pub phone: f32,
}

impl Sizes {
    /// The footer's words.
    pub fn footer(&self) -> f32 {
        self.small.max(9.0)
    }

    /// 11 pt body, or 18 pt in large print.
    pub fn new(large: bool) -> Sizes {
        if large {
            Sizes {
                body: 18.0,
                small: 14.0,
                h1: 34.0,
                h2: 26.0,
                h3: 22.0,
                phone: 30.0,
            }
        } else {
            Sizes {
                body: 11.0,
                small: 9.5,
                h1: 26.0,
                h2: 18.0,
                h3: 14.5,
                phone: 22.0,
            }
        }
    }
}

pub(super) const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
pub(super) const MUTED: Rgb = Rgb(0x4a, 0x4a, 0x4a);
pub(super) const RULE: Rgb = Rgb(0xb8, 0xb8, 0xb8);
pub(super) const CODE_GROUND: Rgb = Rgb(0xee, 0xee, 0xee);
pub(super) const CAUTION: Rgb = Rgb(0xa3, 0x1f, 0x0f);
/// Printed QR codes are at least this wide, quiet zone excluded (25 mm).
pub const QR_MIN: f32 = 25.0 / 25.4 * 72.0;

/// The baseline of the first text in a group.
pub(super) fn first_baseline(g: &Group) -> Option<f32> {
    g.draws.iter().find_map(|d| match d {
        Draw::Text { y, .. } => Some(*y),
        _ => None,
    })
}

/// A grey horizontal rule from `x0` to `x1` at `y`.
pub(super) fn rule(x0: f32, x1: f32, y: f32, width: f32) -> Draw {
    Draw::Line {
        from: (x0, y),
        to: (x1, y),
        stroke: Stroke {
            color: RULE,
            width,
            dashed: false,
        },
        tag: Tag::NONE,
    }
}

/// The drawing operations of one line, starting at `x`, untagged but for
/// linked text, which is [`Tag::LINKED`] and follows its link area.
pub fn line_group(line: &Line, x: f32) -> Group {
    let mut g = Group::new(line.height);
    let base = line.baseline;
    // A line that broke at a space keeps it, undrawn at its logical end,
    // so its last word and the next line's first read apart. Right to
    // left, that end is the left once the page is mirrored (see
    // `flow::mirror`): the last piece, shaped with the space, is drawn
    // that much wider, so its letters stay where they were and the space
    // goes into the margin.
    let spaced = line.soft_end && line.pieces.last().is_some_and(|p| p.rtl == line.rtl);
    let last = line.pieces.len().saturating_sub(1);
    for (i, p) in line.pieces.iter().enumerate() {
        let px = x + p.x;
        // The link area first: the text after it is its link's (see
        // `Tree::adopt`).
        if let Some(target) = &p.link {
            let to = match target {
                Target::Anchor(id) => LinkTo::Anchor(id.clone()),
                Target::Phone(uri) | Target::Web(uri) => LinkTo::Uri(uri.clone()),
            };
            g.draws.push(Draw::Link {
                x: px,
                y: 0.0,
                w: p.width,
                h: line.height,
                to,
                tag: Tag::NONE,
            });
        }
        let text_tag = if p.link.is_some() {
            Tag::LINKED
        } else {
            Tag::NONE
        };
        match p.kind {
            PieceKind::Blank => {
                g.draws.push(Draw::Line {
                    from: (px + 1.0, base + 2.0),
                    to: (px + p.width - 0.5, base + 2.0),
                    stroke: Stroke {
                        color: INK,
                        width: 0.7,
                        dashed: false,
                    },
                    tag: Tag::BLANK,
                });
            }
            PieceKind::Code | PieceKind::Text => {
                if p.kind == PieceKind::Code {
                    g.draws.push(Draw::Rect {
                        x: px - 1.0,
                        y: base - p.size * 0.85,
                        w: p.width + 2.0,
                        h: p.size * 1.15,
                        fill: Some(CODE_GROUND),
                        stroke: None,
                        tag: Tag::NONE,
                    });
                }
                let (text, width, shaped) = if spaced && i == last {
                    let text = format!("{} ", p.text);
                    if line.rtl {
                        let shaped = p
                            .with_space()
                            .unwrap_or_else(|| shape::line(&text, p.face, Some(true)));
                        (text, shaped.width(p.size), Some(shaped))
                    } else {
                        (text, p.width, None)
                    }
                } else {
                    (p.text.clone(), p.width, p.shaped.clone())
                };
                g.draws.push(Draw::Text {
                    x: px,
                    y: base,
                    text,
                    face: p.face,
                    rtl: p.rtl,
                    width,
                    shaped,
                    size: p.size,
                    color: p.color,
                    tag: text_tag,
                });
                if p.strike {
                    g.draws.push(Draw::Line {
                        from: (px, base - p.size * 0.3),
                        to: (px + p.width, base - p.size * 0.3),
                        stroke: Stroke {
                            color: p.color,
                            width: 0.6,
                            dashed: false,
                        },
                        tag: Tag::NONE,
                    });
                }
            }
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Shelf;
    use crate::pdf::text::{Setting, lines};

    /// Each line's text draws, as (text, face, width), for a paragraph
    /// set 120 points wide.
    fn drawn(text: &str, rtl: bool) -> Vec<Vec<(String, Face, f32)>> {
        let set = Setting {
            size: 11.0,
            leading: 1.4,
            color: Rgb(0, 0, 0),
            link_color: Rgb(0, 0, 200),
            bold: false,
            rtl,
            shelf: Shelf::NONE,
        };
        let spans = crate::rich::fill_plain(text, None);
        lines(&spans, &set, 120.0)
            .iter()
            .map(|line| {
                line_group(line, 0.0)
                    .draws
                    .into_iter()
                    .filter_map(|d| match d {
                        Draw::Text {
                            text, face, width, ..
                        } => Some((text, face, width)),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    /// A line that broke at a space keeps it for whoever reads the text
    /// out of the PDF, right to left as well as left to right. Right to
    /// left, the space is shaped at the line's logical end (its left) and
    /// the piece drawn that much wider, so that on the mirrored page its
    /// letters stay where they were.
    #[test]
    fn a_line_broken_at_a_space_keeps_it_in_either_direction() {
        let ends = |lines: &[Vec<(String, Face, f32)>]| -> Vec<bool> {
            lines
                .iter()
                .map(|l| l.last().is_some_and(|(t, ..)| t.ends_with(' ')))
                .collect()
        };
        let english = drawn("Unplug the power cord from the back of the old box.", false);
        let arabic = drawn("افصل سلك الطاقة من الجزء الخلفي للجهاز القديم.", true);
        for lines in [&english, &arabic] {
            let mut expected = vec![true; lines.len()];
            *expected.last_mut().unwrap() = false;
            assert!(lines.len() > 1 && ends(lines) == expected, "{lines:?}");
        }
        for line in &arabic {
            let (text, face, width) = line.last().unwrap();
            let shaped = shape::line(text, *face, Some(true));
            assert!(
                (shaped.width(11.0) - width).abs() < 0.01,
                "{text:?} is {} wide, drawn as {width}",
                shaped.width(11.0)
            );
            if text.ends_with(' ') {
                let leftmost = &shaped.runs[0].glyphs[0];
                assert_eq!(leftmost.cluster as usize, text.len() - 1, "{text:?}");
            }
        }
    }
}
