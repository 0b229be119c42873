//! Real files made here with the `image` encoders, a hand-made header for what must never be
//! decoded, and a loopback server standing in for an API and for another service on the box.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

/// The poster box: a 1080p tile drawn at 2x.
const BOX: (u32, u32) = (608, 342);

fn encode(picture: RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(picture)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

/// White, with a black square of `side` in the middle.
fn square_on_white(width: u32, height: u32, side: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let inside = |v: u32, len: u32| v + side / 2 >= len / 2 && v < len / 2 + side / 2;
        if inside(x, width) && inside(y, height) {
            Rgb([0, 0, 0])
        } else {
            Rgb([255, 255, 255])
        }
    })
}

fn is_dark(picture: &Rgba, x: u32, y: u32) -> bool {
    let i = ((y * picture.width + x) * 4) as usize;
    picture.pixels[i] < 128 && picture.pixels[i + 3] == 255
}

/// Width and height of the dark square, through the picture's centre.
fn dark_extent(picture: &Rgba) -> (u32, u32) {
    let across = (0..picture.width)
        .filter(|&x| is_dark(picture, x, picture.height / 2))
        .count();
    let down = (0..picture.height)
        .filter(|&y| is_dark(picture, picture.width / 2, y))
        .count();
    (across as u32, down as u32)
}

#[test]
fn jpeg_png_and_webp_are_scaled_down_to_the_box_aspect_kept() {
    // Twice the box, and taller than it: the centre is cut out, then halved.
    let source = square_on_white(1216, 900, 200);
    for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP] {
        let picture = decode(&encode(source.clone(), format), BOX.0, BOX.1).unwrap();
        assert_eq!((picture.width, picture.height), BOX, "{format:?}");
        assert_eq!(picture.bytes(), (BOX.0 * BOX.1 * 4) as usize);
        // Scaled by the same factor both ways: the square stays a square, half its size.
        let (across, down) = dark_extent(&picture);
        assert!(
            across.abs_diff(100) <= 3 && down.abs_diff(100) <= 3,
            "{format:?}: {across}x{down}"
        );
    }
}

#[test]
fn a_portrait_poster_shows_its_middle_and_a_small_one_is_not_scaled_up() {
    // A 2:3 poster: scaled to the box's width, its middle kept.
    let picture = decode(
        &encode(square_on_white(1000, 1500, 400), ImageFormat::Png),
        608,
        342,
    )
    .unwrap();
    assert_eq!((picture.width, picture.height), BOX);
    let (across, down) = dark_extent(&picture);
    assert!(
        across.abs_diff(243) <= 3 && down.abs_diff(243) <= 3,
        "{across}x{down}"
    );

    // Smaller than the box with its shape: kept pixel for pixel.
    let small = square_on_white(480, 270, 100);
    let picture = decode(&encode(small.clone(), ImageFormat::Png), BOX.0, BOX.1).unwrap();
    assert_eq!((picture.width, picture.height), (480, 270));
    let expected = DynamicImage::ImageRgb8(small).into_rgba8().into_raw();
    assert!(picture.pixels == expected);

    // Smaller than the box but another shape: only cut to the box's shape.
    let picture = decode(
        &encode(square_on_white(400, 400, 100), ImageFormat::Png),
        BOX.0,
        BOX.1,
    )
    .unwrap();
    assert_eq!((picture.width, picture.height), (400, 225));
    // A square avatar box.
    let picture = decode(
        &encode(square_on_white(300, 200, 50), ImageFormat::Jpeg),
        176,
        176,
    )
    .unwrap();
    assert_eq!((picture.width, picture.height), (176, 176));
}

/// A PNG made of a header claiming `width` x `height` and a few bytes of data.
fn png_header(width: u32, height: u32, color: png::ColorType, depth: png::BitDepth) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(depth);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_chunk(png::chunk::IDAT, &[0x78, 0x9c, 0x03, 0x00])
            .unwrap();
    }
    out
}

#[test]
fn too_many_pixels_are_refused_from_the_header() {
    use png::{BitDepth, ColorType};
    // 25 MP: over 16 MP, each side within limits. Decoding it would allocate 75 MB; refusing
    // it must not even try.
    let big = png_header(5000, 5000, ColorType::Rgb, BitDepth::Eight);
    assert!(big.len() < 100);
    assert!(matches!(
        decode(&big, BOX.0, BOX.1),
        Err(PictureError::Oversized)
    ));
    // A strip: few pixels, one side too long.
    let strip = png_header(20_000, 10, ColorType::Rgb, BitDepth::Eight);
    assert!(matches!(
        decode(&strip, BOX.0, BOX.1),
        Err(PictureError::Oversized)
    ));
    // 16 MP of 16-bit RGBA: 128 MiB to decode.
    let deep = png_header(4096, 4096, ColorType::Rgba, BitDepth::Sixteen);
    assert!(matches!(
        decode(&deep, BOX.0, BOX.1),
        Err(PictureError::Oversized)
    ));
    // Within the limits, the same truncated file is merely broken.
    let fine = png_header(4000, 4000, ColorType::Rgb, BitDepth::Eight);
    assert!(matches!(
        decode(&fine, BOX.0, BOX.1),
        Err(PictureError::Corrupt(_))
    ));
}

#[test]
fn a_file_over_5_mib_is_refused_unread() {
    let mut big = encode(square_on_white(64, 36, 8), ImageFormat::Png);
    big.resize(MAX_SOURCE_BYTES + 1, 0);
    assert!(matches!(
        decode(&big, BOX.0, BOX.1),
        Err(PictureError::TooLarge)
    ));
}

#[test]
fn garbage_is_refused_without_a_panic() {
    let png = encode(square_on_white(64, 36, 8), ImageFormat::Png);
    let jpeg = encode(square_on_white(64, 36, 8), ImageFormat::Jpeg);
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    let mut flipped = jpeg.clone();
    for byte in flipped.iter_mut().skip(200).step_by(7) {
        *byte ^= 0x5a;
    }
    for (what, bytes) in [
        ("nothing", Vec::new()),
        ("text", b"not a picture at all".to_vec()),
        ("a gif", gif),
        ("half a png", png[..png.len() / 2].to_vec()),
        ("half a jpeg", jpeg[..jpeg.len() / 2].to_vec()),
        ("a mangled jpeg", flipped),
        ("a png signature", png[..8].to_vec()),
    ] {
        // A mangled JPEG may still decode to something; it must not panic or grow.
        if let Ok(picture) = decode(&bytes, BOX.0, BOX.1) {
            assert!(picture.width <= BOX.0 && picture.height <= BOX.1, "{what}");
        }
    }
    assert!(matches!(
        decode(b"not a picture", BOX.0, BOX.1),
        Err(PictureError::Unsupported)
    ));
    assert!(decode(&png[..png.len() / 2], BOX.0, BOX.1).is_err());
}

#[test]
fn pictures_come_over_https_or_from_the_api_itself() {
    let url = |s: &str| Url::parse(s).unwrap();
    let api = url("http://127.0.0.1:4000/api/");
    let api = Some(&api);
    assert!(may_fetch(&url("https://images.example.com/p.jpg"), api));
    assert!(may_fetch(&url("https://images.example.com/p.jpg"), None));
    assert!(may_fetch(&url("http://127.0.0.1:4000/images/p.png"), api));
    // Another service on the box, or the same host under another name or port.
    assert!(!may_fetch(&url("http://127.0.0.1:6379/"), api));
    assert!(!may_fetch(&url("http://localhost:4000/images/p.png"), api));
    assert!(!may_fetch(&url("http://127.0.0.1/images/p.png"), api));
    assert!(!may_fetch(&url("http://127.0.0.1:4000/images/p.png"), None));
    assert!(!may_fetch(&url("http://images.example.com/p.jpg"), api));
    assert!(!may_fetch(&url("file:///etc/shadow"), api));
    assert!(!may_fetch(&url("data:image/png;base64,AAAA"), api));
    // An https API: its own origin is https anyway; its http twin is not it.
    let secure = url("https://api.example.com/v1/");
    assert!(!may_fetch(
        &url("http://api.example.com/p.png"),
        Some(&secure)
    ));
}

#[test]
fn the_budget_keeps_the_first_pictures_in_order() {
    let picture = |side: u32| Rgba {
        width: side,
        height: side,
        pixels: vec![0; (side * side * 4) as usize],
    };
    let mut budget = Budget::new(100 * 100 * 4 * 2 + 10);
    assert!(budget.admit(&picture(100)));
    assert!(budget.admit(&picture(100)));
    assert!(!budget.admit(&picture(100)));
    // Once over, a smaller one does not slip in after: the next tiles keep placeholders.
    assert!(!budget.admit(&picture(1)));
    // A whole screen of poster boxes and an avatar box fits in the real budget many times.
    let mut budget = Budget::new(SCREEN_BUDGET);
    assert!(budget.admit(&picture(176)));
    let posters = (0..100)
        .take_while(|_| {
            budget.admit(&Rgba {
                width: BOX.0,
                height: BOX.1,
                pixels: vec![0; (BOX.0 * BOX.1 * 4) as usize],
            })
        })
        .count();
    assert_eq!(posters, 40);
}

/// A loopback server answering each path with a prepared raw HTTP answer; 404 otherwise.
async fn serve(answers: HashMap<&'static str, Vec<u8>>) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let answers = answers.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let request = String::from_utf8_lossy(&request);
                let path = request.split_whitespace().nth(1).unwrap_or("/");
                let answer = answers.get(path).cloned().unwrap_or_else(|| {
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .to_vec()
                });
                let _ = socket.write_all(&answer).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    base
}

fn ok(body: &[u8], content_length: bool) -> Vec<u8> {
    let mut answer = b"HTTP/1.1 200 OK\r\nConnection: close\r\n".to_vec();
    if content_length {
        answer.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
    }
    answer.extend_from_slice(b"\r\n");
    answer.extend_from_slice(body);
    answer
}

fn redirect(to: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .into_bytes()
}

#[tokio::test]
async fn fetching_follows_the_rules() {
    let http = crate::auth::http::client("en").unwrap();
    let other = serve(HashMap::from([(
        "/secret.png",
        ok(&encode(square_on_white(64, 36, 8), ImageFormat::Png), true),
    )]))
    .await;
    let poster = encode(square_on_white(1216, 684, 200), ImageFormat::Jpeg);
    let huge = vec![0; MAX_SOURCE_BYTES + 1];
    let elsewhere = other.join("secret.png").unwrap().to_string();
    let api = serve(HashMap::from([
        ("/p.jpg", ok(&poster, true)),
        ("/huge", ok(&huge, true)),
        ("/huge-unannounced", ok(&huge, false)),
        ("/moved", redirect("/p.jpg")),
        ("/away", redirect(&elsewhere)),
        ("/text", ok(b"<html>not found, really</html>", true)),
    ]))
    .await;
    let api_base = api.join("api/").unwrap();
    let get = |path: &str| {
        let url = api.join(path).unwrap().to_string();
        let http = &http;
        let api_base = &api_base;
        async move { fetch(http, &url, Some(api_base), BOX).await }
    };
    let picture = get("p.jpg").await.unwrap();
    assert_eq!((picture.width, picture.height), BOX);
    assert_eq!(get("moved").await.unwrap(), picture);
    assert!(matches!(get("huge").await, Err(PictureError::TooLarge)));
    assert!(matches!(
        get("huge-unannounced").await,
        Err(PictureError::TooLarge)
    ));
    assert!(matches!(get("away").await, Err(PictureError::Origin)));
    assert!(matches!(get("missing").await, Err(PictureError::Fetch(_))));
    assert!(matches!(get("text").await, Err(PictureError::Unsupported)));
    // Another service on the box, asked directly.
    let direct = other.join("secret.png").unwrap().to_string();
    assert!(matches!(
        fetch(&http, &direct, Some(&api_base), BOX).await,
        Err(PictureError::Origin)
    ));
}

#[tokio::test]
async fn a_screen_keeps_its_first_pictures_within_the_budget() {
    let http = crate::auth::http::client("en").unwrap();
    let api = serve(HashMap::from([(
        "/p.png",
        ok(&encode(square_on_white(64, 36, 8), ImageFormat::Png), true),
    )]))
    .await;
    let api_base = api.join("api/").unwrap();
    let poster = Some(api.join("p.png").unwrap().to_string());
    let requests = vec![
        (poster.clone(), BOX),
        (None, BOX),
        (poster.clone(), BOX),
        (Some("http://127.0.0.1:6379/p.png".into()), BOX),
        (poster.clone(), BOX),
        (poster.clone(), BOX),
    ];
    // Room for two and a half pictures of 64x36.
    let budget = Budget::new(64 * 36 * 4 * 5 / 2);
    let pictures = fetch_all(&http, Some(&api_base), requests, budget).await;
    let shown: Vec<bool> = pictures.iter().map(Option::is_some).collect();
    assert_eq!(shown, [true, false, true, false, false, false]);
}

#[test]
fn a_circled_picture_is_clear_in_its_corners_and_whole_in_its_middle() {
    let opaque = Rgba {
        width: 40,
        height: 40,
        pixels: vec![200; 40 * 40 * 4],
    };
    let round = opaque.circled();
    let alpha = |x: u32, y: u32| round.pixels[((y * 40 + x) * 4 + 3) as usize];
    assert_eq!(
        (alpha(0, 0), alpha(39, 0), alpha(0, 39), alpha(39, 39)),
        (0, 0, 0, 0)
    );
    assert_eq!((alpha(20, 20), alpha(20, 1), alpha(1, 20)), (200, 200, 200));
    // The colours stay; only the edge fades.
    assert_eq!(round.pixels[0..3], [200, 200, 200]);
    let edge = alpha(20, 0);
    assert!(edge > 0 && edge <= 200, "{edge}");
}
