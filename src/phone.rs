//! Phone numbers: dialable, normalised to E.164 for `tel:` and `sms:`.
//!
//! The numbering plans are libphonenumber's, loaded one calling code at a
//! time: the `phonenumber` crate's own database compiles the patterns of
//! all 254 territories up front, which took longer than building a whole
//! guide. `assets/phonenumber/PhoneNumberMetadata.xml` is the very file the
//! crate's database is built from (same version; Apache-2.0, licence beside
//! it), so both give the same answers; a test holds them to it.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use phonenumber::metadata::Database;
use phonenumber::{PhoneNumber, country};

/// libphonenumber's numbering plans, as shipped in `phonenumber` 0.3.10.
const PLANS_XML: &str = include_str!("../assets/phonenumber/PhoneNumberMetadata.xml");

/// Where each territory's `<territory …>…</territory>` element lies in
/// [`PLANS_XML`], with its region id and calling code.
struct Territory {
    id: &'static str,
    code: u16,
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
                list.push(Territory { id, code, xml });
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

/// The plans of the territories sharing one calling code (`1`: the US,
/// Canada and 23 others), loaded once per process.
fn plans_for(code: u16) -> Option<Arc<Database>> {
    static LOADED: LazyLock<Mutex<HashMap<u16, Option<Arc<Database>>>>> =
        LazyLock::new(Default::default);
    let mut loaded = LOADED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    loaded
        .entry(code)
        .or_insert_with(|| {
            let mut xml = String::from("<phoneNumberMetadata><territories>");
            for t in territories().iter().filter(|t| t.code == code) {
                xml.push_str(&without_formats(t.xml));
            }
            xml.push_str("</territories></phoneNumberMetadata>");
            Database::parse(xml).ok().map(Arc::new)
        })
        .clone()
}

/// A territory without its `<availableFormats>`: those patterns only lay
/// a number out for display (we print E.164 and the number as written),
/// yet they are half of what the database compiles.
fn without_formats(xml: &str) -> std::borrow::Cow<'_, str> {
    const END: &str = "</availableFormats>";
    match (xml.find("<availableFormats>"), xml.find(END)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &xml[..start], &xml[end + END.len()..]).into()
        }
        _ => xml.into(),
    }
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
fn parse(
    country: Option<country::Id>,
    written: &str,
    region: Option<&str>,
) -> Option<(PhoneNumber, Arc<Database>)> {
    if let Some(code) = calling_code(written, region)
        && let Some(db) = plans_for(code)
        && let Ok(number) = phonenumber::parse_with(&db, country, written)
        && number.code().value() == code
    {
        return Some((number, db));
    }
    None
}

/// A number checked against the numbering plan of its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// `+18005550199`, for `tel:` links and QR codes.
    pub e164: String,
}

/// Normalises a number written by a guide author.
///
/// Numbers with a `+` country code parse on their own; without one, the
/// region of the guide's language tag (`en-US` → US) is used if it has one.
pub fn normalise(written: &str, region: Option<&str>) -> Result<Phone, String> {
    if written.trim().is_empty() {
        return Err("the phone number is empty".to_string());
    }
    if !written.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!(
            "`{written}` is not a phone number: it has no digits"
        ));
    }
    let country = region.and_then(|r| r.to_ascii_uppercase().parse::<country::Id>().ok());
    let regional = parse(country, written, region);
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
        return Err(format!("`{written}` is not a dialable number"));
    }
    // Written out here: the crate's formatter loads its full database even
    // when it is handed another one.
    Ok(Phone {
        e164: format!("+{}{}", number.code().value(), number.national()),
    })
}

/// The E.164 form of a number `check` has accepted, without loading the
/// numbering plans when it is written with its `+` country code (the usual
/// case): E.164 is then just `+` and the digits.
pub fn e164(written: &str, region: Option<&str>) -> String {
    let trimmed = written.trim();
    if let Some(rest) = trimmed.strip_prefix('+') {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return format!("+{digits}");
        }
    }
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
    fn e164_matches_the_full_normalisation() {
        for (written, region) in [
            ("+1 800 555 0199", None),
            ("+44 20 7946 0958", None),
            ("(800) 555-0199", Some("US")),
        ] {
            assert_eq!(
                e164(written, region),
                normalise(written, region).unwrap().e164
            );
        }
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
                let international = format!("+{} {example}", t.code);
                let mut cases = vec![(international, None)];
                if t.id != "001" {
                    cases.push((example.to_string(), Some(t.id)));
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
        assert!(compared > 2000, "only {compared} example numbers");
        // Ones no plan knows, and one dialled through the US exit code.
        for (written, region) in [("+999 1234", None), ("011 44 20 7946 0958", Some("US"))] {
            assert_eq!(
                normalise(written, region).ok().map(|p| p.e164),
                by_full_database(written, region),
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
