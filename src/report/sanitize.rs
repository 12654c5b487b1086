//! The one function that makes text safe to put in front of a reader or a terminal.

use std::borrow::Cow;

/// What a character that must not reach a reader becomes: U+FFFD, the replacement character,
/// so that the reader sees that something was there.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// `s` with every character that could fool a reader or drive a terminal replaced by
/// [`PLACEHOLDER`]: the C0 controls except `\n` and `\t`, DEL, the C1 controls (U+0080–U+009F),
/// the bidirectional embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). A
/// carriage return becomes a line break (`\r\n` one line break): a lone CR would let a line
/// be drawn over another. Borrowed when nothing needs replacing.
///
/// Every writer calls this on what it writes (reports in every format, `status`, messages that
/// echo text from files); the records themselves keep the text as typed.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\r' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if is_unsafe(c) => out.push(PLACEHOLDER),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A character [`sanitize`] replaces (CR aside, which becomes a line break).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{b}'..='\u{c}'
        | '\u{e}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_visible_placeholders() {
        assert_eq!(sanitize("正常文本\n\t缩进"), "正常文本\n\t缩进");
        assert!(matches!(sanitize("正常文本"), Cow::Borrowed(_)));
        assert_eq!(
            sanitize("a\u{1b}]0;title\u{7}b"),
            "a\u{fffd}]0;title\u{fffd}b"
        );
        assert_eq!(
            sanitize("x\u{7f}\u{85}\u{9b}y"),
            "x\u{fffd}\u{fffd}\u{fffd}y"
        );
        assert_eq!(
            sanitize("\u{202e}cod.exe\u{2066}\u{2069}"),
            "\u{fffd}cod.exe\u{fffd}\u{fffd}"
        );
        assert_eq!(sanitize("一\r\n二\r三"), "一\n二\n三");
        for c in (0u32..0x20)
            .chain(0x7f..0xa0)
            .chain(0x202a..0x202f)
            .chain(0x2066..0x206a)
        {
            let c = char::from_u32(c).unwrap();
            let text = format!("a{c}b");
            let out = sanitize(&text);
            assert!(!out.chars().any(is_unsafe), "{c:?}");
            assert!(!out.contains('\r'));
        }
        // neighbours of the ranges pass
        for c in [
            '\u{a0}', '\u{2029}', '\u{202f}', '\u{2065}', '\u{206a}', ' ',
        ] {
            assert_eq!(sanitize(&c.to_string()), c.to_string());
        }
    }
}
