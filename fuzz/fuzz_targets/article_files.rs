//! Article files of every kind (`.txt`, `.html`, `.docx`, `.pdf`, …) on arbitrary bytes:
//! the first byte picks the extension, the rest is the file. Zip entries, PDF objects and
//! nested PDF forms must be refused within their limits, never crash or hang (run with
//! `-timeout` and `-rss_limit_mb`). Seed with `tests/fixtures/malformed/*.{docx,pdf}`.
#![no_main]

use lectern::formats::article::{ARTICLE_EXTENSIONS, read_article};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let ext = ARTICLE_EXTENSIONS[pick as usize % ARTICLE_EXTENSIONS.len()];
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join(format!("f.{ext}"));
    if std::fs::write(&path, content).is_err() {
        return;
    }
    if let Ok(article) = read_article(&path) {
        assert!(!article.text.contains('\r'));
        assert!(!article.text.trim().is_empty());
    }
});
