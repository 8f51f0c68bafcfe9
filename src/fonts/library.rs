//! The font files one build reads: each guide's `[fonts] files` (inside
//! its folder, like every path) and the folders of `--font-path`, turned
//! into the [`Shelf`] a guide's text is set with, in each language.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::added::{Shelf, face_count, face_for_language, keep_file, load};
use crate::memo::Memo;
use crate::model::Text;
use crate::paths::Folder;

/// A guide folder, its listed font files, and a language.
type ShelfKey = (PathBuf, Vec<String>, String);

/// What is wrong with a font a guide or `--font-path` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontProblem {
    /// Which entry of the guide's `[fonts] files` (by position), or
    /// `None` for a file or folder of `--font-path`.
    pub entry: Option<usize>,
    /// What is wrong, naming the file.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// The largest font file read (a CJK collection is about 20 MB).
const MAX_FONT_BYTES: u64 = 128 * 1024 * 1024;

/// File names `--font-path` reads in a folder.
fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
}

/// The fonts a build may add: `--font-path`'s folders, and the shelves
/// made so far (a campaign asks for the same one for every row).
pub struct Library {
    /// `--font-path` folders, in the order given.
    path: Vec<PathBuf>,
    /// Font files read, by where they are: read once per build.
    files: Memo<PathBuf, Result<&'static [u8], String>>,
    /// Shelves made, by guide folder, listed files and language.
    shelves: Memo<ShelfKey, (Shelf, Vec<FontProblem>)>,
}

impl Default for Library {
    fn default() -> Library {
        Library::new(Vec::new())
    }
}

impl Library {
    /// A library adding the fonts in `path`'s folders to every guide's.
    pub fn new(path: Vec<PathBuf>) -> Library {
        Library {
            path,
            files: Memo::new(64),
            shelves: Memo::new(64),
        }
    }

    /// The fonts of `--font-path`, in order: its folders' font files,
    /// by name, not looking below them.
    fn path_files(&self) -> (Vec<PathBuf>, Vec<FontProblem>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for dir in &self.path {
            match std::fs::read_dir(dir) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_file() && is_font_file(p))
                        .collect();
                    found.sort();
                    files.extend(found);
                }
                Err(e) => problems.push(FontProblem {
                    entry: None,
                    message: format!("--font-path {} cannot be read: {e}", dir.display()),
                    help: "give a folder that holds .ttf, .otf or .ttc files".into(),
                }),
            }
        }
        (files, problems)
    }

    /// Opens and maps a font file once per build.
    fn read(
        &self,
        path: PathBuf,
        open: impl FnOnce() -> Result<std::fs::File, String>,
    ) -> Result<&'static [u8], String> {
        self.files
            .get_or(path, || keep_file(open()?, MAX_FONT_BYTES))
    }

    /// The shelf of a guide in `language`: the faces of its `[fonts]
    /// files` (read inside `folder`), then `--font-path`'s, with what is
    /// wrong with any of them. A collection gives the face made for the
    /// language; every font that loads is on the shelf, whatever fails.
    pub fn shelf(
        &self,
        folder: &Arc<Folder>,
        files: &[Text],
        language: &str,
    ) -> (Shelf, Vec<FontProblem>) {
        let listed: Vec<String> = files.iter().map(|f| f.get_ref().clone()).collect();
        if listed.is_empty() && self.path.is_empty() {
            return (Shelf::NONE, Vec::new());
        }
        let key = (folder.path().to_path_buf(), listed, language.to_string());
        self.shelves
            .get_or(key, || self.make_shelf(folder, files, language))
    }

    fn make_shelf(
        &self,
        folder: &Arc<Folder>,
        files: &[Text],
        language: &str,
    ) -> (Shelf, Vec<FontProblem>) {
        let mut fonts = Vec::new();
        let mut problems = Vec::new();
        let face = |entry: Option<usize>, shown: String, bytes: Result<&'static [u8], String>| {
            bytes
                .and_then(|bytes| {
                    let count = face_count(bytes)?;
                    load(bytes, face_for_language(bytes, count, language))
                })
                .map_err(|why| FontProblem {
                    entry,
                    message: format!("the font `{shown}` {why}"),
                    help: "name a font file: OpenType (.otf), TrueType (.ttf) or a collection (.ttc), such as Noto Sans CJK".into(),
                })
        };
        for (i, file) in files.iter().enumerate() {
            let written = file.get_ref();
            let bytes = match folder.confine(written) {
                Ok(confined) => self.read(confined.path(), || {
                    confined.open().map_err(|e| e.to_string())
                }),
                Err(e) => {
                    let (what, fix) = e.explain(written);
                    problems.push(FontProblem {
                        entry: Some(i),
                        message: format!("the font {what}"),
                        help: fix,
                    });
                    continue;
                }
            };
            match face(Some(i), written.clone(), bytes) {
                Ok(font) => fonts.push(font),
                Err(p) => problems.push(p),
            }
        }
        let (path_files, mut path_problems) = self.path_files();
        problems.append(&mut path_problems);
        for path in path_files {
            let shown = path.display().to_string();
            let bytes = self.read(path.clone(), || {
                std::fs::File::open(&path).map_err(|e| format!("cannot be read: {e}"))
            });
            match face(None, shown, bytes) {
                Ok(font) => fonts.push(font),
                Err(p) => problems.push(p),
            }
        }
        (Shelf::of(&fonts), problems)
    }
}
