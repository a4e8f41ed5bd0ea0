//! Quotes with quotation marks, on invented text: which quoted phrases are somebody's
//! words (not a show or a work named in the writer's sentence), and a quote that goes on
//! after its attribution in the same paragraph as one quote in pieces.

use super::{cue, find, propose, speaker, texts};
use crate::assist::Rule;

#[test]
fn a_show_named_before_the_attribution_is_not_a_quote() {
    for text in [
        "On Channel Nine’s “Harbour Hour,” Mayor Lena Ostrova said the ferry would run again.",
        "Speaking on “Harbour Hour,” Mayor Lena Ostrova said the ferry would run again.",
        "As a host of “The Quay Report,” Lena Ostrova said the ferry would run again.",
        "In an interview with “Morning Tide,” Lena Ostrova said the ferry would run again.",
    ] {
        let all = propose(text);
        assert!(
            all.iter().all(|s| !s.quote.text.contains("Hour")
                && !s.quote.text.contains("Report")
                && !s.quote.text.contains("Morning Tide")),
            "{text}: {:#?}",
            texts(&all)
        );
        // The verb is left to what the source said.
        let s = find(&all, "the ferry would run again");
        assert_eq!(speaker(s), "Lena Ostrova", "{text}");
        assert_eq!(cue(s), "said", "{text}");
    }
}

#[test]
fn a_quoted_word_in_a_title_case_phrase_is_still_a_quote_after_its_verb() {
    // Only a title-case quotation after "on", "of", "with", "in", a possessive or a work
    // word is taken for a name: a plain quotation before its attribution stays a quote.
    let all = propose("“Not In My Harbour,” Lena Ostrova said on Monday.");
    let s = find(&all, "Not In My Harbour");
    assert_eq!(s.rule, Rule::QuoteThenCue);
    assert_eq!(speaker(s), "Lena Ostrova");
}

#[test]
fn a_quote_resumes_after_a_long_attribution() {
    let all = propose(
        "“The ferry will run,” Lena Ostrova told the Harbour Courier in an interview on \
         Monday, “but not before the spring thaw.”",
    );
    assert_eq!(all.len(), 1, "{:#?}", texts(&all));
    let s = &all[0];
    assert_eq!(s.rule, Rule::Interrupted);
    assert_eq!(
        s.quote.text,
        "“The ferry will run,” “but not before the spring thaw.”"
    );
    assert_eq!(speaker(s), "Lena Ostrova");
}

#[test]
fn a_quote_resumes_in_the_next_sentence_of_its_paragraph() {
    for (text, second) in [
        (
            "“The ferry will run,” Ostrova said outside the depot. But “nobody should expect \
             it before the spring thaw.”",
            "“nobody should expect it before the spring thaw.”",
        ),
        (
            "“The ferry will run,” said Lena Ostrova, who has led the harbour board since \
             2019. Until the ice melts, “the crossing stays closed to cars and trucks.”",
            "“the crossing stays closed to cars and trucks.”",
        ),
        (
            "But “the ferry will run,” Ostrova added, “if the council pays for the repairs.”",
            "“if the council pays for the repairs.”",
        ),
    ] {
        let all = propose(text);
        let s = find(&all, "ferry will run");
        assert_eq!(s.rule, Rule::Interrupted, "{text}: {:#?}", texts(&all));
        assert_eq!(s.quote.pieces.len(), 2, "{text}");
        assert!(s.quote.text.ends_with(second), "{text}: {}", s.quote.text);
        assert!(
            all.iter().filter(|o| o.quote.text.contains(second)).count() == 1,
            "{text}: {:#?}",
            texts(&all)
        );
    }
}

#[test]
fn a_quoted_word_or_another_verb_in_the_next_sentence_is_not_the_quote_going_on() {
    for (text, other) in [
        (
            "“The ferry will run,” Ostrova said. The depot sells “souvenirs” too.",
            "souvenirs",
        ),
        (
            "“The ferry will run,” Ostrova said. Critics called the plan “a costly dream for \
             the few.”",
            "costly dream",
        ),
    ] {
        let all = propose(text);
        let s = find(&all, "ferry will run");
        assert_eq!(s.quote.text, "“The ferry will run,”", "{text}");
        assert!(!s.quote.text.contains(other), "{text}: {:#?}", texts(&all));
    }
}

#[test]
fn a_quotation_closed_by_its_own_stop_ends_the_quote_after_its_verb() {
    for (text, quote) in [
        (
            "Lena Ostrova told the crowd, “We will not close the gate!” before she left the hall.",
            "“We will not close the gate!”",
        ),
        (
            "Lena Ostrova said, “The gate stays open,” as the first ferry came in.",
            "“The gate stays open,”",
        ),
    ] {
        let all = propose(text);
        let s = find(&all, "gate");
        assert_eq!(s.quote.text, quote, "{text}");
        assert_eq!(speaker(s), "Lena Ostrova", "{text}");
    }
}

#[test]
fn an_open_quotation_after_its_verb_runs_on_to_the_end_of_its_clause() {
    for (text, quote) in [
        // No stop inside the marks: the speaker's sentence goes on.
        (
            "Lena Ostrova said “the gate stays open” until the ferry runs again.",
            "“the gate stays open” until the ferry runs again",
        ),
        // A second quotation in the sentence: both are the speaker's.
        (
            "Lena Ostrova said, “The gate stays open,” and “the ferry runs again.”",
            "“The gate stays open,” and “the ferry runs again.”",
        ),
    ] {
        let all = propose(text);
        let s = find(&all, "gate");
        assert_eq!(s.quote.text, quote, "{text}");
    }
}

#[test]
fn a_title_credited_to_its_author_is_not_a_quote() {
    let all = propose(
        "HARBOUR NEWS — “Ferry fares to rise in the spring,” by the Courier’s Ana Ruiz.\n\n\
         According to “Harbour Days: A History of the Quay” by Tomas Ferrand, the quay \
         opened in 1890.",
    );
    assert!(
        all.iter()
            .all(|s| !s.quote.text.contains("Ferry fares") && !s.quote.text.starts_with("“Harbour")),
        "{:#?}",
        texts(&all)
    );
}

#[test]
fn a_quote_followed_by_by_and_no_name_is_still_a_quote() {
    let all = propose("“The gate stays open,” by all accounts, Lena Ostrova said on Monday.");
    let s = find(&all, "gate stays open");
    assert_eq!(s.quote.text, "“The gate stays open,”");
}

#[test]
fn a_plural_possessive_in_the_attribution_does_not_hide_it() {
    for text in [
        "“The ferry will run,” Ana Ruiz, the Greens’ harbour spokeswoman, said on Monday.",
        "\"The ferry will run,\" Ana Ruiz, the Greens' harbour spokeswoman, said on Monday.",
    ] {
        let all = propose(text);
        let s = find(&all, "ferry will run");
        assert_eq!(s.rule, Rule::QuoteThenCue, "{text}");
        assert_eq!(cue(s), "said", "{text}");
        assert_eq!(speaker(s), "Ana Ruiz", "{text}");
    }
}

#[test]
fn a_title_set_off_by_commas_after_a_work_word_is_not_a_quote() {
    for (text, title) in [
        (
            "The ferry almost closed in 1990, Lena Ostrova said in her 2019 memoir, \
             “Harbour Days.” So the family stayed.",
            "Harbour Days",
        ),
        (
            "In her autobiography, “A Life on the Quay,” published last spring, Ostrova \
             described the strike.",
            "A Life on the Quay",
        ),
        (
            "The council spent $40,000 on a campaign. One ad, “Fair Fares for All,” shows a \
             ferry at dawn.",
            "Fair Fares",
        ),
    ] {
        let all = propose(text);
        assert!(
            all.iter().all(|s| !s.quote.text.starts_with('“')),
            "{text}: {:#?}",
            texts(&all)
        );
        assert!(
            all.iter()
                .filter(|s| s.quote.text.contains(title))
                .all(|s| s.rule != Rule::QuoteThenCue && s.rule != Rule::CueThenQuote),
            "{text}: {:#?}",
            texts(&all)
        );
    }
    // Somebody's words after a work word and a comma are still a quote.
    let all = propose("In the report, “the quay is unsafe,” Lena Ostrova said.");
    let s = find(&all, "quay is unsafe");
    assert_eq!(s.rule, Rule::QuoteThenCue);
    assert_eq!(speaker(s), "Lena Ostrova");
}

#[test]
fn a_short_quotation_handed_over_by_a_colon_is_a_likely_quote() {
    let all = propose(
        "The rally at the quay had one message: “Fix the bridge.”\n\n\
         Residents’ “ferry fatigue” was plain.",
    );
    let message = find(&all, "Fix the bridge");
    assert_eq!(message.quote.text, "“Fix the bridge.”");
    assert_eq!(message.rule, Rule::Colon);
    assert!(message.confidence >= 0.3, "{}", message.confidence);
    // The clause that hands it over is its attribution, linked to it.
    let clause = message.attribution.as_ref().expect("attribution");
    assert_eq!(clause.text, "The rally at the quay had one message:");
    assert!(message.relation.is_some());
    // The same few words inside the writer's sentence stay a weak proposal.
    let fatigue = find(&all, "ferry fatigue");
    assert_eq!(fatigue.rule, Rule::Unattributed);
    assert!(fatigue.confidence < 0.3, "{}", fatigue.confidence);
}

#[test]
fn the_clause_before_a_colon_is_spanned_from_its_last_comma() {
    let all = propose(
        "In a nod to the old strike, the banners at the quay bore one demand: “No toll, \
         no ferry.”",
    );
    let banners = find(&all, "No toll");
    assert_eq!(banners.rule, Rule::Colon);
    let clause = banners.attribution.as_ref().expect("attribution");
    assert_eq!(clause.text, "the banners at the quay bore one demand:");
}

#[test]
fn two_quotations_joined_by_and_after_one_verb_are_one_quote() {
    for text in [
        "At the quay the crowd chanted back at her, “Fix the bridge,” and “Cut the toll.”",
        "Ward kept telling the crowd, “We will win,” and, “The ferry stays.”",
    ] {
        let all = propose(text);
        assert_eq!(all.len(), 1, "{text}: {:#?}", texts(&all));
        let s = &all[0];
        assert_eq!(s.rule, Rule::CueThenQuote, "{text}");
        assert_eq!(s.quote.pieces.len(), 1, "{text}");
        assert!(
            s.quote.text.starts_with('“') && s.quote.text.ends_with('”'),
            "{text}"
        );
        assert!(s.quote.text.contains(" and"), "{text}");
    }
    // A quotation in the next sentence is not joined by the verb before the first.
    let all = propose("The crowd chanted, “Fix the bridge.” And “the toll” rose again.");
    assert_eq!(find(&all, "Fix the bridge").quote.text, "“Fix the bridge.”");
}
