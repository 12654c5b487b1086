//! The order names are listed in: units, rounds, groups and inspectors sort as a Chinese reader
//! expects. Chinese characters sort by their pinyin (the `pinyin` crate, first reading, tone
//! marks left out), runs of ASCII digits by their value (`继续教育学院（7）` before `（10）`),
//! Latin letters without regard to case; ties are broken by the text itself, so the order is
//! total and stable.

use std::cmp::Ordering;

use pinyin::ToPinyin;

/// One piece of a sort key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// A run of ASCII digits: its value (leading zeros ignored), then its length so that `07`
    /// and `7` still differ.
    Number(String, usize),
    /// A character's reading: pinyin for a Chinese character, the lower-case letter otherwise.
    Text(String),
}

/// The sort key of `s`, see the module rules. Numbers sort before text at the same place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    parts: Vec<Part>,
    text: String,
}

/// The key `s` sorts by: compare two keys to compare the names.
pub fn sort_key(s: &str) -> SortKey {
    let mut parts = Vec::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, parts: &mut Vec<Part>| {
        if !digits.is_empty() {
            let value = digits.trim_start_matches('0');
            // the value as a string of its digits, led by its length: numeric order
            parts.push(Part::Number(
                format!("{:08}{value}", value.len()),
                digits.len(),
            ));
            digits.clear();
        }
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        flush(&mut digits, &mut parts);
        let reading = match c.to_pinyin() {
            Some(p) => p.plain().to_string(),
            None => c.to_lowercase().collect(),
        };
        parts.push(Part::Text(reading));
    }
    flush(&mut digits, &mut parts);
    SortKey {
        parts,
        text: s.to_string(),
    }
}

/// Compare two names by [`sort_key`].
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(&[
                "继续教育学院（10）",
                "继续教育学院（7）",
                "继续教育学院（100）"
            ]),
            [
                "继续教育学院（7）",
                "继续教育学院（10）",
                "继续教育学院（100）"
            ]
        );
        assert_eq!(
            sorted(&["第10轮", "第2轮", "第02轮"]),
            ["第2轮", "第02轮", "第10轮"]
        );
    }

    #[test]
    fn chinese_sorts_by_pinyin_not_by_code_point() {
        // code point order: 化 U+5316, 外 U+5916, 机 U+673A; pinyin: hua, ji, wai
        assert_eq!(
            sorted(&["外国语学院", "机械学院", "化学学院"]),
            ["化学学院", "机械学院", "外国语学院"]
        );
        // code point order: 人 U+4EBA, 保 U+4FDD, 档 U+6863, 资 U+8D44; pinyin: bao, dang, ren, zi
        assert_eq!(
            sorted(&["资产处", "人事处", "档案馆", "保卫处"]),
            ["保卫处", "档案馆", "人事处", "资产处"]
        );
    }

    #[test]
    fn latin_ignores_case_and_ties_are_stable() {
        assert_eq!(sorted(&["b组", "A组", "a组"]), ["A组", "a组", "b组"]);
        assert_eq!(compare("同名", "同名"), Ordering::Equal);
    }
}
