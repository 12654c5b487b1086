//! The search of the inspect screen: a query is one or more words separated by spaces, and a
//! text set matches when every word is found in one of its texts (all words must match, each
//! anywhere). A word is found either as it is (case-insensitive) or, when it is made of ASCII
//! letters, as the pinyin initials of a run of Chinese characters: `zzjl` finds 政治纪律,
//! `dwh` finds 党委会. A polyphonic character matches any of its readings (行 is `x` of xíng and
//! `h` of háng), from the `pinyin` crate's heteronym table.

use std::ops::Range;

/// A parsed search: its words, lowercased. Empty when the line holds only spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// Split `line` at white space (ASCII and the full-width `　` an input method types).
    pub fn parse(line: &str) -> Query {
        Query {
            words: line.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// No words: everything matches, nothing is highlighted.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, lowercased, in the order typed.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Every word is found in at least one of `texts` (not necessarily the same one).
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str> + Clone) -> bool {
        self.words
            .iter()
            .all(|w| texts.clone().into_iter().any(|t| word_in(w, t)))
    }

    /// The byte ranges of `text` that some word matches, sorted and merged, for highlighting.
    /// Every range starts and ends on a character boundary of `text`.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for w in &self.words {
            out.extend(word_ranges(w, text));
        }
        out.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in out {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// `word` (lowercase) is in `text`, as it is or as pinyin initials.
fn word_in(word: &str, text: &str) -> bool {
    text.to_lowercase().contains(word) || !initials_at(word, text).is_empty()
}

/// Where `word` (lowercase) matches in `text`: literal matches (case-insensitive, by
/// characters, so lowercasing that changes a byte length cannot misplace them) and pinyin
/// initial matches.
fn word_ranges(word: &str, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let wanted: Vec<char> = word.chars().collect();
    if wanted.is_empty() {
        return out;
    }
    for start in 0..chars.len() {
        let mut k = 0;
        let mut i = start;
        while k < wanted.len() && i < chars.len() {
            let mut lower = chars[i].1.to_lowercase();
            let one = lower.next();
            if one != Some(wanted[k]) || lower.next().is_some() {
                break;
            }
            k += 1;
            i += 1;
        }
        if k == wanted.len() {
            out.push(chars[start].0..end_of(&chars, i, text));
        }
    }
    out.extend(initials_at(word, text));
    out
}

fn end_of(chars: &[(usize, char)], i: usize, text: &str) -> usize {
    chars.get(i).map_or(text.len(), |c| c.0)
}

/// The letters a character can start with: the first letter of each of its readings for a
/// Chinese character, itself lowercased for an ASCII letter or digit, none otherwise.
fn letters(c: char) -> Vec<char> {
    use pinyin::ToPinyinMulti;
    if c.is_ascii_alphanumeric() {
        return vec![c.to_ascii_lowercase()];
    }
    let mut out: Vec<char> = c
        .to_pinyin_multi()
        .into_iter()
        .flatten()
        .filter_map(|p| p.first_letter().chars().next())
        .collect();
    out.dedup();
    out
}

/// The runs of `text` whose characters' initials spell `word`, as byte ranges. Only words of
/// ASCII letters are read as initials, and a run must hold at least one Chinese character (so
/// plain letters are left to the literal match).
fn initials_at(word: &str, text: &str) -> Vec<Range<usize>> {
    if word.is_empty() || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let chars: Vec<(usize, char, Vec<char>)> = text
        .char_indices()
        .map(|(i, c)| (i, c, letters(c)))
        .collect();
    let wanted: Vec<char> = word.chars().collect();
    let n = wanted.len();
    let mut out = Vec::new();
    for start in 0..chars.len().saturating_sub(n - 1) {
        let run = &chars[start..start + n];
        if run.iter().zip(&wanted).all(|(c, w)| c.2.contains(w))
            && run.iter().any(|c| !c.1.is_ascii())
        {
            let end = chars.get(start + n).map_or(text.len(), |c| c.0);
            out.push(chars[start].0..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_words_must_match_each_anywhere() {
        let q = Query::parse("三重一大  决策");
        assert_eq!(q.words(), ["三重一大", "决策"]);
        assert!(q.matches(["“三重一大”事项集体决策"]));
        assert!(
            q.matches(["三重一大", "会议决策记录"]),
            "words may be in different texts"
        );
        assert!(!q.matches(["三重一大事项"]), "one word missing");
    }

    #[test]
    fn full_width_space_separates_words() {
        assert_eq!(Query::parse("党委　会议").words(), ["党委", "会议"]);
    }

    #[test]
    fn empty_query_matches_everything() {
        let q = Query::parse("   ");
        assert!(q.is_empty());
        assert!(q.matches(["任何"]));
        assert!(q.ranges("任何").is_empty());
    }

    #[test]
    fn pinyin_initials_find_chinese() {
        assert!(Query::parse("zzjl").matches(["严守政治纪律和政治规矩"]));
        assert!(Query::parse("dwh").matches(["党委会议事规则"]));
        assert!(
            Query::parse("DWH").matches(["党委会议事规则"]),
            "case does not matter"
        );
        assert!(!Query::parse("zzjx").matches(["政治纪律"]));
    }

    #[test]
    fn a_polyphonic_character_matches_any_reading() {
        // 行 is xíng (执行) and háng (银行); 重 is zhòng and chóng.
        assert!(Query::parse("zx").matches(["执行"]));
        assert!(Query::parse("yh").matches(["银行"]));
        assert!(Query::parse("cf").matches(["重复"]));
        assert!(Query::parse("zd").matches(["重大"]));
    }

    #[test]
    fn initials_need_a_chinese_character() {
        // Plain ASCII is matched literally only: `ab` does not find "a-b".
        assert!(!Query::parse("ab").matches(["a-b"]));
        assert!(Query::parse("ab").matches(["cab"]));
    }

    #[test]
    fn ranges_cover_literal_and_initial_matches() {
        let text = "政治纪律与三重一大";
        let q = Query::parse("zzjl 一大");
        let r = q.ranges(text);
        assert_eq!(r.len(), 2);
        assert_eq!(&text[r[0].clone()], "政治纪律");
        assert_eq!(&text[r[1].clone()], "一大");
    }

    #[test]
    fn ranges_merge_overlaps_and_keep_char_boundaries() {
        let text = "İstanbul党委会";
        let q = Query::parse("stan dwh 党委");
        for r in q.ranges(text) {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        let r = q.ranges(text);
        assert_eq!(&text[r[r.len() - 1].clone()], "党委会");
    }
}
