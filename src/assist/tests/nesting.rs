//! A quotation nested in another quote's reported speech with an attribution of its own
//! ("… a decision that traders described as “…”") is a quote of its own: the engine
//! proposes both, and accepting one does not hide the other, while the same quote again
//! (or a cut of it introduced from outside) is still a duplicate.

use super::{cue, propose, speaker, texts};
use crate::assist::Suggestion;
use crate::assist::accept::{self, Acceptance, FreshIds, Place, nested_in, same_quote};
use crate::model::{DocId, Document, History, Project};

const NESTED: &str = "Ana Ruiz admitted that a partial closure was likely, a decision that \
                      traders in Corvale described as “a slap in the face”.";

/// The proposal introduced by `verb`.
fn by_cue<'a>(all: &'a [Suggestion], verb: &str) -> &'a Suggestion {
    all.iter()
        .find(|s| cue(s) == verb)
        .unwrap_or_else(|| panic!("no quote with the cue {verb:?} in {:#?}", texts(all)))
}

fn place(pieces: &[(usize, usize)], attributions: &[&[(usize, usize)]]) -> Place {
    Place {
        pieces: pieces.to_vec(),
        attributions: attributions.iter().map(|a| a.to_vec()).collect(),
    }
}

#[test]
fn a_quotation_with_its_own_source_inside_reported_speech_is_proposed_too() {
    let all = propose(NESTED);
    let outer = by_cue(&all, "admitted");
    assert!(outer.quote.text.starts_with("that a partial closure"));
    assert!(
        outer.quote.text.contains("a slap in the face"),
        "{:#?}",
        texts(&all)
    );
    assert_eq!(speaker(outer), "Ana Ruiz");
    let inner = by_cue(&all, "described");
    // "described as “…”": the quote is the quotation, not "as".
    assert_eq!(inner.quote.text, "“a slap in the face”");
    assert!(!inner.quote.text.contains("partial"), "{:#?}", texts(&all));
    assert_eq!(speaker(inner), "traders in Corvale");
    assert!(inner.confidence >= 0.3);
}

#[test]
fn a_quotation_the_outer_speaker_describes_is_no_second_quote() {
    // "she" may be Ana Ruiz again: her own words, already in the outer quote.
    let all = propose("Ana Ruiz said that she had described the plan as “reckless”.");
    assert_eq!(all.len(), 1, "{:#?}", texts(&all));
    assert_eq!(cue(&all[0]), "said");
}

#[test]
fn nesting_needs_an_attribution_of_its_own_inside_the_outer_quote() {
    let outer = place(&[(20, 100)], &[&[(0, 15)]]);
    // The analysts' words inside, introduced inside: a quote of its own.
    let inner = place(&[(80, 99)], &[&[(60, 75)]]);
    assert!(nested_in(&inner, &outer));
    assert!(!same_quote(&inner, &outer) && !same_quote(&outer, &inner));
    // The same words again, or a cut of them introduced from outside (the outer's own
    // attribution, or none): one quote.
    assert!(same_quote(&outer.clone(), &outer));
    assert!(same_quote(&place(&[(20, 90)], &[&[(0, 15)]]), &outer));
    assert!(same_quote(&place(&[(20, 90)], &[]), &outer));
    // An interrupted quote's own attribution lies between its pieces, not in them: a
    // proposal of its second piece is the same quote.
    let interrupted = place(&[(0, 30), (45, 80)], &[&[(31, 44)]]);
    assert!(same_quote(
        &place(&[(45, 80)], &[&[(31, 44)]]),
        &interrupted
    ));
    // Reaching out of the outer quote is no nesting.
    assert!(!nested_in(&place(&[(90, 120)], &[&[(60, 75)]]), &outer));
}

fn project() -> Project {
    let mut p = Project::new("nesting");
    p.documents
        .push(Document::new(DocId(1), "Quay row", NESTED.to_owned()));
    p
}

fn accept_all(p: &mut Project, chosen: &[Suggestion]) -> accept::Accepted {
    let mut ids = FreshIds::new(p);
    let done = accept::accept(p, DocId(1), chosen, &Acceptance::default(), &mut ids);
    History::default()
        .apply(p, "accept", done.edits.clone())
        .expect("edits apply");
    done
}

#[test]
fn accepting_one_of_two_nested_quotes_leaves_the_other_to_review() {
    let all = propose(NESTED);
    let inner = by_cue(&all, "described").clone();
    let outer = by_cue(&all, "admitted").clone();
    // Both at once: both added.
    let mut p = project();
    let done = accept_all(&mut p, &all);
    assert_eq!((done.quotes, done.skipped), (2, 0), "{:#?}", texts(&all));
    let doc = &p.documents[0];
    assert!(accept::still_open(doc, all.clone()).is_empty());
    assert!(accept::is_coded(doc, &inner) && accept::is_coded(doc, &outer));
    // Accepted again: nothing is added twice.
    let again = accept_all(&mut p, &all);
    assert_eq!((again.quotes, again.skipped), (0, 2));

    // The inner one first: the outer one still waits, then is added.
    let mut p = project();
    accept_all(&mut p, std::slice::from_ref(&inner));
    let open = accept::still_open(&p.documents[0], all.clone());
    assert_eq!(open.len(), 1, "{:#?}", texts(&open));
    assert_eq!(open[0], outer);
    assert_eq!(accept_all(&mut p, &open).quotes, 1);

    // The outer one first: the inner one still waits.
    let mut p = project();
    accept_all(&mut p, std::slice::from_ref(&outer));
    let open = accept::still_open(&p.documents[0], all.clone());
    assert_eq!(open, vec![inner]);
}
