//! A customer CSV: any bytes as the CSV of a campaign of the example
//! gateway-swap guide (customer values in the greeting, Wi-Fi code, label,
//! RMA barcode and return code), built as PDF and HTML per row.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use swapguide::campaign::{self, CampaignOptions, Shard};

#[path = "common.rs"]
mod common;

/// Rows past this many lines are dropped: a row's cost is a whole PDF.
const MAX_LINES: usize = 12;

struct Dirs {
    guide: PathBuf,
    csv: PathBuf,
    out: PathBuf,
}

fn dirs() -> &'static Dirs {
    static DIRS: OnceLock<Dirs> = OnceLock::new();
    DIRS.get_or_init(|| {
        let guide = common::scratch("campaign-guide");
        common::copy_dir(&common::repo().join("guides/gateway-swap"), &guide);
        let campaign = common::scratch("campaign");
        common::copy_dir(
            &common::repo().join("campaigns/gateway-swap/labels"),
            &campaign.join("labels"),
        );
        Dirs {
            guide,
            csv: campaign.join("customers.csv"),
            out: common::scratch("campaign-out"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let d = dirs();
    let end = data
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(MAX_LINES)
        .map_or(data.len(), |(i, _)| i);
    fs::write(&d.csv, &data[..end]).expect("write CSV");
    let _ = fs::remove_dir_all(&d.out);
    let summary = campaign::run(
        &d.guide,
        &common::options(&d.out),
        &CampaignOptions {
            customers: d.csv.clone(),
            shard: Shard::ALL,
            fail_fast: false,
            fallback_language: None,
        },
        &AtomicBool::new(false),
        &mut |_| {},
    );
    let _ = summary.sources.render_plain(&summary.diagnostics);
    common::assert_no_temporary_files(&d.out);
});
