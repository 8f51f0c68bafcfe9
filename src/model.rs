//! The typed guide, exactly as written in `guide.toml` (format version 1).
//!
//! Every value keeps its byte span so checks can point at it. Unknown keys
//! are errors (`deny_unknown_fields`); the loader reports them all at once
//! with the nearest valid key before serde sees the document. Nothing here
//! is resolved yet: templates, paths and translations are handled by later
//! stages.

use serde::Deserialize;
use toml::Spanned;

/// A string value with the byte span of its TOML literal.
pub type Text = Spanned<String>;

/// The names a Markdown link may use for a whole section, as
/// `[Join your Wi-Fi](#wifi)`: what's in the box, the status lights,
/// the Wi-Fi section, troubleshooting and the return. No step or
/// troubleshooting id may take them.
pub const SECTION_ANCHORS: [&str; 5] = ["box", "lights", "wifi", "troubleshooting", "return"];

/// One guide file: `guide.toml` or a translation `guide.<lang>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideFile {
    /// `[guide]`: title, language and cover text.
    pub guide: Meta,
    /// `[provider]`: who sends the equipment.
    pub provider: Provider,
    /// `[support]`: how to reach a person without the internet.
    pub support: Support,
    /// `[equipment.old]` and `[equipment.new]`.
    pub equipment: Equipment,
    /// `[[kit]]`: what is in the box.
    #[serde(default)]
    pub kit: Vec<KitItem>,
    /// `[[lights]]`: the status-light legend.
    #[serde(default)]
    pub lights: Vec<Light>,
    /// `[[steps]]`: at least one.
    pub steps: Vec<Step>,
    /// `[wifi]`: joining the new network.
    pub wifi: Option<Wifi>,
    /// `[[troubleshooting]]`: symptoms and fixes.
    #[serde(default)]
    pub troubleshooting: Vec<Trouble>,
    /// `[return]`: sending the old equipment back.
    #[serde(rename = "return")]
    pub return_: Option<Return>,
    /// `[[links]]`: online extras, marked as needing the internet.
    #[serde(default)]
    pub links: Vec<Link>,
    /// `[print]`: paper size and large print.
    pub print: Option<Print>,
    /// `[fonts]`: font files for scripts swapguide does not bundle (in
    /// `guide.toml`; they serve every language).
    pub fonts: Option<FontFiles>,
    /// `[customer]`: the customer fields the guide may use (in
    /// `guide.toml`), so `check` alone catches a misspelt one.
    pub customer: Option<CustomerFields>,
}

impl GuideFile {
    /// The font files `[fonts]` lists, in order.
    pub fn font_files(&self) -> &[Text] {
        self.fonts.as_ref().map_or(&[], |f| &f.files)
    }
}

impl GuideFile {
    /// The sections this guide prints, by the names links use for them
    /// (see [`SECTION_ANCHORS`]).
    pub fn sections(&self) -> Vec<&'static str> {
        let printed = [
            !self.kit.is_empty(),
            !self.lights.is_empty(),
            self.wifi.is_some(),
            !self.troubleshooting.is_empty(),
            self.return_.is_some(),
        ];
        SECTION_ANCHORS
            .into_iter()
            .zip(printed)
            .filter_map(|(name, printed)| printed.then_some(name))
            .collect()
    }
}

/// `[guide]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// `[a-z0-9-]+`; defaults to the folder's name.
    pub id: Option<Text>,
    /// The guide's title, on the cover and in the PDF metadata.
    pub title: Text,
    /// A line under the title.
    pub subtitle: Option<Text>,
    /// BCP 47 language tag; defaults to `en` (or the file name's tag).
    pub language: Option<Text>,
    /// Printed small in the footer.
    pub revision: Option<Text>,
    /// Time needed; defaults to the sum of the steps' minutes.
    pub minutes: Option<Spanned<u32>>,
    /// Markdown under the title on the cover.
    pub intro: Option<Text>,
}

/// `[provider]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// The provider's name.
    pub name: Text,
    /// Path of a logo image inside the guide folder.
    pub logo: Option<Text>,
    /// The logo spells the provider's name: the name is not printed
    /// again beside it.
    pub logo_has_name: Option<Spanned<bool>>,
    /// Brand colour, `#rrggbb`.
    pub accent: Option<Text>,
    /// Web address; never the only way to get help.
    pub website: Option<Text>,
}

/// `[support]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// A dialable phone number, international format.
    pub phone: Text,
    /// When the phone line is staffed.
    pub hours: Text,
    /// A number that takes text messages.
    pub sms: Option<Text>,
    /// A relay or text-telephone number such as `711`.
    pub tty: Option<Text>,
    /// A short note printed with the phone number.
    pub note: Option<Text>,
}

/// `[equipment]`: the box going back and the box that arrived.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equipment {
    /// What the customer sends back.
    pub old: Device,
    /// What arrived in the box.
    pub new: Device,
}

/// `[equipment.old]` or `[equipment.new]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    /// The name the customer knows it by.
    pub name: Text,
    /// Model number as printed on the label.
    pub model: Option<Text>,
    /// A picture of it.
    pub image: Option<Text>,
    /// The picture described in words; required with `image`.
    pub alt: Option<Text>,
}

/// One `[[kit]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitItem {
    /// What it is.
    pub name: Text,
    /// How many; defaults to 1.
    pub quantity: Option<Spanned<u32>>,
}

/// One `[[lights]]` row.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Light {
    /// Which light.
    pub light: Text,
    /// What it looks like ("Blinking amber").
    pub state: Text,
    /// What that means and what to do.
    pub meaning: Text,
    /// A swatch colour, `#rrggbb`.
    pub colour: Option<Text>,
    /// Marks the "all good" state.
    pub ok: Option<Spanned<bool>>,
}

/// One `[[steps]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Unique within the guide, `[a-z0-9-]+`; the target of `#id` links.
    pub id: Text,
    /// What the step does.
    pub title: Text,
    /// Markdown.
    pub body: Option<Text>,
    /// A picture for the step.
    pub image: Option<Text>,
    /// The picture described in words; required with `image`.
    pub alt: Option<Text>,
    /// How long the step takes.
    pub minutes: Option<Spanned<u32>>,
    /// Markdown caution box.
    pub warning: Option<Text>,
    /// Markdown tip box.
    pub tip: Option<Text>,
    /// The check-off line: how the customer knows the step worked.
    pub done_when: Option<Text>,
}

/// `[wifi]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wifi {
    /// Network name.
    pub ssid: Text,
    /// Password; not used with `security = "nopass"`.
    pub password: Option<Text>,
    /// `WPA`, `WEP` or `nopass`; defaults to `WPA`.
    pub security: Option<Text>,
    /// The network does not broadcast its name.
    pub hidden: Option<Spanned<bool>>,
    /// Shown instead of the code when the values are not known.
    pub fallback: Option<Text>,
}

/// One `[[troubleshooting]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trouble {
    /// Unique within the guide, `[a-z0-9-]+`.
    pub id: Text,
    /// What the customer sees.
    pub symptom: Text,
    /// Markdown; may link steps with `[text](#step-id)`.
    pub fix: Text,
}

/// `[return]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Return {
    /// Checklist of what goes back.
    #[serde(default)]
    pub items: Vec<Text>,
    /// Days after `customer.ship_date` to send it back.
    pub deadline_days: Option<Spanned<u32>>,
    /// What it costs not to.
    pub fee: Option<Text>,
    /// The shipping company.
    pub carrier: Option<Text>,
    /// Markdown: where to drop it off or how to book a pickup.
    pub drop_off: Option<Text>,
    /// The prepaid label file (PDF, PNG or JPEG), usually a template.
    pub label: Option<Text>,
    /// Return authorisation, printed as a Code 128 barcode.
    pub rma: Option<Text>,
    /// A code the carrier scans at the counter instead of a label.
    pub counter_code: Option<Text>,
}

/// One `[[links]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the link shows.
    pub label: Text,
    /// `https://` address.
    pub url: Text,
}

/// `[print]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Print {
    /// `letter` or `a4`.
    pub paper: Option<Text>,
    /// Body text at 18 pt or more.
    pub large: Option<Spanned<bool>>,
    /// Printed on both sides of the sheet (the default): the return label
    /// starts a sheet of its own, so cutting it out takes nothing with it.
    pub duplex: Option<Spanned<bool>>,
}

/// `[customer]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerFields {
    /// The columns of the customer file the guide's texts may use.
    #[serde(default)]
    pub fields: Vec<Text>,
}

/// `[fonts]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontFiles {
    /// Font files inside the guide folder: OpenType, TrueType or `.ttc`
    /// collections, tried in order for characters the bundled fonts lack.
    #[serde(default)]
    pub files: Vec<Text>,
}

/// What kind of value a text field holds, which decides how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Plain text; may hold `{{ customer.* }}`.
    Plain,
    /// Markdown; may hold `{{ customer.* }}`.
    Markdown,
    /// A fixed value that must be known without customer data: ids,
    /// language tags, paths, colours, numbers, addresses.
    Fixed,
    /// A path that may come from customer data (`return.label`).
    Path,
}

impl GuideFile {
    /// The picture paths as written: the logo, the two devices, the steps.
    pub fn image_paths(&self) -> impl Iterator<Item = &Text> {
        self.provider
            .logo
            .iter()
            .chain(self.equipment.old.image.iter())
            .chain(self.equipment.new.image.iter())
            .chain(self.steps.iter().filter_map(|s| s.image.as_ref()))
    }

    /// Every text value with its key name and kind, in document order.
    pub fn texts(&self) -> Vec<(&'static str, TextKind, &Text)> {
        use TextKind::{Fixed, Markdown, Path, Plain};
        let mut out: Vec<(&'static str, TextKind, &Text)> = Vec::new();
        fn add<'a>(
            out: &mut Vec<(&'static str, TextKind, &'a Text)>,
            key: &'static str,
            kind: TextKind,
            t: Option<&'a Text>,
        ) {
            if let Some(t) = t {
                out.push((key, kind, t));
            }
        }
        let g = &self.guide;
        add(&mut out, "id", Fixed, g.id.as_ref());
        add(&mut out, "title", Plain, Some(&g.title));
        add(&mut out, "subtitle", Plain, g.subtitle.as_ref());
        add(&mut out, "language", Fixed, g.language.as_ref());
        add(&mut out, "revision", Plain, g.revision.as_ref());
        add(&mut out, "intro", Markdown, g.intro.as_ref());
        let p = &self.provider;
        add(&mut out, "name", Plain, Some(&p.name));
        add(&mut out, "logo", Fixed, p.logo.as_ref());
        add(&mut out, "accent", Fixed, p.accent.as_ref());
        add(&mut out, "website", Fixed, p.website.as_ref());
        let s = &self.support;
        add(&mut out, "phone", Fixed, Some(&s.phone));
        add(&mut out, "hours", Plain, Some(&s.hours));
        add(&mut out, "sms", Fixed, s.sms.as_ref());
        add(&mut out, "tty", Fixed, s.tty.as_ref());
        add(&mut out, "note", Plain, s.note.as_ref());
        for d in [&self.equipment.old, &self.equipment.new] {
            add(&mut out, "name", Plain, Some(&d.name));
            add(&mut out, "model", Plain, d.model.as_ref());
            add(&mut out, "image", Fixed, d.image.as_ref());
            add(&mut out, "alt", Plain, d.alt.as_ref());
        }
        for k in &self.kit {
            add(&mut out, "name", Plain, Some(&k.name));
        }
        for l in &self.lights {
            add(&mut out, "light", Plain, Some(&l.light));
            add(&mut out, "state", Plain, Some(&l.state));
            add(&mut out, "meaning", Plain, Some(&l.meaning));
            add(&mut out, "colour", Fixed, l.colour.as_ref());
        }
        for st in &self.steps {
            add(&mut out, "id", Fixed, Some(&st.id));
            add(&mut out, "title", Plain, Some(&st.title));
            add(&mut out, "body", Markdown, st.body.as_ref());
            add(&mut out, "image", Fixed, st.image.as_ref());
            add(&mut out, "alt", Plain, st.alt.as_ref());
            add(&mut out, "warning", Markdown, st.warning.as_ref());
            add(&mut out, "tip", Markdown, st.tip.as_ref());
            add(&mut out, "done_when", Plain, st.done_when.as_ref());
        }
        if let Some(w) = &self.wifi {
            add(&mut out, "ssid", Plain, Some(&w.ssid));
            add(&mut out, "password", Plain, w.password.as_ref());
            add(&mut out, "security", Fixed, w.security.as_ref());
            add(&mut out, "fallback", Plain, w.fallback.as_ref());
        }
        for t in &self.troubleshooting {
            add(&mut out, "id", Fixed, Some(&t.id));
            add(&mut out, "symptom", Plain, Some(&t.symptom));
            add(&mut out, "fix", Markdown, Some(&t.fix));
        }
        if let Some(r) = &self.return_ {
            for item in &r.items {
                add(&mut out, "items", Plain, Some(item));
            }
            add(&mut out, "fee", Plain, r.fee.as_ref());
            add(&mut out, "carrier", Plain, r.carrier.as_ref());
            add(&mut out, "drop_off", Markdown, r.drop_off.as_ref());
            add(&mut out, "label", Path, r.label.as_ref());
            add(&mut out, "rma", Plain, r.rma.as_ref());
            add(&mut out, "counter_code", Plain, r.counter_code.as_ref());
        }
        for l in &self.links {
            add(&mut out, "label", Plain, Some(&l.label));
            add(&mut out, "url", Fixed, Some(&l.url));
        }
        if let Some(p) = &self.print {
            add(&mut out, "paper", Fixed, p.paper.as_ref());
        }
        out
    }
}
