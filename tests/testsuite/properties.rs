//! Property tests: random valid guides and random customer rows always
//! build, into PDFs that qpdf accepts and HTML pages that reach nothing
//! outside themselves.
//!
//! Each property runs `PROPTEST_CASES` cases (32 unless set); a failure is
//! shrunk to a small guide and kept in `proptest-regressions/` so it is
//! tried first on every later run.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use proptest::test_runner::Config;

use crate::html::{allowed_online, assert_self_contained};
use crate::support::{hidden_controls, root, stderr, swapguide, tools};

/// Text an author might write, with the characters that break things
/// elsewhere: markup, quotes, template braces, accents, symbols, emoji.
fn text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Plug",
        "the",
        "gateway",
        "in",
        "Wait",
        "<b>bold</b>",
        "<script>x()</script>",
        "\"quoted\"",
        "it's",
        "{ braces }",
        "a & b",
        "Señal",
        "naïve",
        "Über",
        "—",
        "…",
        "Ω",
        "жёлтый",
        "€",
        "100%",
        "$5",
        "\\",
        "back\\slash",
        "x",
        "Supercalifragilisticexpialidocious-and-then-some-more-letters",
        "esc\u{1b}[2J",
        "nul\u{0}",
        "\u{202e}reversed",
        "line\u{2028}sep",
    ]);
    prop::collection::vec(words, 1..12).prop_map(|w| w.join(" "))
}

/// Markdown built from the constructs guides use.
fn markdown(step_ids: Vec<String>) -> impl Strategy<Value = String> {
    let block = (0..8usize, text(), text(), prop::sample::select(step_ids)).prop_map(
        |(kind, a, b, target)| match kind {
            0 => format!("{a} **{b}**"),
            1 => format!("- {a}\n- {b}\n  - *{a}*"),
            2 => format!("1. {a}\n2. {b}"),
            3 => format!("| Light | Meaning |\n|---|---:|\n| {a} | {b} |"),
            4 => format!("See [{a}](#{target}) and call [us](tel:+18005550199)."),
            5 => format!("> {a}\n>\n> {b}"),
            6 => format!("`{a}`\n\n```\n{b}\n```"),
            _ => format!("### {a}\n\n{b} ~~{a}~~"),
        },
    );
    prop::collection::vec(block, 1..5).prop_map(|b| b.join("\n\n"))
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A random valid guide, as the text of `guide.toml`.
fn guide() -> impl Strategy<Value = String> {
    (1..7usize, 0..3usize).prop_flat_map(|(steps, troubles)| {
        let ids: Vec<String> = (1..=steps)
            .map(|i| format!("step-{i}"))
            .chain((1..=troubles).map(|i| format!("trouble-{i}")))
            .collect();
        (
            text(),
            prop::collection::vec((text(), markdown(ids.clone()), any::<bool>()), steps),
            prop::collection::vec((text(), markdown(ids.clone())), troubles),
            (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
            markdown(ids),
        )
            .prop_map(move |(title, steps, troubles, (wifi, paper, large, extra), intro)| {
                let mut g = String::new();
                let _ = writeln!(g, "[guide]\ntitle = {}\nlanguage = \"en\"", quoted(&title));
                let _ = writeln!(g, "intro = {}", quoted(&format!("Hello {{{{ customer.first_name }}}}.\n\n{intro}")));
                g.push_str("\n[provider]\nname = \"Example Fiber\"\naccent = \"#7a1fa2\"\nwebsite = \"https://example.com\"\n");
                g.push_str("\n[support]\nphone = \"+1 800 555 0199\"\nhours = \"Every day\"\nsms = \"+1 800 555 0100\"\n");
                g.push_str("\n[equipment.old]\nname = \"Old box\"\n\n[equipment.new]\nname = \"New box\"\n");
                g.push_str("\n[[kit]]\nname = \"New box\"\n\n[[lights]]\nlight = \"Front\"\nstate = \"White\"\nmeaning = \"Ready\"\nok = true\n");
                for (i, (title, body, tip)) in steps.iter().enumerate() {
                    let _ = writeln!(g, "\n[[steps]]\nid = \"step-{}\"\ntitle = {}\nbody = {}", i + 1, quoted(title), quoted(body));
                    if *tip {
                        let _ = writeln!(g, "tip = {}\nwarning = {}", quoted(title), quoted(body));
                    }
                }
                for (i, (symptom, fix)) in troubles.iter().enumerate() {
                    let _ = writeln!(g, "\n[[troubleshooting]]\nid = \"trouble-{}\"\nsymptom = {}\nfix = {}", i + 1, quoted(symptom), quoted(fix));
                }
                if wifi {
                    g.push_str("\n[wifi]\nssid = \"{{ customer.wifi_ssid }}\"\npassword = \"{{ customer.wifi_password }}\"\nfallback = \"The name and password are on the sticker.\"\n");
                }
                g.push_str("\n[return]\nitems = [\"Old box\"]\ndeadline_days = 21\nrma = \"{{ customer.rma }}\"\ncounter_code = \"{{ customer.code }}\"\n");
                if extra {
                    g.push_str("\n[[links]]\nlabel = \"Video\"\nurl = \"https://example.com/video?a=1&b=2\"\n");
                }
                let _ = writeln!(
                    g,
                    "\n[print]\npaper = \"{}\"\nlarge = {large}",
                    if paper { "a4" } else { "letter" }
                );
                g
            })
    })
}

/// A CSV field as a billing export might write it.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        Just(String::new()),
        Just("   ".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("{{ customer.rma }}".to_string()),
        Just("a;b,c\"d:e\\f".to_string()),
        Just("line\nbreak".to_string()),
        Just("ctl\u{0}\u{1b}[2J \u{202e}evil\u{2066}\u{2028}x".to_string()),
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ]
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A customer CSV of random rows, each with a language and ship date that
/// may be valid or not.
fn customers() -> impl Strategy<Value = String> {
    let row = (
        field(),
        prop::sample::select(vec!["en", "es", "es-MX", "fr", "", "EN"]),
        prop::sample::select(vec![
            "2026-11-30",
            "2026-02-29",
            "",
            "30/11/2026",
            "0000-01-01",
        ]),
        field(),
        field(),
        field(),
        field(),
    );
    prop::collection::vec(row, 1..5).prop_map(|rows| {
        let mut csv =
            String::from("id,first_name,language,ship_date,wifi_ssid,wifi_password,rma,code\n");
        for (i, (name, lang, date, ssid, password, rma, code)) in rows.iter().enumerate() {
            let fields = [name, ssid, password, rma, code].map(|f| csv_field(f));
            let _ = writeln!(
                csv,
                "C-{i},{},{lang},{date},{},{},{},{}",
                fields[0], fields[1], fields[2], fields[3], fields[4]
            );
        }
        csv
    })
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(32);
    Config {
        cases,
        // Shrinking re-runs whole builds: a bounded number is plenty.
        max_shrink_iters: 200,
        ..Config::default()
    }
}

/// Every PDF under `out` passes qpdf and every page is self-contained.
fn outputs_are_sound(guide: &Path, out: &Path) -> Result<usize, TestCaseError> {
    let allowed = allowed_online(guide);
    let mut count = 0;
    for entry in fs::read_dir(out).unwrap().flatten() {
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => {
                let text = Command::new("pdftotext")
                    .arg(&path)
                    .arg("-")
                    .output()
                    .unwrap();
                let hidden = hidden_controls(&String::from_utf8_lossy(&text.stdout));
                prop_assert!(hidden.is_empty(), "{}: {hidden:?}", path.display());
                let check = Command::new("qpdf")
                    .arg("--check")
                    .arg(&path)
                    .output()
                    .unwrap();
                prop_assert!(
                    check.status.success(),
                    "qpdf --check {}: {}",
                    path.display(),
                    String::from_utf8_lossy(&check.stdout)
                );
                count += 1;
            }
            Some("html") => {
                let hidden = hidden_controls(&fs::read_to_string(&path).unwrap());
                prop_assert!(hidden.is_empty(), "{}: {hidden:?}", path.display());
                assert_self_contained(&path, &allowed);
                count += 1;
            }
            _ => {}
        }
    }
    Ok(count)
}

/// A scratch folder holding the guide folder `random/` with `toml`.
fn guide_folder(toml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("random");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("guide.toml"), toml).unwrap();
    (work, dir)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_random_valid_guide_builds_sound_files(toml in guide()) {
        if !tools(&["qpdf", "pdftotext"]) {
            return Ok(());
        }
        let (work, dir) = guide_folder(&toml);
        let out = work.path().join("out");
        let run = swapguide(&root(), &["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        prop_assert_eq!(run.status.code(), Some(0), "{}\n{}", stderr(&run), toml);
        prop_assert!(!stderr(&run).contains("failed unexpectedly"));
        prop_assert_eq!(outputs_are_sound(&dir, &out)?, 2);
    }

    #[test]
    fn random_customer_rows_never_sink_the_batch(toml in guide(), csv in customers()) {
        if !tools(&["qpdf", "pdftotext"]) {
            return Ok(());
        }
        let (work, dir) = guide_folder(&toml);
        fs::write(work.path().join("customers.csv"), &csv).unwrap();
        let out = work.path().join("out");
        let run = swapguide(&root(), &[
            "build", dir.to_str().unwrap(),
            "--customers", work.path().join("customers.csv").to_str().unwrap(),
            "--format", "pdf,html",
            "--out", out.to_str().unwrap(),
        ]);
        let err = stderr(&run);
        prop_assert!(matches!(run.status.code(), Some(0 | 1)), "{err}");
        prop_assert!(!err.contains("failed unexpectedly"), "{err}\n{csv}");
        // Every row is in the report, and every row reported built has
        // both its files, sound.
        let records = |text: &str| -> Vec<csv::StringRecord> {
            csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect()
        };
        let report = fs::read_to_string(out.join("report.csv"));
        prop_assert!(report.is_ok(), "no report.csv:\n{err}\n{csv}\n{toml}");
        let report = report.unwrap();
        let lines = records(&report);
        prop_assert_eq!(lines.len(), records(&csv).len(), "{}", report);
        let built = lines.iter().filter(|l| &l[1] == "ok").count();
        prop_assert_eq!(outputs_are_sound(&dir, &out)?, 2 * built, "{}", report);
    }
}
