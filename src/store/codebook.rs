//! Codebook files: a project's labels (with attribute fields), relation types, lexicon of
//! reporting verbs and quote assistant settings alone, so a research team can reuse one
//! codebook across projects.

use super::StoreError;
use crate::fsutil::write_atomic;
use crate::model::{AssistantSettings, Label, Lexicon, RelationType};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Version of the codebook file format.
pub const CODEBOOK_FORMAT: u32 = 1;

/// The contents of a codebook file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    /// Codebook file format version.
    pub format: u32,
    /// Labels with their colours, keys, definitions and attribute fields.
    pub labels: Vec<Label>,
    /// Relation types.
    #[serde(default)]
    pub relation_types: Vec<RelationType>,
    /// The team's own reporting verbs and source markers, if they edited them; a
    /// codebook without one leaves a project's lexicon as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<Lexicon>,
    /// The quote assistant's settings (the least confidence shown for review), if the
    /// team changed them; a codebook without them leaves a project's as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assistant: Option<AssistantSettings>,
}

/// Writes a codebook atomically.
pub fn save_codebook(codebook: &Codebook, path: &Path) -> Result<(), StoreError> {
    let mut text = ron::ser::to_string_pretty(codebook, super::pretty_config()).map_err(|e| {
        StoreError::Serialize {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    })?;
    text.push('\n');
    write_atomic(path, text.as_bytes()).map_err(|source| StoreError::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a codebook file.
pub fn load_codebook(path: &Path) -> Result<Codebook, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let codebook: Codebook = ron::from_str(text).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })?;
    if codebook.format > CODEBOOK_FORMAT {
        return Err(StoreError::FutureFormat {
            path: path.to_path_buf(),
            found: codebook.format,
        });
    }
    Ok(codebook)
}

/// `current` updated from `imported`: labels and types with the same name are replaced,
/// new ones appended, and ones only in `current` kept (spans may still use them).
pub fn merge_codebook<T: Clone>(
    current: &[T],
    imported: &[T],
    name: impl Fn(&T) -> &str,
) -> Vec<T> {
    let mut out: Vec<T> = current
        .iter()
        .map(|c| {
            imported
                .iter()
                .find(|i| name(i) == name(c))
                .cloned()
                .unwrap_or_else(|| c.clone())
        })
        .collect();
    for i in imported {
        if !current.iter().any(|c| name(c) == name(i)) {
            out.push(i.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{default_labels, default_relation_types};

    #[test]
    fn codebook_round_trips_and_merges_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("codebook.ron");
        let mut labels = default_labels();
        labels[0].description = "Direct or reported speech — “…”".into();
        let cb = Codebook {
            format: CODEBOOK_FORMAT,
            labels: labels.clone(),
            relation_types: default_relation_types(),
            lexicon: Some(Lexicon {
                language: "de".into(),
                source_markers: vec!["laut".into()],
                ..Lexicon::default()
            }),
            assistant: Some(AssistantSettings { min_confidence: 45 }),
        };
        save_codebook(&cb, &path).expect("save");
        assert_eq!(load_codebook(&path).expect("load"), cb);
        let mut mine = default_labels();
        mine.remove(1);
        mine.push(Label {
            name: "frame".into(),
            color: "#000000".into(),
            hotkey: "5".into(),
            description: String::new(),
            attributes: Vec::new(),
        });
        let merged = merge_codebook(&mine, &labels, |l| l.name.as_str());
        let names: Vec<&str> = merged.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["quote", "descriptor", "attribution", "frame", "claim"]
        );
        assert_eq!(merged[0].description, labels[0].description);
    }

    #[test]
    fn future_or_broken_codebooks_are_refused_with_a_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("cb.ron");
        std::fs::write(&path, "(format: 1, labels: [").expect("write");
        assert!(matches!(
            load_codebook(&path),
            Err(StoreError::Parse { line: 1, .. })
        ));
        std::fs::write(&path, "(format: 7, labels: [])").expect("write");
        assert!(matches!(
            load_codebook(&path),
            Err(StoreError::FutureFormat { found: 7, .. })
        ));
    }
}
