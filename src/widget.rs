//! Ten-foot widgets: buttons with a focus ring, the user code, the address with its host
//! emphasised, the QR code with a full quiet zone, the countdown ring, library tiles, avatars.

use iced::widget::{button, column, container, image, qr_code, rich_text, row, span, stack, text};
use iced::{Alignment, Background, Border, Color, Element, Length, Shadow, Theme};

mod countdown;

pub use countdown::countdown;

use crate::format::Address;
use crate::theme::{FONT_CODE, FONT_STRONG, FONT_TEXT, Metrics, palette, size};

fn styled<'a>(
    content: impl text::IntoFragment<'a>,
    design_size: f32,
    font: iced::Font,
    color: Color,
    m: Metrics,
) -> iced::widget::Text<'a> {
    text(content)
        .size(m.px(design_size))
        .font(font)
        .color(color)
}

/// Body text at a design size.
pub fn label<'a>(
    content: impl text::IntoFragment<'a>,
    design_size: f32,
    m: Metrics,
) -> iced::widget::Text<'a> {
    styled(content, design_size, FONT_TEXT, palette::TEXT, m)
}

/// Emphasised text (titles, names).
pub fn strong<'a>(
    content: impl text::IntoFragment<'a>,
    design_size: f32,
    m: Metrics,
) -> iced::widget::Text<'a> {
    styled(content, design_size, FONT_STRONG, palette::TEXT, m)
}

/// Secondary text, still above 4.5:1.
pub fn dim<'a>(
    content: impl text::IntoFragment<'a>,
    design_size: f32,
    m: Metrics,
) -> iced::widget::Text<'a> {
    styled(content, design_size, FONT_TEXT, palette::TEXT_DIM, m)
}

/// A button as a remote sees it: a focus ring when focused (drawn in app state, since iced
/// buttons take no keyboard focus), filled when primary. The mouse works too.
pub fn action<'a, M: Clone + 'a>(
    caption: String,
    primary: bool,
    focused: bool,
    on_press: M,
    m: Metrics,
) -> Element<'a, M> {
    let (background, foreground) = if primary {
        (palette::ACCENT, palette::ON_ACCENT)
    } else {
        (palette::SURFACE_RAISED, palette::TEXT)
    };
    button(
        text(caption)
            .size(m.px(size::BODY))
            .font(FONT_STRONG)
            .color(foreground),
    )
    .padding([m.px(size::BUTTON_PAD_Y), m.px(size::BUTTON_PAD_X)])
    .on_press(on_press)
    .style(move |_theme: &Theme, _status| button::Style {
        background: Some(Background::Color(background)),
        text_color: foreground,
        border: focus_ring(focused, m.px(size::RADIUS), m),
        shadow: Shadow::default(),
        snap: true,
    })
    .into()
}

/// The focus ring as a border with corners of `radius` pixels: drawn when `focused`, else
/// transparent and of the same width, so nothing moves as the focus does.
pub fn focus_ring(focused: bool, radius: f32, m: Metrics) -> Border {
    Border {
        color: if focused {
            palette::FOCUS
        } else {
            Color::TRANSPARENT
        },
        width: m.px(size::FOCUS_RING),
        radius: radius.into(),
    }
}

/// The user code, huge, monospace, as [`crate::format::user_code`] groups it (built in
/// `update`); `alpha` below 1 while it fades.
pub fn user_code<'a, M: 'a>(code: &str, alpha: f32, m: Metrics) -> Element<'a, M> {
    text(code.to_string())
        .size(m.px(size::CODE))
        .font(FONT_CODE)
        .color(Color {
            a: palette::TEXT.a * alpha,
            ..palette::TEXT
        })
        .into()
}

/// `content` seen through a veil of the background colour: fully at `alpha` 1, not at all at 0
/// (for what cannot change its own colours, like a QR code drawn once into a cache).
pub fn faded<'a, M: 'a>(content: Element<'a, M>, alpha: f32) -> Element<'a, M> {
    if alpha >= 1.0 {
        return content;
    }
    let veil = container(text(""))
        .width(Length::Fill)
        .height(Length::Fill)
        .style(move |_| container::Style {
            background: Some(Background::Color(Color {
                a: 1.0 - alpha.max(0.0),
                ..palette::BACKGROUND
            })),
            ..container::Style::default()
        });
    stack![content, veil].into()
}

/// The verification address with its host in bold and accent colour, so a look-alike host
/// stands out; a `userinfo@` before the host (which a person could take for the site) is dim
/// and struck through.
pub fn address<'a, M: 'a>(address: &Address, m: Metrics) -> Element<'a, M> {
    let body = m.px(size::HEADING);
    rich_text![
        span(address.scheme.clone())
            .font(FONT_TEXT)
            .color(palette::TEXT_DIM)
            .size(body),
        span(address.userinfo.clone())
            .font(FONT_TEXT)
            .color(palette::TEXT_DIM)
            .strikethrough(true)
            .size(body),
        span(address.host.clone())
            .font(FONT_STRONG)
            .color(palette::ACCENT)
            .size(body),
        span(address.rest.clone())
            .font(FONT_TEXT)
            .color(palette::TEXT)
            .size(body),
    ]
    .on_link_click(iced::never)
    .into()
}

/// A QR code built in `update`, with its cell size chosen so the whole code, quiet zone
/// included, is at least `size::QR` and every cell a whole number of pixels.
#[derive(Debug)]
pub struct Qr {
    data: qr_code::Data,
    modules: usize,
}

impl Qr {
    /// The QR code of `content`; `None` if it is too long to encode.
    pub fn new(content: &str) -> Option<Qr> {
        let data = qr_code::Data::new(content.as_bytes()).ok()?;
        let modules = qr_modules(content)?;
        Some(Qr { data, modules })
    }

    /// The code on a light square with its quiet zone, cells sized for this screen.
    pub fn view<'a, M: 'a>(&'a self, m: Metrics) -> Element<'a, M> {
        // iced draws a 2-module quiet zone; 2 more around it make the 4 the standard asks.
        let cells = self.modules + 8;
        let cell = (m.px(size::QR) / cells as f32).ceil().max(1.0);
        let code = qr_code(&self.data)
            .cell_size(cell)
            .style(|_| qr_code::Style {
                cell: palette::QR_DARK,
                background: palette::QR_LIGHT,
            });
        container(code)
            .padding(2.0 * cell)
            .style(|_| container::Style {
                background: Some(Background::Color(palette::QR_LIGHT)),
                border: Border::default().rounded(8),
                ..container::Style::default()
            })
            .into()
    }
}

/// The module count of the QR code iced will draw for `content` (same encoder, same defaults).
fn qr_modules(content: &str) -> Option<usize> {
    qrcode::QrCode::new(content.as_bytes())
        .ok()
        .map(|c| c.width())
}

/// One title of the home row: poster (or a placeholder), title, subtitle; ringed when focused.
pub fn tile<'a, M: Clone + 'a>(
    title: &str,
    subtitle: &str,
    poster: Option<&image::Handle>,
    focused: bool,
    on_press: M,
    m: Metrics,
) -> Element<'a, M> {
    let width = m.px(size::TILE_WIDTH);
    let height = m.px(size::TILE_IMAGE_HEIGHT);
    let picture: Element<'a, M> = match poster {
        Some(handle) => image(handle.clone())
            .width(width)
            .height(height)
            .content_fit(iced::ContentFit::Cover)
            .into(),
        None => container(text(""))
            .width(width)
            .height(height)
            .style(|_| container::Style {
                background: Some(Background::Color(palette::SURFACE_RAISED)),
                ..container::Style::default()
            })
            .into(),
    };
    let caption_width = width - 2.0 * m.px(size::TILE_PAD);
    // One line each, whatever their length, so every tile of the row has the same height.
    let line = |content: &str, design_size: f32, font: iced::Font| {
        let px = m.px(design_size);
        let height = text::LineHeight::default().to_absolute(px.into()).0;
        styled(
            one_line(content, font, px, caption_width),
            design_size,
            font,
            palette::TEXT,
            m,
        )
        .width(caption_width)
        .height(height)
        .wrapping(text::Wrapping::None)
    };
    let body = column![
        picture,
        column![
            line(title, size::BODY, FONT_STRONG),
            line(subtitle, size::SMALL, FONT_TEXT).color(palette::TEXT_DIM),
        ]
        .spacing(m.px(4.0))
        .padding([m.px(12.0), m.px(size::TILE_PAD)]),
    ]
    .width(width);
    let card = button(body)
        .padding(0)
        .on_press(on_press)
        .style(move |_theme: &Theme, _status| button::Style {
            background: Some(Background::Color(palette::SURFACE)),
            text_color: palette::TEXT,
            border: Border::default().rounded(m.px(12.0)),
            shadow: Shadow::default(),
            snap: true,
        });
    if !focused {
        return card.into();
    }
    // The ring is drawn over the poster, which would otherwise cover a border.
    let ring = container(text(""))
        .width(Length::Fill)
        .height(Length::Fill)
        .style(move |_| container::Style {
            border: focus_ring(true, m.px(12.0), m),
            ..container::Style::default()
        });
    stack![card, ring].into()
}

/// `content` on one line `width` pixels wide: whole if it fits, else cut short with an
/// ellipsis (iced 0.14 text has none of its own). Measured by the renderer's own shaping,
/// at the size drawn, so the cut is where the line really ends.
pub fn one_line(content: &str, font: iced::Font, size: f32, width: f32) -> String {
    use iced::advanced::graphics::text::Paragraph;
    use iced::advanced::text::Paragraph as _;

    let measure = |line: &str| {
        Paragraph::with_text(iced::advanced::Text {
            content: line,
            bounds: iced::Size::INFINITE,
            size: size.into(),
            line_height: text::LineHeight::default(),
            font,
            align_x: text::Alignment::Default,
            align_y: iced::alignment::Vertical::Top,
            shaping: text::Shaping::default(),
            wrapping: text::Wrapping::None,
        })
        .min_width()
    };
    if measure(content) <= width {
        return content.to_string();
    }
    let with_ellipsis = |chars: usize| {
        let end = content
            .char_indices()
            .nth(chars)
            .map_or(content.len(), |(i, _)| i);
        format!("{}…", content[..end].trim_end())
    };
    // The longest start that fits with its ellipsis: a few measures, by halves.
    let (mut fits, mut too_long) = (0, content.chars().count());
    while too_long - fits > 1 {
        let middle = (fits + too_long) / 2;
        if measure(&with_ellipsis(middle)) <= width {
            fits = middle;
        } else {
            too_long = middle;
        }
    }
    with_ellipsis(fits)
}

/// A round avatar: the picture when loaded, else the initials.
pub fn avatar<'a, M: 'a>(
    name: &str,
    picture: Option<&image::Handle>,
    m: Metrics,
) -> Element<'a, M> {
    avatar_sized(name, picture, size::AVATAR, m)
}

/// A round avatar `design_side` pixels across (the initials scale with it).
pub fn avatar_sized<'a, M: 'a>(
    name: &str,
    picture: Option<&image::Handle>,
    design_side: f32,
    m: Metrics,
) -> Element<'a, M> {
    let side = m.px(design_side);
    let inner: Element<'a, M> = match picture {
        Some(handle) => image(handle.clone())
            .width(side)
            .height(side)
            .border_radius(side / 2.0)
            .into(),
        None => container(
            // Home's 88 px avatar has 32 px initials; larger ones keep the proportion.
            strong(
                initials(name),
                design_side * size::HEADING * 0.8 / size::AVATAR,
                m,
            )
            .color(palette::ON_ACCENT),
        )
        .center(Length::Fixed(side))
        .style(move |_| container::Style {
            background: Some(Background::Color(palette::ACCENT)),
            border: Border::default().rounded(side / 2.0),
            ..container::Style::default()
        })
        .into(),
    };
    inner
}

/// Up to two initials, e.g. "Alex Martin" → "AM".
pub fn initials(name: &str) -> String {
    let letters: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".into()
    } else {
        letters
    }
}

/// A row with items centred vertically.
pub fn centered_row<'a, M: 'a>(
    items: Vec<Element<'a, M>>,
    spacing: f32,
) -> iced::widget::Row<'a, M> {
    row(items).spacing(spacing).align_y(Alignment::Center)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_end_with_an_ellipsis() {
        crate::theme::load_fonts();
        let font = crate::theme::FONT_STRONG;
        assert_eq!(one_line("Salt & Stone", font, 32.0, 272.0), "Salt & Stone");
        assert_eq!(one_line("", font, 32.0, 272.0), "");
        let long = "The Extraordinarily Long Title of a Film Nobody Can Fit on a Tile";
        let cut = one_line(long, font, 32.0, 272.0);
        assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
        let start = cut.trim_end_matches('…');
        assert!(long.starts_with(start) && !start.ends_with(' '), "{cut}");
        // Narrower: cut sooner.
        let narrow = one_line(long, font, 32.0, 150.0);
        assert!(
            narrow.len() < cut.len() && narrow.ends_with('…'),
            "{narrow}"
        );
    }

    #[test]
    fn initials_are_short() {
        assert_eq!(initials("Alex Martin"), "AM");
        assert_eq!(initials("camille"), "C");
        assert_eq!(initials("Jean-Luc de la Croix"), "JD");
        assert_eq!(initials(""), "?");
    }
}
