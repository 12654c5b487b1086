//! The review screen's detail pane: a row's detail (every field, evidence by source code
//! only), a disagreement's inspectors side by side, the sign-off and the clue's receiver.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::model::Status;
use crate::model::review::ItemRef;
use crate::model::signoff::{FindingSign, Step, StepState};
use crate::text;
use crate::tui::theme::{Theme, mark};
use crate::tui::widgets::{ItemDetail, wrap_lines};

use super::view::{SIDE_BY_SIDE, look_head, progress_lines};
use super::{ReviewScreen, Row};

impl ReviewScreen {
    /// The detail of a row: every field, evidence with source code names only.
    pub(super) fn detail_lines(&self, row: &Row, theme: &Theme) -> Vec<Line<'static>> {
        let ui = self.ui();
        let lang = self.lang;
        let r = &self.review;
        let c = ui.colon;
        let mut lines = Vec::new();
        let field = |lines: &mut Vec<Line<'static>>, label: &str, value: &str| {
            if !value.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{label}{c}"), theme.dim),
                    Span::raw(value.to_string()),
                ]));
            }
        };
        match row {
            Row::Unit(u) => {
                let unit = &r.units[*u];
                lines.push(Line::styled(self.unit_label(*u), theme.title));
                field(&mut lines, ui.f_group, &unit.groups.join(ui.list_sep));
                for p in &unit.per_template {
                    progress_lines(&mut lines, p);
                }
                lines.push(Line::raw(format!(
                    "{}{c}{}/{} {}%",
                    ui.unit_total,
                    unit.done,
                    unit.total,
                    unit.percent()
                )));
                for i in &unit.records {
                    let rec = &r.records[*i];
                    lines.push(Line::raw(format!(
                        "{}  {}/{} {}%  {}",
                        text::pad(&rec.inspector, 10),
                        rec.summary.done,
                        rec.summary.total,
                        rec.summary.percent(),
                        rec.updated
                    )));
                }
                // the looks, each under its lens checklist's title (not counted above)
                let mut lens = None;
                for look in &unit.looks {
                    if lens != Some(&look.item.template_title) {
                        lens = Some(&look.item.template_title);
                        lines.push(Line::styled(
                            self.lang.heading(&look.item.template_title),
                            theme.title,
                        ));
                    }
                    // 一看：领导班子是否坚强有力（发现问题）
                    let state = match lang {
                        crate::i18n::Lang::Zh => format!("（{}）", look.status.label(lang)),
                        crate::i18n::Lang::En => format!(" ({})", look.status.label(lang)),
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{} ", mark(look.status)), theme.status(look.status)),
                        Span::raw(look_head(&look.item.item_text)),
                        Span::styled(state, theme.dim),
                    ]));
                }
            }
            Row::Look { unit, look } => {
                // the look, its state for the unit, and what it rests on, each with the
                // unit's state of it
                let look = &r.units[*unit].looks[*look];
                lines.push(Line::styled(self.unit_label(*unit), theme.dim));
                let place = Some(format!(
                    "{} · {}",
                    look.item.template_title, look.item.section_title
                ));
                let refs: Vec<(String, Status)> = look
                    .refs
                    .iter()
                    .map(|(i, s)| (format!("{} {}", i.template_title, i.item_text), *s))
                    .collect();
                match self.catalog.resolve(&look.item.key) {
                    Some((_, _, item)) => {
                        self.item_detail(theme).look(
                            &mut lines,
                            place,
                            item,
                            Some(look.status),
                            &refs,
                        );
                    }
                    None => self.item_lines(&mut lines, &look.item, theme),
                }
                // Notes an earlier version let be written on the look itself, under the
                // inspector who wrote them (the inspect screen and the reports show them too).
                if !look.notes.is_empty() {
                    let d = self.item_detail(theme);
                    lines.push(d.heading(ui.evidence));
                    let mut last = None;
                    for (rec, e) in &look.notes {
                        if last != Some(*rec) {
                            last = Some(*rec);
                            lines.push(Line::styled(self.inspector(*rec).to_string(), theme.dim));
                        }
                        evidence(&d, &mut lines, std::slice::from_ref(e), lang, theme);
                    }
                }
            }
            Row::Record(i) => {
                let rec = &r.records[*i];
                lines.push(Line::styled(
                    format!("{} · {} · {}", rec.unit, rec.round, rec.inspector),
                    theme.title,
                ));
                field(&mut lines, ui.f_group, &rec.group);
                field(&mut lines, "file", &rec.path.display().to_string());
                for p in &rec.summary.per_template {
                    progress_lines(&mut lines, p);
                }
                field(&mut lines, ui.last_change, &rec.updated.to_string());
                if rec.stale {
                    lines.push(Line::styled((ui.stale)(rec.idle_days), theme.warn));
                }
                for k in &rec.orphan_keys {
                    lines.push(Line::styled(format!("{} {k}", ui.orphans), theme.warn));
                }
            }
            Row::Heading(h) => lines.push(Line::styled(h.clone(), theme.title)),
            Row::Entry(e) => {
                let entry = &r.entries[*e];
                if let Some(sign) = self.sign_of(*e) {
                    self.sign_lines(&mut lines, *e, sign, theme);
                }
                let d = self.item_detail(theme);
                self.item_lines(&mut lines, &entry.item, theme);
                // Each inspector's finding of the entry, one after another.
                for f in entry.findings.iter().filter_map(|&i| r.findings.get(i)) {
                    let rec = &r.records[f.record];
                    lines.push(Line::from(vec![
                        Span::styled(format!("{} ", mark(f.status)), theme.status(f.status)),
                        Span::raw(format!(
                            "{} · {} · {} · {}",
                            f.status.label(lang),
                            rec.unit,
                            rec.round,
                            rec.inspector
                        )),
                    ]));
                    d.finding(&mut lines, &f.finding, f.category);
                    lines.push(d.heading(ui.evidence));
                    evidence(&d, &mut lines, &f.evidence, lang, theme);
                }
            }
            Row::Disagreement(i) => {
                let d = &r.disagreements[*i];
                lines = self.disagreement_head(*i, theme);
                for v in &d.verdicts {
                    lines.push(Line::from(vec![
                        Span::raw(text::pad(self.inspector(v.record), 10)),
                        Span::styled(
                            format!("{} {}", mark(v.status), v.status.label(lang)),
                            theme.status(v.status),
                        ),
                    ]));
                }
                // Then what each inspector wrote, one after another under their name, so the
                // leader reads the two sides together.
                for column in self.verdict_columns(*i, theme) {
                    lines.push(Line::raw(""));
                    lines.extend(column);
                }
            }
            Row::Unchecked { unit, item } => {
                let it = &r.units[*unit].unchecked[*item];
                self.item_lines(&mut lines, it, theme);
                lines.push(Line::styled(self.unit_label(*unit), theme.dim));
            }
            Row::Ledger(i) => lines = self.ledger_detail(*i, theme),
            Row::Failed(i) => {
                let (path, err) = &self.failed[*i];
                lines.push(Line::styled(path.clone(), theme.error));
                for l in err.lines() {
                    lines.push(Line::raw(l.to_string()));
                }
            }
        }
        lines
    }

    /// The detail of `row` wrapped to `width` cells, as drawn. A disagreement's inspectors
    /// stand side by side, one column each, where the width allows
    /// ([`SIDE_BY_SIDE`] cells, and [`MIN_COLUMN`] for each); elsewhere one under the other.
    pub(super) fn detail_wrapped(
        &self,
        row: &Row,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        if let Row::Disagreement(i) = row {
            let columns = self.verdict_columns(*i, theme);
            let n = columns.len();
            if width >= SIDE_BY_SIDE && n > 1 && width / n >= MIN_COLUMN {
                let mut lines = wrap_lines(self.disagreement_head(*i, theme), width);
                lines.extend(side_by_side(columns, width, theme));
                return lines;
            }
        }
        wrap_lines(self.detail_lines(row, theme), width)
    }

    /// The head of a disagreement's detail: the sign-off, the item, and the unit.
    fn disagreement_head(&self, i: usize, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let Some(d) = self.review.disagreements.get(i) else {
            return lines;
        };
        if let Some(e) = self.entry_of_disagreement(i)
            && let Some(sign) = self.sign_of(e)
        {
            self.sign_lines(&mut lines, e, sign, theme);
        }
        self.item_lines(&mut lines, &d.item, theme);
        lines.push(Line::styled(
            format!(
                "{}{}",
                self.lang.heading(self.ui().disagreements),
                self.unit_label(d.unit)
            ),
            theme.title,
        ));
        lines
    }

    /// What each inspector of a disagreement said: under their name and status, the finding
    /// and the evidence (by source code name and kind only, as for a finding's evidence).
    fn verdict_columns(&self, i: usize, theme: &Theme) -> Vec<Vec<Line<'static>>> {
        let (ui, lang) = (self.ui(), self.lang);
        let Some(d) = self.review.disagreements.get(i) else {
            return Vec::new();
        };
        let det = self.item_detail(theme);
        d.verdicts
            .iter()
            .map(|v| {
                let mut lines = vec![Line::from(vec![
                    Span::styled(self.lang.heading(self.inspector(v.record)), theme.title),
                    Span::styled(
                        format!("{} {}", mark(v.status), v.status.label(lang)),
                        theme.status(v.status),
                    ),
                ])];
                if let Some(finding) = &v.finding {
                    det.finding(&mut lines, finding, finding.category.or(d.item.category));
                }
                if !v.evidence.is_empty() {
                    lines.push(det.heading(ui.evidence));
                }
                evidence(&det, &mut lines, &v.evidence, lang, theme);
                lines
            })
            .collect()
    }

    /// Where each clue of entry `e` goes: `线索移交：组织部门`, or `线索移交：接收单位待定` (no
    /// arrow: `→` is of ambiguous width).
    pub(super) fn transfers(&self, e: usize) -> Vec<String> {
        let st = self.lang.signoff();
        let mut out: Vec<String> = Vec::new();
        let findings = self.review.entries.get(e).map_or(&[][..], |e| &e.findings);
        for f in findings.iter().filter_map(|&i| self.review.findings.get(i)) {
            if f.finding.transfer {
                let to = f
                    .finding
                    .receiver_label(self.lang)
                    .unwrap_or_else(|| st.receiver_undecided.to_string());
                let colon = match self.lang {
                    crate::i18n::Lang::Zh => "：",
                    crate::i18n::Lang::En => ": ",
                };
                let mark = format!("{}{colon}{to}", st.transfer);
                if !out.contains(&mark) {
                    out.push(mark);
                }
            }
        }
        out
    }

    /// 【签审】: the finding's key, each step's state as the command line shows it, the
    /// leader's settlement and the marks.
    pub(super) fn sign_lines(
        &self,
        lines: &mut Vec<Line<'static>>,
        e: usize,
        sign: &FindingSign,
        theme: &Theme,
    ) {
        let (ui, st, lang) = (self.ui(), self.lang.signoff(), self.lang);
        let c = ui.colon;
        lines.push(Line::styled(self.lang.heading(st.signoff), theme.title));
        lines.push(Line::from(vec![
            Span::styled(format!("{}{c}", st.key), theme.dim),
            Span::raw(sign.key.clone()),
        ]));
        for step in Step::ALL {
            let state = sign.step(step);
            let style = match state {
                StepState::Current { .. } => theme.title,
                StepState::Missing => theme.dim,
                StepState::Changed { .. } | StepState::OutOfOrder { .. } => theme.error,
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{}{c}", step.label(lang)), theme.dim),
                Span::styled(state.label(lang), style),
            ]));
        }
        let entry = self.review.entries.get(e);
        let mut marks: Vec<String> = Vec::new();
        if entry.is_some_and(|e| e.status == Status::Doubt) {
            marks.push(st.doubt.to_string());
        }
        if entry.is_some_and(|e| e.disputed) {
            marks.push(
                if sign.confirmed() {
                    st.confirmed
                } else if sign.dismissed() {
                    st.dismissed
                } else {
                    st.disputed
                }
                .to_string(),
            );
            if sign.settlement_changed && sign.settlement.is_none() {
                marks.push(st.settlement_changed.to_string());
            }
        }
        marks.extend(self.transfers(e));
        let cadre = entry.is_some_and(|en| {
            en.findings
                .iter()
                .filter_map(|&i| self.review.findings.get(i))
                .any(|f| f.finding.leading_cadre)
        });
        if cadre {
            marks.push(st.leading_cadre.to_string());
        }
        if !marks.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}{c}", st.marks), theme.dim),
                Span::styled(marks.join(lang.list_separator()), theme.warn),
            ]));
        }
        if let Some(s) = &sign.settlement {
            lines.push(Line::from(vec![
                Span::styled(format!("{}{c}", ui.f_decision), theme.dim),
                Span::raw(format!(
                    "{} {} {}",
                    s.decision.label(lang),
                    s.signer,
                    s.at.0.format("%Y-%m-%d")
                )),
            ]));
            lines.push(Line::from(vec![
                Span::styled(format!("{}{c}", ui.f_reason), theme.dim),
                Span::raw(s.reason.clone()),
            ]));
        }
        lines.push(Line::raw(""));
    }

    /// The status line: the message of the last action, else each round's milestones.
    pub(super) fn status_line(&self, theme: &Theme) -> Span<'static> {
        if let Some((text, error)) = &self.message {
            let style = if *error { theme.error } else { theme.title };
            return Span::styled(text.clone(), style);
        }
        let ui = self.ui();
        let said: Vec<String> = self
            .review
            .rounds()
            .into_iter()
            .map(|round| {
                let leader = self.signoffs.leader(round);
                let reported = leader.and_then(|l| l.reported.as_ref()).map(|m| m.date);
                let fed = leader.map_or(0, |l| l.fed_back.len());
                (ui.milestones)(
                    round,
                    reported.as_ref().map(|d| d as &dyn std::fmt::Display),
                    fed,
                )
            })
            .collect();
        Span::styled(said.join("  "), theme.dim)
    }

    pub(super) fn item_detail<'a>(&self, theme: &'a Theme) -> ItemDetail<'a> {
        ItemDetail {
            lang: self.lang,
            theme,
            search: "",
        }
    }

    /// The item as the inspect screen shows it (the shared [`ItemDetail`]), under the
    /// checklist and section it sits in.
    pub(super) fn item_lines(&self, lines: &mut Vec<Line<'static>>, item: &ItemRef, theme: &Theme) {
        let d = self.item_detail(theme);
        let place = Some(format!("{} · {}", item.template_title, item.section_title));
        match self.catalog.resolve(&item.key) {
            Some((_, _, it)) if !item.orphan => d.item(lines, place, it, None),
            _ => d.orphan(lines, place, &item.item_text, None),
        }
    }
}

/// The narrowest column of one inspector side by side.
const MIN_COLUMN: usize = 30;
/// Between two columns: a space, an ASCII bar (known width in every terminal), a space.
const GUTTER: u16 = 3;

/// Columns of lines next to each other, `width` cells in all: split by a horizontal
/// [`Layout`](ratatui::layout::Layout) into equal columns with a gutter, each column wrapped
/// to its own width and padded, so the rows of the columns line up and scroll together.
fn side_by_side(
    columns: Vec<Vec<Line<'static>>>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    use ratatui::layout::{Constraint, Layout};
    let area = Rect::new(0, 0, u16::try_from(width).unwrap_or(u16::MAX), 1);
    let areas = Layout::horizontal(columns.iter().map(|_| Constraint::Fill(1)))
        .spacing(GUTTER)
        .split(area);
    let wrapped: Vec<Vec<Line<'static>>> = columns
        .into_iter()
        .zip(areas.iter())
        .map(|(c, a)| wrap_lines(c, usize::from(a.width)))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
    (0..height)
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut x = 0;
            for (k, (column, a)) in wrapped.iter().zip(areas.iter()).enumerate() {
                let (start, gap) = (usize::from(a.x), usize::from(GUTTER));
                if k > 0 {
                    // up to the gutter, then the bar in its middle
                    spans.push(Span::raw(" ".repeat(start.saturating_sub(x + gap))));
                    spans.push(Span::styled(" | ", theme.dim));
                    x = start;
                }
                if let Some(line) = column.get(row) {
                    x += line.width();
                    spans.extend(line.spans.iter().cloned());
                }
                if k + 1 < wrapped.len() {
                    let end = start + usize::from(a.width);
                    spans.push(Span::raw(" ".repeat(end.saturating_sub(x))));
                    x = end.max(x);
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// Evidence notes under an item, each headed by its source's code name and kind only: the
/// record's private reference stays out.
fn evidence(
    d: &ItemDetail,
    lines: &mut Vec<Line<'static>>,
    evidence: &[crate::model::review::Evidence],
    lang: crate::i18n::Lang,
    theme: &Theme,
) {
    for e in evidence {
        let source = e
            .source_kind
            .map(|k| format!("{} {}", e.note.source, k.label(lang)));
        d.note(lines, &e.note, source, theme.dim);
    }
}
