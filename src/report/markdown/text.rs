//! Markdown text: escaping what an inspector types, list items, pipe tables.

use std::fmt::Write as _;

/// End what came before with exactly one blank line.
pub(super) fn blank_line(out: &mut String) {
    while out.ends_with('\n') {
        out.pop();
    }
    out.push_str("\n\n");
}

pub(super) fn bullet(out: &mut String, text: &str, depth: usize) {
    let _ = writeln!(out, "{}- {text}", "  ".repeat(depth));
}

/// A pipe table; cells are already escaped.
pub(super) fn table(out: &mut String, rows: &[Vec<String>]) {
    let Some(head) = rows.first() else {
        return;
    };
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", line(head));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for row in &rows[1..] {
        let _ = writeln!(out, "{}", line(row));
    }
}

/// A table cell: no line breaks, no unescaped pipe.
fn cell(s: &str) -> String {
    let one_line = s.replace("\r\n", "\n").replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(one_line.len());
    let mut prev = '\0';
    for c in one_line.chars() {
        if c == '|' && prev != '\\' {
            out.push('\\');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Text inside a list item: escaped, line breaks kept as hard breaks indented by `indent`.
pub(super) fn inline(s: &str, indent: usize) -> String {
    let text = s.replace("\r\n", "\n").replace('\r', "\n");
    escape(&text).replace('\n', &format!("\\\n{}", " ".repeat(indent)))
}

/// Escape what Markdown would otherwise read as markup, so that text typed by an inspector is
/// shown as typed: the ASCII punctuation that means something inline, and list markers at the
/// start of a continuation line (text always follows a prefix of ours on its first line).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at_line_start = false;
    let mut digits = false;
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_line_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        digits = c.is_ascii_digit() && (at_line_start || digits);
        at_line_start = c == '\n' || (at_line_start && c == ' ');
    }
    out
}
