//! `swapguide new`: a small, valid, commented guide to start from.
//!
//! The files are embedded in the binary, written into a hidden temporary
//! folder beside the target and renamed into place, so a guide appears
//! whole or not at all, and an existing folder is never touched.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::validate::is_id;

/// The files of a new guide, relative to its folder.
const FILES: &[(&str, &str)] = &[
    ("guide.toml", include_str!("../templates/new/guide.toml")),
    (
        "img/new-gateway.svg",
        include_str!("../templates/new/img/new-gateway.svg"),
    ),
];

/// Why a guide could not be created.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The last part of the path is not a valid guide id.
    BadId(String),
    /// Something already has that name.
    Exists(PathBuf),
    /// The file system refused.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::BadId(id) => write!(
                f,
                "`{id}` cannot be a guide id: use lowercase letters, digits and -, like router-swap"
            ),
            ScaffoldError::Exists(p) => write!(
                f,
                "{} already exists; nothing was written (pick another id, or remove it yourself)",
                p.display()
            ),
            ScaffoldError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for ScaffoldError {}

/// Creates the guide folder `path` (its last component is the id).
pub fn create(path: &Path) -> Result<PathBuf, ScaffoldError> {
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_id(&id) {
        return Err(ScaffoldError::BadId(id));
    }
    if fs::symlink_metadata(path).is_ok() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| ScaffoldError::Io(parent.clone(), e))?;
    let staging = parent.join(format!(".{id}.swapguide-new-{}", std::process::id()));
    let result = write_files(&staging).and_then(|()| {
        // rename() would replace an empty folder created meanwhile; check again.
        if fs::symlink_metadata(path).is_ok() {
            return Err(ScaffoldError::Exists(path.to_path_buf()));
        }
        fs::rename(&staging, path).map_err(|e| ScaffoldError::Io(path.to_path_buf(), e))
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| path.to_path_buf())
}

fn write_files(staging: &Path) -> Result<(), ScaffoldError> {
    for (name, text) in FILES {
        let target = staging.join(name);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;
        }
        fs::write(&target, text).map_err(|e| ScaffoldError::Io(target.clone(), e))?;
    }
    Ok(())
}
