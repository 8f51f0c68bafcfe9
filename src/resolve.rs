//! Resolve: one checked guide file, in one language, for one customer (or
//! none) → the [`Guide`] both renderers draw. Renderers never see TOML.
//!
//! Everything a renderer needs is decided here: templates filled (or left
//! as blanks), Markdown parsed, colours parsed, paths made absolute, step
//! numbers given, phone numbers normalised, Wi-Fi payloads escaped.

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use crate::assets::ImageKind;
use crate::context::Context;
use crate::customer::Customer;
use crate::lang;
use crate::model::{self, GuideFile};
use crate::paths::{Confined, Folder};
use crate::rich::{self, Block, Inline};

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio between two colours.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour darkened until it reaches `ratio` against white, so
    /// white text on it and it as text on white both read (WCAG AA is 4.5).
    pub fn readable_on_white(self, ratio: f64) -> Rgb {
        let white = Rgb(255, 255, 255);
        let mut c = self;
        let mut k = 1.0;
        while c.contrast(white) < ratio && k > 0.0 {
            k -= 0.05;
            let scale = |v: u8| (f64::from(v) * k).round() as u8;
            c = Rgb(scale(self.0), scale(self.1), scale(self.2));
        }
        c
    }

    /// Mixes this colour with white: `amount` 0 is white, 1 is the colour.
    pub fn tint(self, amount: f64) -> Rgb {
        let mix = |v: u8| (255.0 - (255.0 - f64::from(v)) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// The default accent when a provider gives none: a calm dark blue.
pub const DEFAULT_ACCENT: Rgb = Rgb(0x1f, 0x4e, 0x9a);

/// An image file of the guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The file, inside the guide's folder.
    pub file: Confined,
    /// Its format.
    pub kind: ImageKind,
    /// What it shows, for people who cannot see it.
    pub alt: String,
}

/// A phone number as written and as dialled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// As the guide writes it: `+1 800 555 0199`.
    pub written: String,
    /// E.164: `+18005550199`.
    pub e164: String,
    /// The extension, if any.
    pub extension: Option<String>,
}

impl PhoneNumber {
    /// The `tel:` link, an extension dialled after a pause
    /// (`tel:+18005550199,12`), as phones' diallers understand it.
    pub fn tel(&self) -> String {
        match &self.extension {
            Some(ext) => format!("tel:{},{ext}", self.e164),
            None => format!("tel:{}", self.e164),
        }
    }

    /// The `sms:` link (a text cannot reach an extension; `check` says so).
    pub fn sms(&self) -> String {
        format!("sms:{}", self.e164)
    }
}

/// The resolved guide: one language, one customer or none.
#[derive(Debug, Clone)]
pub struct Guide {
    /// The guide's id.
    pub id: String,
    /// BCP 47 language tag.
    pub language: String,
    /// Title.
    pub title: Inline,
    /// Subtitle.
    pub subtitle: Option<Inline>,
    /// Revision, printed small in the footer.
    pub revision: Option<String>,
    /// Minutes the whole swap takes.
    pub minutes: u32,
    /// The cover text.
    pub intro: Vec<Block>,
    /// Who sends the guide.
    pub provider: Provider,
    /// How to reach a person.
    pub support: Support,
    /// What goes back.
    pub old: Device,
    /// What arrived.
    pub new: Device,
    /// What's in the box.
    pub kit: Vec<(Inline, u32)>,
    /// The status-light legend.
    pub lights: Vec<Light>,
    /// The steps, numbered from 1.
    pub steps: Vec<Step>,
    /// Joining the Wi-Fi.
    pub wifi: Option<Wifi>,
    /// Troubleshooting entries.
    pub troubleshooting: Vec<Trouble>,
    /// Sending the old kit back.
    pub return_: Option<Return>,
    /// Online extras, each needing the internet.
    pub links: Vec<Link>,
    /// Paper size.
    pub paper: Paper,
    /// Large print: body text at 18 pt.
    pub large_print: bool,
    /// Printed on both sides of the sheet: the label gets a sheet of its
    /// own.
    pub duplex: bool,
    /// Words in this guide's language for the fixed parts of the page.
    pub words: Arc<crate::words::Words>,
    /// The fonts the guide adds to the bundled ones, for its language.
    pub shelf: crate::fonts::Shelf,
}

impl Guide {
    /// True when the guide's language is written right to left: its
    /// pages mirror.
    pub fn right_to_left(&self) -> bool {
        crate::lang::is_right_to_left(&self.language)
    }

    /// What the guide prints as QR codes, where known: the support phone
    /// (`tel:`, `sms:`), the Wi-Fi network, the return counter code and
    /// the links.
    pub fn qr_payloads(&self) -> Vec<String> {
        let support = &self.support;
        let mut payloads = vec![support.phone.tel()];
        payloads.extend(support.sms.iter().map(PhoneNumber::sms));
        payloads.extend(self.wifi.iter().filter_map(|w| w.payload.clone()));
        payloads.extend(
            self.return_
                .iter()
                .filter_map(|r| r.counter_code.as_ref())
                .filter(|code| crate::rich::is_filled(code))
                .map(|code| crate::rich::plain(code)),
        );
        payloads.extend(self.links.iter().map(|l| l.url.clone()));
        payloads
    }
}

/// The provider.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Name.
    pub name: String,
    /// Logo.
    pub logo: Option<Image>,
    /// Print the name beside the logo: there is no logo, or the logo does
    /// not spell the name (`logo_has_name`).
    pub show_name: bool,
    /// Brand colour, as written.
    pub accent: Rgb,
    /// Website (needs the internet).
    pub website: Option<String>,
}

/// Support contacts.
#[derive(Debug, Clone)]
pub struct Support {
    /// The support phone.
    pub phone: PhoneNumber,
    /// Opening hours.
    pub hours: Inline,
    /// Text-message number.
    pub sms: Option<PhoneNumber>,
    /// Relay or text telephone.
    pub tty: Option<String>,
    /// A note next to the number.
    pub note: Option<Inline>,
}

/// A piece of equipment.
#[derive(Debug, Clone)]
pub struct Device {
    /// Name.
    pub name: Inline,
    /// Model.
    pub model: Option<Inline>,
    /// Picture.
    pub image: Option<Image>,
}

/// One row of the status-light legend.
#[derive(Debug, Clone)]
pub struct Light {
    /// Which light.
    pub light: Inline,
    /// Its state.
    pub state: Inline,
    /// What that means.
    pub meaning: Inline,
    /// A colour swatch.
    pub colour: Option<Rgb>,
    /// The "all good" state.
    pub ok: bool,
}

/// A step.
#[derive(Debug, Clone)]
pub struct Step {
    /// 1-based number.
    pub number: usize,
    /// Id, the anchor name.
    pub id: String,
    /// Title.
    pub title: Inline,
    /// Body.
    pub body: Vec<Block>,
    /// Picture.
    pub image: Option<Image>,
    /// Minutes it takes.
    pub minutes: Option<u32>,
    /// Caution box.
    pub warning: Vec<Block>,
    /// Tip box.
    pub tip: Vec<Block>,
    /// The check-off line.
    pub done_when: Option<Inline>,
}

/// Joining the Wi-Fi.
#[derive(Debug, Clone)]
pub struct Wifi {
    /// Network name, filled or with blanks.
    pub ssid: Inline,
    /// Password, filled or with blanks.
    pub password: Option<Inline>,
    /// The `WIFI:` payload, when every value is known.
    pub payload: Option<String>,
    /// What to do when there is no code.
    pub fallback: Vec<Block>,
}

/// A troubleshooting entry.
#[derive(Debug, Clone)]
pub struct Trouble {
    /// Id, the anchor name.
    pub id: String,
    /// What the customer sees.
    pub symptom: Inline,
    /// What to do.
    pub fix: Vec<Block>,
}

/// Sending the old equipment back.
#[derive(Debug, Clone)]
pub struct Return {
    /// What goes in the box.
    pub items: Vec<Inline>,
    /// Days allowed.
    pub deadline_days: Option<u32>,
    /// The date it must be back by, when the customer's `ship_date` is
    /// known.
    pub return_by: Option<time::Date>,
    /// Fee note.
    pub fee: Option<Inline>,
    /// Carrier.
    pub carrier: Option<Inline>,
    /// Where to drop it off.
    pub drop_off: Vec<Block>,
    /// The prepaid label file, when known.
    pub label: Option<Confined>,
    /// The guide has a label field, but this build has no value for it.
    pub label_missing: bool,
    /// Return authorisation.
    pub rma: Option<Inline>,
    /// Code for the counter, for customers with no printer.
    pub counter_code: Option<Inline>,
}

/// An online extra.
#[derive(Debug, Clone)]
pub struct Link {
    /// What it is.
    pub label: Inline,
    /// Where it is.
    pub url: String,
}

/// Build-wide choices that override the guide file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overrides {
    /// `--paper`.
    pub paper: Option<Paper>,
    /// `--large-print`.
    pub large_print: bool,
}

/// What a guide file is resolved with, besides the file and the customer.
pub struct Inputs<'a> {
    /// The guide's id (its `[guide] id` or folder name).
    pub id: &'a str,
    /// The guide's folder, against which image paths are read.
    pub folder: &'a Arc<Folder>,
    /// The language a translation's file name gives (`guide.es.toml`),
    /// used when the file sets no `language`.
    pub file_language: Option<&'a str>,
    /// `--paper` and `--large-print`.
    pub overrides: Overrides,
    /// The build's shared results (phone numbers).
    pub ctx: &'a Context,
    /// The fixed words in the file's language.
    pub words: &'a Arc<crate::words::Words>,
    /// The font files `guide.toml` lists (`[fonts]`): they serve every
    /// language.
    pub fonts: &'a [model::Text],
}

/// Resolves one checked guide file. Fails only if a file the checks found
/// has gone since, or a customer's label names a file that is not a file
/// inside the customer CSV's folder.
pub fn resolve(
    file: &GuideFile,
    inputs: &Inputs<'_>,
    customer: Option<&Customer>,
) -> Result<Guide, String> {
    let Inputs {
        id,
        folder,
        file_language,
        overrides,
        ctx,
        words: _,
        fonts,
    } = *inputs;
    // The closures below each make one part; a path that cannot be read
    // is noted here and fails the whole guide at the end.
    let unreadable: RefCell<Vec<String>> = RefCell::new(Vec::new());
    let plain = |t: &model::Text| rich::fill_plain(t.get_ref(), customer);
    let md = |t: &Option<model::Text>| {
        t.as_ref()
            .map_or_else(Vec::new, |t| ctx.markdown(t.get_ref(), customer))
    };
    let image = |path: &Option<model::Text>, alt: &Option<model::Text>| {
        let written = path.as_ref()?.get_ref();
        let kind = ImageKind::from_path(Path::new(written))?;
        let file = folder
            .confine(written)
            .map_err(|e| unreadable.borrow_mut().push(e.explain(written).0))
            .ok()?;
        Some(Image {
            file,
            kind,
            alt: alt
                .as_ref()
                .and_then(|a| rich::fill_value(a.get_ref(), customer))
                .unwrap_or_default(),
        })
    };
    let language = file.guide.language.as_ref().map_or_else(
        || file_language.unwrap_or(lang::DEFAULT_LANGUAGE).to_string(),
        |l| l.get_ref().clone(),
    );
    let region = lang::region(&language).map(str::to_string);
    let number = |t: &model::Text| {
        let written = t.get_ref().clone();
        let (e164, extension) = ctx.phones.e164(&written, region.as_deref());
        PhoneNumber {
            written,
            e164,
            extension,
        }
    };
    let device = |d: &model::Device| Device {
        name: plain(&d.name),
        model: d.model.as_ref().map(plain),
        image: image(&d.image, &d.alt),
    };

    let steps: Vec<Step> = file
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| Step {
            number: i + 1,
            id: s.id.get_ref().clone(),
            title: plain(&s.title),
            body: md(&s.body),
            image: image(&s.image, &s.alt),
            minutes: s.minutes.as_ref().map(|m| *m.get_ref()),
            warning: md(&s.warning),
            tip: md(&s.tip),
            done_when: s.done_when.as_ref().map(plain),
        })
        .collect();
    let minutes = file
        .guide
        .minutes
        .as_ref()
        .map(|m| *m.get_ref())
        .unwrap_or_else(|| total_minutes(steps.iter().map(|s| s.minutes)));

    let print = file.print.as_ref();
    let paper = overrides.paper.unwrap_or_else(|| {
        match print
            .and_then(|p| p.paper.as_ref())
            .map(|p| p.get_ref().as_str())
        {
            Some("a4") => Paper::A4,
            _ => Paper::Letter,
        }
    });
    let large_print = overrides.large_print
        || print
            .and_then(|p| p.large.as_ref())
            .is_some_and(|l| *l.get_ref());
    let duplex = print
        .and_then(|p| p.duplex.as_ref())
        .is_none_or(|d| *d.get_ref());

    let words = Arc::clone(inputs.words);
    // The checks found the fonts loadable; one that no longer is fails
    // the guide, rather than printing U+FFFD.
    let (shelf, problems) = ctx.fonts.shelf(folder, fonts, &language);
    if let Some(p) = problems.first() {
        unreadable.borrow_mut().push(p.message.clone());
    }
    let guide = Guide {
        id: id.to_string(),
        words,
        shelf,
        language,
        title: plain(&file.guide.title),
        subtitle: file.guide.subtitle.as_ref().map(plain),
        revision: file.guide.revision.as_ref().map(|r| rich::plain(&plain(r))),
        minutes,
        intro: md(&file.guide.intro),
        provider: Provider {
            name: rich::plain(&plain(&file.provider.name)),
            logo: image(
                &file.provider.logo,
                &Some(toml::Spanned::new(
                    0..0,
                    file.provider.name.get_ref().clone(),
                )),
            ),
            show_name: file.provider.logo.is_none()
                || !file
                    .provider
                    .logo_has_name
                    .as_ref()
                    .is_some_and(|b| *b.get_ref()),
            accent: file
                .provider
                .accent
                .as_ref()
                .and_then(|a| Rgb::parse(a.get_ref()))
                .unwrap_or(DEFAULT_ACCENT),
            website: file.provider.website.as_ref().map(|w| w.get_ref().clone()),
        },
        support: Support {
            phone: number(&file.support.phone),
            hours: plain(&file.support.hours),
            sms: file.support.sms.as_ref().map(number),
            tty: file.support.tty.as_ref().map(|t| t.get_ref().clone()),
            note: file.support.note.as_ref().map(plain),
        },
        old: device(&file.equipment.old),
        new: device(&file.equipment.new),
        kit: file
            .kit
            .iter()
            .map(|k| {
                (
                    plain(&k.name),
                    k.quantity.as_ref().map_or(1, |q| *q.get_ref()),
                )
            })
            .collect(),
        lights: file
            .lights
            .iter()
            .map(|l| Light {
                light: plain(&l.light),
                state: plain(&l.state),
                meaning: plain(&l.meaning),
                colour: l.colour.as_ref().and_then(|c| Rgb::parse(c.get_ref())),
                ok: l.ok.as_ref().is_some_and(|o| *o.get_ref()),
            })
            .collect(),
        steps,
        wifi: file.wifi.as_ref().map(|w| wifi(w, customer, ctx)),
        troubleshooting: file
            .troubleshooting
            .iter()
            .map(|t| Trouble {
                id: t.id.get_ref().clone(),
                symptom: plain(&t.symptom),
                fix: ctx.markdown(t.fix.get_ref(), customer),
            })
            .collect(),
        return_: file.return_.as_ref().map(|r| {
            let label_value = r
                .label
                .as_ref()
                .map(|l| rich::fill_raw(l.get_ref(), customer));
            // A fixed label belongs to the guide; one a customer value
            // names is read from the customer CSV's folder.
            let label_folder = if r.label.as_ref().is_some_and(has_field) {
                customer.and_then(Customer::folder)
            } else {
                Some(folder)
            };
            let deadline_days = r.deadline_days.as_ref().map(|d| *d.get_ref());
            let return_by = customer
                .and_then(|c| c.value("ship_date"))
                .and_then(|d| crate::dates::parse_iso(d.trim()).ok())
                .zip(deadline_days)
                .and_then(|(ship, days)| crate::dates::return_by(ship, days));
            Return {
                items: r.items.iter().map(plain).collect(),
                deadline_days,
                return_by,
                fee: r.fee.as_ref().map(plain),
                carrier: r.carrier.as_ref().map(plain),
                drop_off: md(&r.drop_off),
                label: label_value.clone().flatten().zip(label_folder).and_then(
                    |(written, folder)| {
                        folder
                            .confine(&written)
                            .map_err(|e| {
                                let (what, fix) = e.explain(&written);
                                unreadable.borrow_mut().push(format!(
                                    "return label {what} in {}; {fix}",
                                    folder.path().display()
                                ));
                            })
                            .ok()
                    },
                ),
                label_missing: matches!(label_value, Some(None))
                    || (label_value.is_some() && label_folder.is_none()),
                rma: r.rma.as_ref().map(plain),
                counter_code: r.counter_code.as_ref().map(plain),
            }
        }),
        links: file
            .links
            .iter()
            .map(|l| Link {
                label: plain(&l.label),
                url: l.url.get_ref().clone(),
            })
            .collect(),
        paper,
        large_print,
        duplex,
    };
    let unreadable = unreadable.into_inner();
    match unreadable.is_empty() {
        true => Ok(guide),
        false => Err(unreadable.join("; ")),
    }
}

/// True if the text holds a template expression. A label given per
/// customer is resolved against the customer CSV's folder by the campaign,
/// not against the guide.
fn has_field(t: &model::Text) -> bool {
    crate::template::Template::parse(t.get_ref()).is_ok_and(|t| t.has_fields())
}

fn wifi(w: &model::Wifi, customer: Option<&Customer>, ctx: &Context) -> Wifi {
    let ssid = rich::fill_plain(w.ssid.get_ref(), customer);
    let password = w
        .password
        .as_ref()
        .map(|p| rich::fill_plain(p.get_ref(), customer));
    let security = w
        .security
        .as_ref()
        .map_or("WPA".to_string(), |s| s.get_ref().clone());
    let hidden = w.hidden.as_ref().is_some_and(|h| *h.get_ref());
    let payload = match (&password, rich::is_filled(&ssid)) {
        (_, false) => None,
        (Some(p), true) if !rich::is_filled(p) => None,
        (p, true) => Some(wifi_payload(
            &security,
            &rich::plain(&ssid),
            p.as_ref().map(|p| rich::plain(p)).as_deref(),
            hidden,
        )),
    };
    Wifi {
        ssid,
        password,
        payload,
        fallback: w
            .fallback
            .as_ref()
            .map_or_else(Vec::new, |f| ctx.markdown(f.get_ref(), customer)),
    }
}

/// Why a Wi-Fi name or password cannot be joined as written, if it cannot:
/// a name of spaces only, or a character no one can type on a phone (a
/// control, a line break, a bidirectional mark, a soft hyphen, a
/// zero-width character). Printing it cleaned would print a password
/// that is not the network's.
pub fn unjoinable(value: &str, what: &str) -> Option<String> {
    if what == "name" && !value.is_empty() && value.trim().is_empty() {
        return Some("the Wi-Fi name is only spaces, which no phone can join".to_string());
    }
    let hidden = value.chars().find(|&c| {
        rich::is_hidden_control(c)
            || c == '\n'
            || matches!(
                c,
                '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
    })?;
    Some(format!(
        "the Wi-Fi {what} holds an invisible character (U+{:04X}) that no one can type on a phone; correct the value",
        u32::from(hidden)
    ))
}

/// The `WIFI:` QR payload phones understand: `\ ; , " :` in the name and
/// password are escaped with a backslash, never quoted.
pub fn wifi_payload(security: &str, ssid: &str, password: Option<&str>, hidden: bool) -> String {
    fn escape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if matches!(c, '\\' | ';' | ',' | '"' | ':') {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }
    let mut p = format!("WIFI:T:{security};S:{};", escape(ssid));
    if let Some(pw) = password.filter(|_| security != "nopass") {
        p.push_str(&format!("P:{};", escape(pw)));
    }
    if hidden {
        p.push_str("H:true;");
    }
    p.push(';');
    p
}

/// The time the steps take together. Saturating: `check` refuses more
/// than a day, but a guide resolved without it must not wrap round to a
/// small total ("About 1 minutes").
fn total_minutes(steps: impl IntoIterator<Item = Option<u32>>) -> u32 {
    steps.into_iter().flatten().fold(0, u32::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_minutes_sum_without_wrapping() {
        assert_eq!(total_minutes([Some(5), None, Some(10)]), 15);
        assert_eq!(total_minutes([Some(u32::MAX), Some(2)]), u32::MAX);
        assert_eq!(total_minutes([None]), 0);
    }

    #[test]
    fn wifi_payload_escapes_specials() {
        assert_eq!(
            wifi_payload("WPA", "Home;Net", Some(r#"p"a:ss\,"#), false),
            r#"WIFI:T:WPA;S:Home\;Net;P:p\"a\:ss\\\,;;"#
        );
        assert_eq!(
            wifi_payload("nopass", "Cafe", None, true),
            "WIFI:T:nopass;S:Cafe;H:true;;"
        );
    }

    #[test]
    fn accent_is_darkened_for_contrast() {
        let yellow = Rgb(0xff, 0xd0, 0x00);
        let dark = yellow.readable_on_white(4.5);
        assert!(dark.contrast(Rgb(255, 255, 255)) >= 4.5);
        let navy = Rgb(0x0b, 0x2f, 0x6f);
        assert_eq!(navy.readable_on_white(4.5), navy);
        assert_eq!(Rgb::parse("#0B5FFF"), Some(Rgb(0x0b, 0x5f, 0xff)));
        assert_eq!(Rgb::parse("#0B5FF"), None);
    }
}
