//! `swapguide check` on the invalid corpus: every case states its exit code
//! and every diagnostic it must print, and nothing else may be printed.
//!
//! A case is a folder under tests/fixtures/invalid/ holding a guide and
//! `expected.txt` (see `corpus.rs` for its form).

use std::fs;
use std::path::Path;

use crate::corpus::{diagnostic_problems, read_expected, run_corpus, verdict};
use crate::support::{diagnostics, root, stderr, stdout, swapguide};

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

/// `swapguide … | head -1`: a reader that goes away stops swapguide as it
/// stops `cat` (quietly, by SIGPIPE), never with a panic reported as a bug.
#[test]
fn a_closed_pipe_stops_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    // The reading end is closed before swapguide starts: its first write
    // finds no reader, whatever the timing.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .args(["words", "en"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("unexpectedly") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_eq!(out.status.signal(), Some(13), "{:?} {err}", out.status);
}

/// `check --format json` and `--format short` say what the snippets say:
/// for every invalid fixture, the same problems, places and messages.
#[test]
fn json_and_short_diagnostics_match_the_text_output() {
    let fixtures = crate::support::root().join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() > 50);
    for case in cases {
        let path = case.to_str().unwrap();
        let human = swapguide(&fixtures, &["check", path]);
        let json = swapguide(&fixtures, &["check", path, "--format", "json"]);
        let short = swapguide(&fixtures, &["check", path, "--format", "short"]);
        assert_eq!(human.status.code(), json.status.code(), "{path}");
        assert_eq!(human.status.code(), short.status.code(), "{path}");
        let expected: Vec<(String, String, String)> = crate::support::diagnostics(&stderr(&human))
            .into_iter()
            .map(|d| (d.severity, d.location, d.message))
            .collect();
        let from_json: Vec<(String, String, String)> = stdout(&json)
            .lines()
            .map(|line| {
                let v: serde_json::Value =
                    serde_json::from_str(line).expect("a JSON object a line");
                let location = match (v["file"].as_str(), v["line"].as_u64(), v["column"].as_u64())
                {
                    (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}"),
                    _ => String::new(),
                };
                let message = v["message"].as_str().unwrap().to_string();
                (
                    v["severity"].as_str().unwrap().to_string(),
                    location,
                    message,
                )
            })
            .collect();
        assert_eq!(from_json, expected, "{path}");
        let from_short: Vec<String> = stdout(&short).lines().map(str::to_string).collect();
        let wanted: Vec<String> = expected
            .iter()
            .map(|(s, l, m)| format!("{}: {s}: {m}", if l.is_empty() { "-" } else { l }))
            .collect();
        assert_eq!(from_short, wanted, "{path}");
    }
}

/// A picture path that does not exist names the closest file beside it.
#[test]
fn a_missing_picture_suggests_the_file_that_is_there() {
    let case = root().join("tests/fixtures/invalid/image-misspelt");
    let run = swapguide(&root(), &["check", case.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("did you mean `img/plug-in.png`?"),
        "{}",
        stderr(&run)
    );
}

/// A translation may show its own picture for a step (a screen in its
/// language), but not leave one out; a picture no page uses is named.
#[test]
fn a_translation_may_show_its_own_step_picture() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("home-wifi");
    crate::support::copy_dir(&root().join("tests/fixtures/build/home-wifi"), &guide);
    let svg = fs::read(guide.join("img/new-gateway.svg")).unwrap();
    for name in ["screen-en.svg", "screen-es.svg", "left-over.svg"] {
        fs::write(guide.join("img").join(name), &svg).unwrap();
    }
    let add_picture = |file: &str, picture: &str| {
        let text = fs::read_to_string(guide.join(file)).unwrap();
        let with = text.replacen(
            "id = \"connect-new\"\n",
            &format!("id = \"connect-new\"\nimage = \"img/{picture}\"\nalt = \"The screen\"\n"),
            1,
        );
        assert_ne!(with, text);
        fs::write(guide.join(file), with).unwrap();
    };
    add_picture("guide.toml", "screen-en.svg");
    add_picture("guide.es.toml", "screen-es.svg");
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let printed = diagnostics(&stderr(&run));
    assert_eq!(printed.len(), 1, "{}", stderr(&run));
    assert!(
        printed[0]
            .message
            .contains("left-over.svg is in the guide's folder, but no page uses it")
    );
    // Leaving the step's picture out of the translation is still an error.
    let es = fs::read_to_string(guide.join("guide.es.toml")).unwrap();
    fs::write(
        guide.join("guide.es.toml"),
        es.replace("image = \"img/screen-es.svg\"\n", ""),
    )
    .unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("step `connect-new`'s image is missing; guide.toml has one"),
        "{}",
        stderr(&run)
    );
}

/// `swapguide fields` prints the customer fields a guide uses, one a
/// line, in the order first used: the columns its customer CSV needs.
#[test]
fn fields_lists_the_customer_columns_a_guide_uses() {
    let run = swapguide(&root(), &["fields", "guides/gateway-swap"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let fields: Vec<String> = stdout(&run).lines().map(str::to_string).collect();
    assert_eq!(
        fields.first().map(String::as_str),
        Some("first_name"),
        "{fields:?}"
    );
    // The example campaign's file has every one.
    let csv = fs::read_to_string(root().join("campaigns/gateway-swap/customers.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for field in &fields {
        assert!(
            header.contains(&field.as_str()),
            "{field} is not in {header:?}"
        );
    }
    let run = swapguide(&root(), &["fields", "guides/no-such-guide"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("no-such-guide"), "{}", stderr(&run));
}

/// With `[customer] fields`, `check` alone catches a misspelt field, at
/// the field, with a did-you-mean; a translation may not list its own.
#[test]
fn declared_customer_fields_catch_a_misspelt_one() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("g");
    crate::support::copy_dir(&root().join("guides/gateway-swap"), &guide);
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    // The first use outside a comment goes misspelt.
    let toml: String = toml
        .lines()
        .scan(false, |done, line| {
            let hit = !*done && !line.starts_with('#') && line.contains("customer.first_name");
            *done |= hit;
            Some(if hit {
                line.replacen("first_name", "frist_name", 1)
            } else {
                line.to_string()
            })
        })
        .map(|l| l + "\n")
        .collect();
    assert!(toml.contains("frist_name"));
    fs::write(
        guide.join("guide.toml"),
        format!(
            "{toml}\n[customer]\nfields = [\"first_name\", \"wifi_ssid\", \"wifi_password\", \
             \"return_label\", \"rma\", \"label_broker_id\"]\n"
        ),
    )
    .unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    let found = diagnostics(&err);
    let misspelt = found
        .iter()
        .find(|d| {
            d.message
                .contains("`customer.frist_name` is not one of the fields")
        })
        .unwrap_or_else(|| panic!("{err}"));
    let line = toml.lines().position(|l| l.contains("frist_name")).unwrap() + 1;
    assert!(
        misspelt.location.contains(&format!("guide.toml:{line}:")),
        "{err}"
    );
    assert!(
        err.contains("did you mean `{{ customer.first_name }}`?"),
        "{err}"
    );
    // Declared and used rightly, the guide checks clean.
    let fixed = fs::read_to_string(guide.join("guide.toml"))
        .unwrap()
        .replace("frist_name", "first_name");
    fs::write(guide.join("guide.toml"), fixed).unwrap();
    let run = swapguide(&root(), &["check", guide.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}
