//! Property tests: nothing Lectern reads can make it panic. The RON loader gets arbitrary
//! text, and valid projects mutated (bit flips, insertions, deletions, truncation, two
//! fields' values swapped) that must load cleanly or be refused with an error naming the
//! place; article decoding and every importer get arbitrary bytes. A few hundred cases each, so `cargo test` stays quick; the cargo-fuzz
//! targets in `fuzz/` search far longer (`PROPTEST_CASES=100000` also works here).

use lectern::formats::ImportFormat;
use lectern::formats::article::decode_article;
use lectern::store::{self, StoreError};
use proptest::prelude::*;
use std::path::Path;

/// `PROPTEST_CASES` when set (a long run by hand), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const VALID: &str = include_str!("fixtures/malformed/00-valid-control.ron");

/// Characters that matter to RON's grammar, so mutations reach deep into the parser.
const RON_ALPHABET: &[char] = &[
    '(', ')', '[', ']', '{', '}', ',', ':', '"', '\\', 'r', '#', '\'', '0', '9', '-', '.', 'e',
    'S', 'o', 'm', ' ', '\n', '\u{0}', '“', '😀', 'N', 'T',
];

/// Valid projects the mutations start from: the small control fixture and the sample
/// project (fragments, attributes, relations, non-ASCII text).
const STARTS: [&str; 2] = [VALID, include_str!("../projects/harbour-bridge.ron")];

/// One change to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    /// Flip one bit of a byte (may leave the file not UTF-8).
    Flip(usize, u8),
    /// Insert characters that matter to RON's grammar.
    Insert(usize, String),
    /// Delete a byte range.
    Delete(usize, usize),
    /// Cut the file short.
    Truncate(usize),
    /// Swap the values of two `field: value,` lines (types and meanings mismatch).
    SwapFields(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let chunk = prop::collection::vec(prop::sample::select(RON_ALPHABET), 1..8)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        (any::<usize>(), chunk).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapFields(a, b)),
    ]
}

/// The lines of `bytes` that hold one `name: value,` field: (start of the value, end of
/// the line before its comma).
fn field_values(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        if let (Some(colon), Some(b',')) = (body.windows(2).position(|w| w == b": "), body.last())
            && body[..colon]
                .iter()
                .all(|&b| b == b' ' || b == b'_' || b.is_ascii_alphanumeric())
        {
            out.push((line_start + colon + 2, line_start + body.len() - 1));
        }
        line_start += line.len();
    }
    out
}

fn apply(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for m in mutations {
        let at = |b: &[u8], i: usize| i % (b.len() + 1);
        match m {
            Mutation::Flip(i, bit) if !b.is_empty() => {
                let i = i % b.len();
                b[i] ^= 1 << bit;
            }
            Mutation::Flip(..) => {}
            Mutation::Insert(i, chunk) => {
                let i = at(&b, *i);
                b.splice(i..i, chunk.bytes());
            }
            Mutation::Delete(i, n) => {
                let from = at(&b, *i);
                let to = from.saturating_add(*n).min(b.len());
                b.drain(from..to);
            }
            Mutation::Truncate(i) => {
                let i = at(&b, *i);
                b.truncate(i);
            }
            Mutation::SwapFields(x, y) => {
                let fields = field_values(&b);
                let (Some(&(s1, e1)), Some(&(s2, e2))) = (
                    fields.get(x % fields.len().max(1)),
                    fields.get(y % fields.len().max(1)),
                ) else {
                    continue;
                };
                let (first, second) = if s1 <= s2 {
                    ((s1, e1), (s2, e2))
                } else {
                    ((s2, e2), (s1, e1))
                };
                if first.1 > second.0 || first == second {
                    continue;
                }
                let v1 = b[first.0..first.1].to_vec();
                let v2 = b[second.0..second.1].to_vec();
                b.splice(second.0..second.1, v1);
                b.splice(first.0..first.1, v2);
            }
        }
    }
    b
}

/// Whether a refusal names the place: the file, and a line and column inside it, or the
/// document, span, label or relation that breaks a rule.
fn names_a_place(error: &StoreError, bytes: &[u8]) -> Result<(), String> {
    let message = error.to_string();
    if !message.contains("m.ron") {
        return Err(format!("the message does not name the file: {message}"));
    }
    match error {
        StoreError::Parse { line, column, .. } => {
            let lines = bytes.split(|&b| b == b'\n').count();
            if *line == 0 || *column == 0 || *line > lines {
                return Err(format!(
                    "line {line}, column {column} is not in the file ({lines} lines): {message}"
                ));
            }
        }
        StoreError::Invalid { problems, .. } => {
            if problems.is_empty() || problems.iter().any(|p| p.to_string().trim().is_empty()) {
                return Err(format!("a rule is broken but not said where: {message}"));
            }
        }
        StoreError::FutureFormat { .. } => {}
        other => return Err(format!("not a refusal of the file's content: {other}")),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn the_loader_never_panics_on_arbitrary_text(text in ".{0,400}") {
        let _ = store::from_ron(&text, Path::new("any.ron"));
    }

    #[test]
    fn a_mutated_project_loads_cleanly_or_the_error_names_the_place(
        start in prop::sample::select(&STARTS[..]),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let bytes = apply(start.as_bytes(), &mutations);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("m.ron");
        std::fs::write(&path, &bytes).expect("write");
        match store::load(&path) {
            Ok(project) => {
                // Whatever loads is valid and saves back to something that loads again.
                prop_assert!(project.problems().is_empty());
                let again = store::to_ron(&project).expect("serialise");
                prop_assert_eq!(store::from_ron(&again, &path).ok(), Some(project));
            }
            Err(e) => names_a_place(&e, &bytes).map_err(TestCaseError::fail)?,
        }
        prop_assert_eq!(std::fs::read(&path).expect("read"), bytes, "the file is untouched");
    }

    #[test]
    fn loading_arbitrary_bytes_from_a_file_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("b.ron");
        std::fs::write(&path, &bytes).expect("write");
        let _ = store::load(&path);
        prop_assert_eq!(std::fs::read(&path).expect("read"), bytes);
    }

    #[test]
    fn article_decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(article) = decode_article(&bytes, Path::new("a.txt")) {
            prop_assert!(!article.text.contains('\r'));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn importers_never_panic_on_arbitrary_files(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        text in "[\\[\\]{}\",:0-9a-zA-Z\\tT\\n ]{0,200}",
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        for format in ImportFormat::ALL {
            for (i, content) in [bytes.as_slice(), text.as_bytes()].into_iter().enumerate() {
                let ext = format.extensions()[0];
                let path = dir.path().join(format!("f{i}.{ext}"));
                std::fs::write(&path, content).expect("write");
                if format == ImportFormat::Brat {
                    std::fs::write(path.with_extension("txt"), content).expect("txt");
                }
                let _ = format.read(std::slice::from_ref(&path));
            }
        }
    }
}
