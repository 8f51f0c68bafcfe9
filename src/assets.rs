//! Images a guide uses: which kinds are accepted and whether they decode.

use std::path::Path;

/// Largest image file accepted.
pub const MAX_IMAGE_BYTES: u64 = 30 * 1024 * 1024;
/// Largest image accepted, in pixels: guards against decompression bombs.
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// The image formats a guide may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG, drawn as vectors.
    Svg,
}

impl ImageKind {
    /// The kind a file name's extension promises.
    pub fn from_path(path: &Path) -> Option<ImageKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(ImageKind::Png),
            "jpg" | "jpeg" => Some(ImageKind::Jpeg),
            "svg" => Some(ImageKind::Svg),
            _ => None,
        }
    }
}

/// An image that decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// Its format.
    pub kind: ImageKind,
    /// Width in pixels (SVG: user units).
    pub width: u32,
    /// Height in pixels (SVG: user units).
    pub height: u32,
}

/// Reads and fully decodes an image to prove it is usable.
pub fn probe(path: &Path) -> Result<ImageInfo, String> {
    let kind = ImageKind::from_path(path)
        .ok_or_else(|| "is not a PNG, JPEG or SVG file (by its extension)".to_string())?;
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_IMAGE_BYTES {
        return Err(format!(
            "is {} MB; images may be at most 30 MB",
            size / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    let (width, height) = match kind {
        ImageKind::Svg => {
            let tree = usvg::Tree::from_data(&bytes, &usvg::Options::default())
                .map_err(|e| format!("is not a readable SVG: {e}"))?;
            let size = tree.size();
            (size.width().ceil() as u32, size.height().ceil() as u32)
        }
        ImageKind::Png | ImageKind::Jpeg => decode_raster(&bytes, kind)?,
    };
    Ok(ImageInfo {
        kind,
        width,
        height,
    })
}

fn decode_raster(bytes: &[u8], kind: ImageKind) -> Result<(u32, u32), String> {
    let format = match kind {
        ImageKind::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 4);
    reader.limits(limits);
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| format!("is not a readable {}: {e}", name(kind)))?;
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(format!(
            "is {w}×{h} pixels; images may be at most 50 megapixels"
        ));
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits_for(w, h));
    reader
        .decode()
        .map_err(|e| format!("is not a readable {}: {e}", name(kind)))?;
    Ok((w, h))
}

fn limits_for(w: u32, h: u32) -> image::Limits {
    let mut limits = image::Limits::default();
    // Room for 16-bit RGBA plus the decoder's own buffers.
    limits.max_alloc = Some(u64::from(w) * u64::from(h) * 8 + (64 << 20));
    limits
}

fn name(kind: ImageKind) -> &'static str {
    match kind {
        ImageKind::Png => "PNG",
        ImageKind::Jpeg => "JPEG",
        ImageKind::Svg => "SVG",
    }
}
