//! Machine-readable codes drawn by both renderers: QR codes as module
//! grids and Code 128 as bars (each renderer draws them itself, as
//! vectors).

use qrcode::{Color, EcLevel, QrCode, Version};

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
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|_| too_long())?;
    if matches!(code.version(), Version::Normal(v) if v > MAX_QR_VERSION) {
        return Err(too_long());
    }
    Ok(QrMatrix {
        size: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
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
