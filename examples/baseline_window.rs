//! The benchmark's baseline: the smallest iced 0.14 app doing what the Activate screen does
//! (a QR code and a 1 Hz countdown, full screen, same renderer and features as tvauth).
//! Run by benches/tv_app.py; not part of the product.

use std::time::{Duration, Instant};

use iced::widget::{column, qr_code, text};
use iced::{Element, Subscription, window};

struct Baseline {
    qr: qr_code::Data,
    deadline: Instant,
    now: Instant,
}

#[derive(Debug, Clone)]
enum Message {
    Tick(Instant),
}

impl Baseline {
    fn new() -> Baseline {
        let now = Instant::now();
        Baseline {
            qr: qr_code::Data::new(b"http://127.0.0.1:4000/activate?user_code=WDJB-MJHT")
                .unwrap_or_else(|_| std::process::exit(1)),
            deadline: now + Duration::from_secs(900),
            now,
        }
    }

    fn update(&mut self, Message::Tick(now): Message) {
        self.now = now;
    }

    fn view(&self) -> Element<'_, Message> {
        let left = self.deadline.saturating_duration_since(self.now).as_secs();
        column![
            text("WDJB-MJHT").size(128),
            qr_code(&self.qr).cell_size(10),
            text(format!("{:02}:{:02}", left / 60, left % 60)).size(40),
        ]
        .spacing(32)
        .padding(96)
        .into()
    }

    fn subscription(&self) -> Subscription<Message> {
        iced::time::every(Duration::from_secs(1)).map(Message::Tick)
    }
}

fn main() -> iced::Result {
    iced::application(Baseline::new, Baseline::update, Baseline::view)
        .title(|_: &Baseline| "baseline".to_string())
        .subscription(Baseline::subscription)
        .window(window::Settings {
            fullscreen: true,
            decorations: false,
            size: iced::Size::new(1920.0, 1080.0),
            ..window::Settings::default()
        })
        .run()
}
