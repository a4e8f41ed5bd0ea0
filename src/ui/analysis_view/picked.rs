//! The annotations behind a clicked bar or count, listed beside the chart: each with its
//! article, label and text; clicking one shows it in its article.

use super::Picked;
use crate::model::Project;
use crate::ui::intent::Intent;
use crate::ui::theme;

/// Annotations listed at most; the rest are counted.
const MAX_LISTED: usize = 500;
/// Characters of an annotation's text shown in the list.
const SNIPPET_CHARS: usize = 90;

/// The list; returns the intents that show the annotation the user chose. Closing the
/// list sets `picked` to `None`.
pub fn picked_ui(
    ui: &mut egui::Ui,
    project: &Project,
    picked: &mut Option<Picked>,
) -> Option<Vec<Intent>> {
    let p = picked.as_ref()?;
    let mut chosen = None;
    let mut close = false;
    ui.horizontal(|ui| {
        ui.strong(&p.name);
        if ui
            .small_button("×")
            .on_hover_text("Close the list")
            .clicked()
        {
            close = true;
        }
    });
    ui.weak(match p.spans.len() {
        0 => "No annotations behind this.".to_owned(),
        1 => "1 annotation; click it to show it in its article.".to_owned(),
        n => format!("{n} annotations; click one to show it in its article."),
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("analysis-picked-list")
        .show(ui, |ui| {
            for r in p.spans.iter().take(MAX_LISTED) {
                let Some(doc) = project.document(r.doc) else {
                    continue;
                };
                let Some(span) = doc.span(r.span) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    if let Some(label) = project.label(&span.label) {
                        theme::color_chip(ui, label);
                    }
                    ui.weak(&doc.title);
                });
                let text: String = span.joined_text().chars().take(SNIPPET_CHARS).collect();
                let more = span.joined_text().chars().count() > SNIPPET_CHARS;
                let shown = format!("“{text}{}”", if more { "…" } else { "" });
                let button = egui::Button::new(shown).wrap().frame(false);
                if ui
                    .add(button)
                    .on_hover_text(format!("Show #{} in “{}”", span.id, doc.title))
                    .clicked()
                {
                    chosen = Some(*r);
                }
                ui.add_space(4.0);
            }
            if p.spans.len() > MAX_LISTED {
                ui.weak(format!("… and {} more", p.spans.len() - MAX_LISTED));
            }
        });
    if close {
        *picked = None;
    }
    chosen.map(super::show_span)
}
