//! The fonts Lectern bundles for scripts egui's own fonts lack — Arabic (with Persian and
//! Urdu letters), Hebrew and Devanagari, compact Noto Sans subsets made by
//! `scripts/make-fonts` (licence in `assets/fonts/OFL.txt`) — and what to install when
//! no font on the machine covers a document's script (Chinese, Japanese and Korean come
//! from the system: a bundled CJK font would be tens of megabytes). The fonts are in the
//! binary deflated (`build.rs`, less than half the size) and inflated once, on first use.

use read_fonts::{FontRef, TableProvider};
use std::sync::OnceLock;

/// A font built into the binary, or (made by `text::system_fonts`) one of the machine's,
/// for characters no bundled font has.
pub struct BundledFont {
    /// Name it is registered under in egui (a system font's family name).
    pub name: &'static str,
    /// The font file, deflated (empty for a system font).
    deflated: &'static [u8],
    /// A system font's file, memory-mapped; `None` for a bundled font.
    system: Option<&'static [u8]>,
    /// Which font of a collection file (`.ttc`) this is; 0 for a single font.
    index: u32,
    /// The font file, inflated on first use.
    inflated: OnceLock<Box<[u8]>>,
    /// Which code points of the Basic Multilingual Plane it has glyphs for (bit per code
    /// point), read from its `cmap` once.
    coverage: OnceLock<Vec<u64>>,
    /// The font's tables prepared for shaping, made on first use.
    shaper_data: OnceLock<Option<(harfrust::ShaperData, f32)>>,
}

impl BundledFont {
    const fn new(name: &'static str, deflated: &'static [u8]) -> Self {
        Self {
            name,
            deflated,
            system: None,
            index: 0,
            inflated: OnceLock::new(),
            coverage: OnceLock::new(),
            shaper_data: OnceLock::new(),
        }
    }

    /// A font of the machine: `bytes` is its file (a collection's whole file, the font
    /// being number `index` in it).
    pub(super) fn system(name: &'static str, bytes: &'static [u8], index: u32) -> Self {
        Self {
            system: Some(bytes),
            index,
            ..Self::new(name, &[])
        }
    }

    /// The font file (inflated the first time it is asked for; empty only for a broken
    /// build, which a test rules out).
    pub fn bytes(&'static self) -> &'static [u8] {
        if let Some(bytes) = self.system {
            return bytes;
        }
        self.inflated.get_or_init(|| inflate(self.deflated))
    }

    /// The font parsed (the right one of a collection file), or `None` if it does not.
    pub fn font_ref(&'static self) -> Option<FontRef<'static>> {
        FontRef::from_index(self.bytes(), self.index).ok()
    }

    /// The font parsed for shaping, its shaping tables and its units per em; `None` if
    /// the bundled file does not parse (a test makes sure it does).
    pub(super) fn for_shaping(
        &'static self,
    ) -> Option<(FontRef<'static>, &'static harfrust::ShaperData, f32)> {
        let font = self.font_ref()?;
        let (data, upem) = self
            .shaper_data
            .get_or_init(|| {
                let upem = font.head().ok()?.units_per_em();
                Some((harfrust::ShaperData::new(&font), f32::from(upem)))
            })
            .as_ref()?;
        Some((font, data, *upem))
    }

    /// Whether the font has a glyph for `c`.
    pub fn covers(&'static self, c: char) -> bool {
        if c as u32 > 0xFFFF {
            // Emoji and rare ideographs, outside the bits: asked of the font itself.
            let cmap = self.font_ref().and_then(|f| f.cmap().ok());
            return cmap.is_some_and(|m| m.map_codepoint(c).is_some_and(|g| g.to_u32() != 0));
        }
        let bits = self.coverage.get_or_init(|| coverage_of(self.font_ref()));
        let c = c as usize;
        bits.get(c / 64).is_some_and(|w| w & (1 << (c % 64)) != 0)
    }
}

/// `deflated` inflated (what `build.rs` deflated), or nothing if it does not inflate.
pub(crate) fn inflate(deflated: &[u8]) -> Box<[u8]> {
    miniz_oxide::inflate::decompress_to_vec(deflated)
        .unwrap_or_default()
        .into_boxed_slice()
}

/// The bits of the BMP code points `font`'s character map maps to a glyph.
fn coverage_of(font: Option<FontRef<'_>>) -> Vec<u64> {
    let mut bits = vec![0u64; 0x10000 / 64];
    let Some(font) = font else {
        return bits;
    };
    let Ok(cmap) = font.cmap() else {
        return bits;
    };
    for c in 0u32..0x10000 {
        if cmap.map_codepoint(c).is_some_and(|g| g.to_u32() != 0) {
            bits[c as usize / 64] |= 1 << (c % 64);
        }
    }
    bits
}

/// egui's proportional font (Ubuntu Light: Latin, Greek, Cyrillic), deflated; the window
/// registers it with egui (`ui::text_layout::egui_fonts`), and figures drawn outside egui
/// use it as [`SANS`], so both carry one copy.
pub(crate) const UBUNTU_LIGHT_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/egui-Ubuntu-Light.ttf.deflate"));

/// The sans-serif font of figures drawn outside the window (a chart's PNG): egui's own
/// Ubuntu Light, so a PNG looks like the chart in the window, on every machine alike.
pub static SANS: BundledFont = BundledFont::new("Ubuntu-Light", UBUNTU_LIGHT_DEFLATED);

/// Noto Sans Arabic: Arabic, Persian, Urdu (and other Arabic-script languages).
pub static ARABIC: BundledFont = BundledFont::new(
    "Noto Sans Arabic",
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoSansArabic-Regular.ttf.deflate"
    )),
);
/// Noto Sans Hebrew.
pub static HEBREW: BundledFont = BundledFont::new(
    "Noto Sans Hebrew",
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoSansHebrew-Regular.ttf.deflate"
    )),
);
/// Noto Sans Devanagari: Hindi, Marathi, Nepali.
pub static DEVANAGARI: BundledFont = BundledFont::new(
    "Noto Sans Devanagari",
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoSansDevanagari-Regular.ttf.deflate"
    )),
);

/// Every bundled font, in the order they are tried after egui's own.
pub fn bundled() -> [&'static BundledFont; 3] {
    [&ARABIC, &HEBREW, &DEVANAGARI]
}

/// For a character no installed font covers: the name of its script and the Debian
/// package that brings a font for it.
pub fn advice_for(c: char) -> (&'static str, &'static str) {
    let cjk = "fonts-noto-cjk";
    match c as u32 {
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => ("Japanese", cjk),
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => ("Korean", cjk),
        0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3100..=0x312F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFF65
        | 0x20000..=0x3FFFF => ("Chinese", cjk),
        0x0E00..=0x0E7F => ("Thai", "fonts-thai-tlwg"),
        0x1F300..=0x1FAFF => ("emoji", "fonts-noto-color-emoji"),
        _ => ("this script", "fonts-noto-core"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_parse_and_cover_their_scripts() {
        for font in bundled() {
            assert!(FontRef::new(font.bytes()).is_ok(), "{}", font.name);
        }
        // Arabic, Persian (پ چ ژ گ), Urdu (ٹ ڈ ڑ ں ے) letters and Arabic punctuation.
        for c in "ابتپچژگکیٹڈڑںےہھ،؛؟٠١٢۱۲۳".chars() {
            assert!(ARABIC.covers(c), "{c}");
        }
        for c in "אבגדהוזחטיכלמנסעפצקרשת".chars() {
            assert!(HEBREW.covers(c), "{c}");
        }
        for c in "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौं्।".chars()
        {
            assert!(DEVANAGARI.covers(c), "{c}");
        }
        assert!(!HEBREW.covers('ا'));
        assert!(!ARABIC.covers('中'));
    }

    #[test]
    fn together_they_stay_under_a_megabyte() {
        let total: usize = bundled().iter().map(|f| f.bytes().len()).sum();
        assert!(total < 1_000_000, "{total} bytes");
    }

    #[test]
    fn the_fonts_inflate_to_the_files_in_assets() {
        let files: [&[u8]; 3] = [
            include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
            include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
            include_bytes!("../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
        ];
        for (font, file) in bundled().into_iter().zip(files) {
            assert!(font.bytes() == file, "{} differs from its file", font.name);
            assert!(font.deflated.len() < file.len() * 3 / 5, "{}", font.name);
        }
    }

    #[test]
    fn advice_names_the_package_for_the_script() {
        assert_eq!(advice_for('中'), ("Chinese", "fonts-noto-cjk"));
        assert_eq!(advice_for('の'), ("Japanese", "fonts-noto-cjk"));
        assert_eq!(advice_for('한'), ("Korean", "fonts-noto-cjk"));
        assert_eq!(advice_for('ሰ').1, "fonts-noto-core");
    }
}
