//! Pictures and codes for the HTML page, all inline: images as `data:`
//! URIs scaled for screens, QR codes as inline SVG.

use std::fmt::Write;
use std::io::Cursor;
use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::assets::{self, ImageKind};
use crate::codes::{QUIET_ZONE, QrMatrix};
use crate::context::Context;
use crate::memo::Memo;
use crate::paths::Confined;

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

/// The HTML page's pictures as `data:` URIs, for one build: a campaign
/// puts the same pictures in every customer's page, and each is read,
/// scaled and encoded once.
pub struct Cache(Memo<PathBuf, Result<DataImage, String>>);

impl Default for Cache {
    fn default() -> Cache {
        // A guide has a few dozen pictures at most.
        Cache(Memo::new(64))
    }
}

impl Cache {
    /// Reads a picture and makes it a `data:` URI: PNG and JPEG scaled to
    /// at most 1200 px wide (JPEG stays JPEG), SVG as written (`check` has
    /// proved it self-contained, and an `<img>` never runs an SVG's
    /// scripts).
    pub fn data_image(
        &self,
        ctx: &Context,
        file: &Confined,
        kind: ImageKind,
    ) -> Result<DataImage, String> {
        self.0
            .get_or(file.path(), || make_data_image(ctx, file, kind))
    }

    /// Forgets the last guide's pictures (between the guides of a folder
    /// build).
    pub fn forget(&self) {
        self.0.clear();
    }
}

fn make_data_image(ctx: &Context, file: &Confined, kind: ImageKind) -> Result<DataImage, String> {
    let path = file.path();
    let fail = |e: String| format!("{}: {e}", path.display());
    let bytes = assets::read(file).map_err(|e| fail(e.into()))?;
    match kind {
        ImageKind::Svg => {
            let tree = ctx.assets.parse_svg(&bytes).map_err(fail)?;
            let size = tree.size();
            Ok(DataImage {
                src: format!("data:image/svg+xml;base64,{}", STANDARD.encode(&bytes)),
                width: size.width().ceil() as u32,
                height: size.height().ceil() as u32,
            })
        }
        ImageKind::Png | ImageKind::Jpeg => {
            let (w, h) = assets::shown_size(&bytes, kind).map_err(|e| fail(e.into()))?;
            // Sent as it is only if small enough and free of EXIF (which may
            // turn the picture or carry where it was taken). The checks
            // prove it readable; it is decoded only to be scaled.
            let as_is =
                w <= MAX_SCREEN_PX && !(kind == ImageKind::Jpeg && assets::has_exif(&bytes));
            let width = w.min(MAX_SCREEN_PX);
            let height = ((h as f32) * width as f32 / w as f32).round().max(1.0) as u32;
            let data = if as_is {
                bytes
            } else {
                let img = ctx
                    .assets
                    .decode(&bytes, kind)
                    .map_err(|e| fail(e.into()))?;
                let small = if (img.width(), img.height()) == (width, height) {
                    img
                } else {
                    std::sync::Arc::new(ctx.assets.resample(&img, width, height).map_err(fail)?)
                };
                let mut out = Vec::new();
                if kind == ImageKind::Jpeg {
                    out = assets::encode_jpeg(&small, 80).map_err(fail)?;
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
                out
            };
            Ok(DataImage {
                src: format!("data:{};base64,{}", mime(kind), STANDARD.encode(data)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::Folder;

    /// A JPEG of `w` × `h` with an EXIF segment (orientation: upright).
    fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let plain = assets::encode_jpeg(&image::DynamicImage::ImageRgb8(img), 80).unwrap();
        let tiff: &[u8] = &[
            b'I', b'I', 42, 0, 8, 0, 0, 0, // little-endian, first IFD at 8
            1, 0, // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, // orientation = 1
            0, 0, 0, 0, // no next IFD
        ];
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend_from_slice(tiff);
        let len = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xff, 0xe1, len[0], len[1]]);
        out.extend_from_slice(&exif);
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn payload(image: &DataImage) -> Vec<u8> {
        let (_, data) = image.src.split_once(";base64,").unwrap();
        STANDARD.decode(data).unwrap()
    }

    #[test]
    fn pictures_are_sent_as_they_are_scaled_down_or_stripped_of_exif() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        let (ctx, cache) = (Context::new(), Cache::default());
        let data_image =
            |name: &str, kind| cache.data_image(&ctx, &folder.confine(name).unwrap(), kind);
        // Small and plain: the very bytes of the file.
        let small = dir.path().join("small.png");
        image::RgbImage::from_pixel(300, 200, image::Rgb([10, 20, 30]))
            .save(&small)
            .unwrap();
        let sent = data_image("small.png", ImageKind::Png).unwrap();
        assert_eq!((sent.width, sent.height), (300, 200));
        assert_eq!(payload(&sent), std::fs::read(&small).unwrap());
        // Wide: scaled to 1200 px.
        let wide = dir.path().join("wide.png");
        image::RgbImage::from_pixel(1600, 1000, image::Rgb([10, 20, 30]))
            .save(&wide)
            .unwrap();
        let sent = data_image("wide.png", ImageKind::Png).unwrap();
        assert_eq!((sent.width, sent.height), (1200, 750));
        let decoded = image::load_from_memory(&payload(&sent)).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (1200, 750));
        // Narrow with EXIF: re-encoded without it, at its own size.
        let exif = dir.path().join("exif.jpg");
        std::fs::write(&exif, jpeg_with_exif(640, 480)).unwrap();
        assert!(assets::has_exif(&std::fs::read(&exif).unwrap()));
        let sent = data_image("exif.jpg", ImageKind::Jpeg).unwrap();
        assert_eq!((sent.width, sent.height), (640, 480));
        let bytes = payload(&sent);
        assert!(!assets::has_exif(&bytes));
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (640, 480));
    }
}
