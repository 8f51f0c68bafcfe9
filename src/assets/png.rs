//! PNG files proved whole without unfiltering their pixels.

use super::raster::shown_size;
use super::{ImageError, ImageKind};

/// A PNG's size as it is shown, once its chunks and image data are proved
/// whole.
pub(crate) fn probe_png(bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    let size = shown_size(bytes, ImageKind::Png)?;
    png_data_is_whole(bytes)
        .map_err(|e| ImageError::Unreadable(format!("is not a readable PNG: {e}")))?;
    Ok(size)
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
    // The colour profile and text chunks are not needed to prove the
    // pixels whole, and inflating them is unbounded here: a 3 MB profile
    // can inflate to 3 GB. (The decoders that do read them are bounded:
    // see `raster::header_limits`.)
    let mut options = png::DecodeOptions::default();
    options.set_ignore_iccp_chunk(true);
    options.set_ignore_text_chunk(true);
    let mut decoder = StreamingDecoder::new_with_options(options);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::raster::decode_raster;
    use image::DynamicImage;

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
        let mut data = {
            use std::io::Write;
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
            z.write_all(&raw).unwrap();
            z.finish().unwrap()
        };
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
