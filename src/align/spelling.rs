//! Words written out the one way the comparison reads them: contractions ("won't" →
//! will not), "per cent", numbers in digits or words ("twenty-five", "25"), sums with a
//! currency symbol or an abbreviated multiplier ("£4m" → 4000000 pounds) and units after
//! a number ("4 million pounds", "10pc"), so outlets that spell the same words
//! differently print the same words.

use super::tokens::Raw;
use super::words::AlignWords;

/// Contractions written out, "per cent" as one word, spelled numbers and digits as one
/// number each ("twenty-five", "twenty five" and "25"; "1,000" and "one thousand";
/// "4m", "4 million" and "four million"), and a number's currency or unit as one word
/// after it ("£4m" and "4 million pounds"; "10%", "10pc" and "ten per cent").
pub(super) fn write_out(raw: Vec<Raw>, words: &AlignWords) -> Vec<Raw> {
    let mut expanded: Vec<Raw> = Vec::with_capacity(raw.len());
    for r in raw {
        match words.expand(&r.word) {
            Some(parts) => {
                for (k, w) in parts.into_iter().enumerate() {
                    expanded.push(Raw {
                        word: w,
                        gap_before: r.gap_before && k == 0,
                        editorial_before: r.editorial_before && k == 0,
                        ..r.clone()
                    });
                }
            }
            None => expanded.push(r),
        }
    }
    let mut out: Vec<Raw> = Vec::with_capacity(expanded.len());
    let mut i = 0;
    while i < expanded.len() {
        let here = &expanded[i];
        if here.word == "per" && expanded.get(i + 1).is_some_and(|n| n.word == "cent") {
            out.push(Raw {
                word: "percent".to_owned(),
                end: expanded[i + 1].end,
                ..here.clone()
            });
            i += 2;
            continue;
        }
        if let Some(currency) = currency_of(&here.word, words) {
            // "£4m": the number, then the currency, both standing for all of "£4m".
            let number = number_at(&expanded[i + 1..], words);
            let (used, end) = number
                .as_ref()
                .map_or((0, here.end), |n| (n.used, expanded[i + n.used].end));
            let first = Raw {
                end,
                ..here.clone()
            };
            if let Some(n) = number {
                out.push(Raw {
                    word: n.value,
                    ..first.clone()
                });
            }
            out.push(Raw {
                word: currency.to_owned(),
                ..first
            });
            i += 1 + used;
            continue;
        }
        if let Some(n) = number_at(&expanded[i..], words) {
            let written = Raw {
                end: expanded[i + n.used - 1].end,
                ..here.clone()
            };
            out.push(Raw {
                word: n.value,
                ..written.clone()
            });
            i += n.used;
            // "10pc": the unit stands with the digits; "4 million pounds": after them.
            if let Some(unit) = n.unit {
                out.push(Raw {
                    word: unit,
                    ..written
                });
            } else if let Some(next) = expanded.get(i)
                && let Some(unit) = words
                    .unit(&next.word)
                    .or_else(|| currency_of(&next.word, words))
            {
                out.push(Raw {
                    word: unit.to_owned(),
                    ..next.clone()
                });
                i += 1;
            }
            continue;
        }
        out.push(here.clone());
        i += 1;
    }
    out
}

/// The word a currency symbol read as a word ("£") compares as.
fn currency_of<'a>(word: &str, words: &'a AlignWords) -> Option<&'a str> {
    let mut chars = word.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    words.currency(c)
}

/// A number read from one or more words.
struct Number {
    /// Its value, in digits ("4000000", "3.5").
    value: String,
    /// How many words it took.
    used: usize,
    /// A unit written against the digits ("pc" in "10pc"), as the word it compares as.
    unit: Option<String>,
}

/// The number written at the start of `raw`: digits ("1,000", "3.5", "4m", "5 million")
/// or number words ("one hundred and twenty", "a million").
fn number_at(raw: &[Raw], words: &AlignWords) -> Option<Number> {
    let first = &raw.first()?.word;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(digits_at(raw, words));
    }
    let (mut total, mut current, mut used) = (0u64, 0u64, 0usize);
    let mut any = false;
    let next_is = |k: usize, test: &dyn Fn(&str) -> bool| raw.get(k).is_some_and(|n| test(&n.word));
    while let Some(r) = raw.get(used) {
        if let Some(n) = words.number(&r.word) {
            current = current.saturating_add(n);
        } else if let Some(m) = words.multiplier(&r.word) {
            let base = if current == 0 { 1 } else { current };
            if m == 100 {
                current = base.saturating_mul(m);
            } else {
                total = total.saturating_add(base.saturating_mul(m));
                current = 0;
            }
        } else if r.word == "and" && any && next_is(used + 1, &|w| words.number(w).is_some()) {
            // "one hundred and twenty": the "and" belongs to the number.
        } else if r.word == "a" && !any && next_is(used + 1, &|w| words.multiplier(w).is_some()) {
            // "a million" is one million.
        } else {
            break;
        }
        any = true;
        used += 1;
    }
    any.then(|| Number {
        value: total.saturating_add(current).to_string(),
        used,
        unit: None,
    })
}

/// The number at the start of `raw`, which starts with a digit: "1,000", "3.5", "4m",
/// "4.5bn", "10pc", or digits and a multiplier word ("5 million").
fn digits_at(raw: &[Raw], words: &AlignWords) -> Number {
    let first = &raw[0].word;
    let split = first
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(first.len());
    let (written, suffix) = first.split_at(split);
    let digits: String = written.chars().filter(|&c| c != ',').collect();
    let as_written = Number {
        value: first.clone(),
        used: 1,
        unit: None,
    };
    let (times, used, unit) = if suffix.is_empty() {
        match raw.get(1).and_then(|r| words.multiplier(&r.word)) {
            Some(m) => (m, 2, None),
            None => (1, 1, None),
        }
    } else if let Some(m) = words.abbreviated(suffix) {
        (m, 1, None)
    } else if let Some(unit) = words.unit(suffix) {
        (1, 1, Some(unit.to_owned()))
    } else {
        // "1st", "4x4": a word of its own.
        return as_written;
    };
    match scaled(&digits, times) {
        Some(value) => Number { value, used, unit },
        // "3.14159 million": the digits compare as written, the multiplier as a word.
        None if suffix.is_empty() => Number {
            value: digits,
            used: 1,
            unit: None,
        },
        None => as_written,
    }
}

/// `digits` (no thousands separators; "3.5") times `times`, exactly, in digits: "3.5" ×
/// a million is "3500000". `None` when it is not a whole number or overflows.
fn scaled(digits: &str, times: u64) -> Option<String> {
    if times == 1 {
        return Some(digits.to_owned());
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let fraction = fraction.trim_end_matches('0');
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut value = whole.checked_mul(times)?;
    if !fraction.is_empty() {
        let scale = 10u64.checked_pow(u32::try_from(fraction.len()).ok()?)?;
        if !times.is_multiple_of(scale) {
            return None;
        }
        value = value.checked_add(fraction.parse::<u64>().ok()?.checked_mul(times / scale)?)?;
    }
    Some(value.to_string())
}
