//! Combining projects that coders annotated independently into one project, so agreement
//! can be measured and disagreements adjudicated in one file.
//!
//! Documents are matched by the hash of their text, so each coder may have imported the
//! articles in any order and under any title. Every span keeps its coder in `annotator`;
//! span and relation ids are renumbered, since each coder's file counted from 1.

use super::agreement::GOLD;
use crate::model::{DocId, Document, Project, Relation, RelationId, SpanId, content_hash};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Custom metadata field in which a merged document lists the coders who coded it
/// (comma-separated), so a coder who found nothing to label still counts as having coded it.
pub const CODERS_FIELD: &str = "coders";

/// One coder's project to merge.
#[derive(Clone, Debug)]
pub struct MergeSource {
    /// Coder name for spans without an annotator, e.g. the file name without `.ron`.
    pub fallback: String,
    /// The coder's project.
    pub project: Project,
}

/// The merged project and what the user should know about it.
#[derive(Clone, Debug)]
pub struct Merged {
    /// All documents, each with every coder's spans.
    pub project: Project,
    /// Things that may not be what the user meant, one sentence each.
    pub warnings: Vec<String>,
}

/// The name a source's spans are credited to when they carry none: the annotator most of
/// its spans carry, else the fallback.
pub fn coder_name(source: &MergeSource) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in source.project.documents.iter().flat_map(|d| &d.spans) {
        if !s.annotator.trim().is_empty() {
            *counts.entry(s.annotator.trim()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(name, n)| (n, std::cmp::Reverse(name)))
        .map_or_else(|| source.fallback.clone(), |(name, _)| name.to_owned())
}

/// Merges `sources` into a project called `name`. The first project that has a document
/// gives its title, metadata, status and memo; labels, relation types and custom fields are
/// the union, first definition winning.
pub fn merge(name: &str, sources: &[MergeSource]) -> Merged {
    let mut out = Project::new(name);
    out.labels.clear();
    out.relation_types.clear();
    let mut warnings = Vec::new();
    let mut by_hash: HashMap<String, usize> = HashMap::new();
    let mut coders_of: Vec<BTreeSet<String>> = Vec::new();
    let mut present: Vec<usize> = Vec::new();
    let mut next_span = 1u32;
    let mut next_relation = 1u32;
    let names: Vec<String> = sources.iter().map(coder_name).collect();
    let mut seen_names = BTreeSet::new();
    for (source, coder) in sources.iter().zip(&names) {
        if !seen_names.insert(coder.clone()) {
            warnings.push(format!(
                "two projects are both coded by \"{coder}\"; their spans cannot be told apart; consider setting a different annotator name in each"
            ));
        }
        let p = &source.project;
        merge_codebook(&mut out, p, coder, &mut warnings);
        for doc in &p.documents {
            let hash = content_hash(doc.text.as_str());
            let index = *by_hash.entry(hash.clone()).or_insert_with(|| {
                let mut d = Document {
                    id: DocId(u32::try_from(out.documents.len() + 1).unwrap_or(u32::MAX)),
                    spans: Vec::new(),
                    relations: Vec::new(),
                    ..doc.clone()
                };
                d.content_hash = hash;
                out.documents.push(d);
                coders_of.push(BTreeSet::new());
                present.push(0);
                out.documents.len() - 1
            });
            present[index] += 1;
            coders_of[index].insert(coder.clone());
            // A project merged before keeps the coders it listed (some may have no span).
            coders_of[index].extend(
                doc.metadata
                    .custom
                    .get(CODERS_FIELD)
                    .into_iter()
                    .flat_map(|list| list.split(','))
                    .map(|c| c.trim().to_owned())
                    .filter(|c| !c.is_empty()),
            );
            let coders = &mut coders_of[index];
            let target = &mut out.documents[index];
            copy_annotations(
                target,
                doc,
                coder,
                coders,
                &mut next_span,
                &mut next_relation,
            );
        }
    }
    for ((doc, coders), n) in out.documents.iter_mut().zip(coders_of).zip(present) {
        doc.spans.sort_by_key(|s| s.order_key());
        let list: Vec<String> = coders.into_iter().collect();
        doc.metadata
            .custom
            .insert(CODERS_FIELD.to_owned(), list.join(", "));
        if n < sources.len() {
            warnings.push(format!(
                "document \"{}\" is in {n} of {} projects; agreement on it counts only its coders",
                doc.title,
                sources.len()
            ));
        }
    }
    if !out.custom_fields.iter().any(|f| f == CODERS_FIELD) {
        out.custom_fields.push(CODERS_FIELD.to_owned());
    }
    out.last_viewed = out.documents.first().map(|d| d.id);
    Merged {
        project: out,
        warnings,
    }
}

/// Adds `p`'s labels, relation types and custom fields to `out` where it lacks them (the
/// first definition wins; a label defined differently is a warning).
fn merge_codebook(out: &mut Project, p: &Project, coder: &str, warnings: &mut Vec<String>) {
    for label in &p.labels {
        match out.label(&label.name) {
            None => out.labels.push(label.clone()),
            Some(existing) if existing.attributes != label.attributes => warnings.push(format!(
                "label \"{}\" has different attribute fields in {}'s project; kept the first definition",
                label.name, coder
            )),
            Some(_) => {}
        }
    }
    for t in &p.relation_types {
        if out.relation_type(&t.name).is_none() {
            out.relation_types.push(t.clone());
        }
    }
    for f in &p.custom_fields {
        if !out.custom_fields.contains(f) {
            out.custom_fields.push(f.clone());
        }
    }
}

/// Copies `doc`'s spans and relations into `target` under new ids, crediting spans
/// without an annotator to `coder` and adding every annotator but gold to `coders`.
fn copy_annotations(
    target: &mut Document,
    doc: &Document,
    coder: &str,
    coders: &mut BTreeSet<String>,
    next_span: &mut u32,
    next_relation: &mut u32,
) {
    let mut ids: HashMap<SpanId, SpanId> = HashMap::new();
    for span in &doc.spans {
        let mut s = span.clone();
        s.id = SpanId(*next_span);
        *next_span += 1;
        ids.insert(span.id, s.id);
        if s.annotator.trim().is_empty() {
            s.annotator = coder.into();
        }
        if s.annotator != GOLD {
            coders.insert(s.annotator.to_string());
        }
        target.spans.push(s);
    }
    for r in &doc.relations {
        if let (Some(&from), Some(&to)) = (ids.get(&r.from), ids.get(&r.to)) {
            target.relations.push(Relation {
                id: RelationId(*next_relation),
                from,
                to,
                ..r.clone()
            });
            *next_relation += 1;
        }
    }
}

/// The coders of a document: its [`CODERS_FIELD`] if set, else every annotator in it.
pub fn document_coders(doc: &Document) -> BTreeSet<String> {
    match doc.metadata.custom.get(CODERS_FIELD) {
        Some(list) if !list.trim().is_empty() => list
            .split(',')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect(),
        _ => doc.spans.iter().map(|s| s.annotator.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture;

    fn coder(project: &Project, who: &str) -> MergeSource {
        let mut p = project.clone();
        for s in p.documents.iter_mut().flat_map(|d| d.spans.iter_mut()) {
            s.annotator = Default::default();
        }
        MergeSource {
            fallback: who.to_owned(),
            project: p,
        }
    }

    #[test]
    fn merge_matches_documents_by_text_and_keeps_coders_apart() {
        let base = fixture::project();
        let a = coder(&base, "a");
        let mut b = coder(&base, "b");
        // Coder b imported the articles in the other order, under other ids and titles,
        // and labelled one span fewer.
        b.project.documents.reverse();
        b.project.documents[0].id = DocId(7);
        b.project.documents[0].title = "renamed".into();
        b.project.documents[1].relations.clear();
        b.project.documents[1].spans.pop();
        let merged = merge("m", &[a, b]);
        let p = &merged.project;
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        assert_eq!(p.documents.len(), 2);
        assert_eq!(p.documents[0].title, "Bridge row");
        assert_eq!(p.documents[0].spans.len(), 12 - 1);
        assert_eq!(p.documents[1].spans.len(), 12);
        let ann: BTreeSet<&str> = p.documents[0]
            .spans
            .iter()
            .map(|s| s.annotator.as_str())
            .collect();
        assert_eq!(ann, ["a", "b"].into());
        assert_eq!(p.documents[0].metadata.custom[CODERS_FIELD], "a, b");
        assert_eq!(p.documents[0].relations.len(), 2);
        let ids: BTreeSet<u32> = p
            .documents
            .iter()
            .flat_map(|d| &d.spans)
            .map(|s| s.id.0)
            .collect();
        assert_eq!(ids.len(), 23);
        assert!(merged.warnings.is_empty(), "{:?}", merged.warnings);
    }

    #[test]
    fn a_third_coder_joins_a_merged_project() {
        let base = fixture::project();
        let a = coder(&base, "a");
        let mut b = coder(&base, "b");
        // b found nothing in the second article.
        b.project.documents[1].spans.clear();
        b.project.documents[1].relations.clear();
        let first = merge("m", &[a, b]).project;
        assert_eq!(first.documents[1].metadata.custom[CODERS_FIELD], "a, b");
        let merged = MergeSource {
            fallback: "m".into(),
            project: first,
        };
        let p = merge("m2", &[merged, coder(&base, "c")]).project;
        assert_eq!(p.documents[1].metadata.custom[CODERS_FIELD], "a, b, c");
    }

    #[test]
    fn span_annotators_win_and_duplicates_are_reported() {
        let base = fixture::project();
        let a = MergeSource {
            fallback: "x".into(),
            project: base.clone(),
        };
        let merged = merge("m", &[a.clone(), a]);
        assert_eq!(
            coder_name(&MergeSource {
                fallback: "x".into(),
                project: base
            }),
            "ana"
        );
        assert!(
            merged.warnings[0].contains("\"ana\""),
            "{:?}",
            merged.warnings
        );
    }
}
