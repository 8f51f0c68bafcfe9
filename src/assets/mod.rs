//! Pictures and labels a guide uses: which kinds are accepted, reading
//! them (only through [`crate::paths::Confined`]), proving them usable,
//! and the decoded pictures a build shares between its stages.
//!
//! - [`svg`]: SVG options and the outside-reference scan;
//! - [`png`]: a PNG proved whole without unfiltering it;
//! - [`raster`]: PNG/JPEG decoding within limits, scaling, JPEG encoding;
//! - [`label`]: a carrier label PDF's page size.

pub(crate) mod label;
pub(crate) mod png;
pub(crate) mod raster;
pub(crate) mod svg;

use std::fmt;
use std::path::Path;

use std::sync::Arc;

use image::DynamicImage;

use crate::memo::Memo;
use crate::paths::{Confined, ReadError};

pub(crate) use raster::{encode_jpeg, has_exif, shown_size};

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

/// Why a picture or label cannot be used: callers tell a file that is too
/// big (scale it down) from one that is not readable (save it again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// Over a size limit, in bytes or pixels.
    TooLarge(String),
    /// Anything else: not that format, damaged, cut short, gone.
    Unreadable(String),
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageError::TooLarge(why) | ImageError::Unreadable(why) => f.write_str(why),
        }
    }
}

impl From<ImageError> for String {
    fn from(e: ImageError) -> String {
        e.to_string()
    }
}

/// Reads a picture or label file: a regular file inside its folder of at
/// most 30 MB, read no further than that.
pub fn read(file: &Confined) -> Result<Vec<u8>, ImageError> {
    file.read(MAX_IMAGE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => ImageError::TooLarge(e.to_string()),
        _ => ImageError::Unreadable(e.to_string()),
    })
}

/// What a file's first bytes say it is, when its extension says another
/// picture kind: "this file is a PNG; rename it to .png" instead of the
/// decoder's "Illegal start bytes:8950".
fn misnamed(bytes: &[u8], kind: ImageKind) -> Option<String> {
    let (actual, extension) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("a PNG", Some("png"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("a JPEG", Some("jpg"))
    } else if bytes.starts_with(b"GIF8") {
        ("a GIF", None)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        ("a WebP", None)
    } else if bytes.starts_with(b"%PDF") {
        ("a PDF", None)
    } else {
        return None;
    };
    let named = match kind {
        ImageKind::Png => "png",
        ImageKind::Jpeg => "jpg",
        ImageKind::Svg => "svg",
    };
    if extension == Some(named) {
        return None;
    }
    Some(match extension {
        Some(right) => format!("is {actual} file, not what its name says; rename it to .{right}"),
        None => format!(
            "is {actual} file, which a guide cannot use; save it as a PNG or JPEG (for a photo)"
        ),
    })
}

/// The decoded pictures and parsed SVGs of one build, by file contents
/// (so a file edited between two builds in one process is read afresh),
/// and the scalers' working buffers. The checks and the renderers share
/// them: each photo is decoded once.
pub(crate) struct Cache {
    decoded: Memo<(usize, u64), Result<Arc<DynamicImage>, ImageError>>,
    parsed: Memo<(usize, u64), Result<Arc<usvg::Tree>, String>>,
    scalers: raster::Scalers,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            // A guide has a few dozen pictures at most.
            decoded: Memo::new(64),
            parsed: Memo::new(64),
            scalers: raster::Scalers::default(),
        }
    }
}

impl Cache {
    /// Reads and proves a picture usable: an SVG parsed, a JPEG decoded in
    /// full, a PNG's chunks and rows read through.
    pub(crate) fn probe(&self, file: &Confined) -> Result<ImageInfo, ImageError> {
        let path = file.path();
        let kind = ImageKind::from_path(&path).ok_or_else(|| {
            ImageError::Unreadable("is not a PNG, JPEG or SVG file (by its extension)".into())
        })?;
        let bytes = read(file)?;
        if let Some(why) = misnamed(&bytes, kind) {
            return Err(ImageError::Unreadable(why));
        }
        let (width, height) = match kind {
            ImageKind::Svg => {
                let tree = self.parse_svg(&bytes).map_err(ImageError::Unreadable)?;
                let size = tree.size();
                (size.width().ceil() as u32, size.height().ceil() as u32)
            }
            // Unfiltering a PNG's pixels cannot fail, so reading its chunks
            // and image data proves it as well as decoding it would, at a
            // fifth of the work; a PNG printed as it is is never decoded.
            ImageKind::Png => png::probe_png(&bytes)?,
            ImageKind::Jpeg => {
                let img = self.decode(&bytes, kind)?;
                (img.width(), img.height())
            }
        };
        Ok(ImageInfo {
            kind,
            width,
            height,
        })
    }

    /// Decodes a PNG or JPEG within the limits (50 megapixels, the JPEG
    /// end marker), once per build for the same bytes.
    pub(crate) fn decode(
        &self,
        bytes: &[u8],
        kind: ImageKind,
    ) -> Result<Arc<DynamicImage>, ImageError> {
        self.decoded.get_or(key(bytes), || {
            raster::decode_raster(bytes, kind).map(Arc::new)
        })
    }

    /// Parses a self-contained SVG, once per build for the same bytes.
    pub(crate) fn parse_svg(&self, bytes: &[u8]) -> Result<Arc<usvg::Tree>, String> {
        self.parsed
            .get_or(key(bytes), || svg::parse(bytes).map(Arc::new))
    }

    /// Scales a picture down to `w` × `h`.
    pub(crate) fn resample(
        &self,
        img: &DynamicImage,
        w: u32,
        h: u32,
    ) -> Result<DynamicImage, String> {
        raster::resample(img, w, h, &self.scalers)
    }

    /// Forgets the decoded pictures (between the guides of a folder
    /// build, so memory does not grow with the number of guides).
    pub(crate) fn forget(&self) {
        self.decoded.clear();
        self.parsed.clear();
    }
}

/// A file's contents as a memo key.
fn key(bytes: &[u8]) -> (usize, u64) {
    (bytes.len(), crate::fingerprint::of(bytes, 0))
}

/// True if the path names a PDF file.
pub(crate) fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_named_for_another_kind_says_which_it_is() {
        let png = b"\x89PNG\r\n\x1a\n....";
        let why = misnamed(png, ImageKind::Jpeg).unwrap();
        assert!(
            why.contains("is a PNG file") && why.contains("rename it to .png"),
            "{why}"
        );
        assert_eq!(misnamed(png, ImageKind::Png), None);
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0];
        assert!(misnamed(&jpeg, ImageKind::Png).unwrap().contains(".jpg"));
        assert!(misnamed(b"GIF89a", ImageKind::Png).unwrap().contains("GIF"));
        assert_eq!(misnamed(b"<svg/>", ImageKind::Svg), None);
    }
}
