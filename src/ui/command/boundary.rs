//! Moving an edge of the selected annotation by a character or a word: eight commands of
//! one shape (Annotation ▸ Boundaries), so one parameterised command whose text and
//! shortcut follow from its parts.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Which edge of the annotation moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// The first character.
    Start,
    /// The end (after the last character).
    End,
}

/// One boundary move: which edge, which way, by how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BoundaryMove {
    /// The edge that moves.
    pub edge: Edge,
    /// Towards the end of the text (otherwise towards its start).
    pub later: bool,
    /// By a word (otherwise by a character).
    pub by_word: bool,
}

impl BoundaryMove {
    /// Every move, in menu order: by character, then by word; each the start out and in,
    /// then the end out and in.
    pub const ALL: [BoundaryMove; 8] = [
        BoundaryMove::new(Edge::Start, false, false),
        BoundaryMove::new(Edge::Start, true, false),
        BoundaryMove::new(Edge::End, true, false),
        BoundaryMove::new(Edge::End, false, false),
        BoundaryMove::new(Edge::Start, false, true),
        BoundaryMove::new(Edge::Start, true, true),
        BoundaryMove::new(Edge::End, true, true),
        BoundaryMove::new(Edge::End, false, true),
    ];

    /// A move of `edge`, towards the end of the text when `later`, by a word when `by_word`.
    pub const fn new(edge: Edge, later: bool, by_word: bool) -> Self {
        BoundaryMove {
            edge,
            later,
            by_word,
        }
    }

    /// Menu text: "Start one word earlier".
    pub fn text(self) -> &'static str {
        match (self.edge, self.by_word, self.later) {
            (Edge::Start, false, false) => "Start one character earlier",
            (Edge::Start, false, true) => "Start one character later",
            (Edge::End, false, true) => "End one character later",
            (Edge::End, false, false) => "End one character earlier",
            (Edge::Start, true, false) => "Start one word earlier",
            (Edge::Start, true, true) => "Start one word later",
            (Edge::End, true, true) => "End one word later",
            (Edge::End, true, false) => "End one word earlier",
        }
    }

    /// Alt+arrow moves the end, Alt+Shift+arrow the start; with Ctrl by a word.
    pub fn shortcut(self) -> KeyboardShortcut {
        let mut modifiers = Modifiers::ALT;
        if self.edge == Edge::Start {
            modifiers = modifiers.plus(Modifiers::SHIFT);
        }
        if self.by_word {
            modifiers = modifiers.plus(Modifiers::COMMAND);
        }
        let key = if self.later {
            Key::ArrowRight
        } else {
            Key::ArrowLeft
        };
        KeyboardShortcut::new(modifiers, key)
    }

    /// The move in characters or words: +1 later, -1 earlier.
    pub fn step(self) -> isize {
        if self.later { 1 } else { -1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_move_has_its_own_text_and_shortcut() {
        let texts: std::collections::HashSet<_> =
            BoundaryMove::ALL.iter().map(|m| m.text()).collect();
        let keys: std::collections::HashSet<_> =
            BoundaryMove::ALL.iter().map(|m| m.shortcut()).collect();
        assert_eq!((texts.len(), keys.len()), (8, 8));
        let start_word_earlier = BoundaryMove::new(Edge::Start, false, true);
        assert_eq!(
            start_word_earlier.shortcut(),
            KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::ALT | Modifiers::SHIFT,
                Key::ArrowLeft
            )
        );
    }
}
