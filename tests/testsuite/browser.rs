//! The HTML pages in a real browser: headless Chromium driven by
//! playwright-core, with axe-core for accessibility (tests/browser/check.mjs
//! does the checking; this test builds the pages and runs it).
//!
//! Needs node, Debian's chromium and `npm ci` in tests/browser; `.ci/run`
//! provides them. Screenshots are kept in target/browser-artifacts.

use std::process::Command;

use crate::support::{root, stderr, swapguide, tools};

#[test]
fn pages_work_offline_accessibly_and_remember_progress_in_chromium() {
    if !chromium_ready() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    for guide in ["guides", "tests/fixtures/build/hostile-markdown"] {
        let run = swapguide(
            &root(),
            &["build", guide, "--out", out_dir, "--format", "html"],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let pages: Vec<String> = [
        "gateway-swap.en.html",
        "gateway-swap.es.html",
        "fiber-swap.en.html",
        "hostile-markdown.en.html",
        "gateway-swap.ar.html",
        "index.html",
    ]
    .iter()
    .map(|p| out.path().join(p).to_string_lossy().into_owned())
    .collect();
    let run = Command::new("node")
        .arg(root().join("tests/browser/check.mjs"))
        .args(&pages)
        .env(
            "SWAPGUIDE_ARTIFACTS",
            root().join("target/browser-artifacts"),
        )
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "browser checks failed:\n{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        report
            .lines()
            .filter(|l| l.starts_with("{\"ok\":true"))
            .count(),
        pages.len(),
        "{report}"
    );
    // Right to left where the language is, left to right elsewhere.
    for line in report.lines().filter(|l| l.starts_with('{')) {
        let rtl = line.contains("gateway-swap.ar.html");
        let dir = if rtl {
            "\"dir\":\"rtl\""
        } else {
            "\"dir\":\"ltr\""
        };
        assert!(line.contains(dir), "{line}");
    }
    assert!(report.contains("\"lang\":\"ar\""), "{report}");
}

/// The example guides' pages checked as a phone shows them: English, the
/// Arabic translation (right to left) and fiber-swap, whose steps hold
/// Markdown tables.
const PHONE_PAGES: [&str; 3] = [
    "gateway-swap.en.html",
    "gateway-swap.ar.html",
    "fiber-swap.en.html",
];

/// Whether node, Chromium and playwright-core are here (a test without them
/// is skipped, or fails under `SWAPGUIDE_REQUIRE_TOOLS`).
pub(crate) fn chromium_ready() -> bool {
    if !tools(&["node", "chromium"]) {
        return false;
    }
    let modules = root().join("tests/browser/node_modules");
    if !modules.join("playwright-core").is_dir() {
        assert!(
            std::env::var_os("SWAPGUIDE_REQUIRE_TOOLS").is_none(),
            "run `npm ci` in tests/browser (.ci/run does)"
        );
        eprintln!("SKIPPED: run `npm ci` in tests/browser for the browser test");
        return false;
    }
    true
}

/// Builds the example guides as HTML into a new folder; returns it and the
/// paths of `PHONE_PAGES` in it.
fn built_examples() -> (tempfile::TempDir, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let run = swapguide(
        &root(),
        &[
            "build",
            "guides",
            "--out",
            out.path().to_str().unwrap(),
            "--format",
            "html",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pages = PHONE_PAGES
        .iter()
        .map(|p| out.path().join(p).to_string_lossy().into_owned())
        .collect();
    (out, pages)
}

/// What every script below starts with: Chromium launched as
/// tests/browser/check.mjs launches it, and `phone(file, options)`, which
/// opens a page at 360 × 740 px with every request but the file's own
/// blocked. The page paths are `pages`.
const PHONE: &str = r##"
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const pages = process.argv.slice(1);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
async function phone(file, options = {}) {
  const url = pathToFileURL(resolve(file)).href;
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, ...options,
  });
  await context.route("**/*", (route) => {
    const u = route.request().url();
    return u === url || u.startsWith("data:") ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready.then(() => true));
  return { context, page };
}
"##;

/// Runs `script` after `PHONE` in node (from tests/browser, where
/// playwright-core is installed) on `pages`; returns the JSON line it prints
/// for each page.
fn in_chromium(script: &str, pages: &[String]) -> Vec<serde_json::Value> {
    let run = Command::new("node")
        .current_dir(root().join("tests/browser"))
        .args(["--input-type=module", "-e"])
        .arg(format!("{PHONE}\n{script}\nawait browser.close();\n"))
        .arg("--")
        .args(pages)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the script failed:\n{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lines: Vec<serde_json::Value> = report
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), pages.len(), "{report}");
    lines
}

/// For each page: every word in a table cell whose letters sit on more than
/// one line ("Blinkin|g"), how many words were looked at, and how far the
/// page, or a table's own box, scrolls sideways.
const SPLIT_WORDS: &str = r##"
for (const file of pages) {
  const { context, page } = await phone(file);
  const result = await page.evaluate(() => {
    // Words as the page's language cuts them: "Wi-Fi" is two, and may
    // break after its hyphen; "Blinking" is one, and may not break.
    const words = new Intl.Segmenter(document.documentElement.lang, { granularity: "word" });
    const range = document.createRange();
    const lines = (node, start, end) => {
      range.setStart(node, start);
      range.setEnd(node, end);
      return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    };
    const split = [];
    let looked = 0;
    for (const cell of document.querySelectorAll("th, td")) {
      const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        for (const w of words.segment(node.data)) {
          if (!w.isWordLike) continue;
          const rects = lines(node, w.index, w.index + w.segment.length);
          if (rects.length === 0) continue;
          looked += 1;
          const tops = rects.map((r) => r.top);
          const height = Math.min(...rects.map((r) => r.height));
          if (Math.max(...tops) - Math.min(...tops) < height / 2) continue;
          // Where it was cut: a bar between letters on different lines.
          let shown = "", top = null;
          for (const [i, letter] of [...w.segment].entries()) {
            const at = w.index + [...w.segment].slice(0, i).join("").length;
            const r = lines(node, at, at + letter.length)[0];
            if (r && top !== null && Math.abs(r.top - top) >= height / 2) shown += "|";
            if (r) top = r.top;
            shown += letter;
          }
          split.push(shown);
        }
      }
    }
    const sideways = [...document.querySelectorAll(".table")]
      .map((t) => t.scrollWidth - t.clientWidth)
      .filter((d) => d > 0);
    return {
      split,
      looked,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      sideways,
    };
  });
  console.log(JSON.stringify({ page: file, ...result }));
  await context.close();
}
"##;

/// At 360 px the lights table and Markdown tables reflow so that no word is
/// cut across two lines ("Blinkin g", "Downstr eam"), and neither the page
/// nor a table scrolls sideways, in English and in Arabic.
#[test]
fn tables_never_split_a_word_or_scroll_sideways_at_360_px() {
    if !chromium_ready() {
        return;
    }
    let (_out, pages) = built_examples();
    for line in in_chromium(SPLIT_WORDS, &pages) {
        assert!(line["looked"].as_u64().unwrap() > 20, "{line}");
        assert_eq!(line["split"], serde_json::json!([]), "{line}");
        assert!(line["overflow"].as_f64().unwrap() <= 0.0, "{line}");
        assert_eq!(line["sideways"], serde_json::json!([]), "{line}");
    }
}

/// For each page, with scripts on and off: what the "Call support" button
/// covers on the first screen and once scrolled to the very end, and
/// whether it shows there. What counts as covered: a line of text, an
/// image, a form control, or a box with a border or a ground of its own
/// (the cover's "Need help? Call us" box has both).
const CALL_BUTTON: &str = r##"
// Lets what the page does after a scroll happen: with scripts on, two
// frames (layout, then the intersection observers' reports), then every
// transition run to its end.
async function settle(page, scripts) {
  if (!scripts) return;
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))).then(() => true));
}

function covered() {
  const call = document.querySelector("a.call");
  const style = getComputedStyle(call);
  const box = call.getBoundingClientRect();
  const shown = box.width > 0 && box.height > 0 && style.visibility === "visible" && Number(style.opacity) > 0;
  const still = style.transitionDuration.split(",").every((d) => parseFloat(d) === 0);
  if (!shown) return { shown, still, under: [] };
  const overlaps = (r) => r.width >= 2 && r.height >= 2 &&
    r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    [...el.classList].map((c) => "." + c).join("");
  const under = [];
  const range = document.createRange();
  for (const el of document.body.querySelectorAll("*")) {
    if (el === call || call.contains(el)) continue;
    const s = getComputedStyle(el);
    if (s.visibility !== "visible") continue;
    const painted = /^(IMG|SVG|INPUT|BUTTON|SELECT|TEXTAREA|VIDEO|CANVAS|IFRAME)$/.test(el.tagName.toUpperCase()) ||
      s.backgroundColor !== "rgba(0, 0, 0, 0)" ||
      ["Top", "Right", "Bottom", "Left"].some((side) =>
        parseFloat(s[`border${side}Width`]) > 0 && s[`border${side}Style`] !== "none");
    if (painted && overlaps(el.getBoundingClientRect())) under.push(name(el));
    for (const text of el.childNodes) {
      if (text.nodeType !== Node.TEXT_NODE || !text.data.trim()) continue;
      range.selectNodeContents(text);
      if ([...range.getClientRects()].some(overlaps)) under.push(`${name(el)} "${text.data.trim().slice(0, 40)}"`);
    }
  }
  return { shown, still, under };
}

for (const file of pages) {
  const result = { page: file };
  for (const [name, options] of [
    ["scripts", {}],
    ["no scripts", { javaScriptEnabled: false }],
    ["reduced motion", { reducedMotion: "reduce" }],
  ]) {
    const scripts = options.javaScriptEnabled !== false;
    const { context, page } = await phone(file, options);
    await settle(page, scripts);
    const top = await page.evaluate(covered);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await settle(page, scripts);
    const end = await page.evaluate(covered);
    end.atEnd = await page.evaluate(() =>
      Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight);
    result[name] = { top, end };
    await context.close();
  }
  console.log(JSON.stringify(result));
}
"##;

/// The floating "Call support" button never covers content at 360 px: not
/// the cover's "Need help? Call us" box on the first screen, not the last
/// lines at the very end; with scripts off nothing is covered either, and
/// with reduced motion asked for it does not move. At the end it is there
/// to press.
#[test]
fn call_button_covers_nothing_at_360_px_with_or_without_scripts() {
    if !chromium_ready() {
        return;
    }
    let (_out, pages) = built_examples();
    for line in in_chromium(CALL_BUTTON, &pages) {
        for way in ["scripts", "no scripts", "reduced motion"] {
            let (top, end) = (&line[way]["top"], &line[way]["end"]);
            assert_eq!(
                top["under"],
                serde_json::json!([]),
                "{way}, first screen: {line}"
            );
            assert_eq!(
                end["under"],
                serde_json::json!([]),
                "{way}, at the end: {line}"
            );
            assert_eq!(end["atEnd"], true, "{way}: {line}");
            assert_eq!(end["shown"], true, "{way}, at the end: {line}");
        }
        let calm = &line["reduced motion"];
        assert!(
            calm["top"]["still"] == true && calm["end"]["still"] == true,
            "reduced motion: {line}"
        );
    }
}
