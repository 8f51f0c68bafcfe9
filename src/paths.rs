//! Paths inside a guide (or a campaign's CSV folder) that must stay inside.
//!
//! A guide is mailed to customers and built on shared machines: a path
//! must not read files the author did not put in the folder, whether by
//! an absolute path, `..`, or a symbolic link that points elsewhere.

use std::path::{Component, Path, PathBuf};

/// Why a path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The path is empty.
    Empty,
    /// `/x`, `C:\x` or `\\server\x`.
    Absolute,
    /// `..` climbs above the folder.
    Escapes,
    /// Nothing is there.
    Missing,
    /// It exists but is a folder or something else that is not a file.
    NotAFile,
    /// A symbolic link on the way leads outside the folder.
    LinkLeaves,
}

impl PathError {
    /// What is wrong and how to fix it, for a path written as `written`.
    pub fn explain(&self, written: &str) -> (String, String) {
        let (what, fix) = match self {
            PathError::Empty => ("is empty", "write a path such as img/photo.jpg"),
            PathError::Absolute => (
                "is an absolute path",
                "write the path relative to the folder, like img/photo.jpg, and keep the file inside it",
            ),
            PathError::Escapes => (
                "leaves the folder with `..`",
                "copy the file into the folder and write a path relative to it",
            ),
            PathError::Missing => (
                "does not exist",
                "check the spelling and the folder (paths are relative to the folder holding the file)",
            ),
            PathError::NotAFile => ("is not a file", "point at an image file, not a folder"),
            PathError::LinkLeaves => (
                "is a link to a file outside the folder",
                "copy the file into the folder instead of linking to it",
            ),
        };
        (format!("`{written}` {what}"), fix.to_string())
    }
}

/// Resolves `written` inside `root`, refusing anything that leaves it.
pub fn confine(root: &Path, written: &str) -> Result<PathBuf, PathError> {
    let lexical = lexically_inside(written)?;
    let path = root.join(&lexical);
    let meta = std::fs::metadata(&path).map_err(|_| PathError::Missing)?;
    if !meta.is_file() {
        return Err(PathError::NotAFile);
    }
    let real_root = std::fs::canonicalize(root).map_err(|_| PathError::Missing)?;
    let real = std::fs::canonicalize(&path).map_err(|_| PathError::Missing)?;
    if !real.starts_with(&real_root) {
        return Err(PathError::LinkLeaves);
    }
    Ok(path)
}

/// Checks the written path without touching the disk and returns it
/// normalised (`img/./a/../b.png` → `img/b.png`).
pub fn lexically_inside(written: &str) -> Result<PathBuf, PathError> {
    if written.trim().is_empty() {
        return Err(PathError::Empty);
    }
    // Windows drive letters and UNC paths are absolute wherever we run.
    let bytes = written.as_bytes();
    if written.starts_with('\\') || (bytes.len() > 1 && bytes[1] == b':') {
        return Err(PathError::Absolute);
    }
    let mut out = PathBuf::new();
    for part in Path::new(written).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return Err(PathError::Escapes);
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(PathError::Absolute),
        }
    }
    if out.as_os_str().is_empty() {
        return Err(PathError::Empty);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_rules() {
        assert_eq!(
            lexically_inside("img/a.png"),
            Ok(PathBuf::from("img/a.png"))
        );
        assert_eq!(
            lexically_inside("./img/../b.png"),
            Ok(PathBuf::from("b.png"))
        );
        assert_eq!(lexically_inside("../secret.png"), Err(PathError::Escapes));
        assert_eq!(lexically_inside("img/../../x.png"), Err(PathError::Escapes));
        assert_eq!(lexically_inside("/etc/passwd"), Err(PathError::Absolute));
        assert_eq!(lexically_inside("C:\\x.png"), Err(PathError::Absolute));
        assert_eq!(lexically_inside(""), Err(PathError::Empty));
        assert_eq!(lexically_inside("."), Err(PathError::Empty));
    }

    #[test]
    fn links_that_leave_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.png"), b"x").unwrap();
        std::fs::write(root.path().join("in.png"), b"x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.png"), root.path().join("link.png"))
            .unwrap();
        std::os::unix::fs::symlink(root.path().join("in.png"), root.path().join("ok.png")).unwrap();
        assert_eq!(confine(root.path(), "link.png"), Err(PathError::LinkLeaves));
        assert!(confine(root.path(), "ok.png").is_ok());
        assert_eq!(confine(root.path(), "nope.png"), Err(PathError::Missing));
        std::fs::create_dir(root.path().join("dir")).unwrap();
        assert_eq!(confine(root.path(), "dir"), Err(PathError::NotAFile));
    }
}
