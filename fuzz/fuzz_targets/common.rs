//! What the fuzz targets share: a scratch folder per process, and guides
//! and labels copied from the repository into it.
#![allow(dead_code)] // each target uses only some of these

use std::fs;
use std::path::{Path, PathBuf};

use swapguide::build::{BuildOptions, Format};
use swapguide::resolve::Overrides;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh scratch folder `name` for this process (emptied first).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("swapguide-fuzz-{}", std::process::id()))
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Copies a folder, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Build options writing both formats to `out`.
pub fn options(out: &Path) -> BuildOptions {
    BuildOptions {
        out: out.to_path_buf(),
        formats: vec![Format::Pdf, Format::Html],
        overrides: Overrides::default(),
        date: None,
        templates: None,
    }
}

/// `text` as a TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
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

/// Every file of an output folder that a build must never leave behind:
/// temporary files.
pub fn assert_no_temporary_files(out: &Path) {
    for entry in fs::read_dir(out).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".pdf") || name.ends_with(".html") || name == "report.csv",
            "left behind: {name}"
        );
    }
}
