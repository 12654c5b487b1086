//! The inspect screen: checklists and sections on the left, items in the middle, the selected
//! item's text, guide, finding and evidence on the right. State changes go through
//! [`Inspect::update`]; the view is a function of the state.

mod changes;
mod commit;
mod entries;
mod forms;
mod input;
mod popups;
mod sources;
pub mod view;

pub use forms::{
    FindingField, FormOverlay, NoteField, OutlineField, Purpose, SearchField, SourceField,
};

use ratatui::layout::Rect;

use super::effect::{Effect, Resolution};
use super::form::{Field, Form};
use super::keymap::{Action, Mode};
use super::scroll::Scroll;
use super::undo::History;
use crate::i18n::Lang;
use crate::i18n::ui::{Ui, ui};
use crate::model::{Answer, Catalog, Record, Role, Status, Template, Timestamp};

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

pub enum Overlay {
    None,
    Form(Box<FormOverlay>),
    Sources {
        selected: usize,
    },
    ConfirmDelete {
        key: String,
        id: u32,
    },
    /// The 谈话提纲 for an interviewee role, over the panes, and its scroll.
    Outline {
        role: Role,
        scroll: Scroll,
    },
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
    /// The role whose 谈话提纲 was last asked for, offered first the next time.
    pub outline_role: Option<Role>,
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
            outline_role: None,
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
            // a text to read and scroll, as the review's full-screen detail
            Overlay::Outline { .. } => Mode::Detail,
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
            Overlay::Outline { role, mut scroll } => {
                // Scrolling stops at the last line (the view settles it to the text drawn).
                if action != Action::Back {
                    scroll.scroll(action);
                    self.overlay = Overlay::Outline { role, scroll };
                }
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
            Action::Outline => self.open_outline(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            _ => {}
        }
        None
    }

    /// Auto-advance: select the item with answer key `key`, if there is one.
    fn select_next(&mut self, key: Option<String>) {
        if let Some(key) = key {
            self.select_key(&key);
        }
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
