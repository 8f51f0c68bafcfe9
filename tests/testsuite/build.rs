//! `swapguide build` as a whole: file names, ids, languages.

use std::fs;

use crate::support::{copy_dir, root, stderr, swapguide};

#[test]
fn a_translation_without_language_takes_it_from_its_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("home-wifi");
    copy_dir(&root().join("tests/fixtures/build/home-wifi"), &guide);
    let es = fs::read_to_string(guide.join("guide.es.toml"))
        .unwrap()
        .replace("language = \"es\"", "");
    fs::write(guide.join("guide.es.toml"), es).unwrap();
    let out = dir.path().join("out");
    let run = swapguide(
        dir.path(),
        &["build", "home-wifi", "--out", "out", "--format", "html"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let en = fs::read_to_string(out.join("home-wifi.en.html")).unwrap();
    let es = fs::read_to_string(out.join("home-wifi.es.html")).unwrap();
    assert!(en.contains("<html lang=\"en\"") && en.contains("Set up your new gateway"));
    assert!(es.contains("<html lang=\"es\"") && es.contains("Instale su nuevo módem"));
}

#[test]
fn two_guides_with_one_id_are_not_both_built() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("tests/fixtures/build/home-wifi");
    copy_dir(&fixture, &dir.path().join("guides/a/home-wifi"));
    copy_dir(&fixture, &dir.path().join("guides/b/home-wifi"));
    let run = swapguide(
        dir.path(),
        &["build", "guides", "--out", "out", "--format", "pdf"],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("both have the id `home-wifi`"),
        "{}",
        stderr(&run)
    );
    // The first one found is built; the second is not.
    assert!(dir.path().join("out/home-wifi.en.pdf").is_file());
}

#[test]
fn a_missing_templates_folder_is_an_error() {
    let out = tempfile::tempdir().unwrap();
    let run = swapguide(
        &root(),
        &[
            "build",
            "tests/fixtures/build/home-wifi",
            "--out",
            out.path().to_str().unwrap(),
            "--templates",
            "no/such/folder",
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("no such folder"), "{}", stderr(&run));
}
