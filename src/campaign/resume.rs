//! `--resume`: a rerun builds only the rows not already built from the
//! same inputs.
//!
//! Each `ok` line of `report.csv` carries `input`, a fingerprint of all
//! its files were made from: this swapguide, the build's options, every
//! file of the guide's folder (and of `--templates` and `--font-path`),
//! the CSV's header, the row's values and the bytes of the row's label.
//! A resumed run keeps a row's files when its earlier line is `ok` with the
//! same fingerprint and the files are still there; every other row is
//! built again. Nothing is trusted by date: a label copied over another
//! with its old date still changes the fingerprint.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::report::{HEADER, as_written};
use crate::build::BuildOptions;
use crate::fingerprint::Fingerprint;

/// The rows an earlier run built, by id as its report writes it.
#[derive(Default)]
pub struct Earlier(HashMap<String, Kept>);

/// An `ok` row of the earlier report.
struct Kept {
    input: String,
    files: Vec<String>,
}

impl Earlier {
    /// The `ok` rows of `out/report.csv`; none when there is no report yet.
    /// A report of another swapguide version (other columns) keeps no row.
    pub fn read(out: &Path) -> Result<Earlier, String> {
        let path = out.join("report.csv");
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Earlier::default()),
            Err(e) => return Err(format!("--resume: cannot read {}: {e}", path.display())),
        };
        let fail = |e: csv::Error| {
            format!(
                "--resume: {} cannot be read ({e}); remove it, or build without --resume",
                path.display()
            )
        };
        let mut reader = csv::Reader::from_reader(file);
        if reader.headers().map_err(fail)?.iter().ne(HEADER) {
            return Ok(Earlier::default());
        }
        let column = |name: &str| HEADER.iter().position(|h| *h == name).unwrap_or(0);
        let (id, status, files, input) = (
            column("id"),
            column("status"),
            column("files"),
            column("input"),
        );
        let mut kept = HashMap::new();
        for record in reader.records() {
            let record = record.map_err(fail)?;
            let field = |i: usize| record.get(i).unwrap_or("");
            if field(status) != "ok" || field(input).is_empty() {
                continue;
            }
            kept.insert(
                field(id).to_string(),
                Kept {
                    input: field(input).to_string(),
                    files: field(files)
                        .split(';')
                        .filter(|f| !f.is_empty())
                        .map(str::to_string)
                        .collect(),
                },
            );
        }
        Ok(Earlier(kept))
    }

    /// True if the row `id`, made from `input`, was built into exactly
    /// `files` by the earlier run and they are all still in `out`.
    pub fn keeps(&self, id: &str, input: &str, files: &[String], out: &Path) -> bool {
        self.0.get(&as_written(id)).is_some_and(|kept| {
            kept.input == input
                && kept.files == files
                && files.iter().all(|f| {
                    std::fs::symlink_metadata(out.join(f)).is_ok_and(|m| m.is_file() && m.len() > 0)
                })
        })
    }
}

/// The fingerprint of what every row of the campaign shares: this
/// swapguide, the options that shape a file, and every file of the guide
/// folder and of the folders of templates and fonts.
pub fn campaign_input(
    guide: &Path,
    options: &BuildOptions,
    fallback_language: Option<&str>,
) -> Result<Fingerprint, String> {
    let mut print = Fingerprint::default();
    print.add(concat!("swapguide ", env!("CARGO_PKG_VERSION")).as_bytes());
    let shape = format!(
        "{:?} {:?} {:?} {:?}",
        options.formats, options.overrides, options.date, fallback_language
    );
    print.add(shape.as_bytes());
    let folders = std::iter::once(guide)
        .chain(options.templates.as_deref())
        .chain(options.font_path.iter().map(|p| p.as_path()));
    for folder in folders {
        add_folder(&mut print, folder, folder)
            .map_err(|e| format!("--resume: cannot read {}: {e}", folder.display()))?;
    }
    Ok(print)
}

/// Adds every file below `dir`, in name order, with its path from `root`.
fn add_folder(print: &mut Fingerprint, root: &Path, dir: &Path) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    let mut buffer = vec![0; 1 << 16];
    for entry in entries {
        let path = entry.path();
        let meta = std::fs::metadata(&path)?;
        let name = path.strip_prefix(root).unwrap_or(&path);
        print.add(name.as_os_str().as_encoded_bytes());
        if meta.is_dir() {
            add_folder(print, root, &path)?;
        } else if meta.is_file() {
            let mut file = std::fs::File::open(&path)?;
            loop {
                let n = file.read(&mut buffer)?;
                if n == 0 {
                    break;
                }
                print.add(&buffer[..n]);
            }
        }
    }
    Ok(())
}

/// A row's fingerprint: the campaign's, the CSV's header, the row's values
/// and its label's bytes (`None` when it names no label).
pub fn row_input(
    campaign: &Fingerprint,
    headers: &[String],
    record: &csv::ByteRecord,
    label: Option<&[u8]>,
) -> String {
    let mut print = campaign.clone();
    for header in headers {
        print.add(header.as_bytes());
    }
    print.add(b"values");
    for value in record {
        print.add(value);
    }
    match label {
        Some(bytes) => {
            print.add(b"label");
            print.add(bytes);
        }
        None => print.add(b"no label"),
    }
    print.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_changes_its_input_with_any_value_or_its_label() {
        let campaign = Fingerprint::default();
        let headers = vec!["id".to_string(), "name".to_string()];
        let row = |values: &[&str]| csv::ByteRecord::from(values.to_vec());
        let base = row_input(&campaign, &headers, &row(&["A", "Zoë"]), Some(b"label"));
        assert_eq!(
            base,
            row_input(&campaign, &headers, &row(&["A", "Zoë"]), Some(b"label"))
        );
        for other in [
            row_input(&campaign, &headers, &row(&["A", "Zoe"]), Some(b"label")),
            row_input(&campaign, &headers, &row(&["A", "Zoë"]), Some(b"labe1")),
            row_input(&campaign, &headers, &row(&["A", "Zoë"]), None),
            row_input(&campaign, &headers, &row(&["AZ", "oë"]), Some(b"label")),
        ] {
            assert_ne!(base, other);
        }
    }
}
