//! A customer's return label: any bytes as a PDF, PNG or JPEG label file
//! (the first byte picks which), read and printed by a campaign row of the
//! example gateway-swap guide, exactly as a campaign reads a label.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use swapguide::build::Format;
use swapguide::campaign::{self, CampaignOptions, Shard};

#[path = "common.rs"]
mod common;

struct Dirs {
    guide: PathBuf,
    campaign: PathBuf,
    out: PathBuf,
}

fn dirs() -> &'static Dirs {
    static DIRS: OnceLock<Dirs> = OnceLock::new();
    DIRS.get_or_init(|| {
        let guide = common::scratch("label-guide");
        common::copy_dir(&common::repo().join("guides/gateway-swap"), &guide);
        let campaign = common::scratch("label-campaign");
        fs::create_dir_all(campaign.join("labels")).expect("labels folder");
        Dirs {
            guide,
            campaign,
            out: common::scratch("label-out"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let d = dirs();
    let ext = ["pdf", "png", "jpg"][usize::from(pick) % 3];
    for old in ["pdf", "png", "jpg"] {
        let _ = fs::remove_file(d.campaign.join(format!("labels/label.{old}")));
    }
    fs::write(d.campaign.join(format!("labels/label.{ext}")), bytes).expect("write label");
    let csv = d.campaign.join("customers.csv");
    fs::write(
        &csv,
        format!(
            "id,first_name,language,ship_date,wifi_ssid,wifi_password,return_label,rma,label_broker_id\nL-1,Ada,en,2026-11-29,Net,password1,labels/label.{ext},RMA-1,LB-1\n"
        ),
    )
    .expect("write CSV");
    let _ = fs::remove_dir_all(&d.out);
    let mut options = common::options(&d.out);
    options.formats = vec![Format::Pdf];
    let summary = campaign::run(
        &d.guide,
        &options,
        &CampaignOptions {
            customers: csv,
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
