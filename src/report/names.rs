//! Names inside a reference written as a phrase: `与院办主任王建国个别谈话` names 王建国 although
//! nothing separates it from the words around it. The name check of the feedback version
//! (`feedback::check_names`) looks for these too.
//!
//! Chinese has no spaces, so a name is found by where names stand in such phrases: at the start
//! of a run of Chinese characters or after 与/同/跟/对 there, right after a title or role
//! (主任王建国), right before one (王建国主任), and at the end of a run (座谈：王建国); and by what a
//! name is: a common surname ([`super::feedback::SURNAMES`]) and one or two characters more. A
//! surname right before a title (王主任) names someone too. What the catalog's own texts contain
//! (谈话, 党委, 师生) is a word, not a name, and is dropped ([`words_of`]).
//!
//! This is deliberately generous: a word taken for a name only makes the feedback version
//! refuse with the text named, to be reworded; a name missed reaches the inspected unit.

use aho_corasick::AhoCorasick;

use super::feedback::SURNAMES;
use crate::model::Catalog;

/// Titles and roles a name stands next to in a reference (the longer first where one contains
/// another, so 副院长 is found before 院长).
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

/// Words that open a phrase before the person it is with: 与王建国谈话.
const OPENERS: &[char] = &['与', '同', '跟', '对', '找', '约'];

/// A Chinese character (the CJK unified ideographs and extension A).
fn han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The names a phrase may hold, before the catalog's words are dropped: each distinct, two or
/// three characters (a surname and a given name), or a surname and a title (王主任).
pub fn phrase_names(reference: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |cs: &[char]| {
        if cs.first().is_some_and(|c| SURNAMES.contains(*c)) && !cs.contains(&'某') {
            let s: String = cs.iter().collect();
            if !out.contains(&s) {
                out.push(s);
            }
        }
    };
    let chars: Vec<char> = reference.chars().collect();
    for run in chars.split(|c| !han(*c)).filter(|r| r.len() >= 2) {
        let mut starts = vec![0];
        let mut ends = vec![run.len()];
        if run.first().is_some_and(|c| OPENERS.contains(c)) {
            starts.push(1);
        }
        let mut i = 0;
        while i < run.len() {
            match TITLES
                .iter()
                .find(|t| starts_with(run.get(i..).unwrap_or_default(), t))
            {
                Some(title) => {
                    let n = title.chars().count();
                    ends.push(i);
                    starts.push(i + n);
                    // 王主任: a surname right before the title
                    if let Some(s) = i.checked_sub(1) {
                        add(run.get(s..i + n).unwrap_or_default());
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        for &s in &starts {
            for n in 2..=3 {
                if let Some(w) = run.get(s..s + n) {
                    add(w);
                }
            }
        }
        for &e in &ends {
            for n in 2..=3 {
                if let Some(w) = e.checked_sub(n).and_then(|s| run.get(s..e)) {
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

/// The candidates of `names` that are words of the catalog's texts (titles, descriptions,
/// bases, items' text, guide and note): `true` for each such word, in the order given.
pub fn words_of(catalog: &Catalog, names: &[String]) -> Vec<bool> {
    let mut found = vec![false; names.len()];
    let Ok(automaton) = AhoCorasick::new(names) else {
        // Cannot happen for a few thousand short patterns; keeping every candidate is the
        // safe side.
        return found;
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
                if let Some(f) = found.get_mut(m.pattern().as_usize()) {
                    *f = true;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(reference: &str, name: &str) -> bool {
        phrase_names(reference).iter().any(|n| n == name)
    }

    #[test]
    fn a_name_is_found_where_names_stand_in_a_phrase() {
        assert!(has("与院办主任王建国个别谈话", "王建国"));
        assert!(has("院办王建国主任", "王建国"));
        assert!(has("王建国个别谈话", "王建国"));
        assert!(has("与王建国谈话", "王建国"));
        assert!(has("座谈对象李明", "李明"));
        assert!(has("学生代表张三", "张三"));
        assert!(has("院办王主任", "王主任"));
        assert!(has("计财处副处长欧阳明", "欧阳明"));
        // a surname-and-某 is the existing check's (`surname_names`)
        assert!(
            !phrase_names("学院党委书记周某")
                .iter()
                .any(|n| n.contains('某'))
        );
    }

    #[test]
    fn the_catalogs_words_are_not_names() {
        let catalog = crate::testing::builtin_catalog();
        let names: Vec<String> = ["谈话", "党委", "王建国", "师生"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(words_of(&catalog, &names), [true, true, false, true]);
    }
}
