//! The expected outcome of a fixture case, written in its `expected.txt`:
//!
//! ```text
//! # why this case exists
//! exit 1
//! error guide.toml:11:1 unknown key `titel` in [guide]
//! warning guide.es.toml:20:8 raw HTML
//! pdf-text Superlong
//! ```
//!
//! `exit` is the exit status; each diagnostic line gives the severity, the
//! file name and line:col it points at (`-` for none) and a part of its
//! message. Any other line is a directive (a keyword and its argument)
//! left to the suite that reads the corpus.

use std::fs;
use std::path::Path;

use crate::support::Printed;

/// What a case expects.
#[derive(Debug)]
pub struct Expected {
    /// The exit status.
    pub exit: i32,
    /// Severity, location and part of the message of each diagnostic.
    pub diagnostics: Vec<(String, String, String)>,
    /// Other directives: keyword and the rest of the line.
    pub directives: Vec<(String, String)>,
}

/// Reads `case/expected.txt`.
pub fn read_expected(case: &Path) -> Expected {
    let text = fs::read_to_string(case.join("expected.txt"))
        .unwrap_or_else(|e| panic!("{}: expected.txt: {e}", case.display()));
    let mut exit = None;
    let mut diagnostics = Vec::new();
    let mut directives = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (keyword, rest) = line.split_once(' ').unwrap_or((line, ""));
        match keyword {
            "exit" => exit = Some(rest.trim().parse().expect("exit code")),
            "error" | "warning" => {
                let (location, message) = rest.split_once(' ').expect("location and message");
                diagnostics.push((keyword.to_string(), location.into(), message.into()));
            }
            _ => directives.push((keyword.to_string(), rest.to_string())),
        }
    }
    Expected {
        exit: exit.unwrap_or_else(|| panic!("{}: no `exit` line", case.display())),
        diagnostics,
        directives,
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

/// Each expected diagnostic that was not printed and each printed one that
/// was not expected.
pub fn diagnostic_problems(expected: &Expected, printed: &[Printed]) -> Vec<String> {
    let mut problems = Vec::new();
    for want in &expected.diagnostics {
        if !printed.iter().any(|p| matches(p, want)) {
            problems.push(format!("missing: {} {} {}", want.0, want.1, want.2));
        }
    }
    for p in printed {
        if !expected.diagnostics.iter().any(|want| matches(p, want)) {
            problems.push(format!(
                "unexpected: {} {} {}",
                p.severity, p.location, p.message
            ));
        }
    }
    problems
}

/// The case folders under `dir` (those with an `expected.txt`), sorted.
fn cases(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut cases: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    cases.sort();
    cases
}

/// A case's outcome: `Ok` if nothing is wrong, else the problems (at most
/// a dozen) followed by what swapguide printed.
pub fn verdict(case: &Path, mut problems: Vec<String>, printed: &str) -> Result<(), String> {
    if problems.is_empty() {
        return Ok(());
    }
    if problems.len() > 12 {
        let more = problems.len() - 12;
        problems.truncate(12);
        problems.push(format!("… and {more} more"));
    }
    Err(format!(
        "{}:\n  {}\n--- output ---\n{printed}",
        case.display(),
        problems.join("\n  ")
    ))
}

/// Runs every case under `dir` (at least `min` of them) and fails with
/// every failing case's problems.
pub fn run_corpus(dir: &Path, min: usize, run_case: impl Fn(&Path) -> Result<(), String>) {
    let cases = cases(dir);
    assert!(
        cases.len() >= min,
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
