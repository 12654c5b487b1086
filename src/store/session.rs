//! An open record: the file, its lock and what may be done with it.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use super::StoreError;
use super::background::{Background, Outcome};
use super::fsutil::{
    folder_of, is_save_temporary, read_limited, write_atomic, write_new, write_rescue,
};
use super::lock::{Holder, LockError, RecordLock};
use super::records::load_record_bytes;
use crate::model::Record;

/// Why a record is open read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another process holds it for writing (`None`: it has not said who it is yet).
    LockedBy(Option<Holder>),
}

/// A record opened for the inspect screen. Only a file that parsed becomes a session, so a file
/// that does not parse is never written to; a record locked by another process is opened
/// read-only and [`Session::save`] refuses to write it.
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    lock: Option<RecordLock>,
    read_only: Option<ReadOnly>,
    /// The file as last read or written here (its stamp and bytes): a file whose bytes no
    /// longer match was changed by someone else, and is not overwritten. Shared with the writer
    /// thread; held for the whole of each save, so no two saves overlap.
    seen: Arc<Mutex<Option<Seen>>>,
    /// The writer thread of [`Session::save_in_background`], started by its first call.
    background: RefCell<Option<Background<SessionError>>>,
    /// Whole copies a killed save left, different from the record (see
    /// [`Session::rescue_unconfirmed`]).
    unconfirmed: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("{}: opened read-only ({reason:?}); not saved", path.display())]
    ReadOnly { path: PathBuf, reason: ReadOnly },
    #[error(
        "{}: changed on disk by another program since it was opened; not overwritten (the \
         change stays in memory)",
        path.display()
    )]
    ChangedOnDisk { path: PathBuf },
}

/// The file as last read or written here. Its stamp decides cheaply that nothing happened;
/// when the stamp differs (a `touch`, an editor's `:wq` that wrote the same bytes, a sync tool
/// that rewrote it), the bytes decide whether it really changed.
#[derive(Debug, Clone)]
struct Seen {
    stamp: Option<Stamp>,
    bytes: Vec<u8>,
}

/// A way out of an outside change ([`Session::resolve`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Take the file on disk; the change in memory goes to the rescue folder.
    Reload,
    /// Save the change in memory over the file; the file on disk is kept as a copy beside it.
    KeepMine,
    /// Write the change in memory as a copy beside the record; take the file on disk.
    SaveCopy,
}

/// What [`Session::resolve`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The record as it now is on disk (to show from now on).
    pub record: Record,
    /// The named copy that keeps the other version.
    pub copy: PathBuf,
}

/// Write `bytes` as the new file `STEM.toml` beside `record` (or `STEM-2.toml`...), never over
/// another file. Returns its path.
fn write_beside(record: &Path, stem: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let dir = folder_of(record);
    let mut n = 1;
    loop {
        let name = match n {
            1 => format!("{stem}.toml"),
            n => format!("{stem}-{n}.toml"),
        };
        let path = dir.join(name);
        match write_new(&path, bytes) {
            Err(e) if e.already_exists() && n < 1000 => n += 1,
            Err(e) => return Err(e),
            Ok(()) => return Ok(path),
        }
    }
}

/// What tells one version of the file from another without reading it: its inode (every save
/// here, and every editor or sync tool that writes a new file and renames it, makes a new one),
/// its size and its modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    inode: (u64, u64),
    len: u64,
    modified: SystemTime,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let inode = (0, 0);
    Some(Stamp {
        inode,
        len: meta.len(),
        modified: meta.modified().ok()?,
    })
}

impl Session {
    /// Open and lock a record. Fails if the file cannot be read or does not parse (nothing is
    /// written then); opens read-only if another process holds the lock.
    pub fn open(path: &Path) -> Result<(Session, Record), SessionError> {
        // Through a symbolic link, the real file is the record: a save must replace it, not
        // the link, and its lock must be the one every opener finds.
        let real = std::fs::canonicalize(path)
            .map_err(|e| SessionError::Store(StoreError::io(path, "read", e)))?;
        let path = real.as_path();
        // Lock first, then read: a writer that saves and exits between our read and our lock
        // would otherwise have its last change overwritten by our stale copy.
        let lock_path = RecordLock::path_for(path);
        let lock_was_there = lock_path.exists();
        let (lock, read_only) = match RecordLock::acquire(path) {
            Ok(lock) => (Some(lock), None),
            Err(LockError::Held { holder, .. }) => (None, Some(ReadOnly::LockedBy(holder))),
            Err(e) => return Err(e.into()),
        };
        let (record, bytes) = match load_record_bytes(path) {
            Ok(loaded) => loaded,
            Err(e) => {
                // A file that does not parse never becomes a session, and leaves nothing
                // behind: not even the lock file this open made.
                if lock.is_some() && !lock_was_there {
                    drop(lock);
                    let _ = std::fs::remove_file(&lock_path);
                }
                return Err(e.into());
            }
        };
        // Only the lock holder may tidy: nobody else is saving this record now.
        let unconfirmed = match lock {
            Some(_) => tidy_temporaries(path, &record),
            None => Vec::new(),
        };
        Ok((
            Session {
                path: path.to_path_buf(),
                lock,
                read_only,
                seen: Arc::new(Mutex::new(Some(Seen {
                    stamp: stamp(path),
                    bytes,
                }))),
                background: RefCell::new(None),
                unconfirmed,
            },
            record,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Whether the folder does not support file locks (`ENOLCK`): the record is open for
    /// writing, but another program writing it at the same time cannot be detected.
    pub fn lock_unsupported(&self) -> bool {
        self.lock.as_ref().is_some_and(RecordLock::unsupported)
    }

    /// Copies a save killed between writing and renaming left beside the record, whole and
    /// different from it: the change that save was making, never confirmed. Kept, not deleted,
    /// until [`Session::rescue_unconfirmed`] moves them.
    pub fn unconfirmed(&self) -> &[PathBuf] {
        &self.unconfirmed
    }

    /// Move the unconfirmed copies into `dir` (the rescue folder, made 0700 if need be) as
    /// `NAME-unconfirmed-YYYYMMDD-HHMMSS.toml` (the time the copy was written), never over
    /// another file. Returns where each went, or why it could not (then it stays where it was,
    /// and is tried again at the next open).
    pub fn rescue_unconfirmed(&mut self, dir: &Path) -> Vec<Result<PathBuf, StoreError>> {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Larger than any record could be written is left where it is, with the error.
        let limit = super::records::RECORD_LIMIT.saturating_mul(4);
        let mut done = Vec::new();
        for copy in std::mem::take(&mut self.unconfirmed) {
            let moved = read_limited(&copy, limit).and_then(|bytes| {
                let when = std::fs::metadata(&copy)
                    .and_then(|m| m.modified())
                    .map(chrono::DateTime::<chrono::Local>::from)
                    .unwrap_or_else(|_| chrono::Local::now());
                let name = format!("{stem}-unconfirmed-{}", when.format("%Y%m%d-%H%M%S"));
                let target = write_rescue(dir, &name, &bytes)?;
                std::fs::remove_file(&copy).map_err(|e| StoreError::io(&copy, "remove", e))?;
                Ok(target)
            });
            done.push(moved);
        }
        done
    }

    /// Save durably, now. Refused when read-only. A save still running on the writer thread
    /// (see [`Session::save_in_background`]) is finished first, so saves never overlap and are
    /// written in the order they were asked for.
    pub fn save(&self, record: &Record) -> Result<(), SessionError> {
        self.writable()?;
        if let Some(background) = self.background.borrow_mut().as_mut() {
            let _ = background.wait();
        }
        write_unless_changed(&self.path, &self.seen, record)
    }

    /// Save durably on the writer thread, one thread per session (started here the first
    /// time): the caller goes on at once, and takes the outcome from
    /// [`Session::poll_saved`] or [`Session::wait_saved`]. Returns the number of this save
    /// (counting up from 1). A save asked for while another is being written waits and replaces
    /// any save still waiting; the same checks as [`Session::save`] are made when it is written.
    /// Errors, at once: read-only, or the thread could not be started (the record is then not
    /// saved; [`Session::save`] still can).
    pub fn save_in_background(&self, record: Record) -> Result<u64, SessionError> {
        self.writable()?;
        let mut slot = self.background.borrow_mut();
        let background = match &mut *slot {
            Some(background) => background,
            None => {
                let (path, seen) = (self.path.clone(), Arc::clone(&self.seen));
                let started =
                    Background::start(move |r: &Record| write_unless_changed(&path, &seen, r))
                        .map_err(|e| StoreError::io(&self.path, "start the save thread for", e))?;
                slot.insert(started)
            }
        };
        Ok(background.save(record))
    }

    /// Whether a save on the writer thread has not been answered yet.
    pub fn saving(&self) -> bool {
        self.background
            .borrow()
            .as_ref()
            .is_some_and(Background::busy)
    }

    /// The newest outcome of the writer thread since the last call, without waiting: the
    /// number of the save and its result.
    pub fn poll_saved(&self) -> Option<Outcome<SessionError>> {
        self.background.borrow_mut().as_mut()?.poll()
    }

    /// Wait for the last save asked of the writer thread; its outcome (`None`: none was
    /// waiting).
    pub fn wait_saved(&self) -> Option<Outcome<SessionError>> {
        self.background.borrow_mut().as_mut()?.wait()
    }

    /// The file as it is on disk now, if it is no longer the one last read or written here
    /// (bytes compared, so a touch is no change): the record in it, now taken as seen. For a
    /// read-only session, that follows the holder's saves. `Ok(None)`: unchanged (or gone).
    /// Errors: the new file cannot be read or does not parse (nothing is taken then).
    pub fn reload_if_changed(&self) -> Result<Option<Record>, SessionError> {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let now = stamp(&self.path);
        if now.is_none() {
            return Ok(None);
        }
        match seen.as_mut() {
            Some(last) if last.stamp == now => return Ok(None),
            Some(last) if same_bytes(&self.path, &last.bytes) => {
                last.stamp = now;
                return Ok(None);
            }
            _ => {}
        }
        let (record, bytes) = load_record_bytes(&self.path)?;
        *seen = Some(Seen { stamp: now, bytes });
        Ok(Some(record))
    }

    /// A way out of a save refused because the file was changed by another program
    /// ([`SessionError::ChangedOnDisk`]), with `mine` the record in memory. Every way keeps
    /// both versions, each in a named file ([`Resolved::copy`]):
    /// - [`Resolution::Reload`]: `mine` goes to the rescue folder `rescue` as
    ///   `NAME-unsaved-YYYYMMDD-HHMMSS.toml`, and the file on disk becomes the record;
    /// - [`Resolution::KeepMine`]: the file on disk is copied beside the record as
    ///   `NAME-outside-YYYYMMDD-HHMMSS.toml`, then `mine` is saved over the record;
    /// - [`Resolution::SaveCopy`]: `mine` is written beside the record as
    ///   `NAME-mine-YYYYMMDD-HHMMSS.toml`, and the file on disk becomes the record.
    ///
    /// Copies never replace another file (`-2`, `-3`... are added). Errors: read-only, or a
    /// file could not be read, parsed or written (then the record on disk is as it was, and
    /// `mine` is still only in memory).
    pub fn resolve(
        &self,
        way: Resolution,
        mine: &Record,
        rescue: &Path,
    ) -> Result<Resolved, SessionError> {
        self.writable()?;
        if let Some(background) = self.background.borrow_mut().as_mut() {
            let _ = background.wait();
        }
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let when = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mine_text = mine.to_toml().map_err(StoreError::from)?;
        match way {
            Resolution::Reload | Resolution::SaveCopy => {
                let (theirs, bytes) = load_record_bytes(&self.path)?;
                let copy = match way {
                    Resolution::Reload => write_rescue(
                        rescue,
                        &format!("{stem}-unsaved-{when}"),
                        mine_text.as_bytes(),
                    )?,
                    _ => write_beside(
                        &self.path,
                        &format!("{stem}-mine-{when}"),
                        mine_text.as_bytes(),
                    )?,
                };
                *seen = Some(Seen {
                    stamp: stamp(&self.path),
                    bytes,
                });
                Ok(Resolved {
                    record: theirs,
                    copy,
                })
            }
            Resolution::KeepMine => {
                // Byte for byte, whatever the other program wrote.
                let theirs = read_limited(&self.path, super::records::RECORD_LIMIT)?;
                let copy = write_beside(&self.path, &format!("{stem}-outside-{when}"), &theirs)?;
                let saved = write_atomic(&self.path, mine_text.as_bytes());
                if matches!(saved, Ok(()) | Err(StoreError::Unsynced { .. })) {
                    *seen = Some(Seen {
                        stamp: stamp(&self.path),
                        bytes: mine_text.into_bytes(),
                    });
                }
                saved?;
                Ok(Resolved {
                    record: mine.clone(),
                    copy,
                })
            }
        }
    }

    fn writable(&self) -> Result<(), SessionError> {
        if let Some(reason) = &self.read_only {
            return Err(SessionError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        debug_assert!(self.lock.is_some());
        Ok(())
    }
}

impl Drop for Session {
    /// The writer thread finishes its waiting save and ends before the lock is let go.
    fn drop(&mut self) {
        self.background.get_mut().take();
    }
}

/// Save `record` over `path` unless the file is no longer the one last read or written here
/// (`seen`, held for the whole save): a file with another stamp but the same bytes (touched,
/// or written again unchanged) is the same file, and is saved over.
fn write_unless_changed(
    path: &Path,
    seen: &Mutex<Option<Seen>>,
    record: &Record,
) -> Result<(), SessionError> {
    let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
    let now = stamp(path);
    if now.is_some() {
        match seen.as_mut() {
            Some(last) if last.stamp == now => {}
            Some(last) if same_bytes(path, &last.bytes) => last.stamp = now,
            _ => {
                return Err(SessionError::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
            }
        }
    }
    let text = record.to_toml().map_err(StoreError::from)?;
    let saved = write_atomic(path, text.as_bytes());
    if matches!(saved, Ok(()) | Err(StoreError::Unsynced { .. })) {
        // The file on disk is the one just written (even if not yet synced): the next save
        // must not take it for someone else's change.
        *seen = Some(Seen {
            stamp: stamp(path),
            bytes: text.into_bytes(),
        });
    }
    saved?;
    Ok(())
}

/// Whether the file at `path` holds exactly `bytes` (read only when the sizes agree).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|now| now == bytes)
}

/// A save killed between writing its temporary file and renaming it over the record leaves
/// the temporary behind as `.NAME.xuncha-save.XXXXXX` (see [`is_save_temporary`]); nothing else
/// is touched. Only a copy that provably holds nothing more goes: an empty one, or one whose
/// bytes are the record's (as on disk, or as a save would write it now). Any other (the change
/// the killed save was making, a part of one, one this user cannot read or this version cannot
/// parse) is kept, and its path returned, for [`Session::rescue_unconfirmed`].
fn tidy_temporaries(record_path: &Path, record: &Record) -> Vec<PathBuf> {
    let mut kept = Vec::new();
    let Some(name) = record_path.file_name() else {
        return kept;
    };
    let Ok(entries) = std::fs::read_dir(folder_of(record_path)) else {
        return kept;
    };
    let mut candidates = Vec::new();
    for entry in entries.flatten() {
        if is_save_temporary(name, &entry.file_name())
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            candidates.push(entry.path());
        }
    }
    if candidates.is_empty() {
        return kept;
    }
    // The record as a save would write it now, and as it is on disk.
    let same: Vec<Vec<u8>> = [
        record.to_toml().ok().map(String::into_bytes),
        std::fs::read(record_path).ok(),
    ]
    .into_iter()
    .flatten()
    .collect();
    for copy in candidates {
        let redundant = match std::fs::metadata(&copy) {
            Ok(m) if m.len() == 0 => true,
            Ok(m) => {
                same.iter().any(|s| s.len() as u64 == m.len())
                    && std::fs::read(&copy).is_ok_and(|bytes| same.contains(&bytes))
            }
            Err(_) => false,
        };
        if redundant {
            let _ = std::fs::remove_file(&copy);
        } else {
            kept.push(copy);
        }
    }
    kept.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    kept
}

#[cfg(test)]
mod tests;
