//! Short-lived one-time entries under random keys: form tokens of the HTML pages, and
//! authorization requests waiting for consent. Kept in memory only.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::random;

/// Entries beyond this are refused room: the oldest are dropped first.
const CAPACITY: usize = 10_000;

#[derive(Debug)]
pub struct Expiring<T> {
    entries: HashMap<String, (Instant, T)>,
    lifetime: Duration,
}

impl<T> Expiring<T> {
    pub fn new(lifetime: Duration) -> Self {
        Self {
            entries: HashMap::new(),
            lifetime,
        }
    }

    /// Stores `value` and returns its new random key.
    pub fn insert(&mut self, value: T) -> String {
        let now = Instant::now();
        let lifetime = self.lifetime;
        self.entries
            .retain(|_, (born, _)| now.duration_since(*born) < lifetime);
        if self.entries.len() >= CAPACITY
            && let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, (born, _))| *born)
                .map(|(k, _)| k.clone())
        {
            self.entries.remove(&oldest);
        }
        let key = random::token(24);
        self.entries.insert(key.clone(), (now, value));
        key
    }

    /// Removes and returns the entry, if it exists and is still fresh.
    pub fn take(&mut self, key: &str) -> Option<T> {
        let (born, value) = self.entries.remove(key)?;
        (born.elapsed() < self.lifetime).then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_taken_once_and_expire() {
        let mut fresh = Expiring::new(Duration::from_secs(60));
        let key = fresh.insert(7);
        assert_eq!(fresh.take("other"), None);
        assert_eq!(fresh.take(&key), Some(7));
        assert_eq!(fresh.take(&key), None);

        let mut stale = Expiring::new(Duration::ZERO);
        let key = stale.insert(7);
        assert_eq!(stale.take(&key), None);
    }
}
