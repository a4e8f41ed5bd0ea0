//! Label mapping on import: each span type a file brings can become an existing label, a
//! new one, or nothing — "Content is our quote", "leave out Discard" — before anything is
//! added to the project. The same mapping serves every import format, on the command line
//! (`--map FROM=TO`, `--drop TYPE`) and in the window's import dialog.

use super::import::Imported;
use super::warning::{Warning, kind};
use crate::model::SpanId;
use std::collections::{BTreeMap, HashMap};

/// What one span type of the file becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapTo {
    /// Spans get this label (an existing one, or a new one of this name).
    Label(String),
    /// Spans of this type are not imported (nor their relations).
    Drop,
}

/// The user's mapping: span types of the file to what they become; types not named keep
/// their name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelMap {
    /// Type as the file names it → what it becomes.
    pub rules: BTreeMap<String, MapTo>,
}

impl LabelMap {
    /// Reads `--map FROM=TO` options and `--drop TYPE` options.
    pub fn from_options(maps: &[String], drops: &[String]) -> Result<LabelMap, String> {
        let mut map = LabelMap::default();
        for m in maps {
            let Some((from, to)) = m.split_once('=') else {
                return Err(format!("--map {m:?}: expected FROM=TO, e.g. Content=quote"));
            };
            let (from, to) = (from.trim(), to.trim());
            if from.is_empty() || to.is_empty() {
                return Err(format!("--map {m:?}: both FROM and TO need a name"));
            }
            map.rules
                .insert(from.to_owned(), MapTo::Label(to.to_owned()));
        }
        for d in drops {
            map.rules.insert(d.trim().to_owned(), MapTo::Drop);
        }
        Ok(map)
    }

    /// Checks that every type the map names is in the file (a typo would otherwise
    /// import silently under the wrong label).
    pub fn check(&self, counts: &[(String, usize)]) -> Result<(), String> {
        for from in self.rules.keys() {
            if !counts.iter().any(|(t, _)| t == from) {
                let types: Vec<&str> = counts.iter().map(|(t, _)| t.as_str()).collect();
                return Err(format!(
                    "the file has no span type \"{from}\"; its types are {}",
                    types.join(", ")
                ));
            }
        }
        Ok(())
    }
}

impl Imported {
    /// Each span type in the documents read, with how many spans have it, by name.
    pub fn label_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &self.documents {
            for s in &d.spans {
                *counts.entry(s.label.as_str()).or_default() += 1;
            }
        }
        counts.into_iter().map(|(t, n)| (t.to_owned(), n)).collect()
    }

    /// Applies `map`: spans of a mapped type are relabelled (their attributes and notes
    /// kept), spans of a dropped type are removed with the relations that touch them.
    /// One warning per dropped type says how many spans and relations went.
    pub fn map_labels(&mut self, map: &LabelMap) {
        if map.rules.is_empty() {
            return;
        }
        let mut dropped: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for doc in &mut self.documents {
            // Dropped span -> its type.
            let mut gone: HashMap<SpanId, String> = HashMap::new();
            doc.spans
                .retain_mut(|s| match map.rules.get(s.label.as_str()) {
                    Some(MapTo::Drop) => {
                        dropped.entry(s.label.to_string()).or_default().0 += 1;
                        gone.insert(s.id, s.label.to_string());
                        false
                    }
                    Some(MapTo::Label(to)) => {
                        s.label = to.into();
                        true
                    }
                    None => true,
                });
            doc.relations
                .retain(|r| match gone.get(&r.from).or_else(|| gone.get(&r.to)) {
                    Some(label) => {
                        dropped.entry(label.clone()).or_default().1 += 1;
                        false
                    }
                    None => true,
                });
        }
        for (from, to) in &map.rules {
            if let (MapTo::Label(to), Some(color)) = (to, self.colors.get(from).cloned()) {
                self.colors.entry(to.clone()).or_insert(color);
            }
        }
        for (label, (spans, relations)) in dropped {
            let text = format!(
                "type \"{label}\" dropped: {spans} span(s) and {relations} relation(s) touching them not imported"
            );
            self.warnings.push(Warning::new(kind::DROPPED, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Document, Project, Relation, RelationId, Span};

    fn imported() -> Imported {
        let mut doc = Document::new(DocId(1), "d", "Ms Ωμέγα said “no” — again");
        for (id, label, s, e) in [
            (1, "Source", 0, 8),
            (2, "Cue", 9, 13),
            (3, "Content", 14, 18),
            (4, "Discard", 21, 26),
        ] {
            let mut span = Span {
                id: SpanId(id),
                label: label.into(),
                ..Default::default()
            };
            let extent = crate::model::Extent::from_pieces(&doc.text, &[(s, e)]).expect("extent");
            span.set_extent(&extent);
            if id == 3 {
                span.attributes.insert("speaker".into(), "Ωμέγα".into());
            }
            doc.spans.push(span);
        }
        for (id, from, to) in [(1, 2, 1), (2, 2, 3), (3, 4, 3)] {
            doc.relations.push(Relation {
                id: RelationId(id),
                kind: "arg".into(),
                from: SpanId(from),
                to: SpanId(to),
                note: String::new(),
            });
        }
        Imported {
            documents: vec![doc],
            ..Imported::default()
        }
    }

    #[test]
    fn mapped_types_join_labels_and_dropped_ones_go_with_their_relations() {
        let mut i = imported();
        assert_eq!(
            i.label_counts(),
            [
                ("Content".to_owned(), 1),
                ("Cue".into(), 1),
                ("Discard".into(), 1),
                ("Source".into(), 1)
            ]
        );
        let map = LabelMap::from_options(
            &["Content=quote".into(), "Cue = attribution".into()],
            &["Discard".into()],
        )
        .expect("options");
        map.check(&i.label_counts()).expect("known types");
        i.map_labels(&map);
        let d = &i.documents[0];
        let labels: Vec<&str> = d.spans.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Source", "attribution", "quote"]);
        assert_eq!(d.spans[2].attributes["speaker"], "Ωμέγα");
        assert_eq!(d.relations.len(), 2);
        assert_eq!(i.warnings.len(), 1);
        assert!(
            i.warnings[0]
                .text
                .contains("\"Discard\" dropped: 1 span(s) and 1 relation(s)"),
            "{}",
            i.warnings[0]
        );
        let mut p = Project::new("t");
        for e in i.into_edits(&p).edits {
            e.apply(&mut p).expect("apply");
        }
        let names: Vec<&str> = p.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["quote", "claim", "descriptor", "attribution", "Source"],
            "mapped onto the defaults"
        );
    }

    #[test]
    fn bad_options_and_unknown_types_are_refused() {
        assert!(LabelMap::from_options(&["Content".into()], &[]).is_err());
        assert!(LabelMap::from_options(&["=quote".into()], &[]).is_err());
        let map = LabelMap::from_options(&["Contnt=quote".into()], &[]).expect("options");
        let err = map.check(&imported().label_counts()).unwrap_err();
        assert!(
            err.contains("no span type \"Contnt\"; its types are Content, Cue, Discard, Source"),
            "{err}"
        );
    }
}
