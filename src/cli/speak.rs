//! `tvauth login --speak`: each new code read aloud in the command line's language, through
//! the same [`Speaker`] as the TV; without one, a clear word on stderr and the sign-in goes on.

use i18n_embed::fluent::FluentLanguageLoader;

use crate::i18n::{Lang, fl};
use crate::session::CodeInfo;
use crate::speech::{Speaker, Speech, SpeechError, sentence_for};

/// The voice of one `login`: at most one sentence at a time, each code said once; silent
/// without `--speak`.
pub(super) struct ReadAloud {
    speaker: Option<Speaker>,
    lang: Lang,
    speech: Option<Speech>,
    /// The code last said: a repeated code event does not start it again.
    said: Option<String>,
}

impl ReadAloud {
    /// With `lang` (`--speak`), finds the speaker, saying on stderr when there is none.
    pub(super) fn new(t: &FluentLanguageLoader, lang: Option<Lang>) -> ReadAloud {
        let speaker = lang.and_then(|_| Speaker::detect());
        if lang.is_some() && speaker.is_none() {
            eprintln!("tvauth: {}", fl!(t, "cli-speak-unavailable"));
        }
        ReadAloud {
            speaker,
            lang: lang.unwrap_or(Lang::En),
            speech: None,
            said: None,
        }
    }

    /// Reads a code aloud unless it was already; a new code stops the previous sentence.
    /// Returns what to tell the person when it could not start.
    pub(super) fn code(&mut self, t: &FluentLanguageLoader, code: &CodeInfo) -> Option<String> {
        let speaker = self.speaker.as_ref()?;
        if self.said.as_deref() == Some(code.user_code.as_str()) {
            return None;
        }
        self.said = Some(code.user_code.clone());
        let text = sentence_for(self.lang, &code.verification_uri, &code.user_code);
        match speaker.say(self.lang, &text) {
            Ok(speech) => {
                self.speech = Some(speech);
                None
            }
            Err(error) => {
                self.speech = None;
                Some(failed(t, &error))
            }
        }
    }

    /// Resolves when the sentence being said fails (speech-dispatcher could not start, for
    /// one), with what to tell the person; pending otherwise. Cancel-safe, for `select!`.
    pub(super) async fn failure(&mut self, t: &FluentLanguageLoader) -> String {
        loop {
            let Some(speech) = self.speech.as_mut() else {
                return std::future::pending().await;
            };
            let ended = speech.finished().await;
            self.speech = None;
            if let Err(error) = ended {
                return failed(t, &error);
            }
        }
    }
}

fn failed(t: &FluentLanguageLoader, error: &SpeechError) -> String {
    fl!(t, "cli-speak-failed", error = error.to_string())
}
