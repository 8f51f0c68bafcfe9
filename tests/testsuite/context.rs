//! The build context: one build's caches live and die with it, and no file
//! outside a guide's (or a CSV's) folder is opened, at any stage.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use swapguide::build::{BuildOptions, Format, build};
use swapguide::resolve::Overrides;

use crate::support::{copy_dir, root, stderr, swapguide};

fn options(out: &Path) -> BuildOptions {
    BuildOptions {
        out: out.to_path_buf(),
        formats: vec![Format::Pdf, Format::Html],
        overrides: Overrides::default(),
        date: None,
        templates: None,
        font_path: Vec::new(),
    }
}

/// Every file of a folder, by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

fn assert_same(in_process: &Path, separate: &Path) {
    let (a, b) = (files(in_process), files(separate));
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    assert!(!a.is_empty());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between one process and two");
    }
}

/// Two guides, then the first again after its title and a photo changed,
/// all in one process: each build writes exactly what a fresh process
/// writes. A cache that outlived its build would give the edited guide its
/// old photo (same path, new pixels).
#[test]
fn builds_in_one_process_match_builds_in_separate_processes() {
    let dir = tempfile::tempdir().unwrap();
    let gateway = dir.path().join("gateway-swap");
    let fiber = dir.path().join("fiber-swap");
    copy_dir(&root().join("guides/gateway-swap"), &gateway);
    copy_dir(&root().join("guides/fiber-swap"), &fiber);
    let run = |guide: &Path, out: &str| {
        let report = build(guide, &options(&dir.path().join(format!("{out}-lib"))));
        assert!(!report.failed(), "{:?}", report.failures);
        let bin = swapguide(
            dir.path(),
            &[
                "build",
                guide.to_str().unwrap(),
                "--out",
                &format!("{out}-bin"),
            ],
        );
        assert_eq!(bin.status.code(), Some(0), "{}", stderr(&bin));
        assert_same(
            &dir.path().join(format!("{out}-lib")),
            &dir.path().join(format!("{out}-bin")),
        );
    };
    run(&gateway, "one");
    run(&fiber, "two");

    let toml = fs::read_to_string(gateway.join("guide.toml")).unwrap();
    fs::write(
        gateway.join("guide.toml"),
        toml.replace("Set up your new XB8 Gateway", "Set up the XB8"),
    )
    .unwrap();
    let photo = image::open(gateway.join("img/xb8.jpg")).unwrap().fliph();
    photo.save(gateway.join("img/xb8.jpg")).unwrap();
    run(&gateway, "three");
    // And the edit did show.
    let before = fs::read(dir.path().join("one-lib/gateway-swap.en.html")).unwrap();
    let after = fs::read(dir.path().join("three-lib/gateway-swap.en.html")).unwrap();
    assert_ne!(before, after);
    assert!(String::from_utf8_lossy(&after).contains("Set up the XB8"));
}

/// Runs `swapguide ARGS…` in `cwd`, killing it after a minute: a command
/// that opened a pipe would wait on it for ever.
fn swapguide_or_hang(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            return (
                status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("swapguide {args:?} hung: it opened a file outside the folder");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn fifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

/// A guide whose step picture (and label) is `picture` (and `label`).
fn guide_with(dir: &Path, picture: &str, label: Option<&str>) -> PathBuf {
    let guide = dir.join("guide");
    copy_dir(&root().join("tests/fixtures/build/home-wifi"), &guide);
    for entry in fs::read_dir(&guide).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("guide.") && name != "guide.toml" {
            fs::remove_file(entry.path()).unwrap();
        }
    }
    let mut toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    let first_step = toml.find("[[steps]]").unwrap();
    let title_end = toml[first_step..].find("\ntitle").unwrap() + first_step;
    let line_end = toml[title_end + 1..].find('\n').unwrap() + title_end + 1;
    toml.insert_str(
        line_end,
        &format!("\nimage = \"{picture}\"\nalt = \"A picture\""),
    );
    if let Some(label) = label {
        toml = toml.replacen("[return]", &format!("[return]\nlabel = \"{label}\""), 1);
    }
    fs::write(guide.join("guide.toml"), toml).unwrap();
    guide
}

/// Pictures and labels reached by an absolute path, by `..` or by a link
/// that leaves the folder are refused before anything is opened: each
/// points at a pipe, which a read would wait on for ever.
#[test]
fn paths_that_leave_the_folder_are_refused_before_any_read() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fifo(&outside.join("pipe.png"));
    fifo(&outside.join("pipe.pdf"));
    let absolute = outside.join("pipe.png");
    let cases: Vec<(String, Option<&str>, &str)> = vec![
        (absolute.display().to_string(), None, "is an absolute path"),
        ("../outside/pipe.png".into(), None, "leaves the folder"),
        (
            "img/pipe.png".into(),
            None,
            "is a link to a file outside the folder",
        ),
        (
            "img/pipe.png".into(),
            Some("pipe.pdf"),
            "is a link to a file outside the folder",
        ),
    ];
    for (n, (picture, label, expected)) in cases.into_iter().enumerate() {
        let case = dir.path().join(format!("case{n}"));
        let guide = guide_with(&case, &picture, label);
        fs::create_dir_all(guide.join("img")).unwrap();
        let _ = std::os::unix::fs::symlink(outside.join("pipe.png"), guide.join("img/pipe.png"));
        let _ = std::os::unix::fs::symlink(outside.join("pipe.pdf"), guide.join("pipe.pdf"));
        for command in ["check", "build"] {
            let mut args = vec![command, "guide"];
            if command == "build" {
                args.extend(["--out", "out"]);
            }
            let (code, err) = swapguide_or_hang(&case, &args);
            assert_eq!(code, Some(1), "{command} case {n}: {err}");
            assert!(err.contains(expected), "{command} case {n}: {err}");
        }
        // Nothing was written, not even a temporary file.
        let out = case.join("out");
        assert!(!out.exists() || fs::read_dir(&out).unwrap().next().is_none());
    }
}

/// A campaign row whose label is a link out of the CSV's folder fails
/// alone, without the pipe it points at being opened.
#[test]
fn a_customer_label_linked_out_of_the_csv_folder_fails_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fifo(&outside.join("pipe.pdf"));
    let guide = guide_with(dir.path(), "img/router.svg", Some("{{ customer.label }}"));
    fs::create_dir_all(guide.join("img")).unwrap();
    fs::write(
        guide.join("img/router.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>"#,
    )
    .unwrap();
    let campaign = dir.path().join("campaign");
    fs::create_dir(&campaign).unwrap();
    std::os::unix::fs::symlink(outside.join("pipe.pdf"), campaign.join("C-1.pdf")).unwrap();
    fs::write(
        campaign.join("customers.csv"),
        "id,name,label\nC-1,Ana,C-1.pdf\nC-2,Bo,\n",
    )
    .unwrap();
    let (code, err) = swapguide_or_hang(
        dir.path(),
        &[
            "build",
            "guide",
            "--customers",
            "campaign/customers.csv",
            "--out",
            "out",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(code, Some(1), "{err}");
    let report = fs::read_to_string(dir.path().join("out/report.csv")).unwrap();
    assert!(
        report.contains("is a link to a file outside the folder"),
        "{report}"
    );
    assert!(dir.path().join("out/C-2.pdf").is_file(), "{report}");
    assert!(!dir.path().join("out/C-1.pdf").exists());
}

/// A guide whose id names a folder outside `--out` is refused by the
/// checks before any file is named after it: nothing, not even a
/// temporary file, appears in that folder.
#[test]
fn an_id_that_leaves_the_output_folder_creates_nothing_outside_it() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    fs::create_dir(&victim).unwrap();
    let guide = dir.path().join("guide");
    copy_dir(&root().join("tests/fixtures/build/home-wifi"), &guide);
    let toml = fs::read_to_string(guide.join("guide.toml")).unwrap();
    fs::write(
        guide.join("guide.toml"),
        toml.replacen("[guide]\n", "[guide]\nid = \"../victim/pwn\"\n", 1),
    )
    .unwrap();
    let run = swapguide(dir.path(), &["build", "guide", "--out", "out"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("../victim/pwn"), "{}", stderr(&run));
    assert_eq!(fs::read_dir(&victim).unwrap().count(), 0);
}
