//! The code read aloud, for people who cannot read the screen: the sentence to say
//! ([`sentence_for`]), and a [`Speaker`] that says it through speech-dispatcher or espeak-ng
//! without blocking. Knows no UI toolkit; the TV app and `tvauth login --speak` share it.
//!
//! ```no_run
//! use tvauth::i18n::Lang;
//! use tvauth::speech::{Speaker, sentence_for};
//!
//! // Once, at start: offer "Read the code aloud" only when this is `Some`.
//! let speaker = Speaker::detect();
//! // On each request: keep the handle; replacing or dropping it stops the voice.
//! if let Some(speaker) = &speaker {
//!     let text = sentence_for(Lang::Fr, "https://login.example.com/activate", "WDJBMJHT");
//!     let _speech = speaker.say(Lang::Fr, &text);
//! }
//! ```

mod sentence;
mod speaker;
mod speechd;

pub use sentence::{name, sentence, sentence_for, spell_code, spoken_host};
pub use speaker::{
    ESPEAK_WORDS_PER_MINUTE, Engine, Finished, SPEECHD_RATE, Speaker, Speech, SpeechError,
    synthesize_to_file,
};
