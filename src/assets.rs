//! Images a guide uses: which kinds are accepted and whether they decode.

use std::collections::HashMap;
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
        // Unfiltering a PNG's pixels cannot fail, so reading its chunks
        // and image data proves it as well as decoding it would, at a
        // fifth of the work; a PNG printed as it is is never decoded.
        ImageKind::Png => probe_png(&bytes)?,
        ImageKind::Jpeg => {
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
            // Read in place from the binary, not copied.
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
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
    let key = (bytes.len(), crate::fingerprint::of(bytes, 0));
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

/// Encodes a picture as a JPEG at `quality` (1–100), its pixels as RGB
/// (copied into that layout only if they are in another).
pub fn encode_jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let rgb = img.as_rgb8().map_or_else(
        || std::borrow::Cow::Owned(img.to_rgb8()),
        std::borrow::Cow::Borrowed,
    );
    let mut out = Vec::new();
    match (u16::try_from(rgb.width()), u16::try_from(rgb.height())) {
        (Ok(w), Ok(h)) => jpeg_encoder::Encoder::new(&mut out, quality)
            .encode(rgb.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
            .map_err(|e| e.to_string())?,
        // Wider than a JPEG header can say with jpeg-encoder's types: the
        // image crate's slower encoder still copes.
        _ => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(rgb.as_ref())
            .map_err(|e| e.to_string())?,
    }
    Ok(out)
}

/// Scales a picture down to `w` × `h`.
pub fn resample(img: &DynamicImage, w: u32, h: u32) -> Result<DynamicImage, String> {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg};
    use std::borrow::Cow;
    // Shrinking by less than half, plain bilinear interpolation: each new
    // pixel blends the four nearest, and every old pixel still counts. It
    // is the fastest, and closer to a Lanczos result than a widened kernel,
    // which blurs. Shrinking further, that would skip pixels (moiré), so a
    // bilinear (tent) kernel widened to the scale averages them all.
    let slight = img.width() < 2 * w && img.height() < 2 * h;
    let alg = if slight {
        ResizeAlg::Interpolation(FilterType::Bilinear)
    } else {
        ResizeAlg::Convolution(FilterType::Bilinear)
    };
    if img.color().has_alpha() {
        let src = img
            .as_rgba8()
            .map_or_else(|| Cow::Owned(img.to_rgba8()), Cow::Borrowed);
        let mut dst = image::RgbaImage::new(w, h);
        resample_in_bands(src.as_ref(), &mut dst, PixelType::U8x4, alg)?;
        Ok(DynamicImage::ImageRgba8(dst))
    } else {
        let src = img
            .as_rgb8()
            .map_or_else(|| Cow::Owned(img.to_rgb8()), Cow::Borrowed);
        let mut dst = image::RgbImage::new(w, h);
        resample_in_bands(src.as_ref(), &mut dst, PixelType::U8x3, alg)?;
        Ok(DynamicImage::ImageRgb8(dst))
    }
}

/// Scales `src` to fill `dst`, a band of rows at a time. A band's working
/// buffer (the source rows it needs, at the new width) stays small enough
/// to remain in the cache and is reused, where one buffer for the whole
/// picture was megabytes of fresh memory to page in. Each band reads the
/// source rows around its own, so the result is the same as scaling in one
/// go. (The bands are not spread over rayon's threads: this runs inside
/// once-only slots, and a thread waiting for its bands could pick up a job
/// that waits for the very slot it is filling.)
fn resample_in_bands<P>(
    src: &image::ImageBuffer<P, Vec<u8>>,
    dst: &mut image::ImageBuffer<P, Vec<u8>>,
    pixel: fast_image_resize::PixelType,
    alg: fast_image_resize::ResizeAlg,
) -> Result<(), String>
where
    P: image::Pixel<Subpixel = u8>,
    image::ImageBuffer<P, Vec<u8>>: fast_image_resize::IntoImageView,
{
    use fast_image_resize::{ResizeOptions, Resizer, images::Image};
    /// Rows of the new picture per band: few enough bands that working out
    /// each band's weights costs next to nothing.
    const BAND_ROWS: usize = 256;
    thread_local! {
        static RESIZER: std::cell::RefCell<Resizer> = std::cell::RefCell::new(Resizer::new());
    }
    let (w, h) = dst.dimensions();
    let (src_w, src_h) = (f64::from(src.width()), f64::from(src.height()));
    let row_bytes = w as usize * pixel.size();
    if row_bytes == 0 || h == 0 {
        return Ok(());
    }
    let src_rows_per_row = src_h / f64::from(h);
    dst.chunks_mut(row_bytes * BAND_ROWS)
        .enumerate()
        .try_for_each(|(i, band)| {
            let rows = band.len() / row_bytes;
            let top = (i * BAND_ROWS) as f64 * src_rows_per_row;
            let options = ResizeOptions::new().resize_alg(alg).crop(
                0.0,
                top,
                src_w,
                rows as f64 * src_rows_per_row,
            );
            let mut view =
                Image::from_slice_u8(w, rows as u32, band, pixel).map_err(|e| e.to_string())?;
            RESIZER
                .with_borrow_mut(|resizer| resizer.resize(src, &mut view, &options))
                .map_err(|e| e.to_string())
        })
        .map_err(|e| format!("cannot scale the picture: {e}"))?;
    // A band of a very large picture can still need a large buffer: one
    // over 16 MB is let go rather than kept by the thread.
    RESIZER.with_borrow_mut(|resizer| {
        if resizer.size_of_internal_buffers() > 16 << 20 {
            resizer.reset_internal_buffers();
        }
    });
    Ok(())
}

fn decode_raster(bytes: &[u8], kind: ImageKind) -> Result<DynamicImage, String> {
    let (decoder, orientation) = raster_decoder(bytes, kind)?;
    let mut img = DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("is not a readable {}: {e}", name(kind)))?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// A decoder past the header of a PNG or JPEG within the limits (50
/// megapixels, the JPEG end marker), and how the picture is to be turned.
fn raster_decoder(
    bytes: &[u8],
    kind: ImageKind,
) -> Result<
    (
        Box<dyn image::ImageDecoder + '_>,
        image::metadata::Orientation,
    ),
    String,
> {
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
    Ok((Box::new(decoder), orientation))
}

/// A PNG's size as it is shown, once its chunks and image data are proved
/// whole.
fn probe_png(bytes: &[u8]) -> Result<(u32, u32), String> {
    let size = shown_size(bytes, ImageKind::Png)?;
    png_data_is_whole(bytes).map_err(|e| format!("is not a readable PNG: {e}"))?;
    Ok(size)
}

/// A PNG's or JPEG's size as it is shown (turned as its EXIF says), read
/// from its header.
pub fn shown_size(bytes: &[u8], kind: ImageKind) -> Result<(u32, u32), String> {
    use image::metadata::Orientation;
    let (decoder, orientation) = raster_decoder(bytes, kind)?;
    let (w, h) = decoder.dimensions();
    Ok(match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (h, w),
        _ => (w, h),
    })
}

/// Reads a PNG's chunks (checksums and order, as the decoder checks them)
/// and inflates its image data, checking each row's filter type and that
/// every row is there: all a full decode can fail on, since unfiltering
/// turns any bytes into pixels. The rows are not unfiltered. As the decoder
/// does, it inflates no more than the rows need, then reads on to the end
/// of the image data chunks and stops.
fn png_data_is_whole(bytes: &[u8]) -> Result<(), String> {
    use png::{Decoded, StreamingDecoder, UnfilterRegion};
    /// Most room kept free after the decompressed bytes, beyond the 32 KiB
    /// the decompressor looks back into.
    const ROOM: usize = 64 * 1024;
    /// How many checked bytes may pile up before the buffer is shifted:
    /// shifting after every call copied the look-back window each time,
    /// four times the image's bytes in all.
    const SHIFT_AT: usize = 256 * 1024;
    let mut decoder = StreamingDecoder::new();
    let mut buffer = Vec::new();
    let mut region = UnfilterRegion::default();
    let mut input = bytes;
    // The rows still to come, pass by pass, from the header.
    let mut rows: Option<RowsLeft> = None;
    // Where the next row starts, counted from the start of the image data,
    // and how much of the image data has been shifted out of the buffer.
    let (mut next_row, mut base) = (0usize, 0usize);
    let mut stalled = 0;
    // Every row has arrived.
    let mut complete = false;
    loop {
        let mut into = (!complete).then(|| region.as_buf(&mut buffer));
        let (used, decoded) = decoder
            .update(input, into.as_mut())
            .map_err(|e| e.to_string())?;
        input = &input[used..];
        if rows.is_none()
            && let Some(info) = decoder.info()
        {
            rows = Some(RowsLeft::new(info));
        }
        if let Some(rows) = rows.as_mut() {
            let arrived = base + region.filled;
            // Each row that has arrived must start with a filter type 0–4.
            while let Some(len) = rows.next_len()
                && next_row < arrived
            {
                let filter = buffer[next_row - base];
                if filter > 4 {
                    return Err(format!("unknown filter type {filter}"));
                }
                next_row += len;
                rows.take_one();
            }
            complete = rows.is_done() && next_row <= arrived;
            // Now and then drop what is checked, keeping the look-back
            // window, so the buffer stays small; and leave room for no more
            // than the rows still to come.
            if region.available >= SHIFT_AT {
                buffer.copy_within(region.available..region.filled, 0);
                base += region.available;
                region.filled -= region.available;
                region.available = 0;
            }
            // Grown (and zeroed) only when short of room, so the bytes
            // are not cleared again after every shift.
            let left = rows.bytes_left(next_row, arrived);
            let (least, most) = (
                region.filled + ROOM.min(left),
                region.filled.saturating_add(left),
            );
            if buffer.len() < least {
                buffer.resize(least, 0);
            } else if buffer.len() > most {
                buffer.truncate(most);
            }
        }
        match decoded {
            Decoded::ImageDataFlushed if complete => {
                // Its palette comes before its image data, or never.
                let info = decoder.info();
                if info
                    .is_some_and(|i| i.color_type == png::ColorType::Indexed && i.palette.is_none())
                {
                    return Err("an indexed-colour PNG has no palette (PLTE)".to_string());
                }
                return Ok(());
            }
            Decoded::ImageDataFlushed => return Err("image data is missing rows".to_string()),
            Decoded::ChunkComplete(png::chunk::IEND) => return Err("no image data".to_string()),
            _ => {}
        }
        stalled = if used == 0 { stalled + 1 } else { 0 };
        if input.is_empty() && stalled > 2 {
            return Err("the file is cut short".to_string());
        }
    }
}

/// The rows of a PNG's image data still to come: per Adam7 pass (or the
/// one pass of a plain PNG), the length of its rows (filter byte included)
/// and how many are left.
struct RowsLeft {
    passes: Vec<(usize, u64)>,
}

impl RowsLeft {
    fn new(info: &png::Info) -> RowsLeft {
        // Adam7: each pass's first column and row, and its steps.
        const ADAM7: [(u32, u32, u32, u32); 7] = [
            (0, 0, 8, 8),
            (4, 0, 8, 8),
            (0, 4, 4, 8),
            (2, 0, 4, 4),
            (0, 2, 2, 4),
            (1, 0, 2, 2),
            (0, 1, 1, 2),
        ];
        let plain = [(0, 0, 1, 1)];
        let passes: &[(u32, u32, u32, u32)] = if info.interlaced { &ADAM7 } else { &plain };
        let mut left: Vec<(usize, u64)> = passes
            .iter()
            .filter_map(|&(x0, y0, dx, dy)| {
                let width = info.width.saturating_sub(x0).div_ceil(dx);
                let rows = info.height.saturating_sub(y0).div_ceil(dy);
                (width > 0 && rows > 0)
                    .then(|| (info.raw_row_length_from_width(width), u64::from(rows)))
            })
            .collect();
        // Taken from the back.
        left.reverse();
        RowsLeft { passes: left }
    }

    /// The length of the next row, if any is left.
    fn next_len(&self) -> Option<usize> {
        self.passes.last().map(|&(len, _)| len)
    }

    fn take_one(&mut self) {
        if let Some(last) = self.passes.last_mut() {
            last.1 -= 1;
            if last.1 == 0 {
                self.passes.pop();
            }
        }
    }

    /// Every row has started.
    fn is_done(&self) -> bool {
        self.passes.is_empty()
    }

    /// Bytes of image data not yet arrived, given where the next row
    /// starts and how much has arrived.
    fn bytes_left(&self, next_row: usize, arrived: usize) -> usize {
        let rows: u64 = self.passes.iter().map(|&(len, n)| len as u64 * n).sum();
        usize::try_from(rows)
            .unwrap_or(usize::MAX)
            .saturating_add(next_row.saturating_sub(arrived))
    }
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
    fn scaling_in_bands_matches_scaling_in_one_go() {
        use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
        // Detail everywhere, so a band reading the wrong source rows shows;
        // heights that bands of 256 rows do not divide; shrunk slightly
        // (interpolation) and a lot (a widened kernel); with and without
        // alpha.
        let cases = [
            (1600, 1200, 1200, 900, false),
            (640, 1300, 500, 1017, true),
            (1000, 2777, 203, 560, false),
        ];
        for (sw, sh, w, h, alpha) in cases {
            let rgba = image::RgbaImage::from_fn(sw, sh, |x, y| {
                image::Rgba([
                    ((x * 7 + y * 3) % 256) as u8,
                    ((x ^ y) % 256) as u8,
                    ((x * y) % 253) as u8,
                    if alpha { (y % 256) as u8 } else { 255 },
                ])
            });
            let img = if alpha {
                DynamicImage::ImageRgba8(rgba)
            } else {
                DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).to_rgb8())
            };
            let banded = resample(&img, w, h).unwrap().to_rgba8();
            let alg = if sw < 2 * w && sh < 2 * h {
                ResizeAlg::Interpolation(FilterType::Bilinear)
            } else {
                ResizeAlg::Convolution(FilterType::Bilinear)
            };
            let options = ResizeOptions::new().resize_alg(alg);
            let whole = if alpha {
                let mut dst = image::RgbaImage::new(w, h);
                Resizer::new()
                    .resize(img.as_rgba8().unwrap(), &mut dst, &options)
                    .unwrap();
                dst
            } else {
                let mut dst = image::RgbImage::new(w, h);
                Resizer::new()
                    .resize(img.as_rgb8().unwrap(), &mut dst, &options)
                    .unwrap();
                DynamicImage::ImageRgb8(dst).to_rgba8()
            };
            assert_eq!(banded.dimensions(), (w, h));
            let worst = banded
                .as_raw()
                .iter()
                .zip(whole.as_raw())
                .map(|(a, b)| a.abs_diff(*b))
                .max();
            assert!(worst <= Some(1), "{sw}×{sh} → {w}×{h}: off by {worst:?}");
        }
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

    /// A PNG's chunks, each with its checksum.
    fn assemble(chunks: &[(&[u8], &[u8])]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        for (name, data) in chunks {
            out.extend((data.len() as u32).to_be_bytes());
            let mut crc = flate2::Crc::new();
            crc.update(name);
            crc.update(data);
            out.extend(*name);
            out.extend(*data);
            out.extend(crc.sum().to_be_bytes());
        }
        out
    }

    /// What to do to a hand-made PNG.
    #[derive(Default)]
    struct Damage {
        /// Changes the rows before they are compressed.
        raw: Option<fn(&mut Vec<u8>)>,
        /// Changes the compressed image data.
        zlib: Option<fn(&mut Vec<u8>)>,
        /// Leaves out an indexed PNG's palette.
        no_palette: bool,
    }

    impl Damage {
        fn raw(&self, raw: &mut Vec<u8>) {
            if let Some(f) = self.raw {
                f(raw);
            }
        }
        fn zlib(&self, data: &mut Vec<u8>) {
            if let Some(f) = self.zlib {
                f(data);
            }
        }
        fn rows(f: fn(&mut Vec<u8>)) -> Damage {
            Damage {
                raw: Some(f),
                ..Damage::default()
            }
        }
        fn stream(f: fn(&mut Vec<u8>)) -> Damage {
            Damage {
                zlib: Some(f),
                ..Damage::default()
            }
        }
    }

    /// A PNG written chunk by chunk, with `damage` done to it (the image
    /// crate's encoder cannot interlace or write one bit per pixel).
    fn handmade_png(
        (w, h): (u32, u32),
        depth: u8,
        colour: u8,
        interlaced: bool,
        damage: Damage,
    ) -> Vec<u8> {
        let mut header = Vec::new();
        header.extend(w.to_be_bytes());
        header.extend(h.to_be_bytes());
        header.extend([depth, colour, 0, 0, u8::from(interlaced)]);
        let info = {
            let mut d = png::StreamingDecoder::new();
            let probe = assemble(&[(b"IHDR", &header)]);
            let mut at = 0;
            while d.info().is_none() {
                at += d.update(&probe[at..], None).unwrap().0;
            }
            d.info().unwrap().clone()
        };
        // Rows of varied bytes under every filter type in turn.
        let mut raw = Vec::new();
        let mut rows = RowsLeft::new(&info);
        let mut n = 0;
        while let Some(len) = rows.next_len() {
            raw.push((n % 5) as u8);
            raw.extend((1..len).map(|i| (i * 7 + n * 13) as u8));
            rows.take_one();
            n += 1;
        }
        damage.raw(&mut raw);
        let mut data = crate::pdf::finish::deflate(&raw, 6);
        damage.zlib(&mut data);
        let palette = [0u8; 256 * 3];
        let mut chunks: Vec<(&[u8], &[u8])> = vec![(b"IHDR", &header)];
        if colour == 3 && !damage.no_palette {
            chunks.push((b"PLTE", &palette));
        }
        // Image data split over several chunks, as big files are.
        chunks.extend(data.chunks(997).map(|part| (&b"IDAT"[..], part)));
        chunks.push((b"IEND", &[]));
        assemble(&chunks)
    }

    fn encoded_png(img: DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    fn sample_pngs() -> Vec<Vec<u8>> {
        let rgb = image::RgbImage::from_fn(301, 97, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
        });
        vec![
            encoded_png(DynamicImage::ImageRgb8(rgb.clone())),
            encoded_png(DynamicImage::ImageRgba16(
                DynamicImage::ImageRgb8(rgb.clone()).to_rgba16(),
            )),
            encoded_png(DynamicImage::ImageLuma8(
                DynamicImage::ImageRgb8(rgb).to_luma8(),
            )),
            handmade_png((37, 23), 8, 2, true, Damage::default()),
            handmade_png((1, 1), 8, 6, true, Damage::default()),
            handmade_png((133, 9), 1, 0, false, Damage::default()),
            handmade_png((29, 31), 4, 3, true, Damage::default()),
            handmade_png((50, 40), 16, 4, false, Damage::default()),
        ]
    }

    #[test]
    fn whole_pngs_are_proved_without_decoding() {
        for png in sample_pngs() {
            let decoded = decode_raster(&png, ImageKind::Png).expect("the sample decodes");
            assert_eq!(probe_png(&png), Ok((decoded.width(), decoded.height())));
        }
    }

    /// Damaged PNGs: cut short anywhere, any byte changed, rows missing or
    /// extra, a row's filter type out of range (checksums all good). Reading
    /// the data must fail exactly when a full decode does.
    #[test]
    fn damaged_pngs_fail_as_a_full_decode_fails() {
        let mut damaged = Vec::new();
        for png in sample_pngs() {
            for cut in (8..png.len()).step_by(png.len() / 40 + 1) {
                damaged.push(png[..cut].to_vec());
            }
            for at in (8..png.len()).step_by(png.len() / 150 + 1) {
                let mut bad = png.clone();
                bad[at] ^= 0x5a;
                damaged.push(bad);
            }
        }
        for interlaced in [false, true] {
            let made = |damage| handmade_png((29, 31), 8, 2, interlaced, damage);
            let failing = [
                made(Damage::rows(|raw| raw.truncate(raw.len() - 5))),
                made(Damage::rows(|raw| raw[0] = 7)),
                handmade_png(
                    (29, 31),
                    4,
                    3,
                    interlaced,
                    Damage {
                        no_palette: true,
                        ..Damage::default()
                    },
                ),
            ];
            // Past the last row the decoder stops inflating: extra rows, a
            // missing checksum, even garbage there, go unread.
            let passing = [
                made(Damage::rows(|raw| raw.extend([0; 99]))),
                made(Damage::stream(|zlib| zlib.truncate(zlib.len() - 4))),
                made(Damage::stream(|zlib| zlib.extend([0xde, 0xad, 0xbe, 0xef]))),
            ];
            for (n, png) in failing.iter().enumerate() {
                assert!(probe_png(png).is_err(), "failing PNG {n}");
            }
            for png in &passing {
                assert!(probe_png(png).is_ok(), "{:?}", probe_png(png));
            }
            damaged.extend(failing);
            damaged.extend(passing);
        }
        // Row 17 of 31 (a row is 1 + 29 × 3 bytes), deep in the data.
        let bad_row = handmade_png((29, 31), 8, 2, false, Damage::rows(|raw| raw[88 * 17] = 5));
        assert!(probe_png(&bad_row).is_err());
        damaged.push(bad_row);

        let mut failed = 0;
        for bad in &damaged {
            let full = decode_raster(bad, ImageKind::Png).is_ok();
            let probed = probe_png(bad).is_ok();
            assert_eq!(
                probed,
                full,
                "a {}-byte damaged PNG: full decode {:?}",
                bad.len(),
                decode_raster(bad, ImageKind::Png).err()
            );
            failed += usize::from(!full);
        }
        // Most damage is fatal; the rest lands in checksums the decoder
        // skips or bytes that are only pixels.
        assert!(failed > damaged.len() / 2, "{failed} of {}", damaged.len());
    }
}
