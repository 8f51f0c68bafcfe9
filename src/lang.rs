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

/// The language to declare for a piece of text in `script` inside a
/// document in language `tag`, for a screen reader to switch voices: an
/// Arabic name in an English guide is read as Arabic. `None` when the
/// script is the document's own, or Latin (brand names and Latin words in
/// a Chinese or Arabic guide are read in the guide's voice, which spells
/// them), or one with no language most of its readers speak. A script
/// names a language only by its most widely written one (Han → `zh`,
/// Cyrillic → `ru`), the most a piece of text tells.
pub fn language_of_script(tag: &str, script: unicode_script::Script) -> Option<&'static str> {
    use unicode_script::Script;
    let lower = tag.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or("");
    let (language, own): (&str, &[&str]) = match script {
        Script::Arabic => ("ar", &["ar", "fa", "ur", "ps", "sd", "ug", "ckb"]),
        Script::Hebrew => ("he", &["he", "iw", "yi"]),
        Script::Devanagari => ("hi", &["hi", "mr", "ne", "sa"]),
        Script::Thai => ("th", &["th"]),
        Script::Hangul => ("ko", &["ko"]),
        Script::Hiragana | Script::Katakana => ("ja", &["ja"]),
        Script::Han => ("zh", &["zh", "ja", "ko"]),
        Script::Greek => ("el", &["el"]),
        Script::Cyrillic => (
            "ru",
            &["ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg"],
        ),
        _ => return None,
    };
    (!own.contains(&primary)).then_some(language)
}

/// Tags compare without regard to case (`pt-BR` = `pt-br`).
pub fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_another_script_names_its_language() {
        use unicode_script::Script;
        assert_eq!(language_of_script("en", Script::Arabic), Some("ar"));
        assert_eq!(language_of_script("fa", Script::Arabic), None);
        assert_eq!(language_of_script("en-US", Script::Han), Some("zh"));
        assert_eq!(language_of_script("ja", Script::Han), None);
        assert_eq!(language_of_script("zh-Hans", Script::Latin), None);
        assert_eq!(language_of_script("uk", Script::Cyrillic), None);
        assert_eq!(language_of_script("ar", Script::Hebrew), Some("he"));
    }

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
