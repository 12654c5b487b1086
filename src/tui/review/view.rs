//! Drawing the review screen: the tabs, the list of rows with their bars and sign-off
//! states, the detail overlay (through the shared item detail), the sign-off and settlement
//! forms, the status line (a message, else the rounds' milestones) and the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs};

use crate::model::Status;
use crate::model::review::{Grouping, ItemRef};
use crate::model::signoff::{FindingSign, Step, StepState};
use crate::text;
use crate::tui::chrome::{MIN_HEIGHT, MIN_WIDTH, draw_footer, draw_footer_only, too_small};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::{Theme, mark};
use crate::tui::widgets::{ItemDetail, fit, list_offset, popup_area, wrap_lines};

use super::{FORM_ACTIONS, ReviewScreen, Row, Tab};

impl ReviewScreen {
    /// The tab titles with their counts, as drawn.
    pub(super) fn tab_titles(&self) -> Vec<String> {
        let ui = self.ui();
        let r = &self.review;
        vec![
            ui.tabs[0].to_string(),
            format!("{} ({})", ui.tabs[1], self.entries_shown().count()),
            format!(
                "{} ({} {})",
                ui.tabs[2],
                r.disagreements.len(),
                ui.disagreement
            ),
            {
                let (n, late) = self.ledger_counts();
                (ui.ledger_tab)(n, late)
            },
        ]
    }

    pub(super) fn inspector(&self, record: usize) -> &str {
        self.review
            .record(record)
            .map_or("?", |r| r.inspector.as_str())
    }

    pub(super) fn unit_label(&self, unit: usize) -> String {
        self.review
            .units
            .get(unit)
            .map_or_else(String::new, |u| format!("{} {}", u.key.unit, u.key.round))
    }

    /// One line for a row of the list.
    pub(super) fn row_line(&self, row: &Row, width: usize, theme: &Theme) -> Line<'static> {
        let ui = self.ui();
        let r = &self.review;
        match row {
            Row::Unit(u) => {
                let unit = &r.units[*u];
                let label = format!("{} ", self.unit_label(*u));
                // compact, so that the counts still show in the list at 120 columns
                let stats = format!(
                    " {}% {}/{} {} {} {} {}",
                    unit.percent(),
                    unit.done,
                    unit.total,
                    Status::Problem.label(self.lang),
                    unit.problems,
                    Status::Doubt.label(self.lang),
                    unit.doubts
                );
                let mut spans = vec![Span::styled(text::pad(&label, 20), theme.title)];
                if self.tab == Tab::Progress {
                    spans.push(bar(unit.done, unit.total, LIST_BAR));
                    spans.push(Span::raw(stats));
                } else {
                    let n_dis = r.disagreements.iter().filter(|d| d.unit == *u).count();
                    spans.push(Span::raw(format!(
                        "{} {}  {} {}",
                        unit.unchecked.len(),
                        ui.unchecked_n,
                        ui.disagreement,
                        n_dis
                    )));
                }
                fit(spans, width)
            }
            Row::Record(i) => {
                let rec = &r.records[*i];
                let mut spans = vec![
                    Span::raw(format!("  {}", text::pad(&rec.inspector, 12))),
                    bar(rec.summary.done, rec.summary.total, LIST_BAR),
                    Span::raw(format!(
                        " {}% {}/{}",
                        rec.summary.percent(),
                        rec.summary.done,
                        rec.summary.total,
                    )),
                ];
                // the stale mark before the time: a narrow list cuts the time, not the mark
                if rec.stale {
                    spans.push(Span::styled(
                        format!("  {}", (ui.stale)(rec.idle_days)),
                        theme.warn,
                    ));
                }
                spans.push(Span::raw(format!("  {}", rec.updated)));
                fit(spans, width)
            }
            Row::Look { unit, look } => {
                let look = &r.units[*unit].looks[*look];
                fit(
                    vec![
                        Span::raw("  "),
                        Span::styled(format!("{} ", mark(look.status)), theme.status(look.status)),
                        Span::raw(look_head(&look.item.item_text)),
                    ],
                    width,
                )
            }
            Row::Heading(h) => fit(vec![Span::styled(format!("【{h}】"), theme.warn)], width),
            Row::Entry(e) => {
                let entry = &r.entries[*e];
                let rows: Vec<_> = entry
                    .findings
                    .iter()
                    .filter_map(|&i| r.findings.get(i))
                    .collect();
                let title = rows
                    .iter()
                    .map(|f| f.finding.title.trim())
                    .find(|t| !t.is_empty())
                    .unwrap_or(entry.item.item_text.as_str())
                    .replace('\n', " ");
                let mut spans = vec![Span::styled(
                    format!("{} ", mark(entry.status)),
                    theme.status(entry.status),
                )];
                let sign = self.sign_of(*e);
                if let Some(sign) = sign {
                    // How far the sign-off counts, in a column of its own, before anything
                    // a narrow list would cut.
                    let reached = match sign.reached() {
                        None => ui.sign_reached[0],
                        Some(Step::Draft) => ui.sign_reached[1],
                        Some(Step::Check) => ui.sign_reached[2],
                        Some(Step::Approve) => ui.sign_reached[3],
                    };
                    let width = ui.sign_reached.iter().map(|l| text::width(l)).max();
                    let style = if sign.approved() {
                        theme.title
                    } else {
                        theme.dim
                    };
                    spans.push(Span::styled(
                        format!("{} ", text::pad(reached, width.unwrap_or(0))),
                        style,
                    ));
                    if sign
                        .steps
                        .iter()
                        .any(|s| matches!(s, StepState::Changed { .. }))
                    {
                        spans.push(Span::styled(format!("[{}] ", ui.sign_changed), theme.error));
                    }
                }
                if entry.disputed {
                    // inspectors of the unit disagree on this item: settled by the leader, or
                    // to be settled before 审签
                    spans.push(match sign {
                        Some(s) if s.confirmed() => {
                            Span::styled(format!("[{}] ", ui.settled_marks[0]), theme.title)
                        }
                        Some(s) if s.dismissed() => {
                            Span::styled(format!("[{}] ", ui.settled_marks[1]), theme.dim)
                        }
                        _ => Span::styled(format!("[{}] ", ui.disagreement), theme.error),
                    });
                }
                let inspectors: Vec<&str> = rows.iter().map(|f| self.inspector(f.record)).collect();
                spans.push(Span::styled(
                    format!(
                        "{} {} ",
                        self.review
                            .units
                            .get(entry.unit)
                            .map_or("", |u| u.key.unit.as_str()),
                        inspectors.join(ui.list_sep)
                    ),
                    theme.dim,
                ));
                spans.push(Span::raw(title));
                for to in self.transfers(*e) {
                    spans.push(Span::styled(format!("  [{to}]"), theme.warn));
                }
                fit(spans, width)
            }
            Row::Disagreement(i) => {
                let d = &r.disagreements[*i];
                let who: Vec<String> = d
                    .verdicts
                    .iter()
                    .map(|v| format!("{}{}", self.inspector(v.record), mark(v.status)))
                    .collect();
                // settled by the leader: said instead of the bare mark
                let sign = self.entry_of_disagreement(*i).and_then(|e| self.sign_of(e));
                let head = match sign {
                    Some(s) if s.confirmed() => {
                        Span::styled(format!("  [{}] ", ui.settled_marks[0]), theme.title)
                    }
                    Some(s) if s.dismissed() => {
                        Span::styled(format!("  [{}] ", ui.settled_marks[1]), theme.dim)
                    }
                    _ => Span::styled(format!("  {} ", ui.disagreement), theme.error),
                };
                fit(
                    vec![
                        head,
                        Span::raw(format!("{} ", who.join(" "))),
                        Span::raw(d.item.item_text.replace('\n', " ")),
                    ],
                    width,
                )
            }
            Row::Unchecked { unit, item } => {
                let it = &r.units[*unit].unchecked[*item];
                fit(
                    vec![
                        Span::styled(format!("  {} ", mark(Status::Unchecked)), theme.dim),
                        Span::styled(format!("{} ", it.template_title), theme.dim),
                        Span::raw(it.item_text.replace('\n', " ")),
                    ],
                    width,
                )
            }
            Row::Ledger(i) => self.ledger_line(*i, width, theme),
            Row::Failed(i) => {
                let (path, _) = &self.failed[*i];
                fit(
                    vec![Span::styled(
                        format!("{} {path}", ui.home_failed),
                        theme.error,
                    )],
                    width,
                )
            }
        }
    }

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
                            format!("【{}】", look.item.template_title),
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
                    for e in &f.evidence {
                        // Code name and kind only: the record's private reference stays out.
                        let source = e
                            .source_kind
                            .map(|k| format!("{} {}", e.note.source, k.label(lang)));
                        d.note(&mut lines, &e.note, source, theme.dim);
                    }
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
            format!("【{}】{}", self.ui().disagreements, self.unit_label(d.unit)),
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
                    Span::styled(format!("【{}】", self.inspector(v.record)), theme.title),
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
                for e in &v.evidence {
                    let source = e
                        .source_kind
                        .map(|k| format!("{} {}", e.note.source, k.label(lang)));
                    det.note(&mut lines, &e.note, source, theme.dim);
                }
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
        lines.push(Line::styled(format!("【{}】", st.signoff), theme.title));
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

/// The narrowest detail (inner cells) that shows a disagreement's inspectors side by side.
pub const SIDE_BY_SIDE: usize = 100;
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

/// A look by the words before its dash: `一看：领导班子是否坚强有力`.
fn look_head(text: &str) -> String {
    let head = text.split('—').next().unwrap_or_default();
    head.trim_end_matches(['？', '?']).replace('\n', " ")
}

/// The width of the bars in the list, inside the brackets.
const LIST_BAR: usize = 10;

/// A checklist's completion in a detail: the title on its line, then a bar short enough for
/// the narrowest detail pane (80 columns), so the bar never wraps.
fn progress_lines(lines: &mut Vec<Line<'static>>, p: &crate::model::TemplateProgress) {
    lines.push(Line::raw(p.title.clone()));
    lines.push(Line::from(vec![
        bar(p.done, p.total, LIST_BAR),
        Span::raw(format!(" {}/{} {}%", p.done, p.total, p.percent())),
    ]));
}

/// A completion bar in plain ASCII, so it lines up in every terminal and without colour.
fn bar(done: usize, total: usize, width: usize) -> Span<'static> {
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    Span::raw(format!(
        "[{}{}]",
        "#".repeat(filled),
        "-".repeat(width - filled)
    ))
}

pub(super) struct ReviewLayout {
    pub(super) header: Rect,
    pub(super) tabs: Rect,
    pub(super) list: Rect,
    pub(super) detail: Rect,
    pub(super) status: Rect,
    pub(super) footer: Rect,
}

pub(super) fn layout(area: Rect) -> ReviewLayout {
    use ratatui::layout::{Constraint, Layout};
    let [header, tabs, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    ReviewLayout {
        header,
        tabs,
        list,
        detail,
        status,
        footer,
    }
}

pub fn draw(frame: &mut Frame, s: &ReviewScreen, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    let ui = s.ui();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, ui.too_small);
        return;
    }
    let l = layout(area);
    let r = &s.review;
    let rounds = r.rounds().join(ui.list_sep);
    let groups = r.groups().join(ui.list_sep);
    frame.render_widget(
        Paragraph::new(fit(
            [
                Some(Span::styled(format!(" {} ", ui.review_title), theme.title)),
                (r.samples > 0).then(|| {
                    // all samples: the round is a demo; some: say how many, the rest are real
                    let mark = if r.samples >= r.records.len() {
                        ui.sample_mark.to_string()
                    } else {
                        (ui.samples_some)(r.samples, r.records.len())
                    };
                    Span::styled(
                        format!(" {mark} "),
                        theme.error.add_modifier(ratatui::style::Modifier::REVERSED),
                    )
                }),
                Some(Span::raw(format!(
                    " {rounds} {groups} · {} · {}",
                    (ui.records_n)(r.records.len()),
                    s.source
                ))),
            ]
            .into_iter()
            .flatten()
            .collect(),
            usize::from(area.width),
        )),
        l.header,
    );
    let titles = s.tab_titles();
    frame.render_widget(
        Tabs::new(titles)
            .select(s.tab.index())
            .highlight_style(theme.selected)
            .divider("|"),
        l.tabs,
    );
    let rows = s.rows();
    let width = usize::from(l.list.width.saturating_sub(2));
    let offset = list_offset(s.sel(), l.list);
    let height = usize::from(l.list.height.saturating_sub(2));
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let line = s.row_line(row, width, theme);
            if i == s.sel() {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    if s.tab == Tab::Ledger && rows.is_empty() {
        // how to get a ledger, wrapped: the sentence is longer than the list is wide
        lines = wrap_lines(vec![Line::styled(ui.no_ledger, theme.dim)], width);
    } else if rows.is_empty() || (s.tab == Tab::Findings && r.findings.is_empty()) {
        lines.push(Line::styled(ui.no_findings, theme.dim));
    }
    let list_title = match s.tab {
        Tab::Findings => format!(
            " {} · {} ",
            match s.grouping {
                Grouping::Category => ui.by_category,
                Grouping::Checklist => ui.by_checklist,
                Grouping::Focus => ui.by_focus,
            },
            s.unit_filter
                .map_or_else(|| ui.all_units.to_string(), |u| s.unit_label(u))
        ),
        _ => format!(" {} ", ui.tabs[s.tab.index()]),
    };
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border_focus)
                .title(text::truncate(&list_title, width)),
        ),
        l.list,
    );
    crate::tui::widgets::scrollbar(frame, l.list, rows.len(), offset, theme.border_focus);
    let row = rows.get(s.sel());
    let detail = |width: u16| {
        row.map(|row| s.detail_wrapped(row, usize::from(width.saturating_sub(2)), theme))
            .unwrap_or_default()
    };
    frame.render_widget(
        Paragraph::new(detail(l.detail.width)).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(format!(" {} ", ui.detail)),
        ),
        l.detail,
    );
    frame.render_widget(
        Paragraph::new(fit(vec![s.status_line(theme)], usize::from(l.status.width))),
        l.status,
    );
    match s.mode() {
        // the review's forms: only the keys they take
        Mode::Form => draw_footer_only(
            frame,
            keymap,
            Mode::Form,
            s.lang,
            l.footer,
            theme,
            &FORM_ACTIONS,
        ),
        mode => draw_footer(frame, keymap, mode, s.lang, l.footer, theme),
    }
    if let Some(scroll) = &s.detail {
        let rect = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
        popup_area(frame, rect);
        let wrapped = detail(rect.width);
        let total = wrapped.len();
        let scroll = scroll.settle(total, usize::from(rect.height.saturating_sub(2)), None);
        frame.render_widget(
            Paragraph::new(wrapped)
                .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
                .style(Style::default())
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.border_focus)
                        .title(format!(" {} ", ui.detail)),
                ),
            rect,
        );
        crate::tui::widgets::scrollbar(frame, rect, total, scroll, theme.border_focus);
    }
    if let Some(f) = &s.form {
        f.form.render(frame, area, theme, ui.sign_form_hint);
    }
}
