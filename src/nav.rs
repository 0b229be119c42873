//! Remote and keyboard: keys become [`NavKey`]s (matching both the logical key and, for remote
//! buttons that arrive unnamed under Wayland, the physical code), and focus moves to the
//! nearest element in the pressed direction.

use iced::Point;
use iced::keyboard::key::{Code, NativeCode, Physical};
use iced::keyboard::{Key, key::Named};

/// What a remote can ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NavKey {
    /// Move focus up.
    Up,
    /// Move focus down.
    Down,
    /// Move focus left.
    Left,
    /// Move focus right.
    Right,
    /// OK, Enter, Select.
    Ok,
    /// Back, Escape, BrowserBack, the TV's Return (Close over HDMI-CEC).
    Back,
    /// Info, Menu, Help or F1: the diagnostics screen.
    Help,
    /// The remote's audio description key: the code read aloud, on Activate.
    Speak,
}

/// Linux input codes of remote buttons (linux/input-event-codes.h); XKB codes are these + 8.
mod linux {
    pub const KEY_OK: u32 = 0x160;
    pub const KEY_SELECT: u32 = 0x161;
    pub const KEY_BACK: u32 = 158;
    pub const KEY_EXIT: u32 = 174;
    pub const KEY_MENU: u32 = 139;
    pub const KEY_HELP: u32 = 138;
    pub const KEY_INFO: u32 = 0x166;
    pub const KEY_AUDIO_DESC: u32 = 0x26e;
    pub const XKB_OFFSET: u32 = 8;
}

/// The navigation meaning of a key press, if any.
pub fn nav_key(key: &Key, physical: &Physical) -> Option<NavKey> {
    let by_name = match key.as_ref() {
        Key::Named(Named::ArrowUp) => Some(NavKey::Up),
        Key::Named(Named::ArrowDown) => Some(NavKey::Down),
        Key::Named(Named::ArrowLeft) => Some(NavKey::Left),
        Key::Named(Named::ArrowRight) => Some(NavKey::Right),
        Key::Named(Named::Enter | Named::Select | Named::Space) => Some(NavKey::Ok),
        Key::Character(" ") => Some(NavKey::Ok),
        Key::Named(
            Named::Escape | Named::BrowserBack | Named::GoBack | Named::Close | Named::Exit,
        ) => Some(NavKey::Back),
        Key::Named(Named::Info | Named::ContextMenu | Named::Help | Named::F1) => {
            Some(NavKey::Help)
        }
        Key::Named(Named::TVAudioDescription) => Some(NavKey::Speak),
        _ => None,
    };
    by_name.or(match physical {
        Physical::Code(Code::NumpadEnter) => Some(NavKey::Ok),
        Physical::Code(Code::BrowserBack) => Some(NavKey::Back),
        Physical::Unidentified(NativeCode::Xkb(code)) => {
            match code.checked_sub(linux::XKB_OFFSET)? {
                linux::KEY_OK | linux::KEY_SELECT => Some(NavKey::Ok),
                linux::KEY_BACK | linux::KEY_EXIT => Some(NavKey::Back),
                linux::KEY_MENU | linux::KEY_HELP | linux::KEY_INFO => Some(NavKey::Help),
                linux::KEY_AUDIO_DESC => Some(NavKey::Speak),
                _ => None,
            }
        }
        _ => None,
    })
}

/// The element to focus from `from` when moving in `direction`: the nearest one whose centre
/// lies that way, preferring those in line with the current one. `items` are the focusable
/// elements with their centres (in the screen's own layout units).
pub fn nearest<F: Copy + PartialEq>(items: &[(F, Point)], from: F, direction: NavKey) -> Option<F> {
    let origin = items.iter().find(|(id, _)| *id == from)?.1;
    items
        .iter()
        .filter(|(id, _)| *id != from)
        .filter_map(|(id, at)| {
            let (dx, dy) = (at.x - origin.x, at.y - origin.y);
            let (along, across) = match direction {
                NavKey::Right => (dx, dy),
                NavKey::Left => (-dx, dy),
                NavKey::Down => (dy, dx),
                NavKey::Up => (-dy, dx),
                NavKey::Ok | NavKey::Back | NavKey::Help | NavKey::Speak => return None,
            };
            // Must lie in that direction; off-axis distance counts double. Sideways moves
            // stay within 45° of the row: past the last tile, Right goes nowhere rather than
            // up to a button far above.
            let sideways = matches!(direction, NavKey::Left | NavKey::Right);
            let in_reach = along > 0.5 && (!sideways || across.abs() <= along);
            in_reach.then_some((*id, along + 2.0 * across.abs()))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_remote_buttons_map() {
        let none = Physical::Unidentified(NativeCode::Unidentified);
        assert_eq!(
            nav_key(&Key::Named(Named::ArrowLeft), &none),
            Some(NavKey::Left)
        );
        assert_eq!(nav_key(&Key::Named(Named::Enter), &none), Some(NavKey::Ok));
        assert_eq!(
            nav_key(&Key::Named(Named::BrowserBack), &none),
            Some(NavKey::Back)
        );
        assert_eq!(
            nav_key(&Key::Named(Named::Close), &none),
            Some(NavKey::Back)
        );
        assert_eq!(
            nav_key(&Key::Named(Named::Escape), &none),
            Some(NavKey::Back)
        );
        // Under Wayland, KEY_OK arrives unnamed with only its XKB code.
        let ok = Physical::Unidentified(NativeCode::Xkb(0x160 + 8));
        assert_eq!(nav_key(&Key::Unidentified, &ok), Some(NavKey::Ok));
        let exit = Physical::Unidentified(NativeCode::Xkb(174 + 8));
        assert_eq!(nav_key(&Key::Unidentified, &exit), Some(NavKey::Back));
        // The remote's Info (KEY_INFO) and a keyboard's Menu open the diagnostics.
        let info = Physical::Unidentified(NativeCode::Xkb(0x166 + 8));
        assert_eq!(nav_key(&Key::Unidentified, &info), Some(NavKey::Help));
        assert_eq!(
            nav_key(&Key::Named(Named::ContextMenu), &none),
            Some(NavKey::Help)
        );
        assert_eq!(
            nav_key(&Key::Character("a".into()), &Physical::Code(Code::KeyA)),
            None
        );
    }

    #[test]
    fn focus_moves_to_the_nearest_in_that_direction() {
        #[derive(Debug, Clone, Copy, PartialEq)]
        enum F {
            Menu,
            Tile(u8),
        }
        let items = [
            (F::Menu, Point::new(1700.0, 100.0)),
            (F::Tile(0), Point::new(300.0, 600.0)),
            (F::Tile(1), Point::new(650.0, 600.0)),
            (F::Tile(2), Point::new(1000.0, 600.0)),
        ];
        assert_eq!(nearest(&items, F::Tile(0), NavKey::Right), Some(F::Tile(1)));
        assert_eq!(nearest(&items, F::Tile(1), NavKey::Left), Some(F::Tile(0)));
        assert_eq!(nearest(&items, F::Tile(0), NavKey::Left), None);
        assert_eq!(nearest(&items, F::Tile(2), NavKey::Up), Some(F::Menu));
        assert_eq!(nearest(&items, F::Menu, NavKey::Down), Some(F::Tile(2)));
        assert_eq!(nearest(&items, F::Menu, NavKey::Up), None);
        // Right from the last tile stays: the menu above it is not to its right.
        let row_end = [
            (F::Menu, Point::new(1700.0, 110.0)),
            (F::Tile(4), Point::new(1576.0, 620.0)),
        ];
        assert_eq!(nearest(&row_end, F::Tile(4), NavKey::Right), None);
        assert_eq!(nearest(&row_end, F::Tile(4), NavKey::Up), Some(F::Menu));
    }
}
