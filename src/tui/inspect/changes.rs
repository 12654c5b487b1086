//! Every change to the record goes through [`Inspect::mutate`], which keeps what the change
//! touched for undo; status changes, undo and redo.

use crate::i18n::Lang;
use crate::model::{Finding, Record, Status, Timestamp};
use crate::tui::undo::{self, Step};

use super::{Inspect, Touch};

impl Inspect {
    /// Change the part `touch` of the record with `f` at `now`: refused when read-only;
    /// otherwise what changed in that part (before and after) goes on the undo stack with
    /// `what` the change does, the record's `updated` becomes `now`, and the record is marked
    /// for saving. `f` must change nothing outside `touch` (the undo tests hold every change
    /// against whole copies of the record). `false` when nothing changed.
    pub(super) fn mutate(
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

    /// Whether the selected item is a lens (a 三看 look, an item with `refs`).
    pub fn on_look(&self) -> bool {
        self.selected_entry()
            .and_then(|e| self.item_of(&e))
            .is_some_and(|i| !i.refs.is_empty())
    }

    /// Whether the selected item is a lens (a 三看 look, an item with `refs`), which takes no
    /// answer of its own — no status, note or finding: its state is rolled up from the items
    /// it lists, where those are written. If it is, the status line says so and this is `true`.
    pub(super) fn refuse_on_look(&mut self) -> bool {
        let look = self.on_look();
        if look {
            self.warn(self.ui().lens_not_answered);
        }
        look
    }

    pub(super) fn set_status(&mut self, status: Status, now: Timestamp) {
        let Some(key) = self.selected_key() else {
            self.warn(self.ui().no_item_selected);
            return;
        };
        if self.refuse_on_look() {
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

    pub(super) fn undo(&mut self) {
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

    pub(super) fn redo(&mut self) {
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
}
