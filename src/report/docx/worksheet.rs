//! The 问题底稿 (`--worksheets`): one page per finding, an internal document.

use docx_rs::{Docx, Paragraph, Table, TableCell, TableRow, WidthType};

use super::content::sentences;
use super::layout as gb;
use super::page::{add_all, date, exact, flush, page, para, run, title};
use crate::i18n::Lang;
use crate::model::Status;
use crate::model::review::FindingRow;
use crate::model::signoff::{FindingSign, Step, StepState};
use crate::report::{Input, cite_note, note_text};

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
pub(super) fn worksheet_document(input: &Input<'_>, ui: usize) -> Docx {
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
        let sign = review
            .findings
            .iter()
            .position(|x| std::ptr::eq(x, *f))
            .and_then(|fi| input.sign_of_finding(fi));
        doc = add_all(
            doc,
            [
                flush(""),
                flush(&sign_line(sign, Step::Draft, "编制人")),
                flush(&sign_line(sign, Step::Check, "复核人")),
                flush(&sign_line(sign, Step::Approve, "审签人")),
            ],
        );
    }
    doc
}

/// `编制人：张三　　　　日期：2026年12月1日` for a sign-off that counts; blanks to fill in by hand
/// when there is none; a note when the content changed after it was signed (it counts for
/// nothing until signed again).
fn sign_line(sign: Option<&FindingSign>, step: Step, label: &str) -> String {
    let blank = format!("{label}：　　　　　　　　日期：　　年　　月　　日");
    let Some(sign) = sign else {
        return blank;
    };
    match sign.step(step) {
        StepState::Current { signer, at } => {
            let day = crate::model::day::Day(at.0.date_naive());
            format!("{label}：{signer}　　　　日期：{}", day.chinese())
        }
        StepState::Changed { signer, .. } | StepState::OutOfOrder { signer, .. } => {
            format!(
                "{label}：（{signer}签后内容已变更或前序未签，须重新签审）　　日期：　　年　　月　　日"
            )
        }
        StepState::Missing => blank,
    }
}

/// Label and value cells filling the 版心's width (156 mm: 42 mm, room for 「支撑材料目录」 on
/// one line, + 114 mm).
pub(super) fn worksheet_table(fields: &[(&str, String)]) -> Table {
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
