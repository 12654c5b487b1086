//! Positioned error messages: `file:line:column`, the offending line and a caret that sits under
//! the right character even when the line holds double-width Chinese text.

use std::fmt;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

/// One error at one place in one text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (or `<built-in>/name.toml`).
    pub file: String,
    /// 1-based line number; 0 when the error has no position.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes, not display cells).
    pub column: usize,
    /// The text of the offending line, without its line end.
    pub line_text: String,
    /// Display width of the line text before the error, where the caret goes.
    pub caret_offset: usize,
    /// What went wrong and, where known, what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic for a byte span of `text` (the whole file content).
    pub fn at(file: &str, text: &str, span: Option<Range<usize>>, message: String) -> Self {
        let Some(span) = span else {
            return Diagnostic {
                file: file.to_string(),
                line: 0,
                column: 0,
                line_text: String::new(),
                caret_offset: 0,
                message,
            };
        };
        let mut start = span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_no = text[..line_start].matches('\n').count() + 1;
        let raw_line = text[line_start..line_end].trim_end_matches('\r');
        let before = &text[line_start..start.min(line_start + raw_line.len())];
        let column = before.chars().count() + 1;
        // A very long line (a 10 MB note) is shown as a window around the error.
        let skip = column.saturating_sub(1 + WINDOW);
        let mut shown: String = raw_line.chars().skip(skip).take(2 * WINDOW).collect();
        let mut caret_text: String = before.chars().skip(skip).collect();
        if skip > 0 {
            shown.insert_str(0, "...");
            caret_text.insert_str(0, "...");
        }
        if raw_line.chars().count() > skip + 2 * WINDOW {
            shown.push_str("...");
        }
        Diagnostic {
            file: file.to_string(),
            line: line_no,
            column,
            line_text: printable(&shown),
            caret_offset: printable(&caret_text).width(),
            message,
        }
    }

    /// A diagnostic that concerns the whole file.
    pub fn whole_file(file: &str, message: String) -> Self {
        Self::at(file, "", None, message)
    }

    /// `file:line:column` (or just the file when there is no position).
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// How many characters of a long line are shown on each side of the error.
const WINDOW: usize = 60;

/// The span of the value of a top-level key, for errors about a value that no longer carries
/// its own span. Asked of the TOML parser itself, so quoted keys (`"format" = 2`) and text that
/// merely looks like the key inside a multi-line string are told apart; only called on text that
/// parsed (`None` otherwise, or when the key is not at the top level).
pub fn key_span(text: &str, key: &str) -> Option<Range<usize>> {
    let table: std::collections::BTreeMap<String, toml::Spanned<serde::de::IgnoredAny>> =
        toml::from_str(text).ok()?;
    table.get(key).map(toml::Spanned::span)
}

/// Control characters and tabs would shift the caret or disturb the terminal: show them as
/// visible placeholders of known width.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '?',
            c => c,
        })
        .collect()
}

impl Diagnostic {
    /// The offending line with a caret under the place, after a line break (empty when the
    /// error has no position): `\n  |\n3 | text\n  |    ^`.
    pub fn excerpt(&self) -> String {
        if self.line == 0 {
            return String::new();
        }
        let gutter = self.line.to_string();
        let pad = " ".repeat(gutter.len());
        format!(
            "\n{pad} |\n{gutter} | {}\n{pad} | {}^",
            self.line_text,
            " ".repeat(self.caret_offset)
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}{}", self.location(), self.message, self.excerpt())
    }
}

impl std::error::Error for Diagnostic {}

/// Turn a TOML parse or type error into a diagnostic.
pub fn from_toml(file: &str, text: &str, err: &toml::de::Error) -> Diagnostic {
    // A few parser errors (the nesting limit) come without a place: point at the start rather
    // than at nothing, so every error names a line and column.
    let span = err.span().or(Some(0..0));
    Diagnostic::at(file, text, span, err.message().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_character_after_chinese_text() {
        let text = "id = \"a\"\ntitle = \"三看\" x\n";
        let pos = text.find('x').unwrap();
        let d = Diagnostic::at("t.toml", text, Some(pos..pos + 1), "boom".into());
        assert_eq!((d.line, d.column), (2, 14));
        // `title = "三看" ` is 13 characters but 15 display cells wide.
        assert_eq!(d.caret_offset, 15);
        let shown = d.to_string();
        assert!(shown.starts_with("t.toml:2:14: boom"), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let caret_col = lines[3].find('^').unwrap();
        let x_col = lines[2].find('x').unwrap();
        // byte offsets differ, display columns agree
        assert_eq!(
            UnicodeWidthStr::width(&lines[3][..caret_col]),
            UnicodeWidthStr::width(&lines[2][..x_col])
        );
    }

    #[test]
    fn span_past_the_end_and_inside_a_character_does_not_panic() {
        let text = "a = \"政治\"";
        for i in 0..text.len() + 3 {
            let d = Diagnostic::at("f", text, Some(i..i + 1), "m".into());
            assert_eq!(d.line, 1);
        }
    }

    #[test]
    fn crlf_and_control_characters_are_not_printed_raw() {
        let text = "a = 1\r\nb = \u{1b}[31m\r\n";
        let pos = text.find('\u{1b}').unwrap();
        let d = Diagnostic::at("f", text, Some(pos..pos + 1), "m".into());
        assert_eq!(d.line, 2);
        assert!(!d.line_text.contains('\u{1b}') && !d.line_text.contains('\r'));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_with_the_caret_in_place() {
        let text = format!("text = \"{}错@{}\"", "长".repeat(5000), "尾".repeat(5000));
        let pos = text.find('@').unwrap();
        let d = Diagnostic::at("f", &text, Some(pos..pos + 1), "m".into());
        assert_eq!(d.column, 5000 + 10);
        assert!(d.line_text.chars().count() < 200);
        let before = d.line_text.find('@').unwrap();
        assert_eq!(
            UnicodeWidthStr::width(&d.line_text[..before]),
            d.caret_offset
        );
    }

    #[test]
    fn key_span_finds_top_level_keys_only() {
        let text = "format = 7\nid = \"a\"\n[t]\nversion = 1\n";
        assert_eq!(key_span(text, "id"), Some(16..19));
        assert_eq!(key_span(text, "version"), None);
        assert_eq!(key_span(text, "form"), None);
        // Quoted keys, and the key's text inside a multi-line string (found by fuzzing).
        assert_eq!(key_span("\"format\"=2", "format"), Some(9..10));
        assert_eq!(key_span("'format' = 0\n", "format"), Some(11..12));
        let text = "inspector = \"\"\"\nformat = 5\n[\n\"\"\"\nformat = 0\n";
        let span = key_span(text, "format").unwrap();
        assert_eq!(&text[span.clone()], "0");
        assert_eq!(text[..span.start].matches('\n').count(), 4);
    }

    #[test]
    fn no_span_means_no_position() {
        let d = Diagnostic::whole_file("f.toml", "empty".into());
        assert_eq!(d.to_string(), "f.toml: empty");
    }
}
