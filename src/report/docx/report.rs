//! The 巡察报告 (full version).

use docx_rs::{Docx, Paragraph};

use super::DocxOptions;
use super::content::{Draft, distinct, head_and_problems, party_org, rows, sentences};
use super::layout as gb;
use super::page::{add_all, exact, flush, h1, h3, h4, page, para, run, sign};
use crate::i18n::Lang;
use crate::model::Status;
use crate::model::review::Entry;
use crate::report::{Input, cite_note, note_text};

const PLACEHOLDER_ASSESSMENT: &str =
    "（此处由巡察组组长撰写：单位基本情况，简要肯定，政治生态判断，领导班子及主要负责人“画像”。）";
const PLACEHOLDER_SUGGESTIONS: &str =
    "（此处由巡察组组长撰写：针对上述问题提出的意见建议，应当对应问题、具体可操作。）";

/// The 巡察报告 of unit `ui`.
pub(super) fn report_document(input: &Input<'_>, ui: usize, d: &DocxOptions) -> Docx {
    let review = &input.review;
    let Some(unit) = review.units.get(ui) else {
        return page();
    };
    let org = party_org(&unit.key.unit);
    let draft = Draft {
        title: &format!("关于对{org}巡察情况的报告"),
        to: d.recipient.trim(),
        closing: "现将巡察情况报告如下：",
        assessment: ("基本情况和总体评价", PLACEHOLDER_ASSESSMENT),
        none: "巡察组未发现需要报告的问题。",
    };
    // clues (and anything about a leading cadre) go to 三 as counts, never with their details
    // into 二
    let problems: Vec<usize> = (0..review.entries.len())
        .filter(|&ei| {
            review.entries.get(ei).is_some_and(|e| {
                !rows(input, e)
                    .iter()
                    .any(|f| f.finding.transfer || f.finding.leading_cadre)
            })
        })
        .collect();
    let mut ps = head_and_problems(input, ui, &draft, problems, |_, e, n, ps| {
        full_problem(input, e, n, ps);
    });
    ps.push(h1(3, "问题线索情况"));
    let (clues, cadres, by_receiver) = clue_counts(input, ui);
    ps.push(para(
        None,
        &if clues == 0 {
            "巡察期间未发现需要移交的问题线索。".to_string()
        } else {
            let to: Vec<String> = by_receiver
                .iter()
                .map(|(body, n)| format!("{body}{n}件"))
                .collect();
            let mut s = format!(
                "巡察期间共发现问题线索{clues}件，拟按照干部管理权限和职责分工移交有关部门处置（{}），具体见问题线索移交清单（另附，不在正文中列明）。",
                to.join("、")
            );
            if cadres > 0 {
                s.push_str(&format!("其中涉及领导干部的问题线索{cadres}件，另行专题报告。"));
            }
            s
        },
    ));
    ps.push(h1(4, "意见建议"));
    ps.push(para(None, PLACEHOLDER_SUGGESTIONS));
    ps.push(flush(""));
    // the 附件 lines stay together (and, through `sign`, with the signature)
    ps.push(para(None, "附件：1.问题清单").keep_next(true));
    for (i, line) in ["2.问题底稿", "3.问题线索移交清单"].into_iter().enumerate() {
        // continuation lines aligned under 「1.」: 2 characters indent + 「附件：」 (3 characters)
        ps.push(
            Paragraph::new()
                .add_run(run(line, gb::BODY_FONT, gb::BODY_SIZE))
                .line_spacing(exact(gb::BODY_LINE))
                .indent(Some(gb::FIRST_LINE_INDENT / 2 * 5), None, None, None)
                .keep_next(i == 0),
        );
    }
    sign(&mut ps, input, ui);
    add_all(page(), ps)
}

/// 「1.定性。」 and its 具体表现 (statements, figures, people, basis), the evidence as (1)….
/// Held problems (存疑待核 …) are marked.
fn full_problem(input: &Input<'_>, e: &Entry, n: usize, ps: &mut Vec<Paragraph>) {
    let rows = rows(input, e);
    let heading = rows
        .iter()
        .map(|f| f.finding.title.trim())
        .find(|t| !t.is_empty())
        .unwrap_or(e.item.section_title.trim());
    let mut heading = heading.trim_end_matches('。').to_string();
    if e.status == Status::Doubt {
        heading.push_str("（存疑待核）");
    }
    heading.push('。');
    let mut parts: Vec<String> = distinct(rows.iter().map(|f| f.finding.statement.as_str()))
        .into_iter()
        .map(str::to_string)
        .collect();
    let figures = distinct(rows.iter().map(|f| f.finding.figures.as_str()));
    if !figures.is_empty() {
        parts.push(format!("数据：{}", figures.join("；")));
    }
    let people = distinct(rows.iter().map(|f| f.finding.people.as_str()));
    if !people.is_empty() {
        parts.push(format!("涉及人员：{}", people.join("；")));
    }
    let basis = distinct(rows.iter().map(|f| f.finding.basis.as_str()));
    if !basis.is_empty() {
        parts.push(format!("定性依据：{}", basis.join("；")));
    }
    ps.push(h3(n, &heading, &sentences(&parts).replace('\n', " ")));
    let evidence = rows.iter().flat_map(|f| &f.evidence);
    for (i, ev) in evidence.enumerate() {
        let line = format!(
            "{}：{}",
            cite_note(&ev.note, ev.source_kind, Lang::Zh, false),
            note_text(&ev.note, Lang::Zh).replace('\n', " ")
        );
        ps.push(h4(i + 1, &line));
    }
}

/// Clues in unit `ui` (entries with a finding marked 问题线索移交 or about a leading cadre),
/// how many of them concern leading cadres, and how many go to each receiving body (待定 for
/// those without one), in the order of [`crate::model::Receiver::ALL`].
fn clue_counts(input: &Input<'_>, ui: usize) -> (usize, usize, Vec<(String, usize)>) {
    let mut clues = 0;
    let mut cadres = 0;
    let mut by: Vec<(usize, String, usize)> = Vec::new();
    for e in input.review.entries.iter().filter(|e| e.unit == ui) {
        let rows = rows(input, e);
        if !rows
            .iter()
            .any(|f| f.finding.transfer || f.finding.leading_cadre)
        {
            continue;
        }
        clues += 1;
        if rows.iter().any(|f| f.finding.leading_cadre) {
            cadres += 1;
        }
        let receiver = rows.iter().find_map(|f| {
            f.finding
                .receiver
                .map(|r| (r, f.finding.receiver_label(Lang::Zh)))
        });
        let (rank, label) = match receiver {
            Some((r, label)) => (
                crate::model::Receiver::ALL
                    .iter()
                    .position(|x| *x == r)
                    .unwrap_or_default(),
                label.unwrap_or_else(|| r.label(Lang::Zh).to_string()),
            ),
            None => (
                crate::model::Receiver::ALL.len(),
                "接收单位待定".to_string(),
            ),
        };
        match by.iter_mut().find(|(_, l, _)| *l == label) {
            Some((_, _, n)) => *n += 1,
            None => by.push((rank, label, 1)),
        }
    }
    by.sort_by_key(|(rank, _, _)| *rank);
    (
        clues,
        cadres,
        by.into_iter().map(|(_, l, n)| (l, n)).collect(),
    )
}
