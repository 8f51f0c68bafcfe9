//! Pictures and codes for the HTML page, all inline: images as `data:`
//! URIs scaled for screens, QR codes as inline SVG.

use std::fmt::Write;
use std::io::Cursor;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::assets::{self, ImageKind};
use crate::codes::{QUIET_ZONE, QrMatrix};

/// Widest picture sent to a screen: sharp on a phone, small in the file.
pub const MAX_SCREEN_PX: u32 = 1200;

/// A picture as a `data:` URI, with its size in CSS pixels.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DataImage {
    /// `data:image/…;base64,…`.
    pub src: String,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// Reads a picture and makes it a `data:` URI: PNG and JPEG scaled to at
/// most 1200 px wide (JPEG stays JPEG), SVG as written (`check` has
/// proved it self-contained, and an `<img>` never runs an SVG's scripts).
pub fn data_image(path: &Path, kind: ImageKind) -> Result<DataImage, String> {
    // A campaign puts the same pictures in every customer's page: each is
    // read, scaled and encoded once per process.
    let kept = recent().get(path).cloned();
    if let Some(image) = kept {
        return Ok(image);
    }
    let image = make_data_image(path, kind)?;
    recent().insert(path.to_path_buf(), image.clone());
    Ok(image)
}

type Kept = std::collections::HashMap<std::path::PathBuf, DataImage>;

fn recent() -> std::sync::MutexGuard<'static, Kept> {
    static KEPT: std::sync::LazyLock<std::sync::Mutex<Kept>> =
        std::sync::LazyLock::new(Default::default);
    KEPT.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Drops the kept pictures (between the guides of a folder build).
pub fn forget_images() {
    recent().clear();
}

fn make_data_image(path: &Path, kind: ImageKind) -> Result<DataImage, String> {
    let fail = |e: String| format!("{}: {e}", path.display());
    let bytes = assets::read_file(path).map_err(fail)?;
    match kind {
        ImageKind::Svg => {
            let tree = assets::parse_svg(&bytes).map_err(fail)?;
            let size = tree.size();
            Ok(DataImage {
                src: format!("data:image/svg+xml;base64,{}", STANDARD.encode(&bytes)),
                width: size.width().ceil() as u32,
                height: size.height().ceil() as u32,
            })
        }
        ImageKind::Png | ImageKind::Jpeg => {
            let img = assets::decode(&bytes, kind).map_err(fail)?;
            let (w, h) = (img.width(), img.height());
            // Sent as it is only if small enough and free of EXIF (which may
            // turn the picture or carry where it was taken).
            let as_is =
                w <= MAX_SCREEN_PX && !(kind == ImageKind::Jpeg && assets::has_exif(&bytes));
            let target = w.min(MAX_SCREEN_PX);
            let (mime, data) = if as_is {
                (mime(kind), bytes)
            } else {
                let nh = ((h as f32) * MAX_SCREEN_PX as f32 / w as f32)
                    .round()
                    .max(1.0) as u32;
                let small = assets::resample(&img, MAX_SCREEN_PX, nh).map_err(fail)?;
                let mut out = Vec::new();
                if kind == ImageKind::Jpeg {
                    out = assets::encode_jpeg(&small.to_rgb8(), 80).map_err(fail)?;
                } else {
                    // Fast deflate: a build is interactive, and the page
                    // stays well under its size budget. Paeth on every row
                    // made the example smaller than choosing a filter per
                    // row, at two thirds of the work.
                    let encoder = image::codecs::png::PngEncoder::new_with_quality(
                        Cursor::new(&mut out),
                        image::codecs::png::CompressionType::Fast,
                        image::codecs::png::FilterType::Paeth,
                    );
                    small
                        .write_with_encoder(encoder)
                        .map_err(|e| fail(e.to_string()))?;
                }
                (mime(kind), out)
            };
            let (width, height) = (
                target,
                ((h as f32) * target as f32 / w as f32).round().max(1.0) as u32,
            );
            Ok(DataImage {
                src: format!("data:{mime};base64,{}", STANDARD.encode(data)),
                width,
                height,
            })
        }
    }
}

fn mime(kind: ImageKind) -> &'static str {
    match kind {
        ImageKind::Png => "image/png",
        ImageKind::Jpeg => "image/jpeg",
        ImageKind::Svg => "image/svg+xml",
    }
}

/// A QR code as an inline SVG, quiet zone included, dark on white in both
/// colour schemes (a phone camera needs the contrast).
pub fn qr_svg(code: &QrMatrix, label: &str) -> String {
    let side = code.size + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (row, col, len) in code.runs() {
        let _ = write!(
            path,
            "M{} {}h{}v1h-{}z",
            col + QUIET_ZONE,
            row + QUIET_ZONE,
            len,
            len
        );
    }
    format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>",
        super::rich::escape(label)
    )
}
