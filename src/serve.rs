//! `swapguide serve`: builds a guide into a temporary folder, serves its
//! pages and PDFs on this machine, and rebuilds and reloads the open tab
//! whenever a file of the guide changes.
//!
//! Only served pages get the reload script (and a policy that lets it
//! connect back); the files built are the same as `build` writes. A guide
//! with errors is served as a page of its diagnostics, so the tab shows
//! what to fix and comes back by itself once it is fixed. Only files the
//! build wrote are served, by bare name: no path reaches anything else.

use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify::Watcher;

use crate::build::{BuildOptions, Format};
use crate::campaign::{self, CampaignOptions, Shard};

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// A guide folder, or a folder of guides.
    pub path: PathBuf,
    /// The address to listen on: a loopback address unless `public`.
    pub address: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Listen on an address other machines can reach.
    pub public: bool,
    /// How to build (the output folder is the server's own).
    pub build: BuildOptions,
    /// `--customers CSV --row ID`: preview that customer's guide.
    pub customer: Option<(PathBuf, String)>,
}

/// The latest build: its folder, or the diagnostics that stopped it.
struct Site {
    /// The build's folder (removed when a newer build replaces it).
    out: Option<tempfile::TempDir>,
    /// Why the guide could not be built, as `check` prints it.
    problems: Option<String>,
    /// Counts builds: a page asks to hear of any newer than its own.
    generation: u64,
}

/// The site and a signal for each new build.
struct Shared {
    site: Mutex<Site>,
    rebuilt: Condvar,
}

/// Builds, then serves until the process is stopped. `ready` hears the
/// address once the server listens.
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    if !options.address.is_loopback() && !options.public {
        return Err(format!(
            "serve listens on this machine only (127.0.0.1); {} would let other machines read the guide: add --public if that is what you want",
            options.address
        ));
    }
    let shared = Arc::new(Shared {
        site: Mutex::new(build_site(options, 1)),
        rebuilt: Condvar::new(),
    });
    let server =
        tiny_http::Server::http(SocketAddr::new(options.address, options.port)).map_err(|e| {
            format!(
                "cannot listen on {}:{}: {e}; try another --port",
                options.address, options.port
            )
        })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or("the server has no IP address")?;

    // Changes to the guide (and the CSV, labels and templates) rebuild.
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| format!("cannot watch the guide for changes: {e}"))?;
    let mut watched = vec![options.path.clone()];
    if let Some((csv, _)) = &options.customer {
        watched.push(
            csv.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
        );
    }
    watched.extend(options.build.templates.clone());
    for path in &watched {
        watcher
            .watch(path, notify::RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    }
    {
        let shared = Arc::clone(&shared);
        let options = options.clone();
        std::thread::spawn(move || rebuild_on_change(&rx, &shared, &options));
    }

    ready(address);
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || respond(request, shared));
    }
    drop(watcher);
    Ok(())
}

/// Waits for changes; a burst of them (an editor saving writes several)
/// makes one rebuild.
fn rebuild_on_change(
    changes: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    shared: &Shared,
    options: &ServeOptions,
) {
    while let Ok(first) = changes.recv() {
        let mut relevant = is_change(&first);
        while let Ok(more) = changes.recv_timeout(Duration::from_millis(40)) {
            relevant |= is_change(&more);
        }
        if !relevant {
            continue;
        }
        let generation = shared.site.lock().map_or(0, |s| s.generation) + 1;
        let site = build_site(options, generation);
        if let Ok(mut current) = shared.site.lock() {
            *current = site;
        }
        shared.rebuilt.notify_all();
    }
}

/// True for an event that changes a file's contents or names (not a
/// read, which opening a file to build it also reports).
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    event.as_ref().is_ok_and(|e| {
        matches!(
            e.kind,
            notify::EventKind::Create(_)
                | notify::EventKind::Modify(_)
                | notify::EventKind::Remove(_)
        )
    })
}

/// One build into a new temporary folder.
fn build_site(options: &ServeOptions, generation: u64) -> Site {
    let mut site = Site {
        out: None,
        problems: None,
        generation,
    };
    let out = match tempfile::Builder::new()
        .prefix("swapguide-serve-")
        .tempdir()
    {
        Ok(out) => out,
        Err(e) => {
            site.problems = Some(format!("cannot make a folder to build in: {e}"));
            return site;
        }
    };
    let mut build = options.build.clone();
    build.out = out.path().to_path_buf();
    build.formats = vec![Format::Pdf, Format::Html];
    match &options.customer {
        None => {
            let report = crate::build::build(&options.path, &build);
            if report.failed() {
                let mut text = report.sources.render_plain(&report.diagnostics);
                for failure in &report.failures {
                    text.push_str(&format!("error: {failure}\n"));
                }
                site.problems = Some(text);
            }
        }
        Some((csv, id)) => {
            let campaign = CampaignOptions {
                customers: csv.clone(),
                shard: Shard::ALL,
                fail_fast: false,
                fallback_language: None,
                check_only: false,
                resume: false,
                print_file: None,
                proof: None,
                only: Some(id.clone()),
            };
            let summary = campaign::run(
                &options.path,
                &build,
                &campaign,
                &AtomicBool::new(false),
                &mut |_| {},
            );
            let mut text = summary.sources.render_plain(&summary.diagnostics);
            if let Some(e) = &summary.error {
                text.push_str(&format!("error: {e}\n"));
            }
            if summary.built == 0 && summary.rows_failed == 0 && summary.error.is_none() {
                text.push_str(&format!(
                    "error: {} has no row with the id `{id}`\n",
                    csv.display()
                ));
            }
            if summary.rows_failed > 0 {
                text.push_str(&row_errors(out.path()));
            }
            if summary.failed() || summary.built == 0 {
                site.problems = Some(text);
            }
        }
    }
    site.out = Some(out);
    site
}

/// The errors of a campaign's failed rows, from its report.
fn row_errors(out: &Path) -> String {
    let Ok(mut reader) = csv::Reader::from_path(out.join("report.csv")) else {
        return String::new();
    };
    reader
        .records()
        .flatten()
        .filter(|r| r.get(1) == Some("failed"))
        .map(|r| format!("error: {}\n", r.get(3).unwrap_or("")))
        .collect()
}

/// Answers one request.
fn respond(request: tiny_http::Request, shared: Arc<Shared>) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == "/__swapguide/events" {
        let since = query
            .split('&')
            .find_map(|p| p.strip_prefix("since="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let stream = Events {
            shared,
            since,
            sent: false,
        };
        let response = tiny_http::Response::new(
            200.into(),
            vec![header("Content-Type", "text/event-stream"), no_store()],
            stream,
            None,
            None,
        );
        let _ = request.respond(response);
        return;
    }
    let response = page(path, &shared);
    let _ = request.respond(response);
}

/// A response for `path`: a file the build wrote, the diagnostics, or 404.
fn page(path: &str, shared: &Shared) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let Ok(site) = shared.site.lock() else {
        return not_found();
    };
    let name = path.trim_start_matches('/');
    // Bare file names only: no folder, no way up, nothing hidden.
    if name.contains(['/', '\\']) || name.starts_with('.') || name.contains("..") {
        return not_found();
    }
    let wants_page = name.is_empty() || name.ends_with(".html");
    if let Some(problems) = &site.problems
        && wants_page
    {
        return html(&problems_page(problems, site.generation));
    }
    let Some(out) = &site.out else {
        return not_found();
    };
    let names = built_files(out.path());
    if name.is_empty() {
        if names.iter().any(|n| n == "index.html") {
            return serve_file(&out.path().join("index.html"), site.generation);
        }
        return html(&listing(&names, site.generation));
    }
    if !names.iter().any(|n| n == name) {
        return not_found();
    }
    serve_file(&out.path().join(name), site.generation)
}

/// The names of the files a build wrote.
fn built_files(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn serve_file(path: &Path, generation: u64) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let Ok(bytes) = std::fs::read(path) else {
        return not_found();
    };
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => {
            let page = String::from_utf8_lossy(&bytes);
            return html(&with_reload(&page, generation));
        }
        Some("pdf") => "application/pdf",
        Some("csv") => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    };
    tiny_http::Response::from_data(bytes)
        .with_header(header("Content-Type", kind))
        .with_header(no_store())
}

/// A page with the reload script before `</body>`, and its policy opened
/// just enough for it: inline script, and connections back to this server.
fn with_reload(page: &str, generation: u64) -> String {
    let script = format!(
        "<script>new EventSource('/__swapguide/events?since={generation}').onmessage = () => location.reload();</script>"
    );
    let page = page.replacen(
        "content=\"default-src 'none';",
        "content=\"default-src 'none'; connect-src 'self'; script-src 'unsafe-inline';",
        1,
    );
    match page.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &page[..at], &page[at..]),
        None => format!("{page}{script}"),
    }
}

/// The page shown while the guide has errors.
fn problems_page(problems: &str, generation: u64) -> String {
    with_reload(
        &format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>swapguide: the guide has errors</title><style>:root{{color-scheme:light dark}}body{{font:16px/1.4 system-ui,sans-serif;margin:1rem}}pre{{white-space:pre;overflow-x:auto;background:#fff4f4;color:#1a1a1a;border-left:4px solid #b00020;padding:.75rem}}@media (prefers-color-scheme:dark){{pre{{background:#3a1f22;color:#f6eaea;border-color:#ff6b81}}}}</style></head><body><main><h1>The guide has errors</h1><p>Fix them and save: this page comes back by itself.</p><pre id=\"problems\">{}</pre></main></body></html>",
            escape(problems)
        ),
        generation,
    )
}

/// A list of the files built, for a single guide (a folder of guides has
/// its own index).
fn listing(names: &[String], generation: u64) -> String {
    let links: String = names
        .iter()
        .filter(|n| n.ends_with(".html") || n.ends_with(".pdf"))
        .map(|n| format!("<li><a href=\"/{0}\">{0}</a></li>", escape(n)))
        .collect();
    with_reload(
        &format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>swapguide serve</title></head><body><main><h1>Built files</h1><ul>{links}</ul></main></body></html>"
        ),
        generation,
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(page: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    tiny_http::Response::from_data(page.as_bytes().to_vec())
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(no_store())
}

fn not_found() -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    tiny_http::Response::from_string("not found").with_status_code(404)
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| unreachable!("a fixed ASCII header"))
}

/// Every page is rebuilt often: never cached.
fn no_store() -> tiny_http::Header {
    header("Cache-Control", "no-store")
}

/// An event stream that sends one `reload` once a build newer than the
/// page's is in place, then ends (the browser reconnects from the new
/// page; one event a connection needs no flushing of a chunked stream).
struct Events {
    shared: Arc<Shared>,
    since: u64,
    sent: bool,
}

/// How long a stream waits for a build before it ends (the browser then
/// reconnects), so a closed tab does not hold a thread for ever.
const EVENT_WAIT: Duration = Duration::from_secs(30);

impl Read for Events {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.sent {
            return Ok(0);
        }
        self.sent = true;
        let Ok(mut site) = self.shared.site.lock() else {
            return Ok(0);
        };
        let deadline = std::time::Instant::now() + EVENT_WAIT;
        while site.generation <= self.since {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Ok(0);
            }
            site = match self.shared.rebuilt.wait_timeout(site, left) {
                Ok((site, _)) => site,
                Err(_) => return Ok(0),
            };
        }
        let event = b"retry: 250\ndata: reload\n\n";
        let n = event.len().min(buf.len());
        buf[..n].copy_from_slice(&event[..n]);
        Ok(n)
    }
}
