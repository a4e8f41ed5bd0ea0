//! What the assistant returns: for each attribution found, the quote and the attribution
//! span as code-point pieces with their labels and attributes, the relation between
//! them, the rule and its confidence — plain values the window and the command line
//! turn into spans and relations.

use super::Found;
use super::accept::{Place, same_quote};
use super::cue::Cue;
use super::roles::Roles;
use super::rule::Rule;
use super::source::{SUBJECT_PRONOUNS, only_asides};
use super::speaker::{People, clean};
use super::token::Tokens;
use crate::model::{Lexicon, VerbDetail};
use std::collections::BTreeMap;

/// A span the assistant proposes: label, pieces and attribute values.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposedSpan {
    /// The label's name.
    pub label: String,
    /// Code point ranges, end exclusive, in text order, not touching each other.
    pub pieces: Vec<(usize, usize)>,
    /// The pieces' text joined by one space (as brat and `Span::joined_text` do).
    pub text: String,
    /// Attribute values by field name (a quote's `speaker`; an attribution's `cue` and
    /// `source`).
    pub attributes: BTreeMap<String, String>,
}

/// One attribution found: the quote, what introduces it, why, and how sure.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The quote (the content).
    pub quote: ProposedSpan,
    /// The source and cue ("Mr Ward told reporters"), when the codebook has a label for
    /// it and the text has a cue. Quotes of one speaker may share one.
    pub attribution: Option<ProposedSpan>,
    /// The relation type from the attribution to the quote (`introduces`), if any.
    pub relation: Option<String>,
    /// The rule that found it.
    pub rule: Rule,
    /// How sure the rule is, 0–1.
    pub confidence: f32,
}

impl Suggestion {
    /// The speaker proposed for the quote, if any.
    pub fn speaker(&self, roles: &Roles) -> Option<&str> {
        let field = roles.speaker.as_deref()?;
        self.quote.attributes.get(field).map(String::as_str)
    }
}

/// Turns what the rules found into suggestions: pieces in code points, speakers resolved
/// in text order, duplicates (mostly the same words found twice) dropped.
pub fn build(
    tokens: &Tokens,
    cues: &[Cue],
    found: Vec<Found>,
    roles: &Roles,
    lexicon: &Lexicon,
    quoted: &[bool],
) -> Vec<Suggestion> {
    let found = dedupe(tokens, found, cues, quoted, lexicon);
    // Speakers are resolved in the order sources appear, as a reader meets them.
    let mut people = People::new(tokens, lexicon, quoted);
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].source.map_or(usize::MAX, |s| s.0));
    let mut speakers = vec![None; found.len()];
    for i in order {
        if let Some(src) = found[i].source {
            speakers[i] = Some(people.resolve(tokens, src));
        }
    }
    found
        .iter()
        .zip(speakers)
        .map(|(f, speaker)| suggestion(tokens, cues, f, speaker, roles))
        .collect()
}

/// One proposal per quote: of the attributions found for mostly the same words (two
/// rules, or two cues reaching the same clause), the outer one (whose content does not
/// hold the other's cue: "saying that he is worried about …" over "worried about …"),
/// then the surest, then the longest, is kept — the others would only be skipped as
/// duplicates when accepted. Text order is kept.
fn dedupe(
    tokens: &Tokens,
    found: Vec<Found>,
    cues: &[Cue],
    quoted: &[bool],
    lexicon: &Lexicon,
) -> Vec<Found> {
    let half_open =
        |f: &Found| -> Vec<(usize, usize)> { f.content.iter().map(|&(a, b)| (a, b + 1)).collect() };
    let place = |f: &Found| Place {
        pieces: half_open(f),
        attributions: own_attribution(tokens, cues, quoted, lexicon, f)
            .into_iter()
            .collect(),
    };
    let length = |f: &Found| f.content.iter().map(|&(a, b)| b + 1 - a).sum::<usize>();
    let mut order: Vec<usize> = (0..found.len())
        .filter(|&i| !found[i].content.is_empty())
        .collect();
    let nested: Vec<bool> = found
        .iter()
        .map(|f| {
            let at = f.cue.and_then(|c| cues.get(c)).map(|c| c.first);
            at.is_some_and(|at| {
                found
                    .iter()
                    .any(|g| g.cue != f.cue && g.content.iter().any(|&(a, b)| a <= at && at <= b))
            })
        })
        .collect();
    order.sort_by(|&i, &j| {
        nested[i]
            .cmp(&nested[j])
            .then(found[j].confidence.total_cmp(&found[i].confidence))
            .then(length(&found[j]).cmp(&length(&found[i])))
            .then(i.cmp(&j))
    });
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let here = place(&found[i]);
        if !kept.iter().any(|&k| same_quote(&place(&found[k]), &here)) {
            kept.push(i);
        }
    }
    kept.sort_unstable();
    let mut keep = vec![false; found.len()];
    for k in kept {
        keep[k] = true;
    }
    found
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

/// The cue and source of a quotation nested in another quote's reported speech with an
/// attribution of its own, in a relative clause ("… was possible, a concession that
/// analysts in Veridia described as “…”"): its own quote, not a duplicate of the outer
/// one (see [`super::accept::nested_in`]). A quotation after its naming verb only
/// ("described as", "called", "dubbed"), with a source
/// that names somebody (no pronoun, which may be the outer speaker again), after "that",
/// "which", "what" or "whom". Looser tests cost PolNeAR train overlap F1, which codes few
/// nested quotes: any nested reported speech 0.013 (1,200 more proposals for 200 more
/// matches), any nested quotation with a named source 0.001.
fn own_attribution(
    tokens: &Tokens,
    cues: &[Cue],
    quoted: &[bool],
    lexicon: &Lexicon,
    f: &Found,
) -> Option<Vec<(usize, usize)>> {
    let cue = f.cue.and_then(|c| cues.get(c))?;
    let naming = cue
        .verb
        .and_then(|v| lexicon.verbs.get(v))
        .is_some_and(|e| e.detail == Some(VerbDetail::Metalinguistic));
    let (a, b) = f.source?;
    let first = tokens.toks.get(a)?.lower.as_str();
    let named =
        !SUBJECT_PRONOUNS.contains(&first) && !["his", "her", "their", "its"].contains(&first);
    let relative = a
        .checked_sub(1)
        .and_then(|i| tokens.toks.get(i))
        .is_some_and(|t| ["that", "which", "what", "whom"].contains(&t.lower.as_str()));
    let quotation = f
        .content
        .iter()
        .any(|&(s, e)| quoted.get(s..=e).is_some_and(|q| q.contains(&true)));
    let said_outside = !quoted.get(cue.first..=cue.last)?.contains(&true);
    (f.rule == Rule::CueThenQuote && naming && named && relative && quotation && said_outside)
        .then(|| vec![(cue.aux, cue.last + 1), (a, b + 1)])
}

fn suggestion(
    tokens: &Tokens,
    cues: &[Cue],
    f: &Found,
    speaker: Option<String>,
    roles: &Roles,
) -> Suggestion {
    let toks = &tokens.toks;
    let pieces: Vec<(usize, usize)> = f
        .content
        .iter()
        .map(|&(a, b)| (toks[a].start, toks[b].end))
        .collect();
    let mut quote = span(tokens, &roles.quote, pieces);
    if let (Some(field), Some(who)) = (&roles.speaker, speaker) {
        quote.attributes.insert(field.clone(), who);
    }
    let attribution = roles
        .attribution
        .as_ref()
        .zip(f.cue.and_then(|c| cues.get(c)))
        .map(|(label, cue)| attribution_span(tokens, cue, f, label, roles, &quote.pieces));
    Suggestion {
        quote,
        relation: attribution.as_ref().and(roles.relation.clone()),
        attribution,
        rule: f.rule,
        confidence: f.confidence.clamp(0.0, 1.0),
    }
}

fn span(tokens: &Tokens, label: &str, pieces: Vec<(usize, usize)>) -> ProposedSpan {
    let text = pieces
        .iter()
        .map(|&(a, b)| tokens.text(a..b))
        .collect::<Vec<_>>()
        .join(" ");
    ProposedSpan {
        label: label.to_owned(),
        pieces,
        text,
        attributes: BTreeMap::new(),
    }
}

/// The attribution span: source and cue ([`attribution_pieces`]), never overlapping the
/// quote; its `cue` is the verb as written, its `source` the source as written.
fn attribution_span(
    tokens: &Tokens,
    cue: &Cue,
    f: &Found,
    label: &str,
    roles: &Roles,
    quote: &[(usize, usize)],
) -> ProposedSpan {
    let mut out = span(
        tokens,
        label,
        attribution_pieces(tokens, cue, f.source, quote),
    );
    if let Some(field) = &roles.cue {
        out.attributes
            .insert(field.clone(), tokens.span_text(cue.first, cue.last));
    }
    if let (Some(field), Some((a, b))) = (&roles.source, f.source) {
        // As a coder writes it: without the "who" joining it to its verb ("traders who
        // describe" → "traders"), which the span keeps.
        let written = clean(&tokens.span_text(a, b));
        if !written.is_empty() {
            out.attributes.insert(field.clone(), written);
        }
    }
    out
}

/// Where the attribution lies, in code points: source and cue with what lies between them
/// when that is only commas, connectives and adverbs ("Khan, however, said"); else the
/// source and the cue as two pieces, as a coder marks them ("The then-US President …
/// described" around an aside in dashes, "Mr Trump … saying" around what he did before
/// saying it), unless the cue is a reporting noun whose verb lies between ("Ward dismissed
/// the claim"). A source in another sentence, or overlapping the quote, is named (the
/// `source` attribute), not spanned.
fn attribution_pieces(
    tokens: &Tokens,
    cue: &Cue,
    source: Option<(usize, usize)>,
    quote: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let toks = &tokens.toks;
    let chars = |(a, b): (usize, usize)| (toks[a].start, toks[b].end);
    let cue_piece = (cue.aux, cue.last);
    let overlaps = |p: (usize, usize)| {
        let (a, b) = chars(p);
        quote.iter().any(|&(s, e)| a < e && s < b)
    };
    let sentence = tokens.sentence_of.get(cue.first);
    let Some((a, b)) = source.filter(|&(a, b)| {
        tokens.sentence_of.get(a) == sentence
            && tokens.sentence_of.get(b) == sentence
            && !overlaps((a, b))
    }) else {
        return vec![chars(cue_piece)];
    };
    let (first, second) = if b < cue.aux {
        ((a, b), cue_piece)
    } else if a > cue.last {
        (cue_piece, (a, b))
    } else {
        return vec![chars(cue_piece)];
    };
    let whole = (first.0, second.1);
    // "Ward dismissed the claim that …": a reporting noun's verb lies between them.
    let noun_verb = cue.noun && first.1 < cue.aux;
    if (noun_verb || only_asides(tokens, first.1 + 1..second.0)) && !overlaps(whole) {
        vec![chars(whole)]
    } else {
        vec![chars(first), chars(second)]
    }
}
