//! Names inside a reference written as a phrase: `与院办主任王建国个别谈话` names 王建国 although
//! nothing separates it from the words around it. The name check of the feedback version
//! (`feedback::check_names`) looks for these too.
//!
//! Chinese has no spaces, so a name is found by what it is: a surname
//! ([`super::feedback::SURNAMES`], not the 于 of 关于) and one or two characters more, anywhere in
//! a run of Chinese characters; and a surname right before a title or role (王主任). What the
//! catalog's own texts hold (谈话, 党委, 师生, 院长) is a word, not a name, and is dropped.
//!
//! This is deliberately generous: a word taken for a name only makes the feedback version
//! refuse with the text named, to be reworded; a name missed reaches the inspected unit.

use aho_corasick::AhoCorasick;

use super::feedback::SURNAMES;
use crate::model::Catalog;

/// Titles and roles that follow a surname in a name said with respect (王主任; the longer first
/// where one contains another, so 副院长 is found before 院长).
const TITLES: &[&str] = &[
    "副主任",
    "主任",
    "副书记",
    "书记",
    "支书",
    "副院长",
    "院长",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "副部长",
    "部长",
    "副校长",
    "校长",
    "所长",
    "馆长",
    "主席",
    "委员",
    "副教授",
    "教授",
    "讲师",
    "老师",
    "教师",
    "研究员",
    "辅导员",
    "同志",
    "干事",
    "秘书",
    "会计",
    "出纳",
    "经理",
    "主管",
    "代表",
    "组长",
    "负责人",
    "工作人员",
    "助理",
    "专员",
    "班主任",
    "师傅",
    "职员",
    "先生",
    "女士",
];

/// A Chinese character (the CJK unified ideographs and extension A).
fn han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Characters after which 于 is the end of a word (关于, 对于, 敢于 …), not a surname: 关于新 holds
/// no 于新, 敢于亮剑 no 于亮.
const YU_ENDS: &str = "关对由属等敢善勇在至基鉴便易过终处位用趋忠乐归限高低大小多少晚早免甘陷";

/// Last characters of the name of a body (处, 科, 院, 办 …).
const BODY_ENDS: &str = "处科部院办室会组局厅校系所馆队站团委司厂";

/// Whether the character at `i` of `cs` may start a name: a surname, and not the 于 of 关于.
fn starts_name(cs: &[char], i: usize) -> bool {
    let Some(&c) = cs.get(i) else {
        return false;
    };
    SURNAMES.contains(c)
        && !(c == '于'
            && i.checked_sub(1)
                .and_then(|j| cs.get(j))
                .is_some_and(|p| YU_ENDS.contains(*p)))
}

/// The names a phrase may hold, before the catalog's words are dropped, each distinct: a
/// surname and one or two characters more anywhere in a run of Chinese characters, where names
/// stand (after an opener or a marker, next to a title) as well as elsewhere; and a surname
/// right before a title (王主任).
pub fn phrase_names(reference: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |cs: &[char]| {
        if !cs.contains(&'某') {
            let s: String = cs.iter().collect();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    };
    let chars: Vec<char> = reference.chars().collect();
    for run in chars.split(|c| !han(*c)).filter(|r| r.len() >= 2) {
        let mut i = 0;
        while i < run.len() {
            match TITLES
                .iter()
                .find(|t| starts_with(run.get(i..).unwrap_or_default(), t))
            {
                Some(title) => {
                    let n = title.chars().count();
                    // 王主任: a surname right before the title
                    if let Some(s) = i.checked_sub(1).filter(|&s| starts_name(run, s)) {
                        add(run.get(s..i + n).unwrap_or_default());
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        for n in 2..=3 {
            for (s, w) in run.windows(n).enumerate() {
                // 管理处, 保卫处: three characters ending as a body's name ends are a body
                // (the name in it, 王建 of 王建科, is still taken as two)
                let body = n == 3 && w.last().is_some_and(|c| BODY_ENDS.contains(*c));
                if starts_name(run, s) && !body {
                    add(w);
                }
            }
        }
    }
    out
}

fn starts_with(cs: &[char], word: &str) -> bool {
    let mut it = cs.iter();
    word.chars().all(|w| it.next() == Some(&w))
}

/// How often each of `names` occurs in the catalog's texts (titles, descriptions, bases,
/// section titles, items' text, guide and note), in the order given.
pub fn catalog_counts(catalog: &Catalog, names: &[&str]) -> Vec<usize> {
    let mut counts = vec![0; names.len()];
    let Ok(automaton) = AhoCorasick::new(names) else {
        // Cannot happen for a few thousand short patterns; no candidate is then a word,
        // which keeps every one: the safe side.
        return counts;
    };
    for t in catalog.templates() {
        let items = t.sections.iter().flat_map(|s| {
            std::iter::once(s.title.as_str()).chain(
                s.items
                    .iter()
                    .flat_map(|i| [i.text.as_str(), i.guide.as_str(), i.note.as_str()]),
            )
        });
        let texts = [t.title.as_str(), t.description.as_str()]
            .into_iter()
            .chain(t.basis.iter().map(String::as_str))
            .chain(items);
        for text in texts {
            for m in automaton.find_overlapping_iter(text) {
                // the 于 of 关于 starts no word here either
                let after_yu_end = text.get(m.start()..).is_some_and(|t| t.starts_with('于'))
                    && text
                        .get(..m.start())
                        .and_then(|t| t.chars().next_back())
                        .is_some_and(|p| YU_ENDS.contains(p));
                if let Some(c) = counts
                    .get_mut(m.pattern().as_usize())
                    .filter(|_| !after_yu_end)
                {
                    *c += 1;
                }
            }
        }
    }
    counts
}

/// The candidates of `names` that are names: those the catalog's texts never hold.
pub fn names_not_words(catalog: &Catalog, names: Vec<String>) -> Vec<String> {
    let texts: Vec<&str> = names.iter().map(String::as_str).collect();
    let counts = catalog_counts(catalog, &texts);
    names
        .into_iter()
        .zip(counts)
        .filter(|(_, count)| *count == 0)
        .map(|(name, _)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `reference` yields once the built-in catalog's words are dropped.
    fn names(reference: &str) -> Vec<String> {
        names_not_words(&crate::testing::builtin_catalog(), phrase_names(reference))
    }

    fn has(reference: &str, name: &str) -> bool {
        names(reference).iter().any(|n| n == name)
    }

    #[test]
    fn a_name_is_found_wherever_it_stands_in_a_phrase() {
        for (reference, name) in [
            ("与院办主任王建国个别谈话", "王建国"),
            ("院办王建国主任", "王建国"),
            ("王建国个别谈话", "王建国"),
            ("与王建国谈话", "王建国"),
            ("座谈对象李明", "李明"),
            ("学生代表张三", "张三"),
            ("院办王主任", "王主任"),
            ("计财处副处长欧阳明", "欧阳明"),
            // between ordinary words, with no title or opener
            ("与学生王明谈话", "王明"),
            ("与院办王建国个别谈话", "王建国"),
            ("教务处王建国访谈", "王建国"),
            // surnames beyond the most common hundred
            ("与院办主任洪涛谈话", "洪涛"),
            ("阎立新反映", "阎立新"),
            // in a standing place, a name the catalog's text holds once by chance
            ("约谈于新", "于新"),
            ("与于亮同志谈话", "于亮"),
        ] {
            assert!(has(reference, name), "{reference}: {:?}", names(reference));
        }
        // a surname-and-某 is the existing check's (`surname_names`)
        assert!(
            !phrase_names("学院党委书记周某")
                .iter()
                .any(|n| n.contains('某'))
        );
        // the 于 of 关于 starts no name
        assert!(
            !phrase_names("关于新规定的座谈")
                .iter()
                .any(|n| n.starts_with('于'))
        );
    }

    #[test]
    fn the_catalogs_words_are_not_names() {
        for (reference, word) in [
            ("与学院党委书记（周某）个别谈话", "党委"),
            ("与学院党委书记（周某）个别谈话", "谈话"),
            ("师生座谈会", "师生"),
            ("院长办公会参会人员", "院长"),
        ] {
            assert!(!has(reference, word), "{reference}: {:?}", names(reference));
        }
    }
}
