//! Checking and applying edits. Every check happens before anything changes, so a
//! refused edit leaves the project exactly as it was.

use super::{
    DocId, Document, Edit, EditError, Extent, Project, Relation, Span, SpanId, Statement,
    StatementId,
};
use std::collections::{BTreeMap, HashSet};

impl Edit {
    /// Checks the edit against the project and applies it; on error nothing changes.
    pub fn apply(&self, project: &mut Project) -> Result<(), EditError> {
        use Edit::*;
        match self {
            AddDocument { index, document } => add_document(project, *index, document, None),
            RemoveDocument { index, document } => remove_document(project, *index, document),
            AddSpan { doc, span } => add_span(project, *doc, span, None),
            RemoveSpan { doc, span } => remove_span(project, *doc, span),
            SetSpanLabel {
                doc,
                span,
                old,
                new,
            } => {
                if project.label(new).is_none() {
                    return Err(EditError::UnknownLabel(new.clone()));
                }
                replace_short(&mut span_mut(project, *doc, *span)?.label, old, new)
            }
            SetSpanNote {
                doc,
                span,
                old,
                new,
            } => replace(&mut span_mut(project, *doc, *span)?.note, old, new),
            SetSpanAttribute {
                doc,
                span,
                name,
                old,
                new,
            } => set_attribute(project, *doc, *span, name, old, new),
            SetSpanExtent {
                doc,
                span,
                old,
                new,
            } => set_extent(project, *doc, *span, old, new),
            AddRelation { doc, relation } => add_relation(project, *doc, relation),
            RemoveRelation { doc, relation } => remove_relation(project, *doc, relation),
            SetDocField {
                doc,
                field,
                old,
                new,
            } => replace(doc_mut(project, *doc)?.field_mut(*field), old, new),
            SetCustomField {
                doc,
                name,
                old,
                new,
            } => set_entry(&mut doc_mut(project, *doc)?.metadata.custom, name, old, new),
            SetDocStatus { doc, old, new } => {
                swap(&mut doc_mut(project, *doc)?.status, old, new, old.name())
            }
            SetDocDirection { doc, old, new } => {
                swap(&mut doc_mut(project, *doc)?.direction, old, new, old.name())
            }
            SetProjectName { old, new } => replace(&mut project.name, old, new),
            SetLabels { old, new } => {
                if project.labels == *old {
                    check_labels(new)?;
                }
                swap(&mut project.labels, old, new, "label set")
            }
            SetRelationTypes { old, new } => {
                swap(&mut project.relation_types, old, new, "relation types")
            }
            SetLexicon { old, new } => {
                if project.lexicon.as_ref() != old.as_deref() {
                    return Err(EditError::Stale("lexicon".to_owned()));
                }
                project.lexicon = new.as_deref().cloned();
                Ok(())
            }
            SetAssistant { old, new } => {
                swap(&mut project.assistant, old, new, "assistant settings")
            }
            SetRejected { doc, old, new } => swap(
                &mut doc_mut(project, *doc)?.rejected,
                old,
                new,
                "rejected proposals",
            ),
            SetCustomFields { old, new } => {
                swap(&mut project.custom_fields, old, new, "custom fields")
            }
            SetStatement { id, old, new } => {
                set_statement(project, *id, old.as_deref(), new.as_deref())
            }
        }
    }
}

fn doc_mut(project: &mut Project, id: DocId) -> Result<&mut Document, EditError> {
    project
        .document_mut(id)
        .ok_or(EditError::NoSuchDocument(id))
}

fn span_index(doc: &Document, id: SpanId) -> Result<usize, EditError> {
    doc.spans
        .iter()
        .position(|s| s.id == id)
        .ok_or(EditError::NoSuchSpan(doc.id, id))
}

fn span_mut(project: &mut Project, doc: DocId, id: SpanId) -> Result<&mut Span, EditError> {
    let d = doc_mut(project, doc)?;
    let at = span_index(d, id)?;
    Ok(&mut d.spans[at])
}

/// Sets `slot` to `new` if it holds `old`; else the edit is stale (`what` names the value).
fn swap<T: PartialEq + Clone>(slot: &mut T, old: &T, new: &T, what: &str) -> Result<(), EditError> {
    if slot != old {
        return Err(EditError::Stale(what.to_owned()));
    }
    slot.clone_from(new);
    Ok(())
}

/// Sets one entry of a name → value map (custom metadata, span attributes) from `old` to
/// `new`, where empty means unset.
fn set_entry(map: &mut impl NameValues, name: &str, old: &str, new: &str) -> Result<(), EditError> {
    if map.value(name) != old {
        return Err(EditError::Stale(old.to_owned()));
    }
    map.set(name, new);
    Ok(())
}

/// A name → value map as [`set_entry`] changes it: documents' custom fields and spans'
/// attributes.
trait NameValues {
    /// The value of `name`, empty when unset.
    fn value(&self, name: &str) -> &str;
    /// Sets `name` to `value`, or unsets it when `value` is empty.
    fn set(&mut self, name: &str, value: &str);
}

/// Both maps have the ordered map's `get`, `insert` and `remove`; one body serves them.
macro_rules! name_values_for {
    ($($map:ty),*) => {$(
        impl NameValues for $map {
            fn value(&self, name: &str) -> &str {
                self.get(name).map_or("", String::as_str)
            }

            fn set(&mut self, name: &str, value: &str) {
                if value.is_empty() {
                    self.remove(name);
                } else {
                    self.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    )*};
}

name_values_for!(BTreeMap<String, String>, super::Attributes);

fn remove_document(
    project: &mut Project,
    index: usize,
    document: &Document,
) -> Result<(), EditError> {
    if project.documents.get(index) != Some(document) {
        return Err(EditError::BadIndex(index));
    }
    project.documents.remove(index);
    Ok(())
}

fn remove_span(project: &mut Project, doc: DocId, span: &Span) -> Result<(), EditError> {
    let d = doc_mut(project, doc)?;
    let at = span_index(d, span.id)?;
    if d.spans[at] != *span {
        return Err(EditError::Stale(span.text.clone()));
    }
    if d.relations_of(span.id).next().is_some() {
        return Err(EditError::SpanHasRelations(span.id));
    }
    d.spans.remove(at);
    Ok(())
}

fn remove_relation(
    project: &mut Project,
    doc: DocId,
    relation: &Relation,
) -> Result<(), EditError> {
    let d = doc_mut(project, doc)?;
    let at = d
        .relations
        .iter()
        .position(|r| r == relation)
        .ok_or_else(|| EditError::Stale(format!("relation {}", relation.id)))?;
    d.relations.remove(at);
    Ok(())
}

fn replace(slot: &mut String, old: &str, new: &str) -> Result<(), EditError> {
    if slot != old {
        return Err(EditError::Stale(old.to_owned()));
    }
    new.clone_into(slot);
    Ok(())
}

/// [`replace`] for a short inline string (a span's label).
fn replace_short(slot: &mut super::SmolStr, old: &str, new: &str) -> Result<(), EditError> {
    if slot != old {
        return Err(EditError::Stale(old.to_owned()));
    }
    *slot = new.into();
    Ok(())
}

/// A span may join a document only if its label exists, its id is new (looked up in
/// `known` when the caller keeps the project's span ids, else in every document), and its
/// offsets (and fragments) select exactly its stored text.
fn check_span(
    project: &Project,
    doc: &Document,
    span: &Span,
    known: Option<&HashSet<SpanId>>,
) -> Result<(), EditError> {
    if project.label(&span.label).is_none() {
        return Err(EditError::UnknownLabel(span.label.to_string()));
    }
    let used = match known {
        Some(ids) => ids.contains(&span.id),
        None => project.has_span_id(span.id),
    };
    if used {
        return Err(EditError::DuplicateSpan(span.id));
    }
    check_extent(doc, &span.extent())
}

fn add_document(
    project: &mut Project,
    index: usize,
    document: &Document,
    known: Option<&HashSet<SpanId>>,
) -> Result<(), EditError> {
    if index > project.documents.len() {
        return Err(EditError::BadIndex(index));
    }
    if project.document(document.id).is_some() {
        return Err(EditError::DuplicateDocument(document.id));
    }
    // Ids repeated inside the new document are caught here; ids the project already
    // uses by `check_span`, which scans every document unless `known` lists them.
    let mut own = HashSet::with_capacity(document.spans.len());
    for s in &document.spans {
        if !own.insert(s.id) {
            return Err(EditError::DuplicateSpan(s.id));
        }
        check_span(project, document, s, known)?;
    }
    project.documents.insert(index, document.clone());
    Ok(())
}

fn add_span(
    project: &mut Project,
    doc: DocId,
    span: &Span,
    known: Option<&HashSet<SpanId>>,
) -> Result<(), EditError> {
    let d = project
        .document(doc)
        .ok_or(EditError::NoSuchDocument(doc))?;
    check_span(project, d, span, known)?;
    let d = doc_mut(project, doc)?;
    let at = d.insertion_index(span);
    d.spans.insert(at, span.clone());
    Ok(())
}

/// The span ids of a project, kept while a run of edits is applied so that adding a
/// document or a span does not scan every span of the project for its id: an import of
/// 10,000 articles did that for each of its million spans. Built on first need; valid
/// only while every change to the project goes through [`Edit::apply_tracked`].
#[derive(Debug, Default)]
pub struct SpanIds {
    ids: Option<HashSet<SpanId>>,
    /// Build the set for a single added span too (worth it when many edits follow).
    eager: bool,
}

impl SpanIds {
    /// Ids to be collected when an edit first needs them; `many` when the run of edits is
    /// long enough that collecting them for an added span beats scanning per span.
    pub fn new(many: bool) -> Self {
        Self {
            ids: None,
            eager: many,
        }
    }

    fn get(&mut self, project: &Project) -> &mut HashSet<SpanId> {
        self.ids.get_or_insert_with(|| {
            project
                .documents
                .iter()
                .flat_map(|d| d.spans.iter().map(|s| s.id))
                .collect()
        })
    }
}

impl Edit {
    /// [`Edit::apply`], keeping `ids` up to date and using it to check new span ids.
    pub fn apply_tracked(&self, project: &mut Project, ids: &mut SpanIds) -> Result<(), EditError> {
        match self {
            Edit::AddDocument { index, document } => {
                let known = ids.get(project);
                add_document(project, *index, document, Some(known))?;
                known.extend(document.spans.iter().map(|s| s.id));
            }
            Edit::AddSpan { doc, span } if ids.eager || ids.ids.is_some() => {
                let known = ids.get(project);
                add_span(project, *doc, span, Some(known))?;
                known.insert(span.id);
            }
            Edit::AddSpan { .. } => self.apply(project)?,
            Edit::RemoveDocument { document, .. } => {
                self.apply(project)?;
                if let Some(known) = &mut ids.ids {
                    for s in &document.spans {
                        known.remove(&s.id);
                    }
                }
            }
            Edit::RemoveSpan { span, .. } => {
                self.apply(project)?;
                if let Some(known) = &mut ids.ids {
                    known.remove(&span.id);
                }
            }
            // No other edit adds or removes a span.
            _ => self.apply(project)?,
        }
        Ok(())
    }
}

fn check_extent(doc: &Document, extent: &Extent) -> Result<(), EditError> {
    let len = doc.text.len_chars();
    if extent.start >= extent.end || extent.end > len {
        return Err(EditError::BadRange {
            start: extent.start,
            end: extent.end,
            len,
        });
    }
    let actual = doc.text.slice(extent.start..extent.end).unwrap_or_default();
    if actual != extent.text {
        return Err(EditError::TextMismatch {
            stored: extent.text.clone(),
            actual: actual.to_owned(),
        });
    }
    let probe = Span {
        start: extent.start,
        end: extent.end,
        text: extent.text.clone(),
        fragments: extent.fragments.clone(),
        ..Default::default()
    };
    match probe.anchor_problem(&doc.text) {
        Some(m) => Err(EditError::BadFragments(m)),
        None => Ok(()),
    }
}

fn set_attribute(
    project: &mut Project,
    doc: DocId,
    span: SpanId,
    name: &str,
    old: &str,
    new: &str,
) -> Result<(), EditError> {
    let d = project
        .document(doc)
        .ok_or(EditError::NoSuchDocument(doc))?;
    let s = d.span(span).ok_or(EditError::NoSuchSpan(doc, span))?;
    let def = project
        .label(&s.label)
        .and_then(|l| l.attributes.iter().find(|a| a.name == name));
    if let Some(def) = def
        && !def.accepts(new)
    {
        return Err(EditError::BadAttribute(name.to_owned(), new.to_owned()));
    }
    set_entry(
        &mut span_mut(project, doc, span)?.attributes,
        name,
        old,
        new,
    )
}

fn set_extent(
    project: &mut Project,
    doc: DocId,
    span: SpanId,
    old: &Extent,
    new: &Extent,
) -> Result<(), EditError> {
    let d = doc_mut(project, doc)?;
    let at = span_index(d, span)?;
    if d.spans[at].extent() != *old {
        return Err(EditError::Stale(old.text.clone()));
    }
    check_extent(d, new)?;
    let mut moved = d.spans.remove(at);
    moved.set_extent(new);
    let to = d.insertion_index(&moved);
    d.spans.insert(to, moved);
    Ok(())
}

fn add_relation(project: &mut Project, doc: DocId, relation: &Relation) -> Result<(), EditError> {
    let d = project
        .document(doc)
        .ok_or(EditError::NoSuchDocument(doc))?;
    let bad = |m: String| Err(EditError::BadRelation(m));
    // Whether the type fits the two labels is not checked here: the window and the
    // assistant pick a fitting type for a new link, but a link made earlier may no longer
    // fit (a span relabelled, the type's labels changed) and undoing its removal must put
    // it back. What is checked is what makes a project valid (`Project::problems`).
    if project.relation_type(&relation.kind).is_none() {
        return bad(format!(
            "relation type \"{}\" is not defined",
            relation.kind
        ));
    }
    if d.span(relation.from).is_none() || d.span(relation.to).is_none() {
        return bad("both spans must be in this document".to_owned());
    }
    if relation.from == relation.to {
        return bad("a span cannot be linked to itself".to_owned());
    }
    let ids: HashSet<_> = project
        .documents
        .iter()
        .flat_map(|d| d.relations.iter().map(|r| r.id))
        .collect();
    if ids.contains(&relation.id) {
        return bad(format!("relation id {} is already used", relation.id));
    }
    // In id order, which is creation order: undoing a removal puts the relation back
    // where it was, so undo restores the project exactly.
    let relations = &mut doc_mut(project, doc)?.relations;
    let at = relations.partition_point(|r| r.id < relation.id);
    relations.insert(at, relation.clone());
    Ok(())
}

fn check_labels(labels: &[super::Label]) -> Result<(), EditError> {
    let mut names = HashSet::new();
    let mut keys = HashSet::new();
    for l in labels {
        if l.name.trim().is_empty() {
            return Err(EditError::BadLabels("a label needs a name".to_owned()));
        }
        if !names.insert(l.name.as_str()) {
            return Err(EditError::BadLabels(format!(
                "two labels are called \"{}\"",
                l.name
            )));
        }
        if !l.hotkey.is_empty() && !keys.insert(l.hotkey.as_str()) {
            return Err(EditError::BadLabels(format!(
                "two labels use the key {}",
                l.hotkey
            )));
        }
    }
    Ok(())
}

/// Saves, replaces or forgets one statement. Statements stay sorted by id, so the file
/// lists them in a stable order; a span may be a version of one saved statement only.
fn set_statement(
    project: &mut Project,
    id: StatementId,
    old: Option<&Statement>,
    new: Option<&Statement>,
) -> Result<(), EditError> {
    let at = project.statements.iter().position(|s| s.id == id);
    if at.map(|i| &project.statements[i]) != old {
        return Err(EditError::Stale(format!("statement {id}")));
    }
    if let Some(new) = new {
        let bad = |m: String| Err(EditError::BadStatement(m));
        if new.id != id {
            return bad(format!("statement {} saved as {id}", new.id));
        }
        if let Some(m) = new.shape_problem() {
            return bad(m);
        }
        for v in &new.versions {
            let elsewhere = project
                .statements
                .iter()
                .find(|s| s.id != id && s.version(v.span).is_some());
            if let Some(other) = elsewhere {
                return bad(format!(
                    "span {} is already a version of statement {}",
                    v.span, other.id
                ));
            }
        }
    }
    match (at, new) {
        (Some(i), Some(new)) => project.statements[i] = new.clone(),
        (Some(i), None) => {
            project.statements.remove(i);
        }
        (None, Some(new)) => {
            let to = project.statements.partition_point(|s| s.id < id);
            project.statements.insert(to, new.clone());
        }
        (None, None) => {}
    }
    Ok(())
}
