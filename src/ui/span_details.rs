//! The selected annotation: its text and fragments, label, attribute fields (free text with
//! completion from values used elsewhere in the project, choices, yes/no), relations, note,
//! who made it and when.

use super::command::Command;
use super::fields::{bound_text_ui, text_field_ui};
use super::intent::Intent;
use super::span_panel::excerpt;
use super::text_layout::snippet_text;
use crate::model::{AttributeDef, AttributeKind, Document, Edit, Project, Relation, Span};
use egui::Ui;
use std::collections::BTreeSet;

/// Suggestions shown under a free-text attribute field.
const MAX_SUGGESTIONS: usize = 6;

/// Details of `span` in `doc`.
pub fn span_details_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    span: &Span,
) -> Option<Intent> {
    let mut intent = None;
    ui.heading("Selected annotation");
    let quoted = format!("“{}”", excerpt(&span.joined_text()));
    if crate::text::bidi::needs_bidi(&quoted) {
        let direction = super::text_layout::excerpt_direction(doc, span.start);
        super::text_layout::snippet_label(ui, &quoted, direction);
    } else {
        ui.label(egui::RichText::new(quoted).italics());
    }
    let mut where_ = format!("characters {}–{}", span.start, span.end);
    if !span.fragments.is_empty() {
        let pieces: Vec<String> = span
            .fragments
            .iter()
            .map(|f| format!("{}–{}", f.start, f.end))
            .collect();
        where_ = format!("{} fragments: {}", span.fragments.len(), pieces.join(", "));
    }
    ui.weak(format!("{where_} · id {}", span.id));
    if !span.annotator.is_empty() || !span.created.is_empty() {
        ui.weak(format!(
            "by {} {}",
            span.annotator,
            span.created.replace('T', " ").trim_end_matches('Z')
        ));
    }
    if let Some(p) = &span.proposed {
        let who = if p.accepted_by.is_empty() {
            "added without review (lectern suggest --apply)".to_owned()
        } else {
            format!("accepted by {}", p.accepted_by)
        };
        ui.weak(format!(
            "Proposed by the quote assistant ({}, {}% sure); {who}",
            p.rule, p.confidence
        ));
    }
    if let Some(i) = relabel_ui(ui, project, doc, span) {
        intent = Some(i);
    }
    if let Some(label) = project.label(&span.label) {
        for def in &label.attributes {
            if let Some(i) = attribute_ui(ui, project, doc, span, def) {
                intent = Some(i);
            }
        }
    }
    if let Some(i) = relations_ui(ui, project, doc, span) {
        intent = Some(i);
    }
    let (doc_id, span_id) = (doc.id, span.id);
    if let Some(i) = bound_text_ui(
        ui,
        "Note",
        &span.note,
        Some("A note for this annotation (shown when hovering it)"),
        format!("note {span_id}"),
        move |old, new| Edit::SetSpanNote {
            doc: doc_id,
            span: span_id,
            old,
            new,
        },
    ) {
        intent = Some(i);
    }
    let delete = egui::Button::new("Delete annotation").shortcut_text("Del");
    if ui.add(delete).clicked() {
        intent = Some(Intent::Command(Command::DeleteAnnotation));
    }
    intent
}

fn set_attribute(doc: &Document, span: &Span, def: &AttributeDef, new: String) -> Intent {
    Intent::Edit {
        description: format!("Set {}", def.name),
        edits: vec![Edit::SetSpanAttribute {
            doc: doc.id,
            span: span.id,
            name: def.name.clone(),
            old: span.attributes.get(&def.name).cloned().unwrap_or_default(),
            new,
        }],
        coalesce: Some(format!("attr {} {}", span.id, def.name)),
    }
}

/// One attribute field.
fn attribute_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    span: &Span,
    def: &AttributeDef,
) -> Option<Intent> {
    let current = span.attributes.get(&def.name).cloned().unwrap_or_default();
    let mut intent = None;
    match &def.kind {
        AttributeKind::Text => {
            let label = ui.label(&def.name);
            let mut text = current.clone();
            let id = ui.make_persistent_id(("attribute", span.id, &def.name));
            let resp = text_field_ui(ui, &mut text, id, false, "").labelled_by(label.id);
            if resp.changed() && text != current {
                intent = Some(set_attribute(doc, span, def, text.clone()));
            }
            // Keep the suggestions while the pointer is on them, or the click that picks
            // one would first take the focus away and hide them.
            let keep_id = resp.id.with("suggestions");
            let kept = ui.data(|d| d.get_temp::<bool>(keep_id).unwrap_or(false));
            let mut hovered = false;
            if resp.has_focus() || kept {
                let suggestions = suggestions(project, &span.label, &def.name, &text);
                if !suggestions.is_empty() {
                    let row = ui.horizontal_wrapped(|ui| {
                        for s in suggestions {
                            let shown = snippet_text(ui, &s, egui::TextStyle::Small, f32::INFINITY);
                            if ui
                                .small_button(shown)
                                .on_hover_text("Use this value")
                                .clicked()
                            {
                                intent = Some(set_attribute(doc, span, def, s));
                            }
                        }
                    });
                    hovered = row.response.contains_pointer();
                }
            }
            let keep = (resp.has_focus() || hovered) && intent.is_none()
                || (resp.has_focus() && intent.is_some());
            ui.data_mut(|d| d.insert_temp(keep_id, keep));
        }
        AttributeKind::Choice(options) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{}:", def.name));
                for option in options.iter().chain(std::iter::once(&String::new())) {
                    let shown = if option.is_empty() {
                        "unset"
                    } else {
                        option.as_str()
                    };
                    if ui.selectable_label(current == *option, shown).clicked()
                        && current != *option
                    {
                        intent = Some(set_attribute(doc, span, def, option.clone()));
                    }
                }
            });
        }
        AttributeKind::YesNo => {
            ui.horizontal(|ui| {
                ui.label(format!("{}:", def.name));
                for option in ["yes", "no", ""] {
                    let shown = if option.is_empty() { "unset" } else { option };
                    if ui.selectable_label(current == option, shown).clicked() && current != option
                    {
                        intent = Some(set_attribute(doc, span, def, option.to_owned()));
                    }
                }
            });
        }
    }
    intent
}

/// Values of this attribute on other spans of the same label that contain `typed`
/// (case-insensitively), most used first; not the value typed exactly.
fn suggestions(project: &Project, label: &str, name: &str, typed: &str) -> Vec<String> {
    let typed_lower = typed.to_lowercase();
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for s in project.documents.iter().flat_map(|d| d.spans.iter()) {
        if s.label == label
            && let Some(v) = s.attributes.get(name)
            && v != typed
            && v.to_lowercase().contains(&typed_lower)
        {
            *counts.entry(v.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(v, _)| v.to_owned())
        .collect()
}

/// The span's relations, each with its type, the other end, and a remove button.
fn relations_ui(ui: &mut Ui, project: &Project, doc: &Document, span: &Span) -> Option<Intent> {
    let mut intent = None;
    let relations: Vec<&Relation> = doc.relations_of(span.id).collect();
    ui.horizontal(|ui| {
        ui.label(format!("Relations ({})", relations.len()));
        let link = egui::Button::new("Link…").shortcut_text("L");
        if ui
            .add(link)
            .on_hover_text(
                "Link this annotation to another: click it (or move with ] and [ and press Enter)",
            )
            .clicked()
        {
            intent = Some(Intent::Command(Command::StartLink));
        }
    });
    for r in relations {
        let outgoing = r.from == span.id;
        let other_id = if outgoing { r.to } else { r.from };
        let Some(other) = doc.span(other_id) else {
            continue;
        };
        // Wrapped: a long linked text in one line would widen the whole side panel.
        ui.horizontal_wrapped(|ui| {
            let arrow = if outgoing {
                format!("{} {}", r.kind, other.label)
            } else {
                format!("{} {} this", other.label, r.kind)
            };
            let resp = ui
                .link(format!("{arrow}: {}", excerpt(&other.joined_text())))
                .on_hover_text("Select the linked annotation");
            if resp.clicked() {
                intent = Some(Intent::SelectSpan {
                    span: Some(other_id),
                    reveal: true,
                });
            }
            let kinds: BTreeSet<&str> = project
                .relation_types
                .iter()
                .filter(|t| {
                    let (from, to) = if outgoing {
                        (span, other)
                    } else {
                        (other, span)
                    };
                    t.allows(&from.label, &to.label)
                })
                .map(|t| t.name.as_str())
                .collect();
            if kinds.len() > 1 {
                egui::ComboBox::new(("relation kind", r.id), "type")
                    .selected_text(r.kind.as_str())
                    .show_ui(ui, |ui| {
                        for k in kinds {
                            if ui.selectable_label(r.kind == k, k).clicked() && r.kind != k {
                                let mut changed = r.clone();
                                changed.kind = k.into();
                                intent = Some(Intent::Edit {
                                    description: format!("Change relation to '{k}'"),
                                    edits: vec![
                                        Edit::RemoveRelation {
                                            doc: doc.id,
                                            relation: r.clone(),
                                        },
                                        Edit::AddRelation {
                                            doc: doc.id,
                                            relation: changed,
                                        },
                                    ],
                                    coalesce: None,
                                });
                            }
                        }
                    });
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove this relation")
                .clicked()
            {
                intent = Some(Intent::Edit {
                    description: "Remove relation".to_owned(),
                    edits: vec![Edit::RemoveRelation {
                        doc: doc.id,
                        relation: r.clone(),
                    }],
                    coalesce: None,
                });
            }
        });
    }
    intent
}

/// The selected annotation's label: a choice per label in a row, or with many labels a
/// drop-down, so a long codebook does not fill the panel. Relabelling is one edit.
fn relabel_ui(ui: &mut Ui, project: &Project, doc: &Document, span: &Span) -> Option<Intent> {
    let mut choice = None;
    let mut offer = |ui: &mut Ui, label: &crate::model::Label| {
        let chosen = label.name == span.label;
        let resp = ui
            .selectable_label(chosen, &label.name)
            .on_hover_text(&label.description);
        if resp.clicked() && !chosen {
            choice = Some(label.name.clone());
        }
    };
    if project.labels.len() <= super::span_panel::ROOMY_LABELS {
        ui.horizontal_wrapped(|ui| {
            ui.label("Label:");
            for label in &project.labels {
                offer(ui, label);
            }
        });
    } else {
        ui.horizontal(|ui| {
            let name = ui.label("Label:");
            egui::ComboBox::from_id_salt("relabel")
                .selected_text(span.label.as_str())
                .show_ui(ui, |ui| {
                    for label in &project.labels {
                        offer(ui, label);
                    }
                })
                .response
                .labelled_by(name.id);
        });
    }
    let new = choice?;
    Some(Intent::Edit {
        description: format!("Relabel as '{new}'"),
        edits: vec![Edit::SetSpanLabel {
            doc: doc.id,
            span: span.id,
            old: span.label.to_string(),
            new,
        }],
        coalesce: None,
    })
}
