//! Phone numbers: dialable, normalised to E.164 for `tel:` and `sms:`.

use phonenumber::{Mode, country};

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
    let number = phonenumber::parse(country, written).map_err(|_| {
        if written.trim_start().starts_with('+') || country.is_some() {
            format!("`{written}` is not a phone number")
        } else {
            format!("`{written}` has no country code")
        }
    })?;
    if !number.is_valid() {
        return Err(format!("`{written}` is not a dialable number"));
    }
    Ok(Phone {
        e164: number.format().mode(Mode::E164).to_string(),
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

/// Loads the numbering plans, so a later check does not wait for them.
pub fn warm_up() {
    let _ = normalise("+1 800 555 0199", None);
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

    #[test]
    fn service_codes() {
        assert!(is_service_code("711"));
        assert!(!is_service_code("7"));
        assert!(!is_service_code("71a"));
    }
}
