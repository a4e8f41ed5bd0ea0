//! Reported speech told apart by its clauses: an attribution trailing its content
//! against a subject set off by commas or a fronted adverbial, whose content follows
//! the verb.

use super::{cue, find, propose, speaker, texts};
use crate::assist::Rule;

#[test]
fn a_subject_with_an_appositive_says_what_follows_the_verb() {
    let all = propose(
        "Ana Ruiz, a spokeswoman for the harbour board, said the ferry would run all winter.",
    );
    assert_eq!(all.len(), 1, "{:#?}", texts(&all));
    let s = &all[0];
    assert_eq!(s.quote.text, "the ferry would run all winter");
    assert_eq!(s.rule, Rule::Reported);
    assert_eq!(speaker(s), "Ana Ruiz");
}

#[test]
fn a_fronted_adverbial_is_not_reported_speech() {
    for text in [
        "Meanwhile, Gregor Ward said the toll would double.",
        "In fact, I think the toll would double.",
    ] {
        let all = propose(text);
        assert_eq!(all.len(), 1, "{text}: {:#?}", texts(&all));
        assert_eq!(all[0].quote.text, "the toll would double", "{text}");
    }
}

#[test]
fn a_trailing_attribution_with_an_appositive_or_inverted_keeps_its_content_before() {
    let all = propose(
        "The bridge will reopen in May, Ana Ruiz, a spokeswoman for the board, said on \
         Monday.\n\nThe tolls will stay, said Gregor Ward, the harbour master.\n\nThe \
         quay is unsafe, an engineer said, adding that repairs would take a year.",
    );
    let may = find(&all, "reopen");
    assert_eq!(may.quote.text, "The bridge will reopen in May");
    assert_eq!(may.rule, Rule::ReportedBefore);
    assert_eq!(speaker(may), "Ana Ruiz");
    let tolls = find(&all, "tolls");
    assert_eq!(tolls.quote.text, "The tolls will stay");
    assert_eq!(speaker(tolls), "Gregor Ward");
    let quay = find(&all, "quay");
    assert_eq!(quay.quote.text, "The quay is unsafe");
    assert_eq!(cue(quay), "said");
    let repairs = find(&all, "repairs");
    assert_eq!(repairs.quote.text, "that repairs would take a year");
}

#[test]
fn what_follows_an_inverted_verb_is_content_when_it_has_a_verb() {
    let all = propose("Gregor Ward, the harbour master, said Ana Ruiz had misled the board.");
    let s = find(&all, "misled");
    assert_eq!(s.quote.text, "Ana Ruiz had misled the board");
    assert_eq!(speaker(s), "Gregor Ward");
}

#[test]
fn a_verb_in_the_sentence_after_a_quotation_is_not_its_attribution() {
    let all = propose(
        "Ana Ruiz spoke at the quay. “The vote is over.” He said the count would start at \
         noon.",
    );
    let count = find(&all, "count");
    assert_eq!(count.quote.text, "the count would start at noon");
    assert_eq!(cue(count), "said");
    assert_eq!(speaker(count), "Ana Ruiz");
    let vote = find(&all, "vote is over");
    assert_eq!(vote.quote.text, "“The vote is over.”");
    assert_ne!(vote.rule, Rule::QuoteThenCue);
}

#[test]
fn a_trailing_attribution_is_only_as_sure_as_its_verb() {
    let all = propose(
        "The ferry ran late all winter, the ledgers showed.\n\nThe bridge is safe, Gregor Ward \
         said.",
    );
    let ledgers = find(&all, "ran late");
    let said = find(&all, "bridge is safe");
    assert_eq!(said.rule, Rule::ReportedBefore);
    // "showed" after a comma most often ends a clause of the writer's, not a quote.
    assert!(
        ledgers.confidence < 0.45 && said.confidence > 0.6,
        "{} {}",
        ledgers.confidence,
        said.confidence
    );
}

#[test]
fn content_before_its_attribution_starts_where_its_quotation_opens() {
    let all = propose(
        "“The ferry is old. It is still safe,” according to the harbour board.\n\nThe \
         quay was “too short. It floods every spring” in his view, the harbour master wrote.",
    );
    let ferry = find(&all, "still safe");
    assert_eq!(ferry.quote.text, "“The ferry is old. It is still safe,”");
    assert_eq!(speaker(ferry), "the harbour board");
    let floods = find(&all, "floods");
    assert_eq!(
        floods.quote.text,
        "The quay was “too short. It floods every spring” in his view"
    );
}

#[test]
fn an_aside_in_dashes_neither_ends_the_content_nor_lends_it_its_verb() {
    let all = propose(
        "On Friday she pointed out that the deputy mayor Tomas Ferrand - who once \
         likened her to a weathervane - had changed his mind.\n\nGregor Ward - who \
         has said the quay is unsafe - opened it on Monday.",
    );
    let minds = find(&all, "changed his mind");
    assert_eq!(
        minds.quote.text,
        "that the deputy mayor Tomas Ferrand - who once likened her to a weathervane - had \
         changed his mind"
    );
    let quay = find(&all, "quay is unsafe");
    assert_eq!(quay.quote.text, "the quay is unsafe");
    assert_eq!(speaker(quay), "Gregor Ward");
}

#[test]
fn a_joined_verb_after_a_quotation_is_not_its_trailing_attribution() {
    // "“…,” and said …": the verb goes on from the sentence's subject, so it names no
    // source of the quotation before it (the conjunction was taken for one).
    let all = propose(
        "Berg called the ferry plan “an absolute disgrace,” and said the board would vote \
         against it.",
    );
    let disgrace = find(&all, "disgrace");
    assert_ne!(disgrace.rule, Rule::QuoteThenCue, "{:#?}", texts(&all));
    assert_eq!(speaker(disgrace), "Berg");
    let vote = find(&all, "vote against");
    assert_eq!(vote.quote.text, "the board would vote against it");
    assert_eq!(cue(vote), "said");
    assert_eq!(speaker(vote), "Berg");
    // "“…,” who went on …": a relative clause about the title, not its speaker.
    let all = propose(
        "Tomas Vale, a host of the radio show “Harbour Hour,” who went on to run the ferry \
         company, said the bridge was safe.",
    );
    assert!(
        all.iter()
            .all(|s| !(s.quote.text.contains("Harbour Hour") && s.rule == Rule::QuoteThenCue)),
        "{:#?}",
        texts(&all)
    );
}

#[test]
fn comments_that_include_an_ing_clause_report_what_was_said() {
    let all = propose(
        "Ana Ruiz visited the quay on Monday. Gregor Ward’s ferry plan has been attacked by \
         traders. His comments included calling for a toll on every lorry and closing the \
         ferry at night.",
    );
    let toll = find(&all, "a toll on every lorry");
    assert_eq!(
        toll.quote.text,
        "calling for a toll on every lorry and closing the ferry at night"
    );
    assert_eq!(cue(toll), "comments");
    // "His": the owner opening the sentence before, not the earlier subject.
    assert_eq!(speaker(toll), "Gregor Ward");
    // A noun with "include" and no -ing clause reports nothing.
    let listed = propose("His comments include a list of ferry times.");
    assert!(listed.is_empty(), "{:#?}", texts(&listed));
}

#[test]
fn a_date_range_does_not_end_reported_speech() {
    let all = propose(
        "Harbour Chief Ana Ruiz ordered the Corvale Quay closed from 11–31 May after divers \
         warned it was unsafe.",
    );
    let closed = find(&all, "Corvale Quay closed");
    assert_eq!(
        closed.quote.text,
        "the Corvale Quay closed from 11–31 May",
        "{:#?}",
        texts(&all)
    );
    assert_eq!(speaker(closed), "Ana Ruiz");
}
