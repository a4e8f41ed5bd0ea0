//! What a coder rejects or fixes on real articles, each on invented text: deeds read as
//! speech (a passive's agent, "has yet to say", a possessive in a headline, "continued"
//! and its object), the subject of the reported clause cut off at its "that", and
//! speakers — a role named only later or only inside a quotation, a pronoun after a source
//! opening with a capitalised adjective, a group before "who", a common noun before a
//! place ("traders in Elmsby").

use super::{cue, find, propose, speaker, texts};

#[test]
fn a_passive_with_its_agent_or_nothing_said_is_no_quote() {
    let all = propose(
        "The ferry plan has been marred by delays and rising costs. A vote on it is \
         expected next month. The toll was described as unfair, and Ana Ruiz was accused \
         of hiding the survey.",
    );
    assert!(
        all.iter().all(|s| !s.quote.text.starts_with("by delays")
            && !s.quote.text.contains("next month")),
        "{:#?}",
        texts(&all)
    );
    // A passive that reports ("was accused of …") stays.
    let hiding = find(&all, "hiding the survey");
    assert_eq!(cue(hiding), "accused");
}

#[test]
fn the_group_before_who_is_the_source_after_a_passive_agent() {
    let all = propose(
        "The harbour toll has been condemned by fishermen and many shop owners who describe \
         it as reckless and unfair.",
    );
    assert!(
        all.iter()
            .all(|s| !s.quote.text.starts_with("by fishermen")),
        "{:#?}",
        texts(&all)
    );
    let s = find(&all, "reckless");
    assert_eq!(s.quote.text, "it as reckless and unfair");
    assert_eq!(cue(s), "describe");
    assert_eq!(speaker(s), "many shop owners");
}

#[test]
fn nothing_said_yet_a_possessive_or_continued_work_is_no_cue() {
    let all = propose(
        "Harbour chief’s ferry plan angers Elmsby traders\n\nELMSBY — The harbour board has \
         yet to say whether the ferry will run. Tomas Brandt continued his review of the \
         tender on Monday.",
    );
    assert!(
        all.iter()
            .all(|s| !s.quote.text.contains("ferry plan angers")
                && !s.quote.text.contains("whether the ferry")
                && !s.quote.text.contains("his review")),
        "{:#?}",
        texts(&all)
    );
}

#[test]
fn a_determiner_after_say_opens_the_clause_not_a_listener() {
    let all = propose(
        "Traders say the only thing that will grow is the debt. Ana Ruiz told the paper \
         that the quay would close.",
    );
    let debt = find(&all, "debt");
    assert_eq!(debt.quote.text, "the only thing that will grow is the debt");
    let quay = find(&all, "quay would close");
    assert_eq!(quay.quote.text, "that the quay would close");
}

#[test]
fn he_after_a_source_opening_with_an_adjective_is_the_named_speaker() {
    let all = propose(
        "Local fisherman Piotr Sandel, 61, said the board was “a club for insiders”. \
         “Nobody asked us anything,” he told us.",
    );
    assert_eq!(speaker(find(&all, "Nobody asked")), "Piotr Sandel");
}

#[test]
fn a_role_resolves_to_the_name_given_it_later_or_inside_a_quotation() {
    let all = propose(
        "Minister Tomas Brandt defended the toll, while the town's mayor said her office \
         had not been told. Traders say the toll is too high.\n\nMayor Hanna Lind later \
         called the plan “a gamble”.",
    );
    assert_eq!(speaker(find(&all, "her office")), "Hanna Lind");

    let all = propose(
        "“We will keep working with President Ines Moravec,” Tomas Brandt said.\n\nThe \
         then-President described the toll as “a mistake” on Friday.",
    );
    assert_eq!(speaker(find(&all, "a mistake")), "Ines Moravec");
}

#[test]
fn a_rating_names_the_quotation_and_a_second_verb_ends_the_quote() {
    let all = propose(
        "The board’s own audit rates the quay’s state as “critical” but does not ask for \
         repairs.\n\nThe Elmsby Chamber of Trade described the toll as “a mistake” and \
         called on the board to meet.",
    );
    let critical = find(&all, "critical");
    assert_eq!(critical.quote.text, "the quay’s state as “critical”");
    assert_eq!(cue(critical), "rates");
    assert_eq!(speaker(critical), "The board’s own audit");
    let mistake = find(&all, "a mistake");
    assert_eq!(mistake.quote.text, "the toll as “a mistake”");
    assert_eq!(speaker(mistake), "Elmsby Chamber of Trade");
}

#[test]
fn a_common_noun_before_a_place_heads_the_source() {
    let all = propose("Traders in Elmsby said the toll was too high.");
    assert_eq!(speaker(find(&all, "too high")), "Traders in Elmsby");
}
