//! File-system helpers at the bottom of the layers: replacing a file atomically, reading one
//! no bigger than a limit, and telling whether a process is still running. `store`
//! (projects, autosave, backups), `formats` (imports, articles, exports) and the window's
//! settings all go through here, so neither of those layers reaches into the other.

mod atomic;
mod capped;
mod folder;
mod process;

pub use atomic::{write_atomic, write_atomic_when, write_atomic_with};
pub use capped::{CappedError, TooBig, megabytes, read_capped};
pub use folder::{NewFolder, write_folder_when, write_folder_with};
pub use process::process_alive;
