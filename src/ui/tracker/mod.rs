//! The Quote tracker window (View ▸ Quote tracker): the project's quotes grouped into
//! statements across outlets. Pick a statement to read every outlet's version side by
//! side, marked against the fullest one; or see all statements × outlets in a table that
//! sorts and is copied or saved as CSV. Corrections (confirm, move, split, merge, kind)
//! come back as edits; the window never changes the project itself, nor touches files.
//!
//! The grouping is worked out again when the project or a choice changes: at once for a
//! project of a few thousand quotes, on a thread of its own for bigger ones, while the
//! window shows the last grouping and says it is updating.

mod bidi_text;
mod statement_view;
mod table_view;

use super::command::Command;
use super::intent::Intent;
use crate::align::report::{OutletTable, SortBy};
use crate::align::{Alignment, Input, Options};
use crate::analysis::GroupBy;
use crate::model::{Project, StatementId};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

/// Projects with up to this many quotes are grouped on the window's thread (a few
/// milliseconds); bigger ones on a thread of their own.
const GROUP_AT_ONCE: usize = 3000;

/// Which of the window's two views is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TrackerView {
    /// One statement, every outlet's version side by side.
    #[default]
    Statement,
    /// Statements × outlets.
    Table,
}

/// A grouping and the table made from it, for one project revision and choice.
pub struct Grouping {
    key: (u64, Options),
    /// The statements.
    pub alignment: Arc<Alignment>,
    /// Statements × outlets, sorted as chosen.
    pub table: OutletTable,
    sorted: (SortBy, bool),
}

/// What the window shows, kept between frames.
#[derive(Default)]
pub struct TrackerPanel {
    /// Whether the window is open.
    pub open: bool,
    /// Which spans, and which documents are compared.
    pub options: Options,
    /// The view shown.
    pub view: TrackerView,
    /// The statement shown in the statement view.
    pub selected: Option<StatementId>,
    /// Text typed to narrow the list of statements.
    pub filter: String,
    /// The table's sort column, and whether it sorts descending.
    pub sort: (SortBy, bool),
    grouping: Option<Grouping>,
    running: Option<((u64, Options), Receiver<Alignment>)>,
}

impl TrackerPanel {
    /// The grouping for `project` at `revision` with the current choices, if there is
    /// one yet; starts working it out if needed. `wake` is asked for a frame when a
    /// grouping made on another thread is ready.
    pub fn grouping(
        &mut self,
        project: &Project,
        revision: u64,
        wake: Option<&egui::Context>,
    ) -> Option<&Grouping> {
        let key = (revision, self.options.clone());
        if let Some((running_key, rx)) = &self.running
            && let Ok(alignment) = rx.try_recv()
        {
            let done = running_key.clone();
            self.running = None;
            self.install(project, done, alignment);
        }
        let current = self.grouping.as_ref().is_some_and(|g| g.key == key);
        let started = self.running.as_ref().is_some_and(|(k, _)| *k == key);
        if !current && !started {
            let input = Input::read(project, &self.options);
            if input.quotes() <= GROUP_AT_ONCE || wake.is_none() {
                let alignment = input.run();
                self.install(project, key, alignment);
            } else {
                let (tx, rx) = mpsc::channel();
                let ctx = wake.cloned();
                std::thread::spawn(move || {
                    let _ = tx.send(input.run());
                    if let Some(ctx) = ctx {
                        ctx.request_repaint();
                    }
                });
                self.running = Some((key, rx));
            }
        }
        if let Some(g) = &mut self.grouping
            && g.sorted != self.sort
        {
            g.table.sort(self.sort.0, self.sort.1);
            g.sorted = self.sort;
        }
        self.grouping.as_ref()
    }

    /// Whether a grouping is being worked out on another thread.
    pub fn updating(&self) -> bool {
        self.running.is_some()
    }

    fn install(&mut self, project: &Project, key: (u64, Options), alignment: Alignment) {
        let mut table = OutletTable::new(&alignment, project);
        table.sort(self.sort.0, self.sort.1);
        if self
            .selected
            .is_none_or(|id| alignment.statement(id).is_none())
        {
            self.selected = alignment.statements.first().map(|s| s.id);
        }
        self.grouping = Some(Grouping {
            key,
            alignment: Arc::new(alignment),
            table,
            sorted: self.sort,
        });
    }

    /// Draws the window if it is open; returns what the user asked for.
    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        revision: u64,
    ) -> Vec<Intent> {
        if !self.open {
            return Vec::new();
        }
        let mut intents = Vec::new();
        let mut open = self.open;
        egui::Window::new("Quote tracker")
            .id(super::windows::AppWindow::QuoteTracker.id())
            .open(&mut open)
            .default_size([980.0, 600.0])
            .min_width(560.0)
            .resizable(true)
            .show(ctx, |ui| {
                self.controls_ui(ui, project);
                ui.separator();
                let updating = self.updating();
                let view = self.view;
                let (selected, filter) = (self.selected, self.filter.clone());
                let Some(g) = self.grouping(project, revision, Some(ctx)) else {
                    ui.spinner();
                    ui.label("Grouping the quotes…");
                    return;
                };
                let stale = updating || g.key.0 != revision;
                let alignment = Arc::clone(&g.alignment);
                if alignment.statements.is_empty() {
                    empty_ui(ui, project, &alignment.options);
                    return;
                }
                let mut asked = toolbar_ui(ui, project, g, stale);
                ui.separator();
                asked.extend(match view {
                    TrackerView::Statement => statement_view::show(
                        ui,
                        project,
                        &alignment,
                        &mut statement_view::State {
                            selected,
                            filter,
                            stale,
                        },
                    ),
                    TrackerView::Table => table_view::show(ui, &g.table, g.sorted),
                });
                intents.extend(self.handle(asked));
            });
        self.open = open;
        intents
    }

    /// Turns what a view asked for into intents, keeping what only the window needs.
    fn handle(&mut self, asked: Vec<Asked>) -> Vec<Intent> {
        let mut out = Vec::new();
        for a in asked {
            match a {
                Asked::Select(id) => self.selected = Some(id),
                Asked::Open(id) => {
                    self.selected = Some(id);
                    self.view = TrackerView::Statement;
                }
                Asked::Filter(text) => self.filter = text,
                Asked::Sort(by) => {
                    let descending = self.sort.0 == by && !self.sort.1;
                    self.sort = (by, descending);
                }
                Asked::App(intent) => out.push(intent),
            }
        }
        out
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, project: &Project) {
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.view, TrackerView::Statement, "Statement");
            ui.selectable_value(&mut self.view, TrackerView::Table, "All statements");
            ui.separator();
            let name = ui.label("Spans labelled");
            egui::ComboBox::from_id_salt("tracker-label")
                .selected_text(self.options.label.clone())
                .show_ui(ui, |ui| {
                    for l in &project.labels {
                        ui.selectable_value(&mut self.options.label, l.name.clone(), &l.name);
                    }
                })
                .response
                .labelled_by(name.id);
            let name = ui.label("compared across");
            let shown = match &self.options.by {
                None => "the whole project".to_owned(),
                Some(by) => format!("each {}", by.name()),
            };
            egui::ComboBox::from_id_salt("tracker-by")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.options.by, None, "the whole project");
                    let fields = project.custom_fields.iter().map(|f| GroupBy::Custom(f.clone()));
                    for by in [GroupBy::Outlet, GroupBy::Date, GroupBy::Author]
                        .into_iter()
                        .chain(fields)
                    {
                        let text = format!("each {}", by.name());
                        ui.selectable_value(&mut self.options.by, Some(by), text);
                    }
                })
                .response
                .on_hover_text(
                    "Compare only documents with the same value of this field, such as a custom field “story”",
                )
                .labelled_by(name.id);
        });
    }
}

/// What a view asked for.
pub enum Asked {
    /// Show this statement in the statement view (from its list).
    Select(StatementId),
    /// Switch to the statement view and show this statement (from the table).
    Open(StatementId),
    /// The statement list's filter text changed.
    Filter(String),
    /// Sort the table by this column (again: the other way).
    Sort(SortBy),
    /// Something for the app: show a version, apply a correction, save the table.
    App(Intent),
}

/// The empty window: what to do to get statements.
fn empty_ui(ui: &mut egui::Ui, project: &Project, options: &Options) {
    ui.add_space(8.0);
    ui.heading("No statements yet");
    let spans = project
        .documents
        .iter()
        .flat_map(|d| &d.spans)
        .filter(|s| s.label == options.label)
        .count();
    ui.label(if spans == 0 {
        format!(
            "Label quotes as “{}” in the articles (select the words, press its key), and \
             give each its speaker: the tracker groups them into statements across outlets.",
            options.label
        )
    } else {
        "No spans with this label in the compared documents.".to_owned()
    });
}

/// The line above both views: how much was grouped, confirming every proposal, and the
/// table as CSV.
fn toolbar_ui(ui: &mut egui::Ui, project: &Project, g: &Grouping, stale: bool) -> Vec<Asked> {
    let mut asked = Vec::new();
    let a = &g.alignment;
    ui.horizontal_wrapped(|ui| {
        let proposals = a.statements.iter().filter(|s| s.has_proposals()).count();
        ui.label(format!(
            "{} statements from {} quotes in {} documents",
            a.statements.len(),
            a.quotes,
            a.documents.len()
        ));
        if stale {
            ui.spinner();
            ui.weak("updating…");
        }
        let confirm = ui
            .add_enabled(proposals > 0 && !stale, egui::Button::new("Confirm all"))
            .on_hover_text(
                "Keep every statement as shown: regrouping never changes a confirmed statement, \
                 and the grouping is saved with the project",
            );
        if confirm.clicked()
            && let Some(c) = crate::align::correct::confirm_all(project, a)
        {
            asked.push(Asked::App(Intent::Edit {
                description: c.description,
                edits: c.edits,
                coalesce: None,
            }));
        }
        ui.separator();
        if ui
            .button("Copy as CSV")
            .on_hover_text(
                "Copy the statements × outlets table as CSV, to paste into a spreadsheet",
            )
            .clicked()
        {
            ui.ctx().copy_text(g.table.to_table().to_csv());
        }
        if ui
            .button("Save as CSV…")
            .on_hover_text("Write the statements × outlets table to a CSV file")
            .clicked()
        {
            asked.push(Asked::App(Intent::Command(Command::ExportStatementsTable)));
        }
    });
    asked
}
