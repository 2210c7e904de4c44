//! The ticket's JSON object, parsed so that a duplicated key keeps its FIRST value (as the legacy
//! parser did), with helpers to read fields the way the legacy checks did.

use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// A JSON object whose members keep their order and whose duplicated keys keep the first value.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketJson {
    members: Vec<(String, Value)>,
}

impl TicketJson {
    /// Parses a JSON object from bytes. Anything else (invalid UTF-8, a non-object, trailing
    /// garbage, nesting deeper than serde_json's limit) is an error.
    pub fn parse(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The value of `key`, if present (the first occurrence).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key` if it is a JSON string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    /// The value of `key` if it is a non-negative JSON integer.
    pub fn get_u64(&self, key: &str) -> Option<u64> {
        self.get(key).and_then(Value::as_u64)
    }

    /// The field as the legacy code pasted it into the signed text: a string raw, any other value
    /// as its compact JSON text. `None` when absent.
    pub fn get_as_text(&self, key: &str) -> Option<String> {
        self.get(key).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    /// Sets `key` to a string value, replacing its first occurrence or appending it.
    pub fn set_string(&mut self, key: &str, value: String) {
        match self.members.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = Value::String(value),
            None => self.members.push((key.to_string(), Value::String(value))),
        }
    }

    /// Serialises the object compactly, keeping member order (first occurrences only).
    pub fn to_compact_string(&self) -> String {
        let mut out = String::from("{");
        for (i, (k, v)) in self.members.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&Value::String(k.clone()).to_string());
            out.push(':');
            out.push_str(&v.to_string());
        }
        out.push('}');
        out
    }
}

impl<'de> Deserialize<'de> for TicketJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;

        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = TicketJson;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TicketJson, A::Error> {
                // Tickets have about eight members: find duplicates by a linear scan, and only
                // for larger (hostile) objects switch to a hash set, so the cost stays linear.
                const LINEAR: usize = 32;
                let mut members: Vec<(String, Value)> = Vec::with_capacity(map.size_hint().unwrap_or(8).min(LINEAR));
                let mut seen: Option<HashSet<String>> = None;
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    let duplicate = match &mut seen {
                        Some(seen) => !seen.insert(key.clone()),
                        None => members.iter().any(|(k, _)| *k == key),
                    };
                    if duplicate {
                        continue;
                    }
                    members.push((key, value));
                    if seen.is_none() && members.len() >= LINEAR {
                        seen = Some(members.iter().map(|(k, _)| k.clone()).collect());
                    }
                }
                Ok(TicketJson { members })
            }
        }

        deserializer.deserialize_map(ObjectVisitor)
    }
}

/// Appends `"name":"value"` to an object being written into `out`, with a comma unless it is the
/// first member (`out` ends with `{`).
pub(crate) fn push_string_member(out: &mut String, name: &str, value: &str) {
    push_member_name(out, name);
    push_json_string(out, value);
}

/// Appends `"name":<raw>` (a number or other JSON text written as-is) like [`push_string_member`].
pub(crate) fn push_raw_member(out: &mut String, name: &str, raw: &str) {
    push_member_name(out, name);
    out.push_str(raw);
}

fn push_member_name(out: &mut String, name: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    push_json_string(out, name);
    out.push(':');
}

/// Appends `s` to `out` as a JSON string literal (quotes included), escaping as JSON requires.
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x00..=0x1f => None,
            _ => continue,
        };
        out.push_str(&s[start..i]);
        match escape {
            Some(e) => out.push_str(e),
            None => out.push_str(&format!("\\u{:04x}", b)),
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_duplicate_wins() {
        let j = TicketJson::parse(br#"{"a":"1","b":2,"a":"3"}"#).unwrap();
        assert_eq!(j.get_str("a"), Some("1"));
        assert_eq!(j.get_as_text("b").as_deref(), Some("2"));
        assert_eq!(j.to_compact_string(), r#"{"a":"1","b":2}"#);
    }

    #[test]
    fn first_duplicate_wins_in_large_objects_too() {
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{}\":{},", i % 40, i));
        }
        text.push_str("\"k0\":\"last\"}");
        let json = TicketJson::parse(text.as_bytes()).unwrap();
        assert_eq!(json.members.len(), 40);
        for i in 0..40 {
            assert_eq!(json.get_u64(&format!("k{i}")), Some(i as u64));
        }
    }

    #[test]
    fn rejects_non_objects_and_bad_utf8() {
        assert!(TicketJson::parse(b"[1]").is_err());
        assert!(TicketJson::parse(b"{\"a\":\"\xff\"}").is_err());
        assert!(TicketJson::parse(b"{} x").is_err());
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(TicketJson::parse(deep.as_bytes()).is_err());
    }

    #[test]
    fn escapes_round_trip() {
        let nasty = "a\"b\\c\n\u{1}\u{1f}中😀</";
        let mut out = String::new();
        push_json_string(&mut out, nasty);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, nasty);
    }
}
