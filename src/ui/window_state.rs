//! What the window remembers between runs besides the user's settings: the project that
//! was open and the widths of the side panels. eframe keeps it in its storage file
//! (`~/.local/share/lectern/window.ron` on Linux), next to the window's size, position and
//! maximised state, which eframe saves and restores itself. A missing or broken entry
//! gives the defaults, silently: it is never a reason not to start.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The key of Lectern's entry in eframe's storage.
pub const STORAGE_KEY: &str = "lectern_window";

/// Narrowest and widest side panel a restored width may give, in points: a value outside
/// (a hand-edited file, a tiny screen last time) falls back to the default.
const PANEL_PX: std::ops::RangeInclusive<f32> = 80.0..=2000.0;

/// The window's state at the end of the last run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowState {
    /// The project open when the window closed (none for a never-saved one); reopened on
    /// start when no file is named on the command line.
    pub last_project: Option<PathBuf>,
    /// Width of the documents panel on the left, in points.
    pub documents_panel_px: Option<f32>,
    /// Width of the annotations panel on the right, in points.
    pub annotations_panel_px: Option<f32>,
}

impl WindowState {
    /// Lectern's entry in eframe's storage, or the defaults when there is no storage, no
    /// entry or an entry that cannot be read.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value::<Self>(s, STORAGE_KEY))
            .map(Self::sane)
            .unwrap_or_default()
    }

    /// Writes the entry into eframe's storage (eframe writes the file).
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Drops panel widths no window could use.
    fn sane(self) -> Self {
        let usable = |px: Option<f32>| px.filter(|px| PANEL_PX.contains(px));
        Self {
            documents_panel_px: usable(self.documents_panel_px),
            annotations_panel_px: usable(self.annotations_panel_px),
            ..self
        }
    }

    /// What to open on start: the files named on the command line, else the last
    /// project if it is still there and no other Lectern has it open (a second window
    /// started from the menu should not warn about the first one's project).
    pub fn files_to_open(&self, named: Vec<PathBuf>) -> Vec<PathBuf> {
        if !named.is_empty() {
            return named;
        }
        self.last_project
            .iter()
            .filter(|p| p.is_file() && !held_elsewhere(p))
            .cloned()
            .collect()
    }
}

/// Whether another running Lectern holds the project's lock.
fn held_elsewhere(project: &Path) -> bool {
    matches!(
        crate::store::lock::acquire(project),
        Ok(crate::store::lock::Acquired::HeldBy { .. })
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// eframe's storage kept in memory.
    #[derive(Default)]
    struct MemoryStorage(HashMap<String, String>);

    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    impl MemoryStorage {
        fn set_string_for_test(&mut self, value: &str) {
            eframe::Storage::set_string(self, STORAGE_KEY, value.to_owned());
        }
    }

    #[test]
    fn state_survives_the_storage_and_broken_entries_give_defaults() {
        let state = WindowState {
            last_project: Some(PathBuf::from("/home/ana/Προβολή “2026”.ron")),
            documents_panel_px: Some(312.5),
            annotations_panel_px: Some(401.0),
        };
        let mut storage = MemoryStorage::default();
        state.save(&mut storage);
        assert_eq!(WindowState::load(Some(&storage)), state);

        assert_eq!(WindowState::load(None), WindowState::default());
        storage.set_string_for_test("(last_project: Some(\"/a.ron\"");
        assert_eq!(WindowState::load(Some(&storage)), WindowState::default());
        storage.set_string_for_test(
            "(documents_panel_px: Some(-5.0), annotations_panel_px: Some(1e9), future_field: 3)",
        );
        assert_eq!(WindowState::load(Some(&storage)), WindowState::default());
    }

    #[test]
    fn named_files_win_and_a_missing_last_project_is_not_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("last.ron");
        std::fs::write(&project, "()").expect("write");
        let state = WindowState {
            last_project: Some(project.clone()),
            ..Default::default()
        };
        let named = vec![PathBuf::from("other.ron")];
        assert_eq!(state.files_to_open(named.clone()), named);
        assert_eq!(
            state.files_to_open(Vec::new()),
            std::slice::from_ref(&project)
        );
        assert!(
            !crate::store::lock::path_for(&project).exists(),
            "looking at the lock left it behind"
        );

        std::fs::remove_file(&project).expect("remove");
        assert!(state.files_to_open(Vec::new()).is_empty(), "gone");
        assert!(WindowState::default().files_to_open(Vec::new()).is_empty());
    }
}
