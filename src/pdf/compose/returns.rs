//! The end of the guide: sending the old equipment back (what to return,
//! the deadline, the counter code), the online links, the packing slip
//! with its barcode, and the prepaid label, each on a page of its own.

use crate::codes;
use crate::pdf::flow::{self, Draw, Group, Stroke};
use crate::pdf::images::{Picture, Source};
use crate::pdf::tags::{Role, Tag};
use crate::pdf::text::Setting;
use crate::rich::{self, Inline, Span, Target};

use super::Composer;
use super::blocks::keep_ends;
use super::geometry::{INK, MUTED, QR_MIN};

impl<'a, 'p> Composer<'a, 'p> {
    pub(super) fn return_section(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let Some(ret) = &guide.return_ else {
            return Ok(());
        };
        let w = &guide.words;
        self.section(&w.return_title, Some("return"));
        let geo = self.geo;
        let s = self.sizes;
        let body = self.body();
        if !ret.items.is_empty() {
            let mut groups = self.heading(&w.return_items, 3, s.body * 1.15, None);
            let outer = self.checklist();
            let mut items = Vec::with_capacity(ret.items.len());
            for item in &ret.items {
                let mut g = self.checkbox(item, geo.left, geo.measure(), body);
                if let Some(first) = g.first_mut() {
                    first.gap_before = s.body * 0.35;
                }
                items.push(g);
            }
            keep_ends(&mut items);
            groups.extend(items.into_iter().flatten());
            self.leave(outer);
            self.push_all(groups, s.body * 0.6);
        }
        let deadline = match (&ret.return_by, ret.deadline_days) {
            (Some(date), _) => Some(w.return_by(*date)),
            (None, Some(days)) => Some(w.return_within(days)),
            (None, None) => None,
        };
        if let Some(deadline) = deadline {
            let mut g = self.para(&vec![Span::bold(deadline)], body, geo.left, geo.measure());
            // Set in bold, it reads as a heading: never last on a page.
            if let Some(last) = g.last_mut() {
                last.keep_with_next = true;
            }
            self.push_all(g, s.body);
        }
        if let Some(fee) = &ret.fee {
            let g = self.para(fee, body, geo.left, geo.measure());
            self.push_all(g, s.body * 0.5);
        }
        if let Some(carrier) = &ret.carrier {
            let mut line = vec![Span::text(w.label(&w.carrier))];
            line.extend(carrier.iter().cloned());
            let g = self.para(&line, body, geo.left, geo.measure());
            self.push_all(g, s.body * 0.5);
        }
        self.level.set(2);
        let drop = self.blocks(&ret.drop_off, geo.left, geo.measure(), body);
        self.push_all(drop, s.body * 0.3);
        if let Some(code) = &ret.counter_code {
            let mut g = self.para(
                &vec![Span::text(&w.counter_code)],
                Setting { bold: true, ..body },
                geo.left,
                geo.measure(),
            );
            for x in &mut g {
                x.keep_with_next = true;
            }
            self.push_all(g, s.body);
            if rich::is_filled(code) {
                let value = rich::plain(code);
                let alt = format!(
                    "{} {value}",
                    w.counter_code.trim_end_matches([':', '：', ' '])
                );
                let (mut qr, _) = self.qr_group(&value, geo.left, QR_MIN, &alt)?;
                qr.keep_with_next = true;
                self.groups.push(qr);
            }
            let g = self.para(code, self.sized(s.h3, true, INK), geo.left, geo.measure());
            self.push_all(g, 0.0);
        }
        if ret.label_missing {
            let g = self.para(
                &vec![Span::text(&w.label_missing)],
                body,
                geo.left,
                geo.measure(),
            );
            self.push_all(g, s.body);
        }
        Ok(())
    }

    /// A slip to put in the box: what is inside and the RMA, as text and,
    /// when known, as a Code 128 barcode for the warehouse scanner. It
    /// starts a page, the front of a sheet when printed on both sides.
    pub(super) fn packing_slip(&mut self, rma: &Inline) {
        let guide = self.guide;
        let w = &guide.words;
        let geo = self.geo;
        let s = self.sizes;
        let pad = s.body;
        let x = geo.left + pad;
        let width = geo.measure() - 2.0 * pad;
        let body = self.body();
        let slip_tag = self.node(Role::Div);
        let outer = self.enter(slip_tag);
        let mut parts = self.para(
            &vec![Span::text(&w.packing_slip)],
            Setting { bold: true, ..body },
            x,
            width,
        );
        let mut what = guide.old.name.clone();
        what.insert(0, Span::text(format!("{} · ", guide.provider.name)));
        parts.extend(self.para(&what, body, x, width));
        let mut line = vec![Span::text(w.label(&w.rma))];
        line.extend(rma.iter().cloned());
        let mut l = self.para(&line, self.sized(s.h3, true, INK), x, width);
        if let Some(first) = l.first_mut() {
            first.gap_before = s.body * 0.5;
        }
        parts.extend(l);
        // 0.4 mm modules: wide enough for any scanner, and for a 150 dpi
        // rendering to hold three pixels per module; a long RMA gets
        // narrower ones, down to 0.25 mm, and below that no barcode (the
        // RMA is printed as text above it anyway).
        let fitted = |modules: &Vec<bool>| {
            (0.4 / 25.4 * 72.0f32).min(width / (modules.len() + 2 * codes::BAR_QUIET_ZONE) as f32)
        };
        if rich::is_filled(rma)
            && let Ok(modules) = codes::code128(&rich::plain(rma))
            && fitted(&modules) >= 0.25 / 25.4 * 72.0
        {
            let module = fitted(&modules);
            let h = 15.0 / 25.4 * 72.0;
            let x0 = x + codes::BAR_QUIET_ZONE as f32 * module;
            let mut bars = Vec::new();
            let mut i = 0;
            while i < modules.len() {
                if modules[i] {
                    let start = i;
                    while i < modules.len() && modules[i] {
                        i += 1;
                    }
                    bars.push((x0 + start as f32 * module, (i - start) as f32 * module));
                } else {
                    i += 1;
                }
            }
            let mut g = Group::new(h + 2.0 * pad);
            let alt = format!("{}{}", w.label(&w.rma), rich::plain(rma));
            g.draws.push(Draw::Bars {
                y: pad,
                h,
                bars,
                tag: self.figure(&alt),
            });
            parts.push(g);
        }
        self.leave(outer);
        let mut slip = Group::stack(parts);
        slip.draws = slip
            .draws
            .into_iter()
            .map(|d| flow::shift(d, 0.0, pad))
            .collect();
        slip.height += 2.0 * pad;
        slip.draws.insert(
            0,
            Draw::Rect {
                x: geo.left,
                y: 0.0,
                w: geo.measure(),
                h: slip.height,
                fill: None,
                stroke: Some(Stroke {
                    color: INK,
                    width: 0.8,
                    dashed: true,
                }),
                tag: Tag::NONE,
            },
        );
        slip.page_break = true;
        slip.recto = guide.duplex;
        slip.keep_with_next = false;
        self.groups.push(slip);
    }

    /// The prepaid label at its true size on a page of its own, with
    /// dashed cut lines.
    pub(super) fn label_page(&mut self, file: &crate::paths::Confined) -> Result<(), String> {
        let geo = self.geo;
        let s = self.sizes;
        let w = &self.guide.words;
        let i = self.pictures.load_private(file)?;
        let pic: &Picture = &self.pictures.list[i];
        // A raster label prints at the resolution it declares (thermal
        // label printers use 203 dpi); SVG user units are CSS pixels.
        let (mut lw, mut lh) = match &pic.source {
            Source::Raster { dpi, .. } => {
                let dpi = dpi.unwrap_or(crate::pdf::images::LABEL_DPI);
                (pic.width / dpi * 72.0, pic.height / dpi * 72.0)
            }
            Source::Svg(_) => (pic.width * 0.75, pic.height * 0.75),
            // PDF pages are measured in points already.
            Source::Pdf { .. } => (pic.width, pic.height),
        };
        // Before its pixels are decoded and scaled.
        if !matches!(pic.source, Source::Pdf { .. }) {
            crate::assets::label::picture_size(lw, lh)
                .map_err(|e| format!("the return label {} {e}", file.path().display()))?;
        }
        // A label larger than the page is fitted, keeping its shape.
        let room_h = geo.bottom - geo.top - s.h2 * 3.0;
        let fit = (geo.measure() / lw).min(room_h / lh).min(1.0);
        lw *= fit;
        lh *= fit;
        let mut head = self.heading(&w.label_title, 2, s.h2, Some(0));
        if let Some(first) = head.first_mut() {
            first.page_break = true;
            // Printed on both sides, the label gets a sheet of its own:
            // cutting it out must not cut into the packing slip.
            first.recto = self.guide.duplex;
        }
        self.groups.append(&mut head);
        let cut = self.para(
            &vec![Span::text(&w.label_cut)],
            self.sized(s.body, false, MUTED),
            geo.left,
            geo.measure(),
        );
        self.push_all(cut, s.body * 0.4);
        let margin = 9.0;
        let x = geo.left + (geo.measure() - lw) / 2.0;
        let mut g = Group::new(lh + 2.0 * margin);
        g.gap_before = s.body;
        g.draws.push(Draw::Rect {
            x: x - margin,
            y: 0.0,
            w: lw + 2.0 * margin,
            h: lh + 2.0 * margin,
            fill: None,
            stroke: Some(Stroke {
                color: INK,
                width: 0.8,
                dashed: true,
            }),
            tag: Tag::NONE,
        });
        let carrier = self
            .guide
            .return_
            .as_ref()
            .and_then(|r| r.carrier.as_ref())
            .map(|c| rich::plain(c))
            .filter(|c| !c.trim().is_empty());
        let alt = match carrier {
            Some(c) => format!("{} ({c})", w.label_title),
            None => w.label_title.clone(),
        };
        g.draws.push(Draw::Image {
            x,
            y: margin,
            w: lw,
            h: lh,
            image: i,
            tag: self.figure(&alt),
        });
        self.groups.push(g);
        Ok(())
    }

    pub(super) fn links(&mut self) -> Result<(), String> {
        let guide = self.guide;
        if guide.links.is_empty() {
            return Ok(());
        }
        let w = &guide.words;
        self.section(&w.links, None);
        let geo = self.geo;
        let s = self.sizes;
        for link in &guide.links {
            let alt = format!("{}: {}", rich::plain(&link.label), link.url);
            let (qr, side) = self.qr_group(&link.url, 0.0, QR_MIN, &alt)?;
            let text_w = geo.measure() - side - 12.0;
            let mut parts = self.para(&link.label, self.sized(s.body, true, INK), geo.left, text_w);
            parts.extend(self.para(
                &vec![Span::linked(
                    link.url.clone(),
                    Target::Web(link.url.clone()),
                )],
                self.body(),
                geo.left,
                text_w,
            ));
            parts.extend(self.para(
                &vec![Span::text(format!("({})", &w.needs_internet))],
                self.sized(s.small, true, MUTED),
                geo.left,
                text_w,
            ));
            let mut g = Group::stack(parts);
            let x = geo.right - side;
            g.draws
                .extend(qr.draws.into_iter().map(|d| flow::shift(d, x, 0.0)));
            g.height = g.height.max(qr.height);
            g.gap_before = s.body;
            self.groups.push(g);
        }
        Ok(())
    }
}
