//! 问题清单: one row per distinct problem, numbered as in the Markdown report.

use std::collections::HashMap;

use super::sheet::{Cell, MEDIUM, NARROW, Sheet, WIDE, WIDEST, col};
use super::{in_order, labels, lines, paren, sep, unit_of};
use crate::model::review::FindingRow;
use crate::report::feedback::ShownEntry;
use crate::report::{Input, colon};

pub(super) fn full_problems(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let c = colon(lang);
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.group, NARROW),
        col(h.category, NARROW + 4.0),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(h.title, WIDE),
        col(s.report.statement, WIDEST),
        col(s.report.feedback_text, WIDE),
        col(s.report.figures, WIDE),
        col(s.report.people, MEDIUM),
        col(s.report.basis, WIDE),
        col(h.transfer, NARROW),
        col(s.report.held, MEDIUM),
        col(input.options.lang.signoff().signoff, WIDE),
        col(s.inspector, MEDIUM),
        col(l.notes_count, NARROW),
    ]);
    for (n, ei) in in_order(numbers) {
        let Some(e) = review.entries.get(ei) else {
            continue;
        };
        let rows: Vec<&FindingRow> = e
            .findings
            .iter()
            .filter_map(|&i| review.findings.get(i))
            .collect();
        let several = rows.len() > 1;
        // with several findings, each value says whose it is (and its status when it differs)
        let values = |pick: &dyn Fn(&FindingRow) -> &str| -> String {
            rows.iter()
                .filter(|f| !pick(f).trim().is_empty())
                .map(|f| {
                    let value = pick(f).trim();
                    if !several {
                        return value.to_string();
                    }
                    let mut tag = review
                        .records
                        .get(f.record)
                        .map(|r| r.inspector.clone())
                        .unwrap_or_default();
                    if f.status != e.status {
                        tag.push_str(&paren(f.status.label(lang), lang));
                    }
                    format!("{tag}{c}{value}")
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let title = rows
            .iter()
            .map(|f| f.finding.title.trim())
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        let mut inspectors: Vec<&str> = Vec::new();
        for f in &rows {
            if let Some(r) = review.records.get(f.record)
                && !inspectors.contains(&r.inspector.as_str())
            {
                inspectors.push(&r.inspector);
            }
        }
        let held: Vec<&str> = crate::report::feedback::holds(review, e)
            .iter()
            .map(|h| h.label(lang))
            .collect();
        let (unit, round, group) = unit_of(review, e);
        let notes: usize = rows.iter().map(|f| f.evidence.len()).sum();
        let mut item = if e.item.orphan {
            e.item.key.clone()
        } else {
            e.item.item_text.clone()
        };
        if e.item.orphan {
            item.push_str(s.report.orphan);
        }
        sheet.push(vec![
            n.into(),
            unit.into(),
            round.into(),
            group.into(),
            e.category.map(|c| c.label(lang)).unwrap_or_default().into(),
            e.item.template_title.as_str().into(),
            e.item.section_title.as_str().into(),
            item.into(),
            e.status.label(lang).into(),
            title.into(),
            values(&|f| f.finding.statement.as_str()).into(),
            values(&|f| f.finding.feedback_text.as_deref().unwrap_or_default()).into(),
            values(&|f| f.finding.figures.as_str()).into(),
            values(&|f| f.finding.people.as_str()).into(),
            values(&|f| f.finding.basis.as_str()).into(),
            if rows.iter().any(|f| f.finding.transfer) {
                s.report.transfer_yes
            } else {
                ""
            }
            .into(),
            held.join(sep(lang)).into(),
            input
                .sign(ei)
                .map(|sign| crate::report::sign_line(sign, lang))
                .unwrap_or_default()
                .into(),
            inspectors.join(sep(lang)).into(),
            notes.into(),
        ]);
    }
    sheet
}

/// The feedback version's problems: exactly the texts of [`crate::report::Feedback`].
pub(super) fn feedback_problems(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.group, NARROW),
        col(h.category, NARROW + 4.0),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(h.title, WIDE),
        col(s.report.statement, WIDEST),
        col(s.report.figures, WIDE),
        col(s.report.basis, WIDE),
        col(l.notes_count, NARROW),
    ]);
    let shown: HashMap<usize, &ShownEntry> = input
        .feedback
        .entries
        .iter()
        .map(|e| (e.entry, e))
        .collect();
    for (n, ei) in in_order(numbers) {
        let (Some(e), Some(shown)) = (review.entries.get(ei), shown.get(&ei)) else {
            continue;
        };
        let (unit, round, group) = unit_of(review, e);
        sheet.push(vec![
            n.into(),
            unit.into(),
            round.into(),
            group.into(),
            e.category.map(|c| c.label(lang)).unwrap_or_default().into(),
            e.item.template_title.as_str().into(),
            e.item.section_title.as_str().into(),
            if e.item.orphan {
                Cell::Empty
            } else {
                e.item.item_text.as_str().into()
            },
            e.status.label(lang).into(),
            shown
                .title
                .as_ref()
                .map(|t| t.text.as_str())
                .unwrap_or_default()
                .into(),
            lines(&shown.statements).into(),
            lines(&shown.figures).into(),
            lines(&shown.basis).into(),
            shown.notes.len().into(),
        ]);
    }
    sheet
}
