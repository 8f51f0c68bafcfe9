//! `swapguide build --format pdf`, checked with real PDF tools: qpdf,
//! pdffonts, pdftotext, pdfinfo and pdftoppm (poppler-utils), and QR codes
//! decoded from a 150 dpi rendering of the page.
//!
//! These tests need qpdf and poppler-utils; `.ci/run` installs them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{copy_dir, root, stderr, stdout, swapguide, tools};

/// Runs a tool and returns its standard output; fails the test if the tool
/// is missing or fails.
pub(crate) fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (.ci/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    squash_lines(&String::from_utf8_lossy(&out.stdout))
}

/// Each line with its whitespace squashed; form feeds (page breaks) kept.
fn squash_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| {
            let ff = if l.starts_with('\u{c}') { "\u{c}" } else { "" };
            format!("{ff}{}", squash(l))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text with every run of whitespace as one space: line breaks and
/// column padding do not matter to these tests.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn build(guide: &Path, out: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let mut args = vec![
        "build",
        guide.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "pdf",
    ];
    args.extend(extra);
    let run = swapguide(&root(), &args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let mut files: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}", stdout(&run));
    files
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/build/home-wifi")
}

/// A copy of the fixture in `dir`, to edit, and its guide.toml's text.
fn fixture_in(dir: &Path) -> (PathBuf, String) {
    let guide = dir.join("home-wifi");
    copy_dir(&fixture(), &guide);
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    (guide, toml)
}

/// Decodes every QR code on a page rendered at 150 dpi.
pub(crate) fn qr_codes(pdf: &Path, page: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let p = page.to_string();
    tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-gray",
            "-png",
            "-f",
            &p,
            "-l",
            &p,
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("pdftoppm wrote a page");
    let img = image::open(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let mut found: Vec<String> = prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect();
    found.sort();
    found
}

#[test]
fn pdfs_pass_qpdf_and_embed_subset_fonts() {
    if !tools(&["qpdf", "pdffonts"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    for pdf in build(&fixture(), out.path(), &[]) {
        let path = pdf.to_str().unwrap();
        tool("qpdf", &["--check", path]);
        let fonts = tool("pdffonts", &[path]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type encoding emb sub uni …
            assert!(row.contains("NotoSans"), "{row}");
            assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {row}");
            assert_eq!(cols[cols.len() - 4], "yes", "not a subset: {row}");
        }
    }
}

#[test]
fn text_extracts_with_phone_titles_in_order_and_accents() {
    if !tools(&["pdftotext", "pdfinfo"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let files = build(&fixture(), out.path(), &[]);
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["home-wifi.en.pdf", "home-wifi.es.pdf"]);

    let en = tool("pdftotext", &[files[0].to_str().unwrap(), "-"]);
    assert!(en.contains("+1 800 555 0199"));
    let first = en.find("Unplug the old gateway").expect("step 1 title");
    let second = en.find("Connect the new gateway").expect("step 2 title");
    assert!(first < second);
    // The troubleshooting fix points to the step by number and page.
    assert!(squash(&en).contains("(step 2, page 2)"), "{en}");
    // Every page has the phone in its footer.
    let pages = en.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(en.matches("Need help? Call us").count(), pages + 1);
    assert!(en.contains(&format!("Page {pages} of {pages}")));

    let es = tool("pdftotext", &[files[1].to_str().unwrap(), "-"]);
    assert!(es.contains("Instale su nuevo módem"), "{es}");
    assert!(es.contains("Conecte el módem nuevo"));
    assert!(es.contains("¿Necesita ayuda? Llámenos"));
    assert!(squash(&es).contains("(paso 2, página 2)"), "{es}");

    let info = tool("pdfinfo", &[files[1].to_str().unwrap()]);
    assert!(info.contains("Title: Instale su nuevo módem"), "{info}");
    assert!(info.contains("Author: Your company"), "{info}");
}

#[test]
fn tel_sms_and_wifi_codes_decode_to_their_exact_payloads() {
    if !tools(&["pdftoppm"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let files = build(&fixture(), out.path(), &[]);
    let en = &files[0];
    assert_eq!(
        qr_codes(en, 1),
        vec!["sms:+18005550100", "tel:+18005550199"]
    );
    // The Wi-Fi section is on page 2; `;`, `"`, `:`, `\` and `,` escaped.
    let page2 = qr_codes(en, 2);
    assert_eq!(
        page2,
        vec![r#"WIFI:T:WPA;S:Home\;Net;P:p\"a\:ss\\\,word;;"#]
    );
}

#[test]
fn two_builds_are_byte_identical_and_the_date_is_the_source_date() {
    if !tools(&["pdfinfo"]) {
        return;
    }
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let fa = build(&fixture(), a.path(), &[]);
    let fb = build(&fixture(), b.path(), &[]);
    for (x, y) in fa.iter().zip(&fb) {
        assert!(
            fs::read(x).unwrap() == fs::read(y).unwrap(),
            "{x:?} differs"
        );
    }
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .args(["build", fixture().to_str().unwrap(), "--out"])
        .arg(out.path())
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let info = tool(
        "pdfinfo",
        &[
            "-isodates",
            out.path().join("home-wifi.en.pdf").to_str().unwrap(),
        ],
    );
    assert!(info.contains("CreationDate: 2026-11-18T11:06:40"), "{info}");
}

#[test]
fn paper_a4_gives_a4_pages_and_large_print_more_pages() {
    if !tools(&["pdfinfo"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let files = build(&fixture(), out.path(), &[]);
    let letter = tool("pdfinfo", &[files[0].to_str().unwrap()]);
    assert!(
        letter.contains("Page size: 612 x 792 pts (letter)"),
        "{letter}"
    );
    let pages = |info: &str| -> usize {
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap()
    };

    let a4 = tempfile::tempdir().unwrap();
    let files = build(&fixture(), a4.path(), &["--paper", "a4"]);
    let info = tool("pdfinfo", &[files[0].to_str().unwrap()]);
    assert!(
        info.contains("Page size: 595.276 x 841.89 pts (A4)"),
        "{info}"
    );

    // Large print into the same folder: files of its own, the normal
    // ones kept as they were.
    let normal = build(&fixture(), out.path(), &[]);
    let before: Vec<Vec<u8>> = normal.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let all = build(&fixture(), out.path(), &["--large-print"]);
    let files: Vec<&PathBuf> = all
        .iter()
        .filter(|f| f.to_string_lossy().ends_with(".large.pdf"))
        .collect();
    assert_eq!(files.len(), normal.len(), "{all:?}");
    assert_eq!(all.len(), 2 * normal.len(), "{all:?}");
    for (f, bytes) in normal.iter().zip(before) {
        assert!(
            std::fs::read(f).unwrap() == bytes,
            "{} changed",
            f.display()
        );
    }
    let big = tool("pdfinfo", &[files[0].to_str().unwrap()]);
    assert!(pages(&big) > pages(&letter), "{big}");
}

/// Normal and large print built into one folder: the index the second
/// build writes links the files of both, normal print first.
#[test]
fn the_index_links_both_print_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let guides = dir.path().join("guides");
    copy_dir(&fixture(), &guides.join("home-wifi"));
    let out = dir.path().join("out");
    let normal = build(&guides, &out, &[]);
    let large = build(&guides, &out, &["--large-print"]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let linked: Vec<_> = normal.iter().chain(&large).collect();
    assert!(linked.len() >= 4, "{linked:?}");
    // Normal print is listed first.
    assert!(
        index.find("home-wifi.en.pdf") < index.find("home-wifi.en.large.pdf"),
        "{index}"
    );
    for f in linked {
        let name = f.file_name().unwrap().to_string_lossy();
        if name != "index.html" {
            assert!(
                index.contains(&format!("href=\"{name}\"")),
                "{name} not in {index}"
            );
        }
    }
}

#[test]
fn bookmarks_name_sections_and_steps() {
    if !tools(&["qpdf"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let files = build(&fixture(), out.path(), &[]);
    // qpdf's JSON lists the outline with titles.
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", files[1].to_str().unwrap()],
    );
    for title in [
        "Instale su nuevo módem",
        "Pasos",
        "1. Desconecte el módem anterior",
        "2. Conecte el módem nuevo",
        "Conéctese a su Wi-Fi",
    ] {
        assert!(json.contains(title), "{title} missing from\n{json}");
    }
}

#[test]
fn build_refuses_an_output_folder_inside_the_guide_and_leaves_no_files() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("g");
    fs::create_dir(&guide).unwrap();
    fs::copy(fixture().join("guide.toml"), guide.join("guide.toml")).unwrap();
    fs::create_dir(guide.join("img")).unwrap();
    fs::copy(
        fixture().join("img/new-gateway.svg"),
        guide.join("img/new-gateway.svg"),
    )
    .unwrap();
    let run = swapguide(dir.path(), &["build", "g", "--out", "g/dist"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("inside the guide"),
        "{}",
        stderr(&run)
    );
    assert!(
        !guide.join("dist").exists(),
        "the refused folder was created"
    );
}

#[test]
fn a_guide_with_errors_is_not_built() {
    let dir = tempfile::tempdir().unwrap();
    // It loads, but `check` finds an error: nothing may be written.
    let toml = fs::read_to_string(fixture().join("guide.toml"))
        .unwrap()
        .replace("accent = \"#0B5FFF\"", "accent = \"blue\"");
    fs::write(dir.path().join("guide.toml"), toml).unwrap();
    fs::create_dir(dir.path().join("img")).unwrap();
    fs::copy(
        fixture().join("img/new-gateway.svg"),
        dir.path().join("img/new-gateway.svg"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = swapguide(
        dir.path(),
        &["build", ".", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("`blue` is not a colour"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("not built"), "{}", stderr(&run));
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

fn label_fixture() -> PathBuf {
    root().join("tests/fixtures/build/return-label")
}

/// The x and y of each word on a page, from `pdftotext -bbox`.
fn word_boxes(pdf: &Path, page: usize) -> Vec<(String, f32, f32)> {
    let p = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    html.lines()
        .filter_map(|l| {
            let attr = |name: &str| -> Option<f32> {
                let at = l.find(&format!("{name}=\""))? + name.len() + 2;
                l[at..].split('"').next()?.parse().ok()
            };
            let word = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((word, attr("xMin")?, attr("yMin")?))
        })
        .collect()
}

#[test]
fn a_pdf_label_stays_vector_at_its_true_size() {
    if !tools(&["qpdf", "pdfinfo", "pdftotext", "pdfimages"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let files = build(&label_fixture(), out.path(), &[]);
    let pdf = &files[0];
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages: "))
        .unwrap()
        .parse()
        .unwrap();
    // The label's words are on the last page, as text: nothing rasterised.
    let words = word_boxes(pdf, pages);
    let find = |w: &str| words.iter().find(|x| x.0 == w).cloned();
    let (_, x1, y1) = find("TOPLEFT").expect("label text on the last page");
    let (_, x2, y2) = find("MARKEND").unwrap();
    let (_, _, y3) = find("GROUND").unwrap();
    // In the label file the markers are 182 pt apart and 360 pt below
    // GROUND's baseline: 100 % scale keeps those distances. A word's box
    // stands on its baseline less the font's ascent, here the embedded
    // stand-in's (its d is 0.725 em tall), so the tops of the 10 pt
    // markers and of the 28 pt GROUND are 360 + 18 × 0.725 pt apart.
    assert!((x2 - x1 - 182.0).abs() < 0.01, "{x1} {x2}");
    assert!((y1 - y2).abs() < 0.01);
    assert!((y1 - y3 - (360.0 + 18.0 * 0.725)).abs() < 0.01, "{y1} {y3}");
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert_eq!(
        images.lines().count(),
        2,
        "no raster image expected:\n{images}"
    );
}

#[test]
fn a_png_label_prints_at_203_dpi_and_the_rma_barcode_scans() {
    if !tools(&["pdfimages", "pdftoppm", "zbarimg"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("return-label");
    fs::create_dir_all(guide.join("img")).unwrap();
    fs::copy(
        label_fixture().join("img/new-gateway.svg"),
        guide.join("img/new-gateway.svg"),
    )
    .unwrap();
    let toml = fs::read_to_string(label_fixture().join("guide.toml"))
        .unwrap()
        .replace("label.pdf", "label.png");
    fs::write(guide.join("guide.toml"), toml).unwrap();
    // A 4 × 6 in thermal label at 203 dpi, declaring no resolution.
    let label = image::GrayImage::from_fn(812, 1218, |x, y| {
        image::Luma([if (x / 20 + y / 20) % 2 == 0 { 0 } else { 255 }])
    });
    label.save(guide.join("label.png")).unwrap();

    let out = dir.path().join("out");
    let files = build(&guide, &out, &[]);
    let images = tool("pdfimages", &["-list", files[0].to_str().unwrap()]);
    let row = images
        .lines()
        .find(|l| l.contains(" 812 ") && l.contains(" 1218 "))
        .unwrap_or_else(|| panic!("label image missing:\n{images}"));
    let cols: Vec<&str> = row.split_whitespace().collect();
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
    assert_eq!(&cols[12..14], &["203", "203"], "{row}");

    // The packing slip's Code 128 decodes to the RMA.
    let pages = tempfile::tempdir().unwrap();
    let prefix = pages.path().join("p");
    tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            files[0].to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut decoded = String::new();
    for page in fs::read_dir(pages.path()).unwrap().flatten() {
        let out = Command::new("zbarimg")
            .args(["-q", "--raw", "-Scode128.enable"])
            .arg(page.path())
            .output()
            .expect("zbarimg is needed for this test (.ci/run installs zbar-tools)");
        decoded.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    assert!(decoded.lines().any(|l| l == "RMA-2026-0042"), "{decoded}");
}

/// A word's box: (page, word, x min, y min, x max, y max).
type WordBox = (usize, String, f32, f32, f32, f32);

/// Every word box of every page, with each page's height.
fn all_word_boxes(pdf: &Path) -> (Vec<f32>, Vec<WordBox>) {
    let out = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut heights = Vec::new();
    let mut words = Vec::new();
    for l in out.lines() {
        let attr = |name: &str| -> Option<f32> {
            let at = l.find(&format!("{name}=\""))? + name.len() + 2;
            l[at..].split('"').next()?.parse().ok()
        };
        if l.trim_start().starts_with("<page") {
            heights.push(attr("height").unwrap_or(0.0));
        } else if let Some(word) = l.split('>').nth(1).and_then(|w| w.split('<').next())
            && let (Some(x0), Some(y0), Some(x1), Some(y1)) =
                (attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"))
        {
            words.push((heights.len(), word.to_string(), x0, y0, x1, y1));
        }
    }
    (heights, words)
}

/// The footer's parts (the help line with its phone, the page number)
/// never touch, in any example's language, paper and print size: long
/// ones put the page number on a line of its own. Nor does a footer of
/// two lines come closer than 7 mm to the paper's edge (many printers
/// cannot print the last 5 mm; a one-line footer's words end 8 to 13 mm
/// from it).
#[test]
fn footer_parts_never_touch() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    for (n, extra) in [
        &[][..],
        &["--large-print"][..],
        &["--paper", "a4", "--large-print"][..],
        &["--paper", "a4"][..],
    ]
    .iter()
    .enumerate()
    {
        let dir = out.path().join(n.to_string());
        for pdf in build(&root().join("guides"), &dir, extra) {
            let (heights, words) = all_word_boxes(&pdf);
            for (page, height) in heights.iter().enumerate() {
                let page = page + 1;
                // The footer: the bottom 75 pt.
                let mut footer: Vec<&WordBox> = words
                    .iter()
                    .filter(|w| w.0 == page && w.3 > height - 75.0)
                    .collect();
                let name = pdf.file_name().unwrap().to_string_lossy();
                for w in &footer {
                    assert!(
                        height - w.5 >= 19.8,
                        "{name} {extra:?} page {page}: `{}` is {:.1} pt from the paper's edge",
                        w.1,
                        height - w.5
                    );
                }
                // The phone starts with its own word, +1: not run into
                // another part.
                assert!(
                    footer.iter().any(|w| w.1 == "+1"),
                    "{name} {extra:?} page {page}: the phone is not words of its own: {footer:?}"
                );
                // Lines: the phone is larger, so its top sits a little
                // above the words beside it.
                footer.sort_by(|a, b| a.3.total_cmp(&b.3));
                let mut lines: Vec<Vec<&WordBox>> = Vec::new();
                for w in footer {
                    match lines.last_mut() {
                        Some(line) if w.3 - line[0].3 < 5.0 => line.push(w),
                        _ => lines.push(vec![w]),
                    }
                }
                for mut line in lines {
                    line.sort_by(|a, b| a.2.total_cmp(&b.2));
                    for pair in line.windows(2) {
                        let (a, b) = (pair[0], pair[1]);
                        assert!(
                            b.2 - a.4 > 1.0,
                            "{name} {extra:?} page {page}: `{}` touches `{}`",
                            a.1,
                            b.1
                        );
                    }
                }
            }
        }
    }
}

/// A light's swatch is a round lamp with a rim (and rays when lit), never
/// a square that a white light would make look like an empty check box.
#[test]
fn light_swatches_are_round_lamps() {
    if !tools(&["qpdf"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let files = build(&root().join("guides/gateway-swap"), out.path(), &[]);
    let en = files
        .iter()
        .find(|f| f.ends_with("gateway-swap.en.pdf"))
        .unwrap();
    let qdf = out.path().join("open.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            en.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    let text = String::from_utf8_lossy(&fs::read(&qdf).unwrap()).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    // Each lamp: a rim (0.8 pt), its circle in four curves, filled and
    // stroked; the example's lights are off, amber, blinking and solid
    // white.
    let lamps = lines
        .windows(7)
        .filter(|w| {
            w[0] == "0.8 w"
                && w[1].ends_with(" m")
                && w[2..6].iter().all(|l| l.ends_with(" c"))
                && w[6] == "B"
        })
        .count();
    assert_eq!(lamps, 4, "lamps drawn");
}

/// A logo that spells the provider's name (`logo_has_name`) is not
/// followed by the name again; without a logo the name is printed.
#[test]
fn a_logo_with_the_name_is_not_followed_by_it_again() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = crate::support::build_guide(&root().join("guides/gateway-swap"), out.path(), &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = out.path().join("gateway-swap.en.pdf");
    let cover = tool(
        "pdftotext",
        &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
    );
    assert!(!cover.contains("Northwind Broadband"), "{cover}");
    let html = fs::read_to_string(out.path().join("gateway-swap.en.html")).unwrap();
    assert!(html.contains("alt=\"Northwind Broadband\""));
    assert!(!html.contains("<span>Northwind Broadband</span>"));

    let plain = build(&fixture(), &out.path().join("plain"), &[]);
    let cover = tool(
        "pdftotext",
        &["-f", "1", "-l", "1", plain[0].to_str().unwrap(), "-"],
    );
    assert!(cover.contains("Your company"), "{cover}");
}

/// A table split over pages starts each page it continues on with its
/// heading row, drawn as decoration (a screen reader hears it once).
#[test]
fn a_table_split_over_pages_repeats_its_heading_row() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (guide, toml) = fixture_in(dir.path());
    let mut table = String::from("\n| Port code | Where it goes |\n|---|---|\n");
    for n in 1..=70 {
        table.push_str(&format!("| P{n:02} | Socket {n} on the wall |\n"));
    }
    fs::write(
        guide.join("guide.toml"),
        toml.replacen(
            "cable from the wall.\n",
            &format!("cable from the wall.\n{table}"),
            1,
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let pdf = build(&guide, &out, &[])[0].clone();
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| p.contains("Socket "))
        .collect();
    assert!(pages.len() >= 2, "the table fits one page: {text}");
    for (n, page) in pages.iter().enumerate() {
        let head = page
            .find("Port code")
            .unwrap_or_else(|| panic!("page {n}: {page}"));
        let first_row = page.find("Socket ").unwrap();
        assert!(
            head < first_row,
            "page {n}: the heading is not above the rows:\n{page}"
        );
        // No page holds a single row of it, first or last.
        assert!(page.matches("Socket ").count() >= 2, "page {n}:\n{page}");
    }
    // Read once: the heading's text is in the structure tree one time.
    if tools(&["pdfinfo"]) {
        let tree = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
        assert_eq!(tree.matches("Port code").count(), 1, "{tree}");
    }
}

/// Large print uses its first pages as normal print does: the support box
/// (which cannot break) comes under the title, so the cover is filled to
/// its foot, and what's in the box sits with the equipment on page 2.
#[test]
fn a_large_print_cover_fills_its_page() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let pdf = build(
        &root().join("guides/gateway-swap"),
        out.path(),
        &["--paper", "a4", "--large-print"],
    )
    .into_iter()
    .find(|p| p.to_string_lossy().ends_with(".en.large.pdf"))
    .unwrap();
    let (heights, words) = all_word_boxes(&pdf);
    let body_foot = |page: usize| {
        words
            .iter()
            .filter(|w| w.0 == page && w.3 < heights[page - 1] - 75.0)
            .map(|w| w.3)
            .fold(0.0f32, f32::max)
    };
    // Text runs to within a few lines of the footer.
    assert!(
        body_foot(1) > 0.8 * (heights[0] - 75.0),
        "page 1 ends at {} of {}",
        body_foot(1),
        heights[0]
    );
    let page_of = |word: &str| words.iter().find(|w| w.1 == word).map(|w| w.0);
    assert!(
        page_of("+1") == Some(1),
        "the support phone is not on the cover"
    );
    // "What's in the box" and the equipment share a page.
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let two = text.split('\u{c}').nth(1).unwrap();
    assert!(
        two.contains("What's in the box") && two.contains("Your new equipment"),
        "{two}"
    );
}

/// The light legend is a table too: split over pages, each page of it
/// starts with its column headings, and no page holds one light alone
/// (tried with counts that leave one over, whatever the page size).
#[test]
fn the_light_legend_split_over_pages_repeats_its_headings() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (guide, toml) = fixture_in(dir.path());
    for count in 36..=46 {
        let mut lights = String::new();
        for n in 1..=count {
            lights.push_str(&format!(
                "[[lights]]\nlight = \"Lamp {n}\"\nstate = \"Solid\"\nmeaning = \"Case {n}.\"\n\n"
            ));
        }
        fs::write(
            guide.join("guide.toml"),
            toml.replacen("[[lights]]", &format!("{lights}[[lights]]"), 1),
        )
        .unwrap();
        let pdf = build(&guide, &dir.path().join(format!("out{count}")), &[])[0].clone();
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| p.contains("Lamp ") || p.contains("Front light"))
            .collect();
        assert!(pages.len() >= 2, "the legend fits one page: {text}");
        for (n, page) in pages.iter().enumerate() {
            let head = page
                .find("Looks like")
                .unwrap_or_else(|| panic!("{count} lights, page {n} has no headings: {page}"));
            let first_row = page
                .find("Lamp ")
                .or_else(|| page.find("Front light"))
                .unwrap();
            assert!(head < first_row, "{count} lights, page {n}:\n{page}");
            let rows = page.matches("Lamp ").count() + page.matches("Front light").count();
            assert!(
                rows >= 2,
                "{count} lights, page {n} holds one light:\n{page}"
            );
        }
    }
}

/// Wherever a page ends, no paragraph leaves one line alone on either
/// side of it, no list leaves one item alone, and a line that leads into
/// a list ("Then:") stays on the page of its first item, as one that
/// ends in a comma ("Hello Ada,") does with what follows. Tried with
/// fillers of many lengths, so the page's end falls on each line in turn.
#[test]
fn no_line_or_item_is_left_alone_at_a_page_break() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (guide, toml) = fixture_in(dir.path());
    let paragraph = "zqa ".repeat(60);
    let list = (1..=4).map(|n| format!("- zxi {n}\n")).collect::<String>();
    for filler in 20..44 {
        let body = format!(
            "{}\n{paragraph}\n\nThen zyl:\n\n{list}\nHello zgr,\n\n{}\n",
            "Filler.\n\n".repeat(filler),
            "zgn ".repeat(40)
        );
        fs::write(
            guide.join("guide.toml"),
            toml.replacen(
                "cable from the wall.\n",
                &format!("cable from the wall.\n\n{body}"),
                1,
            ),
        )
        .unwrap();
        let pdf = build(&guide, &dir.path().join(format!("out{filler}")), &[])[0].clone();
        let (_, words) = all_word_boxes(&pdf);
        // For each page, the distinct lines (tops) that hold a word.
        let lines = |word: &str| {
            let mut per_page: std::collections::BTreeMap<usize, Vec<i32>> = Default::default();
            for w in words.iter().filter(|w| w.1 == word) {
                let tops = per_page.entry(w.0).or_default();
                if !tops.contains(&(w.3 as i32)) {
                    tops.push(w.3 as i32);
                }
            }
            per_page
        };
        let paragraph = lines("zqa");
        let items = lines("zxi");
        for (what, pages) in [("paragraph", &paragraph), ("list", &items)] {
            for (page, tops) in pages {
                assert!(
                    pages.len() == 1 || tops.len() >= 2,
                    "filler {filler}: page {page} holds one line of the {what}: {pages:?}"
                );
            }
        }
        let lead = lines("zyl:");
        assert_eq!(
            lead.keys().next(),
            items.keys().next(),
            "filler {filler}: the lead-in line is not with the list"
        );
        // A line that ends in a comma (a greeting) stays with what follows.
        assert_eq!(
            lines("zgr,").keys().next(),
            lines("zgn").keys().next(),
            "filler {filler}: the greeting is not with its paragraph"
        );
    }
}
