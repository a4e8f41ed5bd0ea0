//! The keyboard side of [`Command`]: each command's shortcuts, which of them act while
//! the user types in a field, and the commands pressed this frame.

use super::Command;
use egui::{Key, KeyboardShortcut, Modifiers};

impl Command {
    /// Shortcuts; the first is the one shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const fn cmd(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        const fn cmd_shift(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
        }
        const fn bare(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::NONE, key)
        }
        match self {
            Command::NewProject => vec![cmd(Key::N)],
            Command::OpenProject => vec![cmd(Key::O)],
            Command::AddArticles => vec![cmd_shift(Key::O)],
            Command::Save => vec![cmd(Key::S)],
            Command::SaveAs => vec![cmd_shift(Key::S)],
            Command::OpenSample
            | Command::OpenBackup
            | Command::UpdateDocumentText
            | Command::Export(_)
            | Command::Import(_)
            | Command::ToggleTheme
            | Command::ToggleAnalysis
            | Command::ToggleAdjudication
            | Command::ToggleQuoteTracker
            | Command::MergeProjects
            | Command::ExportAnalysisTable
            | Command::ExportAnalysisTableForExcel
            | Command::ExportStatementsTable
            | Command::ExportAnalysisChart
            | Command::CopyAnalysisTable => vec![],
            Command::Quit => vec![cmd(Key::Q)],
            Command::Undo => vec![cmd(Key::Z)],
            Command::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Command::DeleteAnnotation => vec![bare(Key::Delete), bare(Key::Backspace)],
            Command::ClearSelection => vec![],
            Command::CloseWindow => vec![bare(Key::Escape)],
            Command::ZoomIn => vec![cmd(Key::Equals), cmd(Key::Plus)],
            Command::ZoomOut => vec![cmd(Key::Minus)],
            Command::ZoomReset => vec![cmd(Key::Num0)],
            Command::NextSpan => vec![bare(Key::CloseBracket)],
            Command::PreviousSpan => vec![bare(Key::OpenBracket)],
            Command::StartLink => vec![bare(Key::L)],
            Command::AddFragment => vec![bare(Key::A)],
            Command::Boundary(m) => vec![m.shortcut()],
            Command::FocusAnnotationList => vec![bare(Key::F6)],
            Command::Preferences => vec![cmd(Key::Comma)],
            Command::EditCodebook => vec![cmd(Key::K)],
            Command::ExportCodebook | Command::ImportCodebook | Command::ImportMetadata => vec![],
            Command::Find => vec![cmd(Key::F)],
            Command::FindInProject => vec![cmd_shift(Key::F)],
            Command::CommandPalette => vec![cmd_shift(Key::P)],
            Command::NextDocument => vec![cmd(Key::PageDown)],
            Command::PreviousDocument => vec![cmd(Key::PageUp)],
            Command::ProposeQuotes => vec![cmd_shift(Key::A)],
            Command::ProposeQuotesAll => vec![],
            Command::NextProposal => vec![bare(Key::Period)],
            Command::PreviousProposal => vec![bare(Key::Comma)],
            Command::AcceptProposal => vec![bare(Key::Y)],
            Command::RejectProposal => vec![bare(Key::N)],
            Command::AcceptAllProposals => vec![cmd_shift(Key::Y)],
            Command::ProposalFromSelection => vec![bare(Key::B)],
            Command::SpeakerFromSelection => vec![bare(Key::S)],
        }
    }

    /// Whether the shortcut still acts while the user types in a text field. Undo and
    /// Delete must then go to the field, not to the project.
    pub fn acts_while_typing(self) -> bool {
        !matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::DeleteAnnotation
                | Command::ClearSelection
                | Command::CloseWindow
                | Command::NextSpan
                | Command::PreviousSpan
                | Command::StartLink
                | Command::AddFragment
                | Command::Boundary(_)
        ) && !self.reviews_proposals()
    }

    /// The keys that review the quote assistant's proposals (Y, N, `.`, `,`, B, S): they act
    /// only while proposals are shown, so the same letters stay free elsewhere (the
    /// Adjudication window's Y and N).
    pub fn reviews_proposals(self) -> bool {
        matches!(
            self,
            Command::NextProposal
                | Command::PreviousProposal
                | Command::AcceptProposal
                | Command::RejectProposal
                | Command::AcceptAllProposals
                | Command::ProposalFromSelection
                | Command::SpeakerFromSelection
        )
    }

    /// Commands whose shortcut was pressed this frame, as often as pressed, consumed from
    /// the input. Shortcuts with more modifiers are tried first, because egui matches
    /// Ctrl+Z inside Ctrl+Shift+Z.
    /// While a menu or another popup is open, Esc is left to it (it closes the popup).
    /// Proposal review keys count only while `reviewing`.
    pub fn pressed(ctx: &egui::Context, typing: bool, reviewing: bool) -> Vec<Command> {
        let popup_open = egui::Popup::is_any_open(ctx);
        let mut all: Vec<(Command, KeyboardShortcut)> = Command::all()
            .filter(|c| !typing || c.acts_while_typing())
            .filter(|c| reviewing || !c.reviews_proposals())
            .filter(|c| !popup_open || *c != Command::CloseWindow)
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        // A key pressed twice within one frame (fast typing, or a slow frame) acts twice:
        // N N rejects two proposals. A command's shortcuts that one press may send
        // together (Ctrl+= and Ctrl++) count once.
        let mut counts: Vec<(Command, usize)> = Vec::new();
        ctx.input_mut(|i| {
            for (c, s) in all {
                let n = i.count_and_consume_key(s.modifiers, s.logical_key);
                match counts.iter_mut().find(|(seen, _)| *seen == c) {
                    Some((_, most)) => *most = (*most).max(n),
                    None if n > 0 => counts.push((c, n)),
                    None => {}
                }
            }
        });
        counts
            .into_iter()
            .flat_map(|(c, n)| std::iter::repeat_n(c, n))
            .collect()
    }
}

fn modifier_count(m: Modifiers) -> u32 {
    u32::from(m.alt) + u32::from(m.ctrl) + u32::from(m.shift) + u32::from(m.command || m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for c in Command::all() {
            for s in c.shortcuts() {
                assert!(!seen.contains(&s), "{c:?} reuses {s:?}");
                seen.push(s);
            }
        }
    }

    #[test]
    fn all_lists_every_command_once() {
        let all: Vec<Command> = Command::all().collect();
        let unique: std::collections::HashSet<Command> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len());
    }
}
