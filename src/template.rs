//! Template expressions in guide strings: `{{ customer.<column> }}`.
//!
//! The language is deliberately tiny: an expression names one customer
//! column and nothing else, so a value can only ever be inserted as text.
//! Filling happens once, on parsed pieces; an inserted value is never
//! scanned for expressions again.

use std::ops::Range;

/// A string split into literal text and customer fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The pieces in order.
    pub pieces: Vec<Piece>,
}

/// Part of a [`Template`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// `{{ customer.<column> }}`: the column's name and the expression's
    /// byte range within the string.
    Field {
        /// The customer column.
        column: String,
        /// Where the whole `{{ … }}` stands in the string.
        range: Range<usize>,
    },
}

/// Why an expression could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte range within the string.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to write it instead.
    pub help: String,
}

const FORM: &str = "write a customer value as {{ customer.first_name }}: the word customer, a dot, and a column of the customer CSV";

impl Template {
    /// Splits `s` into text and fields; the first expression that
    /// cannot be read is the error.
    pub fn parse(s: &str) -> Result<Template, TemplateError> {
        let (template, mut errors) = scan(s);
        if errors.is_empty() {
            Ok(template)
        } else {
            Err(errors.swap_remove(0))
        }
    }

    /// Every expression in `s` that cannot be read, in order: an author
    /// fixes them all in one round.
    pub fn errors(s: &str) -> Vec<TemplateError> {
        scan(s).1
    }

    /// True if the string holds at least one expression.
    pub fn has_fields(&self) -> bool {
        self.fields().next().is_some()
    }

    /// The customer columns the string uses, in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Field { column, .. } => Some(column.as_str()),
            Piece::Text(_) => None,
        })
    }
}

/// Splits `s` into text and fields, reading past each expression that
/// cannot be read to the next.
fn scan(s: &str) -> (Template, Vec<TemplateError>) {
    let mut pieces = Vec::new();
    let mut errors = Vec::new();
    let mut rest = 0;
    while let Some(found) = find_open(&s[rest..]) {
        let open = rest + found;
        if open > rest {
            pieces.push(Piece::Text(s[rest..open].to_string()));
        }
        if !s[open..].starts_with("{{") {
            errors.push(TemplateError {
                range: open..open + 2,
                message: "template statements and comments are not supported".into(),
                help: FORM.into(),
            });
            // On after its `%}` or `#}`; nothing more to read without one.
            match s[open + 2..].find(['%', '#']) {
                Some(i) if s[open + 2 + i + 1..].starts_with('}') => rest = open + 2 + i + 2,
                _ => rest = open + 2,
            }
            continue;
        }
        let Some(len) = s[open..].find("}}") else {
            errors.push(TemplateError {
                range: open..open + 2,
                message: "`{{` is never closed".into(),
                help: format!("end the expression with }}}}; {FORM}"),
            });
            rest = s.len();
            break;
        };
        let close = open + len + 2;
        let inner = s[open + 2..close - 2].trim();
        match parse_field(inner) {
            Ok(column) => pieces.push(Piece::Field {
                column: column.to_string(),
                range: open..close,
            }),
            Err(message) => errors.push(TemplateError {
                range: open..close,
                message,
                help: FORM.into(),
            }),
        }
        rest = close;
    }
    if rest < s.len() {
        pieces.push(Piece::Text(s[rest..].to_string()));
    }
    (Template { pieces }, errors)
}

/// The next `{{`, `{%` or `{#`.
fn find_open(s: &str) -> Option<usize> {
    s.match_indices('{')
        .map(|(i, _)| i)
        .find(|&i| matches!(s.as_bytes().get(i + 1), Some(b'{' | b'%' | b'#')))
}

/// `customer.first_name` → `first_name`.
fn parse_field(inner: &str) -> Result<&str, String> {
    if inner.is_empty() {
        return Err("empty template expression `{{ }}`".into());
    }
    if inner.contains('|') || inner.contains('(') {
        return Err(format!(
            "`{inner}`: filters and functions are not supported"
        ));
    }
    let Some((root, column)) = inner.split_once('.') else {
        return Err(format!(
            "`{inner}` is not a customer value; only customer.<column> can be used"
        ));
    };
    if root.trim() != "customer" {
        return Err(format!(
            "`{}` is unknown; only customer.<column> can be used",
            root.trim()
        ));
    }
    let column = column.trim();
    let valid = column
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && column
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(format!(
            "`customer.{column}` is not a column name: use letters, digits and _"
        ));
    }
    Ok(column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_fields() {
        let t = Template::parse("Hello {{ customer.first_name }}!").unwrap();
        assert_eq!(
            t.pieces,
            vec![
                Piece::Text("Hello ".into()),
                Piece::Field {
                    column: "first_name".into(),
                    range: 6..31
                },
                Piece::Text("!".into()),
            ]
        );
    }

    #[test]
    fn plain_text_and_lone_braces_are_text() {
        let t = Template::parse("a { b } c }}").unwrap();
        assert!(!t.has_fields());
    }

    #[test]
    fn rejects_everything_but_customer_columns() {
        for bad in [
            "{{ customer.first_name",
            "{{ name }}",
            "{{ guide.title }}",
            "{{ customer.first-name }}",
            "{{ customer.x | upper }}",
            "{% if x %}",
            "{{ }}",
        ] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_mistake_is_found_in_one_pass() {
        let s = "Hi {% if x %} {{ guest.name }}, {{ customer.first_name | upper }} {{ customer.ok }} {# note #} {{ open";
        let errors = Template::errors(s);
        let found: Vec<&str> = errors.iter().map(|e| &s[e.range.clone()]).collect();
        assert_eq!(
            found,
            [
                "{%",
                "{{ guest.name }}",
                "{{ customer.first_name | upper }}",
                "{#",
                "{{"
            ]
        );
        assert!(Template::errors("Hi {{ customer.first_name }}").is_empty());
    }

    #[test]
    fn error_range_covers_the_expression() {
        let e = Template::parse("Hi {{ guest.name }} there").unwrap_err();
        assert_eq!(e.range, 3..19);
    }
}
