//! Rendering Markdown to both outputs: any text as a step's body, a tip
//! and a troubleshooting fix of a small guide, built as PDF and HTML.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const GUIDE: &str = r#"
[guide]
title = "Markdown"
language = "en"
intro = MARKDOWN

[provider]
name = "Example"

[support]
phone = "+1 800 555 0199"
hours = "Every day"

[equipment.old]
name = "Old"

[equipment.new]
name = "New"

[[steps]]
id = "one"
title = "One"
body = MARKDOWN
tip = MARKDOWN

[[steps]]
id = "two"
title = "Two"
body = "See [one](#one)."

[[troubleshooting]]
id = "trouble"
symptom = "Trouble"
fix = MARKDOWN
"#;

fn dirs() -> &'static (PathBuf, PathBuf) {
    static DIRS: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    DIRS.get_or_init(|| (common::scratch("markdown"), common::scratch("markdown-out")))
}

fuzz_target!(|text: &str| {
    let (guide, out) = dirs();
    let toml = GUIDE.replace("MARKDOWN", &common::toml_string(text));
    fs::write(guide.join("guide.toml"), toml).expect("write guide");
    let report = swapguide::build::build(guide, &common::options(out));
    // The guide around the Markdown is valid, so Markdown alone decides:
    // if the checks pass, both files must have been written.
    if !report.failed() {
        assert_eq!(report.written.len(), 2, "{:?}", report.failures);
        for file in &report.written {
            if file.extension().is_some_and(|e| e == "html") {
                let page = fs::read_to_string(file).expect("read page");
                assert!(
                    !page.contains("<iframe") && !page.contains(" onerror="),
                    "markup got through"
                );
            }
        }
    }
    common::assert_no_temporary_files(out);
});
