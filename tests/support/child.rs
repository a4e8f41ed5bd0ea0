//! This test binary run again as a child process that runs one ignored test — the work a
//! test wants to interrupt — so the parent can kill it at a moment of its choosing.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Starts the test binary `exe` running only the ignored test `name`, with `envs` set, its
/// standard output piped (where the child says what it is doing) and its errors dropped.
pub fn spawn_test_child(exe: &Path, name: &str, envs: &[(&str, &OsStr)]) -> Child {
    Command::new(exe)
        .args([
            "--ignored",
            "--exact",
            name,
            "--nocapture",
            "--test-threads=1",
        ])
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child")
}
