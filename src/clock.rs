//! The wall clock, in the unix seconds that session files and token claims use.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the epoch (0 on a clock set before 1970).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
