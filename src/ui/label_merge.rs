//! The codebook editor's "Merge into…" question: which label the spans of this one join.
//! The merge itself is [`merge_label_edits`], one undoable step.

use super::intent::Intent;
use crate::model::{Project, merge_label_edits};

/// A merge the user asked for: the label merged, and the label chosen to merge it into.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeQuestion {
    /// Name of the label that goes.
    pub from: String,
    /// Name of the label its spans join (empty until chosen).
    pub into: String,
}

/// Shows the question; `Some(None)` when it is closed without merging, `Some(Some(..))`
/// with the merge's edit.
pub fn merge_question_ui(
    ctx: &egui::Context,
    question: &mut MergeQuestion,
    project: &Project,
) -> Option<Option<Intent>> {
    let uses: usize = project
        .documents
        .iter()
        .map(|d| d.spans.iter().filter(|s| s.label == question.from).count())
        .sum();
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("merge label")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Merge label “{}” into…", question.from));
        ui.label(format!(
            "Its {} annotations take the label you choose, keeping their fields, notes and \
             links; “{}” is then removed. Undo takes it all back.",
            crate::progress::thousands(uses as u64),
            question.from
        ));
        for other in project.labels.iter().filter(|l| l.name != question.from) {
            ui.radio_value(
                &mut question.into,
                other.name.clone(),
                format!("“{}”", other.name),
            );
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let chosen = project.label(&question.into).is_some();
            if ui.add_enabled(chosen, egui::Button::new("Merge")).clicked() {
                answer = Some(Some(Intent::Edit {
                    description: format!(
                        "Merge label '{}' into '{}'",
                        question.from, question.into
                    ),
                    edits: merge_label_edits(project, &question.from, &question.into),
                    coalesce: None,
                }));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(None);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(None);
    }
    answer
}
