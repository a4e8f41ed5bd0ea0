//! The codebook editor's lexicon section driven as a user would: add a cue the lexicon
//! does not know, reclass a verb, edit the quote assistant's titles; each change one
//! undo step, saved with the project, and `lectern stats -t verbs` then counts by the
//! edited lexicon.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Edit, Gender, Lexicon, PersonWord, Project};
use lectern::ui::Lectern;
use lectern::ui::command::Command;
use std::path::Path;

mod support;

const TEXT: &str = "Ward claimed the bridge was safe. Παπαδάκη harrumphed at the delay — \
                    “It’s a disgrace,” she said.";

/// A project with three attributions whose cues are "claimed", "harrumphed" and "said".
fn project(dir: &Path) -> std::path::PathBuf {
    let mut p = Project::new("Lexicon");
    p.documents
        .push(Document::new(DocId(1), "Bridge delay", TEXT));
    for (needle, cue) in [
        ("Ward claimed", "claimed"),
        ("Παπαδάκη harrumphed", "harrumphed"),
        ("she said", "said"),
    ] {
        let r = p
            .document(DocId(1))
            .expect("doc")
            .text
            .find(needle, 1)
            .expect("in text");
        let mut span = p
            .make_span(DocId(1), "attribution", r.start, r.end)
            .expect("span");
        span.attributes.insert("cue".into(), cue.into());
        Edit::AddSpan {
            doc: DocId(1),
            span,
        }
        .apply(&mut p)
        .expect("add");
    }
    let path = dir.join("lexicon.ron");
    lectern::store::save(&p, &path).expect("save");
    path
}

/// `lectern stats FILE -t verbs -f csv`, its rows without the span ids.
fn verbs(dir: &Path, path: &Path) -> Vec<String> {
    let run = support::run_lectern(
        dir,
        &[
            "stats",
            path.to_str().expect("path"),
            "-t",
            "verbs",
            "-f",
            "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .skip(1)
        .map(|l| l.rsplit_once(',').map_or(l, |(row, _ids)| row).to_owned())
        .collect()
}

/// Clicks the option `text` of the open combo box (drawn last, above the rest).
fn choose(h: &mut Harness<'_, Lectern>, text: &str) {
    h.get_all_by_label(text).last().expect("option").click();
    h.run();
}

/// Scrolls the codebook window to the widget, then clicks it, as a user would.
fn press(h: &mut Harness<'_, Lectern>, role: Role, name: &str) {
    h.get_by_role_and_label(role, name).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, name).click();
    h.run();
}

fn type_into(h: &mut Harness<'_, Lectern>, role: Role, name: &str, text: &str) {
    press(h, role, name);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

fn titles(app: &Lectern) -> Vec<PersonWord> {
    app.project().lexicon().titles.clone()
}

#[test]
fn a_lexicon_edited_in_the_codebook_changes_the_verbs_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = project(dir.path());
    assert_eq!(
        verbs(dir.path(), &path),
        [
            "(none),claim,evaluative,1,0.5",
            "(none),harrumphed,unclassified,1,0.5",
            "(none),say,neutral,1,0.5"
        ]
    );
    let mut h = support::open_in_window(&path);
    h.state_mut().run_command(Command::EditCodebook);
    h.run();

    // The cue the lexicon does not know is offered, under its dictionary form.
    h.get_by_label_contains("“harrumphed” ×1");
    press(&mut h, Role::Button, "Add “harrumph” as evaluative");
    assert_eq!(
        h.state()
            .project()
            .lexicon()
            .verb("harrumphs")
            .map(|v| v.lemma.as_str()),
        Some("harrumph")
    );
    assert!(h.query_by_label_contains("“harrumphed” ×1").is_none());

    // Reclass "claim" as neutral: find it, open its class, choose.
    type_into(&mut h, Role::TextInput, "Find verb", "claim");
    press(&mut h, Role::ComboBox, "Class of claim");
    choose(&mut h, "neutral");
    let claim = |app: &Lectern| app.project().lexicon().verb("claiming").map(|v| v.class);
    assert_eq!(claim(h.state()), Some(lectern::model::VerbClass::Neutral));

    // The quote assistant's titles: a word with an unknown gender is refused, as typed.
    h.get_by_label("Words for finding speakers (quote assistant)")
        .scroll_to_me();
    h.run();
    h.get_by_label("Words for finding speakers (quote assistant)")
        .click();
    h.run();
    type_into(&mut h, Role::MultilineTextInput, "Titles", "Mx (nonbinary)");
    press(&mut h, Role::Label, "Titles");
    h.get_by_label_contains("Not changed: “Mx (nonbinary)”");
    assert_eq!(titles(h.state()), Lexicon::english().titles);
    type_into(
        &mut h,
        Role::MultilineTextInput,
        "Titles",
        "Frau (female), Herr (m), Dr.",
    );
    press(&mut h, Role::Label, "Titles");
    let edited = vec![
        PersonWord {
            word: "Frau".into(),
            gender: Some(Gender::Female),
        },
        PersonWord {
            word: "Herr".into(),
            gender: Some(Gender::Male),
        },
        PersonWord {
            word: "Dr".into(),
            gender: None,
        },
    ];
    assert_eq!(titles(h.state()), edited);
    // The field shows the list as the lexicon now holds it.
    assert!(
        h.query_all_by_value("Frau (female), Herr (male), Dr")
            .next()
            .is_some()
    );

    // Each change is one undo step: undo takes back the titles only.
    h.state_mut().run_command(Command::Undo);
    h.run();
    assert_eq!(titles(h.state()), Lexicon::english().titles);
    assert_eq!(claim(h.state()), Some(lectern::model::VerbClass::Neutral));
    h.state_mut().run_command(Command::Redo);
    h.run();
    assert_eq!(titles(h.state()), edited);

    // Saved with the project, the edited lexicon classes the verbs.
    h.state_mut().run_command(Command::Save);
    h.run_steps(2);
    // The save may have ended within those frames already; then nothing is left to wait for
    // (what it did is checked below).
    h.state_mut().finish_jobs();
    h.run();
    assert!(
        !h.state().session().is_dirty(),
        "{} / {:?}",
        h.state().status(),
        h.state().session().history.undo_description()
    );
    assert_eq!(
        verbs(dir.path(), &path),
        [
            "(none),claim,neutral,1,0.3333333333333333",
            "(none),harrumph,evaluative,1,0.3333333333333333",
            "(none),say,neutral,1,0.3333333333333333"
        ]
    );
}
