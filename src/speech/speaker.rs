//! Saying a sentence aloud without blocking: through speech-dispatcher (`spd-say`, the
//! desktop's voice and audio settings) when its daemon runs, else espeak-ng directly. Each
//! sentence is one child process (built by [`crate::browser::child_command`], so it never sees
//! tvauth's secrets); a [`Speech`] handle owns it, and one [`Speaker`] says one thing at a time.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::speechd;
use crate::browser::{child_command, on_path};
use crate::i18n::Lang;

/// espeak-ng's speed, in words per minute: slower than its 175 so letters can be written down.
pub const ESPEAK_WORDS_PER_MINUTE: u32 = 140;
/// spd-say's rate (-100 to 100, 0 the user's normal): about 140 words per minute with
/// speech-dispatcher's espeak-ng module, like [`ESPEAK_WORDS_PER_MINUTE`].
pub const SPEECHD_RATE: i32 = -35;
/// How often [`Speech::finished`] looks at the child: a few wake-ups while a sentence lasts.
const POLL: Duration = Duration::from_millis(50);

/// The program that speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// speech-dispatcher, through `spd-say` (which starts its daemon when needed).
    SpeechDispatcher,
    /// espeak-ng, speaking to the sound card itself.
    EspeakNg,
}

impl Engine {
    /// The command run: `spd-say` or `espeak-ng`.
    pub fn program(self) -> &'static str {
        match self {
            Engine::SpeechDispatcher => "spd-say",
            Engine::EspeakNg => "espeak-ng",
        }
    }

    /// The arguments that say `text` in `lang`, slowly. spd-say waits (`-w`) so that its
    /// process lasts as long as the sentence, and cancels (`-C`) what the daemon was saying,
    /// which is how a new sentence replaces the previous one.
    pub fn arguments(self, lang: Lang, text: &str) -> Vec<OsString> {
        let words: Vec<String> = match self {
            Engine::SpeechDispatcher => vec![
                "-N".into(),
                "tvauth".into(),
                "-C".into(),
                "-w".into(),
                "-l".into(),
                lang.tag().into(),
                "-r".into(),
                SPEECHD_RATE.to_string(),
            ],
            Engine::EspeakNg => vec![
                "-v".into(),
                lang.tag().into(),
                "-s".into(),
                ESPEAK_WORDS_PER_MINUTE.to_string(),
            ],
        };
        let mut arguments: Vec<OsString> = words.into_iter().map(OsString::from).collect();
        arguments.extend(["--".into(), text.into()]);
        arguments
    }
}

/// Why a sentence was not said. Never carries the sentence.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SpeechError {
    /// The program could not be started (missing, not executable, no processes left).
    #[error("cannot start {}: {source}", .engine.program())]
    Start {
        /// Which program.
        engine: Engine,
        /// What the system said.
        source: Arc<std::io::Error>,
    },
    /// The program ended with a failure: for spd-say typically that speech-dispatcher could
    /// not be started or reached.
    #[error("{} failed ({status})", .engine.program())]
    Failed {
        /// Which program.
        engine: Engine,
        /// Its exit status, as the system describes it.
        status: String,
    },
    /// The state of the program could not be read.
    #[error("cannot follow {}: {source}", .engine.program())]
    Wait {
        /// Which program.
        engine: Engine,
        /// What the system said.
        source: Arc<std::io::Error>,
    },
}

/// How a [`Speech`] ended without failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// The program said the whole sentence.
    Spoken,
    /// It was stopped, or replaced by a newer sentence of the same speaker.
    Stopped,
}

/// What speaks. Find one once with [`Speaker::detect`] (offer reading aloud only when there
/// is one), then [`Speaker::say`] on each request. Clones share one voice: a new sentence from
/// any of them stops the one being said.
#[derive(Debug, Clone)]
pub struct Speaker {
    engine: Engine,
    voice: Arc<Mutex<Voice>>,
}

/// What a speaker is saying: the current sentence's child and its number.
#[derive(Debug, Default)]
struct Voice {
    /// Number of the current sentence; a [`Speech`] with another number is over.
    generation: u64,
    /// The current sentence's program, until it is stopped or seen to end.
    child: Option<Child>,
    /// How the current sentence ended, once seen.
    ended: Option<Result<Finished, SpeechError>>,
    /// A `spd-say -C` sent by a stop: waited for before the next sentence, so it cannot
    /// cancel that one.
    canceller: Option<Child>,
}

impl Speaker {
    /// The speaker this system offers: speech-dispatcher when its daemon answers on its
    /// socket (the person's settings, and screen readers share it), else espeak-ng when
    /// installed, else speech-dispatcher when only it is installed (`spd-say` starts the
    /// daemon). `None` when neither `spd-say` nor `espeak-ng` is on `PATH`. Quick: a look
    /// along `PATH` and one local socket connection; call it once, at start.
    pub fn detect() -> Option<Speaker> {
        let speechd = on_path(Engine::SpeechDispatcher.program());
        let espeak = on_path(Engine::EspeakNg.program());
        let engine = match (speechd, espeak) {
            (true, _) if speechd::listening() => Engine::SpeechDispatcher,
            (_, true) => Engine::EspeakNg,
            (true, false) => Engine::SpeechDispatcher,
            (false, false) => return None,
        };
        Some(Speaker::with_engine(engine))
    }

    /// A speaker through `engine`, whether or not its program is installed (then
    /// [`Speaker::say`] fails with [`SpeechError::Start`]): for tools and tests.
    pub fn with_engine(engine: Engine) -> Speaker {
        Speaker {
            engine,
            voice: Arc::default(),
        }
    }

    /// The program this speaker runs.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Starts saying `text` in `lang` and returns at once. The previous sentence of this
    /// speaker (and its clones), if still being said, stops first. Dropping the returned
    /// handle stops this sentence; keeping it lets it finish. Needs no async runtime.
    pub fn say(&self, lang: Lang, text: &str) -> Result<Speech, SpeechError> {
        let mut voice = lock(&self.voice);
        // The new spd-say cancels the daemon's queue itself (`-C`): no separate cancel here.
        voice.silence(self.engine, false);
        if let Some(mut canceller) = voice.canceller.take() {
            let _ = canceller.wait();
        }
        voice.generation += 1;
        voice.ended = None;
        let child = child_command(self.engine.program())
            .args(self.engine.arguments(lang, text))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| SpeechError::Start {
                engine: self.engine,
                source: Arc::new(source),
            })?;
        voice.child = Some(child);
        Ok(Speech {
            speaker: self.clone(),
            generation: voice.generation,
        })
    }
}

/// One sentence being said. Dropping it, or [`Speech::stop`], stops the sentence (the
/// program is killed; for speech-dispatcher what its daemon still had queued is cancelled
/// too). Not `Clone`: one owner decides when it stops.
#[derive(Debug)]
pub struct Speech {
    speaker: Speaker,
    generation: u64,
}

impl Speech {
    /// The program that says it.
    pub fn engine(&self) -> Engine {
        self.speaker.engine
    }

    /// Whether the sentence is still being said (not over, stopped or replaced).
    pub fn is_speaking(&self) -> bool {
        let mut voice = lock(&self.speaker.voice);
        voice.generation == self.generation
            && voice
                .child
                .as_mut()
                .is_some_and(|child| matches!(child.try_wait(), Ok(None)))
    }

    /// Stops saying it now (the same as dropping the handle).
    pub fn stop(self) {}

    /// Waits, without blocking a thread, until the sentence is over: said to the end,
    /// stopped or replaced, or the program failed. Needs a tokio runtime (the CLI's, or
    /// iced's with its `tokio` feature). Cancel-safe: dropping the future loses nothing, and
    /// the handle can be asked again.
    pub async fn finished(&mut self) -> Result<Finished, SpeechError> {
        loop {
            if let Some(ended) = self.ended() {
                return ended;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// How the sentence ended, or `None` while it is being said.
    fn ended(&self) -> Option<Result<Finished, SpeechError>> {
        let engine = self.speaker.engine;
        let mut voice = lock(&self.speaker.voice);
        if voice.generation != self.generation {
            return Some(Ok(Finished::Stopped));
        }
        if let Some(ended) = &voice.ended {
            return Some(ended.clone());
        }
        let Some(child) = voice.child.as_mut() else {
            return Some(Ok(Finished::Stopped));
        };
        let ended = outcome(engine, child.try_wait())?;
        voice.child = None;
        voice.ended = Some(ended.clone());
        Some(ended)
    }
}

/// How a program that was asked whether it ended ended; `None` while it runs.
fn outcome(
    engine: Engine,
    waited: std::io::Result<Option<ExitStatus>>,
) -> Option<Result<Finished, SpeechError>> {
    match waited {
        Ok(None) => None,
        Ok(Some(status)) if status.success() => Some(Ok(Finished::Spoken)),
        Ok(Some(status)) => Some(Err(SpeechError::Failed {
            engine,
            status: status.to_string(),
        })),
        Err(source) => Some(Err(SpeechError::Wait {
            engine,
            source: Arc::new(source),
        })),
    }
}

impl Drop for Speech {
    fn drop(&mut self) {
        let mut voice = lock(&self.speaker.voice);
        if voice.generation == self.generation {
            voice.silence(self.speaker.engine, true);
        }
    }
}

impl Voice {
    /// Stops the current sentence: its program killed and reaped; with `cancel`, when
    /// speech-dispatcher was still at it, `spd-say -C` so the daemon drops it too (it keeps
    /// saying a message whose client has gone). That cancels every client's messages: on a
    /// TV nothing else speaks, and a person who stops one sentence wants silence.
    fn silence(&mut self, engine: Engine, cancel: bool) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let running = match outcome(engine, child.try_wait()) {
            None => {
                let _ = child.kill();
                self.ended = Some(Ok(Finished::Stopped));
                true
            }
            ended => {
                self.ended = ended;
                false
            }
        };
        let _ = child.wait();
        if running && cancel && engine == Engine::SpeechDispatcher {
            self.canceller = child_command(engine.program())
                .args(["-N", "tvauth", "-C"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .ok();
        }
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        // Whoever owned the sentence has gone; reap the cancel so no zombie is left.
        if let Some(mut canceller) = self.canceller.take() {
            let _ = canceller.wait();
        }
    }
}

fn lock(voice: &Mutex<Voice>) -> MutexGuard<'_, Voice> {
    // A panic while holding the lock leaves nothing half-done worth refusing.
    voice.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Writes `text` said in `lang` to a WAV file with espeak-ng, with the same voice and speed
/// as [`Engine::EspeakNg`] speaks, and waits for it: for tests and tools, not the UI.
pub fn synthesize_to_file(lang: Lang, text: &str, wav: &Path) -> Result<(), SpeechError> {
    let engine = Engine::EspeakNg;
    let mut arguments: Vec<OsString> = vec!["-w".into(), wav.into()];
    arguments.extend(engine.arguments(lang, text));
    let status = child_command(engine.program())
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .map_err(|source| SpeechError::Start {
            engine,
            source: Arc::new(source),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(SpeechError::Failed {
            engine,
            status: status.to_string(),
        })
    }
}

#[cfg(test)]
mod tests;
