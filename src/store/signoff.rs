//! The round's own files beside the records in the data folder: each signer's sign-off file
//! (`第三轮_张三.signoff.toml`), the leader's file (`第三轮.leader.toml`) and the units'
//! rectification ledgers (`第三轮_计算机学院.ledger.toml`). They are told from records by
//! their names ([`round_file_kind`]): finding records skips them, reading a round reads them
//! beside the records, and nothing counts them as inspection records.
//!
//! Every one is written as a record is: under the same sidecar lock, with the same durable
//! atomic write (0600 in a 0700 folder), its `format` checked (a newer one is refused), and a
//! file that does not parse is never overwritten — the change is refused with the file's line
//! and column.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::StoreError;
use super::fsutil::{create_private_dir, read_limited, write_atomic};
use super::lock::{LockError, RecordLock};
use super::records::RECORD_LIMIT;
use crate::model::RecordError;
use crate::model::signoff::{LeaderFile, SignoffFile};

/// The end of a sign-off file's name.
pub const SIGNOFF_SUFFIX: &str = ".signoff.toml";
/// The end of a leader file's name.
pub const LEADER_SUFFIX: &str = ".leader.toml";
/// The end of a rectification ledger's name.
pub const LEDGER_SUFFIX: &str = ".ledger.toml";

/// Which of the round's own files a path is, by its name; `None`: a record (or anything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundFileKind {
    Signoff,
    Leader,
    Ledger,
}

/// The kind of round file `path` names, if it is one.
pub fn round_file_kind(path: &Path) -> Option<RoundFileKind> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(SIGNOFF_SUFFIX) {
        Some(RoundFileKind::Signoff)
    } else if name.ends_with(LEADER_SUFFIX) {
        Some(RoundFileKind::Leader)
    } else if name.ends_with(LEDGER_SUFFIX) {
        Some(RoundFileKind::Ledger)
    } else {
        None
    }
}

/// A part of a file name ([`super::records::name_part`]), `-` when nothing is left.
pub fn name_part(s: &str) -> String {
    let part = super::records::name_part(s);
    if part.is_empty() {
        "-".to_string()
    } else {
        part
    }
}

/// `DATA/第三轮_张三.signoff.toml`.
pub fn signoff_path(data_dir: &Path, round: &str, signer: &str) -> PathBuf {
    data_dir.join(format!(
        "{}_{}{SIGNOFF_SUFFIX}",
        name_part(round),
        name_part(signer)
    ))
}

/// `DATA/第三轮.leader.toml`.
pub fn leader_path(data_dir: &Path, round: &str) -> PathBuf {
    data_dir.join(format!("{}{LEADER_SUFFIX}", name_part(round)))
}

/// `DATA/第三轮_计算机学院.ledger.toml`.
pub fn ledger_path(data_dir: &Path, round: &str, unit: &str) -> PathBuf {
    data_dir.join(format!(
        "{}_{}{LEDGER_SUFFIX}",
        name_part(round),
        name_part(unit)
    ))
}

/// Read and parse a versioned round file with `parse` (named in errors by its path).
///
/// # Errors
/// It cannot be read, is larger than a record may be, is empty, is not UTF-8, or does not parse
/// ([`StoreError::Record`] with line and column; a newer format is `RecordError::NewerFormat`).
pub fn load_file<T>(
    path: &Path,
    parse: fn(&str, &str) -> Result<T, RecordError>,
) -> Result<T, StoreError> {
    let bytes = read_limited(path, RECORD_LIMIT)?;
    let name = path.display().to_string();
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let good = e.valid_up_to();
        let prefix = String::from_utf8_lossy(bytes.get(..good).unwrap_or_default()).into_owned();
        StoreError::Record(RecordError::Invalid(crate::model::Diagnostic::at(
            &name,
            &prefix,
            Some(good..good),
            "invalid UTF-8; expected a UTF-8 text file".into(),
        )))
    })?;
    if text.trim().is_empty() {
        return Err(StoreError::Record(RecordError::Invalid(
            crate::model::Diagnostic::at(
                &name,
                text,
                Some(0..0),
                format!(
                    "{}; expected a file of xuncha (missing field `format`)",
                    super::records::EMPTY_FILE
                ),
            ),
        )));
    }
    parse(&name, text).map_err(StoreError::Record)
}

/// A sign-off file.
pub fn load_signoff(path: &Path) -> Result<SignoffFile, StoreError> {
    load_file(path, SignoffFile::parse)
}

/// A leader file.
pub fn load_leader(path: &Path) -> Result<LeaderFile, StoreError> {
    load_file(path, LeaderFile::parse)
}

/// Take the sidecar lock of `path`, waiting up to about two seconds for another command that
/// holds it (a sign-off takes milliseconds).
fn lock(path: &Path) -> Result<RecordLock, StoreError> {
    let mut waited = Duration::ZERO;
    loop {
        match RecordLock::acquire(path) {
            Ok(l) => return Ok(l),
            Err(LockError::Held { path: p, holder }) => {
                if waited >= Duration::from_secs(2) {
                    return Err(StoreError::Busy { path: p, holder });
                }
                std::thread::sleep(Duration::from_millis(100));
                waited += Duration::from_millis(100);
            }
            Err(LockError::Io { path, err }) => return Err(StoreError::io(path, "lock", err)),
        }
    }
}

/// Change the round file `path` under its lock: read it (or start from `new()` when it does
/// not exist), let `change` edit it, and write it back durably. Returns what `change`
/// returned. Nothing is written when `change` fails, and a file that does not parse is never
/// overwritten (its error is returned).
///
/// # Errors
/// The lock is held elsewhere for more than two seconds ([`StoreError::Busy`]); the file does
/// not load; `change` refuses (`Err(E)` is returned as `Ok(Err(E))`); the write fails.
pub fn update_file<T, R, E>(
    path: &Path,
    new: impl FnOnce() -> T,
    parse: fn(&str, &str) -> Result<T, RecordError>,
    write: fn(&T) -> Result<String, toml::ser::Error>,
    change: impl FnOnce(&mut T) -> Result<R, E>,
) -> Result<Result<R, E>, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let _lock = lock(path)?;
    let mut value = match std::fs::symlink_metadata(path) {
        Ok(_) => load_file(path, parse)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => new(),
        Err(e) => return Err(StoreError::io(path, "read", e)),
    };
    let out = match change(&mut value) {
        Ok(out) => out,
        Err(e) => return Ok(Err(e)),
    };
    let text = write(&value)?;
    write_atomic(path, text.as_bytes())?;
    Ok(Ok(out))
}

/// Change (or start) the sign-off file `path` of `signer` in `round` ([`update_file`]).
pub fn update_signoff<R, E>(
    path: &Path,
    round: &str,
    signer: &str,
    change: impl FnOnce(&mut SignoffFile) -> Result<R, E>,
) -> Result<Result<R, E>, StoreError> {
    update_file(
        path,
        || SignoffFile::new(round, signer),
        SignoffFile::parse,
        SignoffFile::to_toml,
        change,
    )
}

/// Change (or start) the leader file `path` of `round` ([`update_file`]).
pub fn update_leader<R, E>(
    path: &Path,
    round: &str,
    change: impl FnOnce(&mut LeaderFile) -> Result<R, E>,
) -> Result<Result<R, E>, StoreError> {
    update_file(
        path,
        || LeaderFile::new(round),
        LeaderFile::parse,
        LeaderFile::to_toml,
        change,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;
    use crate::model::signoff::{Signoff, Step};
    use std::os::unix::fs::PermissionsExt;

    fn sign(file: &mut SignoffFile, key: &str) -> Result<(), String> {
        file.signoffs.push(Signoff {
            key: key.into(),
            step: Step::Draft,
            hash: "0".repeat(64),
            at: crate::testing::at(1, 9),
            title: String::new(),
        });
        Ok(())
    }

    fn update(path: &Path, key: &str) -> Result<Result<(), String>, StoreError> {
        update_signoff(path, "第三轮", "张三", |f| sign(f, key))
    }

    #[test]
    fn names_tell_round_files_from_records() {
        let d = Path::new("/d");
        let p = signoff_path(d, "第三轮", "张 三/");
        assert_eq!(p, Path::new("/d/第三轮_张-三.signoff.toml"));
        assert_eq!(round_file_kind(&p), Some(RoundFileKind::Signoff));
        assert_eq!(
            round_file_kind(&leader_path(d, "第三轮")),
            Some(RoundFileKind::Leader)
        );
        assert_eq!(
            round_file_kind(&ledger_path(d, "第三轮", "计算机学院")),
            Some(RoundFileKind::Ledger)
        );
        assert_eq!(
            round_file_kind(Path::new("/d/第三轮_计算机学院_张三.toml")),
            None
        );
    }

    #[test]
    fn a_change_is_saved_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let path = signoff_path(&data, "第三轮", "张三");
        update(&path, "计算机学院/a/b").unwrap().unwrap();
        update(&path, "计算机学院/a/c").unwrap().unwrap();
        let f = load_signoff(&path).unwrap();
        assert_eq!(f.signoffs.len(), 2);
        assert_eq!(f.signer, "张三");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let mode = std::fs::metadata(&data).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        // a refused change writes nothing
        let before = std::fs::read(&path).unwrap();
        let refused: Result<Result<(), String>, StoreError> =
            update_signoff(&path, "第三轮", "张三", |_| Err("no".to_string()));
        assert_eq!(refused.unwrap(), Err("no".to_string()));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let _ = Timestamp::now();
    }

    #[test]
    fn a_broken_file_is_named_with_its_line_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = signoff_path(dir.path(), "第三轮", "张三");
        let broken = "format = 1\nround = \"第三轮\"\nsigner = \"张三\n";
        std::fs::write(&path, broken).unwrap();
        let e = update(&path, "x/a/b").unwrap_err();
        let StoreError::Record(r) = &e else {
            panic!("{e}")
        };
        assert_eq!(r.diagnostic().line, 3, "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }

    #[test]
    fn a_newer_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = leader_path(dir.path(), "第三轮");
        let newer = "format = 9\nround = \"第三轮\"\nhanded_over = true\n";
        std::fs::write(&path, newer).unwrap();
        let e = update_leader(&path, "第三轮", |_| Ok::<(), String>(())).unwrap_err();
        assert!(
            matches!(
                e,
                StoreError::Record(RecordError::NewerFormat { found: 9, .. })
            ),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
    }

    #[test]
    fn a_held_lock_is_waited_for_then_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = signoff_path(dir.path(), "第三轮", "张三");
        let held = RecordLock::acquire(&path).unwrap();
        let e = update(&path, "x/a/b").unwrap_err();
        assert!(matches!(e, StoreError::Busy { .. }), "{e}");
        assert!(!path.exists());
        drop(held);
        update(&path, "x/a/b").unwrap().unwrap();
    }
}
