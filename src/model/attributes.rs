//! A span's attribute values (`speaker`, `cue`, …) by field name: a sorted list of pairs
//! with the methods of the ordered map it replaces. A span has none or a few attributes,
//! and a `BTreeMap` spends a 500-byte node on even one (a 1,000,000-span corpus held
//! about 300 MB of them); the list holds one pair in 64 bytes. It iterates in name order
//! and is written to the project file as the map was (`{"speaker": "…"}`), so files and
//! exports do not change.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// Attribute values by field name, in name order, each name once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Attributes {
    /// Sorted by name, names unique.
    pairs: Vec<(String, String)>,
}

impl Attributes {
    /// No attributes.
    pub const fn new() -> Self {
        Self { pairs: Vec::new() }
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.pairs.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    /// The value of field `name`.
    pub fn get(&self, name: &str) -> Option<&String> {
        self.find(name).ok().map(|i| &self.pairs[i].1)
    }

    /// Whether field `name` has a value.
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets field `name` to `value`; returns the value it replaces.
    pub fn insert(&mut self, name: String, value: String) -> Option<String> {
        match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.pairs[i].1, value)),
            Err(i) => {
                self.pairs.insert(i, (name, value));
                self.pairs.shrink_to_fit();
                None
            }
        }
    }

    /// Unsets field `name`; returns its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.find(name).ok()?;
        let (_, value) = self.pairs.remove(i);
        self.pairs.shrink_to_fit();
        Some(value)
    }

    /// Number of fields with a value.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether no field has a value.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Names and values, in name order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &String)> + ExactSizeIterator {
        self.pairs.iter().map(|(k, v)| (k, v))
    }

    /// Names, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.pairs.iter().map(|(k, _)| k)
    }

    /// Values, in the order of their names.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.pairs.iter().map(|(_, v)| v)
    }
}

impl std::ops::Index<&str> for Attributes {
    type Output = String;

    /// The value of a field that has one (panics otherwise, as a map does).
    fn index(&self, name: &str) -> &String {
        match self.get(name) {
            Some(v) => v,
            None => panic!("no attribute {name:?}"),
        }
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Attributes {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.into_iter()
    }
}

impl FromIterator<(String, String)> for Attributes {
    /// Later values of a name replace earlier ones, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut out = Attributes::new();
        out.extend(iter);
        out
    }
}

impl Extend<(String, String)> for Attributes {
    fn extend<I: IntoIterator<Item = (String, String)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<const N: usize> From<[(String, String); N]> for Attributes {
    fn from(pairs: [(String, String); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl From<BTreeMap<String, String>> for Attributes {
    fn from(map: BTreeMap<String, String>) -> Self {
        // Already sorted and unique.
        Self {
            pairs: map.into_iter().collect(),
        }
    }
}

impl From<Attributes> for BTreeMap<String, String> {
    fn from(attributes: Attributes) -> Self {
        attributes.pairs.into_iter().collect()
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.pairs.len()))?;
        for (k, v) in &self.pairs {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PairsVisitor)
    }
}

struct PairsVisitor;

impl<'de> Visitor<'de> for PairsVisitor {
    type Value = Attributes;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a map of attribute names to values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Attributes, A::Error> {
        let mut pairs: Vec<(String, String)> = Vec::with_capacity(access.size_hint().unwrap_or(0));
        while let Some(pair) = access.next_entry()? {
            pairs.push(pair);
        }
        // As a map reads it: in name order, a later value of a name replacing the earlier.
        pairs.reverse();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, earlier| later.0 == earlier.0);
        pairs.shrink_to_fit();
        Ok(Attributes { pairs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn behaves_as_the_ordered_map_it_replaces() {
        let mut a = Attributes::new();
        let mut m = BTreeMap::new();
        for (k, v) in [
            ("speaker", "Ana"),
            ("cue", "said"),
            ("Ζ", "x"),
            ("cue", "told"),
        ] {
            assert_eq!(
                a.insert(k.into(), v.into()),
                m.insert(k.to_owned(), v.to_owned())
            );
        }
        assert_eq!(a.len(), 3);
        assert!(a.iter().eq(m.iter()));
        assert_eq!(a.get("cue").map(String::as_str), Some("told"));
        assert_eq!(a["speaker"], "Ana");
        assert_eq!(a.remove("speaker"), m.remove("speaker"));
        assert_eq!(a.remove("speaker"), None);
        assert!(!a.contains_key("speaker") && a.contains_key("Ζ"));
        assert_eq!(BTreeMap::from(a.clone()), m);
        assert_eq!(Attributes::from(m), a);
    }

    #[test]
    fn written_and_read_as_a_map_is() {
        let a = Attributes::from([pair("target", "the mayor"), pair("cue", "said “so”")]);
        let m: BTreeMap<String, String> = a.clone().into();
        // As the project file is written (see `store::pretty_config`).
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .escape_strings(false);
        let text = ron::ser::to_string_pretty(&a, config.clone()).expect("ron");
        assert_eq!(text, ron::ser::to_string_pretty(&m, config).expect("ron"));
        assert_eq!(ron::from_str::<Attributes>(&text).expect("read"), a);
        assert_eq!(
            serde_json::to_string(&a).expect("json"),
            serde_json::to_string(&m).expect("json")
        );
        // A name given twice keeps its last value, as a map read from the file did.
        let twice: Attributes = ron::from_str(r#"{"b": "1", "a": "2", "b": "3"}"#).expect("read");
        let as_map: BTreeMap<String, String> =
            ron::from_str(r#"{"b": "1", "a": "2", "b": "3"}"#).expect("read");
        assert_eq!(BTreeMap::from(twice), as_map);
    }
}
