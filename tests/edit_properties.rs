//! Properties of the edit path: any valid edit followed by its inverse restores the
//! project exactly, and undoing every step of a random session returns to the start.

use lectern::model::{
    DocId, Document, Edit, History, MetaField, Project, Rejected, ReportingVerb, Span, Statement,
    StatementId, TextDirection, VerbClass, Version, VersionKind,
};
use proptest::prelude::*;

const TEXT: &str =
    "“It’s a disgrace,” said Ms\u{a0}Ελένη Παπαδάκη 😀 — the hard-left mayor.\r\nSecond line.";

fn base() -> Project {
    let mut p = Project::new("props");
    p.documents.push(Document::new(DocId(1), "Doc", TEXT));
    p.documents
        .push(Document::new(DocId(2), "Other", "short text"));
    p
}

/// An abstract operation, turned into a concrete edit against the current project.
#[derive(Clone, Debug)]
enum Op {
    Add {
        start: usize,
        len: usize,
        label: usize,
    },
    Remove {
        pick: usize,
    },
    Relabel {
        pick: usize,
        label: usize,
    },
    Note {
        pick: usize,
        note: String,
    },
    Meta {
        field: usize,
        value: String,
    },
    RemoveDoc,
    /// Set the document's direction (automatic, left to right, right to left).
    Direction {
        pick: usize,
    },
    /// Add a verb to the lexicon, or go back to the built-in one.
    Lexicon {
        verb: Option<String>,
    },
    /// Reject a quote assistant proposal, or forget the rejections.
    Reject {
        start: usize,
        len: usize,
    },
    /// Save a Quote tracker statement (one of three ids) with a version added, its kind
    /// set or not; or forget it.
    Statement {
        id: u32,
        pick: usize,
        kind: Option<usize>,
        forget: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..80usize, 1..20usize, 0..4usize).prop_map(|(start, len, label)| Op::Add { start, len, label }),
        2 => (0..50usize).prop_map(|pick| Op::Remove { pick }),
        2 => (0..50usize, 0..4usize).prop_map(|(pick, label)| Op::Relabel { pick, label }),
        2 => (0..50usize, "[a-zé “”😀,\n]{0,12}").prop_map(|(pick, note)| Op::Note { pick, note }),
        1 => (0..5usize, "[A-Za-zΩ ]{0,10}").prop_map(|(field, value)| Op::Meta { field, value }),
        1 => Just(Op::RemoveDoc),
        1 => (0..3usize).prop_map(|pick| Op::Direction { pick }),
        1 => proptest::option::of("[a-zä ]{1,8}").prop_map(|verb| Op::Lexicon { verb }),
        1 => (0..80usize, 0..20usize).prop_map(|(start, len)| Op::Reject { start, len }),
        2 => (1..4u32, 0..50usize, proptest::option::of(0..3usize), proptest::bool::weighted(0.3))
            .prop_map(|(id, pick, kind, forget)| Op::Statement { id, pick, kind, forget }),
    ]
}

fn edit_for(p: &Project, op: &Op) -> Option<Edit> {
    let doc = &p.documents.first()?;
    let labels: Vec<&str> = p.labels.iter().map(|l| l.name.as_str()).collect();
    let pick = |i: usize| -> Option<&Span> { doc.spans.get(i % doc.spans.len().max(1)) };
    Some(match op {
        Op::Add { start, len, label } => {
            let start = start % doc.text.len_chars();
            let end = (start + len).min(doc.text.len_chars());
            Edit::AddSpan {
                doc: doc.id,
                span: p.make_span(doc.id, labels[*label], start, end)?,
            }
        }
        Op::Remove { pick: i } => Edit::RemoveSpan {
            doc: doc.id,
            span: pick(*i)?.clone(),
        },
        Op::Relabel { pick: i, label } => {
            let s = pick(*i)?;
            Edit::SetSpanLabel {
                doc: doc.id,
                span: s.id,
                old: s.label.clone(),
                new: labels[*label].to_owned(),
            }
        }
        Op::Note { pick: i, note } => {
            let s = pick(*i)?;
            Edit::SetSpanNote {
                doc: doc.id,
                span: s.id,
                old: s.note.clone(),
                new: note.clone(),
            }
        }
        Op::Meta { field, value } => {
            let field = MetaField::ALL[*field];
            Edit::SetDocField {
                doc: doc.id,
                field,
                old: doc.field(field).to_owned(),
                new: value.clone(),
            }
        }
        Op::Lexicon { verb } => Edit::SetLexicon {
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
        },
        Op::Direction { pick } => Edit::SetDocDirection {
            doc: doc.id,
            old: doc.direction,
            new: TextDirection::ALL[*pick],
        },
        Op::Reject { start, len } => {
            let mut new = doc.rejected.clone();
            if *len == 0 {
                new.clear();
            } else {
                new.push(Rejected {
                    label: "quote".to_owned(),
                    pieces: vec![(*start, start + len)],
                });
            }
            Edit::SetRejected {
                doc: doc.id,
                old: doc.rejected.clone(),
                new,
            }
        }
        Op::Statement {
            id,
            pick: i,
            kind,
            forget,
        } => {
            let id = StatementId(*id);
            let old = p.statement(id).cloned();
            let new = if *forget {
                None
            } else {
                let s = pick(*i)?;
                let mut st = old.clone().unwrap_or(Statement {
                    id,
                    versions: Vec::new(),
                });
                st.versions.retain(|v| v.span != s.id);
                st.versions.push(Version {
                    doc: doc.id,
                    span: s.id,
                    kind: kind.map(|k| VersionKind::ALL[k]),
                });
                Some(Box::new(st))
            };
            Edit::SetStatement {
                id,
                old: old.map(Box::new),
                new,
            }
        }
        Op::RemoveDoc => Edit::RemoveDocument {
            index: 0,
            document: Box::new((*doc).clone()),
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn edit_then_inverse_is_identity(ops in proptest::collection::vec(op(), 1..30)) {
        let mut p = base();
        for op in &ops {
            let Some(edit) = edit_for(&p, op) else { continue };
            let before = p.clone();
            if edit.apply(&mut p).is_err() {
                prop_assert_eq!(&p, &before, "a failed edit changes nothing");
                continue;
            }
            prop_assert!(p.problems().is_empty(), "{:?}", p.problems());
            let mut undone = p.clone();
            edit.inverse().apply(&mut undone).expect("inverse applies");
            prop_assert_eq!(&undone, &before);
        }
    }

    #[test]
    fn undoing_everything_returns_to_the_start(ops in proptest::collection::vec(op(), 1..30)) {
        let start = base();
        let mut p = start.clone();
        let mut h = History::default();
        for op in &ops {
            if let Some(edit) = edit_for(&p, op) {
                let _ = h.apply(&mut p, "op", vec![edit]);
            }
        }
        let after = p.clone();
        while h.undo(&mut p).expect("undo").is_some() {}
        prop_assert_eq!(&p, &start);
        prop_assert!(!h.is_dirty());
        while h.redo(&mut p).expect("redo").is_some() {}
        prop_assert_eq!(&p, &after);
    }
}
