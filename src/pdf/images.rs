//! Pictures for the PDF: loaded once, then turned into image XObjects
//! scaled to 300 dpi of their printed size when they are over 450 (JPEG
//! stays JPEG), or, for SVG, drawn as vectors (see [`super::svg`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use image::{DynamicImage, GenericImageView, ImageDecoder, ImageReader};
use printpdf::{DictItem, ExternalStream, ExternalXObject};

use crate::assets::{ImageKind, MAX_IMAGE_PIXELS, has_exif};
use crate::context::Context;
use crate::memo::Memo;
use crate::paths::Confined;

/// The resolution pictures are scaled down to: more pixels than this
/// cannot be seen on paper.
pub const MAX_DPI: f32 = 300.0;

/// Pictures up to this resolution at their printed size are kept as they
/// are (Acrobat's press preset draws the same line): scaling a photo only a
/// little over 300 dpi costs a decode and a re-encode for no visible gain,
/// and a PNG comes out bigger than it went in.
pub const KEEP_DPI: f32 = 450.0;

/// A loaded picture.
#[derive(Debug)]
pub enum Source {
    /// PNG or JPEG bytes as read.
    Raster {
        /// File bytes.
        bytes: Arc<Vec<u8>>,
        /// PNG or JPEG.
        kind: ImageKind,
        /// Dots per inch the file declares, if any.
        dpi: Option<f32>,
    },
    /// A parsed SVG.
    Svg(Arc<usvg::Tree>),
    /// A PDF (a carrier label): its first page is placed as vectors.
    Pdf {
        /// File bytes.
        bytes: Arc<Vec<u8>>,
        /// Lower-left corner of its page box.
        origin: (f32, f32),
    },
}

/// A picture and its intrinsic size.
#[derive(Debug)]
pub struct Picture {
    /// Where it came from.
    pub path: PathBuf,
    /// Width in pixels (SVG: user units).
    pub width: f32,
    /// Height in pixels (SVG: user units).
    pub height: f32,
    /// The content.
    pub source: Source,
}

impl Picture {
    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width / self.height.max(1.0)
    }
}

/// The PDF renderer's results for one build: the guide's pictures and
/// their image XObjects at each printed size (a campaign reads, scales and
/// compresses each photo once, not once per customer), the fonts cut and
/// the page streams deflated.
pub struct Cache {
    pictures: Memo<PathBuf, Result<Arc<Picture>, String>>,
    xobjects: Memo<(PathBuf, u32), Result<Arc<ExternalXObject>, String>>,
    pub(super) fonts: super::embed::Cuts,
    pub(super) packed: super::finish::Packed,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            // A guide has a few dozen pictures, each printed at one or two
            // sizes.
            pictures: Memo::new(64),
            xobjects: Memo::new(128),
            fonts: super::embed::Cuts::default(),
            packed: super::finish::Packed::default(),
        }
    }
}

impl Cache {
    /// Forgets the last guide's pictures (between the guides of a folder
    /// build).
    pub fn forget_pictures(&self) {
        self.pictures.clear();
        self.xobjects.clear();
    }

    /// [`xobject`], computed once per picture and size for the guide's own
    /// pictures.
    fn prepared(
        &self,
        ctx: &Context,
        picture: &Picture,
        printed_w: f32,
    ) -> Result<ExternalXObject, String> {
        self.xobjects
            .get_or(xobject_key(picture, printed_w), || {
                xobject(&ctx.assets, picture, printed_w).map(Arc::new)
            })
            .map(|x| (*x).clone())
    }
}

/// The key of a picture's XObject at a printed width.
fn xobject_key(picture: &Picture, printed_w: f32) -> (PathBuf, u32) {
    let size = match picture.source {
        // Vectors do not depend on the printed size.
        Source::Svg(_) => 0,
        _ => max_pixels(printed_w),
    };
    (picture.path.clone(), size)
}

/// Work handed to the render's scope to run ahead (see
/// [`Pictures::will_print`]).
pub type Prefetch = Box<dyn FnOnce() + Send>;

/// The pictures of one document, each loaded once.
pub struct Pictures<'a> {
    /// In order of first use.
    pub list: Vec<Arc<Picture>>,
    /// Whether each picture belongs to the guide (kept in the cache for
    /// every PDF of the build) rather than to one customer.
    shared: Vec<bool>,
    index: HashMap<PathBuf, usize>,
    ctx: &'a Context,
    cache: &'a Cache,
    /// Starts work in the render's scope: the guide's pictures are
    /// prepared there while the pages are laid out.
    ahead: Option<&'a (dyn Fn(Prefetch) + Sync + 'a)>,
}

impl<'a> Pictures<'a> {
    /// No pictures yet; `ahead`, if given, is the scope the guide's
    /// pictures start preparing in when the layout first places them.
    pub fn new(
        ctx: &'a Context,
        cache: &'a Cache,
        ahead: Option<&'a (dyn Fn(Prefetch) + Sync + 'a)>,
    ) -> Pictures<'a> {
        Pictures {
            list: Vec::new(),
            shared: Vec::new(),
            index: HashMap::new(),
            ctx,
            cache,
            ahead,
        }
    }

    /// Loads a picture of the guide (once per build) and returns its index.
    pub fn load(&mut self, file: &Confined) -> Result<usize, String> {
        self.add(file, true)
    }

    /// Loads a picture that belongs to one customer (a carrier label): it
    /// is not kept once this document is done.
    pub fn load_private(&mut self, file: &Confined) -> Result<usize, String> {
        self.add(file, false)
    }

    /// Notes that the picture at `i` is printed `printed_w` points wide,
    /// and starts preparing its XObject in the render's scope: scaling and
    /// compressing a photo is the longest single task of a build, and
    /// starting it while the pages are still being laid out takes it off
    /// the path to the finished file. Only the guide's own pictures are
    /// prepared ahead (they are kept for the build).
    pub fn will_print(&self, i: usize, printed_w: f32) {
        let (Some(ahead), Some(picture)) = (self.ahead, self.list.get(i)) else {
            return;
        };
        if !self.is_shared(i) || matches!(picture.source, Source::Pdf { .. }) {
            return;
        }
        let slot = self.cache.xobjects.slot(xobject_key(picture, printed_w));
        if slot.get().is_some() {
            return;
        }
        let (picture, assets) = (Arc::clone(picture), Arc::clone(&self.ctx.assets));
        ahead(Box::new(move || {
            // A panic here would end the whole render; caught, it leaves
            // the slot empty for the thread that needs it, which then
            // fails alone with the reason.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                slot.get_or_init(|| xobject(&assets, &picture, printed_w).map(Arc::new));
            }));
        }));
    }

    /// The build's shared results (QR codes for the layout).
    pub fn context(&self) -> &'a Context {
        self.ctx
    }

    /// True if the picture at `i` belongs to the guide.
    pub fn is_shared(&self, i: usize) -> bool {
        self.shared.get(i).copied().unwrap_or(false)
    }

    /// The XObject of the picture at `i`, printed `printed_w` points wide.
    pub fn xobject(&self, i: usize, printed_w: f32) -> Result<ExternalXObject, String> {
        let picture = &self.list[i];
        if self.is_shared(i) {
            self.cache.prepared(self.ctx, picture, printed_w)
        } else {
            xobject(&self.ctx.assets, picture, printed_w)
        }
    }

    fn add(&mut self, file: &Confined, shared: bool) -> Result<usize, String> {
        let path = file.path();
        if let Some(&i) = self.index.get(&path) {
            return Ok(i);
        }
        let fail = |e: String| format!("{}: {e}", path.display());
        let picture = if shared {
            self.cache
                .pictures
                .get_or(path.clone(), || load(self.ctx, file).map(Arc::new))
                .map_err(fail)?
        } else {
            Arc::new(load_label(self.ctx, file).map_err(fail)?)
        };
        self.list.push(picture);
        self.shared.push(shared);
        let i = self.list.len() - 1;
        self.index.insert(path, i);
        Ok(i)
    }
}

/// Pixels across at most: 300 dpi of the printed width.
fn max_pixels(printed_w: f32) -> u32 {
    (printed_w / 72.0 * MAX_DPI).ceil().max(1.0) as u32
}

/// Reads a customer's label as a build would, to say whether it can be
/// printed (`check --customers`), with the reason if not.
pub fn check_label(ctx: &Context, file: &Confined) -> Result<(), String> {
    load_label(ctx, file)
        .map(drop)
        .map_err(|e| format!("{}: {e}", file.path().display()))
}

/// A customer's label: a picture label whose header already says no
/// printer could print it (a 49,000,000 × 1 strip) is refused before its
/// pixels are touched.
fn load_label(ctx: &Context, file: &Confined) -> Result<Picture, String> {
    let path = file.path();
    let bytes = crate::assets::read(file)?;
    if ImageKind::from_path(&path) == Some(ImageKind::Png)
        && let Some((w, h)) = png_size(&bytes)
    {
        let dpi = declared_dpi(&bytes, ImageKind::Png).unwrap_or(LABEL_DPI);
        let points = |px: u32| px as f32 / dpi * 72.0;
        crate::assets::label::picture_size(points(w), points(h))?;
    }
    from_bytes(ctx, path, bytes)
}

/// The resolution of a label that declares none: thermal label printers'.
pub const LABEL_DPI: f32 = 203.0;

/// A PNG's width and height from its header, without a decoder.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let ihdr = bytes.get(8..24)?;
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || &ihdr[4..8] != b"IHDR" {
        return None;
    }
    let word = |at: usize| u32::from_be_bytes([ihdr[at], ihdr[at + 1], ihdr[at + 2], ihdr[at + 3]]);
    Some((word(8), word(12)))
}

fn load(ctx: &Context, file: &Confined) -> Result<Picture, String> {
    from_bytes(ctx, file.path(), crate::assets::read(file)?)
}

/// A picture from its file's bytes.
fn from_bytes(ctx: &Context, path: PathBuf, bytes: Vec<u8>) -> Result<Picture, String> {
    if crate::assets::is_pdf(&path) {
        let (w, h, origin) = crate::assets::label::page_box(&bytes)?;
        return Ok(Picture {
            path,
            width: w,
            height: h,
            source: Source::Pdf {
                bytes: Arc::new(bytes),
                origin,
            },
        });
    }
    let kind = ImageKind::from_path(&path).ok_or("is not a PNG, JPEG, SVG or PDF file")?;
    match kind {
        ImageKind::Svg => {
            let tree = ctx.assets.parse_svg(&bytes)?;
            let s = tree.size();
            Ok(Picture {
                path,
                width: s.width(),
                height: s.height(),
                source: Source::Svg(tree),
            })
        }
        ImageKind::Png | ImageKind::Jpeg => {
            let mut reader = ImageReader::new(std::io::Cursor::new(&bytes))
                .with_guessed_format()
                .map_err(|e| e.to_string())?;
            reader.limits(crate::assets::raster::header_limits());
            let (w, h) = reader
                .into_dimensions()
                .map_err(|e| format!("is not a readable image: {e}"))?;
            if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
                return Err(format!("is {w}×{h} pixels; at most 50 megapixels"));
            }
            Ok(Picture {
                path,
                width: w as f32,
                height: h as f32,
                source: Source::Raster {
                    dpi: declared_dpi(&bytes, kind),
                    bytes: Arc::new(bytes),
                    kind,
                },
            })
        }
    }
}

/// The resolution a PNG (`pHYs`) or JPEG (JFIF) declares.
pub fn declared_dpi(bytes: &[u8], kind: ImageKind) -> Option<f32> {
    match kind {
        ImageKind::Png => {
            let mut at = 8;
            while at + 8 <= bytes.len() {
                let len = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
                let name = &bytes[at + 4..at + 8];
                if name == b"pHYs" && at + 8 + 9 <= bytes.len() {
                    let d = &bytes[at + 8..at + 17];
                    let ppm = u32::from_be_bytes(d[0..4].try_into().ok()?);
                    return (d[8] == 1 && ppm > 0).then_some(ppm as f32 * 0.0254);
                }
                if name == b"IDAT" {
                    return None;
                }
                at += 12 + len;
            }
            None
        }
        ImageKind::Jpeg => {
            // APP0 "JFIF\0", version, units, x density.
            let i = bytes.windows(5).take(64).position(|w| w == b"JFIF\0")?;
            let d = bytes.get(i + 7..i + 10)?;
            let density = f32::from(u16::from_be_bytes([d[1], d[2]]));
            match d[0] {
                1 if density > 0.0 => Some(density),
                2 if density > 0.0 => Some(density * 2.54),
                _ => None,
            }
        }
        ImageKind::Svg => None,
    }
}

/// An image XObject for a raster picture printed `printed_w` points wide
/// (a form XObject for an SVG).
pub fn xobject(
    assets: &crate::assets::Cache,
    picture: &Picture,
    printed_w: f32,
) -> Result<ExternalXObject, String> {
    let (bytes, kind) = match &picture.source {
        Source::Raster { bytes, kind, .. } => (bytes, kind),
        Source::Svg(tree) => return Ok(super::svg::form(tree)),
        Source::Pdf { .. } => return Err("a PDF is placed as a label, not an image".into()),
    };
    let max_px = max_pixels(printed_w);
    let (w, h) = (picture.width as u32, picture.height as u32);
    let fits = w as f32 <= printed_w / 72.0 * KEEP_DPI;

    if *kind == ImageKind::Png
        && fits
        && let Some(x) = png_passthrough(bytes)
    {
        return Ok(x);
    }
    // A JPEG with EXIF is decoded (to turn it upright) and re-encoded
    // (which also drops camera and location data).
    if *kind == ImageKind::Jpeg && fits && !has_exif(bytes) {
        // Pass the JPEG through untouched when its colours suit PDF.
        if let Some(space) = jpeg_colour_space(bytes) {
            return Ok(stream(w, h, space, Some("DCTDecode"), bytes.to_vec()));
        }
    }
    let decoded = assets
        .decode(bytes, *kind)
        .map_err(|e| format!("{}: {e}", picture.path.display()))?;
    let img: Cow<DynamicImage> = if fits {
        Cow::Borrowed(&*decoded)
    } else {
        let nh = ((h as f32) * max_px as f32 / w as f32).round().max(1.0) as u32;
        Cow::Owned(assets.resample(&decoded, max_px, nh)?)
    };
    let (w, h) = img.dimensions();
    if *kind == ImageKind::Jpeg {
        let out = crate::assets::encode_jpeg(&img, 85)?;
        return Ok(stream(w, h, "DeviceRGB", Some("DCTDecode"), out));
    }
    let (space, pixels) = flatten(&img);
    let data = super::finish::deflate(&pixels, 6);
    Ok(stream(w, h, space, Some("FlateDecode"), data))
}

/// An opaque 8-bit PNG that needs no scaling goes in as it is: its IDAT
/// data is already a zlib stream PDF can read with the PNG predictors, so
/// nothing is decoded or compressed again.
fn png_passthrough(bytes: &[u8]) -> Option<ExternalXObject> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let mut at = 8;
    let mut header = None;
    let mut data = Vec::new();
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
        let name = &bytes[at + 4..at + 8];
        let body = bytes.get(at + 8..at + 8 + len)?;
        match name {
            b"IHDR" => header = Some(body.to_vec()),
            b"IDAT" => data.extend_from_slice(body),
            // Palettes and transparency need decoding.
            b"PLTE" | b"tRNS" => return None,
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    let h = header?;
    let (w, ht) = (
        u32::from_be_bytes(h.get(0..4)?.try_into().ok()?),
        u32::from_be_bytes(h.get(4..8)?.try_into().ok()?),
    );
    let (depth, colour, interlace) = (*h.get(8)?, *h.get(9)?, *h.get(12)?);
    let (space, colours) = match colour {
        0 => ("DeviceGray", 1),
        2 => ("DeviceRGB", 3),
        _ => return None,
    };
    if depth != 8 || interlace != 0 || data.is_empty() {
        return None;
    }
    let mut x = stream(w, ht, space, Some("FlateDecode"), data);
    let mut parms = std::collections::BTreeMap::new();
    parms.insert("Predictor".to_string(), DictItem::Int(15));
    parms.insert("Colors".to_string(), DictItem::Int(colours));
    parms.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    parms.insert("Columns".to_string(), DictItem::Int(i64::from(w)));
    x.stream
        .dict
        .insert("DecodeParms".to_string(), DictItem::Dict { map: parms });
    Some(x)
}

/// Pixels on a white page: transparency is blended with white, greyscale
/// stays one channel.
fn flatten(img: &DynamicImage) -> (&'static str, Vec<u8>) {
    let grey = matches!(
        img.color(),
        image::ColorType::L8
            | image::ColorType::La8
            | image::ColorType::L16
            | image::ColorType::La16
    );
    let rgba = img.to_rgba8();
    let blend =
        |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    if grey {
        let pixels = rgba.pixels().map(|p| blend(p[0], p[3])).collect();
        ("DeviceGray", pixels)
    } else {
        let mut pixels = Vec::with_capacity(rgba.len() / 4 * 3);
        for p in rgba.pixels() {
            pixels.extend([blend(p[0], p[3]), blend(p[1], p[3]), blend(p[2], p[3])]);
        }
        ("DeviceRGB", pixels)
    }
}

fn jpeg_colour_space(bytes: &[u8]) -> Option<&'static str> {
    let decoder = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(bytes)).ok()?;
    match decoder.color_type() {
        image::ColorType::L8 => Some("DeviceGray"),
        image::ColorType::Rgb8 => Some("DeviceRGB"),
        _ => None,
    }
}

/// An empty form XObject standing in for a PDF label until it is copied in.
pub fn placeholder_form() -> ExternalXObject {
    form_xobject((1.0, 1.0), None, Vec::new())
}

/// A form XObject with the box `(0, 0)–size` and the given content stream.
pub fn form_xobject(size: (f32, f32), filter: Option<&str>, content: Vec<u8>) -> ExternalXObject {
    let bbox = DictItem::Array(vec![
        DictItem::Int(0),
        DictItem::Int(0),
        DictItem::Real(size.0),
        DictItem::Real(size.1),
    ]);
    xobject_stream("Form", vec![("BBox", bbox)], filter, content)
}

fn stream(w: u32, h: u32, space: &str, filter: Option<&str>, content: Vec<u8>) -> ExternalXObject {
    let entries = vec![
        ("Width", DictItem::Int(i64::from(w))),
        ("Height", DictItem::Int(i64::from(h))),
        ("ColorSpace", DictItem::Name(space.as_bytes().to_vec())),
        ("BitsPerComponent", DictItem::Int(8)),
    ];
    xobject_stream("Image", entries, filter, content)
}

/// An XObject of `subtype` with `entries`, its content written as given
/// (already encoded as `filter` says; never compressed again).
fn xobject_stream(
    subtype: &str,
    entries: Vec<(&str, DictItem)>,
    filter: Option<&str>,
    content: Vec<u8>,
) -> ExternalXObject {
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let mut dict = std::collections::BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name(subtype));
    for (key, value) in entries {
        dict.insert(key.to_string(), value);
    }
    if let Some(f) = filter {
        dict.insert("Filter".to_string(), name(f));
    }
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: false,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, dpi: Option<u32>) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 10, 10]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        if let Some(dpi) = dpi {
            // Insert a pHYs chunk after IHDR (8 + 25 bytes).
            let ppm = (dpi as f32 / 0.0254).round() as u32;
            let mut data = b"pHYs".to_vec();
            data.extend(ppm.to_be_bytes());
            data.extend(ppm.to_be_bytes());
            data.push(1);
            let mut chunk = 9u32.to_be_bytes().to_vec();
            chunk.extend(&data);
            chunk.extend([0, 0, 0, 0]); // CRC is not checked by the reader
            out.splice(33..33, chunk);
        }
        out
    }

    #[test]
    fn reads_declared_dpi() {
        let dpi = declared_dpi(&png(4, 4, Some(203)), ImageKind::Png).unwrap();
        assert!((dpi - 203.0).abs() < 0.5, "{dpi}");
        assert_eq!(declared_dpi(&png(4, 4, None), ImageKind::Png), None);
    }

    #[test]
    fn scales_down_to_300_dpi_of_the_printed_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big.png"), png(3000, 1500, None)).unwrap();
        let file = crate::paths::Folder::open(dir.path())
            .unwrap()
            .confine("big.png")
            .unwrap();
        let (ctx, cache) = (Context::new(), Cache::default());
        let mut pics = Pictures::new(&ctx, &cache, None);
        let i = pics.load(&file).unwrap();
        // Printed 2 inches wide: 600 pixels at most.
        let x = xobject(&ctx.assets, &pics.list[i], 144.0).unwrap();
        assert_eq!(x.stream.dict.get("Width"), Some(&DictItem::Int(600)));
        assert_eq!(x.stream.dict.get("Height"), Some(&DictItem::Int(300)));
        // Printed 7 inches wide it is 429 dpi: kept as it is.
        let x = xobject(&ctx.assets, &pics.list[i], 7.0 * 72.0).unwrap();
        assert_eq!(x.stream.dict.get("Width"), Some(&DictItem::Int(3000)));
        // 6.6 inches: 455 dpi, scaled to 300.
        let x = xobject(&ctx.assets, &pics.list[i], 6.6 * 72.0).unwrap();
        assert_eq!(x.stream.dict.get("Width"), Some(&DictItem::Int(1980)));
    }
}
