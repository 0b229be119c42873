//! Posters and avatars from someone else's server, bounded so that a hostile or careless API
//! cannot exhaust the box's memory: fetched only over https or from the API's own origin,
//! PNG, JPEG and WebP only, no file over 5 MiB nor image over 16 MP (refused from its header,
//! before its pixels are allocated), decoded off the UI thread one at a time, cut and scaled
//! down to the size drawn, and at most [`SCREEN_BUDGET`] of pixels kept for a whole screen.
//!
//! Iced-free: it hands back RGBA pixels; the app turns them into image handles.

use std::io::Cursor;
use std::sync::Arc;

use futures_util::StreamExt;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use reqwest::header::LOCATION;
use url::Url;

use crate::auth::AuthError;
use crate::auth::http::Answer;

/// No poster or avatar file needs more: a 4K JPEG poster weighs well under 2 MiB.
pub const MAX_SOURCE_BYTES: usize = 5 << 20;
/// Nor more pixels (16 MP, e.g. 4096x4096).
pub const MAX_SOURCE_PIXELS: u64 = 4096 * 4096;
/// Nor a longer side: a strip of 16 MP is no picture.
const MAX_SOURCE_SIDE: u32 = 8192;
/// What one decode may allocate: 16 MP of 8-bit RGBA (a 16-bit image counts double).
const MAX_DECODE_BYTES: u64 = MAX_SOURCE_PIXELS * 4;
/// Decoded pixels one screen keeps: its avatar and its posters together.
pub const SCREEN_BUDGET: usize = 32 << 20;
/// Pictures fetched at once: each holds its file (up to 5 MiB) until decoded.
const FETCHES_AT_ONCE: usize = 4;
/// Redirects followed (a profile picture often redirects to a CDN), each checked like the
/// first address.
const MAX_REDIRECTS: usize = 3;

/// Only one decode runs at a time: a decode may transiently need several times the size of
/// the final picture, so the whole screen's worth running at once is what must not happen.
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// Why a picture is not shown (its tile keeps its placeholder).
#[derive(Debug, Clone, thiserror::Error)]
pub enum PictureError {
    /// Not an https address, nor one on the API's own origin (never another service on the
    /// box).
    #[error("pictures are fetched over https or from the API's own origin only")]
    Origin,
    /// The server could not be reached or did not answer with the picture.
    #[error("the picture could not be fetched: {0}")]
    Fetch(String),
    /// The file is larger than [`MAX_SOURCE_BYTES`].
    #[error("the picture's file is over 5 MiB")]
    TooLarge,
    /// More pixels than [`MAX_SOURCE_PIXELS`], a side over 8192, or more memory to decode
    /// than a 16 MP picture needs.
    #[error("the picture has too many pixels")]
    Oversized,
    /// Not a PNG, JPEG or WebP file.
    #[error("the picture is not a PNG, JPEG or WebP file")]
    Unsupported,
    /// The decoder gave up: a broken (or hostile) file.
    #[error("the picture could not be decoded: {0}")]
    Corrupt(Arc<image::ImageError>),
    /// The screen's pixel budget was spent on the pictures before this one.
    #[error("the screen's picture budget is spent")]
    OverBudget,
}

impl From<image::ImageError> for PictureError {
    fn from(error: image::ImageError) -> Self {
        match error {
            image::ImageError::Limits(_) => PictureError::Oversized,
            image::ImageError::Unsupported(_) => PictureError::Unsupported,
            error => PictureError::Corrupt(Arc::new(error)),
        }
    }
}

/// Decoded pixels, 8-bit RGBA, row by row.
#[derive(Clone, PartialEq, Eq)]
pub struct Rgba {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width` x `height` x 4 bytes, row by row.
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for Rgba {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rgba({}x{})", self.width, self.height)
    }
}

impl Rgba {
    /// Memory the pixels take.
    pub fn bytes(&self) -> usize {
        self.pixels.len()
    }

    /// The picture cut to the circle inscribed in it: transparent outside, its edge smoothed
    /// over a pixel. Round avatars then look round on every renderer (the software one does
    /// not round an image's corners).
    pub fn circled(mut self) -> Rgba {
        let (width, height) = (self.width as f32, self.height as f32);
        let radius = width.min(height) / 2.0;
        for (i, pixel) in self.pixels.chunks_exact_mut(4).enumerate() {
            let (x, y) = (
                (i as u32 % self.width) as f32,
                (i as u32 / self.width) as f32,
            );
            let (dx, dy) = (x + 0.5 - width / 2.0, y + 0.5 - height / 2.0);
            let inside = (radius + 0.5 - (dx * dx + dy * dy).sqrt()).clamp(0.0, 1.0);
            pixel[3] = (f32::from(pixel[3]) * inside).round() as u8;
        }
        self
    }
}

/// Whether a picture may be fetched from `url`: over https (a service on the box speaking
/// plain http cannot be reached that way, and TLS will not vouch for one that speaks https),
/// or from the API's own origin (the demo API serves its posters over loopback http).
pub fn may_fetch(url: &Url, api_base: Option<&Url>) -> bool {
    url.scheme() == "https" || api_base.is_some_and(|base| url.origin() == base.origin())
}

/// The pixels of a PNG, JPEG or WebP file, cut and scaled down for a box of `width` x
/// `height` pixels: its centre with the box's shape (what a poster drawn to cover its tile
/// shows), scaled down to the box, never up, aspect kept. The box is the size drawn on the
/// largest screen, so nothing kept is wasted.
///
/// Refused before any pixel is allocated: a file over 5 MiB, an image over 16 MP or with a
/// side over 8192, or one whose decoding would need more than 64 MiB.
pub fn decode(bytes: &[u8], width: u32, height: u32) -> Result<Rgba, PictureError> {
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(PictureError::TooLarge);
    }
    // The content decides, not the address or the Content-Type.
    let format = image::guess_format(bytes).map_err(|_| PictureError::Unsupported)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(PictureError::Unsupported);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    // Reads the header only, and checks the sides against the limits.
    let mut decoder = reader.into_decoder()?;
    let (source_width, source_height) = decoder.dimensions();
    if u64::from(source_width) * u64::from(source_height) > MAX_SOURCE_PIXELS
        || decoder.total_bytes() > MAX_DECODE_BYTES
    {
        return Err(PictureError::Oversized);
    }
    // Phone photos (avatars) are often stored sideways with an EXIF rotation.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder)?;
    picture.apply_orientation(orientation);
    Ok(cover(&picture, width.max(1), height.max(1)))
}

/// The centre of `picture` with the box's shape, at most the box's size.
fn cover(picture: &DynamicImage, box_width: u32, box_height: u32) -> Rgba {
    let (width, height) = (picture.width(), picture.height());
    let fitted = if width > box_width && height > box_height {
        // Scaled to cover the box, then its centre cut out.
        picture.resize_to_fill(box_width, box_height, FilterType::Triangle)
    } else {
        // At least one side is within the box already: only cut to the box's shape.
        let (w, h, bw, bh) = (
            u64::from(width),
            u64::from(height),
            u64::from(box_width),
            u64::from(box_height),
        );
        let (cut_width, cut_height) = if w * bh > h * bw {
            ((h * bw / bh).max(1), h)
        } else {
            (w, (w * bh / bw).max(1))
        };
        // Both fit in u32: each is at most the picture's own side.
        let (cut_width, cut_height) = (
            u32::try_from(cut_width.min(bw)).unwrap_or(box_width),
            u32::try_from(cut_height.min(bh)).unwrap_or(box_height),
        );
        if (cut_width, cut_height) == (width, height) {
            picture.clone()
        } else {
            picture.crop_imm(
                (width - cut_width) / 2,
                (height - cut_height) / 2,
                cut_width,
                cut_height,
            )
        }
    };
    let rgba = fitted.into_rgba8();
    Rgba {
        width: rgba.width(),
        height: rgba.height(),
        pixels: rgba.into_raw(),
    }
}

/// Fetches the picture at `url` and decodes it for a box of `width` x `height` pixels (see
/// [`decode`]). No token is sent: pictures are public.
pub async fn fetch(
    http: &reqwest::Client,
    url: &str,
    api_base: Option<&Url>,
    (width, height): (u32, u32),
) -> Result<Rgba, PictureError> {
    let mut url = Url::parse(url).map_err(|_| PictureError::Origin)?;
    let mut redirects = 0;
    let answer = loop {
        if !may_fetch(&url, api_base) {
            return Err(PictureError::Origin);
        }
        let response = http
            .get(url.clone())
            .send()
            .await
            .map_err(|e| PictureError::Fetch(AuthError::network(&e).to_string()))?;
        let status = response.status();
        if status.is_redirection() && redirects < MAX_REDIRECTS {
            let next = response
                .headers()
                .get(LOCATION)
                .and_then(|location| location.to_str().ok())
                .and_then(|location| url.join(location).ok());
            if let Some(next) = next {
                url = next;
                redirects += 1;
                continue;
            }
        }
        if !status.is_success() {
            return Err(PictureError::Fetch(format!("http-{}", status.as_u16())));
        }
        break Answer::read_limited(response, MAX_SOURCE_BYTES)
            .await
            .map_err(|error| match error {
                AuthError::TooLarge => PictureError::TooLarge,
                error => PictureError::Fetch(error.to_string()),
            })?;
    };
    // Waits for its turn here, and keeps it until the decode ends even if this future is
    // dropped meanwhile (the blocking task runs on).
    let turn = DECODING
        .acquire()
        .await
        .map_err(|_| PictureError::Fetch("the decoder is closed".into()))?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        decode(&answer.body, width, height)
    })
    .await
    // A decoder that panicked on a hostile file: that picture is not shown, nothing else.
    .map_err(|_| PictureError::Corrupt(Arc::new(decoder_panicked())))?
}

fn decoder_panicked() -> image::ImageError {
    image::ImageError::Decoding(image::error::DecodingError::from_format_hint(
        image::error::ImageFormatHint::Unknown,
    ))
}

/// The pixels one screen may keep, spent in screen order.
#[derive(Debug)]
pub struct Budget {
    left: usize,
    spent: bool,
}

impl Budget {
    /// A budget of `bytes` bytes of decoded pixels.
    pub fn new(bytes: usize) -> Budget {
        Budget {
            left: bytes,
            spent: false,
        }
    }

    /// Takes `picture`'s pixels from the budget. Once one does not fit, neither does any
    /// later one: the pictures that are kept are the first of the screen, in order.
    pub fn admit(&mut self, picture: &Rgba) -> bool {
        if self.spent || picture.bytes() > self.left {
            self.spent = true;
            return false;
        }
        self.left -= picture.bytes();
        true
    }
}

/// Fetches pictures (address and box each; `None` for an item without a picture) a few at a
/// time, in order, within `budget`: one result per request, `None` where no picture is shown.
/// Once the budget is spent, the rest are not fetched at all.
pub async fn fetch_all(
    http: &reqwest::Client,
    api_base: Option<&Url>,
    requests: Vec<(Option<String>, (u32, u32))>,
    mut budget: Budget,
) -> Vec<Option<Rgba>> {
    let count = requests.len();
    let mut fetched = futures_util::stream::iter(requests)
        .map(|(url, size)| async move {
            let result = fetch(http, &url?, api_base, size).await;
            if let Err(error) = &result {
                tracing::debug!(%error, "a picture is not shown");
            }
            result.ok()
        })
        .buffered(FETCHES_AT_ONCE);
    let mut pictures = Vec::with_capacity(count);
    while let Some(picture) = fetched.next().await {
        match picture {
            Some(picture) if !budget.admit(&picture) => {
                tracing::debug!(error = %PictureError::OverBudget, "pictures are not shown");
                break;
            }
            picture => pictures.push(picture),
        }
    }
    pictures.resize_with(count, || None);
    pictures
}

#[cfg(test)]
mod tests;
