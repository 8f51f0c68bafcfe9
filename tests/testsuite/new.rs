//! `swapguide new`: a guide to start from, never overwriting anything.

use std::fs;

use crate::support::{stderr, stdout, swapguide};

#[test]
fn new_guide_is_valid_and_says_what_next() {
    let dir = tempfile::tempdir().unwrap();
    let out = swapguide(dir.path(), &["new", "guides/router-swap"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("swapguide check guides/router-swap"));
    let guide = dir.path().join("guides/router-swap/guide.toml");
    assert!(fs::read_to_string(&guide).unwrap().contains("[[steps]]"));

    let check = swapguide(dir.path(), &["check", "guides/router-swap"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn new_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = swapguide(dir.path(), &["new", "modem-swap"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("modem-swap/guide.toml").is_file());
    // No staging folder is left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("modem-swap")]);
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("router-swap");
    fs::create_dir(&existing).unwrap();
    fs::write(existing.join("guide.toml"), "mine").unwrap();
    let out = swapguide(dir.path(), &["new", "router-swap"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(existing.join("guide.toml")).unwrap(),
        "mine"
    );

    // An empty folder is not replaced either.
    fs::create_dir(dir.path().join("empty")).unwrap();
    let out = swapguide(dir.path(), &["new", "empty"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_refuses_a_bad_id() {
    let dir = tempfile::tempdir().unwrap();
    let out = swapguide(dir.path(), &["new", "Router Swap"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be a guide id"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// What an installed binary tells about itself, with no repository at
/// hand: completions, a man page, the format reference, and a starter
/// guide that points to that reference.
#[test]
fn an_installed_binary_documents_itself() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = swapguide(dir.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            stdout(&out).contains("swapguide") && stdout(&out).contains("build"),
            "{shell}"
        );
    }
    let man = swapguide(dir.path(), &["man"]);
    assert!(stdout(&man).contains(".TH swapguide 1"), "{}", stdout(&man));
    let format = swapguide(dir.path(), &["docs", "format"]);
    assert!(stdout(&format).starts_with("# The guide format"));
    assert!(stdout(&format).contains("## Languages and fixed words"));
    let limits = swapguide(dir.path(), &["docs", "hardening"]);
    assert!(stdout(&limits).contains("## Limits"));
    let new = swapguide(dir.path(), &["new", "router-swap"]);
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    let toml = fs::read_to_string(dir.path().join("router-swap/guide.toml")).unwrap();
    assert!(
        toml.lines()
            .next()
            .unwrap()
            .contains("`swapguide docs format`")
    );
}
