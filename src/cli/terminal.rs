//! Drawing for the terminal: the user code in large block letters, a QR code in Unicode half
//! blocks, and times as mm:ss.

use qrcode::{Color, QrCode};

/// Block letters, 5 rows of 5 columns; `#` is ink.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c.to_ascii_uppercase() {
        'A' => [" ### ", "#   #", "#####", "#   #", "#   #"],
        'B' => ["#### ", "#   #", "#### ", "#   #", "#### "],
        'C' => [" ####", "#    ", "#    ", "#    ", " ####"],
        'D' => ["#### ", "#   #", "#   #", "#   #", "#### "],
        'E' => ["#####", "#    ", "#### ", "#    ", "#####"],
        'F' => ["#####", "#    ", "#### ", "#    ", "#    "],
        'G' => [" ####", "#    ", "#  ##", "#   #", " ####"],
        'H' => ["#   #", "#   #", "#####", "#   #", "#   #"],
        'I' => ["#####", "  #  ", "  #  ", "  #  ", "#####"],
        'J' => ["#####", "   # ", "   # ", "#  # ", " ##  "],
        'K' => ["#   #", "#  # ", "###  ", "#  # ", "#   #"],
        'L' => ["#    ", "#    ", "#    ", "#    ", "#####"],
        'M' => ["#   #", "## ##", "# # #", "#   #", "#   #"],
        'N' => ["#   #", "##  #", "# # #", "#  ##", "#   #"],
        'O' => [" ### ", "#   #", "#   #", "#   #", " ### "],
        'P' => ["#### ", "#   #", "#### ", "#    ", "#    "],
        'Q' => [" ### ", "#   #", "# # #", "#  # ", " ## #"],
        'R' => ["#### ", "#   #", "#### ", "#  # ", "#   #"],
        'S' => [" ####", "#    ", " ### ", "    #", "#### "],
        'T' => ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        'U' => ["#   #", "#   #", "#   #", "#   #", " ### "],
        'V' => ["#   #", "#   #", "#   #", " # # ", "  #  "],
        'W' => ["#   #", "#   #", "# # #", "## ##", "#   #"],
        'X' => ["#   #", " # # ", "  #  ", " # # ", "#   #"],
        'Y' => ["#   #", " # # ", "  #  ", "  #  ", "  #  "],
        'Z' => ["#####", "   # ", "  #  ", " #   ", "#####"],
        '0' => [" ### ", "#  ##", "# # #", "##  #", " ### "],
        '1' => ["  #  ", " ##  ", "  #  ", "  #  ", " ### "],
        '2' => [" ### ", "#   #", "  ## ", " #   ", "#####"],
        '3' => ["#### ", "    #", " ### ", "    #", "#### "],
        '4' => ["#   #", "#   #", "#####", "    #", "    #"],
        '5' => ["#####", "#    ", "#### ", "    #", "#### "],
        '6' => [" ### ", "#    ", "#### ", "#   #", " ### "],
        '7' => ["#####", "    #", "   # ", "  #  ", "  #  "],
        '8' => [" ### ", "#   #", " ### ", "#   #", " ### "],
        '9' => [" ### ", "#   #", " ####", "    #", " ### "],
        '-' => ["     ", "     ", " ### ", "     ", "     "],
        ' ' => ["     ", "     ", "     ", "     ", "     "],
        _ => return None,
    })
}

/// The text in 5 rows of block letters; `None` if a character has no glyph.
pub fn big_text(text: &str) -> Option<[String; 5]> {
    let glyphs: Vec<[&str; 5]> = text.chars().map(glyph).collect::<Option<_>>()?;
    Some(std::array::from_fn(|row| {
        glyphs
            .iter()
            .map(|g| g[row].replace('#', "█"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    }))
}

/// Modules of quiet zone around the code.
const QUIET_ZONE: usize = 2;

/// The QR code of `data`, two modules per character row. With `ansi`, dark modules are drawn
/// black on white whatever the terminal's colours (phones read dark-on-light best).
pub fn qr_lines(data: &str, ansi: bool) -> Option<Vec<String>> {
    let code = QrCode::new(data.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let dark = |x: usize, y: usize| {
        x >= QUIET_ZONE
            && y >= QUIET_ZONE
            && x < width + QUIET_ZONE
            && y < width + QUIET_ZONE
            && colors[(y - QUIET_ZONE) * width + (x - QUIET_ZONE)] == Color::Dark
    };
    let mut lines = Vec::with_capacity(size.div_ceil(2));
    for y in (0..size).step_by(2) {
        let mut line = String::new();
        if ansi {
            line.push_str("\x1b[30;107m");
        }
        for x in 0..size {
            let (top, bottom) = (dark(x, y), y + 1 < size && dark(x, y + 1));
            line.push(match (top, bottom) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        if ansi {
            line.push_str("\x1b[0m");
        }
        lines.push(line);
    }
    Some(lines)
}

pub use crate::format::mmss;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_drawn_in_block_letters() {
        let rows = big_text("WDJB-MJHT").unwrap();
        assert!(rows.iter().all(|r| r.chars().count() <= 9 * 7));
        assert_eq!(rows[0].chars().next(), Some('█'));
        assert!(big_text("ÉTÉ").is_none());
    }

    #[test]
    fn qr_codes_are_square_with_a_quiet_zone() {
        let lines = qr_lines("http://127.0.0.1:4000/activate?user_code=WDJB-MJHT", false).unwrap();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        assert_eq!(lines.len(), width.div_ceil(2));
        assert!(lines[0].chars().all(|c| c == ' '), "quiet zone on top");
        // Finder pattern: a solid top-left corner just inside the quiet zone.
        assert_eq!(lines[1].chars().nth(QUIET_ZONE), Some('█'));
    }
}
