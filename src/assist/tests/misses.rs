//! The misses found on the sample articles and PolNeAR, each on invented text: a name
//! after "of" in a source, relative clauses inside reported speech, a second verb of the
//! same subject, naming verbs before a short quotation, reporting nouns, duplicates.

use super::{cue, find, propose, speaker, texts};
use crate::assist::Rule;
use crate::assist::accept::same_place;

#[test]
fn the_appositive_name_is_the_speaker_not_the_place_before_it() {
    let all = propose(
        "The mayor of Kestrel Bay, Ines Moravec (elected in 2024), has said the new toll is \
         unfair.\n\nNorland’s Minister of Harbour Affairs, Tomas Ferrand, said his office \
         would review it.",
    );
    assert_eq!(speaker(find(&all, "toll is unfair")), "Ines Moravec");
    assert_eq!(speaker(find(&all, "review it")), "Tomas Ferrand");
}

#[test]
fn a_relative_clause_set_in_commas_stays_inside_the_reported_speech() {
    let all = propose("Gregor Ward said the bridge, which opened in 1998, is no longer safe.");
    let s = find(&all, "bridge");
    assert_eq!(
        s.quote.text,
        "the bridge, which opened in 1998, is no longer safe"
    );
}

#[test]
fn a_second_verb_of_the_same_subject_has_its_speaker() {
    let all = propose(
        "Gregor Ward visited the quay on Monday and says the bridge must close for a year.",
    );
    let s = find(&all, "must close");
    assert_eq!(s.quote.text, "the bridge must close for a year");
    assert_eq!(speaker(s), "Gregor Ward");
    assert_eq!(cue(s), "says");
}

#[test]
fn a_naming_verb_introduces_the_short_quotation_after_its_object() {
    let all = propose(
        "Ana Ruiz runs the harbour board. She branded the closure “a betrayal of the \
         harbour” on Friday.",
    );
    let s = find(&all, "betrayal");
    // Coders mark the clause after the verb: what she branded, and as what (PolNeAR's
    // coders run it on to the sentence's end).
    assert_eq!(
        s.quote.text,
        "the closure “a betrayal of the harbour” on Friday"
    );
    assert_eq!(s.rule, Rule::CueThenQuote);
    assert_eq!(cue(s), "branded");
    assert_eq!(speaker(s), "Ana Ruiz");
}

#[test]
fn a_reporting_noun_with_that_introduces_reported_speech() {
    let all = propose(
        "Ana Ruiz repeated her accusation that the board had hidden the survey.\n\n\
         Gregor Ward’s claim that the ferry lost money was false.",
    );
    let hidden = find(&all, "hidden");
    assert_eq!(hidden.quote.text, "that the board had hidden the survey");
    assert_eq!(cue(hidden), "accusation");
    assert_eq!(speaker(hidden), "Ana Ruiz");
    let ferry = find(&all, "lost money");
    assert!(
        ferry.quote.text.starts_with("that the ferry lost money"),
        "{}",
        ferry.quote.text
    );
    assert_eq!(speaker(ferry), "Gregor Ward");
}

#[test]
fn no_two_proposals_cover_mostly_the_same_words() {
    for text in [
        "According to Gregor Ward, Ana Ruiz said the bridge is safe.",
        "Ana Ruiz claimed, according to the minutes, that the bridge is safe.",
        "The bridge is safe, Ana Ruiz said, adding that the ferry would run.",
    ] {
        let all = propose(text);
        assert!(!all.is_empty(), "{text}");
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(
                    !same_place(&a.quote.pieces, &b.quote.pieces),
                    "{text}: {:#?}",
                    texts(&all)
                );
            }
        }
    }
}

#[test]
fn a_quoted_phrase_before_said_and_a_colon_is_not_half_of_the_next_quote() {
    let all = propose(
        "Asked if the board was “out of touch” and had to “pay tribute”, she said: “We \
         listen to every resident. We always have.”",
    );
    let s = find(&all, "listen");
    assert_eq!(s.rule, Rule::CueThenQuote);
    assert_eq!(s.quote.pieces.len(), 1, "{:#?}", texts(&all));
    assert!(!s.quote.text.contains("tribute"), "{}", s.quote.text);
}

#[test]
fn saying_after_a_fronted_adverbial_takes_the_subject_of_the_sentence() {
    let all = propose(
        "Earlier this year, Mr Ward continued his critiques, saying that the board had \
         failed the harbour.",
    );
    let s = find(&all, "board had failed");
    assert_eq!(speaker(s), "Ward");
}

#[test]
fn he_is_the_subject_of_the_sentence_before_not_an_earlier_speaker() {
    let all = propose(
        "“The bridge is closed,” said Gregor Ward.\n\nTomas Ferrand, the harbour minister \
         of Veridia, offered help. “We can assess it within days,” he said.",
    );
    assert_eq!(speaker(find(&all, "assess")), "Tomas Ferrand");
}

#[test]
fn a_naming_verb_with_as_introduces_its_quotation() {
    let all = propose("Gregor Ward branded the mayor as a “stone-cold failure” on Friday.");
    let s = find(&all, "stone-cold");
    assert_eq!(
        s.quote.text,
        "the mayor as a “stone-cold failure” on Friday"
    );
    assert_eq!(cue(s), "branded");
    assert_eq!(speaker(s), "Gregor Ward");
}

#[test]
fn a_title_with_a_dot_or_an_inner_quotation_still_attributes_the_quote() {
    let all = propose(
        "''We will rebuild it,'' Mr. Ward said on Friday.\n\n“They told us ‘wait a \
         year,’” Ms. Ruiz said.",
    );
    let rebuild = find(&all, "rebuild");
    assert_eq!(rebuild.rule, Rule::QuoteThenCue);
    assert_eq!(speaker(rebuild), "Ward");
    let wait = find(&all, "wait a");
    assert_eq!(wait.rule, Rule::QuoteThenCue);
    assert_eq!(speaker(wait), "Ruiz");
}

#[test]
fn saying_after_a_closed_quotation_or_to_argue_takes_the_subject() {
    let all = propose(
        "Ana Ruiz argued that the board had used “fear, and only fear,” asserting that \
         the ferry was safe.\n\nGregor Ward broke with the council to argue that the \
         toll should go.",
    );
    let safe = find(&all, "ferry was safe");
    assert_eq!(speaker(safe), "Ana Ruiz");
    let toll = find(&all, "toll should go");
    assert_eq!(speaker(toll), "Gregor Ward");
}

#[test]
fn a_relative_clause_in_the_source_names_someone_else() {
    let all = propose(
        "The old harbour master, who has long feuded with Mayor Ana Ruiz, said in an \
         interview with the Halden Courier this week that the quay would close.",
    );
    let quay = find(&all, "quay would close");
    // The content starts at "that", past the adverbial, and Ruiz is not the speaker.
    assert_eq!(quay.quote.text, "that the quay would close");
    assert_eq!(speaker(quay), "The old harbour master");
}

#[test]
fn the_subject_of_a_passive_cue_is_not_its_speaker() {
    let all = propose("Gregor Ward was accused of hiding the survey from the council.");
    let hiding = find(&all, "hiding");
    assert_eq!(speaker(hiding), "", "{:#?}", texts(&all));
}

#[test]
fn an_attribution_inside_another_quote_does_not_replace_it() {
    let all = propose(
        "Ana Ruiz spoke at the quay, saying that she is worried about the ferry and that \
         the council should act.",
    );
    let worried = find(&all, "worried");
    assert_eq!(
        worried.quote.text,
        "that she is worried about the ferry and that the council should act"
    );
    assert_eq!(cue(worried), "saying");
    assert_eq!(speaker(worried), "Ana Ruiz");
}

#[test]
fn a_quotation_after_the_verbs_listener_sits_in_the_clause_a_coder_marks() {
    let all = propose(
        "Gregor Ward is promising to “rebuild the quay” before winter and to cut the toll.",
    );
    let quay = find(&all, "rebuild the quay");
    assert_eq!(
        quay.quote.text,
        "to “rebuild the quay” before winter and to cut the toll"
    );
    assert_eq!(speaker(quay), "Gregor Ward");
}

#[test]
fn a_short_quoted_phrase_alone_is_a_weak_proposal() {
    let all = propose("The ferry, “late again and half empty,” left at noon.");
    let phrase = find(&all, "half empty");
    assert_eq!(phrase.rule, Rule::Unattributed);
    assert!(phrase.confidence < 0.3, "{}", phrase.confidence);
}

#[test]
fn a_second_verb_before_the_next_quotation_introduces_it() {
    let all = propose(
        "“The quay stays open all winter,” Gregor Ward said before adding: “But the toll \
         will rise in March.”",
    );
    let quay = find(&all, "quay stays open");
    assert_eq!(quay.quote.pieces.len(), 1, "{:#?}", texts(&all));
    assert_eq!(cue(quay), "said");
    let toll = find(&all, "toll will rise");
    assert_eq!(cue(toll), "adding");
    assert_eq!(speaker(toll), "Gregor Ward");
    // With no verb between, the quotation goes on around its attribution.
    let all = propose("“The quay stays open,” Gregor Ward said, “and the toll will rise.”");
    assert_eq!(find(&all, "quay stays open").quote.pieces.len(), 2);
}

#[test]
fn a_few_words_before_a_trailing_attribution_are_a_weak_proposal() {
    let all = propose(
        "On the quay, Gregor Ward said. The ferry runs, Ana Ruiz said. \
         According to Ruiz, Tuesday.",
    );
    let quay = find(&all, "On the quay");
    assert_eq!(quay.rule, Rule::ReportedBefore);
    assert!(quay.confidence < 0.3, "{}", quay.confidence);
    let ferry = find(&all, "ferry runs");
    assert_eq!(ferry.rule, Rule::ReportedBefore);
    assert!(ferry.confidence >= 0.3, "{}", ferry.confidence);
    let tuesday = find(&all, "Tuesday");
    assert_eq!(tuesday.rule, Rule::AccordingTo);
    assert!(tuesday.confidence < 0.3, "{}", tuesday.confidence);
}

#[test]
fn a_capitalised_headline_word_is_nobody_a_pronoun_refers_to() {
    // "Quay" is written "quay" in the article: capitalised only as the headline's first
    // word. With nobody named, "he" stays as written.
    let text = "Quay row deepens\n\nThe harbour master admitted on Monday that the toll on \
                the quay would rise, a move that he described as “a necessary evil”.";
    let all = propose(text);
    let evil = find(&all, "necessary evil");
    assert_eq!(speaker(evil), "he", "{evil:#?}");
    // A name opening the headline is still somebody "he" may be.
    let all = propose(
        "Moravec defends toll\n\nThe toll will rise in May. “It pays for the quay,” he said.",
    );
    assert_eq!(speaker(find(&all, "pays for the quay")), "Moravec");
    // Nor is a preposition opening a sentence.
    let all = propose(
        "Tomas Brandt opened the quay on Monday.\n\nAlong with the mayor, he said the toll \
         was unfair.",
    );
    assert_eq!(speaker(find(&all, "toll was unfair")), "Tomas Brandt");
}
