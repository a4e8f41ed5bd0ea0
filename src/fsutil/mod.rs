//! File-system helpers at the bottom of the layers: replacing a file atomically and telling
//! whether a process is still running. `store` (projects, autosave, backups), `formats`
//! (exports) and the window's settings all write through here, so neither of those layers
//! has to reach into the other for it.

mod atomic;
mod process;

pub use atomic::{write_atomic, write_atomic_when};
pub use process::process_alive;
