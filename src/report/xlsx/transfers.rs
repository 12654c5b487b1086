//! 线索移交: the findings marked for transfer (full version only).

use std::collections::HashMap;

use super::labels;
use super::sheet::{Cell, MEDIUM, NARROW, Sheet, WIDE, WIDEST, col};
use crate::report::{Input, cite, colon, note_body};

/// Every finding marked for transfer, one row each, with its people, evidence and the private
/// references of the sources it cites.
pub(super) fn transfers(input: &Input<'_>, numbers: &HashMap<usize, usize>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let h = &s.report.csv;
    let lang = input.options.lang;
    let c = colon(lang);
    let review = &input.review;
    let mut sheet = Sheet::new(vec![
        col(l.number, NARROW),
        col(l.problem_number, NARROW),
        col(s.unit, MEDIUM),
        col(s.round, NARROW),
        col(s.inspector, NARROW),
        col(h.checklist, MEDIUM),
        col(h.item, WIDE),
        col(h.status, NARROW),
        col(h.title, WIDE),
        col(s.report.statement, WIDEST),
        col(s.report.people, MEDIUM),
        col(s.report.figures, WIDE),
        col(s.report.basis, WIDE),
        col(h.notes, WIDEST),
        col(h.sources, WIDE),
    ]);
    // finding index → entry index
    let mut entry_of: HashMap<usize, usize> = HashMap::new();
    for (ei, e) in review.entries.iter().enumerate() {
        for &fi in &e.findings {
            entry_of.insert(fi, ei);
        }
    }
    let mut rows: Vec<(usize, usize)> = review
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.finding.transfer)
        .map(|(fi, _)| {
            let n = entry_of
                .get(&fi)
                .and_then(|ei| numbers.get(ei))
                .copied()
                .unwrap_or(usize::MAX);
            (n, fi)
        })
        .collect();
    rows.sort_unstable();
    for (i, (n, fi)) in rows.into_iter().enumerate() {
        let Some(f) = review.findings.get(fi) else {
            continue;
        };
        let Some(r) = review.records.get(f.record) else {
            continue;
        };
        let record = input.record(r.index);
        let evidence = f
            .evidence
            .iter()
            .map(|ev| format!("{}{c}{}", cite(ev, lang, false), note_body(ev, lang)))
            .collect::<Vec<_>>()
            .join("\n");
        let mut sources: Vec<String> = Vec::new();
        for ev in &f.evidence {
            let code = ev.note.source.as_str();
            if code.is_empty() {
                continue;
            }
            let line = match record.and_then(|rec| rec.source(code)) {
                Some(src) if !src.reference.is_empty() => {
                    format!("{} {}{c}{}", src.code, src.kind.label(lang), src.reference)
                }
                Some(src) => format!("{} {}", src.code, src.kind.label(lang)),
                None => code.to_string(),
            };
            if !sources.contains(&line) {
                sources.push(line);
            }
        }
        sheet.push(vec![
            (i + 1).into(),
            if n == usize::MAX {
                Cell::Empty
            } else {
                n.into()
            },
            r.unit.as_str().into(),
            r.round.as_str().into(),
            r.inspector.as_str().into(),
            f.item.template_title.as_str().into(),
            f.item.item_text.as_str().into(),
            f.status.label(lang).into(),
            f.finding.title.trim().into(),
            f.finding.statement.trim().into(),
            f.finding.people.trim().into(),
            f.finding.figures.trim().into(),
            f.finding.basis.trim().into(),
            evidence.into(),
            sources.join("\n").into(),
        ]);
    }
    sheet
}
