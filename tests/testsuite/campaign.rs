//! Mailer campaigns: `swapguide build GUIDE --customers CSV`, on a
//! generated campaign of good and bad rows, checked with the real tools.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::pdf::{qr_codes, squash, tool};
use crate::support::{root, stderr, swapguide, tools};

const HEADER: &str =
    "id,first_name,language,ship_date,wifi_ssid,wifi_password,return_label,rma,label_broker_id";

/// A campaign folder: the CSV, a PDF label and a 203-dpi PNG label, and a
/// file just outside it that a row must not be able to reach.
pub(crate) fn campaign(rows: &[impl AsRef<str>]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("campaign");
    fs::create_dir_all(folder.join("labels")).unwrap();
    fs::copy(
        root().join("campaigns/gateway-swap/labels/C-1001.pdf"),
        folder.join("labels/ups.pdf"),
    )
    .unwrap();
    // A 4 × 6 in thermal label that declares no resolution: 203 dpi.
    image::GrayImage::from_fn(812, 1218, |x, y| {
        image::Luma([if (x / 29 + y / 31) % 2 == 0 { 0 } else { 255 }])
    })
    .save(folder.join("labels/usps.png"))
    .unwrap();
    fs::write(dir.path().join("secret.pdf"), b"%PDF-1.4 not yours").unwrap();
    let mut csv = String::from("\u{feff}");
    csv.push_str(HEADER);
    csv.push('\n');
    for r in rows {
        csv.push_str(r.as_ref());
        csv.push('\n');
    }
    fs::write(folder.join("customers.csv"), csv).unwrap();
    (dir, folder)
}

/// `swapguide build guides/gateway-swap --customers <folder>/customers.csv
/// --out OUT EXTRA…`, ready to run.
fn command(folder: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_swapguide"));
    command
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["build", "guides/gateway-swap", "--customers"])
        .arg(folder.join("customers.csv"))
        .arg("--out")
        .arg(out)
        .args(extra);
    command
}

fn run(folder: &Path, out: &Path, extra: &[&str]) -> Output {
    command(folder, out, extra).output().expect("run swapguide")
}

/// `report.csv` as (id, status, files, error) rows.
pub(crate) fn report(out: &Path) -> Vec<[String; 4]> {
    let mut reader = csv::Reader::from_path(out.join("report.csv")).expect("report.csv");
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "status",
            "files",
            "error",
            "fell_back_from",
            "line",
            "input"
        ]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            [0, 1, 2, 3].map(|i| r[i].to_string())
        })
        .collect()
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn good_rows_build_bad_rows_fail_alone_with_their_reason() {
    let (dir, folder) = campaign(&[
        r#"C-1,Ada,en,2026-11-29,Lovelace 5G,"correct;horse""battery",labels/ups.pdf,RMA-1001,LB-77"#,
        "C-2,Grace,es,2026-12-20,Casa,clave,labels/usps.png,RMA-1002,",
        "C-3,Alan,en,2026-11-29,Net,pw,../secret.pdf,RMA-1003,",
        "C-4,Kurt,en,2026-11-29,Net,pw,labels/missing.pdf,RMA-1004,",
        "../evil,Eve,en,2026-11-29,Net,pw,,RMA-1005,",
        "C-6,Emmy,en,2026-13-01,Net,pw,,RMA-1006,",
        "C-7,Short,en,2026-11-29,Net",
        "C-1,Again,en,2026-11-29,Net,pw,,RMA-1008,",
        "C-9,Marie,de,2026-11-29,Net,pw,,RMA-1009,",
        "C-10,Linus,,,Net,pw,,,",
    ]);
    let out = dir.path().join("out");
    let result = run(&folder, &out, &["--format", "pdf,html"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));

    let rows = report(&out);
    let summary: Vec<(&str, &str)> = rows.iter().map(|r| (&*r[0], &*r[1])).collect();
    assert_eq!(
        summary,
        [
            ("C-1", "ok"),
            ("C-2", "ok"),
            ("C-3", "failed"),
            ("C-4", "failed"),
            ("../evil", "failed"),
            ("C-6", "failed"),
            ("C-7", "failed"),
            ("C-1", "failed"),
            ("C-9", "failed"),
            ("C-10", "ok"),
        ]
    );
    // Each failed row's reason, with its line in the CSV (the header is line 1).
    let reasons = [
        (2, "leaves the folder"),
        (3, "does not exist"),
        (4, "the id `../evil` holds `/`"),
        (5, "ship_date `2026-13-01` is not a date"),
        (6, "missing: wifi_password"),
        (7, "already used on line 2"),
        (8, "language `de`"),
    ];
    for (i, expected) in reasons {
        let reason = &rows[i][3];
        assert!(reason.contains(expected), "row {i}: {reason}");
    }
    assert!(rows[2][3].starts_with("line 4:"), "{}", rows[2][3]);
    assert_eq!(rows[0][2], "C-1.pdf;C-1.html");
    assert!(rows[0][3].is_empty());

    // Only the good rows' files, and nothing outside --out.
    let expected: BTreeSet<String> = [
        "C-1.pdf",
        "C-1.html",
        "C-2.pdf",
        "C-2.html",
        "C-10.pdf",
        "C-10.html",
        "report.csv",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(files_in(&out), expected);
    assert!(!dir.path().join("evil.pdf").exists());
    // The page says where the label is: in this customer's PDF, or not yet.
    let with_label = fs::read_to_string(out.join("C-1.html")).unwrap();
    assert!(with_label.contains("on the last page of your printed guide"));
    assert!(!with_label.contains("sent separately"));
    let without = fs::read_to_string(out.join("C-10.html")).unwrap();
    assert!(without.contains("sent separately"));
    assert_eq!(
        files_in(dir.path()),
        ["campaign", "out", "secret.pdf"]
            .into_iter()
            .map(String::from)
            .collect()
    );
}

/// Every QR code on every page.
fn all_qr_codes(pdf: &Path) -> Vec<String> {
    let pages: usize = tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    (1..=pages).flat_map(|p| qr_codes(pdf, p)).collect()
}

/// Every Code 128 barcode zbarimg reads on the pages of `pdf` (from
/// `first` to `last`, or all) rendered at 150 dpi, a line each.
pub(crate) fn code128s(pdf: &Path, pages: Option<(u64, u64)>) -> String {
    let shots = tempfile::tempdir().unwrap();
    let mut args = vec!["-r".to_string(), "150".into(), "-png".into()];
    if let Some((first, last)) = pages {
        args.extend([
            "-f".into(),
            first.to_string(),
            "-l".into(),
            last.to_string(),
        ]);
    }
    args.push(pdf.to_str().unwrap().into());
    args.push(shots.path().join("p").to_str().unwrap().into());
    tool(
        "pdftoppm",
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let mut decoded = String::new();
    for page in fs::read_dir(shots.path()).unwrap().flatten() {
        let scan = Command::new("zbarimg")
            .args(["-q", "--raw", "-Scode128.enable"])
            .arg(page.path())
            .output()
            .unwrap();
        decoded.push_str(&String::from_utf8_lossy(&scan.stdout));
    }
    decoded
}

#[test]
fn a_customers_codes_label_and_dates_are_in_their_pdf() {
    if !tools(&["qpdf", "pdftotext", "pdftoppm", "pdfimages", "zbarimg"]) {
        return;
    }
    let (dir, folder) = campaign(&[
        r#"C-1,Ada,en,2026-11-29,Lovelace 5G,"correct;horse""battery",labels/ups.pdf,RMA-1001,LB-77"#,
        "C-2,José,es,2026-12-20,Casa: García,clave,labels/usps.png,RMA-1002,",
    ]);
    let out = dir.path().join("out");
    let result = run(&folder, &out, &["--format", "pdf"]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let en = out.join("C-1.pdf");
    let es = out.join("C-2.pdf");
    for pdf in [&en, &es] {
        tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    }

    let text = squash(&tool("pdftotext", &[en.to_str().unwrap(), "-"]));
    assert!(text.contains("Hi Ada,"), "{text}");
    assert!(
        text.contains("Send it back by December 20, 2026."),
        "{text}"
    );
    let text = squash(&tool("pdftotext", &[es.to_str().unwrap(), "-"]));
    assert!(text.contains("Hola, José:"), "{text}");
    assert!(
        text.contains("Devuélvalo a más tardar el 10 de enero de 2027."),
        "{text}"
    );

    // The Wi-Fi code, escaped, and the counter code decode exactly.
    let codes = all_qr_codes(&en);
    assert!(
        codes.contains(&r#"WIFI:T:WPA;S:Lovelace 5G;P:correct\;horse\"battery;;"#.to_string()),
        "{codes:?}"
    );
    assert!(codes.contains(&"LB-77".to_string()), "{codes:?}");
    let es_codes = all_qr_codes(&es);
    assert!(
        es_codes.contains(&r#"WIFI:T:WPA;S:Casa\: García;P:clave;;"#.to_string()),
        "{es_codes:?}"
    );

    // The RMA barcode scans; the PNG label prints at 203 dpi.
    let decoded = code128s(&es, None);
    assert!(decoded.lines().any(|l| l == "RMA-1002"), "{decoded}");
    let images = tool("pdfimages", &["-list", es.to_str().unwrap()]);
    let label = images
        .lines()
        .find(|l| l.contains(" 812 1218 "))
        .unwrap_or_else(|| panic!("no label image:\n{images}"));
    let cols: Vec<&str> = label.split_whitespace().collect();
    assert_eq!(&cols[12..14], &["203", "203"], "{label}");
}

#[test]
fn hostile_customer_values_stay_text() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let (dir, folder) = campaign(&[
        r#"C-1,<script>alert(1)</script>,en,,{{ customer.rma }},<img src=x onerror=alert(2)>,,RMA-1,"#,
    ]);
    let out = dir.path().join("out");
    let result = run(&folder, &out, &["--format", "pdf,html"]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let html = fs::read_to_string(out.join("C-1.html")).unwrap();
    assert!(
        !html.contains("<script>alert"),
        "a customer value became a script"
    );
    assert!(
        !html.contains("<img src=x"),
        "a customer value became markup"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let pdf = out.join("C-1.pdf");
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(text.contains("Hi <script>alert(1)</script>,"), "{text}");
    // The value that looks like a template is printed as written.
    assert!(text.contains("{{ customer.rma }}"), "{text}");
    assert!(text.contains("Network name {{ customer.rma }}"), "{text}");
}

#[test]
fn three_shards_build_every_row_exactly_once() {
    let rows: Vec<String> = (1..=8)
        .map(|i| format!("S-{i},N{i},en,,Net,pw,,RMA-{i},"))
        .collect();
    let (dir, folder) = campaign(&rows);
    let mut seen = Vec::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("out{k}"));
        let shard = format!("{k}/3");
        let result = run(&folder, &out, &["--format", "pdf", "--shard", &shard]);
        assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
        let ids: Vec<String> = report(&out).into_iter().map(|r| r[0].clone()).collect();
        // Rows at 0-based positions k-1, k-1+3, … in CSV order.
        let expected: Vec<String> = (1..=8)
            .filter(|i| (i - 1) % 3 == k - 1)
            .map(|i| format!("S-{i}"))
            .collect();
        assert_eq!(ids, expected);
        let mut pdfs = files_in(&out);
        pdfs.remove("report.csv");
        assert_eq!(
            pdfs,
            ids.iter()
                .map(|i| format!("{i}.pdf"))
                .collect::<BTreeSet<_>>()
        );
        seen.extend(ids);
    }
    seen.sort();
    let mut all: Vec<String> = (1..=8).map(|i| format!("S-{i}")).collect();
    all.sort();
    assert_eq!(seen, all);

    // Merged, the shards' reports are one report in CSV order.
    let csv = folder.join("customers.csv");
    let reports: Vec<String> = (1..=3)
        .map(|k| {
            dir.path()
                .join(format!("out{k}/report.csv"))
                .display()
                .to_string()
        })
        .collect();
    let merged = dir.path().join("merged.csv");
    let merge = |reports: &[&str]| {
        let mut args = vec!["report", "merge"];
        args.extend(reports);
        args.extend(["--customers", csv.to_str().unwrap(), "--out"]);
        args.push(merged.to_str().unwrap());
        swapguide(&root(), &args)
    };
    let ok = merge(&[&reports[2], &reports[0], &reports[1]]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let mut reader = csv::Reader::from_path(&merged).unwrap();
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(ids, (1..=8).map(|i| format!("S-{i}")).collect::<Vec<_>>());
    // A shard twice overlaps; a shard missing leaves rows out: refused,
    // and the merged report of the good run is left as it was.
    fs::remove_file(&merged).unwrap();
    let twice = merge(&[&reports[0], &reports[1], &reports[2], &reports[0]]);
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        stderr(&twice).contains("is in two reports"),
        "{}",
        stderr(&twice)
    );
    let missing = merge(&[&reports[0], &reports[1]]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("is in no report"),
        "{}",
        stderr(&missing)
    );
    assert!(!merged.exists());

    let bad = run(&folder, &dir.path().join("x"), &["--shard", "4/3"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));

    // `--shard auto` run the way each engine runs an array job: the same
    // command, the index in the environment; together every row once.
    let engines: [(&str, &[(&str, &str)]); 3] = [
        ("auto/3", &[("JOB_COMPLETION_INDEX", "")]),
        (
            "auto",
            &[
                ("SLURM_ARRAY_TASK_ID", ""),
                ("SLURM_ARRAY_TASK_MIN", "1"),
                ("SLURM_ARRAY_TASK_COUNT", "3"),
            ],
        ),
        ("auto/3", &[("AWS_BATCH_JOB_ARRAY_INDEX", "")]),
    ];
    for (shard, vars) in engines {
        let mut seen = Vec::new();
        for k in 0..3u32 {
            let out = dir.path().join(format!("{}-{k}", vars[0].0));
            let mut command = command(&folder, &out, &["--format", "pdf", "--shard", shard]);
            for (name, value) in vars {
                // The index: from 0, or from SLURM_ARRAY_TASK_MIN (1).
                let value = match *value {
                    "" if name.starts_with("SLURM") => (k + 1).to_string(),
                    "" => k.to_string(),
                    v => v.to_string(),
                };
                command.env(name, value);
            }
            let result = command.output().unwrap();
            assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
            seen.extend(report(&out).into_iter().map(|r| r[0].clone()));
        }
        seen.sort();
        assert_eq!(seen, all, "{shard} with {vars:?}");
    }
    let outside = run(&folder, &dir.path().join("y"), &["--shard", "auto"]);
    assert_eq!(outside.status.code(), Some(2), "{}", stderr(&outside));
    assert!(
        stderr(&outside).contains("no job array index"),
        "{}",
        stderr(&outside)
    );
}

#[test]
fn fail_fast_stops_at_the_first_failed_row() {
    let mut rows = vec!["bad id,X,en,,Net,pw,,,".to_string()];
    rows.extend((1..=12).map(|i| format!("F-{i},N,en,,Net,pw,,,")));
    let (dir, folder) = campaign(&rows);
    let out = dir.path().join("out");
    let result = run(&folder, &out, &["--format", "pdf", "--fail-fast"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    // The first failed row in file order is reported; every row after it
    // is skipped and has no file, whatever the threads did, on every run.
    let listed = report(&out);
    assert_eq!(listed.len(), rows.len(), "{listed:?}");
    assert_eq!(listed[0][1], "failed");
    for row in &listed[1..] {
        assert_eq!(row[1], "skipped", "{row:?}");
        assert!(
            row[3].contains("--fail-fast stopped the campaign at line 2"),
            "{row:?}"
        );
    }
    let mut present = files_in(&out);
    present.remove("report.csv");
    assert!(present.is_empty(), "{present:?}");
    // A bad row later in the file: the rows before it are built.
    let mut rows: Vec<String> = (1..=5).map(|i| format!("G-{i},N,en,,Net,pw,,,")).collect();
    rows.push("bad id,X,en,,Net,pw,,,".to_string());
    rows.extend((6..=9).map(|i| format!("G-{i},N,en,,Net,pw,,,")));
    let (dir2, folder) = campaign(&rows);
    let out = dir2.path().join("out");
    let second = run(&folder, &out, &["--format", "pdf", "--fail-fast"]);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    let status: Vec<String> = report(&out).into_iter().map(|r| r[1].clone()).collect();
    let mut expected = vec!["ok"; 5];
    expected.push("failed");
    expected.extend(["skipped"; 4]);
    assert_eq!(status, expected);
    assert!(
        stderr(&result).contains("--fail-fast"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn a_column_the_guide_needs_is_reported_where_the_guide_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("customers.csv");
    // `wifi_sid`: a misspelt header gets a did-you-mean.
    fs::write(&csv, "id,first_name,wifi_sid\nC-1,Ada,Net\n").unwrap();
    let out = dir.path().join("out");
    let result = swapguide(
        &root(),
        &[
            "build",
            "guides/gateway-swap",
            "--customers",
            csv.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains("has no `wifi_ssid` column"), "{err}");
    assert!(err.contains("guides/gateway-swap/guide.toml:"), "{err}");
    assert!(
        err.contains("the file has a `wifi_sid` column: did you mean `{{ customer.wifi_sid }}`?"),
        "{err}"
    );
    assert!(!out.join("report.csv").exists());
}

#[test]
fn ctrl_c_finishes_the_rows_under_way_and_leaves_no_partial_file() {
    interrupted_by("-INT");
}

/// SIGTERM is what Slurm, Kubernetes, systemd and `timeout` send, and
/// SIGHUP what a closed terminal sends: both stop a campaign as Ctrl-C does.
#[test]
fn sigterm_and_sighup_stop_a_campaign_as_ctrl_c_does() {
    interrupted_by("-TERM");
    interrupted_by("-HUP");
}

fn interrupted_by(signal: &str) {
    // Rows are built in batches of 256, and the first file appears while
    // the next batch builds: five batches, so the interrupt lands before
    // the last even when the disk is slow to flush the first file.
    let rows: Vec<String> = (1..=1200)
        .map(|i| format!("K-{i},N,en,,Net,pw,,,"))
        .collect();
    let (dir, folder) = campaign(&rows);
    let out = dir.path().join("out");
    let child = command(&folder, &out, &["--format", "pdf"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first PDF has appeared.
    let started = std::time::Instant::now();
    while !out.join("K-1.pdf").exists() && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let result = child.wait_with_output().unwrap();
    assert_eq!(
        result.status.code(),
        Some(130),
        "{signal}: {}",
        stderr(&result)
    );

    // The report lists every row: those built, then those skipped (none
    // failed); the files present are exactly the rows built, each a
    // whole PDF, and no temporary file is left.
    let rows_listed = report(&out);
    assert_eq!(rows_listed.len(), rows.len());
    let built = rows_listed.iter().take_while(|r| r[1] == "ok").count();
    for r in &rows_listed[built..] {
        assert_eq!(r[1], "skipped", "{r:?}");
        assert!(r[3].contains("interrupted"), "{r:?}");
    }
    let listed: BTreeSet<String> = rows_listed[..built].iter().map(|r| r[2].clone()).collect();
    assert!(built > 0 && built < rows.len(), "{built}");
    let mut present = files_in(&out);
    present.remove("report.csv");
    assert_eq!(present, listed);
    for name in &present {
        let bytes = fs::read(out.join(name)).unwrap();
        assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
    }
}

#[test]
fn the_same_campaign_gives_identical_files_on_one_thread_or_many() {
    let rows: Vec<String> = (1..=6)
        .map(|i| {
            format!(
                "T-{i},Zoë {i},{},2026-12-0{i},Net {i},pw{i},,RMA-{i},",
                if i % 2 == 0 { "es" } else { "en" }
            )
        })
        .collect();
    let (dir, folder) = campaign(&rows);
    let mut builds = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("out{threads}"));
        let result = command(&folder, &out, &["--format", "pdf,html"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
        let files: Vec<(String, Vec<u8>)> = files_in(&out)
            .into_iter()
            .map(|name| {
                let bytes = fs::read(out.join(&name)).unwrap();
                (name, bytes)
            })
            .collect();
        assert_eq!(files.len(), 13);
        builds.push(files);
    }
    assert!(
        builds[0] == builds[1],
        "files differ between 1 and 2 threads"
    );
}

/// A one-page 4 × 6 in PDF: `page_extra` is added to the page dictionary,
/// `objects` are numbered from 4 on.
fn tiny_pdf(page_extra: &str, objects: &[Vec<u8>]) -> Vec<u8> {
    let mut all: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] {page_extra} >>")
            .into_bytes(),
    ];
    all.extend(objects.iter().cloned());
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in all.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", all.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            all.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// A label of 60 KB whose page content inflates to 64 MB.
fn pdf_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    deflate.write_all(&vec![b' '; 64 * 1024 * 1024]).unwrap();
    let content = deflate.finish().unwrap();
    let mut stream = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        content.len()
    )
    .into_bytes();
    stream.extend(content);
    stream.extend(b"\nendstream");
    tiny_pdf("/Contents 4 0 R", &[stream])
}

/// A label whose resources are a chain of 20,000 references.
fn pdf_chain() -> Vec<u8> {
    let links: Vec<Vec<u8>> = (0..20_000)
        .map(|i| format!("[{} 0 R]", i + 5).into_bytes())
        .chain([b"null".to_vec()])
        .collect();
    tiny_pdf("/Resources << /XObject << /X 4 0 R >> >>", &links)
}

#[test]
fn rows_at_the_limits_fail_alone_and_say_why() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let long_name = "A".repeat(70 * 1024);
    let long_code = "Q".repeat(500);
    let (dir, folder) = campaign(&[
        "C-1,Ada,en,2026-11-29,Net,pw,,RMA-1,LB-1",
        &format!("C-2,{long_name},en,2026-11-29,Net,pw,,RMA-2,LB-2"),
        "C-3,Bad UTF-8 here,en,2026-11-29,Net,pw,,RMA-3,LB-3",
        &format!("C-4,Grace,en,2026-11-29,Net,pw,,RMA-4,{long_code}"),
        "C-5,\"Ni\u{0}na\u{1b}[2J \u{202e}evil\",en,2026-11-29,Net,pw,,RMA-5,LB-5",
        "C-6,Alan,en,2026-11-29,Net,pw,labels/huge.pdf,RMA-6,LB-6",
        "C-7,Kurt,en,2026-11-29,Net,pw,labels/bomb.pdf,RMA-7,LB-7",
        "C-8,Emmy,en,2026-11-29,Net,pw,labels/chain.pdf,RMA-8,LB-8",
    ]);
    // Invalid UTF-8 in the third row, and a label over 30 MB (sparse).
    let csv_path = folder.join("customers.csv");
    let mut csv = fs::read(&csv_path).unwrap();
    let at = csv.windows(3).position(|w| w == b"Bad").unwrap();
    csv[at + 1] = 0xff;
    fs::write(&csv_path, csv).unwrap();
    fs::File::create(folder.join("labels/huge.pdf"))
        .unwrap()
        .set_len(30 * 1024 * 1024 + 1)
        .unwrap();
    fs::write(folder.join("labels/bomb.pdf"), pdf_bomb()).unwrap();
    fs::write(folder.join("labels/chain.pdf"), pdf_chain()).unwrap();

    let out = dir.path().join("out");
    let result = run(&folder, &out, &["--format", "pdf"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let rows = report(&out);
    let outcome: Vec<(&str, &str)> = rows.iter().map(|r| (&*r[1], &*r[3])).collect();
    let expected = [
        ("ok", ""),
        ("failed", "the `first_name` value is 70 KB; at most 64 KB"),
        ("failed", "not UTF-8 at byte 1 of the value"),
        ("failed", "500 bytes is too long for a QR code"),
        ("ok", ""),
        ("failed", "at most 30 MB"),
        ("failed", "cannot be read"),
        ("failed", "nest more than 64 deep"),
    ];
    assert_eq!(outcome.len(), expected.len(), "{rows:?}");
    for (i, ((status, reason), (want_status, want_reason))) in
        outcome.iter().zip(expected).enumerate()
    {
        assert_eq!(*status, want_status, "row {i}: {reason}");
        assert!(reason.contains(want_reason), "row {i}: {reason}");
    }
    // Control characters and the bidirectional override never reach the PDF.
    let text = tool("pdftotext", &[out.join("C-5.pdf").to_str().unwrap(), "-"]);
    assert!(text.contains("Ni na [2J evil"), "{text}");
    assert!(!text.contains('\u{202e}') && !text.contains('\u{1b}'));
    assert_eq!(
        files_in(&out),
        ["C-1.pdf", "C-5.pdf", "report.csv"]
            .into_iter()
            .map(String::from)
            .collect()
    );
}

/// A Wi-Fi name or password that no phone can type (a soft hyphen, a
/// left-to-right mark, a carriage return) or a name of spaces only fails
/// its row: printed cleaned, it would be another network's.
#[test]
fn wifi_values_no_phone_can_join_fail_their_row() {
    let rows = [
        "W-1,Ana,en,,Home Net,good password,,,",
        "W-2,Bo,en,,Home Net,soft\u{AD}hyphen pw,,,",
        "W-3,Cy,en,,Home\u{200E}Net,good password,,,",
        "W-4,Di,en,,Home Net,\"carriage\rreturn\",,,",
        "W-5,Ed,en,,\"   \",good password,,,",
    ];
    let (dir, folder) = campaign(&rows);
    let out = dir.path().join("out");
    let result = run(&folder, &out, &["--format", "pdf"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let report = report(&out);
    assert_eq!(report[0][1], "ok", "{:?}", report[0]);
    for (row, expected) in report[1..]
        .iter()
        .zip(["U+00AD", "U+200E", "U+000D", "only spaces"])
    {
        assert_eq!(row[1], "failed", "{row:?}");
        assert!(row[3].contains(expected), "{row:?}");
    }
}

/// `--customers <(cat customers.csv)`: a pipe is read once. A second
/// reader (counting rows for the progress bar) took rows from the first,
/// which were then built by no one and missing from the report.
#[test]
fn no_row_is_lost_when_the_customers_come_through_a_pipe() {
    let rows: Vec<String> = (1..=1000)
        // An unknown language fails each row at once: the test is about
        // reading, not building.
        .map(|i| format!("P-{i},N,xx,,Net,pw,,,"))
        .collect();
    let (dir, folder) = campaign(&rows);
    let fifo = folder.join("customers.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let csv = fs::read(folder.join("customers.csv")).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(fifo, csv).unwrap())
    };
    let out = dir.path().join("out");
    let result = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["build", "guides/gateway-swap", "--customers"])
        .arg(&fifo)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    writer.join().unwrap();
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let ids: Vec<String> = report(&out).into_iter().map(|r| r[0].clone()).collect();
    let expected: Vec<String> = (1..=1000).map(|i| format!("P-{i}")).collect();
    assert_eq!(ids, expected);
}

/// A rerun into the same folder: a row that now fails loses its earlier
/// PDF and page (a print house taking `*.pdf` would print an old Wi-Fi
/// password), a row built as PDF only loses its earlier page, and nothing
/// else in the folder is touched.
#[test]
fn a_rerun_leaves_no_earlier_file_for_a_row_that_now_fails() {
    let (dir, folder) = campaign(&[
        "C-1,Ada,en,2026-11-29,Net,password1,,RMA-1,",
        "C-2,Bob,en,2026-11-29,Net,password1,,RMA-2,",
    ]);
    let out = dir.path().join("out");
    let first = run(&folder, &out, &["--format", "pdf,html"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    fs::write(out.join("notes.txt"), "mine").unwrap();
    fs::write(out.join("C-2.pdf.bak"), "mine").unwrap();
    let csv = folder.join("customers.csv");
    let text = fs::read_to_string(&csv).unwrap();
    fs::write(
        &csv,
        text.replace("C-2,Bob,en,2026-11-29", "C-2,Bob,en,2026-02-30"),
    )
    .unwrap();
    let second = run(&folder, &out, &["--format", "pdf"]);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    let rows = report(&out);
    assert_eq!((rows[0][1].as_str(), rows[1][1].as_str()), ("ok", "failed"));
    let mut present = files_in(&out);
    present.remove("report.csv");
    let expected: BTreeSet<String> = ["C-1.pdf", "notes.txt", "C-2.pdf.bak"]
        .map(String::from)
        .into();
    assert_eq!(present, expected);
}

/// One id on two rows, in different shards: the second row fails in its
/// shard exactly as in an unsharded run, so the merged shards hold one
/// file per id, built from its first row.
#[test]
fn a_repeated_id_fails_the_same_row_whatever_the_shard() {
    let (dir, folder) = campaign(&[
        "D-1,First,en,,Net,password1,,,",
        "D-2,Other,en,,Net,password1,,,",
        "D-3,Other,en,,Net,password1,,,",
        "D-1,Second,en,,Net,password1,,,",
    ]);
    let mut built = Vec::new();
    let mut failed = Vec::new();
    for shard in ["1/2", "2/2"] {
        let out = dir.path().join(shard.replace('/', "-"));
        let result = run(&folder, &out, &["--format", "pdf", "--shard", shard]);
        for row in report(&out) {
            match row[1].as_str() {
                "ok" => built.push((shard, row[0].clone())),
                _ => failed.push((shard, row[3].clone())),
            }
        }
        assert!(
            matches!(result.status.code(), Some(0 | 1)),
            "{}",
            stderr(&result)
        );
    }
    built.sort();
    assert_eq!(
        built,
        [
            ("1/2", "D-1".to_string()),
            ("1/2", "D-3".into()),
            ("2/2", "D-2".into())
        ]
    );
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, "2/2");
    assert!(
        failed[0]
            .1
            .contains("line 5: the id `D-1` is already used on line 2"),
        "{failed:?}"
    );
}

/// `A100` and `a100` are one file on macOS and Windows: the second row
/// fails as a repeat, and the first customer's PDF is the one left.
#[test]
fn ids_that_differ_only_in_case_are_one_id() {
    let (dir, folder) = campaign(&[
        "A100,First,en,,Net,password1,,,",
        "a100,Second,xx,,Net,password1,,,",
    ]);
    let out = dir.path().join("out");
    let result = run(&folder, &out, &["--format", "pdf"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let rows = report(&out);
    assert_eq!(rows[0][1], "ok");
    assert_eq!(rows[1][1], "failed");
    assert!(rows[1][3].contains("already used on line 2"), "{rows:?}");
    assert!(out.join("A100.pdf").is_file());
}

/// `check GUIDE --customers CSV`: every row a build would fail, at its
/// line in the CSV, and every column the guide uses that the file lacks,
/// with a did-you-mean; nothing is written anywhere.
#[test]
fn check_with_customers_reports_bad_rows_and_columns_and_writes_nothing() {
    let (dir, folder) = campaign(&[
        "C-1,Ada,en,2026-11-29,Home,password1,labels/ups.pdf,RMA-1,",
        "C-2,José,es,2026-13-01,Casa,password1,labels/usps.png,RMA-2,",
        "C-3,Omar,en,2026-11-29,Home,password1,labels/missing.png,RMA-3,",
        "C-4,Ana,de,2026-11-29,Heim,password1,,RMA-4,",
        "C-5,Bo,en,2026-11-29,Home,password1,,RMA-5,",
    ]);
    let csv = folder.join("customers.csv");
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "guides/gateway-swap",
            "--customers",
            csv.to_str().unwrap(),
        ];
        args.extend(extra);
        swapguide(&root(), &args)
    };
    let run = check(&["--format", "short"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let lines: Vec<String> = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let at = |line: u32| format!("{}:{line}: error: ", csv.display());
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with(&at(3)) && lines[0].contains("ship_date"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with(&at(4)) && lines[1].contains("missing.png"),
        "{lines:?}"
    );
    assert!(
        lines[2].starts_with(&at(5)) && lines[2].contains("`de`"),
        "{lines:?}"
    );
    let human = check(&["--fallback-language", "en"]);
    assert_eq!(human.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&human.stdout).contains("checked 5 customers: 2 would fail"),
        "{}",
        String::from_utf8_lossy(&human.stdout)
    );
    // A misspelt column: named, with the guide's place and the near one.
    let text = fs::read_to_string(&csv).unwrap();
    fs::write(&csv, text.replacen("first_name", "fist_name", 1)).unwrap();
    let run = check(&[]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("has no `first_name` column"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("`fist_name`"), "{}", stderr(&run));
    // Nothing written: no report, no PDFs, beside the CSV or in the guide.
    let mut files: Vec<String> = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                files.push(e.file_name().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    assert_eq!(
        files,
        ["customers.csv", "secret.pdf", "ups.pdf", "usps.png"]
    );
    assert!(!root().join("guides/gateway-swap/report.csv").exists());
}
