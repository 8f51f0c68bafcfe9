//! Chinese, Japanese and Korean: fonts a guide lists (`[fonts]`) or a
//! build is given (`--font-path`), chosen per language from a collection,
//! embedded as CFF subsets, and text that copies back out of the PDF.

use std::fs;
use std::path::Path;

use crate::pdf::{squash, tool};
use crate::support::{
    build_guide, chinese_example, cjk_fonts, copy_dir, diagnostics, root, stderr, swapguide, tools,
};

/// `pdffonts`' rows, one line a font: its name first, then its type.
fn fonts_of(pdf: &Path) -> Vec<String> {
    tool("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_chinese_example_prints_reads_back_and_embeds_the_simplified_face() {
    if !tools(&["pdftotext", "pdffonts", "qpdf"]) {
        return;
    }
    let Some(cjk) = cjk_fonts() else { return };
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("gateway-swap-zh");
    chinese_example(&cjk, &guide);
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = dir.path().join("out");
    let run = build_guide(&guide, &out, &["--format", "pdf"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = out.join("gateway-swap-zh.zh-Hans.pdf");
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    // A whole guide, fonts and pictures, stays well under 1 MB.
    let size = fs::metadata(&pdf).unwrap().len();
    assert!(size < 1_000_000, "{size} bytes");

    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for source in [
        "安装您的新 XB8 网关",
        "拔下旧网关的线缆",
        "连接您的 Wi-Fi",
        "寄回您的旧设备",
        "需要帮助？请致电我们",
        "第 3 步",
    ] {
        assert!(text.contains(source), "{source} is missing from:\n{text}");
    }
    // Links to steps read in Chinese brackets, with no English left.
    assert!(text.contains("（第 4 步，第 5 页）"), "{text}");
    for english in [
        "Step ",
        "Need help",
        "Page ",
        "What's in the box",
        "Done when",
    ] {
        assert!(!text.contains(english), "{english} in:\n{text}");
    }
    // No line of Chinese is cut with a hyphen, or ends in a space a
    // copy would carry.
    let raw = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for line in raw
        .lines()
        .filter(|l| l.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
    {
        assert!(!line.ends_with('-') && !line.ends_with(' '), "{line:?}");
    }

    let fonts = fonts_of(&pdf);
    for face in ["NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"] {
        assert!(
            fonts
                .iter()
                .any(|l| l.contains(&format!("+{face} ")) && l.contains("CID Type 0C")),
            "{face} is not embedded as a CFF subset: {fonts:?}"
        );
    }

    // Built again, the same bytes.
    let again = dir.path().join("again");
    let run = build_guide(&guide, &again, &["--format", "pdf"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        fs::read(&pdf).unwrap() == fs::read(again.join("gateway-swap-zh.zh-Hans.pdf")).unwrap()
    );
}

#[test]
fn japanese_gets_the_japanese_face_and_font_path_adds_fonts() {
    if !tools(&["pdffonts", "pdftotext"]) {
        return;
    }
    let Some(cjk) = cjk_fonts() else { return };
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("ja");
    copy_dir(&root().join("examples/gateway-swap-zh"), &guide);
    // The same text, as a Japanese guide with no fonts of its own.
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    let toml = toml
        .replace("language = \"zh-Hans\"", "language = \"ja\"")
        .replace("[fonts]", "")
        .replace(
            "files = [\"fonts/NotoSansCJK-Regular.ttc\", \"fonts/NotoSansCJK-Bold.ttc\"]",
            "",
        );
    fs::write(guide.join("guide.toml"), toml).unwrap();

    // Without fonts for it, `check` says what cannot be printed and how
    // to add a font.
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("cannot be printed") && err.contains("Han script"),
        "{err}"
    );
    assert!(
        err.contains("--font-path") && err.contains("[fonts]"),
        "{err}"
    );

    let run = swapguide(
        &root(),
        &[
            "check",
            guide.to_str().unwrap(),
            "--font-path",
            cjk.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = dir.path().join("out");
    let run = build_guide(
        &guide,
        &out,
        &["--format", "pdf", "--font-path", cjk.to_str().unwrap()],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = out.join("ja.ja.pdf");
    let fonts = fonts_of(&pdf);
    assert!(
        fonts.iter().any(|l| l.contains("+NotoSansCJKjp-Regular ")),
        "{fonts:?}"
    );
    assert!(!fonts.iter().any(|l| l.contains("CJKsc")), "{fonts:?}");
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(text.contains("拔下旧网关的线缆"), "{text}");
}

#[test]
fn a_font_that_cannot_be_used_is_an_error_at_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("g");
    copy_dir(&root().join("guides/fiber-swap"), &guide);
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    fs::write(
        guide.join("guide.toml"),
        format!("{toml}\n[fonts]\nfiles = [\"fonts/missing.ttc\", \"img/../guide.toml\"]\n"),
    )
    .unwrap();
    // A translation may not list fonts of its own.
    fs::write(
        guide.join("guide.es.toml"),
        format!(
            "{}\n[fonts]\nfiles = [\"x.ttf\"]\n",
            toml.replace("language = \"en\"", "language = \"es\"")
        ),
    )
    .unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    let found = diagnostics(&err);
    let lines = toml.lines().count();
    let at = |needle: &str| {
        found
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{err}"))
            .location
            .clone()
    };
    assert!(
        at("the font `fonts/missing.ttc` does not exist")
            .ends_with(&format!("guide.toml:{}:10", lines + 3)),
        "{err}"
    );
    assert!(
        at("is not an OpenType, TrueType or collection").contains("guide.toml:"),
        "{err}"
    );
    assert!(
        at("a translation cannot list fonts").contains("guide.es.toml:"),
        "{err}"
    );
}
