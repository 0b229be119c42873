//! The logs of this process at trace level (for the Home cells, which run the core here),
//! kept in memory; the demo servers' own logs are left out.

use std::io::Write;
use std::sync::{Mutex, Once, PoisonError};

use tracing::Level;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

static CAPTURED: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Capture;

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        CAPTURED
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Starts capturing every log line at trace level (once per process).
pub fn capture() {
    static START: Once = Once::new();
    START.call_once(|| {
        let filter = Targets::new()
            .with_default(Level::TRACE)
            .with_target("tvauth::demo", LevelFilter::OFF);
        let _ = tracing_subscriber::registry()
            .with(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(|| Capture)
                    .with_filter(filter),
            )
            .try_init();
    });
}

pub fn captured() -> String {
    let bytes = CAPTURED.lock().unwrap_or_else(PoisonError::into_inner);
    String::from_utf8_lossy(&bytes).into_owned()
}
