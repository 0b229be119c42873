//! Fluent translations: a loader per language, parsed on first use, cheap views of it,
//! and locale detection from the environment or an HTTP `Accept-Language` header.

use std::sync::OnceLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

pub use i18n_embed_fl::fl;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The languages the product ships, in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, the fallback when no supported language matches.
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every shipped language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 tag, as the `i18n/` folders and `Accept-Language` spell it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// What HTTP requests say (`Accept-Language`) for a person reading this language:
    /// this one first, English next.
    pub fn accept_language(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr, en;q=0.5",
        }
    }

    /// The language for a tag such as `fr`, `fr-CA`, `fr_FR.UTF-8` or `en_US`; `None` when unsupported.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.tag() == primary)
    }

    /// The best supported language of an HTTP `Accept-Language` value (RFC 9110 §12.5.4),
    /// English when none matches.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality <= 0.0 {
                continue;
            }
            if let Some(lang) = Lang::from_tag(tag) {
                // The first of equal quality wins: the header lists preferences in order.
                if best.is_none_or(|(q, _)| quality > q) {
                    best = Some((quality, lang));
                }
            }
        }
        best.map_or(Lang::En, |(_, lang)| lang)
    }

    /// The language the process environment asks for (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, in POSIX precedence), English when unset or unsupported: a bare systemd service
    /// has no `LANG` at all.
    pub fn from_env() -> Lang {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] with the variables read through `get`, so tests need not touch the process.
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Lang {
        // LANGUAGE is a colon-separated preference list and only counts when a locale is set.
        let locale_set = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .any(|v| get(v).is_some_and(|s| !s.is_empty() && s != "C" && s != "POSIX"));
        if locale_set
            && let Some(list) = get("LANGUAGE")
            && let Some(lang) = list.split(':').find_map(Lang::from_tag)
        {
            return lang;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| get(v).filter(|s| !s.is_empty()))
            .and_then(|s| Lang::from_tag(&s))
            .unwrap_or(Lang::En)
    }

    fn identifier(self) -> LanguageIdentifier {
        match self {
            Lang::En => unic_langid::langid!("en"),
            Lang::Fr => unic_langid::langid!("fr"),
        }
    }
}

/// One loader per language (with English beneath it), parsed on first use: a process holds
/// only the languages it speaks, the TV app one, the demo server those its visitors ask for.
static LOADERS: [OnceLock<FluentLanguageLoader>; Lang::ALL.len()] =
    [OnceLock::new(), OnceLock::new()];

fn parsed(lang: Lang) -> &'static FluentLanguageLoader {
    let slot = match lang {
        Lang::En => 0,
        Lang::Fr => 1,
    };
    LOADERS[slot].get_or_init(|| {
        let loader: FluentLanguageLoader = fluent_language_loader!();
        // The .ftl files are embedded and checked at compile time by `fl!`, so a failure here
        // is a build defect; it is logged and the messages' ids are shown instead of crashing.
        if let Err(error) = loader.load_languages(&Localizations, &[lang.identifier()]) {
            tracing::error!(%error, "embedded translations failed to load");
        }
        // Unicode isolation marks around arguments would leak into HTML, terminals and tests.
        loader.set_use_isolating(false);
        loader
    })
}

/// A loader that translates into `lang`, falling back to English for any missing message.
pub fn loader(lang: Lang) -> FluentLanguageLoader {
    parsed(lang).select_languages(&[lang.identifier()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(
            Lang::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"),
            Lang::Fr
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4"),
            Lang::Fr
        );
        assert_eq!(Lang::from_accept_language("en-GB,fr;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr;q=0,en;q=0.1"), Lang::En);
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }

    #[test]
    fn environment_follows_posix_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env_with(env(&[])), Lang::En);
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "fr_FR.UTF-8")])),
            Lang::Fr
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "en_US.UTF-8"), ("LANGUAGE", "de:fr")])),
            Lang::Fr
        );
        // LANGUAGE is ignored when no locale is set at all.
        assert_eq!(Lang::from_env_with(env(&[("LANGUAGE", "fr")])), Lang::En);
    }

    /// Every message exists in both languages: a French screen never falls back to English.
    #[test]
    fn both_languages_have_the_same_messages() {
        fn ids(ftl: &str) -> std::collections::BTreeSet<&str> {
            ftl.lines()
                .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
                .collect()
        }
        let en = ids(include_str!("../i18n/en/tvauth.ftl"));
        let fr = ids(include_str!("../i18n/fr/tvauth.ftl"));
        assert!(en.len() > 100, "{} messages", en.len());
        assert_eq!(
            en.symmetric_difference(&fr).collect::<Vec<_>>(),
            Vec::<&&str>::new()
        );
    }

    #[test]
    fn french_and_english_translate() {
        let en = loader(Lang::En);
        let fr = loader(Lang::Fr);
        assert_eq!(fl!(en, "activate-approve"), "Approve");
        assert_eq!(fl!(fr, "activate-approve"), "Autoriser");
    }
}
