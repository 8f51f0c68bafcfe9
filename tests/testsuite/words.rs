//! Every customer's language: the fixed words come from message files
//! (shipped or the guide's own), nothing unprintable passes, and a
//! campaign can fall back to a language the guide has.

use std::fs;
use std::path::Path;

use crate::campaign::{campaign, report};
use crate::pdf::{squash, tool};
use crate::support::{build_guide, copy_dir, diagnostics, root, stderr, stdout, swapguide, tools};

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

#[test]
fn a_french_guide_prints_its_fixed_words_in_french() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = build_guide(&root().join("guides/gateway-swap"), out.path(), &[]);
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
    let run = build_guide(&guide, &out, &["--format", "pdf"]);
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
        toml.replace("language = \"English\"", "language = \"ja\""),
    )
    .unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("the words for `ja` cannot be printed") && err.contains("script"),
        "{err}"
    );
    assert!(
        err.contains("Noto Sans CJK") && err.contains("[fonts]") && err.contains("--font-path"),
        "{err}"
    );
    // Arabic, Hebrew and Hindi have their fonts.
    for language in ["ar", "he", "hi"] {
        fs::write(
            guide.join("guide.toml"),
            toml.replace(
                "language = \"English\"",
                &format!("language = \"{language}\""),
            ),
        )
        .unwrap();
        let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
        assert!(
            !stderr(&run).contains("cannot be printed"),
            "{}",
            stderr(&run)
        );
    }
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

/// en, es, fr and ar rows, rows in languages the guide has no translation in
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
        "C-4,عمر,ar,2026-11-29,البيت,password1,,RMA-4,",
        "C-5,王芳,zh,2026-11-29,Home,password1,,RMA-5,",
        "C-6,Ana,de,2026-11-29,Heim,password1,,RMA-6,",
        "C-7,عمر,en,2026-11-29,البيت,password1,,RMA-7,",
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
            ("C-6", "ok"),
            ("C-7", "ok")
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
    assert_eq!(fell_back, ["", "", "", "", "", "de", ""]);
    let text = |id: &str| text_of(&out.join(format!("{id}.pdf")));
    assert!(text("C-3").contains("Étape 1"), "{}", text("C-3"));
    assert!(
        text("C-3").contains("le 20 décembre 2026"),
        "{}",
        text("C-3")
    );
    assert!(text("C-6").contains("Step 1"), "{}", text("C-6"));
    let arabic = pdf_text(&out.join("C-4.pdf"), None);
    assert!(arabic.contains("مرحبًا عمر"), "{arabic}");
    // An Arabic name in an English guide reads back in order, and is
    // marked as Arabic for a screen reader; an English guide's own text
    // declares no other language.
    let name = pdf_text(&out.join("C-7.pdf"), None);
    assert!(name.contains("عمر"), "{name}");
    let streams = |id: &str| {
        let plain = out.join(format!("{id}.qdf.pdf"));
        let pdf = out.join(format!("{id}.pdf"));
        tool(
            "qpdf",
            &[
                "--qdf",
                "--object-streams=disable",
                pdf.to_str().unwrap(),
                plain.to_str().unwrap(),
            ],
        );
        String::from_utf8_lossy(&fs::read(plain).unwrap()).into_owned()
    };
    assert!(streams("C-7").contains("/Span <</Lang (ar)>> BDC"));
    assert!(!streams("C-1").contains("/Lang (ar)"));
    assert!(!out.join("C-5.pdf").exists());

    // Given a font that prints it (--font-path), the same row builds, and
    // the name reads back from its PDF.
    if let Some(cjk) = crate::support::cjk_fonts() {
        let out = dir.path().join("cjk");
        let run = mailers(
            &folder,
            &out,
            &[
                "--fallback-language",
                "en",
                "--font-path",
                cjk.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let rows = report(&out);
        assert_eq!(rows[4][1], "ok", "{:?}", rows[4]);
        assert!(text_of(&out.join("C-5.pdf")).contains("王芳"));
    }

    // Without a fallback, a row in a language the guide lacks fails.
    let out = dir.path().join("strict");
    let run = mailers(&folder, &out, &[]);
    assert_eq!(run.status.code(), Some(1));
    let rows = report(&out);
    assert_eq!(rows[5][1], "failed");
    assert!(rows[5][3].contains("--fallback-language"), "{:?}", rows[5]);

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
    let run = build_guide(&guide, &out, &["--format", "pdf"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = squash(&tool(
        "pdftotext",
        &[out.join("vi.vi.pdf").to_str().unwrap(), "-"],
    ));
    assert!(text.contains(title), "{text}");
    assert!(text.contains("Bước 1"), "{text}");
}

/// The text of a PDF's pages (or of page `page`'s left or right half), as
/// pdftotext reads it: in reading order, without the embedding marks it
/// adds around right-to-left lines, spaces squashed.
fn pdf_text(pdf: &Path, page: Option<(u32, Half)>) -> String {
    let pdf = pdf.to_str().unwrap();
    let text = match page {
        None => tool("pdftotext", &[pdf, "-"]),
        Some((n, half)) => {
            let n = n.to_string();
            let x = if half == Half::Right { "306" } else { "0" };
            tool(
                "pdftotext",
                &[
                    "-f", &n, "-l", &n, "-x", x, "-y", "0", "-W", "306", "-H", "792", pdf, "-",
                ],
            )
        }
    };
    squash(&text.replace(|c| matches!(c, '\u{202A}'..='\u{202E}'), ""))
}

/// A half of a page.
#[derive(Clone, Copy, PartialEq)]
enum Half {
    Left,
    Right,
}

/// An Arabic guide: its PDF is shaped (letters joined), reads back in
/// order, keeps phone numbers and model names left to right, and its
/// pages are mirrored; the HTML page is written right to left.
#[test]
fn an_arabic_guide_builds_right_to_left() {
    if !tools(&["pdftotext", "qpdf"]) {
        return;
    }
    let guide = root().join("guides/gateway-swap");
    let out = tempfile::tempdir().unwrap();
    let run = build_guide(&guide, out.path(), &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = out.path().join("gateway-swap.ar.pdf");
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = pdf_text(&pdf, None);
    // pdftotext guesses spaces from gaps, and guesses some wrong where
    // the direction changes: compared without them, the letters and
    // digits must all be there in reading order.
    let flat = |s: &str| s.split_whitespace().collect::<String>();
    for arabic in [
        "إعداد جهاز البوابة XB8 الجديد",
        "الخطوة 1",
        "هل تحتاج إلى مساعدة؟ اتصل بنا +1 800 555 0199",
        "أرسل لنا رسالة نصية",
        "+1 800 555 0100",
        "لا يلزمك الاتصال بالإنترنت لاتباع هذا الدليل.",
        "يُرجى إعادتها خلال 21",
        // Letters with their vowel marks (one glyph carries the cluster's
        // text), a lam-alef ligature.
        "ملصق الإرجاع المدفوع مسبقًا",
        "نحن نُحدِّث خدمة الإنترنت لديك",
        "محوّل الطاقة",
    ] {
        assert!(
            flat(&text).contains(&flat(arabic)),
            "{arabic} not in {text}"
        );
    }
    for english in ENGLISH {
        assert!(!text.contains(english), "{english} in {text}");
    }
    // Mirrored: the step heading and the support phone sit on the right
    // half, the page number on the left.
    let title = flat("التحقق من محتويات العلبة");
    let right = pdf_text(&pdf, Some((2, Half::Right)));
    assert!(flat(&right).contains(&title), "{right}");
    assert!(right.contains("0199"), "{right}");
    let left = pdf_text(&pdf, Some((2, Half::Left)));
    assert!(flat(&left).contains("الصفحة2من"), "{left}");
    assert!(!flat(&left).contains(&title), "{left}");

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
    // The English PDF is not mirrored.
    let en = out.path().join("gateway-swap.en.pdf");
    assert!(pdf_text(&en, Some((2, Half::Left))).contains("Step 1"));
    // Viewers lay two-page spreads right to left.
    let direction = |p: &Path| {
        let doc = lopdf::Document::load(p).unwrap();
        let prefs = doc.catalog().unwrap().get_deref(b"ViewerPreferences", &doc);
        let direction = prefs.unwrap().as_dict().unwrap().get(b"Direction");
        direction.ok().map(|d| d.as_name().unwrap().to_vec())
    };
    assert_eq!(direction(&pdf), Some(b"R2L".to_vec()));
    assert_eq!(direction(&en), None);
}

/// Hebrew, Hindi and Thai (Thai with the guide's own words.th.ftl: a
/// language swapguide does not ship): each PDF embeds its script's
/// bundled font, reads back in order, and has none of the English words.
#[test]
fn hebrew_hindi_and_thai_guides_print_in_their_scripts() {
    if !tools(&["pdftotext", "pdffonts", "qpdf"]) {
        return;
    }
    let guide = root().join("tests/fixtures/scripts/home-wifi");
    let out = tempfile::tempdir().unwrap();
    let run = build_guide(&guide, out.path(), &["--format", "pdf"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let flat = |s: &str| s.split_whitespace().collect::<String>();
    for (language, font, wanted) in [
        (
            "he",
            "NotoSansHebrew-Bold",
            &["התקנת הראוטר החדש", "חיבור הראוטר החדש", "+1 800 555 0199"][..],
        ),
        (
            "hi",
            "NotoSansDevanagari-Bold",
            &[
                "अपना नया राउटर सेट अप करें",
                "चरण 2 · 15 मिनट",
                "फिर यह चरण देखें: नया राउटर कनेक्ट करें (चरण 2, पेज 2)।",
            ][..],
        ),
        (
            "th",
            "NotoSansThai-Bold",
            &["ติดตั้งเราเตอร์เครื่องใหม่ของคุณ", "ต่อเราเตอร์เครื่องใหม่"][..],
        ),
    ] {
        let pdf = out.path().join(format!("home-wifi.{language}.pdf"));
        tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        assert!(fonts.contains(font), "{language}: {fonts}");
        let text = pdf_text(&pdf, None);
        for want in wanted {
            assert!(
                flat(&text).contains(&flat(want)),
                "{language}: {want} not in {text}"
            );
        }
        for english in ENGLISH {
            assert!(!text.contains(english), "{language}: {english} in {text}");
        }
        assert!(!text.contains('\u{FFFD}'), "{language}: {text}");
    }
}

/// A PDF's text, its runs of white space made one space.
fn text_of(pdf: &Path) -> String {
    squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]))
}
