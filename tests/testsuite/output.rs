//! Output safety on real file systems: a full disk and a read-only output
//! folder, each a small tmpfs mounted in a private mount namespace
//! (`unshare -rm`, Linux), so nothing is mocked.
//!
//! Whatever goes wrong, a build leaves no partial or temporary file and
//! the previous output as it was.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::root;

/// Runs `script` with sh in a private user and mount namespace, with
/// `$BIN` (swapguide), `$GUIDE` (an example guide) and `$WORK` (a scratch
/// folder holding `out/`, the mount point) set. Returns what it printed.
fn in_namespace(work: &Path, script: &str) -> String {
    fs::create_dir_all(work.join("out")).unwrap();
    let run = Command::new("unshare")
        .args(["-rm", "sh", "-euc", script])
        .env("BIN", env!("CARGO_BIN_EXE_swapguide"))
        .env("GUIDE", root().join("guides/gateway-swap"))
        .env("WORK", work)
        .env("NO_COLOR", "1")
        .output()
        .expect("unshare (util-linux) is needed for this test");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "the script failed:\n{printed}");
    printed
}

/// The part of `printed` after `marker` up to the next blank line.
fn section<'a>(printed: &'a str, marker: &str) -> &'a str {
    let start = printed
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in:\n{printed}"))
        + marker.len();
    let rest = &printed[start..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

/// The second build failed (exit 1) saying each of `said`, and the files
/// from before are there, unchanged, and nothing else is: no new file, no
/// temporary file.
fn failed_cleanly(printed: &str, said: &[&str]) {
    assert_eq!(section(printed, "STATUS\n").trim(), "1", "{printed}");
    let stderr = section(printed, "STDERR\n");
    for s in said {
        assert!(stderr.contains(s), "{s:?} not in:\n{printed}");
    }
    assert_eq!(
        section(printed, "BEFORE\n"),
        section(printed, "AFTER\n"),
        "{printed}"
    );
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_previous_output() {
    let work = tempfile::tempdir().unwrap();
    let printed = in_namespace(
        work.path(),
        r#"
        OUT="$WORK/out"
        mount -t tmpfs -o size=2m tmpfs "$OUT"
        "$BIN" build "$GUIDE" --out "$OUT" --format html > /dev/null
        echo "BEFORE"; (cd "$OUT" && sha256sum *); echo
        # Fill the disk but for 16 KB: the PDF starts to be written, then
        # the disk is full.
        free=$(df --output=avail -k "$OUT" | tail -n 1)
        dd if=/dev/zero of="$OUT/filler" bs=1k count=$((free - 16)) 2> /dev/null || true
        status=0
        "$BIN" build "$GUIDE" --out "$OUT" --format pdf,html 2> "$WORK/stderr" > /dev/null || status=$?
        echo "STATUS"; echo "$status"; echo
        echo "STDERR"; cat "$WORK/stderr"; echo
        rm "$OUT/filler"
        echo "AFTER"; (cd "$OUT" && sha256sum $(ls -A)); echo
        "#,
    );
    failed_cleanly(
        &printed,
        &["No space left on device", "gateway-swap.en.pdf"],
    );
}

#[test]
fn a_read_only_output_folder_fails_cleanly_and_keeps_the_previous_output() {
    let work = tempfile::tempdir().unwrap();
    let printed = in_namespace(
        work.path(),
        r#"
        OUT="$WORK/out"
        mount -t tmpfs -o size=4m tmpfs "$OUT"
        "$BIN" build "$GUIDE" --out "$OUT" > /dev/null
        echo "BEFORE"; (cd "$OUT" && sha256sum *); echo
        mount -o remount,ro "$OUT"
        status=0
        "$BIN" build "$GUIDE" --out "$OUT" --large-print 2> "$WORK/stderr" > /dev/null || status=$?
        echo "STATUS"; echo "$status"; echo
        echo "STDERR"; cat "$WORK/stderr"; echo
        echo "AFTER"; (cd "$OUT" && sha256sum $(ls -A)); echo
        "#,
    );
    failed_cleanly(
        &printed,
        &["Read-only file system", "choose an output folder"],
    );
}
