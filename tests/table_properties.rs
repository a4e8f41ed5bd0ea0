//! Property tests for the tables articles are added from: a workbook with one of its parts
//! damaged (bytes flipped, cut, inserted or the part truncated, inside the zip, so the
//! damage reaches the spreadsheet reader rather than stopping at the zip) is added
//! through the real binary — whose reader runs in a child — and never crashes it: the
//! workbook is added, or skipped with a message naming it, and the project is untouched
//! when nothing was added. Text tables (CSV, TSV, JSON Lines) get arbitrary bytes in
//! process. `PROPTEST_CASES=2000` searches longer by hand.

mod support;

use lectern::formats::table::read_table;
use proptest::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::cli::lectern_within;

/// `PROPTEST_CASES` when set (a long run by hand), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small workbook of articles: header row, non-ASCII text, a number, a date.
fn workbook() -> Vec<u8> {
    support::articles_workbook(&["„Nein“, sagte sie – zweimal.", "Ferry «late» again ☂"])
}

/// The parts of a zip file, by name, in order.
fn parts(zip_bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("part");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("read part");
            (file.name().expect("part name").into_owned(), bytes)
        })
        .collect()
}

/// A zip of `parts`, stored uncompressed.
fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        out.start_file(name.as_str(), stored).expect("start part");
        out.write_all(bytes).expect("write part");
    }
    out.finish().expect("finish zip").into_inner()
}

/// One way of damaging a part, at a position taken modulo its length.
#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Cut(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let insert = prop_oneof![
        Just(b"<".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"r=\"XFD1048577\"".to_vec()),
        Just(b"<c r=\"A1\" t=\"s\"><v>99</v></c>".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, x)| Damage::Flip(at, x)),
        (any::<usize>(), 1..40usize).prop_map(|(at, n)| Damage::Cut(at, n)),
        (any::<usize>(), insert).prop_map(|(at, b)| Damage::Insert(at, b)),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match damage {
        Damage::Flip(at, x) => bytes[at % len] ^= x,
        Damage::Cut(at, n) => {
            let at = at % len;
            bytes.drain(at..(at + n).min(len));
        }
        Damage::Insert(at, b) => {
            let at = at % (len + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Damage::Truncate(at) => bytes.truncate(at % len),
    }
}

/// A project file with one article in it, to add to.
fn project(dir: &Path) -> PathBuf {
    let mut p = lectern::model::Project::new("Tables");
    p.documents.push(lectern::model::Document::new(
        lectern::model::DocId(1),
        "First",
        "Ana Ruiz said the ferry would run.",
    ));
    let path = dir.join("p.ron");
    lectern::store::save(&p, &path).expect("save");
    path
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(12)))]

    #[test]
    fn a_damaged_workbook_is_added_or_skipped_with_its_name_never_a_crash(
        part in any::<prop::sample::Index>(),
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = project(dir.path());
        let before = std::fs::read(&path).expect("project");
        let mut parts = parts(&workbook());
        let hit = part.index(parts.len());
        for d in &damages {
            apply(&mut parts[hit].1, d);
        }
        std::fs::write(dir.path().join("damaged.xlsx"), zipped(&parts)).expect("write");

        let ran = lectern_within(
            dir.path(),
            &["add", "p.ron", "damaged.xlsx"],
            Duration::from_secs(120),
        );
        prop_assert!(!ran.stderr.contains("panicked"), "{}: {}", parts[hit].0, ran.stderr);
        match ran.code {
            Some(0) => {
                let p = lectern::store::load(&path).expect("the project still loads");
                prop_assert!(p.documents.len() > 1, "{}", ran.stderr);
                prop_assert!(p.documents.iter().all(|d| !d.text.as_str().trim().is_empty()));
            }
            Some(1) => {
                prop_assert!(ran.stderr.contains("damaged.xlsx"), "{}", ran.stderr);
                let p = lectern::store::load(&path).expect("the project still loads");
                if p.documents.len() == 1 {
                    prop_assert_eq!(std::fs::read(&path).expect("project"), before);
                }
            }
            other => prop_assert!(false, "exit {:?} on damaged {}: {}", other, parts[hit].0, ran.stderr),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    #[test]
    fn text_tables_never_panic_and_name_the_file(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        text in "[\",;\\t\\n\\r{}\\[\\]:a-zA-Z0-9 “”é\u{feff}]{0,200}",
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        for ext in ["csv", "tsv", "jsonl"] {
            for (i, content) in [bytes.as_slice(), text.as_bytes()].into_iter().enumerate() {
                let path = dir.path().join(format!("t{i}.{ext}"));
                std::fs::write(&path, content).expect("write");
                if let Err(e) = read_table(&path) {
                    let name = format!("t{i}.{ext}");
                    prop_assert!(e.to_string().contains(&name), "{e}");
                }
            }
        }
    }
}
