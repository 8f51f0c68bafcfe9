//! Loading and checking a guide file: any bytes as `guide.toml`, in a
//! folder with pictures, checked and every diagnostic rendered with its
//! source snippet.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn guide_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::scratch("guide");
        // The example's pictures, so image paths a guide names can resolve.
        common::copy_dir(
            &common::repo().join("guides/fiber-swap/img"),
            &dir.join("img"),
        );
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = guide_dir();
    fs::write(dir.join("guide.toml"), data).expect("write guide");
    let report = swapguide::check(std::slice::from_ref(dir));
    let _ = report.sources.render_plain(&report.diagnostics);
});
