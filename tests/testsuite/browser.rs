//! The HTML pages in a real browser: headless Chromium driven by
//! playwright-core, with axe-core for accessibility (tests/browser/check.mjs
//! does the checking; this test builds the pages and runs it).
//!
//! Needs node, Debian's chromium and `npm ci` in tests/browser; `.ci/run`
//! provides them. Screenshots are kept in target/browser-artifacts.

use std::process::Command;

use crate::support::{root, stderr, swapguide, tools};

#[test]
fn pages_work_offline_accessibly_and_remember_progress_in_chromium() {
    if !tools(&["node", "chromium"]) {
        return;
    }
    let modules = root().join("tests/browser/node_modules");
    if !modules.join("playwright-core").is_dir() {
        assert!(
            std::env::var_os("SWAPGUIDE_REQUIRE_TOOLS").is_none(),
            "run `npm ci` in tests/browser (.ci/run does)"
        );
        eprintln!("SKIPPED: run `npm ci` in tests/browser for the browser test");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    for guide in ["guides", "tests/fixtures/build/hostile-markdown"] {
        let run = swapguide(
            &root(),
            &["build", guide, "--out", out_dir, "--format", "html"],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let pages: Vec<String> = [
        "gateway-swap.en.html",
        "gateway-swap.es.html",
        "fiber-swap.en.html",
        "hostile-markdown.en.html",
        "gateway-swap.ar.html",
        "index.html",
    ]
    .iter()
    .map(|p| out.path().join(p).to_string_lossy().into_owned())
    .collect();
    let run = Command::new("node")
        .arg(root().join("tests/browser/check.mjs"))
        .args(&pages)
        .env(
            "SWAPGUIDE_ARTIFACTS",
            root().join("target/browser-artifacts"),
        )
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "browser checks failed:\n{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        report
            .lines()
            .filter(|l| l.starts_with("{\"ok\":true"))
            .count(),
        pages.len(),
        "{report}"
    );
    // Right to left where the language is, left to right elsewhere.
    for line in report.lines().filter(|l| l.starts_with('{')) {
        let rtl = line.contains("gateway-swap.ar.html");
        let dir = if rtl {
            "\"dir\":\"rtl\""
        } else {
            "\"dir\":\"ltr\""
        };
        assert!(line.contains(dir), "{line}");
    }
    assert!(report.contains("\"lang\":\"ar\""), "{report}");
}
