//! The assistant on invented articles: every quote style, quotes over paragraphs and
//! interrupted by their attribution, reported speech, "according to", speakers named by
//! pronouns, titles and roles, quoted words against titles of works and nicknames.

use super::{Assistant, Roles, Rule, Suggestion};
use crate::model::{Lexicon, default_labels, default_relation_types};

fn propose(text: &str) -> Vec<Suggestion> {
    let roles = Roles::from_codebook(&default_labels(), &default_relation_types()).expect("roles");
    Assistant::new(roles, Lexicon::english()).propose(text)
}

/// The suggestion whose quote text contains `needle`.
fn find<'a>(all: &'a [Suggestion], needle: &str) -> &'a Suggestion {
    all.iter()
        .find(|s| s.quote.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?} in {:#?}", texts(all)))
}

fn texts(all: &[Suggestion]) -> Vec<&str> {
    all.iter().map(|s| s.quote.text.as_str()).collect()
}

fn speaker(s: &Suggestion) -> &str {
    s.quote.attributes.get("speaker").map_or("", String::as_str)
}

fn cue(s: &Suggestion) -> &str {
    s.attribution
        .as_ref()
        .and_then(|a| a.attributes.get("cue"))
        .map_or("", String::as_str)
}

#[test]
fn every_quote_style_is_a_quote_with_its_speaker() {
    for (text, quote) in [
        (
            "“The bridge is safe,” Gregor Ward said.",
            "“The bridge is safe,”",
        ),
        (
            "\"The bridge is safe,\" Gregor Ward said.",
            "\"The bridge is safe,\"",
        ),
        (
            "‘The bridge is safe,’ Gregor Ward said.",
            "‘The bridge is safe,’",
        ),
        (
            "« Le pont est sûr », said Gregor Ward.",
            "« Le pont est sûr »",
        ),
        ("Gregor Ward said: „Die Brücke hält.“", "„Die Brücke hält.“"),
        ("Gregor Ward said: 「橋は安全だ」", "「橋は安全だ」"),
    ] {
        let all = propose(text);
        let s = find(&all, quote.trim_end_matches([',', ' ']));
        assert_eq!(s.quote.text, quote, "{text}");
        assert_eq!(speaker(s), "Gregor Ward", "{text}");
        assert_eq!(s.quote.label, "quote");
    }
}

#[test]
fn offsets_are_code_points_of_the_text() {
    let text = "😀 Ελένη Παπαδάκη said: “Το σχέδιο είναι επικίνδυνο.”";
    let all = propose(text);
    let s = find(&all, "σχέδιο");
    let chars: Vec<char> = text.chars().collect();
    let (a, b) = s.quote.pieces[0];
    assert_eq!(chars[a..b].iter().collect::<String>(), s.quote.text);
    let att = s.attribution.as_ref().expect("attribution");
    let (a, b) = att.pieces[0];
    assert_eq!(
        chars[a..b].iter().collect::<String>(),
        "Ελένη Παπαδάκη said"
    );
    assert_eq!(speaker(s), "Ελένη Παπαδάκη");
}

#[test]
fn an_interrupted_quote_is_one_quote_in_two_fragments() {
    let text = "“It is personal,” Ana Ruiz said, “and it will not stop me.”";
    let all = propose(text);
    assert_eq!(all.len(), 1, "{:#?}", texts(&all));
    let s = &all[0];
    assert_eq!(s.rule, Rule::Interrupted);
    assert_eq!(s.quote.pieces.len(), 2);
    assert_eq!(s.quote.text, "“It is personal,” “and it will not stop me.”");
    assert_eq!(speaker(s), "Ana Ruiz");
    let att = s.attribution.as_ref().expect("attribution");
    assert_eq!(att.text, "Ana Ruiz said");
    assert_eq!(s.relation.as_deref(), Some("introduces"));
}

#[test]
fn a_quote_over_several_paragraphs_is_one_quote() {
    let text = "Gregor Ward told the council: “We will reopen the bridge in May.\n\n\
                “The repairs are finished and the tests were good.”\n\nThe vote is on Friday.";
    let all = propose(text);
    let s = find(&all, "reopen");
    assert!(s.quote.text.contains("tests were good"), "{}", s.quote.text);
    assert_eq!(speaker(s), "Gregor Ward");
    assert_eq!(cue(s), "told");
}

#[test]
fn pronouns_titles_and_roles_resolve_to_the_full_name() {
    let text = "Transport Minister Gregor Ward visited the site on Monday. \
                “The bridge is safe,” he said.\n\n\
                Mr Ward added that the repairs were finished.\n\n\
                Council leader Ana Ruiz disagreed. “We have seen no report,” she said.\n\n\
                The minister said the report would be published.";
    let all = propose(text);
    assert_eq!(speaker(find(&all, "bridge is safe")), "Gregor Ward");
    assert_eq!(speaker(find(&all, "repairs were finished")), "Gregor Ward");
    assert_eq!(speaker(find(&all, "no report")), "Ana Ruiz");
    assert_eq!(speaker(find(&all, "would be published")), "Gregor Ward");
    let s = find(&all, "repairs were finished");
    assert_eq!(s.rule, Rule::Reported);
    assert_eq!(s.quote.text, "that the repairs were finished");
}

#[test]
fn according_to_attributes_both_ways() {
    let all = propose(
        "According to the harbour authority, the bridge carries 40,000 cars a day. \
         The repairs cost €12 million, according to Ana Ruiz.",
    );
    let first = find(&all, "40,000");
    assert_eq!(first.rule, Rule::AccordingTo);
    assert_eq!(first.quote.text, "the bridge carries 40,000 cars a day");
    assert_eq!(cue(first), "According to");
    let second = find(&all, "€12");
    assert_eq!(second.quote.text, "The repairs cost €12 million");
    assert_eq!(speaker(second), "Ana Ruiz");
}

#[test]
fn reported_speech_before_its_attribution_and_beliefs() {
    let all = propose(
        "The bridge will reopen in May, Gregor Ward said on Monday. \
         Ana Ruiz believes the council was misled.",
    );
    let s = find(&all, "reopen");
    assert_eq!(s.rule, Rule::ReportedBefore);
    assert_eq!(s.quote.text, "The bridge will reopen in May");
    assert_eq!(speaker(s), "Gregor Ward");
    let b = find(&all, "misled");
    assert_eq!(b.quote.text, "the council was misled");
    assert_eq!(cue(b), "believes");
}

#[test]
fn quoted_words_are_quotes_but_titles_and_nicknames_are_not() {
    let all = propose(
        "The mayor’s “ignorant” remarks drew anger. Residents watched the film \
         “Harbour Lights” before Dwayne “The Rock” Johnson arrived.",
    );
    let ignorant = find(&all, "ignorant");
    assert_eq!(ignorant.quote.text, "“ignorant”");
    assert_eq!(ignorant.rule, Rule::Unattributed);
    assert!(ignorant.confidence < 0.5);
    assert!(
        all.iter().all(|s| !s.quote.text.contains("Harbour Lights")),
        "{:#?}",
        texts(&all)
    );
    assert!(
        all.iter().all(|s| !s.quote.text.contains("The Rock")),
        "{:#?}",
        texts(&all)
    );
}

#[test]
fn a_quoted_phrase_inside_reported_speech_is_part_of_it() {
    let all = propose("Ana Ruiz said the plan was “ignorant” and costly.");
    assert_eq!(all.len(), 1, "{:#?}", texts(&all));
    assert_eq!(all[0].quote.text, "the plan was “ignorant” and costly");
}

#[test]
fn the_next_quote_of_the_same_speaker_joins_the_quote() {
    let all = propose("“We won,” Ana Ruiz said. “Now we rebuild.”\n\nThe count ended at midnight.");
    assert_eq!(all.len(), 1, "{:#?}", texts(&all));
    assert_eq!(all[0].quote.pieces.len(), 2);
}

#[test]
fn every_suggestion_says_its_rule_and_confidence() {
    let all = propose("“Fine,” said Ana Ruiz. Gregor Ward claimed the vote was rigged.");
    assert!(!all.is_empty());
    for s in &all {
        assert!(s.confidence > 0.0 && s.confidence <= 1.0);
        assert!(!s.rule.name().is_empty());
        assert_eq!(Rule::from_name(s.rule.name()), Some(s.rule));
    }
    assert_eq!(cue(find(&all, "rigged")), "claimed");
    assert_eq!(speaker(find(&all, "Fine")), "Ana Ruiz");
}

#[test]
fn a_mixed_quote_is_the_clause_around_its_quotation() {
    let all = propose(
        "At the quay, the council argued that the ferry is “safer than ever,” a spokeswoman \
         said.\n\nWard says “the bridge is sound” because “the engineers checked it twice.”",
    );
    let ferry = find(&all, "safer");
    assert_eq!(ferry.quote.text, "that the ferry is “safer than ever,”");
    assert_eq!(ferry.rule, Rule::QuoteThenCue);
    let bridge = find(&all, "bridge is sound");
    assert_eq!(
        bridge.quote.text,
        "“the bridge is sound” because “the engineers checked it twice.”"
    );
    assert_eq!(speaker(bridge), "Ward");
    assert_eq!(all.len(), 2, "{:#?}", texts(&all));
}

#[test]
fn quoted_sentences_with_no_attribution_are_surer_than_quoted_words() {
    let all = propose(
        "Fishermen rallied at the quay on Friday.\n\n\
         “We will not wait another winter for the bridge to open again, not one more,” \
         the banners at the quay read.\n\nThe mayor’s “ignorant” remarks drew anger.",
    );
    let word = find(&all, "ignorant");
    assert_eq!(word.rule, Rule::Unattributed);
    assert!(word.confidence < 0.3, "{}", word.confidence);
    let sentence = find(&all, "another winter");
    assert!(sentence.confidence >= 0.5, "{}", sentence.confidence);
}

#[test]
fn calling_something_a_quoted_label_is_a_quote_of_the_caller() {
    // "called the delay “a disgrace”": coders mark "called" as the cue and what was
    // called, with the label, as the content (PolNeAR's coders did in 160 of 181).
    let all = propose("The harbour master, Gregor Ward, called the delay “a disgrace” on Friday.");
    let disgrace = find(&all, "a disgrace");
    assert_eq!(disgrace.quote.text, "the delay “a disgrace”");
    assert_eq!(cue(disgrace), "called");
    assert_eq!(speaker(disgrace), "Gregor Ward");
}

#[test]
fn saying_after_a_clause_is_the_subject_speaking_again() {
    let all = propose(
        "Ana Ruiz rejected the ferry plan, saying the harbour board had “ignored” the \
         fishermen.",
    );
    let said = find(&all, "harbour board");
    assert_eq!(
        said.quote.text,
        "the harbour board had “ignored” the fishermen"
    );
    assert_eq!(speaker(said), "Ana Ruiz");
    // The source and the participle, without what she did before saying it.
    let attribution = said.attribution.as_ref().expect("an attribution");
    assert_eq!(attribution.text, "Ana Ruiz saying");
    assert_eq!(attribution.pieces.len(), 2);
}

mod clauses;
mod deeds;
mod marks;
mod misses;
mod nesting;
mod reported;
mod sources;
