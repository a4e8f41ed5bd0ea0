//! Whether a process is still running, for files named after the pid that wrote them (locks,
//! recovery files, temporaries of killed writers): a file whose writer is gone is stale.

use std::path::Path;

/// Whether process `pid` is running: `/proc/PID` where there is a `/proc` (Linux), else
/// `kill -0 PID` on other Unix systems. Where neither can tell (Windows), every process is
/// taken to be running, so a lock is never ignored by mistake.
pub fn process_alive(pid: u32) -> bool {
    let proc_dir = Path::new("/proc");
    if proc_dir.join("self").exists() {
        return proc_dir.join(pid.to_string()).exists();
    }
    if cfg!(unix) {
        return kill_says_alive(pid).unwrap_or(true);
    }
    true
}

/// What `kill -0 PID` says: exit 0 means the process exists; "not permitted" means it
/// exists but belongs to another user. `None` when `kill` cannot be run.
fn kill_says_alive(pid: u32) -> Option<bool> {
    let out = std::process::Command::new("kill")
        .args(["-0", &pid.to_string()])
        // Its message is read below: in English whatever the user's language.
        .env("LC_ALL", "C")
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    let denied = String::from_utf8_lossy(&out.stderr)
        .to_lowercase()
        .contains("not permitted");
    Some(out.status.success() || denied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn kill_tells_live_from_dead_processes() {
        assert_eq!(kill_says_alive(std::process::id()), Some(true));
        assert_eq!(kill_says_alive(u32::MAX - 7), Some(false));
    }

    #[test]
    fn this_process_is_alive_and_an_impossible_pid_is_not() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(u32::MAX - 7));
    }
}
