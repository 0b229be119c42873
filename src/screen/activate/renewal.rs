//! When Activate asks for a new code by itself: the code is about to run out while someone is
//! there (a key pressed in the last minutes; being put up on screen counts). Nobody there, the
//! code runs out and the Expired screen waits for a key, as RFC 8628 asks: no polling for
//! nobody. Pure: every time comes from the screen's own clock.

use std::time::{Duration, Instant};

/// How recent a key press must be for someone to count as there.
pub const PRESENCE_WINDOW: Duration = Duration::from_secs(10 * 60);

/// Automatic renewals in a row without a key press, at most.
pub const MAX_IN_A_ROW: u8 = 4;

/// A new code is asked for when less than this is left (or three polling intervals, if more).
pub const MIN_TIME_LEFT: Duration = Duration::from_secs(60);

/// Who was last seen, and how many codes were renewed since.
#[derive(Debug, Clone)]
pub struct Renewal {
    last_seen: Instant,
    in_a_row: u8,
}

impl Renewal {
    /// Someone is there now: the screen was just put up (at launch, after a key, after a
    /// sign-out).
    pub fn new(now: Instant) -> Renewal {
        Renewal {
            last_seen: now,
            in_a_row: 0,
        }
    }

    /// A key was pressed (or the TV switched to this app) at `at`.
    pub fn seen(&mut self, at: Instant) {
        self.last_seen = self.last_seen.max(at);
        self.in_a_row = 0;
    }

    /// Whether to ask for a new code now, for a code that lives `lifetime` in all, runs out
    /// at `expires_at` and is polled every `interval`.
    pub fn due(
        &self,
        now: Instant,
        lifetime: Duration,
        expires_at: Instant,
        interval: Duration,
    ) -> bool {
        let threshold = MIN_TIME_LEFT.max(3 * interval);
        let left = expires_at.saturating_duration_since(now);
        // A code that was short-lived to begin with is not renewed: it would be at once.
        lifetime > threshold
            && left < threshold
            && now.saturating_duration_since(self.last_seen) < PRESENCE_WINDOW
            && self.in_a_row < MAX_IN_A_ROW
    }

    /// A new code was asked for without a key press.
    pub fn renewed(&mut self) {
        self.in_a_row = self.in_a_row.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIFETIME: Duration = Duration::from_secs(900);
    const INTERVAL: Duration = Duration::from_secs(5);

    #[test]
    fn renews_near_the_end_only_while_someone_is_there() {
        let start = Instant::now();
        let expires_at = start + LIFETIME;
        let renewal = Renewal::new(start);
        let at = |left: u64| expires_at - Duration::from_secs(left);
        assert!(
            !renewal.due(at(61), LIFETIME, expires_at, INTERVAL),
            "61 s left"
        );
        // Nobody pressed a key since the screen came up 14 min ago.
        assert!(!renewal.due(at(59), LIFETIME, expires_at, INTERVAL));

        let mut renewal = Renewal::new(start);
        renewal.seen(at(300));
        assert!(renewal.due(at(59), LIFETIME, expires_at, INTERVAL));
        // Three intervals, when they are longer than a minute.
        let slow = Duration::from_secs(30);
        assert!(renewal.due(at(89), LIFETIME, expires_at, slow));
        assert!(!renewal.due(at(91), LIFETIME, expires_at, slow));
        // A code that lived less than the threshold to begin with.
        let short = Duration::from_secs(50);
        assert!(!renewal.due(at(10), short, expires_at, INTERVAL));
    }

    #[test]
    fn at_most_four_in_a_row_without_a_key() {
        let start = Instant::now();
        let mut renewal = Renewal::new(start);
        let lifetime = Duration::from_secs(90);
        let mut now = start;
        for _ in 0..MAX_IN_A_ROW {
            now += Duration::from_secs(31);
            assert!(renewal.due(now, lifetime, now + Duration::from_secs(59), INTERVAL));
            renewal.renewed();
        }
        now += Duration::from_secs(31);
        assert!(!renewal.due(now, lifetime, now + Duration::from_secs(59), INTERVAL));
        renewal.seen(now);
        assert!(renewal.due(now, lifetime, now + Duration::from_secs(59), INTERVAL));
    }
}
