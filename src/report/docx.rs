//! The round's deliverables as DOCX in GB/T 9704-2012 公文格式 (figures in
//! [`super::docx_layout`]): the 巡察报告 (full version), the 反馈意见 (`--redact`) and the
//! 问题底稿 (`--worksheets`, one page per finding), one document per unit.
//!
//! Built from the same [`Input`] as every other format: the feedback version shows only the
//! [`Feedback`](super::Feedback) model, which passed the name check in `Input::new`, and only
//! the texts of it that a 反馈意见 carries (no evidence lines, no source codes, no 涉及人员).
//! Every text passes through [`sanitize`]. The documents are Chinese official documents:
//! their wording does not follow `--lang`.

use std::collections::{BTreeSet, HashSet};
use std::io::Cursor;
use std::path::PathBuf;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow, WidthType,
};

use super::docx_layout as gb;
use super::feedback::ShownEntry;
use super::{Input, LeftOut, Options, ReportError, cite_note, note_text, sanitize};
use crate::i18n::Lang;
use crate::model::review::{Entry, FindingRow, Grouping};
use crate::model::{Catalog, Record, SourceKind, Status, Timestamp};

/// 主送 of the 巡察报告 when none is given.
pub const DEFAULT_RECIPIENT: &str = "校党委巡察工作领导小组";
/// The 整改要求's time limit when none is given: the 2015/2017 条例 ask for the 整改情况报告
/// within two months of the feedback (CHECKLIST-REVIEW §3.6).
pub const DEFAULT_DEADLINE: &str = "2个月";

/// What the DOCX documents say beyond the records.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxOptions {
    /// 主送 of the 巡察报告 (`--to`).
    pub recipient: String,
    /// The 整改要求's time limit, as written into the sentence 「收到本反馈意见后{deadline}内」
    /// (`--deadline`), e.g. `2个月`, `30日`.
    pub deadline: String,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            recipient: DEFAULT_RECIPIENT.to_string(),
            deadline: DEFAULT_DEADLINE.to_string(),
        }
    }
}

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocxKind {
    /// 巡察报告 (full version).
    Report,
    /// 反馈意见 (`--redact`).
    Feedback,
    /// 问题底稿, one page per finding (`--worksheets`).
    Worksheets,
}

impl DocxKind {
    /// `巡察报告`, `反馈意见`, `问题底稿`: the last part of a file name.
    pub fn label(self) -> &'static str {
        match self {
            DocxKind::Report => "巡察报告",
            DocxKind::Feedback => "反馈意见",
            DocxKind::Worksheets => "问题底稿",
        }
    }
}

/// One generated document: one unit of one round.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxFile {
    pub round: String,
    pub unit: String,
    pub kind: DocxKind,
    /// The file's bytes (a ZIP package, WordprocessingML).
    pub bytes: Vec<u8>,
}

impl DocxFile {
    /// `计算机学院-巡察报告.docx`, with the round in front when `with_round`; characters a
    /// file name cannot hold (`/`, `\`, controls…) become `_`.
    pub fn file_name(&self, with_round: bool) -> String {
        let mut name = String::new();
        if with_round {
            name.push_str(&self.round);
            name.push('-');
        }
        name.push_str(&self.unit);
        name.push('-');
        name.push_str(self.kind.label());
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_control()
                    || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        format!("{}.docx", name.trim_start_matches('.'))
    }
}

/// The documents and what the feedback version left out.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxReport {
    /// One per unit, in the order of [`crate::model::Review::units`].
    pub files: Vec<DocxFile>,
    /// See [`super::Report::left_out`].
    pub left_out: Vec<LeftOut>,
    /// The records span several rounds (file names carry the round).
    pub several_rounds: bool,
}

/// The 巡察报告 (or with `options.redact` the 反馈意见) of every selected unit as DOCX. Errors
/// as [`super::markdown`]: an unknown `--unit`/`--round`, or names in the feedback version.
pub fn docx(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
    docx: &DocxOptions,
) -> Result<DocxReport, ReportError> {
    let input = Input::new(records, catalog, options)?;
    let kind = if input.redaction.on {
        DocxKind::Feedback
    } else {
        DocxKind::Report
    };
    let files = (0..input.review.units.len())
        .map(|ui| {
            let doc = match kind {
                DocxKind::Feedback => feedback_document(&input, ui, docx),
                _ => report_document(&input, ui, docx),
            };
            file(&input, ui, kind, doc)
        })
        .collect();
    Ok(DocxReport {
        files,
        left_out: input.left_out(),
        several_rounds: input.several_rounds,
    })
}

/// The 问题底稿 of every selected unit, one page per finding (发现问题 and 存疑待核), as DOCX.
/// An internal document: always built from the full version (`options.redact` is not
/// consulted; the command line refuses `--worksheets --redact`), private source references
/// included; findings marked [`leading_cadre`](crate::model::Finding::leading_cadre) are
/// never in it.
pub fn worksheets(
    records: &[(PathBuf, Record)],
    catalog: &Catalog,
    options: &Options,
) -> Result<DocxReport, ReportError> {
    let options = Options {
        redact: false,
        ..options.clone()
    };
    let input = Input::new(records, catalog, &options)?;
    let files = (0..input.review.units.len())
        .map(|ui| {
            let doc = worksheet_document(&input, ui);
            file(&input, ui, DocxKind::Worksheets, doc)
        })
        .collect();
    Ok(DocxReport {
        files,
        left_out: Vec::new(),
        several_rounds: input.several_rounds,
    })
}

fn file(input: &Input<'_>, ui: usize, kind: DocxKind, doc: Docx) -> DocxFile {
    let (round, unit) = input
        .review
        .units
        .get(ui)
        .map(|u| (u.key.round.clone(), u.key.unit.clone()))
        .unwrap_or_default();
    let mut bytes = Cursor::new(Vec::with_capacity(64 * 1024));
    // writing into memory fails only when the ZIP writer does, which it does not for a Vec
    let bytes = match doc.build().pack(&mut bytes) {
        Ok(()) => bytes.into_inner(),
        Err(_) => Vec::new(),
    };
    DocxFile {
        round,
        unit,
        kind,
        bytes,
    }
}

// ---------------------------------------------------------------------------------------------
// the page

/// A4, the margins, the default font, and the page number in the footer (odd right, even left).
fn page() -> Docx {
    Docx::new()
        .page_size(gb::PAGE_WIDTH, gb::PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(gb::MARGIN_TOP as i32)
                .left(gb::MARGIN_LEFT as i32)
                .bottom(gb::MARGIN_BOTTOM as i32)
                .right(gb::MARGIN_RIGHT as i32)
                .header(gb::HEADER_DISTANCE as i32)
                .footer(gb::FOOTER_DISTANCE as i32)
                .gutter(0),
        )
        .default_fonts(fonts(gb::BODY_FONT))
        .default_size(gb::BODY_SIZE)
        .footer(Footer::new().add_paragraph(page_number(true)))
        .even_footer(Footer::new().add_paragraph(page_number(false)))
}

/// East Asian text in `east_asia`, Latin letters and digits in Times New Roman.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(gb::LATIN_FONT)
        .hi_ansi(gb::LATIN_FONT)
}

/// 「— 1 —」: the PAGE field between two 一字线, 4号宋体, 空一字 from the outer edge.
fn page_number(odd: bool) -> Paragraph {
    let f = || {
        RunFonts::new()
            .east_asia(gb::PAGE_NUMBER_FONT)
            .ascii(gb::PAGE_NUMBER_FONT)
            .hi_ansi(gb::PAGE_NUMBER_FONT)
    };
    let text = |t: &str| Run::new().fonts(f()).size(gb::PAGE_NUMBER_SIZE).add_text(t);
    let field = Run::new()
        .fonts(f())
        .size(gb::PAGE_NUMBER_SIZE)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let p = Paragraph::new()
        .add_run(text(&format!("{} ", gb::PAGE_NUMBER_DASH)))
        .add_run(field)
        .add_run(text(&format!(" {}", gb::PAGE_NUMBER_DASH)));
    if odd {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(gb::PAGE_NUMBER_INSET), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(gb::PAGE_NUMBER_INSET), None, None, None)
    }
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .fonts(fonts(font))
        .size(size)
        .add_text(sanitize(text).into_owned())
}

/// The title: 2号小标宋, centred.
fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, gb::TITLE_FONT, gb::TITLE_SIZE))
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::AtLeast)
                .line(gb::TITLE_LINE)
                .before(0)
                .after(0),
        )
}

/// A line of body text with no indent (主送, an empty line).
fn flush(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, gb::BODY_FONT, gb::BODY_SIZE))
        .align(AlignmentType::Both)
        .line_spacing(exact(gb::BODY_LINE))
}

/// A body paragraph, indented two characters; a heading run in `lead` (font) before it.
fn para(lead: Option<(&str, &str)>, text: &str) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(exact(gb::BODY_LINE))
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(gb::FIRST_LINE_INDENT)),
            None,
            None,
        );
    if let Some((font, lead)) = lead {
        p = p.add_run(run(lead, font, gb::BODY_SIZE));
    }
    if !text.is_empty() {
        p = p.add_run(run(text, gb::BODY_FONT, gb::BODY_SIZE));
    }
    p
}

/// 「一、」 in 黑体, kept with the paragraph after it.
fn h1(n: usize, text: &str) -> Paragraph {
    para(
        Some((gb::H1_FONT, &format!("{}、{text}", zh_numeral(n)))),
        "",
    )
    .keep_next(true)
}

/// 「（一）」 in 楷体, kept with the paragraph after it.
fn h2(n: usize, text: &str) -> Paragraph {
    para(
        Some((gb::H2_FONT, &format!("（{}）{text}", zh_numeral(n)))),
        "",
    )
    .keep_next(true)
}

/// 「1.」 in 仿宋, the 定性 line, followed in the same paragraph by `rest`.
fn h3(n: usize, text: &str, rest: &str) -> Paragraph {
    para(Some((gb::H3_FONT, &format!("{n}.{text}"))), rest)
}

/// 「（1）」 in 仿宋.
fn h4(n: usize, text: &str) -> Paragraph {
    para(Some((gb::H3_FONT, &format!("（{n}）"))), text)
}

/// 一 … 十, 十一 … 九十九.
fn zh_numeral(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |i: usize| D.get(i).copied().unwrap_or_default();
    match n {
        0 => "〇".to_string(),
        1..=9 => digit(n).to_string(),
        10..=19 => format!("十{}", digit(n - 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

/// 7.3.5: `2026年1月5日`: Arabic numerals, full year, no leading zeros.
pub fn date(t: Timestamp) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", t.0.year(), t.0.month(), t.0.day())
}

/// The sender and the date, right-aligned 空四字.
fn signature(input: &Input<'_>, ui: usize) -> Vec<Paragraph> {
    let mut groups: Vec<String> = input
        .review
        .units
        .get(ui)
        .map(|u| u.groups.clone())
        .unwrap_or_default();
    groups.retain(|g| !g.trim().is_empty());
    let sender = if groups.is_empty() {
        "巡察组".to_string()
    } else {
        groups.join("、")
    };
    let right = |text: &str| {
        Paragraph::new()
            .add_run(run(text, gb::BODY_FONT, gb::BODY_SIZE))
            .align(AlignmentType::Right)
            .line_spacing(exact(gb::BODY_LINE))
            .indent(None, None, Some(gb::SIGNATURE_INSET), None)
    };
    vec![flush(""), right(&sender), right(&date(input.options.now))]
}

fn add_all(doc: Docx, ps: impl IntoIterator<Item = Paragraph>) -> Docx {
    ps.into_iter().fold(doc, Docx::add_paragraph)
}

// ---------------------------------------------------------------------------------------------
// what the documents say

/// `计算机学院党委`: the unit's party organisation, unless its name already says it.
fn party_org(unit: &str) -> String {
    if ["党委", "党总支", "党支部", "党组"]
        .iter()
        .any(|s| unit.ends_with(s))
    {
        unit.to_string()
    } else {
        format!("{unit}党委")
    }
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

fn rows<'b>(input: &'b Input<'_>, e: &Entry) -> Vec<&'b FindingRow> {
    e.findings
        .iter()
        .filter_map(|&i| input.review.findings.get(i))
        .collect()
}

fn distinct<'b>(values: impl IntoIterator<Item = &'b str>) -> Vec<&'b str> {
    let mut out: Vec<&str> = Vec::new();
    for v in values.into_iter().map(str::trim).filter(|v| !v.is_empty()) {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Join sentences, each ending in a full stop.
fn sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        out.push_str(p.trim_end_matches(['。', '；', ';', '.']));
        out.push('。');
    }
    out
}

const PLACEHOLDER_ASSESSMENT: &str =
    "（此处由巡察组组长撰写：单位基本情况，简要肯定，政治生态判断，领导班子及主要负责人“画像”。）";
const PLACEHOLDER_SUGGESTIONS: &str =
    "（此处由巡察组组长撰写：针对上述问题提出的意见建议，应当对应问题、具体可操作。）";
const PLACEHOLDER_FEEDBACK_ASSESSMENT: &str =
    "（此处由巡察组组长撰写：对被巡察党组织的总体评价。）";
const PLACEHOLDER_FEEDBACK_SUGGESTIONS: &str =
    "（此处由巡察组组长撰写：针对反馈问题提出的整改意见建议。）";

/// The 巡察报告 of unit `ui`.
fn report_document(input: &Input<'_>, ui: usize, d: &DocxOptions) -> Docx {
    let review = &input.review;
    let Some(unit) = review.units.get(ui) else {
        return page();
    };
    let org = party_org(&unit.key.unit);
    let mut ps = vec![
        title(&format!("关于对{org}巡察情况的报告")),
        flush(""),
        flush(&format!("{}：", d.recipient.trim())),
        para(None, &opening(input, ui, "现将巡察情况报告如下：")),
        h1(1, "基本情况和总体评价"),
        para(None, PLACEHOLDER_ASSESSMENT),
        h1(2, "发现的主要问题"),
    ];
    // clues go to 三 as counts, never with their details into 二
    let problems: Vec<usize> = (0..review.entries.len())
        .filter(|&ei| {
            review
                .entries
                .get(ei)
                .is_some_and(|e| !rows(input, e).iter().any(|f| f.finding.transfer))
        })
        .collect();
    let groups = grouped(input, ui, problems);
    if groups.is_empty() {
        ps.push(para(None, "巡察组未发现需要报告的问题。"));
    }
    for (gi, (label, list)) in groups.iter().enumerate() {
        ps.push(h2(gi + 1, label));
        for (n, &ei) in list.iter().enumerate() {
            if let Some(e) = review.entries.get(ei) {
                full_problem(input, e, n + 1, &mut ps);
            }
        }
    }
    ps.push(h1(3, "问题线索情况"));
    let (clues, cadres) = clue_counts(input, ui);
    ps.push(para(
        None,
        &if clues == 0 {
            "巡察期间未发现需要移交的问题线索。".to_string()
        } else {
            let mut s = format!(
                "巡察期间共发现问题线索{clues}件，拟按照干部管理权限和职责分工，分别移交校纪委、党委组织部等有关部门处置，具体见问题线索移交清单（另附，不在正文中列明）。"
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
    ps.push(para(None, "附件：1.问题清单"));
    for line in ["2.问题底稿", "3.问题线索移交清单"] {
        // continuation lines aligned under 「1.」: 2 characters indent + 「附件：」 (3 characters)
        ps.push(
            Paragraph::new()
                .add_run(run(line, gb::BODY_FONT, gb::BODY_SIZE))
                .line_spacing(exact(gb::BODY_LINE))
                .indent(Some(gb::FIRST_LINE_INDENT / 2 * 5), None, None, None),
        );
    }
    ps.extend(signature(input, ui));
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

/// Clues to transfer in unit `ui` (entries with a finding marked 问题线索移交), and how many of
/// them concern leading cadres.
fn clue_counts(input: &Input<'_>, ui: usize) -> (usize, usize) {
    let mut clues = 0;
    let mut cadres = 0;
    for e in input.review.entries.iter().filter(|e| e.unit == ui) {
        let rows = rows(input, e);
        if rows.iter().any(|f| f.finding.transfer) {
            clues += 1;
            if rows.iter().any(|f| f.finding.leading_cadre) {
                cadres += 1;
            }
        }
    }
    (clues, cadres)
}

/// The 反馈意见 of unit `ui`: only what [`ShownEntry`] holds, without notes.
fn feedback_document(input: &Input<'_>, ui: usize, d: &DocxOptions) -> Docx {
    let review = &input.review;
    let Some(unit) = review.units.get(ui) else {
        return page();
    };
    let org = party_org(&unit.key.unit);
    let mut ps = vec![
        title(&format!("关于对{org}巡察的反馈意见")),
        flush(""),
        flush(&format!("{org}：")),
        para(
            None,
            &opening(
                input,
                ui,
                "巡察组已向校党委巡察工作领导小组作了汇报。现将巡察情况反馈如下：",
            ),
        ),
        h1(1, "总体评价"),
        para(None, PLACEHOLDER_FEEDBACK_ASSESSMENT),
        h1(2, "发现的主要问题"),
    ];
    let shown: Vec<usize> = input.feedback.entries.iter().map(|e| e.entry).collect();
    let groups = grouped(input, ui, shown);
    if groups.is_empty() {
        ps.push(para(None, "巡察组未发现需要反馈的问题。"));
    }
    for (gi, (label, list)) in groups.iter().enumerate() {
        ps.push(h2(gi + 1, label));
        for (n, &ei) in list.iter().enumerate() {
            let Some(e) = review.entries.get(ei) else {
                continue;
            };
            if let Some(shown) = input.feedback.entries.iter().find(|x| x.entry == ei) {
                ps.push(feedback_problem(e, shown, n + 1));
            }
        }
    }
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
    ps.extend(signature(input, ui));
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

// ---------------------------------------------------------------------------------------------
// 问题底稿

/// The findings a worksheet is written for: 发现问题 and 存疑待核 of unit `ui`, never one
/// about a leading cadre.
fn worksheet_rows<'b>(input: &'b Input<'_>, ui: usize) -> Vec<&'b FindingRow> {
    input
        .review
        .findings
        .iter()
        .filter(|f| {
            f.status.has_finding()
                && !f.finding.leading_cadre
                && input
                    .review
                    .records
                    .get(f.record)
                    .is_some_and(|r| r.unit_index == ui)
        })
        .collect()
}

/// The 问题底稿 of unit `ui`, one page each.
fn worksheet_document(input: &Input<'_>, ui: usize) -> Docx {
    let review = &input.review;
    let Some(unit) = review.units.get(ui) else {
        return page();
    };
    let mut doc = page();
    let rows = worksheet_rows(input, ui);
    if rows.is_empty() {
        return add_all(
            doc,
            [
                title("问题底稿"),
                flush(""),
                para(None, "本单位没有需要编制底稿的问题。"),
            ],
        );
    }
    for (i, f) in rows.iter().enumerate() {
        let rr = review.records.get(f.record);
        let record = rr.and_then(|r| input.record(r.index));
        let inspector = rr.map(|r| r.inspector.as_str()).unwrap_or_default();
        let number = if f.finding.number.trim().is_empty() {
            format!("（未编号）{}·{inspector}", f.item.key)
        } else {
            f.finding.number.trim().to_string()
        };
        let title_text = [
            f.finding.title.trim(),
            f.item.section_title.trim(),
            f.item.item_text.trim(),
        ]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_string();
        // 了解方式: the kinds of the cited sources, with their codes
        let mut ways: Vec<(String, Vec<String>)> = Vec::new();
        for ev in &f.evidence {
            let kind = ev
                .source_kind
                .map_or("未注明来源", |k| k.label(Lang::Zh))
                .to_string();
            let code = ev.note.source.trim().to_string();
            match ways.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, codes)) => {
                    if !code.is_empty() && !codes.contains(&code) {
                        codes.push(code);
                    }
                }
                None => ways.push((kind, [code].into_iter().filter(|c| !c.is_empty()).collect())),
            }
        }
        let ways = ways
            .iter()
            .map(|(k, codes)| {
                if codes.is_empty() {
                    k.clone()
                } else {
                    format!("{k}（{}）", codes.join("、"))
                }
            })
            .collect::<Vec<_>>()
            .join("；");
        let mut summary = vec![f.finding.statement.trim().to_string()];
        if !f.finding.figures.trim().is_empty() {
            summary.push(format!("数据：{}", f.finding.figures.trim()));
        }
        let people = match (f.finding.people.trim(), f.finding.responsibility) {
            ("", None) => String::new(),
            (p, None) => format!("{p}（责任类型待定）"),
            ("", Some(r)) => r.label(Lang::Zh).to_string(),
            (p, Some(r)) => format!("{p}（{}）", r.label(Lang::Zh)),
        };
        let category = f
            .category
            .map_or(Lang::Zh.strings().uncategorised, |c| c.label(Lang::Zh))
            .to_string();
        let materials: Vec<String> = f
            .evidence
            .iter()
            .enumerate()
            .map(|(n, ev)| {
                let reference = record
                    .and_then(|r| r.source(&ev.note.source))
                    .map(|s| s.reference.trim())
                    .filter(|r| !r.is_empty());
                let mut cite = cite_note(&ev.note, ev.source_kind, Lang::Zh, false);
                if let Some(reference) = reference {
                    cite.push_str(&format!("〔{reference}〕"));
                }
                format!("{}.{cite}：{}", n + 1, note_text(&ev.note, Lang::Zh))
            })
            .collect();
        let mut status = String::new();
        if f.status == Status::Doubt {
            status.push_str("（存疑待核）");
        }
        if f.finding.transfer {
            status.push_str("（问题线索移交）");
        }
        let fields: Vec<(&str, String)> = vec![
            ("编号", number),
            ("标题", format!("{title_text}{status}")),
            ("被巡察单位", unit.key.unit.clone()),
            ("编制日期", date(input.options.now)),
            ("了解方式", ways),
            ("问题概述", sentences(&summary)),
            ("发现过程", f.finding.process.trim().to_string()),
            ("涉及人员与责任类型", people),
            ("定性依据", f.finding.basis.trim().to_string()),
            ("三大问题", category),
            ("支撑材料目录", materials.join("\n")),
        ];
        let mut heading = title("问题底稿");
        if i > 0 {
            heading = heading.page_break_before(true);
        }
        doc = doc.add_paragraph(heading).add_paragraph(flush(""));
        doc = doc.add_table(worksheet_table(&fields));
        doc = add_all(
            doc,
            [
                flush(""),
                flush("编制人：　　　　　　　　日期：　　年　　月　　日"),
                flush("复核人：　　　　　　　　日期：　　年　　月　　日"),
                flush("审签人：　　　　　　　　日期：　　年　　月　　日"),
            ],
        );
    }
    doc
}

/// Label and value cells filling the 版心's width (156 mm: 42 mm, room for 「支撑材料目录」 on
/// one line, + 114 mm).
fn worksheet_table(fields: &[(&str, String)]) -> Table {
    let label_w = gb::mm(42) as usize;
    let value_w = gb::mm(114) as usize;
    let cell_para = |text: &str, font: &str| {
        Paragraph::new()
            .add_run(run(text, font, gb::BODY_SIZE))
            .line_spacing(exact(gb::BODY_LINE))
    };
    let rows: Vec<TableRow> = fields
        .iter()
        .map(|(label, value)| {
            let mut cell = TableCell::new().width(value_w, WidthType::Dxa);
            let lines: Vec<&str> = value.lines().collect();
            if lines.is_empty() {
                cell = cell.add_paragraph(cell_para("", gb::BODY_FONT));
            }
            for l in lines {
                cell = cell.add_paragraph(cell_para(l, gb::BODY_FONT));
            }
            TableRow::new(vec![
                TableCell::new()
                    .width(label_w, WidthType::Dxa)
                    .add_paragraph(cell_para(label, gb::H1_FONT)),
                cell,
            ])
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![label_w, value_w])
        .width(label_w + value_w, WidthType::Dxa)
}

#[cfg(test)]
#[path = "docx_tests.rs"]
mod tests;
