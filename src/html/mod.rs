//! Render: a resolved [`Guide`] → one self-contained HTML page.
//!
//! The page is a tera template (`templates/html/guide.html`, compiled into
//! the binary; `--templates DIR` overrides it file by file). The template
//! gets a view of the guide in which every text is either plain (tera
//! escapes it: autoescaping is on) or HTML written by [`rich`], which
//! escapes all text itself. Styles, script, pictures and QR codes are all
//! inline: the page makes no request to any other address.

pub(crate) mod assets;
pub(crate) mod limits;
pub(crate) mod rich;

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::context::Context;
use crate::resolve::{Guide, Image, Rgb};
use crate::rich as text;

pub use assets::Cache;
use assets::{DataImage, qr_svg};
use rich::Writer;

/// The default templates, compiled in so an installed binary works
/// anywhere.
pub const TEMPLATES: [(&str, &str); 4] = [
    (
        "guide.html",
        include_str!("../../templates/html/guide.html"),
    ),
    (
        "index.html",
        include_str!("../../templates/html/index.html"),
    ),
    ("style.css", include_str!("../../templates/html/style.css")),
    ("script.js", include_str!("../../templates/html/script.js")),
];

/// The templates a build uses: the defaults, each replaced by a file of
/// the same name in `dir` if there is one.
pub struct Templates {
    tera: tera::Tera,
    css: String,
    js: String,
}

impl Templates {
    /// Loads the templates, reading overrides from `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Templates, String> {
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(format!("--templates {}: no such folder", d.display()));
        }
        let mut files: HashMap<&str, String> = HashMap::new();
        for (name, default) in TEMPLATES {
            let text = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?,
                None => default.to_string(),
            };
            files.insert(name, text);
        }
        let mut tera = tera::Tera::new();
        // A budget for range() over the whole page, not per call.
        tera.register_function("range", limits::range);
        // Autoescaping is on for .html templates: a value is text unless
        // the template marks it `| safe` (only HTML this module wrote).
        tera.autoescape_on([".html"]);
        for name in ["guide.html", "index.html"] {
            tera.add_raw_template(name, &files[name])
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        Ok(Templates {
            tera,
            css: files.remove("style.css").unwrap_or_default(),
            js: files.remove("script.js").unwrap_or_default(),
        })
    }

    fn render(&self, name: &str, view: &impl Serialize) -> Result<String, String> {
        let mut context = tera::Context::new();
        context.insert("page", view);
        context.insert("css", &tera::Value::safe_string(&self.css));
        context.insert("js", &tera::Value::safe_string(&self.js));
        limits::start_page();
        let mut page = limits::Page::default();
        let rendered = self.tera.render_to(name, &context, &mut page);
        match rendered {
            Err(_) if page.full => Err(format!("template {name}: {}", limits::too_big())),
            Err(e) => Err(format!("template {name}: {e}")),
            Ok(()) => String::from_utf8(page.bytes).map_err(|e| format!("template {name}: {e}")),
        }
    }
}

#[derive(Serialize)]
struct View<'a> {
    id: &'a str,
    lang: &'a str,
    /// `rtl` for a language written right to left, else `ltr`.
    dir: &'static str,
    /// Large print: the page's text a quarter larger.
    large: bool,
    storage_key: String,
    title: String,
    title_html: String,
    subtitle_html: Option<String>,
    intro_html: String,
    minutes: Option<String>,
    accent: String,
    accent_text: String,
    provider: ProviderView<'a>,
    support: SupportView,
    kit: Vec<String>,
    old: DeviceView,
    new: DeviceView,
    steps: Vec<StepView>,
    lights: Vec<LightView>,
    wifi: Option<WifiView>,
    troubleshooting: Vec<TroubleView>,
    return_: Option<ReturnView>,
    links: Vec<LinkView>,
    words: &'a crate::words::Words,
}

#[derive(Serialize)]
struct ProviderView<'a> {
    name: &'a str,
    /// False when the logo spells the name (it is the logo's alt text).
    show_name: bool,
    logo: Option<DataImage>,
    website: Option<&'a str>,
}

#[derive(Serialize)]
struct SupportView {
    phone: String,
    tel: String,
    tel_qr: String,
    hours_html: String,
    note_html: Option<String>,
    sms: Option<(String, String)>,
    tty: Option<String>,
}

#[derive(Serialize)]
struct DeviceView {
    name_html: String,
    model_html: Option<String>,
    image: Option<Picture>,
}

#[derive(Serialize)]
struct Picture {
    img: DataImage,
    alt: String,
}

#[derive(Serialize)]
struct StepView {
    number: usize,
    /// "Step 3", in the guide's language.
    label: String,
    /// "5 min", in the guide's language.
    minutes_text: Option<String>,
    /// "Mark step 3 done", the check box's name when there is no sign.
    mark_done: String,
    id: String,
    title_html: String,
    body_html: String,
    image: Option<Picture>,
    minutes: Option<u32>,
    warning_html: Option<String>,
    tip_html: Option<String>,
    done_when_html: Option<String>,
}

#[derive(Serialize)]
struct LightView {
    light_html: String,
    state_html: String,
    meaning_html: String,
    colour: Option<String>,
    ok: bool,
}

#[derive(Serialize)]
struct WifiView {
    ssid_html: String,
    ssid: Option<String>,
    password_html: Option<String>,
    password: Option<String>,
    qr: Option<String>,
    fallback_html: String,
}

#[derive(Serialize)]
struct TroubleView {
    id: String,
    symptom_html: String,
    fix_html: String,
}

#[derive(Serialize)]
struct ReturnView {
    items: Vec<String>,
    deadline: Option<String>,
    fee_html: Option<String>,
    carrier_html: Option<String>,
    drop_off_html: String,
    rma_html: Option<String>,
    counter_code_html: Option<String>,
    counter_qr: Option<String>,
    label_missing: bool,
    /// The label is printed in this customer's PDF.
    label_in_print: bool,
}

#[derive(Serialize)]
struct LinkView {
    label_html: String,
    url: String,
    qr: String,
}

fn css_colour(c: Rgb) -> String {
    c.hex()
}

/// Scales and encodes the guide's pictures side by side, on rayon's
/// threads, before the page asks for them one by one: a photo is most of
/// the page's work. (What fails is reported when the page asks.)
fn prepare_pictures(guide: &Guide, ctx: &Context, cache: &Cache) {
    use rayon::prelude::*;
    let mut images: Vec<&Image> = guide
        .provider
        .logo
        .iter()
        .chain(guide.old.image.iter())
        .chain(guide.new.image.iter())
        .chain(guide.steps.iter().filter_map(|s| s.image.as_ref()))
        .collect();
    images.sort_by_key(|image| image.file.path());
    images.dedup_by(|a, b| a.file == b.file);
    images.into_par_iter().for_each(|image| {
        let _ = cache.data_image(ctx, &image.file, image.kind);
    });
}

/// Renders a guide to one HTML page; `cache` keeps the pictures made for
/// the next page of the same build.
pub fn render_html(
    guide: &Guide,
    templates: &Templates,
    ctx: &Context,
    cache: &Cache,
) -> Result<String, String> {
    prepare_pictures(guide, ctx, cache);
    let picture = |image: &Image| -> Result<Picture, String> {
        Ok(Picture {
            img: cache.data_image(ctx, &image.file, image.kind)?,
            alt: image.alt.clone(),
        })
    };
    let anchors: HashMap<String, Option<usize>> = guide
        .steps
        .iter()
        .map(|s| (s.id.clone(), Some(s.number)))
        .chain(guide.troubleshooting.iter().map(|t| (t.id.clone(), None)))
        .chain(
            crate::model::SECTION_ANCHORS
                .iter()
                .map(|name| (name.to_string(), None)),
        )
        .collect();
    let w = Writer {
        anchors: &anchors,
        words: &guide.words,
    };
    let words = &*guide.words;
    let opt_blocks = |b: &[text::Block]| (!b.is_empty()).then(|| w.blocks(b));
    let tel = guide.support.phone.tel();
    let qr = |payload: &str, label: &str| -> Result<String, String> {
        Ok(qr_svg(&ctx.codes.qr(payload)?, label))
    };
    let device = |d: &crate::resolve::Device| -> Result<DeviceView, String> {
        Ok(DeviceView {
            name_html: w.inline(&d.name),
            model_html: d.model.as_ref().map(|m| w.inline(m)),
            image: d.image.as_ref().map(&picture).transpose()?,
        })
    };
    let accent = guide.provider.accent;
    let view = View {
        id: &guide.id,
        lang: &guide.language,
        dir: if guide.right_to_left() { "rtl" } else { "ltr" },
        large: guide.large_print,
        storage_key: format!(
            "swapguide:{}:{}:{}",
            guide.id,
            guide.language,
            guide.revision.as_deref().unwrap_or("")
        ),
        title: text::plain(&guide.title),
        title_html: w.inline(&guide.title),
        subtitle_html: guide.subtitle.as_ref().map(|s| w.inline(s)),
        intro_html: w.blocks(&guide.intro),
        minutes: (guide.minutes > 0).then(|| words.minutes_total(guide.minutes)),
        accent: css_colour(accent),
        // Text and buttons in the accent colour must reach 4.5:1, also on
        // the accent-tinted grounds of tip boxes and table headers.
        accent_text: css_colour(accent.readable_on_white(5.6)),
        provider: ProviderView {
            name: &guide.provider.name,
            show_name: guide.provider.show_name,
            logo: guide
                .provider
                .logo
                .as_ref()
                .map(|l| cache.data_image(ctx, &l.file, l.kind))
                .transpose()?,
            website: guide.provider.website.as_deref(),
        },
        support: SupportView {
            phone: guide.support.phone.written.clone(),
            tel_qr: qr(&tel, &words.scan_to_call)?,
            tel,
            hours_html: w.inline(&guide.support.hours),
            note_html: guide.support.note.as_ref().map(|n| w.inline(n)),
            sms: guide
                .support
                .sms
                .as_ref()
                .map(|s| (s.written.clone(), s.sms())),
            tty: guide.support.tty.clone(),
        },
        kit: guide
            .kit
            .iter()
            .map(|(name, qty)| {
                let name = w.inline(name);
                if *qty > 1 {
                    format!("{qty} × {name}")
                } else {
                    name
                }
            })
            .collect(),
        old: device(&guide.old)?,
        new: device(&guide.new)?,
        steps: guide
            .steps
            .iter()
            .map(|s| {
                Ok(StepView {
                    number: s.number,
                    label: words.step_number(s.number),
                    minutes_text: s.minutes.map(|m| words.step_minutes(m)),
                    mark_done: words.mark_done(s.number),
                    id: s.id.clone(),
                    title_html: w.inline(&s.title),
                    body_html: w.blocks(&s.body),
                    image: s.image.as_ref().map(&picture).transpose()?,
                    minutes: s.minutes,
                    warning_html: opt_blocks(&s.warning),
                    tip_html: opt_blocks(&s.tip),
                    done_when_html: s.done_when.as_ref().map(|d| w.inline(d)),
                })
            })
            .collect::<Result<_, String>>()?,
        lights: guide
            .lights
            .iter()
            .map(|l| LightView {
                light_html: w.inline(&l.light),
                state_html: w.inline(&l.state),
                meaning_html: w.inline(&l.meaning),
                colour: l.colour.map(css_colour),
                ok: l.ok,
            })
            .collect(),
        wifi: guide
            .wifi
            .as_ref()
            .map(|wifi| -> Result<WifiView, String> {
                Ok(WifiView {
                    ssid_html: w.inline(&wifi.ssid),
                    ssid: text::is_filled(&wifi.ssid).then(|| text::plain(&wifi.ssid)),
                    password_html: wifi.password.as_ref().map(|p| w.inline(p)),
                    password: wifi
                        .password
                        .as_ref()
                        .filter(|p| text::is_filled(p))
                        .map(|p| text::plain(p)),
                    qr: wifi
                        .payload
                        .as_ref()
                        .map(|p| qr(p, &words.scan_to_join))
                        .transpose()?,
                    fallback_html: w.blocks(&wifi.fallback),
                })
            })
            .transpose()?,
        troubleshooting: guide
            .troubleshooting
            .iter()
            .map(|t| TroubleView {
                id: t.id.clone(),
                symptom_html: w.inline(&t.symptom),
                fix_html: w.blocks(&t.fix),
            })
            .collect(),
        return_: guide
            .return_
            .as_ref()
            .map(|r| -> Result<ReturnView, String> {
                let counter = r.counter_code.as_ref();
                Ok(ReturnView {
                    items: r.items.iter().map(|i| w.inline(i)).collect(),
                    deadline: match (&r.return_by, r.deadline_days) {
                        (Some(date), _) => Some(words.return_by(*date)),
                        (None, Some(d)) => Some(words.return_within(d)),
                        (None, None) => None,
                    },
                    fee_html: r.fee.as_ref().map(|f| w.inline(f)),
                    carrier_html: r.carrier.as_ref().map(|c| w.inline(c)),
                    drop_off_html: w.blocks(&r.drop_off),
                    rma_html: r.rma.as_ref().map(|x| w.inline(x)),
                    counter_code_html: counter.map(|c| w.inline(c)),
                    counter_qr: counter
                        .filter(|c| text::is_filled(c))
                        .map(|c| qr(&text::plain(c), &words.counter_code))
                        .transpose()?,
                    label_missing: r.label_missing,
                    label_in_print: r.label.is_some(),
                })
            })
            .transpose()?,
        links: guide
            .links
            .iter()
            .map(|l| {
                Ok(LinkView {
                    label_html: w.inline(&l.label),
                    url: l.url.clone(),
                    qr: qr(&l.url, &text::plain(&l.label))?,
                })
            })
            .collect::<Result<_, String>>()?,
        words,
    };
    templates.render("guide.html", &view)
}

/// One guide in the index page for field staff.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry {
    /// The guide's title in its default language.
    pub title: String,
    /// The guide's id.
    pub id: String,
    /// The files built, one entry per language.
    pub files: Vec<IndexFile>,
}

/// A guide's files in one language, for the index page.
#[derive(Debug, Clone, Serialize)]
pub struct IndexFile {
    /// The language tag (", large print" after it for large print).
    pub language: String,
    /// Large print.
    pub large: bool,
    /// The HTML page's file name, if built.
    pub html: Option<String>,
    /// The PDF's file name, if built.
    pub pdf: Option<String>,
}

/// The index page linking every guide built into a folder.
pub fn render_index(entries: &[IndexEntry], templates: &Templates) -> Result<String, String> {
    #[derive(Serialize)]
    struct Index<'a> {
        guides: &'a [IndexEntry],
    }
    templates.render("index.html", &Index { guides: entries })
}
