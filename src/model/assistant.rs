//! How the quote assistant proposes in a project, saved with the project so every coder
//! of it (and `lectern suggest`) reviews the same proposals.

use serde::{Deserialize, Serialize};

/// The threshold a project starts with, in per cent: below it the assistant's proposals
/// are mostly quoted single words and short phrases with no attribution near them, and
/// proposals at least this sure score best on PolNeAR dev (README, `scripts/quote-score`).
pub const DEFAULT_MIN_CONFIDENCE: u8 = 30;

/// The quote assistant's settings in a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistantSettings {
    /// Proposals less sure than this, in per cent (like a proposed span's `confidence`),
    /// are not shown for review in the window, and `lectern suggest` leaves them out
    /// unless `--min-confidence` says otherwise.
    #[serde(default = "default_min_confidence")]
    pub min_confidence: u8,
}

impl Default for AssistantSettings {
    fn default() -> Self {
        Self {
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }
}

fn default_min_confidence() -> u8 {
    DEFAULT_MIN_CONFIDENCE
}

impl AssistantSettings {
    /// Whether these are the settings a new project has (then they are not written).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The minimum confidence as a fraction (0–1), as the assistant rates its proposals;
    /// a value above 100 in a hand-edited file counts as 100.
    pub fn min_sure(&self) -> f32 {
        f32::from(self.min_confidence.min(100)) / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_reads_as_a_fraction_and_is_capped() {
        assert!((AssistantSettings::default().min_sure() - 0.3).abs() < 1e-6);
        let all = AssistantSettings { min_confidence: 0 };
        assert_eq!(all.min_sure(), 0.0);
        assert!(!all.is_default());
        let over = AssistantSettings {
            min_confidence: 250,
        };
        assert_eq!(over.min_sure(), 1.0);
    }
}
