//! PNG and JPEG pixels: decoded within limits, scaled, encoded.

use image::DynamicImage;

use super::{ImageError, ImageKind, MAX_IMAGE_PIXELS};

/// Encodes a picture as a JPEG at `quality` (1–100), its pixels as RGB
/// (copied into that layout only if they are in another).
pub(crate) fn encode_jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
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

/// Scalers and their working buffers, kept between pictures: a buffer is
/// zeroed and paged in once, not per picture. Owned by a build's
/// [`crate::context::Context`]; a buffer over 16 MB is let go after use.
#[derive(Default)]
pub(crate) struct Scalers(std::sync::Mutex<Vec<fast_image_resize::Resizer>>);

impl Scalers {
    /// Runs `f` with a scaler no other thread is using.
    fn with<R>(&self, f: impl FnOnce(&mut fast_image_resize::Resizer) -> R) -> R {
        let taken = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        let mut resizer = taken.unwrap_or_default();
        let out = f(&mut resizer);
        if resizer.size_of_internal_buffers() <= 16 << 20 {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(resizer);
        }
        out
    }
}

/// Scales a picture down to `w` × `h`.
pub(crate) fn resample(
    img: &DynamicImage,
    w: u32,
    h: u32,
    scalers: &Scalers,
) -> Result<DynamicImage, String> {
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
        scalers.with(|r| resample_in_bands(r, src.as_ref(), &mut dst, PixelType::U8x4, alg))?;
        Ok(DynamicImage::ImageRgba8(dst))
    } else {
        let src = img
            .as_rgb8()
            .map_or_else(|| Cow::Owned(img.to_rgb8()), Cow::Borrowed);
        let mut dst = image::RgbImage::new(w, h);
        scalers.with(|r| resample_in_bands(r, src.as_ref(), &mut dst, PixelType::U8x3, alg))?;
        Ok(DynamicImage::ImageRgb8(dst))
    }
}

/// Scales `src` to fill `dst`, a band of rows at a time. A band's working
/// buffer (the source rows it needs, at the new width) stays small enough
/// to remain in the cache and is reused, where one buffer for the whole
/// picture was megabytes of fresh memory to page in. Each band reads the
/// source rows around its own, so the result is the same as scaling in one
/// go. (The bands are not spread over rayon's threads: this runs inside
/// memo slots, which must not wait on rayon; see [`crate::memo`].)
fn resample_in_bands<P>(
    resizer: &mut fast_image_resize::Resizer,
    src: &image::ImageBuffer<P, Vec<u8>>,
    dst: &mut image::ImageBuffer<P, Vec<u8>>,
    pixel: fast_image_resize::PixelType,
    alg: fast_image_resize::ResizeAlg,
) -> Result<(), String>
where
    P: image::Pixel<Subpixel = u8>,
    image::ImageBuffer<P, Vec<u8>>: fast_image_resize::IntoImageView,
{
    use fast_image_resize::{ResizeOptions, images::Image};
    /// Rows of the new picture per band: few enough bands that working out
    /// each band's weights costs next to nothing.
    const BAND_ROWS: usize = 256;
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
            resizer
                .resize(src, &mut view, &options)
                .map_err(|e| e.to_string())
        })
        .map_err(|e| format!("cannot scale the picture: {e}"))?;
    Ok(())
}

pub(crate) fn decode_raster(bytes: &[u8], kind: ImageKind) -> Result<DynamicImage, ImageError> {
    let (decoder, orientation) = raster_decoder(bytes, kind)?;
    let mut img = match kind {
        ImageKind::Jpeg => decode_jpeg_strictly(bytes)?,
        _ => DynamicImage::from_decoder(decoder).map_err(|e| unreadable(kind, &e))?,
    };
    img.apply_orientation(orientation);
    Ok(img)
}

/// Decodes a JPEG in strict mode: damaged data is an error. The image
/// crate's decoder is lenient and fills the rest of a damaged photo with
/// grey, which then printed half grey (and, copied in as it is, made a PDF
/// that failed `qpdf --check`).
fn decode_jpeg_strictly(bytes: &[u8]) -> Result<DynamicImage, ImageError> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let damaged = |e: &dyn std::fmt::Display| {
        ImageError::Unreadable(format!(
            "is a damaged JPEG ({e}); copy or export the picture again"
        ))
    };
    let pixels = decoder.decode().map_err(|e| damaged(&e))?;
    let info = decoder.info().ok_or_else(|| damaged(&"no header"))?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let img = match decoder.output_colorspace() {
        Some(ColorSpace::RGB) => {
            image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8)
        }
        Some(ColorSpace::Luma) => {
            image::GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8)
        }
        _ => None,
    };
    img.ok_or_else(|| damaged(&"its pixels do not match its size"))
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
    ImageError,
> {
    let format = match kind {
        ImageKind::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(header_limits());
    let (w, h) = reader.into_dimensions().map_err(|e| match e {
        image::ImageError::Limits(_) => ImageError::TooLarge(format!(
            "holds data before its pixels (a colour profile, say) that unpacks to over 16 MB; save the {} again without it",
            name(kind)
        )),
        e => unreadable(kind, &e),
    })?;
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(ImageError::TooLarge(format!(
            "is {w}×{h} pixels; images may be at most 50 megapixels"
        )));
    }
    // The JPEG decoder fills a cut-short file with grey instead of failing;
    // a whole JPEG ends with the end-of-image marker.
    if kind == ImageKind::Jpeg && !ends_with_eoi(bytes) {
        return Err(ImageError::Unreadable(
            "is cut short: the JPEG has no end marker (copy it again)".to_string(),
        ));
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits_for(w, h));
    let mut decoder = reader.into_decoder().map_err(|e| unreadable(kind, &e))?;
    // Phone photos are often stored sideways with an EXIF note to turn them.
    let orientation =
        image::ImageDecoder::orientation(&mut decoder).map_err(|e| unreadable(kind, &e))?;
    Ok((Box::new(decoder), orientation))
}

/// A PNG's or JPEG's size as it is shown (turned as its EXIF says), read
/// from its header.
pub(crate) fn shown_size(bytes: &[u8], kind: ImageKind) -> Result<(u32, u32), ImageError> {
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

/// True if a JPEG carries an EXIF segment (APP1).
pub(crate) fn has_exif(bytes: &[u8]) -> bool {
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

/// Limits for reading a picture's header: the chunks before its pixels
/// (a PNG's colour profile, inflated) may take at most 16 MB, so a small
/// file that inflates to gigabytes is refused before it is allocated.
pub(crate) fn header_limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(16 << 20);
    limits
}

fn limits_for(w: u32, h: u32) -> image::Limits {
    let mut limits = image::Limits::default();
    // Room for 16-bit RGBA plus the decoder's own buffers (and a colour
    // profile: the header read allowed it 16 MB).
    limits.max_alloc = Some(u64::from(w) * u64::from(h) * 8 + (64 << 20));
    limits
}

/// The decoder's complaint, as a reason to give the author.
fn unreadable(kind: ImageKind, e: &image::ImageError) -> ImageError {
    ImageError::Unreadable(format!("is not a readable {}: {e}", name(kind)))
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
            let banded = resample(&img, w, h, &Scalers::default())
                .unwrap()
                .to_rgba8();
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

    /// A whole 640 × 480 JPEG with detail everywhere.
    fn sample_jpeg() -> Vec<u8> {
        let img = image::RgbImage::from_fn(640, 480, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
        });
        let mut jpeg = Vec::new();
        img.write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
        assert!(decode_raster(&jpeg, ImageKind::Jpeg).is_ok());
        jpeg
    }

    /// Two bytes damaged in the middle of a JPEG's data: refused, where
    /// the lenient decoder filled the rest with grey.
    #[test]
    fn a_damaged_jpeg_is_not_readable() {
        let jpeg = sample_jpeg();
        // Two bytes changed where the change breaks the coded data (a
        // change that still decodes as valid data cannot be told from a
        // picture).
        let mut damaged = jpeg.clone();
        let at = jpeg.len() / 4 + 997;
        damaged[at] ^= 0x5a;
        damaged[at + 1] ^= 0xa5;
        let lenient = image::load_from_memory_with_format(&damaged, image::ImageFormat::Jpeg);
        assert!(lenient.is_ok(), "the lenient decoder takes it");
        let err = decode_raster(&damaged, ImageKind::Jpeg).unwrap_err();
        assert!(err.to_string().contains("damaged JPEG"), "{err}");
    }

    #[test]
    fn a_cut_short_jpeg_is_not_readable() {
        let jpeg = sample_jpeg();
        let cut = &jpeg[..jpeg.len() * 2 / 3];
        let err = decode_raster(cut, ImageKind::Jpeg).unwrap_err();
        assert!(err.to_string().contains("cut short"), "{err}");
    }
}
