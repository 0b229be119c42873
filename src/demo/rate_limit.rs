//! A sliding-window rate limit per key: how many requests (or wrong guesses) a key may make
//! within a window, and when it may try again once over.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimit<K> {
    allowed: usize,
    window: Duration,
    recent: HashMap<K, VecDeque<Instant>>,
}

impl<K: Eq + Hash> RateLimit<K> {
    /// `allowed` requests per key within `window`; 0 means no limit.
    pub fn new(allowed: usize, window: Duration) -> RateLimit<K> {
        RateLimit {
            allowed,
            window,
            recent: HashMap::new(),
        }
    }

    /// Counts a request of `key` at `now`, or refuses it with how long until one is allowed.
    /// Refused requests are not counted, so waiting as told always works.
    pub fn admit(&mut self, key: K, now: Instant) -> Result<(), Duration> {
        if self.allowed == 0 {
            return Ok(());
        }
        let (allowed, window) = (self.allowed, self.window);
        let times = self.recent(key, now);
        if times.len() >= allowed {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(window.saturating_sub(now.saturating_duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }

    /// Whether `key` has used up what the window allows, without counting anything: for
    /// limits where only some requests count (wrong guesses), checked before each request.
    pub fn exhausted(&mut self, key: K, now: Instant) -> bool {
        self.allowed != 0 && self.recent(key, now).len() >= self.allowed
    }

    /// Counts an event of `key` at `now`, over the limit or not.
    pub fn record(&mut self, key: K, now: Instant) {
        if self.allowed != 0 {
            self.recent(key, now).push_back(now);
        }
    }

    /// The times of `key` within the window; keys with nothing left in it are forgotten, so
    /// the map does not grow with every address ever seen.
    fn recent(&mut self, key: K, now: Instant) -> &mut VecDeque<Instant> {
        let window = self.window;
        let fresh = |t: &Instant| now.saturating_duration_since(*t) < window;
        self.recent
            .retain(|_, times| times.back().is_some_and(fresh));
        let times = self.recent.entry(key).or_default();
        while times.front().is_some_and(|t| !fresh(t)) {
            let _ = times.pop_front();
        }
        times
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_over_its_limit_waits_for_its_oldest_request_to_age_out() {
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        let mut limit = RateLimit::new(3, Duration::from_secs(60));
        assert_eq!(limit.admit("a", at(0)), Ok(()));
        assert_eq!(limit.admit("a", at(10)), Ok(()));
        assert_eq!(limit.admit("a", at(20)), Ok(()));
        assert_eq!(limit.admit("a", at(30)), Err(Duration::from_secs(30)));
        assert_eq!(limit.admit("b", at(30)), Ok(()), "keys are apart");
        assert_eq!(limit.admit("a", at(59)), Err(Duration::from_secs(1)));
        assert_eq!(limit.admit("a", at(60)), Ok(()));
        let mut unlimited = RateLimit::new(0, Duration::from_secs(60));
        assert!((0..1000).all(|_| unlimited.admit("a", at(0)).is_ok()));
    }

    #[test]
    fn recorded_events_exhaust_a_key_until_they_age_out() {
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        let mut limit = RateLimit::new(2, Duration::from_secs(60));
        limit.record("a", at(0));
        assert!(!limit.exhausted("a", at(1)));
        limit.record("a", at(10));
        assert!(limit.exhausted("a", at(11)));
        assert!(!limit.exhausted("b", at(11)), "keys are apart");
        assert!(limit.exhausted("a", at(59)));
        assert!(!limit.exhausted("a", at(60)));
        let mut unlimited = RateLimit::new(0, Duration::from_secs(60));
        unlimited.record("a", at(0));
        assert!(!unlimited.exhausted("a", at(0)));
    }
}
