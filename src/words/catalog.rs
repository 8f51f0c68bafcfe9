//! Where a language's words come from: the message file swapguide ships
//! for it (the closest one: `fr-CA` → `fr`, `zh-TW` → `zh-Hant`), then
//! the guide's own `words.<lang>.ftl` files, the more specific last, each
//! message replacing the shipped one. A language's set must be complete:
//! [`check_words`] names what is missing, and every mistake in an
//! author's file, with its place.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use icu_plurals::{PluralCategory, PluralRules};

use super::{Bundle, Words};
use crate::diag::{Diagnostic, FileId};

/// The message files swapguide ships, by language tag; English is the
/// reference every other file is checked against.
const SHIPPED: &[(&str, &str)] = &[
    ("en", include_str!("../../assets/words/en.ftl")),
    ("ar", include_str!("../../assets/words/ar.ftl")),
    ("de", include_str!("../../assets/words/de.ftl")),
    ("es", include_str!("../../assets/words/es.ftl")),
    ("fr", include_str!("../../assets/words/fr.ftl")),
    ("he", include_str!("../../assets/words/he.ftl")),
    ("hi", include_str!("../../assets/words/hi.ftl")),
    ("ht", include_str!("../../assets/words/ht.ftl")),
    ("it", include_str!("../../assets/words/it.ftl")),
    ("ja", include_str!("../../assets/words/ja.ftl")),
    ("ko", include_str!("../../assets/words/ko.ftl")),
    ("nl", include_str!("../../assets/words/nl.ftl")),
    ("pl", include_str!("../../assets/words/pl.ftl")),
    ("pt", include_str!("../../assets/words/pt.ftl")),
    ("ru", include_str!("../../assets/words/ru.ftl")),
    ("tl", include_str!("../../assets/words/tl.ftl")),
    ("uk", include_str!("../../assets/words/uk.ftl")),
    ("vi", include_str!("../../assets/words/vi.ftl")),
    ("zh-Hans", include_str!("../../assets/words/zh-Hans.ftl")),
    ("zh-Hant", include_str!("../../assets/words/zh-Hant.ftl")),
];

/// The tags swapguide ships words for.
pub fn shipped_languages() -> impl Iterator<Item = &'static str> {
    SHIPPED.iter().map(|(tag, _)| *tag)
}

/// The shipped message file closest to this tag (`swapguide words fr`).
pub fn shipped_source(tag: &str) -> Option<&'static str> {
    shipped_for(tag).map(|(_, source)| source)
}

/// The shipped file closest to a guide's language: the same tag, then
/// Chinese by script (Traditional for `Hant`, TW, HK and MO), then the same
/// primary language.
fn shipped_for(tag: &str) -> Option<(&'static str, &'static str)> {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let find = |t: &str| {
        SHIPPED
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(t))
            .copied()
    };
    find(&lower).or_else(|| {
        if primary == "zh" {
            // A script subtag decides (zh-Hans-HK is Simplified); else the
            // region.
            let traditional = match rest.iter().find(|p| p.len() == 4) {
                Some(script) => *script == "hant",
                None => rest.iter().any(|p| matches!(*p, "tw" | "hk" | "mo")),
            };
            find(if traditional { "zh-Hant" } else { "zh-Hans" })
        } else {
            find(primary)
        }
    })
}

/// The reference messages (English): each id with the variables it uses.
fn reference() -> &'static [(String, BTreeSet<String>)] {
    static REFERENCE: OnceLock<Vec<(String, BTreeSet<String>)>> = OnceLock::new();
    REFERENCE.get_or_init(|| match FluentResource::try_new(SHIPPED[0].1.to_string()) {
        Ok(resource) => messages(&resource)
            .map(|(id, pattern)| (id.to_string(), variables(pattern)))
            .collect(),
        Err(_) => Vec::new(), // a unit test proves the shipped files parse
    })
}

/// The message ids every language needs.
pub fn message_ids() -> impl Iterator<Item = &'static str> {
    reference().iter().map(|(id, _)| id.as_str())
}

/// A guide's own message file, `words.<lang>.ftl`, as loaded.
#[derive(Debug)]
pub struct WordsFile {
    /// Where its text is registered for diagnostics.
    pub file: FileId,
    /// Its path, for messages.
    pub path: PathBuf,
    /// The language its name gives.
    pub language: String,
    /// Its text.
    pub text: String,
}

impl WordsFile {
    /// Does this file's language cover `tag` (`words.fr.ftl` covers `fr`
    /// and `fr-CA`)?
    fn applies_to(&self, tag: &str) -> bool {
        let (mine, theirs) = (self.language.to_ascii_lowercase(), tag.to_ascii_lowercase());
        theirs == mine || theirs.starts_with(&format!("{mine}-"))
    }

    /// The file parsed; syntax errors leave the good messages.
    fn parse(&self) -> (Arc<FluentResource>, Vec<fluent_syntax::parser::ParserError>) {
        match FluentResource::try_new(self.text.clone()) {
            Ok(r) => (Arc::new(r), Vec::new()),
            Err((r, errors)) => (Arc::new(r), errors),
        }
    }

    /// Where message `id` is defined in this file.
    fn span_of(&self, id: &str) -> Range<usize> {
        let mut at = 0;
        for line in self.text.split_inclusive('\n') {
            let rest = line.strip_prefix(id).map(str::trim_start);
            if rest.is_some_and(|r| r.starts_with('=')) {
                return at..at + id.len();
            }
            at += line.len();
        }
        0..0
    }
}

/// The words for `language`, from the shipped file and the guide's own
/// files; an error (already reported by [`check_words`]) says what is
/// wrong.
pub fn words_for(language: &str, files: &[WordsFile]) -> Result<Words, String> {
    let mut diags = Vec::new();
    let words = assemble(language, files, None, &mut diags);
    match (words, diags.into_iter().find(Diagnostic::is_error)) {
        (Some(words), None) => Ok(words),
        (_, Some(d)) => Err(d.message),
        (None, None) => Err(format!("no words for language `{language}`")),
    }
}

/// Checks a guide's words: each of its own files (syntax, unknown
/// messages, variables), then each language the guide is written in.
/// `languages` pairs each tag with where the guide file says it.
pub fn check_words(
    languages: &[(String, FileId, Range<usize>)],
    files: &[WordsFile],
    diags: &mut Vec<Diagnostic>,
) {
    let known: Vec<&str> = message_ids().collect();
    for file in files {
        let (resource, errors) = file.parse();
        for e in errors {
            // The start of the entry that does not parse: the parser's own
            // position is often where it gave up (the end of the file).
            let span = e.slice.clone().unwrap_or(e.pos.clone());
            let span = span.start..span.end.min(span.start + 80).max(span.start);
            diags.push(
                Diagnostic::error(file.file, span, format!("{}", e.kind))
                    .with_label("not a message")
                    .with_help(
                        "write each message as `id = text` on its own line; continue a long one on lines that start with spaces",
                    ),
            );
        }
        for (id, pattern) in messages(&resource) {
            let span = file.span_of(id);
            let Some((_, expected)) = reference().iter().find(|(r, _)| r == id) else {
                let mut d =
                    Diagnostic::error(file.file, span, format!("swapguide has no message `{id}`"))
                        .with_label("not a message swapguide prints");
                d.help = Some(match crate::load::nearest(id, &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the messages are listed in `swapguide words en`".into(),
                });
                diags.push(d);
                continue;
            };
            let used = variables(pattern);
            let refers = refers_to_messages(pattern);
            for unknown in used.difference(expected) {
                let given = if expected.is_empty() {
                    "none".to_string()
                } else {
                    expected
                        .iter()
                        .map(|v| format!("${v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                diags.push(
                    Diagnostic::error(
                        file.file,
                        span.clone(),
                        format!("`{id}` uses `${unknown}`, which swapguide does not give it"),
                    )
                    .with_label("unknown variable")
                    .with_help(format!("this message's variables: {given}")),
                );
            }
            // A message built from others gets its variables through them.
            for missing in expected.difference(&used).filter(|_| !refers) {
                diags.push(
                    Diagnostic::warning(
                        file.file,
                        span.clone(),
                        format!("`{id}` leaves out `${missing}`"),
                    )
                    .with_label("the reader will not see it")
                    .with_help(format!(
                        "put {{ ${missing} }} where it belongs in the sentence"
                    )),
                );
            }
        }
        if !languages.iter().any(|(tag, _, _)| file.applies_to(tag)) {
            let have: Vec<&str> = languages.iter().map(|(t, _, _)| t.as_str()).collect();
            diags.push(
                Diagnostic::warning(
                    file.file,
                    0..0,
                    format!(
                        "no guide file is in `{}`, so these words are not used",
                        file.language
                    ),
                )
                .with_help(format!(
                    "name the file after one of the guide's languages ({}), or add guide.{}.toml",
                    have.join(", "),
                    file.language
                )),
            );
        }
    }
    for (tag, file, span) in languages {
        assemble(tag, files, Some((*file, span.clone())), diags);
    }
}

/// Builds one language's words, reporting a set that is incomplete or a
/// message that does not format (at `place`, the guide file's language).
fn assemble(
    language: &str,
    files: &[WordsFile],
    place: Option<(FileId, Range<usize>)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Words> {
    let langid = unic_langid::LanguageIdentifier::from_str(language).unwrap_or_default();
    let locale = icu_locale(language);
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    // Fluent would wrap each argument in invisible direction marks; the
    // layout sets numbers and dates the right way round itself.
    bundle.set_use_isolating(false);
    let rules = PluralRules::try_new_cardinal((&locale).into()).ok();
    let added = bundle.add_function("PLURAL", move |positional, _named| {
        plural(rules.as_ref(), positional.first())
    });
    debug_assert!(added.is_ok());
    let shipped = shipped_for(language);
    if let Some((_, source)) = shipped
        && let Ok(resource) = FluentResource::try_new(source.to_string())
    {
        let _ = bundle.add_resource(Arc::new(resource));
    }
    let mut own: Vec<&WordsFile> = files.iter().filter(|f| f.applies_to(language)).collect();
    own.sort_by_key(|f| f.language.len());
    for file in &own {
        let (resource, _) = file.parse();
        bundle.add_resource_overriding(resource);
    }

    let missing: Vec<&str> = message_ids()
        .filter(|id| bundle.get_message(id).and_then(|m| m.value()).is_none())
        .collect();
    let located = place.is_some();
    let (file, span) = place.unwrap_or_default();
    let anchor = |message: String| match located {
        true => Diagnostic::error(file, span.clone(), message),
        false => Diagnostic::error_without_location(message),
    };
    if !missing.is_empty() {
        let list = if missing.len() > 8 {
            format!(
                "{}, and {} more",
                missing[..8].join(", "),
                missing.len() - 8
            )
        } else {
            missing.join(", ")
        };
        let total = message_ids().count();
        let what = if missing.len() == total {
            format!("swapguide has no words for `{language}`")
        } else {
            format!(
                "the words for `{language}` lack {} of {total} messages: {list}",
                missing.len()
            )
        };
        let shipped_list: Vec<&str> = shipped_languages().collect();
        diags.push(
            anchor(what)
                .with_label("no complete set of words")
                .with_help(format!(
                    "add words.{language}.ftl to the guide folder with every missing message (start from `swapguide words en > words.{language}.ftl` and translate it); swapguide ships {}",
                    shipped_list.join(", ")
                )),
        );
        return None;
    }
    // Every message formats, with numbers of each plural form a language
    // may pick among.
    let mut broken = false;
    for (id, _) in reference() {
        for n in [0, 1, 2, 3, 11, 100, 103] {
            let mut args = FluentArgs::new();
            for name in ["n", "total", "step", "page"] {
                args.set(name, n);
            }
            args.set("date", "20 December 2026");
            let mut errors = Vec::new();
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let _ = bundle.format_pattern(pattern, Some(&args), &mut errors);
            }
            if let Some(e) = errors.first() {
                let owner = own.iter().rev().find(|f| {
                    f.parse().0.entries().any(
                        |entry| matches!(entry, ast::Entry::Message(m) if m.id.name == id.as_str()),
                    )
                });
                let d = match owner {
                    Some(f) => Diagnostic::error(
                        f.file,
                        f.span_of(id),
                        format!("`{id}` does not format: {e}"),
                    ),
                    None => anchor(format!(
                        "the words for `{language}`: `{id}` does not format: {e}"
                    )),
                };
                diags.push(d.with_help(
                    "refer only to this message's variables, to PLURAL($n), and to messages that exist",
                ));
                broken = true;
                break;
            }
        }
    }
    if broken {
        return None;
    }
    let dates = super::Dates::new(&locale);
    Some(Words::new(language.to_string(), bundle, dates))
}

/// The CLDR locale for a tag: Tagalog's data is under Filipino.
fn icu_locale(tag: &str) -> icu_locale_core::Locale {
    let lower = tag.to_ascii_lowercase();
    let tag = match lower.strip_prefix("tl") {
        Some(rest) if rest.is_empty() || rest.starts_with('-') => format!("fil{rest}"),
        _ => tag.to_string(),
    };
    icu_locale_core::Locale::try_from_str(&tag).unwrap_or(icu_locale_core::Locale::UNKNOWN)
}

/// PLURAL($n): the CLDR plural category of a count in the bundle's
/// language (Fluent's own rules are older: Arabic 103–199 got the wrong
/// form).
fn plural<'a>(rules: Option<&PluralRules>, n: Option<&FluentValue<'a>>) -> FluentValue<'a> {
    let category = match (rules, n) {
        (Some(rules), Some(FluentValue::Number(n))) if n.value >= 0.0 && n.value.fract() == 0.0 => {
            rules.category_for(n.value as u64)
        }
        (_, Some(FluentValue::Number(_))) => PluralCategory::Other,
        _ => return FluentValue::Error,
    };
    let name = match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    };
    FluentValue::String(Cow::Borrowed(name))
}

/// The messages of a file that have a value.
fn messages(resource: &FluentResource) -> impl Iterator<Item = (&str, &ast::Pattern<&str>)> {
    resource.entries().filter_map(|entry| match entry {
        ast::Entry::Message(m) => Some((m.id.name, m.value.as_ref()?)),
        _ => None,
    })
}

/// Does a pattern use another message (`{ see-step }`)?
fn refers_to_messages(pattern: &ast::Pattern<&str>) -> bool {
    pattern.elements.iter().any(|e| match e {
        ast::PatternElement::Placeable { expression } => {
            let inline = match expression {
                ast::Expression::Inline(inline) => inline,
                ast::Expression::Select { selector, .. } => selector,
            };
            matches!(inline, ast::InlineExpression::MessageReference { .. })
                || matches!(expression, ast::Expression::Select { variants, .. }
                    if variants.iter().any(|v| refers_to_messages(&v.value)))
        }
        _ => false,
    })
}

/// Every variable a pattern names, in every variant.
fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    walk_pattern(pattern, &mut found);
    found
}

fn walk_pattern(pattern: &ast::Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, found);
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, found);
            for v in variants {
                walk_pattern(&v.value, found);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, found),
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, found);
            }
            for a in &arguments.named {
                walk_inline(&a.value, found);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, found),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_is_complete_and_formats() {
        let ids_needed: Vec<&str> = message_ids().collect();
        assert!(ids_needed.len() > 50, "{}", ids_needed.len());
        for (tag, source) in SHIPPED {
            let resource = FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(_, e)| panic!("{tag}.ftl: {e:?}"));
            let ids: Vec<&str> = messages(&resource).map(|(id, _)| id).collect();
            for id in &ids_needed {
                assert!(ids.contains(id), "{tag}.ftl lacks {id}");
            }
            for id in &ids {
                assert!(
                    ids_needed.contains(id),
                    "{tag}.ftl has {id}, which en.ftl has not"
                );
            }
            for (id, pattern) in messages(&resource) {
                let expected = &reference().iter().find(|(r, _)| r == id).unwrap().1;
                assert_eq!(&variables(pattern), expected, "{tag}.ftl: {id}");
            }
            let mut diags = Vec::new();
            assert!(
                assemble(tag, &[], None, &mut diags).is_some(),
                "{tag}: {diags:?}"
            );
        }
    }

    #[test]
    fn closest_shipped_language() {
        assert_eq!(shipped_for("es-MX").map(|s| s.0), Some("es"));
        assert_eq!(shipped_for("EN").map(|s| s.0), Some("en"));
        assert_eq!(shipped_for("xx"), None);
        assert_eq!(shipped_for("zh-TW").map(|s| s.0), Some("zh-Hant"));
        assert_eq!(shipped_for("zh-Hans-HK").map(|s| s.0), Some("zh-Hans"));
        assert_eq!(shipped_for("zh").map(|s| s.0), Some("zh-Hans"));
    }
}
