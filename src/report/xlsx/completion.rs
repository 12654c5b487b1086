//! 完成情况: units × checklists.

use super::labels;
use super::sheet::{Cell, MEDIUM, NARROW, Sheet, col};
use crate::report::{Input, paren};

/// Units × checklists: `done/total` per checklist, the total, the share done; in the full
/// version a row per inspector too, the doubts and the last change (stale marked).
pub(super) fn completion(input: &Input<'_>) -> Sheet {
    let s = input.options.s();
    let l = labels(input.options.lang);
    let review = &input.review;
    let redact = input.redaction.on;
    let mut columns = vec![col(s.unit, MEDIUM), col(s.round, NARROW)];
    if !redact {
        columns.push(col(s.inspector, NARROW));
    }
    columns.extend(review.columns.iter().map(|(_, title)| col(title, NARROW)));
    columns.push(col(s.total, NARROW));
    columns.push(col(l.percent, NARROW));
    columns.push(col(s.problems, NARROW));
    if !redact {
        columns.push(col(s.doubts, NARROW));
        columns.push(col(s.last_change, MEDIUM));
    }
    let mut sheet = Sheet::new(columns);
    let shown = input.feedback.shown_per_unit(review);
    let progress = |per: &[crate::model::progress::TemplateProgress], id: &str| -> Cell {
        match per.iter().find(|p| p.id == id) {
            None => "-".into(),
            Some(p) if p.missing => "?".into(),
            Some(p) => format!("{}/{}", p.done, p.total).into(),
        }
    };
    let share = |done: usize, total: usize| {
        if total == 0 {
            Cell::Empty
        } else {
            Cell::Percent(done as f64 / total as f64)
        }
    };
    for (ui, unit) in review.units.iter().enumerate() {
        let mut row: Vec<Cell> = vec![
            unit.key.unit.as_str().into(),
            unit.key.round.as_str().into(),
        ];
        if !redact {
            row.push(s.report.unit_total.into());
        }
        for (id, _) in &review.columns {
            row.push(progress(&unit.per_template, id));
        }
        row.push(format!("{}/{}", unit.done, unit.total).into());
        row.push(share(unit.done, unit.total));
        if redact {
            row.push(shown.get(ui).copied().unwrap_or_default().into());
        } else {
            row.push(unit.problems.into());
            row.push(unit.doubts.into());
            row.push(Cell::Empty);
        }
        sheet.push(row);
        if redact {
            continue;
        }
        for &ri in &unit.records {
            let Some(r) = review.records.get(ri) else {
                continue;
            };
            let mut row: Vec<Cell> = vec![
                unit.key.unit.as_str().into(),
                unit.key.round.as_str().into(),
                r.inspector.as_str().into(),
            ];
            for (id, _) in &review.columns {
                row.push(progress(&r.summary.per_template, id));
            }
            row.push(format!("{}/{}", r.summary.done, r.summary.total).into());
            row.push(share(r.summary.done, r.summary.total));
            row.push(r.summary.problems.into());
            row.push(r.summary.doubts.into());
            let mut when = crate::report::when(r.updated);
            if r.stale {
                when.push_str(&paren(
                    &(s.report.stale)(review.stale_days),
                    input.options.lang,
                ));
            }
            row.push(when.into());
            sheet.push(row);
        }
    }
    sheet
}
