//! The inspect screen: checklists and sections on the left, items in the middle, the selected
//! item's text, guide, finding and evidence on the right. State changes go through
//! [`Inspect::update`]; the view is a function of the state.

use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use ratatui::layout::Rect;

use super::effect::{Effect, Resolution};
use super::form::{Field, FieldName, Form};
use super::keymap::{Action, Mode};
use super::scroll::Scroll;
use super::undo::{self, History, Step};
use super::widgets::list_offset;
use crate::i18n::Lang;
use crate::i18n::ui::{Ui, ui};
use crate::model::template::{answer_key, roll_up};
use crate::model::{
    Answer, Catalog, Category, Finding, Item, Note, Record, Responsibility, Source, SourceKind,
    Status, Template, Timestamp,
};
use crate::search::Query;

/// A row of the left pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    /// Every item of every checklist of the record (the first row).
    All,
    Template(usize),
    Section(usize, usize),
    Orphans,
}

/// A row of the middle pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Item { t: usize, s: usize, i: usize },
    Orphan(String),
}

/// How much room the checklist tree takes: the key `t` cycles wide, narrow, hidden, so that
/// on a small terminal (80×24) the items and their text get the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TreeWidth {
    /// About a quarter of the width.
    #[default]
    Wide,
    /// A fixed 14 columns: the start of each checklist and section title, and its count.
    Narrow,
    /// No tree: the items and the detail share the width.
    Hidden,
}

impl TreeWidth {
    /// The next width in the cycle wide → narrow → hidden → wide.
    pub fn next(self) -> TreeWidth {
        match self {
            TreeWidth::Wide => TreeWidth::Narrow,
            TreeWidth::Narrow => TreeWidth::Hidden,
            TreeWidth::Hidden => TreeWidth::Wide,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Items,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Unchecked,
    Problems,
    Doubts,
    WithNotes,
    /// Every item, also those for another type of unit than the record's, which the other
    /// filters hide.
    Everything,
}

impl Filter {
    fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Unchecked,
            Filter::Unchecked => Filter::Problems,
            Filter::Problems => Filter::Doubts,
            Filter::Doubts => Filter::WithNotes,
            Filter::WithNotes => Filter::Everything,
            Filter::Everything => Filter::All,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    fn keeps(self, a: Option<&Answer>) -> bool {
        let status = a.map_or(Status::Unchecked, |a| a.status);
        match self {
            Filter::All | Filter::Everything => true,
            Filter::Unchecked => status == Status::Unchecked,
            // The inspector's own list of problems: found and still in doubt.
            Filter::Problems => matches!(status, Status::Problem | Status::Doubt),
            Filter::Doubts => status == Status::Doubt,
            Filter::WithNotes => a.is_some_and(|a| !a.notes.is_empty()),
        }
    }
}

/// The fields of the evidence-note form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    Text,
    Source,
    People,
    Figures,
}

/// The fields of the finding form (the 问题底稿).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingField {
    Title,
    Statement,
    People,
    Figures,
    Basis,
    Category,
    Transfer,
    /// 反馈稿表述: the wording for the feedback version, in place of the statement.
    FeedbackText,
    /// The 问题底稿 fields: 编号, 发现过程, 责任类型, and the leading-cadre mark.
    Number,
    Process,
    Responsibility,
    LeadingCadre,
}

/// The fields of the new-source form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceField {
    Kind,
    Code,
    Reference,
    Time,
}

/// The one field of the search line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchField {
    Query,
}

macro_rules! field_names {
    ($($t:ty),*) => {$(
        impl FieldName for $t {
            fn id(self) -> usize {
                self as usize
            }
        }
    )*};
}
field_names!(NoteField, FindingField, SourceField, SearchField);

/// What a form on this screen is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Note {
        key: String,
        id: Option<u32>,
        /// A source code the note names but the record does not define: offered as a choice
        /// of its own so that editing the note does not erase it.
        unknown_source: String,
    },
    Finding {
        key: String,
    },
    Source {
        suggested: String,
        /// The code of the source being edited; `None` for a new source.
        editing: Option<String>,
    },
    Search,
}

pub struct FormOverlay {
    pub purpose: Purpose,
    pub form: Form,
    /// Asking whether to discard changes.
    pub confirming: bool,
}

pub enum Overlay {
    None,
    Form(Box<FormOverlay>),
    Sources { selected: usize },
    ConfirmDelete { key: String, id: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the record was opened.
    Clean,
    /// Handed to the writer thread, not yet answered.
    Saving,
    Saved(Timestamp),
    Failed(String),
}

/// Where the three panes are on screen, for mouse clicks (the view's layout, given by the
/// caller so this module knows nothing of drawing).
#[derive(Debug, Clone, Copy, Default)]
pub struct PaneRects {
    pub tree: Rect,
    pub items: Rect,
    pub detail: Rect,
}

/// The part of the record a change touches, so that only that part is kept for undo.
enum Touch {
    /// One answer (created if missing).
    Answer(String),
    /// The list of sources.
    Sources,
}

pub struct Inspect {
    pub lang: Lang,
    pub record: Record,
    pub templates: Vec<Template>,
    pub file_name: String,
    /// Why the record cannot be changed, if it cannot: a whole sentence, shown in the header
    /// ("此记录正在另一窗口编辑（主机 vm，05:53 起），本窗口只读").
    pub read_only: Option<String>,
    pub tree: Vec<TreeRow>,
    pub tree_sel: usize,
    pub item_sel: usize,
    pub note_sel: usize,
    /// The detail pane's scroll, settled by the view.
    pub detail: Scroll,
    pub focus: Pane,
    /// The room the checklist tree takes (`t`).
    pub tree_width: TreeWidth,
    pub current_source: Option<String>,
    /// The source whose private reference the inspector chose to see in the sources popup
    /// (its code); forgotten as soon as the popup closes.
    pub revealed: Option<String>,
    /// After a status key, select the next item of the list (`[inspect] auto-advance` in
    /// `config.toml`, set by the app before each action).
    pub auto_advance: bool,
    pub filter: Filter,
    pub search: String,
    pub overlay: Overlay,
    /// What each change did, to undo and redo it (what it touched, never the whole record).
    history: History,
    /// The record changed and is not yet on disk.
    pub dirty: bool,
    pub save_state: SaveState,
    /// A save was refused because another program changed the file: the three ways out are
    /// asked (once no form is open, so a key typed into a note never chooses one), and no
    /// save is tried until one is taken.
    pub conflict: bool,
    /// A short message for the status bar, and whether it is an error.
    pub message: Option<(String, bool)>,
}

const UNDO_LIMIT: usize = 500;
const PAGE: usize = 10;

impl Inspect {
    pub fn new(
        record: Record,
        catalog: &Catalog,
        file_name: String,
        read_only: Option<String>,
        lang: Lang,
    ) -> Inspect {
        let templates: Vec<Template> = record
            .templates
            .iter()
            .filter_map(|r| catalog.get(&r.id).cloned())
            .collect();
        let mut me = Inspect {
            lang,
            record,
            templates,
            file_name,
            read_only,
            tree: Vec::new(),
            tree_sel: 0,
            item_sel: 0,
            note_sel: 0,
            detail: Scroll::default(),
            focus: Pane::Items,
            tree_width: TreeWidth::Wide,
            current_source: None,
            revealed: None,
            auto_advance: false,
            filter: Filter::All,
            search: String::new(),
            overlay: Overlay::None,
            history: History::new(UNDO_LIMIT),
            dirty: false,
            save_state: SaveState::Clean,
            conflict: false,
            message: None,
        };
        me.rebuild_tree();
        // Start on the first section, where the items are.
        if let Some(p) = me
            .tree
            .iter()
            .position(|r| matches!(r, TreeRow::Section(..)))
        {
            me.tree_sel = p;
        }
        me
    }

    fn ui(&self) -> &'static Ui {
        ui(self.lang)
    }

    fn rebuild_tree(&mut self) {
        let mut tree = vec![TreeRow::All];
        for (t, template) in self.templates.iter().enumerate() {
            tree.push(TreeRow::Template(t));
            for s in 0..template.sections.len() {
                tree.push(TreeRow::Section(t, s));
            }
        }
        if self.orphan_keys().next().is_some() {
            tree.push(TreeRow::Orphans);
        }
        self.tree = tree;
        self.tree_sel = self.tree_sel.min(self.tree.len().saturating_sub(1));
    }

    /// Answers whose item is not in the templates of this record.
    pub fn orphan_keys(&self) -> impl Iterator<Item = &String> {
        self.record
            .answers
            .keys()
            .filter(|k| self.resolve(k).is_none())
    }

    pub(crate) fn resolve(&self, key: &str) -> Option<(usize, &Item)> {
        let (tid, iid) = key.split_once('/')?;
        let (t, template) = self
            .templates
            .iter()
            .enumerate()
            .find(|(_, t)| t.id == tid)?;
        template.item(iid).map(|i| (t, i))
    }

    pub fn key_of(&self, e: &Entry) -> String {
        match e {
            Entry::Item { t, s, i } => {
                let template = &self.templates[*t];
                answer_key(&template.id, &template.sections[*s].items[*i].id)
            }
            Entry::Orphan(k) => k.clone(),
        }
    }

    /// The status shown for an entry: its answer's, or for a 三看 look (an item with `refs`)
    /// the state rolled up from the items it rests on.
    pub fn shown_status(&self, e: &Entry) -> Status {
        match self.item_of(e) {
            Some(item) if !item.refs.is_empty() => roll_up(
                item.refs
                    .iter()
                    .filter(|k| {
                        k.split_once('/').is_some_and(|(tid, iid)| {
                            self.templates
                                .iter()
                                .any(|t| t.id == tid && t.item(iid).is_some())
                        })
                    })
                    .map(|k| self.record.status(k)),
            ),
            _ => self.record.status(&self.key_of(e)),
        }
    }

    pub fn item_of(&self, e: &Entry) -> Option<&Item> {
        match e {
            Entry::Item { t, s, i } => self.templates.get(*t)?.sections.get(*s)?.items.get(*i),
            Entry::Orphan(_) => None,
        }
    }

    /// The middle pane: the items of the selected checklist or section, filtered; every item of
    /// the record under 全部清单, while a search is active, and while a filter is on (filters
    /// cover the whole record).
    pub fn entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        let row = self.tree.get(self.tree_sel).copied();
        if row == Some(TreeRow::Orphans) && self.search.is_empty() {
            return self
                .orphan_keys()
                .filter(|k| self.filter.keeps(self.record.answer(k)))
                .map(|k| Entry::Orphan(k.clone()))
                .collect();
        }
        let query = Query::parse(&self.search);
        let everything = self.whole_record();
        for (t, template) in self.templates.iter().enumerate() {
            for (s, section) in template.sections.iter().enumerate() {
                let in_scope = everything
                    || match row {
                        Some(TreeRow::Template(x)) => x == t,
                        Some(TreeRow::Section(x, y)) => x == t && y == s,
                        _ => false,
                    };
                if !in_scope {
                    continue;
                }
                for (i, item) in section.items.iter().enumerate() {
                    let key = answer_key(&template.id, &item.id);
                    let answer = self.record.answer(&key);
                    if !self.filter.keeps(answer) {
                        continue;
                    }
                    // items for another type of unit are hidden, unless answered or asked for
                    if self.filter != Filter::Everything
                        && !item.applies(self.record.unit_type)
                        && answer.is_none_or(Answer::is_empty)
                    {
                        continue;
                    }
                    if !query.is_empty() && !matches(item, answer, &query) {
                        continue;
                    }
                    out.push(Entry::Item { t, s, i });
                }
            }
        }
        out
    }

    /// Where the inspector is: the current source's code and the selected item's key, to be
    /// remembered per record outside it (`store::place`).
    pub fn place(&self) -> (Option<String>, Option<String>) {
        (self.current_source.clone(), self.selected_key())
    }

    /// Go back to where the inspector was: the current source if the record still defines it,
    /// and the item `key` (its section in the tree, the item in the list) if one of the
    /// record's checklists still has it. Anything gone is left as a fresh open leaves it.
    pub fn restore_place(&mut self, source: Option<&str>, key: Option<&str>) {
        if let Some(code) = source
            && self.record.source(code).is_some()
        {
            self.current_source = Some(code.to_string());
        }
        let Some(key) = key else { return };
        let Some((tid, iid)) = key.split_once('/') else {
            return;
        };
        let found = self.templates.iter().enumerate().find_map(|(t, tpl)| {
            (tpl.id == tid).then_some(())?;
            tpl.sections
                .iter()
                .position(|sec| sec.items.iter().any(|i| i.id == iid))
                .map(|s| (t, s))
        });
        let Some((t, s)) = found else { return };
        let Some(row) = self.tree.iter().position(|r| *r == TreeRow::Section(t, s)) else {
            return;
        };
        self.tree_sel = row;
        if let Some(i) = self.entries().iter().position(|e| self.key_of(e) == key) {
            self.item_sel = i;
            self.note_sel = 0;
            self.detail = Scroll::default();
        }
    }

    /// Whether the middle pane spans the whole record: the 全部清单 row, a search or a filter.
    pub fn whole_record(&self) -> bool {
        !self.search.trim().is_empty()
            || !matches!(self.filter, Filter::All | Filter::Everything)
            || self.tree.get(self.tree_sel) == Some(&TreeRow::All)
    }

    /// Put the cursor on the item `key`: the tree on its section (unless the middle pane spans
    /// the whole record) and the middle pane on the item, if it is shown.
    fn select_key(&mut self, key: &str) {
        if !self.whole_record() {
            let place = self.templates.iter().enumerate().find_map(|(t, tpl)| {
                tpl.sections.iter().enumerate().find_map(|(s, sec)| {
                    sec.items
                        .iter()
                        .any(|i| answer_key(&tpl.id, &i.id) == key)
                        .then_some(TreeRow::Section(t, s))
                })
            });
            if let Some(p) = place.and_then(|row| self.tree.iter().position(|r| *r == row)) {
                self.tree_sel = p;
            }
        }
        let entries = self.entries();
        if let Some(i) = entries.iter().position(|e| self.key_of(e) == key) {
            self.item_sel = i;
        }
    }

    pub fn selected_entry(&self) -> Option<Entry> {
        self.entries().into_iter().nth(self.item_sel)
    }

    fn selected_key(&self) -> Option<String> {
        self.selected_entry().map(|e| self.key_of(&e))
    }

    /// The mode that reads keys now.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Overlay::None if self.conflict => Mode::Conflict,
            Overlay::None => Mode::Inspect,
            Overlay::Form(f) if f.confirming => Mode::Confirm,
            Overlay::Form(f) if f.purpose == Purpose::Search => Mode::Search,
            Overlay::Form(_) => Mode::Form,
            Overlay::Sources { .. } => Mode::Sources,
            Overlay::ConfirmDelete { .. } => Mode::Confirm,
        }
    }

    fn say(&mut self, text: &str) {
        self.message = Some((text.to_string(), false));
    }

    fn warn(&mut self, text: &str) {
        self.message = Some((text.to_string(), true));
    }

    /// What a change to the item `key` did, for the undo and redo messages: e.g.
    /// `删除笔记「第一议题制度落实」`.
    fn did(&self, what: &str, key: &str) -> String {
        // Items are whole questions: the start names it, and leaves room on the status bar.
        let item = self
            .resolve(key)
            .map_or(key, |(_, item)| item.text.as_str());
        let item = crate::text::truncate(item, 24);
        match self.lang {
            Lang::Zh => format!("{what}「{item}」"),
            Lang::En => format!("{what} “{item}”"),
        }
    }

    /// Change the part `touch` of the record with `f` at `now`: refused when read-only;
    /// otherwise what changed in that part (before and after) goes on the undo stack with
    /// `what` the change does, the record's `updated` becomes `now`, and the record is marked
    /// for saving. `f` must change nothing outside `touch` (the undo tests hold every change
    /// against whole copies of the record). `false` when nothing changed.
    fn mutate(
        &mut self,
        what: String,
        now: Timestamp,
        touch: Touch,
        f: impl FnOnce(&mut Record),
    ) -> bool {
        if self.read_only.is_some() {
            self.warn(self.ui().read_only_blocked);
            return false;
        }
        let mut edits = match touch {
            Touch::Answer(key) => {
                let before = self.record.answers.get(&key).cloned();
                f(&mut self.record);
                undo::diff_answer(&key, before.as_ref(), self.record.answers.get(&key))
            }
            Touch::Sources => {
                let before = self.record.sources.clone();
                f(&mut self.record);
                undo::diff_sources(&before, &self.record.sources)
                    .into_iter()
                    .collect()
            }
        };
        if edits.is_empty() {
            return false;
        }
        edits.insert(
            0,
            undo::Edit::Updated {
                before: self.record.updated,
                after: now,
            },
        );
        self.record.updated = now;
        self.history.push(Step { what, edits });
        self.dirty = true;
        self.rebuild_tree();
        true
    }

    fn clamp(&mut self) {
        let n = self.entries().len();
        self.item_sel = self.item_sel.min(n.saturating_sub(1));
        let notes = self
            .selected_key()
            .and_then(|k| self.record.answer(&k).map(|a| a.notes.len()))
            .unwrap_or(0);
        self.note_sel = self.note_sel.min(notes.saturating_sub(1));
    }

    /// Handle an action in the current mode at `now` (the time every change is stamped with;
    /// the clock is never read here). Returns what the runtime must do: close the record,
    /// open `$EDITOR`.
    pub fn update(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        let effects = self.update_overlay(action, now);
        // a revealed reference is shown only while the sources popup stays open
        if !matches!(self.overlay, Overlay::Sources { .. }) {
            self.revealed = None;
        }
        effects
    }

    fn update_overlay(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        if self.mode() == Mode::Conflict {
            return match action {
                Action::ConflictReload => vec![Effect::Resolve(Resolution::Reload)],
                Action::ConflictKeepMine => vec![Effect::Resolve(Resolution::KeepMine)],
                Action::ConflictSaveCopy => vec![Effect::Resolve(Resolution::SaveCopy)],
                // Closing waits for a way out (the runtime says so); Ctrl+C still quits, the
                // change going to a rescue copy.
                Action::Quit => vec![Effect::CloseRecord],
                _ => Vec::new(),
            };
        }
        self.message = None;
        let effect = match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => self.update_main(action, now),
            Overlay::Form(f) => self.update_form(*f, action, now),
            Overlay::Sources { selected } => {
                self.update_sources(selected, action, now);
                None
            }
            Overlay::ConfirmDelete { key, id } => {
                if action == Action::Yes {
                    let what = self.did(self.ui().did_note_deleted, &key);
                    self.mutate(what, now, Touch::Answer(key.clone()), |r| {
                        if let Some(a) = r.answers.get_mut(&key) {
                            a.notes.retain(|n| n.id != id);
                            a.updated = Some(now);
                        }
                    });
                }
                None
            }
        };
        if self.tree_width == TreeWidth::Hidden && self.focus == Pane::Tree {
            // a hidden pane cannot hold the focus: the pane moves on as the key asked
            self.focus = if action == Action::PrevPane {
                Pane::Detail
            } else {
                Pane::Items
            };
        }
        self.clamp();
        effect.into_iter().collect()
    }

    fn move_in(&mut self, delta: isize) {
        let step = |v: usize, n: usize| -> usize {
            if n == 0 {
                0
            } else {
                (v as isize + delta).clamp(0, n as isize - 1) as usize
            }
        };
        match self.focus {
            Pane::Tree => {
                let n = self.tree.len();
                let v = step(self.tree_sel, n);
                if v != self.tree_sel {
                    self.tree_sel = v;
                    self.item_sel = 0;
                    self.note_sel = 0;
                    self.detail.home();
                }
            }
            Pane::Items => {
                let v = step(self.item_sel, self.entries().len());
                if v != self.item_sel {
                    self.item_sel = v;
                    self.note_sel = 0;
                    self.detail.home();
                }
            }
            Pane::Detail => {
                let n = self
                    .selected_key()
                    .and_then(|k| self.record.answer(&k).map(|a| a.notes.len()))
                    .unwrap_or(0);
                self.note_sel = step(self.note_sel, n);
                // The note just selected comes into view at the next drawing.
                self.detail.follow();
            }
        }
    }

    fn update_main(&mut self, action: Action, now: Timestamp) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::CloseRecord),
            Action::ToggleTree => self.tree_width = self.tree_width.next(),
            Action::Up => self.move_in(-1),
            Action::Down => self.move_in(1),
            // In the detail pane paging moves through the text, a pane at a time, and stops
            // at its last line.
            Action::PageUp if self.focus == Pane::Detail => self.detail.page_up(),
            Action::PageDown if self.focus == Pane::Detail => self.detail.page_down(),
            // In the detail pane g and G go to the top and the end of the text (and the first
            // and last note).
            Action::First if self.focus == Pane::Detail => {
                self.note_sel = 0;
                self.detail.home();
            }
            Action::Last if self.focus == Pane::Detail => {
                self.move_in(isize::MAX / 2);
                self.detail.end();
            }
            Action::PageUp => self.move_in(-(PAGE as isize)),
            Action::PageDown => self.move_in(PAGE as isize),
            Action::First => self.move_in(isize::MIN / 2),
            Action::Last => self.move_in(isize::MAX / 2),
            Action::Left | Action::PrevPane => {
                self.focus = match self.focus {
                    Pane::Tree if action == Action::PrevPane => Pane::Detail,
                    Pane::Tree | Pane::Items => Pane::Tree,
                    Pane::Detail => Pane::Items,
                };
            }
            Action::Right | Action::NextPane => {
                self.focus = match self.focus {
                    Pane::Tree => Pane::Items,
                    Pane::Items | Pane::Detail if action == Action::Right => Pane::Detail,
                    Pane::Items => Pane::Detail,
                    Pane::Detail => Pane::Tree,
                };
            }
            Action::StatusNoProblem => self.set_status(Status::NoProblem, now),
            Action::StatusProblem => self.set_status(Status::Problem, now),
            Action::StatusDoubt => self.set_status(Status::Doubt, now),
            Action::StatusNotApplicable => self.set_status(Status::NotApplicable, now),
            Action::StatusUnchecked => self.set_status(Status::Unchecked, now),
            Action::AddNote => self.open_note(None),
            Action::EditNote => self.edit_selected_note(),
            Action::DeleteNote => self.delete_selected_note(),
            Action::EditFinding => self.open_finding(),
            Action::Sources => {
                let selected = self
                    .current_source
                    .as_ref()
                    .and_then(|c| self.record.sources.iter().position(|s| &s.code == c))
                    .unwrap_or(0);
                self.overlay = Overlay::Sources { selected };
            }
            Action::Search => {
                let ui = self.ui();
                self.overlay = Overlay::Form(Box::new(FormOverlay {
                    purpose: Purpose::Search,
                    form: Form::new(
                        ui.search_prompt,
                        vec![(SearchField::Query, Field::text("/", &self.search))],
                    ),
                    confirming: false,
                }));
            }
            Action::CycleFilter => {
                let key = self.selected_key();
                self.filter = self.filter.next();
                self.item_sel = 0;
                if let Some(key) = key {
                    self.select_key(&key);
                }
            }
            Action::ClearFilter => {
                // The cursor stays on the item it was on.
                let key = self.selected_key();
                self.filter = Filter::All;
                self.search.clear();
                self.item_sel = 0;
                if let Some(key) = key {
                    self.select_key(&key);
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            _ => {}
        }
        None
    }

    fn set_status(&mut self, status: Status, now: Timestamp) {
        let Some(key) = self.selected_key() else {
            self.warn(self.ui().no_item_selected);
            return;
        };
        if self
            .selected_entry()
            .and_then(|e| self.item_of(&e))
            .is_some_and(|i| !i.refs.is_empty())
        {
            self.warn(self.ui().lens_not_answered);
            return;
        }
        // The item after this one, found before the change: a filter may hide this one after.
        let next = if self.auto_advance && self.read_only.is_none() {
            let keys: Vec<String> = self.entries().iter().map(|e| self.key_of(e)).collect();
            keys.iter()
                .position(|k| *k == key)
                .and_then(|i| keys.get(i + 1).cloned())
        } else {
            None
        };
        if self.record.status(&key) == status {
            // Nothing changes: no save and no empty undo step; the walk still moves on.
            self.select_next(next);
            return;
        }
        let what = match self.lang {
            Lang::Zh => format!(
                "{}「{}」",
                self.did(self.ui().did_status, &key),
                status.label(self.lang)
            ),
            Lang::En => format!(
                "{} “{}”",
                self.did(self.ui().did_status, &key),
                status.label(self.lang)
            ),
        };
        self.mutate(what, now, Touch::Answer(key.clone()), |r| {
            let a = r.answers.entry(key).or_default();
            a.status = status;
            a.updated = Some(now);
            if status.has_finding() && a.finding.is_none() {
                a.finding = Some(Finding::default());
            }
        });
        // Stay on the item even if the filter no longer shows it: clamp handles the index.
        // With auto-advance, on to the next one.
        self.select_next(next);
    }

    /// Auto-advance: select the item with answer key `key`, if there is one.
    fn select_next(&mut self, key: Option<String>) {
        if let Some(key) = key {
            self.select_key(&key);
        }
    }

    fn undo(&mut self) {
        if self.read_only.is_some() {
            return;
        }
        let ui = self.ui();
        match self.history.undo(&mut self.record) {
            Some(what) => {
                let said = (ui.undone)(&what);
                self.say(&said);
                self.dirty = true;
                self.rebuild_tree();
            }
            None => self.say(ui.nothing_to_undo),
        }
    }

    fn redo(&mut self) {
        if self.read_only.is_some() {
            return;
        }
        let ui = self.ui();
        match self.history.redo(&mut self.record) {
            Some(what) => {
                let said = (ui.redone)(&what);
                self.say(&said);
                self.dirty = true;
                self.rebuild_tree();
            }
            None => self.say(ui.nothing_to_redo),
        }
    }

    /// The undo history (steps to undo, to redo) and the bytes it keeps, roughly.
    pub fn history_size(&self) -> ((usize, usize), usize) {
        (self.history.len(), self.history.weight())
    }

    fn source_options(&self) -> Vec<String> {
        let mut options = vec![self.ui().none.to_string()];
        options.extend(
            self.record
                .sources
                .iter()
                .map(|s| format!("{} {}", s.code, s.kind.label(self.lang))),
        );
        options
    }

    fn open_note(&mut self, existing: Option<&Note>) {
        let ui = self.ui();
        if self.read_only.is_some() {
            self.warn(ui.read_only_blocked);
            return;
        }
        let Some(key) = self.selected_key() else {
            self.warn(ui.no_item_selected);
            return;
        };
        let source = existing.map_or(self.current_source.clone().unwrap_or_default(), |n| {
            n.source.clone()
        });
        let mut options = self.source_options();
        let known = self.record.sources.iter().position(|s| s.code == source);
        let unknown_source = if known.is_none() && !source.is_empty() {
            options.push(format!("{source} (?)"));
            source.clone()
        } else {
            String::new()
        };
        let source_idx = match known {
            Some(p) => p + 1,
            None if !unknown_source.is_empty() => options.len() - 1,
            None => 0,
        };
        let form = Form::new(
            if existing.is_some() {
                ui.note_title_edit
            } else {
                ui.note_title_new
            },
            vec![
                (
                    NoteField::Text,
                    Field::multiline(ui.f_text, existing.map_or("", |n| n.text.as_str())),
                ),
                (
                    NoteField::Source,
                    Field::choice(ui.f_source, options, source_idx),
                ),
                (
                    NoteField::People,
                    Field::text(ui.f_people, existing.map_or("", |n| n.people.as_str())),
                ),
                (
                    NoteField::Figures,
                    Field::text(ui.f_figures, existing.map_or("", |n| n.figures.as_str())),
                ),
            ],
        );
        if existing.is_none() && source_idx == 0 {
            // the form's source field says 无; say why it matters before the note is written
            self.warn(ui.note_without_source);
        }
        self.overlay = Overlay::Form(Box::new(FormOverlay {
            purpose: Purpose::Note {
                key,
                id: existing.map(|n| n.id),
                unknown_source,
            },
            form,
            confirming: false,
        }));
    }

    fn selected_note(&self) -> Option<Note> {
        let key = self.selected_key()?;
        self.record.answer(&key)?.notes.get(self.note_sel).cloned()
    }

    fn edit_selected_note(&mut self) {
        match self.selected_note() {
            Some(n) => self.open_note(Some(&n)),
            None => self.warn(self.ui().no_note_selected),
        }
    }

    fn delete_selected_note(&mut self) {
        if self.read_only.is_some() {
            self.warn(self.ui().read_only_blocked);
            return;
        }
        match (self.selected_key(), self.selected_note()) {
            (Some(key), Some(n)) => self.overlay = Overlay::ConfirmDelete { key, id: n.id },
            _ => self.warn(self.ui().no_note_selected),
        }
    }

    fn open_finding(&mut self) {
        let ui = self.ui();
        if self.read_only.is_some() {
            self.warn(ui.read_only_blocked);
            return;
        }
        let Some(entry) = self.selected_entry() else {
            self.warn(ui.no_item_selected);
            return;
        };
        let key = self.key_of(&entry);
        let answer = self.record.answer(&key).cloned().unwrap_or_default();
        if !answer.status.has_finding() {
            self.warn(ui.need_finding_status);
            return;
        }
        let f = answer.finding.unwrap_or_default();
        let default_label = match self.item_of(&entry) {
            Some(item) => (ui.item_default_is)(item.category.label(self.lang)),
            None => ui.item_default.to_string(),
        };
        let mut options = vec![default_label];
        options.extend(Category::ALL.iter().map(|c| c.label(self.lang).to_string()));
        let cat_idx = f
            .category
            .and_then(|c| Category::ALL.iter().position(|x| *x == c))
            .map_or(0, |p| p + 1);
        let mut responsibilities = vec![ui.f_responsibility_unset.to_string()];
        responsibilities.extend(
            Responsibility::ALL
                .iter()
                .map(|r| r.label(self.lang).to_string()),
        );
        let resp_idx = f
            .responsibility
            .and_then(|r| Responsibility::ALL.iter().position(|x| *x == r))
            .map_or(0, |p| p + 1);
        let form = Form::new(
            ui.finding_title,
            vec![
                (FindingField::Title, Field::text(ui.f_title, &f.title)),
                (
                    FindingField::Statement,
                    Field::multiline(ui.f_statement, &f.statement),
                ),
                (FindingField::People, Field::text(ui.f_people, &f.people)),
                (FindingField::Figures, Field::text(ui.f_figures, &f.figures)),
                (FindingField::Basis, Field::multiline(ui.f_basis, &f.basis)),
                (
                    FindingField::Category,
                    Field::choice(ui.f_category, options, cat_idx),
                ),
                (
                    FindingField::Transfer,
                    Field::toggle(ui.f_transfer, f.transfer),
                ),
                (
                    FindingField::FeedbackText,
                    Field::multiline(
                        ui.f_feedback_text,
                        f.feedback_text.as_deref().unwrap_or_default(),
                    ),
                ),
                (FindingField::Number, Field::text(ui.f_number, &f.number)),
                (
                    FindingField::Process,
                    Field::multiline(ui.f_process, &f.process),
                ),
                (
                    FindingField::Responsibility,
                    Field::choice(ui.f_responsibility, responsibilities, resp_idx),
                ),
                (
                    FindingField::LeadingCadre,
                    Field::toggle(ui.f_leading_cadre, f.leading_cadre),
                ),
            ],
        );
        self.overlay = Overlay::Form(Box::new(FormOverlay {
            purpose: Purpose::Finding { key },
            form,
            confirming: false,
        }));
    }

    fn update_sources(&mut self, selected: usize, action: Action, now: Timestamp) {
        let n = self.record.sources.len();
        match action {
            Action::Up => {
                self.overlay = Overlay::Sources {
                    selected: selected.saturating_sub(1),
                }
            }
            Action::Down => {
                self.overlay = Overlay::Sources {
                    selected: (selected + 1).min(n.saturating_sub(1)),
                }
            }
            Action::Open => {
                if let Some(s) = self.record.sources.get(selected) {
                    self.current_source = Some(s.code.clone());
                }
            }
            Action::ClearSource => {
                self.current_source = None;
                self.overlay = Overlay::Sources { selected };
            }
            Action::AddSource => {
                if self.read_only.is_some() {
                    self.warn(self.ui().read_only_blocked);
                    self.overlay = Overlay::Sources { selected };
                    return;
                }
                let ui = self.ui();
                let kind = SourceKind::Interview;
                let suggested = self.record.suggest_source_code(kind);
                let kinds = SourceKind::ALL
                    .iter()
                    .map(|k| k.label(self.lang).to_string())
                    .collect();
                let form = Form::new(
                    ui.source_new,
                    vec![
                        (SourceField::Kind, Field::choice(ui.f_kind, kinds, 1)),
                        (SourceField::Code, Field::text(ui.f_code, &suggested)),
                        (SourceField::Reference, Field::text(ui.f_reference, "")),
                        (
                            SourceField::Time,
                            Field::text(ui.f_time, &now.0.format("%Y-%m-%d %H:%M").to_string()),
                        ),
                    ],
                );
                self.overlay = Overlay::Form(Box::new(FormOverlay {
                    purpose: Purpose::Source {
                        suggested,
                        editing: None,
                    },
                    form,
                    confirming: false,
                }));
            }
            Action::EditSource => self.open_source_edit(selected),
            Action::DeleteSource => {
                self.overlay = Overlay::Sources { selected };
                self.delete_source(selected, now);
            }
            Action::RevealReference => {
                let code = self.record.sources.get(selected).map(|s| s.code.clone());
                self.revealed = if self.revealed == code { None } else { code };
                self.overlay = Overlay::Sources { selected };
            }
            Action::Back | Action::Cancel => {}
            _ => self.overlay = Overlay::Sources { selected },
        }
    }

    /// How many notes, in every answer, cite the source `code`.
    fn notes_citing(&self, code: &str) -> usize {
        self.record
            .answers
            .values()
            .flat_map(|a| &a.notes)
            .filter(|n| n.source == code)
            .count()
    }

    /// Delete the selected source, only if no note cites it (else say how many do). Undone
    /// like any change to the sources.
    fn delete_source(&mut self, selected: usize, now: Timestamp) {
        let ui = self.ui();
        let Some(code) = self.record.sources.get(selected).map(|s| s.code.clone()) else {
            return;
        };
        let citing = self.notes_citing(&code);
        if citing > 0 {
            self.warn(&(ui.source_cited)(citing));
            return;
        }
        let what = format!("{} {code}", ui.did_source_deleted);
        if self.mutate(what, now, Touch::Sources, |r| {
            r.sources.retain(|s| s.code != code);
        }) {
            if self.current_source.as_deref() == Some(code.as_str()) {
                self.current_source = None;
            }
            let n = self.record.sources.len();
            self.overlay = Overlay::Sources {
                selected: selected.min(n.saturating_sub(1)),
            };
        }
    }

    /// The form that edits the selected source: kind, code name, reference, time.
    fn open_source_edit(&mut self, selected: usize) {
        let ui = self.ui();
        self.overlay = Overlay::Sources { selected };
        if self.read_only.is_some() {
            self.warn(ui.read_only_blocked);
            return;
        }
        let Some(source) = self.record.sources.get(selected).cloned() else {
            return;
        };
        let kinds = SourceKind::ALL
            .iter()
            .map(|k| k.label(self.lang).to_string())
            .collect();
        let kind = SourceKind::ALL
            .iter()
            .position(|k| *k == source.kind)
            .unwrap_or(0);
        let time = source
            .at
            .map(|t| t.0.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        let form = Form::new(
            ui.source_edit,
            vec![
                (SourceField::Kind, Field::choice(ui.f_kind, kinds, kind)),
                (SourceField::Code, Field::text(ui.f_code, &source.code)),
                (
                    SourceField::Reference,
                    Field::text(ui.f_reference, &source.reference),
                ),
                (SourceField::Time, Field::text(ui.f_time, &time)),
            ],
        );
        self.overlay = Overlay::Form(Box::new(FormOverlay {
            // no suggestion: the code of an existing source never follows the kind
            purpose: Purpose::Source {
                suggested: String::new(),
                editing: Some(source.code),
            },
            form,
            confirming: false,
        }));
    }

    fn update_form(
        &mut self,
        mut f: FormOverlay,
        action: Action,
        now: Timestamp,
    ) -> Option<Effect> {
        if f.confirming {
            match action {
                Action::Yes => {}
                _ => {
                    f.confirming = false;
                    self.overlay = Overlay::Form(Box::new(f));
                }
            }
            return None;
        }
        match action {
            Action::Save | Action::Open => {
                if let Err(f) = self.commit_form(f, false, now) {
                    self.overlay = Overlay::Form(Box::new(*f));
                }
            }
            Action::Down | Action::Up if f.purpose == Purpose::Search => {
                // Move through the results while typing.
                let n = self.entries().len();
                self.item_sel = if action == Action::Down {
                    (self.item_sel + 1).min(n.saturating_sub(1))
                } else {
                    self.item_sel.saturating_sub(1)
                };
                self.detail.home();
                self.overlay = Overlay::Form(Box::new(f));
            }
            Action::Cancel => {
                if f.purpose == Purpose::Search {
                    // The search goes; the cursor stays on the item it found.
                    let key = self.selected_key();
                    self.search.clear();
                    self.item_sel = 0;
                    if let Some(key) = key {
                        self.select_key(&key);
                    }
                } else if f.form.changed() {
                    f.confirming = true;
                    self.overlay = Overlay::Form(Box::new(f));
                }
            }
            Action::NextField => {
                f.form.next_field();
                self.overlay = Overlay::Form(Box::new(f));
            }
            Action::PrevField => {
                f.form.prev_field();
                self.overlay = Overlay::Form(Box::new(f));
            }
            Action::ExternalEditor if f.form.focused_multiline() => {
                let text = f.form.focused_text();
                self.overlay = Overlay::Form(Box::new(f));
                return Some(Effect::ExternalEditor(text));
            }
            _ => self.overlay = Overlay::Form(Box::new(f)),
        }
        None
    }

    /// The program is ending (Ctrl+C, a signal, the terminal gone) with a form open: keep what
    /// was typed — a note, a finding, a source — rather than lose it. A form that does not
    /// validate (an empty note) has nothing worth keeping.
    pub fn keep_open_form(&mut self, now: Timestamp) {
        if let Overlay::Form(f) = std::mem::replace(&mut self.overlay, Overlay::None) {
            if f.purpose == Purpose::Search || !f.form.changed() {
                self.overlay = Overlay::Form(f);
            } else if let Err(f) = self.commit_form(*f, true, now) {
                self.overlay = Overlay::Form(f);
            }
        }
    }

    /// Apply a form. On a validation error the form comes back to stay open.
    /// `forced`: the program is ending, so keep whatever can be kept rather than refuse (a
    /// note with only people or figures, a source with a taken code or a bad time).
    fn commit_form(
        &mut self,
        f: FormOverlay,
        forced: bool,
        now: Timestamp,
    ) -> Result<(), Box<FormOverlay>> {
        let ui = self.ui();
        let form = &f.form;
        match &f.purpose {
            Purpose::Search => {
                // Enter keeps the search and the result the cursor is on.
                self.search = form.text(SearchField::Query).trim().to_string();
                self.focus = Pane::Items;
            }
            Purpose::Note {
                key,
                id,
                unknown_source,
            } => {
                let text = form.text(NoteField::Text);
                let (people, figures) =
                    (form.text(NoteField::People), form.text(NoteField::Figures));
                let anything = !people.is_empty() || !figures.is_empty();
                if text.trim().is_empty() && !(forced && anything) {
                    self.warn(ui.empty_note);
                    return Err(Box::new(f));
                }
                let source = match form.choice(NoteField::Source) {
                    0 => String::new(),
                    n => self
                        .record
                        .sources
                        .get(n - 1)
                        .map_or_else(|| unknown_source.clone(), |s| s.code.clone()),
                };
                let key = key.clone();
                let id = *id;
                let new_id = self.record.next_note_id();
                let mut new_index = None;
                let what = if id.is_some() {
                    ui.did_note_edited
                } else {
                    ui.did_note_added
                };
                let what = self.did(what, &key);
                self.mutate(what, now, Touch::Answer(key.clone()), |r| {
                    let a = r.answers.entry(key).or_default();
                    a.updated = Some(now);
                    match id.and_then(|id| a.notes.iter_mut().find(|n| n.id == id)) {
                        Some(n) => {
                            n.text = text;
                            n.source = source;
                            n.people = people;
                            n.figures = figures;
                        }
                        None => {
                            a.notes.push(Note {
                                id: new_id,
                                at: now,
                                source,
                                text,
                                people,
                                figures,
                            });
                            new_index = Some(a.notes.len() - 1);
                        }
                    }
                });
                if let Some(i) = new_index {
                    self.note_sel = i;
                    // A note just added is scrolled into view.
                    self.detail.follow();
                }
            }
            Purpose::Finding { key } => {
                let category = match form.choice(FindingField::Category) {
                    0 => None,
                    n => Category::ALL.get(n - 1).copied(),
                };
                let finding = Finding {
                    title: form.text(FindingField::Title),
                    statement: form.text(FindingField::Statement),
                    feedback_text: Some(form.text(FindingField::FeedbackText))
                        .filter(|t| !t.trim().is_empty()),
                    people: form.text(FindingField::People),
                    figures: form.text(FindingField::Figures),
                    basis: form.text(FindingField::Basis),
                    category,
                    transfer: form.toggle(FindingField::Transfer),
                    number: form.text(FindingField::Number).trim().to_string(),
                    process: form.text(FindingField::Process),
                    responsibility: match form.choice(FindingField::Responsibility) {
                        0 => None,
                        n => Responsibility::ALL.get(n - 1).copied(),
                    },
                    leading_cadre: form.toggle(FindingField::LeadingCadre),
                };
                let key = key.clone();
                let what = self.did(ui.did_finding, &key);
                self.mutate(what, now, Touch::Answer(key.clone()), |r| {
                    let a = r.answers.entry(key).or_default();
                    a.updated = Some(now);
                    a.finding = Some(finding);
                });
            }
            Purpose::Source { editing, .. } => {
                let kind = SourceKind::ALL
                    .get(form.choice(SourceField::Kind))
                    .copied()
                    .unwrap_or(SourceKind::Other);
                let mut code = form.text(SourceField::Code).trim().to_string();
                let original = editing.clone();
                // another source has this code (the source being edited may keep its own)
                let taken = |me: &Self, code: &str| {
                    original.as_deref() != Some(code) && me.record.source(code).is_some()
                };
                if forced && original.is_some() && (code.is_empty() || taken(self, &code)) {
                    code = original.clone().unwrap_or_default();
                }
                if forced && (code.is_empty() || taken(self, &code)) {
                    code = self.record.suggest_source_code(kind);
                }
                if code.is_empty() {
                    self.warn(ui.code_empty);
                    return Err(Box::new(f));
                }
                if taken(self, &code) {
                    self.warn(ui.code_taken);
                    return Err(Box::new(f));
                }
                if let Some(old) = &original
                    && *old != code
                {
                    let citing = self.notes_citing(old);
                    if citing > 0 {
                        if !forced {
                            self.warn(&(ui.source_code_cited)(citing));
                            return Err(Box::new(f));
                        }
                        code = old.clone();
                    }
                }
                let reference = form.text(SourceField::Reference);
                if reference.trim().is_empty() && !forced {
                    // a source nobody can trace back is useless evidence
                    self.warn(ui.reference_empty);
                    return Err(Box::new(f));
                }
                let time = form.text(SourceField::Time);
                let at = if time.trim().is_empty() {
                    None
                } else {
                    match parse_local_time(&time, now) {
                        Some(t) => Some(t),
                        None if forced => None,
                        None => {
                            self.warn(ui.bad_time);
                            return Err(Box::new(f));
                        }
                    }
                };
                let source = Source {
                    code: code.clone(),
                    kind,
                    reference,
                    at,
                };
                let place = original
                    .as_deref()
                    .and_then(|o| self.record.sources.iter().position(|s| s.code == o));
                match (original, place) {
                    (Some(old), Some(i)) => {
                        let what = format!("{} {code}", ui.did_source_edited);
                        if self.mutate(what, now, Touch::Sources, |r| {
                            if let Some(s) = r.sources.get_mut(i) {
                                *s = source;
                            }
                        }) && self.current_source.as_deref() == Some(old.as_str())
                        {
                            self.current_source = Some(code);
                        }
                        self.overlay = Overlay::Sources { selected: i };
                    }
                    _ => {
                        let what = format!("{} {code}", ui.did_source_added);
                        if self.mutate(what, now, Touch::Sources, |r| r.sources.push(source)) {
                            self.current_source = Some(code);
                        }
                        let selected = self.record.sources.len().saturating_sub(1);
                        self.overlay = Overlay::Sources { selected };
                    }
                }
            }
        }
        Ok(())
    }

    /// A key that no table claimed: typed into the open form.
    pub fn input(&mut self, key: KeyEvent) {
        if let Overlay::Form(f) = &mut self.overlay {
            if f.confirming {
                return;
            }
            let before_kind = f.form.choice(SourceField::Kind);
            f.form.input(key);
            match &mut f.purpose {
                Purpose::Search => {
                    self.search = f.form.text(SearchField::Query).trim().to_string();
                    self.item_sel = 0;
                }
                Purpose::Source { suggested, .. } if f.form.is_focused(SourceField::Kind) => {
                    // Keep the suggested code in step with the kind until the user edits it.
                    let kind = f.form.choice(SourceField::Kind);
                    if kind != before_kind && f.form.text(SourceField::Code) == *suggested {
                        let k = SourceKind::ALL
                            .get(kind)
                            .copied()
                            .unwrap_or(SourceKind::Other);
                        let next = self.record.suggest_source_code(k);
                        f.form.set_text(SourceField::Code, &next);
                        *suggested = next;
                    }
                }
                _ => {}
            }
        }
    }

    /// Pasted text: only into an open text field.
    pub fn paste(&mut self, text: &str) {
        if let Overlay::Form(f) = &mut self.overlay
            && !f.confirming
        {
            f.form.paste(text);
            if f.purpose == Purpose::Search {
                self.search = f.form.text(SearchField::Query).trim().to_string();
            }
        }
    }

    /// The text came back from `$EDITOR`.
    pub fn editor_returned(&mut self, text: &str) {
        if let Overlay::Form(f) = &mut self.overlay {
            f.form.replace_focused(text.trim_end_matches('\n'));
        }
    }

    /// A mouse event, given the screen layout it happened on.
    pub fn mouse(&mut self, ev: MouseEvent, layout: PaneRects) {
        if !matches!(self.overlay, Overlay::None) {
            return;
        }
        let pos = ratatui::layout::Position::new(ev.column, ev.row);
        let pane = if layout.tree.contains(pos) {
            Pane::Tree
        } else if layout.items.contains(pos) {
            Pane::Items
        } else if layout.detail.contains(pos) {
            Pane::Detail
        } else {
            return;
        };
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let rect = match pane {
                    Pane::Tree => layout.tree,
                    Pane::Items => layout.items,
                    Pane::Detail => return,
                };
                // Rows start below the border; lists scroll so the selection stays visible.
                let row = usize::from(ev.row.saturating_sub(rect.y + 1));
                let offset = match pane {
                    Pane::Tree => list_offset(self.tree_sel, rect),
                    _ => list_offset(self.item_sel, rect),
                };
                let target = offset + row;
                match pane {
                    Pane::Tree if target < self.tree.len() => {
                        self.tree_sel = target;
                        self.item_sel = 0;
                        self.note_sel = 0;
                    }
                    Pane::Items if target < self.entries().len() => {
                        self.item_sel = target;
                        self.note_sel = 0;
                        self.detail.home();
                    }
                    _ => {}
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if ev.kind == MouseEventKind::ScrollDown {
                    1
                } else {
                    -1
                };
                if pane == Pane::Detail {
                    self.detail.by(delta * 3);
                } else {
                    let keep = self.focus;
                    self.focus = pane;
                    self.move_in(delta);
                    self.focus = keep;
                }
            }
            _ => {}
        }
        self.clamp();
    }

    /// The record was written to disk.
    pub fn saved(&mut self, at: Timestamp) {
        self.dirty = false;
        self.save_state = SaveState::Saved(at);
    }

    /// The save failed; the change stays in memory and is retried.
    pub fn save_failed(&mut self, error: String) {
        self.save_state = SaveState::Failed(error);
    }

    /// Show `record` instead (the file on disk, after an outside change or the holder's save):
    /// nothing to save, no outside change pending, and an undo history that no longer applies
    /// dropped; the selection stays where it was as far as it can.
    pub fn replace_record(&mut self, record: Record) {
        self.record = record;
        self.history = History::new(UNDO_LIMIT);
        self.dirty = false;
        self.conflict = false;
        self.rebuild_tree();
        self.clamp();
    }
}

/// Search in the item's text, guide and notes: every word of `query` in one of them, as it is
/// or as pinyin initials ([`Query`]).
fn matches(item: &Item, answer: Option<&Answer>, query: &Query) -> bool {
    let notes = answer.map(|a| a.notes.as_slice()).unwrap_or_default();
    let texts = [item.text.as_str(), item.guide.as_str()]
        .into_iter()
        .chain(notes.iter().map(|n| n.text.as_str()));
    query.matches(texts)
}

/// `2026-11-26 09:30` in the offset of `now` (the local one).
fn parse_local_time(s: &str, now: Timestamp) -> Option<Timestamp> {
    let naive = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M").ok()?;
    let offset = *now.0.offset();
    naive.and_local_timezone(offset).single().map(Timestamp)
}
