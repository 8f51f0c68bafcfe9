//! `swapguide build` on the hostile corpus: awkward content and input at
//! the limits. Each case is a folder under tests/fixtures/hostile/ with an
//! `expected.txt` (see `corpus.rs`) giving the build's exit status and
//! every diagnostic it prints, plus these directives:
//!
//! ```text
//! args --format pdf              extra arguments to `swapguide build`
//! sparse img/huge.png 31457281   make this file (all zeros) before building
//! pdf-pages 2-20                 the PDF has this many pages
//! pdf-text Superlong             the PDF's text holds this
//! html-text Superlong            the HTML page's text holds this
//! ```
//!
//! Whatever the case, a build that succeeds must give PDFs that qpdf
//! accepts with every word, picture and code inside the page, and HTML
//! that reaches nothing outside itself; a build that fails writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object, ObjectId};

use crate::campaign::{campaign, report};
use crate::corpus::{Expected, diagnostic_problems, read_expected, run_corpus, verdict};
use crate::html::{allowed_online, assert_self_contained};
use crate::pdf::squash;
use crate::support::{copy_dir, diagnostics, hidden_controls, root, stderr, swapguide, tools};

/// A 2-D affine matrix `[a b c d e f]`, as in PDF.
type Matrix = [f32; 6];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// The box around the rectangle (x, y, w, h) under `m`.
fn bounds(m: &Matrix, [x, y, w, h]: [f32; 4]) -> [f32; 4] {
    let corners = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)];
    let mapped =
        corners.map(|(px, py)| (m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5]));
    let xs = mapped.map(|p| p.0);
    let ys = mapped.map(|p| p.1);
    let min = |v: [f32; 4]| v.into_iter().fold(f32::INFINITY, f32::min);
    let max = |v: [f32; 4]| v.into_iter().fold(f32::NEG_INFINITY, f32::max);
    [min(xs), min(ys), max(xs), max(ys)]
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// The box of everything a page draws but text: rectangles (QR modules,
/// panels), path points (rules) and XObjects (pictures, diagrams, labels),
/// each as [x0, y0, x1, y1] in page space.
fn drawn_boxes(doc: &Document, page: ObjectId) -> Vec<[f32; 4]> {
    let content = doc.get_and_decode_page_content(page).expect("page content");
    let (own, referenced) = doc.get_page_resources(page).expect("resources");
    let resources: Vec<&lopdf::Dictionary> = own
        .into_iter()
        .chain(
            referenced
                .iter()
                .filter_map(|id| doc.get_dictionary(*id).ok()),
        )
        .collect();
    let xobject = |name: &[u8]| {
        resources.iter().find_map(|r| {
            r.get_deref(b"XObject", doc)
                .and_then(|x| x.as_dict())
                .and_then(|x| x.get_deref(name, doc))
                .and_then(|o| o.as_stream())
                .ok()
        })
    };
    let mut stack: Vec<Matrix> = vec![[1.0, 0.0, 0.0, 1.0, 0.0, 0.0]];
    let mut out = Vec::new();
    for op in &content.operations {
        let ctm = *stack.last().expect("the stack is never empty");
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" if stack.len() > 1 => {
                stack.pop();
            }
            "cm" => {
                if let Ok(m) = <[f32; 6]>::try_from(numbers(&op.operands)) {
                    *stack.last_mut().expect("never empty") = multiply(&m, &ctm);
                }
            }
            "re" => {
                if let Ok(r) = <[f32; 4]>::try_from(numbers(&op.operands)) {
                    out.push(bounds(&ctm, r));
                }
            }
            // Path points (rules, cut lines): each as an empty box.
            "m" | "l" => {
                if let Ok([px, py]) = <[f32; 2]>::try_from(numbers(&op.operands)) {
                    out.push(bounds(&ctm, [px, py, 0.0, 0.0]));
                }
            }
            "Do" => {
                let name = op.operands[0].as_name().expect("XObject name");
                let stream = xobject(name).expect("the XObject a page draws exists");
                let dict = &stream.dict;
                let form = dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Form");
                if form {
                    let bbox = dict
                        .get_deref(b"BBox", doc)
                        .and_then(|b| b.as_array())
                        .expect("a form has a BBox");
                    let b = numbers(bbox);
                    let matrix = dict
                        .get(b"Matrix")
                        .and_then(|m| m.as_array())
                        .ok()
                        .and_then(|m| <[f32; 6]>::try_from(numbers(m)).ok())
                        .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
                    out.push(bounds(
                        &multiply(&matrix, &ctm),
                        [b[0], b[1], b[2] - b[0], b[3] - b[1]],
                    ));
                } else {
                    out.push(bounds(&ctm, [0.0, 0.0, 1.0, 1.0]));
                }
            }
            _ => {}
        }
    }
    out
}

/// How far each page is widened before its words are read: poppler drops
/// text that lies wholly outside the page, and that is what is looked for.
const MARGIN: f32 = 3000.0;

/// Each word's box on each page, in page space with y from the top, and
/// each page's size, from `pdftotext -bbox` on a copy of the PDF whose
/// pages are [`MARGIN`] larger on every side.
fn word_boxes(pdf: &Path) -> Vec<(String, [f32; 4], [f32; 2])> {
    let mut doc = Document::load(pdf).expect("lopdf reads the PDF");
    let mut sizes = Vec::new();
    for (_, page) in doc.get_pages() {
        let dict = doc.get_dictionary_mut(page).expect("page");
        let media = numbers(
            dict.get(b"MediaBox")
                .and_then(|m| m.as_array())
                .expect("MediaBox"),
        );
        sizes.push([media[2] - media[0], media[3] - media[1]]);
        let wide = [
            media[0] - MARGIN,
            media[1] - MARGIN,
            media[2] + MARGIN,
            media[3] + MARGIN,
        ];
        dict.set("MediaBox", wide.map(Object::Real).to_vec());
        dict.remove(b"CropBox");
    }
    let widened = tempfile::NamedTempFile::new().unwrap();
    doc.save(widened.path()).expect("save the widened copy");
    let html = Command::new("pdftotext")
        .args(["-bbox", widened.path().to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&html.stdout).into_owned();
    let attr = |l: &str, name: &str| -> Option<f32> {
        let at = l.find(&format!(" {name}=\""))? + name.len() + 3;
        l[at..].split('"').next()?.parse().ok()
    };
    let mut page = 0;
    let mut out = Vec::new();
    for l in html.lines() {
        if l.trim_start().starts_with("<page") {
            page += 1;
        } else if l.trim_start().starts_with("<word") {
            let word = l
                .split('>')
                .nth(1)
                .and_then(|w| w.split('<').next())
                .unwrap_or("");
            let b = ["xMin", "yMin", "xMax", "yMax"].map(|n| attr(l, n).unwrap() - MARGIN);
            out.push((word.to_string(), b, sizes[page - 1]));
        }
    }
    out
}

/// Every word, picture, code and rule of `pdf` lies on its page.
fn ink_problems(pdf: &Path) -> Vec<String> {
    const SLACK: f32 = 0.5;
    let mut problems = Vec::new();
    for (word, [x0, y0, x1, y1], [w, h]) in word_boxes(pdf) {
        if x0 < -SLACK || y0 < -SLACK || x1 > w + SLACK || y1 > h + SLACK {
            problems.push(format!(
                "word {word:?} at {x0},{y0}–{x1},{y1} leaves the {w}×{h} page"
            ));
        }
    }
    let doc = Document::load(pdf).expect("lopdf reads the PDF");
    for (number, page) in doc.get_pages() {
        let media = doc
            .get_dictionary(page)
            .and_then(|p| p.get(b"MediaBox"))
            .and_then(|m| m.as_array())
            .map(|m| numbers(m))
            .expect("every page has its own MediaBox");
        for [x0, y0, x1, y1] in drawn_boxes(&doc, page) {
            if x0 < media[0] - SLACK
                || y0 < media[1] - SLACK
                || x1 > media[2] + SLACK
                || y1 > media[3] + SLACK
            {
                problems.push(format!(
                    "page {number}: a drawing at {x0},{y0}–{x1},{y1} leaves the page {media:?}"
                ));
            }
        }
    }
    problems
}

fn files_with(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == extension));
    files.sort();
    files
}

/// Every file under `dir` with its size, sorted.
fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(listing(&path));
        } else {
            out.push((path, entry.metadata().unwrap().len()));
        }
    }
    out.sort();
    out
}

fn directives<'a>(expected: &'a Expected, keyword: &str) -> impl Iterator<Item = &'a str> {
    expected
        .directives
        .iter()
        .filter(move |(k, _)| k == keyword)
        .map(|(_, v)| v.as_str())
}

fn run_case(case: &Path) -> Result<(), String> {
    let expected = read_expected(case);
    let known = ["args", "sparse", "pdf-pages", "pdf-text", "html-text"];
    let mut problems: Vec<String> = expected
        .directives
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, _)| format!("unknown directive `{k}`"))
        .collect();

    let work = tempfile::tempdir().unwrap();
    let guide = work.path().join(case.file_name().unwrap());
    copy_dir(case, &guide);
    fs::remove_file(guide.join("expected.txt")).unwrap();
    for spec in directives(&expected, "sparse") {
        let (path, size) = spec.split_once(' ').expect("sparse PATH BYTES");
        let path = guide.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let file = fs::File::create(path).unwrap();
        file.set_len(size.trim().parse().unwrap()).unwrap();
    }
    let guide_before = listing(&guide);
    let out = work.path().join("out");
    let mut args = vec![
        "build",
        guide.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    for extra in directives(&expected, "args") {
        args.extend(extra.split_whitespace());
    }
    let run = swapguide(&root(), &args);
    let err = stderr(&run);
    problems.extend(diagnostic_problems(&expected, &diagnostics(&err)));
    if run.status.code() != Some(expected.exit) {
        problems.push(format!(
            "exit {:?}, expected {}",
            run.status.code(),
            expected.exit
        ));
    }

    // Nothing was written beside the output folder, or inside the guide.
    let mut beside: Vec<String> = fs::read_dir(work.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    beside.retain(|name| name != "out" && Path::new(name) != case.file_name().unwrap());
    if !beside.is_empty() {
        problems.push(format!("written outside --out: {beside:?}"));
    }
    if listing(&guide) != guide_before {
        problems.push("the build changed the guide's folder".into());
    }

    let pdfs = files_with(&out, "pdf");
    let pages: Vec<usize> = pdfs
        .iter()
        .map(|p| Document::load(p).map_or(0, |d| d.get_pages().len()))
        .collect();
    if expected.exit != 0 {
        let written = fs::read_dir(&out).map_or(0, |d| d.count());
        if written > 0 {
            problems.push(format!("a failed build wrote {written} files"));
        }
    }
    for pdf in &pdfs {
        let qpdf = Command::new("qpdf")
            .arg("--check")
            .arg(pdf)
            .output()
            .expect("qpdf");
        if !qpdf.status.success() {
            problems.push(format!(
                "qpdf --check: {}",
                String::from_utf8_lossy(&qpdf.stdout)
            ));
        }
        problems.extend(ink_problems(pdf));
    }
    for range in directives(&expected, "pdf-pages") {
        let (min, max) = range.split_once('-').expect("pdf-pages MIN-MAX");
        let (min, max): (usize, usize) = (min.parse().unwrap(), max.parse().unwrap());
        if pages.is_empty() || pages.iter().any(|&n| n < min || n > max) {
            problems.push(format!("pages {pages:?}, expected {range}"));
        }
    }
    let raw_text: Vec<String> = pdfs
        .iter()
        .map(|p| {
            let out = Command::new("pdftotext")
                .arg(p)
                .arg("-")
                .output()
                .expect("pdftotext");
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect();
    for text in &raw_text {
        // pdftotext itself wraps right-to-left lines in embeddings
        // (U+202A–U+202C); any other control came from the input.
        let text = text.replace(|c| matches!(c, '\u{202A}'..='\u{202C}'), "");
        let hidden = hidden_controls(&text);
        if !hidden.is_empty() {
            problems.push(format!("control characters in the PDF's text: {hidden:?}"));
        }
    }
    let pdf_text: Vec<String> = raw_text
        .iter()
        .map(|t| squash(&t.replace(|c| matches!(c, '\u{202A}'..='\u{202C}'), "")))
        .collect();
    for want in directives(&expected, "pdf-text") {
        if pdf_text.is_empty() || !pdf_text.iter().all(|t| t.contains(want)) {
            problems.push(format!("no PDF text {want:?}"));
        }
    }
    let htmls = files_with(&out, "html");
    // Web links written in the guide's Markdown are links the reader may
    // follow (check warns about them), not requests the page makes.
    let mut allowed = allowed_online(case);
    let source = fs::read_to_string(case.join("guide.toml")).unwrap_or_default();
    for (at, _) in source.match_indices("https://") {
        let url: String = source[at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>' | '"'))
            .collect();
        allowed.insert(url);
    }
    for h in &htmls {
        let hidden = hidden_controls(&fs::read_to_string(h).unwrap());
        if !hidden.is_empty() {
            problems.push(format!("control characters in {}: {hidden:?}", h.display()));
        }
    }
    let html_text: Vec<String> = htmls
        .iter()
        .map(|h| {
            squash(
                &assert_self_contained(h, &allowed)
                    .root_element()
                    .text()
                    .collect::<String>(),
            )
        })
        .collect();
    for want in directives(&expected, "html-text") {
        if html_text.is_empty() || !html_text.iter().all(|t| t.contains(want)) {
            problems.push(format!("no HTML text {want:?}"));
        }
    }

    verdict(case, problems, &err)
}

#[test]
fn hostile_corpus() {
    if !tools(&["qpdf", "pdftotext"]) {
        return;
    }
    run_corpus(&root().join("tests/fixtures/hostile"), 10, run_case);
}

// Customer CSVs and guides that broke a campaign in the "Hardening,
// second round" issue: each test is named for the item it covers.

/// `swapguide build guides/gateway-swap --customers CUSTOMERS --out OUT
/// EXTRA…`, from the repository root.
fn campaign_command(customers: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_swapguide"));
    command
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["build", "guides/gateway-swap", "--customers"])
        .arg(customers)
        .arg("--out")
        .arg(out)
        .args(extra);
    command
}

/// Item "ship dates": a `ship_date` outside 2000-01-01..=2100-12-31
/// fails its row with the accepted range; the range's own ends build.
#[test]
fn ship_dates_outside_2000_to_2100_fail_their_row() {
    let (dir, folder) = campaign(&[
        "D-1,Ada,en,0000-01-01,Net,pw,,RMA-1,",
        "D-2,Alan,en,1999-12-31,Net,pw,,RMA-2,",
        "D-3,Grace,en,2101-01-01,Net,pw,,RMA-3,",
        "D-4,Kurt,en,2000-01-01,Net,pw,,RMA-4,",
        "D-5,Emmy,en,2100-12-31,Net,pw,,RMA-5,",
    ]);
    let out = dir.path().join("out");
    let result = campaign_command(&folder.join("customers.csv"), &out, &["--format", "html"])
        .output()
        .expect("run swapguide");
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let rows = report(&out);
    let outcome: Vec<(&str, &str)> = rows.iter().map(|r| (&*r[1], &*r[3])).collect();
    let range = "between 2000-01-01 and 2100-12-31";
    assert_eq!(outcome.len(), 5, "{rows:?}");
    for (i, date) in ["0000-01-01", "1999-12-31", "2101-01-01"]
        .iter()
        .enumerate()
    {
        let (status, reason) = outcome[i];
        assert_eq!(status, "failed", "{date}: {reason}");
        assert!(reason.contains(&format!("ship_date `{date}`")), "{reason}");
        assert!(reason.contains(range), "{reason}");
    }
    assert_eq!(&outcome[3..], [("ok", ""), ("ok", "")]);
    let page = fs::read_to_string(out.join("D-4.html")).unwrap();
    assert!(page.contains("January 22, 2000"), "the return-by date");
}

/// A guide folder `swap` whose two steps take `first` and `second`
/// minutes (the first's on line 20, the second's on line 26).
fn guide_with_minutes(first: &str, second: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("swap");
    copy_dir(&root().join("tests/fixtures/invalid/minutes-zero"), &guide);
    fs::remove_file(guide.join("expected.txt")).unwrap();
    let text = fs::read_to_string(guide.join("guide.toml")).unwrap();
    let text = text.replacen("minutes = 0", &format!("minutes = {first}"), 1);
    let text = text.replacen(
        "title = \"Connect the new gateway\"",
        &format!("title = \"Connect the new gateway\"\nminutes = {second}"),
        1,
    );
    fs::write(guide.join("guide.toml"), text).unwrap();
    dir
}

/// Item "step minutes overflow": steps whose minutes add up to more than
/// a day (4294967295 and 2 wrapped to "About 1 minutes") are an error at
/// the step that takes the total past 1440 minutes, and nothing is built.
#[test]
fn step_minutes_past_a_day_are_an_error_at_that_step() {
    for (first, second, at) in [
        ("4294967295", "2", "swap/guide.toml:20:11"),
        ("1000", "441", "swap/guide.toml:26:11"),
    ] {
        let dir = guide_with_minutes(first, second);
        let out = dir.path().join("out");
        let run = swapguide(
            dir.path(),
            &["build", "swap", "--out", out.to_str().unwrap()],
        );
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{err}");
        let printed = diagnostics(&err);
        // The guide's diagnostics (the last line, "not built", has no place).
        let errors: Vec<_> = printed
            .iter()
            .filter(|d| d.severity == "error" && !d.location.is_empty())
            .collect();
        assert_eq!(errors.len(), 1, "{err}");
        assert_eq!(errors[0].location, at, "{err}");
        assert!(errors[0].message.contains("1440 minutes"), "{err}");
        assert!(!out.exists() || fs::read_dir(&out).unwrap().count() == 0);
    }
    // A day exactly is fine.
    let dir = guide_with_minutes("1000", "440");
    let run = swapguide(dir.path(), &["check", "swap"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

/// A campaign folder whose customers.csv holds `rows`, then a row that
/// opens a quote on line 4 and never closes it, then `tail` bytes.
fn campaign_with_open_quote(rows: &[&str], tail: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let (dir, folder) = campaign(rows);
    let path = folder.join("customers.csv");
    let mut csv = fs::read(&path).unwrap();
    csv.extend_from_slice(b"Q-1,\"Grace,en,2026-11-29,Net,pw,,RMA-9,\n");
    csv.extend_from_slice(tail);
    fs::write(&path, csv).unwrap();
    (dir, folder)
}

/// Item "unclosed quote": the campaign stops reading 64 KB into the
/// quoted value, and says where the quote opens and how to fix it; the
/// rows before it are built and reported.
#[test]
fn an_unclosed_quote_names_its_line_and_how_to_fix_it() {
    // A few MB of ordinary rows after the quote, all swallowed by it.
    let tail: Vec<u8> = (0..60_000)
        .flat_map(|i| format!("T-{i},Ada,en,2026-11-29,Net,pw,,RMA-{i},\n").into_bytes())
        .collect();
    assert!(tail.len() > 2_000_000);
    let (dir, folder) = campaign_with_open_quote(
        &[
            "C-1,Ada,en,2026-11-29,Net,pw,,RMA-1,",
            "C-2,Alan,en,2026-11-29,Net,pw,,RMA-2,",
        ],
        &tail,
    );
    let out = dir.path().join("out");
    let result = campaign_command(&folder.join("customers.csv"), &out, &["--format", "html"])
        .output()
        .expect("run swapguide");
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("customers.csv: line 4:"), "{err}");
    assert!(err.contains("quote"), "{err}");
    assert!(
        err.contains("close the quote, or double a quote inside a quoted field"),
        "{err}"
    );
    let ids: Vec<String> = report(&out).into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(ids, ["C-1", "C-2"]);
}

/// Item "unclosed quote", memory: a quote left open before 1.5 GB of data
/// is refused within a 1 GB address space (the whole process's, threads
/// and all), so the field was never held in memory.
#[test]
fn an_unclosed_quote_before_gigabytes_is_refused_in_bounded_memory() {
    if !tools(&["prlimit"]) {
        return;
    }
    let (dir, folder) = campaign_with_open_quote(&[], b"");
    let path = folder.join("customers.csv");
    // Sparse: 1.5 GB of zero bytes inside the open quote, none on disk.
    let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(1_500_000_000).unwrap();
    let out = dir.path().join("out");
    let inner = campaign_command(&path, &out, &["--format", "html"]);
    let mut command = Command::new("prlimit");
    command
        .arg("--as=1000000000")
        .arg("--")
        .arg(inner.get_program())
        .args(inner.get_args())
        .current_dir(root())
        .env("NO_COLOR", "1")
        // Few threads and malloc arenas, so the address space measures the
        // data and not how many cores the machine has.
        .env("RAYON_NUM_THREADS", "2")
        .env("MALLOC_ARENA_MAX", "2");
    let result = command.output().expect("run prlimit");
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("customers.csv: line 2:"), "{err}");
    assert!(
        err.contains("close the quote, or double a quote inside a quoted field"),
        "{err}"
    );
}
