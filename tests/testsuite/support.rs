//! Running the binary and reading what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `swapguide ARGS…` in `cwd`.
pub fn swapguide(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run swapguide")
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One diagnostic as printed: severity, `path:line:col`, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// `error` or `warning`.
    pub severity: String,
    /// `path:line:col`, or empty when the diagnostic has no position.
    pub location: String,
    /// The first line of the message.
    pub message: String,
}

/// Reads the diagnostics out of codespan's rich output.
pub fn diagnostics(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        let head = ["error", "warning"]
            .into_iter()
            .find_map(|s| line.strip_prefix(&format!("{s}: ")).map(|m| (s, m)));
        if let Some((severity, message)) = head {
            out.push(Printed {
                severity: severity.to_string(),
                location: String::new(),
                message: message.to_string(),
            });
        } else if let Some(loc) = line.trim_start().strip_prefix("┌─ ")
            && let Some(last) = out.last_mut()
            && last.location.is_empty()
        {
            last.location = loc.trim().to_string();
        }
    }
    out
}
