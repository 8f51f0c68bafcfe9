//! `swapguide check` on the invalid corpus: every case states its exit code
//! and every diagnostic it must print, and nothing else may be printed.
//!
//! A case is a folder under tests/fixtures/invalid/ holding a guide and
//! `expected.txt`:
//!
//! ```text
//! # why this case exists
//! exit 1
//! error guide.toml:11:1 unknown key `titel` in [guide]
//! warning guide.es.toml:20:8 raw HTML
//! ```
//!
//! Each diagnostic line gives the severity, the file name and line:col the
//! diagnostic points at (or `-` for none), and a part of its message.

use std::fs;
use std::path::Path;

use crate::support::{Printed, diagnostics, root, stderr, swapguide};

#[derive(Debug)]
struct Expected {
    exit: i32,
    diagnostics: Vec<(String, String, String)>,
}

fn read_expected(case: &Path) -> Expected {
    let text = fs::read_to_string(case.join("expected.txt"))
        .unwrap_or_else(|e| panic!("{}: expected.txt: {e}", case.display()));
    let mut exit = None;
    let mut diagnostics = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(code) = line.strip_prefix("exit ") {
            exit = Some(code.trim().parse().expect("exit code"));
            continue;
        }
        let mut parts = line.splitn(3, ' ');
        let severity = parts.next().unwrap().to_string();
        let location = parts.next().expect("location").to_string();
        let message = parts.next().expect("message").to_string();
        assert!(severity == "error" || severity == "warning", "{line}");
        diagnostics.push((severity, location, message));
    }
    Expected {
        exit: exit.unwrap_or_else(|| panic!("{}: no `exit` line", case.display())),
        diagnostics,
    }
}

fn matches(p: &Printed, (severity, location, message): &(String, String, String)) -> bool {
    let at = if location == "-" {
        p.location.is_empty()
    } else {
        p.location.ends_with(&format!("/{location}"))
    };
    p.severity == *severity && at && p.message.contains(message.as_str())
}

fn run_case(case: &Path) -> Result<(), String> {
    let expected = read_expected(case);
    let out = swapguide(&root(), &["check", case.to_str().unwrap()]);
    let err = stderr(&out);
    let printed = diagnostics(&err);
    let mut problems = Vec::new();
    if out.status.code() != Some(expected.exit) {
        problems.push(format!(
            "exit {:?}, expected {}",
            out.status.code(),
            expected.exit
        ));
    }
    for want in &expected.diagnostics {
        if !printed.iter().any(|p| matches(p, want)) {
            problems.push(format!("missing: {} {} {}", want.0, want.1, want.2));
        }
    }
    for p in &printed {
        if !expected.diagnostics.iter().any(|want| matches(p, want)) {
            problems.push(format!(
                "unexpected: {} {} {}",
                p.severity, p.location, p.message
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}:\n  {}\n--- output ---\n{err}",
            case.display(),
            problems.join("\n  ")
        ))
    }
}

#[test]
fn invalid_corpus() {
    let dir = root().join("tests/fixtures/invalid");
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 25,
        "the corpus has only {} cases",
        cases.len()
    );
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
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
