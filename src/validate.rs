//! Check: every semantic rule of the guide format, all problems at once.
//!
//! Runs on the typed model from [`crate::load`]; each rule adds
//! diagnostics and never stops the others.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assets::{self, ImageError, ImageInfo, ImageKind};
use crate::context::Context;
use crate::diag::{Diagnostic, FileId, Sources};
use crate::fonts::{self, Shelf, library::FontProblem};
use crate::lang;
use crate::load::{GuideSource, LoadedFile, nearest};
use crate::markdown::{self, LinkKind};
use crate::memo::Slot;
use crate::model::{Device, GuideFile, Text, TextKind};
use crate::paths::{self, Confined, Folder};
use crate::phone;
use crate::rich;
use crate::template::Template;

/// Most steps a guide may have.
pub const MAX_STEPS: usize = 500;

/// Most minutes a swap may take, in all: a day. More is a typo (steps of
/// 4294967295 and 2 minutes once summed, wrapping, to "About 1 minutes").
pub const MAX_MINUTES: u32 = 24 * 60;

/// Checks a loaded guide folder: each language file, then how the
/// translations agree with `guide.toml`. Pictures and labels are read only
/// through the guide's folder handle, after their paths are confined.
pub fn validate(src: &GuideSource, sources: &Sources, ctx: &Context, diags: &mut Vec<Diagnostic>) {
    let images = ImageCache::for_guide(src);
    let main_language = src.main.language();
    // The fonts `guide.toml` adds serve every language; each language
    // gets its own faces of a collection (Japanese and Chinese draw the
    // same character differently).
    let font_files = src.font_files();
    let mut font_problems: Vec<FontProblem> = Vec::new();
    let mut shelf_for = |language: &str| {
        let Some(folder) = src.folder.as_ref() else {
            return Shelf::NONE;
        };
        let (shelf, problems) = ctx.fonts.shelf(folder, font_files, language);
        for p in problems {
            if !font_problems.contains(&p) {
                font_problems.push(p);
            }
        }
        shelf
    };
    // Decoding photos is the slowest check, and the rules checked
    // meanwhile on this thread (phone numbers, QR codes) the next slowest:
    // every picture is probed on rayon's threads, inside this scope, which
    // ends only when every probe has. A rule that needs a probe not yet
    // started runs it itself; one under way, it waits for.
    rayon::in_place_scope(|scope| {
        images.probe_ahead(scope, ctx);
        for loaded in src.files() {
            let Some(guide) = &loaded.guide else { continue };
            let shelf = shelf_for(&loaded.language());
            let mut check = FileCheck {
                sources,
                file: loaded.file,
                folder: src.folder.as_ref(),
                guide,
                images: &images,
                ctx,
                shelf,
                declared: src
                    .main
                    .guide
                    .as_ref()
                    .and_then(|g| g.customer.as_ref())
                    .map(|c| &c.fields[..]),
                diags,
            };
            check.all(src, loaded, &main_language);
        }
    });
    // Every language the guide is written in needs a complete set of
    // fixed words, shipped or the guide's own.
    let languages: Vec<(String, FileId, Range<usize>)> = src
        .files()
        .filter_map(|f| {
            let guide = f.guide.as_ref()?;
            // A language that is not a tag is reported by the rules.
            if !lang::is_tag(&f.language()) {
                return None;
            }
            let span = guide.guide.language.as_ref().map_or(0..0, |l| l.span());
            Some((f.language(), f.file, span))
        })
        .collect();
    crate::words::catalog::check_words(&languages, &src.words, diags);
    for (language, file, span) in &languages {
        let Ok(words) = crate::words::words_for(language, &src.words) else {
            continue; // reported by check_words
        };
        let shelf = shelf_for(language);
        let samples = words.samples();
        let Some((c, count)) = samples.iter().find_map(|t| {
            fonts::first_unprintable(t, shelf).map(|(_, c, _)| {
                (
                    c,
                    samples
                        .iter()
                        .flat_map(|t| t.chars())
                        .filter(|&x| !fonts::prints(x, shelf))
                        .count(),
                )
            })
        }) else {
            continue;
        };
        diags.push(
            Diagnostic::error(
                *file,
                span.clone(),
                format!(
                    "the words for `{language}` cannot be printed: {} no font swapguide has covers",
                    fonts::describe_unprintable(c, count.saturating_sub(1))
                ),
            )
            .with_label("no font prints this language's words")
            .with_help(fonts::unprintable_help(c))
            .for_pdf_only(),
        );
    }
    font_diagnostics(src, font_problems, diags);
    unused_pictures(src, diags);
    if let Some(main) = &src.main.guide {
        for t in &src.translations {
            if let Some(guide) = &t.guide {
                compare_translation(main, t.file, guide, diags);
            }
        }
    }
}

/// What is wrong with the fonts `[fonts]` or `--font-path` names, and a
/// `[fonts]` or `[customer]` table in a translation (both belong in
/// `guide.toml`).
fn font_diagnostics(src: &GuideSource, problems: Vec<FontProblem>, diags: &mut Vec<Diagnostic>) {
    let files = src.font_files();
    for p in problems {
        let d = match p.entry.and_then(|i| files.get(i)) {
            Some(file) => Diagnostic::error(src.main.file, file.span(), p.message)
                .with_label("this font cannot be used"),
            None => Diagnostic::error_without_location(p.message),
        };
        diags.push(d.with_help(p.help).for_pdf_only());
    }
    for t in &src.translations {
        let Some(guide) = &t.guide else { continue };
        // The tables that serve every language, at their first entry.
        let main_only = [
            (
                guide.fonts.as_ref().map(|f| &f.files),
                "fonts",
                "a translation cannot list fonts",
                "its fonts serve every language, and a collection gives each language its own face",
            ),
            (
                guide.customer.as_ref().map(|c| &c.fields),
                "customer",
                "a translation cannot list customer fields",
                "the fields serve every language",
            ),
        ];
        for (entries, table, message, why) in main_only {
            let Some(entries) = entries else { continue };
            let span = entries.first().map_or(0..0, |f| f.span());
            diags.push(
                Diagnostic::error(t.file, span, message)
                    .with_label(format!("[{table}] belongs in guide.toml"))
                    .with_help(format!("move the [{table}] table to guide.toml: {why}")),
            );
        }
    }
}

/// Pictures in the guide's folder that no page uses: a leftover is often
/// the picture the author meant (`modem-new.png` beside a used
/// `modem-old.png`). Looked for below the folder, a few levels deep,
/// without following links.
fn unused_pictures(src: &GuideSource, diags: &mut Vec<Diagnostic>) {
    let mut used: Vec<PathBuf> = Vec::new();
    for file in src.files() {
        let Some(guide) = &file.guide else { return };
        let label = guide.return_.as_ref().and_then(|r| r.label.as_ref());
        for text in guide.image_paths().chain(label) {
            if let Ok(p) = paths::lexically_inside(text.get_ref()) {
                used.push(p);
            }
        }
    }
    let mut found = Vec::new();
    pictures_below(&src.dir, Path::new(""), 0, &mut found);
    found.sort();
    for picture in found.iter().filter(|p| !used.contains(p)).take(20) {
        diags.push(
            Diagnostic::warning_without_location(format!(
                "{} is in the guide's folder, but no page uses it",
                src.dir.join(picture).display()
            ))
            .with_help("use it where it belongs (did a path name another file?), or delete it"),
        );
    }
}

fn pictures_below(root: &Path, relative: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root.join(relative)) else {
        return;
    };
    for entry in entries.flatten().take(10_000) {
        let name = entry.file_name();
        let Some(name_str) = name.to_str() else {
            continue;
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = relative.join(&name);
        if name_str.starts_with('.') {
            continue;
        }
        if kind.is_dir() && depth < 4 {
            pictures_below(root, &path, depth + 1, found);
        } else if kind.is_file() && ImageKind::from_path(&path).is_some() {
            found.push(path);
        }
    }
}

/// One picture's probe, filled by whichever thread gets to it first.
type Probe = Slot<Result<ImageInfo, ImageError>>;

/// The pictures of one guide, each probed once for all its language files.
struct ImageCache(HashMap<PathBuf, (Confined, Probe)>);

impl ImageCache {
    /// Every picture the guide's files name whose path is confined to its
    /// folder (the others are reported by the rules and never read).
    fn for_guide(src: &GuideSource) -> ImageCache {
        let mut found = HashMap::new();
        let Some(folder) = &src.folder else {
            return ImageCache(found);
        };
        for loaded in src.files() {
            let Some(g) = &loaded.guide else { continue };
            for w in g.image_paths() {
                if let Ok(file) = folder.confine(w.get_ref()) {
                    found
                        .entry(file.path())
                        .or_insert_with(|| (file, Probe::default()));
                }
            }
        }
        ImageCache(found)
    }

    /// Starts every probe in `scope`: JPEGs first, then the largest (a
    /// JPEG is decoded in full and the renderers wait for its pixels, a
    /// PNG only read through, and a photo's decode is not to be left to
    /// the end).
    fn probe_ahead<'s>(&'s self, scope: &rayon::Scope<'s>, ctx: &'s Context) {
        let mut order: Vec<&(Confined, Probe)> = self.0.values().collect();
        order.sort_by_cached_key(|(file, _)| {
            let jpeg = ImageKind::from_path(&file.path()) == Some(ImageKind::Jpeg);
            (!jpeg, std::cmp::Reverse(file.size()), file.path())
        });
        for (file, slot) in order {
            scope.spawn(move |_| {
                // A panic here would end the whole check; caught, it leaves
                // the slot empty for the rule that needs it.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    slot.get_or_init(|| ctx.assets.probe(file));
                }));
            });
        }
    }

    /// The probe of `file`, run here if no thread has started it.
    fn probe(&self, ctx: &Context, file: &Confined) -> Result<ImageInfo, ImageError> {
        match self.0.get(&file.path()) {
            Some((_, slot)) => slot.get_or_init(|| ctx.assets.probe(file)).clone(),
            None => ctx.assets.probe(file),
        }
    }
}

struct FileCheck<'a> {
    sources: &'a Sources,
    file: FileId,
    /// The guide's folder, if it could be opened.
    folder: Option<&'a Arc<Folder>>,
    guide: &'a GuideFile,
    images: &'a ImageCache,
    ctx: &'a Context,
    /// The fonts this file's language may use besides the bundled ones.
    shelf: Shelf,
    /// The customer fields `guide.toml` declares (`[customer] fields`),
    /// if it does: a text may use no other.
    declared: Option<&'a [Text]>,
    diags: &'a mut Vec<Diagnostic>,
}

impl FileCheck<'_> {
    fn all(&mut self, src: &GuideSource, loaded: &LoadedFile, main_language: &str) {
        let first = self.diags.len();
        self.meta(src, loaded, main_language);
        self.provider();
        self.support();
        for device in [&self.guide.equipment.old, &self.guide.equipment.new] {
            self.device(device);
        }
        self.kit_and_lights();
        let mut anchors = self.steps_and_troubleshooting();
        // A translation links with guide.toml's ids: one it misspells is
        // reported once, at the id, not again at every link to it.
        if loaded.file != src.main.file
            && let Some(main) = &src.main.guide
        {
            anchors.extend(
                main.steps
                    .iter()
                    .map(|s| s.id.get_ref().clone())
                    .chain(main.troubleshooting.iter().map(|t| t.id.get_ref().clone())),
            );
        }
        self.markdown_fields(&anchors);
        self.wifi();
        self.return_section();
        self.links_and_print();
        self.templates();
        self.glyphs();
        self.drop_follow_on_errors(first);
    }

    /// A customer value in a fixed field is one mistake: the field's own
    /// checks (an id's form, an image's existence…) would only repeat it.
    fn drop_follow_on_errors(&mut self, first: usize) {
        let fixed: Vec<Range<usize>> = self
            .guide
            .texts()
            .into_iter()
            .filter(|(_, kind, text)| *kind == TextKind::Fixed && has_template(text))
            .map(|(_, _, text)| text.span())
            .collect();
        if fixed.is_empty() {
            return;
        }
        let file = self.file;
        let mut i = first;
        while i < self.diags.len() {
            let d = &self.diags[i];
            let inside = d.location.as_ref().is_some_and(|l| {
                l.file == file
                    && fixed
                        .iter()
                        .any(|f| f.start <= l.span.start && l.span.end <= f.end)
            });
            if inside && !d.message.ends_with("cannot hold a customer value") {
                self.diags.remove(i);
            } else {
                i += 1;
            }
        }
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(self.file, span, message));
        self.diags.last_mut().expect("just pushed")
    }

    fn warning(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::warning(self.file, span, message));
        self.diags.last_mut().expect("just pushed")
    }

    fn meta(&mut self, src: &GuideSource, loaded: &LoadedFile, main_language: &str) {
        let meta = &self.guide.guide;
        match &meta.id {
            Some(id) => {
                if !is_id(id.get_ref()) {
                    self.bad_id(id, "guide id");
                }
            }
            None => {
                let folder = src.folder_name();
                if !is_id(&folder) {
                    self.diags.push(
                        Diagnostic::error_without_location(format!(
                            "the folder name `{folder}` of {} cannot be the guide id",
                            src.dir.display()
                        ))
                        .with_help(
                            "rename the folder using a-z, 0-9 and -, or set id = \"…\" in [guide]",
                        ),
                    );
                }
            }
        }
        let main_id = src
            .main
            .guide
            .as_ref()
            .and_then(|g| g.guide.id.as_ref())
            .map_or_else(|| src.folder_name(), |i| i.get_ref().clone());
        if let Some(id) = meta.id.as_ref()
            && loaded.name_language.is_some()
            && main_id != *id.get_ref()
        {
            let d = self.error(
                id.span(),
                format!(
                    "this translation's id `{}` differs from the guide's id `{main_id}`",
                    id.get_ref(),
                ),
            );
            d.label = "not the same guide id".into();
            d.help = Some(format!(
                "a translation is the same guide: remove this id or write id = \"{main_id}\""
            ));
        }
        if let Some(l) = &meta.language
            && !lang::is_tag(l.get_ref())
        {
            let d = self.error(l.span(), format!("`{}` is not a language tag", l.get_ref()));
            d.label = "expected a BCP 47 tag".into();
            d.help = Some("use a tag like \"en\", \"es\" or \"pt-BR\"".into());
        }
        if let Some(file_lang) = &loaded.name_language {
            let file_name = format!("guide.{file_lang}.toml");
            if !lang::is_tag(file_lang) {
                self.diags.push(
                    Diagnostic::error(
                        self.file,
                        0..0,
                        format!("`{file_name}`: `{file_lang}` is not a language tag"),
                    )
                    .with_label("in this file's name")
                    .with_help("name translations guide.<lang>.toml, like guide.es.toml"),
                );
            }
            match &meta.language {
                Some(l) if !lang::same(l.get_ref(), file_lang) => {
                    let d = self.error(
                        l.span(),
                        format!(
                            "language `{}` does not match the file name `{file_name}`",
                            l.get_ref()
                        ),
                    );
                    d.label = format!("expected \"{file_lang}\"");
                    d.help = Some(format!("set language = \"{file_lang}\" or rename the file"));
                }
                _ => {}
            }
            if lang::same(file_lang, main_language) {
                self.diags.push(
                    Diagnostic::error(
                        self.file,
                        0..0,
                        format!("`{file_name}` has the same language as guide.toml"),
                    )
                    .with_label("a second file for one language")
                    .with_help(
                        "a translation must be in another language; delete or rename one of them",
                    ),
                );
            }
        }
        if let Some(m) = &meta.minutes {
            if *m.get_ref() == 0 {
                self.error(m.span(), "`minutes` must be at least 1").label = "zero".into();
            } else if *m.get_ref() > MAX_MINUTES {
                let d = self.error(
                    m.span(),
                    format!(
                        "`minutes` is {}, more than a day; at most {MAX_MINUTES} minutes (24 hours)",
                        m.get_ref()
                    ),
                );
                d.label = "more than a day".into();
                d.help =
                    Some("write how long the whole swap takes the customer, in minutes".into());
            }
        }
    }

    fn bad_id(&mut self, id: &Text, what: &str) {
        let suggestion = to_id(id.get_ref());
        let d = self.error(
            id.span(),
            format!("`{}` is not a valid {what}", id.get_ref()),
        );
        d.label = "ids use only a-z, 0-9 and -".into();
        d.help = Some(if suggestion.is_empty() {
            "use lowercase letters, digits and hyphens, like \"unplug-old\"".into()
        } else {
            format!("use lowercase letters, digits and hyphens, like \"{suggestion}\"")
        });
    }

    fn provider(&mut self) {
        let p = &self.guide.provider;
        if let Some(logo) = &p.logo {
            self.image(logo);
        }
        if let Some(accent) = &p.accent {
            self.colour(accent);
        }
        if let Some(site) = &p.website {
            self.web_address(site);
        }
    }

    fn support(&mut self) {
        let region = self
            .guide
            .guide
            .language
            .as_ref()
            .and_then(|l| lang::region(l.get_ref()).map(str::to_owned));
        let s = &self.guide.support;
        self.phone(&s.phone, region.as_deref());
        if let Some(sms) = &s.sms {
            self.phone(sms, region.as_deref());
            if let Ok(phone::Phone {
                extension: Some(ext),
                ..
            }) = self.ctx.phones.normalise(sms.get_ref(), region.as_deref())
            {
                let d = self.error(
                    sms.span(),
                    format!("a text message cannot reach the extension {ext}"),
                );
                d.label = "texts go to the number alone".into();
                d.help = Some("write the number without its extension for `sms`".into());
            }
        }
        if let Some(tty) = &s.tty
            && !phone::is_service_code(tty.get_ref())
        {
            self.phone(tty, region.as_deref());
        }
    }

    fn phone(&mut self, number: &Text, region: Option<&str>) {
        if let Err(why) = self.ctx.phones.normalise(number.get_ref(), region) {
            let too_long = why.contains("too many");
            let d = self.error(number.span(), why);
            d.label = "customers must be able to dial this".into();
            d.help = Some(if too_long {
                "check the last digits: the number is longer than numbers in its country".into()
            } else {
                "write the full number with its country code, like \"+1 800 555 0199\"".into()
            });
        }
    }

    fn colour(&mut self, c: &Text) {
        let v = c.get_ref();
        let ok =
            v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            let d = self.error(c.span(), format!("`{v}` is not a colour"));
            d.label = "expected #rrggbb".into();
            d.help = Some("write six hexadecimal digits after #, like \"#0B5FFF\"".into());
        }
    }

    fn web_address(&mut self, url: &Text) {
        if markdown::link_kind(url.get_ref()) != LinkKind::Web {
            let d = self.error(
                url.span(),
                format!("`{}` is not a web address", url.get_ref()),
            );
            d.label = "expected https://…".into();
            d.help = Some("write the full address, starting with https://".into());
        }
    }

    fn device(&mut self, device: &Device) {
        self.image_with_alt(device.image.as_ref(), device.alt.as_ref());
    }

    fn image_with_alt(&mut self, image: Option<&Text>, alt: Option<&Text>) {
        match (image, alt) {
            (Some(image), alt) => {
                self.image(image);
                if alt.is_none_or(|a| a.get_ref().trim().is_empty()) {
                    let d = self.error(image.span(), "this image has no `alt` text");
                    d.label = "add alt = \"…\" next to it".into();
                    d.help = Some("describe the picture in words for readers who cannot see it, like alt = \"A white gateway with one light on top\"".into());
                }
            }
            (None, Some(alt)) => {
                let d = self.warning(alt.span(), "`alt` without an `image` is never shown");
                d.label = "no image here".into();
                d.help = Some("add image = \"img/….png\" or remove alt".into());
            }
            (None, None) => {}
        }
    }

    fn image(&mut self, path: &Text) {
        let written = path.get_ref();
        let Some(folder) = self.folder else { return };
        let resolved = match folder.confine(written) {
            Ok(p) => p,
            Err(e) => {
                let (what, fix) = e.explain(written);
                let near = match e {
                    paths::PathError::Missing => folder.nearest_file(written),
                    _ => None,
                };
                let d = self.error(path.span(), format!("image {what}"));
                d.label = "paths are relative to the guide's folder".into();
                d.help = Some(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => fix,
                });
                return;
            }
        };
        if let Err(why) = self.images.probe(self.ctx, &resolved) {
            let d = self.error(path.span(), format!("image `{written}` {why}"));
            d.label = "cannot use this image".into();
            d.help = Some(
                match why {
                    ImageError::TooLarge(_) => {
                        "scale the picture down (2000 pixels across prints sharp) and save it again"
                    }
                    ImageError::Unreadable(_) => {
                        "use a PNG, JPEG or SVG file that opens in an image viewer"
                    }
                }
                .into(),
            );
        }
    }

    fn kit_and_lights(&mut self) {
        for item in &self.guide.kit {
            if let Some(q) = &item.quantity
                && *q.get_ref() == 0
            {
                self.error(q.span(), "`quantity` must be at least 1").label = "zero".into();
            }
        }
        for light in &self.guide.lights {
            if let Some(c) = &light.colour {
                self.colour(c);
            }
        }
    }

    /// Checks ids and returns every id a `#link` may name.
    fn steps_and_troubleshooting(&mut self) -> Vec<String> {
        let g = self.guide;
        if g.steps.is_empty() {
            let d = Diagnostic::error(self.file, 0..0, "a guide needs at least one step")
                .with_label("no [[steps]] here")
                .with_help("add a step:\n\n[[steps]]\nid = \"unplug-old\"\ntitle = \"Unplug the old gateway\"\n");
            self.diags.push(d);
        }
        if g.steps.len() > MAX_STEPS {
            let span = g.steps[MAX_STEPS].id.span();
            self.error(
                span,
                format!(
                    "a guide may have at most {MAX_STEPS} steps; this one has {}",
                    g.steps.len()
                ),
            )
            .help = Some("split it into several guides".into());
        }
        let mut seen: BTreeMap<&str, Range<usize>> = BTreeMap::new();
        let ids = g.steps.iter().map(|s| (&s.id, "step id")).chain(
            g.troubleshooting
                .iter()
                .map(|t| (&t.id, "troubleshooting id")),
        );
        for (id, what) in ids {
            if !is_id(id.get_ref()) {
                self.bad_id(id, what);
            }
            if crate::model::SECTION_ANCHORS.contains(&id.get_ref().as_str()) {
                let d = self.error(
                    id.span(),
                    format!(
                        "`{}` is the name of a section: a link to `#{}` goes there",
                        id.get_ref(),
                        id.get_ref()
                    ),
                );
                d.label = "reserved for a section".into();
                d.help = Some(format!(
                    "choose another {what}, such as `{}-step`; the section names are {}",
                    id.get_ref(),
                    crate::model::SECTION_ANCHORS.join(", ")
                ));
            }
            if let Some(first) = seen.get(id.get_ref().as_str()) {
                let (line, _) = self.sources.line_col(self.file, first.start);
                let d = self.error(id.span(), format!("id `{}` is used twice", id.get_ref()));
                d.label = format!("first used on line {line}");
                d.help = Some("every step and troubleshooting entry needs its own id".into());
            } else {
                seen.insert(id.get_ref(), id.span());
            }
        }
        for step in &g.steps {
            self.image_with_alt(step.image.as_ref(), step.alt.as_ref());
        }
        self.step_minutes();
        seen.keys()
            .map(|k| k.to_string())
            .chain(g.sections().into_iter().map(String::from))
            .collect()
    }

    /// Each step's minutes are at least 1, and all of them together at
    /// most [`MAX_MINUTES`]: the step that takes the total past it is the
    /// error (its typo, usually; later steps are not blamed again).
    fn step_minutes(&mut self) {
        // u64, and saturating: no count of steps wraps the total round to
        // a small one.
        let mut total: u64 = 0;
        let mut past_a_day = false;
        for m in self.guide.steps.iter().filter_map(|s| s.minutes.as_ref()) {
            let minutes = *m.get_ref();
            if minutes == 0 {
                self.error(m.span(), "`minutes` must be at least 1").label = "zero".into();
            }
            total = total.saturating_add(u64::from(minutes));
            if total > u64::from(MAX_MINUTES) && !past_a_day {
                past_a_day = true;
                let d = self.error(
                    m.span(),
                    format!(
                        "the steps take {total} minutes up to this one, more than a day; at most {MAX_MINUTES} minutes (24 hours) in all"
                    ),
                );
                d.label = format!("{minutes} minutes");
                d.help = Some(
                    "write how long this step takes the customer, in minutes; the steps' minutes add up to the time on the cover".into(),
                );
            }
        }
    }

    fn markdown_fields(&mut self, anchors: &[String]) {
        let texts: Vec<&Text> = self
            .guide
            .texts()
            .into_iter()
            .filter(|(_, kind, _)| *kind == TextKind::Markdown)
            .map(|(_, _, t)| t)
            .collect();
        for text in texts {
            self.markdown(text, anchors);
        }
    }

    fn markdown(&mut self, text: &Text, anchors: &[String]) {
        let scan = markdown::scan(text.get_ref());
        for (dest, range) in &scan.links {
            let span = self.inner_span(text, range.clone());
            match markdown::link_kind(dest) {
                LinkKind::Anchor(id) => {
                    if !anchors.iter().any(|a| a == id) {
                        let known: Vec<&str> = anchors.iter().map(String::as_str).collect();
                        let section = crate::model::SECTION_ANCHORS.contains(&id);
                        let d = self.error(
                            span,
                            if section {
                                format!("link `#{id}` names a section this guide does not print")
                            } else {
                                format!(
                                    "link `#{id}` names no step, troubleshooting entry or section"
                                )
                            },
                        );
                        d.label = match nearest(id, &known) {
                            Some(n) if !section => format!("did you mean `#{n}`?"),
                            _ if section => "no such section here".into(),
                            _ => "no such id".into(),
                        };
                        d.help = Some(format!("link to one of: {}", list_or_none(&known)));
                    }
                }
                LinkKind::Phone => {}
                LinkKind::Web => self.web_link_warning(span),
                LinkKind::Other => {
                    let d = self.error(
                        span,
                        format!("link `{dest}` cannot be followed from a printed or offline guide"),
                    );
                    d.label = "unsupported link".into();
                    d.help = Some("link to a step with (#step-id), a section with (#wifi), a phone with (tel:+18005550199), or put web pages in [[links]]".into());
                }
            }
        }
        for range in &scan.images {
            let span = self.inner_span(text, range.clone());
            let d = self.error(span, "images cannot be placed inside Markdown");
            d.label = "Markdown image".into();
            d.help = Some("use the step's image = \"img/….png\" and alt = \"…\" keys".into());
        }
        for range in &scan.raw_html {
            let span = self.inner_span(text, range.clone());
            let d = self.warning(
                span,
                "raw HTML is not allowed: its tags are left out of the PDF and the HTML page",
            );
            d.label = "HTML".into();
            d.help = Some("use Markdown instead: **bold**, _italic_, lists, tables".into());
        }
        for range in &scan.bare_urls {
            let span = self.inner_span(text, range.clone());
            self.web_link_warning(span);
        }
    }

    fn web_link_warning(&mut self, span: Range<usize>) {
        let d = self.warning(
            span,
            "this sends the reader to the web, but their internet may be down during the swap",
        );
        d.label = "needs the internet".into();
        d.help = Some("describe the offline way here (or the support phone), and move online extras to [[links]]".into());
    }

    fn wifi(&mut self) {
        let Some(w) = &self.guide.wifi else { return };
        let security = w.security.as_ref().map_or("WPA", |s| s.get_ref().as_str());
        if let Some(s) = &w.security
            && !["WPA", "WEP", "nopass"].contains(&security)
        {
            let d = self.error(
                s.span(),
                format!("`{security}` is not a Wi-Fi security type"),
            );
            d.label = "expected WPA, WEP or nopass".into();
            d.help = Some(
                "use \"WPA\" (also for WPA2 and WPA3), \"WEP\", or \"nopass\" for an open network"
                    .into(),
            );
        }
        match (&w.password, security) {
            (None, "WPA" | "WEP") => {
                let d = self.error(w.ssid.span(), "[wifi] has no `password`");
                d.label = "this network needs a password".into();
                d.help = Some("add password = \"{{ customer.wifi_password }}\", or security = \"nopass\" for an open network".into());
            }
            (Some(p), "nopass") => {
                self.warning(p.span(), "`password` is ignored with security = \"nopass\"")
                    .label = "not used".into();
            }
            (Some(p), "WPA") if !has_template(p) => {
                let n = p.get_ref().chars().count();
                if !(8..=63).contains(&n) {
                    let d = self.error(
                        p.span(),
                        format!("a WPA password has 8 to 63 characters; this one has {n}"),
                    );
                    d.label = "phones will refuse it".into();
                    d.help = Some("check the password on the gateway's sticker".into());
                }
            }
            _ => {}
        }
        for (text, what) in [(Some(&w.ssid), "name"), (w.password.as_ref(), "password")] {
            if let Some(text) = text
                && !has_template(text)
                && let Some(why) = crate::resolve::unjoinable(text.get_ref(), what)
            {
                let d = self.error(text.span(), why);
                d.label = "phones cannot join this".into();
            }
        }
        if !has_template(&w.ssid) {
            let n = w.ssid.get_ref().len();
            if n == 0 || n > 32 {
                let d = self.error(
                    w.ssid.span(),
                    format!("a Wi-Fi name has 1 to 32 bytes; this one has {n}"),
                );
                d.label = "not a valid network name".into();
            }
        }
        if w.fallback.is_none()
            && (has_template(&w.ssid) || w.password.as_ref().is_some_and(has_template))
        {
            let d = self.warning(
                w.ssid.span(),
                "[wifi] has no `fallback` for guides printed without customer data",
            );
            d.label = "filled per customer".into();
            d.help = Some("add fallback = \"Your Wi-Fi name and password are on the sticker under the gateway.\"".into());
        }
    }

    fn return_section(&mut self) {
        let Some(r) = &self.guide.return_ else { return };
        if let Some(d) = &r.deadline_days
            && *d.get_ref() == 0
        {
            self.error(d.span(), "`deadline_days` must be at least 1")
                .label = "zero".into();
        }
        if let Some(label) = &r.label
            && !has_template(label)
        {
            self.label_file(label);
        }
        if let Some(code) = &r.counter_code {
            self.qr_payload(
                code,
                "shorten the code: the carrier scans it at the counter",
            );
        }
    }

    /// A text printed as a QR code must fit one that scans from paper
    /// (a customer value is checked per customer when it is filled).
    fn qr_payload(&mut self, text: &Text, fix: &str) {
        if has_template(text) {
            return;
        }
        if let Err(why) = self.ctx.codes.qr(text.get_ref()) {
            let d = self.error(text.span(), why);
            d.label = "too long for a QR code".into();
            d.help = Some(fix.into());
        }
    }

    /// Control characters are left out of the outputs, and a character no
    /// font prints is an error (never a replacement mark on paper): say so
    /// once per value, pointing at the first of them.
    fn glyphs(&mut self) {
        for (key, kind, text) in self.guide.texts() {
            let value = text.get_ref();
            // A \r before \n is a line end in a file saved on Windows.
            let hidden = value.char_indices().find(|&(at, c)| {
                rich::is_hidden_control(c) && !(c == '\r' && value[at + 1..].starts_with('\n'))
            });
            if kind != TextKind::Plain && kind != TextKind::Markdown {
                // Numbers, addresses, ids and paths are used as written:
                // a control there could make them display as something
                // else than what they do.
                if let Some((at, c)) = hidden {
                    let span = self.inner_span(text, at..at + c.len_utf8());
                    let d = self.error(
                        span,
                        format!("control character U+{:04X} in `{key}`", c as u32),
                    );
                    d.label = "not allowed here".into();
                    d.help = Some(
                        "delete it: write the value with letters, digits and punctuation".into(),
                    );
                }
                continue;
            }
            if let Some((at, c)) = hidden {
                let span = self.inner_span(text, at..at + c.len_utf8());
                let d = self.warning(
                    span,
                    format!("control character U+{:04X} in text", c as u32),
                );
                d.label = "not printed".into();
                d.help = Some("delete it: text may hold letters, spaces, tabs and newlines".into());
            }
            if key == "alt" {
                // Alt text is only in the HTML page, which keeps every character.
                continue;
            }
            let Some((at, first, others)) = fonts::first_unprintable(value, self.shelf) else {
                continue;
            };
            let span = self.inner_span(text, at..at + first.len_utf8());
            let d = self.error(
                span,
                format!(
                    "{} cannot be printed: no font swapguide has covers it",
                    fonts::describe_unprintable(first, others)
                ),
            );
            d.label = "no font prints this".into();
            d.help = Some(fonts::unprintable_help(first));
            d.only_pdf = true;
        }
    }

    /// A guide-wide prepaid label (a fixed path rather than a template).
    fn label_file(&mut self, label: &Text) {
        let written = label.get_ref();
        let Some(folder) = self.folder else { return };
        let path = match folder.confine(written) {
            Ok(p) => p,
            Err(e) => {
                let (what, fix) = e.explain(written);
                let d = self.error(label.span(), format!("label {what}"));
                d.label = "paths are relative to the guide's folder".into();
                d.help = Some(fix);
                return;
            }
        };
        let kind = ImageKind::from_path(path.relative());
        let problem = if assets::is_pdf(path.relative()) {
            match assets::read(&path) {
                Ok(bytes) => assets::label::page_box(&bytes).err(),
                Err(e) => Some(e.into()),
            }
        } else if kind == Some(ImageKind::Svg) {
            Some("is an SVG; a label must be a PDF, PNG or JPEG file".to_string())
        } else if kind.is_none() {
            Some("is not a PDF, PNG or JPEG file (by its extension)".to_string())
        } else {
            self.ctx.assets.probe(&path).err().map(String::from)
        };
        if let Some(why) = problem {
            let d = self.error(label.span(), format!("label `{written}` {why}"));
            d.label = "cannot use this label".into();
            d.help = Some("use the carrier's label file as downloaded: PDF, PNG or JPEG".into());
        }
    }

    fn links_and_print(&mut self) {
        for link in &self.guide.links {
            self.web_address(&link.url);
            self.qr_payload(
                &link.url,
                "shorten the address: the code is printed for the reader to scan",
            );
        }
        if let Some(paper) = self.guide.print.as_ref().and_then(|p| p.paper.as_ref())
            && !["letter", "a4"].contains(&paper.get_ref().as_str())
        {
            let d = self.error(
                paper.span(),
                format!("`{}` is not a paper size", paper.get_ref()),
            );
            d.label = "expected letter or a4".into();
            d.help = Some("use paper = \"letter\" or paper = \"a4\"".into());
        }
    }

    /// Every string: expressions must parse, and may only stand where a
    /// value can come from a customer.
    fn templates(&mut self) {
        for (key, kind, text) in self.guide.texts() {
            let errors = Template::errors(text.get_ref());
            for e in &errors {
                let span = self.inner_span(text, e.range.clone());
                let d = self.error(span, e.message.clone());
                d.label = "cannot read this expression".into();
                d.help = Some(e.help.clone());
            }
            if !errors.is_empty() {
                continue;
            }
            match Template::parse(text.get_ref()) {
                Err(_) => {}
                Ok(t) if t.has_fields() && kind == TextKind::Fixed => {
                    let d =
                        self.error(text.span(), format!("`{key}` cannot hold a customer value"));
                    d.label = "must be known when the guide is written".into();
                    d.help = Some(format!(
                        "write the value itself, as in {key} = \"…\"; customer values may stand only in text such as titles, bodies and Wi-Fi details"
                    ));
                }
                Ok(t) => self.declared_fields(text, &t),
            }
        }
    }

    /// With `[customer] fields`, every field a text uses must be one of
    /// them: a misspelt field is caught without a customer file.
    fn declared_fields(&mut self, text: &Text, template: &Template) {
        let Some(declared) = self.declared else {
            return;
        };
        let names: Vec<&str> = declared.iter().map(|f| f.get_ref().as_str()).collect();
        for piece in &template.pieces {
            let crate::template::Piece::Field { column, range } = piece else {
                continue;
            };
            if names.contains(&column.as_str()) {
                continue;
            }
            let span = self.inner_span(text, range.clone());
            let d = self.error(
                span,
                format!("`customer.{column}` is not one of the fields [customer] lists"),
            );
            d.label = "not a declared customer field".into();
            d.help = Some(match crate::load::nearest(column, &names) {
                Some(near) => format!("did you mean `{{{{ customer.{near} }}}}`?"),
                None => format!(
                    "add \"{column}\" to fields = [...] under [customer] in guide.toml, if the customer file has that column"
                ),
            });
        }
    }

    /// Maps a byte range inside a string's value to the source, when the
    /// literal holds the value verbatim (no escapes); else the whole literal.
    fn inner_span(&self, text: &Text, inner: Range<usize>) -> Range<usize> {
        let span = text.span();
        let source = self.sources.text(self.file);
        let Some(raw) = source.get(span.clone()) else {
            return span;
        };
        let delimiter = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|d| raw.starts_with(d) && raw.ends_with(d) && raw.len() >= 2 * d.len());
        let Some(delimiter) = delimiter else {
            return span;
        };
        let mut start = span.start + delimiter.len();
        let end = span.end - delimiter.len();
        if delimiter.len() == 3 {
            // A newline right after the opening quotes is not part of the value.
            if source[start..].starts_with("\r\n") {
                start += 2;
            } else if source[start..].starts_with('\n') {
                start += 1;
            }
        }
        if start > end {
            return span;
        }
        let body = &source[start..end];
        if body == text.get_ref() {
            return start + inner.start..start + inner.end;
        }
        // A basic string with escapes: decode it, remembering where each
        // byte of the value came from.
        if delimiter.starts_with('"')
            && let Some((value, at)) = decode_basic(body)
            && value == *text.get_ref()
            && inner.end <= value.len()
        {
            return start + at[inner.start]..start + at[inner.end];
        }
        span
    }
}

/// Decodes the inside of a TOML basic string. Returns the value and, for
/// each byte of it (and one past the end), its offset in `body`.
fn decode_basic(body: &str) -> Option<(String, Vec<usize>)> {
    let mut value = String::with_capacity(body.len());
    let mut at = Vec::with_capacity(body.len() + 1);
    let mut chars = body.char_indices().peekable();
    let push = |value: &mut String, at: &mut Vec<usize>, c: char, from: usize| {
        for _ in 0..c.len_utf8() {
            at.push(from);
        }
        value.push(c);
    };
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            push(&mut value, &mut at, c, i);
            continue;
        }
        let (_, e) = chars.next()?;
        let decoded = match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'e' => '\u{1b}',
            '"' => '"',
            '\\' => '\\',
            'u' | 'U' => {
                let n = if e == 'u' { 4 } else { 8 };
                let mut hex = String::new();
                for _ in 0..n {
                    hex.push(chars.next()?.1);
                }
                char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
            }
            c if c.is_whitespace() => {
                // A line-ending backslash: skip the newline and the
                // whitespace that follows.
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
                continue;
            }
            _ => return None,
        };
        push(&mut value, &mut at, decoded, i);
    }
    at.push(body.len());
    Some((value, at))
}

/// `[a-z0-9-]+`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A valid id close to what was written: `Unplug Old` → `unplug-old`.
fn to_id(s: &str) -> String {
    let mapped: String = s
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    mapped
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn has_template(t: &Text) -> bool {
    Template::parse(t.get_ref()).is_ok_and(|t| t.has_fields())
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "(this guide has no ids)".into()
    } else {
        items.join(", ")
    }
}

/// Reports where a translation's steps, troubleshooting entries or images
/// differ from `guide.toml`.
fn compare_translation(main: &GuideFile, file: FileId, t: &GuideFile, diags: &mut Vec<Diagnostic>) {
    let main_steps: Vec<&str> = main.steps.iter().map(|s| s.id.get_ref().as_str()).collect();
    let t_steps: Vec<&Text> = t.steps.iter().map(|s| &s.id).collect();
    compare_ids("step", &main_steps, &t_steps, file, diags);
    let main_trouble: Vec<&str> = main
        .troubleshooting
        .iter()
        .map(|s| s.id.get_ref().as_str())
        .collect();
    let t_trouble: Vec<&Text> = t.troubleshooting.iter().map(|s| &s.id).collect();
    compare_ids(
        "troubleshooting entry",
        &main_trouble,
        &t_trouble,
        file,
        diags,
    );

    let mut images = vec![
        ImagePair::new(
            "the provider logo",
            &main.provider.logo,
            &t.provider.logo,
            &t.provider.name,
        ),
        ImagePair::new(
            "the old equipment's image",
            &main.equipment.old.image,
            &t.equipment.old.image,
            &t.equipment.old.name,
        ),
        ImagePair::new(
            "the new equipment's image",
            &main.equipment.new.image,
            &t.equipment.new.image,
            &t.equipment.new.name,
        ),
    ];
    for step in &t.steps {
        if let Some(m) = main
            .steps
            .iter()
            .find(|m| m.id.get_ref() == step.id.get_ref())
        {
            let what = format!("step `{}`'s image", step.id.get_ref());
            let mut pair = ImagePair::new(&what, &m.image, &step.image, &step.id);
            // A step may show a screen in the translation's language.
            pair.own_allowed = true;
            images.push(pair);
        }
    }
    for ImagePair {
        what,
        main: main_image,
        translation: t_image,
        fallback,
        own_allowed,
    } in images
    {
        if own_allowed && main_image.is_some() && t_image.is_some() {
            continue;
        }
        let a = main_image.map(|i| i.get_ref().as_str());
        let b = t_image.map(|i| i.get_ref().as_str());
        // `img/./a.png` and `img/a.png` are the same file.
        let same = match (a, b) {
            (Some(a), Some(b)) => {
                paths::lexically_inside(a).ok() == paths::lexically_inside(b).ok()
            }
            (a, b) => a == b,
        };
        if !same {
            let span = t_image.map_or(fallback, |i| i.span());
            let message = match (a, b) {
                (Some(_), None) => format!("{what} is missing; guide.toml has one"),
                (None, Some(_)) => format!("{what} is not in guide.toml"),
                _ => format!("{what} differs from guide.toml"),
            };
            diags.push(
                Diagnostic::error(file, span, message)
                    .with_label(format!("guide.toml has {}", a.map_or("no image".into(), |a| format!("\"{a}\""))))
                    .with_help("a translation uses guide.toml's logo and equipment pictures, and has a picture for every step that has one there (a step's may be its own, such as a screen in its language)"),
            );
        }
    }
}

/// The same image slot in `guide.toml` and in a translation.
struct ImagePair<'a> {
    what: String,
    main: Option<&'a Text>,
    translation: Option<&'a Text>,
    /// Where to point when the translation has no image there.
    fallback: Range<usize>,
    /// The translation may use a picture of its own here (a step's
    /// localised screen), as long as it has one where guide.toml does.
    own_allowed: bool,
}

impl<'a> ImagePair<'a> {
    fn new(
        what: &str,
        main: &'a Option<Text>,
        translation: &'a Option<Text>,
        owner: &Text,
    ) -> Self {
        ImagePair {
            what: what.to_string(),
            main: main.as_ref(),
            translation: translation.as_ref(),
            fallback: owner.span(),
            own_allowed: false,
        }
    }
}

fn compare_ids(what: &str, main: &[&str], t: &[&Text], file: FileId, diags: &mut Vec<Diagnostic>) {
    let anchor = t.first().map_or(0..0, |id| id.span());
    let missing: Vec<&str> = main
        .iter()
        .copied()
        .filter(|m| !t.iter().any(|x| x.get_ref() == m))
        .collect();
    // A misspelt id is one mistake: reported once, at the id, with the
    // one guide.toml has that this file lacks.
    let mut misspelt: Vec<&str> = Vec::new();
    for id in t {
        if !main.contains(&id.get_ref().as_str()) {
            let unclaimed: Vec<&str> = missing
                .iter()
                .copied()
                .filter(|m| !misspelt.contains(m))
                .collect();
            if let Some(meant) = crate::load::nearest(id.get_ref(), &unclaimed) {
                misspelt.push(meant);
                diags.push(
                    Diagnostic::error(
                        file,
                        id.span(),
                        format!(
                            "{what} `{}` is not in guide.toml; it has `{meant}`, which this translation lacks",
                            id.get_ref()
                        ),
                    )
                    .with_label(format!("did you mean `{meant}`?"))
                    .with_help(format!("use guide.toml's id: id = \"{meant}\"")),
                );
                continue;
            }
            diags.push(
                Diagnostic::error(
                    file,
                    id.span(),
                    format!("{what} `{}` is not in guide.toml", id.get_ref()),
                )
                .with_label("unknown in the default language")
                .with_help(format!(
                    "use the same ids as guide.toml: {}",
                    list_or_none(main)
                )),
            );
        }
    }
    for id in missing {
        if !misspelt.contains(&id) {
            diags.push(
                Diagnostic::error(
                    file,
                    anchor.clone(),
                    format!("{what} `{id}` from guide.toml is missing in this translation"),
                )
                .with_label(format!("no {what} `{id}` in this file"))
                .with_help(format!(
                    "translate the {what} `{id}` here, with the same id"
                )),
            );
        }
    }
    let common_main: Vec<&str> = main
        .iter()
        .copied()
        .filter(|m| t.iter().any(|x| x.get_ref() == m))
        .collect();
    let common_t: Vec<&Text> = t
        .iter()
        .copied()
        .filter(|x| main.contains(&x.get_ref().as_str()))
        .collect();
    if let Some((pos, id)) = common_t
        .iter()
        .enumerate()
        .find(|(i, x)| x.get_ref() != common_main[*i])
    {
        diags.push(
            Diagnostic::error(
                file,
                id.span(),
                format!("{what} ids are in a different order than in guide.toml"),
            )
            .with_label(format!("guide.toml has `{}` here", common_main[pos]))
            .with_help(format!("keep the order of guide.toml: {}", main.join(", "))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rules() {
        assert!(is_id("unplug-old"));
        assert!(is_id("step2"));
        assert!(!is_id("Unplug"));
        assert!(!is_id("un_plug"));
        assert!(!is_id(""));
        assert!(!is_id("café"));
        assert_eq!(to_id("Unplug the OLD box!"), "unplug-the-old-box");
    }
}
