//! The Quote tracker's statement view: the list of statements on the left; on the right
//! the chosen one, every compared document's version in project order — outlet, kind,
//! reporting verb, speaker, and the words marked against the fullest version (left out:
//! struck through; its own: underlined; a paraphrase's words shared with it:
//! highlighted), with a key to the marks — or "not printed". Clicking a version shows it
//! in its article; the kind, moving a version and merging are changed from here.

use super::Asked;
use super::bidi_text;
use crate::align::marks::{Mark, Segment, marks};
use crate::align::report::{entries, outlet_name};
use crate::align::{AlignedStatement, AlignedVersion, Alignment, correct};
use crate::model::{DocId, Project, StatementId, VersionKind};
use crate::ui::intent::Intent;
use crate::ui::theme;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Stroke, TextFormat};

/// What the view needs beyond the grouping.
pub struct State {
    /// The statement shown.
    pub selected: Option<StatementId>,
    /// The list's filter text.
    pub filter: String,
    /// The grouping is being worked out again: corrections wait.
    pub stale: bool,
}

/// Height of a row in the statement list.
const LIST_ROW_PX: f32 = 22.0;
/// Width of the outlet column beside each version.
const OUTLET_PX: f32 = 190.0;

/// Draws the view; returns what the user asked for.
pub fn show(
    ui: &mut egui::Ui,
    project: &Project,
    alignment: &Alignment,
    state: &mut State,
) -> Vec<Asked> {
    let mut asked = Vec::new();
    egui::Panel::left("tracker-statements")
        .resizable(true)
        .default_size(290.0)
        .min_size(200.0)
        .show(ui, |ui| {
            asked.extend(list_ui(ui, project, alignment, state))
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let shown = state.selected.and_then(|id| alignment.statement(id));
        match shown {
            Some(st) => asked.extend(statement_ui(ui, project, alignment, st, state.stale)),
            None => {
                ui.label("Choose a statement on the left.");
            }
        }
    });
    asked
}

/// The filter and the list of statements.
fn list_ui(
    ui: &mut egui::Ui,
    project: &Project,
    alignment: &Alignment,
    state: &State,
) -> Vec<Asked> {
    let mut asked = Vec::new();
    let mut filter = state.filter.clone();
    let label = ui.label("Find a statement");
    let id = ui.make_persistent_id("statement filter");
    let out = crate::ui::bidi_field::singleline(ui, &mut filter, id, |e| {
        e.hint_text("speaker or words").desired_width(f32::INFINITY)
    });
    if out.response.response.labelled_by(label.id).changed() {
        asked.push(Asked::Filter(filter.clone()));
    }
    let needle = filter.trim().to_lowercase();
    let shown: Vec<&AlignedStatement> = alignment
        .statements
        .iter()
        .filter(|s| {
            needle.is_empty()
                || s.speaker.to_lowercase().contains(&needle)
                || s.fullest().text.to_lowercase().contains(&needle)
        })
        .collect();
    let quotes: usize = shown.iter().map(|s| s.versions.len()).sum();
    ui.weak(format!("{} statements · {} quotes", shown.len(), quotes));
    egui::ScrollArea::vertical()
        .id_salt("tracker-list")
        .auto_shrink([false, false])
        .show_rows(ui, LIST_ROW_PX, shown.len(), |ui, rows| {
            for st in &shown[rows] {
                let speaker = if st.speaker.is_empty() {
                    "?"
                } else {
                    &st.speaker
                };
                let prefix = format!("{}  {speaker} — ", st.id);
                let direction = bidi_text::direction_of(project, st.fullest());
                let text = bidi_text::line(ui, &prefix, &st.fullest().text, 90, direction);
                let outlets = st.versions.len();
                let button = egui::Button::selectable(state.selected == Some(st.id), text)
                    .truncate()
                    .right_text(egui::RichText::new(format!("{outlets}")).weak());
                let hover = if st.saved {
                    format!("{} versions · confirmed", outlets)
                } else {
                    format!("{} versions · proposed", outlets)
                };
                if ui
                    .add_sized([ui.available_width(), LIST_ROW_PX - 2.0], button)
                    .on_hover_text(hover)
                    .clicked()
                {
                    asked.push(Asked::Select(st.id));
                }
            }
        });
    asked
}

/// The chosen statement: its header, actions and every compared document's version.
fn statement_ui(
    ui: &mut egui::Ui,
    project: &Project,
    alignment: &Alignment,
    st: &AlignedStatement,
    stale: bool,
) -> Vec<Asked> {
    let mut asked = header_ui(ui, project, alignment, st, stale);
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("tracker-versions")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (doc, version) in entries(alignment, st) {
                let Some(d) = project.document(doc) else {
                    continue;
                };
                ui.horizontal_top(|ui| {
                    ui.allocate_ui_with_layout(
                        egui::vec2(OUTLET_PX, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(OUTLET_PX);
                            ui.strong(outlet_name(d));
                            ui.add(
                                egui::Label::new(bidi_text::value(
                                    ui,
                                    egui::RichText::new(&d.title).weak(),
                                ))
                                .truncate(),
                            );
                        },
                    );
                    ui.vertical(|ui| match version {
                        Some(i) => asked.extend(version_ui(ui, project, alignment, st, i, stale)),
                        None => absent_ui(ui),
                    });
                });
                ui.add_space(4.0);
                ui.separator();
            }
        });
    asked
}

/// Statement number, speaker, state, counts and the statement's actions.
fn header_ui(
    ui: &mut egui::Ui,
    project: &Project,
    alignment: &Alignment,
    st: &AlignedStatement,
    stale: bool,
) -> Vec<Asked> {
    let mut asked = Vec::new();
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("Statement {}", st.id));
        let speaker = if st.speaker.is_empty() {
            "speaker unknown"
        } else {
            &st.speaker
        };
        ui.label(bidi_text::value(ui, egui::RichText::new(speaker).strong()));
        let proposed = st.versions.iter().filter(|v| !v.confirmed).count();
        let status = match (st.saved, proposed) {
            (false, _) => "proposed".to_owned(),
            (true, 0) => "confirmed".to_owned(),
            (true, n) => format!("confirmed · {n} more proposed"),
        };
        ui.weak(status);
    });
    ui.weak(counts(alignment, st));
    legend_ui(ui);
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(!stale, |ui| {
            let confirm = ui
                .add_enabled(st.has_proposals(), egui::Button::new("Confirm"))
                .on_hover_text("Keep this statement as shown, whatever grouping the quotes again finds");
            if confirm.clicked()
                && let Some(c) = correct::confirm(project, st)
            {
                asked.push(edit(c));
            }
            ui.menu_button("Merge into…", |ui| {
                ui.label("Merge this statement into:");
                egui::ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
                    for other in alignment.statements.iter().filter(|o| o.id != st.id) {
                        if ui.button(statement_line(ui, project, other)).clicked()
                            && let Some(c) = correct::merge(project, alignment, other.id, st.id)
                        {
                            asked.push(edit(c));
                            ui.close();
                        }
                    }
                });
            });
            if st.saved
                && ui
                    .button("Return to automatic")
                    .on_hover_text("Forget the corrections to this statement; its quotes are grouped automatically again")
                    .clicked()
                && let Some(c) = correct::forget(project, st)
            {
                asked.push(edit(c));
            }
        });
    });
    asked
}

/// "4 documents: whole in 1, cut in 2, paraphrase in 1, not printed in 0".
fn counts(alignment: &Alignment, st: &AlignedStatement) -> String {
    let absent = alignment.absent(st).len();
    let docs: std::collections::BTreeSet<DocId> = st.versions.iter().map(|v| v.doc).collect();
    let mut parts = Vec::new();
    for kind in VersionKind::ALL {
        let n = st.versions.iter().filter(|v| v.kind == kind).count();
        if n > 0 {
            parts.push(format!("{} {}", n, kind.name()));
        }
    }
    if absent > 0 {
        parts.push(format!("not printed in {absent}"));
    }
    format!(
        "Printed in {} of {} compared documents: {}",
        docs.len(),
        docs.len() + absent,
        parts.join(", ")
    )
}

/// One document's version: kind, verb, speaker, the marked text, and its actions.
fn version_ui(
    ui: &mut egui::Ui,
    project: &Project,
    alignment: &Alignment,
    st: &AlignedStatement,
    index: usize,
    stale: bool,
) -> Vec<Asked> {
    let v = &st.versions[index];
    let mut asked = Vec::new();
    ui.horizontal_wrapped(|ui| {
        kind_chip(ui, v.kind);
        let detail = if index == st.fullest {
            "fullest version".to_owned()
        } else if v.kind == VersionKind::Paraphrase {
            format!("similar words {:.0} %", v.similarity * 100.0)
        } else {
            format!("{:.0} % of the words", v.similarity * 100.0)
        };
        ui.weak(detail);
        if v.kind_by_coder {
            ui.weak(format!("(set by hand; found {})", v.found_kind.name()));
        }
        if !v.confirmed && st.saved {
            ui.weak("· proposed");
        }
        ui.label("·");
        verb_ui(ui, v);
    });
    let shown = marks(project, st, index);
    let direction = bidi_text::direction_of(project, v);
    let text = match bidi_text::marked_ui(ui, &shown, direction) {
        Some(text) => text,
        None => {
            let job = marked_job(ui, &shown);
            ui.add(egui::Label::new(job).sense(egui::Sense::click()))
        }
    };
    let text = text
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Show in the article");
    if text.clicked() {
        asked.extend(show_version(v));
    }
    ui.horizontal(|ui| {
        if ui.small_button("Show in article").clicked() {
            asked.extend(show_version(v));
        }
        ui.add_enabled_ui(!stale, |ui| {
            asked.extend(kind_menu_ui(ui, project, st, v));
            asked.extend(move_menu_ui(ui, project, alignment, st, v));
        });
    });
    asked
}

/// The reporting verb (or the attribution's words) and the speaker.
fn verb_ui(ui: &mut egui::Ui, v: &AlignedVersion) {
    match (&v.cue, &v.attribution) {
        (Some(cue), _) => {
            ui.label(bidi_text::value(ui, egui::RichText::new(cue).italics()));
        }
        (None, Some(words)) => {
            let words = egui::RichText::new(format!("“{words}”")).italics().weak();
            ui.label(bidi_text::value(ui, words));
        }
        (None, None) => {
            ui.weak("no reporting verb");
        }
    }
    ui.label("·");
    let speaker = v.speaker.as_deref().unwrap_or("speaker not coded");
    ui.label(bidi_text::value(ui, egui::RichText::new(speaker)));
}

fn absent_ui(ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let text = egui::RichText::new("not printed").color(ui.visuals().weak_text_color());
        ui.add(egui::Label::new(text));
    });
}

/// A kind's name on its colour.
fn kind_chip(ui: &mut egui::Ui, kind: VersionKind) {
    let fill = theme::kind_fill(kind, ui.visuals());
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(egui::RichText::new(kind.name()).strong());
        });
}

/// The version's text: its own words underlined, the fullest version's words it left
/// out struck through and dimmed, where they would be; a paraphrase's words shared with
/// the fullest version highlighted.
fn marked_job(ui: &egui::Ui, segments: &[Segment]) -> LayoutJob {
    let font = FontId::proportional(15.0);
    let mut job = LayoutJob::default();
    for s in segments {
        job.append(&s.text, 0.0, mark_format(ui.visuals(), s.mark, &font));
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// How text with `mark` is drawn.
fn mark_format(visuals: &egui::Visuals, mark: Mark, font: &FontId) -> TextFormat {
    let plain = TextFormat::simple(font.clone(), visuals.text_color());
    match mark {
        Mark::Same => plain,
        Mark::LeftOut => TextFormat {
            color: visuals.weak_text_color(),
            strikethrough: Stroke::new(1.5, theme::left_out_strike(visuals)),
            ..plain
        },
        Mark::Changed => TextFormat {
            color: visuals.strong_text_color(),
            underline: Stroke::new(1.5, theme::changed_underline(visuals)),
            background: Color32::TRANSPARENT,
            ..plain
        },
        Mark::Shared => TextFormat {
            color: visuals.strong_text_color(),
            background: theme::kind_fill(VersionKind::Paraphrase, visuals),
            ..plain
        },
    }
}

/// What the marks mean, drawn as they are drawn in the versions.
fn legend_ui(ui: &mut egui::Ui) {
    let font = FontId::proportional(13.0);
    let visuals = ui.visuals();
    let weak = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let mut job = LayoutJob::default();
    job.append("Against the fullest version: ", 0.0, weak.clone());
    let parts = [
        ("words left out", Mark::LeftOut),
        ("its own words", Mark::Changed),
        ("words a paraphrase shares with it", Mark::Shared),
    ];
    for (k, (text, mark)) in parts.into_iter().enumerate() {
        if k > 0 {
            job.append("  ·  ", 0.0, weak.clone());
        }
        job.append(text, 0.0, mark_format(visuals, mark, &font));
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

fn show_version(v: &AlignedVersion) -> Vec<Asked> {
    vec![
        Asked::App(Intent::ShowDocument(v.doc)),
        Asked::App(Intent::SelectSpan {
            span: Some(v.span),
            reveal: true,
        }),
    ]
}

fn edit(c: correct::Correction) -> Asked {
    Asked::App(Intent::Edit {
        description: c.description,
        edits: c.edits,
        coalesce: None,
    })
}

/// The kind, set by hand or as found.
fn kind_menu_ui(
    ui: &mut egui::Ui,
    project: &Project,
    st: &AlignedStatement,
    v: &AlignedVersion,
) -> Vec<Asked> {
    let mut asked = Vec::new();
    ui.menu_button("Kind…", |ui| {
        let mut choose = |ui: &mut egui::Ui, kind: Option<VersionKind>, text: String| {
            let current = if v.kind_by_coder { Some(v.kind) } else { None };
            if ui.radio(current == kind, text).clicked() {
                if let Some(c) = correct::set_kind(project, st, v.span, kind) {
                    asked.push(edit(c));
                }
                ui.close();
            }
        };
        choose(ui, None, format!("as found ({})", v.found_kind.name()));
        for kind in VersionKind::ALL {
            choose(ui, Some(kind), kind.name().to_owned());
        }
    });
    asked
}

/// Moving the version to another statement, or to one of its own.
fn move_menu_ui(
    ui: &mut egui::Ui,
    project: &Project,
    alignment: &Alignment,
    st: &AlignedStatement,
    v: &AlignedVersion,
) -> Vec<Asked> {
    let mut asked = Vec::new();
    ui.menu_button("Move to…", |ui| {
        let mut to = None;
        if ui
            .button("A statement of its own")
            .on_hover_text("Split this version off into a new statement")
            .clicked()
        {
            to = Some(None);
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .show(ui, |ui| {
                for other in alignment.statements.iter().filter(|o| o.id != st.id) {
                    if ui.button(statement_line(ui, project, other)).clicked() {
                        to = Some(Some(other.id));
                    }
                }
            });
        if let Some(to) = to {
            if let Some(c) = correct::move_version(project, alignment, v.span, to) {
                asked.push(edit(c));
            }
            ui.close();
        }
    });
    asked
}

/// "7 · Ferreira — This is a stone-cold…", for menus.
fn statement_line(ui: &egui::Ui, project: &Project, st: &AlignedStatement) -> egui::WidgetText {
    let text = &st.fullest().text;
    let speaker = if st.speaker.is_empty() {
        "?"
    } else {
        &st.speaker
    };
    let prefix = format!("{} · {speaker} — ", st.id);
    if crate::text::bidi::needs_bidi(text) || crate::text::bidi::needs_bidi(&prefix) {
        let direction = bidi_text::direction_of(project, st.fullest());
        return bidi_text::line(ui, &prefix, text, 48, direction);
    }
    let words: String = text.chars().take(48).collect();
    let more = if text.chars().count() > 48 { "…" } else { "" };
    format!("{prefix}{words}{more}").into()
}
