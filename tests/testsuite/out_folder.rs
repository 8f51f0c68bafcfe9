//! `--out` never writes over what a build reads: the guide, the customer
//! CSV, its labels, the templates.

use std::fs;

use crate::support::{copy_dir, root, stderr, swapguide};

/// `--out campaign/labels` would replace each customer's prepaid label with
/// that customer's guide (`labels/C-1001.pdf`): every such row fails, and
/// the labels are left as they were.
#[test]
fn an_out_folder_holding_the_labels_replaces_none_of_them() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("guides/gateway-swap"),
        &dir.path().join("guide"),
    );
    copy_dir(
        &root().join("campaigns/gateway-swap"),
        &dir.path().join("campaign"),
    );
    let labels = dir.path().join("campaign/labels");
    let before: Vec<Vec<u8>> = ["C-1001.pdf", "C-1002.png"]
        .iter()
        .map(|n| fs::read(labels.join(n)).unwrap())
        .collect();
    let run = swapguide(
        dir.path(),
        &[
            "build",
            "guide",
            "--customers",
            "campaign/customers.csv",
            "--out",
            "campaign/labels",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let after: Vec<Vec<u8>> = ["C-1001.pdf", "C-1002.png"]
        .iter()
        .map(|n| fs::read(labels.join(n)).unwrap())
        .collect();
    assert!(before == after, "a label was replaced");
    let report = fs::read_to_string(labels.join("report.csv")).unwrap();
    assert!(report.contains("is in the output folder"), "{report}");
}

/// A customer file named `report.csv` in the output folder would be
/// replaced by the report: that output folder is refused.
#[test]
fn the_customer_files_folder_is_refused_as_the_out_folder() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("guides/gateway-swap"),
        &dir.path().join("guide"),
    );
    let campaign = dir.path().join("campaign");
    copy_dir(&root().join("campaigns/gateway-swap"), &campaign);
    fs::rename(campaign.join("customers.csv"), campaign.join("report.csv")).unwrap();
    let csv = fs::read(campaign.join("report.csv")).unwrap();
    let run = swapguide(
        dir.path(),
        &[
            "build",
            "guide",
            "--customers",
            "campaign/report.csv",
            "--out",
            "campaign",
        ],
    );
    assert_ne!(run.status.code(), Some(0));
    assert!(
        stderr(&run).contains("is the folder of the customer file"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read(campaign.join("report.csv")).unwrap(), csv);
}

/// `--templates T --out T` would replace the custom `index.html` with the
/// built index: refused.
#[test]
fn the_templates_folder_is_refused_as_the_out_folder() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("tests/fixtures/build/home-wifi"),
        &dir.path().join("guides/home-wifi"),
    );
    let templates = dir.path().join("brand");
    fs::create_dir(&templates).unwrap();
    let custom = "<!doctype html><title>{{ page.guides | length }} guides</title>";
    fs::write(templates.join("index.html"), custom).unwrap();
    let run = swapguide(
        dir.path(),
        &["build", "guides", "--templates", "brand", "--out", "brand"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("is the folder of the HTML templates"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_to_string(templates.join("index.html")).unwrap(),
        custom
    );
}
