//! The sections after the cover: the numbered steps, what the lights
//! mean, the Wi-Fi network, and troubleshooting.

use crate::pdf::flow::{self, Draw, Group, Mark};
use crate::pdf::tags::{Role, Tag};
use crate::pdf::text::Setting;
use crate::rich::{self, Inline, Span, Target};

use super::Composer;
use super::geometry::{CAUTION, INK, MUTED, QR_MIN, rule};

impl<'a, 'p> Composer<'a, 'p> {
    pub(super) fn steps(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = &guide.words;
        let geo = self.geo;
        let s = self.sizes;
        for (i, step) in guide.steps.iter().enumerate() {
            // Number and minutes, small and in the accent colour.
            let mut label = w.step_number(step.number);
            if let Some(m) = step.minutes {
                label.push_str(&format!(" · {}", w.step_minutes(m)));
            }
            // "Step 3 · 5 min" and the title are one heading: what a
            // screen reader lists when jumping between headings.
            let heading = self.node(Role::H(2));
            self.level.set(2);
            // A space after the label, so it and the title read apart.
            let mut head = self.text_as(
                heading,
                &vec![Span::text(label + " ")],
                self.sized(s.body, true, self.accent),
                geo.left,
                geo.measure(),
            );
            head.extend(self.text_as(
                heading,
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
                head.marks.insert(0, Mark::Bookmark(0, w.steps.clone()));
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
                let g = self.panel(&w.warning, &step.warning, CAUTION);
                self.push_all(g, s.body);
            }
            if !step.tip.is_empty() {
                let g = self.panel(&w.tip, &step.tip, self.accent);
                self.push_all(g, s.body);
            }
            // Every step can be ticked, on paper as on screen (where the
            // ticks are what "continue where you left off" follows): a
            // customer keeps their place step by step. A step without a
            // `done_when` gets the page's own words for it.
            let line = match &step.done_when {
                Some(done) => {
                    let mut line = vec![Span::bold(w.label(&w.done_when))];
                    line.extend(done.iter().cloned());
                    line
                }
                None => vec![Span::text(w.mark_done(step.number))],
            };
            let outer = self.checklist();
            let g = self.checkbox(&line, geo.left, geo.measure(), self.body());
            self.leave(outer);
            // The tick box never starts a page away from its step.
            if let Some(last) = self.groups.last_mut() {
                last.keep_with_next = true;
            }
            self.push_all(g, s.body);
        }
        Ok(())
    }

    pub(super) fn lights(&mut self) {
        let guide = self.guide;
        if guide.lights.is_empty() {
            return;
        }
        let w = &guide.words;
        self.section(&w.lights, Some("lights"));
        let geo = self.geo;
        let s = self.sizes;
        let swatch = s.body * 1.2;
        let col0 = geo.left + swatch + 10.0;
        let widths = [geo.measure() * 0.24, geo.measure() * 0.26];
        let set = self.body();
        // A table for a screen reader: light, state, meaning.
        let table = self.node(Role::Table);
        let outer = self.enter(table);
        // One row: its three cells' texts side by side.
        let row_group = |this: &Self, cells: [(Tag, &Inline, Setting); 3]| {
            let xs = [col0, col0 + widths[0], col0 + widths[0] + widths[1]];
            let ws = [widths[0] - 8.0, widths[1] - 8.0, geo.right - xs[2]];
            let mut g = Group::default();
            for (((tag, text, set), x), w) in cells.into_iter().zip(xs).zip(ws) {
                let stacked = Group::stack(this.text_as(tag, text, set, x, w));
                g.height = g.height.max(stacked.height);
                g.draws.extend(stacked.draws);
            }
            g
        };
        // Column headings, drawn again above the rows a page continues.
        let heads =
            [&w.light_column, &w.looks_column, &w.means_column].map(|t| vec![Span::text(t)]);
        let row = self.node(Role::TR);
        let cell = |role| self.tree.borrow_mut().add(role, row);
        let bold = Setting {
            bold: true,
            color: MUTED,
            ..set
        };
        let mut head = row_group(
            self,
            [0, 1, 2].map(|i| (cell(Role::TH(false)), &heads[i], bold)),
        );
        head.height += s.body * 0.3;
        head.draws.push(rule(geo.left, geo.right, head.height, 0.8));
        head.gap_before = s.body * 0.4;
        head.keep_with_next = true;
        let repeat = std::sync::Arc::new(head.clone());
        self.groups.push(head);
        let count = guide.lights.len();
        for (n, light) in guide.lights.iter().enumerate() {
            let row = self.node(Role::TR);
            // The light's name heads its row.
            let cell = |role| self.tree.borrow_mut().add(role, row);
            let (c0, c1, c2) = (cell(Role::TH(true)), cell(Role::TD), cell(Role::TD));
            let mut state = light.state.clone();
            if light.ok {
                state.push(Span::text(format!(" — {}", &w.all_good)));
            }
            let mut g = row_group(
                self,
                [
                    (c0, &light.light, set),
                    (c1, &state, Setting { bold: true, ..set }),
                    (c2, &light.meaning, set),
                ],
            );
            if let Some(c) = light.colour {
                // A round lamp, not a square: a white light's swatch
                // must not pass for an empty check box.
                g.draws.push(Draw::Lamp {
                    x: geo.left,
                    y: (s.body * 1.45 - swatch) / 2.0,
                    d: swatch,
                    fill: c,
                    tag: Tag::NONE,
                });
            }
            g.height += s.body * 0.3;
            g.draws.push(rule(geo.left, geo.right, g.height, 0.5));
            g.gap_before = s.body * 0.4;
            // The section's heading never stands at the foot of a page
            // with one light alone, nor does the last light start a page
            // alone.
            g.keep_with_next = count > 1 && (n == 0 || n + 2 == count);
            g.repeat = Some(repeat.clone());
            self.groups.push(g);
        }
        self.leave(outer);
    }

    pub(super) fn wifi(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let Some(wifi) = &guide.wifi else {
            return Ok(());
        };
        let w = &guide.words;
        self.section(&w.wifi, Some("wifi"));
        let geo = self.geo;
        let s = self.sizes;
        let alt = format!("{}: {}", w.wifi, rich::plain(&wifi.ssid));
        let qr = match &wifi.payload {
            Some(p) => Some(self.qr_group(p, 0.0, QR_MIN * 1.3, &alt)?),
            None => None,
        };
        let text_w = geo.measure() - qr.as_ref().map_or(0.0, |q| q.1 + 16.0);
        let mut parts = Vec::new();
        let value_set = self.sized(s.h3, true, INK);
        let label_set = self.sized(s.small, true, MUTED);
        parts.extend(self.para(&vec![Span::text(&w.network)], label_set, geo.left, text_w));
        parts.extend(self.para(&wifi.ssid, value_set, geo.left, text_w));
        if let Some(pw) = &wifi.password {
            let mut l = self.para(&vec![Span::text(&w.password)], label_set, geo.left, text_w);
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
                .map(|d| flow::shift(d, x, 0.0))
                .collect();
            let cap = Group::stack(self.para(
                &vec![Span::text(&w.scan_to_join)],
                self.sized(s.small, false, MUTED),
                x,
                side,
            ));
            right.extend(
                cap.draws
                    .into_iter()
                    .map(|d| flow::shift(d, 0.0, code.height)),
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

    pub(super) fn troubleshooting(&mut self) {
        let guide = self.guide;
        if guide.troubleshooting.is_empty() {
            return;
        }
        let w = &guide.words;
        self.section(&w.troubleshooting, Some("troubleshooting"));
        let geo = self.geo;
        let s = self.sizes;
        for t in &guide.troubleshooting {
            let mut head = self.heading_as(
                3,
                &t.symptom,
                self.sized(s.body * 1.1, true, INK),
                geo.left,
                geo.measure(),
            );
            self.level.set(3);
            if let Some(first) = head.first_mut() {
                first.marks.push(Mark::Anchor(t.id.clone()));
                first.marks.push(Mark::Bookmark(1, rich::plain(&t.symptom)));
            }
            self.push_all(head, s.body * 1.3);
            let fix = self.blocks(&t.fix, geo.left, geo.measure(), self.body());
            self.push_all(fix, 0.0);
        }
        self.level.set(2);
        let tel = guide.support.phone.tel();
        let stuck = self.para(
            &vec![
                Span::text(format!("{} ", &w.still_stuck)),
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
}
