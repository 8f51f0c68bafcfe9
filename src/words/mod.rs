//! The fixed words of a guide's pages ("Step 3", "Page 3 of 8", the
//! headings, the return-by sentence, the HTML's buttons), from Fluent
//! message files: one per language shipped in the binary
//! (`assets/words/<lang>.ftl`), over which a guide's own
//! `words.<lang>.ftl` may add or change messages (see [`catalog`]).

pub mod catalog;

use std::borrow::Cow;
use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use serde::Serialize;

pub use catalog::{WordsFile, words_for};

/// A bundle of one language's messages, shared by rayon's threads.
type Bundle = FluentBundle<std::sync::Arc<FluentResource>>;

/// Declares the messages without arguments: each becomes a field of
/// [`Fixed`] (what the HTML templates see as `page.words.<field>`), filled
/// from its message id.
macro_rules! fixed_words {
    ($($(#[$doc:meta])* $field:ident = $id:literal,)*) => {
        /// The messages that take no argument, formatted once per language.
        #[derive(Debug, Serialize)]
        pub struct Fixed {
            $($(#[$doc])* pub $field: String,)*
        }

        impl Fixed {
            fn new(get: impl Fn(&str) -> String) -> Fixed {
                Fixed { $($field: get($id),)* }
            }

            /// Every one of them.
            pub fn all(&self) -> Vec<&str> {
                vec![$(self.$field.as_str(),)*]
            }
        }
    };
}

fixed_words! {
    /// "You won't need the internet for this guide."
    offline = "offline",
    /// ": " after a label, in the language's typography (French " : ",
    /// Chinese "：").
    colon = "colon",
    /// "Need help? Call us".
    call_us = "call-us",
    /// "Call support" (the button that stays on screen).
    call_button = "call-button",
    /// "Text us".
    text_us = "text-us",
    /// "Relay / TTY".
    tty = "relay-tty",
    /// "Scan to call".
    scan_to_call = "scan-to-call",
    /// "Scan to text us".
    scan_to_text = "scan-to-text",
    /// "What's in the box".
    in_the_box = "in-the-box",
    /// "Your old equipment (send it back)".
    old_equipment = "old-equipment",
    /// "Your new equipment".
    new_equipment = "new-equipment",
    /// "Model", before a model number.
    model = "model",
    /// "Steps" (heading and bookmark).
    steps = "steps",
    /// "Contents".
    contents = "contents",
    /// "Caution".
    warning = "caution",
    /// "Tip".
    tip = "tip",
    /// "Done when".
    done_when = "done-when",
    /// "What the lights mean".
    lights = "lights",
    /// Column heading: "Light".
    light_column = "light-column-light",
    /// Column heading: "Looks like".
    looks_column = "light-column-looks",
    /// Column heading: "Means".
    means_column = "light-column-means",
    /// "All good".
    all_good = "all-good",
    /// "Join your Wi-Fi".
    wifi = "wifi",
    /// "Network name".
    network = "network-name",
    /// "Password".
    password = "password",
    /// "Point your phone's camera at the code to join."
    scan_to_join = "scan-to-join",
    /// "If something goes wrong".
    troubleshooting = "troubleshooting",
    /// "Still stuck? Call us:".
    still_stuck = "still-stuck",
    /// "Send back your old equipment".
    return_title = "return-title",
    /// "Put these in the box".
    return_items = "return-items",
    /// "Carrier".
    carrier = "carrier",
    /// "Return number (RMA)".
    rma = "rma",
    /// "No printer? Show this code at the counter".
    counter_code = "counter-code",
    /// "Your prepaid return label".
    label_title = "label-title",
    /// "Cut along the dashed line and tape the label to the box."
    label_cut = "label-cut",
    /// "Your prepaid return label is sent separately…".
    label_missing = "label-missing",
    /// "Your prepaid return label is on the last page of your printed guide."
    label_in_print = "label-in-print",
    /// "Packing slip: put this page in the box".
    packing_slip = "packing-slip",
    /// "Online extras".
    links = "links",
    /// "Needs internet".
    needs_internet = "needs-internet",
    /// "Our website".
    website = "website",
    /// "write it here", under a blank line.
    write_in = "write-in",
    /// "Start over".
    reset = "start-over",
    /// "Copy".
    copy = "copy",
    /// "Copied".
    copied = "copied",
    /// "Ticked steps are remembered on this device."
    saved_here = "saved-here",
}

/// One language's words: the fixed ones formatted, and the bundle for the
/// ones that take a number or a date.
pub struct Words {
    /// The language the words are in (the guide's tag).
    pub language: String,
    /// The messages without arguments.
    pub fixed: Fixed,
    bundle: Bundle,
    dates: Dates,
}

/// Dates written out the way a language writes them, from CLDR; a
/// language CLDR has no dates for (Haitian Creole) gets the unambiguous
/// 2026-12-20 rather than CLDR's bare fallback "2026 M12 20".
struct Dates(Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>);

impl Dates {
    fn new(locale: &icu_locale_core::Locale) -> Dates {
        let make = |locale: &icu_locale_core::Locale| {
            FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(locale.into(), YMD::long())
                .ok()
        };
        let probe = icu_calendar::Date::try_new_gregorian(2026, 12, 20).ok();
        let own = make(locale);
        let root = make(&icu_locale_core::Locale::UNKNOWN);
        let written = |f: &Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>| {
            f.as_ref()
                .zip(probe.as_ref())
                .map(|(f, d)| f.format(d).to_string())
        };
        if written(&own) == written(&root) {
            Dates(None)
        } else {
            Dates(own)
        }
    }

    fn text(&self, date: time::Date) -> String {
        let month = u8::from(date.month());
        match (
            &self.0,
            icu_calendar::Date::try_new_gregorian(date.year(), month, date.day()),
        ) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => format!("{:04}-{month:02}-{:02}", date.year(), date.day()),
        }
    }
}

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Words")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for Words {
    type Target = Fixed;
    fn deref(&self) -> &Fixed {
        &self.fixed
    }
}

/// What the HTML templates see: the fixed words, plus the "continue"
/// sentence with `{n}` where the page's script puts the step number.
impl Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            #[serde(flatten)]
            fixed: &'a Fixed,
            continue_at: String,
            open_aside: &'static str,
            close_aside: &'static str,
        }
        let (open_aside, close_aside) = self.brackets();
        View {
            fixed: &self.fixed,
            continue_at: self.format("continue-at", &[("n", "{n}".into())]),
            open_aside,
            close_aside,
        }
        .serialize(s)
    }
}

impl Words {
    fn new(language: String, bundle: Bundle, dates: Dates) -> Words {
        let fixed = Fixed::new(|id| format(&bundle, id, &[]));
        Words {
            language,
            fixed,
            bundle,
            dates,
        }
    }

    fn format(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        format(&self.bundle, id, args)
    }

    /// Every word these pages may print, with sample numbers and a date:
    /// what must be printable in this language.
    pub fn samples(&self) -> Vec<String> {
        let date = time::Date::from_calendar_date(2026, time::Month::December, 20).ok();
        let mut all: Vec<String> = self.fixed.all().into_iter().map(str::to_string).collect();
        all.extend([
            self.minutes_total(45),
            self.page_of(3, 8),
            self.step_number(3),
            self.step_minutes(5),
            self.see_step_page(3, 4),
            self.see_page(7),
            self.return_within(30),
            self.mark_done(3),
        ]);
        all.extend(date.map(|d| self.return_by(d)));
        all
    }

    /// "Carrier: ", a label and the language's colon, before its value.
    pub fn label(&self, label: &str) -> String {
        format!("{label}{}", self.colon)
    }

    /// "About 45 minutes": the whole swap's time.
    pub fn minutes_total(&self, n: u32) -> String {
        self.format("minutes-total", &[("n", n.into())])
    }

    /// "Page 3 of 8".
    pub fn page_of(&self, n: usize, total: usize) -> String {
        self.format("page-of", &[("n", n.into()), ("total", total.into())])
    }

    /// "Step 3".
    pub fn step_number(&self, n: usize) -> String {
        self.format("step-number", &[("n", n.into())])
    }

    /// "5 min", a step's time.
    pub fn step_minutes(&self, n: u32) -> String {
        self.format("step-minutes", &[("n", n.into())])
    }

    /// The brackets an aside after a word is set in: " (" and ")", or in
    /// Chinese and Japanese the full-width "（" and "）", with no space
    /// before (a space is not a word gap there).
    pub fn brackets(&self) -> (&'static str, &'static str) {
        let primary = self.language.split('-').next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") || primary.eq_ignore_ascii_case("ja") {
            ("\u{FF08}", "\u{FF09}")
        } else {
            (" (", ")")
        }
    }

    /// `aside` in the language's brackets, to follow a word: " (step 3)".
    pub fn aside(&self, aside: &str) -> String {
        let (open, close) = self.brackets();
        format!("{open}{aside}{close}")
    }

    /// "step 3, page 4", after a link on paper.
    pub fn see_step_page(&self, step: usize, page: usize) -> String {
        self.format(
            "see-step-page",
            &[("step", step.into()), ("page", page.into())],
        )
    }

    /// "step 3", after a link on screen.
    pub fn see_step(&self, step: usize) -> String {
        self.format("see-step", &[("step", step.into())])
    }

    /// "page 7", after a link to a troubleshooting entry on paper.
    pub fn see_page(&self, page: usize) -> String {
        self.format("see-page", &[("page", page.into())])
    }

    /// "Send it back within 30 days."
    pub fn return_within(&self, days: u32) -> String {
        self.format("return-within", &[("n", days.into())])
    }

    /// "Send it back by 20 December 2026.", the date written out in this
    /// language.
    pub fn return_by(&self, date: time::Date) -> String {
        let date = self.date_text(date);
        self.format("return-by", &[("date", date.into())])
    }

    /// "Mark step 3 done" (the HTML's check box).
    pub fn mark_done(&self, n: usize) -> String {
        self.format("mark-done", &[("n", n.into())])
    }

    /// A date written out in this language ("December 20, 2026",
    /// "20 de diciembre de 2026"), from CLDR's data.
    pub fn date_text(&self, date: time::Date) -> String {
        self.dates.text(date)
    }
}

/// Formats one message. The checks made sure every message exists and
/// formats without error, so a failure here only shows the id.
fn format(bundle: &Bundle, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text: Cow<str> = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_iso;

    fn shipped(tag: &str) -> Words {
        words_for(tag, &[]).unwrap()
    }

    /// Every shipped language: its date, its minutes, its page footer.
    #[test]
    fn each_language_in_its_own_words() {
        let date = parse_iso("2026-12-20").unwrap();
        for tag in catalog::shipped_languages() {
            let w = shipped(tag);
            let written = w.date_text(date);
            assert!(
                written.contains("2026") && written.contains("20"),
                "{tag}: {written}"
            );
            assert!(
                !written.contains("M12"),
                "{tag}: CLDR's bare fallback {written}"
            );
            for (text, n) in [(w.page_of(3, 8), "8"), (w.minutes_total(103), "103")] {
                assert!(text.contains(n), "{tag}: {text}");
            }
            if tag != "en" {
                assert_ne!(w.page_of(3, 8), "Page 3 of 8", "{tag}");
                assert_ne!(w.step_number(2), "Step 2", "{tag}");
                assert_ne!(w.call_us, "Need help? Call us", "{tag}");
            }
        }
        // CLDR's categories: Arabic 103 is "few", 11 "many" (Fluent's own
        // rules gave "other" for 103).
        let ar = shipped("ar");
        assert_eq!(
            ar.minutes_total(103),
            ar.minutes_total(3).replace('3', "103")
        );
        assert_ne!(
            ar.minutes_total(103),
            ar.minutes_total(100).replace("100", "103")
        );
    }

    #[test]
    fn english_and_spanish_plurals_and_dates() {
        let en = shipped("en");
        assert_eq!(en.minutes_total(1), "About 1 minute");
        assert_eq!(en.minutes_total(63), "About 63 minutes");
        assert_eq!(en.page_of(3, 8), "Page 3 of 8");
        let date = parse_iso("2026-12-20").unwrap();
        assert_eq!(en.return_by(date), "Send it back by December 20, 2026.");
        let es = shipped("es-MX");
        assert_eq!(
            es.return_by(date),
            "Devuélvalo a más tardar el 20 de diciembre de 2026."
        );
        assert_eq!(es.step_number(2), "Paso 2");
    }
}
