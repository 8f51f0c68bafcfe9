//! The accessible PDF: every kind of PDF swapguide writes passes two
//! independent checkers (PDF/UA-1 and PDF/A-2a), and what the checkers do
//! not look at is checked here: the reading order poppler finds in the
//! structure tree, heading levels, alternative texts, and that every piece
//! of marked content and every link leads to its element and back.
//!
//! The checkers are Python packages (`page-validation`, `pdfua`) in
//! `tests/tools/.venv`, which `.ci/run` makes; `SWAPGUIDE_PDF_CHECKERS` may
//! name another Python that has them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object, ObjectId};

use crate::support::{build_guide, chinese_example, cjk_fonts, root, stderr, tools};

/// The Python that has the checkers, or `None` (skipped) without them.
fn checkers() -> Option<PathBuf> {
    let python = std::env::var_os("SWAPGUIDE_PDF_CHECKERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("tests/tools/.venv/bin/python"));
    if python.is_file() {
        return Some(python);
    }
    assert!(
        std::env::var_os("SWAPGUIDE_REQUIRE_TOOLS").is_none(),
        "no PDF checkers at {}: .ci/run installs them",
        python.display()
    );
    eprintln!(
        "SKIPPED: the PDF/UA checkers are not installed (python3 -m venv tests/tools/.venv && \
         tests/tools/.venv/bin/pip install -r tests/tools/requirements.txt)"
    );
    None
}

fn pdfs_in(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            pdfs_in(&path, found);
        } else if path.extension().is_some_and(|e| e == "pdf") {
            found.push(path);
        }
    }
}

/// Builds the examples, the fixtures and a campaign, in letter and A4,
/// normal and large print, into `out`; returns the PDFs.
fn every_kind_of_pdf(out: &Path) -> Vec<PathBuf> {
    let builds: [(&str, &str, &[&str]); 7] = [
        ("guides", "examples", &[]),
        (
            "guides/fiber-swap",
            "large-a4",
            &["--paper", "a4", "--large-print"],
        ),
        ("guides/gateway-swap", "large", &["--large-print"]),
        ("tests/fixtures/build/return-label", "label", &[]),
        ("tests/fixtures/build/hostile-markdown", "hostile", &[]),
        (
            "tests/fixtures/scripts/home-wifi",
            "scripts",
            &["--paper", "a4"],
        ),
        (
            "guides/gateway-swap",
            "campaign",
            &["--customers", "campaigns/gateway-swap/customers.csv"],
        ),
    ];
    for (guide, dir, extra) in builds {
        let mut args = vec!["--format", "pdf"];
        args.extend(extra);
        let run = build_guide(Path::new(guide), &out.join(dir), &args);
        assert_eq!(run.status.code(), Some(0), "{guide}: {}", stderr(&run));
    }
    // Chinese, with its fonts from Noto Sans CJK (CFF, not TrueType).
    if let Some(cjk) = cjk_fonts() {
        let guide = out.join("guide-zh");
        chinese_example(&cjk, &guide);
        let run = build_guide(&guide, &out.join("chinese"), &["--format", "pdf"]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let mut found = Vec::new();
    pdfs_in(out, &mut found);
    found.sort();
    found
}

#[test]
fn every_kind_of_pdf_passes_pdf_ua_1_and_pdf_a_2a() {
    let Some(python) = checkers() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let pdfs = every_kind_of_pdf(out.path());
    assert!(pdfs.len() >= 15, "{pdfs:?}");
    let run = Command::new(&python)
        .arg(root().join("tests/tools/check_pdf.py"))
        .args(&pdfs)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// A PDF, its streams uncompressed by qpdf (so lopdf reads any filter),
/// loaded.
fn load(pdf: &Path) -> Document {
    let plain = pdf.with_extension("plain.pdf");
    let run = Command::new("qpdf")
        .args(["--stream-data=uncompress", "--object-streams=disable"])
        .arg(pdf)
        .arg(&plain)
        .output()
        .unwrap();
    assert!(run.status.success(), "qpdf: {}", stderr(&run));
    let doc = Document::load(&plain).unwrap();
    std::fs::remove_file(&plain).unwrap();
    doc
}

fn dict(doc: &Document, o: &Object) -> lopdf::Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
        Object::Dictionary(d) => d.clone(),
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name(d: &lopdf::Dictionary, key: &[u8]) -> String {
    String::from_utf8_lossy(d.get(key).unwrap().as_name().unwrap()).into_owned()
}

/// Every struct element, by id.
fn elements(doc: &Document) -> BTreeMap<ObjectId, lopdf::Dictionary> {
    doc.objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            (d.get(b"Type").ok()?.as_name().ok()? == b"StructElem").then(|| (*id, d.clone()))
        })
        .collect()
}

/// The MCIDs of marked content on each page, from the content itself.
fn page_mcids(doc: &Document, page: ObjectId) -> Vec<i64> {
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
    content
        .operations
        .iter()
        .filter(|op| op.operator == "BDC")
        .filter_map(|op| {
            let props = op.operands.get(1)?.as_dict().ok()?;
            props.get(b"MCID").ok()?.as_i64().ok()
        })
        .collect()
}

/// The checkers accept a parent tree that is off by one and links that
/// lead nowhere; this follows every MCID and annotation to its element
/// and back.
#[test]
fn marked_content_and_links_lead_to_their_elements_and_back() {
    if !tools(&["qpdf"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    for pdf in every_kind_of_pdf(out.path()) {
        let doc = load(&pdf);
        let elems = elements(&doc);
        let catalog = doc.catalog().unwrap();
        let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
        let nums = dict(&doc, root.get(b"ParentTree").unwrap())
            .get(b"Nums")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let tree: BTreeMap<i64, Object> = nums
            .chunks(2)
            .map(|p| (p[0].as_i64().unwrap(), p[1].clone()))
            .collect();
        // (page, MCID) and annotation pairs each element claims.
        let mut claimed: BTreeSet<(ObjectId, i64, ObjectId)> = BTreeSet::new();
        let mut claimed_annots: BTreeSet<(ObjectId, ObjectId)> = BTreeSet::new();
        for (id, e) in &elems {
            let pg = e.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
            let kids = match e.get(b"K") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(other) => vec![other.clone()],
                Err(_) => Vec::new(),
            };
            for k in kids {
                match k {
                    Object::Integer(mcid) => {
                        claimed.insert((pg.expect("an MCID needs /Pg"), mcid, *id));
                    }
                    Object::Dictionary(d)
                        if d.get(b"Type").unwrap().as_name().unwrap() == b"MCR" =>
                    {
                        let page = d.get(b"Pg").unwrap().as_reference().unwrap();
                        claimed.insert((page, d.get(b"MCID").unwrap().as_i64().unwrap(), *id));
                    }
                    Object::Dictionary(d) => {
                        assert_eq!(name(&d, b"Type"), "OBJR");
                        assert_eq!(name(e, b"S"), "Link", "{}", pdf.display());
                        claimed_annots
                            .insert((d.get(b"Obj").unwrap().as_reference().unwrap(), *id));
                    }
                    Object::Reference(child) => {
                        let c = &elems[&child];
                        assert_eq!(c.get(b"P").unwrap().as_reference().unwrap(), *id);
                    }
                    other => panic!("{}: odd /K entry {other:?}", pdf.display()),
                }
            }
        }
        let mut seen = 0;
        for (_, page) in doc.get_pages() {
            let p = doc.get_dictionary(page).unwrap();
            assert_eq!(name(p, b"Tabs"), "S");
            let key = p.get(b"StructParents").unwrap().as_i64().unwrap();
            let list = tree[&key].as_array().unwrap();
            let mcids = page_mcids(&doc, page);
            assert_eq!(
                mcids,
                (0..list.len() as i64).collect::<Vec<_>>(),
                "{}: MCIDs in order, one per parent tree entry",
                pdf.display()
            );
            for (mcid, elem) in mcids.iter().zip(list) {
                let elem = elem.as_reference().unwrap();
                assert!(
                    claimed.contains(&(page, *mcid, elem)),
                    "{}: MCID {mcid} leads to an element that does not hold it",
                    pdf.display()
                );
                seen += 1;
            }
            let annots = match p.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            for a in annots {
                let id = a.as_reference().expect("annotations are indirect objects");
                let annot = doc.get_dictionary(id).unwrap();
                assert_eq!(annot.get(b"F").unwrap().as_i64().unwrap(), 4);
                let contents = annot.get(b"Contents").unwrap().as_str().unwrap();
                assert!(
                    !contents.is_empty(),
                    "{}: a link with no words",
                    pdf.display()
                );
                let key = annot.get(b"StructParent").unwrap().as_i64().unwrap();
                let link = tree[&key].as_reference().unwrap();
                assert!(claimed_annots.contains(&(id, link)), "{}", pdf.display());
            }
        }
        assert_eq!(
            seen,
            claimed.len(),
            "{}: every element's content is on a page",
            pdf.display()
        );
    }
}

/// The `(role, text)` of each element `pdfinfo -struct-text` lists.
fn struct_text(pdf: &Path) -> Vec<(String, String)> {
    let run = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(pdf)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let text = String::from_utf8_lossy(&run.stdout).into_owned();
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(quoted) = trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            if let Some(last) = out.last_mut() {
                last.1.push_str(quoted);
            }
        } else if trimmed.starts_with('/') || trimmed.starts_with("Object ") {
            // An attribute (`/Scope /Row`) or an annotation (OBJR).
        } else if let Some(role) = trimmed.split_whitespace().next() {
            out.push((role.trim_end_matches(':').to_string(), String::new()));
        }
    }
    out
}

#[test]
fn a_screen_reader_hears_the_guide_in_order_with_headings() {
    if !tools(&["pdfinfo", "qpdf"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = build_guide(
        Path::new("guides/gateway-swap"),
        out.path(),
        &["--format", "pdf"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let elems = struct_text(&out.path().join("gateway-swap.en.pdf"));
    let headings: Vec<&(String, String)> =
        elems.iter().filter(|(r, _)| r.starts_with('H')).collect();
    assert_eq!(headings[0].0, "H1");
    assert_eq!(headings[0].1, "Set up your new XB8 Gateway", "{headings:?}");
    // Levels never skip on the way down.
    let mut level = 0;
    for (role, text) in &headings {
        let l: u32 = role[1..].parse().unwrap();
        assert!(l <= level + 1, "{role} {text:?} after H{level}");
        level = l;
    }
    // Steps in order, each heading then its body; then lights, Wi-Fi,
    // troubleshooting, the return section, the online extras and the
    // packing slip, in the printed order.
    let at = |needle: &str| {
        elems
            .iter()
            .position(|(_, t)| t.starts_with(needle))
            .unwrap_or_else(|| panic!("{needle:?} not in {elems:#?}"))
    };
    let order = [
        "Set up your new XB8 Gateway",
        "Need help? Call us",
        "What's in the box",
        "Step 1 · 3 min Check what is in the box",
        "Take everything out of the box",
        "Step 2",
        "Step 7",
        "What the lights mean",
        "Join your Wi-Fi",
        "If something goes wrong",
        "The front light does not come on",
        "Send back your old equipment",
        "Online extras",
        "Packing slip",
    ];
    let places: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "out of order: {:?}",
        order.iter().zip(&places).collect::<Vec<_>>()
    );
    assert!(elems[at("Step 1")].0.starts_with('H'));
    // Lines broken at a space read as separate words.
    assert!(!elems.iter().any(|(_, t)| t.contains("thispackage")));
}

#[test]
fn every_figure_is_described_and_codes_say_what_they_hold() {
    if !tools(&["qpdf"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let mut alts = Vec::new();
    for pdf in every_kind_of_pdf(out.path()) {
        let doc = load(&pdf);
        for e in elements(&doc).values() {
            if name(e, b"S") != "Figure" {
                continue;
            }
            let alt = e
                .get(b"Alt")
                .unwrap_or_else(|_| panic!("{}: a Figure with no /Alt", pdf.display()));
            let alt = lopdf::decode_text_string(alt).unwrap();
            assert!(!alt.trim().is_empty(), "{}: empty /Alt", pdf.display());
            alts.push(alt);
        }
    }
    for wanted in [
        // The call code, the Wi-Fi code, the RMA barcode and the label.
        "Scan to call: +1 800 555 0199",
        "Join your Wi-Fi: ",
        "(RMA): RMA-",
        "Your prepaid return label",
    ] {
        assert!(
            alts.iter().any(|a| a.contains(wanted)),
            "no alt with {wanted:?} in {alts:#?}"
        );
    }
}

/// A table with an empty cell, and a link long enough to wrap inside a
/// cell: the empty cell keeps its column (a screen reader must not read
/// "yes" under Port A), and the wrapped link is one Link.
#[test]
fn tables_keep_empty_cells_and_wrapped_links_whole() {
    if !tools(&["pdfinfo"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let made = crate::support::swapguide(dir.path(), &["new", "cells"]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let toml = dir.path().join("cells/guide.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let table = "body = \"\"\"\n\
        |  | Port A | Port B |\n|---|---|---|\n| Old |  | yes |\n\
        | Note | [a link inside a table cell that is long enough to wrap onto a second line](#connect-new) | no |\n\n";
    std::fs::write(&toml, text.replacen("body = \"\"\"\n", table, 1)).unwrap();
    let out = dir.path().join("out");
    let run = build_guide(&dir.path().join("cells"), &out, &["--format", "pdf"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let elems = struct_text(&out.join("cells.en.pdf"));
    let row = elems
        .iter()
        .position(|(_, t)| t == "Old")
        .unwrap_or_else(|| panic!("{elems:#?}"));
    let roles: Vec<&str> = elems[row..row + 3]
        .iter()
        .map(|(r, _)| r.as_str())
        .collect();
    assert_eq!(roles, ["TD", "TD", "TD"], "{:#?}", &elems[row - 1..row + 4]);
    assert_eq!(elems[row + 1].1, "", "the empty cell keeps Port A's column");
    assert_eq!(elems[row + 2].1, "yes");
    let links: Vec<&(String, String)> = elems
        .iter()
        .filter(|(r, t)| r == "Link" && t.contains("table cell"))
        .collect();
    assert_eq!(links.len(), 1, "{links:#?}");
    assert!(links[0].1.contains("second line"), "{links:#?}");
}
