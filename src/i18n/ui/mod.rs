//! Every string of the full-screen interface, in Chinese (default) and English. A sentence
//! that holds a value is a function, written whole per language (see [`crate::i18n`]).

mod en;
mod zh;

pub use en::EN;
pub use zh::ZH;

use std::fmt::Display;

use crate::i18n::Lang;

pub struct Ui {
    pub app: &'static str,
    pub too_small: &'static str,
    pub read_only: &'static str,
    /// The header of a read-only record: the host of the window that holds it, and since when
    /// (`HH:MM`).
    pub read_only_by: fn(&dyn Display, &dyn Display) -> String,
    /// The header of a read-only record whose holder has not said who it is.
    pub read_only_unknown: &'static str,
    /// The holder saved: the read-only window shows its version.
    pub read_only_reloaded: &'static str,
    /// The folder does not support file locks (`ENOLCK`).
    pub no_lock_warning: &'static str,
    /// A save refused: another program changed the file; the three ways out follow.
    pub conflict_title: &'static str,
    pub conflict_text: &'static str,
    /// The three ways out, one line each: reload, keep mine, save mine as a copy.
    pub conflict_ways: [&'static str; 3],
    /// What the chosen way did, naming the copy that keeps the other version.
    pub conflict_reloaded: fn(&dyn Display) -> String,
    pub conflict_kept_mine: fn(&dyn Display) -> String,
    pub conflict_copied: fn(&dyn Display) -> String,
    /// The chosen way failed (the error); the change is still only in memory.
    pub conflict_failed: fn(&dyn Display) -> String,
    /// Closing a record with an outside change not yet resolved.
    pub conflict_pending: &'static str,
    pub saved: &'static str,
    pub not_saved_yet: &'static str,
    /// The record is being saved on the writer thread.
    pub saving: &'static str,
    /// The status bar after a save failed, with the error.
    pub save_failed: fn(&dyn Display) -> String,
    pub current_source: &'static str,
    pub no_source: &'static str,
    pub filter: &'static str,
    pub filters: [&'static str; 6],
    pub search: &'static str,
    pub checklists: &'static str,
    pub items: &'static str,
    pub detail: &'static str,
    pub orphans: &'static str,
    /// The tree's first row: every item of every checklist of the record.
    pub all_checklists: &'static str,
    /// Beside an item marked 发现问题 or 存疑待核 whose finding is still empty.
    pub finding_missing: &'static str,
    pub orphan_note: &'static str,
    pub status: &'static str,
    pub category: &'static str,
    pub methods: &'static str,
    pub guide: &'static str,
    pub local_standards: &'static str,
    pub unverified: &'static str,
    pub finding: &'static str,
    pub notes: &'static str,
    pub no_notes: &'static str,
    pub no_items: &'static str,
    pub note_title_new: &'static str,
    pub note_title_edit: &'static str,
    pub f_text: &'static str,
    pub f_source: &'static str,
    pub f_people: &'static str,
    pub f_figures: &'static str,
    pub f_title: &'static str,
    pub f_statement: &'static str,
    pub f_basis: &'static str,
    /// The finding's wording for the feedback version (反馈稿表述).
    pub f_feedback_text: &'static str,
    pub f_category: &'static str,
    pub f_transfer: &'static str,
    /// The receiver of a clue to transfer (接收单位), the named 职能部门, and the choice of none.
    pub f_receiver: &'static str,
    pub f_receiver_name: &'static str,
    pub receiver_undecided: &'static str,
    /// The 问题底稿 fields of the finding form: 编号, 发现过程, 责任类型 (its unset choice), and
    /// the leading-cadre mark.
    pub f_number: &'static str,
    pub f_process: &'static str,
    pub f_responsibility: &'static str,
    pub f_responsibility_unset: &'static str,
    pub f_leading_cadre: &'static str,
    pub f_kind: &'static str,
    pub f_code: &'static str,
    pub f_reference: &'static str,
    pub f_time: &'static str,
    /// A source's 谈话对象 (interviewee role).
    pub f_role: &'static str,
    pub f_unit: &'static str,
    pub f_round: &'static str,
    pub f_group: &'static str,
    pub f_inspector: &'static str,
    pub f_unit_type: &'static str,
    pub unit_type_unsaid: &'static str,
    /// The form that asks whose 谈话提纲 to show, and the outline overlay's title.
    pub outline_ask: &'static str,
    pub outline_title: &'static str,
    pub none: &'static str,
    pub item_default: &'static str,
    /// The default choice of a finding's 三大问题, naming the item's.
    pub item_default_is: fn(&str) -> String,
    pub finding_title: &'static str,
    pub sources_title: &'static str,
    pub source_new: &'static str,
    pub no_sources: &'static str,
    pub confirm_delete: &'static str,
    pub confirm_discard: &'static str,
    pub yes_no: &'static str,
    pub help_title: &'static str,
    pub help_user: &'static str,
    pub form_hint: &'static str,
    /// The keys of the form that asks whose 谈话提纲 to show.
    pub outline_hint: &'static str,
    /// The new-record form has no long text, so no external editor.
    pub new_form_hint: &'static str,
    pub need_finding_status: &'static str,
    pub empty_note: &'static str,
    pub no_note_selected: &'static str,
    pub no_item_selected: &'static str,
    pub lens_not_answered: &'static str,
    pub focus: &'static str,
    pub roles: &'static str,
    pub applies_to: &'static str,
    pub rests_on: &'static str,
    pub read_only_blocked: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    /// What was undone.
    pub undone: fn(&dyn Display) -> String,
    /// What was redone.
    pub redone: fn(&dyn Display) -> String,
    pub did_status: &'static str,
    pub did_note_added: &'static str,
    pub did_note_edited: &'static str,
    pub did_note_deleted: &'static str,
    pub did_finding: &'static str,
    pub did_source_added: &'static str,
    /// A new note is opened while no current source is set.
    pub note_without_source: &'static str,
    /// The title of the form that edits a source.
    pub source_edit: &'static str,
    pub did_source_edited: &'static str,
    pub did_source_deleted: &'static str,
    /// A source is saved with no reference.
    pub reference_empty: &'static str,
    /// A source cannot be deleted: this many notes cite it.
    pub source_cited: fn(usize) -> String,
    /// A source's code cannot change: this many notes cite it by that code.
    pub source_code_cited: fn(usize) -> String,
    /// Before a revealed private reference in the sources popup.
    pub revealed: &'static str,
    pub code_taken: &'static str,
    pub code_empty: &'static str,
    pub bad_time: &'static str,
    pub mouse_released: &'static str,
    pub mouse_captured: &'static str,
    /// `$EDITOR` failed, with the error.
    pub editor_failed: fn(&dyn Display) -> String,
    pub search_prompt: &'static str,
    /// The items pane while searching: the query and the number of items that match.
    pub search_matches: fn(&str, usize) -> String,
    pub home_title: &'static str,
    /// Asking before a record (its file name) goes to the data folder's `trash/`.
    pub trash_confirm: fn(&dyn Display) -> String,
    /// Where the record went, and how to bring it back.
    pub trashed: fn(&dyn Display) -> String,
    /// Asking before a second record for the same unit, round and inspector (the file of the
    /// one there is).
    pub duplicate_confirm: fn(&dyn Display) -> String,
    /// In the review's header when sample records (`xuncha demo`) are shown.
    pub sample_mark: &'static str,
    /// Only some records are samples: `8 份记录中有 6 份是示例数据`.
    pub samples_some: fn(usize, usize) -> String,
    /// Before the selected record's file on the home screen's status line.
    pub file_label: &'static str,
    /// Under a unit or round field: the key that fills one in, and the values already used in
    /// the data folder.
    pub used_values: fn(&str, &str) -> String,
    pub home_empty_1: &'static str,
    pub home_empty_2: &'static str,
    pub home_empty_3: &'static str,
    pub cannot_close_unsaved: &'static str,
    pub need_a_checklist: &'static str,
    /// The last change was not saved (why) and went to a rescue copy (its path).
    pub rescued: fn(&dyn Display, &dyn Display) -> String,
    /// An interrupted save's copy moved to the rescue folder (its name or path).
    pub unconfirmed_rescued: fn(&dyn Display) -> String,
    /// An interrupted save's copy could not be moved (the error).
    pub unconfirmed_stays: fn(&dyn Display) -> String,
    /// The last change was not saved (why), and no rescue copy could be written (the error).
    pub not_saved: fn(&dyn Display, &dyn Display) -> String,
    pub home_failed: &'static str,
    pub new_title: &'static str,
    pub new_checklists: &'static str,
    pub required: &'static str,
    pub last_change: &'static str,
    pub completion: &'static str,
    /// Names of the key modes, in `Mode::ALL` order, for the help.
    pub mode_names: [&'static str; 11],
    /// Review: the four tabs (进度, 问题, 覆盖, 整改).
    pub tabs: [&'static str; 4],
    /// The 整改 tab's title: the ledger items and how many of them are overdue.
    pub ledger_tab: fn(usize, usize) -> String,
    /// The 整改 tab with no ledger: how to get one.
    pub no_ledger: &'static str,
    /// The labels of a ledger item's detail: 整改措施, 责任领导, 责任部门/责任人, 佐证材料,
    /// 销号审核, and when it was imported.
    pub ledger_fields: [&'static str; 6],
    pub review_title: &'static str,
    /// A stale record, with its whole days without a change.
    pub stale: fn(i64) -> String,
    pub unchecked_n: &'static str,
    pub disagreements: &'static str,
    pub disagreement: &'static str,
    pub by_category: &'static str,
    pub by_checklist: &'static str,
    pub by_focus: &'static str,
    pub all_units: &'static str,
    pub no_findings: &'static str,
    pub nothing_unchecked: &'static str,
    /// The number of records in the review.
    pub records_n: fn(usize) -> String,
    /// The review's header: how many files of the folders did not load (listed at the end of
    /// the 进度 tab).
    pub failed_n: fn(usize) -> String,
    pub failed_records: &'static str,
    /// The review's sign-off form (编制/复核/审签) and the leader's settlement form.
    pub sign_title: &'static str,
    pub settle_title: &'static str,
    pub f_step: &'static str,
    pub f_signer: &'static str,
    pub f_decision: &'static str,
    pub f_reason: &'static str,
    /// The key hint under the sign-off and settlement forms.
    pub sign_form_hint: &'static str,
    /// A settlement submitted with no reason.
    pub reason_needed: &'static str,
    /// The sign key on a row that is not a finding.
    pub sign_which: &'static str,
    /// The settle key on a row that is not a disagreement.
    pub settle_which: &'static str,
    /// How far a finding's sign-off counts, in the list: none, 编制, 复核, 审签.
    pub sign_reached: [&'static str; 4],
    /// A finding with a sign-off for other content (内容已变更), in the list.
    pub sign_changed: &'static str,
    /// A finding the leader confirmed or dismissed, in the list.
    pub settled_marks: [&'static str; 2],
    /// The round's milestones on the status line: the round, the day it was reported to the
    /// leading group (none: not yet), and to how many units it was fed back.
    pub milestones: fn(&str, Option<&dyn Display>, usize) -> String,
    /// Signing is refused: the review does not read the data folder (its path), where
    /// sign-offs are kept.
    pub sign_elsewhere: fn(&dyn Display) -> String,
    /// Signing is refused: a file of the round did not load (its path); nothing written.
    pub sign_partial: fn(&dyn Display) -> String,
    /// Signing is refused: the finding (its key) changed on disk since it was shown; the
    /// review shows it anew.
    pub sign_changed_on_disk: fn(&str) -> String,
    pub unit_total: &'static str,
    pub evidence: &'static str,
    pub orphan_mark: &'static str,
    /// Help lines about keys that are not in the tables.
    pub help_extra: [&'static str; 2],
    /// After a field label.
    pub colon: &'static str,
    /// Between items of a list.
    pub list_sep: &'static str,
    /// The status keys, grouped in the footer.
    pub set_status: &'static str,
    /// `config.toml` is not UTF-8 text.
    pub config_not_utf8: &'static str,
    /// The status bar at start when `config.toml` had entries that were skipped (how many).
    pub config_problems: fn(usize) -> String,
    /// One skipped entry of `config.toml` (the file, the problem), said when the program ends.
    pub config_problem: fn(&dyn Display, &dyn Display) -> String,
    /// The help's heading over the skipped entries of `config.toml`.
    pub config_problems_title: &'static str,
    /// The help's line on auto-advance (`[inspect] auto-advance` in `config.toml`): on, off.
    pub auto_advance: [&'static str; 2],
    /// `TERM=dumb`: the full-screen interface is refused.
    pub term_dumb: &'static str,
    /// Standard output is not a terminal.
    pub output_not_terminal: &'static str,
    /// No terminal at all (the system's text).
    pub no_terminal: fn(&dyn Display) -> String,
}

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests;
