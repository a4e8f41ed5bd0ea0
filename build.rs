//! Build step: the quote assistant's English model (`assets/assist/en.tsv`, 1.7 MB of
//! text, kept readable in the repository) goes into the binary deflated (about 0.4 MB);
//! `src/assist/model.rs` inflates it once, on first use, and reads the same text.

use std::path::PathBuf;

fn main() {
    let source = "assets/assist/en.tsv";
    println!("cargo::rerun-if-changed={source}");
    println!("cargo::rerun-if-changed=build.rs");
    let text = std::fs::read(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let deflated = miniz_oxide::deflate::compress_to_vec(&text, 9);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target = out.join("assist-en.tsv.deflate");
    std::fs::write(&target, deflated).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
