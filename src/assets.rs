//! Images a guide uses: which kinds are accepted and whether they decode.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use image::DynamicImage;

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

/// Reads a picture or label file: a regular file (not a device or a pipe,
/// even behind a symlink) of at most 30 MB, read no further than that.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err("is not a regular file".to_string());
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "is {} bytes; images and labels may be at most 30 MB ({MAX_IMAGE_BYTES} bytes)",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_IMAGE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err("is larger than 30 MB".to_string());
    }
    Ok(bytes)
}

/// Reads and fully decodes an image to prove it is usable.
pub fn probe(path: &Path) -> Result<ImageInfo, String> {
    let kind = ImageKind::from_path(path)
        .ok_or_else(|| "is not a PNG, JPEG or SVG file (by its extension)".to_string())?;
    let bytes = read_file(path)?;
    let (width, height) = match kind {
        ImageKind::Svg => {
            let tree = parse_svg(&bytes)?;
            let size = tree.size();
            (size.width().ceil() as u32, size.height().ceil() as u32)
        }
        ImageKind::Png | ImageKind::Jpeg => {
            let img = decode(&bytes, kind)?;
            (img.width(), img.height())
        }
    };
    Ok(ImageInfo {
        kind,
        width,
        height,
    })
}

/// The options every SVG is read with: text in the bundled fonts, and no
/// file or web address ever followed (a guide's pictures cannot pull in
/// anything outside the guide).
pub fn svg_options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for bytes in crate::pdf::fonts::BUNDLED {
            db.load_font_data(bytes.to_vec());
        }
        db.set_sans_serif_family("Noto Sans");
        usvg::Options {
            fontdb: Arc::new(db),
            font_family: "Noto Sans".to_string(),
            resources_dir: None,
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        }
    })
}

/// The first reference in an SVG to anything outside it: an `href` that is
/// not `#id` or `data:`, or a CSS `url()` or `@import` of the same kind.
pub fn svg_outside_reference(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let doc = usvg::roxmltree::Document::parse_with_options(
        text,
        usvg::roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .ok()?;
    let inside = |v: &str| {
        let v = v.trim();
        v.is_empty() || v.starts_with('#') || v.to_ascii_lowercase().starts_with("data:")
    };
    for node in doc.descendants() {
        for attr in node.attributes() {
            if attr.name() == "href" && !inside(attr.value()) {
                return Some(attr.value().to_string());
            }
            if let Some(found) = css_outside(attr.value(), &inside) {
                return Some(found);
            }
        }
        if node.is_text()
            && let Some(found) = css_outside(node.text().unwrap_or(""), &inside)
        {
            return Some(found);
        }
    }
    None
}

fn css_outside(css: &str, inside: &dyn Fn(&str) -> bool) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if let Some(at) = lower.find("@import") {
        return Some(css[at..].chars().take(60).collect());
    }
    let mut rest = 0;
    while let Some(at) = lower[rest..].find("url(") {
        let start = rest + at + 4;
        let end = lower[start..].find(')').map_or(lower.len(), |e| start + e);
        let target = css[start..end].trim().trim_matches(['"', '\'']);
        if !inside(target) {
            return Some(target.to_string());
        }
        rest = end;
    }
    None
}

/// Results computed once per process for the same file bytes, so the
/// checks and the renderer (which may run at the same time) decode or
/// parse each picture once.
type Memo<T> = Mutex<HashMap<(usize, u64), Arc<OnceLock<T>>>>;

fn memo<T: Clone>(memo: &Memo<T>, bytes: &[u8], compute: impl FnOnce() -> T) -> T {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    let key = (bytes.len(), h.finish());
    let slot = memo
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_default()
        .clone();
    slot.get_or_init(compute).clone()
}

static DECODED: OnceLock<Memo<Result<Arc<DynamicImage>, String>>> = OnceLock::new();

/// Drops the decoded pictures, so memory does not grow with the number of
/// guides in one build.
pub fn forget_decoded() {
    if let Some(memo) = DECODED.get() {
        memo.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Decodes a PNG or JPEG within the limits (50 megapixels, the JPEG end
/// marker), once per process for the same bytes.
pub fn decode(bytes: &[u8], kind: ImageKind) -> Result<Arc<DynamicImage>, String> {
    memo(DECODED.get_or_init(Memo::default), bytes, || {
        decode_raster(bytes, kind).map(Arc::new)
    })
}

/// Parses a self-contained SVG, once per process for the same bytes.
pub fn parse_svg(bytes: &[u8]) -> Result<Arc<usvg::Tree>, String> {
    static PARSED: OnceLock<Memo<Result<Arc<usvg::Tree>, String>>> = OnceLock::new();
    memo(PARSED.get_or_init(Memo::default), bytes, || {
        if let Some(outside) = svg_outside_reference(bytes) {
            return Err(format!(
                "refers to `{outside}` outside itself; a guide's SVG must be self-contained (draw the shape, or embed the picture as a data: URI)"
            ));
        }
        usvg::Tree::from_data(bytes, svg_options())
            .map(Arc::new)
            .map_err(|e| format!("is not a readable SVG: {e}"))
    })
}

/// Encodes RGB pixels as a JPEG at `quality` (1–100).
pub fn encode_jpeg(rgb: &image::RgbImage, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match (u16::try_from(rgb.width()), u16::try_from(rgb.height())) {
        (Ok(w), Ok(h)) => jpeg_encoder::Encoder::new(&mut out, quality)
            .encode(rgb.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
            .map_err(|e| e.to_string())?,
        // Wider than a JPEG header can say with jpeg-encoder's types: the
        // image crate's slower encoder still copes.
        _ => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(rgb)
            .map_err(|e| e.to_string())?,
    }
    Ok(out)
}

/// Scales a picture down to `w` × `h`.
pub fn resample(img: &DynamicImage, w: u32, h: u32) -> Result<DynamicImage, String> {
    use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
    // A bilinear (tent) kernel, widened to the scale as fast_image_resize
    // does for any filter, so shrinking still averages every pixel: as
    // sharp as Catmull-Rom to the eye at 300 dpi or on a phone, at half
    // the work.
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    let mut resizer = Resizer::new();
    let fail = |e: fast_image_resize::ResizeError| format!("cannot scale the picture: {e}");
    if img.color().has_alpha() {
        let src = img.to_rgba8();
        let mut dst = image::RgbaImage::new(w, h);
        resizer.resize(&src, &mut dst, &options).map_err(fail)?;
        Ok(DynamicImage::ImageRgba8(dst))
    } else {
        let src = match img.as_rgb8() {
            Some(rgb) => std::borrow::Cow::Borrowed(rgb),
            None => std::borrow::Cow::Owned(img.to_rgb8()),
        };
        let mut dst = image::RgbImage::new(w, h);
        resizer
            .resize(src.as_ref(), &mut dst, &options)
            .map_err(fail)?;
        Ok(DynamicImage::ImageRgb8(dst))
    }
}

fn decode_raster(bytes: &[u8], kind: ImageKind) -> Result<DynamicImage, String> {
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
    // The JPEG decoder fills a cut-short file with grey instead of failing;
    // a whole JPEG ends with the end-of-image marker.
    if kind == ImageKind::Jpeg && !ends_with_eoi(bytes) {
        return Err("is cut short: the JPEG has no end marker (copy it again)".to_string());
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits_for(w, h));
    let unreadable = |e: image::ImageError| format!("is not a readable {}: {e}", name(kind));
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    // Phone photos are often stored sideways with an EXIF note to turn them.
    let orientation = image::ImageDecoder::orientation(&mut decoder).map_err(unreadable)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// True if a JPEG carries an EXIF segment (APP1).
pub fn has_exif(bytes: &[u8]) -> bool {
    // Markers before the image data: FF D8, then FF En segments.
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xff {
        let marker = bytes[at + 1];
        if marker == 0xe1 {
            return true;
        }
        if marker == 0xda {
            return false;
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        at += 2 + len;
    }
    false
}

fn ends_with_eoi(bytes: &[u8]) -> bool {
    // Some writers pad after the marker; allow a little trailing slack.
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    tail.windows(2).any(|w| w == [0xff, 0xd9])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_references_outside_are_found() {
        let ok = br##"<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/></svg>"##;
        assert_eq!(svg_outside_reference(ok), None);
        let web = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://t.example/p.png"/></svg>"#;
        assert_eq!(
            svg_outside_reference(web).as_deref(),
            Some("https://t.example/p.png")
        );
        let file =
            br#"<svg xmlns="http://www.w3.org/2000/svg"><image href="../../secret.png"/></svg>"#;
        assert_eq!(
            svg_outside_reference(file).as_deref(),
            Some("../../secret.png")
        );
        let css = br#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>"#;
        assert!(svg_outside_reference(css).is_some());
        let style = br#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url('http://x.example/p')"/></svg>"#;
        assert_eq!(
            svg_outside_reference(style).as_deref(),
            Some("http://x.example/p")
        );
    }

    #[test]
    fn a_cut_short_jpeg_is_not_readable() {
        let img = image::RgbImage::from_fn(640, 480, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
        });
        let mut jpeg = Vec::new();
        img.write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
        assert!(decode(&jpeg, ImageKind::Jpeg).is_ok());
        let cut = &jpeg[..jpeg.len() * 2 / 3];
        let err = decode(cut, ImageKind::Jpeg).unwrap_err();
        assert!(err.contains("cut short"), "{err}");
    }
}
