//! Load: guide folders and their TOML files → [`GuideSource`] with spans.
//!
//! serde stops at the first problem, but an author wants every problem in
//! one run. So the document is parsed into toml's spanned tree first (with
//! recovery, so all syntax errors surface), unknown keys are reported and
//! removed section by section, each section and each array entry is
//! deserialized on its own to collect type errors and missing fields, and
//! only then is the whole document deserialized into [`GuideFile`].

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diag::{Diagnostic, FileId, Sources};
use crate::model::{self, GuideFile};
use crate::paths::Folder;
use crate::words::WordsFile;

/// Largest guide file accepted; a guide is text, not data.
pub const MAX_GUIDE_BYTES: u64 = 1024 * 1024;

/// The default-language file of every guide.
pub const GUIDE_FILE: &str = "guide.toml";

/// Sections a guide cannot do without. A unit test keeps this in step with
/// the non-optional fields of [`GuideFile`].
const REQUIRED_SECTIONS: &[(&str, &str)] = &[
    ("guide", "[guide]\ntitle = \"Swap your gateway\""),
    ("provider", "[provider]\nname = \"Your company\""),
    (
        "support",
        "[support]\nphone = \"+1 800 555 0199\"\nhours = \"Every day, 7 am to 11 pm\"",
    ),
    (
        "equipment",
        "[equipment.old]\nname = \"Old gateway\"\n\n[equipment.new]\nname = \"New gateway\"",
    ),
    (
        "steps",
        "[[steps]]\nid = \"unplug-old\"\ntitle = \"Unplug the old gateway\"",
    ),
];

/// One loaded guide file, in one language.
#[derive(Debug)]
pub struct LoadedFile {
    /// Where the text is registered for diagnostics.
    pub file: FileId,
    /// Path as given on the command line, joined with the file name.
    pub path: PathBuf,
    /// The language tag in the file name (`guide.es.toml` → `es`); `None`
    /// for `guide.toml`.
    pub name_language: Option<String>,
    /// The typed guide; `None` when the file had errors that stop checks.
    pub guide: Option<GuideFile>,
}

impl LoadedFile {
    /// The file's language: its `language` key, else the one its name
    /// gives (`guide.es.toml`), else English. The same rule as
    /// [`crate::resolve::resolve`], for callers that need it before
    /// resolving.
    pub fn language(&self) -> String {
        self.guide
            .as_ref()
            .and_then(|g| g.guide.language.as_ref())
            .map(|l| l.get_ref().clone())
            .or_else(|| self.name_language.clone())
            .unwrap_or_else(|| crate::lang::DEFAULT_LANGUAGE.to_string())
    }
}

/// A guide folder: its default file and its translations.
#[derive(Debug)]
pub struct GuideSource {
    /// The guide's folder.
    pub dir: PathBuf,
    /// The guide's folder held open: its pictures and labels are read only
    /// through it (none if it could not be opened, which is reported).
    pub folder: Option<Arc<Folder>>,
    /// `guide.toml`.
    pub main: LoadedFile,
    /// `guide.<lang>.toml`, sorted by language.
    pub translations: Vec<LoadedFile>,
    /// `words.<lang>.ftl`: the guide's own fixed words, sorted by language.
    pub words: Vec<WordsFile>,
}

impl GuideSource {
    /// The main file followed by every translation.
    pub fn files(&self) -> impl Iterator<Item = &LoadedFile> {
        std::iter::once(&self.main).chain(&self.translations)
    }

    /// The font files `guide.toml` lists (`[fonts]`): they serve every
    /// language.
    pub fn font_files(&self) -> &[model::Text] {
        self.main.guide.as_ref().map_or(&[], |g| g.font_files())
    }

    /// The customer fields the guide's texts use, in every language, in
    /// the order first used, each with the first text that uses it: the
    /// columns a campaign's customer file needs.
    pub fn customer_fields(&self) -> Vec<(String, FileId, std::ops::Range<usize>)> {
        let mut fields: Vec<(String, FileId, std::ops::Range<usize>)> = Vec::new();
        for file in self.files() {
            let Some(guide) = &file.guide else { continue };
            for (_, _, text) in guide.texts() {
                let Ok(t) = crate::template::Template::parse(text.get_ref()) else {
                    continue;
                };
                for column in t.fields() {
                    if !fields.iter().any(|(c, _, _)| c == column) {
                        fields.push((column.to_string(), file.file, text.span()));
                    }
                }
            }
        }
        fields
    }

    /// The folder's own name, the default guide id.
    pub fn folder_name(&self) -> String {
        folder_name(&self.dir)
    }
}

/// The last component of a folder path, resolving `.` and friends.
pub fn folder_name(dir: &Path) -> String {
    let named = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    named
        .or_else(|| {
            fs::canonicalize(dir)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_default()
}

/// Finds the guide folders a command-line path names: a guide folder, a
/// guide file inside one, or a folder holding guide folders at any depth.
pub fn find_guides(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if path.is_file() {
        let is_guide_file = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == GUIDE_FILE || translation_language(n).is_some());
        return match path.parent() {
            Some(dir) if is_guide_file => Ok(vec![non_empty(dir)]),
            _ => Err(Diagnostic::error_without_location(format!(
                "{} is not a guide file",
                path.display()
            ))
            .with_help("pass a guide folder (one holding guide.toml) or a folder of guides")),
        };
    }
    if !path.is_dir() {
        return Err(Diagnostic::error_without_location(format!(
            "{} does not exist",
            path.display()
        ))
        .with_help("pass a guide folder, or create one with `swapguide new ID`"));
    }
    let mut found = Vec::new();
    collect_guide_dirs(path, &mut found)?;
    if found.is_empty() {
        return Err(Diagnostic::error_without_location(format!(
            "no guide found in {}",
            path.display()
        ))
        .with_help("a guide is a folder holding guide.toml; create one with `swapguide new ID`"));
    }
    found.sort();
    Ok(found)
}

/// `Path::parent` of `guide.toml` is empty; make that `.`.
fn non_empty(dir: &Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    }
}

fn collect_guide_dirs(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    if dir.join(GUIDE_FILE).is_file() {
        found.push(dir.to_path_buf());
        return Ok(()); // a guide's own sub-folders (img/) hold no guides
    }
    let entries = fs::read_dir(dir).map_err(|e| {
        Diagnostic::error_without_location(format!("cannot read folder {}: {e}", dir.display()))
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        // Do not follow links out of the tree while searching.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if is_dir && !hidden {
            collect_guide_dirs(&path, found)?;
        }
    }
    Ok(())
}

/// The language of a translation file name: `guide.es.toml` → `es`.
pub fn translation_language(file_name: &str) -> Option<&str> {
    let lang = file_name.strip_prefix("guide.")?.strip_suffix(".toml")?;
    (!lang.is_empty()).then_some(lang)
}

/// The language of a words file name: `words.fr.ftl` → `fr`.
pub fn words_language(file_name: &str) -> Option<&str> {
    let lang = file_name.strip_prefix("words.")?.strip_suffix(".ftl")?;
    (!lang.is_empty()).then_some(lang)
}

/// Loads a guide folder: `guide.toml`, every `guide.<lang>.toml` and every
/// `words.<lang>.ftl`.
pub fn load_guide(dir: &Path, sources: &mut Sources, diags: &mut Vec<Diagnostic>) -> GuideSource {
    let main = load_file(&dir.join(GUIDE_FILE), None, sources, diags);
    let mut translations = Vec::new();
    let mut words = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect();
        names.sort();
        for name in names {
            if let Some(lang) = translation_language(&name) {
                let lang = Some(lang.to_owned());
                translations.push(load_file(&dir.join(&name), lang, sources, diags));
            } else if let Some(lang) = words_language(&name) {
                words.extend(load_words(&dir.join(&name), lang, sources, diags));
            }
        }
    }
    let folder = match Folder::open(dir) {
        Ok(folder) => Some(folder),
        Err(e) => {
            diags.push(Diagnostic::error_without_location(e));
            None
        }
    };
    GuideSource {
        dir: dir.to_path_buf(),
        folder,
        main,
        translations,
        words,
    }
}

/// Reads a guide's words file; a tag that is not one is reported.
fn load_words(
    path: &Path,
    language: &str,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Option<WordsFile> {
    let (file, text) = read_text(path, sources).map_err(|d| diags.push(*d)).ok()?;
    if !crate::lang::is_tag(language) {
        diags.push(
            Diagnostic::error(file, 0..0, format!("`{language}` in this file's name is not a language tag"))
                .with_help("name it words.<lang>.ftl with a BCP 47 tag, such as words.fr.ftl or words.pt-BR.ftl"),
        );
        return None;
    }
    Some(WordsFile {
        file,
        path: path.to_path_buf(),
        language: language.to_string(),
        text,
    })
}

/// Reads and parses one guide file, adding every problem to `diags`.
pub fn load_file(
    path: &Path,
    name_language: Option<String>,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> LoadedFile {
    let (file, text) = match read_text(path, sources) {
        Ok(pair) => pair,
        Err(d) => {
            let file = sources.add(path, String::new());
            diags.push(*d);
            return LoadedFile {
                file,
                path: path.to_path_buf(),
                name_language,
                guide: None,
            };
        }
    };
    let guide = parse_guide(file, &text, diags);
    LoadedFile {
        file,
        path: path.to_path_buf(),
        name_language,
        guide,
    }
}

/// Reads a file as UTF-8 text and registers it; invalid UTF-8 is reported
/// at its byte offset.
fn read_text(path: &Path, sources: &mut Sources) -> Result<(FileId, String), Box<Diagnostic>> {
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_GUIDE_BYTES {
        return Err(Box::new(
            Diagnostic::error_without_location(format!(
                "{} is {size} bytes; a guide file may be at most {MAX_GUIDE_BYTES} bytes (1 MB)",
                path.display(),
            ))
            .with_help("shorten the guide: a guide this long is too long to follow, so split it into two guides"),
        ));
    }
    let bytes = fs::read(path).map_err(|e| {
        Box::new(
            Diagnostic::error_without_location(format!("cannot read {}: {e}", path.display()))
                .with_help("check that the file exists and can be read"),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => {
            let file = sources.add(path, text.clone());
            Ok((file, text))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = sources.add(path, lossy);
            Err(Box::new(
                Diagnostic::error(file, at..at + 1, format!("invalid UTF-8 at byte {at}"))
                    .with_label("not UTF-8")
                    .with_help("save the file as UTF-8 in your editor"),
            ))
        }
    }
}

/// Parses guide text into the typed model, reporting every problem.
pub fn parse_guide(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Option<GuideFile> {
    let (mut doc, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            diags.push(syntax_error(file, text, &e));
        }
        // A recovered tree would only add confusing follow-up errors.
        return None;
    }
    let before = diags.len();
    let doc_span = doc.span();
    check_sections(file, doc.get_mut(), doc_span, diags);
    if diags[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    match GuideFile::deserialize(toml::de::Deserializer::from(doc)) {
        Ok(guide) => Some(guide),
        Err(e) => {
            diags.push(serde_error(file, &e, "the guide"));
            None
        }
    }
}

fn syntax_error(file: FileId, text: &str, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    // Point at something visible: an empty span at a line end marks nothing.
    let span = if span.is_empty() && span.start < text.len() {
        span.start..span.start + 1
    } else {
        span
    };
    Diagnostic::error(file, span, format!("TOML syntax error: {}", e.message().trim()))
        .with_label("here")
        .with_help(
            "check quotes, brackets and `=` on this line; text values need quotes, like title = \"Swap your gateway\"",
        )
}

/// Walks the top-level sections, reporting unknown keys (and removing them,
/// so serde does not report them again), missing sections and values of
/// the wrong type.
fn check_sections(
    file: FileId,
    doc: &mut DeTable<'_>,
    doc_span: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
) {
    let suggested = strip_unknown_keys(file, doc, fields_of::<GuideFile>(), "the guide", diags);
    for (name, example) in REQUIRED_SECTIONS {
        if !doc.contains_key(*name) && !suggested.contains(name) {
            let at = doc_span.start..doc_span.start;
            diags.push(
                Diagnostic::error(file, at, format!("missing section `{name}`"))
                    .with_label(format!("this guide has no `{name}`"))
                    .with_help(format!("add it, for example:\n\n{example}\n")),
            );
        }
    }
    for (key, value) in doc.iter_mut() {
        let value: &mut Spanned<DeValue<'_>> = value;
        match key.get_ref().as_ref() {
            "guide" => table::<model::Meta>(file, value, "[guide]", diags),
            "provider" => table::<model::Provider>(file, value, "[provider]", diags),
            "support" => table::<model::Support>(file, value, "[support]", diags),
            "equipment" => equipment(file, value, diags),
            "kit" => array::<model::KitItem>(file, value, "[[kit]]", diags),
            "lights" => array::<model::Light>(file, value, "[[lights]]", diags),
            "steps" => array::<model::Step>(file, value, "[[steps]]", diags),
            "wifi" => table::<model::Wifi>(file, value, "[wifi]", diags),
            "troubleshooting" => array::<model::Trouble>(file, value, "[[troubleshooting]]", diags),
            "return" => table::<model::Return>(file, value, "[return]", diags),
            "links" => array::<model::Link>(file, value, "[[links]]", diags),
            "print" => table::<model::Print>(file, value, "[print]", diags),
            _ => {} // reported by strip_unknown_keys
        }
    }
}

/// `[equipment]` holds two tables of the same shape.
fn equipment(file: FileId, value: &mut Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) {
    let span = value.span();
    let DeValue::Table(t) = value.get_mut() else {
        return table::<model::Equipment>(file, value, "[equipment]", diags);
    };
    let _ = strip_unknown_keys(
        file,
        t,
        fields_of::<model::Equipment>(),
        "[equipment]",
        diags,
    );
    for side in ["old", "new"] {
        match t.get_mut(side) {
            Some(device) => {
                let name = format!("[equipment.{side}]");
                table::<model::Device>(file, device, &name, diags);
            }
            None => diags.push(
                Diagnostic::error(file, span.clone(), format!("missing `[equipment.{side}]`"))
                    .with_label("in this section")
                    .with_help(format!(
                        "add\n\n[equipment.{side}]\nname = \"…\"\n\nnaming the {} box",
                        if side == "old" { "old" } else { "new" }
                    )),
            ),
        }
    }
}

/// Checks a `[[name]]` array entry by entry.
fn array<T: DeserializeOwned>(
    file: FileId,
    value: &mut Spanned<DeValue<'_>>,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) {
    match value.get_mut() {
        DeValue::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let entry = format!("{name} entry {}", i + 1);
                table::<T>(file, item, &entry, diags);
            }
        }
        _ => deserialize_unit::<Vec<T>>(file, value, name, diags),
    }
}

/// Checks one table: unknown keys first, then types and required keys.
fn table<T: DeserializeOwned>(
    file: FileId,
    value: &mut Spanned<DeValue<'_>>,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let suggested = match value.get_mut() {
        DeValue::Table(t) => strip_unknown_keys(file, t, fields_of::<T>(), name, diags),
        _ => Vec::new(),
    };
    let before = diags.len();
    deserialize_unit::<T>(file, value, name, diags);
    // "unknown key `titel`, did you mean `title`?" already says what a
    // "missing `title`" would.
    if let Some(d) = diags.get(before)
        && suggested
            .iter()
            .any(|s| d.message.ends_with(&format!("is missing `{s}`")))
    {
        diags.truncate(before);
    }
}

fn deserialize_unit<T: DeserializeOwned>(
    file: FileId,
    value: &Spanned<DeValue<'_>>,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut owned = value.clone();
    owned.get_mut().make_owned();
    if let Err(e) = T::deserialize(ValueDeserializer::from(owned)) {
        let key = match value.get_ref() {
            DeValue::Table(t) => e.span().and_then(|span| key_containing(t, &span)),
            _ => None,
        };
        let context = match key {
            Some(key) => format!("`{key}` in {name}"),
            None => name.to_string(),
        };
        diags.push(serde_error(file, &e, &context));
    }
}

/// The key whose value holds `span`, to name it in a type error.
fn key_containing(t: &DeTable<'_>, span: &std::ops::Range<usize>) -> Option<String> {
    t.iter()
        .find(|(_, v)| v.span().start <= span.start && span.end <= v.span().end)
        .map(|(k, _)| k.get_ref().to_string())
}

/// Turns serde's message into one an author can act on.
fn serde_error(file: FileId, e: &toml::de::Error, context: &str) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let msg = e.message().trim();
    if let Some(field) = between(msg, "missing field `", "`") {
        return Diagnostic::error(file, span, format!("{context} is missing `{field}`"))
            .with_label(format!("add `{field}` here"))
            .with_help(format!(
                "`{field}` is required; add a line like {field} = \"…\""
            ));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let want = plain_type(expected);
        return Diagnostic::error(
            file,
            span,
            format!("{context} should be {want}, not {found}"),
        )
        .with_label(format!("expected {want}"))
        .with_help(type_help(expected));
    }
    Diagnostic::error(file, span, format!("{context}: {msg}")).with_label("here")
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = s.split_once(start)?.1;
    Some(rest.split_once(end)?.0)
}

/// serde's type names in the words an author uses.
fn plain_type(expected: &str) -> &'static str {
    if expected.contains("string") {
        "text in quotes"
    } else if expected.contains("u32") || expected.contains("integer") {
        "a whole number"
    } else if expected.contains("bool") {
        "true or false"
    } else if expected.contains("sequence") {
        "a list"
    } else if expected.contains("struct") || expected.contains("map") {
        "a table"
    } else {
        "another type"
    }
}

fn type_help(expected: &str) -> String {
    match plain_type(expected) {
        "text in quotes" => "put the value in quotes, like \"…\"".into(),
        "a whole number" => "write a whole number without quotes, like 10".into(),
        "true or false" => "write true or false, without quotes".into(),
        "a list" => "write a list in brackets, like [\"Gateway\", \"Power cord\"]".into(),
        "a table" => "write a [section] header followed by key = value lines".into(),
        _ => format!("expected {expected}"),
    }
}

/// Reports and removes every key of `t` that the type does not have.
fn strip_unknown_keys(
    file: FileId,
    t: &mut DeTable<'_>,
    known: &'static [&'static str],
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<&'static str> {
    let mut suggested = Vec::new();
    let unknown: Vec<(String, std::ops::Range<usize>)> = t
        .keys()
        .filter(|k| !known.contains(&k.get_ref().as_ref()))
        .map(|k| (k.get_ref().to_string(), k.span()))
        .collect();
    for (key, span) in unknown {
        let mut d = Diagnostic::error(file, span, format!("unknown key `{key}` in {name}"));
        d = match nearest(&key, known) {
            Some(near) => {
                suggested.push(near);
                d.with_label(format!("did you mean `{near}`?"))
                    .with_help(format!("rename `{key}` to `{near}`"))
            }
            None => d
                .with_label("not part of the guide format")
                .with_help(format!("the keys of {name} are: {}", known.join(", "))),
        };
        diags.push(d);
        t.remove(key.as_str());
    }
    suggested
}

/// The known key closest to a misspelt one, if any is close enough.
pub fn nearest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = key.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(d, k)| *d <= (k.len().max(key.len()) / 3).max(1))
        .min()
        .map(|(_, k)| k)
}

/// The field names of a serde struct, read from its derived `Deserialize`.
///
/// serde passes a struct's field list to `deserialize_struct`; this
/// deserializer records it and stops. One list of keys, the model's own,
/// so suggestions can never drift from what the loader accepts.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("fields recorded"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_from_the_model() {
        assert!(fields_of::<model::Step>().contains(&"done_when"));
        assert!(fields_of::<GuideFile>().contains(&"return"));
    }

    #[test]
    fn nearest_suggests_close_keys_only() {
        let known = fields_of::<model::Meta>();
        assert_eq!(nearest("titel", known), Some("title"));
        assert_eq!(nearest("Title", known), Some("title"));
        assert_eq!(nearest("langauge", known), Some("language"));
        assert_eq!(nearest("colour_scheme", known), None);
    }

    #[test]
    fn translation_file_names() {
        assert_eq!(translation_language("guide.es.toml"), Some("es"));
        assert_eq!(translation_language("guide.pt-BR.toml"), Some("pt-BR"));
        assert_eq!(translation_language("guide.toml"), None);
        assert_eq!(translation_language("other.toml"), None);
    }

    /// REQUIRED_SECTIONS must name exactly the sections serde requires.
    #[test]
    fn required_sections_match_the_model() {
        let full: String = REQUIRED_SECTIONS
            .iter()
            .map(|(_, example)| format!("{example}\n"))
            .collect();
        assert!(toml::from_str::<GuideFile>(&full).is_ok());
        for (name, _) in REQUIRED_SECTIONS {
            let without: String = REQUIRED_SECTIONS
                .iter()
                .filter(|(n, _)| n != name)
                .map(|(_, example)| format!("{example}\n"))
                .collect();
            let err = toml::from_str::<GuideFile>(&without).unwrap_err();
            assert!(err.message().contains(name), "{name}: {err}");
        }
    }
}
