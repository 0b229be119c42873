//! Small formatting shared by the terminal and the TV screen.

use std::time::Duration;

/// `14:59`, rounding up so a countdown never shows 00:00 while time is left.
pub fn mmss(left: Duration) -> String {
    let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_up() {
        assert_eq!(mmss(Duration::from_millis(899_100)), "15:00");
        assert_eq!(mmss(Duration::from_secs(61)), "01:01");
        assert_eq!(mmss(Duration::ZERO), "00:00");
    }
}
