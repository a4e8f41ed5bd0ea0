//! A coder's corrections to the grouping, as edits: confirm a statement, move a version
//! to another statement or to a new one (split), merge two statements, set a version's
//! kind, or hand a statement back to the automatic grouping. Each is one undoable step.
//!
//! How a correction meets the next automatic grouping: correcting a statement saves it
//! whole — every version shown, proposed ones included — so its versions are pinned to
//! it. Moving a version saves both statements, the one it left too, so the comparison
//! cannot propose it back. Quotes in no saved statement are grouped afresh each time and
//! may be proposed for a saved statement, never put in one without the coder.

use super::{AlignedStatement, Alignment};
use crate::model::{Edit, Project, SpanId, Statement, StatementId, Version, VersionKind};

/// A correction: edits to apply as one undoable step, and what to call the step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// For the Edit menu ("Move version to statement 4").
    pub description: String,
    /// The edits, in the order to apply.
    pub edits: Vec<Edit>,
}

/// The statement as it would be saved now: every version shown, proposed ones
/// included, with the kinds a coder set.
pub fn saved_form(st: &AlignedStatement) -> Statement {
    Statement {
        id: st.id,
        versions: st
            .versions
            .iter()
            .map(|v| Version {
                doc: v.doc,
                span: v.span,
                kind: v.kind_by_coder.then_some(v.kind),
            })
            .collect(),
    }
}

/// The edit that makes `new` the saved statement with its id (`None`: not saved).
fn set(project: &Project, id: StatementId, new: Option<Statement>) -> Option<Edit> {
    let old = project.statement(id).cloned();
    (old != new).then(|| Edit::SetStatement {
        id,
        old: old.map(Box::new),
        new: new.map(Box::new),
    })
}

/// Confirms a statement as shown, proposals included.
pub fn confirm(project: &Project, st: &AlignedStatement) -> Option<Correction> {
    let edit = set(project, st.id, Some(saved_form(st)))?;
    Some(Correction {
        description: format!("Confirm statement {}", st.id),
        edits: vec![edit],
    })
}

/// Confirms every statement as shown.
pub fn confirm_all(project: &Project, alignment: &Alignment) -> Option<Correction> {
    let edits: Vec<Edit> = alignment
        .statements
        .iter()
        .filter_map(|st| set(project, st.id, Some(saved_form(st))))
        .collect();
    (!edits.is_empty()).then(|| Correction {
        description: format!("Confirm {} statements", edits.len()),
        edits,
    })
}

/// Sets the kind of version `span` of `st` (`None`: as the comparison finds it).
pub fn set_kind(
    project: &Project,
    st: &AlignedStatement,
    span: SpanId,
    kind: Option<VersionKind>,
) -> Option<Correction> {
    let mut new = saved_form(st);
    new.versions.iter_mut().find(|v| v.span == span)?.kind = kind;
    let edit = set(project, st.id, Some(new))?;
    let what = kind.map_or("as found", VersionKind::name);
    Some(Correction {
        description: format!("Set a version of statement {} to {what}", st.id),
        edits: vec![edit],
    })
}

/// Moves version `span` to statement `to`, or to a new statement of its own (a split)
/// when `to` is `None`. Both statements are saved.
pub fn move_version(
    project: &Project,
    alignment: &Alignment,
    span: SpanId,
    to: Option<StatementId>,
) -> Option<Correction> {
    let from = alignment.statement_of(span)?;
    if to == Some(from.id) {
        return None;
    }
    let moved = saved_form(from)
        .versions
        .into_iter()
        .find(|v| v.span == span)?;
    let mut left = saved_form(from);
    left.versions.retain(|v| v.span != span);
    let (target, description) = match to {
        Some(id) => {
            let st = alignment.statement(id)?;
            (saved_form(st), format!("Move version to statement {id}"))
        }
        None => {
            let id = alignment.next_id(project);
            let st = Statement {
                id,
                versions: Vec::new(),
            };
            (st, format!("Split version into statement {id}"))
        }
    };
    let mut target = target;
    target.versions.push(Version {
        kind: None,
        ..moved
    });
    let left = (!left.versions.is_empty()).then_some(left);
    // The version leaves its statement before it joins the other: a span may be in one
    // saved statement only.
    let edits = [
        set(project, from.id, left),
        set(project, target.id, Some(target)),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(Correction { description, edits })
}

/// Merges statement `from` into statement `into`: every version of both in `into`.
pub fn merge(
    project: &Project,
    alignment: &Alignment,
    into: StatementId,
    from: StatementId,
) -> Option<Correction> {
    if into == from {
        return None;
    }
    let (a, b) = (alignment.statement(into)?, alignment.statement(from)?);
    let mut merged = saved_form(a);
    merged.versions.extend(saved_form(b).versions);
    let edits = [set(project, from, None), set(project, into, Some(merged))]
        .into_iter()
        .flatten()
        .collect();
    Some(Correction {
        description: format!("Merge statement {from} into {into}"),
        edits,
    })
}

/// Forgets a saved statement: its quotes are grouped automatically again.
pub fn forget(project: &Project, st: &AlignedStatement) -> Option<Correction> {
    let edit = set(project, st.id, None)?;
    Some(Correction {
        description: format!("Return statement {} to automatic grouping", st.id),
        edits: vec![edit],
    })
}
