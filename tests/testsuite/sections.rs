//! Links to whole sections (`#wifi`, `#box`…): they land on the section
//! in the PDF with its page, and in the HTML on the section's id; a name
//! the guide does not print, or a step that takes one, is an error.

use std::fs;

use crate::pdf::{squash, tool};
use crate::support::{build_guide, copy_dir, diagnostics, root, stderr, swapguide, tools};

/// The home-wifi example with a step that links to three sections.
fn guide_with_section_links(dir: &std::path::Path) -> std::path::PathBuf {
    let guide = dir.join("home-wifi");
    copy_dir(&root().join("tests/fixtures/build/home-wifi"), &guide);
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    let toml = toml.replace(
        "cable from the wall.\n",
        "cable from the wall. Then see [Join your Wi-Fi](#wifi), \
         [what came in the box](#box) and [the lights](#lights).\n",
    );
    fs::write(guide.join("guide.toml"), toml).unwrap();
    guide
}

#[test]
fn section_links_land_on_their_section_with_its_page() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let guide = guide_with_section_links(dir.path());
    let out = dir.path().join("out");
    let run = build_guide(&guide, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = out.join("home-wifi.en.pdf");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    // The page each section heading is on.
    let page_of = |heading: &str| {
        text.split('\u{c}')
            .position(|page| page.contains(heading))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no {heading} in {text}"))
    };
    let flat = squash(&text);
    let wifi = page_of("Join your Wi-Fi\n");
    assert!(
        flat.contains(&format!("Join your Wi-Fi (page {wifi})")),
        "{flat}"
    );
    assert!(flat.contains("what came in the box (page 1)"), "{flat}");
    let lights = page_of("What the lights mean");
    assert!(
        flat.contains(&format!("the lights (page {lights})")),
        "{flat}"
    );
    let html = fs::read_to_string(out.join("home-wifi.en.html")).unwrap();
    for name in ["wifi", "box", "lights"] {
        assert!(html.contains(&format!("href=\"#{name}\"")), "{name}");
        assert!(html.contains(&format!("<section id=\"{name}\"")), "{name}");
    }
}

#[test]
fn a_section_the_guide_lacks_or_a_step_named_like_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let guide = guide_with_section_links(dir.path());
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    // No status lights any more, and a step takes the name `return`.
    let start = toml.find("[[lights]]").unwrap();
    let end = toml.find("[[steps]]").unwrap();
    let toml = format!("{}{}", &toml[..start], &toml[end..])
        .replace("id = \"unplug-old\"", "id = \"return\"");
    fs::write(guide.join("guide.toml"), toml).unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let printed = diagnostics(&stderr(&run));
    let messages: Vec<&str> = printed.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.contains(&"link `#lights` names a section this guide does not print"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"`return` is the name of a section: a link to `#return` goes there"),
        "{messages:?}"
    );
}

/// Every step can be ticked in both outputs: a step without `done_when`
/// gets a box in the PDF with the words the HTML's box has.
#[test]
fn a_step_without_done_when_can_be_ticked_on_paper_and_on_screen() {
    if !tools(&["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("home-wifi");
    copy_dir(&root().join("tests/fixtures/build/home-wifi"), &guide);
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    // The first step's `done_when` goes.
    let first = toml.find("\ndone_when").unwrap();
    let end = first + 1 + toml[first + 1..].find('\n').unwrap();
    fs::write(
        guide.join("guide.toml"),
        format!("{}{}", &toml[..first], &toml[end..]),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = build_guide(&guide, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = squash(&tool(
        "pdftotext",
        &[out.join("home-wifi.en.pdf").to_str().unwrap(), "-"],
    ));
    assert!(text.contains("Mark step 1 done"), "{text}");
    assert!(
        !text.contains("Mark step 2 done"),
        "step 2 has its own: {text}"
    );
    let html = fs::read_to_string(out.join("home-wifi.en.html")).unwrap();
    assert!(html.contains("Mark step 1 done"));
}
