//! `swapguide serve`: the page in a real Chromium follows the guide as it
//! is edited, broken and fixed; the server listens on this machine only
//! and serves nothing but what it built.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::browser::chromium_ready;
use crate::support::{copy_dir, root, stderr};

/// A running `swapguide serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .current_dir(root())
        .arg("serve")
        .args(args)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("serve says where it listens");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, url }
}

/// `GET path` as sent, with no cleaning of the path: status and body.
fn get(url: &str, path: &str) -> (u16, Vec<u8>) {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let head_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response");
    let status = String::from_utf8_lossy(&response[9..12]).parse().unwrap();
    (status, response[head_end + 4..].to_vec())
}

/// A body as text.
fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

#[test]
fn serve_listens_here_only_and_serves_only_what_it_built() {
    let refused = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .current_dir(root())
        .args(["serve", "guides/gateway-swap", "--address", "0.0.0.0"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--public"),
        "{}",
        stderr(&refused)
    );

    let server = serve(&["guides/gateway-swap"]);
    let (status, listing) = get(&server.url, "/");
    assert_eq!(status, 200);
    assert!(
        text(&listing).contains("gateway-swap.en.pdf"),
        "{}",
        text(&listing)
    );
    let (status, pdf) = get(&server.url, "/gateway-swap.en.pdf");
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    for outside in [
        "/../guide.toml",
        "/..%2fguide.toml",
        "/%2e%2e/guide.toml",
        "/etc/passwd",
        "/img/logo.svg",
        "/.hidden",
    ] {
        assert_eq!(get(&server.url, outside).0, 404, "{outside}");
    }

    // The reload script is in the served page only, never in a built file.
    let (status, page) = get(&server.url, "/gateway-swap.en.html");
    assert_eq!(status, 200);
    assert!(text(&page).contains("/__swapguide/events"));
    let out = tempfile::tempdir().unwrap();
    let build = Command::new(env!("CARGO_BIN_EXE_swapguide"))
        .current_dir(root())
        .args(["build", "guides/gateway-swap", "--format", "html", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let built = std::fs::read_to_string(out.path().join("gateway-swap.en.html")).unwrap();
    assert!(!built.contains("__swapguide"));
}

#[test]
fn serve_previews_one_customers_guide() {
    let server = serve(&[
        "guides/gateway-swap",
        "--customers",
        "campaigns/gateway-swap/customers.csv",
        "--row",
        "C-1002",
    ]);
    let (status, page) = get(&server.url, "/C-1002.html");
    assert_eq!(status, 200);
    assert!(text(&page).contains("José"), "{}", text(&page));
    assert_eq!(get(&server.url, "/C-1001.html").0, 404);
}

#[test]
fn the_open_page_follows_the_guide_as_it_is_edited_broken_and_fixed() {
    if !chromium_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("gateway-swap");
    copy_dir(&root().join("guides/gateway-swap"), &guide);
    let server = serve(&[guide.to_str().unwrap()]);
    let run = Command::new("node")
        .current_dir(root().join("tests/browser"))
        .args(["--input-type=module", "-e", EDIT_AND_WATCH, "--"])
        .arg(format!("{}gateway-swap.en.html", server.url))
        .arg(guide.join("guide.toml"))
        .output()
        .expect("node runs");
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{said}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(said.contains("\"fixed\":true"), "{said}");
}

/// Opens the served page in Chromium, then edits the guide three times,
/// each time waiting (never reloading by hand) for the page to show it.
const EDIT_AND_WATCH: &str = r##"
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, toml] = process.argv.slice(1);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const page = await browser.newPage();
await page.goto(url, { waitUntil: "load" });
const original = readFileSync(toml, "utf8");
const title = 'title = "Set up your new XB8 Gateway"';
if (!original.includes(title)) throw new Error("the guide's title line moved");

// Waits up to 20 s for the page (reloaded by the server) to pass `test`.
async function until(what, test) {
  for (let i = 0; i < 200; i++) {
    try {
      if (await test()) return;
    } catch {
      // The page is between two loads.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the page never showed ${what}: ${await page.content()}`);
}

writeFileSync(toml, original.replace(title, 'title = "Edited gateway"'));
await until("the new title", async () =>
  (await page.locator("h1").first().textContent()).includes("Edited gateway"));

writeFileSync(toml, original.replace(title, 'titel = "Broken"'));
await until("the diagnostic", async () => {
  const problems = await page.locator("#problems").textContent();
  return problems.includes("unknown key `titel`") && problems.includes("guide.toml:");
});

writeFileSync(toml, original.replace(title, 'title = "Fixed gateway"'));
await until("the fixed guide", async () =>
  (await page.locator("h1").first().textContent()).includes("Fixed gateway"));

console.log(JSON.stringify({ fixed: true }));
await browser.close();
"##;
