//! Article decoding (encoding detection, line ends, binary refusal) on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = lectern::formats::article::decode_article(data, Path::new("fuzz.txt")) {
        assert!(!article.text.contains('\r'));
    }
});
