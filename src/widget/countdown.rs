//! The time left as a ring that empties, with mm:ss inside; its geometry cached between
//! frames so a frame with nothing new draws nothing.

use std::cell::Cell;
use std::time::Duration;

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, path::Arc};
use iced::widget::{container, stack, text};
use iced::{Element, Length, Point, Radians, Rectangle, Renderer, Theme, mouse};

use crate::theme::{FONT_CODE, Metrics, palette, size};

/// The time left as a ring that empties, with mm:ss inside.
pub fn countdown<'a, M: 'a>(left: Duration, total: Duration, m: Metrics) -> Element<'a, M> {
    let fraction = if total.is_zero() {
        0.0
    } else {
        (left.as_secs_f32() / total.as_secs_f32()).clamp(0.0, 1.0)
    };
    let side = m.px(size::RING);
    let ring = canvas::Canvas::new(Ring {
        fraction,
        stroke: m.px(size::RING_STROKE),
    })
    .width(side)
    .height(side);
    let time = text(crate::format::mmss(left))
        .size(m.px(size::BODY))
        .font(FONT_CODE)
        .color(palette::TEXT);
    stack![ring, container(time).center(Length::Fixed(side))].into()
}

#[derive(Debug)]
struct Ring {
    fraction: f32,
    stroke: f32,
}

/// The ring's geometry, kept between frames and drawn again only when the fraction or the
/// stroke changes: a frame with nothing new (a poll answered "pending", a key that moves no
/// focus) then leaves the ring undamaged and the renderer draws nothing. Fresh geometry on
/// every view would repaint the ring each time.
#[derive(Default)]
struct RingCache {
    geometry: canvas::Cache,
    drawn: Cell<Option<(f32, f32)>>,
}

impl<M> canvas::Program<M> for Ring {
    type State = RingCache;

    fn draw(
        &self,
        state: &RingCache,
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let wanted = Some((self.fraction, self.stroke));
        if state.drawn.replace(wanted) != wanted {
            state.geometry.clear();
        }
        vec![
            state
                .geometry
                .draw(renderer, bounds.size(), |frame| self.paint(frame, bounds)),
        ]
    }
}

impl Ring {
    fn paint(&self, frame: &mut Frame, bounds: Rectangle) {
        let center = Point::new(bounds.width / 2.0, bounds.height / 2.0);
        let radius = bounds.width.min(bounds.height) / 2.0 - self.stroke;
        let track = Path::circle(center, radius);
        frame.stroke(
            &track,
            Stroke::default()
                .with_width(self.stroke)
                .with_color(palette::SURFACE_RAISED),
        );
        if self.fraction > 0.0 {
            let start = -std::f32::consts::FRAC_PI_2;
            let arc = Path::new(|p| {
                p.arc(Arc {
                    center,
                    radius,
                    start_angle: Radians(start),
                    end_angle: Radians(start + self.fraction * std::f32::consts::TAU),
                });
            });
            let color = if self.fraction < 0.1 {
                palette::WARNING
            } else {
                palette::ACCENT
            };
            frame.stroke(
                &arc,
                Stroke::default()
                    .with_width(self.stroke)
                    .with_color(color)
                    .with_line_cap(canvas::LineCap::Round),
            );
        }
    }
}
