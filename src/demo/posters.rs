//! The demo library's catalogue and the images it points to: poster and avatar PNGs drawn
//! here (gradients), so the demo needs no files and no network.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One title of the demo library.
#[derive(Debug)]
pub struct Item {
    pub id: &'static str,
    /// The work's name; its genre and length are translated (`demo-library-ID` in Fluent).
    pub title: &'static str,
    /// Top and bottom colours of the poster gradient.
    colours: ([u8; 3], [u8; 3]),
}

pub const CATALOGUE: &[Item] = &[
    Item {
        id: "northern-lights",
        title: "Northern Lights",
        colours: ([18, 84, 96], [10, 20, 48]),
    },
    Item {
        id: "quiet-harbour",
        title: "The Quiet Harbour",
        colours: ([70, 110, 150], [20, 30, 60]),
    },
    Item {
        id: "midnight-orchard",
        title: "Midnight Orchard",
        colours: ([90, 30, 60], [20, 10, 30]),
    },
    Item {
        id: "paper-planets",
        title: "Paper Planets",
        colours: ([230, 160, 60], [150, 60, 40]),
    },
    Item {
        id: "salt-and-stone",
        title: "Salt & Stone",
        colours: ([200, 190, 160], [110, 90, 70]),
    },
    Item {
        id: "signal-lost",
        title: "Signal Lost",
        colours: ([40, 60, 90], [5, 5, 15]),
    },
    Item {
        id: "high-meadow",
        title: "High Meadow",
        colours: ([110, 170, 90], [30, 70, 40]),
    },
    Item {
        id: "last-tram-home",
        title: "The Last Tram Home",
        colours: ([240, 200, 80], [200, 80, 60]),
    },
];

const POSTER_SIZE: (u32, u32) = (480, 270);
const AVATAR_SIZE: u32 = 128;

static POSTERS: LazyLock<Vec<Option<Vec<u8>>>> = LazyLock::new(|| {
    CATALOGUE
        .iter()
        .map(|item| gradient_png(POSTER_SIZE, item.colours).ok())
        .collect()
});

pub async fn poster(Path(file): Path<String>) -> Response {
    let id = file.strip_suffix(".png").unwrap_or_default();
    let png = CATALOGUE
        .iter()
        .position(|item| item.id == id)
        .and_then(|index| POSTERS.get(index).cloned().flatten());
    png_response(png)
}

/// An avatar coloured from the user id, so each demo user has their own.
pub async fn avatar(Path(file): Path<String>) -> Response {
    let Some(id) = file
        .strip_suffix(".png")
        .filter(|id| !id.is_empty() && id.len() <= 64)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let seed = id.bytes().fold(2_166_136_261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
    });
    let [a, b, c, _] = seed.to_le_bytes();
    let top = [64 + a / 2, 64 + b / 2, 64 + c / 2];
    let bottom = [top[0] / 3, top[1] / 3, top[2] / 3];
    png_response(gradient_png((AVATAR_SIZE, AVATAR_SIZE), (top, bottom)).ok())
}

fn png_response(png: Option<Vec<u8>>) -> Response {
    let Some(png) = png else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response = png.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}

/// A vertical gradient from `top` to `bottom`, as an RGB PNG.
fn gradient_png(
    (width, height): (u32, u32),
    (top, bottom): ([u8; 3], [u8; 3]),
) -> Result<Vec<u8>, png::EncodingError> {
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        let t = y as f32 / (height.max(2) - 1) as f32;
        let row: [u8; 3] = std::array::from_fn(|i| {
            (f32::from(top[i]) * (1.0 - t) + f32::from(bottom[i]) * t).round() as u8
        });
        for _ in 0..width {
            pixels.extend_from_slice(&row);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The genre lines are looked up by a built id, which `fl!` cannot check at compile time.
    /// (Both languages have the same messages: `i18n` tests that.)
    #[test]
    fn every_title_has_its_genre_line() {
        let t = crate::i18n::loader(crate::i18n::Lang::En);
        for item in CATALOGUE {
            let id = format!("demo-library-{}", item.id);
            assert!(t.has(&id), "{id} is missing from the .ftl files");
        }
    }
}
