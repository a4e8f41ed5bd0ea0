//! Pairs quotation marks into quoted stretches, in every common style: " ", “ ”, ‘ ’,
//! « » (and » «), „ “, ‚ ‘, ‹ ›, 「 」, 『 』 and the `''` of some newswires.
//!
//! A quotation that runs over several paragraphs opens each paragraph again without
//! closing the one before (the English convention), so an unclosed quote continues when
//! the next paragraph opens with a mark of the same kind. Marks inside a quotation (the
//! single quotes of a quote within a quote) are not pairs of their own: what a source
//! said is the outer quotation.

use super::token::{Kind, Tokens};

/// A quoted stretch of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Token of the opening mark.
    pub open: usize,
    /// Token of the closing mark.
    pub close: usize,
    /// Tokens of the marks that reopen the quotation in later paragraphs.
    pub reopened: Vec<usize>,
}

/// The two families of quotation marks: a single quotation may sit inside a double one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Corner,
}

/// What a mark can do, from its shape and the spaces around it.
#[derive(Clone, Copy, Debug)]
struct Mark {
    family: Family,
    can_open: bool,
    can_close: bool,
    /// The closing marks that match this one when it opens.
    closers: &'static [&'static str],
}

fn mark(tokens: &Tokens, i: usize) -> Option<Mark> {
    let t = &tokens.toks[i];
    if t.kind != Kind::Quote {
        return None;
    }
    let next = tokens.toks.get(i + 1);
    let prev = i.checked_sub(1).map(|p| &tokens.toks[p]);
    // A mark opens when text follows it directly and it does not end a word.
    let opens = !t.space_after
        && next.is_some_and(|n| n.para == t.para)
        && (t.space_before || prev.is_none_or(|p| p.kind != Kind::Word || p.para != t.para));
    let closes = !t.space_before && prev.is_some_and(|p| p.para == t.para);
    let m = |family, can_open, can_close, closers| {
        Some(Mark {
            family,
            can_open,
            can_close,
            closers,
        })
    };
    match t.lower.as_str() {
        "“" => m(Family::Double, true, closes, &["”", "“", "\""]),
        "”" => m(Family::Double, opens, true, &["”"]),
        "\"" | "''" => m(Family::Double, opens, closes, &["\"", "''", "”"]),
        "„" => m(Family::Double, true, false, &["“", "”"]),
        "«" => m(Family::Double, true, closes, &["»"]),
        "»" => m(Family::Double, opens, true, &["«"]),
        "‹" => m(Family::Single, true, closes, &["›"]),
        "›" => m(Family::Single, opens, true, &["‹"]),
        "‚" => m(Family::Single, true, false, &["‘", "’"]),
        "‘" => m(Family::Single, opens || t.space_before, closes, &["’", "'"]),
        "'" => m(Family::Single, opens, closes, &["'", "’"]),
        "「" => m(Family::Corner, true, false, &["」"]),
        "『" => m(Family::Corner, true, false, &["』"]),
        "」" | "』" => m(Family::Corner, false, true, &[]),
        _ => None,
    }
}

/// For each token, whether it lies inside one of `quotations` (its marks included).
pub fn flags(tokens: &Tokens, quotations: &[Quoted]) -> Vec<bool> {
    let mut quoted = vec![false; tokens.toks.len()];
    for q in quotations {
        for flag in &mut quoted[q.open..=q.close] {
            *flag = true;
        }
    }
    quoted
}

/// Every outermost quotation of the text, in order.
pub fn quotations(tokens: &Tokens) -> Vec<Quoted> {
    let mut out = Vec::new();
    let n = tokens.toks.len();
    let mut i = 0;
    while i < n {
        let Some(m) = mark(tokens, i).filter(|m| m.can_open) else {
            i += 1;
            continue;
        };
        match closing(tokens, i, m) {
            Some(q) => {
                i = q.close + 1;
                out.push(q);
            }
            None => i += 1,
        }
    }
    out
}

/// The quotation opened at token `open`, if it closes: within its paragraph, or in a
/// later one that reopens it.
fn closing(tokens: &Tokens, open: usize, m: Mark) -> Option<Quoted> {
    let toks = &tokens.toks;
    let mut reopened = Vec::new();
    let mut inner_open: Option<usize> = None;
    let mut j = open + 1;
    while j < toks.len() {
        if toks[j].para != toks[j - 1].para {
            // A new paragraph: the quotation goes on only if it opens with the same kind.
            let again = mark(tokens, j).filter(|k| k.can_open && k.family == m.family);
            if again.is_none() || inner_open.is_some() {
                return None;
            }
            reopened.push(j);
            j += 1;
            continue;
        }
        if let Some(k) = mark(tokens, j) {
            let text = toks[j].lower.as_str();
            if k.can_close && m.closers.contains(&text) && k.family == m.family {
                // Straight marks both open and close: one followed by a word while an
                // inner quotation is open belongs to it.
                if inner_open.is_none() || !k.can_open {
                    return Some(Quoted {
                        open,
                        close: j,
                        reopened,
                    });
                }
            }
            if k.family != m.family {
                match inner_open {
                    Some(_) if k.can_close => inner_open = None,
                    None if k.can_open && !k.can_close => inner_open = Some(j),
                    None if k.can_open && toks[j].space_before => inner_open = Some(j),
                    _ => {}
                }
            }
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        quotations(&t)
            .iter()
            .map(|q| {
                let (a, b) = (t.toks[q.open].start, t.toks[q.close].end);
                t.text(a..b)
            })
            .collect()
    }

    #[test]
    fn every_style_pairs() {
        for (text, want) in [
            ("He said “no way” today.", "“no way”"),
            ("He said \"no way\" today.", "\"no way\""),
            ("He said ‘no way’ today.", "‘no way’"),
            ("Il a dit « pas question » hier.", "« pas question »"),
            ("Er sagte „auf keinen Fall“ gestern.", "„auf keinen Fall“"),
            ("Er sagte »auf keinen Fall« gestern.", "»auf keinen Fall«"),
            ("彼は「絶対にない」と言った。", "「絶対にない」"),
            ("He said ''no way'' today.", "''no way''"),
        ] {
            assert_eq!(quoted(text), [want], "{text}");
        }
    }

    #[test]
    fn inner_quotes_and_apostrophes_do_not_break_the_outer_quote() {
        assert_eq!(
            quoted("“It’s the mayor’s ‘plan’, the voters’ choice,” she said."),
            ["“It’s the mayor’s ‘plan’, the voters’ choice,”"]
        );
        assert_eq!(
            quoted("\"He called it 'madness' today,\" she said. \"Yes.\""),
            ["\"He called it 'madness' today,\"", "\"Yes.\""]
        );
    }

    #[test]
    fn a_quote_over_two_paragraphs_reopens_without_closing() {
        let text = "“First part of it.\n\n“Second part,” he said.";
        let t = Tokens::new(text);
        let q = quotations(&t);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].reopened.len(), 1);
        assert_eq!(t.toks[q[0].close].end, 34);
    }

    #[test]
    fn an_unclosed_quote_is_no_quotation() {
        assert!(quoted("He said “no way.\n\nThe end.").is_empty());
    }
}
