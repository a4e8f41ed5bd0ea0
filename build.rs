//! Build step, for a lean binary (issue 15):
//! - assets that are large and needed whole go into the binary deflated, and are inflated
//!   once, on first use, to the same bytes: the quote assistant's English model
//!   (`assets/assist/en.tsv`, 1.7 MB of text kept readable in the repository, read by
//!   `src/assist/model.rs`), the Noto fonts Lectern bundles (`src/text/fonts.rs`) and the
//!   fonts egui ships (`src/ui/text_layout/egui_fonts.rs`; taken from the
//!   `epaint_default_fonts` crate, so they are exactly egui's) — 3.5 MB in all, 1.3 MB
//!   deflated;
//! - an optimised Linux x86-64 binary is linked with packed relative relocations
//!   (`DT_RELR`: 1.1 MB less) when `LECTERN_PACKED_RELOCS=1` asks for it, as
//!   `scripts/package-deb` does: it needs glibc 2.36, which the package then requires, so a
//!   plain `cargo build --release` or `cargo install` still runs on older systems;
//! - the same binary is linked without unwind tables (`.eh_frame`, 1.4 MB) when
//!   `LECTERN_DROP_UNWIND_TABLES=1` asks for it, as `scripts/package-deb` does for the dist
//!   profile, whose panics abort and so never unwind.

use std::path::{Path, PathBuf};

/// The bundled Noto fonts, by file name under `assets/fonts/`.
const NOTO_FONTS: [&str; 3] = [
    "NotoSansArabic-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    deflate_file("assets/assist/en.tsv", &out.join("assist-en.tsv.deflate"));
    for name in NOTO_FONTS {
        deflate_file(
            &format!("assets/fonts/{name}"),
            &out.join(format!("{name}.deflate")),
        );
    }
    for (name, bytes) in [
        ("Ubuntu-Light.ttf", epaint_default_fonts::UBUNTU_LIGHT),
        ("Hack-Regular.ttf", epaint_default_fonts::HACK_REGULAR),
        ("egui-icons.ttf", epaint_default_fonts::EGUI_ICONS),
        (
            "NotoEmoji-Regular.ttf",
            epaint_default_fonts::NOTO_EMOJI_REGULAR,
        ),
        ("emoji-icon-font.ttf", epaint_default_fonts::EMOJI_ICON),
    ] {
        write_deflated(bytes, &out.join(format!("egui-{name}.deflate")));
    }
    link_with_packed_relocations();
    link_without_unwind_tables(&out);
}

/// Writes the file at `source` (relative to the crate) deflated to `target`.
fn deflate_file(source: &str, target: &Path) {
    println!("cargo::rerun-if-changed={source}");
    let bytes = std::fs::read(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    write_deflated(&bytes, target);
}

fn write_deflated(bytes: &[u8], target: &Path) {
    let deflated = miniz_oxide::deflate::compress_to_vec(bytes, 10);
    std::fs::write(target, deflated).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// Packed relative relocations (`-z pack-relative-relocs`) for an optimised binary, asked
/// for with `LECTERN_PACKED_RELOCS=1`, on the one target where the linker is known to have
/// them: x86-64 Linux with glibc, where rustc links with its own LLD. Opt-in because the
/// binary then needs glibc 2.36 (not Ubuntu 22.04); the Debian package says so.
fn link_with_packed_relocations() {
    println!("cargo::rerun-if-env-changed=LECTERN_PACKED_RELOCS");
    let target = std::env::var("TARGET").unwrap_or_default();
    // "release" for every profile that inherits from release (dist too).
    let optimised = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    let asked = std::env::var("LECTERN_PACKED_RELOCS").is_ok_and(|v| v == "1");
    if target == "x86_64-unknown-linux-gnu" && optimised && asked {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// The linker script that drops the unwind tables: added to the default layout (INSERT), it
/// only discards `.eh_frame` and its index.
const DROP_UNWIND_TABLES: &str =
    "SECTIONS { /DISCARD/ : { *(.eh_frame) *(.eh_frame_hdr) } } INSERT AFTER .text;\n";

/// No unwind tables in an optimised x86-64 Linux binary, asked for with
/// `LECTERN_DROP_UNWIND_TABLES=1` — only for a profile whose panics abort (`dist`): nothing
/// then unwinds through Lectern's code, and the tables only served backtraces, which a
/// stripped binary's were nameless anyway. `-C force-unwind-tables=no` cannot do this: under
/// link-time optimisation every function keeps its entry (measured), so the linker drops
/// them. A build whose panics unwind must not ask for it: its first panic could not unwind.
fn link_without_unwind_tables(out: &Path) {
    println!("cargo::rerun-if-env-changed=LECTERN_DROP_UNWIND_TABLES");
    let target = std::env::var("TARGET").unwrap_or_default();
    let optimised = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    let asked = std::env::var("LECTERN_DROP_UNWIND_TABLES").is_ok_and(|v| v == "1");
    if target == "x86_64-unknown-linux-gnu" && optimised && asked {
        let script = out.join("drop-unwind-tables.ld");
        std::fs::write(&script, DROP_UNWIND_TABLES)
            .unwrap_or_else(|e| panic!("{}: {e}", script.display()));
        println!("cargo::rustc-link-arg-bins=-Wl,-T,{}", script.display());
    }
}
