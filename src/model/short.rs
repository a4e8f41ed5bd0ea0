//! Reading and writing short inline strings ([`SmolStr`]) exactly as `String`s are, so
//! the fields that hold them (a span's label, annotator and time, a relation's kind) keep
//! their place in the project file (serde's `with`).

use serde::de::{Deserializer, Visitor};
use serde::ser::Serializer;
use smol_str::SmolStr;

/// Written as the string it holds.
pub fn serialize<S: Serializer>(value: &SmolStr, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value)
}

/// Read from a string.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SmolStr, D::Error> {
    deserializer.deserialize_str(ShortVisitor)
}

struct ShortVisitor;

impl Visitor<'_> for ShortVisitor {
    type Value = SmolStr;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<SmolStr, E> {
        Ok(SmolStr::new(value))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<SmolStr, E> {
        Ok(SmolStr::from(value))
    }
}
