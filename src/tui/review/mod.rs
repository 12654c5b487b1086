//! The group leader's review: progress (units × inspectors × checklists, and each unit's 三看
//! looks rolled up from the items they rest on), findings (one
//! problem, one entry) grouped by the 三大问题 or by checklist with their sign-off, and
//! coverage (unchecked items and disagreements) and the units' 整改台账 (the ledger items,
//! overdue first, as `xuncha rectify status` lists them). Read-only for records: nothing here can
//! change one. A finding is signed (编制/复核/审签) and a disagreement settled through a small
//! form whose [`Effect::Sign`] or [`Effect::Settle`] the runtime carries out with
//! `store::signing`, into the round files of the data folder.

mod detail;
mod ledger;
mod sign;
pub mod view;

pub use sign::{FORM_ACTIONS, SettleField, SignField, SignForm, SignPurpose};

use std::path::PathBuf;

use ratatui::layout::Rect;

use super::effect::Effect;
use super::keymap::{Action, Mode};
use super::scroll::Scroll;
use super::widgets::list_offset;
use crate::i18n::Lang;
use crate::i18n::ui::{Ui, ui};
use crate::model::ledger::Ledger;
use crate::model::review::{Grouping, Review};
use crate::model::signoff::{FindingSign, Signoffs};
use crate::model::{Catalog, Timestamp};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Progress,
    Findings,
    Coverage,
    /// 整改: the units' ledger items, overdue first.
    Ledger,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Progress, Tab::Findings, Tab::Coverage, Tab::Ledger];

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
    /// A finding: an entry of the review (index into `review.entries`).
    Entry(usize),
    Disagreement(usize),
    Unchecked {
        unit: usize,
        item: usize,
    },
    Failed(usize),
    /// A ledger item: index into `ledger_rows`.
    Ledger(usize),
}

/// Where the review reads its records and where sign-offs go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folders {
    /// The folders or files reviewed, read again before each sign-off.
    pub paths: Vec<PathBuf>,
    /// The data folder, where sign-off and leader files are written.
    pub data_dir: PathBuf,
    /// The review reads the data folder itself (and nothing else), as `xuncha sign` does:
    /// only then may it sign, so that what is signed is what the command line sees.
    pub signs_here: bool,
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
    pub selected: [usize; 4],
    pub grouping: Grouping,
    /// Findings of one unit only (index into `review.units`).
    pub unit_filter: Option<usize>,
    /// The full-screen detail of the selected row, and its scroll.
    pub detail: Option<Scroll>,
    /// The sign-offs, milestones and settlements of the rounds read.
    pub signoffs: Signoffs,
    /// The sign-off state of each entry, in the order of `review.entries` (empty when the
    /// round files were not read).
    pub signs: Vec<FindingSign>,
    pub folders: Folders,
    /// The sign-off or settlement form, when open.
    pub form: Option<SignForm>,
    /// The signer last typed, offered again for the rest of the session.
    pub signer: String,
    /// A short message for the status line, and whether it is an error; gone at the next key.
    pub message: Option<(String, bool)>,
    /// The units' 整改台账 read with the round.
    pub ledgers: Vec<Ledger>,
    /// The ledger items in the order of `xuncha rectify status`
    /// ([`crate::model::ledger::status_order`]): (index into `ledgers`, index into its items).
    pub ledger_rows: Vec<(usize, usize)>,
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
            selected: [0; 4],
            grouping: Grouping::Category,
            unit_filter: None,
            detail: None,
            signoffs: Signoffs::default(),
            signs: Vec::new(),
            folders: Folders::default(),
            form: None,
            signer: String::new(),
            message: None,
            ledgers: Vec::new(),
            ledger_rows: Vec::new(),
        }
    }

    /// The review with the units' 整改台账 (overdue counted to the day the review was built).
    pub fn with_ledgers(mut self, ledgers: Vec<Ledger>) -> ReviewScreen {
        self.set_ledgers(ledgers);
        self
    }

    /// The review with its round files: the sign-offs read, the state of each entry
    /// ([`Signoffs::state`] of the same records), and where it reads and writes.
    pub fn with_signoffs(
        mut self,
        signoffs: Signoffs,
        signs: Vec<FindingSign>,
        folders: Folders,
    ) -> ReviewScreen {
        self.signoffs = signoffs;
        self.signs = signs;
        self.folders = folders;
        self
    }

    /// The round as read again (after a sign-off): the same tab, selection and filters.
    pub fn reload(
        &mut self,
        review: Review,
        failed: Vec<(String, String)>,
        signoffs: Signoffs,
        signs: Vec<FindingSign>,
    ) {
        // The unit filtered to stays, found again by its key (units may have come or gone).
        let unit = self
            .unit_filter
            .and_then(|u| self.review.units.get(u))
            .map(|u| u.key.clone());
        self.unit_filter = unit.and_then(|k| review.units.iter().position(|u| u.key == k));
        self.review = review;
        self.failed = failed;
        self.signoffs = signoffs;
        self.signs = signs;
    }

    pub fn mode(&self) -> Mode {
        if self.form.as_ref().is_some_and(|f| f.confirming) {
            Mode::Confirm
        } else if self.form.is_some() {
            Mode::Form
        } else if self.detail.is_some() {
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
                for g in r.group_entries(self.entries_shown(), self.grouping) {
                    rows.push(Row::Heading(format!(
                        "{} ({})",
                        g.key.label(self.lang),
                        g.findings.len()
                    )));
                    rows.extend(g.findings.into_iter().map(Row::Entry));
                }
            }
            Tab::Ledger => rows.extend((0..self.ledger_rows.len()).map(Row::Ledger)),
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

    /// The entries of the unit filtered to (all without a filter), as indices into
    /// `review.entries`.
    pub fn entries_shown(&self) -> impl Iterator<Item = usize> + '_ {
        self.review
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| self.unit_filter.is_none_or(|u| e.unit == u))
            .map(|(i, _)| i)
    }

    /// The sign-off state of entry `entry`, when the round files were read.
    pub fn sign_of(&self, entry: usize) -> Option<&FindingSign> {
        self.signs.get(entry).filter(|s| s.entry == entry)
    }

    /// The entry a disagreement is about (the findings of its unit on its item).
    pub fn entry_of_disagreement(&self, d: usize) -> Option<usize> {
        let d = self.review.disagreements.get(d)?;
        self.review
            .entries
            .iter()
            .position(|e| e.unit == d.unit && e.item.key == d.item.key)
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

    /// Handle an action in the current mode; `q` asks to quit. Read-only for records: the only
    /// effects that write are a sign-off and a settlement, into the round files. `now` is
    /// unused (staleness was judged when the review was built; a sign-off is stamped by the
    /// runtime when it is written).
    pub fn update(&mut self, action: Action, _now: Timestamp) -> Vec<Effect> {
        if let Some(form) = self.form.take() {
            return self.update_form(form, action).into_iter().collect();
        }
        self.message = None;
        match action {
            Action::Sign if self.detail.is_none() => self.open_sign(),
            Action::Settle if self.detail.is_none() => self.open_settle(),
            _ if self.update_inner(action) => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn update_inner(&mut self, action: Action) -> bool {
        if let Some(scroll) = &mut self.detail {
            // Scrolling stops at the last line (the view settles it to the text drawn).
            if action == Action::Back {
                self.detail = None;
            } else {
                scroll.scroll(action);
            }
            return false;
        }
        let i = self.tab.index();
        match action {
            Action::Quit => return true,
            Action::NextTab => self.tab = Tab::ALL[(i + 1) % Tab::ALL.len()],
            Action::PrevTab => {
                self.tab = Tab::ALL[(i + Tab::ALL.len() - 1) % Tab::ALL.len()];
            }
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
        // Nothing moves under an open detail or form.
        if self.detail.is_some() || self.form.is_some() {
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
    if rows.is_empty() {
        // a tab with nothing in it (the 整改 tab before any ledger)
        return None;
    }
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
