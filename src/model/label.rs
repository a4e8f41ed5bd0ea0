//! Labels: the codes of the project's codebook, carried in the project file.

use serde::{Deserialize, Serialize};

/// One label of the project's label set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Unique name; spans refer to their label by this name.
    pub name: String,
    /// Highlight colour as `#rrggbb`.
    pub color: String,
    /// Key that applies the label to the selection (`"1"`…`"9"`), empty for none.
    #[serde(default)]
    pub hotkey: String,
    /// The codebook definition shown to coders.
    #[serde(default)]
    pub description: String,
    /// Fields recorded on each span with this label (`speaker` for quotes, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDef>,
}

/// A field recorded on spans of one label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// Field name, unique within the label (`speaker`).
    pub name: String,
    /// What values it takes.
    #[serde(default)]
    pub kind: AttributeKind,
}

/// The values an attribute takes. Values are stored as text in every case, so files and
/// exports stay simple: a choice stores the chosen option, yes/no stores `yes` or `no`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttributeKind {
    /// Free text, with completion from values used elsewhere in the project.
    #[default]
    Text,
    /// One of a list of options.
    Choice(Vec<String>),
    /// `yes` or `no`.
    YesNo,
}

impl AttributeDef {
    /// A free-text field.
    pub fn text(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            kind: AttributeKind::Text,
        }
    }

    /// Whether `value` is allowed (empty means unset and is always allowed).
    pub fn accepts(&self, value: &str) -> bool {
        match &self.kind {
            AttributeKind::Text => true,
            AttributeKind::Choice(options) => {
                value.is_empty() || options.iter().any(|o| o == value)
            }
            AttributeKind::YesNo => matches!(value, "" | "yes" | "no"),
        }
    }
}

impl Label {
    /// The colour as RGB bytes; a malformed colour falls back to grey so a hand-edited
    /// file never makes a label invisible.
    pub fn rgb(&self) -> [u8; 3] {
        parse_hex_color(&self.color).unwrap_or([0x99, 0x99, 0x99])
    }
}

/// Parses `#rrggbb` (the `#` is optional).
pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().trim_start_matches('#');
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The default codebook for news framing research (see DOMAIN.md). Colours are from the
/// Okabe–Ito palette, which stays distinguishable under the common colour-vision deficiencies.
pub fn default_labels() -> Vec<Label> {
    let label = |name: &str, color: &str, hotkey: &str, description: &str, attributes| Label {
        name: name.to_owned(),
        color: color.to_owned(),
        hotkey: hotkey.to_owned(),
        description: description.to_owned(),
        attributes,
    };
    let stance = AttributeDef {
        name: "stance".to_owned(),
        kind: AttributeKind::Choice(
            ["asserted", "attributed", "disputed", "unclear"]
                .map(str::to_owned)
                .to_vec(),
        ),
    };
    vec![
        label(
            "quote",
            "#e69f00",
            "1",
            "Words the article presents as someone else's, direct (“…”) or reported (“he said that …”).",
            vec![AttributeDef::text("speaker")],
        ),
        label(
            "claim",
            "#56b4e9",
            "2",
            "A statement presented as fact or as an assertion that could be checked or contested, by the outlet or by a source.",
            vec![stance],
        ),
        label(
            "descriptor",
            "#009e73",
            "3",
            "A word or phrase that characterises a person, group or organisation: titles, epithets, labels.",
            vec![AttributeDef::text("target")],
        ),
        label(
            "attribution",
            "#cc79a7",
            "4",
            "The words that say who said something and how: source plus reporting verb.",
            vec![AttributeDef::text("cue"), AttributeDef::text("source")],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_labels_have_distinct_names_hotkeys_and_valid_colours() {
        let labels = default_labels();
        let names: Vec<_> = labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["quote", "claim", "descriptor", "attribution"]);
        let keys: Vec<_> = labels.iter().map(|l| l.hotkey.as_str()).collect();
        assert_eq!(keys, ["1", "2", "3", "4"]);
        for l in &labels {
            assert!(parse_hex_color(&l.color).is_some(), "{}", l.color);
        }
    }

    #[test]
    fn bad_colour_falls_back_to_grey() {
        assert_eq!(parse_hex_color("#12345"), None);
        assert_eq!(parse_hex_color("zzzzzz"), None);
        assert_eq!(parse_hex_color("#FF8000"), Some([255, 128, 0]));
        let mut l = default_labels().remove(0);
        l.color = "nope".into();
        assert_eq!(l.rgb(), [0x99, 0x99, 0x99]);
    }
}
