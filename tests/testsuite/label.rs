//! Carrier label PDFs copied into the guide: the fonts they name without
//! embedding them are embedded (stand-ins with the same widths), their
//! tags are left behind, and `check` refuses, with why, the labels whose
//! page the guide's archival PDF cannot hold.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Document, Object, Stream};

use crate::pdf::tool;
use crate::support::{copy_dir, root, stderr, stdout, swapguide, tools};

fn label_fixture() -> PathBuf {
    root().join("tests/fixtures/build/return-label")
}

/// The label fixture's guide in a temporary folder, with `label` as its
/// label.pdf.
fn guide_with_label(label: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("return-label");
    copy_dir(&label_fixture(), &guide);
    fs::write(guide.join("label.pdf"), label).unwrap();
    (dir, guide)
}

/// Builds `guide` as PDF into `out`; the PDF's path.
fn build(guide: &Path, out: &Path) -> PathBuf {
    let run = swapguide(
        &root(),
        &[
            "build",
            guide.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "pdf",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    out.join("return-label.en.pdf")
}

/// The form XObjects a page draws, by name, and the streams of the forms
/// they draw in turn.
fn forms(doc: &Document, resources: &Dictionary, out: &mut Vec<Stream>) {
    let Ok(xobjects) = resources
        .get_deref(b"XObject", doc)
        .and_then(Object::as_dict)
    else {
        return;
    };
    for (_, x) in xobjects.iter() {
        let Ok(stream) = x
            .as_reference()
            .and_then(|r| doc.get_object(r))
            .and_then(Object::as_stream)
        else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            continue;
        }
        if let Ok(inner) = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
        {
            forms(doc, inner, out);
        }
        out.push(stream.clone());
    }
}

/// The label's form on the last page, and any form inside it.
fn label_forms(pdf: &Path) -> (Document, Vec<Stream>) {
    let doc = Document::load(pdf).expect("lopdf reads the PDF");
    let last = *doc.get_pages().values().last().unwrap();
    let (own, inherited) = doc.get_page_resources(last).unwrap();
    let mut out = Vec::new();
    for res in own.into_iter().chain(
        inherited
            .iter()
            .filter_map(|id| doc.get_dictionary(*id).ok()),
    ) {
        forms(&doc, res, &mut out);
    }
    // The label's page is 4 × 6 in, and so are the forms it draws.
    out.retain(|f| {
        f.dict
            .get(b"BBox")
            .and_then(Object::as_array)
            .is_ok_and(|b| {
                b.iter()
                    .filter_map(|v| v.as_float().ok())
                    .eq([0.0, 0.0, 288.0, 432.0])
            })
    });
    (doc, out)
}

/// The sample label names Helvetica and embeds no font: in the guide
/// every font is embedded, the label's is a TrueType stand-in, and its
/// words still come out of the PDF as text, where they were.
#[test]
fn a_labels_standard_font_is_embedded_and_its_text_stays() {
    if !tools(&["pdffonts", "pdftotext"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let pdf = build(&label_fixture(), out.path());
    let (doc, forms) = label_forms(&pdf);
    let label = forms
        .iter()
        .find(|f| {
            f.dict
                .get_deref(b"Resources", &doc)
                .and_then(Object::as_dict)
                .is_ok_and(|r| r.has(b"Font"))
        })
        .expect("the label's form, with its font");
    let fonts = label
        .dict
        .get_deref(b"Resources", &doc)
        .and_then(Object::as_dict)
        .and_then(|r| r.get_deref(b"Font", &doc))
        .and_then(Object::as_dict)
        .unwrap();
    for (_, font) in fonts.iter() {
        let font = doc.get_dictionary(font.as_reference().unwrap()).unwrap();
        assert_eq!(
            font.get(b"Subtype").unwrap().as_name().unwrap(),
            b"TrueType"
        );
        let descriptor = font
            .get_deref(b"FontDescriptor", &doc)
            .and_then(Object::as_dict)
            .unwrap();
        assert!(descriptor.has(b"FontFile2"), "{descriptor:?}");
    }
    // pdffonts: every font embedded, none a Type 1 left to the viewer.
    let listed = tool("pdffonts", &[pdf.to_str().unwrap()]);
    for line in listed.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(!line.contains("Type 1"), "{listed}");
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {line}");
    }
    assert!(
        listed.contains("SwapguideLabelSans-Regular TrueType WinAnsi yes"),
        "{listed}"
    );
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let label_page = text.split('\u{c}').rfind(|p| !p.trim().is_empty()).unwrap();
    for word in ["UPS GROUND", "TOPLEFT", "MARKEND"] {
        assert!(label_page.contains(word), "{word} missing: {label_page}");
    }
}

/// A one-page 4 × 6 in label: a tracking number in Helvetica and its Code
/// 128 barcode, drawn in a form of its own, both tagged (marked content
/// with MCIDs) as a tagged label PDF is.
fn tagged_label(tracking: &str) -> Vec<u8> {
    let modules = barcoders::sym::code128::Code128::new(format!("\u{0181}{tracking}"))
        .unwrap()
        .encode();
    // 1.2 pt a module, 80 pt tall, from x = 24.
    let mut bars = String::from("/Figure <</MCID 1>> BDC 0 g\n");
    for (i, m) in modules.iter().enumerate() {
        if *m == 1 {
            bars.push_str(&format!("{:.1} 200 1.2 80 re\n", 24.0 + 1.2 * i as f32));
        }
    }
    bars.push_str("f EMC\n");

    let mut doc = Document::with_version("1.5");
    let font = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type1".to_vec())),
        ("BaseFont", Object::Name(b"Helvetica-Bold".to_vec())),
        ("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
    ]));
    let barcode = doc.add_object(Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            (
                "BBox",
                Object::Array(vec![0.into(), 0.into(), 288.into(), 432.into()]),
            ),
            ("StructParents", 1.into()),
        ]),
        bars.into_bytes(),
    ));
    let content = format!(
        "/Artifact BMC 0.8 w 10 10 268 412 re S EMC\n\
         /P <</MCID 0>> BDC BT /F1 14 Tf 24 320 Td ({tracking}) Tj ET EMC\n\
         q /Bar Do Q\n"
    );
    let content = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    let pages = doc.new_object_id();
    let page = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Page".to_vec())),
        ("Parent", Object::Reference(pages)),
        ("Contents", Object::Reference(content)),
        ("StructParents", 0.into()),
        (
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 288.into(), 432.into()]),
        ),
        (
            "Resources",
            Object::Dictionary(Dictionary::from_iter([
                (
                    "Font",
                    Object::Dictionary(Dictionary::from_iter([("F1", Object::Reference(font))])),
                ),
                (
                    "XObject",
                    Object::Dictionary(Dictionary::from_iter([(
                        "Bar",
                        Object::Reference(barcode),
                    )])),
                ),
            ])),
        ),
    ]));
    doc.objects.insert(
        pages,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(vec![page.into()])),
            ("Count", 1.into()),
        ])),
    );
    let catalog = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages)),
        (
            "MarkInfo",
            Object::Dictionary(Dictionary::from_iter([("Marked", Object::Boolean(true))])),
        ),
    ]));
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A tagged label comes in without its tags (whose MCIDs would clash
/// with the guide's): its barcode still scans at a thermal printer's
/// 203 dpi, and its tracking number is still text.
#[test]
fn a_tagged_labels_tags_are_left_behind_and_its_barcode_scans() {
    if !tools(&["pdftoppm", "zbarimg", "pdftotext"]) {
        return;
    }
    let tracking = "1Z999AA1012";
    let (dir, guide) = guide_with_label(&tagged_label(tracking));
    let pdf = build(&guide, &dir.path().join("out"));

    let (doc, forms) = label_forms(&pdf);
    assert!(forms.len() >= 2, "the label's form and its barcode's");
    for form in &forms {
        let content = form.decompressed_content().unwrap();
        let ops = lopdf::content::Content::decode(&content)
            .unwrap()
            .operations;
        let marked: Vec<&str> = ops
            .iter()
            .map(|op| op.operator.as_str())
            .filter(|o| ["BMC", "BDC", "EMC", "MP", "DP"].contains(o))
            .collect();
        assert!(
            marked.is_empty(),
            "{marked:?} in {:?}",
            String::from_utf8_lossy(&content)
        );
        assert!(!form.dict.has(b"StructParents"));
        assert!(!form.content.ends_with(b"\r"));
    }
    drop(doc);

    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains(tracking), "{text}");
    let pages = tempfile::tempdir().unwrap();
    let prefix = pages.path().join("p");
    tool(
        "pdftoppm",
        &[
            "-r",
            "203",
            "-png",
            pdf.to_str().unwrap(),
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
    assert!(decoded.lines().any(|l| l == tracking), "{decoded}");
}

/// A label in Symbol, a font no stand-in replaces: `check` refuses it at
/// the guide's label, and `check --customers` at the customer's row, with
/// why and what to do; a build writes nothing.
#[test]
fn a_label_in_a_font_no_stand_in_replaces_is_refused_by_check() {
    let mut doc = Document::load_mem(&tagged_label("1Z999AA1012")).unwrap();
    for object in doc.objects.values_mut() {
        if let Ok(d) = object.as_dict_mut()
            && d.has(b"BaseFont")
        {
            d.set("BaseFont", Object::Name(b"Symbol".to_vec()));
            d.remove(b"Encoding");
        }
    }
    let mut symbol = Vec::new();
    doc.save_to(&mut symbol).unwrap();
    let why = "uses the font Symbol without embedding it; export the label with fonts embedded";

    let (dir, guide) = guide_with_label(&symbol);
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("label `label.pdf` {why}")),
        "{}",
        stderr(&run)
    );
    let out = dir.path().join("out");
    let run = swapguide(
        &root(),
        &[
            "build",
            guide.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(!out.join("return-label.en.pdf").exists());

    let (_campaign_dir, folder) = crate::campaign::campaign(&[
        "C-1,Ada,en,2026-11-29,Home,password1,labels/ups.pdf,RMA-1,",
        "C-2,Bo,en,2026-11-29,Home,password1,labels/symbol.pdf,RMA-2,",
    ]);
    fs::write(folder.join("labels/symbol.pdf"), &symbol).unwrap();
    let csv = folder.join("customers.csv");
    let run = swapguide(
        &root(),
        &[
            "check",
            "guides/gateway-swap",
            "--customers",
            csv.to_str().unwrap(),
            "--format",
            "short",
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let lines: Vec<String> = stdout(&run).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!("{}:3: error: ", csv.display()))
            && lines[0].contains("symbol.pdf")
            && lines[0].contains(why),
        "{lines:?}"
    );
}

/// Printed on both sides (the default), the packing slip and the label
/// each start a sheet of their own: on an odd page, with the back of the
/// sheet blank, so the slip that goes in the box takes nothing the
/// customer still needs (the counter code, their Wi-Fi password), and
/// cutting the label out leaves the slip whole. Set for one side
/// (`[print] duplex = false`), each has a page of its own and no page is
/// left blank.
#[test]
fn the_slip_and_the_label_have_sheets_of_their_own_when_printed_on_both_sides() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let pages = |pdf: &Path| -> Vec<String> {
        tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    // Lines besides the footer's two.
    let body_lines = |page: &str| page.lines().filter(|l| !l.trim().is_empty()).count() - 2;
    let dir = tempfile::tempdir().unwrap();
    // The fixture with a counter code, printed on one side or both.
    let variant = |name: &str, print: &str| {
        let guide = dir.path().join(name).join("return-label");
        copy_dir(&label_fixture(), &guide);
        let toml = fs::read_to_string(guide.join("guide.toml"))
            .unwrap()
            .replace(
                "rma = \"RMA-2026-0042\"",
                "rma = \"RMA-2026-0042\"\ncounter_code = \"LB-4471\"",
            );
        assert!(toml.contains("LB-4471"));
        fs::write(guide.join("guide.toml"), format!("{toml}\n{print}")).unwrap();
        pages(&build(&guide, &dir.path().join(format!("{name}-out"))))
    };
    let duplex = variant("duplex", "");
    assert!(duplex.iter().any(|p| p.contains("LB-4471")));
    let label = duplex
        .iter()
        .position(|p| p.contains("Your prepaid return label"))
        .unwrap();
    let slip = duplex
        .iter()
        .position(|p| p.contains("Packing slip"))
        .unwrap();
    for (what, at) in [("label", label), ("slip", slip)] {
        assert_eq!(at % 2, 0, "the {what} is on page {}", at + 1);
        assert!(duplex[at].contains(&format!("Page {} of {}", at + 1, duplex.len())));
    }
    assert!(!duplex[slip].contains("LB-4471"), "{}", duplex[slip]);
    // The back of the slip's sheet, and the page before the label, hold
    // nothing but their footers.
    assert_eq!(body_lines(&duplex[slip + 1]), 0, "{}", duplex[slip + 1]);
    assert_eq!(body_lines(&duplex[label - 1]), 0, "{}", duplex[label - 1]);

    let simplex = variant("simplex", "[print]\nduplex = false\n");
    assert!(simplex.iter().all(|p| body_lines(p) > 0));
    let slip = simplex
        .iter()
        .position(|p| p.contains("Packing slip"))
        .unwrap();
    assert!(!simplex[slip].contains("LB-4471"), "{}", simplex[slip]);
    assert!(simplex[slip + 1].contains("Your prepaid return label"));
}
