//! Drawing for the terminal: the user code in large block letters, a QR code in Unicode half
//! blocks, and times as mm:ss.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

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

/// The QR code of `data`, two modules per character row, drawn by `qrcode`'s own Unicode
/// renderer with the 4-module quiet zone the QR standard asks for (ISO/IEC 18004). With `ansi`, dark modules are drawn black on white whatever the terminal's
/// colours (phones read dark-on-light best).
pub fn qr_lines(data: &str, ansi: bool) -> Option<Vec<String>> {
    let code = QrCode::new(data.as_bytes()).ok()?;
    let drawn = code.render::<Dense1x2>().quiet_zone(true).build();
    Some(
        drawn
            .lines()
            .map(|line| {
                if ansi {
                    format!("\x1b[30;107m{line}\x1b[0m")
                } else {
                    line.to_string()
                }
            })
            .collect(),
    )
}

pub use crate::format::mmss;

#[cfg(test)]
mod tests {
    use super::*;

    /// Modules of quiet zone the renderer draws around the code.
    const QUIET_ZONE: usize = 4;

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
        // Four modules of quiet zone on top: two text rows, blank.
        for line in &lines[..QUIET_ZONE / 2] {
            assert!(line.chars().all(|c| c == ' '), "quiet zone on top");
        }
        // Finder pattern: a solid top-left corner just inside the quiet zone, on every side.
        let first = &lines[QUIET_ZONE / 2];
        assert!(first.chars().take(QUIET_ZONE).all(|c| c == ' '));
        assert_eq!(first.chars().nth(QUIET_ZONE), Some('█'));
        assert!(first.chars().rev().take(QUIET_ZONE).all(|c| c == ' '));
    }
}
