//! The group leader's review: progress (units × inspectors × checklists), findings grouped by
//! the 三大问题 or by checklist, and coverage (unchecked items and disagreements). Read-only:
//! nothing here can change a record.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs};

use super::effect::Effect;
use super::keymap::{Action, Keymap, Mode};
use super::scroll::Scroll;
use super::theme::{Theme, mark};
use super::view::{
    MIN_HEIGHT, MIN_WIDTH, draw_footer, fit, list_offset, popup_area, too_small, wrap_lines,
};
use super::widgets::ItemDetail;
use crate::i18n::Lang;
use crate::i18n::ui::{Ui, ui};
use crate::model::review::{Grouping, ItemRef, Review};
use crate::model::{Catalog, Status, Timestamp};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Progress,
    Findings,
    Coverage,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Progress, Tab::Findings, Tab::Coverage];

    fn index(self) -> usize {
        self as usize
    }
}

/// A selectable row of a tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Unit(usize),
    Record(usize),
    Heading(String),
    Finding(usize),
    Disagreement(usize),
    Unchecked { unit: usize, item: usize },
    Failed(usize),
}

pub struct ReviewScreen {
    pub lang: Lang,
    pub review: Review,
    pub catalog: Catalog,
    /// Files that did not load, with the error.
    pub failed: Vec<(String, String)>,
    /// The folders or files reviewed, for the header.
    pub source: String,
    pub tab: Tab,
    pub selected: [usize; 3],
    pub grouping: Grouping,
    /// Findings of one unit only (index into `review.units`).
    pub unit_filter: Option<usize>,
    /// The full-screen detail of the selected row, and its scroll.
    pub detail: Option<Scroll>,
}

impl ReviewScreen {
    pub fn new(
        lang: Lang,
        review: Review,
        catalog: Catalog,
        failed: Vec<(String, String)>,
        source: String,
    ) -> ReviewScreen {
        ReviewScreen {
            lang,
            review,
            catalog,
            failed,
            source,
            tab: Tab::Progress,
            selected: [0; 3],
            grouping: Grouping::Category,
            unit_filter: None,
            detail: None,
        }
    }

    pub fn mode(&self) -> Mode {
        if self.detail.is_some() {
            Mode::Detail
        } else {
            Mode::Review
        }
    }

    fn ui(&self) -> &'static Ui {
        ui(self.lang)
    }

    /// The rows of the current tab.
    pub fn rows(&self) -> Vec<Row> {
        let r = &self.review;
        let mut rows = Vec::new();
        match self.tab {
            Tab::Progress => {
                for (u, unit) in r.units.iter().enumerate() {
                    rows.push(Row::Unit(u));
                    rows.extend(unit.records.iter().map(|i| Row::Record(*i)));
                }
                rows.extend((0..self.failed.len()).map(Row::Failed));
            }
            Tab::Findings => {
                let unit = self
                    .unit_filter
                    .and_then(|u| r.units.get(u))
                    .map(|u| &u.key);
                for g in r.grouped(self.grouping, unit) {
                    rows.push(Row::Heading(format!(
                        "{} ({})",
                        g.key.label(self.lang),
                        g.findings.len()
                    )));
                    rows.extend(g.findings.into_iter().map(Row::Finding));
                }
            }
            Tab::Coverage => {
                for (u, unit) in r.units.iter().enumerate() {
                    rows.push(Row::Unit(u));
                    rows.extend(
                        r.disagreements
                            .iter()
                            .enumerate()
                            .filter(|(_, d)| d.unit == u)
                            .map(|(i, _)| Row::Disagreement(i)),
                    );
                    rows.extend(
                        (0..unit.unchecked.len()).map(|item| Row::Unchecked { unit: u, item }),
                    );
                }
            }
        }
        rows
    }

    /// The selected row: never a group heading (a heading is passed over, downwards first).
    fn sel(&self) -> usize {
        let v = self.selected[self.tab.index()];
        let rows = self.rows();
        nearest_selectable(&rows, v, true).unwrap_or(v)
    }

    /// The row the cursor is on, if the tab has any.
    pub fn selected_row(&self) -> Option<Row> {
        self.rows().get(self.sel()).cloned()
    }

    /// Select row `v` (clamped); a heading there is passed over in the direction of the move
    /// (`forward`), or the other way when nothing selectable lies that way.
    fn set_sel_towards(&mut self, v: usize, forward: bool) {
        let rows = self.rows();
        let v = v.min(rows.len().saturating_sub(1));
        self.selected[self.tab.index()] = nearest_selectable(&rows, v, forward).unwrap_or(v);
    }

    fn set_sel(&mut self, v: usize) {
        let forward = v >= self.sel();
        self.set_sel_towards(v, forward);
    }

    /// Handle an action in the current mode; `q` asks to quit. Read-only: no effect touches a
    /// record, and `now` is unused (staleness was judged when the review was built).
    pub fn update(&mut self, action: Action, _now: Timestamp) -> Vec<Effect> {
        if self.update_inner(action) {
            vec![Effect::Quit]
        } else {
            Vec::new()
        }
    }

    fn update_inner(&mut self, action: Action) -> bool {
        if let Some(scroll) = &mut self.detail {
            // Scrolling stops at the last line (the view settles it to the text drawn).
            match action {
                Action::Back => self.detail = None,
                Action::Down => scroll.by(1),
                Action::Up => scroll.by(-1),
                Action::PageDown => scroll.page_down(),
                Action::PageUp => scroll.page_up(),
                Action::First => scroll.home(),
                Action::Last => scroll.end(),
                _ => {}
            }
            return false;
        }
        let i = self.tab.index();
        match action {
            Action::Quit => return true,
            Action::NextTab => self.tab = Tab::ALL[(i + 1) % 3],
            Action::PrevTab => self.tab = Tab::ALL[(i + 2) % 3],
            Action::Down => self.set_sel(self.sel() + 1),
            Action::Up => self.set_sel(self.sel().saturating_sub(1)),
            Action::PageDown => self.set_sel(self.sel() + 10),
            Action::PageUp => self.set_sel(self.sel().saturating_sub(10)),
            Action::First => self.set_sel(0),
            Action::Last => self.set_sel(usize::MAX),
            Action::Open => self.detail = Some(Scroll::default()),
            Action::ToggleGrouping => {
                self.grouping = match self.grouping {
                    Grouping::Category => Grouping::Checklist,
                    Grouping::Checklist => Grouping::Focus,
                    Grouping::Focus => Grouping::Category,
                };
                self.tab = Tab::Findings;
                self.set_sel(0);
            }
            Action::CycleUnit => {
                let n = self.review.units.len();
                self.unit_filter = match self.unit_filter {
                    None if n > 0 => Some(0),
                    Some(u) if u + 1 < n => Some(u + 1),
                    _ => None,
                };
                self.tab = Tab::Findings;
                self.set_sel(0);
            }
            _ => {}
        }
        false
    }

    pub fn mouse(&mut self, ev: crossterm::event::MouseEvent, area: Rect) {
        use crossterm::event::{MouseButton, MouseEventKind};
        if self.detail.is_some() {
            return;
        }
        let l = layout(area);
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left)
                if ev.row > l.list.y
                    && ev.row + 1 < l.list.y + l.list.height
                    && ev.column >= l.list.x
                    && ev.column < l.list.x + l.list.width =>
            {
                let i = list_offset(self.sel(), l.list) + usize::from(ev.row - l.list.y - 1);
                self.set_sel(i);
            }
            MouseEventKind::Down(MouseButton::Left) if ev.row == l.tabs.y => {
                // The titles as drawn: " title " then a one-cell divider.
                let mut x = l.tabs.x;
                for (tab, title) in Tab::ALL.iter().zip(self.tab_titles()) {
                    let w = text::width(&title) as u16 + 2;
                    if ev.column >= x && ev.column < x + w {
                        self.tab = *tab;
                    }
                    x += w + 1;
                }
            }
            MouseEventKind::ScrollDown => self.set_sel(self.sel() + 1),
            MouseEventKind::ScrollUp => self.set_sel(self.sel().saturating_sub(1)),
            _ => {}
        }
    }

    /// The tab titles with their counts, as drawn.
    fn tab_titles(&self) -> Vec<String> {
        let ui = self.ui();
        let r = &self.review;
        let unit = self
            .unit_filter
            .and_then(|u| r.units.get(u))
            .map(|u| &u.key);
        vec![
            ui.tabs[0].to_string(),
            format!("{} ({})", ui.tabs[1], r.findings_in(unit).count()),
            format!(
                "{} ({} {})",
                ui.tabs[2],
                r.disagreements.len(),
                ui.disagreement
            ),
        ]
    }

    fn inspector(&self, record: usize) -> &str {
        self.review
            .record(record)
            .map_or("?", |r| r.inspector.as_str())
    }

    fn unit_label(&self, unit: usize) -> String {
        self.review
            .units
            .get(unit)
            .map_or_else(String::new, |u| format!("{} {}", u.key.unit, u.key.round))
    }

    /// One line for a row of the list.
    fn row_line(&self, row: &Row, width: usize, theme: &Theme) -> Line<'static> {
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
            Row::Heading(h) => fit(vec![Span::styled(format!("【{h}】"), theme.warn)], width),
            Row::Finding(i) => {
                let f = &r.findings[*i];
                let rec = &r.records[f.record];
                let title = if f.finding.title.is_empty() {
                    f.item.item_text.clone()
                } else {
                    f.finding.title.clone()
                };
                let mut spans = vec![Span::styled(
                    format!("{} ", mark(f.status)),
                    theme.status(f.status),
                )];
                if r.disputed(*i) {
                    // inspectors of the unit disagree on this item: settle it before the report
                    spans.push(Span::styled(format!("[{}] ", ui.disagreement), theme.error));
                }
                spans.push(Span::styled(
                    format!("{} {} ", rec.unit, rec.inspector),
                    theme.dim,
                ));
                spans.push(Span::raw(title.replace('\n', " ")));
                fit(spans, width)
            }
            Row::Disagreement(i) => {
                let d = &r.disagreements[*i];
                let who: Vec<String> = d
                    .verdicts
                    .iter()
                    .map(|v| format!("{}{}", self.inspector(v.record), mark(v.status)))
                    .collect();
                fit(
                    vec![
                        Span::styled(format!("  {} ", ui.disagreement), theme.error),
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
    fn detail_lines(&self, row: &Row, theme: &Theme) -> Vec<Line<'static>> {
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
            Row::Finding(i) => {
                let f = &r.findings[*i];
                let rec = &r.records[f.record];
                let d = self.item_detail(theme);
                self.item_lines(&mut lines, &f.item, theme);
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
            Row::Disagreement(i) => {
                let d = &r.disagreements[*i];
                self.item_lines(&mut lines, &d.item, theme);
                lines.push(Line::styled(
                    format!("【{}】{}", ui.disagreements, self.unit_label(d.unit)),
                    theme.title,
                ));
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
                let det = self.item_detail(theme);
                for v in &d.verdicts {
                    lines.push(Line::raw(""));
                    lines.push(Line::from(vec![
                        Span::styled(format!("【{}】", self.inspector(v.record)), theme.title),
                        Span::styled(
                            format!("{} {}", mark(v.status), v.status.label(lang)),
                            theme.status(v.status),
                        ),
                    ]));
                    if let Some(finding) = &v.finding {
                        det.finding(&mut lines, finding, finding.category.or(d.item.category));
                    }
                    if !v.evidence.is_empty() {
                        lines.push(det.heading(ui.evidence));
                    }
                    for e in &v.evidence {
                        // Code name and kind only, as for a finding's evidence.
                        let source = e
                            .source_kind
                            .map(|k| format!("{} {}", e.note.source, k.label(lang)));
                        det.note(&mut lines, &e.note, source, theme.dim);
                    }
                }
            }
            Row::Unchecked { unit, item } => {
                let it = &r.units[*unit].unchecked[*item];
                self.item_lines(&mut lines, it, theme);
                lines.push(Line::styled(self.unit_label(*unit), theme.dim));
            }
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

    fn item_detail<'a>(&self, theme: &'a Theme) -> ItemDetail<'a> {
        ItemDetail {
            lang: self.lang,
            theme,
            search: "",
        }
    }

    /// The item as the inspect screen shows it (the shared [`ItemDetail`]), under the
    /// checklist and section it sits in.
    fn item_lines(&self, lines: &mut Vec<Line<'static>>, item: &ItemRef, theme: &Theme) {
        let d = self.item_detail(theme);
        let place = Some(format!("{} · {}", item.template_title, item.section_title));
        match self.catalog.resolve(&item.key) {
            Some((_, _, it)) if !item.orphan => d.item(lines, place, it, None),
            _ => d.orphan(lines, place, &item.item_text, None),
        }
    }
}

/// Whether a row can be selected: a group heading cannot.
fn selectable(row: &Row) -> bool {
    !matches!(row, Row::Heading(_))
}

/// The selectable row nearest `v`, looking in the direction given first, then the other way.
fn nearest_selectable(rows: &[Row], v: usize, forward: bool) -> Option<usize> {
    let ahead = || (v..rows.len()).find(|&i| selectable(&rows[i]));
    let behind = || {
        (0..=v.min(rows.len().saturating_sub(1)))
            .rev()
            .find(|&i| selectable(&rows[i]))
    };
    if forward {
        ahead().or_else(behind)
    } else {
        behind().or_else(ahead)
    }
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

struct ReviewLayout {
    header: Rect,
    tabs: Rect,
    list: Rect,
    detail: Rect,
    footer: Rect,
}

fn layout(area: Rect) -> ReviewLayout {
    use ratatui::layout::{Constraint, Layout};
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
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
                    Span::styled(
                        format!(" {} ", ui.sample_mark),
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
    if rows.is_empty() || (s.tab == Tab::Findings && r.findings.is_empty()) {
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
    super::view::scrollbar(frame, l.list, rows.len(), offset, theme.border_focus);
    let detail = rows
        .get(s.sel())
        .map(|row| s.detail_lines(row, theme))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(wrap_lines(
            detail.clone(),
            usize::from(l.detail.width.saturating_sub(2)),
        ))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(format!(" {} ", ui.detail)),
        ),
        l.detail,
    );
    draw_footer(frame, keymap, s.mode(), s.lang, l.footer, theme);
    if let Some(scroll) = &s.detail {
        let rect = Rect::new(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
        popup_area(frame, rect);
        let wrapped = wrap_lines(detail, usize::from(rect.width.saturating_sub(2)));
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
        super::view::scrollbar(frame, rect, total, scroll, theme.border_focus);
    }
}
