//! Text measured by display width: Chinese characters take two terminal cells.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cut `s` to at most `max` cells, ending with `..` when something was cut. Never splits a
/// character; control characters are shown as spaces so they cannot move the cursor.
pub fn truncate(s: &str, max: usize) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.width() <= max {
        return clean;
    }
    let budget = max.saturating_sub(2);
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    if max >= 2 {
        out.push_str("..");
    }
    out
}

/// `s` truncated to `width` cells and padded with spaces to exactly `width` cells.
pub fn pad(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Lay out rows as a plain-text table: every column as wide as its widest cell (up to `max`
/// cells), two spaces between columns, no trailing spaces.
pub fn table(rows: &[Vec<String>], max: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s).min(max))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| pad(cell, widths[i]))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_width_without_splitting_characters() {
        assert_eq!(truncate("中央八项规定精神", 7), "中央..");
        assert_eq!(width(&truncate("中央八项规定精神", 7)), 6);
        assert_eq!(truncate("短", 10), "短");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("a\u{1b}b", 5), "a b");
    }

    #[test]
    fn pads_chinese_to_the_same_width() {
        assert_eq!(pad("三看", 6), "三看  ");
        assert_eq!(width(&pad("政治纪律", 5)), 5);
    }

    #[test]
    fn table_columns_line_up_by_display_width() {
        let t = table(
            &[
                vec!["单位".into(), "x".into()],
                vec!["计算机学院".into(), "y".into()],
            ],
            40,
        );
        let lines: Vec<&str> = t.lines().collect();
        let col = |l: &str, ch: char| width(&l[..l.find(ch).unwrap()]);
        assert_eq!(col(lines[0], 'x'), col(lines[1], 'y'));
    }
}
