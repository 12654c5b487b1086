//! 问题清单: one row per distinct problem, numbered as in the Markdown report.

use std::collections::HashMap;

use super::sheet::{Field, MEDIUM, NARROW, RowKind, Rows, Sheet, WIDE, WIDEST, field, internal};
use super::{in_order, labels, lines, sep, shown_in_order, unit_of};
use crate::i18n::Lang;
use crate::model::review::{Entry, FindingRow, Review};
use crate::report::{Input, colon, paren};

/// One problem as the sheet shows it. The feedback version fills only the fields of the
/// columns it has (the rest stay empty, and their columns are [`internal`]).
#[derive(Default)]
struct ProblemRow<'a> {
    number: usize,
    unit: String,
    round: String,
    group: String,
    category: &'a str,
    checklist: &'a str,
    section: &'a str,
    item: String,
    status: &'a str,
    title: String,
    statement: String,
    feedback_text: String,
    figures: String,
    people: String,
    basis: String,
    transfer: &'a str,
    held: String,
    /// The finding's sign-off (`report::sign_line`).
    signoff: String,
    inspectors: String,
    /// How many evidence notes the problem rests on (in the feedback version: shows).
    notes: usize,
}

impl<'a> ProblemRow<'a> {
    /// The fields both versions fill alike: 序号, unit, round, group, 三大问题, checklist,
    /// section and status.
    fn of(review: &'a Review, e: &'a Entry, number: usize, lang: Lang) -> ProblemRow<'a> {
        let (unit, round, group) = unit_of(review, e);
        ProblemRow {
            number,
            unit,
            round,
            group,
            category: e.category.map(|c| c.label(lang)).unwrap_or_default(),
            checklist: &e.item.template_title,
            section: &e.item.section_title,
            status: e.status.label(lang),
            ..ProblemRow::default()
        }
    }
}

/// The 问题清单's rows are [`ProblemRow`]s.
struct Problems;

impl RowKind for Problems {
    type Row<'a> = ProblemRow<'a>;
}

/// The columns, in order: the feedback version has those that are not [`internal`] (no
/// feedback wording beside the statement, people, transfer mark, reasons or inspectors).
fn fields(input: &Input<'_>) -> Vec<Field<Problems>> {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    vec![
        field(l.number, NARROW, |r| r.number.into()),
        field(s.unit, MEDIUM, |r| r.unit.as_str().into()),
        field(s.round, NARROW, |r| r.round.as_str().into()),
        field(s.group, NARROW, |r| r.group.as_str().into()),
        field(h.category, NARROW + 4.0, |r| r.category.into()),
        field(h.checklist, MEDIUM, |r| r.checklist.into()),
        field(h.section, MEDIUM, |r| r.section.into()),
        field(h.item, WIDE, |r| r.item.as_str().into()),
        field(h.status, NARROW, |r| r.status.into()),
        field(h.title, WIDE, |r| r.title.as_str().into()),
        field(s.report.statement, WIDEST, |r| r.statement.as_str().into()),
        internal(s.report.feedback_text, WIDE, |r| {
            r.feedback_text.as_str().into()
        }),
        field(s.report.figures, WIDE, |r| r.figures.as_str().into()),
        internal(s.report.people, MEDIUM, |r| r.people.as_str().into()),
        field(s.report.basis, WIDE, |r| r.basis.as_str().into()),
        internal(h.transfer, NARROW, |r| r.transfer.into()),
        internal(s.report.held, MEDIUM, |r| r.held.as_str().into()),
        internal(input.options.lang.signoff().signoff, WIDE, |r| {
            r.signoff.as_str().into()
        }),
        internal(s.inspector, MEDIUM, |r| r.inspectors.as_str().into()),
        field(l.notes_count, NARROW, |r| r.notes.into()),
    ]
}

/// Every problem of the full version, with who found it, the people, the transfer mark and
/// why the feedback version leaves it out.
pub(super) fn full_problems(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let lang = input.options.lang;
    let c = colon(lang);
    let review = &input.review;
    let mut sheet = Rows::new(fields(input), false);
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
        let notes: usize = rows.iter().map(|f| f.evidence.len()).sum();
        let mut item = if e.item.orphan {
            e.item.key.clone()
        } else {
            e.item.item_text.clone()
        };
        if e.item.orphan {
            item.push_str(s.report.orphan);
        }
        sheet.push(&ProblemRow {
            item,
            title: title.to_string(),
            statement: values(&|f| f.finding.statement.as_str()),
            feedback_text: values(&|f| f.finding.feedback_text.as_deref().unwrap_or_default()),
            figures: values(&|f| f.finding.figures.as_str()),
            people: values(&|f| f.finding.people.as_str()),
            basis: values(&|f| f.finding.basis.as_str()),
            transfer: if rows.iter().any(|f| f.finding.transfer) {
                s.report.transfer_yes
            } else {
                ""
            },
            held: held.join(sep(lang)),
            signoff: input
                .sign(ei)
                .map(|sign| crate::report::sign_line(sign, lang))
                .unwrap_or_default(),
            inspectors: inspectors.join(sep(lang)),
            notes,
            ..ProblemRow::of(review, e, n, lang)
        });
    }
    sheet.sheet()
}

/// The feedback version's problems: exactly the texts of [`crate::report::Feedback`].
pub(super) fn feedback_problems(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let lang = input.options.lang;
    let review = &input.review;
    let mut sheet = Rows::new(fields(input), true);
    for (n, e, shown) in shown_in_order(input, numbers) {
        sheet.push(&ProblemRow {
            item: if e.item.orphan {
                String::new()
            } else {
                e.item.item_text.clone()
            },
            title: shown
                .title
                .as_ref()
                .map(|t| t.text.clone())
                .unwrap_or_default(),
            statement: lines(&shown.statements),
            figures: lines(&shown.figures),
            basis: lines(&shown.basis),
            notes: shown.notes.len(),
            ..ProblemRow::of(review, e, n, lang)
        });
    }
    sheet.sheet()
}
