//! Machine-readable codes drawn by both renderers: QR codes as module
//! grids and Code 128 as bars (each renderer draws them itself, as
//! vectors).

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, Version};

use crate::memo::Memo;

/// Modules of quiet zone around every code, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;

/// The largest QR version printed. At the smallest module that scans
/// reliably from paper ([`MIN_MODULE_MM`]) a version-15 code is 38.5 mm
/// wide, which still fits beside its caption; longer payloads would need
/// smaller modules than a phone camera resolves at arm's length.
pub const MAX_QR_VERSION: i16 = 15;

/// Bytes that fit in a version-[`MAX_QR_VERSION`] code at error
/// correction M.
pub const MAX_QR_BYTES: usize = 412;

/// The smallest printed QR module, in millimetres.
pub const MIN_MODULE_MM: f32 = 0.5;

/// A QR code's dark and light modules, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub size: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// True if the module at column `x`, row `y` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    /// Horizontal runs of dark modules: `(row, first column, length)`.
    /// Drawing runs instead of single squares keeps files small and leaves
    /// no hairline gaps between neighbours.
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }
}

/// The QR codes of one build. The same codes (the support phone, the
/// links) appear in every PDF of a campaign and several times in one, and
/// choosing a code's mask is slow: each is encoded once.
pub(crate) struct Codes(Memo<String, Result<QrMatrix, String>>);

impl Default for Codes {
    fn default() -> Codes {
        // A guide prints a handful of codes; a campaign's rows the same.
        Codes(Memo::new(64))
    }
}

impl Codes {
    /// [`qr`], once per payload.
    pub(crate) fn qr(&self, payload: &str) -> Result<QrMatrix, String> {
        self.0.get_or(payload.to_string(), || encode_qr(payload))
    }
}

/// Encodes `payload` with error correction M (15 % of the code may be
/// damaged and it still scans).
fn encode_qr(payload: &str) -> Result<QrMatrix, String> {
    let too_long = || {
        format!(
            "{} bytes is too long for a QR code that scans from paper (at most {MAX_QR_BYTES} fit)",
            payload.len()
        )
    };
    if payload.len() > MAX_QR_BYTES {
        return Err(too_long());
    }
    let bits = qrcode::bits::encode_auto(payload.as_bytes(), EcLevel::M).map_err(|_| too_long())?;
    let version = bits.version();
    if matches!(version, Version::Normal(v) if v > MAX_QR_VERSION) {
        return Err(too_long());
    }
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M)
        .map_err(|_| too_long())?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    Ok(best_mask(&canvas, version.width() as usize))
}

/// The eight masks in the order the qrcode crate tries them.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// `canvas`, `size` modules wide, under the mask with the lowest penalty, the first of equals:
/// the code `QrCode::new` makes, chosen the same way. The crate scores a
/// mask through a boxed closure per module, which made choosing masks an
/// eighth of a campaign row's time; this scores a plain grid.
fn best_mask(canvas: &Canvas, size: usize) -> QrMatrix {
    let mut best: Option<(u32, QrMatrix)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let matrix = QrMatrix { size, dark };
        let score = penalty(&matrix);
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, matrix));
        }
    }
    best.map(|(_, matrix)| matrix).unwrap_or(QrMatrix {
        size: 0,
        dark: Vec::new(),
    })
}

/// A masked code's penalty as the qrcode crate counts it (ISO 18004 §7.8.3,
/// with its quirks kept so the same mask wins): runs of five or more
/// modules of one colour, 2 × 2 blocks, finder-like patterns without
/// four light modules on a side, and the distance from half dark. Each
/// row and column is a bit set (a printed code is at most 77 modules
/// wide), so every rule is a few operations a line.
fn penalty(m: &QrMatrix) -> u32 {
    let n = m.size.min(127);
    let mut rows = vec![0u128; n];
    let mut columns = vec![0u128; n];
    for (y, row) in rows.iter_mut().enumerate() {
        for (x, column) in columns.iter_mut().enumerate() {
            if m.is_dark(x, y) {
                *row |= 1 << x;
                *column |= 1 << y;
            }
        }
    }
    let mut score = 0u32;
    for &line in rows.iter().chain(&columns) {
        score += runs_penalty(line, n) + finder_penalty(line, n);
    }
    // Bits 0 to n − 2: where a block can start.
    let starts = (1u128 << n.saturating_sub(1)) - 1;
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let down = !(a ^ b);
        let across = !(a ^ (a >> 1));
        score += 3 * (down & (down >> 1) & across & starts).count_ones();
    }
    let dark: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let ratio = dark as usize * 200 / (n * n).max(1);
    score + ratio.abs_diff(100) as u32
}

/// Runs of 5 + k modules of one colour score 3 + k, in a line of `n`.
fn runs_penalty(line: u128, n: usize) -> u32 {
    let mut score = 0;
    let mut x = 0;
    while x < n {
        let rest = line >> x;
        let run = if rest & 1 == 1 {
            rest.trailing_ones()
        } else {
            rest.trailing_zeros()
        };
        let run = (run as usize).min(n - x);
        if run >= 5 {
            score += run as u32 - 2;
        }
        x += run;
    }
    score
}

/// Dark-light-dark-dark-dark-light-dark, without a dark module in the four
/// before it or in the four after it, scores 40.
fn finder_penalty(line: u128, n: usize) -> u32 {
    if n < 7 {
        return 0;
    }
    let l = line;
    // Bit j set where the pattern starts at module j (it reads the same
    // both ways), for patterns that end inside the line.
    let mut at = l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6);
    at &= (1u128 << (n - 6)) - 1;
    let mut score = 0;
    while at != 0 {
        let j = at.trailing_zeros() as usize;
        at &= at - 1;
        let before = if j >= 4 {
            (l >> (j - 4)) & 0xF
        } else {
            l & ((1 << j) - 1)
        };
        let after = (l >> (j + 7)) & 0xF;
        if before == 0 || after == 0 {
            score += 40;
        }
    }
    score
}

/// Modules of quiet zone on each side of a Code 128 barcode.
pub const BAR_QUIET_ZONE: usize = 10;

/// A Code 128 barcode (character set B: printable ASCII) as modules, true
/// for a dark bar.
pub fn code128(data: &str) -> Result<Vec<bool>, String> {
    if data.is_empty() || !data.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        return Err(format!(
            "`{data}` cannot be a Code 128 barcode: only printable ASCII characters fit"
        ));
    }
    let code = barcoders::sym::code128::Code128::new(format!("\u{0181}{data}"))
        .map_err(|e| format!("`{data}` cannot be a Code 128 barcode: {e}"))?;
    Ok(code.encode().into_iter().map(|m| m == 1).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qr(payload: &str) -> Result<QrMatrix, String> {
        Codes::default().qr(payload)
    }

    /// The faster mask choice must pick the mask the qrcode crate picks:
    /// same modules, for payloads of every version printed.
    #[test]
    fn mask_choice_matches_the_qrcode_crate() {
        let mut payloads = vec![
            "tel:+18005550199".to_string(),
            "WIFI:T:WPA;S:HomeNet-7912;P:pass;word\\\"7;;".to_string(),
            "https://example.net/return?rma=RMA-00000042".to_string(),
        ];
        for n in 1..=120 {
            payloads.push(format!("LB-{}-{}", n * 7919, "x".repeat(n * 3)));
        }
        let mut versions = std::collections::BTreeSet::new();
        for payload in &payloads {
            let ours = qr(payload).unwrap();
            let theirs = qrcode::QrCode::with_error_correction_level(payload, EcLevel::M).unwrap();
            versions.insert(theirs.width());
            let dark: Vec<bool> = theirs
                .to_colors()
                .iter()
                .map(|c| *c == Color::Dark)
                .collect();
            assert_eq!(ours.size, theirs.width(), "{payload}");
            assert_eq!(ours.dark, dark, "{payload}");
        }
        assert!(versions.len() >= 12, "{versions:?}");
    }

    #[test]
    fn encodes_and_runs_cover_every_dark_module() {
        let m = qr("tel:+18005550199").unwrap();
        assert_eq!(m.size, 21);
        let dark: usize = (0..m.size)
            .flat_map(|y| (0..m.size).map(move |x| (x, y)))
            .filter(|&(x, y)| m.is_dark(x, y))
            .count();
        let in_runs: usize = m.runs().iter().map(|r| r.2).sum();
        assert_eq!(dark, in_runs);
        // Finder pattern: the top-left corner is dark.
        assert!(m.is_dark(0, 0));
    }

    #[test]
    fn code128_starts_and_ends_with_bars() {
        let m = code128("RMA-2026-0042").unwrap();
        // Start B (11 modules) + 13 symbols + check (11 each) + stop (13).
        assert_eq!(m.len(), 11 * 15 + 13);
        assert!(m[0] && *m.last().unwrap());
        assert!(code128("Señal").is_err());
        assert!(code128("").is_err());
    }

    #[test]
    fn too_long_is_an_error() {
        assert!(qr(&"x".repeat(5000)).is_err());
        let longest = qr(&"x".repeat(MAX_QR_BYTES)).unwrap();
        assert_eq!(longest.size, 17 + 4 * MAX_QR_VERSION as usize);
        assert!(qr(&"x".repeat(MAX_QR_BYTES + 1)).is_err());
        // Multi-byte characters count as bytes.
        assert!(qr(&"é".repeat(MAX_QR_BYTES / 2 + 1)).is_err());
    }
}
