//! The man pages and shell completions that `lectern generate` writes (and the Debian
//! package ships) cover every subcommand and option of the command line as built: a
//! subcommand added to the code and missing from them fails here.

use std::path::Path;
use std::process::Command;

/// Runs the real binary's `generate` into `dir`.
fn generate(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("generate")
        .arg(dir)
        .output()
        .expect("run lectern generate");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Long options of a subcommand, as `--name`.
fn long_options(cmd: &clap::Command) -> Vec<String> {
    cmd.get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| a.get_long())
        .map(|l| format!("--{l}"))
        .collect()
}

#[test]
fn every_subcommand_has_a_man_page_and_completions_in_every_shell() {
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path());
    let cli = lectern::cli::command();
    let names = lectern::cli::generate::visible_subcommands(&cli);
    for known in [
        "add",
        "export",
        "import",
        "check",
        "stats",
        "merge",
        "agreement",
    ] {
        assert!(names.iter().any(|n| n == known), "{known} not in {names:?}");
    }
    assert!(!names.iter().any(|n| n == "generate"), "hidden");

    let man = dir.path().join("man/man1");
    let main_page = read(&man.join("lectern.1"));
    assert!(main_page.contains(".TH lectern 1"), "{main_page}");
    let bash = read(&dir.path().join("completions/lectern.bash"));
    let zsh = read(&dir.path().join("completions/_lectern"));
    let fish = read(&dir.path().join("completions/lectern.fish"));
    // Nor is the packagers' subcommand offered by completions.
    assert!(!bash.contains("generate") && !zsh.contains("generate") && !fish.contains("generate"));
    for name in &names {
        let page = read(&man.join(format!("lectern-{name}.1")));
        assert!(
            page.contains(&format!("lectern\\-{name}")),
            "lectern-{name}.1 does not name itself"
        );
        assert!(
            main_page.contains(&format!("lectern\\-{name}(1)")),
            "lectern.1 does not list {name}"
        );
        assert!(bash.contains(&format!("lectern,{name})")), "bash: {name}");
        assert!(zsh.contains(&format!("'{name}:")), "zsh: {name}");
        assert!(
            fish.contains(&format!("-a \"{name}\"")),
            "fish: {name}\n{fish}"
        );
        let sub = cli.find_subcommand(name).expect("subcommand");
        for option in long_options(sub) {
            let in_man = option.replace('-', "\\-");
            assert!(page.contains(&in_man), "lectern-{name}.1 lacks {option}");
            assert!(bash.contains(&option), "bash lacks {name} {option}");
        }
    }
    let pages = std::fs::read_dir(&man).expect("man dir").count();
    assert_eq!(
        pages,
        names.len() + 1,
        "one page per subcommand and lectern.1"
    );
}
