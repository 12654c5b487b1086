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
mod tests {
    use super::*;
    use crate::model::{Status, Timestamp};
    use crate::store::create_record;
    use crate::store::load_record;

    #[test]
    fn a_second_session_is_read_only_and_cannot_save() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let (first, mut rec) = Session::open(&path).unwrap();
        assert!(first.read_only().is_none());
        let (second, _) = Session::open(&path).unwrap();
        assert!(matches!(
            second.read_only(),
            Some(ReadOnly::LockedBy(Some(_)))
        ));
        assert!(matches!(
            second.save(&rec),
            Err(SessionError::ReadOnly { .. })
        ));
        rec.answers.entry("a/b".into()).or_default().status = Status::Problem;
        first.save(&rec).unwrap();
        assert_eq!(load_record(&path).unwrap(), rec);
        drop(first);
        let (third, _) = Session::open(&path).unwrap();
        assert!(third.read_only().is_none());
    }

    /// Saves on the writer thread: the newest state ends on disk, in order with the saves
    /// made now; a file changed by someone else is not overwritten there either; a read-only
    /// session refuses at once; dropping the session finishes the waiting save.
    #[test]
    fn saves_on_the_writer_thread() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let (s, mut rec) = Session::open(&path).unwrap();
        assert!(!s.saving());
        assert_eq!(s.wait_saved().map(|(n, _)| n), None);
        let mut last = 0;
        for (i, status) in [Status::Problem, Status::Doubt, Status::NoProblem]
            .into_iter()
            .enumerate()
        {
            rec.answers.entry(format!("a/{i}")).or_default().status = status;
            last = s.save_in_background(rec.clone()).unwrap();
        }
        assert_eq!(last, 3);
        let (n, result) = s.wait_saved().unwrap();
        assert_eq!(n, 3);
        result.unwrap();
        assert!(!s.saving());
        assert_eq!(load_record(&path).unwrap(), rec);
        // A save made now after one on the thread: the thread's is done first.
        rec.answers.entry("a/3".into()).or_default().status = Status::Doubt;
        s.save_in_background(rec.clone()).unwrap();
        rec.answers.entry("a/4".into()).or_default().status = Status::Doubt;
        s.save(&rec).unwrap();
        assert_eq!(load_record(&path).unwrap(), rec);

        let (second, _) = Session::open(&path).unwrap();
        assert!(matches!(
            second.save_in_background(rec.clone()),
            Err(SessionError::ReadOnly { .. })
        ));
        drop(second);

        std::thread::sleep(std::time::Duration::from_millis(20));
        let theirs = std::fs::read_to_string(&path)
            .unwrap()
            .replace("王五", "王六");
        std::fs::write(&path, &theirs).unwrap();
        rec.answers.entry("a/5".into()).or_default().status = Status::Problem;
        s.save_in_background(rec.clone()).unwrap();
        let (_, result) = s.wait_saved().unwrap();
        assert!(matches!(result, Err(SessionError::ChangedOnDisk { .. })));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);

        let other = create_record(dir.path(), &r).unwrap();
        let (s, mut rec) = Session::open(&other).unwrap();
        rec.answers.entry("b/1".into()).or_default().status = Status::Problem;
        s.save_in_background(rec.clone()).unwrap();
        drop(s);
        assert_eq!(load_record(&other).unwrap(), rec);
    }

    #[test]
    fn opening_removes_temporaries_left_by_a_killed_save_but_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // What a killed save leaves that holds nothing more: a copy equal to the record, an
        // empty file.
        let text = r.to_toml().unwrap();
        let stale = [
            (format!(".{name}.xuncha-save.a1B2c3"), text.as_str()),
            (format!(".{name}.xuncha-save.j1K2l3"), ""),
        ];
        // Files of the user's, however much they look like a copy of the record, stay: a
        // backup holding the very record, a hand-made copy, another record's temporary.
        let keep = [
            (format!(".{name}.backup"), text.as_str()),
            (format!(".{name}.a1B2c3"), text.as_str()),
            (format!(".{name}.xuncha-save.toolong1"), text.as_str()),
            (format!(".{name}.xuncha-save"), ""),
            (".other.toml.xuncha-save.a1B2c3".to_string(), text.as_str()),
            ("笔记.txt".to_string(), "x"),
        ];
        // A part of a copy may hold a note the record lacks: kept for the rescue folder.
        let partial = format!(".{name}.xuncha-save.d4E5f6");
        for (file, content) in stale
            .iter()
            .chain(&keep)
            .chain([&(partial.clone(), &text[..text.len() / 2])])
        {
            std::fs::write(dir.path().join(file), content).unwrap();
        }
        let (s, _) = Session::open(&path).unwrap();
        for (file, _) in &stale {
            assert!(!dir.path().join(file).exists(), "{file} removed");
        }
        for (file, content) in &keep {
            let kept = std::fs::read_to_string(dir.path().join(file));
            assert_eq!(kept.ok().as_deref(), Some(*content), "{file} kept");
        }
        assert_eq!(s.unconfirmed(), [dir.path().join(&partial)]);
        assert!(dir.path().join(&partial).exists());
    }

    /// An opener that does not hold the lock touches no leftover, not even a redundant one.
    #[test]
    fn a_read_only_opener_leaves_leftovers_alone() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (_first, _) = Session::open(&path).unwrap();
        let text = r.to_toml().unwrap();
        let leftovers = [
            (format!(".{name}.xuncha-save.a1B2c3"), text.as_str()),
            (format!(".{name}.xuncha-save.j1K2l3"), ""),
            (format!(".{name}.xuncha-save.d4E5f6"), &text[..10]),
        ];
        for (file, content) in &leftovers {
            std::fs::write(dir.path().join(file), content).unwrap();
        }
        let (second, _) = Session::open(&path).unwrap();
        assert!(second.read_only().is_some());
        assert!(second.unconfirmed().is_empty());
        for (file, content) in &leftovers {
            let kept = std::fs::read_to_string(dir.path().join(file));
            assert_eq!(kept.ok().as_deref(), Some(*content), "{file}");
        }
    }

    /// The folder sync fails after the rename: the save says so (the file is the new one, not
    /// yet safely on disk), and the next save is not refused as someone else's change. A file
    /// system that cannot sync folders at all (EINVAL) saves without complaint.
    #[test]
    fn a_failed_folder_sync_is_reported_and_does_not_block_the_next_save() {
        use crate::store::fsutil::FAIL_FOLDER_SYNC;
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let (s, mut rec) = Session::open(&path).unwrap();
        rec.answers.entry("a/b".into()).or_default().status = Status::Doubt;
        FAIL_FOLDER_SYNC.with(|f| f.set(Some(rustix::io::Errno::IO.raw_os_error())));
        let e = s.save(&rec).unwrap_err();
        FAIL_FOLDER_SYNC.with(|f| f.set(None));
        assert!(
            matches!(e, SessionError::Store(StoreError::Unsynced { .. })),
            "{e}"
        );
        assert!(e.to_string().contains("not yet safely on disk"), "{e}");
        assert_eq!(load_record(&path).unwrap(), rec, "the file is the new one");
        rec.answers.entry("a/b".into()).or_default().status = Status::Problem;
        s.save(&rec).unwrap();
        assert_eq!(load_record(&path).unwrap(), rec);
        FAIL_FOLDER_SYNC.with(|f| f.set(Some(rustix::io::Errno::INVAL.raw_os_error())));
        rec.answers.entry("a/b".into()).or_default().status = Status::NoProblem;
        let saved = s.save(&rec);
        FAIL_FOLDER_SYNC.with(|f| f.set(None));
        saved.unwrap();
        assert_eq!(load_record(&path).unwrap(), rec);
    }

    /// A whole copy that differs from the record (the change a killed save was making) is not
    /// deleted: it is kept for the rescue folder, moved there whole and private, never over an
    /// existing file; a read-only opener touches nothing.
    #[test]
    fn an_unconfirmed_copy_is_rescued_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let rescue = dir.path().join("config").join("rescue");
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut newer = r.clone();
        newer.answers.entry("a/b".into()).or_default().status = Status::Problem;
        let copy = dir.path().join(format!(".{name}.xuncha-save.q1W2e3"));
        let text = newer.to_toml().unwrap();
        std::fs::write(&copy, &text).unwrap();
        let (first, _) = Session::open(&path).unwrap();
        // A second, read-only opener sees the lock and leaves the copy alone.
        let (mut second, _) = Session::open(&path).unwrap();
        assert!(second.read_only().is_some());
        assert!(second.unconfirmed().is_empty());
        assert!(second.rescue_unconfirmed(&rescue).is_empty());
        let mut first = first;
        assert_eq!(first.unconfirmed(), std::slice::from_ref(&copy));
        assert!(copy.exists(), "kept until rescued");
        let moved: Vec<PathBuf> = first
            .rescue_unconfirmed(&rescue)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(moved.len(), 1);
        assert!(!copy.exists());
        assert_eq!(std::fs::read_to_string(&moved[0]).unwrap(), text);
        assert_eq!(load_record(&moved[0]).unwrap(), newer);
        let file = moved[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            file.starts_with(&format!(
                "{}-unconfirmed-",
                path.file_stem().unwrap().to_string_lossy()
            )),
            "{file}"
        );
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&moved[0]).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(&rescue).unwrap().permissions().mode() & 0o777,
            0o700
        );
        assert!(first.unconfirmed().is_empty());
        // The record itself is untouched.
        assert_eq!(load_record(&path).unwrap(), r);
        drop((first, second));
        // Another copy in the same second goes beside the first, not over it.
        std::fs::write(&copy, &text).unwrap();
        let (mut again, _) = Session::open(&path).unwrap();
        let moved2 = again.rescue_unconfirmed(&rescue).pop().unwrap().unwrap();
        assert_ne!(moved2, moved[0]);
        assert!(moved[0].exists() && moved2.exists());
    }

    #[test]
    fn opening_through_a_link_saves_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let real = create_record(dir.path(), &r).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let (s, mut rec) = Session::open(&link).unwrap();
        rec.answers.entry("a/b".into()).or_default().status = Status::Doubt;
        s.save(&rec).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(load_record(&real).unwrap(), rec);
        // and a second opener through the real path finds the lock
        let (second, _) = Session::open(&real).unwrap();
        assert!(second.read_only().is_some());
    }

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let (s, mut rec) = Session::open(&path).unwrap();
        rec.answers.entry("a/b".into()).or_default().status = Status::Problem;
        s.save(&rec).unwrap();
        s.save(&rec).unwrap();
        // a sync tool or a text editor writes the file
        let theirs = std::fs::read_to_string(&path)
            .unwrap()
            .replace("王五", "王六");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, &theirs).unwrap();
        rec.answers.entry("a/c".into()).or_default().status = Status::Doubt;
        assert!(matches!(
            s.save(&rec),
            Err(SessionError::ChangedOnDisk { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    }

    /// Touched (a new time) or written again with the same bytes as a new file (an editor's
    /// `:wq`): not a change; the save goes through. A read-only opener sees no change either.
    #[test]
    fn a_file_touched_but_not_changed_is_not_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let (s, mut rec) = Session::open(&path).unwrap();
        let (reader, _) = Session::open(&path).unwrap();
        let touch = |secs: u64| {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            let t = SystemTime::now() + std::time::Duration::from_secs(secs);
            file.set_modified(t).unwrap();
        };
        touch(5);
        assert!(reader.reload_if_changed().unwrap().is_none());
        rec.answers.entry("a/b".into()).or_default().status = Status::Problem;
        s.save(&rec).unwrap();
        assert_eq!(load_record(&path).unwrap(), rec);
        // `:wq`: the same bytes in a new file renamed over the record.
        let same = std::fs::read(&path).unwrap();
        let other = dir.path().join("vim-copy");
        std::fs::write(&other, &same).unwrap();
        std::fs::rename(&other, &path).unwrap();
        touch(10);
        rec.answers.entry("a/c".into()).or_default().status = Status::Doubt;
        s.save_in_background(rec.clone()).unwrap();
        s.wait_saved().unwrap().1.unwrap();
        assert_eq!(load_record(&path).unwrap(), rec);
        // The holder's save is a real change for the reader: it follows it.
        assert_eq!(reader.reload_if_changed().unwrap(), Some(rec.clone()));
        assert!(reader.reload_if_changed().unwrap().is_none());
    }

    /// The three ways out of a real outside change each keep both versions, in named files,
    /// and the next save goes through.
    #[test]
    fn an_outside_change_has_three_ways_out() {
        let dir = tempfile::tempdir().unwrap();
        let rescue = dir.path().join("rescue");
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for way in [
            Resolution::Reload,
            Resolution::KeepMine,
            Resolution::SaveCopy,
        ] {
            let (s, mut mine) = Session::open(&path).unwrap();
            let mut theirs = mine.clone();
            theirs.inspector = format!("{way:?}");
            std::fs::write(&path, theirs.to_toml().unwrap()).unwrap();
            mine.answers.entry("a/b".into()).or_default().status = Status::Problem;
            assert!(matches!(
                s.save(&mine),
                Err(SessionError::ChangedOnDisk { .. })
            ));
            let done = s.resolve(way, &mine, &rescue).unwrap();
            let name = done
                .copy
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let (kept, on_disk, label) = match way {
                Resolution::Reload => (&mine, &theirs, "unsaved"),
                Resolution::KeepMine => (&theirs, &mine, "outside"),
                Resolution::SaveCopy => (&mine, &theirs, "mine"),
            };
            assert!(name.starts_with(&format!("{stem}-{label}-")), "{name}");
            assert_eq!(load_record(&done.copy).unwrap(), *kept, "{way:?}");
            assert_eq!(load_record(&path).unwrap(), *on_disk, "{way:?}");
            assert_eq!(done.record, *on_disk);
            assert_eq!(done.copy.starts_with(&rescue), way == Resolution::Reload);
            let mut next = done.record.clone();
            next.answers.entry("a/z".into()).or_default().status = Status::Doubt;
            s.save(&next).unwrap();
            assert_eq!(load_record(&path).unwrap(), next);
            std::fs::remove_file(&done.copy).unwrap();
        }
    }

    /// Replaced by a file of the same size at once (no time for the clock to tick): told apart
    /// by its inode.
    #[test]
    fn a_file_replaced_with_the_same_size_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let r = Record::new("单位", "第一轮", "", "王五", &[], Timestamp::now());
        let path = create_record(dir.path(), &r).unwrap();
        let (s, mut rec) = Session::open(&path).unwrap();
        s.save(&rec).unwrap();
        let before = std::fs::metadata(&path).unwrap();
        let theirs = std::fs::read_to_string(&path)
            .unwrap()
            .replace("王五", "王六");
        let other = dir.path().join("their-copy.toml");
        std::fs::write(&other, &theirs).unwrap();
        let file = std::fs::File::options().write(true).open(&other).unwrap();
        file.set_modified(before.modified().unwrap()).unwrap();
        drop(file);
        std::fs::rename(&other, &path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), before.len());
        rec.answers.entry("a/c".into()).or_default().status = Status::Doubt;
        assert!(matches!(
            s.save(&rec),
            Err(SessionError::ChangedOnDisk { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    }

    #[test]
    fn a_broken_file_is_never_opened_nor_touched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("坏.toml");
        let broken = "format = 1\nunit = \"计算机学院\nround = 3\n";
        std::fs::write(&path, broken).unwrap();
        let err = Session::open(&path).unwrap_err();
        assert!(err.to_string().contains(":2:"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }
}
