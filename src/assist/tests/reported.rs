//! Reported speech holding a quotation: where it starts after a long listener or a
//! quoted title, and where it ends when a quotation closed by a comma is followed by a
//! new clause.

use super::{find, propose, speaker, texts};
use crate::assist::Rule;

#[test]
fn a_long_listener_before_that_is_not_what_was_said() {
    let all = propose(
        "Ines Okafor told an audience of ferry workers in Corvale last week that the new \
         toll was “a fair price.”",
    );
    let toll = find(&all, "fair price");
    assert_eq!(toll.quote.text, "that the new toll was “a fair price.”");
    assert_eq!(speaker(toll), "Ines Okafor");
}

#[test]
fn a_relative_that_after_a_listener_verb_s_object_stays_in_the_content() {
    // "promised": a verb that takes a listener, but "that" here belongs to "ferry".
    let all = propose(
        "Gregor Ward promised the islanders of the northern bay a faster ferry that \
         would be “all-weather.”",
    );
    let ferry = find(&all, "all-weather");
    assert!(
        ferry.quote.text.starts_with("the islanders"),
        "{:#?}",
        texts(&all)
    );
}

#[test]
fn a_quoted_title_in_the_adverbial_before_that_is_skipped() {
    let all = propose(
        "Ana Ruiz said on “Harbour Hour With Tomas Ferrand” that the bridge would be \
         “safe by spring.”",
    );
    let bridge = find(&all, "safe by spring");
    assert_eq!(
        bridge.quote.text,
        "that the bridge would be “safe by spring.”"
    );
    assert_eq!(bridge.rule, Rule::Reported);
    // A quotation that is not a title keeps the clause it stands in.
    let all = propose("Ana Ruiz said she was “furious” that the ferry had been cancelled.");
    assert_eq!(
        find(&all, "furious").quote.text,
        "she was “furious” that the ferry had been cancelled"
    );
}

#[test]
fn a_quotation_closed_by_a_comma_ends_reported_speech_before_a_new_clause() {
    let all = propose(
        "Harbour staff say the toll is “a fair price,” Gregor Ward is still the least \
         trusted man on the quay.",
    );
    let toll = find(&all, "fair price");
    assert_eq!(toll.quote.text, "the toll is “a fair price,”");
    // A quoted list going on after its comma is one content.
    let all =
        propose("Ward said the plan was “rushed,” “costly,” and unpopular with the ferry crews.");
    assert_eq!(
        find(&all, "rushed").quote.text,
        "the plan was “rushed,” “costly,” and unpopular with the ferry crews"
    );
}

#[test]
fn a_subordinate_clause_or_a_trailing_attribution_keeps_the_content_whole() {
    let all = propose(
        "Ward said that while the toll was “a fair price,” Corvale would pay less than \
         anyone.",
    );
    assert_eq!(
        find(&all, "fair price").quote.text,
        "that while the toll was “a fair price,” Corvale would pay less than anyone"
    );
    let all =
        propose("Ward conceded that the toll was “a fair price,” The Harbour Courier reported.");
    assert!(
        !all.iter()
            .any(|s| s.quote.text == "that the toll was “a fair price,”"),
        "{:#?}",
        texts(&all)
    );
}

#[test]
fn the_occasion_of_speech_closing_the_sentence_is_not_what_was_said() {
    let all = propose(
        "Ines Okafor said the toll was “a fair price” in an interview with the Harbour \
         Courier on Sunday.\n\nGregor Ward defended the ferry timetable during a news \
         conference in Corvale.",
    );
    assert_eq!(
        find(&all, "fair price").quote.text,
        "the toll was “a fair price”"
    );
    assert_eq!(find(&all, "timetable").quote.text, "the ferry timetable");
    // A clause after the occasion is part of what was said.
    let all = propose(
        "Ward said he would answer every question at a news conference when the inquiry \
         ends.",
    );
    assert_eq!(
        find(&all, "inquiry").quote.text,
        "he would answer every question at a news conference when the inquiry ends"
    );
}

#[test]
fn a_verb_in_a_fronted_subordinate_clause_says_no_more_than_the_clause() {
    let all = propose(
        "While Gregor Ward called the plan “bold and overdue” for the islands, the council \
         waited another month.",
    );
    assert_eq!(
        find(&all, "overdue").quote.text,
        "the plan “bold and overdue” for the islands"
    );
}
