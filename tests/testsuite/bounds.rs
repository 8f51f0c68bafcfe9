//! Resource bounds, proved under a 1 GB address-space limit (`prlimit`), so
//! a regression aborts the test instead of the machine.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::support::{copy_dir, root};

/// An 8 × 8 PNG whose colour profile (iCCP) is `inflated` zero bytes,
/// deflated: a few hundred kilobytes that unpack to gigabytes.
fn png_with_profile(inflated: usize) -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(8, 8, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..inflated / zeros.len() {
        z.write_all(&zeros).unwrap();
    }
    let mut data = b"bomb\0\0".to_vec();
    data.extend(z.finish().unwrap());
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut crc = flate2::Crc::new();
    crc.update(b"iCCP");
    crc.update(&data);
    chunk.extend(b"iCCP");
    chunk.extend(&data);
    chunk.extend(crc.sum().to_be_bytes());
    // After the signature (8 bytes) and IHDR (25 bytes).
    png.splice(33..33, chunk);
    png
}

fn under_1_gb(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new("prlimit")
        .arg("--as=1000000000")
        .arg(env!("CARGO_BIN_EXE_swapguide"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run prlimit");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A 1.5 MB PNG whose colour profile inflates to 1.5 GB: `check` and
/// `build` never unpack the profile (a PDF and a page draw the pixels
/// alone), so both finish within 1 GB of address space. Unpacking it
/// aborted the process.
#[test]
fn a_png_whose_colour_profile_inflates_to_gigabytes_is_never_unpacked() {
    if !crate::support::tools(&["prlimit"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("guide");
    copy_dir(&root().join("tests/fixtures/build/home-wifi"), &guide);
    fs::remove_file(guide.join("guide.es.toml")).unwrap();
    fs::write(
        guide.join("img/new-gateway.png"),
        png_with_profile(1500 << 20),
    )
    .unwrap();
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    fs::write(
        guide.join("guide.toml"),
        toml.replace("img/new-gateway.svg", "img/new-gateway.png"),
    )
    .unwrap();
    for args in [
        vec!["check", "guide"],
        vec!["build", "guide", "--out", "out"],
    ] {
        let (code, err) = under_1_gb(dir.path(), &args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
    }
    assert!(dir.path().join("out/guide.en.pdf").is_file());
}
