//! The reading recipes of `docs/project-format.md` (pandas and R) run as written, against
//! exports of the sample project made by the `lectern export` commands they give, so the
//! page's promise that each recipe works stays true. The recipes check offsets and
//! hashes themselves and stop on any error (a missing column, a wrong type), which fails
//! this test. Python comes from `LECTERN_PYTHON` (the venv `.ci/run` builds: pandas,
//! openpyxl, python-ron) and R from `Rscript` (Debian's r-base-core, r-cran-jsonlite,
//! r-cran-readxl); where they are missing the recipe is skipped out loud, and under
//! `CI=true` that is a failure.

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;
use support::cli::lectern_within;
use support::python::{self, available};

/// One fenced block of the recipes section: its language and its code.
struct Block {
    lang: String,
    code: String,
}

/// The fenced blocks of the "Reading recipes" section, in order.
fn recipe_blocks() -> Vec<Block> {
    let page = include_str!("../docs/project-format.md");
    let start = page
        .find("\n## Reading recipes")
        .expect("the recipes section");
    let section = &page[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let Some(lang) = line.strip_prefix("```") else {
            continue;
        };
        let code: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        blocks.push(Block {
            lang: lang.trim().to_owned(),
            code: code.join("\n") + "\n",
        });
    }
    blocks
}

/// A folder laid out like the repository root for the recipes: the sample project under
/// `projects/`.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("projects")).expect("mkdir");
    std::fs::copy(
        root.join("projects/harbour-bridge.ron"),
        dir.path().join("projects/harbour-bridge.ron"),
    )
    .expect("copy the sample");
    dir
}

/// Runs the `lectern …` lines of the shell blocks in `dir` (other lines, such as `pip
/// install`, are for the reader). Returns how many it ran.
fn run_exports(blocks: &[Block], dir: &Path) -> usize {
    let mut count = 0;
    for block in blocks.iter().filter(|b| b.lang == "sh") {
        for line in block.code.lines() {
            let Some(args) = line.strip_prefix("lectern ") else {
                continue;
            };
            let args: Vec<&str> = args.split_whitespace().collect();
            let ran = lectern_within(dir, &args, Duration::from_secs(60));
            assert_eq!(ran.code, Some(0), "{line}: {}", ran.stderr);
            count += 1;
        }
    }
    count
}

/// Runs `code` saved as `file` with `program` in `dir`; the recipe's output is shown on
/// failure.
fn run_recipe(program: &str, file: &str, code: &str, dir: &Path) {
    std::fs::write(dir.join(file), code).expect("write the recipe");
    let out = Command::new(program)
        .arg(file)
        .current_dir(dir)
        .output()
        .expect("run the recipe");
    assert!(
        out.status.success(),
        "the recipe {file} failed with {program}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Whether `Rscript` runs and has the packages the R recipe loads; see [`available`].
fn has_r() -> bool {
    let ok = Command::new("Rscript")
        .args(["-e", "library(jsonlite); library(readxl)"])
        .output()
        .is_ok_and(|o| o.status.success());
    available(
        ok,
        "Rscript with jsonlite and readxl (Debian: r-base-core r-cran-jsonlite r-cran-readxl)",
    )
}

#[test]
fn the_pandas_and_r_recipes_run_against_exports_of_the_sample_project() {
    let blocks = recipe_blocks();
    let python_blocks: Vec<&Block> = blocks.iter().filter(|b| b.lang == "python").collect();
    let r_blocks: Vec<&Block> = blocks.iter().filter(|b| b.lang == "r").collect();
    // The page has the exports recipe and the project-file recipe in Python, one in R: a
    // section this test no longer finds must fail here, not pass having run nothing.
    assert_eq!(python_blocks.len(), 2, "Python recipes in the page");
    assert_eq!(r_blocks.len(), 1, "R recipes in the page");
    let dir = workdir();
    assert!(
        run_exports(&blocks, dir.path()) >= 6,
        "the recipes' export commands"
    );
    for file in ["spans.csv", "spans.jsonl", "project.xlsx"] {
        assert!(dir.path().join(file).exists(), "{file} exported");
    }

    let python_ready = ["pandas", "openpyxl", "pyron"]
        .into_iter()
        .all(python::has_module);
    if python_ready {
        for (i, block) in python_blocks.iter().enumerate() {
            run_recipe(
                &python::python(),
                &format!("recipe{i}.py"),
                &block.code,
                dir.path(),
            );
        }
        // The project-file recipe writes the full texts the R recipe checks offsets with.
        assert!(dir.path().join("documents.jsonl").exists());
    }
    // The R recipe reads documents.jsonl from the Python one, so it needs Python too.
    if python_ready && has_r() {
        run_recipe("Rscript", "recipe.R", &r_blocks[0].code, dir.path());
    }
}
