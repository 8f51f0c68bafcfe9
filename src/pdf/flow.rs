//! Pagination: groups of drawing operations flow down pages.
//!
//! A [`Group`] is not split across pages: one line of a paragraph, a
//! table row, a whole tip box. `keep_with_next` chains groups that must
//! share a page (a step's title, its picture and its first lines), and the
//! gap before a group is dropped at the top of a page. Only a group taller
//! than a whole page (long customer text in a packing slip, say) is cut,
//! between lines, so nothing runs off the bottom.

use std::sync::Arc;

use crate::codes::QrMatrix;
use crate::resolve::Rgb;

use crate::fonts::Face;
use crate::fonts::shape::Shaped;

use super::tags::Tag;

/// A stroke style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Colour.
    pub color: Rgb,
    /// Width in points.
    pub width: f32,
    /// Dashed (cut lines).
    pub dashed: bool,
}

/// Where a link goes once pages are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTo {
    /// A step or troubleshooting entry.
    Anchor(String),
    /// A `tel:`, `sms:` or web address.
    Uri(String),
}

/// One drawing operation. `x` is from the page's left edge, `y` from the
/// group's top, both in points, y growing downwards.
#[derive(Debug, Clone)]
pub enum Draw {
    /// Text starting at `x` on the baseline `y`.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// The text.
        text: String,
        /// Face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Colour.
        color: Rgb,
        /// Written right to left (its base direction).
        rtl: bool,
        /// Its advance width, as laid out.
        width: f32,
        /// Its glyphs, when the layout shaped it already.
        shaped: Option<Arc<Shaped>>,
        /// Its place in the structure tree.
        tag: Tag,
    },
    /// A rectangle; `round` gives rounded corners.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        fill: Option<Rgb>,
        /// Outline.
        stroke: Option<Stroke>,
        /// Its place in the structure tree.
        tag: Tag,
    },
    /// A status light's lamp: a filled circle with a dark rim and a
    /// highlight, so a white or black light never looks like a check box.
    Lamp {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Diameter.
        d: f32,
        /// The light's colour.
        fill: Rgb,
        /// Its place in the structure tree.
        tag: Tag,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Style.
        stroke: Stroke,
        /// Its place in the structure tree.
        tag: Tag,
    },
    /// A picture, by its index in the document's image list.
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Index into the image list.
        image: usize,
        /// Its place in the structure tree.
        tag: Tag,
    },
    /// A QR code; the quiet zone is left empty around `x`, `y`.
    Qr {
        /// Left of the first module.
        x: f32,
        /// Top of the first module.
        y: f32,
        /// Module size.
        module: f32,
        /// The code.
        code: Arc<QrMatrix>,
        /// Its place in the structure tree.
        tag: Tag,
    },
    /// Vertical bars (a Code 128 barcode): `(x, width)` pairs.
    Bars {
        /// Top.
        y: f32,
        /// Height.
        h: f32,
        /// Bars as `(x, width)`.
        bars: Vec<(f32, f32)>,
        /// Its place in the structure tree.
        tag: Tag,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it goes.
        to: LinkTo,
        /// Its place in the structure tree.
        tag: Tag,
    },
}

/// A named place or an outline entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// The target of `#id` links.
    Anchor(String),
    /// An outline (bookmark) entry: level 0 for sections, 1 inside them.
    Bookmark(u8, String),
}

/// Drawing operations that stay together on one page.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// Height in points.
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub gap_before: f32,
    /// Start a new page before this group.
    pub page_break: bool,
    /// With `page_break`: start a right-hand page (odd-numbered, the front
    /// of a sheet), leaving a page blank before it if need be.
    pub recto: bool,
    /// Keep this group on the same page as the next one.
    pub keep_with_next: bool,
    /// The operations.
    pub draws: Vec<Draw>,
    /// Anchors and bookmarks at this group's top.
    pub marks: Vec<Mark>,
    /// Drawn again above this group when it starts a page: the heading
    /// row of the table it is a row of.
    pub repeat: Option<Arc<Group>>,
    /// When it does not fit the rest of its page, this group may wait for
    /// the top of the next, the groups after it filling this page first
    /// (a row of pictures that would leave half a page empty). It never
    /// waits past a page break.
    pub float: bool,
}

impl Group {
    /// An empty group of a given height.
    pub fn new(height: f32) -> Group {
        Group {
            height,
            ..Group::default()
        }
    }

    /// The group drawn again (a table's heading row on the next page): the
    /// same drawings as decoration, without links or marks, so a screen
    /// reader hears the heading once, where the table starts.
    pub fn again(&self) -> Group {
        Group {
            height: self.height,
            draws: self
                .draws
                .iter()
                .filter(|d| !matches!(d, Draw::Link { .. }))
                .map(|d| {
                    let mut d = d.clone();
                    d.set_tag(Tag::REPEATED);
                    d
                })
                .collect(),
            ..Group::default()
        }
    }

    /// Stacks groups into one, keeping their gaps (but the first).
    pub fn stack(groups: Vec<Group>) -> Group {
        let mut out = Group::default();
        for (i, g) in groups.into_iter().enumerate() {
            if i == 0 {
                out.gap_before = g.gap_before;
                out.page_break = g.page_break;
                out.recto = g.recto;
            } else {
                out.height += g.gap_before;
            }
            let dy = out.height;
            out.draws
                .extend(g.draws.into_iter().map(|d| shift(d, 0.0, dy)));
            out.marks.extend(g.marks);
            out.height += g.height;
            out.keep_with_next = g.keep_with_next;
        }
        out
    }
}

impl Draw {
    /// Its place in the structure tree.
    pub fn tag(&self) -> Tag {
        match self {
            Draw::Text { tag, .. }
            | Draw::Rect { tag, .. }
            | Draw::Lamp { tag, .. }
            | Draw::Line { tag, .. }
            | Draw::Image { tag, .. }
            | Draw::Qr { tag, .. }
            | Draw::Bars { tag, .. }
            | Draw::Link { tag, .. } => *tag,
        }
    }

    /// Sets its place in the structure tree.
    pub fn set_tag(&mut self, to: Tag) {
        match self {
            Draw::Text { tag, .. }
            | Draw::Rect { tag, .. }
            | Draw::Lamp { tag, .. }
            | Draw::Line { tag, .. }
            | Draw::Image { tag, .. }
            | Draw::Qr { tag, .. }
            | Draw::Bars { tag, .. }
            | Draw::Link { tag, .. } => *tag = to,
        }
    }
}

/// A drawing operation moved to its mirror-image place on a page
/// `page_width` wide, for a right-to-left guide: what sat at the left
/// margin sits at the right. Nothing is flipped: text, pictures and codes
/// read as they are, only their places change.
pub fn mirror(d: &Draw, page_width: f32) -> Draw {
    let across = |x: f32, w: f32| page_width - x - w;
    let mut out = d.clone();
    match &mut out {
        Draw::Text { x, width: w, .. }
        | Draw::Rect { x, w, .. }
        | Draw::Image { x, w, .. }
        | Draw::Link { x, w, .. } => *x = across(*x, *w),
        Draw::Lamp { x, d, .. } => *x = across(*x, *d),
        Draw::Line { from, to, .. } => {
            from.0 = page_width - from.0;
            to.0 = page_width - to.0;
        }
        Draw::Qr {
            x, module, code, ..
        } => *x = across(*x, *module * code.size as f32),
        // A barcode moves as a whole; its bars keep their order.
        Draw::Bars { bars, .. } => {
            let left = bars.iter().map(|b| b.0).fold(f32::INFINITY, f32::min);
            let right = bars.iter().map(|b| b.0 + b.1).fold(0.0, f32::max);
            let dx = across(left, right - left) - left;
            for bar in bars.iter_mut() {
                bar.0 += dx;
            }
        }
    }
    out
}

/// Moves a drawing operation.
pub fn shift(mut d: Draw, dx: f32, dy: f32) -> Draw {
    match &mut d {
        Draw::Text { x, y, .. }
        | Draw::Rect { x, y, .. }
        | Draw::Lamp { x, y, .. }
        | Draw::Image { x, y, .. }
        | Draw::Qr { x, y, .. }
        | Draw::Link { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Draw::Line { from, to, .. } => {
            *from = (from.0 + dx, from.1 + dy);
            *to = (to.0 + dx, to.1 + dy);
        }
        Draw::Bars { y, bars, .. } => {
            *y += dy;
            for bar in bars.iter_mut() {
                bar.0 += dx;
            }
        }
    }
    d
}

/// A page: groups with the y of their tops.
#[derive(Debug, Default)]
pub struct Page {
    /// `(top, group)` in page coordinates.
    pub groups: Vec<(f32, Group)>,
}

/// The top and bottom of a drawing that cannot be cut (text, pictures,
/// codes), or `None` for one that can be clipped (rules, boxes, links).
fn solid_extent(d: &Draw) -> Option<(f32, f32)> {
    match d {
        // The baseline, with room for ascenders and descenders.
        Draw::Text { y, size, .. } => Some((y - size, y + size * 0.25)),
        Draw::Image { y, h, .. } | Draw::Bars { y, h, .. } => Some((*y, y + h)),
        Draw::Lamp { y, d, .. } => Some((*y, y + d)),
        Draw::Qr {
            y, module, code, ..
        } => Some((*y, y + module * code.size as f32)),
        Draw::Rect { .. } | Draw::Line { .. } | Draw::Link { .. } => None,
    }
}

/// `d` clipped to the band `from..to` of its group and moved up by `from`,
/// or `None` if it lies outside the band.
fn clip(d: &Draw, from: f32, to: f32) -> Option<Draw> {
    let band = |top: f32, bottom: f32| {
        let (a, b) = (top.max(from), bottom.min(to));
        (a < b || (top == bottom && top >= from && top < to)).then_some((a, b))
    };
    let mut out = d.clone();
    match &mut out {
        Draw::Rect { y, h, .. } | Draw::Link { y, h, .. } => {
            let (a, b) = band(*y, *y + *h)?;
            *y = a - from;
            *h = b - a;
            Some(out)
        }
        Draw::Line { from: p, to: q, .. } => {
            let (top, bottom) = (p.1.min(q.1), p.1.max(q.1));
            let (a, b) = band(top, bottom)?;
            if top == bottom {
                // A horizontal rule lies wholly inside the band.
                return Some(shift(out, 0.0, -from));
            }
            // The points of the line at heights a and b.
            let (p0, q0) = (*p, *q);
            let at = |t: f32| (p0.0 + (q0.0 - p0.0) * (t - p0.1) / (q0.1 - p0.1), t - from);
            *p = at(a);
            *q = at(b);
            Some(out)
        }
        _ => {
            let (top, _) = solid_extent(&out)?;
            (top >= from && top < to).then(|| shift(out, 0.0, -from))
        }
    }
}

/// Cuts a group taller than `room` into pieces that fit, each cut at a
/// height no text line, picture or code straddles.
fn split_tall(g: Group, room: f32) -> Vec<Group> {
    if g.height <= room || room <= 0.0 {
        return vec![g];
    }
    let solids: Vec<(f32, f32)> = g.draws.iter().filter_map(solid_extent).collect();
    let mut cuts = vec![0.0f32];
    let mut start = 0.0f32;
    while g.height - start > room {
        let limit = start + room;
        let clear = |c: f32| !solids.iter().any(|&(a, b)| a < c && c < b);
        // The lowest clear height within reach; failing that, the top of
        // the lowest drawing that starts within reach; failing that (one
        // drawing taller than a page), the page's end.
        let lowest = |clear_only: bool| {
            solids
                .iter()
                .map(|&(a, _)| a)
                .chain([limit])
                .filter(|&c| c > start + 1.0 && c <= limit && (!clear_only || clear(c)))
                .fold(None, |best: Option<f32>, c| {
                    Some(best.map_or(c, |b| b.max(c)))
                })
        };
        let cut = lowest(true).or_else(|| lowest(false)).unwrap_or(limit);
        cuts.push(cut);
        start = cut;
    }
    cuts.push(g.height);
    let last = cuts.len() - 2;
    cuts.windows(2)
        .enumerate()
        .map(|(i, w)| Group {
            height: w[1] - w[0],
            gap_before: if i == 0 { g.gap_before } else { 0.0 },
            page_break: i == 0 && g.page_break,
            recto: i == 0 && g.recto,
            keep_with_next: i == last && g.keep_with_next,
            draws: g.draws.iter().filter_map(|d| clip(d, w[0], w[1])).collect(),
            marks: if i == 0 { g.marks.clone() } else { Vec::new() },
            repeat: if i == 0 { g.repeat.clone() } else { None },
            float: g.float,
        })
        .collect()
}

/// Flows groups onto pages whose content runs from `top` to `bottom`.
pub fn paginate(groups: Vec<Group>, top: f32, bottom: f32) -> Vec<Page> {
    let room = bottom - top;
    let groups: Vec<Group> = groups
        .into_iter()
        .flat_map(|g| split_tall(g, room))
        .collect();
    let heights: Vec<(f32, f32, bool)> = groups
        .iter()
        .map(|g| (g.gap_before, g.height, g.keep_with_next))
        .collect();
    let mut pages = vec![Page::default()];
    let mut y = top;
    // Floats waiting for a later page, and how many pages have started
    // since they began to wait.
    let mut waiting: Vec<Group> = Vec::new();
    let mut waited = 0;
    // Puts the waiting floats at `y` on the last page.
    let place = |pages: &mut Vec<Page>, y: &mut f32, waiting: &mut Vec<Group>| {
        for w in waiting.drain(..) {
            if *y > top {
                *y += w.gap_before;
            }
            let height = w.height;
            if let Some(page) = pages.last_mut() {
                page.groups.push((*y, w));
            }
            *y += height;
        }
    };
    // Puts the waiting floats on the last page if they fit there, else on
    // a page of their own.
    let flush = |pages: &mut Vec<Page>, y: &mut f32, waiting: &mut Vec<Group>| {
        let height: f32 = waiting.iter().map(|w| w.gap_before + w.height).sum();
        if *y + height > bottom {
            pages.push(Page::default());
            *y = top;
        }
        place(pages, y, waiting);
    };
    for (i, g) in groups.into_iter().enumerate() {
        let empty = pages.last().is_some_and(|p| p.groups.is_empty());
        if g.float && !empty && y + g.gap_before + g.height > bottom {
            waiting.push(g);
            continue;
        }
        if g.page_break && !waiting.is_empty() {
            // Floats still waiting go before the break.
            flush(&mut pages, &mut y, &mut waiting);
        }
        let empty = pages.last().is_some_and(|p| p.groups.is_empty());
        if g.page_break && !empty {
            pages.push(Page::default());
            y = top;
        }
        if g.page_break && g.recto && pages.len() % 2 == 0 {
            // The back of the sheet before stays blank.
            pages.push(Page::default());
        }
        let empty = pages.last().is_some_and(|p| p.groups.is_empty());
        let gap = if empty { 0.0 } else { g.gap_before };
        // The chain this group starts: it and every group it keeps with.
        let mut chain = gap + g.height;
        let mut j = i;
        while heights[j].2 && j + 1 < heights.len() && chain < room {
            j += 1;
            chain += heights[j].0 + heights[j].1;
        }
        // A chain no page could hold (sixty headings in a row, say) cannot
        // be kept together anyway: it flows, keeping only this group with
        // the next, so each of its groups does not start a page of its own.
        let needed = if chain < room {
            chain
        } else if heights[i].2 && i + 1 < heights.len() {
            (gap + g.height + heights[i + 1].0 + heights[i + 1].1).min(room)
        } else {
            gap + g.height
        };
        let overflow = !empty && y + needed > bottom;
        if overflow {
            pages.push(Page::default());
            y = top;
            if !waiting.is_empty() {
                waited += 1;
            }
        }
        // Floats go in where a block starts (not inside a paragraph), on
        // the first page since they began to wait where they fit; on the
        // page after that at its top, whatever comes next.
        let mut floated = false;
        if !waiting.is_empty() && waited > 0 {
            let at_top = y == top;
            let starts_block = g.gap_before > 0.0;
            let waiting_height: f32 = waiting.iter().map(|w| w.gap_before + w.height).sum();
            let fits = y + waiting_height + g.gap_before + needed <= bottom;
            let now = if at_top {
                starts_block || waited > 1
            } else {
                starts_block && fits
            };
            if now {
                place(&mut pages, &mut y, &mut waiting);
                waited = 0;
                floated = true;
            }
        }
        // Under what is above it on the page, the group keeps its gap.
        if floated {
            y += g.gap_before;
        } else if !overflow {
            y += gap;
        }
        if overflow
            && let Some(head) = &g.repeat
            && let Some(page) = pages.last_mut()
        {
            page.groups.push((y, head.again()));
            y += head.height;
        }
        if let Some(page) = pages.last_mut() {
            page.groups.push((y, g));
        }
        y += heights[i].1;
    }
    if !waiting.is_empty() {
        flush(&mut pages, &mut y, &mut waiting);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(height: f32, keep: bool) -> Group {
        Group {
            height,
            gap_before: 5.0,
            keep_with_next: keep,
            ..Group::default()
        }
    }

    #[test]
    fn fills_pages_in_order() {
        let pages = paginate((0..10).map(|_| g(30.0, false)).collect(), 0.0, 100.0);
        // 30, +5+30, and a fourth would pass 100.
        assert_eq!(pages.iter().map(|p| p.groups.len()).sum::<usize>(), 10);
        assert!(pages.len() >= 4);
        for p in &pages {
            assert_eq!(p.groups[0].0, 0.0, "no gap at the top of a page");
            let last = p.groups.last().unwrap();
            assert!(last.0 + last.1.height <= 100.0);
        }
    }

    /// A row of pictures that does not fit waits for the next page while
    /// the text after it fills this one; it never waits past a break.
    #[test]
    fn a_float_waits_for_the_next_page_while_text_fills_this_one() {
        let float = Group {
            float: true,
            ..g(50.0, false)
        };
        let broken = Group {
            page_break: true,
            ..g(10.0, false)
        };
        let mut groups = vec![g(60.0, false), float.clone()];
        groups.extend((0..4).map(|_| g(10.0, false)));
        groups.push(broken);
        let pages = paginate(groups, 0.0, 100.0);
        let heights = |p: &Page| p.groups.iter().map(|(_, g)| g.height).collect::<Vec<_>>();
        assert_eq!(heights(&pages[0]), vec![60.0, 10.0, 10.0]);
        assert_eq!(heights(&pages[1]), vec![50.0, 10.0, 10.0]);
        assert_eq!(pages[1].groups[0].0, 0.0);
        assert_eq!(heights(&pages[2]), vec![10.0]);

        // Before a break, a float that still does not fit takes a page.
        let pages = paginate(
            vec![
                g(60.0, false),
                float,
                g(10.0, false),
                Group {
                    page_break: true,
                    ..g(10.0, false)
                },
            ],
            0.0,
            100.0,
        );
        let all: Vec<Vec<f32>> = pages.iter().map(heights).collect();
        assert_eq!(all, vec![vec![60.0, 10.0], vec![50.0], vec![10.0]]);
    }

    /// A float does not cut into a paragraph: on its new page it waits
    /// for the next block to start.
    #[test]
    fn a_float_waits_for_the_paragraph_to_end() {
        let float = Group {
            float: true,
            ..g(50.0, false)
        };
        let line = |gap: f32| Group {
            gap_before: gap,
            ..g(10.0, false)
        };
        let mut groups = vec![g(60.0, false), float, line(5.0)];
        groups.extend((0..4).map(|_| line(0.0)));
        groups.push(line(5.0));
        let pages = paginate(groups, 0.0, 100.0);
        let heights = |p: &Page| p.groups.iter().map(|(_, g)| g.height).collect::<Vec<_>>();
        assert_eq!(heights(&pages[0]), vec![60.0, 10.0, 10.0, 10.0]);
        // The paragraph's last two lines, then the float, then the block.
        assert_eq!(heights(&pages[1]), vec![10.0, 10.0, 50.0, 10.0]);
        let tops: Vec<f32> = pages[1].groups.iter().map(|(y, _)| *y).collect();
        assert_eq!(tops, vec![0.0, 10.0, 25.0, 80.0]);
    }

    #[test]
    fn a_title_is_never_left_alone_at_the_bottom() {
        // 60 of body, then a title that fits but whose first line does not.
        let groups = vec![g(60.0, false), g(20.0, true), g(20.0, false)];
        let pages = paginate(groups, 0.0, 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].groups.len(), 1);
        assert_eq!(pages[1].groups.len(), 2);
    }

    /// Sixty headings in a row, each kept with the next: the chain is
    /// longer than a page, so it flows (two pages), not a page each.
    #[test]
    fn a_chain_longer_than_a_page_flows() {
        let mut groups: Vec<Group> = (0..60).map(|_| g(15.0, true)).collect();
        groups.push(g(15.0, false));
        let pages = paginate(groups, 0.0, 700.0);
        assert!(pages.len() <= 2, "{} pages", pages.len());
        // Still no group alone at the bottom when the next would not fit.
        for p in &pages {
            let last = p.groups.last().unwrap();
            assert!(last.0 + last.1.height <= 700.0);
        }
    }

    #[test]
    fn a_group_taller_than_a_page_is_cut_between_lines() {
        let line = |y: f32| Draw::Text {
            x: 0.0,
            y,
            text: "line".into(),
            face: Face::REGULAR,
            rtl: false,
            width: 20.0,
            shaped: None,
            size: 10.0,
            color: Rgb(0, 0, 0),
            tag: Tag::NONE,
        };
        let mut tall = Group::new(255.0);
        tall.draws = (0..20).map(|i| line(12.0 + 12.5 * i as f32)).collect();
        // Lines 12.5 pt apart: each is 12.5 pt tall, so they touch.
        tall.draws.push(Draw::Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 250.0,
            fill: Some(Rgb(9, 9, 9)),
            stroke: None,
            tag: Tag::NONE,
        });
        let pages = paginate(vec![tall], 0.0, 100.0);
        assert_eq!(pages.len(), 3);
        let mut lines = 0;
        for page in &pages {
            for (top, g) in &page.groups {
                assert!(top + g.height <= 100.0 + 0.01);
                for d in &g.draws {
                    match d {
                        Draw::Text { y, size, .. } => {
                            assert!(*y - size >= -0.01 && *y + size * 0.25 <= g.height + 0.01);
                            lines += 1;
                        }
                        Draw::Rect { y, h, .. } => assert!(*y >= 0.0 && y + h <= g.height + 0.01),
                        _ => {}
                    }
                }
            }
        }
        assert_eq!(lines, 20, "every line printed once");
    }

    #[test]
    fn a_chain_taller_than_a_page_does_not_loop() {
        let groups: Vec<Group> = (0..20).map(|_| g(30.0, true)).collect();
        let pages = paginate(groups, 0.0, 100.0);
        assert_eq!(pages.iter().map(|p| p.groups.len()).sum::<usize>(), 20);
    }

    #[test]
    fn page_breaks_start_a_new_page() {
        let mut second = g(10.0, false);
        second.page_break = true;
        let pages = paginate(vec![g(10.0, false), second], 0.0, 100.0);
        assert_eq!(pages.len(), 2);
    }
}
