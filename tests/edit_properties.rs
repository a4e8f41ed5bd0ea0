//! Properties of the edit path, for every kind of [`Edit`]: a valid edit followed by its
//! inverse restores the project exactly, a refused step changes nothing, every step the
//! window could make leaves a valid project that saves and loads back the same, and
//! undoing every step of a random session returns to the start (redoing them, to the end).
//!
//! Coverage is enforced, not hoped for: [`edit_kinds!`] matches every variant with no
//! wildcard, so a new `Edit` variant does not compile here until it is listed, and
//! `every_edit_kind_is_applied_and_undone` fails until a generator below makes it.

#[path = "edit_properties/steps.rs"]
mod steps;

use lectern::model::{Edit, History, Project};
use lectern::store;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::BTreeSet;
use std::path::Path;
use steps::{Op, base, op, step_for};

/// Lists every `Edit` variant once: `ALL_KINDS` holds their names and `kind` names an
/// edit's variant by an exhaustive match, so adding a variant without listing it here is a
/// compile error.
macro_rules! edit_kinds {
    ($($variant:ident),* $(,)?) => {
        const ALL_KINDS: &[&str] = &[$(stringify!($variant)),*];

        fn kind(edit: &Edit) -> &'static str {
            match edit {
                $(Edit::$variant { .. } => stringify!($variant),)*
            }
        }
    };
}

edit_kinds!(
    AddDocument,
    RemoveDocument,
    AddSpan,
    RemoveSpan,
    SetSpanLabel,
    SetSpanNote,
    SetSpanAttribute,
    SetSpanExtent,
    AddRelation,
    RemoveRelation,
    SetDocField,
    SetCustomField,
    SetDocStatus,
    SetDocDirection,
    SetProjectName,
    SetLabels,
    SetRelationTypes,
    SetLexicon,
    SetAssistant,
    SetRejected,
    SetCustomFields,
    SetStatement,
);

/// Applies `ops` to `start` as a session: each op's step is applied one edit at a time,
/// checking after each that the edit's inverse restores the project; a refused step must
/// leave the project as it was, an accepted one a valid project. Returns the kinds of the
/// edits applied and undone. The first broken property is the error.
fn run_session(start: &Project, ops: &[Op]) -> Result<(Project, BTreeSet<&'static str>), String> {
    let mut p = start.clone();
    let mut kinds = BTreeSet::new();
    for op in ops {
        let Some(step) = step_for(&p, op) else {
            continue;
        };
        let before_step = p.clone();
        let mut refused = false;
        for edit in &step {
            let before = p.clone();
            if edit.apply(&mut p).is_err() {
                if p != before {
                    return Err(format!("a refused {} changed the project", kind(edit)));
                }
                refused = true;
                break;
            }
            let mut undone = p.clone();
            edit.inverse()
                .apply(&mut undone)
                .map_err(|e| format!("the inverse of {} is refused: {e}", kind(edit)))?;
            if undone != before {
                return Err(format!(
                    "the inverse of {edit:?} does not restore the project"
                ));
            }
            kinds.insert(kind(edit));
        }
        if refused {
            p = before_step;
        } else if !p.problems().is_empty() {
            return Err(format!("{op:?} left problems: {:?}", p.problems()));
        }
    }
    Ok((p, kinds))
}

fn session() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(op(), 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_edit_is_undone_by_its_inverse(ops in session()) {
        let (p, _) = run_session(&base(), &ops).map_err(TestCaseError::fail)?;
        // Whatever the edits made, the file keeps: it saves and loads back the same.
        let text = store::to_ron(&p).expect("serialise");
        prop_assert_eq!(store::from_ron(&text, Path::new("p.ron")).ok(), Some(p));
    }

    #[test]
    fn undoing_everything_returns_to_the_start(ops in session()) {
        let start = base();
        let mut p = start.clone();
        let mut h = History::default();
        for op in &ops {
            if let Some(step) = step_for(&p, op) {
                let before = p.clone();
                if h.apply(&mut p, "op", step).is_err() {
                    prop_assert_eq!(&p, &before, "a refused step changes nothing");
                }
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

/// A fixed run of sessions (the same every time) must apply, and undo, every kind of edit:
/// a variant listed in `edit_kinds!` that no generator makes fails here.
#[test]
fn every_edit_kind_is_applied_and_undone() {
    let mut runner = TestRunner::deterministic();
    let strategy = session();
    let mut seen = BTreeSet::new();
    for _ in 0..60 {
        let ops = strategy.new_tree(&mut runner).expect("session").current();
        let (_, kinds) = run_session(&base(), &ops).expect("session properties hold");
        seen.extend(kinds);
    }
    let missing: Vec<_> = ALL_KINDS.iter().filter(|k| !seen.contains(*k)).collect();
    assert!(missing.is_empty(), "no generated step applied {missing:?}");
}
