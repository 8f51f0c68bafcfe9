//! One customer's values, as read from a row of the customer CSV.

use std::collections::BTreeMap;

/// A customer: column name → value. Every value is text and stays text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Customer {
    values: BTreeMap<String, String>,
}

impl Customer {
    /// A customer from `(column, value)` pairs.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Customer {
        Customer {
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// The value of a column, if the row has it.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values.get(column).map(String::as_str)
    }
}
