//! Drawing the review screen: the tabs, the list of rows with their bars and sign-off
//! states, the detail overlay (through the shared item detail), the sign-off and settlement
//! forms, the status line (a message, else the rounds' milestones) and the footer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs};

use crate::model::Status;
use crate::model::review::Grouping;
use crate::model::signoff::{Step, StepState};
use crate::text;
use crate::tui::chrome::{MIN_HEIGHT, MIN_WIDTH, draw_footer, draw_footer_only, too_small};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::{Theme, mark};
use crate::tui::widgets::{fit, list_offset, popup_area, wrap_lines};

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

    /// The display width of the widest [`ReviewScreen::unit_label`] and the space after it.
    pub(super) fn unit_label_width(&self) -> usize {
        self.review
            .units
            .iter()
            .map(|u| text::width(&u.key.unit) + text::width(&u.key.round) + 2)
            .max()
            .unwrap_or(0)
    }

    /// One line for a row of the list; `widest` is [`ReviewScreen::unit_label_width`] (worked
    /// out once for all the rows drawn).
    pub(super) fn row_line(
        &self,
        row: &Row,
        width: usize,
        widest: usize,
        theme: &Theme,
    ) -> Line<'static> {
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
                // as wide as the widest unit's name where the list has room beside the counts
                // (at least 20 columns, so that a narrow list still shows them)
                let room = width.saturating_sub(LIST_BAR + text::width(&stats) + 2);
                let label_width = widest.min(room).max(20);
                let mut spans = vec![Span::styled(text::pad(&label, label_width), theme.title)];
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
            Row::Heading(h) => fit(vec![Span::styled(self.lang.heading(h), theme.warn)], width),
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
}

/// The narrowest detail (inner cells) that shows a disagreement's inspectors side by side.
pub const SIDE_BY_SIDE: usize = 100;

/// A look by the words before its dash: `一看：领导班子是否坚强有力`.
pub(super) fn look_head(text: &str) -> String {
    let head = text.split('—').next().unwrap_or_default();
    head.trim_end_matches(['？', '?']).replace('\n', " ")
}

/// The width of the bars in the list, inside the brackets.
const LIST_BAR: usize = 10;

/// A checklist's completion in a detail: the title on its line, then a bar short enough for
/// the narrowest detail pane (80 columns), so the bar never wraps.
pub(super) fn progress_lines(lines: &mut Vec<Line<'static>>, p: &crate::model::TemplateProgress) {
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
                // files that did not load: before anything the width may cut
                (!s.failed.is_empty()).then(|| {
                    Span::styled(
                        format!(" {} ", (ui.failed_n)(s.failed.len())),
                        theme.error.add_modifier(ratatui::style::Modifier::REVERSED),
                    )
                }),
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
    let widest = s.unit_label_width();
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let line = s.row_line(row, width, widest, theme);
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
        if f.confirming {
            crate::tui::widgets::confirm(frame, area, ui.confirm_discard, ui.yes_no, theme);
        }
    }
    // A message too wide for the status line, whole, over everything (it goes at the next key).
    if let Some((message, error)) = &s.message {
        let style = if *error { theme.error } else { theme.title };
        crate::tui::widgets::overflow(frame, l.status, message, style);
    }
}
