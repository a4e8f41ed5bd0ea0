//! Per-user settings kept between runs: recent projects and reading preferences.
//! Stored as RON in the user's config folder; a broken settings file is ignored (and
//! replaced on the next change), never a reason not to start.

use super::analysis_view::SavedChoices;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent projects the File menu lists.
const MAX_RECENT: usize = 10;

/// Settings that outlive a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent_projects: Vec<PathBuf>,
    /// Document text size in points.
    pub font_px: f32,
    /// Dark theme instead of light.
    pub dark_mode: bool,
    /// Name recorded on every span this user makes.
    pub annotator: String,
    /// Widen new selections to whole words (a drag that starts mid-word takes the word).
    pub snap_to_words: bool,
    /// The Analysis view's choices for each project file, most recent first.
    pub analysis: Vec<ProjectAnalysis>,
}

/// The Analysis view's choices for one project file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectAnalysis {
    /// The project file.
    pub project: PathBuf,
    /// What the view showed.
    pub choices: SavedChoices,
}

/// How many projects' Analysis choices are kept.
const MAX_ANALYSIS: usize = 30;

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent_projects: Vec::new(),
            font_px: super::theme::DEFAULT_FONT_PX,
            dark_mode: false,
            annotator: default_annotator(),
            snap_to_words: true,
            analysis: Vec::new(),
        }
    }
}

/// The login name, so spans carry a sensible annotator before anyone sets one.
fn default_annotator() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

impl Settings {
    /// Where settings live for this user, if the platform has a config folder.
    pub fn default_path() -> Option<PathBuf> {
        dirs::config_dir().map(|d| d.join("lectern").join("settings.ron"))
    }

    /// Reads settings; anything missing or unreadable gives the defaults.
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|s| ron::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Writes settings atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(path, text.as_bytes())
    }

    /// The Analysis view's choices kept for the project at `path`.
    pub fn analysis_choices(&self, path: &Path) -> Option<&SavedChoices> {
        let path = canonical(path);
        self.analysis
            .iter()
            .find(|a| a.project == path)
            .map(|a| &a.choices)
    }

    /// Keeps `choices` for the project at `path`, first in the list.
    pub fn remember_analysis_choices(&mut self, path: &Path, choices: SavedChoices) {
        let project = canonical(path);
        self.analysis.retain(|a| a.project != project);
        self.analysis
            .insert(0, ProjectAnalysis { project, choices });
        self.analysis.truncate(MAX_ANALYSIS);
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = canonical(path);
        self.recent_projects.retain(|p| *p != path);
        self.recent_projects.insert(0, path);
        self.recent_projects.truncate(MAX_RECENT);
    }
}

/// The path with links and `..` resolved where it exists, so one file has one key.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_most_recent_first_without_duplicates() {
        let mut s = Settings::default();
        for p in ["/a.ron", "/b.ron", "/a.ron"] {
            s.remember(Path::new(p));
        }
        assert_eq!(
            s.recent_projects,
            [PathBuf::from("/a.ron"), PathBuf::from("/b.ron")]
        );
    }

    #[test]
    fn broken_settings_file_gives_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, "(recent_projects: [").expect("write");
        assert_eq!(Settings::load(&path), Settings::default());
        let s = Settings {
            dark_mode: true,
            ..Default::default()
        };
        s.save(&path).expect("save");
        assert_eq!(Settings::load(&path), s);
    }
}
