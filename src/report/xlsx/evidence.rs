//! 证据: one row per evidence note.

use std::collections::HashMap;

use super::sheet::{Cell, MEDIUM, NARROW, Sheet, WIDE, WIDEST, col};
use super::{in_order, labels, unit_of};
use crate::model::Catalog;
use crate::model::review::ItemIndex;
use crate::report::Input;
use crate::report::feedback::ShownEntry;

/// Every note of every answer of the selected records, by record, then by item in catalog
/// order; a note of a finding carries its problem's 序号.
pub(super) fn full_evidence(
    input: &Input<'_>,
    catalog: &Catalog,
    numbers: &HashMap<usize, usize>,
) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.problem_number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.inspector, NARROW),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(l.source_code, NARROW),
        col(l.source_kind, NARROW + 2.0),
        col(l.source_reference, MEDIUM),
        col(l.at, NARROW + 6.0),
        col(l.text, WIDEST),
        col(s.report.people, MEDIUM),
        col(s.report.figures, WIDE),
    ]);
    // (unit index, item key) → 序号
    let by_item: HashMap<(usize, &str), usize> = numbers
        .iter()
        .filter_map(|(&ei, &n)| {
            review
                .entries
                .get(ei)
                .map(|e| ((e.unit, e.item.key.as_str()), n))
        })
        .collect();
    let index = ItemIndex::new(catalog);
    for row in &review.records {
        let Some(record) = input.record(row.index) else {
            continue;
        };
        let mut answers: Vec<(&String, &crate::model::Answer, _)> = record
            .answers
            .iter()
            .filter(|(_, a)| !a.notes.is_empty())
            .map(|(k, a)| (k, a, index.item(k)))
            .collect();
        answers.sort_by_key(|(k, _, item)| (item.orphan, item.position, (*k).clone()));
        for (key, answer, item) in answers {
            let number = if answer.status.has_finding() {
                by_item.get(&(row.unit_index, key.as_str())).copied()
            } else {
                None
            };
            for note in &answer.notes {
                let source = (!note.source.is_empty())
                    .then(|| record.source(&note.source))
                    .flatten();
                sheet.push(vec![
                    number.map_or(Cell::Empty, Cell::from),
                    row.unit.as_str().into(),
                    row.round.as_str().into(),
                    row.inspector.as_str().into(),
                    item.template_title.as_str().into(),
                    item.section_title.as_str().into(),
                    if item.orphan {
                        key.as_str()
                    } else {
                        item.item_text.as_str()
                    }
                    .into(),
                    answer.status.label(lang).into(),
                    note.source.as_str().into(),
                    source
                        .map(|src| src.kind.label(lang))
                        .unwrap_or_default()
                        .into(),
                    source
                        .map(|src| src.reference.as_str())
                        .unwrap_or_default()
                        .into(),
                    crate::report::when(note.at).into(),
                    note.text.trim().into(),
                    note.people.as_str().into(),
                    note.figures.as_str().into(),
                ]);
            }
        }
    }
    sheet
}

/// The notes the feedback version shows: material sources only, without time or people.
pub(super) fn feedback_evidence(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.problem_number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(h.checklist, MEDIUM),
        col(h.section, MEDIUM),
        col(h.item, WIDE),
        col(l.source_code, NARROW),
        col(l.source_kind, NARROW + 2.0),
        col(l.text, WIDEST),
        col(s.report.figures, WIDE),
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
        let (unit, round, _) = unit_of(review, e);
        for note in &shown.notes {
            sheet.push(vec![
                n.into(),
                unit.as_str().into(),
                round.as_str().into(),
                e.item.template_title.as_str().into(),
                e.item.section_title.as_str().into(),
                if e.item.orphan {
                    Cell::Empty
                } else {
                    e.item.item_text.as_str().into()
                },
                note.note.source.as_str().into(),
                note.kind.label(lang).into(),
                note.note.text.trim().into(),
                note.note.figures.as_str().into(),
            ]);
        }
    }
    sheet
}
