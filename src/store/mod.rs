//! Everything that touches files: paths, loading and the durable atomic save, the record lock,
//! reading a whole round, and the template catalog (built-in and user). No terminal.

pub mod background;
pub mod catalog;
pub mod fsutil;
pub mod lock;
pub mod paths;
pub mod place;
pub mod records;
pub mod round;
pub mod session;
pub mod signing;
pub mod signoff;

use std::io;
use std::path::PathBuf;

use crate::model::RecordError;

pub use catalog::{BUILTIN, load_catalog, load_template_dir};
pub use lock::{Holder, LockError, RecordLock};
pub use paths::Paths;
pub use records::{create_record, find_records, load_record, move_to_trash, save_record};
pub use round::{Round, load_round};
pub use session::Session;

/// A store operation that failed, with the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot {op}: {err}", path.display())]
    Io {
        path: PathBuf,
        op: &'static str,
        err: io::Error,
    },
    #[error("{0}")]
    Record(RecordError),
    #[error("{}: file is {size} bytes or more; files larger than {limit} bytes are refused", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The record is open for writing in another window (its holder, when it has said).
    #[error("{}: open for writing in another window{}; not moved", path.display(), holder.as_ref().map_or_else(String::new, |h| format!(" ({h})")))]
    Locked {
        path: PathBuf,
        holder: Option<lock::Holder>,
    },
    /// A round file (sign-off, leader, ledger) stayed locked by another command.
    #[error("{}: in use by another command{}; try again", path.display(), holder.as_ref().map_or_else(String::new, |h| format!(" ({h})")))]
    Busy {
        path: PathBuf,
        holder: Option<lock::Holder>,
    },
    /// A second leader file for a round already read from another file.
    #[error("{}: a second leader file for the same round; only the first is read", path.display())]
    Duplicate { path: PathBuf },
    /// Files of the round did not load, so its findings and their hashes would be missing what
    /// those files hold: nothing is signed or settled ([`signing::sign`], [`signing::settle`]).
    #[error("{} of the round did not load (first: {}); nothing is signed until every file loads", if unreadable.len() == 1 { "a file".to_string() } else { format!("{} files", unreadable.len()) }, unreadable.first().map_or_else(String::new, |p| p.display().to_string()))]
    Incomplete { unreadable: Vec<PathBuf> },
    #[error("cannot write the record as TOML: {0}")]
    Serialize(#[from] toml::ser::Error),
    /// The file was replaced, but the folder could not be synced: the new content is in place,
    /// and may not survive a power cut until a later save syncs it.
    #[error("{}: saved, but not yet safely on disk (the folder could not be synced: {err}); the next save tries again", path.display())]
    Unsynced { path: PathBuf, err: io::Error },
}

impl StoreError {
    /// The file to be made new exists already ([`fsutil::write_new`]).
    pub fn already_exists(&self) -> bool {
        matches!(self, StoreError::Io { err, .. } if err.kind() == io::ErrorKind::AlreadyExists)
    }

    pub(crate) fn io(path: impl Into<PathBuf>, op: &'static str, err: io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            op,
            err,
        }
    }
}
