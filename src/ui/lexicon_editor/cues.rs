//! The cues coders recorded that the lexicon does not know yet (counted as unclassified
//! in the verbs table), each offered for adding in one click under its likely dictionary
//! form, so "fumed" is added as "fume" and "fumes", "fuming" match too.

use super::{add_verb, tidy};
use crate::model::{Project, VerbClass, english_forms};
use crate::ui::intent::Intent;
use egui::Ui;
use std::collections::BTreeMap;

/// Cues coders recorded that the lexicon does not match, with how often, most first.
pub fn unknown_cues(project: &Project) -> Vec<(String, usize)> {
    let index = project.lexicon().index();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for span in project.documents.iter().flat_map(|d| &d.spans) {
        if let Some(cue) = span
            .attributes
            .get("cue")
            .map(|c| tidy(c))
            .filter(|c| !c.is_empty())
            && index.lookup(&cue).is_none()
        {
            *counts.entry(cue).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The project's cues the lexicon does not know, each with buttons that add it.
pub fn unknown_cues_ui(ui: &mut Ui, project: &Project) -> Option<Intent> {
    let unknown = unknown_cues(project);
    if unknown.is_empty() {
        return None;
    }
    let mut intent = None;
    ui.label("Cues in this project the list does not know (counted as unclassified):");
    let english = project.lexicon().language.split('-').next() == Some("en");
    for (cue, n) in unknown.iter().take(12) {
        let lemma = if english {
            english_lemma(cue)
        } else {
            cue.clone()
        };
        ui.horizontal(|ui| {
            ui.label(format!("“{cue}” ×{n}"));
            for class in VerbClass::ALL {
                let text = format!("Add “{lemma}” as {}", class.name());
                if ui
                    .small_button(text)
                    .on_hover_text(format!(
                        "Add “{lemma}” (and its regular forms, “{cue}” among them) as a {} verb; rename it in the list if the dictionary form is another",
                        class.name()
                    ))
                    .clicked()
                {
                    intent = Some(add_verb(project, &lemma, class));
                }
            }
        });
    }
    intent
}

/// The dictionary form an English cue most likely is a regular form of ("fumed" → fume,
/// "slammed" → slam, "cried" → cry, "lashed out" → lash out; the first word inflects), or
/// the cue itself when no regular inflection leads to it ("said").
pub fn english_lemma(cue: &str) -> String {
    let (head, tail) = match cue.split_once(' ') {
        Some((h, t)) => (h, format!(" {t}")),
        None => (cue, String::new()),
    };
    let mut candidates: Vec<String> = Vec::new();
    for (suffix, then) in [("ied", "y"), ("ies", "y")] {
        if let Some(stem) = head.strip_suffix(suffix) {
            candidates.push(format!("{stem}{then}"));
        }
    }
    for suffix in ["ed", "ing"] {
        let Some(stem) = head.strip_suffix(suffix) else {
            continue;
        };
        // "slammed" → slam first, but "called", "stressed", "added" keep their double.
        let mut last = stem.chars().rev();
        let doubled = match (last.next(), last.next()) {
            (Some(a), Some(b)) => a == b && !"aeiou".contains(a),
            _ => false,
        };
        let single = stem.get(..stem.len().saturating_sub(1)).unwrap_or(stem);
        let keeps_double = stem.ends_with(['l', 's', 'f', 'z', 'd']);
        if doubled && !keeps_double {
            candidates.push(single.to_owned());
        }
        candidates.push(stem.to_owned());
        candidates.push(format!("{stem}e"));
        if doubled && keeps_double {
            candidates.push(single.to_owned());
        }
    }
    for suffix in ["es", "s"] {
        if let Some(stem) = head.strip_suffix(suffix) {
            candidates.push(stem.to_owned());
        }
    }
    candidates
        .into_iter()
        .find(|c| !c.is_empty() && english_forms(c).iter().any(|f| f == head))
        .map_or_else(|| cue.to_owned(), |lemma| format!("{lemma}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::english_lemma;

    #[test]
    fn cues_are_added_under_their_dictionary_form() {
        for (cue, lemma) in [
            ("fumed", "fume"),
            ("claimed", "claim"),
            ("slammed", "slam"),
            ("quipped", "quip"),
            ("called", "call"),
            ("stressed", "stress"),
            ("added", "add"),
            ("agreed", "agree"),
            ("hoped", "hope"),
            ("cried", "cry"),
            ("denies", "deny"),
            ("fuming", "fume"),
            ("insists", "insist"),
            ("says", "say"),
            ("lashed out", "lash out"),
            ("said", "said"),
            ("told", "told"),
            ("fume", "fume"),
        ] {
            assert_eq!(english_lemma(cue), lemma, "{cue}");
        }
    }
}
