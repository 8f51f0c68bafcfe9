//! `swapguide build --format html`, read back with a real HTML parser
//! (scraper, on html5ever): one self-contained file, no outside request,
//! hostile Markdown and customer values inert, the structure a screen
//! reader needs.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::support::{root, stderr, swapguide};

fn build_html(guide: &Path, out: &Path) -> Vec<PathBuf> {
    let run = swapguide(
        &root(),
        &[
            "build",
            guide.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "html",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let mut files: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Every address the page refers to: attributes that load or link, and
/// CSS `url()` in style elements and attributes.
fn addresses(doc: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            if matches!(
                name,
                "src"
                    | "href"
                    | "srcset"
                    | "poster"
                    | "data"
                    | "action"
                    | "formaction"
                    | "xlink:href"
            ) {
                found.push(value.to_string());
            }
            if name == "style" {
                found.extend(css_urls(value));
            }
        }
    }
    for style in doc.select(&sel("style")) {
        found.extend(css_urls(&style.text().collect::<String>()));
    }
    found
}

fn css_urls(css: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        let after = &rest[at + 4..];
        let end = after.find(')').unwrap_or(after.len());
        out.push(after[..end].trim().trim_matches(['"', '\'']).to_string());
        rest = &after[end..];
    }
    if css.contains("@import") {
        out.push("@import".into());
    }
    out
}

/// The online addresses a guide allows: its `[[links]]` and website.
pub(crate) fn allowed_online(guide: &Path) -> BTreeSet<String> {
    let mut allowed = BTreeSet::new();
    for entry in fs::read_dir(guide).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("guide") && name.ends_with(".toml")) {
            continue;
        }
        let table: toml::Table =
            toml::from_str(&fs::read_to_string(entry.path()).unwrap()).unwrap();
        if let Some(site) = table["provider"].get("website").and_then(|w| w.as_str()) {
            allowed.insert(site.to_string());
        }
        if let Some(links) = table.get("links").and_then(|l| l.as_array()) {
            for link in links {
                allowed.insert(link["url"].as_str().unwrap().to_string());
            }
        }
    }
    allowed
}

pub(crate) fn assert_self_contained(file: &Path, allowed: &BTreeSet<String>) -> Html {
    let text = fs::read_to_string(file).unwrap();
    let doc = Html::parse_document(&text);
    for address in addresses(&doc) {
        let ok = address.starts_with("data:")
            || address.starts_with('#')
            || address.starts_with("tel:")
            || address.starts_with("sms:")
            || allowed.contains(&address);
        assert!(ok, "{}: outside address {address:?}", file.display());
    }
    // Scripts and styles are inline, and nothing else can pull content in.
    for s in doc.select(&sel("script")) {
        assert!(s.value().attr("src").is_none());
    }
    for forbidden in [
        "link",
        "iframe",
        "object",
        "embed",
        "base",
        "frame",
        "meta[http-equiv=refresh]",
    ] {
        assert_eq!(
            doc.select(&sel(forbidden)).count(),
            0,
            "{}: <{forbidden}>",
            file.display()
        );
    }
    doc
}

#[test]
fn example_pages_are_self_contained_small_and_well_formed() {
    let out = tempfile::tempdir().unwrap();
    for guide in ["guides/gateway-swap", "guides/fiber-swap"] {
        let dir = root().join(guide);
        let allowed = allowed_online(&dir);
        for file in build_html(&dir, out.path()) {
            if !file
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(guide.rsplit('/').next().unwrap())
            {
                continue;
            }
            let size = fs::metadata(&file).unwrap().len();
            assert!(size < 2 * 1024 * 1024, "{}: {size} bytes", file.display());
            let doc = assert_self_contained(&file, &allowed);
            let lang = doc
                .select(&sel("html"))
                .next()
                .unwrap()
                .value()
                .attr("lang")
                .unwrap()
                .to_string();
            assert!(
                file.to_string_lossy().ends_with(&format!(".{lang}.html")),
                "{lang}"
            );
            assert_eq!(doc.select(&sel("h1")).count(), 1);
            assert!(doc.select(&sel("ol.steps > li.step")).count() >= 7);
            // Every check box has a label.
            for input in doc.select(&sel("input[type=checkbox]")) {
                let labelled = input.value().attr("id").is_some_and(|id| {
                    doc.select(&sel(&format!("label[for=\"{id}\"]"))).count() == 1
                }) || input
                    .ancestors()
                    .any(|a| a.value().as_element().is_some_and(|e| e.name() == "label"));
                assert!(labelled, "{}: unlabelled check box", file.display());
            }
            // Pictures that carry content say what they show; only the
            // logo (next to the provider's name) is decorative.
            for img in doc.select(&sel(".step img, .equipment img")) {
                let alt = img.value().attr("alt").unwrap_or("");
                assert!(
                    alt.trim().len() > 3,
                    "{}: picture without alt text",
                    file.display()
                );
            }
            for th in doc.select(&sel("thead th")) {
                assert_eq!(th.value().attr("scope"), Some("col"));
            }
            // tel: everywhere the phone is, and the sticky call button.
            assert!(doc.select(&sel("a.call[href^=\"tel:+1\"]")).count() == 1);
            // Ids are unique (guide ids never meet the page's own sg_ ids).
            let mut ids = BTreeSet::new();
            for el in doc.select(&sel("[id]")) {
                let id = el.value().attr("id").unwrap();
                assert!(
                    ids.insert(id.to_string()),
                    "{}: id {id} twice",
                    file.display()
                );
            }
            // Exactly one script: swapguide's own.
            assert_eq!(doc.select(&sel("script")).count(), 1);
        }
    }
}

#[test]
fn a_folder_build_writes_an_index_of_every_guide_and_language() {
    let out = tempfile::tempdir().unwrap();
    let run = swapguide(
        &root(),
        &["build", "guides", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let index = fs::read_to_string(out.path().join("index.html")).unwrap();
    let doc = Html::parse_document(&index);
    let hrefs: BTreeSet<String> = doc
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    for f in [
        "gateway-swap.en.html",
        "gateway-swap.en.pdf",
        "gateway-swap.es.html",
        "gateway-swap.es.pdf",
        "fiber-swap.en.html",
        "fiber-swap.en.pdf",
    ] {
        assert!(hrefs.contains(f), "{f} missing from {hrefs:?}");
        assert!(out.path().join(f).is_file());
    }
}

#[test]
fn raw_html_in_markdown_never_reaches_the_page() {
    let out = tempfile::tempdir().unwrap();
    let guide = root().join("tests/fixtures/build/hostile-markdown");
    let files = build_html(&guide, out.path());
    let doc = assert_self_contained(&files[0], &BTreeSet::new());
    assert_eq!(doc.select(&sel("script")).count(), 1);
    assert_eq!(doc.select(&sel("style")).count(), 1);
    for el in doc.select(&sel("*")) {
        for (name, _) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler {name} on <{}>",
                el.value().name()
            );
        }
    }
    let page = fs::read_to_string(&files[0]).unwrap();
    assert!(!page.contains("alert("), "script text leaked");
    // A plain-text field shows its angle brackets as text.
    let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert!(h1.contains("Set up your <b>new</b> gateway"), "{h1}");
}

#[test]
fn customer_values_are_escaped_text() {
    use swapguide::context::Context;
    use swapguide::customer::Customer;
    use swapguide::diag::Sources;
    use swapguide::html::{Cache, Templates, render_html};
    use swapguide::resolve::{Inputs, Overrides, resolve};

    let dir = root().join("tests/fixtures/build/hostile-markdown");
    let mut sources = Sources::default();
    let mut diags = Vec::new();
    let src = swapguide::load::load_guide(&dir, &mut sources, &mut diags);
    let hostile = "<script>alert(3)</script><img src=x onerror=alert(4)> {{ customer.first_name }}";
    let customer = Customer::from_pairs(&[("first_name", hostile)]);
    let ctx = Context::new();
    let words = std::sync::Arc::new(swapguide::words::words_for("en", &src.words).unwrap());
    let inputs = Inputs {
        words: &words,
        id: "hostile",
        folder: src.folder.as_ref().unwrap(),
        file_language: None,
        overrides: Overrides::default(),
        ctx: &ctx,
        fonts: &[],
    };
    let guide = resolve(src.main.guide.as_ref().unwrap(), &inputs, Some(&customer)).unwrap();
    let templates = Templates::load(None).unwrap();
    let page = render_html(&guide, &templates, &ctx, &Cache::default()).unwrap();
    let doc = Html::parse_document(&page);
    assert_eq!(doc.select(&sel("script")).count(), 1);
    assert!(doc.select(&sel("img[src=x]")).next().is_none());
    let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    // Shown as written, never evaluated again as a template.
    assert!(h1.ends_with(hostile), "{h1}");
}

#[test]
fn templates_can_be_overridden_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("brand");
    fs::create_dir(&templates).unwrap();
    fs::write(
        templates.join("style.css"),
        "/* northwind brand */ body { color: #111; }",
    )
    .unwrap();
    let out = dir.path().join("out");
    let guide = root().join("tests/fixtures/build/home-wifi");
    let args = |t: &Path| {
        vec![
            "build".to_string(),
            guide.to_string_lossy().into_owned(),
            "--out".into(),
            out.to_string_lossy().into_owned(),
            "--format".into(),
            "html".into(),
            "--templates".into(),
            t.to_string_lossy().into_owned(),
        ]
    };
    let a = args(&templates);
    let run = swapguide(&root(), &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let page = fs::read_to_string(out.join("home-wifi.en.html")).unwrap();
    assert!(page.contains("/* northwind brand */"));
    // The other files keep their built-in versions.
    assert!(page.contains("data-storage-key=\"swapguide:home-wifi:en:2026-11\""));

    // A template that does not parse is reported, and nothing is written.
    fs::write(templates.join("guide.html"), "{% if %}").unwrap();
    fs::remove_dir_all(&out).unwrap();
    let run = swapguide(&root(), &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("template guide.html"),
        "{}",
        stderr(&run)
    );
    assert!(!out.join("home-wifi.en.html").exists());
}

/// A large-print page is set larger: its root element is marked, and the
/// stylesheet scales every rem-based size from it. The normal page is not.
#[test]
fn a_large_print_page_sets_its_text_larger() {
    let guide = root().join("tests/fixtures/build/home-wifi");
    let out = tempfile::tempdir().unwrap();
    let run = swapguide(
        &root(),
        &[
            "build",
            guide.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--format",
            "html",
            "--large-print",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let large = fs::read_to_string(out.path().join("home-wifi.en.large.html")).unwrap();
    let doc = Html::parse_document(&large);
    let root_element = doc.select(&sel("html")).next().unwrap();
    assert_eq!(root_element.value().attr("class"), Some("large"));
    assert!(large.contains("html.large { font-size: 125%; }"));
    let normal = build_html(&guide, out.path());
    let normal = fs::read_to_string(
        normal
            .iter()
            .find(|p| !p.to_string_lossy().contains(".large"))
            .unwrap(),
    )
    .unwrap();
    let doc = Html::parse_document(&normal);
    assert_eq!(
        doc.select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("class"),
        None
    );
}
