//! The interface in English.

use super::Ui;
use crate::i18n::plural;

pub static EN: Ui = Ui {
    app: "Inspection checklist",
    too_small: "Terminal too small: at least 40×10",
    read_only: "READ-ONLY",
    read_only_by: |host, since| {
        format!("Being edited in another window (host {host}, since {since}): read-only here")
    },
    read_only_unknown: "Being edited in another window: read-only here",
    read_only_reloaded: "The other window saved: showing its version",
    no_lock_warning: "Warning: this folder does not support file locks, so another window editing this record at the same time cannot be detected",
    conflict_title: "Changed by another program",
    conflict_text: "Another program changed this record after it was opened; your changes are not saved yet. Choose:",
    conflict_ways: [
        "r  Reload the version on disk (your changes go to a rescue copy)",
        "k  Keep mine (overwrite; the version on disk is kept as a copy beside the record)",
        "c  Save mine as a copy beside the record, and show the version on disk",
    ],
    conflict_reloaded: |file| format!("Reloaded; your changes were saved as a rescue copy: {file}"),
    conflict_kept_mine: |file| {
        format!("Your version was saved; the other program's version is kept as {file}")
    },
    conflict_copied: |file| {
        format!("Your changes were saved as a copy: {file}; showing the version on disk")
    },
    conflict_failed: |e| format!("Could not do that ({e}); the changes are still not saved"),
    conflict_pending: "Another program changed this record: choose what to do first",
    saved: "Saved",
    not_saved_yet: "No changes",
    saving: "Saving",
    save_failed: |e| format!("Save failed (changes kept in memory, retrying): {e}"),
    current_source: "Source",
    no_source: "none",
    filter: "Filter",
    filters: [
        "all",
        "unchecked",
        "problems and doubts",
        "doubts",
        "with notes",
        "also items for other unit types",
    ],
    search: "Search",
    checklists: "Checklists",
    items: "Items",
    detail: "Detail",
    orphans: "Orphaned answers",
    all_checklists: "All checklists",
    finding_missing: "no finding yet",
    orphan_note: "This answer's item is no longer in the template; it is kept as it is.",
    status: "Status",
    category: "Category",
    methods: "Methods",
    guide: "How to check",
    local_standards: "Local standards",
    unverified: "[unverified]",
    finding: "Finding",
    notes: "Evidence",
    no_notes: "(no evidence yet; press n to add)",
    no_items: "(no items match)",
    note_title_new: "New evidence note",
    note_title_edit: "Edit evidence note",
    f_text: "Text",
    f_source: "Source",
    f_people: "People",
    f_figures: "Figures",
    f_title: "Title",
    f_statement: "Statement",
    f_basis: "Basis",
    f_feedback_text: "Feedback wording",
    f_category: "Category",
    f_transfer: "Transfer",
    f_receiver: "Receiver",
    f_receiver_name: "Department",
    receiver_undecided: "not yet chosen",
    f_number: "Worksheet no.",
    f_process: "How found",
    f_responsibility: "Responsibility",
    f_responsibility_unset: "not decided",
    f_leading_cadre: "Leading cadre",
    f_kind: "Kind",
    f_code: "Code",
    f_reference: "Reference",
    f_time: "Time",
    f_role: "Interviewee",
    f_unit: "Unit",
    f_round: "Round",
    f_group: "Group",
    f_inspector: "Inspector",
    f_unit_type: "Unit type",
    unit_type_unsaid: "not said (every item shown)",
    outline_ask: "Interview outline: choose the interviewee",
    outline_title: "Interview outline (inspectors only)",
    none: "(none)",
    item_default: "item's",
    item_default_is: |category| format!("item's ({category})"),
    finding_title: "Finding",
    sources_title: "Sources",
    source_new: "New source",
    no_sources: "(no sources yet; press a to add)",
    confirm_delete: "Delete this note?",
    confirm_discard: "Discard unsaved changes?",
    yes_no: "y yes / n no",
    help_title: "Keys",
    help_user: "(custom)",
    form_hint: "Ctrl+S save  Esc cancel  Tab next field  Space/Enter tick  Left/Right choose  Ctrl+E $EDITOR",
    outline_hint: "Enter show the outline  Left/Right choose  Esc cancel",
    new_form_hint: "Ctrl+S create  Esc cancel  Tab next field  Space tick a checklist",
    need_finding_status: "Mark the item problem (2) or doubt (3) first",
    empty_note: "Empty note, not saved",
    no_note_selected: "No note selected",
    no_item_selected: "No item selected",
    lens_not_answered: "Rolled up from the items it lists: answer those items instead",
    focus: "Serves",
    roles: "Asked of",
    applies_to: "Applies to",
    rests_on: "Rolled up from",
    read_only_blocked: "Read-only: not changed",
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    undone: |what| format!("Undone: {what}"),
    redone: |what| format!("Redone: {what}"),
    did_status: "marked",
    did_note_added: "note added to",
    did_note_edited: "note edited on",
    did_note_deleted: "note deleted from",
    did_finding: "finding written for",
    did_source_added: "source added",
    note_without_source: "No current source: this note will cite none (pick one in the Source field, or press s first)",
    source_edit: "Edit source",
    did_source_edited: "source edited",
    did_source_deleted: "source deleted",
    reference_empty: "The reference cannot be empty (who was interviewed, which file; only you see it)",
    source_cited: |n| {
        format!(
            "Cannot delete: {n} {} {} this source",
            plural(n, "note", "notes"),
            plural(n, "cites", "cite")
        )
    },
    source_code_cited: |n| {
        format!(
            "Cannot change the code: {n} {} {} the old code",
            plural(n, "note", "notes"),
            plural(n, "cites", "cite")
        )
    },
    revealed: "Reference: ",
    code_taken: "Code already used",
    code_empty: "Code must not be empty",
    bad_time: "Time should look like 2026-11-26 09:30",
    mouse_released: "Mouse released: select text with the terminal; press m to capture again",
    mouse_captured: "Mouse captured",
    editor_failed: |e| format!("External editor failed: {e}"),
    search_prompt: "Search",
    search_matches: |query, n| format!("Search “{query}”: {n} {}", plural(n, "match", "matches")),
    home_title: "Inspection records",
    trash_confirm: |file| {
        format!("Move {file} to the data folder's trash/? (Move it back to restore it.)")
    },
    trashed: |path| format!("Moved to {path} (move it back to restore it)"),
    duplicate_confirm: |file| {
        format!(
            "A record for this unit, round and inspector exists already ({file}). Make another?"
        )
    },
    used_values: |key, values| format!("Used ({key} fills in): {values}"),
    file_label: "File: ",
    sample_mark: "SAMPLE DATA, not a real inspection",
    samples_some: |n, of| format!("SAMPLE DATA: {n} of {of} records"),
    home_empty_1: "No inspection records yet.",
    home_empty_2: "Press n to start one (unit, round, your name); q quits.",
    home_empty_3: "To see a whole sample round first: quit and run xuncha demo",
    need_a_checklist: "Choose at least one checklist",
    cannot_close_unsaved: "Not saved, not closing (retrying; Ctrl+C quits and writes a rescue copy)",
    rescued: |why, file| {
        format!(
            "The last changes could not be saved to the record ({why}); a rescue copy was written: {file}"
        )
    },
    unconfirmed_rescued: |file| {
        format!(
            "The last save was interrupted; the change it was making is in the rescue folder as {file}"
        )
    },
    unconfirmed_stays: |e| {
        format!(
            "The last save was interrupted, and its unconfirmed copy could not be moved to the rescue folder: {e}"
        )
    },
    not_saved: |why, e| {
        format!(
            "The last changes could not be saved ({why}); the rescue copy could not be written either: {e}"
        )
    },
    home_failed: "could not load",
    new_title: "New inspection record",
    new_checklists: "Checklists",
    required: "Unit, round and inspector are required",
    last_change: "Last change",
    completion: "Done",
    tabs: ["Progress", "Findings", "Coverage", "Rectification"],
    ledger_tab: |n, late| match late {
        0 => format!("Rectification ({n})"),
        _ => format!("Rectification ({n}, {late} overdue)"),
    },
    no_ledger: "(No rectification ledger yet: after the feedback, write one with xuncha rectify export --unit UNIT -o FILE.xlsx, have the unit fill it in, and read it back with xuncha rectify import FILE.xlsx)",
    ledger_fields: [
        "Measures",
        "Leader responsible",
        "Department / person responsible",
        "Evidence",
        "Sign-off",
        "Imported",
    ],
    review_title: "Review (read-only)",
    stale: |days| {
        format!(
            "stale ({days} {} without change)",
            plural(days, "day", "days")
        )
    },
    unchecked_n: "unchecked",
    disagreements: "Disagreements",
    disagreement: "disagree",
    by_category: "by category",
    by_checklist: "by checklist",
    by_focus: "by the four implementations",
    all_units: "all units",
    no_findings: "(no problems or doubts)",
    nothing_unchecked: "(every item has been checked by someone)",
    records_n: |n| format!("{n} {}", plural(n, "record", "records")),
    failed_n: |n| {
        format!(
            "{n} {} could not be read (end of the Progress tab)",
            plural(n, "file", "files")
        )
    },
    failed_records: "Records that could not be loaded",
    sign_title: "Sign-off",
    settle_title: "Leader's decision",
    f_step: "Step",
    f_signer: "Signer",
    f_decision: "Decision",
    f_reason: "Reason",
    sign_form_hint: "Ctrl+S record  Esc cancel  Tab next field  Left/Right choose",
    reason_needed: "Say why in the reason",
    sign_which: "Select a finding first (on the findings tab, or a disagreement on the coverage tab)",
    settle_which: "Select a disagreement first (on the coverage tab)",
    sign_reached: ["unsigned", "drafted", "checked", "approved"],
    sign_changed: "content changed",
    settled_marks: ["confirmed", "dismissed"],
    milestones: |round, reported, fed| match (reported, fed) {
        (None, _) => format!("Round {round}: not yet reported to the leading group"),
        (Some(d), 0) => {
            format!("Round {round}: reported to the leading group on {d}, not yet fed back")
        }
        (Some(d), n) => format!(
            "Round {round}: reported to the leading group on {d}, fed back to {n} {}",
            plural(n, "unit", "units")
        ),
    },
    sign_elsewhere: |dir| {
        format!(
            "Cannot sign here: sign-offs go to the data folder only; run xuncha review without paths, or set XUNCHA_DATA_DIR to this folder (the data folder is now {dir})"
        )
    },
    sign_partial: |path| {
        format!(
            "{path} did not load and its content would be missing from the findings; nothing can be signed until it loads. Nothing was recorded"
        )
    },
    sign_changed_on_disk: |key| {
        format!(
            "{key}: its content changed on disk and is shown anew; look at it, then sign. Nothing was recorded"
        )
    },
    unit_total: "unit total",
    evidence: "Evidence",
    orphan_mark: "(item no longer in the template)",
    help_extra: [
        "Ctrl+C            quit at any time (saves first)",
        "In a text field   Ctrl+U undo  Ctrl+R redo  arrows, Home/End move the caret",
    ],
    colon: ": ",
    list_sep: ", ",
    set_status: "set status",
    config_not_utf8: "config.toml is not UTF-8 text; all defaults are used",
    config_problems: |n| {
        format!(
            "config.toml: {n} {} skipped, defaults used (press ? to see)",
            plural(n, "setting", "settings")
        )
    },
    config_problem: |file, p| format!("{file}: {p}"),
    config_problems_title: "Skipped in config.toml",
    auto_advance: [
        "After a status key, move to the next item: on (config.toml [inspect] auto-advance)",
        "After a status key, move to the next item: off (config.toml [inspect] auto-advance = true)",
    ],
    term_dumb: "The terminal is dumb (TERM=dumb) and cannot show the full-screen interface; run it in an ordinary terminal, or use xuncha status",
    output_not_terminal: "Standard output is not a terminal (redirected to a file or a pipe), so the full-screen interface cannot be shown; run it in a terminal",
    no_terminal: |e| format!("No terminal: the full-screen interface needs one ({e})"),
    mode_names: [
        "Record list",
        "Inspect",
        "Forms (note, finding, source, sign-off)",
        "Sources",
        "Search",
        "Confirm",
        "Help",
        "Privacy",
        "Review",
        "Detail and outline",
        "Outside change",
    ],
};
