//! Undo and redo as stacks of steps, each a list of edits applied as one.

use super::{Edit, EditError, Project, SpanIds};

/// Steps kept for undo; older ones are forgotten (the project itself is never affected).
const DEFAULT_LIMIT: usize = 1000;

/// One undoable user action ("Label 'quote'"), made of one or more edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What the action did, for the Edit menu ("Undo Label 'quote'").
    pub description: String,
    /// The edits, in the order they were applied.
    pub edits: Vec<Edit>,
    /// Serial number, so "is this the state that was saved?" survives undo and redo.
    serial: u64,
    /// Steps with the same key in a row merge into one (typing a note is one undo step).
    coalesce: Option<String>,
}

/// The undo and redo stacks of one open project.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    limit: usize,
    next_serial: u64,
    /// Serial of the newest applied step when the project was last saved (0: none applied).
    saved_serial: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: DEFAULT_LIMIT,
            next_serial: 1,
            saved_serial: Some(0),
        }
    }
}

impl History {
    /// Applies `edits` as one step. If any edit fails, the ones before it are rolled back
    /// and the project is left exactly as it was.
    pub fn apply(
        &mut self,
        project: &mut Project,
        description: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Result<(), EditError> {
        self.apply_step(project, description.into(), edits, None)
    }

    /// Like [`History::apply`], but if the newest step has the same `key` and has not been
    /// saved or undone since, the edits join that step: one keystroke after another in a
    /// text field is undone as one change.
    pub fn apply_coalescing(
        &mut self,
        project: &mut Project,
        description: impl Into<String>,
        edits: Vec<Edit>,
        key: &str,
    ) -> Result<(), EditError> {
        let saved = self.saved_serial;
        let mergeable = self.redo.is_empty()
            && self
                .undo
                .last()
                .is_some_and(|s| s.coalesce.as_deref() == Some(key) && saved != Some(s.serial));
        if mergeable {
            apply_all(project, &edits)?;
            if let Some(step) = self.undo.last_mut() {
                step.edits.extend(edits);
            }
            return Ok(());
        }
        self.apply_step(project, description.into(), edits, Some(key.to_owned()))
    }

    fn apply_step(
        &mut self,
        project: &mut Project,
        description: String,
        edits: Vec<Edit>,
        coalesce: Option<String>,
    ) -> Result<(), EditError> {
        apply_all(project, &edits)?;
        let serial = self.next_serial;
        self.next_serial += 1;
        self.undo.push(Step {
            description,
            edits,
            serial,
            coalesce,
        });
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    /// Undoes the newest step; returns its description.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        let inverse: Vec<Edit> = step.edits.iter().rev().map(Edit::inverse).collect();
        if let Err(e) = apply_all(project, &inverse) {
            self.undo.push(step);
            return Err(e);
        }
        let description = step.description.clone();
        self.redo.push(step);
        Ok(Some(description))
    }

    /// Redoes the newest undone step; returns its description.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        if let Err(e) = apply_all(project, &step.edits) {
            self.redo.push(step);
            return Err(e);
        }
        let description = step.description.clone();
        self.undo.push(step);
        Ok(Some(description))
    }

    /// Description of the step Undo would undo.
    pub fn undo_description(&self) -> Option<&str> {
        self.undo.last().map(|s| s.description.as_str())
    }

    /// Description of the step Redo would redo.
    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|s| s.description.as_str())
    }

    /// The newest applied step, if any.
    pub fn last_step(&self) -> Option<&Step> {
        self.undo.last()
    }

    /// The step Redo would redo, if any.
    pub fn redo_step(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// Marks the current state as the saved one.
    pub fn mark_saved(&mut self) {
        self.saved_serial = Some(self.current_serial());
    }

    /// Marks the project as differing from any file (e.g. made from the command line).
    pub fn mark_unsaved(&mut self) {
        self.saved_serial = None;
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_serial != Some(self.current_serial())
    }

    fn current_serial(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.serial)
    }
}

/// Applies `edits` in order; if one fails, the ones before it are undone and its error
/// returned, leaving the project as it was.
pub fn apply_all(project: &mut Project, edits: &[Edit]) -> Result<(), EditError> {
    let mut ids = SpanIds::new(edits.len() >= 8);
    for (i, edit) in edits.iter().enumerate() {
        if let Err(e) = edit.apply_tracked(project, &mut ids) {
            for done in edits[..i].iter().rev() {
                // Undoing an edit that just succeeded cannot fail; if it somehow did, the
                // error above is still the one the user needs to see.
                let _ = done.inverse().apply_tracked(project, &mut ids);
            }
            return Err(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Document};

    fn setup() -> (Project, History) {
        let mut p = Project::new("t");
        p.documents
            .push(Document::new(DocId(1), "A", "one two three four"));
        (p, History::default())
    }

    fn add(p: &Project, s: usize, e: usize) -> Edit {
        let span = p.make_span(DocId(1), "claim", s, e).expect("span");
        Edit::AddSpan {
            doc: DocId(1),
            span,
        }
    }

    #[test]
    fn undo_redo_and_dirty_marker() {
        let (mut p, mut h) = setup();
        let original = p.clone();
        assert!(!h.is_dirty());
        let e = add(&p, 0, 3);
        h.apply(&mut p, "Label 'claim'", vec![e]).expect("apply");
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
        assert_eq!(
            h.undo(&mut p).expect("undo").as_deref(),
            Some("Label 'claim'")
        );
        assert_eq!(p, original);
        assert!(h.is_dirty());
        h.redo(&mut p).expect("redo");
        assert!(!h.is_dirty());
        assert_eq!(p.documents[0].spans.len(), 1);
    }

    #[test]
    fn failing_step_rolls_back_earlier_edits() {
        let (mut p, mut h) = setup();
        let original = p.clone();
        let good = add(&p, 0, 3);
        let mut bad_span = p.make_span(DocId(1), "claim", 4, 7).expect("span");
        bad_span.id = crate::model::SpanId(99);
        bad_span.text = "xyz".into();
        let bad = Edit::AddSpan {
            doc: DocId(1),
            span: bad_span,
        };
        assert!(h.apply(&mut p, "two", vec![good, bad]).is_err());
        assert_eq!(p, original);
        assert!(h.undo_description().is_none());
    }

    #[test]
    fn typing_coalesces_until_saved() {
        let (mut p, mut h) = setup();
        let name = |old: &str, new: &str| Edit::SetProjectName {
            old: old.into(),
            new: new.into(),
        };
        h.apply_coalescing(&mut p, "Rename", vec![name("t", "ta")], "name")
            .expect("1");
        h.apply_coalescing(&mut p, "Rename", vec![name("ta", "tab")], "name")
            .expect("2");
        h.mark_saved();
        h.apply_coalescing(&mut p, "Rename", vec![name("tab", "tabs")], "name")
            .expect("3");
        assert!(h.is_dirty());
        h.undo(&mut p).expect("undo");
        assert_eq!(p.name, "tab");
        assert!(!h.is_dirty());
        h.undo(&mut p).expect("undo");
        assert_eq!(p.name, "t");
    }

    #[test]
    fn added_documents_are_checked_against_every_span_id_in_one_step() {
        let (mut p, mut h) = setup();
        let first = add(&p, 0, 3);
        h.apply(&mut p, "label", vec![first]).expect("label");
        let used = p.documents[0].spans[0].id;
        let doc = |id: u32, span_ids: &[u32]| {
            let mut d = Document::new(DocId(id), "B", "alpha beta");
            for &s in span_ids {
                let mut span = crate::model::Span {
                    id: crate::model::SpanId(s),
                    label: "claim".into(),
                    ..Default::default()
                };
                span.set_extent(&crate::model::Extent::from_pieces(&d.text, &[(0, 5)]).expect("x"));
                d.spans.push(span);
            }
            Edit::AddDocument {
                index: id as usize - 1,
                document: Box::new(d),
            }
        };
        let before = p.clone();
        // Many edits: the ids are kept in a set; a clash with the project, with an earlier
        // document of the same step, or inside one document is refused all the same.
        for clash in [
            vec![doc(2, &[10]), doc(3, &[used.0])],
            vec![doc(2, &[10]), doc(3, &[10])],
            vec![doc(2, &[11, 11])],
        ] {
            let mut edits: Vec<Edit> = clash;
            edits.extend((0..8).map(|_| Edit::SetProjectName {
                old: "t".into(),
                new: "t".into(),
            }));
            assert!(h.apply(&mut p, "import", edits).is_err());
            assert_eq!(p, before);
        }
        h.apply(&mut p, "import", vec![doc(2, &[10]), doc(3, &[12, 13])])
            .expect("fresh ids");
        assert_eq!(p.documents.len(), 3);
        h.undo(&mut p).expect("undo");
        assert_eq!(p, before);
    }

    #[test]
    fn new_step_clears_redo() {
        let (mut p, mut h) = setup();
        let e = add(&p, 0, 3);
        h.apply(&mut p, "a", vec![e]).expect("a");
        h.undo(&mut p).expect("undo");
        let e = add(&p, 4, 7);
        h.apply(&mut p, "b", vec![e]).expect("b");
        assert!(h.redo_description().is_none());
    }
}
