//! Phone numbers: dialable, normalised to E.164 for `tel:` and `sms:`.
//!
//! The numbering plans are libphonenumber's, loaded as few at a time as
//! give the same answer (the main territory of the number's calling code,
//! then all of that code's): the `phonenumber` crate's own database reads
//! the patterns of all 254 territories up front, which took longer than
//! building a whole guide.
//! `assets/phonenumber/PhoneNumberMetadata.xml` is the very file the
//! crate's database is built from (same version; Apache-2.0, licence beside
//! it), so both give the same answers; a test holds them to it.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use phonenumber::metadata::Database;
use phonenumber::{PhoneNumber, country};

use crate::memo::Memo;

/// libphonenumber's numbering plans, as shipped in `phonenumber` 0.3.10.
const PLANS_XML: &str = include_str!("../assets/phonenumber/PhoneNumberMetadata.xml");

/// Where each territory's `<territory …>…</territory>` element lies in
/// [`PLANS_XML`], with its region id and calling code.
struct Territory {
    id: &'static str,
    code: u16,
    /// Marked `mainCountryForCode` (the US for `+1`).
    main: bool,
    xml: &'static str,
}

fn territories() -> &'static [Territory] {
    static INDEX: LazyLock<Vec<Territory>> = LazyLock::new(|| {
        let mut list = Vec::new();
        let mut rest = PLANS_XML;
        while let Some(start) = rest.find("<territory ") {
            let Some(len) = rest[start..].find("</territory>") else {
                break;
            };
            let xml = &rest[start..start + len + "</territory>".len()];
            let tag = &xml[..xml.find('>').unwrap_or(xml.len())];
            let code = attribute(tag, "countryCode").and_then(|c| c.parse().ok());
            if let (Some(id), Some(code)) = (attribute(tag, "id"), code) {
                let main = attribute(tag, "mainCountryForCode") == Some("true");
                list.push(Territory {
                    id,
                    code,
                    main,
                    xml,
                });
            }
            rest = &rest[start + xml.len()..];
        }
        list
    });
    &INDEX
}

/// The value of ` name="…"` in an opening tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.match_indices(name).map(|(i, _)| i).find(|&i| {
        tag[..i].ends_with(char::is_whitespace) && tag[i + name.len()..].starts_with("=\"")
    })?;
    let value = &tag[at + name.len() + 2..];
    value.get(..value.find('"')?)
}

/// Which territories of one calling code a database holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Plans {
    /// The code's main territory alone (`1`: the US).
    Main(u16),
    /// Every territory sharing the code (`1`: the US, Canada and 23 others).
    All(u16),
}

/// The main territory of a calling code: the one libphonenumber marks, or
/// the code's only territory.
fn main_territory(code: u16) -> Option<&'static Territory> {
    let of_code: Vec<&Territory> = territories().iter().filter(|t| t.code == code).collect();
    match of_code.as_slice() {
        [only] => Some(only),
        many => many.iter().find(|t| t.main).copied(),
    }
}

/// The numbering plans loaded so far and the numbers normalised, for one
/// build: `check` and the renderers ask for the same number, and a
/// campaign asks on every row.
pub(crate) struct Phones {
    plans: Mutex<HashMap<Plans, Option<Arc<Database>>>>,
    numbers: Memo<(String, Option<String>), Result<Phone, String>>,
}

impl Default for Phones {
    fn default() -> Phones {
        Phones {
            plans: Mutex::default(),
            // A guide has a few numbers; a campaign the same few.
            numbers: Memo::new(64),
        }
    }
}

impl Phones {
    /// [`normalise`], worked out once per build: the second caller waits
    /// for the first.
    pub(crate) fn normalise(&self, written: &str, region: Option<&str>) -> Result<Phone, String> {
        self.numbers
            .get_or((written.to_string(), region.map(str::to_string)), || {
                normalise_with(self, written, region)
            })
    }

    /// The E.164 form and extension of a number `check` has accepted (the
    /// number as written if it has none), worked out once per build.
    pub(crate) fn e164(&self, written: &str, region: Option<&str>) -> (String, Option<String>) {
        self.normalise(written, region)
            .map_or_else(|_| (written.to_string(), None), |p| (p.e164, p.extension))
    }

    /// The plans of some territories, loaded once per build.
    fn plans(&self, which: Plans) -> Option<Arc<Database>> {
        let mut loaded = self
            .plans
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        loaded
            .entry(which)
            .or_insert_with(|| {
                let mut xml = String::from("<phoneNumberMetadata><territories>");
                match which {
                    Plans::Main(code) => xml.push_str(&lean(main_territory(code)?.xml)),
                    Plans::All(code) => {
                        for t in territories().iter().filter(|t| t.code == code) {
                            xml.push_str(&lean(t.xml));
                        }
                    }
                }
                xml.push_str("</territories></phoneNumberMetadata>");
                Database::parse(xml).ok().map(Arc::new)
            })
            .clone()
    }
}

/// A territory as the database compiles it fastest, with the same
/// answers:
/// - without its `<availableFormats>`: those patterns only lay a number
///   out for display (we print E.164 and the number as written), yet they
///   are half of what the database compiles;
/// - `\d` as `[0-9]`: the patterns only ever see ASCII digits (the crate
///   folds every other digit and letter to them first), and a Unicode
///   `\d` is a class of 680 code points the regex parser builds each time;
/// - without the layout whitespace of the patterns, which are read with
///   whitespace ignored.
fn lean(xml: &str) -> String {
    const FORMATS: (&str, &str) = ("<availableFormats>", "</availableFormats>");
    const PATTERN: (&str, &str) = ("<nationalNumberPattern>", "</nationalNumberPattern>");
    let whole = match (xml.find(FORMATS.0), xml.find(FORMATS.1)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &xml[..start], &xml[end + FORMATS.1.len()..])
        }
        _ => xml.to_string(),
    }
    .replace("\\d", "[0-9]");
    let mut out = String::with_capacity(whole.len());
    let mut rest = whole.as_str();
    while let Some(open) = rest.find(PATTERN.0) {
        let body = open + PATTERN.0.len();
        let Some(len) = rest[body..].find(PATTERN.1) else {
            break;
        };
        out.push_str(&rest[..body]);
        out.extend(
            rest[body..body + len]
                .chars()
                .filter(|c| !c.is_whitespace()),
        );
        rest = &rest[body + len..];
    }
    out.push_str(rest);
    out
}

/// The calling code a number is written with (`+44 …` → 44; calling codes
/// are prefix-free), else the one of the guide's region.
fn calling_code(written: &str, region: Option<&str>) -> Option<u16> {
    if let Some(rest) = written.trim_start().strip_prefix('+') {
        let digits: String = rest.chars().filter(char::is_ascii_digit).take(3).collect();
        return (1..=digits.len())
            .filter_map(|n| digits[..n].parse::<u16>().ok())
            .find(|&c| territories().iter().any(|t| t.code == c));
    }
    let region = region?;
    territories()
        .iter()
        .find(|t| t.id.eq_ignore_ascii_case(region))
        .map(|t| t.code)
}

/// Parses with the plans of the number's own calling code; anything those
/// cannot settle (an unknown code, a number dialled through an
/// international prefix such as `011 44 …`) goes to the full database.
///
/// The code's main territory is tried alone first, where that cannot
/// change the answer: validation tries the main territory before any other
/// of its code, so a number valid there is valid with all of them. Parsing
/// a number written without a region, though, strips a national prefix by
/// the territory its digits belong to, which one territory alone cannot
/// judge (`+1 1 800 …`); so a `+` number is taken from the main territory
/// only if nothing was stripped, and a national one only if the guide's
/// region is the main territory. The other 24 territories of `+1` need not
/// be loaded for a US number.
fn parse(
    phones: &Phones,
    country: Option<country::Id>,
    written: &str,
    region: Option<&str>,
) -> Option<(PhoneNumber, Arc<Database>)> {
    let code = calling_code(written, region)?;
    let parsed = |which| {
        let db = phones.plans(which)?;
        let number = phonenumber::parse_with(&db, country, written).ok()?;
        (number.code().value() == code).then_some((number, db))
    };
    let main_region = main_territory(code)
        .is_some_and(|main| region.is_none_or(|r| r.eq_ignore_ascii_case(main.id)));
    if main_region
        && let Some((number, db)) = parsed(Plans::Main(code))
        && phonenumber::is_valid_with(&db, &number)
    {
        let nothing_stripped = if written.trim_start().starts_with('+') {
            let digits: String = written.chars().filter(char::is_ascii_digit).collect();
            digits == format!("{code}{}", number.national())
        } else {
            region.is_some()
        };
        if nothing_stripped {
            return Some((number, db));
        }
    }
    parsed(Plans::All(code))
}

/// A number checked against the numbering plan of its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// `+18005550199`, for `tel:` links and QR codes.
    pub e164: String,
    /// The extension, if the number has one (`ext. 12`, `x12`).
    pub extension: Option<String>,
}

/// Normalises a number written by a guide author.
///
/// Numbers with a `+` country code parse on their own; without one, the
/// region of the guide's language tag (`en-US` → US) is used if it has one.
#[cfg(test)]
pub fn normalise(written: &str, region: Option<&str>) -> Result<Phone, String> {
    normalise_with(&Phones::default(), written, region)
}

fn normalise_with(
    phones: &Phones,
    as_written: &str,
    region: Option<&str>,
) -> Result<Phone, String> {
    // `+٩٧١ ٤ ١٢٣ ٤٥٦٧` and `＋１ ８００…` are numbers too: the digits of other
    // scripts are read as the digits they are (messages quote the number
    // as written).
    let folded = ascii_digits(as_written);
    let written = folded.as_str();
    if written.trim().is_empty() {
        return Err("the phone number is empty".to_string());
    }
    if !written.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!(
            "`{as_written}` is not a phone number: it has no digits"
        ));
    }
    let country = region.and_then(|r| r.to_ascii_uppercase().parse::<country::Id>().ok());
    let regional = parse(phones, country, written, region);
    let (number, db): (PhoneNumber, &Database) = match &regional {
        Some((number, db)) => (number.clone(), db),
        None => {
            let db: &Database = &phonenumber::metadata::DATABASE;
            let number = phonenumber::parse_with(db, country, written).map_err(|_| {
                if written.trim_start().starts_with('+') || country.is_some() {
                    format!("`{written}` is not a phone number")
                } else {
                    format!("`{written}` has no country code")
                }
            })?;
            (number, db)
        }
    };
    if !phonenumber::is_valid_with(db, &number) {
        // `+1 800 555 01999`: one digit too many reads better than "not
        // dialable, write the country code" (which it has).
        let national = number.national().to_string();
        let code = number.code().value();
        for extra in 1..=2usize {
            let Some(shorter) = national.get(..national.len().saturating_sub(extra)) else {
                continue;
            };
            let valid = !shorter.is_empty()
                && phonenumber::parse_with(db, None, format!("+{code}{shorter}"))
                    .is_ok_and(|n| phonenumber::is_valid_with(db, &n));
            if valid {
                let digits = if extra == 1 { "digit" } else { "digits" };
                return Err(format!(
                    "`{as_written}` has {extra} {digits} too many for a number in its country (+{code})"
                ));
            }
        }
        return Err(format!("`{written}` is not a dialable number"));
    }
    // Written out here: the crate's formatter loads its full database even
    // when it is handed another one.
    Ok(Phone {
        e164: format!("+{}{}", number.code().value(), number.national()),
        extension: number
            .extension()
            .map(|e| e.to_string())
            .filter(|e| !e.is_empty()),
    })
}

/// `text` with every decimal digit of another script (Arabic-Indic,
/// Devanagari, Thai, fullwidth…) as its ASCII digit, and a fullwidth plus
/// as `+`.
fn ascii_digits(text: &str) -> String {
    /// The zero of each run of ten decimal digits that phone numbers are
    /// written in.
    const ZEROS: [u32; 19] = [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
    ];
    text.chars()
        .map(|c| {
            if c == '\u{FF0B}' {
                return '+';
            }
            let code = u32::from(c);
            ZEROS
                .iter()
                .find(|&&zero| (zero..zero + 10).contains(&code))
                .and_then(|zero| char::from_digit(code - zero, 10))
                .unwrap_or(c)
        })
        .collect()
}

/// The E.164 form of a number `check` has accepted (the number as written
/// if it has none).
#[cfg(test)]
pub fn e164(written: &str, region: Option<&str>) -> String {
    normalise(written, region).map_or_else(|_| written.to_string(), |p| p.e164)
}

/// A relay or text-telephone number: a short service code such as `711`,
/// or a full number.
pub fn is_service_code(written: &str) -> bool {
    let digits = written.trim();
    (2..=6).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digit_too_many_is_named() {
        let e = normalise("+1 800 555 01999", None).unwrap_err();
        assert!(e.contains("1 digit too many"), "{e}");
        let e = normalise("+44 20 7946 095811", None).unwrap_err();
        assert!(e.contains("2 digits too many"), "{e}");
        assert!(normalise("+1 800 555 0199", None).is_ok());
    }

    /// Digits of other scripts are read as digits, not refused as "no
    /// digits".
    /// An extension is kept, not dropped.
    #[test]
    fn extensions_are_kept() {
        for written in ["+1 800 555 0199 ext. 12", "+1 800 555 0199 x12"] {
            let p = normalise(written, None).unwrap();
            assert_eq!(
                (p.e164.as_str(), p.extension.as_deref()),
                ("+18005550199", Some("12")),
                "{written}"
            );
        }
        assert_eq!(normalise("+1 800 555 0199", None).unwrap().extension, None);
    }

    #[test]
    fn digits_of_other_scripts_are_digits() {
        for written in [
            "+١ ٨٠٠ ٥٥٥ ٠١٩٩",
            "+۱ ۸۰۰ ۵۵۵ ۰۱۹۹",
            "＋１ ８００ ５５５ ０１９９",
        ] {
            assert_eq!(
                normalise(written, None).map(|p| p.e164),
                Ok("+18005550199".to_string()),
                "{written}"
            );
        }
        let err = normalise("call us", None).unwrap_err();
        assert!(err.contains("`call us`"), "{err}");
    }

    #[test]
    fn e164_matches_the_full_normalisation() {
        for (written, region) in [
            ("+1 800 555 0199", None),
            ("+44 20 7946 0958", None),
            ("+44 (0)20 7946 0958", None),
            ("(800) 555-0199", Some("US")),
        ] {
            assert_eq!(
                e164(written, region),
                normalise(written, region).unwrap().e164
            );
        }
        assert_eq!(e164("+44 (0)20 7946 0958", None), "+442079460958");
    }

    #[test]
    fn international_numbers_normalise() {
        let p = normalise("+1 800 555 0199", None).unwrap();
        assert_eq!(p.e164, "+18005550199");
        let p = normalise("+1 (800) 555-0199", None).unwrap();
        assert_eq!(p.e164, "+18005550199");
        let p = normalise("+34 912 345 678", None).unwrap();
        assert_eq!(p.e164, "+34912345678");
    }

    #[test]
    fn national_numbers_need_a_region() {
        assert!(normalise("800 555 0199", None).is_err());
        assert_eq!(
            normalise("(800) 555-0199", Some("us")).unwrap().e164,
            "+18005550199"
        );
    }

    #[test]
    fn nonsense_is_rejected() {
        for bad in ["call us", "+1 555", "+1 800 555 01999999", ""] {
            assert!(normalise(bad, None).is_err(), "{bad}");
        }
    }

    /// What the crate's own full database says: the reference the
    /// per-code plans must agree with.
    fn by_full_database(written: &str, region: Option<&str>) -> Option<String> {
        let country = region.and_then(|r| r.parse::<country::Id>().ok());
        let number = phonenumber::parse(country, written).ok()?;
        number
            .is_valid()
            .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
    }

    #[test]
    fn per_code_plans_agree_with_the_full_database_on_every_example_number() {
        let mut compared = 0;
        for t in territories() {
            let examples = t.xml.split("<exampleNumber>").skip(1);
            for example in examples.filter_map(|e| e.split('<').next()) {
                // The number, and near misses the plans must reject alike:
                // a digit short, a digit long, the last digit changed.
                let mut variants = vec![example.to_string()];
                if let Some(short) = example.get(..example.len() - 1) {
                    variants.push(short.to_string());
                    let last = if example.ends_with('9') { '0' } else { '9' };
                    variants.push(format!("{short}{last}"));
                }
                variants.push(format!("{example}0"));
                let mut cases = Vec::new();
                for number in variants {
                    cases.push((format!("+{} {number}", t.code), None));
                    if t.id != "001" {
                        cases.push((number.clone(), Some(t.id)));
                    }
                }
                for (written, region) in cases {
                    let ours = normalise(&written, region).ok().map(|p| p.e164);
                    assert_eq!(
                        ours,
                        by_full_database(&written, region),
                        "{written} ({region:?})"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 8000, "only {compared} example numbers");
        // Ones no plan knows, and one dialled through the US exit code.
        for (written, region) in [
            ("+999 1234", None),
            ("011 44 20 7946 0958", Some("US")),
            // Full-width digits, as some phones type them.
            ("＋１ ８００ ５５５ ０１９９", None),
            ("(613) 555-0199", Some("CA")),
            ("+1 613 555 0199", Some("GB")),
            // A trunk prefix written after the country code: one territory
            // alone would strip it; all of +1 together do not.
            ("+1 1 800 555 0199", None),
            ("1 800 555 0199", Some("US")),
            ("+44 (0)20 7946 0958", None),
        ] {
            // Other scripts' digits (and a fullwidth plus) are folded
            // before either reads the number.
            assert_eq!(
                normalise(written, region).ok().map(|p| p.e164),
                by_full_database(&ascii_digits(written), region),
                "{written}"
            );
        }
    }

    #[test]
    fn service_codes() {
        assert!(is_service_code("711"));
        assert!(!is_service_code("7"));
        assert!(!is_service_code("71a"));
    }
}
