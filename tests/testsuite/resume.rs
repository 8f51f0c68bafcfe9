//! `--resume`: a rerun keeps the rows built from the same inputs and
//! builds the rest, ending with the files and report of one clean run.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use swapguide::build::{BuildOptions, Format};
use swapguide::campaign::{CampaignOptions, Progress, Shard, run};
use swapguide::resolve::Overrides;

use crate::campaign::campaign;
use crate::support::{root, stderr};

/// Every file in `dir` and its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn options(out: &Path, formats: &[Format]) -> BuildOptions {
    BuildOptions {
        out: out.to_path_buf(),
        formats: formats.to_vec(),
        overrides: Overrides::default(),
        date: None,
        templates: None,
        font_path: Vec::new(),
    }
}

fn campaign_options(csv: PathBuf, resume: bool) -> CampaignOptions {
    CampaignOptions {
        customers: csv,
        shard: Shard::ALL,
        fail_fast: false,
        fallback_language: None,
        check_only: false,
        resume,
        print_file: None,
        proof: None,
        only: None,
    }
}

#[test]
fn an_interrupted_campaign_resumed_ends_as_one_clean_run_byte_for_byte() {
    // Three batches of rows; the interruption comes as the first batch is
    // reported, so the third is skipped: the same place on every run.
    let rows: Vec<String> = (1..=600)
        .map(|i| {
            format!(
                "R-{i},Name {i},{},,Net {i},pw{i},,RMA-{i},",
                ["en", "es"][i % 2]
            )
        })
        .collect();
    let (dir, folder) = campaign(&rows);
    let guide = root().join("guides/gateway-swap");
    let csv = folder.join("customers.csv");
    let clean = dir.path().join("clean");
    let resumed = dir.path().join("resumed");
    let formats = [Format::Html];

    let never = AtomicBool::new(false);
    let summary = run(
        &guide,
        &options(&clean, &formats),
        &campaign_options(csv.clone(), false),
        &never,
        &mut |_| {},
    );
    assert_eq!((summary.built, summary.rows_failed), (600, 0));

    let interrupted = AtomicBool::new(false);
    let summary = run(
        &guide,
        &options(&resumed, &formats),
        &campaign_options(csv.clone(), false),
        &interrupted,
        &mut |event| {
            if let Progress::Built { .. } = event {
                interrupted.store(true, Ordering::Relaxed);
            }
        },
    );
    assert!(summary.stopped_early);
    assert!(
        summary.rows_skipped > 0 && summary.built > 0,
        "{}",
        summary.built
    );
    let built_before = summary.built;

    let summary = run(
        &guide,
        &options(&resumed, &formats),
        &campaign_options(csv, true),
        &never,
        &mut |_| {},
    );
    assert_eq!((summary.built, summary.rows_failed), (600, 0));
    // Only the skipped rows were built again.
    assert_eq!(summary.kept, built_before);
    assert!(contents(&clean) == contents(&resumed), "the folders differ");
}

#[test]
fn resume_rebuilds_exactly_the_rows_whose_inputs_changed() {
    let row = |id: &str, name: &str, label: &str| {
        format!("{id},{name},en,2026-11-29,Net,pw,{label},RMA-{id},")
    };
    let (dir, folder) = campaign(&[
        row("A-1", "Ada", "labels/ups.pdf"),
        row("A-2", "Grace", "labels/usps.png"),
        row("A-3", "Alan", "labels/missing.pdf"),
        row("A-4", "Kurt", ""),
    ]);
    let out = dir.path().join("out");
    let build = |extra: &[&str]| {
        let result = Command::new(env!("CARGO_BIN_EXE_swapguide"))
            .current_dir(root())
            .args(["build", "guides/gateway-swap", "--customers"])
            .arg(folder.join("customers.csv"))
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8_lossy(&result.stdout).into_owned() + &stderr(&result)
    };
    let said = build(&[]);
    assert!(said.contains("built 3 customers, 1 failed"), "{said}");
    let first = contents(&out);

    // Nothing changed: every built row is kept, the failed one tried again.
    let said = build(&["--resume"]);
    assert!(said.contains("built 3 customers (3 unchanged"), "{said}");
    assert_eq!(contents(&out), first);

    // The missing label is supplied, another row's label is replaced by a
    // different file with the same name, and a name is corrected.
    fs::copy(
        folder.join("labels/ups.pdf"),
        folder.join("labels/missing.pdf"),
    )
    .unwrap();
    image::GrayImage::from_fn(812, 1218, |x, _| {
        image::Luma([if x % 7 == 0 { 0 } else { 255 }])
    })
    .save(folder.join("labels/usps.png"))
    .unwrap();
    let csv = fs::read_to_string(folder.join("customers.csv")).unwrap();
    fs::write(
        folder.join("customers.csv"),
        csv.replace(",Kurt,", ",Kurt G,"),
    )
    .unwrap();
    let said = build(&["--resume"]);
    assert!(said.contains("built 4 customers (1 unchanged"), "{said}");
    let resumed = contents(&out);
    assert_eq!(resumed["A-1.pdf"], first["A-1.pdf"]);
    assert_ne!(resumed["A-2.pdf"], first["A-2.pdf"]);
    assert_ne!(resumed["A-4.pdf"], first["A-4.pdf"]);

    // The same as a clean run of the changed campaign, report included.
    let clean = dir.path().join("clean");
    let result = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .current_dir(root())
        .args(["build", "guides/gateway-swap", "--customers"])
        .arg(folder.join("customers.csv"))
        .arg("--out")
        .arg(&clean)
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(contents(&clean) == resumed, "resumed and clean runs differ");

    // A deleted file is built again, whatever the report says.
    fs::remove_file(out.join("A-1.pdf")).unwrap();
    let said = build(&["--resume"]);
    assert!(said.contains("built 4 customers (3 unchanged"), "{said}");
    assert_eq!(contents(&out), resumed);
}
