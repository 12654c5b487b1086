//! Loading, saving and finding record files.

use std::fs;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::fsutil::{create_private_dir, read_limited, write_atomic};
use crate::model::{Diagnostic, Record, RecordError};

/// Records larger than this are refused: a record with thousands of long notes stays far below.
pub const RECORD_LIMIT: u64 = 64 * 1024 * 1024;

/// The beginning of the message of a record file with nothing in it (or only blanks).
pub const EMPTY_FILE: &str = "the file is empty";

/// Read and parse a record file.
pub fn load_record(path: &Path) -> Result<Record, StoreError> {
    load_record_bytes(path).map(|(record, _)| record)
}

/// Read and parse a record file; the record and the bytes it was read from (what a later save
/// compares the file with, to tell a real outside change from a touch).
pub fn load_record_bytes(path: &Path) -> Result<(Record, Vec<u8>), StoreError> {
    let bytes = read_limited(path, RECORD_LIMIT)?;
    parse_record_bytes(path, &bytes).map(|record| (record, bytes))
}

/// Parse the bytes of the record file `path` (named in errors).
fn parse_record_bytes(path: &Path, bytes: &[u8]) -> Result<Record, StoreError> {
    let name = path.display().to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // Said as such (in Chinese 文件为空: `i18n::store_error`), at line 1, column 1.
        // All ASCII, so valid UTF-8: line 1 is shown as it is (blanks and all).
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        return Err(StoreError::Record(RecordError::Invalid(Diagnostic::at(
            &name,
            text,
            Some(0..0),
            format!("{EMPTY_FILE}; expected a record (missing field `format`)"),
        ))));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = e.valid_up_to();
            let prefix =
                String::from_utf8_lossy(bytes.get(..good).unwrap_or_default()).into_owned();
            return Err(StoreError::Record(RecordError::Invalid(Diagnostic::at(
                &name,
                &prefix,
                Some(good..good),
                "invalid UTF-8; expected a UTF-8 text file".into(),
            ))));
        }
    };
    Record::parse(&name, text).map_err(StoreError::Record)
}

/// Save a record durably over `path` (see [`write_atomic`]). Only ever called with a record
/// that was created here or loaded from a file that parsed, so a file that does not parse is
/// never overwritten.
pub fn save_record(path: &Path, record: &Record) -> Result<(), StoreError> {
    let text = record.to_toml()?;
    write_atomic(path, text.as_bytes())
}

/// Write a new record into `dir` under a name made from its round, unit and inspector; never
/// replaces an existing file. Returns the path.
pub fn create_record(dir: &Path, record: &Record) -> Result<PathBuf, StoreError> {
    create_private_dir(dir)?;
    let stem = file_stem(record);
    let mut path = dir.join(format!("{stem}.toml"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.toml"));
        n += 1;
    }
    save_record(&path, record)?;
    Ok(path)
}

/// A part of a file name made from a name someone typed: control characters, blanks, path
/// separators and reserved punctuation replaced by `-`, at most 64 bytes (21 Chinese
/// characters, cut between characters), without leading or trailing `.` and `-`; empty when
/// nothing is left. The whole name, with `.toml`, a `-2` to tell it from another, and the hidden
/// names beside it (`.NAME.lock`, `.NAME.xuncha-save.XXXXXX`), stays well under the 255 bytes a
/// file name may have.
pub fn name_part(s: &str) -> String {
    let s: String = s
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if i + c.len_utf8() > 64 {
            break;
        }
        end = i + c.len_utf8();
    }
    s[..end].trim_matches(|c| c == '.' || c == '-').to_string()
}

/// A file name that is safe on every platform: `轮次_单位_姓名`, with separators, control
/// characters and reserved punctuation replaced, and length bounded.
pub fn file_stem(record: &Record) -> String {
    let parts: Vec<String> = [&record.round, &record.unit, &record.inspector]
        .iter()
        .map(|s| name_part(s))
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        "record".to_string()
    } else {
        parts.join("_")
    }
}

/// Every record file under the given paths: a file is taken as it is; a folder is searched
/// recursively for `*.toml`, skipping the round's own files (sign-off, leader and ledger files:
/// [`super::signoff::round_file_kind`]), hidden files and folders (lock files among them) and
/// folders named `trash` (see [`move_to_trash`]), and not following symbolic links. Sorted, without duplicates.
pub fn find_records(paths: &[PathBuf]) -> Result<Vec<PathBuf>, StoreError> {
    let (records, _) = find_files(paths)?;
    Ok(records)
}

/// The records under `paths` ([`find_records`]) and, apart, the round files (sign-off, leader,
/// ledger) among them — also when named as a file. Both sorted, without duplicates.
pub fn find_files(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), StoreError> {
    let mut found = Vec::new();
    let mut round_files = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| StoreError::io(path, "read", e))?;
        if meta.is_dir() {
            walk(path, &mut found, &mut round_files)?;
        } else if super::signoff::round_file_kind(path).is_some() {
            round_files.push(path.clone());
        } else {
            found.push(path.clone());
        }
    }
    round_files.sort();
    round_files.dedup();
    found.sort();
    found.dedup();
    Ok((found, round_files))
}

fn walk(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    round_files: &mut Vec<PathBuf>,
) -> Result<(), StoreError> {
    let entries = fs::read_dir(dir).map_err(|e| StoreError::io(dir, "read folder", e))?;
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, "read folder", e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        // Records moved out of the way (see [`move_to_trash`]) are not part of the round.
        if name == TRASH && entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found, round_files)?;
        } else if kind.is_file() && super::signoff::round_file_kind(&path).is_some() {
            round_files.push(path);
        } else if kind.is_file() && path.extension().is_some_and(|x| x == "toml") {
            found.push(path);
        }
    }
    Ok(())
}

/// The folder in the data folder that records are moved to instead of being deleted.
pub const TRASH: &str = "trash";

/// Move the record `path` into the `trash/` folder of `data_dir` (made 0700 if need be), under
/// its own name, or `NAME-2.toml`... when that is taken: never over another file. Recoverable
/// by moving it back; the round, the home list and reports no longer see it. Returns where it
/// went. Errors: the record is open for writing elsewhere ([`StoreError::Locked`]: nothing is
/// moved), or the folder cannot be made or the file moved.
pub fn move_to_trash(data_dir: &Path, path: &Path) -> Result<PathBuf, StoreError> {
    let lock = super::lock::RecordLock::acquire(path).map_err(|e| match e {
        super::LockError::Held { path, holder } => StoreError::Locked { path, holder },
        super::LockError::Io { path, err } => StoreError::io(path, "lock", err),
    })?;
    let trash = data_dir.join(TRASH);
    create_private_dir(&trash)?;
    let name = path
        .file_name()
        .ok_or_else(|| StoreError::io(path, "move", std::io::ErrorKind::InvalidInput.into()))?;
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut n = 1;
    loop {
        let target = match n {
            1 => trash.join(name),
            n => trash.join(format!("{stem}-{n}.toml")),
        };
        // A hard link never replaces a file; where links are not supported, a rename checked
        // just before.
        let moved = match fs::hard_link(path, &target) {
            Ok(()) => fs::remove_file(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            Err(_) if target.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
            Err(_) => fs::rename(path, &target),
        };
        match moved {
            Ok(()) => {
                let lock_path = lock.path().to_path_buf();
                drop(lock);
                let _ = fs::remove_file(lock_path);
                return Ok(target);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(StoreError::io(path, "move to the trash folder", e)),
        }
    }
}

/// Load many records, on all available cores (parsing dominates reading a round). The
/// results are in the order of `paths`.
pub fn load_records(paths: &[PathBuf]) -> Vec<Result<Record, StoreError>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(paths.len() / 8 + 1);
    if threads <= 1 {
        return paths.iter().map(|p| load_record(p)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut loaded: Vec<(usize, Result<Record, StoreError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else {
                            break mine;
                        };
                        mine.push((i, load_record(path)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    loaded.sort_unstable_by_key(|(i, _)| *i);
    loaded.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;

    fn record(unit: &str) -> Record {
        Record::new(unit, "第三轮", "", "张三", &[], Timestamp::now())
    }

    #[test]
    fn names_are_safe_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let r = record("计算机/软件 学院");
        assert_eq!(file_stem(&r), "第三轮_计算机-软件-学院_张三");
        let a = create_record(dir.path(), &r).unwrap();
        let b = create_record(dir.path(), &r).unwrap();
        assert_ne!(a, b);
        assert!(b.to_string_lossy().ends_with("-2.toml"));
        assert_eq!(file_stem(&record("..")), "第三轮_张三");
        // Long names are cut by bytes, never inside a character, and the file can be made.
        let long = file_stem(&record(&"马克思主义学院".repeat(10)));
        assert_eq!(
            long,
            format!(
                "第三轮_{}_张三",
                "马克思主义学院马克思主义学院马克思主义学院"
            )
        );
        let mut r = record(&"马克思主义学院".repeat(10));
        r.inspector = "张三、李四、王五、赵六、钱七、孙八、周九、吴十".repeat(3);
        r.round = "第".repeat(100);
        let stem = file_stem(&r);
        assert!(stem.len() <= 3 * 64 + 2, "{}", stem.len());
        let dir = tempfile::tempdir().unwrap();
        let path = create_record(dir.path(), &r).unwrap();
        save_record(&path, &r).unwrap();
    }

    #[test]
    fn find_skips_hidden_and_non_toml() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("组一");
        fs::create_dir(&sub).unwrap();
        fs::write(sub.join("a.toml"), "").unwrap();
        fs::write(sub.join(".a.toml.lock"), "").unwrap();
        fs::write(dir.path().join("b.txt"), "").unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        fs::write(dir.path().join(".git").join("c.toml"), "").unwrap();
        let found = find_records(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found, vec![sub.join("a.toml")]);
    }

    /// Moved to `trash/`, out of the round, whole and never over another file; a record open
    /// in another window is not moved; moving it back brings it back.
    #[test]
    fn a_record_moved_to_the_trash_leaves_the_round_and_can_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("组一");
        let a = create_record(&sub, &record("甲")).unwrap();
        let text = fs::read(&a).unwrap();
        let b = create_record(dir.path(), &record("甲")).unwrap();
        fs::rename(&b, sub.join("x.toml")).unwrap();
        let b = sub.join("x.toml");
        let held = crate::store::RecordLock::acquire(&b).unwrap();
        assert!(matches!(
            move_to_trash(dir.path(), &b),
            Err(StoreError::Locked {
                holder: Some(_),
                ..
            })
        ));
        assert!(b.exists());
        drop(held);
        let moved = move_to_trash(dir.path(), &a).unwrap();
        assert_eq!(moved, dir.path().join("trash").join(a.file_name().unwrap()));
        assert_eq!(fs::read(&moved).unwrap(), text);
        assert!(!a.exists());
        assert!(!crate::store::RecordLock::path_for(&a).exists());
        let found = find_records(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found, vec![b.clone()]);
        // The same name again goes beside it.
        fs::write(&a, b"other").unwrap();
        let again = move_to_trash(dir.path(), &a).unwrap();
        assert!(
            again.to_string_lossy().ends_with("-2.toml"),
            "{}",
            again.display()
        );
        assert_eq!(fs::read(&moved).unwrap(), text);
        fs::rename(&moved, &a).unwrap();
        let found = find_records(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn many_records_load_in_order_in_parallel() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..40 {
            let r = record(&format!("单位{i}"));
            paths.push(create_record(dir.path(), &r).unwrap());
        }
        let bad = dir.path().join("坏.toml");
        fs::write(&bad, "format = 1\nunit = \"x\n").unwrap();
        paths.insert(17, bad);
        let loaded = load_records(&paths);
        assert_eq!(loaded.len(), 41);
        assert!(loaded[17].is_err());
        for (i, r) in loaded.iter().enumerate().filter(|(i, _)| *i != 17) {
            let n = if i < 17 { i } else { i - 1 };
            assert_eq!(r.as_ref().unwrap().unit, format!("单位{n}"));
        }
    }
}
