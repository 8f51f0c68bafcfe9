//! Page content streams, written straight to bytes.
//!
//! A page is thousands of operators; building them as printpdf `Op`s and
//! having printpdf and lopdf translate and re-encode each one was a third
//! of a campaign PDF's time. Text is written as glyph ids of the full
//! bundled font (see [`super::embed`]), so a page's bytes do not depend on
//! which other glyphs the document happens to use.

use std::io::Write;

use crate::resolve::Rgb;

use crate::fonts::{Face, Fonts, Usage};

/// Writes `args op` to a content stream, numbers to 1/1000 of a unit
/// (far finer than print; more digits only make the file bigger).
pub fn op(out: &mut Vec<u8>, name: &str, args: &[f32]) {
    for &v in args {
        number(out, v);
        out.push(b' ');
    }
    out.extend_from_slice(name.as_bytes());
    out.push(b'\n');
}

/// `v` to three decimals at most, without trailing zeros (`12.5`, `-0.333`,
/// `0`). Written by hand: formatting floats was a tenth of a PDF's time.
fn number(out: &mut Vec<u8>, v: f32) {
    // Saturates for huge values; NaN becomes 0 rather than an invalid token.
    let n = (f64::from(v) * 1000.0).round() as i64;
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut int = n / 1000;
    loop {
        at -= 1;
        digits[at] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
    let frac = n % 1000;
    if frac != 0 {
        let decimals = [
            b'.',
            b'0' + (frac / 100) as u8,
            b'0' + (frac / 10 % 10) as u8,
            b'0' + (frac % 10) as u8,
        ];
        let len = if frac.is_multiple_of(100) {
            2
        } else if frac.is_multiple_of(10) {
            3
        } else {
            4
        };
        out.extend_from_slice(&decimals[..len]);
    }
}

/// The resource name of a face's font on every page.
pub fn font_name(face: Face) -> &'static str {
    ["F1", "F2", "F3"][face as usize]
}

/// One page's content stream.
#[derive(Default)]
pub struct Content {
    out: Vec<u8>,
    text: Option<TextState>,
}

/// The open text object (`BT … ET`): neighbouring lines of text share
/// one, and the font and colour are set only when they change.
#[derive(Default)]
struct TextState {
    font: Option<(Face, f32)>,
    color: Option<Rgb>,
    /// Where the last line started (as written, rounded): `Td` moves
    /// relative to it.
    at: (f32, f32),
}

fn rounded(v: f32) -> f32 {
    ((f64::from(v) * 1000.0).round() / 1000.0) as f32
}

fn unit(c: u8) -> f32 {
    f32::from(c) / 255.0
}

impl Content {
    /// Writes `args name`; ends an open text object first.
    pub fn op(&mut self, name: &str, args: &[f32]) {
        self.end_text();
        op(&mut self.out, name, args);
    }

    /// Sets the fill colour.
    pub fn fill_colour(&mut self, c: Rgb) {
        self.op("rg", &[unit(c.0), unit(c.1), unit(c.2)]);
    }

    /// Sets the stroke colour.
    pub fn stroke_colour(&mut self, c: Rgb) {
        self.op("RG", &[unit(c.0), unit(c.1), unit(c.2)]);
    }

    /// Sets a dash pattern of `on`, `off` points.
    pub fn dash(&mut self, on: f32, off: f32) {
        self.end_text();
        let _ = writeln!(self.out, "[{on} {off}] 0 d");
    }

    /// Draws the XObject named `name` in the current coordinates.
    pub fn xobject(&mut self, name: &str) {
        self.end_text();
        let _ = writeln!(self.out, "/{name} Do");
    }

    /// Sets `text` with its baseline starting at `(x, y)` (PDF space),
    /// recording the glyphs it uses.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        face: Face,
        size: f32,
        color: Rgb,
        usage: &mut Usage,
    ) {
        if text.is_empty() {
            return;
        }
        let state = self.text.get_or_insert_with(|| {
            self.out.extend_from_slice(b"BT\n");
            TextState::default()
        });
        if state.font != Some((face, size)) {
            let _ = write!(self.out, "/{} ", font_name(face));
            op(&mut self.out, "Tf", &[size]);
            state.font = Some((face, size));
        }
        if state.color != Some(color) {
            op(
                &mut self.out,
                "rg",
                &[unit(color.0), unit(color.1), unit(color.2)],
            );
            state.color = Some(color);
        }
        let (x, y) = (rounded(x), rounded(y));
        op(&mut self.out, "Td", &[x - state.at.0, y - state.at.1]);
        state.at = (x, y);
        let fonts = Fonts::get();
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.out.push(b'<');
        for c in text.chars() {
            let gid = fonts.glyph(face, c);
            usage.add(face, gid, c);
            // By hand: `write!` was a tenth of a campaign PDF's time.
            for shift in [12, 8, 4, 0] {
                self.out.push(HEX[usize::from((gid >> shift) & 0xf)]);
            }
        }
        self.out.extend_from_slice(b"> Tj\n");
    }

    /// Ends the open text object, before anything that is not text.
    pub fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.out.extend_from_slice(b"ET\n");
        }
    }

    /// The finished stream.
    pub fn into_bytes(mut self) -> Vec<u8> {
        self.end_text();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_three_decimals_at_most() {
        let mut out = Vec::new();
        for v in [
            0.0,
            -0.0004,
            12.5,
            -0.3333,
            612.0,
            0.05,
            1.0 / 3.0,
            -1234.5678,
            f32::NAN,
        ] {
            number(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0 0 12.5 -0.333 612 0.05 0.333 -1234.568 0 "
        );
    }

    #[test]
    fn numbers_are_short_and_text_shares_one_object() {
        let mut c = Content::default();
        let mut usage = Usage::default();
        c.op("re", &[1.0, 2.5, -0.0001, 1.0 / 3.0]);
        c.text(
            10.0,
            700.0,
            "Hi",
            Face::Regular,
            11.0,
            Rgb(0, 0, 0),
            &mut usage,
        );
        c.text(
            10.0,
            686.0,
            "Hi",
            Face::Regular,
            11.0,
            Rgb(0, 0, 0),
            &mut usage,
        );
        let s = String::from_utf8(c.into_bytes()).unwrap();
        let h = Fonts::get().glyph(Face::Regular, 'H');
        let i = Fonts::get().glyph(Face::Regular, 'i');
        assert_eq!(
            s,
            format!(
                "1 2.5 0 0.333 re\nBT\n/F1 11 Tf\n0 0 0 rg\n10 700 Td\n<{h:04X}{i:04X}> Tj\n\
                 0 -14 Td\n<{h:04X}{i:04X}> Tj\nET\n"
            )
        );
        assert_eq!(usage.glyphs()[&Face::Regular].get(&h), Some(&'H'));
    }
}
