//! Sources and cues a coder had to fix on real articles, each on invented text: a
//! connective set in commas, a placeholder "it", a role whose complement is a place, a
//! verb that leads on to the reporting verb.

use super::{cue, find, propose, speaker, texts};

fn source(s: &crate::assist::Suggestion) -> &str {
    s.attribution
        .as_ref()
        .and_then(|a| a.attributes.get("source"))
        .map_or("", String::as_str)
}

#[test]
fn a_connective_in_commas_is_not_part_of_the_source() {
    let all = propose(
        "The toll rose again in May.\n\nMoravec, however, said the ferry would stay free. \
         Ferrand, for his part, said the quay was safe.",
    );
    let ferry = find(&all, "ferry would stay free");
    assert_eq!(source(ferry), "Moravec", "{:#?}", texts(&all));
    assert_eq!(source(find(&all, "quay was safe")), "Ferrand");
    // An appositive still belongs to its name.
    let all = propose("Ines Moravec, the harbour mayor, said the ferry would stay free.");
    assert_eq!(
        source(find(&all, "ferry would stay free")),
        "Ines Moravec, the harbour mayor"
    );
}

#[test]
fn a_placeholder_it_is_not_the_speaker_of_a_participle() {
    let all = propose(
        "Tomas Ferrand now chairs the port board.\n\nIt is doubtful how far the thaw will go \
         given Ferrand’s long record of attacking the council, once branding its leader \
         “a pirate who sinks every ferry.”",
    );
    let pirate = find(&all, "pirate");
    assert_ne!(source(pirate), "It");
    assert_eq!(speaker(pirate), "Tomas Ferrand", "{pirate:#?}");
}

#[test]
fn a_role_before_a_place_is_the_person_not_the_place() {
    let all = propose(
        "Kestrel Bay Mayor Ines Moravec opened the new quay on Monday.\n\nThe outspoken \
         Mayor of Kestrel Bay, who has clashed with the ministry for years, said on \
         Tuesday that she would not pay the toll.",
    );
    let toll = find(&all, "not pay the toll");
    assert_eq!(speaker(toll), "Ines Moravec", "{toll:#?}");
    // With nobody to resolve to, the source as written, never the place alone.
    let all = propose("The Mayor of Kestrel Bay said the toll was unfair.");
    assert_eq!(
        speaker(find(&all, "toll was unfair")),
        "The Mayor of Kestrel Bay"
    );
}

#[test]
fn a_verb_leading_on_to_the_reporting_verb_ends_the_cue_there() {
    let all = propose(
        "Ana Ruiz spoke first.\n\nMs Ruiz went on to say: “We will not close the quay, \
         whatever the ministry decides.”",
    );
    let quay = find(&all, "close the quay");
    assert_eq!(cue(quay), "went on to say");
    assert_eq!(speaker(quay), "Ana Ruiz");
    let att = quay.attribution.as_ref().expect("attribution");
    assert_eq!(att.text, "Ms Ruiz went on to say");
}

#[test]
fn a_role_resolves_only_to_somebody_who_could_hold_it() {
    let all = propose(
        "Ines Moravec opened the quay on Monday.\n\nA ministry spokeswoman said the detour \
         would cost traders far less.",
    );
    let detour = find(&all, "detour would cost");
    assert_eq!(speaker(detour), "A ministry spokeswoman");
    let all = propose(
        "Transport Minister Tomas Ferrand defended the order on Monday, while the city's \
         mayor said her council had been left out.",
    );
    let council = find(&all, "council had been left out");
    assert_eq!(speaker(council), "the city's mayor", "{council:#?}");
}

#[test]
fn a_focusing_adverb_or_an_aside_in_dashes_is_not_the_source() {
    let all = propose("Even her own council admitted that the toll was too high.");
    assert_eq!(source(find(&all, "toll was too high")), "her own council");
    let all = propose(
        "The former minister - who once called the quay a ruin - described the plan as \
         “a folly”.",
    );
    let folly = find(&all, "folly");
    assert_eq!(speaker(folly), "The former minister", "{:#?}", texts(&all));
}

#[test]
fn a_name_joined_by_of_is_one_speaker() {
    let all = propose(
        "The Kestrel Bay Chamber of Commerce described the closure as “a slow disaster” on \
         Friday.",
    );
    let disaster = find(&all, "slow disaster");
    assert_eq!(
        speaker(disaster),
        "Kestrel Bay Chamber of Commerce",
        "{disaster:#?}"
    );
}

#[test]
fn a_relative_pronoun_or_a_reporting_nouns_owner_is_not_the_source() {
    let all = propose(
        "Ines Moravec attacked the toll, which Mr Ferrand claimed was needed for repairs. \
         Tomas Ferrand has repeated his accusation that the council is broke and says he \
         will keep the toll.",
    );
    let needed = find(&all, "was needed for repairs");
    assert_eq!(source(needed), "Mr Ferrand", "{:#?}", texts(&all));
    let keep = find(&all, "keep the toll");
    assert_eq!(cue(keep), "says");
    assert_eq!(source(keep), "Tomas Ferrand");
}

/// The attribution's pieces, as written.
fn attribution_pieces(s: &crate::assist::Suggestion, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    s.attribution
        .as_ref()
        .map(|a| {
            a.pieces
                .iter()
                .map(|&(x, y)| chars[x..y].iter().collect())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_attribution_holds_the_source_and_the_cue_around_what_lies_between() {
    // An aside in dashes, or what the source did before saying it, is left out: the
    // source and the cue are two pieces.
    let text = "The harbour master - who once called the ferry plan a folly - described the \
                toll as “a scandal”. Later, Ms Okafor repeated her objections, saying that \
                the quay should stay open.";
    let all = propose(text);
    let scandal = find(&all, "scandal");
    assert_eq!(
        attribution_pieces(scandal, text),
        ["The harbour master", "described"],
        "{scandal:#?}"
    );
    let quay = find(&all, "quay should stay open");
    assert_eq!(attribution_pieces(quay, text), ["Ms Okafor", "saying"]);
    // A reporting noun's verb, between source and noun, is the attribution's too.
    let text = "Ines Moravec dismissed the claim that the quay was unsafe.";
    let all = propose(text);
    assert_eq!(
        attribution_pieces(find(&all, "quay was unsafe"), text),
        ["Ines Moravec dismissed the claim"]
    );
    // A connective or an adverb in between belongs to one span.
    let text = "Moravec, however, said the ferry would stay free. Ferrand has now offered \
                to pay the toll himself.";
    let all = propose(text);
    assert_eq!(
        attribution_pieces(find(&all, "ferry would stay free"), text),
        ["Moravec, however, said"]
    );
    assert_eq!(
        attribution_pieces(find(&all, "pay the toll"), text),
        ["Ferrand has now offered"]
    );
}

#[test]
fn a_source_is_written_without_the_who_joining_it_to_its_verb() {
    let text = "The harbour toll has been condemned by fishermen and many shop owners who \
                describe it as reckless. It angered Ines Moravec, who said the toll was unfair.";
    let all = propose(text);
    let reckless = find(&all, "reckless");
    assert_eq!(source(reckless), "many shop owners", "{reckless:#?}");
    // The span still runs from the source to the cue, "who" and all.
    assert_eq!(
        attribution_pieces(reckless, text),
        ["many shop owners who describe"]
    );
    assert_eq!(source(find(&all, "toll was unfair")), "Ines Moravec");
}

#[test]
fn a_dash_opens_the_content_before_an_attribution_set_in_commas() {
    let all = propose(
        "The council has cut the ferry budget — a sign, some traders in Brenmouth believe, \
         that the toll will rise.\n\nThe quay — built in 1930 — is, Ward said, unsafe.",
    );
    let sign = find(&all, "toll will rise");
    assert_eq!(
        sign.quote.text, "a sign that the toll will rise",
        "{sign:#?}"
    );
    assert_eq!(speaker(sign), "some traders in Brenmouth");
    assert_eq!(
        find(&all, "unsafe").quote.text,
        "The quay — built in 1930 — is unsafe"
    );
}

#[test]
fn an_irregular_plural_heads_a_group_source() {
    let all = propose(
        "The ferry board admitted a delay, a delay that fishermen in Brenmouth described as \
         “a betrayal”. The toll has been opposed by dozens of women who claim it hurts small \
         traders.",
    );
    let betrayal = find(&all, "a betrayal");
    assert_eq!(speaker(betrayal), "fishermen in Brenmouth", "{betrayal:#?}");
    assert_eq!(source(find(&all, "hurts small traders")), "dozens of women");
}
