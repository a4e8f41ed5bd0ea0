//! Property tests: nothing Lectern reads can make it panic. The RON loader gets arbitrary
//! text and mutations of a valid project; article decoding and every importer get
//! arbitrary bytes. A few hundred cases each, so `cargo test` stays quick; the cargo-fuzz
//! targets in `fuzz/` search far longer (`PROPTEST_CASES=100000` also works here).

use lectern::formats::ImportFormat;
use lectern::formats::article::decode_article;
use lectern::store;
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

/// One edit of a text: replace, insert or delete a byte range.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(usize, String),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let chunk = prop::collection::vec(prop::sample::select(RON_ALPHABET), 1..8)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    prop_oneof![
        (any::<usize>(), chunk).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut s = text.to_owned();
    let boundary = |s: &str, at: usize| {
        let mut at = at % (s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    for m in mutations {
        match m {
            Mutation::Insert(at, chunk) => {
                let at = boundary(&s, *at);
                s.insert_str(at, chunk);
            }
            Mutation::Delete(at, n) => {
                let from = boundary(&s, *at);
                let to = boundary(&s, from.saturating_add(*n).min(s.len()));
                s.replace_range(from..to.max(from), "");
            }
            Mutation::Truncate(at) => {
                let at = boundary(&s, *at);
                s.truncate(at);
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn the_loader_never_panics_on_arbitrary_text(text in ".{0,400}") {
        let _ = store::from_ron(&text, Path::new("any.ron"));
    }

    #[test]
    fn the_loader_never_panics_on_a_mutated_project(
        mutations in prop::collection::vec(mutation(), 1..6)
    ) {
        let text = apply(VALID, &mutations);
        if let Ok(project) = store::from_ron(&text, Path::new("m.ron")) {
            // Whatever loads is valid and saves back to something that loads again.
            prop_assert!(project.problems().is_empty());
            let again = store::to_ron(&project).expect("serialise");
            prop_assert_eq!(store::from_ron(&again, Path::new("m.ron")).ok(), Some(project));
        }
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
