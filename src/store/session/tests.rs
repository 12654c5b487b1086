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
