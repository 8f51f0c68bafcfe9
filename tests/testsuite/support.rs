//! Running the binary and reading what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Control and bidirectional characters in an output's text, which no
/// output may carry (form feeds, which pdftotext puts between pages, and
/// line ends aside).
pub fn hidden_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\u{c}' && swapguide::rich::is_hidden_control(c))
        .collect()
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

/// True if every external tool in `names` can be run.
///
/// `cargo test` on a machine with only Rust skips the tests that need
/// qpdf, poppler-utils or zbar-tools, with a notice. `.ci/run` installs the
/// tools and sets `SWAPGUIDE_REQUIRE_TOOLS=1`, and there a missing tool
/// fails the test instead.
pub fn tools(names: &[&str]) -> bool {
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| Command::new(n).arg("-v").output().is_err())
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("SWAPGUIDE_REQUIRE_TOOLS").is_none(),
        "missing {missing:?}: .ci/run installs them"
    );
    eprintln!("SKIPPED: this test needs {missing:?} (bash .ci/run installs them)");
    false
}

/// `swapguide build GUIDE --out OUT EXTRA…`, run from the repository.
pub fn build_guide(guide: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        guide.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    swapguide(&root(), &args)
}

/// The folder holding Noto Sans CJK (`NotoSansCJK-Regular.ttc` and
/// `-Bold.ttc`, Debian's fonts-noto-cjk), or `None` (the test is skipped)
/// without it. `SWAPGUIDE_CJK_FONTS` may name another folder.
pub fn cjk_fonts() -> Option<PathBuf> {
    let dir = std::env::var_os("SWAPGUIDE_CJK_FONTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/fonts/opentype/noto"));
    if dir.join("NotoSansCJK-Regular.ttc").is_file() && dir.join("NotoSansCJK-Bold.ttc").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("SWAPGUIDE_REQUIRE_TOOLS").is_none(),
        "no Noto Sans CJK in {}: .ci/run installs fonts-noto-cjk",
        dir.display()
    );
    eprintln!("SKIPPED: this test needs Noto Sans CJK (apt-get install fonts-noto-cjk)");
    None
}

/// The Chinese example guide copied into `to`, with the two Noto Sans CJK
/// collections its `[fonts]` table lists copied into its `fonts/` folder.
pub fn chinese_example(fonts: &Path, to: &Path) {
    copy_dir(&root().join("examples/gateway-swap-zh"), to);
    for face in ["Regular", "Bold"] {
        let name = format!("NotoSansCJK-{face}.ttc");
        std::fs::copy(fonts.join(&name), to.join("fonts").join(&name)).unwrap();
    }
}
