//! `swapguide check` on the invalid corpus: every case states its exit code
//! and every diagnostic it must print, and nothing else may be printed.
//!
//! A case is a folder under tests/fixtures/invalid/ holding a guide and
//! `expected.txt` (see `corpus.rs` for its form).

use std::fs;
use std::path::Path;

use crate::corpus::{diagnostic_problems, read_expected, run_corpus, verdict};
use crate::support::{diagnostics, root, stderr, swapguide};

fn run_case(case: &Path) -> Result<(), String> {
    let expected = read_expected(case);
    let out = swapguide(&root(), &["check", case.to_str().unwrap()]);
    let err = stderr(&out);
    let printed = diagnostics(&err);
    let mut problems = diagnostic_problems(&expected, &printed);
    if !expected.directives.is_empty() {
        problems.push(format!("unknown lines: {:?}", expected.directives));
    }
    if out.status.code() != Some(expected.exit) {
        problems.push(format!(
            "exit {:?}, expected {}",
            out.status.code(),
            expected.exit
        ));
    }
    verdict(case, problems, &err)
}

#[test]
fn invalid_corpus() {
    run_corpus(&root().join("tests/fixtures/invalid"), 25, run_case);
}

#[test]
fn check_of_a_missing_path_says_so() {
    let out = swapguide(&root(), &["check", "no/such/guide"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no/such/guide does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_without_paths_is_a_usage_error() {
    let out = swapguide(&root(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    // Problems in different sections and entries do not hide each other.
    let dir = tempfile::tempdir().unwrap();
    let guide = r##"
[guide]
id = "swap"
titel = "Swap"

[provider]
name = "Northwind"
accent = "blue"

[support]
phone = "call us"
hours = "Always"

[equipment.old]
name = "Old"

[equipment.new]
name = "New"

[[steps]]
id = "one"
title = 1

[[steps]]
id = "Two"
title = "Two"
body = "See [one](#on)."
"##;
    fs::write(dir.path().join("guide.toml"), guide).unwrap();
    let out = swapguide(dir.path(), &["check", "."]);
    let err = stderr(&out);
    let printed = diagnostics(&err);
    // Structural problems are reported together; semantic checks need a
    // well-formed file, so they come after the structure is fixed.
    assert_eq!(printed.len(), 2, "{err}");
    assert!(printed[0].message.contains("unknown key `titel`"));
    assert!(printed[1].message.contains("`title` in [[steps]] entry 1"));

    let fixed = guide
        .replace("titel", "title")
        .replace("title = 1", "title = \"One\"");
    fs::write(dir.path().join("guide.toml"), fixed).unwrap();
    let out = swapguide(dir.path(), &["check", "."]);
    let err = stderr(&out);
    let messages: Vec<String> = diagnostics(&err).into_iter().map(|p| p.message).collect();
    assert_eq!(messages.len(), 4, "{err}");
    assert!(messages[0].contains("`blue` is not a colour"));
    assert!(messages[1].contains("`call us`"));
    assert!(messages[2].contains("`Two` is not a valid step id"));
    assert!(messages[3].contains("link `#on`"));
    assert_eq!(out.status.code(), Some(1));
}
