//! What the documents say beyond the problems: the unit's party organisation, the opening with
//! the work counted from the sources, the problems grouped and ordered, joined sentences.

use std::collections::{BTreeSet, HashSet};

use docx_rs::Paragraph;

use super::page::{date, flush, h1, h2, para, title};
use crate::i18n::Lang;
use crate::model::review::{Entry, FindingRow, Grouping};
use crate::model::{Record, SourceKind};
use crate::report::Input;

/// `计算机学院党委`: the unit's party organisation, unless its name already says it.
pub(super) fn party_org(unit: &str) -> String {
    if ["党委", "党总支", "党支部", "党组"]
        .iter()
        .any(|s| unit.ends_with(s))
    {
        unit.to_string()
    } else {
        format!("{unit}党委")
    }
}

/// The words that set a draft's head and its 二 apart.
pub(super) struct Draft<'s> {
    /// 「关于对××党委巡察情况的报告」.
    pub title: &'s str,
    /// 主送, without the colon.
    pub to: &'s str,
    /// The opening's last sentence (「现将巡察情况报告如下：」).
    pub closing: &'s str,
    /// The heading of 一 and the placeholder the leader replaces.
    pub assessment: (&'s str, &'s str),
    /// What 二 says when there is no problem to write.
    pub none: &'s str,
}

/// The head of a draft of unit `ui` and its 二、发现的主要问题: the title, 主送, the opening,
/// 一 with the leader's placeholder, then `entries` of the unit grouped by 三大问题 under
/// 「（一）」…, each written by `problem` with its index in [`crate::model::Review::entries`]
/// and its number within the group.
pub(super) fn head_and_problems(
    input: &Input<'_>,
    ui: usize,
    draft: &Draft<'_>,
    entries: Vec<usize>,
    mut problem: impl FnMut(usize, &Entry, usize, &mut Vec<Paragraph>),
) -> Vec<Paragraph> {
    let (heading, placeholder) = draft.assessment;
    let mut ps = vec![
        title(draft.title),
        flush(""),
        flush(&format!("{}：", draft.to)).keep_next(true),
        para(None, &opening(input, ui, draft.closing)),
        h1(1, heading),
        para(None, placeholder),
        h1(2, "发现的主要问题"),
    ];
    let groups = grouped(input, ui, entries);
    if groups.is_empty() {
        ps.push(para(None, draft.none));
    }
    for (gi, (label, list)) in groups.iter().enumerate() {
        ps.push(h2(gi + 1, label));
        for (n, &ei) in list.iter().enumerate() {
            if let Some(e) = input.review.entries.get(ei) {
                problem(ei, e, n + 1, &mut ps);
            }
        }
    }
    ps
}

/// The work done, counted from the sources of the unit's records: a source entered by two
/// inspectors (the same kind and private reference) counts once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCounts {
    /// 个别谈话 人次
    pub interviews: usize,
    /// 座谈会 场
    pub forums: usize,
    /// 列席会议 次
    pub sit_ins: usize,
    /// 调阅资料 份
    pub documents: usize,
    /// 民主测评/问卷 份
    pub surveys: usize,
    /// 受理信访/反映线索 件
    pub clues: usize,
    /// 实地查看 处
    pub site_visits: usize,
}

impl WorkCounts {
    /// Counted over `records`.
    pub fn of<'a>(records: impl IntoIterator<Item = &'a Record>) -> WorkCounts {
        let mut seen: HashSet<(SourceKind, &str)> = HashSet::new();
        let mut c = WorkCounts::default();
        for r in records {
            for s in &r.sources {
                let reference = s.reference.trim();
                if !reference.is_empty() && !seen.insert((s.kind, reference)) {
                    continue;
                }
                match s.kind {
                    SourceKind::Interview => c.interviews += 1,
                    SourceKind::Forum => c.forums += 1,
                    SourceKind::SitIn => c.sit_ins += 1,
                    SourceKind::Documents => c.documents += 1,
                    SourceKind::Survey => c.surveys += 1,
                    SourceKind::Clue => c.clues += 1,
                    SourceKind::SiteVisit => c.site_visits += 1,
                    _ => {}
                }
            }
        }
        c
    }

    /// 「个别谈话 12 人次，召开座谈会 2 场，……」: the kinds with at least one.
    pub fn sentence(&self) -> String {
        let parts: Vec<String> = [
            (self.interviews, "个别谈话", "人次"),
            (self.forums, "召开座谈会", "场"),
            (self.sit_ins, "列席会议", "次"),
            (self.documents, "调阅资料", "份"),
            (self.surveys, "开展民主测评/问卷", "份"),
            (self.clues, "受理信访/反映线索", "件"),
            (self.site_visits, "实地查看", "处"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, what, unit)| format!("{what}{n}{unit}"))
        .collect();
        parts.join("，")
    }
}

/// The records of unit `ui`.
fn unit_records<'b>(input: &'b Input<'_>, ui: usize) -> Vec<&'b Record> {
    input
        .review
        .units
        .get(ui)
        .map(|u| {
            u.records
                .iter()
                .filter_map(|&ri| input.record(input.review.records.get(ri)?.index))
                .collect()
        })
        .unwrap_or_default()
}

/// 「根据……，第一巡察组于2026年11月3日至11月28日对计算机学院党委开展了巡察。」 and the work done.
fn opening(input: &Input<'_>, ui: usize, closing: &str) -> String {
    let records = unit_records(input, ui);
    let unit = input
        .review
        .units
        .get(ui)
        .map(|u| party_org(&u.key.unit))
        .unwrap_or_default();
    let groups: BTreeSet<&str> = records
        .iter()
        .map(|r| r.group.trim())
        .filter(|g| !g.is_empty())
        .collect();
    let who = if groups.is_empty() {
        "巡察组".to_string()
    } else {
        groups.into_iter().collect::<Vec<_>>().join("、")
    };
    let first = records.iter().map(|r| r.created).min();
    let last = records.iter().map(|r| r.updated).max();
    let when = match (first, last) {
        (Some(a), Some(b)) if date(a) == date(b) => format!("于{}", date(a)),
        (Some(a), Some(b)) => format!("于{}至{}", date(a), date(b)),
        _ => String::new(),
    };
    let counts = WorkCounts::of(records.iter().copied()).sentence();
    let mut out = format!("根据校党委巡察工作统一部署，{who}{when}对{unit}开展了巡察。");
    if !counts.is_empty() {
        out.push_str(&format!("巡察期间，{counts}。"));
    }
    out.push_str(closing);
    out
}

/// Entries of unit `ui`, grouped by 三大问题, each group ordered by how many inspectors found
/// it (most first; ties in catalog order).
fn grouped(input: &Input<'_>, ui: usize, entries: Vec<usize>) -> Vec<(String, Vec<usize>)> {
    let review = &input.review;
    let of_unit = entries
        .into_iter()
        .filter(|&ei| review.entries.get(ei).is_some_and(|e| e.unit == ui));
    review
        .group_entries(of_unit, Grouping::Category)
        .into_iter()
        .map(|g| {
            let mut list = g.findings;
            list.sort_by_key(|&ei| {
                std::cmp::Reverse(review.entries.get(ei).map_or(0, |e| inspectors(input, e)))
            });
            let label = g.key.label(Lang::Zh);
            (format!("{label}方面"), list)
        })
        .collect()
}

/// How many inspectors found `e`.
fn inspectors(input: &Input<'_>, e: &Entry) -> usize {
    let mut names: Vec<&str> = e
        .findings
        .iter()
        .filter_map(|&i| input.review.findings.get(i))
        .filter_map(|f| input.review.records.get(f.record))
        .map(|r| r.inspector.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

pub(super) fn rows<'b>(input: &'b Input<'_>, e: &Entry) -> Vec<&'b FindingRow> {
    e.findings
        .iter()
        .filter_map(|&i| input.review.findings.get(i))
        .collect()
}

pub(super) fn distinct<'b>(values: impl IntoIterator<Item = &'b str>) -> Vec<&'b str> {
    let mut out: Vec<&str> = Vec::new();
    for v in values.into_iter().map(str::trim).filter(|v| !v.is_empty()) {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Join sentences, each ending in a full stop.
pub(super) fn sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        out.push_str(p.trim_end_matches(['。', '；', ';', '.']));
        out.push('。');
    }
    out
}
