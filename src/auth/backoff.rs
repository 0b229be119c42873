//! The wait before trying again, shared by every loop that talks to a provider (polling, the
//! TV's code request and refresh, revocation retries): doubling from the interval in force,
//! capped, honouring `Retry-After`, with ±20 % jitter so that a fleet of boxes sharing one
//! `client_id` (and one rate limit) does not come back in step after an outage.

use std::time::Duration;

use super::bounds::MAX_RETRY_AFTER;

/// The longest doubled wait (a `Retry-After` may ask for more, up to its own bound).
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// How far a wait is spread either way, in percent.
const JITTER_PERCENT: u64 = 20;

/// A source of jitter: random in the app, none in tests that check exact waits.
#[derive(Debug, Clone)]
pub struct Jitter {
    /// xorshift64 state; 0 means no jitter. Not cryptographic: it only spreads retries.
    state: u64,
}

impl Jitter {
    /// Seeded from the system's random source (no jitter if that fails: retries still work).
    pub fn random() -> Jitter {
        let mut seed = [0u8; 8];
        let state = match getrandom::fill(&mut seed) {
            Ok(()) => u64::from_le_bytes(seed) | 1,
            Err(_) => 0,
        };
        Jitter { state }
    }

    /// Reproducible jitter from a seed (0 gives none).
    pub fn seeded(seed: u64) -> Jitter {
        Jitter { state: seed }
    }

    /// No jitter at all.
    pub fn none() -> Jitter {
        Jitter { state: 0 }
    }

    /// A per-mille factor in [800, 1200].
    fn next_per_mille(&mut self) -> u64 {
        if self.state == 0 {
            return 1000;
        }
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.state = x;
        let spread = JITTER_PERCENT * 10;
        1000 - spread + x % (2 * spread + 1)
    }

    /// `wait` spread by ±20 %.
    pub fn spread(&mut self, wait: Duration) -> Duration {
        wait.mul_f64(self.next_per_mille() as f64 / 1000.0)
    }

    /// `wait` stretched by 0 to +20 %: for waits the server asked for, which must not shrink.
    pub fn stretch(&mut self, wait: Duration) -> Duration {
        let per_mille = self.next_per_mille().max(1000);
        wait.mul_f64(per_mille as f64 / 1000.0)
    }
}

/// Consecutive failures and the waits they call for.
#[derive(Debug, Clone)]
pub struct Backoff {
    failures: u32,
    jitter: Jitter,
}

impl Backoff {
    /// No failures yet; waits get `jitter`.
    pub fn new(jitter: Jitter) -> Backoff {
        Backoff {
            failures: 0,
            jitter,
        }
    }

    /// A success: the next failure starts doubling afresh.
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// Failures since the last success.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The wait after one more failure: `floor` doubled per consecutive failure, capped at
    /// [`MAX_BACKOFF`], spread ±20 %; never below `floor` (the interval in force) nor below
    /// what the server asked (`Retry-After`, stretched up to +20 % within its bound).
    pub fn next(&mut self, floor: Duration, asked: Option<Duration>) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let doubled = floor
            .saturating_mul(1u32 << self.failures.min(16))
            .min(MAX_BACKOFF);
        let mut wait = self.jitter.spread(doubled).max(floor);
        if let Some(asked) = asked {
            let asked = asked.min(MAX_RETRY_AFTER);
            wait = wait.max(self.jitter.stretch(asked).min(MAX_RETRY_AFTER));
        }
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn doubles_from_the_floor_and_caps() {
        let mut backoff = Backoff::new(Jitter::none());
        let waits: Vec<u64> = (0..6)
            .map(|_| backoff.next(secs(5), None).as_secs())
            .collect();
        assert_eq!(waits, [10, 20, 40, 60, 60, 60]);
        backoff.reset();
        assert_eq!(backoff.next(secs(5), None), secs(10));
    }

    #[test]
    fn jitter_spreads_within_twenty_percent_and_never_below_the_floor() {
        let mut seen = std::collections::BTreeSet::new();
        for seed in 1..200 {
            let mut backoff = Backoff::new(Jitter::seeded(seed));
            let wait = backoff.next(secs(5), None);
            assert!(wait >= secs(8) && wait <= secs(12), "{wait:?}");
            seen.insert(wait.as_millis());
            // At the cap's floor: the spread may not go below the interval in force.
            let mut slow = Backoff::new(Jitter::seeded(seed));
            assert!(slow.next(secs(90), None) >= secs(90));
        }
        assert!(seen.len() > 50, "jitter spreads the waits: {}", seen.len());
    }

    #[test]
    fn retry_after_is_a_minimum() {
        for seed in 1..100 {
            let mut backoff = Backoff::new(Jitter::seeded(seed));
            let wait = backoff.next(secs(5), Some(secs(42)));
            assert!(wait >= secs(42) && wait <= secs(51), "{wait:?}");
        }
        let mut backoff = Backoff::new(Jitter::none());
        assert_eq!(backoff.next(secs(5), Some(secs(1))), secs(10));
    }
}
