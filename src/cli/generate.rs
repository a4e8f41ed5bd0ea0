//! `lectern generate DIR` (hidden from `--help`: it is for packagers, not researchers):
//! the man pages of `lectern` and of every subcommand, and the bash, zsh and fish
//! completions, made from the command line's own clap definition, so a subcommand or
//! option added to the code is in them with no list to keep up. `scripts/package-deb` and
//! the Windows and macOS packaging run it on the binary they ship.

use anyhow::Context;
use clap::Command;
use clap_complete::Shell;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `lectern generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Folder to write into: `man/man1/*.1` and `completions/` (`lectern.bash`,
    /// `_lectern`, `lectern.fish`). Created if missing; files there are replaced.
    pub out: PathBuf,
}

/// Writes the man pages and completions of `cmd` (the whole `lectern` command) and lists
/// what it wrote on stderr.
pub fn run(args: &GenerateArgs, cmd: Command) -> anyhow::Result<ExitCode> {
    let mut written = man_pages(cmd.clone(), &args.out.join("man").join("man1"))?;
    written.extend(completions(cmd, &args.out.join("completions"))?);
    for path in &written {
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The shells completions are made for.
pub const SHELLS: [Shell; 3] = [Shell::Bash, Shell::Zsh, Shell::Fish];

/// Writes `lectern.1` and `lectern-SUBCOMMAND.1` for every visible subcommand into `dir`.
pub fn man_pages(cmd: Command, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    create_dir(dir)?;
    clap_mangen::generate_to(cmd.clone(), dir)
        .with_context(|| format!("cannot write man pages to {}", dir.display()))?;
    let mut pages = vec![dir.join("lectern.1")];
    pages.extend(
        visible_subcommands(&cmd)
            .into_iter()
            .map(|name| dir.join(format!("lectern-{name}.1"))),
    );
    Ok(pages)
}

/// Writes one completion script per shell in [`SHELLS`] into `dir`, offering only the
/// subcommands `--help` shows (clap_complete offers hidden ones too).
pub fn completions(cmd: Command, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    create_dir(dir)?;
    let mut cmd = without_hidden_subcommands(&cmd);
    SHELLS
        .iter()
        .map(|shell| {
            clap_complete::generate_to(*shell, &mut cmd, "lectern", dir)
                .with_context(|| format!("cannot write {shell} completions to {}", dir.display()))
        })
        .collect()
}

/// `cmd` with its arguments and visible subcommands only (clap cannot remove a subcommand,
/// so the command is built again around them).
fn without_hidden_subcommands(cmd: &Command) -> Command {
    let mut visible = Command::new("lectern")
        .version(env!("CARGO_PKG_VERSION"))
        .args(cmd.get_arguments().cloned())
        .subcommands(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(about) = cmd.get_about() {
        visible = visible.about(about.clone());
    }
    visible
}

/// The names of the subcommands `lectern --help` shows (not `help`, not hidden ones).
pub fn visible_subcommands(cmd: &Command) -> Vec<String> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| s.get_name().to_owned())
        .collect()
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}
