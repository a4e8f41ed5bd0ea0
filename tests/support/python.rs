//! The Python the cross-checks run (`LECTERN_PYTHON`, set by `.ci/run` to its venv, else
//! `python3`), and what a missing interpreter, package or validator means: a skip said
//! out loud on a developer's machine, a failure under CI (`CI=true`), where `.ci/run`
//! installs them all.

use std::path::Path;
use std::process::Command;

/// Whether this run is CI's (`CI=true`), where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The Python to run: `$LECTERN_PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("LECTERN_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Whether the cross-check needing `what` can run. When it cannot, it fails under CI and
/// otherwise prints why it is skipped (shown with `cargo test -- --nocapture`).
pub fn available(ok: bool, what: &str) -> bool {
    if !ok {
        assert!(
            !in_ci(),
            "CI=true but {what} is missing; .ci/run installs it (see its output)"
        );
        eprintln!("skipped: {what} is missing (CI=true makes this a failure)");
    }
    ok
}

/// Whether [`python`] can import `module`; see [`available`].
pub fn has_module(module: &str) -> bool {
    let python = python();
    let ok = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    available(ok, &format!("the Python package {module} (for {python})"))
}

/// Whether the shared folder `path` (relative to the repository) is there; see
/// [`available`].
pub fn has_shared(path: &str) -> bool {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    available(full.exists(), &full.display().to_string())
}
