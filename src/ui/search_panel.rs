//! The search panel (Ctrl+F in the document, Ctrl+Shift+F in the project): a query row,
//! results as keyword-in-context lines, and "Label all matches…" with a review list where
//! each match can be unticked before one undoable step labels the rest.
//!
//! The panel only reads the project; what the user asks for comes back as an [`Action`].

use super::text_layout;
use crate::model::search::{self, Found, Match, Query, Scope, SearchError};
use crate::model::{DocId, Label, Project, TextDirection};
use egui::{Align2, FontId, Key, Rect, Sense, Ui, vec2};

/// What the panel needs from the app.
pub struct SearchContext<'a> {
    /// The open project.
    pub project: &'a Project,
    /// The document shown, searched with Ctrl+F.
    pub current_doc: Option<DocId>,
    /// Project revision, so results follow edits and undo.
    pub revision: u64,
}

/// What the user asked for in the panel.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Leave search.
    Close,
    /// Show this match's document, select its text and scroll to it.
    Reveal(Match),
    /// Label these matches, as one undoable step.
    LabelAll {
        /// The label.
        label: String,
        /// The ticked matches.
        matches: Vec<Match>,
    },
}

/// One row of the review list.
#[derive(Clone, Debug)]
struct ReviewRow {
    found: Match,
    ticked: bool,
    /// Label of a span already lying exactly on the match.
    existing: Option<String>,
}

/// The review list of "Label all matches".
#[derive(Clone, Debug)]
struct Review {
    label: String,
    rows: Vec<ReviewRow>,
}

/// The state of the search panel across frames.
#[derive(Debug)]
pub struct SearchState {
    /// What to find.
    pub query: Query,
    /// Search every document, not only the shown one.
    pub whole_project: bool,
    result: Result<Found, SearchError>,
    searched: Option<(Query, Scope, u64)>,
    focus_field: bool,
    picking_label: bool,
    review: Option<Review>,
    current: Option<usize>,
}

impl SearchState {
    /// A panel searching the shown document, or the whole project.
    pub fn new(whole_project: bool) -> Self {
        Self {
            query: Query::default(),
            whole_project,
            result: Ok(Found::default()),
            searched: None,
            focus_field: true,
            picking_label: false,
            review: None,
            current: None,
        }
    }

    /// Switches scope and puts the keyboard back in the query field (Ctrl+F when open).
    pub fn refocus(&mut self, whole_project: bool) {
        self.whole_project = whole_project;
        self.focus_field = true;
    }

    /// Searches for `text` as typed (what Ctrl+F does with text selected in the article):
    /// a regex query gets it escaped. The field shows it selected, so typing replaces it.
    pub fn search_for(&mut self, text: &str) {
        self.query.pattern = if self.query.regex {
            regex::escape(text)
        } else {
            text.to_owned()
        };
        self.review = None;
        self.picking_label = false;
    }

    /// The matches of the last search (empty after an error).
    pub fn matches(&self) -> &[Match] {
        self.result.as_ref().map_or(&[], |f| f.matches.as_slice())
    }

    fn scope(&self, current_doc: Option<DocId>) -> Option<Scope> {
        if self.whole_project {
            Some(Scope::Project)
        } else {
            current_doc.map(Scope::Document)
        }
    }

    /// Searches again if the query, scope or project changed.
    fn refresh(&mut self, cx: &SearchContext<'_>) {
        let Some(scope) = self.scope(cx.current_doc) else {
            self.result = Ok(Found::default());
            self.searched = None;
            return;
        };
        let key = (self.query.clone(), scope, cx.revision);
        if self.searched.as_ref() != Some(&key) {
            if self
                .searched
                .as_ref()
                .is_none_or(|k| k.0 != key.0 || k.1 != key.1)
            {
                self.current = None;
            }
            self.result = search::search(cx.project, &self.query, scope);
            self.searched = Some(key);
        }
    }

    fn start_review(&mut self, project: &Project, label: &str) {
        let rows = self
            .matches()
            .iter()
            .map(|m| {
                let existing = search::existing_label(project, m.doc, &m.range, label);
                ReviewRow {
                    found: m.clone(),
                    ticked: existing != Some(label),
                    existing: existing.map(str::to_owned),
                }
            })
            .collect();
        self.review = Some(Review {
            label: label.to_owned(),
            rows,
        });
        self.picking_label = false;
    }
}

/// Shows the panel's contents; returns what the user asked for.
pub fn search_panel_ui(
    ui: &mut Ui,
    state: &mut SearchState,
    cx: &SearchContext<'_>,
) -> Option<Action> {
    state.refresh(cx);
    let mut action = query_row_ui(ui, state, cx);
    if state.review.is_some() {
        if let Some(a) = review_ui(ui, state, cx) {
            action = Some(a);
        }
    } else if let Some(a) = results_ui(ui, state, cx) {
        action = Some(a);
    }
    action
}

fn query_row_ui(ui: &mut Ui, state: &mut SearchState, cx: &SearchContext<'_>) -> Option<Action> {
    let mut action = None;
    ui.horizontal(|ui| {
        let label = ui.label(if state.whole_project {
            "Search project"
        } else {
            "Search document"
        });
        let hint = if state.query.regex {
            "regular expression"
        } else {
            "text"
        };
        let id = ui.make_persistent_id("search query");
        let resp = super::bidi_field::singleline(ui, &mut state.query.pattern, id, |e| {
            e.hint_text(hint).desired_width(260.0)
        })
        .response
        .response
        .labelled_by(label.id);
        if std::mem::take(&mut state.focus_field) {
            resp.request_focus();
            super::fields::select_all(ui.ctx(), resp.id, state.query.pattern.chars().count());
        }
        let (enter, shift, escape) = ui.input(|i| {
            (
                i.key_pressed(Key::Enter),
                i.modifiers.shift,
                i.key_pressed(Key::Escape),
            )
        });
        if resp.has_focus() && escape {
            action = Some(Action::Close);
        }
        if resp.lost_focus() && enter {
            // Enter goes to the next match, Shift+Enter to the previous; the field keeps
            // the keyboard so the user can keep pressing it.
            action = step(state, if shift { -1 } else { 1 }).map(Action::Reveal);
            resp.request_focus();
        }
        ui.checkbox(&mut state.query.case_sensitive, "Match case");
        ui.checkbox(&mut state.query.regex, "Regex");
        ui.checkbox(&mut state.whole_project, "Whole project");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Close")
                .on_hover_text("Close search (Esc)")
                .clicked()
            {
                action = Some(Action::Close);
            }
        });
    });
    status_row_ui(ui, state);
    label_picker_ui(ui, state, cx);
    action
}

/// How many matches there are (or the error), and the button that starts labelling them.
fn status_row_ui(ui: &mut Ui, state: &mut SearchState) {
    ui.horizontal(|ui| {
        match &state.result {
            Err(e) => {
                ui.colored_label(super::theme::error_color(ui.visuals()), e.to_string());
            }
            Ok(_) if state.query.pattern.is_empty() => {
                ui.weak("Type to search");
            }
            Ok(found) => {
                let n = found.matches.len();
                let more = if found.truncated {
                    " (showing the first)"
                } else {
                    ""
                };
                let docs = found
                    .matches
                    .iter()
                    .map(|m| m.doc)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len();
                ui.label(match (n, state.whole_project) {
                    (1, false) => "1 match".to_owned(),
                    (n, false) => format!("{n} matches{more}"),
                    (n, true) => format!(
                        "{n} match{} in {docs} document{}{more}",
                        if n == 1 { "" } else { "es" },
                        if docs == 1 { "" } else { "s" }
                    ),
                });
            }
        }
        if state.review.is_none() && !state.matches().is_empty() {
            let toggle = ui
                .selectable_label(state.picking_label, "Label all matches…")
                .on_hover_text("Pick a label, review the matches, then label them in one step");
            if toggle.clicked() {
                state.picking_label = !state.picking_label;
            }
        }
    });
}

/// The labels to pick from for "Label all matches…", while picking.
fn label_picker_ui(ui: &mut Ui, state: &mut SearchState, cx: &SearchContext<'_>) {
    if state.picking_label && state.review.is_none() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Label them as:");
            let mut picked = None;
            for l in &cx.project.labels {
                if label_button_ui(ui, l).clicked() {
                    picked = Some(l.name.clone());
                }
            }
            if ui.button("Cancel").clicked() {
                state.picking_label = false;
            }
            if let Some(name) = picked {
                state.start_review(cx.project, &name);
            }
        });
    }
}

fn label_button_ui(ui: &mut Ui, label: &Label) -> egui::Response {
    super::theme::color_chip(ui, label);
    ui.button(&label.name).on_hover_text(&label.description)
}

/// Moves the current match by `delta` (wrapping) and returns it.
fn step(state: &mut SearchState, delta: isize) -> Option<Match> {
    let n = state.matches().len();
    if n == 0 {
        return None;
    }
    let next = match state.current {
        None if delta < 0 => n - 1,
        None => 0,
        Some(i) => (i as isize + delta).rem_euclid(n as isize) as usize,
    };
    state.current = Some(next);
    state.matches().get(next).cloned()
}

fn results_ui(ui: &mut Ui, state: &mut SearchState, cx: &SearchContext<'_>) -> Option<Action> {
    let mut action = None;
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let n = state.matches().len();
    egui::ScrollArea::vertical()
        .id_salt("search results")
        .auto_shrink([false, true])
        .show_rows(ui, row_h, n, |ui, rows| {
            for i in rows {
                let Some(m) = state.matches().get(i) else {
                    break;
                };
                let title = state
                    .whole_project
                    .then(|| cx.project.document(m.doc).map(|d| d.title.as_str()))
                    .flatten();
                let direction = cx.project.document(m.doc).map_or(TextDirection::Auto, |d| {
                    text_layout::excerpt_direction(d, m.range.start)
                });
                let resp = kwic_row_ui(ui, row_h, title, m, direction, state.current == Some(i));
                if resp.clicked() {
                    action = Some(Action::Reveal(m.clone()));
                    state.current = Some(i);
                }
            }
        });
    action
}

fn review_ui(ui: &mut Ui, state: &mut SearchState, cx: &SearchContext<'_>) -> Option<Action> {
    let review = state.review.as_mut()?;
    let mut action = None;
    let mut close = false;
    let ticked = review.rows.iter().filter(|r| r.ticked).count();
    ui.separator();
    ui.horizontal(|ui| {
        ui.strong(format!(
            "Label matches as '{}': untick any that should stay unlabelled",
            review.label
        ));
    });
    ui.horizontal(|ui| {
        let text = if ticked == 1 {
            "Label 1 match".to_owned()
        } else {
            format!("Label {ticked} matches")
        };
        if ui
            .add_enabled(ticked > 0, egui::Button::new(text))
            .clicked()
        {
            action = Some(Action::LabelAll {
                label: review.label.clone(),
                matches: review
                    .rows
                    .iter()
                    .filter(|r| r.ticked)
                    .map(|r| r.found.clone())
                    .collect(),
            });
            close = true;
        }
        if ui.button("Tick all").clicked() {
            review.rows.iter_mut().for_each(|r| r.ticked = true);
        }
        if ui.button("Untick all").clicked() {
            review.rows.iter_mut().for_each(|r| r.ticked = false);
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let whole = state.whole_project;
    egui::ScrollArea::vertical()
        .id_salt("label all review")
        .auto_shrink([false, true])
        .show_rows(ui, row_h, review.rows.len(), |ui, rows| {
            for i in rows {
                let Some(row) = review.rows.get_mut(i) else {
                    break;
                };
                ui.horizontal(|ui| {
                    let title = whole
                        .then(|| cx.project.document(row.found.doc).map(|d| d.title.as_str()))
                        .flatten();
                    let direction = cx
                        .project
                        .document(row.found.doc)
                        .map_or(TextDirection::Auto, |d| {
                            text_layout::excerpt_direction(d, row.found.range.start)
                        });
                    let mut text = kwic_text(title, &row.found, direction);
                    if let Some(l) = &row.existing {
                        text.push_str(&format!("   (already labelled {l})"));
                    }
                    let text =
                        text_layout::snippet_text(ui, &text, egui::TextStyle::Body, f32::INFINITY);
                    ui.checkbox(&mut row.ticked, text);
                });
            }
        });
    if close {
        state.review = None;
    }
    action
}

/// The row as one line of text: "Title · …before [match] after…"; a right-to-left title
/// and context are each set apart as a unit (the context in `direction`, its paragraph's).
fn kwic_text(title: Option<&str>, m: &Match, direction: TextDirection) -> String {
    let prefix = title
        .map(|t| format!("{} · ", text_layout::isolated(t, TextDirection::Auto)))
        .unwrap_or_default();
    let context = format!(
        "{}[{}]{}",
        one_line(&m.before),
        one_line(&m.text),
        one_line(&m.after)
    );
    format!("{prefix}{}", text_layout::isolated(&context, direction))
}

/// The context and match of a row with right-to-left text, each laid out by UAX #9. In
/// a right-to-left row the text before the match is on its right and the text after on
/// its left, so the row reads from right to left like the article.
fn kwic_bidi_ui(
    ui: &Ui,
    rect: Rect,
    left: f32,
    m: &Match,
    font: &FontId,
    direction: TextDirection,
) {
    let visuals = ui.visuals();
    let rtl = match direction {
        TextDirection::Auto => {
            let all = kwic_text(None, m, direction);
            crate::text::bidi::paragraph_is_rtl(&all, direction)
        }
        d => d == TextDirection::RightToLeft,
    };
    let galley = |s: &str, color| {
        let (font, width) = (font.clone(), f32::INFINITY);
        text_layout::snippet_galley_in(ui, &one_line(s), font, color, width, direction)
    };
    let before = galley(&m.before, visuals.text_color());
    let found = galley(&m.text, visuals.strong_text_color());
    let after = galley(&m.after, visuals.text_color());
    let y = rect.center().y;
    let top = |g: &egui::Galley| y - g.size().y / 2.0;
    let keyword_x = left + (rect.right() - left) * if rtl { 0.6 } else { 0.4 };
    let found_x = if rtl {
        keyword_x - found.size().x
    } else {
        keyword_x
    };
    let found_rect = Rect::from_min_size(egui::pos2(found_x, top(&found)), found.size());
    let (left_part, right_part) = if rtl {
        (after, before)
    } else {
        (before, after)
    };
    let left_clip = Rect::from_x_y_ranges(left..=found_rect.left() - 2.0, rect.y_range());
    let left_pos = egui::pos2(
        found_rect.left() - 2.0 - left_part.size().x,
        top(&left_part),
    );
    ui.painter_at(left_clip)
        .galley(left_pos, left_part, visuals.text_color());
    let right_clip = Rect::from_x_y_ranges(found_rect.right() + 2.0..=rect.right(), rect.y_range());
    let right_pos = egui::pos2(found_rect.right() + 2.0, top(&right_part));
    ui.painter_at(right_clip)
        .galley(right_pos, right_part, visuals.text_color());
    let painter = ui.painter_at(rect);
    painter.rect_filled(
        found_rect.expand2(vec2(2.0, 0.0)),
        2.0,
        visuals.selection.bg_fill.gamma_multiply(0.5),
    );
    painter.galley(found_rect.min, found, visuals.strong_text_color());
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

/// A keyword-in-context row: the document title (project search), the left context
/// right-aligned against the match, the match in strong text on a highlight, then the right
/// context; the matches of all rows line up in one column.
fn kwic_row_ui(
    ui: &mut Ui,
    row_h: f32,
    title: Option<&str>,
    m: &Match,
    direction: TextDirection,
    current: bool,
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::click());
    resp.widget_info(|| {
        let text = kwic_text(title, m, direction);
        egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, text)
    });
    if !ui.is_rect_visible(rect) {
        return resp;
    }
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if current || resp.hovered() {
        let fill = if current {
            visuals.selection.bg_fill.gamma_multiply(0.4)
        } else {
            visuals.widgets.hovered.weak_bg_fill
        };
        painter.rect_filled(rect, 2.0, fill);
    }
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0);
    let y = rect.center().y;
    let mut left = rect.left() + 4.0;
    if let Some(t) = title {
        let w = (rect.width() * 0.18).clamp(60.0, 200.0);
        let clip = Rect::from_x_y_ranges(left..=left + w - 8.0, rect.y_range());
        // An Arabic or Hebrew title reads right to left like the document list shows it.
        let title = text_layout::snippet_galley(
            ui,
            t,
            font.clone(),
            visuals.weak_text_color(),
            f32::INFINITY,
        );
        let pos = egui::pos2(left, y - title.size().y / 2.0);
        ui.painter_at(clip)
            .galley(pos, title, visuals.weak_text_color());
        left += w;
    }
    if crate::text::bidi::needs_bidi(&kwic_text(None, m, direction)) {
        kwic_bidi_ui(ui, rect, left, m, &font, direction);
        return resp;
    }
    let keyword_x = left + (rect.right() - left) * 0.4;
    let before_clip = Rect::from_x_y_ranges(left..=keyword_x - 2.0, rect.y_range());
    ui.painter_at(before_clip).text(
        egui::pos2(keyword_x - 2.0, y),
        Align2::RIGHT_CENTER,
        one_line(&m.before),
        font.clone(),
        visuals.text_color(),
    );
    let galley =
        painter.layout_no_wrap(one_line(&m.text), font.clone(), visuals.strong_text_color());
    let text_rect = Align2::LEFT_CENTER.anchor_size(egui::pos2(keyword_x, y), galley.size());
    painter.rect_filled(
        text_rect.expand2(vec2(2.0, 0.0)),
        2.0,
        visuals.selection.bg_fill.gamma_multiply(0.5),
    );
    painter.galley(text_rect.min, galley, visuals.strong_text_color());
    painter.text(
        egui::pos2(text_rect.right() + 2.0, y),
        Align2::LEFT_CENTER,
        one_line(&m.after),
        font,
        visuals.text_color(),
    );
    resp
}
