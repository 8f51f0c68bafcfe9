//! One customer's values, as read from a row of the customer CSV.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::paths::Folder;

/// A customer: column name → value. Every value is text and stays text.
#[derive(Debug, Clone, Default)]
pub struct Customer {
    values: BTreeMap<String, String>,
    /// The folder files named by the row (`return_label`) are read from:
    /// the customer CSV's own folder.
    folder: Option<Arc<Folder>>,
}

impl Customer {
    /// A customer from `(column, value)` pairs.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Customer {
        Customer {
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            folder: None,
        }
    }

    /// A customer from a CSV row, whose files live in `folder`.
    pub fn from_row(values: BTreeMap<String, String>, folder: &Arc<Folder>) -> Customer {
        Customer {
            values,
            folder: Some(Arc::clone(folder)),
        }
    }

    /// The value of a column, if the row has it.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values.get(column).map(String::as_str)
    }

    /// The value of a column, if the row has it and it is not blank.
    pub fn value(&self, column: &str) -> Option<&str> {
        self.get(column).filter(|v| !v.trim().is_empty())
    }

    /// The folder the row's file names are relative to.
    pub fn folder(&self) -> Option<&Arc<Folder>> {
        self.folder.as_ref()
    }
}
