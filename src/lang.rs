//! Language tags (BCP 47, the common shapes: `en`, `es-MX`, `pt-BR`,
//! `zh-Hant-TW`).

/// The language every guide falls back to.
pub const DEFAULT_LANGUAGE: &str = "en";

/// True for a well-formed tag: a 2–3 letter language, then subtags of
/// 1–8 letters or digits.
pub fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The region subtag, if any: `es-MX` → `MX`, `en-419` → none.
pub fn region(tag: &str) -> Option<&str> {
    tag.split('-')
        .skip(1)
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Languages written right to left (Arabic, Hebrew, Persian, Urdu,
/// Yiddish, Pashto, Sindhi, Uyghur, Central Kurdish, Dhivehi), by their
/// primary subtag; a script subtag says otherwise (`az-Arab`, `pa-Arab`).
pub fn is_right_to_left(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or("");
    let script = parts.find(|p| p.len() == 4);
    match script {
        Some(s) => matches!(
            s,
            "arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" | "rohg"
        ),
        None => matches!(
            primary,
            "ar" | "he" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "ckb" | "dv" | "iw"
        ),
    }
}

/// Tags compare without regard to case (`pt-BR` = `pt-br`).
pub fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for ok in ["en", "es", "es-MX", "pt-BR", "zh-Hant-TW", "es-419"] {
            assert!(is_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english", "en_US", "en-", "en-toolongsubtag"] {
            assert!(!is_tag(bad), "{bad}");
        }
        assert_eq!(region("es-MX"), Some("MX"));
        assert_eq!(region("zh-Hant-TW"), Some("TW"));
        assert_eq!(region("es-419"), None);
        assert_eq!(region("en"), None);
        for rtl in ["ar", "he", "fa-IR", "ur", "az-Arab", "AR-EG"] {
            assert!(is_right_to_left(rtl), "{rtl}");
        }
        for ltr in ["en", "es-MX", "zh-Hant", "hi", "az-Latn", "sr-Cyrl"] {
            assert!(!is_right_to_left(ltr), "{ltr}");
        }
    }
}
