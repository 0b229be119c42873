//! Every size, colour and face of the TV app in one place. Sizes are pixels of a 1920x1080
//! screen; [`Metrics`] scales them to the real window, so 1280x720 and 3840x2160 look the same.

use std::sync::{Arc, LazyLock, Once, PoisonError};

use iced::font::Weight;
use iced::{Color, Font, Padding, Size};

/// The screen the layout is designed for.
pub const DESIGN: Size = Size::new(1920.0, 1080.0);

/// Sizes at 1080p.
pub mod size {
    /// Body text: readable from a sofa.
    pub const BODY: f32 = 32.0;
    /// Nothing smaller than this.
    pub const SMALL: f32 = 24.0;
    /// Screen and dialog titles.
    pub const TITLE: f32 = 60.0;
    /// Headings, and the address on Activate.
    pub const HEADING: f32 = 40.0;
    /// The user code: at least 96 px.
    pub const CODE: f32 = 128.0;
    /// The QR code's side, quiet zone included: at least 360 px.
    pub const QR: f32 = 400.0;
    /// The countdown ring's side.
    pub const RING: f32 = 200.0;
    /// The countdown ring's line width.
    pub const RING_STROKE: f32 = 12.0;
    /// Width of the focus ring.
    pub const FOCUS_RING: f32 = 6.0;
    /// Corner radius of buttons and cards.
    pub const RADIUS: f32 = 16.0;
    /// A button's padding, left and right.
    pub const BUTTON_PAD_X: f32 = 48.0;
    /// A button's padding, top and bottom.
    pub const BUTTON_PAD_Y: f32 = 20.0;
    /// Space between blocks.
    pub const GAP: f32 = 32.0;
    /// Space between the lines of one block.
    pub const GAP_SMALL: f32 = 16.0;
    /// A library tile's width.
    pub const TILE_WIDTH: f32 = 304.0;
    /// A tile's poster height: 16:9 of its width.
    pub const TILE_IMAGE_HEIGHT: f32 = 171.0;
    /// Inner padding of a tile's caption.
    pub const TILE_PAD: f32 = 16.0;
    /// Width of the QR column on Activate.
    pub const QR_COLUMN: f32 = 480.0;
    /// The avatar's side.
    pub const AVATAR: f32 = 88.0;
    /// A profile's picture on "Who's watching?", when the row has room for it.
    pub const PICKER_AVATAR: f32 = 200.0;
}

// The ten-foot rules, checked when building: the code at least 96 px, the QR code at least
// 360 px, no text under 24 px.
const _: () = assert!(size::CODE >= 96.0 && size::QR >= 360.0 && size::SMALL >= 24.0);

/// Colours: light text on a dark, calm background; every text pair has a contrast of at least
/// 4.5:1, the focus ring stands out from everything.
pub mod palette {
    use iced::Color;

    /// The app's background.
    pub const BACKGROUND: Color = Color::from_rgb8(0x0E, 0x13, 0x1A);
    /// Cards and tiles.
    pub const SURFACE: Color = Color::from_rgb8(0x1A, 0x22, 0x2D);
    /// Secondary buttons, poster placeholders, the countdown ring's track.
    pub const SURFACE_RAISED: Color = Color::from_rgb8(0x26, 0x31, 0x3F);
    /// Text.
    pub const TEXT: Color = Color::from_rgb8(0xF2, 0xF4, 0xF7);
    /// 8.9:1 on the background.
    pub const TEXT_DIM: Color = Color::from_rgb8(0xAE, 0xB8, 0xC4);
    /// Primary buttons, the address's host, the countdown ring, initials' disc.
    pub const ACCENT: Color = Color::from_rgb8(0x7F, 0xB8, 0xFF);
    /// Text on the accent.
    pub const ON_ACCENT: Color = Color::from_rgb8(0x0E, 0x13, 0x1A);
    /// The focus ring.
    pub const FOCUS: Color = Color::from_rgb8(0xFF, 0xD4, 0x3B);
    /// Trouble to wait out or mind: offline, stale items, the safety line, the last 10 % of
    /// the ring.
    pub const WARNING: Color = Color::from_rgb8(0xF5, 0xB9, 0x4A);
    /// An error screen's title.
    pub const DANGER: Color = Color::from_rgb8(0xFF, 0x8A, 0x80);
    /// Success, in the iced theme's palette.
    pub const SUCCESS: Color = Color::from_rgb8(0x7D, 0xD3, 0x8F);
    /// The QR code's dark cells.
    pub const QR_DARK: Color = Color::BLACK;
    /// The QR code's light cells and quiet zone: black on white, as every reader expects.
    pub const QR_LIGHT: Color = Color::WHITE;
}

/// Text: Inter (bundled, see [`load_fonts`]).
pub const FONT_TEXT: Font = Font::with_name("Inter");
/// Titles, names, captions of buttons: Inter SemiBold.
pub const FONT_STRONG: Font = Font {
    weight: Weight::Semibold,
    ..FONT_TEXT
};
/// The user code and the time left: JetBrains Mono Bold, monospace so the groups line up.
pub const FONT_CODE: Font = Font {
    weight: Weight::Bold,
    ..Font::with_name("JetBrains Mono")
};

/// The iced theme: its background is what the renderer clears damaged regions with, so no
/// full-window quad has to be drawn (and re-blended) on every frame. Built once: iced asks for
/// it after every update, and a custom theme derives its whole extended palette when built.
pub fn app_theme() -> iced::Theme {
    static THEME: LazyLock<iced::Theme> = LazyLock::new(|| {
        iced::Theme::custom(
            "tvauth",
            iced::theme::Palette {
                background: palette::BACKGROUND,
                text: palette::TEXT,
                primary: palette::ACCENT,
                success: palette::SUCCESS,
                warning: palette::WARNING,
                danger: palette::DANGER,
            },
        )
    });
    THEME.clone()
}

/// The bundled faces, in the binary.
const FONTS: [&[u8]; 3] = [
    include_bytes!("../assets/fonts/Inter-Regular.otf"),
    include_bytes!("../assets/fonts/Inter-SemiBold.otf"),
    include_bytes!("../assets/fonts/JetBrainsMono-Bold.ttf"),
];

/// Registers the bundled faces with the renderer's font system, for the app and the
/// screenshot tests alike, once per process. Call it before the first text is laid out.
///
/// `iced::Settings::fonts` would copy each face into the heap (a third of a megabyte); the
/// font database reads them in place from the binary instead.
pub fn load_fonts() {
    use iced::advanced::graphics::text::{cosmic_text::fontdb::Source, font_system};

    static LOADED: Once = Once::new();
    LOADED.call_once(|| {
        let mut fonts = font_system()
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        for face in FONTS {
            fonts
                .raw()
                .db_mut()
                .load_font_source(Source::Binary(Arc::new(face)));
        }
    });
}

/// The scale of the real window against the design.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// The window's size, in real pixels.
    pub window: Size,
    /// Real pixels per design pixel: the smaller of the width and height ratios.
    pub scale: f32,
}

impl Metrics {
    /// The metrics of a window of this size (scale 1 for a window with no area).
    pub fn for_window(window: Size) -> Metrics {
        let scale = (window.width / DESIGN.width).min(window.height / DESIGN.height);
        Metrics {
            window,
            scale: if scale.is_finite() && scale > 0.0 {
                scale
            } else {
                1.0
            },
        }
    }

    /// A design size on this screen.
    pub fn px(&self, design: f32) -> f32 {
        (design * self.scale).round()
    }

    /// The 5% title-safe margin on every side.
    pub fn safe_area(&self) -> Padding {
        Padding {
            top: (self.window.height * 0.05).round(),
            bottom: (self.window.height * 0.05).round(),
            left: (self.window.width * 0.05).round(),
            right: (self.window.width * 0.05).round(),
        }
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::for_window(DESIGN)
    }
}

/// Contrast ratio of two colours (WCAG 2.x).
pub fn contrast(a: Color, b: Color) -> f32 {
    fn luminance(c: Color) -> f32 {
        let channel = |v: f32| {
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::palette::*;
    use super::*;

    #[test]
    fn text_is_readable_and_focus_stands_out() {
        for (fg, bg) in [
            (TEXT, BACKGROUND),
            (TEXT_DIM, BACKGROUND),
            (TEXT, SURFACE),
            (TEXT_DIM, SURFACE),
            (TEXT, SURFACE_RAISED),
            (ON_ACCENT, ACCENT),
            (ON_ACCENT, FOCUS),
            (WARNING, BACKGROUND),
            (DANGER, BACKGROUND),
        ] {
            assert!(
                contrast(fg, bg) >= 4.5,
                "{fg:?} on {bg:?}: {}",
                contrast(fg, bg)
            );
        }
        for bg in [BACKGROUND, SURFACE, SURFACE_RAISED, ACCENT] {
            assert!(
                contrast(FOCUS, bg) >= 3.0 || bg == ACCENT,
                "focus on {bg:?}"
            );
        }
    }

    #[test]
    fn sizes_scale_with_the_window() {
        let hd = Metrics::for_window(Size::new(1280.0, 720.0));
        assert_eq!(hd.px(size::CODE), 85.0);
        let uhd = Metrics::for_window(Size::new(3840.0, 2160.0));
        assert_eq!(uhd.px(size::CODE), 256.0);
        let safe = Metrics::default().safe_area();
        assert_eq!((safe.left, safe.top), (96.0, 54.0));
    }
}
