//! What a screen's `update` asks the runtime to do: the only way state reaches files or the
//! terminal. Every screen's `update(&mut self, Action, now) -> Vec<Effect>` returns these; the
//! runtime (`tui/mod.rs`) carries them out in order.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::signoff::{Decision, Step};
pub use crate::store::session::Resolution;

/// One thing for the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave the program (after the final save).
    Quit,
    /// Close the open record and go back to the list (or quit when there is none). The
    /// runtime saves first and stays when the save fails.
    CloseRecord,
    /// Open a record file.
    Open(PathBuf),
    /// Create a record from the new-record form, then open it.
    Create(NewRecord),
    /// Reload the list of records.
    Refresh,
    /// Edit this text in `$EDITOR`, then give it back to the focused form field
    /// (`App::editor_returned`).
    ExternalEditor(String),
    /// Capture (`true`) or release the mouse.
    SetMouse(bool),
    /// Give the terminal back and stop the program (as `Ctrl+Z` does in a shell); it takes
    /// the terminal again and redraws when continued (`fg`, SIGCONT).
    Suspend,
    /// Move this record to the data folder's `trash/` (the user said yes), then reload the list.
    Trash(PathBuf),
    /// Resolve an outside change of the open record this way (`Session::resolve`).
    Resolve(Resolution),
    /// Sign these findings of round `round` at `step` as `signer` (`store::signing::sign` on
    /// the round as it is on disk now, refused when a finding's content is no longer the one
    /// shown), then show the review anew with what was done or why not.
    Sign {
        round: String,
        keys: Vec<Shown>,
        step: Step,
        signer: String,
    },
    /// Record the leader's decision on the disputed finding `key` of round `round`
    /// (`store::signing::settle`, likewise), then show the review anew.
    Settle {
        round: String,
        key: Shown,
        decision: Decision,
        reason: String,
        signer: String,
    },
}

/// A finding as the review showed it: its key (`单位/清单id/条目id`) and the hash of the
/// content on show, which a sign-off vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub key: String,
    pub hash: String,
}

/// What the new-record form produces; also what is remembered for next time (`last-new-record.toml`
/// in the config folder, written by the runtime).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewRecord {
    pub unit: String,
    pub round: String,
    pub group: String,
    pub inspector: String,
    /// The type of the unit (学院 / 职能部门 / 直属单位·企业); none: not said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_type: Option<crate::model::UnitType>,
    /// Template ids, in the catalog's order.
    pub checklists: Vec<String>,
}
