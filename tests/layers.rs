//! The layering described in `src/lib.rs`, checked on the sources: a module may use only the
//! layers below it, so a shortcut (an export writing through `store`, a model type reaching
//! for egui) is caught here rather than found in review.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out
}

/// `crate::LAYER` paths used in `layer`'s sources (test-only fixture modules excepted),
/// as "file: crate::other" lines.
fn uses_of(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let root = src.join(layer);
    let files = if root.is_dir() {
        sources(&root)
    } else {
        vec![src.join(format!("{layer}.rs"))]
    };
    let mut found = Vec::new();
    for file in files {
        // Test-only module that writes its projects as files to compare with the committed ones.
        if file.ends_with("analysis/fixture.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read source");
        for other in forbidden {
            if text.contains(&format!("crate::{other}")) {
                found.push(format!("{}: crate::{other}", file.display()));
            }
        }
    }
    found
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let rules: [(&str, &[&str]); 8] = [
        (
            "spreadsheet",
            &["model", "store", "formats", "analysis", "ui", "cli"],
        ),
        (
            "fsutil",
            &["model", "store", "formats", "analysis", "ui", "cli"],
        ),
        (
            "model",
            &["fsutil", "store", "formats", "analysis", "ui", "cli"],
        ),
        (
            "progress",
            &["model", "store", "formats", "analysis", "ui", "cli"],
        ),
        ("store", &["formats", "analysis", "ui", "cli"]),
        ("formats", &["store", "analysis", "ui", "cli"]),
        ("analysis", &["store", "formats", "ui", "cli"]),
        ("text", &["store", "formats", "analysis", "ui", "cli"]),
    ];
    let mut broken = Vec::new();
    for (layer, forbidden) in rules {
        broken.extend(uses_of(layer, forbidden));
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}
