//! Customer dates: `ship_date` as written in the CSV, and the return-by
//! date it gives with the guide's `deadline_days`.

use std::ops::RangeInclusive;

use time::{Date, Duration, Month};

/// The years a customer date may fall in. A ship date outside them is a
/// mistake in the export (a `0000-01-01` placeholder printed "Send it
/// back by 22 January 0"), never a real shipment.
const YEARS: RangeInclusive<i32> = 2000..=2100;

/// Reads a `YYYY-MM-DD` date, the only form the customer CSV accepts
/// (billing exports differ on everything else, so nothing is guessed),
/// from 2000-01-01 to 2100-12-31.
pub fn parse_iso(s: &str) -> Result<Date, String> {
    let bad = || format!("`{s}` is not a date; write it as YYYY-MM-DD, such as 2026-11-29");
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Result<u32, String> {
        let part = &s[r];
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        part.parse().map_err(|_| bad())
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(bad)?;
    let day = u8::try_from(d).map_err(|_| bad())?;
    let date = Date::from_calendar_date(y as i32, month, day).map_err(|_| bad())?;
    if !YEARS.contains(&date.year()) {
        return Err(format!(
            "`{s}` is out of range; write a date between {}-01-01 and {}-12-31",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

/// The day the old equipment must be back: `days` after shipping.
pub fn return_by(ship: Date, days: u32) -> Option<Date> {
    ship.checked_add(Duration::days(i64::from(days)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_iso_dates() {
        let d = parse_iso("2026-11-29").unwrap();
        assert_eq!((d.year(), u8::from(d.month()), d.day()), (2026, 11, 29));
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "29/11/2026",
            "2026-1-29",
            "",
            "２０２６-11-29",
        ] {
            assert!(parse_iso(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_dates_outside_2000_to_2100() {
        for good in ["2000-01-01", "2100-12-31", "2026-11-29"] {
            assert!(parse_iso(good).is_ok(), "{good}");
        }
        for bad in ["0000-01-01", "1999-12-31", "2101-01-01", "9999-12-31"] {
            let e = parse_iso(bad).unwrap_err();
            assert!(
                e.contains("between 2000-01-01 and 2100-12-31"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn return_by_crosses_months_and_years() {
        let d = return_by(parse_iso("2026-12-20").unwrap(), 21).unwrap();
        assert_eq!(d, parse_iso("2027-01-10").unwrap());
    }
}
