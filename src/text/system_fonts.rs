//! The machine's fonts for characters no bundled font has — Chinese, Japanese, Korean,
//! emoji, Thai… — for figures drawn outside egui (a chart's PNG), found the way the
//! window finds them (eframe's `egui_system_font_provider`): fontique asks the system's
//! own fallback (fontconfig, DirectWrite, CoreText) for a font of the character's script
//! in the user's locale, then the other Han locales, and for characters of no script
//! (emoji, symbols) the generic families. A font is only taken if it has an outline for
//! the character, as the figure is drawn from outlines (a colour-bitmap emoji font is
//! passed over for one that draws emoji in outline).
//!
//! The system's fonts are listed once, on the first character that needs them (never at
//! startup; a chart in Latin script never lists them), and each font found is kept for
//! the rest of the run, memory-mapped rather than copied. Where the machine has no font
//! for a character either, [`system_font_for`] says so and the caller draws a box.

use super::fonts::BundledFont;
use fontique::{
    Collection, CollectionOptions, FallbackKey, GenericFamily, Language, QueryFamily, QueryFont,
    QueryStatus, Script, SourceCache, SourceCacheOptions,
};
use std::collections::HashSet;
use std::sync::{LazyLock, Mutex, OnceLock, PoisonError};

/// The machine's fonts, listed on first use, and what has been found in them so far.
struct SystemFonts {
    collection: Collection,
    source_cache: SourceCache,
    /// The user's locale, to pick between fonts of one script (Chinese or Japanese Han).
    locale: Option<Language>,
    /// Fonts found so far: the file's id, the index in it, the font.
    found: Vec<(u64, u32, &'static BundledFont)>,
    /// Characters the machine has no font for (asked once).
    missing: HashSet<char>,
}

static SYSTEM: OnceLock<Mutex<SystemFonts>> = OnceLock::new();

/// A font of the machine that draws `c`, or `None` if it has none (or no fonts at all).
/// The first call lists the system's fonts, which can take a few hundred milliseconds.
pub fn system_font_for(c: char) -> Option<&'static BundledFont> {
    let fonts = SYSTEM.get_or_init(|| Mutex::new(SystemFonts::load()));
    let mut fonts = fonts.lock().unwrap_or_else(PoisonError::into_inner);
    fonts.font_for(c)
}

impl SystemFonts {
    fn load() -> Self {
        Self {
            collection: Collection::new(CollectionOptions {
                shared: false,
                system_fonts: true,
            }),
            source_cache: SourceCache::new(SourceCacheOptions::default()),
            locale: sys_locale::get_locale().and_then(|l| Language::parse(&l).ok()),
            found: Vec::new(),
            missing: HashSet::new(),
        }
    }

    fn font_for(&mut self, c: char) -> Option<&'static BundledFont> {
        // A font already in use keeps a label's characters in one face.
        if let Some((_, _, font)) = self.found.iter().find(|(_, _, f)| f.covers(c)) {
            return Some(*font);
        }
        if self.missing.contains(&c) {
            return None;
        }
        let Some(query_font) = self.query(c) else {
            self.missing.insert(c);
            return None;
        };
        Some(self.keep(&query_font))
    }

    /// Asks fontique, as `egui_system_font_provider` does, for a font that draws `c`.
    fn query(&mut self, c: char) -> Option<QueryFont> {
        let sans = QueryFamily::Generic(GenericFamily::SansSerif);
        if let Some(script) = script_of(c) {
            let locales = std::iter::once(self.locale.as_ref())
                .chain(other_locales(script).iter().map(Some))
                .collect::<Vec<_>>();
            locales.into_iter().find_map(|locale| {
                let mut query = self.collection.query(&mut self.source_cache);
                query.set_families([sans]);
                query.set_fallbacks(fallback_key(script, locale));
                first_that_draws(&mut query, c)
            })
        } else {
            // Emoji, symbols, punctuation belong to no script: no fallback, the generic
            // families instead.
            let mut query = self.collection.query(&mut self.source_cache);
            query.set_families(
                [
                    GenericFamily::SansSerif,
                    GenericFamily::SystemUi,
                    GenericFamily::Emoji,
                    GenericFamily::Math,
                    GenericFamily::Serif,
                    GenericFamily::Monospace,
                ]
                .map(QueryFamily::Generic),
            );
            first_that_draws(&mut query, c)
        }
    }

    /// `font` as a font for drawing, kept for the rest of the run (one per file and index).
    fn keep(&mut self, font: &QueryFont) -> &'static BundledFont {
        let id = font.blob.id();
        if let Some((_, _, kept)) = self
            .found
            .iter()
            .find(|(i, n, _)| *i == id && *n == font.index)
        {
            return kept;
        }
        let name = self
            .collection
            .family_name(font.family.0)
            .unwrap_or("system font")
            .to_owned();
        // Kept (and mapped) until the program ends, like the bundled fonts: a handful of
        // fonts at most, and the glyphs drawn borrow from them.
        let blob: &'static fontique::Blob<u8> = Box::leak(Box::new(font.blob.clone()));
        let name: &'static str = Box::leak(name.into_boxed_str());
        let kept: &'static BundledFont = Box::leak(Box::new(BundledFont::system(
            name,
            blob.as_ref(),
            font.index,
        )));
        self.found.push((id, font.index, kept));
        kept
    }
}

/// The first font of `query` with an outline for `c`.
fn first_that_draws(query: &mut fontique::Query<'_>, c: char) -> Option<QueryFont> {
    let mut found = None;
    query.matches_with(|font| {
        if has_outline(font, c) {
            found = Some(font.clone());
            QueryStatus::Stop
        } else {
            QueryStatus::Continue
        }
    });
    found
}

/// Whether `font` has an outline (not only a bitmap or colour glyph) for `c`.
fn has_outline(font: &QueryFont, c: char) -> bool {
    use skrifa::MetadataProvider as _;
    let Some(id) = font.charmap().and_then(|charmap| charmap.map(c)) else {
        return false;
    };
    let id = skrifa::GlyphId::new(id);
    if id == skrifa::GlyphId::NOTDEF {
        return false;
    }
    skrifa::FontRef::from_index(font.blob.as_ref(), font.index)
        .is_ok_and(|f| f.outline_glyphs().get(id).is_some())
}

const HAN: Script = Script::from_bytes(*b"Hani");

/// The Han locales, Simplified Chinese first (as `zh-SG`: fontique takes `zh-CN` for its
/// default Han locale, which is whatever its first Han lookup found, often Japanese).
static HAN_LOCALES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    ["zh-SG", "zh-TW", "ja", "ko"]
        .iter()
        .filter_map(|l| Language::parse(l).ok())
        .collect()
});

/// The fallback key for `script` in `locale`, avoiding fontique's default Han locale.
fn fallback_key(script: Script, locale: Option<&Language>) -> FallbackKey {
    let simplified = |l: &Language| {
        l.language() == "zh"
            && l.script() != Some("Hant")
            && !matches!(l.region(), Some("HK" | "TW" | "MO"))
    };
    let locale = match locale {
        Some(l) if script == HAN && simplified(l) => HAN_LOCALES.first(),
        other => other,
    };
    FallbackKey::new(script, locale)
}

/// Locales to try when the user's locale's font lacks a character: Han fonts are per
/// locale, each with a different set of characters.
fn other_locales(script: Script) -> &'static [Language] {
    if script == HAN { &HAN_LOCALES } else { &[] }
}

/// The script of `c`, or `None` for characters shared by scripts (emoji, punctuation).
fn script_of(c: char) -> Option<Script> {
    use unicode_script::UnicodeScript as _;
    match c.script() {
        unicode_script::Script::Common
        | unicode_script::Script::Inherited
        | unicode_script::Script::Unknown => None,
        script => Script::parse(script.short_name()).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_characters() {
        assert_eq!(script_of('日'), Some(HAN));
        assert_eq!(script_of('한'), Some(Script::from_bytes(*b"Hang")));
        assert_eq!(script_of('😀'), None);
        assert_eq!(script_of('1'), None);
    }

    #[test]
    fn simplified_chinese_asks_for_the_singapore_han_locale() {
        let zh = Language::parse("zh-CN").ok();
        let ja = Language::parse("ja").ok();
        assert_eq!(
            fallback_key(HAN, zh.as_ref()),
            FallbackKey::new(HAN, HAN_LOCALES.first())
        );
        assert_eq!(
            fallback_key(HAN, ja.as_ref()),
            FallbackKey::new(HAN, ja.as_ref())
        );
    }
}
