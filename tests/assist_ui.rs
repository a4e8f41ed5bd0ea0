//! Reviewing the quote assistant's proposals in the window, with the keys a coder uses:
//! propose, next and previous, accept, reject (not proposed again), accept all, fix the
//! label or boundaries first, undo — and the whole-project job.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lectern::model::{DocId, Document, Project};
use lectern::ui::Lectern;
use lectern::ui::command::Command;

mod support;

const TEXT: &str = "Transport Minister Gregor Ward visited the bridge on Monday.\n\n\
“The bridge is safe,” he said. “We will reopen it in May.”\n\n\
Council leader Ana Ruiz said the repairs had cost €12 million.\n\n\
The vote is on Friday, according to the council.";

fn project() -> Project {
    let mut p = Project::new("Assistant test");
    p.documents.push(Document::new(DocId(1), "Bridge", TEXT));
    p.documents
        .push(Document::new(DocId(2), "Second", "“No,” said Ana Ruiz."));
    p
}

fn open(dir: &std::path::Path) -> Harness<'static, Lectern> {
    let path = dir.join("p.ron");
    lectern::store::save(&project(), &path).expect("save");
    support::open_in_window(&path)
}

fn quotes(h: &Harness<'_, Lectern>) -> Vec<lectern::model::Span> {
    h.state().project().documents[0]
        .spans
        .iter()
        .filter(|s| s.label == "quote")
        .cloned()
        .collect()
}

fn press(h: &mut Harness<'_, Lectern>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn propose_accept_reject_and_undo_with_the_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    let proposed = h.state_mut().proposal_texts();
    assert_eq!(proposed.len(), 3, "{proposed:?}");
    assert!(
        quotes(&h).is_empty(),
        "proposals are not spans until accepted"
    );
    assert!(
        h.query_by_label_contains("Accept (Y)").is_some(),
        "the review card shows"
    );

    // Y accepts the first: quote, attribution and link, with the assistant's rule.
    press(&mut h, Key::Y);
    let q = quotes(&h);
    assert_eq!(q.len(), 1);
    assert_eq!(
        q[0].text,
        "“The bridge is safe,” he said. “We will reopen it in May.”"
    );
    assert_eq!(q[0].fragments.len(), 2);
    assert_eq!(
        q[0].attributes.get("speaker").map(String::as_str),
        Some("Gregor Ward")
    );
    let proposed = q[0].proposed.clone().expect("marked as proposed");
    assert_eq!(proposed.rule, "interrupted-quote");
    assert_eq!(
        proposed.accepted_by,
        h.state().project().documents[0].spans[0].annotator
    );
    let doc = &h.state().project().documents[0];
    assert_eq!(doc.relations.len(), 1);
    assert!(
        doc.spans
            .iter()
            .any(|s| s.label == "attribution" && s.text == "he said")
    );
    assert_eq!(
        h.state_mut().proposal_texts().len(),
        2,
        "accepted ones leave the layer"
    );

    // N rejects the next; it is remembered and not proposed again.
    let next = h.state_mut().current_proposal().expect("next proposal");
    press(&mut h, Key::N);
    assert_eq!(h.state().project().documents[0].rejected.len(), 1);
    assert!(!h.state_mut().proposal_texts().contains(&next.quote.text));

    // Ctrl+Z brings the rejected proposal back, and again undoes the accept.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state_mut().proposal_texts().contains(&next.quote.text));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(quotes(&h).is_empty());
    assert_eq!(h.state_mut().proposal_texts().len(), 3);

    // Next and previous move the review; Ctrl+Shift+Y accepts all in one undo step.
    let first = h.state_mut().current_proposal().expect("current");
    press(&mut h, Key::Period);
    assert_ne!(h.state_mut().current_proposal(), Some(first.clone()));
    press(&mut h, Key::Comma);
    assert_eq!(h.state_mut().current_proposal(), Some(first));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Y);
    h.run();
    assert_eq!(quotes(&h).len(), 3);
    assert!(h.state_mut().proposal_texts().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(quotes(&h).is_empty(), "accept all is one step");
}

#[test]
fn a_proposal_is_fixed_before_it_is_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    h.state_mut().run_command(Command::ProposeQuotes);
    h.run();
    press(&mut h, Key::Period);
    let s = h.state_mut().current_proposal().expect("proposal");
    assert_eq!(s.quote.text, "the repairs had cost €12 million");
    // Alt+Shift+← moves its start one character earlier, 2 relabels it as a claim.
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    press(&mut h, Key::Num2);
    let fixed = h.state_mut().current_proposal().expect("proposal");
    assert_eq!(fixed.quote.text, " the repairs had cost €12 million");
    assert_eq!(fixed.quote.label, "claim");
    // The speaker is typed on the card, in place of the one proposed.
    assert_eq!(speaker(&mut h).as_deref(), Some("Ana Ruiz"));
    h.get_by_label("Speaker").click();
    h.run();
    h.get_by_label("Speaker").type_text("A. Ruiz");
    h.run();
    press(&mut h, Key::Escape);
    assert_eq!(speaker(&mut h).as_deref(), Some("A. Ruiz"));
    press(&mut h, Key::Y);
    let doc = &h.state().project().documents[0];
    let claim = doc
        .spans
        .iter()
        .find(|s| s.label == "claim")
        .expect("claim");
    assert_eq!(claim.text, " the repairs had cost €12 million");
    assert!(claim.proposed.is_some());
}

/// The speaker of the proposal under review.
fn speaker(h: &mut Harness<'_, Lectern>) -> Option<String> {
    let s = h.state_mut().current_proposal()?;
    s.quote.attributes.get("speaker").cloned()
}

/// Runs the assistant on the whole project as a background job, as the command does, and
/// waits for it to end.
fn propose_all_and_wait(h: &mut Harness<'_, Lectern>) {
    h.state_mut().run_command(Command::ProposeQuotesAll);
    h.run_steps(2);
    // The job may have ended within those frames already; then nothing is left to wait for.
    h.state_mut().finish_jobs();
    h.run();
}

#[test]
fn the_whole_project_is_proposed_by_a_job() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    propose_all_and_wait(&mut h);
    assert!(
        h.state()
            .status()
            .contains("Proposed 4 quote(s) in 2 document(s)"),
        "{}",
        h.state().status()
    );
    // From the third proposal of the first document to the second document: its first
    // (and only) proposal is under review.
    press(&mut h, Key::Period);
    press(&mut h, Key::Period);
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    assert_eq!(h.state_mut().proposal_texts(), ["“No,”"]);
    assert_eq!(
        h.state_mut().current_proposal().map(|s| s.quote.text),
        Some("“No,”".to_owned())
    );
    assert!(h.query_by_label_contains("None left").is_none());

    // Run again after accepting it: what is coded already is not counted as proposed.
    press(&mut h, Key::Y);
    propose_all_and_wait(&mut h);
    assert!(
        h.state()
            .status()
            .contains("Proposed 3 quote(s) in 1 document(s)"),
        "{}",
        h.state().status()
    );
}

/// A quoted word alone (10 % sure), reported speech (about 65 %) and a direct quote before
/// its attribution (about 95 %).
const FERRY: &str = "Ferry row\n\n\
The mayor’s “ignorant” remarks drew anger at the quay.\n\n\
Ana Ruiz said the ferry would run again in June.\n\n\
“We are ready,” said the harbour master, Tomás Ferreira.";

fn open_ferry(dir: &std::path::Path) -> Harness<'static, Lectern> {
    let mut p = Project::new("Ferry");
    p.documents.push(Document::new(DocId(1), "Ferry", FERRY));
    let path = dir.join("p.ron");
    lectern::store::save(&p, &path).expect("save");
    support::open_in_window(&path)
}

fn min_confidence(h: &Harness<'_, Lectern>) -> u8 {
    h.state().project().assistant.min_confidence
}

/// Every proposal `.` visits from the current one, once round.
fn stepped(h: &mut Harness<'_, Lectern>) -> Vec<String> {
    let n = h.state_mut().proposal_texts().len();
    let mut seen = Vec::new();
    for _ in 0..n {
        seen.push(
            h.state_mut()
                .current_proposal()
                .expect("current")
                .quote
                .text,
        );
        press(h, Key::Period);
    }
    seen.sort();
    seen
}

#[test]
fn the_minimum_confidence_hides_proposals_from_review_step_and_accept_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open_ferry(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    // A new project shows proposals at least 30 % sure: the quoted word is hidden, and
    // the card says so.
    assert_eq!(min_confidence(&h), 30);
    let sure = h.state_mut().proposal_texts();
    assert_eq!(sure.len(), 2, "{sure:?}");
    assert!(!sure.contains(&"“ignorant”".to_owned()));
    assert!(h.query_by_label_contains("1 hidden").is_some());
    assert!(h.state().status().contains("1 less sure than 30% hidden"));

    // Down to 0 %: the quoted word is shown and stepped through.
    h.get_by_role_and_label(Role::Slider, "At least")
        .set_value_accesskit(0.0);
    h.run();
    assert_eq!(min_confidence(&h), 0);
    assert!(h.query_by_label_contains("hidden").is_none());
    let all = stepped(&mut h);
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all.contains(&"“ignorant”".to_owned()));

    // Up to 80 %: only the direct quote is left; `.` stays on it, Accept all takes it alone.
    h.get_by_role_and_label(Role::Slider, "At least")
        .set_value_accesskit(80.0);
    h.run();
    assert_eq!(min_confidence(&h), 80);
    assert!(h.query_by_label_contains("2 hidden").is_some());
    assert_eq!(stepped(&mut h), ["“We are ready,”"]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Y);
    h.run();
    assert_eq!(quotes(&h).len(), 1, "{:?}", quotes(&h));
    assert!(h.state_mut().proposal_texts().is_empty());
    assert!(
        h.query_by_label_contains("None left at 80% or surer; 2 less sure hidden")
            .is_some()
    );
    assert!(h.query_by_label("0 of 0").is_none());

    // The setting is saved with the project…
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    h.state_mut().finish_jobs();
    let saved = lectern::store::load(&dir.path().join("p.ron")).expect("load");
    assert_eq!(saved.assistant.min_confidence, 80);

    // …and undone like any change: Ctrl+Z takes back the accept, then the two moves of
    // the bar in a row as one step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(quotes(&h).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(min_confidence(&h), 30);
    assert_eq!(h.state_mut().proposal_texts(), sure);
}

#[test]
fn a_coder_without_a_name_still_accepts_as_a_reviewer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    // Clear the annotator name in Preferences.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    let name = h.get_by_label("Annotator name (recorded on every annotation you make)");
    name.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label("Done").click();
    h.run();
    h.state_mut().run_command(Command::ProposeQuotes);
    h.run();
    press(&mut h, Key::Y);
    let q = quotes(&h);
    assert_eq!(q.len(), 1);
    let proposed = q[0].proposed.as_ref().expect("proposed");
    assert_eq!(proposed.accepted_by, "unnamed coder");
    assert!(
        h.state().status().contains("Preferences"),
        "{}",
        h.state().status()
    );
    // The side panel says it was accepted, not added without review.
    h.get_by_label_contains("quote: “The bridge is safe")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("accepted by unnamed coder")
            .is_some()
    );
    assert!(h.query_by_label_contains("without review").is_none());
}

#[test]
fn a_fix_onto_a_span_the_coder_has_is_refused_not_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = project();
    let claim = "the repairs had cost €12 million";
    let start = TEXT[..TEXT.find(claim).expect("claim")].chars().count();
    let span = p
        .make_span(DocId(1), "claim", start, start + claim.chars().count())
        .expect("span");
    lectern::model::Edit::AddSpan {
        doc: DocId(1),
        span,
    }
    .apply(&mut p)
    .expect("add");
    let path = dir.path().join("p.ron");
    lectern::store::save(&p, &path).expect("save");
    let mut h = support::open_in_window(&path);
    h.state_mut().run_command(Command::ProposeQuotes);
    h.run();
    press(&mut h, Key::Period);
    assert_eq!(
        h.state_mut()
            .current_proposal()
            .expect("proposal")
            .quote
            .text,
        claim
    );
    // 2 would make it the claim the coder has: refused, said, and the proposal stays.
    press(&mut h, Key::Num2);
    assert!(
        h.state().status().contains("has this claim already"),
        "{}",
        h.state().status()
    );
    let still = h.state_mut().current_proposal().expect("still there");
    assert_eq!(
        (still.quote.label.as_str(), still.quote.text.as_str()),
        ("quote", claim)
    );
    assert_eq!(h.state_mut().proposal_texts().len(), 3);
}

#[test]
fn b_makes_the_selected_text_the_quote_under_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    h.state_mut().run_command(Command::ProposeQuotes);
    h.run();
    press(&mut h, Key::Period);
    press(&mut h, Key::B);
    assert!(
        h.state().status().contains("Select the quote's text first"),
        "{}",
        h.state().status()
    );
    let wanted = "repairs had cost €12 million";
    let start = TEXT[..TEXT.find(wanted).expect("in text")].chars().count();
    // Selected from inside the first word, as a hand does: the quote gets whole words, as
    // a label key would give it.
    h.state_mut()
        .set_selection(start + 2, start + wanted.chars().count());
    h.run();
    press(&mut h, Key::B);
    let fixed = h.state_mut().current_proposal().expect("proposal");
    assert_eq!(fixed.quote.text, wanted);
    assert_eq!(
        fixed.quote.pieces,
        [(start, start + wanted.chars().count())]
    );
    assert!(
        h.state()
            .status()
            .contains("now the selected text; Y accepts it")
    );
    press(&mut h, Key::Y);
    assert!(
        quotes(&h).iter().any(|q| q.text == wanted),
        "{:?}",
        quotes(&h)
    );
}

#[test]
fn the_minimum_confidence_travels_with_an_exported_codebook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open_ferry(dir.path());
    let codebook = dir.path().join("codebook.ron");
    // Left at the default, the codebook does not carry it.
    assert!(h.state_mut().export_codebook(&codebook));
    let text = std::fs::read_to_string(&codebook).expect("read");
    assert!(!text.contains("assistant"), "{text}");
    h.state_mut().run_command(Command::ProposeQuotes);
    h.run();
    h.get_by_role_and_label(Role::Slider, "At least")
        .set_value_accesskit(45.0);
    h.run();
    assert!(h.state_mut().export_codebook(&codebook));
    let text = std::fs::read_to_string(&codebook).expect("read");
    assert!(text.contains("min_confidence: 45"), "{text}");

    // Another project takes it with the codebook, in one undoable step.
    let other = tempfile::tempdir().expect("tempdir");
    let mut h = open(other.path());
    assert_eq!(min_confidence(&h), 30);
    assert!(h.state_mut().import_codebook(&codebook));
    h.run();
    assert_eq!(min_confidence(&h), 45);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(min_confidence(&h), 30);
}

#[test]
fn the_speaker_field_replaces_the_proposed_name_and_s_takes_the_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    h.state_mut().run_command(Command::ProposeQuotes);
    h.run();
    assert_eq!(speaker(&mut h).as_deref(), Some("Gregor Ward"));
    // A click in the field selects the proposed name: typing replaces it.
    h.get_by_label("Speaker").click();
    h.run();
    h.get_by_label("Speaker").type_text("G. Ward");
    h.run();
    assert_eq!(speaker(&mut h).as_deref(), Some("G. Ward"));
    // Once focused, a click places the caret as usual, and typing goes there.
    h.get_by_label("Speaker").click();
    h.run();
    h.key_press(Key::End);
    h.run();
    h.get_by_label("Speaker").type_text(" Jr");
    h.run();
    assert_eq!(speaker(&mut h).as_deref(), Some("G. Ward Jr"));
    press(&mut h, Key::Escape);
    // Tab-like focus (without the mouse) selects it all too.
    h.get_by_label("Speaker").focus();
    h.run();
    h.get_by_label("Speaker").type_text("Ward");
    h.run();
    assert_eq!(speaker(&mut h).as_deref(), Some("Ward"));
    press(&mut h, Key::Escape);

    // S with nothing selected says what to do; with text selected from inside a word,
    // the whole words become the speaker.
    press(&mut h, Key::S);
    assert!(
        h.state().status().contains("Select the speaker's name"),
        "{}",
        h.state().status()
    );
    let name = "Transport Minister Gregor Ward";
    h.state_mut().set_selection(2, name.chars().count());
    h.run();
    press(&mut h, Key::S);
    assert_eq!(speaker(&mut h).as_deref(), Some(name));
    assert!(h.state().selection().is_none(), "the selection is used up");
    press(&mut h, Key::Y);
    let q = quotes(&h);
    assert_eq!(
        q[0].attributes.get("speaker").map(String::as_str),
        Some(name)
    );
}

/// A press that drags over part of the proposed name keeps that part selected (typing
/// replaces it alone), instead of selecting the whole name on release.
#[test]
fn a_drag_in_the_speaker_field_keeps_its_partial_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    h.state_mut().run_command(Command::ProposeQuotes);
    h.run();
    assert_eq!(speaker(&mut h).as_deref(), Some("Gregor Ward"));
    let field = h.get_by_label("Speaker").rect();
    let y = field.center().y;
    // From the first letter to about the third: the start of "Gregor" only.
    let (from, to) = (
        egui::pos2(field.left() + 5.0, y),
        egui::pos2(field.left() + 25.0, y),
    );
    support::drag(&mut h, from, to);
    h.get_by_label("Speaker").type_text("X");
    h.run();
    let name = speaker(&mut h).expect("speaker");
    // "Xgor Ward" with the test font; a letter more or less is the font's business.
    assert!(
        name.starts_with('X') && name.ends_with("r Ward") && name.len() < "XGregor Ward".len(),
        "only the dragged-over letters are replaced: {name:?}"
    );
}

#[test]
fn a_rejected_proposal_is_listed_and_restored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    assert!(h.query_by_label_contains("Rejected (").is_none());
    // The second proposal, fixed and then rejected, is kept as the assistant proposed it.
    press(&mut h, Key::Period);
    let made = h.state_mut().current_proposal().expect("proposal");
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    press(&mut h, Key::N);
    let rejected = h.state().project().documents[0].rejected.clone();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].pieces, made.quote.pieces);
    assert_eq!(rejected[0].rule, made.rule.name());
    // Running the assistant again does not propose it.
    propose_all_and_wait(&mut h);
    let texts = h.state_mut().proposal_texts();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("repairs")), "{texts:?}");

    // The card lists it, with its text and rule, and restores it.
    h.get_by_label("Rejected (1)").click();
    h.run();
    assert!(h.query_by_label(&made.quote.text).is_some());
    assert!(h.query_by_label(made.rule.name()).is_some());
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.state().project().documents[0].rejected.is_empty());
    assert_eq!(
        h.state_mut().current_proposal(),
        Some(made.clone()),
        "proposed again as the assistant made it, under review"
    );
    assert_eq!(h.state_mut().proposal_texts().len(), 3);
    assert!(h.query_by_label_contains("Rejected (").is_none());

    // Restoring is one undo step; rejecting again lists it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project().documents[0].rejected, rejected);
    assert_eq!(h.state_mut().proposal_texts().len(), 2);
    assert!(h.query_by_label("Rejected (1)").is_some());
}

#[test]
fn the_document_list_counts_the_proposals_waiting_in_each_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    // Nothing is shown before the assistant has run.
    assert!(h.query_by_label("3 proposals").is_none());
    propose_all_and_wait(&mut h);
    assert!(h.query_by_label("3 proposals").is_some());
    assert!(h.query_by_label("1 proposal").is_some());
    // Accepting one counts down; rejecting one too.
    press(&mut h, Key::Y);
    assert!(h.query_by_label("2 proposals").is_some());
    press(&mut h, Key::N);
    assert_eq!(h.query_all_by_label("1 proposal").count(), 2);
    assert!(h.query_by_label("2 proposals").is_none());
    // The count follows the minimum confidence: at 100 % none wait, and none is shown.
    h.get_by_role_and_label(Role::Slider, "At least")
        .set_value_accesskit(100.0);
    h.run();
    assert!(h.query_by_label("1 proposal").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.query_all_by_label("1 proposal").count(), 2);
    // The last one of the second document accepted: nothing shown for it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    h.run();
    press(&mut h, Key::Y);
    assert_eq!(h.query_all_by_label("1 proposal").count(), 1);
}

/// After the lexicon changes in the codebook editor, the document list counts again the
/// documents the whole-project job had counted (made again a few a frame), not only the
/// one shown.
#[test]
fn the_document_list_counts_again_after_the_lexicon_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    propose_all_and_wait(&mut h);
    assert!(h.query_by_label("3 proposals").is_some());
    assert!(h.query_by_label("1 proposal").is_some());

    h.state_mut().run_command(Command::EditCodebook);
    h.run();
    let find = h.get_by_role_and_label(Role::TextInput, "Find verb");
    find.scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Find verb")
        .click();
    h.run();
    h.event(egui::Event::Text("claim".to_owned()));
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Class of claim")
        .click();
    h.run();
    h.get_all_by_label("neutral")
        .last()
        .expect("option")
        .click();
    h.run();
    let claim = h
        .state()
        .project()
        .lexicon()
        .verb("claims")
        .map(|v| v.class);
    assert_eq!(claim, Some(lectern::model::VerbClass::Neutral));
    h.key_press(Key::Escape);
    h.run();

    assert!(h.query_by_label("3 proposals").is_some());
    assert!(
        h.query_by_label("1 proposal").is_some(),
        "the second document's count is back"
    );
}

#[test]
fn a_review_key_pressed_twice_within_one_frame_acts_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = open(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    let first = h.state_mut().proposal_texts();
    // Two presses before the window draws again (a fast hand, or a slow frame).
    h.key_press(Key::Period);
    h.key_press(Key::Period);
    h.run();
    assert_eq!(
        h.state_mut().current_proposal().map(|s| s.quote.text),
        first.get(2).cloned()
    );
    h.key_press(Key::N);
    h.key_press(Key::N);
    h.run();
    assert_eq!(h.state().project().documents[0].rejected.len(), 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().project().documents[0].rejected.is_empty());
}

#[test]
fn a_quote_nested_in_an_accepted_one_is_still_reviewed_and_accepted() {
    // The traders' words sit inside Ana Ruiz's reported speech, introduced by their own
    // attribution: accepting hers does not take theirs for a duplicate.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    let mut p = Project::new("Nested quotes");
    p.documents.push(Document::new(
        DocId(1),
        "Quay row",
        "Ana Ruiz admitted that a partial closure was likely, a decision that traders in \
         Corvale described as “a slap in the face”.",
    ));
    lectern::store::save(&p, &path).expect("save");
    let mut h = support::open_in_window(&path);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run();
    let proposed = h.state_mut().proposal_texts();
    assert_eq!(proposed.len(), 2, "{proposed:?}");
    let first = h.state_mut().current_proposal().expect("proposal");
    assert!(first.quote.text.starts_with("that a partial closure"));
    press(&mut h, Key::Y);
    assert_eq!(quotes(&h).len(), 1);
    let left = h.state_mut().proposal_texts();
    assert_eq!(left, ["“a slap in the face”"], "the nested one waits");
    press(&mut h, Key::Y);
    let q = quotes(&h);
    assert_eq!(q.len(), 2);
    assert!(q.iter().any(|s| {
        s.text == "“a slap in the face”"
            && s.attributes.get("speaker").map(String::as_str) == Some("traders in Corvale")
    }));
    assert_eq!(h.state().project().documents[0].relations.len(), 2);
    assert!(h.state_mut().proposal_texts().is_empty());
}
