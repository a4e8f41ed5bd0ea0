//! The steps of the edit property test: abstract user actions (one or more per kind of
//! edit), their generators, and the edits each makes in the current project — the same
//! edits the window makes (the codebook's rename and delete use its own step builders).

use lectern::model::{
    AssistantSettings, AttributeDef, AttributeKind, DocId, DocStatus, Document, Edit, Extent,
    Label, MetaField, Project, Rejected, Relation, RelationType, ReportingVerb, Span, Statement,
    StatementId, TextDirection, VerbClass, Version, VersionKind,
};
use lectern::ui::codebook::{delete_edits, rename_edits};
use proptest::prelude::*;

/// Article texts with curly quotes, NBSP, CRLF, Greek, guillemets and an emoji, so every
/// offset is a code point that is not a byte.
const TEXTS: [&str; 3] = [
    "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη 😀 — the hard-left mayor.\r\nSecond line.",
    "short text",
    "Ο δήμαρχος είπε: «Όχι τώρα» — και έφυγε. 😀\nΤέλος.",
];

/// Metadata fields an edit can set (the memo included).
const FIELDS: [MetaField; 6] = [
    MetaField::Title,
    MetaField::Outlet,
    MetaField::Date,
    MetaField::Url,
    MetaField::Author,
    MetaField::Memo,
];

/// Custom field names the generators pick from.
const CUSTOM: [&str; 3] = ["desk", "section", "Τμήμα"];

pub fn base() -> Project {
    let mut p = Project::new("props");
    p.documents.push(Document::new(DocId(1), "Doc", TEXTS[0]));
    p.documents.push(Document::new(DocId(2), "Other", TEXTS[1]));
    p.custom_fields.push(CUSTOM[0].to_owned());
    p
}

/// Code point ranges of a span or extent: one to three pieces, merged where they touch.
type Pieces = Vec<(usize, usize)>;

/// A change to the codebook, as the codebook editor makes it.
#[derive(Clone, Debug)]
pub enum LabelChange {
    Add { name: String, hotkey: String },
    Recolour { pick: usize, color: String },
    Describe { pick: usize, text: String },
    AddField { pick: usize, field: usize },
    Rename { pick: usize, name: String },
    Delete { pick: usize, move_to: Option<usize> },
}

/// A change to the relation types.
#[derive(Clone, Debug)]
pub enum TypeChange {
    Add { name: String, to: Option<usize> },
    Describe { pick: usize, text: String },
    RemoveUnused { pick: usize },
}

/// An abstract user action, turned into the step of edits it makes in the current project.
/// `doc` and `pick` are taken modulo what exists.
#[derive(Clone, Debug)]
pub enum Op {
    AddDoc {
        text: usize,
        at: usize,
        span: Option<Pieces>,
    },
    RemoveDoc {
        doc: usize,
    },
    AddSpan {
        doc: usize,
        pieces: Pieces,
        label: usize,
    },
    /// Delete a span: with its relations (as the window does), or alone (refused while it
    /// has relations).
    RemoveSpan {
        doc: usize,
        pick: usize,
        with_relations: bool,
    },
    Relabel {
        doc: usize,
        pick: usize,
        label: usize,
    },
    Note {
        doc: usize,
        pick: usize,
        note: String,
    },
    Attribute {
        doc: usize,
        pick: usize,
        field: usize,
        value: String,
        option: usize,
    },
    Extent {
        doc: usize,
        pick: usize,
        pieces: Pieces,
    },
    Link {
        doc: usize,
        from: usize,
        to: usize,
        kind: usize,
    },
    Unlink {
        doc: usize,
        pick: usize,
    },
    DocField {
        doc: usize,
        field: usize,
        value: String,
    },
    CustomField {
        doc: usize,
        name: usize,
        value: String,
    },
    Status {
        doc: usize,
        pick: usize,
    },
    Direction {
        doc: usize,
        pick: usize,
    },
    ProjectName {
        name: String,
    },
    Labels(LabelChange),
    RelationTypes(TypeChange),
    /// Add a custom field name, or remove one.
    CustomFields {
        name: usize,
        remove: bool,
    },
    /// Add a verb to the lexicon, or go back to the built-in one.
    Lexicon {
        verb: Option<String>,
    },
    /// Set the quote assistant's least confidence shown, in per cent.
    Assistant {
        min_confidence: u8,
    },
    /// Reject a quote assistant proposal, or forget the rejections (`len` 0).
    Reject {
        doc: usize,
        start: usize,
        len: usize,
    },
    /// Save a Quote tracker statement (one of three ids) with a span added as a version,
    /// its kind set or not; or forget the statement.
    Statement {
        id: u32,
        doc: usize,
        pick: usize,
        kind: Option<usize>,
        forget: bool,
    },
}

fn pieces() -> impl Strategy<Value = Pieces> {
    prop::collection::vec((0..90usize, 1..25usize), 1..4)
        .prop_map(|v| v.into_iter().map(|(s, n)| (s, s + n)).collect())
}

fn label_change() -> impl Strategy<Value = LabelChange> {
    prop_oneof![
        ("[a-zé ]{0,8}", "[0-9]?").prop_map(|(name, hotkey)| LabelChange::Add { name, hotkey }),
        (0..8usize, "#[0-9a-f]{6}").prop_map(|(pick, color)| LabelChange::Recolour { pick, color }),
        (0..8usize, "[a-z “”]{0,12}").prop_map(|(pick, text)| LabelChange::Describe { pick, text }),
        (0..8usize, 0..3usize).prop_map(|(pick, field)| LabelChange::AddField { pick, field }),
        (0..8usize, "[a-zΩ]{1,8}|quote|claim")
            .prop_map(|(pick, name)| LabelChange::Rename { pick, name }),
        (0..8usize, prop::option::of(0..8usize))
            .prop_map(|(pick, move_to)| LabelChange::Delete { pick, move_to }),
    ]
}

fn type_change() -> impl Strategy<Value = TypeChange> {
    prop_oneof![
        ("[a-z]{1,8}", prop::option::of(0..8usize))
            .prop_map(|(name, to)| TypeChange::Add { name, to }),
        (0..4usize, "[a-z ]{0,12}").prop_map(|(pick, text)| TypeChange::Describe { pick, text }),
        (0..4usize).prop_map(|pick| TypeChange::RemoveUnused { pick }),
    ]
}

pub fn op() -> impl Strategy<Value = Op> {
    let doc = 0..3usize;
    let pick = 0..50usize;
    prop_oneof![
        1 => (0..3usize, 0..4usize, prop::option::of(pieces()))
            .prop_map(|(text, at, span)| Op::AddDoc { text, at, span }),
        1 => doc.clone().prop_map(|doc| Op::RemoveDoc { doc }),
        6 => (doc.clone(), pieces(), 0..4usize)
            .prop_map(|(doc, pieces, label)| Op::AddSpan { doc, pieces, label }),
        2 => (doc.clone(), pick.clone(), any::<bool>())
            .prop_map(|(doc, pick, with_relations)| Op::RemoveSpan { doc, pick, with_relations }),
        2 => (doc.clone(), pick.clone(), 0..4usize)
            .prop_map(|(doc, pick, label)| Op::Relabel { doc, pick, label }),
        1 => (doc.clone(), pick.clone(), "[a-zé “”😀,\n]{0,12}")
            .prop_map(|(doc, pick, note)| Op::Note { doc, pick, note }),
        2 => (doc.clone(), pick.clone(), 0..3usize, "[A-Za-zΩ ]{0,8}|yes|no", 0..5usize)
            .prop_map(|(doc, pick, field, value, option)| Op::Attribute { doc, pick, field, value, option }),
        2 => (doc.clone(), pick.clone(), pieces())
            .prop_map(|(doc, pick, pieces)| Op::Extent { doc, pick, pieces }),
        3 => (doc.clone(), pick.clone(), pick.clone(), 0..3usize)
            .prop_map(|(doc, from, to, kind)| Op::Link { doc, from, to, kind }),
        1 => (doc.clone(), pick.clone()).prop_map(|(doc, pick)| Op::Unlink { doc, pick }),
        1 => (doc.clone(), 0..6usize, "[A-Za-zΩ ]{0,10}")
            .prop_map(|(doc, field, value)| Op::DocField { doc, field, value }),
        1 => (doc.clone(), 0..3usize, "[a-z0-9]{0,6}")
            .prop_map(|(doc, name, value)| Op::CustomField { doc, name, value }),
        1 => (doc.clone(), 0..3usize).prop_map(|(doc, pick)| Op::Status { doc, pick }),
        1 => (doc.clone(), 0..3usize).prop_map(|(doc, pick)| Op::Direction { doc, pick }),
        1 => "[A-Za-zé ]{0,10}".prop_map(|name| Op::ProjectName { name }),
        2 => label_change().prop_map(Op::Labels),
        1 => type_change().prop_map(Op::RelationTypes),
        1 => (0..3usize, any::<bool>()).prop_map(|(name, remove)| Op::CustomFields { name, remove }),
        1 => prop::option::of("[a-zä ]{1,8}").prop_map(|verb| Op::Lexicon { verb }),
        1 => (0..=100u8).prop_map(|min_confidence| Op::Assistant { min_confidence }),
        1 => (doc.clone(), 0..80usize, 0..20usize).prop_map(|(doc, start, len)| Op::Reject { doc, start, len }),
        2 => (1..4u32, doc, pick, prop::option::of(0..3usize), prop::bool::weighted(0.3))
            .prop_map(|(id, doc, pick, kind, forget)| Op::Statement { id, doc, pick, kind, forget }),
    ]
}

fn nth<T>(items: &[T], i: usize) -> Option<&T> {
    items.get(i % items.len().max(1))
}

/// A new span over `pieces` of `doc` (clamped to its text), with the next free id.
fn span_over(p: &Project, doc: &Document, pieces: &[(usize, usize)], label: &str) -> Option<Span> {
    let extent = extent_over(doc, pieces)?;
    Some(Span {
        id: p.next_span_id(),
        label: label.into(),
        start: extent.start,
        end: extent.end,
        text: extent.text,
        fragments: extent.fragments,
        ..Span::default()
    })
}

fn extent_over(doc: &Document, pieces: &[(usize, usize)]) -> Option<Extent> {
    let len = doc.text.len_chars();
    let clamped: Pieces = pieces
        .iter()
        .map(|&(s, e)| (s % len.max(1), e.min(len)))
        .filter(|(s, e)| s < e)
        .collect();
    Extent::from_pieces(&doc.text, &clamped)
}

/// The step of edits `op` makes in `p`, or `None` when it has nothing to act on.
pub fn step_for(p: &Project, op: &Op) -> Option<Vec<Edit>> {
    match op {
        Op::AddDoc { text, at, span } => {
            let mut d = Document::new(p.next_doc_id(), "New", TEXTS[*text]);
            if let Some(pieces) = span {
                d.spans.push(span_over(p, &d, pieces, "claim")?);
            }
            Some(vec![Edit::AddDocument {
                index: at % (p.documents.len() + 1),
                document: Box::new(d),
            }])
        }
        Op::RemoveDoc { doc } => {
            let index = doc % p.documents.len().max(1);
            let document = Box::new(p.documents.get(index)?.clone());
            Some(vec![Edit::RemoveDocument { index, document }])
        }
        Op::Labels(change) => label_step(p, change),
        Op::Statement { .. } => Some(vec![statement_edit(p, op)?]),
        Op::RelationTypes(change) => type_step(p, change),
        Op::ProjectName { name } => Some(vec![Edit::SetProjectName {
            old: p.name.clone(),
            new: name.clone(),
        }]),
        Op::CustomFields { name, remove } => {
            let mut new = p.custom_fields.clone();
            if *remove {
                let at = nth(&new, *name)?.clone();
                new.retain(|n| *n != at);
            } else if !new.iter().any(|n| n == CUSTOM[*name]) {
                new.push(CUSTOM[*name].to_owned());
            }
            Some(vec![Edit::SetCustomFields {
                old: p.custom_fields.clone(),
                new,
            }])
        }
        Op::Assistant { min_confidence } => Some(vec![Edit::SetAssistant {
            old: p.assistant,
            new: AssistantSettings {
                min_confidence: *min_confidence,
            },
        }]),
        Op::Lexicon { verb } => Some(vec![Edit::SetLexicon {
            old: p.lexicon.clone().map(Box::new),
            new: verb.as_ref().map(|lemma| {
                let mut own = p.lexicon().clone();
                own.verbs.push(ReportingVerb {
                    lemma: lemma.clone(),
                    class: VerbClass::Evaluative,
                    ..ReportingVerb::default()
                });
                Box::new(own)
            }),
        }]),
        _ => span_step(p, op),
    }
}

/// Steps that change a document's spans or relations.
fn span_step(p: &Project, op: &Op) -> Option<Vec<Edit>> {
    let at = |doc: &usize| nth(&p.documents, *doc);
    let label = |i: &usize| {
        p.labels
            .get(i % p.labels.len().max(1))
            .map(|l| l.name.clone())
    };
    let edit = match op {
        Op::AddSpan {
            doc,
            pieces,
            label: l,
        } => {
            let d = at(doc)?;
            Edit::AddSpan {
                doc: d.id,
                span: span_over(p, d, pieces, &label(l)?)?,
            }
        }
        Op::RemoveSpan {
            doc,
            pick,
            with_relations,
        } => {
            let d = at(doc)?;
            let s = nth(&d.spans, *pick)?;
            if *with_relations {
                return Some(p.remove_span_edits(d.id, s.id));
            }
            Edit::RemoveSpan {
                doc: d.id,
                span: s.clone(),
            }
        }
        Op::Relabel {
            doc,
            pick,
            label: l,
        } => {
            let d = at(doc)?;
            let s = nth(&d.spans, *pick)?;
            Edit::SetSpanLabel {
                doc: d.id,
                span: s.id,
                old: s.label.to_string(),
                new: label(l)?,
            }
        }
        Op::Note { doc, pick, note } => {
            let d = at(doc)?;
            let s = nth(&d.spans, *pick)?;
            Edit::SetSpanNote {
                doc: d.id,
                span: s.id,
                old: s.note.clone(),
                new: note.clone(),
            }
        }
        Op::Attribute {
            doc,
            pick,
            field,
            value,
            option,
        } => {
            let d = at(doc)?;
            let s = nth(&d.spans, *pick)?;
            let def = nth(&p.label(&s.label)?.attributes, *field)?;
            // A listed option most of the time; otherwise free text, which a choice or
            // yes/no field refuses.
            let new = match &def.kind {
                AttributeKind::Choice(options) if *option > 0 => nth(options, *option)?.clone(),
                _ => value.clone(),
            };
            Edit::SetSpanAttribute {
                doc: d.id,
                span: s.id,
                name: def.name.clone(),
                old: s.attributes.get(&def.name).cloned().unwrap_or_default(),
                new,
            }
        }
        Op::Extent { doc, pick, pieces } => {
            let d = at(doc)?;
            let s = nth(&d.spans, *pick)?;
            Edit::SetSpanExtent {
                doc: d.id,
                span: s.id,
                old: s.extent(),
                new: extent_over(d, pieces)?,
            }
        }
        Op::Link { .. } => link_edit(p, op)?,
        Op::Unlink { doc, pick } => {
            let d = at(doc)?;
            Edit::RemoveRelation {
                doc: d.id,
                relation: nth(&d.relations, *pick)?.clone(),
            }
        }
        _ => return document_step(p, op),
    };
    Some(vec![edit])
}

/// The link the window makes between two spans of a document.
fn link_edit(p: &Project, op: &Op) -> Option<Edit> {
    let Op::Link {
        doc,
        from,
        to,
        kind,
    } = op
    else {
        return None;
    };
    let d = nth(&p.documents, *doc)?;
    let (from, to) = (nth(&d.spans, *from)?, nth(&d.spans, *to)?);
    // The type that fits the two labels when there is one, as the window picks it;
    // else any type, as a link made before a relabelling is (the model keeps it).
    let fitting = p
        .relation_types
        .iter()
        .find(|t| t.allows(&from.label, &to.label));
    let kind = fitting.or_else(|| nth(&p.relation_types, *kind))?;
    Some(Edit::AddRelation {
        doc: d.id,
        relation: Relation {
            id: p.next_relation_id(),
            kind: kind.name.as_str().into(),
            from: from.id,
            to: to.id,
            note: String::new(),
        },
    })
}

/// The Quote tracker's edit: a statement saved with one more version, or forgotten.
fn statement_edit(p: &Project, op: &Op) -> Option<Edit> {
    let Op::Statement {
        id,
        doc,
        pick,
        kind,
        forget,
    } = op
    else {
        return None;
    };
    let id = StatementId(*id);
    let old = p.statement(id).cloned();
    let new = if *forget {
        None
    } else {
        let d = nth(&p.documents, *doc)?;
        let s = nth(&d.spans, *pick)?;
        let mut st = old.clone().unwrap_or(Statement {
            id,
            versions: Vec::new(),
        });
        st.versions.retain(|v| v.span != s.id);
        st.versions.push(Version {
            doc: d.id,
            span: s.id,
            kind: kind.map(|k| VersionKind::ALL[k]),
        });
        Some(Box::new(st))
    };
    Some(Edit::SetStatement {
        id,
        old: old.map(Box::new),
        new,
    })
}

/// Steps that change a document's metadata, status, direction or rejections.
fn document_step(p: &Project, op: &Op) -> Option<Vec<Edit>> {
    let at = |doc: &usize| nth(&p.documents, *doc);
    let edit = match op {
        Op::DocField { doc, field, value } => {
            let d = at(doc)?;
            Edit::SetDocField {
                doc: d.id,
                field: FIELDS[*field],
                old: d.field(FIELDS[*field]).to_owned(),
                new: value.clone(),
            }
        }
        Op::CustomField { doc, name, value } => {
            let d = at(doc)?;
            let name = CUSTOM[*name];
            Edit::SetCustomField {
                doc: d.id,
                name: name.to_owned(),
                old: d.metadata.custom.get(name).cloned().unwrap_or_default(),
                new: value.clone(),
            }
        }
        Op::Status { doc, pick } => {
            let d = at(doc)?;
            Edit::SetDocStatus {
                doc: d.id,
                old: d.status,
                new: DocStatus::ALL[*pick],
            }
        }
        Op::Direction { doc, pick } => {
            let d = at(doc)?;
            Edit::SetDocDirection {
                doc: d.id,
                old: d.direction,
                new: TextDirection::ALL[*pick],
            }
        }
        Op::Reject { doc, start, len } => {
            let d = at(doc)?;
            let mut new = d.rejected.clone();
            if *len == 0 {
                new.clear();
            } else {
                new.push(Rejected {
                    label: "quote".to_owned(),
                    pieces: vec![(*start, start + len)],
                    rule: "reported-speech".to_owned(),
                });
            }
            Edit::SetRejected {
                doc: d.id,
                old: d.rejected.clone(),
                new,
            }
        }
        _ => return None,
    };
    Some(vec![edit])
}

/// The codebook editor's steps: renaming and deleting go through its own step builders.
fn label_step(p: &Project, change: &LabelChange) -> Option<Vec<Edit>> {
    let pick = |i: &usize| (!p.labels.is_empty()).then(|| i % p.labels.len());
    let mut labels = p.labels.clone();
    match change {
        LabelChange::Add { name, hotkey } => labels.push(Label {
            name: name.clone(),
            color: "#0072b2".to_owned(),
            hotkey: hotkey.clone(),
            description: String::new(),
            attributes: Vec::new(),
        }),
        LabelChange::Recolour { pick: i, color } => color.clone_into(&mut labels[pick(i)?].color),
        LabelChange::Describe { pick: i, text } => {
            text.clone_into(&mut labels[pick(i)?].description);
        }
        LabelChange::AddField { pick: i, field } => {
            let kind = match field {
                0 => AttributeKind::Text,
                1 => AttributeKind::YesNo,
                _ => AttributeKind::Choice(vec!["pro".to_owned(), "contra".to_owned()]),
            };
            let l = &mut labels[pick(i)?];
            let name = format!("field{}", l.attributes.len());
            l.attributes.push(AttributeDef { name, kind });
        }
        LabelChange::Rename { pick: i, name } => return Some(rename_edits(p, pick(i)?, name)),
        LabelChange::Delete { pick: i, move_to } => {
            let i = pick(i)?;
            let others: Vec<&Label> = p
                .labels
                .iter()
                .filter(|l| l.name != p.labels[i].name)
                .collect();
            let move_to = move_to
                .and_then(|m| nth(&others, m))
                .map_or("", |l| l.name.as_str());
            return Some(delete_edits(p, i, move_to));
        }
    }
    Some(vec![Edit::SetLabels {
        old: p.labels.clone(),
        new: labels,
    }])
}

fn type_step(p: &Project, change: &TypeChange) -> Option<Vec<Edit>> {
    let mut types = p.relation_types.clone();
    let pick = |i: &usize| (!types.is_empty()).then(|| i % types.len());
    match change {
        TypeChange::Add { name, to } => {
            let to = to.and_then(|i| nth(&p.labels, i)).map(|l| l.name.clone());
            types.push(RelationType {
                name: name.clone(),
                from: Vec::new(),
                to: to.into_iter().collect(),
                description: String::new(),
            });
        }
        TypeChange::Describe { pick: i, text } => {
            let i = pick(i)?;
            text.clone_into(&mut types[i].description);
        }
        TypeChange::RemoveUnused { pick: i } => {
            let i = pick(i)?;
            let used = p
                .documents
                .iter()
                .any(|d| d.relations.iter().any(|r| r.kind == types[i].name));
            if used {
                return None;
            }
            types.remove(i);
        }
    }
    Some(vec![Edit::SetRelationTypes {
        old: p.relation_types.clone(),
        new: types,
    }])
}
