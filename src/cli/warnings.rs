//! Warnings on standard error, readable however many there are: each one when there are
//! a few, else grouped by kind with a count and the first examples; the full list goes to
//! a file with `--warnings FILE`.

use crate::formats::warning::{Warning, summary_lines, write_full_list};
use anyhow::Context;
use std::path::Path;

/// Up to this many warnings are printed one by one.
const ONE_BY_ONE: usize = 10;

/// Prints `warnings` (prefixing single ones with `prefix`, e.g. "warning" or "skipped")
/// and writes the full list to `file` when given.
pub fn report(warnings: &[Warning], prefix: &str, file: Option<&Path>) -> anyhow::Result<()> {
    if warnings.len() <= ONE_BY_ONE {
        for w in warnings {
            eprintln!("{prefix}: {w}");
        }
    } else {
        eprintln!(
            "{prefix}: {} items, grouped by kind (rarest first):",
            crate::progress::thousands(warnings.len() as u64)
        );
        for line in summary_lines(warnings) {
            eprintln!("  {line}");
        }
    }
    match file {
        Some(file) => {
            write_full_list(warnings, file)
                .with_context(|| format!("cannot write the warnings to {}", file.display()))?;
            eprintln!(
                "the full list of {} is in {}",
                super::count(warnings.len(), "warning"),
                file.display()
            );
        }
        None if warnings.len() > ONE_BY_ONE => {
            eprintln!("(--warnings FILE writes the full list)");
        }
        None => {}
    }
    Ok(())
}
