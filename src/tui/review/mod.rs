//! The group leader's review: progress (units × inspectors × checklists, and each unit's 三看
//! looks rolled up from the items they rest on), findings grouped by
//! the 三大问题 or by checklist, and coverage (unchecked items and disagreements). Read-only:
//! nothing here can change a record.

pub mod view;

use ratatui::layout::Rect;

use super::effect::Effect;
use super::keymap::{Action, Mode};
use super::scroll::Scroll;
use super::widgets::list_offset;
use crate::i18n::Lang;
use crate::i18n::ui::{Ui, ui};
use crate::model::review::{Grouping, Review};
use crate::model::{Catalog, Timestamp};
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
    /// A lens item of a unit (a 三看 look) with its rolled-up state: index into
    /// [`crate::model::review::UnitRow::looks`].
    Look {
        unit: usize,
        look: usize,
    },
    Heading(String),
    Finding(usize),
    Disagreement(usize),
    Unchecked {
        unit: usize,
        item: usize,
    },
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
                    rows.extend((0..unit.looks.len()).map(|look| Row::Look { unit: u, look }));
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
        let l = view::layout(area);
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
