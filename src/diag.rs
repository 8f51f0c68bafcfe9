//! Diagnostics as data: what is wrong, where, and how to fix it.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of stopping, so
//! `swapguide check` can show them all in one run. Positions are byte
//! ranges into a file registered in [`Sources`]; printing turns them into
//! `path:line:col` with a source snippet (codespan-reporting).

use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

/// Index of a file registered in [`Sources`].
pub type FileId = usize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth fixing, but the guide still builds.
    Warning,
    /// The guide cannot be built until this is fixed.
    Error,
}

/// Where a diagnostic points: a byte range in a registered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file the range belongs to.
    pub file: FileId,
    /// Byte range into the whole file.
    pub span: Range<usize>,
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is; `None` for problems with no position (an unreadable file).
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A short note printed under the snippet, next to the marked text.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// A problem of the PDF alone (text its fonts cannot print): a build
    /// that writes no PDF reports it as a warning and goes on.
    pub only_pdf: bool,
}

impl Diagnostic {
    /// An error at `span` of `file`.
    pub fn error(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Some(Location { file, span }), message)
    }

    /// A warning at `span` of `file`.
    pub fn warning(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Some(Location { file, span }), message)
    }

    /// A warning that has no position, such as a file no page uses.
    pub fn warning_without_location(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, None, message)
    }

    /// An error that has no position, such as a folder that cannot be read.
    pub fn error_without_location(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, None, message)
    }

    fn new(severity: Severity, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location,
            message: message.into(),
            label: String::new(),
            help: None,
            only_pdf: false,
        }
    }

    /// Sets the note printed next to the marked text.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks a problem of the PDF alone.
    pub fn for_pdf_only(mut self) -> Self {
        self.only_pdf = true;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// For a build that writes no PDF, the PDF's own problems are warnings.
pub fn without_pdf(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut().filter(|d| d.only_pdf) {
        d.severity = Severity::Warning;
    }
}

/// The text of every file a diagnostic may point into.
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    paths: Vec<PathBuf>,
}

impl Sources {
    /// Registers a file's text under its path and returns its id.
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        self.paths.push(path.to_path_buf());
        self.files.add(path.display().to_string(), text)
    }

    /// The text of a registered file.
    pub fn text(&self, file: FileId) -> &str {
        self.files
            .get(file)
            .map(|f| f.source().as_str())
            .unwrap_or("")
    }

    /// The path a file was registered under.
    pub fn path(&self, file: FileId) -> &Path {
        &self.paths[file]
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(file);
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// Diagnostics as JSON Lines, one object a line, for CI and editors:
    /// `severity`, `file`, `line`, `column`, `end_line`, `end_column`
    /// (1-based, columns in characters; all `null` without a position),
    /// `message`, `label` and `help`.
    pub fn render_json(&self, diagnostics: &[Diagnostic]) -> String {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            severity: &'static str,
            file: Option<String>,
            line: Option<usize>,
            column: Option<usize>,
            end_line: Option<usize>,
            end_column: Option<usize>,
            message: &'a str,
            label: &'a str,
            help: Option<&'a str>,
        }
        let mut out = String::new();
        for d in diagnostics {
            let place = d.location.as_ref().map(|l| {
                let start = self.line_col(l.file, l.span.start);
                let end = self.line_col(l.file, l.span.end);
                (self.path(l.file).display().to_string(), start, end)
            });
            let json = Json {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                file: place.as_ref().map(|p| p.0.clone()),
                line: place.as_ref().map(|p| p.1.0),
                column: place.as_ref().map(|p| p.1.1),
                end_line: place.as_ref().map(|p| p.2.0),
                end_column: place.as_ref().map(|p| p.2.1),
                message: &d.message,
                label: &d.label,
                help: d.help.as_deref(),
            };
            if let Ok(line) = serde_json::to_string(&json) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// Diagnostics one a line, `file:line:col: error: message`, for
    /// grep-style tools (`-` for no position).
    pub fn render_short(&self, diagnostics: &[Diagnostic]) -> String {
        let mut out = String::new();
        for d in diagnostics {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let place = d.location.as_ref().map_or_else(
                || "-".to_string(),
                |l| {
                    let (line, col) = self.line_col(l.file, l.span.start);
                    format!("{}:{line}:{col}", self.path(l.file).display())
                },
            );
            out.push_str(&format!("{place}: {severity}: {}\n", d.message));
        }
        out
    }

    /// Renders diagnostics as text, without colour (for tests and logs).
    pub fn render_plain(&self, diagnostics: &[Diagnostic]) -> String {
        let mut out = Vec::new();
        for d in diagnostics {
            let _ = term::emit_to_io_write(&mut out, &config(), &self.files, &self.to_codespan(d));
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Prints diagnostics to standard error, in colour on a terminal unless
    /// `NO_COLOR` is set.
    pub fn emit(&self, diagnostics: &[Diagnostic]) {
        let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let stream = StandardStream::stderr(if colour {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        });
        let mut lock = stream.lock();
        for d in diagnostics {
            let _ =
                term::emit_to_write_style(&mut lock, &config(), &self.files, &self.to_codespan(d));
        }
        let _ = lock.flush();
    }

    fn to_codespan(&self, d: &Diagnostic) -> cs::Diagnostic<FileId> {
        let base = match d.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        };
        let mut out = base.with_message(&d.message);
        if let Some(loc) = &d.location {
            let len = self.text(loc.file).len();
            let start = loc.span.start.min(len);
            let end = loc.span.end.clamp(start, len);
            out = out.with_labels(vec![
                cs::Label::primary(loc.file, start..end).with_message(&d.label),
            ]);
        }
        if let Some(help) = &d.help {
            out = out.with_notes(vec![format!("help: {help}")]);
        }
        out
    }
}

fn config() -> term::Config {
    term::Config::default()
}

/// The largest char boundary at or before `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Sorts diagnostics by file and position so output reads top to bottom,
/// and drops repeats (two findings at one place with one message).
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by_key(|d| {
        d.location
            .as_ref()
            .map_or((0, 0, 0), |l| (l.file + 1, l.span.start, l.span.end))
    });
    diagnostics.dedup_by(|a, b| a.location == b.location && a.message == b.message);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut sources = Sources::default();
        let id = sources.add(Path::new("g.toml"), "a = 1\ntítulo = 2\n".into());
        let offset = "a = 1\ntítulo".len();
        assert_eq!(sources.line_col(id, offset), (2, 7));
    }

    #[test]
    fn plain_rendering_names_path_line_and_column() {
        let mut sources = Sources::default();
        let id = sources.add(
            Path::new("guides/x/guide.toml"),
            "[guide]\ntitel = 1\n".into(),
        );
        let d = Diagnostic::error(id, 8..13, "unknown key `titel`")
            .with_label("did you mean `title`?")
            .with_help("rename it");
        let text = sources.render_plain(&[d]);
        assert!(text.contains("guides/x/guide.toml:2:1"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
        assert!(text.contains("help: rename it"), "{text}");
    }
}
