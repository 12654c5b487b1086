//! One writer per record. The record file is replaced on every save, so it cannot carry a lock;
//! a sidecar file `.NAME.lock` beside it is locked (`flock`) for the whole editing session and
//! names its holder. The operating system drops the lock when the holder dies, so a lock left by
//! a crashed process is recovered by the next opener without any guessing.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fsutil::FILE_MODE;
use crate::model::Timestamp;

/// Who holds a record open for writing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub since: Timestamp,
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pid {} @ {} since {}", self.pid, self.host, self.since)
    }
}

impl Holder {
    pub fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            since: Timestamp::now(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live process holds the record. `None` when it has not written its name yet.
    #[error("{}: already open for writing by {}", path.display(), holder.as_ref().map_or_else(|| "another process".to_string(), Holder::to_string))]
    Held {
        path: PathBuf,
        holder: Option<Holder>,
    },
    #[error("{}: cannot lock: {err}", path.display())]
    Io { path: PathBuf, err: std::io::Error },
}

/// The held lock; dropping it releases the record.
#[derive(Debug)]
pub struct RecordLock {
    _file: File,
    path: PathBuf,
    /// The file system refused to lock at all (`ENOLCK`: some network shares and USB file
    /// systems): the record is open for writing, but a second writer cannot be detected.
    unsupported: bool,
}

#[cfg(test)]
thread_local! {
    /// Tests make taking the lock fail with this OS error.
    pub(crate) static FAIL_LOCK: std::cell::Cell<Option<i32>> = const { std::cell::Cell::new(None) };
}

impl RecordLock {
    /// The sidecar lock file of a record.
    pub fn path_for(record: &Path) -> PathBuf {
        let name = record
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        record.with_file_name(format!(".{name}.lock"))
    }

    /// Take the lock for `record`, or say who has it. Where the file system does not support
    /// locks (`ENOLCK`), the lock is taken without effect and says so
    /// ([`RecordLock::unsupported`]) rather than refusing the record.
    pub fn acquire(record: &Path) -> Result<RecordLock, LockError> {
        let path = Self::path_for(record);
        let io = |err| LockError::Io {
            path: path.clone(),
            err,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(FILE_MODE);
        }
        let mut file = options.open(&path).map_err(io)?;
        let locked = file.try_lock();
        #[cfg(test)]
        let locked = match FAIL_LOCK.with(std::cell::Cell::get) {
            Some(errno) => Err(TryLockError::Error(std::io::Error::from_raw_os_error(
                errno,
            ))),
            None => locked,
        };
        match locked {
            Ok(()) => {
                let me = toml::to_string(&Holder::me()).unwrap_or_default();
                // Overwritten in place, then cut to length: emptying the file first frees its
                // block, which costs more than the rest of taking the lock. Not fsynced: the
                // name is advisory (a lost name after a power cut only makes a second opener
                // say "another process"), and an fsync here costs more than the whole rest of
                // opening a record.
                file.seek(SeekFrom::Start(0)).map_err(io)?;
                file.write_all(me.as_bytes()).map_err(io)?;
                file.set_len(me.len() as u64).map_err(io)?;
                Ok(RecordLock {
                    _file: file,
                    path,
                    unsupported: false,
                })
            }
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let holder = file
                    .read_to_string(&mut text)
                    .ok()
                    .and_then(|_| toml::from_str(&text).ok());
                Err(LockError::Held { path, holder })
            }
            Err(TryLockError::Error(e))
                if e.raw_os_error() == Some(rustix::io::Errno::NOLCK.raw_os_error()) =>
            {
                // No name is written: nobody can hold this lock, so nobody may be named.
                Ok(RecordLock {
                    _file: file,
                    path,
                    unsupported: true,
                })
            }
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file system refused locks here (`ENOLCK`), so that a second writer of the
    /// record cannot be detected.
    pub fn unsupported(&self) -> bool {
        self.unsupported
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_in_the_same_process_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("r.toml");
        let first = RecordLock::acquire(&record).unwrap();
        match RecordLock::acquire(&record) {
            Err(LockError::Held {
                holder: Some(h), ..
            }) => {
                assert_eq!(h.pid, std::process::id());
            }
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        assert!(RecordLock::acquire(&record).is_ok());
    }

    /// ENOLCK: the record opens for writing, saying that a second writer cannot be detected;
    /// any other error still refuses.
    #[test]
    fn a_file_system_without_locks_opens_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("r.toml");
        FAIL_LOCK.with(|f| f.set(Some(rustix::io::Errno::NOLCK.raw_os_error())));
        let lock = RecordLock::acquire(&record);
        FAIL_LOCK.with(|f| f.set(Some(rustix::io::Errno::IO.raw_os_error())));
        let other = RecordLock::acquire(&record);
        FAIL_LOCK.with(|f| f.set(None));
        assert!(lock.unwrap().unsupported());
        assert!(matches!(other, Err(LockError::Io { .. })));
        assert!(!RecordLock::acquire(&record).unwrap().unsupported());
    }
}
