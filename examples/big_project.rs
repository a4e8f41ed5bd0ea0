//! Writes issue 6's big project (the workload of `benches/support/workload.rs`: a ~5 MB
//! article, 50,000 spans) to a file, to try opening, saving and exporting it in the
//! window, where the progress strip shows:
//!
//! ```sh
//! cargo run --release --example big_project -- /tmp/big.ron
//! cargo run --release -- /tmp/big.ron
//! ```
//!
//! It also prints what the window's save and export jobs pay before they start: the
//! copy of the project they are given.

// Every function stays under 100 lines, as in the library (src/lib.rs).
#![warn(clippy::too_many_lines)]

#[path = "../benches/support/workload.rs"]
mod workload;

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: big_project OUTPUT.ron"))?;
    let project = workload::project();
    lectern::store::save(&project, &path)?;
    let bytes = std::fs::metadata(&path)?.len();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let copy = project.clone();
            let ms = t.elapsed().as_secs_f64() * 1e3;
            drop(copy);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "wrote {} ({:.1} MB); copying the project for a job: {:.1} ms (median of 5)",
        path.display(),
        bytes as f64 / 1e6,
        times[2]
    );
    Ok(())
}
