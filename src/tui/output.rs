//! The terminal backend: ratatui's crossterm backend, except that a frame of Chinese text does
//! not move the cursor after every character.
//!
//! ratatui's backend moves the cursor before any cell that does not directly follow the
//! previous one. After a double-width character at column `x` the next cell is at `x + 2`,
//! so every Chinese character costs a cursor move (about eight bytes) besides its own three:
//! a first frame of the inspect screen was 13.7 KB, more than half of it cursor moves. Here
//! the move is left out when the cursor is surely there already: since the last move, every
//! character printed was printable ASCII or one that every terminal draws two columns wide
//! (CJK ideographs and punctuation, kana, Hangul syllables, full-width forms; no emoji, no
//! sequences with joiners, selectors or combining marks). After anything else the backend
//! does exactly what ratatui's does, so terminals that disagree about widths still line up.
//! Everything apart from drawing is ratatui's backend itself.

use std::io::{self, Write};

use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// ratatui's crossterm backend with fewer cursor moves; see the module documentation.
pub struct Output<W: Write> {
    inner: CrosstermBackend<W>,
}

impl<W: Write> Output<W> {
    pub fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
        }
    }
}

/// A symbol that every terminal draws exactly two columns wide: one character of a script
/// whose width no terminal disputes. Emoji (whose width terminals disagree on), ambiguous-width
/// characters and anything combined with another code point are left out.
pub fn surely_wide(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let c = u32::from(c);
    let cjk = matches!(c,
        0x3001..=0x3029   // CJK punctuation: 、。「」【】〔〕 (not the ideographic space)
        | 0x3041..=0x3096 // hiragana
        | 0x30A1..=0x30FA // katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7A3 // Hangul syllables
        | 0xF900..=0xFA6D // CJK compatibility ideographs (long assigned)
        | 0xFF01..=0xFF60 // full-width forms: ，：；（）！？
        | 0xFFE0..=0xFFE6
        // CJK extension B (Unicode 3.1). Later extensions are left out: a terminal with
        // older width tables may draw them one column wide.
        | 0x20000..=0x2A6D6);
    cjk && unicode_width::UnicodeWidthStr::width(symbol) == 2
}

/// How far the cursor surely moves when `symbol` is printed: one column for a printable ASCII
/// character, two for a [`surely_wide`] one; `None` when terminals may disagree.
fn certain_width(symbol: &str) -> Option<u16> {
    match symbol.as_bytes() {
        [b' '..=b'~'] => Some(1),
        _ if surely_wide(symbol) => Some(2),
        _ => None,
    }
}

/// Write `ESC [ row ; col H` (1-based), as crossterm's `MoveTo` does, without formatting
/// machinery: a frame has hundreds of them.
fn move_to(w: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
    let mut buf = [0u8; 16];
    let mut n = 0;
    buf[n..n + 2].copy_from_slice(b"\x1b[");
    n += 2;
    n += decimal(&mut buf[n..], u32::from(y) + 1);
    buf[n] = b';';
    n += 1;
    n += decimal(&mut buf[n..], u32::from(x) + 1);
    buf[n] = b'H';
    n += 1;
    w.write_all(&buf[..n])
}

fn decimal(out: &mut [u8], mut v: u32) -> usize {
    let mut digits = [0u8; 5];
    let mut n = 0;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for i in 0..n {
        out[i] = digits[n - 1 - i];
    }
    n
}

/// The attribute changes from `from` to `to`, in the order ratatui's backend sends them.
fn modifier_diff(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::NoReverse))?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        // Bold and dim are both undone by normal intensity; what stays is set again.
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
    }
    for (m, off) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(m) {
            queue!(w, SetAttribute(off))?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }
    let added = to - from;
    for (m, on, unless_reset) in [
        (Modifier::REVERSED, Attribute::Reverse, false),
        (Modifier::BOLD, Attribute::Bold, true),
        (Modifier::ITALIC, Attribute::Italic, false),
        (Modifier::UNDERLINED, Attribute::Underlined, false),
        (Modifier::DIM, Attribute::Dim, true),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, false),
        (Modifier::HIDDEN, Attribute::Hidden, false),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, false),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, false),
    ] {
        if added.contains(m) && !(unless_reset && reset_intensity) {
            queue!(w, SetAttribute(on))?;
        }
    }
    Ok(())
}

impl<W: Write> Backend for Output<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.inner;
        let mut fg = Color::Reset;
        let mut bg = Color::Reset;
        let mut underline = Color::Reset;
        let mut modifier = Modifier::empty();
        // Where the last cell went (ratatui's rule: no move before the very next column), and
        // where the cursor surely is, when every print since the last move had a certain width.
        let mut last: Option<Position> = None;
        let mut known: Option<Position> = None;
        for (x, y, cell) in content {
            let here = Position::new(x, y);
            let follows = matches!(last, Some(p) if p.y == y && p.x.checked_add(1) == Some(x));
            if !follows && known != Some(here) {
                move_to(w, x, y)?;
                known = Some(here);
            }
            last = Some(here);
            known = match known {
                Some(p) if p == here => certain_width(cell.symbol())
                    .and_then(|n| x.checked_add(n))
                    .map(|x| Position::new(x, y)),
                _ => None,
            };
            if cell.modifier != modifier {
                modifier_diff(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg || cell.bg != bg {
                queue!(
                    w,
                    SetColors(Colors::new(
                        cell.fg.into_crossterm(),
                        cell.bg.into_crossterm()
                    ))
                )?;
                fg = cell.fg;
                bg = cell.bg;
            }
            if cell.underline_color != underline {
                queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
                underline = cell.underline_color;
            }
            // What crossterm's `Print` would do, without its formatting.
            w.write_all(cell.symbol().as_bytes())?;
        }
        queue!(
            w,
            SetForegroundColor(CColor::Reset),
            SetBackgroundColor(CColor::Reset),
            SetUnderlineColor(CColor::Reset),
            SetAttribute(Attribute::Reset),
        )
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    use proptest::prelude::*;
    use ratatui::backend::{Backend, CrosstermBackend};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};

    use super::{Output, surely_wide};

    const W: u16 = 30;
    const H: u16 = 6;

    /// A writer whose bytes stay readable after the backend took it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Frames drawn one after the other (each a diff against the one before, the first against
    /// an empty screen) by `backend`; the bytes it wrote.
    fn drawn<B: Backend>(make: impl Fn(Shared) -> B, frames: &[Buffer]) -> Vec<u8>
    where
        B::Error: std::fmt::Debug,
    {
        let out = Shared::default();
        let mut backend = make(out.clone());
        let mut prev = Buffer::empty(Rect::new(0, 0, W, H));
        for next in frames {
            backend.draw(prev.diff(next).into_iter()).unwrap();
            prev = next.clone();
        }
        out.0.take()
    }

    fn screen(bytes: &[u8]) -> vt100::Parser {
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(H).unwrap(),
            std::num::NonZeroU16::new(W).unwrap(),
            0,
        );
        parser.process(bytes);
        parser
    }

    /// The same screen, cell by cell: text, colours and attributes.
    fn same_screen(a: &vt100::Parser, b: &vt100::Parser) -> Result<(), String> {
        for row in 0..H {
            for col in 0..W {
                let (x, y) = (a.screen().cell(row, col), b.screen().cell(row, col));
                let show = |c: Option<&vt100::Cell>| {
                    c.map(|c| {
                        format!(
                            "{:?} {:?} {:?} b{} i{} u{} r{}",
                            c.contents(),
                            c.fgcolor(),
                            c.bgcolor(),
                            c.bold(),
                            c.italic(),
                            c.underline(),
                            c.inverse()
                        )
                    })
                };
                if show(x) != show(y) {
                    return Err(format!(
                        "row {row} col {col}: {:?} vs {:?}",
                        show(x),
                        show(y)
                    ));
                }
            }
        }
        Ok(())
    }

    fn ours(frames: &[Buffer]) -> Vec<u8> {
        drawn(Output::new, frames)
    }

    fn ratatuis(frames: &[Buffer]) -> Vec<u8> {
        drawn(CrosstermBackend::new, frames)
    }

    #[test]
    fn chinese_text_is_sent_without_a_cursor_move_per_character() {
        let mut buf = Buffer::empty(Rect::new(0, 0, W, H));
        buf.set_string(0, 0, "巡察清单：三看、政治纪律", Style::default());
        let bytes = ours(std::slice::from_ref(&buf));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("巡察清单：三看、政治纪律"), "{text:?}");
        assert_eq!(text.matches('H').count(), 1, "one cursor move: {text:?}");
        let theirs = ratatuis(&[buf]);
        assert_eq!(String::from_utf8_lossy(&theirs).matches('H').count(), 12);
        same_screen(&screen(&bytes), &screen(&theirs)).unwrap();
    }

    #[test]
    fn only_characters_every_terminal_draws_two_wide_count_as_surely_wide() {
        for s in ["巡", "察", "，", "。", "「", "カ", "한", "𠀀", "𪚥"] {
            assert!(surely_wide(s), "{s}");
        }
        for s in [
            "a",
            " ",
            "·",
            "─",
            "😀",
            "❤\u{fe0f}",
            "巡\u{301}",
            "\u{3000}",
            "〰",
            "",
            "巡察",
            "\u{2B740}",
            "\u{30000}",
        ] {
            assert!(!surely_wide(s), "{s:?}");
        }
    }

    fn piece() -> impl Strategy<Value = (u16, u16, String, Style)> {
        let words = prop::sample::select(vec![
            "巡察",
            "清单",
            "，",
            "。",
            "abc",
            " ",
            "  x",
            "😀",
            "❤\u{fe0f}",
            "e\u{301}",
            "·",
            "─│",
            "한국",
            "カナ",
            "\u{3000}",
            "〰",
            "12",
            "🇨🇳",
            "a\u{200d}b",
        ]);
        let colors = prop::sample::select(vec![
            Color::Reset,
            Color::Red,
            Color::DarkGray,
            Color::Indexed(208),
            Color::Rgb(1, 2, 3),
        ]);
        let mods = prop::sample::select(vec![
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::BOLD | Modifier::DIM,
            Modifier::REVERSED,
            Modifier::UNDERLINED | Modifier::ITALIC,
        ]);
        (
            0..W,
            0..H,
            prop::collection::vec(words, 1..6),
            colors.clone(),
            colors,
            mods,
        )
            .prop_map(|(x, y, words, fg, bg, m)| {
                (
                    x,
                    y,
                    words.concat(),
                    Style::new().fg(fg).bg(bg).add_modifier(m),
                )
            })
    }

    fn frame(pieces: &[(u16, u16, String, Style)]) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, W, H));
        for (x, y, s, style) in pieces {
            buf.set_string(*x, *y, s, *style);
        }
        buf
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any two frames of mixed text — Chinese, emoji, combining marks, styles — drawn one
        /// after the other leave the same screen as ratatui's own backend, in no more bytes.
        #[test]
        fn the_screen_is_ratatuis_in_fewer_bytes(
            a in prop::collection::vec(piece(), 0..12),
            b in prop::collection::vec(piece(), 0..12),
        ) {
            let frames = [frame(&a), frame(&b)];
            let (mine, theirs) = (ours(&frames), ratatuis(&frames));
            prop_assert!(mine.len() <= theirs.len());
            if let Err(e) = same_screen(&screen(&mine), &screen(&theirs)) {
                prop_assert!(false, "{e}\nours {:?}\ntheirs {:?}", String::from_utf8_lossy(&mine), String::from_utf8_lossy(&theirs));
            }
        }
    }
}
