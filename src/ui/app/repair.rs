//! Opening a project file that breaks the project's rules: when repairs that keep every
//! span (re-anchoring drifted spans by their stored text, adding undefined labels,
//! renumbering repeated ids; `model::reanchor::repair`) fix all of it, the user is asked
//! whether to open it repaired, unsaved; otherwise the problems are reported.

use super::*;
use crate::model::reanchor::{Repair, repair};

/// A project file that breaks the project's rules, with repairs that keep every span.
#[derive(Clone, Debug)]
pub struct RepairOffer {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it, one line each.
    pub problems: Vec<String>,
    /// The repaired project and what was changed.
    pub repair: Repair,
}

impl RepairOffer {
    /// The offer for `project`, read from `path`, which breaks the project's rules
    /// (`problems`): `None` unless repairs that keep every span fix all of it.
    pub(super) fn for_project(
        path: &Path,
        project: &Project,
        problems: &[crate::model::Problem],
    ) -> Option<Self> {
        let repaired = repair(project);
        if repaired.actions.is_empty() || !repaired.project.problems().is_empty() {
            return None;
        }
        Some(RepairOffer {
            path: path.to_path_buf(),
            problems: problems.iter().map(|p| p.to_string()).collect(),
            repair: repaired,
        })
    }
}

impl Lectern {
    /// The repair question, if one is waiting.
    pub fn repair_offer(&self) -> Option<&RepairOffer> {
        self.safety.repair.as_ref()
    }

    /// Opens the offered repaired project, unsaved: saving writes the repair, and the
    /// broken file is kept as a backup.
    pub fn accept_repair(&mut self) {
        let Some(offer) = self.safety.repair.take() else {
            return;
        };
        let n = offer.repair.actions.len();
        self.set_session(Session::new(offer.repair.project, Some(offer.path.clone())));
        self.session.history.mark_unsaved();
        let stamp = crate::store::disk::DiskStamp::read(&offer.path).ok();
        self.safety_opened(&offer.path, stamp);
        self.remember_recent(&offer.path);
        self.status = format!(
            "Opened {} with {n} repair(s); save to keep them (the file as it was becomes a backup)",
            offer.path.display()
        );
    }

    pub(super) fn repair_offer_ui(&mut self, ctx: &egui::Context) {
        let Some(offer) = &self.safety.repair else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("repair-offer")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            ui.heading("Project has problems");
            ui.label(format!(
                "{} breaks {} rule(s):",
                offer.path.display(),
                offer.problems.len()
            ));
            egui::ScrollArea::vertical()
                .id_salt("repair-problems")
                .max_height(160.0)
                .show(ui, |ui| {
                    for p in &offer.problems {
                        ui.label(p);
                    }
                });
            ui.add_space(6.0);
            ui.label("Lectern can repair it without removing any annotation:");
            egui::ScrollArea::vertical()
                .id_salt("repair-actions")
                .max_height(160.0)
                .show(ui, |ui| {
                    for a in &offer.repair.actions {
                        ui.label(a);
                    }
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Repair and open")
                    .on_hover_text("Opens the repaired project unsaved; the file is not changed until you save")
                    .clicked()
                {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.accept_repair(),
            Some(false) => {
                self.safety.repair = None;
                self.status = "Nothing was changed; the file was not modified".to_owned();
            }
            None => {}
        }
    }
}
