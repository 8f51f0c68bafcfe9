//! The guide as groups of drawing operations, in the order the spec gives:
//! cover, steps, lights, Wi-Fi, troubleshooting, return, online extras.
//!
//! Everything here is measured with the font's real widths; [`super::flow`]
//! then decides the pages.

mod blocks;
mod geometry;

use std::collections::HashMap;
use std::sync::Arc;

use crate::codes;
use crate::resolve::{Guide, Image, Rgb};
use crate::rich::{self, Block, Content, Inline, Span, Style, Target};
use crate::words;

use super::flow::{Draw, Group, Mark, Stroke};
use super::images::{Picture, Pictures, Source};
use super::text::Setting;

use geometry::{CAUTION, INK, MUTED, rule};
pub use geometry::{Geometry, QR_MIN, Sizes, line_group};

/// Where each anchor landed: step number (for steps) and page (1-based).
pub type Refs = HashMap<String, (Option<usize>, usize)>;

/// Builds the groups of one guide.
pub struct Composer<'a> {
    guide: &'a Guide,
    /// Page geometry.
    pub geo: Geometry,
    /// Type sizes.
    pub sizes: Sizes,
    accent: Rgb,
    refs: &'a Refs,
    /// Pictures used, loaded once.
    pub pictures: &'a mut Pictures,
    groups: Vec<Group>,
}

impl<'a> Composer<'a> {
    /// A composer for `guide`, with anchor pages from the previous pass.
    pub fn new(guide: &'a Guide, refs: &'a Refs, pictures: &'a mut Pictures) -> Composer<'a> {
        Composer {
            guide,
            geo: Geometry::for_paper(guide.paper),
            sizes: Sizes::new(guide.large_print),
            accent: guide.provider.accent.readable_on_white(4.5),
            refs,
            pictures,
            groups: Vec::new(),
        }
    }

    /// Every group of the guide, in order.
    pub fn compose(mut self) -> Result<Vec<Group>, String> {
        self.cover()?;
        self.steps()?;
        self.lights();
        self.wifi()?;
        self.troubleshooting();
        self.return_section()?;
        self.links()?;
        // The label comes last, alone on its page, so cutting it out takes
        // nothing else with it.
        if let Some(label) = self.guide.return_.as_ref().and_then(|r| r.label.clone()) {
            self.label_page(&label)?;
        }
        Ok(self.groups)
    }

    // ----- settings -------------------------------------------------------

    fn body(&self) -> Setting {
        Setting {
            size: self.sizes.body,
            leading: 1.45,
            color: INK,
            link_color: self.accent,
            bold: false,
        }
    }

    fn sized(&self, size: f32, bold: bool, color: Rgb) -> Setting {
        Setting {
            size,
            leading: 1.3,
            color,
            link_color: self.accent,
            bold,
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
                let w = self.guide.words;
                let note = match self.refs.get(id) {
                    Some((Some(step), page)) => {
                        format!(" ({} {step}, {} {page})", w.step_lower, w.page_lower)
                    }
                    Some((None, page)) => format!(" ({} {page})", w.page_lower),
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

    fn section(&mut self, title: &str) {
        let mut groups = self.heading(title, self.sizes.h2, Some(0));
        if let Some(first) = groups.first_mut() {
            first.gap_before = self.sizes.body * 2.2;
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
        let i = self.pictures.load(&image.path)?;
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
        });
        Ok(g)
    }

    /// A QR code with a small caption under it, at x = 0.
    fn coded(&self, payload: &str, caption: &str) -> Result<(Group, f32), String> {
        let (mut code, side) = self.qr_group(payload, 0.0, QR_MIN)?;
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

    fn qr_group(&self, payload: &str, x: f32, width: f32) -> Result<(Group, f32), String> {
        let code = Arc::new(codes::qr(payload)?);
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
        });
        Ok((g, side + 2.0 * quiet))
    }

    // ----- sections -------------------------------------------------------

    fn cover(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = guide.words;
        let geo = self.geo;
        let s = self.sizes;

        // Provider: logo and name.
        let mut top = Group::default();
        let mut name_x = geo.left;
        if let Some(logo) = &guide.provider.logo {
            let pic = self.picture(logo, geo.left, 160.0, 40.0)?;
            if let Some(Draw::Image { w: lw, .. }) = pic.draws.first() {
                name_x += lw + 10.0;
            }
            top.height = pic.height;
            top.draws.extend(pic.draws);
        }
        let name_set = self.sized(s.h3, true, self.accent);
        let name = self.para(
            &vec![Span::text(guide.provider.name.clone())],
            name_set,
            name_x,
            geo.right - name_x,
        );
        let name = Group::stack(name);
        let dy = ((top.height - name.height) / 2.0).max(0.0);
        top.draws.extend(
            name.draws
                .into_iter()
                .map(|d| super::flow::shift(d, 0.0, dy)),
        );
        top.height = top.height.max(name.height);
        top.marks.push(Mark::Bookmark(0, rich::plain(&guide.title)));
        self.groups.push(top);

        let title = self.para(
            &guide.title,
            self.sized(s.h1, true, INK),
            geo.left,
            geo.measure(),
        );
        self.push_all(title, s.body * 1.6);
        if let Some(sub) = &guide.subtitle {
            let sub = self.para(sub, self.sized(s.h3, false, MUTED), geo.left, geo.measure());
            self.push_all(sub, s.body * 0.3);
        }
        let intro = self.blocks(&guide.intro, geo.left, geo.measure(), self.body());
        self.push_all(intro, s.body * 0.4);

        // "No internet needed" and the time it takes.
        let mut facts = vec![Block::Paragraph(vec![Span::bold(w.offline.to_string())])];
        if guide.minutes > 0 {
            facts.push(Block::Paragraph(vec![Span::text(words::fill(
                w.minutes,
                guide.minutes,
                "",
            ))]));
        }
        let facts = self.panel("", &facts, self.accent);
        self.push_all(facts, s.body);

        self.support_panel()?;

        self.equipment()?;
        Ok(())
    }

    /// The support phone, big, with its tel: code.
    fn support_panel(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = guide.words;
        let geo = self.geo;
        let s = self.sizes;
        let support = &guide.support;
        let tel = format!("tel:{}", support.phone.e164);
        let mut codes = vec![self.coded(&tel, w.scan_to_call)?];
        if let Some(sms) = &support.sms {
            codes.push(self.coded(&format!("sms:{}", sms.e164), w.scan_to_text)?);
        }
        let codes_w: f32 = codes.iter().map(|(_, side)| side + 12.0).sum();
        let text_w = geo.measure() - codes_w;
        let x = geo.left;

        let mut parts = self.para(
            &vec![Span::text(w.call_us)],
            self.sized(s.body, true, INK),
            x,
            text_w,
        );
        let phone = self.para(
            &vec![Span::linked(
                support.phone.written.clone(),
                Target::Phone(tel.clone()),
            )],
            Setting {
                link_color: self.accent,
                ..self.sized(s.phone, true, self.accent)
            },
            x,
            text_w,
        );
        parts.extend(phone);
        parts.extend(self.para(&support.hours, self.body(), x, text_w));
        if let Some(note) = &support.note {
            parts.extend(self.para(note, self.sized(s.body, false, MUTED), x, text_w));
        }
        if let Some(sms) = &support.sms {
            parts.extend(self.para(
                &vec![
                    Span::text(format!("{}: ", w.text_us)),
                    Span {
                        content: Content::Text(sms.written.clone()),
                        style: Style::default(),
                        link: Some(Target::Phone(format!("sms:{}", sms.e164))),
                    },
                ],
                self.body(),
                x,
                text_w,
            ));
        }
        if let Some(tty) = &support.tty {
            parts.extend(self.para(
                &vec![Span::text(format!("{}: {tty}", w.tty))],
                self.body(),
                x,
                text_w,
            ));
        }
        let mut left = Group::stack(parts);
        // The codes stand side by side at the right, the call code last.
        let mut right_edge = geo.right;
        for (code, side) in codes.into_iter().rev() {
            let x = right_edge - side;
            left.height = left.height.max(code.height);
            left.draws.extend(
                code.draws
                    .into_iter()
                    .map(|d| super::flow::shift(d, x, 0.0)),
            );
            right_edge = x - 12.0;
        }
        left.draws.insert(
            0,
            Draw::Rect {
                x: geo.left - 8.0,
                y: -8.0,
                w: geo.measure() + 16.0,
                h: left.height + 16.0,
                fill: None,
                stroke: Some(Stroke {
                    color: self.accent,
                    width: 1.5,
                    dashed: false,
                }),
            },
        );
        left.height += 8.0;
        left.gap_before = s.body * 1.8;
        self.groups.push(left);
        Ok(())
    }

    /// What's in the box, and the old and new equipment: side by side in
    /// three columns, or one under the other in large print.
    fn equipment(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = guide.words;
        let geo = self.geo;
        let s = self.sizes;
        let gap = 18.0;
        let devices = [(&guide.old, w.old_equipment), (&guide.new, w.new_equipment)];
        if guide.large_print {
            if !guide.kit.is_empty() {
                let kit = self.kit_column(geo.left, geo.measure());
                self.push_all(vec![kit], s.body * 1.4);
            }
            let col = (geo.measure() - gap) / 2.0;
            let mut row = Group::default();
            for (i, (device, caption)) in devices.into_iter().enumerate() {
                let x = geo.left + i as f32 * (col + gap);
                let g = self.device_column(device, caption, x, col, 160.0)?;
                row.height = row.height.max(g.height);
                row.draws.extend(g.draws);
            }
            row.gap_before = s.body * 1.6;
            self.groups.push(row);
            return Ok(());
        }
        let kit_w = if guide.kit.is_empty() {
            0.0
        } else {
            geo.measure() * 0.38
        };
        let col = (geo.measure() - kit_w - gap * if kit_w > 0.0 { 2.0 } else { 1.0 }) / 2.0;
        let mut row = Group::default();
        let mut x = geo.left;
        if kit_w > 0.0 {
            let kit = self.kit_column(x, kit_w);
            row.height = kit.height;
            row.draws.extend(kit.draws);
            x += kit_w + gap;
        }
        for (device, caption) in devices {
            let g = self.device_column(device, caption, x, col, 120.0)?;
            row.height = row.height.max(g.height);
            row.draws.extend(g.draws);
            x += col + gap;
        }
        row.gap_before = s.body * 1.6;
        self.groups.push(row);
        Ok(())
    }

    /// "What's in the box" as a checklist, in a column at `x`.
    fn kit_column(&self, x: f32, width: f32) -> Group {
        let guide = self.guide;
        let s = self.sizes;
        let mut parts = self.para(
            &vec![Span::text(guide.words.in_the_box)],
            self.sized(s.h3, true, INK),
            x,
            width,
        );
        for (name, qty) in &guide.kit {
            let mut item = name.clone();
            if *qty > 1 {
                item.insert(0, Span::text(format!("{qty} × ")));
            }
            let mut g = self.checkbox(&item, x, width, self.body());
            if let Some(first) = g.first_mut() {
                first.gap_before = s.body * 0.3;
            }
            parts.append(&mut g);
        }
        Group::stack(parts)
    }

    /// One piece of equipment: caption, picture, name and model.
    fn device_column(
        &mut self,
        device: &crate::resolve::Device,
        caption: &str,
        x: f32,
        col: f32,
        max_h: f32,
    ) -> Result<Group, String> {
        let s = self.sizes;
        let w = self.guide.words;
        let mut parts = self.para(
            &vec![Span::text(caption)],
            self.sized(s.small, true, MUTED),
            x,
            col,
        );
        if let Some(image) = &device.image {
            let mut pic = self.picture(image, x, col, max_h)?;
            pic.gap_before = 4.0;
            parts.push(pic);
        }
        let mut name = device.name.clone();
        if let Some(model) = &device.model {
            name.push(Span::text(format!(" ({} ", w.model)));
            name.extend(model.iter().cloned());
            name.push(Span::text(")"));
        }
        parts.extend(self.para(&name, self.sized(s.body, true, INK), x, col));
        Ok(Group::stack(parts))
    }

    fn steps(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = guide.words;
        let geo = self.geo;
        let s = self.sizes;
        for (i, step) in guide.steps.iter().enumerate() {
            // Number and minutes, small and in the accent colour.
            let mut label = format!("{} {}", w.step, step.number);
            if let Some(m) = step.minutes {
                label.push_str(&format!(" · {m} min"));
            }
            let mut head = self.para(
                &vec![Span::text(label)],
                self.sized(s.body, true, self.accent),
                geo.left,
                geo.measure(),
            );
            head.extend(self.para(
                &step.title,
                self.sized(s.h3 * 1.1, true, INK),
                geo.left,
                geo.measure(),
            ));
            let mut head = Group::stack(head);
            head.marks.push(Mark::Anchor(step.id.clone()));
            head.marks.push(Mark::Bookmark(
                1,
                format!("{}. {}", step.number, rich::plain(&step.title)),
            ));
            if i == 0 {
                head.page_break = true;
                head.marks.insert(0, Mark::Bookmark(0, w.steps.to_string()));
            }
            head.gap_before = s.body * 2.4;
            head.keep_with_next = true;
            self.groups.push(head);

            if let Some(image) = &step.image {
                let max_h = (geo.bottom - geo.top) * 0.36;
                let mut pic = self.picture(image, geo.left, geo.measure() * 0.8, max_h)?;
                pic.gap_before = s.body * 0.6;
                pic.keep_with_next = true;
                self.groups.push(pic);
            }
            let mut body = self.blocks(&step.body, geo.left, geo.measure(), self.body());
            // Keep the title with the first two lines of the body.
            let more = body.len() > 1;
            if let Some(first) = body.first_mut() {
                first.keep_with_next = more;
            }
            self.push_all(body, s.body * 0.3);
            if !step.warning.is_empty() {
                let g = self.panel(w.warning, &step.warning, CAUTION);
                self.push_all(g, s.body);
            }
            if !step.tip.is_empty() {
                let g = self.panel(w.tip, &step.tip, self.accent);
                self.push_all(g, s.body);
            }
            if let Some(done) = &step.done_when {
                let mut line = vec![Span::bold(format!("{}: ", w.done_when))];
                line.extend(done.iter().cloned());
                let g = self.checkbox(&line, geo.left, geo.measure(), self.body());
                self.push_all(g, s.body);
            }
        }
        Ok(())
    }

    fn lights(&mut self) {
        let guide = self.guide;
        if guide.lights.is_empty() {
            return;
        }
        let w = guide.words;
        self.section(w.lights);
        let geo = self.geo;
        let s = self.sizes;
        let swatch = s.body * 1.2;
        let col0 = geo.left + swatch + 10.0;
        let widths = [geo.measure() * 0.24, geo.measure() * 0.26];
        let set = self.body();
        for light in &guide.lights {
            let mut g = Group::default();
            let mut state = light.state.clone();
            if light.ok {
                state.push(Span::text(format!(" — {}", w.all_good)));
            }
            let cols = [
                (self.para(&light.light, set, col0, widths[0] - 8.0), col0),
                (
                    self.para(
                        &state,
                        Setting { bold: true, ..set },
                        col0 + widths[0],
                        widths[1] - 8.0,
                    ),
                    col0 + widths[0],
                ),
                (
                    self.para(
                        &light.meaning,
                        set,
                        col0 + widths[0] + widths[1],
                        geo.right - col0 - widths[0] - widths[1],
                    ),
                    0.0,
                ),
            ];
            for (groups, _) in cols {
                let stacked = Group::stack(groups);
                g.height = g.height.max(stacked.height);
                g.draws.extend(stacked.draws);
            }
            if let Some(c) = light.colour {
                g.draws.push(Draw::Rect {
                    x: geo.left,
                    y: (s.body * 1.45 - swatch) / 2.0,
                    w: swatch,
                    h: swatch,
                    fill: Some(c),
                    stroke: Some(Stroke {
                        color: MUTED,
                        width: 0.5,
                        dashed: false,
                    }),
                });
            }
            g.height += s.body * 0.3;
            g.draws.push(rule(geo.left, geo.right, g.height, 0.5));
            g.gap_before = s.body * 0.4;
            self.groups.push(g);
        }
    }

    fn wifi(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let Some(wifi) = &guide.wifi else {
            return Ok(());
        };
        let w = guide.words;
        self.section(w.wifi);
        let geo = self.geo;
        let s = self.sizes;
        let qr = match &wifi.payload {
            Some(p) => Some(self.qr_group(p, 0.0, QR_MIN * 1.3)?),
            None => None,
        };
        let text_w = geo.measure() - qr.as_ref().map_or(0.0, |q| q.1 + 16.0);
        let mut parts = Vec::new();
        let value_set = self.sized(s.h3, true, INK);
        let label_set = self.sized(s.small, true, MUTED);
        parts.extend(self.para(&vec![Span::text(w.network)], label_set, geo.left, text_w));
        parts.extend(self.para(&wifi.ssid, value_set, geo.left, text_w));
        if let Some(pw) = &wifi.password {
            let mut l = self.para(&vec![Span::text(w.password)], label_set, geo.left, text_w);
            if let Some(first) = l.first_mut() {
                first.gap_before = s.body * 0.6;
            }
            parts.extend(l);
            parts.extend(self.para(pw, value_set, geo.left, text_w));
        }
        let mut g = Group::stack(parts);
        if let Some((code, side)) = qr {
            let x = geo.right - side;
            let mut right: Vec<Draw> = code
                .draws
                .into_iter()
                .map(|d| super::flow::shift(d, x, 0.0))
                .collect();
            let cap = Group::stack(self.para(
                &vec![Span::text(w.scan_to_join)],
                self.sized(s.small, false, MUTED),
                x,
                side,
            ));
            right.extend(
                cap.draws
                    .into_iter()
                    .map(|d| super::flow::shift(d, 0.0, code.height)),
            );
            g.height = g.height.max(code.height + cap.height);
            g.draws.extend(right);
        }
        g.gap_before = s.body * 0.6;
        self.groups.push(g);
        if wifi.payload.is_none() && !wifi.fallback.is_empty() {
            let fb = self.blocks(&wifi.fallback, geo.left, geo.measure(), self.body());
            self.push_all(fb, s.body * 0.8);
        }
        Ok(())
    }

    fn troubleshooting(&mut self) {
        let guide = self.guide;
        if guide.troubleshooting.is_empty() {
            return;
        }
        let w = guide.words;
        self.section(w.troubleshooting);
        let geo = self.geo;
        let s = self.sizes;
        for t in &guide.troubleshooting {
            let mut head = self.para(
                &t.symptom,
                self.sized(s.body * 1.1, true, INK),
                geo.left,
                geo.measure(),
            );
            if let Some(first) = head.first_mut() {
                first.marks.push(Mark::Anchor(t.id.clone()));
                first.marks.push(Mark::Bookmark(1, rich::plain(&t.symptom)));
            }
            for g in &mut head {
                g.keep_with_next = true;
            }
            self.push_all(head, s.body * 1.3);
            let fix = self.blocks(&t.fix, geo.left, geo.measure(), self.body());
            self.push_all(fix, 0.0);
        }
        let tel = format!("tel:{}", guide.support.phone.e164);
        let stuck = self.para(
            &vec![
                Span::text(format!("{} ", w.still_stuck)),
                Span {
                    link: Some(Target::Phone(tel)),
                    ..Span::bold(guide.support.phone.written.clone())
                },
            ],
            self.body(),
            geo.left,
            geo.measure(),
        );
        self.push_all(stuck, s.body * 1.4);
    }

    fn return_section(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let Some(ret) = &guide.return_ else {
            return Ok(());
        };
        let w = guide.words;
        self.section(w.return_title);
        let geo = self.geo;
        let s = self.sizes;
        let body = self.body();
        if !ret.items.is_empty() {
            let mut groups = self.heading(w.return_items, s.body * 1.15, None);
            for item in &ret.items {
                let mut g = self.checkbox(item, geo.left, geo.measure(), body);
                if let Some(first) = g.first_mut() {
                    first.gap_before = s.body * 0.35;
                }
                groups.append(&mut g);
            }
            self.push_all(groups, s.body * 0.6);
        }
        let deadline = match (&ret.return_by, ret.deadline_days) {
            (Some(date), _) => Some(words::fill(w.return_by, date, "")),
            (None, Some(days)) => Some(words::fill(w.within_days, days, "")),
            (None, None) => None,
        };
        if let Some(deadline) = deadline {
            let g = self.para(&vec![Span::bold(deadline)], body, geo.left, geo.measure());
            self.push_all(g, s.body);
        }
        if let Some(fee) = &ret.fee {
            let g = self.para(fee, body, geo.left, geo.measure());
            self.push_all(g, s.body * 0.5);
        }
        if let Some(carrier) = &ret.carrier {
            let mut line = vec![Span::text(format!("{}: ", w.carrier))];
            line.extend(carrier.iter().cloned());
            let g = self.para(&line, body, geo.left, geo.measure());
            self.push_all(g, s.body * 0.5);
        }
        let drop = self.blocks(&ret.drop_off, geo.left, geo.measure(), body);
        self.push_all(drop, s.body * 0.3);
        if let Some(rma) = &ret.rma {
            self.packing_slip(rma);
        }
        if let Some(code) = &ret.counter_code {
            let mut g = self.para(
                &vec![Span::text(w.counter_code)],
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
                let (mut qr, _) = self.qr_group(&value, geo.left, QR_MIN)?;
                qr.keep_with_next = true;
                self.groups.push(qr);
            }
            let g = self.para(code, self.sized(s.h3, true, INK), geo.left, geo.measure());
            self.push_all(g, 0.0);
        }
        if ret.label_missing {
            let g = self.para(
                &vec![Span::text(w.label_missing)],
                body,
                geo.left,
                geo.measure(),
            );
            self.push_all(g, s.body);
        }
        Ok(())
    }

    /// A slip to put in the box: what is inside and the RMA, as text and,
    /// when known, as a Code 128 barcode for the warehouse scanner.
    fn packing_slip(&mut self, rma: &Inline) {
        let guide = self.guide;
        let w = guide.words;
        let geo = self.geo;
        let s = self.sizes;
        let pad = s.body;
        let x = geo.left + pad;
        let width = geo.measure() - 2.0 * pad;
        let body = self.body();
        let mut parts = self.para(
            &vec![Span::text(w.packing_slip)],
            Setting { bold: true, ..body },
            x,
            width,
        );
        let mut what = guide.old.name.clone();
        what.insert(0, Span::text(format!("{} · ", guide.provider.name)));
        parts.extend(self.para(&what, body, x, width));
        let mut line = vec![Span::text(format!("{}: ", w.rma))];
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
            g.draws.push(Draw::Bars { y: pad, h, bars });
            parts.push(g);
        }
        let mut slip = Group::stack(parts);
        slip.draws = slip
            .draws
            .into_iter()
            .map(|d| super::flow::shift(d, 0.0, pad))
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
            },
        );
        slip.gap_before = s.body * 1.5;
        slip.keep_with_next = false;
        self.groups.push(slip);
    }

    /// The prepaid label at its true size on a page of its own, with
    /// dashed cut lines.
    fn label_page(&mut self, path: &std::path::Path) -> Result<(), String> {
        let geo = self.geo;
        let s = self.sizes;
        let w = self.guide.words;
        let i = self.pictures.load_private(path)?;
        let pic: &Picture = &self.pictures.list[i];
        // A raster label prints at the resolution it declares (thermal
        // label printers use 203 dpi); SVG user units are CSS pixels.
        let (mut lw, mut lh) = match &pic.source {
            Source::Raster { dpi, .. } => {
                let dpi = dpi.unwrap_or(203.0);
                (pic.width / dpi * 72.0, pic.height / dpi * 72.0)
            }
            Source::Svg(_) => (pic.width * 0.75, pic.height * 0.75),
            // PDF pages are measured in points already.
            Source::Pdf { .. } => (pic.width, pic.height),
        };
        // A label larger than the page is fitted, keeping its shape.
        let room_h = geo.bottom - geo.top - s.h2 * 3.0;
        let fit = (geo.measure() / lw).min(room_h / lh).min(1.0);
        lw *= fit;
        lh *= fit;
        let mut head = self.heading(w.label_title, s.h2, Some(0));
        if let Some(first) = head.first_mut() {
            first.page_break = true;
        }
        self.groups.append(&mut head);
        let cut = self.para(
            &vec![Span::text(w.label_cut)],
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
        });
        g.draws.push(Draw::Image {
            x,
            y: margin,
            w: lw,
            h: lh,
            image: i,
        });
        self.groups.push(g);
        Ok(())
    }

    fn links(&mut self) -> Result<(), String> {
        let guide = self.guide;
        if guide.links.is_empty() {
            return Ok(());
        }
        let w = guide.words;
        self.section(w.links);
        let geo = self.geo;
        let s = self.sizes;
        for link in &guide.links {
            let (qr, side) = self.qr_group(&link.url, 0.0, QR_MIN)?;
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
                &vec![Span::text(format!("({})", w.needs_internet))],
                self.sized(s.small, true, MUTED),
                geo.left,
                text_w,
            ));
            let mut g = Group::stack(parts);
            let x = geo.right - side;
            g.draws
                .extend(qr.draws.into_iter().map(|d| super::flow::shift(d, x, 0.0)));
            g.height = g.height.max(qr.height);
            g.gap_before = s.body;
            self.groups.push(g);
        }
        Ok(())
    }
}
