//! This machine's clocks: the wall clock in the Unix seconds that session files and token
//! claims use, and the boot clock, which setting the wall clock (network time arriving on a
//! board without a battery-backed clock) does not move.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the epoch (0 on a clock set before 1970).
pub fn unix_now() -> u64 {
    unix_seconds(SystemTime::now())
}

/// `time` in seconds since the epoch (0 before 1970).
pub fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A reading of the boot clock: seconds since this boot, suspend included (Linux
/// `CLOCK_BOOTTIME`, read from `/proc/uptime`), and which boot it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BootTime {
    /// The kernel's random id of this boot: a reading from another boot means nothing here.
    pub boot_id: String,
    /// Seconds since the boot.
    pub seconds: u64,
}

/// The boot clock now; `None` where `/proc` does not tell (not Linux, a sandbox).
pub fn boot_now() -> Option<BootTime> {
    let boot_id = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let seconds: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    Some(BootTime {
        boot_id: boot_id.trim().to_string(),
        seconds: seconds as u64,
    })
}
