//! Text measured by display width: Chinese characters take two terminal cells. Everything here
//! works on grapheme clusters (`unicode-segmentation`), so a flag, an emoji joined with ZWJ or
//! a letter with its combining marks is never cut apart, and measures each cluster as ratatui's
//! buffer does (`CellWidth`), so what fits here fits on screen.

use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Width of one grapheme cluster in terminal cells, as ratatui's buffer counts it. A control
/// character counts as the space it is shown as (see [`clean`]).
pub fn grapheme_width(g: &str) -> usize {
    usize::from(clean(g).cell_width())
}

/// `s` with every control character (line breaks, tabs, escapes) replaced by a space, so it
/// cannot move the terminal's cursor.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Cut `s` to at most `max` cells, ending with `..` when something was cut. Never splits a
/// grapheme cluster; control characters are shown as spaces so they cannot move the cursor.
pub fn truncate(s: &str, max: usize) -> String {
    let clean = clean(s);
    if clean.width() <= max && clean.graphemes(true).map(grapheme_width).sum::<usize>() <= max {
        return clean.into_owned();
    }
    let budget = max.saturating_sub(2);
    let mut out = String::new();
    let mut used = 0;
    for g in clean.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
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

/// Punctuation that never starts a line (行首禁则 of 避头尾, GB/T 15834 and the W3C
/// "Requirements for Chinese Text Layout" §3.1.7): closing brackets and quotes, pause and stop
/// marks, the ellipsis, and their ASCII counterparts.
pub fn is_closing(g: &str) -> bool {
    let mut chars = g.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '”'
            | '’'
            | '…'
            | '‥'
            | '·'
            | '％'
            | '．'
            | '～'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Punctuation that never ends a line (行尾禁则): opening brackets and quotes.
pub fn is_opening(g: &str) -> bool {
    matches!(
        g.chars().next(),
        Some('（' | '「' | '『' | '《' | '〈' | '【' | '〔' | '〖' | '“' | '‘' | '(' | '[' | '{')
    )
}

/// Where `s` (one line of text, without line breaks) is cut into lines of at most `width`
/// cells: byte ranges that together cover `s` exactly, in order.
///
/// Breaks go where Unicode line breaking (UAX #14, `unicode-linebreak`) allows one — after a
/// space, between two Chinese characters, never inside an ASCII word, a number or before a
/// closing mark — at the last such place that fits. A run with no such place that does not fit
/// (a long ASCII word, a URL) is cut between grapheme clusters. Every cut obeys 避头尾: no line
/// but the first starts with closing punctuation ([`is_closing`]), none ends with opening
/// punctuation ([`is_opening`]), pulling the character before onto the next line when needed;
/// only a run of nothing but such punctuation wider than `width` is cut regardless. A cluster
/// wider than `width` gets a line of its own. The lines keep the text's spaces: a space at a
/// break stays at the end of the line when it fits, else it starts the next line.
pub fn wrap(s: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let allowed: Vec<usize> = unicode_linebreak::linebreaks(s)
        .map(|(i, _)| i)
        .filter(|&i| i < s.len())
        .collect();
    let clusters: Vec<(usize, &str, usize)> = s
        .grapheme_indices(true)
        .map(|(i, g)| (i, g, grapheme_width(g)))
        .collect();
    let mut lines = Vec::new();
    let mut start = 0; // index into clusters of the current line's first cluster
    let mut used = 0;
    let mut i = 0;
    while i < clusters.len() {
        let w = clusters[i].2;
        if used + w <= width || i == start {
            used += w;
            i += 1;
            continue;
        }
        // Cluster `i` does not fit: cut before some cluster in start+1..=i.
        let cut = cut_at(&clusters, &allowed, start, i);
        lines.push(clusters[start].0..clusters[cut].0);
        start = cut;
        used = clusters[start..i].iter().map(|c| c.2).sum();
        // The clusters carried over may themselves not fit (a wide cluster at a narrow width).
        while used > width && i > start + 1 {
            let cut = cut_at(&clusters, &allowed, start, i - 1);
            lines.push(clusters[start].0..clusters[cut].0);
            start = cut;
            used = clusters[start..i].iter().map(|c| c.2).sum();
        }
    }
    lines.push(clusters.get(start).map_or(s.len(), |c| c.0)..s.len());
    lines
}

/// The cluster to start the next line with, in `start + 1 ..= next`, for a line from `start`
/// that cannot take cluster `next`.
fn cut_at(
    clusters: &[(usize, &str, usize)],
    allowed: &[usize],
    start: usize,
    next: usize,
) -> usize {
    let kinsoku_ok = |k: usize| !is_closing(clusters[k].1) && !is_opening(clusters[k - 1].1);
    let blank = |k: usize| clusters[k].1.chars().all(char::is_whitespace);
    // A line that is not only spaces.
    let has_text = |k: usize| clusters[start..k].iter().any(|c| !blank_str(c.1));
    let candidates = (start + 1..=next).rev();
    // 1. Where line breaking allows it.
    for k in candidates.clone() {
        if allowed.binary_search(&clusters[k].0).is_ok() && kinsoku_ok(k) && has_text(k) {
            return k;
        }
    }
    // 2. Between any two clusters, 避头尾 kept; a space that does not fit starts the next line.
    for k in candidates.clone() {
        if kinsoku_ok(k) && (has_text(k) || blank(k)) {
            return k;
        }
    }
    // 3. Even if that leaves a line of nothing but spaces.
    for k in candidates {
        if kinsoku_ok(k) {
            return k;
        }
    }
    // 4. Only punctuation that may not be cut: cut where it overflows.
    next
}

fn blank_str(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
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
    #[test]
    fn truncation_never_splits_a_grapheme_cluster() {
        // A flag, a family joined with ZWJ, a letter with two combining marks.
        for s in [
            "🇨🇳🇨🇳🇨🇳",
            "👩‍👩‍👧👩‍👩‍👧",
            "e\u{301}\u{302}e\u{301}\u{302}e\u{301}\u{302}x",
        ] {
            for max in 0..8 {
                let cut = truncate(s, max);
                let kept = cut.trim_end_matches("..");
                assert!(s.starts_with(kept), "{s:?} at {max}: {cut:?}");
                let clusters: Vec<&str> = s.graphemes(true).collect();
                let kept_clusters: Vec<&str> = kept.graphemes(true).collect();
                assert_eq!(&clusters[..kept_clusters.len()], &kept_clusters[..]);
                assert!(width(&cut) <= max.max(2), "{s:?} at {max}: {cut:?}");
            }
        }
        assert_eq!(truncate("🇨🇳🇨🇳🇨🇳", 5), "🇨🇳..");
    }

    fn lines(s: &str, w: usize) -> Vec<&str> {
        wrap(s, w).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn wrap_keeps_closing_punctuation_off_the_start_of_a_line() {
        // Without 避头尾 the comma would start the second line.
        assert_eq!(
            lines("巡察组进驻，开展谈话", 10),
            ["巡察组进", "驻，开展谈", "话"]
        );
        assert_eq!(lines("一二三四五。", 10), ["一二三四", "五。"]);
        // An opening bracket goes with what it opens.
        assert_eq!(lines("一二三四（五）", 10), ["一二三四", "（五）"]);
    }

    #[test]
    fn wrap_breaks_after_spaces_and_keeps_words_whole() {
        assert_eq!(
            lines("some English words", 10),
            ["some ", "English ", "words"]
        );
        assert_eq!(lines("averylongword", 5), ["avery", "longw", "ord"]);
        assert_eq!(lines("", 5).len(), 1);
        assert_eq!(
            lines("中文 and English", 6),
            ["中文 ", "and ", "Englis", "h"]
        );
    }

    #[test]
    fn wrap_never_splits_a_grapheme_cluster() {
        assert_eq!(lines("🇨🇳🇨🇳🇨🇳", 4), ["🇨🇳🇨🇳", "🇨🇳"]);
        assert_eq!(lines("👩‍👩‍👧👩‍👩‍👧", 3), ["👩‍👩‍👧", "👩‍👩‍👧"]);
        assert_eq!(lines("中", 1), ["中"]);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Text as it is typed into notes: words (Chinese, ASCII, emoji, combining marks) with
        /// at most one opening mark before and one closing mark after, spaces between some.
        fn text() -> impl Strategy<Value = String> {
            let word = prop::sample::select(vec![
                "巡察",
                "清单",
                "中央八项规定精神",
                "abc",
                "averyverylongword",
                "3.5",
                "😀",
                "👩‍💻",
                "🇨🇳",
                "e\u{301}",
                "a\u{308}\u{301}",
                "가",
                "x",
            ]);
            let open = prop::sample::select(vec!["", "", "（", "「", "《", "“", "("]);
            let close = prop::sample::select(vec![
                "", "", "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "…", ",",
                ".", ")", "!", "?",
            ]);
            let gap = prop::sample::select(vec!["", "", " "]);
            prop::collection::vec((open, word, close, gap), 0..30).prop_map(|items| {
                items
                    .into_iter()
                    .map(|(o, w, c, g)| format!("{o}{w}{c}{g}"))
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn wrapped_lines_fit_keep_clusters_and_keep_kinsoku(s in text(), w in 6usize..40) {
                let ranges = wrap(&s, w);
                // Concatenation gives back the text.
                let joined: String = ranges.iter().map(|r| &s[r.clone()]).collect();
                prop_assert_eq!(&joined, &s);
                let clusters: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
                for (n, r) in ranges.iter().enumerate() {
                    let line = &s[r.clone()];
                    let cells: usize = line.graphemes(true).map(grapheme_width).sum();
                    prop_assert!(cells <= w, "line {} {:?} is {} cells wide", n, line, cells);
                    // Every cut is between two grapheme clusters.
                    prop_assert!(r.start == s.len() || clusters.binary_search(&r.start).is_ok());
                    if n > 0 {
                        let first = line.graphemes(true).next().unwrap_or_default();
                        prop_assert!(!is_closing(first), "line {} {:?} starts with {:?}", n, line, first);
                    }
                    if n + 1 < ranges.len() {
                        let last = line.graphemes(true).next_back().unwrap_or_default();
                        prop_assert!(!is_opening(last), "line {} {:?} ends with {:?}", n, line, last);
                    }
                }
            }

            #[test]
            fn truncated_text_fits_and_is_a_prefix_of_whole_clusters(s in text(), w in 0usize..30) {
                let cut = truncate(&s, w);
                prop_assert!(cut.graphemes(true).map(grapheme_width).sum::<usize>() <= w.max(2));
                let kept = if cut == s { &cut[..] } else { cut.strip_suffix("..").unwrap_or(&cut) };
                prop_assert!(s.starts_with(kept));
                prop_assert!(kept.is_empty() || kept.len() == s.len()
                    || s.grapheme_indices(true).any(|(i, _)| i == kept.len()));
            }
        }
    }
}
