//! Merging one label into another: after an import brings "Content" beside "quote", or two
//! coders' codebooks named the same thing twice, the spans of the one become spans of the
//! other — attributes, notes and relations kept — and the merged label goes, in one step.

use super::{Edit, Project};

/// The edits that merge label `from` into label `into`: `into` gains the attribute fields
/// of `from` it lacks (so the spans' values keep a field), every span of `from` is
/// relabelled, relation types naming `from` name `into`, and `from` is removed. Empty when
/// either label does not exist or they are the same.
pub fn merge_label_edits(project: &Project, from: &str, into: &str) -> Vec<Edit> {
    let (Some(source), Some(target_index)) = (
        project.label(from),
        project.labels.iter().position(|l| l.name == into),
    ) else {
        return Vec::new();
    };
    if from == into {
        return Vec::new();
    }
    let mut widened = project.labels.clone();
    for def in &source.attributes {
        let target = &mut widened[target_index];
        if !target.attributes.iter().any(|a| a.name == def.name) {
            target.attributes.push(def.clone());
        }
    }
    let mut edits = Vec::new();
    if widened != project.labels {
        edits.push(Edit::SetLabels {
            old: project.labels.clone(),
            new: widened.clone(),
        });
    }
    for d in &project.documents {
        for s in d.spans.iter().filter(|s| s.label == from) {
            edits.push(Edit::SetSpanLabel {
                doc: d.id,
                span: s.id,
                old: from.to_owned(),
                new: into.to_owned(),
            });
        }
    }
    let mut types = project.relation_types.clone();
    for t in &mut types {
        for side in [&mut t.from, &mut t.to] {
            if side.iter().any(|l| l == from) {
                side.retain(|l| l != from);
                if !side.iter().any(|l| l == into) {
                    side.push(into.to_owned());
                }
            }
        }
    }
    if types != project.relation_types {
        edits.push(Edit::SetRelationTypes {
            old: project.relation_types.clone(),
            new: types,
        });
    }
    let mut merged = widened.clone();
    merged.retain(|l| l.name != from);
    edits.push(Edit::SetLabels {
        old: widened,
        new: merged,
    });
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttributeDef, DocId, Document, History, Label};

    #[test]
    fn spans_follow_attributes_stay_and_undo_restores_everything() {
        let mut p = Project::new("t");
        p.labels.push(Label {
            name: "Content".into(),
            color: "#cc79a7".into(),
            hotkey: "5".into(),
            description: String::new(),
            attributes: vec![
                AttributeDef::text("speaker"),
                AttributeDef::text("source_id"),
            ],
        });
        p.relation_types[0].to.push("Content".into());
        p.documents.push(Document::new(
            DocId(1),
            "d",
            "Ms Ωμέγα said “no” — again 😀",
        ));
        for (label, s, e) in [("Content", 14, 18), ("quote", 21, 26)] {
            let mut span = p.make_span(DocId(1), label, s, e).expect("span");
            if label == "Content" {
                span.attributes.insert("source_id".into(), "T1".into());
            }
            Edit::AddSpan {
                doc: DocId(1),
                span,
            }
            .apply(&mut p)
            .expect("add");
        }
        let before = p.clone();
        let mut h = History::default();
        let edits = merge_label_edits(&p, "Content", "quote");
        h.apply(&mut p, "Merge label 'Content' into 'quote'", edits)
            .expect("merge");
        assert!(p.label("Content").is_none());
        let d = &p.documents[0];
        assert!(d.spans.iter().all(|s| s.label == "quote"));
        assert_eq!(d.spans[0].attributes["source_id"], "T1");
        let quote = p.label("quote").expect("quote");
        assert!(quote.attributes.iter().any(|a| a.name == "source_id"));
        assert_eq!(
            quote
                .attributes
                .iter()
                .filter(|a| a.name == "speaker")
                .count(),
            1,
            "a field both have is not doubled"
        );
        assert!(!p.relation_types[0].to.contains(&"Content".to_owned()));
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        h.undo(&mut p).expect("undo");
        assert_eq!(p, before);
        assert!(merge_label_edits(&p, "quote", "quote").is_empty());
        assert!(merge_label_edits(&p, "nope", "quote").is_empty());
    }
}
