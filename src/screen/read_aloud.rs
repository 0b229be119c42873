//! "Read the code aloud" on Activate, for whoever cannot read the screen: the host and the code
//! letter by letter, slowly, twice, in the UI language. Offered only when this system can
//! speak (speech-dispatcher or espeak-ng); never blocks (the program runs on its own); a second
//! press starts it again; leaving the screen (dropping this) stops it.

use crate::i18n::Lang;
use crate::session::CodeInfo;
use crate::speech::{self, Speaker, Speech};

/// The speaker, the language, and what is being said.
#[derive(Debug)]
pub struct ReadAloud {
    speaker: Speaker,
    lang: Lang,
    /// The sentence being said; dropping it stops it.
    speech: Option<Speech>,
}

impl ReadAloud {
    /// Reading aloud through `speaker`, in `lang`.
    pub fn new(speaker: Speaker, lang: Lang) -> ReadAloud {
        ReadAloud {
            speaker,
            lang,
            speech: None,
        }
    }

    /// Says `code` (from the start, if it was being said).
    pub fn read(&mut self, code: &CodeInfo) {
        let sentence = speech::sentence_for(self.lang, &code.verification_uri, &code.user_code);
        self.speech = match self.speaker.say(self.lang, &sentence) {
            Ok(speech) => Some(speech),
            Err(error) => {
                tracing::warn!(%error, "the code could not be read aloud");
                None
            }
        };
    }

    /// Stops saying what it says (a code that no longer works).
    pub fn stop(&mut self) {
        self.speech = None;
    }

    /// Whether the last press started saying the code.
    pub fn started(&self) -> bool {
        self.speech.is_some()
    }
}
