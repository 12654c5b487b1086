//! The review's 整改 tab: the units' 整改台账 as `xuncha rectify status` lists them — overdue
//! first, by [`status_order`] and [`LedgerItem::overdue_days`] of `model::ledger` — one line
//! per item (unit, 序号, the problem cut to the room left, deadline, type, progress, 逾期 N 天)
//! and a detail with everything the unit filled in.

use ratatui::text::{Line, Span};

use super::ReviewScreen;
use crate::model::day::Day;
use crate::model::ledger::{Ledger, LedgerItem, Progress, RectifyType, status_order};
use crate::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::fit;

/// The problem column is never cut narrower than this while a column after it can go instead.
const MIN_PROBLEM: usize = 12;
/// Nor ever narrower than this: the list at 80 columns still shows the deadline and 逾期.
const MIN_CUT: usize = 6;
/// The widest the unit column grows.
const MAX_UNIT: usize = 16;
/// A deadline: `2026-11-01`.
const DEADLINE_W: usize = 10;
/// A column left blank: ASCII, of known width (the em dash is of ambiguous width).
const NONE: &str = "-";

impl ReviewScreen {
    /// Take the units' ledgers and order their items as `rectify status` does.
    pub fn set_ledgers(&mut self, ledgers: Vec<Ledger>) {
        let today = self.today();
        let mut rows: Vec<(usize, usize)> = ledgers
            .iter()
            .enumerate()
            .flat_map(|(l, ledger)| (0..ledger.items.len()).map(move |i| (l, i)))
            .collect();
        rows.sort_by(|a, b| {
            let a = (ledgers[a.0].unit.as_str(), &ledgers[a.0].items[a.1]);
            let b = (ledgers[b.0].unit.as_str(), &ledgers[b.0].items[b.1]);
            status_order(a, b, today)
        });
        self.ledgers = ledgers;
        self.ledger_rows = rows;
    }

    /// The day overdue is counted to: the day the review was built.
    pub fn today(&self) -> Day {
        Day(self.review.now.0.date_naive())
    }

    /// The ledger and item of row `row` of the 整改 tab.
    pub fn ledger_item(&self, row: usize) -> Option<(&Ledger, &LedgerItem)> {
        let &(l, i) = self.ledger_rows.get(row)?;
        let ledger = self.ledgers.get(l)?;
        Some((ledger, ledger.items.get(i)?))
    }

    /// How many ledger items there are, and how many of them are overdue.
    pub fn ledger_counts(&self) -> (usize, usize) {
        let today = self.today();
        let late = (0..self.ledger_rows.len())
            .filter_map(|r| self.ledger_item(r))
            .filter(|(_, i)| i.overdue_days(today).is_some())
            .count();
        (self.ledger_rows.len(), late)
    }

    /// Whether the ledgers are of more than one round (then each unit says its round).
    fn several_rounds(&self) -> bool {
        self.ledgers
            .iter()
            .any(|l| self.ledgers.first().is_some_and(|f| f.round != l.round))
    }

    fn ledger_unit(&self, ledger: &Ledger) -> String {
        if self.several_rounds() {
            format!("{} {}", ledger.unit, ledger.round)
        } else {
            ledger.unit.clone()
        }
    }

    /// One line of the 整改 tab, `width` cells wide: the columns line up from row to row;
    /// where the list is narrow, 类型, then 进展, then the deadline give way (the detail has
    /// them) before the problem is cut below [`MIN_PROBLEM`] cells; 逾期 N 天 stays in view,
    /// the problem cut down to [`MIN_CUT`] cells first.
    pub fn ledger_line(&self, row: usize, width: usize, theme: &Theme) -> Line<'static> {
        let Some((ledger, item)) = self.ledger_item(row) else {
            return Line::default();
        };
        let (lang, r, today) = (self.lang, self.lang.rectify(), self.today());
        let units = (0..self.ledger_rows.len()).filter_map(|r| self.ledger_item(r));
        let unit_w = units
            .clone()
            .map(|(l, _)| text::width(&self.ledger_unit(l)))
            .max()
            .unwrap_or(0)
            .min(MAX_UNIT);
        let number_w = units
            .clone()
            .map(|(_, i)| i.number.to_string().len())
            .max()
            .unwrap_or(1);
        let late_w = units
            .map(|(_, i)| {
                i.overdue_days(today)
                    .map_or(0, |n| text::width(&(r.overdue_days)(n)))
            })
            .max()
            .unwrap_or(0);
        let kind_w = RectifyType::ALL
            .iter()
            .map(|k| text::width(k.label(lang)))
            .max();
        let progress_w = Progress::ALL
            .iter()
            .map(|p| text::width(p.label(lang)))
            .max();
        let (kind_w, progress_w) = (kind_w.unwrap_or(0), progress_w.unwrap_or(0));
        // unit, 序号 and the overdue column, each with the two spaces before the next
        let fixed = unit_w + 1 + number_w + 2 + 2 + late_w;
        let room = |deadline: bool, kind: bool, progress: bool| {
            let used = fixed
                + if deadline { DEADLINE_W + 2 } else { 0 }
                + if kind { kind_w + 2 } else { 0 }
                + if progress { progress_w + 2 } else { 0 };
            width.saturating_sub(used)
        };
        let columns = [
            (true, true, true),
            (true, false, true),
            (true, false, false),
        ];
        let (deadline, kind, progress) = columns
            .into_iter()
            .find(|&(d, k, p)| room(d, k, p) >= MIN_PROBLEM)
            .unwrap_or((false, false, false));
        let problem_w = room(deadline, kind, progress).max(MIN_CUT);
        let dash = |s: Option<&str>| s.unwrap_or(NONE).to_string();
        let late = item.overdue_days(today);
        let mut spans = vec![
            Span::styled(
                format!(
                    "{} {:>number_w$}  ",
                    text::pad(&self.ledger_unit(ledger), unit_w),
                    item.number
                ),
                theme.dim,
            ),
            Span::raw(format!(
                "{}  ",
                text::pad(&item.problem.replace('\n', " "), problem_w)
            )),
        ];
        if deadline {
            spans.push(Span::raw(format!(
                "{}  ",
                text::pad(
                    &dash(item.deadline.map(|d| d.to_string()).as_deref()),
                    DEADLINE_W
                )
            )));
        }
        if kind {
            spans.push(Span::raw(format!(
                "{}  ",
                text::pad(&dash(item.kind.map(|k| k.label(lang))), kind_w)
            )));
        }
        if progress {
            let style = if item.progress == Some(Progress::Done) {
                theme.title
            } else {
                theme.dim
            };
            spans.push(Span::styled(
                format!(
                    "{}  ",
                    text::pad(&dash(item.progress.map(|p| p.label(lang))), progress_w)
                ),
                style,
            ));
        }
        if let Some(n) = late {
            spans.push(Span::styled((r.overdue_days)(n), theme.error));
        }
        fit(spans, width)
    }

    /// The detail of a ledger item: the problem, then every column the unit filled in.
    pub(super) fn ledger_detail(&self, row: usize, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let Some((ledger, item)) = self.ledger_item(row) else {
            return lines;
        };
        let (ui, r, lang) = (self.ui(), self.lang.rectify(), self.lang);
        let c = ui.colon;
        lines.push(Line::styled(
            format!(
                "{} {} · {} {}",
                ledger.unit, ledger.round, r.col_number, item.number
            ),
            theme.title,
        ));
        if let Some(n) = item.overdue_days(self.today()) {
            lines.push(Line::styled((r.overdue_days)(n), theme.error));
        }
        // A value of several lines goes on under its label; an empty one is a dash.
        let field = |lines: &mut Vec<Line<'static>>, label: &str, value: String| {
            let mut parts = value.lines().filter(|l| !l.trim().is_empty());
            lines.push(Line::from(vec![
                Span::styled(format!("{label}{c}"), theme.dim),
                Span::raw(parts.next().unwrap_or(NONE).to_string()),
            ]));
            lines.extend(parts.map(|p| Line::raw(p.to_string())));
        };
        let [measures, leaders, departments, evidence, signoff, imported] = ui.ledger_fields;
        field(&mut lines, r.col_problem, item.problem.clone());
        field(&mut lines, measures, item.measures.clone());
        field(&mut lines, leaders, item.leaders.clone());
        field(&mut lines, departments, item.departments.clone());
        field(
            &mut lines,
            r.col_deadline,
            item.deadline.map(|d| d.to_string()).unwrap_or_default(),
        );
        field(
            &mut lines,
            r.col_type,
            item.kind
                .map(|k| k.label(lang).to_string())
                .unwrap_or_default(),
        );
        field(
            &mut lines,
            r.col_progress,
            item.progress
                .map(|p| p.label(lang).to_string())
                .unwrap_or_default(),
        );
        field(&mut lines, evidence, item.evidence.clone());
        field(&mut lines, signoff, item.signoff.clone());
        field(&mut lines, imported, item.imported.to_string());
        lines
    }
}
