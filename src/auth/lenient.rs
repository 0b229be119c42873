//! Serde helpers for the quirks real providers put on the wire: numbers sent as strings, empty
//! strings for "absent", a field of the wrong type. Such a field reads as absent instead of
//! failing the whole answer; what is then missing is reported by whoever needs it.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::bounds;

/// A non-empty string, else `None`.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(s) if !s.is_empty() => Some(s),
        _ => None,
    })
}

/// A count of seconds as a number or a string of digits ([`bounds::seconds`]), else `None`.
pub fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    Ok(bounds::seconds(&Value::deserialize(deserializer)?))
}

/// A list of strings (anything else in it is skipped), else empty.
pub fn strings<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    })
}
