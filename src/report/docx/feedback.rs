//! The 反馈意见 (`--redact`): only the texts of the feedback model, without notes.

use docx_rs::{Docx, Paragraph};

use super::DocxOptions;
use super::content::{Draft, head_and_problems, party_org, sentences};
use super::page::{add_all, h1, h3, page, para, sign};
use crate::model::review::Entry;
use crate::report::Input;
use crate::report::feedback::ShownEntry;

const PLACEHOLDER_FEEDBACK_ASSESSMENT: &str =
    "（此处由巡察组组长撰写：对被巡察党组织的总体评价。）";
const PLACEHOLDER_FEEDBACK_SUGGESTIONS: &str =
    "（此处由巡察组组长撰写：针对反馈问题提出的整改意见建议。）";

/// The 反馈意见 of unit `ui`: only what [`ShownEntry`] holds, without notes.
pub(super) fn feedback_document(input: &Input<'_>, ui: usize, d: &DocxOptions) -> Docx {
    let review = &input.review;
    let Some(unit) = review.units.get(ui) else {
        return page();
    };
    let org = party_org(&unit.key.unit);
    let draft = Draft {
        title: &format!("关于对{org}巡察的反馈意见"),
        to: &org,
        closing: "巡察组已向校党委巡察工作领导小组作了汇报。现将巡察情况反馈如下：",
        assessment: ("总体评价", PLACEHOLDER_FEEDBACK_ASSESSMENT),
        none: "巡察组未发现需要反馈的问题。",
    };
    let shown: Vec<usize> = input.feedback.entries.iter().map(|e| e.entry).collect();
    let mut ps = head_and_problems(input, ui, &draft, shown, |ei, e, n, ps| {
        if let Some(shown) = input.feedback.entries.iter().find(|x| x.entry == ei) {
            ps.push(feedback_problem(e, shown, n));
        }
    });
    ps.push(h1(3, "整改意见建议"));
    ps.push(para(None, PLACEHOLDER_FEEDBACK_SUGGESTIONS));
    ps.push(h1(4, "整改要求"));
    ps.push(para(
        None,
        &format!(
            "{org}要切实履行巡察整改主体责任，党组织主要负责人要履行第一责任人职责，对反馈的问题逐条研究，制定整改方案，明确整改措施、责任人和完成时限，建立整改台账，逐项对账销号。"
        ),
    ));
    ps.push(para(
        None,
        &format!(
            "请于收到本反馈意见后{}内，将整改情况报告报送校党委巡察工作领导小组办公室。",
            d.deadline.trim()
        ),
    ));
    sign(&mut ps, input, ui);
    add_all(page(), ps)
}

/// 「1.定性。」 and the shown statements (the feedback wording where set), figures and basis.
fn feedback_problem(e: &Entry, shown: &ShownEntry, n: usize) -> Paragraph {
    let heading = match &shown.title {
        Some(t) => t.text.trim().to_string(),
        None if !e.item.section_title.is_empty() => e.item.section_title.trim().to_string(),
        None => e.item.template_title.trim().to_string(),
    };
    let heading = format!("{}。", heading.trim_end_matches('。'));
    let mut parts: Vec<String> = shown.statements.iter().map(|t| t.text.clone()).collect();
    if !shown.figures.is_empty() {
        let f: Vec<&str> = shown.figures.iter().map(|t| t.text.as_str()).collect();
        parts.push(format!("数据：{}", f.join("；")));
    }
    if !shown.basis.is_empty() {
        let b: Vec<&str> = shown.basis.iter().map(|t| t.text.as_str()).collect();
        parts.push(format!("定性依据：{}", b.join("；")));
    }
    h3(n, &heading, &sentences(&parts).replace('\n', " "))
}
