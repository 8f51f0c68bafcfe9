//! `--print-file`: every built guide bound into one PDF for the print
//! house, with a manifest that matches it page for page.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use sha2::Digest;

use crate::campaign::{campaign, code128s};
use crate::pdf::{qr_codes, squash, tool};
use crate::support::{root, stderr, tools};

fn build(csv: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .current_dir(root())
        .args(["build", "guides/gateway-swap", "--customers"])
        .arg(csv)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn pages(pdf: &Path) -> u64 {
    tool("qpdf", &["--show-npages", pdf.to_str().unwrap()])
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn the_print_file_binds_every_built_guide_in_csv_order_matching_its_manifest() {
    if !tools(&["qpdf", "pdftotext", "pdftoppm", "pdfimages", "zbarimg"]) {
        return;
    }
    let (dir, folder) = campaign(&[
        r#"P-1,Ada,en,2026-11-29,Lovelace 5G,"correct;horse""battery",labels/ups.pdf,RMA-1001,LB-77"#,
        "P-2,José,es,2026-12-20,Casa,clave,labels/usps.png,RMA-1002,",
        "P-3,Alan,en,2026-11-29,Net,pw,labels/missing.pdf,RMA-1003,",
        "-P4,Kurt,en,,Net 4,pw4,,RMA-1004,",
    ]);
    let csv = folder.join("customers.csv");
    let out = dir.path().join("out");
    let print = dir.path().join("print.pdf");
    let result = build(
        &csv,
        &out,
        &["--print-file", print.to_str().unwrap(), "--proof", "2"],
    );
    // One row failed; the others are bound.
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    tool("qpdf", &["--check", print.to_str().unwrap()]);

    let mut reader = csv::Reader::from_path(dir.path().join("print.manifest.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "line",
            "file",
            "first_page",
            "pages",
            "sheets",
            "sha256"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    // In CSV order, the failed row left out, a formula-looking id guarded.
    assert_eq!(ids, ["P-1", "P-2", "'-P4"]);
    let mut next_page = 1;
    for row in &rows {
        let file = out.join(row[2].trim_start_matches('\''));
        let own_pages = pages(&file);
        let first: u64 = row[3].parse().unwrap();
        let sheets: u64 = row[5].parse().unwrap();
        assert_eq!(first, next_page, "{row:?}");
        assert_eq!(row[4].parse::<u64>().unwrap(), own_pages, "{row:?}");
        assert_eq!(sheets, own_pages.div_ceil(2), "{row:?}");
        let digest: String = sha2::Sha256::digest(fs::read(&file).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(row[6], digest);
        next_page += 2 * sheets;
    }
    assert_eq!(pages(&print), next_page - 1);

    // A picture every guide prints (the same photo, the same diagrams) is
    // stored once in the print file: fewer picture objects and fewer bytes
    // than the guides have between them.
    let pictures = |pdf: &Path| -> std::collections::HashSet<String> {
        tool("pdfimages", &["-list", pdf.to_str().unwrap()])
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().nth(10).map(str::to_string))
            .collect()
    };
    let own: Vec<std::path::PathBuf> = rows
        .iter()
        .map(|r| out.join(r[2].trim_start_matches('\'')))
        .collect();
    let own_pictures: usize = own.iter().map(|f| pictures(f).len()).sum();
    let own_bytes: u64 = own.iter().map(|f| fs::metadata(f).unwrap().len()).sum();
    let bound_pictures = pictures(&print).len();
    assert!(
        bound_pictures > 0 && bound_pictures < own_pictures,
        "{bound_pictures} picture objects bound from {own_pictures}"
    );
    let bound_bytes = fs::metadata(&print).unwrap().len();
    assert!(
        bound_bytes < own_bytes * 3 / 4,
        "the print file has {bound_bytes} bytes, the guides {own_bytes}"
    );

    // Each guide is where the manifest says: its text, its Wi-Fi code and
    // the RMA barcode on its return page all come from the bound file.
    let text_of = |page: u64| {
        let p = page.to_string();
        squash(&tool(
            "pdftotext",
            &["-f", &p, "-l", &p, print.to_str().unwrap(), "-"],
        ))
    };
    assert!(text_of(1).contains("Hi Ada,"), "{}", text_of(1));
    let jose: u64 = rows[1][3].parse().unwrap();
    assert!(text_of(jose).contains("Hola, José:"), "{}", text_of(jose));
    let ada_pages: u64 = rows[0][4].parse().unwrap();
    let codes: Vec<String> = (1..=ada_pages as usize)
        .flat_map(|p| qr_codes(&print, p))
        .collect();
    assert!(
        codes.contains(&r#"WIFI:T:WPA;S:Lovelace 5G;P:correct\;horse\"battery;;"#.to_string()),
        "{codes:?}"
    );
    let last = jose + rows[1][4].parse::<u64>().unwrap() - 1;
    let decoded = code128s(&print, Some((jose, last)));
    assert!(decoded.lines().any(|l| l == "RMA-1002"), "{decoded}");

    // The proof: a sheet for each of the first two customers, captioned,
    // their pages drawn small (so their text is still there).
    let proof = dir.path().join("print.proof.pdf");
    tool("qpdf", &["--check", proof.to_str().unwrap()]);
    assert_eq!(pages(&proof), 2);
    let sheet = squash(&tool(
        "pdftotext",
        &["-f", "2", "-l", "2", proof.to_str().unwrap(), "-"],
    ));
    let caption = format!(
        "P-2 - line 3 - {} pages - pages {jose} to {} of print.pdf",
        rows[1][4].parse::<u64>().unwrap(),
        jose + rows[1][4].parse::<u64>().unwrap() - 1
    );
    assert!(sheet.contains(&caption), "{sheet}");
    assert!(sheet.contains("Hola, José:"), "{sheet}");

    // Resumed, the kept guides are bound again: the same print file.
    let first = fs::read(&print).unwrap();
    let result = build(
        &csv,
        &out,
        &["--resume", "--print-file", print.to_str().unwrap()],
    );
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(fs::read(&print).unwrap() == first, "the print file changed");
}

#[test]
fn a_print_file_never_lands_in_out_nor_outlives_a_campaign_stopped_early() {
    let (dir, folder) = campaign(&[
        "S-1,Ada,en,,Net,pw,,RMA-1,",
        "S-2,Alan,en,,Net,pw,labels/missing.pdf,RMA-2,",
        "S-3,Kurt,en,,Net,pw,,RMA-3,",
    ]);
    let csv = folder.join("customers.csv");
    let out = dir.path().join("out");

    // In --out it could take a customer's name; in the CSV's folder, a label's.
    for inside in [out.join("S-1.pdf"), folder.join("labels/print.pdf")] {
        fs::create_dir_all(&out).unwrap();
        let result = build(&csv, &out, &["--print-file", inside.to_str().unwrap()]);
        assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
        assert!(
            stderr(&result).contains("--print-file"),
            "{}",
            stderr(&result)
        );
        assert!(!out.join("report.csv").exists());
    }

    let print = dir.path().join("run.pdf");
    let manifest = dir.path().join("run.manifest.csv");
    let proof = dir.path().join("run.proof.pdf");
    let result = build(
        &csv,
        &out,
        &["--print-file", print.to_str().unwrap(), "--proof", "1"],
    );
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(print.exists() && manifest.exists() && proof.exists());

    // Stopped at S-2, S-3 is skipped: a print file without it would be
    // printed as if whole, so none is left.
    let result = build(
        &csv,
        &out,
        &[
            "--fail-fast",
            "--print-file",
            print.to_str().unwrap(),
            "--proof",
            "1",
        ],
    );
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(
        stderr(&result).contains("not written"),
        "{}",
        stderr(&result)
    );
    assert!(!print.exists() && !manifest.exists() && !proof.exists());
}

/// Binding reads a guide's PDF object by object, skipping its structure
/// tree; reading it whole must bind the very same bytes.
#[test]
fn reading_only_what_pages_draw_binds_what_reading_it_whole_does() {
    use swapguide::pdf::bind::{Binder, Source, read};
    let (dir, folder) = campaign(&["W-1,Ada,en,2026-11-29,Net,pw,labels/usps.png,RMA-1,LB-1"]);
    let out = dir.path().join("out");
    let result = build(&folder.join("customers.csv"), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    let bytes = fs::read(out.join("W-1.pdf")).unwrap();
    let bind = |source: Source<'_>| {
        let mut binder = Binder::new(Vec::new()).unwrap();
        binder.append(&source).unwrap();
        binder.append_contact_sheet(&source, "W-1").unwrap();
        binder.finish().unwrap()
    };
    let lazy = read(&bytes).unwrap();
    assert!(
        matches!(lazy, Source::Lazy(_)),
        "a guide's PDF is read lazily"
    );
    let document = lopdf::Document::load_mem(&bytes).unwrap();
    let in_guide = document.objects.len();
    let (lazy, whole) = (bind(lazy), bind(Source::Whole(Box::new(document))));
    assert!(lazy == whole, "the two readings bind different bytes");
    // Far fewer objects than the guide's own: its structure tree stays behind.
    let objects = |pdf: &[u8]| pdf.windows(5).filter(|w| w == b" obj\n").count();
    assert!(
        objects(&lazy) * 2 < in_guide,
        "{} of {in_guide}",
        objects(&lazy),
    );
}
