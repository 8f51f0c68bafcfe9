//! The cover: provider logo and name, title and introduction, the
//! offline and time facts, the support panel with its call and text codes,
//! and the equipment (what's in the box, old and new device).

use crate::pdf::flow::{self, Draw, Group, Mark, Stroke};
use crate::pdf::tags::{Role, Tag};
use crate::pdf::text::Setting;
use crate::rich::{self, Block, Content, Span, Style, Target};

use super::Composer;
use super::geometry::{INK, MUTED};

impl<'a, 'p> Composer<'a, 'p> {
    pub(super) fn cover(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = &guide.words;
        let geo = self.geo;
        let s = self.sizes;

        // Provider: logo and name.
        let mut top = Group::default();
        let mut name_x = geo.left;
        if let Some(logo) = &guide.provider.logo {
            let mut pic = self.picture(logo, geo.left, 160.0, 40.0)?;
            if let Some(Draw::Image { w: lw, .. }) = pic.draws.first() {
                name_x += lw + 10.0;
            }
            // Beside the printed name the logo is decoration; a logo that
            // spells the name is read as the name.
            let logo_tag = if guide.provider.show_name {
                Tag::NONE
            } else {
                self.figure(&guide.provider.name)
            };
            for d in &mut pic.draws {
                d.set_tag(logo_tag);
            }
            top.height = pic.height;
            top.draws.extend(pic.draws);
        }
        let name_set = self.sized(s.h3, true, self.accent);
        // A logo that spells the name is not followed by it again.
        let name = if guide.provider.show_name {
            self.para(
                &vec![Span::text(guide.provider.name.clone())],
                name_set,
                name_x,
                geo.right - name_x,
            )
        } else {
            Vec::new()
        };
        let name = Group::stack(name);
        let dy = ((top.height - name.height) / 2.0).max(0.0);
        top.draws
            .extend(name.draws.into_iter().map(|d| flow::shift(d, 0.0, dy)));
        top.height = top.height.max(name.height);
        top.marks.push(Mark::Bookmark(0, rich::plain(&guide.title)));
        self.groups.push(top);

        let title = self.text_as(
            self.node(Role::H(1)),
            &guide.title,
            self.sized(s.h1, true, INK),
            geo.left,
            geo.measure(),
        );
        self.level.set(1);
        self.push_all(title, s.body * 1.6);
        if let Some(sub) = &guide.subtitle {
            let sub = self.para(sub, self.sized(s.h3, false, MUTED), geo.left, geo.measure());
            self.push_all(sub, s.body * 0.3);
        }
        // In large print the support box and the equipment's pictures,
        // which cannot break, come right under the title: after the intro
        // they would not fit the page they fall on, and leave half of it
        // empty. The intro's lines and the kit list flow on after them.
        if guide.large_print {
            self.support_panel()?;
            self.devices_row()?;
        }
        let intro = self.blocks(&guide.intro, geo.left, geo.measure(), self.body());
        self.push_all(intro, s.body * 0.4);

        // "No internet needed" and the time it takes.
        let mut facts = vec![Block::Paragraph(vec![Span::bold(w.offline.clone())])];
        if guide.minutes > 0 {
            facts.push(Block::Paragraph(vec![Span::text(
                w.minutes_total(guide.minutes),
            )]));
        }
        let facts = self.panel("", &facts, self.accent);
        self.push_all(facts, s.body);

        if !guide.large_print {
            self.support_panel()?;
        }

        self.equipment()?;
        Ok(())
    }

    /// The support phone, big, with its tel: code.
    fn support_panel(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = &guide.words;
        let geo = self.geo;
        let s = self.sizes;
        let support = &guide.support;
        let tel = support.phone.tel();
        let call_alt = format!("{}: {}", w.scan_to_call, support.phone.written);
        let mut codes = vec![self.coded(&tel, &w.scan_to_call, &call_alt)?];
        if let Some(sms) = &support.sms {
            let text_alt = format!("{}: {}", w.scan_to_text, sms.written);
            codes.push(self.coded(&sms.sms(), &w.scan_to_text, &text_alt)?);
        }
        let codes_w: f32 = codes.iter().map(|(_, side)| side + 12.0).sum();
        let text_w = geo.measure() - codes_w;
        let x = geo.left;

        let mut parts = self.para(
            &vec![Span::text(&w.call_us)],
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
                    Span::text(w.label(&w.text_us)),
                    Span {
                        content: Content::Text(sms.written.clone()),
                        style: Style::default(),
                        link: Some(Target::Phone(sms.sms())),
                    },
                ],
                self.body(),
                x,
                text_w,
            ));
        }
        if let Some(tty) = &support.tty {
            parts.extend(self.para(
                &vec![Span::text(format!("{}{tty}", w.label(&w.tty)))],
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
            left.draws
                .extend(code.draws.into_iter().map(|d| flow::shift(d, x, 0.0)));
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
                tag: Tag::NONE,
            },
        );
        left.height += 8.0;
        left.gap_before = s.body * 1.8;
        self.groups.push(left);
        Ok(())
    }

    /// The old and new equipment side by side, in large print.
    fn devices_row(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = &guide.words;
        let geo = self.geo;
        let gap = 18.0;
        let col = (geo.measure() - gap) / 2.0;
        let mut row = Group::default();
        for (i, (device, caption)) in [
            (&guide.old, &w.old_equipment),
            (&guide.new, &w.new_equipment),
        ]
        .into_iter()
        .enumerate()
        {
            let x = geo.left + i as f32 * (col + gap);
            let g = self.device_column(device, caption, x, col, 160.0)?;
            row.height = row.height.max(g.height);
            row.draws.extend(g.draws);
        }
        row.gap_before = self.sizes.body * 1.2;
        // Room under the captions: at the top of a page, the line after
        // it has no gap of its own.
        row.height += self.sizes.body;
        // Where it does not fit under the support box, the intro's lines
        // fill the page first and it heads the next.
        row.float = true;
        self.groups.push(row);
        Ok(())
    }

    /// What's in the box, and the old and new equipment: side by side in
    /// three columns; in large print, the list alone (the equipment went
    /// under the support box).
    fn equipment(&mut self) -> Result<(), String> {
        let guide = self.guide;
        let w = &guide.words;
        let geo = self.geo;
        let s = self.sizes;
        let gap = 18.0;
        let devices = [
            (&guide.old, &w.old_equipment),
            (&guide.new, &w.new_equipment),
        ];
        if guide.large_print {
            if !guide.kit.is_empty() {
                // Item by item, so the list flows on from a part-filled
                // page; its heading kept with the first two.
                let mut kit = self.kit_parts(geo.left, geo.measure());
                for part in kit.iter_mut().take(2) {
                    part.keep_with_next = true;
                }
                self.push_all(kit, s.body * 1.4);
            }
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
            row.marks.extend(kit.marks);
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
        Group::stack(self.kit_parts(x, width))
    }

    /// "What's in the box": its heading, then each item, at `x`.
    fn kit_parts(&self, x: f32, width: f32) -> Vec<Group> {
        let guide = self.guide;
        let s = self.sizes;
        let mut parts = self.text_as(
            self.node(Role::H(2)),
            &vec![Span::text(&guide.words.in_the_box)],
            self.sized(s.h3, true, INK),
            x,
            width,
        );
        self.level.set(2);
        let outer = self.checklist();
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
        self.leave(outer);
        // Links to `#box` land here.
        if let Some(first) = parts.first_mut() {
            first.marks.push(Mark::Anchor("box".into()));
        }
        parts
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
        let w = &self.guide.words;
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
            let (open, close) = w.brackets();
            name.push(Span::text(format!("{open}{} ", &w.model)));
            name.extend(model.iter().cloned());
            name.push(Span::text(close));
        }
        parts.extend(self.para(&name, self.sized(s.body, true, INK), x, col));
        Ok(Group::stack(parts))
    }
}
