//! The project: label set plus documents, and the invariants that make it valid.

use super::{
    AssistantSettings, DocId, Document, Label, Lexicon, RelationId, RelationType, SpanId,
    Statement, StatementId, default_labels, default_relation_types,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Version of the project file format this build writes. Files with a higher number are
/// refused rather than half-read.
pub const CURRENT_FORMAT: u32 = 2;

/// A Lectern project: everything saved in one `.ron` file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// File format version, see [`CURRENT_FORMAT`].
    pub format: u32,
    /// Shown in the window title.
    pub name: String,
    /// The codebook.
    pub labels: Vec<Label>,
    /// Kinds of relation between spans.
    #[serde(default)]
    pub relation_types: Vec<RelationType>,
    /// The project's own reporting verbs and source markers, once the team has edited
    /// them; `None` uses the built-in English lexicon (see [`Project::lexicon`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<Lexicon>,
    /// How the quote assistant proposes here (the least confidence shown for review);
    /// left out while it is the default.
    #[serde(default, skip_serializing_if = "AssistantSettings::is_default")]
    pub assistant: AssistantSettings,
    /// Names of the project's own metadata fields, beyond outlet, date, URL and author.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<String>,
    /// The document shown when the project is reopened.
    #[serde(default)]
    pub last_viewed: Option<DocId>,
    /// The articles, in the user's order.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Quote tracker statements a coder confirmed or corrected, by id; quotes in none of
    /// them are grouped automatically (see `crate::align`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Statement>,
}

/// One way a project breaks its own rules, with enough detail to find the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Document concerned, if any.
    pub doc: Option<DocId>,
    /// Span concerned, if any.
    pub span: Option<SpanId>,
    /// What is wrong, lower-case, for the user.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.doc, self.span) {
            (Some(d), Some(s)) => write!(f, "document {d}, span {s}: {}", self.message),
            (Some(d), None) => write!(f, "document {d}: {}", self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

impl Project {
    /// An empty project with the default label set.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format: CURRENT_FORMAT,
            name: name.into(),
            labels: default_labels(),
            relation_types: default_relation_types(),
            lexicon: None,
            assistant: AssistantSettings::default(),
            custom_fields: Vec::new(),
            last_viewed: None,
            documents: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// The document with this id.
    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub(crate) fn document_mut(&mut self, id: DocId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id == id)
    }

    /// The label with this name.
    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// An id no document uses yet.
    pub fn next_doc_id(&self) -> DocId {
        DocId(self.documents.iter().map(|d| d.id.0 + 1).max().unwrap_or(1))
    }

    /// An id no span uses yet.
    pub fn next_span_id(&self) -> SpanId {
        let max = self
            .documents
            .iter()
            .flat_map(|d| d.spans.iter())
            .map(|s| s.id.0 + 1)
            .max();
        SpanId(max.unwrap_or(1))
    }

    /// An id no relation uses yet.
    pub fn next_relation_id(&self) -> RelationId {
        let max = self
            .documents
            .iter()
            .flat_map(|d| d.relations.iter())
            .map(|r| r.id.0 + 1)
            .max();
        RelationId(max.unwrap_or(1))
    }

    /// The saved statement with this id.
    pub fn statement(&self, id: StatementId) -> Option<&Statement> {
        self.statements.iter().find(|s| s.id == id)
    }

    /// An id no saved statement uses yet.
    pub fn next_statement_id(&self) -> StatementId {
        StatementId(
            self.statements
                .iter()
                .map(|s| s.id.0 + 1)
                .max()
                .unwrap_or(1),
        )
    }

    /// The lexicon in force: the project's own, else the built-in English one.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.as_ref().unwrap_or_else(|| Lexicon::english())
    }

    /// The relation type with this name.
    pub fn relation_type(&self, name: &str) -> Option<&RelationType> {
        self.relation_types.iter().find(|t| t.name == name)
    }

    /// Brings a file written by an older Lectern up to the current format. Format 1 had
    /// no relations, so it gets the default relation types.
    pub fn upgrade(&mut self) {
        if self.format < 2 && self.relation_types.is_empty() {
            self.relation_types = default_relation_types();
        }
        self.format = CURRENT_FORMAT;
    }

    /// Whether any document holds a span with this id.
    pub fn has_span_id(&self, id: SpanId) -> bool {
        self.documents
            .iter()
            .any(|d| d.spans.iter().any(|s| s.id == id))
    }

    /// The document to show first: the last viewed one if it still exists, else the first.
    pub fn initial_document(&self) -> Option<DocId> {
        self.last_viewed
            .filter(|id| self.document(*id).is_some())
            .or_else(|| self.documents.first().map(|d| d.id))
    }

    /// Every broken rule: duplicate ids, unknown labels, spans out of range, inverted, or
    /// whose stored text differs from the document. Empty for a valid project.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut label_names = HashSet::new();
        for l in &self.labels {
            if !label_names.insert(l.name.as_str()) {
                out.push(problem(
                    None,
                    None,
                    format!("label \"{}\" is defined twice", l.name),
                ));
            }
        }
        let mut doc_ids = HashSet::new();
        let mut span_ids = HashSet::new();
        let mut relation_ids = HashSet::new();
        for d in &self.documents {
            if !doc_ids.insert(d.id) {
                out.push(problem(
                    Some(d.id),
                    None,
                    "document id is used twice".into(),
                ));
            }
            // Relations are checked against this set: looking each end up in the span
            // list would cost a scan of 50,000 spans per relation in a big project.
            let mut in_document = HashSet::with_capacity(d.spans.len());
            for s in &d.spans {
                let at = |m: String| problem(Some(d.id), Some(s.id), m);
                in_document.insert(s.id);
                if !span_ids.insert(s.id) {
                    out.push(at("span id is used twice".into()));
                }
                if !label_names.contains(s.label.as_str()) {
                    out.push(at(format!("label \"{}\" is not in the label set", s.label)));
                }
                if let Some(m) = s.anchor_problem(&d.text) {
                    out.push(at(m));
                }
            }
            for r in &d.relations {
                let at = |m: String| problem(Some(d.id), None, format!("relation {}: {m}", r.id));
                if !relation_ids.insert(r.id) {
                    out.push(at("relation id is used twice".into()));
                }
                if self.relation_type(&r.kind).is_none() {
                    out.push(at(format!("relation type \"{}\" is not defined", r.kind)));
                }
                for end in [r.from, r.to] {
                    if !in_document.contains(&end) {
                        out.push(at(format!("span {end} does not exist in this document")));
                    }
                }
            }
        }
        out
    }
}

impl Project {
    /// Things that are odd but do not stop the project from working: a document whose
    /// text no longer matches its `content_hash` (edited by hand, or a damaged copy).
    /// Also: attribute values the codebook no longer allows (an option was removed).
    pub fn warnings(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        for d in &self.documents {
            if d.content_hash != super::content_hash(d.text.as_str()) {
                out.push(problem(
                    Some(d.id),
                    None,
                    "text does not match its content_hash; it was changed outside Lectern".into(),
                ));
            }
            for s in &d.spans {
                let Some(label) = self.label(&s.label) else {
                    continue;
                };
                for (name, value) in &s.attributes {
                    if let Some(def) = label.attributes.iter().find(|a| a.name == *name)
                        && !def.accepts(value)
                    {
                        out.push(problem(
                            Some(d.id),
                            Some(s.id),
                            format!(
                                "attribute {name} has {value:?}, which the codebook does not list"
                            ),
                        ));
                    }
                }
            }
        }
        out.extend(self.statement_warnings());
        out
    }

    /// Saved statements that contradict themselves: an id used twice, a span listed twice
    /// or in two statements. The tracker then keeps the first statement that lists a span.
    fn statement_warnings(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut ids = HashSet::new();
        let mut owner: std::collections::HashMap<SpanId, StatementId> = Default::default();
        for s in &self.statements {
            if !ids.insert(s.id) {
                out.push(problem(
                    None,
                    None,
                    format!("statement id {} is used twice", s.id),
                ));
            }
            if let Some(m) = s.shape_problem() {
                out.push(problem(None, None, m));
            }
            for v in &s.versions {
                match owner.get(&v.span) {
                    Some(first) if *first != s.id => out.push(problem(
                        Some(v.doc),
                        Some(v.span),
                        format!(
                            "the span is in statements {first} and {}; the tracker keeps it in {first}",
                            s.id
                        ),
                    )),
                    _ => {
                        owner.insert(v.span, s.id);
                    }
                }
            }
        }
        out
    }
}

fn problem(doc: Option<DocId>, span: Option<SpanId>, message: String) -> Problem {
    Problem { doc, span, message }
}
