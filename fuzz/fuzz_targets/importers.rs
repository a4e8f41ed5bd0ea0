//! Every importer on an arbitrary file: the first byte picks the format, the rest is the
//! file (for brat, both the `.ann` and the `.txt`).
#![no_main]

use lectern::formats::ImportFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let format = ImportFormat::ALL[pick as usize % ImportFormat::ALL.len()];
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join(format!("f.{}", format.extensions()[0]));
    if std::fs::write(&path, content).is_err() {
        return;
    }
    if format == ImportFormat::Brat {
        let _ = std::fs::write(path.with_extension("txt"), content);
    }
    let _ = format.read(std::slice::from_ref(&path));
});
