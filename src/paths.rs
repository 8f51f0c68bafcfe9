//! Paths inside a guide (or a campaign's CSV folder) that must stay inside.
//!
//! A guide is mailed to customers and built on shared machines: a path
//! must not read files the author did not put in the folder, whether by
//! an absolute path, `..`, or a symbolic link that points elsewhere.
//!
//! Every reader of a picture or label goes through a [`Confined`] file,
//! which only [`Folder::confine`] makes. A [`Folder`] is held open, and
//! each path is resolved beneath that handle (cap-std: `openat2` with
//! `RESOLVE_BENEATH` where the kernel has it): nothing outside the folder
//! is opened or even looked at, and a link swapped in after the check is
//! refused when the file is read, not followed.

use std::fmt;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use cap_std::fs::{Dir, OpenOptions};

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

/// A folder whose files a guide or campaign may read, held open.
pub struct Folder {
    dir: Dir,
    path: PathBuf,
}

impl fmt::Debug for Folder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Folder").field(&self.path).finish()
    }
}

impl Folder {
    /// Opens the folder at `path` (as the user named it: a guide folder or
    /// the folder of a customer CSV).
    pub fn open(path: &Path) -> Result<Arc<Folder>, String> {
        let dir = Dir::open_ambient_dir(path, cap_std::ambient_authority())
            .map_err(|e| format!("cannot open the folder `{}`: {e}", path.display()))?;
        Ok(Arc::new(Folder {
            dir,
            path: path.to_path_buf(),
        }))
    }

    /// The folder as the user named it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// For a path that does not exist: the file in the same folder whose
    /// name is closest (`img/modem-new.jpg` → `img/modem-new.png`), if any
    /// is close.
    pub fn nearest_file(&self, written: &str) -> Option<String> {
        let relative = lexically_inside(written).ok()?;
        let name = relative.file_name()?.to_str()?;
        let parent = relative.parent().filter(|p| !p.as_os_str().is_empty());
        let entries = match parent {
            Some(p) => self.dir.read_dir(p).ok()?,
            None => self.dir.entries().ok()?,
        };
        let names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            // Only pictures: `modem.txt` is never the file meant.
            .filter(|n| crate::assets::ImageKind::from_path(Path::new(n)).is_some())
            .take(10_000)
            .collect();
        let stem = |n: &str| {
            n.rsplit_once('.')
                .map_or(n, |(s, _)| s)
                .to_ascii_lowercase()
        };
        let known: Vec<&str> = names.iter().map(String::as_str).collect();
        let found = names
            .iter()
            .find(|n| stem(n) == stem(name))
            .map(String::as_str)
            .or_else(|| crate::load::nearest(name, &known))?;
        Some(match parent {
            Some(p) => format!("{}/{found}", p.display()),
            None => found.to_string(),
        })
    }

    /// The regular file `written` names inside this folder, refusing
    /// anything that leaves it. The written path is judged first without
    /// touching the disk; then it is looked up beneath the folder's handle.
    pub fn confine(self: &Arc<Folder>, written: &str) -> Result<Confined, PathError> {
        let relative = lexically_inside(written)?;
        let meta = self.dir.metadata(&relative).map_err(|e| looked_up(&e))?;
        if !meta.is_file() {
            return Err(PathError::NotAFile);
        }
        Ok(Confined {
            folder: Arc::clone(self),
            relative,
        })
    }
}

/// What a failed lookup beneath a folder means. cap-std reports a path
/// that would leave the folder (an outward link, an absolute link target)
/// as permission denied: the lookup stopped before reaching outside.
fn looked_up(e: &std::io::Error) -> PathError {
    match e.kind() {
        std::io::ErrorKind::NotFound => PathError::Missing,
        std::io::ErrorKind::PermissionDenied => PathError::LinkLeaves,
        _ if e.raw_os_error() == Some(libc::ELOOP) => PathError::LinkLeaves,
        _ => PathError::Missing,
    }
}

/// A regular file inside a [`Folder`], proved so by [`Folder::confine`]
/// (the only way to make one). Read it with [`Confined::read`].
#[derive(Clone)]
pub struct Confined {
    folder: Arc<Folder>,
    relative: PathBuf,
}

impl fmt::Debug for Confined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Confined({})", self.path().display())
    }
}

impl PartialEq for Confined {
    fn eq(&self, other: &Confined) -> bool {
        self.path() == other.path()
    }
}

impl Confined {
    /// The file's path as the user would write it from where they ran the
    /// command, for messages and as a key: the folder joined with the
    /// written path.
    pub fn path(&self) -> PathBuf {
        self.folder.path.join(&self.relative)
    }

    /// The path inside the folder.
    pub fn relative(&self) -> &Path {
        &self.relative
    }

    /// Its size in bytes now (0 if it cannot be looked at any more).
    pub fn size(&self) -> u64 {
        self.folder
            .dir
            .metadata(&self.relative)
            .map_or(0, |m| m.len())
    }

    /// Reads the whole file, at most `max` bytes. The file is opened once,
    /// beneath the folder's handle, and read from that handle: a link
    /// swapped in since the check cannot lead outside, and a pipe or
    /// device swapped in is refused, not waited on.
    pub fn read(&self, max: u64) -> Result<Vec<u8>, ReadError> {
        let file = self.open()?;
        let meta = file.metadata().map_err(|e| ReadError::Io(e.to_string()))?;
        if meta.len() > max {
            return Err(ReadError::TooLarge {
                bytes: meta.len(),
                max,
            });
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Io(e.to_string()))?;
        if bytes.len() as u64 > max {
            return Err(ReadError::TooLarge {
                bytes: bytes.len() as u64,
                max,
            });
        }
        Ok(bytes)
    }

    /// Opens the file, beneath the folder's handle, as [`Confined::read`]
    /// does: a regular file, never a link leading outside, a pipe or a
    /// device.
    pub fn open(&self) -> Result<std::fs::File, ReadError> {
        use cap_std::fs::OpenOptionsExt;
        let mut options = OpenOptions::new();
        options
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
        let file = self
            .folder
            .dir
            .open_with(&self.relative, &options)
            .map_err(|e| match looked_up(&e) {
                PathError::LinkLeaves => ReadError::Path(PathError::LinkLeaves),
                _ if e.kind() == std::io::ErrorKind::NotFound => {
                    ReadError::Path(PathError::Missing)
                }
                _ => ReadError::Io(e.to_string()),
            })?;
        let meta = file.metadata().map_err(|e| ReadError::Io(e.to_string()))?;
        if !meta.is_file() {
            return Err(ReadError::Path(PathError::NotAFile));
        }
        Ok(file.into_std())
    }
}

/// Why a confined file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// It is no longer where the check found it, or no longer a file, or
    /// a link now leads outside.
    Path(PathError),
    /// Larger than the limit.
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// The system refused: the reason as it gives it.
    Io(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Path(PathError::LinkLeaves) => {
                write!(f, "is now a link to a file outside the folder")
            }
            ReadError::Path(PathError::NotAFile) => write!(f, "is not a regular file"),
            ReadError::Path(_) => write!(f, "is no longer there"),
            ReadError::TooLarge { bytes, max } => write!(
                f,
                "is {bytes} bytes; images and labels may be at most {} MB ({max} bytes)",
                max / (1024 * 1024)
            ),
            ReadError::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
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
        std::os::unix::fs::symlink("../in.png", root.path().join("up.png")).unwrap();
        std::os::unix::fs::symlink("in.png", root.path().join("ok.png")).unwrap();
        let folder = Folder::open(root.path()).unwrap();
        assert_eq!(
            folder.confine("link.png").err(),
            Some(PathError::LinkLeaves)
        );
        assert_eq!(folder.confine("up.png").err(), Some(PathError::LinkLeaves));
        assert_eq!(
            folder.confine("ok.png").unwrap().read(10),
            Ok(b"x".to_vec())
        );
        assert_eq!(folder.confine("nope.png").err(), Some(PathError::Missing));
        std::fs::create_dir(root.path().join("dir")).unwrap();
        assert_eq!(folder.confine("dir").err(), Some(PathError::NotAFile));
    }

    /// Nothing outside the folder is opened: a pipe outside, reached by a
    /// link, would hang the read if it were.
    #[test]
    fn a_link_to_a_pipe_outside_is_refused_without_opening_it() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let fifo = outside.path().join("pipe.png");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        std::os::unix::fs::symlink(&fifo, root.path().join("pipe.png")).unwrap();
        let folder = Folder::open(root.path()).unwrap();
        assert_eq!(
            folder.confine("pipe.png").err(),
            Some(PathError::LinkLeaves)
        );
    }

    /// The label swap race: a file confined, then replaced by a link to a
    /// file outside before it is read, is refused at the read.
    #[test]
    fn a_link_swapped_in_after_the_check_is_not_followed() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.pdf"), b"secret").unwrap();
        std::fs::write(root.path().join("label.pdf"), b"label").unwrap();
        let folder = Folder::open(root.path()).unwrap();
        let label = folder.confine("label.pdf").unwrap();
        std::fs::remove_file(root.path().join("label.pdf")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.pdf"),
            root.path().join("label.pdf"),
        )
        .unwrap();
        assert_eq!(label.read(100), Err(ReadError::Path(PathError::LinkLeaves)));
        // A pipe swapped in is refused, not waited on.
        std::fs::remove_file(root.path().join("label.pdf")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(root.path().join("label.pdf"))
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(label.read(100), Err(ReadError::Path(PathError::NotAFile)));
    }
}
