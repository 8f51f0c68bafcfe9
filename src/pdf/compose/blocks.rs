//! Block layout: Markdown blocks (paragraphs, headings, lists, tables,
//! code, quotes, rules), and the panels, headings and check-off lines the
//! sections build with them. Each comes back as groups, mostly one per
//! line or table row, so the flow can break pages between them.

use crate::fonts::Fonts;
use crate::pdf::flow::{self, Draw, Group, Mark, Stroke};
use crate::pdf::tags::{Numbering, Role, Tag};
use crate::pdf::text::{self, Setting};
use crate::resolve::Rgb;
use crate::rich::{self, Block, Content, Inline, Span, Style};

use super::Composer;
use super::geometry::{CODE_GROUND, INK, RULE, first_baseline, line_group, rule};

impl<'a, 'p> Composer<'a, 'p> {
    /// A paragraph: one group per line of text.
    pub(super) fn para(&self, inline: &Inline, set: Setting, x: f32, w: f32) -> Vec<Group> {
        self.text_as(self.node(Role::P), inline, set, x, w)
    }

    /// One group per line of text, not yet tagged.
    pub(super) fn para_untagged(
        &self,
        inline: &Inline,
        set: Setting,
        x: f32,
        w: f32,
    ) -> Vec<Group> {
        let inline = self.with_refs(inline);
        let mut groups: Vec<Group> = text::lines(&inline, &set, w)
            .into_iter()
            .map(|line| line_group(&line, x))
            .collect();
        // No paragraph leaves its first line alone at the foot of a page,
        // or its last alone at the top of the next.
        keep_ends(&mut groups);
        groups
    }

    /// Markdown blocks, one group per line, table row or box.
    pub(super) fn blocks(&self, blocks: &[Block], x: f32, w: f32, set: Setting) -> Vec<Group> {
        let mut out = Vec::new();
        for (n, block) in blocks.iter().enumerate() {
            let mut groups = self.block(block, x, w, set);
            if let Some(first) = groups.first_mut() {
                first.gap_before = first.gap_before.max(set.size * 0.55);
            }
            // A paragraph that leads into what follows stays with it: one
            // before a list or table ("Then:"), or one that ends in a
            // colon or comma ("Hello Ada,").
            if let Block::Paragraph(inline) = block
                && let Some(next) = blocks.get(n + 1)
                && (matches!(next, Block::List { .. } | Block::Table { .. }) || leads_on(inline))
                && let Some(last) = groups.last_mut()
            {
                last.keep_with_next = true;
            }
            out.append(&mut groups);
        }
        out
    }

    fn block(&self, block: &Block, x: f32, w: f32, set: Setting) -> Vec<Group> {
        match block {
            Block::Paragraph(inline) => self.para(inline, set, x, w),
            // One level below the heading the text sits under, whatever
            // level the author wrote: levels must not skip.
            Block::Heading(_, inline) => self.heading_as(
                (self.level.get() + 1).min(6),
                inline,
                Setting {
                    bold: true,
                    size: set.size * 1.15,
                    ..set
                },
                x,
                w,
            ),
            Block::List { start, items } => self.list(*start, items, x, w, set),
            Block::Table { right, head, rows } => self.table(right, head, rows, x, w, set),
            Block::Code(code) => {
                // One paragraph, however many lines.
                let block = self.node(Role::P);
                let mut groups = Vec::new();
                for text_line in code.lines() {
                    let inline = vec![Span {
                        content: Content::Text(text_line.to_string()),
                        style: Style {
                            code: true,
                            ..Style::default()
                        },
                        link: None,
                    }];
                    for mut g in self.text_as(block, &inline, set, x + 6.0, w - 12.0) {
                        g.draws.insert(
                            0,
                            Draw::Rect {
                                x,
                                y: 0.0,
                                w,
                                h: g.height,
                                fill: Some(CODE_GROUND),
                                stroke: None,
                                tag: Tag::NONE,
                            },
                        );
                        groups.push(g);
                    }
                }
                groups
            }
            Block::Quote(inner) => {
                let quote = self.node(Role::BlockQuote);
                let mut groups = self.within(quote, || self.blocks(inner, x + 14.0, w - 14.0, set));
                for g in &mut groups {
                    g.draws.push(Draw::Rect {
                        x,
                        y: 0.0,
                        w: 3.0,
                        h: g.height,
                        fill: Some(RULE),
                        stroke: None,
                        tag: Tag::NONE,
                    });
                }
                groups
            }
            Block::Rule => {
                let mut g = Group::new(set.size);
                g.draws.push(rule(x, x + w, set.size / 2.0, 0.75));
                vec![g]
            }
        }
    }

    fn list(
        &self,
        start: Option<u64>,
        items: &[Vec<Block>],
        x: f32,
        w: f32,
        set: Setting,
    ) -> Vec<Group> {
        let fonts = Fonts::get();
        let indent = set.size * 1.8;
        let list = self.node(Role::L(match start {
            Some(_) => Numbering::Decimal,
            None => Numbering::Disc,
        }));
        let outer = self.enter(list);
        let mut kept = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let li = self.node(Role::LI);
            let label = self.tree.borrow_mut().add(Role::Lbl, li);
            let body = self.tree.borrow_mut().add(Role::LBody, li);
            let mut groups = Vec::new();
            for (k, block) in item.iter().enumerate() {
                // An item of one paragraph is its body's text: no element
                // more for a screen reader to step through.
                let mut g = match (item.len(), block) {
                    (1, Block::Paragraph(inline)) => {
                        self.text_as(body, inline, set, x + indent, w - indent)
                    }
                    _ => self.within(body, || self.block(block, x + indent, w - indent, set)),
                };
                if k > 0
                    && let Some(first) = g.first_mut()
                {
                    first.gap_before = set.size * 0.4;
                }
                groups.append(&mut g);
            }
            let Some(first) = groups.first_mut() else {
                continue;
            };
            first.gap_before = if i == 0 { 0.0 } else { set.size * 0.35 };
            let baseline = first_baseline(first).unwrap_or(set.size);
            let (marker, face) = match start {
                Some(n) => (format!("{}.", n + i as u64), set.face(true, false)),
                None => ("•".to_string(), set.face(false, false)),
            };
            let mw = fonts.width(face, &marker, set.size);
            // Before the item's text, so it is read first.
            first.draws.insert(
                0,
                Draw::Text {
                    x: x + indent - mw - set.size * 0.45,
                    y: baseline,
                    text: marker,
                    face,
                    size: set.size,
                    color: set.color,
                    rtl: set.rtl,
                    width: mw,
                    shaped: None,
                    tag: label,
                },
            );
            kept.push(groups);
        }
        self.leave(outer);
        keep_ends(&mut kept);
        kept.into_iter().flatten().collect()
    }

    fn table(
        &self,
        right: &[bool],
        head: &[Inline],
        rows: &[Vec<Inline>],
        x: f32,
        w: f32,
        set: Setting,
    ) -> Vec<Group> {
        let fonts = Fonts::get();
        let cols = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if cols == 0 {
            return Vec::new();
        }
        let pad = set.size * 0.45;
        let natural = |cell: &Inline, bold: bool| {
            let face = set.face(bold, false);
            fonts.width(face, &rich::plain(&self.with_refs(cell)), set.size) + 2.0 * pad
        };
        let mut want = vec![0.0f32; cols];
        for (c, cell) in head.iter().enumerate() {
            want[c] = want[c].max(natural(cell, true));
        }
        for row in rows {
            for (c, cell) in row.iter().enumerate().take(cols) {
                want[c] = want[c].max(natural(cell, false));
            }
        }
        // Columns get what they want if it fits; otherwise each gets an even
        // share and the rest goes to the columns that want more.
        let total: f32 = want.iter().sum();
        let widths: Vec<f32> = if total <= w {
            want.iter().map(|c| c * w / total).collect()
        } else {
            let even = w / cols as f32;
            let small: f32 = want.iter().filter(|&&c| c <= even).sum();
            let big: f32 = want.iter().filter(|&&c| c > even).sum();
            let spare = w - small;
            want.iter()
                .map(|&c| if c <= even { c } else { c / big * spare })
                .collect()
        };
        // A column too narrow for its words would break most of them
        // mid-word: such a table reads better as one record per row.
        // (Words longer than a third of the measure break anyway.)
        let longest_word = |cell: &Inline, bold: bool| {
            let face = set.face(bold, false);
            let widest = rich::plain(&self.with_refs(cell))
                .split_whitespace()
                .map(|word| fonts.width(face, word, set.size))
                .fold(0.0f32, f32::max);
            (widest + 2.0 * pad).min(w / 3.0)
        };
        let cramped = widths.iter().enumerate().any(|(c, &width)| {
            let cells = head.get(c).map(|h| (h, true)).into_iter().chain(
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| (cell, false)),
            );
            cells
                .map(|(cell, bold)| longest_word(cell, bold))
                .any(|need| need > width + 0.01)
        });
        // (A table of headings alone stays a table: records need rows.)
        if cramped && !head.is_empty() && !rows.is_empty() {
            return self.table_as_records(head, rows, x, w, set);
        }
        let mut out = Vec::new();
        let table = self.node(Role::Table);
        let row_group = |cells: &[Inline], header: bool| {
            let row = self.tree.borrow_mut().add(Role::TR, table);
            let cell_set = Setting {
                bold: header || set.bold,
                leading: 1.3,
                ..set
            };
            let mut g = Group::default();
            let mut cx = x;
            let mut height: f32 = 0.0;
            for (c, width) in widths.iter().enumerate() {
                let empty = Vec::new();
                let cell = cells.get(c).unwrap_or(&empty);
                let lines = text::lines(&self.with_refs(cell), &cell_set, width - 2.0 * pad);
                let role = if header { Role::TH(false) } else { Role::TD };
                let cell_tag = self.tree.borrow_mut().add(role, row);
                let mut y = pad;
                let mut cell_lines = Vec::with_capacity(lines.len());
                for line in &lines {
                    let shift = if right.get(c).copied().unwrap_or(false) && !line.rtl {
                        width - 2.0 * pad - line.width
                    } else {
                        0.0
                    };
                    let mut lg = line_group(line, cx + pad + shift);
                    lg.draws = lg
                        .draws
                        .into_iter()
                        .map(|d| flow::shift(d, 0.0, y))
                        .collect();
                    cell_lines.push(lg);
                    y += line.height;
                }
                // The cell's lines at once: a link that wraps is one link.
                self.adopt(&mut cell_lines, cell_tag);
                for lg in cell_lines {
                    g.draws.extend(lg.draws);
                }
                height = height.max(y + pad);
                cx += width;
            }
            g.height = height;
            let ground = if header {
                Some(self.accent.tint(0.12))
            } else {
                None
            };
            g.draws.insert(
                0,
                Draw::Rect {
                    x,
                    y: 0.0,
                    w,
                    h: height,
                    fill: ground,
                    stroke: None,
                    tag: Tag::NONE,
                },
            );
            g.draws.push(rule(x, x + w, height, 0.6));
            g
        };
        let head_row = (!head.is_empty()).then(|| {
            let mut g = row_group(head, true);
            g.keep_with_next = true;
            g
        });
        // A page that continues the table starts with its heading row.
        let repeat = head_row.as_ref().map(|g| std::sync::Arc::new(g.clone()));
        out.extend(head_row);
        for (i, row) in rows.iter().enumerate() {
            let mut g = row_group(row, false);
            // Never a heading and one row alone at the foot of a page,
            // nor the last row alone at the top of the next.
            g.keep_with_next = rows.len() > 1 && (i == 0 || i + 2 == rows.len());
            g.repeat = repeat.clone();
            out.push(g);
        }
        // A row cannot break over pages; one taller than half a page is
        // set as records, whose lines can.
        let page = self.geo.bottom - self.geo.top;
        if !head.is_empty() && !rows.is_empty() && out.iter().any(|g| g.height > page / 2.0) {
            return self.table_as_records(head, rows, x, w, set);
        }
        out
    }

    /// A table too wide for the page, one block per row: each cell under
    /// its column's heading, as "Heading: value", with a rule between rows.
    fn table_as_records(
        &self,
        head: &[Inline],
        rows: &[Vec<Inline>],
        x: f32,
        w: f32,
        set: Setting,
    ) -> Vec<Group> {
        let mut out = Vec::new();
        for row in rows {
            let mut lines = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                let mut inline: Inline = Vec::new();
                if let Some(heading) = head.get(c).filter(|h| rich::is_filled(h) && !h.is_empty()) {
                    inline.extend(heading.iter().cloned().map(|mut span| {
                        span.style.bold = true;
                        span
                    }));
                    inline.push(Span::bold(": "));
                }
                inline.extend(cell.iter().cloned());
                lines.extend(self.para(&inline, set, x, w));
            }
            // Lines stay separate groups, so a long row can break over
            // pages; a short one (a card of a few lines) stays whole.
            if lines.len() <= 6 {
                let n = lines.len();
                for line in lines.iter_mut().take(n.saturating_sub(1)) {
                    line.keep_with_next = true;
                }
            }
            if let Some(first) = lines.first_mut() {
                first.gap_before = set.size * 0.4;
            }
            if let Some(last) = lines.last_mut() {
                let y = last.height + set.size * 0.4;
                last.draws.push(rule(x, x + w, y, 0.6));
                last.height = y;
            }
            out.extend(lines);
        }
        out
    }

    /// A tinted box with a coloured stripe: cautions and tips.
    pub(super) fn panel(&self, title: &str, body: &[Block], color: Rgb) -> Vec<Group> {
        let geo = self.geo;
        let pad = self.sizes.body * 0.8;
        let x = geo.left + pad + 4.0;
        let w = geo.measure() - 2.0 * pad - 4.0;
        let set = self.body();
        // A box of its own for a screen reader too: its title, then its
        // text.
        let panel = self.node(Role::Div);
        let outer = self.enter(panel);
        let mut inner = self.para(
            &vec![Span::text(title)],
            Setting {
                bold: true,
                color,
                ..set
            },
            x,
            w,
        );
        let mut rest = self.blocks(body, x, w, set);
        self.leave(outer);
        if let Some(first) = rest.first_mut() {
            first.gap_before = set.size * 0.2;
        }
        inner.append(&mut rest);
        let mut whole = Group::stack(inner.clone());
        whole.height += 2.0 * pad;
        let room = geo.bottom - geo.top;
        let ground = color.tint(0.08);
        if whole.height <= room {
            whole.draws = whole
                .draws
                .into_iter()
                .map(|d| flow::shift(d, 0.0, pad))
                .collect();
            whole.draws.insert(
                0,
                Draw::Rect {
                    x: geo.left,
                    y: 0.0,
                    w: geo.measure(),
                    h: whole.height,
                    fill: Some(ground),
                    stroke: None,
                    tag: Tag::NONE,
                },
            );
            whole.draws.insert(
                1,
                Draw::Rect {
                    x: geo.left,
                    y: 0.0,
                    w: 4.0,
                    h: whole.height,
                    fill: Some(color),
                    stroke: None,
                    tag: Tag::NONE,
                },
            );
            whole.gap_before = set.size * 0.8;
            whole.keep_with_next = false;
            vec![whole]
        } else {
            // Longer than a page: let it flow, striped line by line.
            for g in &mut inner {
                g.draws.insert(
                    0,
                    Draw::Rect {
                        x: geo.left,
                        y: 0.0,
                        w: 4.0,
                        h: g.height,
                        fill: Some(color),
                        stroke: None,
                        tag: Tag::NONE,
                    },
                );
            }
            inner
        }
    }

    /// A heading of `level`, `size` points, across the measure.
    pub(super) fn heading(
        &self,
        text: &str,
        level: u8,
        size: f32,
        bookmark: Option<u8>,
    ) -> Vec<Group> {
        let mut groups = self.heading_as(
            level,
            &vec![Span::text(text)],
            self.sized(size, true, INK),
            self.geo.left,
            self.geo.measure(),
        );
        if let (Some(level), Some(first)) = (bookmark, groups.first_mut()) {
            first.marks.push(Mark::Bookmark(level, text.to_string()));
        }
        groups
    }

    /// A check-off line: an empty square, then the text; a list item of
    /// the current list (see [`Composer::checklist`]), its square the
    /// label, read as a ballot box.
    pub(super) fn checkbox(&self, inline: &Inline, x: f32, w: f32, set: Setting) -> Vec<Group> {
        let box_size = set.size * 1.05;
        let indent = box_size + set.size * 0.6;
        let item = self.node(Role::LI);
        let label = self.tree.borrow_mut().add(Role::Lbl, item);
        self.tree.borrow_mut().set_actual(label, "\u{2610}");
        let body = self.tree.borrow_mut().add(Role::LBody, item);
        let mut groups = self.text_as(body, inline, set, x + indent, w - indent);
        if let Some(first) = groups.first_mut() {
            let baseline = first_baseline(first).unwrap_or(set.size);
            first.draws.insert(
                0,
                Draw::Rect {
                    x,
                    y: baseline - box_size * 0.85,
                    w: box_size,
                    h: box_size,
                    fill: None,
                    stroke: Some(Stroke {
                        color: INK,
                        width: 1.0,
                        dashed: false,
                    }),
                    tag: label,
                },
            );
        }
        groups
    }

    /// Starts a list of check boxes: [`Composer::checkbox`] items go in
    /// it until [`Composer::leave`] is given what this returns.
    pub(super) fn checklist(&self) -> Tag {
        let list = self.node(Role::L(Numbering::None));
        self.enter(list)
    }
}

/// True for text that ends in a colon or a comma: it leads on to what
/// follows.
fn leads_on(inline: &Inline) -> bool {
    let last = inline.iter().rev().find_map(|span| match &span.content {
        Content::Text(t) => t.trim_end().chars().last(),
        Content::Blank { .. } | Content::Break => None,
    });
    matches!(last, Some(':' | ',' | '：' | '，' | '،' | '、'))
}

/// Keeps the first of `parts` (lines, list items) with the second, and
/// the last with the one before it, so that no page starts or ends with
/// one alone. A part of several groups is kept by its last.
pub(super) fn keep_ends<T: KeepWithNext>(parts: &mut [T]) {
    let n = parts.len();
    if n >= 2 {
        parts[0].keep_with_next();
        parts[n - 2].keep_with_next();
    }
}

/// What [`keep_ends`] keeps: a group, or an item of groups.
pub(super) trait KeepWithNext {
    /// Keeps this on the page of what follows.
    fn keep_with_next(&mut self);
}

impl KeepWithNext for Group {
    fn keep_with_next(&mut self) {
        self.keep_with_next = true;
    }
}

impl KeepWithNext for Vec<Group> {
    fn keep_with_next(&mut self) {
        if let Some(last) = self.last_mut() {
            last.keep_with_next = true;
        }
    }
}
