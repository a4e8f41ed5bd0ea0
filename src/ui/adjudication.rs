//! The Adjudication window (View ▸ Adjudicate): the shown document's spans coder by coder,
//! side by side, the disagreements listed below, and a gold layer built by accepting one
//! coder's span or the other's — by mouse or with J/K (move), Y (accept), N (remove from
//! gold) and S (show in the article). Accepted spans are ordinary spans with annotator
//! "gold", so the usual tools edit their boundaries, and every step can be undone.

use super::intent::Intent;
use super::text_layout;
use super::theme;
use crate::analysis::adjudication::{self, Candidate};
use crate::model::{Document, Project, SpanId};
use std::sync::Arc;

/// What the window shows, kept between frames.
#[derive(Default)]
pub struct AdjudicationPanel {
    /// Whether the window is open.
    pub open: bool,
    /// List agreed spans too, not only disagreements.
    pub show_agreed: bool,
    /// Index of the highlighted row in the list.
    cursor: usize,
}

impl AdjudicationPanel {
    /// Draws the window for `doc` if it is open; returns what the user asked for.
    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        doc: Option<&Document>,
    ) -> Vec<Intent> {
        let mut intents = Vec::new();
        let mut open = self.open;
        egui::Window::new("Adjudication")
            .id(super::windows::AppWindow::Adjudication.id())
            .open(&mut open)
            .default_size([760.0, 520.0])
            .resizable(true)
            .show(ctx, |ui| match doc {
                Some(doc) => intents = self.contents_ui(ui, project, doc),
                None => {
                    ui.label("Open a document to adjudicate.");
                }
            });
        self.open = open;
        intents
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, project: &Project, doc: &Document) -> Vec<Intent> {
        let coders = adjudication::coders_of(doc);
        let all = adjudication::candidates(doc);
        let rows: Vec<&Candidate> = all
            .iter()
            .filter(|c| self.show_agreed || !c.agreed(&coders))
            .collect();
        self.cursor = self.cursor.min(rows.len().saturating_sub(1));
        let mut intents = Vec::new();
        let open = all
            .iter()
            .filter(|c| !c.agreed(&coders) && c.resolved.is_none())
            .count();
        let gold = all.iter().filter(|c| c.gold.is_some()).count();
        ui.horizontal_wrapped(|ui| {
            ui.strong(&doc.title);
            ui.weak(format!(
                "coders: {} · {open} disagreements open · {gold} in gold",
                coders.join(", ")
            ));
        });
        if coders.len() < 2 {
            ui.label(
                "This document has fewer than two coders. Merge the coders' projects first \
                 (lectern merge A.ron B.ron -o merged.ron) and open the merged project.",
            );
        }
        ui.horizontal(|ui| {
            let spans = all
                .iter()
                .filter(|c| c.gold.is_none() && c.agreed(&coders))
                .count();
            let button = ui
                .add_enabled(
                    spans > 0,
                    egui::Button::new(format!("Accept all agreed ({spans})")),
                )
                .on_hover_text("Copy every span all coders made alike into the gold layer");
            if button.clicked() {
                intents.push(Intent::Edit {
                    description: "Accept agreed spans into gold".to_owned(),
                    edits: adjudication::accept_agreed(project, doc, &now()),
                    coalesce: None,
                });
            }
            ui.checkbox(&mut self.show_agreed, "List agreed spans too");
            ui.weak("J/K move · Y accept · N remove from gold · S show");
        });
        ui.separator();
        side_by_side_ui(ui, project, doc, &coders, &all);
        ui.separator();
        if let Some(i) = self.keyboard(ui.ctx(), project, doc, &rows) {
            intents.extend(i);
        }
        self.list_ui(ui, project, doc, &rows, &mut intents);
        intents
    }

    /// The grid of candidate spans with their coders, gold state and buttons.
    fn list_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        doc: &Document,
        rows: &[&Candidate],
        intents: &mut Vec<Intent>,
    ) {
        egui::ScrollArea::vertical()
            .id_salt("adjudication-list")
            .show(ui, |ui| {
                egui::Grid::new("adjudication-grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for h in ["", "label", "text", "coders", "gold", ""] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for (i, c) in rows.iter().enumerate() {
                            ui.label(if i == self.cursor { "▶" } else { "" });
                            ui.horizontal(|ui| {
                                if let Some(l) = project.label(&c.label) {
                                    theme::color_chip(ui, l);
                                }
                                ui.label(&c.label);
                            });
                            let quoted = format!("“{}”", c.text);
                            let at = c.pieces.first().map_or(0, |p| p.0);
                            ui.label(text_layout::snippet_text_in(
                                ui,
                                &quoted,
                                egui::TextStyle::Body,
                                f32::INFINITY,
                                text_layout::excerpt_direction(doc, at),
                            ));
                            let by: Vec<&str> = c.coders.iter().map(|(k, _)| k.as_str()).collect();
                            ui.label(by.join(", "));
                            match (c.gold, c.resolved) {
                                (Some(_), _) => ui.label("✔ gold"),
                                (None, Some(g)) => ui.label(format!("≈ gold #{g}")).on_hover_text(
                                    "Settled: gold holds another version of this span",
                                ),
                                (None, None) => ui.label("–"),
                            };
                            ui.horizontal(|ui| {
                                for (who, span) in &c.coders {
                                    if c.gold.is_none()
                                        && ui
                                            .small_button(format!("Accept {who}"))
                                            .on_hover_text("Copy this span into the gold layer")
                                            .clicked()
                                    {
                                        self.cursor = i;
                                        intents.extend(
                                            accept_intent(project, doc, *span)
                                                .into_iter()
                                                .flatten(),
                                        );
                                    }
                                }
                                if let Some(g) = c.gold
                                    && ui.small_button("Remove from gold").clicked()
                                {
                                    self.cursor = i;
                                    intents.extend(reject_intent(doc, g).into_iter().flatten());
                                }
                                if ui.small_button("Show").clicked() {
                                    self.cursor = i;
                                    intents.extend(show_intent(doc, c));
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
    }

    /// J/K move the cursor, Y accepts the first coder's span, N removes the gold copy, S
    /// shows it in the article — unless the user is typing in a field.
    fn keyboard(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        doc: &Document,
        rows: &[&Candidate],
    ) -> Option<Vec<Intent>> {
        if ctx.text_edit_focused() || rows.is_empty() {
            return None;
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
        if pressed(egui::Key::J) {
            self.cursor = (self.cursor + 1).min(rows.len() - 1);
        }
        if pressed(egui::Key::K) {
            self.cursor = self.cursor.saturating_sub(1);
        }
        let c = rows.get(self.cursor)?;
        if pressed(egui::Key::Y) && c.gold.is_none() {
            return accept_intent(project, doc, c.coders.first()?.1);
        }
        if pressed(egui::Key::N) {
            return reject_intent(doc, c.gold?);
        }
        if pressed(egui::Key::S) {
            return Some(show_intent(doc, c));
        }
        None
    }
}

/// The article once per coder, side by side, each with only that coder's spans
/// highlighted; spans not every coder made are underlined.
fn side_by_side_ui(
    ui: &mut egui::Ui,
    project: &Project,
    doc: &Document,
    coders: &[String],
    all: &[Candidate],
) {
    if coders.is_empty() {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("adjudication-columns")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| {
            ui.columns(coders.len(), |columns| {
                for (column, coder) in columns.iter_mut().zip(coders) {
                    column.strong(coder);
                    let (job, marks) = coder_text(column, project, doc, coder, coders, all);
                    if crate::text::bidi::needs_bidi(doc.text.as_str()) {
                        // Arabic, Hebrew…: each paragraph in its own direction.
                        text_layout::highlighted_ui(
                            column,
                            doc.text.as_str(),
                            &marks,
                            doc.direction,
                        );
                    } else {
                        coder_column_ui(column, job);
                    }
                }
            });
        });
}

/// One coder's text in its column, set ragged-right in normal letter spacing. Columns
/// are laid out justified (full width), and a label there justifies its lines, which
/// spreads the letters of short lines across the column; the text is laid out left-aligned
/// instead. Returns the laid-out text.
fn coder_column_ui(ui: &mut egui::Ui, job: egui::text::LayoutJob) -> Arc<egui::Galley> {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
        let (pos, galley, response) = egui::Label::new(job).layout_in_ui(ui);
        if ui.is_rect_visible(response.rect) {
            ui.painter()
                .galley(pos, galley.clone(), ui.visuals().text_color());
        }
        let text = galley.text().to_owned();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
        galley
    })
    .inner
}

/// The document text with `coder`'s spans as backgrounds in their label colours (the
/// innermost span wins where they nest) and disagreements underlined; the same marks as
/// highlights, for text laid out by [`text_layout::highlighted_ui`].
fn coder_text(
    ui: &egui::Ui,
    project: &Project,
    doc: &Document,
    coder: &str,
    coders: &[String],
    all: &[Candidate],
) -> (egui::text::LayoutJob, Vec<text_layout::Highlight>) {
    let mine: Vec<(&Candidate, (usize, usize))> = all
        .iter()
        .filter(|c| c.coders.iter().any(|(k, _)| k == coder))
        .flat_map(|c| c.pieces.iter().map(move |&p| (c, p)))
        .collect();
    let mut cuts: Vec<usize> = vec![0, doc.text.len_chars()];
    cuts.extend(mine.iter().flat_map(|(_, (s, e))| [*s, *e]));
    cuts.sort_unstable();
    cuts.dedup();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let mut job = egui::text::LayoutJob::default();
    let mut marks = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(text) = doc.text.slice(a..b) else {
            continue;
        };
        let inner = mine
            .iter()
            .filter(|(_, (s, e))| *s <= a && b <= *e)
            .min_by_key(|(_, (s, e))| e - s);
        let mut format = egui::TextFormat::simple(font.clone(), color);
        if let Some((c, _)) = inner {
            if let Some(label) = project.label(&c.label) {
                format.background = theme::span_fill(label, ui.visuals());
            }
            if !c.agreed(coders) {
                format.underline = egui::Stroke::new(2.0, theme::error_color(ui.visuals()));
            }
            marks.push(text_layout::Highlight {
                chars: a..b,
                fill: format.background,
                underline: (format.underline.width > 0.0).then_some(format.underline),
                strike: None,
            });
        }
        job.append(text, 0.0, format);
    }
    (job, marks)
}

fn accept_intent(project: &Project, doc: &Document, source: SpanId) -> Option<Vec<Intent>> {
    let span = doc.span(source)?;
    let edits = adjudication::accept(
        doc,
        span,
        project.next_span_id(),
        project.next_relation_id(),
        &now(),
    );
    Some(vec![Intent::Edit {
        description: format!("Accept {}'s span into gold", span.annotator),
        edits,
        coalesce: None,
    }])
}

fn reject_intent(doc: &Document, gold: SpanId) -> Option<Vec<Intent>> {
    let span = doc.span(gold)?;
    Some(vec![Intent::Edit {
        description: "Remove span from gold".to_owned(),
        edits: adjudication::reject(doc, span),
        coalesce: None,
    }])
}

fn show_intent(doc: &Document, c: &Candidate) -> Vec<Intent> {
    let span = c.gold.or_else(|| c.coders.first().map(|(_, s)| *s));
    vec![
        Intent::ShowDocument(doc.id),
        Intent::SelectSpan { span, reveal: true },
    ]
}

fn now() -> String {
    crate::model::iso_utc(std::time::SystemTime::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coder_columns_are_not_justified() {
        let ctx = egui::Context::default();
        ctx.set_fonts(crate::ui::text_layout::egui_definitions());
        let mut justified = Vec::new();
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(900.0, 600.0),
            )),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| {
            ui.columns(3, |columns| {
                for column in columns {
                    let text =
                        "Ο δήμαρχος — “we will not close the bridge” — said again and again "
                            .repeat(4);
                    let job = egui::text::LayoutJob::simple(
                        text,
                        egui::FontId::proportional(14.0),
                        egui::Color32::BLACK,
                        f32::INFINITY,
                    );
                    let galley = coder_column_ui(column, job);
                    assert!(galley.rows.len() > 1, "the text wraps in its column");
                    justified.push(galley.job.justify);
                }
            });
        });
        out.textures_delta.clear();
        assert_eq!(justified, [false, false, false]);
    }
}
