//! One line of text as positioned glyphs, in the order they are drawn.
//!
//! The text is split where the bidi level (UAX #9) or the font changes;
//! each piece is shaped by harfrust, which implements HarfBuzz's shaping
//! (Arabic joining, Indic reordering and conjuncts, marks placed on their
//! base letter). Right-to-left runs come out of the shaper already in
//! visual order; the runs of a line are put in visual order by the bidi
//! algorithm. All harfrust calls live here, so its API (which still
//! changes between minor versions) touches one file.
//!
//! The layout shapes a span's text whole and cuts its lines out of that
//! shaping where HarfBuzz says a cut is safe ([`Shaped::slice`]). Text is
//! shaped again for every PDF of a campaign, so results are kept per
//! thread.

use std::ops::Range;
use std::sync::Arc;

use harfrust::{BufferFlags, Direction, ShapeOptions, ShapePlan, ShaperData, Tag, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

use super::{Face, Family, Font, Fonts};

/// A glyph, placed. Distances are in the font's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// The glyph id in the full font.
    pub id: u16,
    /// How far the pen moves after it.
    pub advance: i32,
    /// Shift right of the pen position (marks placed over a letter).
    pub dx: i32,
    /// Shift up from the baseline.
    pub dy: i32,
    /// The byte offset in the line's text of the character cluster it
    /// belongs to.
    pub cluster: u32,
    /// Breaking the text before this glyph's cluster and shaping the two
    /// sides apart would give other glyphs (the shaper looked across it).
    pub unsafe_to_break: bool,
}

/// Glyphs of one font, in visual order (left to right).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The font.
    pub font: Font,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
    /// The text the glyphs print, a range of [`Shaped::text`].
    pub text: Range<usize>,
    /// Written right to left.
    pub rtl: bool,
}

/// A line of text, shaped: its runs in visual order.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    /// The text as set: composed (NFC), with characters no font prints
    /// replaced by U+FFFD.
    pub text: String,
    /// The runs, left to right.
    pub runs: Vec<Run>,
    /// True when the text is set one glyph per character in one font,
    /// left to right, with no shaping: copying it out of the PDF needs
    /// nothing but each glyph's character.
    pub plain: bool,
}

impl Shaped {
    /// The advance width at `size` points.
    pub fn width(&self, size: f32) -> f32 {
        let fonts = Fonts::get();
        self.runs
            .iter()
            .map(|run| {
                let units: i32 = run.glyphs.iter().map(|g| g.advance).sum();
                let upem = fonts.metrics(run.font).units_per_em.max(1);
                units as f32 * size / f32::from(upem)
            })
            .sum()
    }

    /// The glyphs of `range` of the text, as shaping that part alone in
    /// direction `rtl` would give them: `None` unless both ends of the
    /// range start a cluster the shaper did not look across (HarfBuzz's
    /// unsafe-to-break flag) and every run in it goes that way. A
    /// paragraph is shaped once, and each line cut out of it so.
    pub fn slice(&self, range: Range<usize>, rtl: bool) -> Option<Shaped> {
        let text = self.text.get(range.clone())?;
        let glyphs = || self.runs.iter().flat_map(|r| &r.glyphs);
        // An end inside the text must start a cluster that is safe to
        // break before.
        let clean_edge = |at: usize| {
            if at == 0 || at == self.text.len() {
                return true;
            }
            let mut starting = glyphs().filter(|g| g.cluster as usize == at).peekable();
            starting.peek().is_some() && starting.all(|g| !g.unsafe_to_break)
        };
        if range.is_empty() || !clean_edge(range.start) || !clean_edge(range.end) {
            return None;
        }
        let mut runs = Vec::new();
        for run in &self.runs {
            let (start, end) = (run.text.start.max(range.start), run.text.end.min(range.end));
            if start >= end {
                continue;
            }
            if run.rtl != rtl {
                return None;
            }
            let glyphs = run
                .glyphs
                .iter()
                .filter(|g| range.contains(&(g.cluster as usize)))
                .map(|g| Glyph {
                    cluster: g.cluster - range.start as u32,
                    ..*g
                })
                .collect();
            runs.push(Run {
                font: run.font,
                glyphs,
                text: start - range.start..end - range.start,
                rtl,
            });
        }
        Some(Shaped {
            text: text.to_string(),
            runs,
            plain: false,
        })
    }
}

/// `text` shaped as one line in `face`. `rtl` is the base direction:
/// right to left, left to right, or `None` to take it from the first
/// letter (UAX #9 rules P2–P3).
pub fn line(text: &str, face: Face, rtl: Option<bool>) -> Arc<Shaped> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::hash::BuildHasher;
    // Keyed by a hash of the arguments, the text kept to confirm a hit: a
    // lookup, nearly always a hit, then copies and allocates nothing.
    type Kept = HashMap<u64, (Box<str>, Face, Option<bool>, Arc<Shaped>)>;
    thread_local! {
        static KEPT: RefCell<Kept> = RefCell::new(HashMap::new());
    }
    let key = foldhash::fast::FixedState::default().hash_one((text, face, rtl));
    let hit = KEPT.with_borrow(|kept| {
        let (t, f, r, shaped) = kept.get(&key)?;
        (&**t == text && *f == face && *r == rtl).then(|| shaped.clone())
    });
    if let Some(hit) = hit {
        return hit;
    }
    let shaped = Arc::new(shape_line(text, face, rtl));
    KEPT.with_borrow_mut(|kept| {
        // Bounded: customer values differ in every PDF.
        if kept.len() >= 8192 {
            kept.clear();
        }
        kept.insert(key, (text.into(), face, rtl, shaped.clone()));
    });
    shaped
}

fn shape_line(text: &str, face: Face, rtl: Option<bool>) -> Shaped {
    let fonts = Fonts::get();
    // Composed (NFC) by `printable_text`.
    let text = fonts.printable_text(face, text);
    if rtl != Some(true) && fonts.is_plain(face, &text) {
        let font = Font::of(Family::Sans, face.style);
        let glyphs = text
            .char_indices()
            .map(|(at, c)| {
                let id = fonts.glyph(font, c);
                Glyph {
                    id,
                    advance: i32::from(fonts.glyph_width(font, id)),
                    dx: 0,
                    dy: 0,
                    cluster: at as u32,
                    unsafe_to_break: false,
                }
            })
            .collect();
        let len = text.len();
        return Shaped {
            text,
            runs: vec![Run {
                font,
                glyphs,
                text: 0..len,
                rtl: false,
            }],
            plain: true,
        };
    }
    // Text of one direction only (a word, nearly always) is one run,
    // whatever the base direction: no bidi analysis needed.
    let runs = match one_direction(&text, rtl) {
        Some(rtl) => {
            let mut runs = Vec::new();
            push_runs(&mut runs, &text, 0..text.len(), face, rtl);
            runs
        }
        None => by_bidi(&text, face, rtl),
    };
    Shaped {
        text,
        runs,
        plain: false,
    }
}

/// `text` shaped whole with the bidi levels it has in its paragraph, one
/// per byte: a run per stretch of one level and font, the stretches in
/// reading order (the runs of each in visual order). For cutting lines out
/// of with [`Shaped::slice`], which needs no more order than that; not to
/// be drawn whole.
pub fn by_levels(text: &str, face: Face, levels: &[u8]) -> Shaped {
    let mut runs = Vec::new();
    let mut start = 0;
    while let Some(&level) = levels.get(start) {
        let end = text[start..]
            .char_indices()
            .find(|&(i, _)| levels.get(start + i) != Some(&level))
            .map_or(text.len(), |(i, _)| start + i);
        push_runs(&mut runs, text, start..end, face, level % 2 == 1);
        start = end;
    }
    Shaped {
        text: text.to_string(),
        runs,
        plain: false,
    }
}

/// Shapes `range` of `text`, all of one direction, onto `runs` in visual
/// order: a run per font.
fn push_runs(runs: &mut Vec<Run>, text: &str, range: Range<usize>, face: Face, rtl: bool) {
    let mut items = by_font(text, range, face);
    if rtl {
        items.reverse();
    }
    for (font, item) in items {
        runs.push(shape_item(text, item, font, rtl));
    }
}

/// The runs of `text` in visual order, after the bidi algorithm (UAX #9)
/// has found its levels.
fn by_bidi(text: &str, face: Face, rtl: Option<bool>) -> Vec<Run> {
    let mut runs = Vec::new();
    let base = rtl.map(|r| if r { Level::rtl() } else { Level::ltr() });
    let info = BidiInfo::new(text, base);
    for para in &info.paragraphs {
        let (levels, visual) = info.visual_runs(para, para.range.clone());
        for range in visual {
            let rtl = levels[range.start].is_rtl();
            push_runs(&mut runs, text, range, face, rtl);
        }
    }
    runs
}

/// `Some(true)` if `text` is right-to-left letters (and marks on them)
/// only, `Some(false)` if left-to-right letters only: either way all of
/// one level, so one run, and no bidi analysis is needed (UAX #9: strong
/// letters keep their direction, a mark takes its letter's). Spaces may
/// part the words when the paragraph (`base`, or else the first letter)
/// goes the same way: then they take its level too. `None` for anything
/// else.
fn one_direction(text: &str, base: Option<bool>) -> Option<bool> {
    use unicode_bidi::BidiClass::{AL, L, NSM, R, WS};
    let mut chars = text.chars();
    let rtl = match unicode_bidi::bidi_class(chars.next()?) {
        L => false,
        R | AL => true,
        _ => return None,
    };
    let spaces = base.unwrap_or(rtl) == rtl;
    chars
        .all(|c| match unicode_bidi::bidi_class(c) {
            L => !rtl,
            R | AL => rtl,
            NSM => true,
            WS => spaces && c == ' ',
            _ => false,
        })
        .then_some(rtl)
}

/// Splits `range` of `text` where the font that prints it changes.
fn by_font(text: &str, range: Range<usize>, face: Face) -> Vec<(Font, Range<usize>)> {
    let fonts = Fonts::get();
    let sans = Font::of(Family::Sans, face.style);
    let mut items: Vec<(Font, Range<usize>)> = Vec::new();
    let mut current: Option<Font> = None;
    for (at, c) in text[range.clone()].char_indices() {
        let at = range.start + at;
        let font = fonts.font_for(face, c, current).unwrap_or(sans);
        match items.last_mut() {
            Some((f, r)) if *f == font => r.end = at + c.len_utf8(),
            _ => items.push((font, at..at + c.len_utf8())),
        }
        current = Some(font);
    }
    items
}

/// The script of a piece of text (see [`super::script_of`]), as harfrust
/// names it for shaping.
fn harfrust_script(text: &str) -> Option<harfrust::Script> {
    let script = super::script_of(text)?;
    let name = script.short_name().as_bytes();
    let tag: [u8; 4] = name.try_into().ok()?;
    harfrust::Script::from_iso15924_tag(Tag::new(&tag))
}

/// Per font, what the shaper needs of it, built once per process when
/// the font is first shaped.
fn shaper_data(font: Font) -> &'static ShaperData {
    use std::sync::OnceLock;
    static DATA: [OnceLock<ShaperData>; 256] = [const { OnceLock::new() }; 256];
    DATA[font.index()].get_or_init(|| ShaperData::new(Fonts::get().font_ref(font)))
}

/// Shapes `range` of `text` in `font`, the text around it given as
/// context (so a letter at a run's edge still joins).
fn shape_item(text: &str, range: Range<usize>, font: Font, rtl: bool) -> Run {
    use std::cell::RefCell;
    use std::collections::HashMap;
    type Plans = HashMap<(Font, bool, Option<harfrust::Script>), Arc<ShapePlan>>;
    thread_local! {
        static PLANS: RefCell<Plans> = RefCell::new(HashMap::new());
    }
    let fonts = Fonts::get();
    let font_ref = fonts.font_ref(font);
    let shaper = shaper_data(font).shaper(font_ref).build();
    let direction = if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    };
    let piece = &text[range.clone()];
    let script = harfrust_script(piece);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(piece);
    buffer.set_pre_context(&text[..range.start]);
    buffer.set_post_context(&text[range.end..]);
    buffer.set_direction(direction);
    if let Some(script) = script {
        buffer.set_script(script);
    }
    let mut flags = BufferFlags::REMOVE_DEFAULT_IGNORABLES;
    if range.start == 0 {
        flags |= BufferFlags::BEGINNING_OF_TEXT;
    }
    if range.end == text.len() {
        flags |= BufferFlags::END_OF_TEXT;
    }
    buffer.set_flags(flags);
    // A plan is a few hundredths of a millisecond to build, several times
    // the cost of shaping a short line.
    let plan = PLANS.with_borrow_mut(|plans| {
        plans
            .entry((font, rtl, script))
            .or_insert_with(|| Arc::new(ShapePlan::new(&shaper, direction, script, None, &[])))
            .clone()
    });
    let out = shaper.shape(buffer, ShapeOptions::new().plan(Some(&plan)));
    let glyphs = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| Glyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance,
            dx: pos.x_offset,
            dy: pos.y_offset,
            cluster: info.cluster + range.start as u32,
            unsafe_to_break: info.unsafe_to_break(),
        })
        .collect();
    Run {
        font,
        glyphs,
        text: range,
        rtl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Style;

    fn fonts_used(s: &Shaped) -> Vec<&'static str> {
        s.runs.iter().map(|r| r.font.postscript_name()).collect()
    }

    #[test]
    fn text_of_one_direction_shapes_as_the_bidi_algorithm_would() {
        let samples = [
            ("ثانية", None),
            ("بِسْمِ", Some(false)),
            ("שָׁלוֹם", Some(true)),
            ("Brightline", Some(true)),
            ("नमस्ते", None),
            ("ราวเตอร์", Some(false)),
            ("انتظر ثانية ", Some(true)),
            ("انتظر ثانية", None),
            ("नमस्ते दुनिया", Some(false)),
        ];
        for (text, rtl) in samples {
            let direction = one_direction(text, rtl);
            assert!(direction.is_some(), "{text}");
            let s = shape_line(text, Face::REGULAR, rtl);
            assert_eq!(s.runs, by_bidi(&s.text, Face::REGULAR, rtl), "{text}");
            assert!(s.runs.iter().all(|r| r.rtl == direction.unwrap()), "{text}");
        }
        // Digits, mixed letters and spaces against the paragraph's
        // direction (where a line's last space takes the paragraph's
        // level) need the algorithm.
        let others = [
            ("انتظر 30", Some(true)),
            ("ثانية٣", None),
            ("abc ثانية", None),
            ("30", None),
            ("انتظر ثانية ", Some(false)),
            ("Brightline router ", Some(true)),
        ];
        for (text, rtl) in others {
            assert_eq!(one_direction(text, rtl), None, "{text}");
            let s = shape_line(text, Face::REGULAR, rtl);
            assert_eq!(s.runs, by_bidi(&s.text, Face::REGULAR, rtl), "{text}");
        }
    }

    #[test]
    fn latin_is_plain_and_matches_the_table() {
        let s = line("Unplug the gateway.", Face::REGULAR, None);
        assert!(s.plain);
        let w = Fonts::get().width(Face::REGULAR, "Unplug the gateway.", 11.0);
        assert!((s.width(11.0) - w).abs() < 0.001);
    }

    #[test]
    fn arabic_joins_and_numbers_read_left_to_right() {
        // "Wait 30 seconds": the digits are a left-to-right run inside the
        // right-to-left line, drawn between the two words.
        let s = line("انتظر 30 ثانية", Face::REGULAR, Some(true));
        assert!(!s.plain);
        let texts: Vec<&str> = s.runs.iter().map(|r| &s.text[r.text.clone()]).collect();
        assert_eq!(texts, ["ثانية", " ", "30", "انتظر "], "{:?}", s.runs);
        assert!(fonts_used(&s).contains(&"NotoSansArabic-Regular"));
        // Joined: the initial, medial and final forms are other glyphs
        // than the letters' own.
        let fonts = Fonts::get();
        let arabic = Font::of(Family::Arabic, Style::Regular);
        let isolated = fonts.glyph(arabic, 'ن');
        let word = s.runs.last().unwrap();
        assert!(!word.glyphs.iter().any(|g| g.id == isolated));
    }

    #[test]
    fn brackets_missing_from_the_arabic_font_come_from_noto_sans_mirrored() {
        let s = line("(مرحبا)", Face::REGULAR, Some(true));
        assert_eq!(
            fonts_used(&s),
            [
                "NotoSans-Regular",
                "NotoSansArabic-Regular",
                "NotoSans-Regular"
            ]
        );
        // Visually the line starts with the closing bracket's text, drawn
        // mirrored as "(".
        let fonts = Fonts::get();
        let sans = Font::of(Family::Sans, Style::Regular);
        assert_eq!(s.runs[0].glyphs[0].id, fonts.glyph(sans, '('));
        assert_eq!(&s.text[s.runs[0].text.clone()], ")");
    }

    #[test]
    fn devanagari_forms_conjuncts() {
        // क्ष is one conjunct glyph, not three.
        let s = line("क्ष", Face::BOLD, None);
        assert_eq!(s.runs.len(), 1);
        assert_eq!(s.runs[0].font.postscript_name(), "NotoSansDevanagari-Bold");
        assert_eq!(s.runs[0].glyphs.len(), 1, "{:?}", s.runs[0].glyphs);
    }

    /// Lines in each bundled script: joining, marks, conjuncts, stacked
    /// Thai vowels and tones, Vietnamese, kerning.
    const CORPUS: &[(&str, Family, Style, bool)] = &[
        (
            "افصل جهاز التوجيه ثم انتظر ثلاثين ثانية",
            Family::Arabic,
            Style::Regular,
            true,
        ),
        (
            "لا تضغط على زر إعادة الضبط",
            Family::Arabic,
            Style::Bold,
            true,
        ),
        (
            "يُحدِّث الجهازُ نفسَه، فلا تفصله.",
            Family::Arabic,
            Style::Regular,
            true,
        ),
        (
            "חברו את הכבל לשקע שבקיר",
            Family::Hebrew,
            Style::Regular,
            true,
        ),
        ("בְּרֵאשִׁית", Family::Hebrew, Style::Bold, true),
        (
            "पुराना राउटर बंद करें और तीस सेकंड प्रतीक्षा करें",
            Family::Devanagari,
            Style::Regular,
            false,
        ),
        (
            "क्षमा करें, श्रृंखला त्रुटि: कृपया पुनः प्रयास करें",
            Family::Devanagari,
            Style::Bold,
            false,
        ),
        (
            "ถอดปลั๊กเราเตอร์ออก แล้วรอสามสิบวินาที",
            Family::Thai,
            Style::Regular,
            false,
        ),
        ("กรุณาติดต่อเจ้าหน้าที่", Family::Thai, Style::Bold, false),
        (
            "Rút phích cắm bộ định tuyến cũ, rồi đợi ba mươi giây.",
            Family::Sans,
            Style::Regular,
            false,
        ),
        (
            "AVATAR Wi-Fi office: Tolkien’s “fjord”",
            Family::Sans,
            Style::Italic,
            false,
        ),
    ];

    /// A placed glyph as hb-shape prints it: glyph, cluster, dx, dy,
    /// advance.
    type Placed = (u16, u32, i32, i32, i32);

    /// hb-shape's glyphs for `text`.
    fn harfbuzz(text: &str, font: Font, rtl: bool) -> Option<Vec<Placed>> {
        let path = format!(
            "{}/assets/fonts/{}.ttf",
            env!("CARGO_MANIFEST_DIR"),
            font.postscript_name()
        );
        let script = harfrust_script(text).map(|s| {
            let tag = s.tag().to_be_bytes();
            String::from_utf8_lossy(&tag).into_owned()
        });
        let mut command = std::process::Command::new("hb-shape");
        command.args([
            format!("--font-file={path}").as_str(),
            "--no-glyph-names",
            "--output-format=json",
            "--utf8-clusters",
            "--bot",
            "--eot",
            "--remove-default-ignorables",
            if rtl {
                "--direction=rtl"
            } else {
                "--direction=ltr"
            },
            format!("--text={text}").as_str(),
        ]);
        if let Some(script) = script {
            command.arg(format!("--script={script}"));
        }
        let out = command.output().ok()?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
        let int = |g: &serde_json::Value, k: &str| g[k].as_i64().unwrap_or(i64::MIN);
        Some(
            json.as_array()?
                .iter()
                .map(|g| {
                    (
                        int(g, "g") as u16,
                        int(g, "cl") as u32,
                        int(g, "dx") as i32,
                        int(g, "dy") as i32,
                        int(g, "ax") as i32,
                    )
                })
                .collect(),
        )
    }

    /// The glyphs placed equal HarfBuzz's own, for the same font file.
    #[test]
    fn shaping_matches_hb_shape() {
        let have = std::process::Command::new("hb-shape")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !have {
            assert!(
                std::env::var_os("SWAPGUIDE_REQUIRE_TOOLS").is_none(),
                "hb-shape is missing: apt-get install libharfbuzz-bin (.ci/run does)"
            );
            eprintln!("SKIPPED: hb-shape is not installed");
            return;
        }
        for &(text, family, face, rtl) in CORPUS {
            let font = Font::of(family, face);
            let run = shape_item(text, 0..text.len(), font, rtl);
            let ours: Vec<Placed> = run
                .glyphs
                .iter()
                .map(|g| (g.id, g.cluster, g.dx, g.dy, g.advance))
                .collect();
            let theirs = harfbuzz(text, font, rtl).expect("hb-shape output");
            assert_eq!(ours, theirs, "{text} in {}", font.postscript_name());
            assert!(ours.iter().all(|g| g.0 != 0), "a .notdef in {text}");
        }
    }

    #[test]
    fn italic_arabic_is_set_upright() {
        let s = line("مرحبا", Face::ITALIC, None);
        assert_eq!(fonts_used(&s), ["NotoSansArabic-Regular"]);
    }

    /// Each glyph as it is drawn: font, id, advance, offsets, cluster.
    fn placed(s: &Shaped) -> Vec<(Font, u16, i32, i32, i32, u32)> {
        s.runs
            .iter()
            .flat_map(|r| {
                r.glyphs
                    .iter()
                    .map(|g| (r.font, g.id, g.advance, g.dx, g.dy, g.cluster))
            })
            .collect()
    }

    #[test]
    fn a_slice_of_a_paragraph_is_that_text_shaped_alone() {
        // "Unplug the old cable, then connect the new gateway to socket
        // 2 in the wall, and wait a minute."
        let text = "افصل الكابل القديم، ثم صِل البوابة الجديدة بالمقبس 2 في الحائط وانتظر دقيقة.";
        let whole = line(text, Face::REGULAR, Some(true));
        // Every stretch of whole words, as a line would hold them.
        let edges: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices(' ').flat_map(|(at, _)| [at, at + 1]))
            .chain([text.len()])
            .collect();
        let (mut cut, mut tried) = (0, 0);
        for (i, &start) in edges.iter().enumerate().step_by(2) {
            for &end in edges[i + 1..].iter().step_by(2) {
                tried += 1;
                let Some(slice) = whole.slice(start..end, true) else {
                    continue;
                };
                cut += 1;
                let alone = line(&text[start..end], Face::REGULAR, Some(true));
                assert_eq!(slice.text, alone.text);
                assert_eq!(placed(&slice), placed(&alone), "{}", &text[start..end]);
            }
        }
        // All but the stretches holding the left-to-right digit.
        assert!(cut * 2 > tried, "{cut} of {tried} cut");
        // Inside a word, between joined letters (ق and د of القديم), the
        // shaper looked across: never cut there.
        let inside = text.find("القديم").unwrap() + "الق".len();
        assert!(whole.slice(0..inside, true).is_none());
        assert!(whole.slice(inside..text.len(), true).is_none());
    }
}
