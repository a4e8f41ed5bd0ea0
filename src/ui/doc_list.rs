//! Left panel: the project's documents, and the metadata of the one shown.

use super::fields::bound_text_ui;
use super::intent::Intent;
use super::text_layout::snippet_text;
use crate::model::{DocId, DocStatus, Document, Edit, MetaField, Project, TextDirection};
use crate::progress::thousands;
use egui::Ui;

/// How the document list is ordered and filtered; kept by the app between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocListView {
    /// Sort key.
    pub sort: DocSort,
    /// Show only documents with this status.
    pub status: Option<DocStatus>,
    /// Show only documents whose title or outlet contains this (case-insensitive).
    pub filter: String,
}

/// Orders of the document list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocSort {
    /// The project's own order.
    #[default]
    Project,
    /// By title.
    Title,
    /// By outlet, then date.
    Outlet,
    /// By date, then outlet.
    Date,
    /// By status (not started first).
    Status,
}

impl DocSort {
    const ALL: [DocSort; 5] = [
        DocSort::Project,
        DocSort::Title,
        DocSort::Outlet,
        DocSort::Date,
        DocSort::Status,
    ];

    fn name(self) -> &'static str {
        match self {
            DocSort::Project => "project order",
            DocSort::Title => "title",
            DocSort::Outlet => "outlet",
            DocSort::Date => "date",
            DocSort::Status => "status",
        }
    }
}

/// The documents shown, in order, for a list view.
pub fn visible_documents<'a>(project: &'a Project, view: &DocListView) -> Vec<&'a Document> {
    let needle = view.filter.to_lowercase();
    let mut docs: Vec<&Document> = project
        .documents
        .iter()
        .filter(|d| view.status.is_none_or(|s| d.status == s))
        .filter(|d| {
            needle.is_empty()
                || d.title.to_lowercase().contains(&needle)
                || d.metadata.outlet.to_lowercase().contains(&needle)
        })
        .collect();
    match view.sort {
        DocSort::Project => {}
        DocSort::Title => docs.sort_by_key(|d| d.title.to_lowercase()),
        DocSort::Outlet => docs.sort_by(|a, b| {
            (a.metadata.outlet.to_lowercase(), &a.metadata.date)
                .cmp(&(b.metadata.outlet.to_lowercase(), &b.metadata.date))
        }),
        DocSort::Date => docs.sort_by(|a, b| {
            (&a.metadata.date, &a.metadata.outlet).cmp(&(&b.metadata.date, &b.metadata.outlet))
        }),
        DocSort::Status => docs.sort_by_key(|d| d.status),
    }
    docs
}

/// The document list with sort and filter; returns the document the user picked.
pub fn doc_list_ui(
    ui: &mut Ui,
    project: &Project,
    current: Option<DocId>,
    view: &mut DocListView,
) -> Option<Intent> {
    let mut intent = None;
    ui.heading(format!("Documents ({})", project.documents.len()));
    if project.documents.is_empty() {
        ui.weak("No articles yet.");
    }
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        ui.add(
            egui::TextEdit::singleline(&mut view.filter)
                .hint_text("title or outlet")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    // One control per row, with its label after it as egui lays labelled combo boxes out.
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("order")
            .selected_text(view.sort.name())
            .show_ui(ui, |ui| {
                for sort in DocSort::ALL {
                    ui.selectable_value(&mut view.sort, sort, sort.name());
                }
            });
    });
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("documents shown")
            .selected_text(view.status.map_or("all statuses", DocStatus::name))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.status, None, "all statuses");
                for status in DocStatus::ALL {
                    ui.selectable_value(&mut view.status, Some(status), status.name());
                }
            });
    });
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .max_height(ui.available_height() * 0.5)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for doc in visible_documents(project, view) {
                let selected = Some(doc.id) == current;
                // The button's padding comes on top of the text: leave room for it, or
                // the panel would widen a little every frame.
                let width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
                let title = snippet_text(ui, &doc.title, egui::TextStyle::Button, width);
                let resp = ui
                    .selectable_label(selected, title)
                    .on_hover_text(doc_summary(doc));
                let m = &doc.metadata;
                let outlet = if m.outlet.is_empty() {
                    "no outlet"
                } else {
                    &m.outlet
                };
                let date = if m.date.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", m.date)
                };
                ui.weak(format!(
                    "{outlet}{date} · {} · {} annotations",
                    doc.status.name(),
                    thousands(doc.spans.len() as u64)
                ));
                ui.add_space(4.0);
                if resp.clicked() {
                    intent = Some(Intent::ShowDocument(doc.id));
                }
            }
        });
    intent
}

fn doc_summary(doc: &Document) -> String {
    let mut s = doc.title.clone();
    for (name, value) in [
        ("Outlet", &doc.metadata.outlet),
        ("Date", &doc.metadata.date),
        ("Author", &doc.metadata.author),
        ("Source", &doc.source_path),
    ] {
        if !value.is_empty() {
            s.push_str(&format!("\n{name}: {value}"));
        }
    }
    s
}

/// Editable title, metadata, status, custom fields and memo of `doc`, plus where its text
/// came from.
pub fn metadata_ui(
    ui: &mut Ui,
    project: &Project,
    doc: &Document,
    new_field: &mut String,
) -> Option<Intent> {
    let mut intent = None;
    ui.heading("Article");
    ui.horizontal(|ui| {
        ui.label("Status:");
        for status in DocStatus::ALL {
            if ui
                .selectable_label(doc.status == status, status.name())
                .clicked()
                && doc.status != status
            {
                intent = Some(Intent::Edit {
                    description: format!("Mark as {}", status.name()),
                    edits: vec![Edit::SetDocStatus {
                        doc: doc.id,
                        old: doc.status,
                        new: status,
                    }],
                    coalesce: None,
                });
            }
        }
    });
    ui.horizontal(|ui| {
        ui.label("Direction:")
            .on_hover_text("Which way the article's paragraphs run; automatic follows each paragraph's first letter");
        for direction in TextDirection::ALL {
            if ui
                .selectable_label(doc.direction == direction, direction.name())
                .clicked()
                && doc.direction != direction
            {
                intent = Some(Intent::Edit {
                    description: format!("Direction: {}", direction.name()),
                    edits: vec![Edit::SetDocDirection {
                        doc: doc.id,
                        old: doc.direction,
                        new: direction,
                    }],
                    coalesce: None,
                });
            }
        }
    });
    for field in MetaField::ALL {
        let name = field.name();
        let label = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
        let id = doc.id;
        if let Some(i) = bound_text_ui(
            ui,
            &label,
            doc.field(field),
            false,
            format!("doc {} {name}", doc.id),
            move |old, new| Edit::SetDocField {
                doc: id,
                field,
                old,
                new,
            },
        ) {
            intent = Some(i);
        }
    }
    for name in &project.custom_fields {
        let id = doc.id;
        let owned = name.clone();
        let current = doc.metadata.custom.get(name).map_or("", String::as_str);
        if let Some(i) = bound_text_ui(
            ui,
            name,
            current,
            false,
            format!("doc {} custom {name}", doc.id),
            move |old, new| Edit::SetCustomField {
                doc: id,
                name: owned,
                old,
                new,
            },
        ) {
            intent = Some(i);
        }
    }
    ui.horizontal(|ui| {
        let label = ui.label("New field");
        ui.add(
            egui::TextEdit::singleline(new_field)
                .hint_text("e.g. section")
                .desired_width(120.0),
        )
        .labelled_by(label.id);
        let name = new_field.trim().to_owned();
        let ok = !name.is_empty()
            && !project.custom_fields.contains(&name)
            && !MetaField::ALL.iter().any(|f| f.name() == name);
        if ui
            .add_enabled(ok, egui::Button::new("Add"))
            .on_hover_text("Add a metadata field to every document of the project")
            .clicked()
        {
            let mut fields = project.custom_fields.clone();
            fields.push(name.clone());
            intent = Some(Intent::Edit {
                description: format!("Add field '{name}'"),
                edits: vec![Edit::SetCustomFields {
                    old: project.custom_fields.clone(),
                    new: fields,
                }],
                coalesce: None,
            });
            new_field.clear();
        }
    });
    let id = doc.id;
    if let Some(i) = bound_text_ui(
        ui,
        "Memo",
        &doc.memo,
        true,
        format!("doc {} memo", doc.id),
        move |old, new| Edit::SetDocField {
            doc: id,
            field: MetaField::Memo,
            old,
            new,
        },
    ) {
        intent = Some(i);
    }
    ui.add_space(6.0);
    if !doc.source_path.is_empty() {
        ui.weak(format!("Source: {}", doc.source_path));
    }
    if !doc.encoding.is_empty() {
        ui.weak(format!("Read as {}", doc.encoding));
    }
    ui.weak(format!(
        "{} characters",
        thousands(doc.text.len_chars() as u64)
    ));
    intent
}
