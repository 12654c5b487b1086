//! An open record: the file, its lock and what may be done with it.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::StoreError;
use super::fsutil::{folder_of, is_save_temporary, read_limited, write_rescue};
use super::lock::{Holder, LockError, RecordLock};
use super::records::{load_record, save_record_with};
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
    /// Identity, size and modification time of the file as last read or written here: a file
    /// that no longer matches was changed by someone else, and is not overwritten.
    seen: Cell<Option<Stamp>>,
    /// The writer of the last save, kept for the next: a large record's text is not allocated
    /// and faulted in afresh on every keystroke, and the answers that did not change are not
    /// written again but copied.
    writer: std::cell::RefCell<crate::model::canonical::Writer>,
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
        let record = match load_record(path) {
            Ok(record) => record,
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
                seen: Cell::new(stamp(path)),
                writer: std::cell::RefCell::default(),
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

    /// Save durably. Refused when read-only.
    pub fn save(&self, record: &Record) -> Result<(), SessionError> {
        if let Some(reason) = &self.read_only {
            return Err(SessionError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        debug_assert!(self.lock.is_some());
        let now = stamp(&self.path);
        if now.is_some() && now != self.seen.get() {
            return Err(SessionError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        let saved = save_record_with(&self.path, record, &mut self.writer.borrow_mut());
        if matches!(saved, Ok(()) | Err(StoreError::Unsynced { .. })) {
            // The file on disk is the one just written (even if not yet synced): the next save
            // must not take it for someone else's change.
            self.seen.set(stamp(&self.path));
        }
        saved?;
        Ok(())
    }
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
