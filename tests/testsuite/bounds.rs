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

/// A 49,000,000 × 1 PNG label (a few KB) fails its row before its pixels
/// are decoded and scaled (which took 1.17 GB), naming its true size; a
/// 4 × 6 inch label beside it is built. Both under 1 GB of address space.
#[test]
fn a_label_no_printer_could_print_fails_its_row_before_decoding() {
    if !crate::support::tools(&["prlimit"]) {
        return;
    }
    let (dir, folder) = crate::campaign::campaign(&[
        "C-1,Ada,en,2026-11-29,Net,password1,labels/strip.png,RMA-1,",
        "C-2,Bob,en,2026-11-29,Net,password1,labels/usps.png,RMA-2,",
    ]);
    let mut strip = Vec::new();
    let mut encoder = png::Encoder::new(&mut strip, 49_000_000, 1);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![0u8; 49_000_000 / 8]).unwrap();
    writer.finish().unwrap();
    fs::write(folder.join("labels/strip.png"), strip).unwrap();
    let csv = folder.join("customers.csv");
    let out = dir.path().join("out");
    let (code, err) = under_1_gb(
        &root(),
        &[
            "build",
            "guides/gateway-swap",
            "--customers",
            csv.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "pdf",
        ],
    );
    assert_eq!(code, Some(1), "{err}");
    let rows = crate::campaign::report(&out);
    assert_eq!(rows[0][1], "failed", "{rows:?}");
    assert!(rows[0][3].contains("241379.3 × 0.0 inches"), "{rows:?}");
    assert!(rows[0][3].contains("from 0.5 to 42 inches"), "{rows:?}");
    assert_eq!(rows[1][1], "ok", "{rows:?}");
}

/// Custom templates that would run or write without end: nested `range()`
/// loops (each under tera's own per-call bound) and a loop writing the
/// stylesheet 99,999 times (gigabytes). Each build fails quickly, naming
/// the template, within 1 GB, and writes no page.
#[test]
fn a_template_that_loops_without_end_fails_naming_itself() {
    if !crate::support::tools(&["prlimit"]) {
        return;
    }
    for (body, why) in [
        (
            "{% for i in range(end=90000) %}{% for j in range(end=90000) %}{% for k in range(end=90000) %}x{% endfor %}{% endfor %}{% endfor %}",
            "over 100000 items",
        ),
        (
            "{% for i in range(end=99999) %}{{ css }}{% endfor %}",
            "over 128 MB",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates");
        fs::create_dir(&templates).unwrap();
        fs::write(templates.join("guide.html"), body).unwrap();
        let out = dir.path().join("out");
        let (code, err) = under_1_gb(
            &root(),
            &[
                "build",
                "guides/fiber-swap",
                "--out",
                out.to_str().unwrap(),
                "--format",
                "html",
                "--templates",
                templates.to_str().unwrap(),
            ],
        );
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains("template guide.html") && err.contains(why),
            "{err}"
        );
        assert!(!out.join("fiber-swap.en.html").exists());
    }
}
