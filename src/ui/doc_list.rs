//! Left panel: the project's documents, and the metadata of the one shown.

use super::fields::bound_text_ui;
use super::intent::Intent;
use crate::model::{DocId, Document, Edit, MetaField, Project};
use egui::Ui;

/// The document list; returns the document the user picked.
pub fn doc_list_ui(ui: &mut Ui, project: &Project, current: Option<DocId>) -> Option<Intent> {
    let mut intent = None;
    ui.heading("Documents");
    if project.documents.is_empty() {
        ui.weak("No articles yet.");
    }
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .max_height(ui.available_height() * 0.5)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for doc in &project.documents {
                let selected = Some(doc.id) == current;
                let resp = ui
                    .selectable_label(selected, &doc.title)
                    .on_hover_text(doc_summary(doc));
                let outlet = if doc.metadata.outlet.is_empty() {
                    "no outlet"
                } else {
                    &doc.metadata.outlet
                };
                ui.weak(format!("{outlet} · {} annotations", doc.spans.len()));
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

/// Editable title and metadata of `doc`, plus where its text came from.
pub fn metadata_ui(ui: &mut Ui, doc: &Document) -> Option<Intent> {
    let mut intent = None;
    ui.heading("Article");
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
    ui.add_space(6.0);
    if !doc.source_path.is_empty() {
        ui.weak(format!("Source: {}", doc.source_path));
    }
    if !doc.encoding.is_empty() {
        ui.weak(format!("Read as {}", doc.encoding));
    }
    ui.weak(format!("{} characters", doc.text.len_chars()));
    intent
}
