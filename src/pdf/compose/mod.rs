//! The guide as groups of drawing operations, in the order the spec gives:
//! cover, steps, lights, Wi-Fi, troubleshooting, return, online extras.
//!
//! Everything here is measured with the font's real widths; [`super::flow`]
//! then decides the pages.
//!
//! [`Composer`] and the helpers every section shares live here; the rest
//! is one file per concern: `geometry` (page size, type sizes, colours,
//! rules and text lines), `blocks` (Markdown blocks, panels, headings,
//! check boxes), `cover` (provider, title, support panel, equipment),
//! `sections` (steps, lights, Wi-Fi, troubleshooting) and `returns` (the
//! return section, packing slip, label page and online links).

mod blocks;
mod cover;
pub(super) mod geometry;
mod returns;
mod sections;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use crate::codes;
use crate::resolve::{Guide, Image, Rgb};
use crate::rich::{Content, Inline, Span, Style, Target};

use super::flow::{Draw, Group, Mark, Stroke};
use super::images::Pictures;
use super::tags::{Role, Tag, Tree};
use super::text::Setting;

pub use geometry::{Geometry, QR_MIN, Sizes};
use geometry::{INK, MUTED};

/// Where each anchor landed: step number (for steps) and page (1-based).
pub type Refs = HashMap<String, (Option<usize>, usize)>;

/// Builds the groups of one guide.
pub struct Composer<'a, 'p> {
    guide: &'a Guide,
    /// Page geometry.
    pub geo: Geometry,
    /// Type sizes.
    pub sizes: Sizes,
    accent: Rgb,
    refs: &'a Refs,
    /// Pictures used, loaded once.
    pub pictures: &'a mut Pictures<'p>,
    groups: Vec<Group>,
    /// The structure tree, grown as the groups are (the block helpers
    /// take `&self`).
    tree: RefCell<Tree>,
    /// The element new elements go under.
    parent: Cell<Tag>,
    /// The level of the heading the text being composed sits under:
    /// headings in Markdown go one below it, so levels never skip.
    level: Cell<u8>,
}

impl<'a, 'p> Composer<'a, 'p> {
    /// A composer for `guide`, with anchor pages from the previous pass.
    pub fn new(
        guide: &'a Guide,
        refs: &'a Refs,
        pictures: &'a mut Pictures<'p>,
    ) -> Composer<'a, 'p> {
        let sizes = Sizes::new(guide.large_print);
        Composer {
            guide,
            geo: Geometry::for_guide(guide, &sizes),
            sizes,
            accent: guide.provider.accent.readable_on_white(4.5),
            refs,
            pictures,
            groups: Vec::new(),
            tree: RefCell::new(Tree::new()),
            parent: Cell::new(Tag::DOCUMENT),
            level: Cell::new(1),
        }
    }

    /// Every group of the guide, in order, and the structure tree their
    /// drawings are tagged with.
    pub fn compose(mut self) -> Result<(Vec<Group>, Tree), String> {
        self.cover()?;
        self.steps()?;
        self.lights();
        self.wifi()?;
        self.troubleshooting();
        self.return_section()?;
        self.links()?;
        // The packing slip goes in the box: it has a page to itself (a
        // sheet, printed on both sides), so nothing the customer still
        // needs, the counter code or their Wi-Fi password, goes with it.
        if let Some(rma) = self.guide.return_.as_ref().and_then(|r| r.rma.as_ref()) {
            self.packing_slip(rma);
        }
        // The label comes last, alone on its page, so cutting it out takes
        // nothing else with it.
        if let Some(label) = self.guide.return_.as_ref().and_then(|r| r.label.clone()) {
            self.label_page(&label)?;
        }
        Ok((self.groups, self.tree.into_inner()))
    }

    // ----- structure -------------------------------------------------------

    /// A new element under the current parent.
    fn node(&self, role: Role) -> Tag {
        self.tree.borrow_mut().add(role, self.parent.get())
    }

    /// A new figure under the current parent, described by `alt`; an
    /// empty description makes the picture decoration (no tag).
    fn figure(&self, alt: &str) -> Tag {
        if alt.trim().is_empty() {
            return Tag::NONE;
        }
        self.tree.borrow_mut().figure(alt.trim(), self.parent.get())
    }

    /// Makes `parent` the element new elements go under, returning the
    /// one to go back to with [`Composer::leave`].
    fn enter(&self, parent: Tag) -> Tag {
        self.parent.replace(parent)
    }

    fn leave(&self, previous: Tag) {
        self.parent.set(previous);
    }

    /// Runs `f` with new elements going under `parent`.
    fn within<T>(&self, parent: Tag, f: impl FnOnce() -> T) -> T {
        let previous = self.enter(parent);
        let out = f();
        self.leave(previous);
        out
    }

    /// Tags the untagged drawings of `groups` as part of `tag`.
    fn adopt(&self, groups: &mut [Group], tag: Tag) {
        self.tree.borrow_mut().adopt(
            tag,
            groups.iter_mut().flat_map(|g| g.draws.iter_mut()),
            &self.guide.words.write_in,
        );
    }

    /// Text laid out as the element `tag`.
    fn text_as(&self, tag: Tag, inline: &Inline, set: Setting, x: f32, w: f32) -> Vec<Group> {
        let mut groups = self.para_untagged(inline, set, x, w);
        self.adopt(&mut groups, tag);
        groups
    }

    /// A heading of `level` under the current parent, its lines kept with
    /// what follows.
    fn heading_as(&self, level: u8, inline: &Inline, set: Setting, x: f32, w: f32) -> Vec<Group> {
        let tag = self.node(Role::H(level));
        let mut groups = self.text_as(tag, inline, set, x, w);
        for g in &mut groups {
            g.keep_with_next = true;
        }
        groups
    }

    // ----- settings -------------------------------------------------------

    fn body(&self) -> Setting {
        Setting {
            size: self.sizes.body,
            leading: 1.45,
            color: INK,
            link_color: self.accent,
            bold: false,
            rtl: self.guide.right_to_left(),
            shelf: self.guide.shelf,
        }
    }

    fn sized(&self, size: f32, bold: bool, color: Rgb) -> Setting {
        Setting {
            size,
            leading: 1.3,
            color,
            link_color: self.accent,
            bold,
            rtl: self.guide.right_to_left(),
            shelf: self.guide.shelf,
        }
    }

    // ----- text -----------------------------------------------------------

    /// `#id` links get "(step 3, page 4)" after their text, so paper says
    /// where to turn.
    fn with_refs(&self, inline: &Inline) -> Inline {
        let mut out: Inline = Vec::with_capacity(inline.len() + 1);
        for (i, span) in inline.iter().enumerate() {
            out.push(span.clone());
            let Some(Target::Anchor(id)) = &span.link else {
                continue;
            };
            let run_ends = inline.get(i + 1).is_none_or(|n| n.link != span.link);
            if run_ends {
                let w = &self.guide.words;
                let note = match self.refs.get(id) {
                    Some((Some(step), page)) => w.aside(&w.see_step_page(*step, *page)),
                    Some((None, page)) => w.aside(&w.see_page(*page)),
                    None => String::new(),
                };
                if !note.is_empty() {
                    out.push(Span {
                        content: Content::Text(note),
                        style: Style::default(),
                        link: span.link.clone(),
                    });
                }
            }
        }
        out
    }

    // ----- adding groups -------------------------------------------------

    /// A section's heading; `anchor` is the name links to it use
    /// (`#wifi`).
    fn section(&mut self, title: &str, anchor: Option<&str>) {
        let mut groups = self.heading(title, 2, self.sizes.h2, Some(0));
        self.level.set(2);
        if let Some(first) = groups.first_mut() {
            first.gap_before = self.sizes.body * 2.2;
            first
                .marks
                .extend(anchor.map(|a| Mark::Anchor(a.to_string())));
        }
        if let Some(last) = groups.last_mut() {
            // A rule in the accent colour under the heading.
            let h = last.height;
            last.draws.push(Draw::Line {
                from: (self.geo.left, h + 2.0),
                to: (self.geo.right, h + 2.0),
                stroke: Stroke {
                    color: self.accent,
                    width: 1.5,
                    dashed: false,
                },
                tag: Tag::NONE,
            });
            last.height += 6.0;
        }
        self.groups.append(&mut groups);
    }

    fn push_all(&mut self, mut groups: Vec<Group>, gap: f32) {
        if let Some(first) = groups.first_mut() {
            first.gap_before = first.gap_before.max(gap);
        }
        self.groups.append(&mut groups);
    }

    // ----- pictures and codes --------------------------------------------

    /// A picture scaled to fit `max_w` × `max_h`.
    fn picture(&mut self, image: &Image, x: f32, max_w: f32, max_h: f32) -> Result<Group, String> {
        let i = self.pictures.load(&image.file)?;
        let aspect = self.pictures.list[i].aspect();
        let (mut w, mut h) = (max_w, max_w / aspect);
        if h > max_h {
            h = max_h;
            w = h * aspect;
        }
        self.pictures.will_print(i, w);
        let mut g = Group::new(h);
        g.draws.push(Draw::Image {
            x,
            y: 0.0,
            w,
            h,
            image: i,
            tag: self.figure(&image.alt),
        });
        Ok(g)
    }

    /// A QR code with a small caption under it, at x = 0; `alt` says
    /// what it does for a screen reader.
    fn coded(&self, payload: &str, caption: &str, alt: &str) -> Result<(Group, f32), String> {
        let (mut code, side) = self.qr_group(payload, 0.0, QR_MIN, alt)?;
        let cap = Group::stack(self.para(
            &vec![Span::text(caption)],
            self.sized(self.sizes.small, false, MUTED),
            0.0,
            side,
        ));
        let y = code.height;
        code.draws
            .extend(cap.draws.into_iter().map(|d| super::flow::shift(d, 0.0, y)));
        code.height += cap.height;
        Ok((code, side))
    }

    /// A QR code for `payload`, described by `alt`.
    fn qr_group(
        &self,
        payload: &str,
        x: f32,
        width: f32,
        alt: &str,
    ) -> Result<(Group, f32), String> {
        let code = Arc::new(self.pictures.context().codes.qr(payload)?);
        // At least QR_MIN wide, and never finer than a camera resolves:
        // a long payload makes a bigger code, not a denser one.
        let module = (width.max(QR_MIN) / code.size as f32).max(codes::MIN_MODULE_MM / 25.4 * 72.0);
        let side = module * code.size as f32;
        let quiet = module * codes::QUIET_ZONE as f32;
        let mut g = Group::new(side + 2.0 * quiet);
        g.draws.push(Draw::Qr {
            x: x + quiet,
            y: quiet,
            module,
            code,
            tag: self.figure(alt),
        });
        Ok((g, side + 2.0 * quiet))
    }
}
