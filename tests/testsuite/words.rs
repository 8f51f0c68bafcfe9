//! Every customer's language: the fixed words come from message files
//! (shipped or the guide's own), nothing unprintable passes, and a
//! campaign can fall back to a language the guide has.

use std::fs;
use std::path::Path;

use crate::campaign::{campaign, report};
use crate::pdf::{squash, tool};
use crate::support::{copy_dir, diagnostics, root, stderr, stdout, swapguide, tools};

/// English fixed words that must not appear in another language's pages.
const ENGLISH: &[&str] = &[
    "Need help? Call us",
    "Step 1",
    "Page 1 of",
    "What's in the box",
    "Done when",
    "(step ",
    "Send it back",
    "If something goes wrong",
    "Your prepaid return label",
];

fn build(guide: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        guide.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    swapguide(&root(), &args)
}

#[test]
fn a_french_guide_prints_its_fixed_words_in_french() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = build(&root().join("guides/gateway-swap"), out.path(), &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = out.path().join("gateway-swap.fr.pdf");
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for french in [
        "Besoin d’aide ? Appelez-nous",
        "Étape 1",
        "Page 1 sur",
        "Contenu de la boîte",
        "(étape 2, page 3)",
        "Transporteur : UPS",
    ] {
        assert!(text.contains(french), "{french} not in: {text}");
    }
    for english in ENGLISH {
        assert!(
            !text.contains(english),
            "{english} in the French PDF: {text}"
        );
    }
    let html = fs::read_to_string(out.path().join("gateway-swap.fr.html")).unwrap();
    assert!(html.contains("<html lang=\"fr\""), "{}", &html[..200]);
    for french in ["Recommencer", "Appeler l’assistance", "Étape 1"] {
        assert!(html.contains(french), "{french} not in the French HTML");
    }
    for english in ["Start over", "Call support", "Mark step", ">Step 1<"] {
        assert!(!html.contains(english), "{english} in the French HTML");
    }
}

#[test]
fn a_guides_own_words_change_a_phrase_and_add_a_language() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("gateway-swap");
    copy_dir(&root().join("guides/gateway-swap"), &guide);
    fs::write(
        guide.join("words.en.ftl"),
        "call-us = Questions? Phone us any time\n",
    )
    .unwrap();
    // Esperanto is not shipped: the guide brings every message.
    let english = stdout(&swapguide(&root(), &["words", "en"]));
    let esperanto = english
        .replace("Step { $n }", "Paŝo { $n }")
        .replace("Page { $n } of { $total }", "Paĝo { $n } el { $total }");
    fs::write(guide.join("words.eo.ftl"), esperanto).unwrap();
    let spanish = fs::read_to_string(guide.join("guide.es.toml")).unwrap();
    fs::write(
        guide.join("guide.eo.toml"),
        spanish.replace("language = \"es\"", "language = \"eo\""),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = build(&guide, &out, &["--format", "pdf"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let en = squash(&tool(
        "pdftotext",
        &[out.join("gateway-swap.en.pdf").to_str().unwrap(), "-"],
    ));
    assert!(en.contains("Questions? Phone us any time"), "{en}");
    assert!(!en.contains("Need help? Call us"), "{en}");
    let eo = squash(&tool(
        "pdftotext",
        &[out.join("gateway-swap.eo.pdf").to_str().unwrap(), "-"],
    ));
    assert!(eo.contains("Paŝo 1") && eo.contains("Paĝo 1 el"), "{eo}");
}

#[test]
fn check_names_missing_unknown_and_misused_messages() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("g");
    copy_dir(
        &root().join("tests/fixtures/invalid/language-not-bcp47"),
        &guide,
    );
    fs::remove_file(guide.join("expected.txt")).unwrap();
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    fs::write(
        guide.join("guide.toml"),
        toml.replace("language = \"English\"", "language = \"eo\""),
    )
    .unwrap();
    fs::write(
        guide.join("words.eo.ftl"),
        "cal-us = Ĉu helpon? Telefonu al ni\npage-of = Paĝo { $count }\nstep-number = Paŝo {\n",
    )
    .unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    let printed = diagnostics(&err);
    let find = |needle: &str| {
        printed
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{err}"))
    };
    let unknown = find("swapguide has no message `cal-us`");
    assert!(unknown.location.ends_with("words.eo.ftl:1:1"), "{err}");
    assert!(err.contains("did you mean `call-us`?"), "{err}");
    let variable = find("`page-of` uses `$count`");
    assert!(variable.location.ends_with("words.eo.ftl:2:1"), "{err}");
    assert_eq!(find("`page-of` leaves out `$n`").severity, "warning");
    assert!(
        find("Expected").location.contains("words.eo.ftl:3:"),
        "{err}"
    );
    let missing = find("the words for `eo` lack");
    assert!(missing.location.ends_with("guide.toml:3:12"), "{err}");
    assert!(err.contains("swapguide words en > words.eo.ftl"), "{err}");
}

#[test]
fn a_language_no_font_prints_is_an_error_in_check() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("g");
    copy_dir(
        &root().join("tests/fixtures/invalid/language-not-bcp47"),
        &guide,
    );
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    fs::write(
        guide.join("guide.toml"),
        toml.replace("language = \"English\"", "language = \"ar\""),
    )
    .unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("the words for `ar` cannot be printed") && err.contains("Arabic script"),
        "{err}"
    );
    assert!(err.contains("Noto Sans Arabic"), "{err}");
}

#[test]
fn words_prints_a_shipped_file_and_refuses_an_unknown_language() {
    let fr = swapguide(&root(), &["words", "fr-CA"]);
    assert_eq!(fr.status.code(), Some(0));
    assert!(
        stdout(&fr).contains("step-number = Étape { $n }"),
        "{}",
        stdout(&fr)
    );
    let none = swapguide(&root(), &["words", "eo"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("ships no words for `eo`"),
        "{}",
        stderr(&none)
    );
}

/// The example guide's PDFs for the campaign in `folder`.
fn mailers(folder: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let csv = folder.join("customers.csv");
    let mut args = vec![
        "build",
        "guides/gateway-swap",
        "--customers",
        csv.to_str().unwrap(),
    ];
    args.extend(["--out", out.to_str().unwrap(), "--format", "pdf"]);
    args.extend(extra);
    swapguide(&root(), &args)
}

/// en, es and fr rows, rows in languages the guide has no translation in
/// (built in English with --fallback-language, reported), and rows whose
/// values no font prints (failed, never `ok`).
#[test]
fn a_campaign_in_many_languages_reports_every_row_right() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let (dir, folder) = campaign(&[
        "C-1,Ada,en,2026-11-29,Home,password1,,RMA-1,",
        "C-2,José,es,2026-11-29,Casa,password1,,RMA-2,",
        "C-3,Élodie,fr-CA,2026-11-29,Maison,password1,,RMA-3,",
        "C-4,Omar,ar,2026-11-29,Home,password1,,RMA-4,",
        "C-5,王芳,zh,2026-11-29,Home,password1,,RMA-5,",
        "C-6,Ana,de,2026-11-29,Heim,password1,,RMA-6,",
    ]);
    let out = dir.path().join("out");
    let run = mailers(&folder, &out, &["--fallback-language", "en"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let rows = report(&out);
    let status: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        status,
        [
            ("C-1", "ok"),
            ("C-2", "ok"),
            ("C-3", "ok"),
            ("C-4", "ok"),
            ("C-5", "failed"),
            ("C-6", "ok")
        ]
    );
    assert!(
        rows[4][3].contains("customer.first_name holds `王`"),
        "{:?}",
        rows[4]
    );
    assert!(rows[4][3].contains("Han script"), "{:?}", rows[4]);
    let mut reader = csv::Reader::from_path(out.join("report.csv")).unwrap();
    let fell_back: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[4].to_string())
        .collect();
    assert_eq!(fell_back, ["", "", "", "ar", "", "de"]);
    let text = |id: &str| {
        squash(&tool(
            "pdftotext",
            &[out.join(format!("{id}.pdf")).to_str().unwrap(), "-"],
        ))
    };
    assert!(text("C-3").contains("Étape 1"), "{}", text("C-3"));
    assert!(
        text("C-3").contains("le 20 décembre 2026"),
        "{}",
        text("C-3")
    );
    assert!(text("C-6").contains("Step 1"), "{}", text("C-6"));
    assert!(!out.join("C-5.pdf").exists());

    // Without a fallback, a row in a language the guide lacks fails.
    let out = dir.path().join("strict");
    let run = mailers(&folder, &out, &[]);
    assert_eq!(run.status.code(), Some(1));
    let rows = report(&out);
    assert_eq!(rows[3][1], "failed");
    assert!(rows[3][3].contains("--fallback-language"), "{:?}", rows[3]);

    // A fallback the guide has no translation in is a usage error.
    let run = mailers(
        &folder,
        &dir.path().join("none"),
        &["--fallback-language", "de"],
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("no `de` translation"),
        "{}",
        stderr(&run)
    );
}

/// Vietnamese exported decomposed (each letter followed by its marks)
/// prints with the font's composed letters: the PDF's text is the NFC
/// form, with the Vietnamese fixed words around it.
#[test]
fn decomposed_vietnamese_prints_composed() {
    use unicode_normalization::UnicodeNormalization;
    if !tools(&["pdftotext"]) {
        return;
    }
    let title = "Lắp đặt bộ định tuyến mới";
    let decomposed: String = title.nfd().collect();
    assert_ne!(decomposed, title);
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("vi");
    copy_dir(
        &root().join("tests/fixtures/invalid/language-not-bcp47"),
        &guide,
    );
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    let toml = toml
        .replace("language = \"English\"", "language = \"vi\"")
        .replace("Set up your new gateway", &decomposed);
    fs::write(guide.join("guide.toml"), toml).unwrap();
    let out = dir.path().join("out");
    let run = build(&guide, &out, &["--format", "pdf"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = squash(&tool(
        "pdftotext",
        &[out.join("vi.vi.pdf").to_str().unwrap(), "-"],
    ));
    assert!(text.contains(title), "{text}");
    assert!(text.contains("Bước 1"), "{text}");
}

/// An Arabic guide: the PDF cannot be printed yet (no Arabic font), so a
/// build of both formats fails naming the script, while the HTML page
/// alone builds (the problem is then a warning), written right to left
/// with its phone numbers kept left to right.
#[test]
fn an_arabic_guide_builds_as_a_right_to_left_page() {
    let guide = root().join("tests/fixtures/rtl/gateway-swap");
    let out = tempfile::tempdir().unwrap();
    let both = build(&guide, out.path(), &[]);
    assert_eq!(both.status.code(), Some(1));
    assert!(stderr(&both).contains("Arabic script"), "{}", stderr(&both));
    assert!(!out.path().join("gateway-swap.ar.pdf").exists());
    let html = build(&guide, out.path(), &["--format", "html"]);
    assert_eq!(html.status.code(), Some(0), "{}", stderr(&html));
    let printed = diagnostics(&stderr(&html));
    assert!(
        printed.iter().all(|d| d.severity == "warning"),
        "{}",
        stderr(&html)
    );
    assert!(printed.iter().any(|d| d.message.contains("Arabic script")));
    let page = fs::read_to_string(out.path().join("gateway-swap.ar.html")).unwrap();
    assert!(
        page.contains("<html lang=\"ar\" dir=\"rtl\""),
        "{}",
        &page[..300]
    );
    assert!(page.contains("href=\"tel:+18005550199\" dir=\"ltr\""));
    // Its fixed words are the Arabic ones.
    assert!(page.contains("الخطوة 1"), "no Arabic step heading");
    let english = fs::read_to_string(out.path().join("gateway-swap.en.html")).unwrap();
    assert!(english.contains("<html lang=\"en\" dir=\"ltr\""));
}
