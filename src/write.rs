//! Write: files appear whole or not at all.
//!
//! Each file is written to a temporary name in its destination folder and
//! renamed over the final name, so a reader (or a crash, a full disk, a
//! Ctrl-C) never sees half a file, and a failed write leaves the previous
//! file in place.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    stage(path, bytes)?.commit()
}

/// A file written under a temporary name in its destination folder, not
/// yet flushed to disk nor in place. Dropped uncommitted, it is removed.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    flushed: bool,
}

/// The first half of [`write_atomic`]: writes `bytes` beside `path` under
/// a temporary name. A campaign stages a batch of files while building and
/// commits them on another thread, so no core waits on the disk.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| write_error(path, &e);
    let mut tmp = temporary_in(dir).map_err(fail)?;
    // Dropping `tmp` on an error removes the temporary file.
    tmp.as_file_mut().write_all(bytes).map_err(fail)?;
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
        flushed: false,
    })
}

impl Staged {
    /// Where the file goes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the file to disk, still under its temporary name: a build
    /// does this on the thread that rendered the file, while the checks
    /// finish, so only the rename waits for them.
    pub fn flush(&mut self) -> Result<(), String> {
        if !self.flushed {
            self.tmp
                .as_file()
                .sync_data()
                .map_err(|e| write_error(&self.path, &e))?;
            self.flushed = true;
        }
        Ok(())
    }

    /// Flushes the file to disk (if not yet), then renames it over its
    /// final name: a crash never leaves a half-written file under that
    /// name.
    pub fn commit(mut self) -> Result<(), String> {
        self.flush()?;
        let Staged { tmp, path, .. } = self;
        tmp.persist(&path)
            .map_err(|e| write_error(&path, &e.error))?;
        Ok(())
    }
}

/// What went wrong writing `path`, and what to do; the file that was there
/// before is untouched.
pub fn write_error(path: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // The OS's own words, without the temporary file's name that tempfile
    // appends to them (" at path …").
    let what = match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => {
            let text = e.to_string();
            text.split(" at path ")
                .next()
                .unwrap_or_default()
                .to_string()
        }
    };
    let fix = match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            "free some space on that disk, or choose another --out folder"
        }
        ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
            "choose an output folder you can write to with --out"
        }
        _ => "check the output folder, then build again",
    };
    format!(
        "cannot write {}: {what}; {fix} (any earlier copy of the file is unchanged)",
        path.display()
    )
}

/// Removes `path`; a file already gone is no error.
pub fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// A temporary file in `dir`, to be renamed over its final name, created
/// as an ordinary file would be: 0666 less the umask (a temporary file is
/// otherwise private to its owner).
pub fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".swapguide-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("no/such/a.pdf"), b"x").unwrap_err();
        assert!(err.contains("cannot write"), "{err}");
        assert!(!err.contains(".swapguide-"), "{err}");
    }
}

/// What a build reads, for judging its output folder: the guide folders,
/// and the folders whose files it reads directly (a campaign's CSV folder,
/// the templates).
#[derive(Debug, Default)]
pub struct Inputs {
    guides: Vec<PathBuf>,
    folders: Vec<(PathBuf, &'static str)>,
}

impl Inputs {
    /// The guide folders of a build.
    pub fn guides(guides: &[PathBuf]) -> Inputs {
        Inputs {
            guides: guides.to_vec(),
            folders: Vec::new(),
        }
    }

    /// A folder whose files the build reads: `what` names it for the user.
    pub fn add_folder(&mut self, folder: &Path, what: &'static str) {
        self.folders.push((folder.to_path_buf(), what));
    }

    /// What a file written in `folder` could replace: a guide's files
    /// when `folder` is in a guide, an input folder's when it is in one
    /// (labels may sit in folders below the CSV's).
    pub fn reads_from(&self, folder: &Path) -> Option<&'static str> {
        let real = std::fs::canonicalize(folder).ok()?;
        if self
            .guides
            .iter()
            .filter_map(|g| std::fs::canonicalize(g).ok())
            .any(|g| real.starts_with(g))
        {
            return Some("a guide");
        }
        self.folders
            .iter()
            .find(|(f, _)| std::fs::canonicalize(f).is_ok_and(|f| real.starts_with(f)))
            .map(|(_, what)| *what)
    }
}

/// The output folder, created and judged against what the build reads.
#[derive(Debug)]
pub struct OutFolder {
    /// Its path made absolute, links resolved.
    real: PathBuf,
}

impl OutFolder {
    /// Creates `out`, refusing it if a build would write over what it
    /// reads: every output is written directly in `out`, so `out` may not
    /// be a folder whose files are inputs (the customer CSV's, whose labels
    /// live there; the templates'), nor be or lie inside a guide.
    pub fn prepare(out: &Path, inputs: &Inputs) -> Result<OutFolder, String> {
        let real = absolute(out)?;
        for g in &inputs.guides {
            if let Ok(g_real) = std::fs::canonicalize(g)
                && real.starts_with(&g_real)
            {
                return Err(format!(
                    "the output folder `{}` is inside the guide `{}`; choose a folder outside it, such as dist/",
                    out.display(),
                    g.display()
                ));
            }
        }
        for (folder, what) in &inputs.folders {
            if std::fs::canonicalize(folder).is_ok_and(|f| f == real) {
                return Err(format!(
                    "the output folder `{}` is the folder of {what}, whose files the build would overwrite; choose another folder, such as dist/",
                    out.display()
                ));
            }
        }
        std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
        Ok(OutFolder { real })
    }

    /// True if `file` lies directly in the output folder, where an output
    /// could replace it.
    pub fn holds(&self, file: &Path) -> bool {
        std::fs::canonicalize(file)
            .ok()
            .and_then(|f| f.parent().map(|p| p == self.real))
            .unwrap_or(false)
    }
}

/// `path` made absolute with links resolved, judged before it exists: the
/// part that exists, resolved, with the rest appended.
fn absolute(path: &Path) -> Result<PathBuf, String> {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => break,
        }
    }
    let mut real =
        std::fs::canonicalize(&existing).map_err(|e| format!("`{}`: {e}", path.display()))?;
    real.extend(rest.iter().rev());
    Ok(real)
}
