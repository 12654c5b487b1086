use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_write_replaces_the_file_whole_and_private_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("第三轮_计算机学院_张三.toml");
    std::fs::write(&path, "old").unwrap();
    write_atomic(&path, "新的内容\n".as_bytes()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "新的内容\n");
    assert_eq!(names(dir.path()), ["第三轮_计算机学院_张三.toml"]);
    #[cfg(unix)]
    assert_eq!(mode(&path), FILE_MODE);
}

/// Both ways (unnamed `O_TMPFILE`, and named where that is missing: FAT, some network
/// shares): the file replaced, 0600, nothing else left; a failed rename (the target is a
/// non-empty folder) leaves nothing behind either.
#[cfg(unix)]
#[test]
fn both_ways_replace_the_file_and_clean_up_after_a_failure() {
    for try_unnamed in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "old").unwrap();
        replace::write(&path, "新".as_bytes(), try_unnamed, true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新");
        assert_eq!(mode(&path), FILE_MODE);
        assert_eq!(names(dir.path()), ["r.toml"]);
        let blocked = dir.path().join("blocked");
        std::fs::create_dir_all(blocked.join("inside")).unwrap();
        let e = replace::write(&blocked, b"x", try_unnamed, true).unwrap_err();
        assert!(e.to_string().contains("blocked"), "{e}");
        assert_eq!(names(dir.path()), ["blocked", "r.toml"], "{try_unnamed}");
    }
}

/// Run as root over a user's file (`sudo xuncha open`), the file stays the user's. Not
/// root, only the lesser claim is checked (the file stays ours, a save is not refused for
/// want of `fchown`); under `CI=true`, which runs as root, that is a failure.
#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_owner_where_allowed() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    std::fs::write(&path, "old").unwrap();
    if !rustix::process::geteuid().is_root() {
        let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"));
        assert!(!ci, "cannot test giving the owner back: not root (CI=true)");
        let before = std::fs::metadata(&path).unwrap().uid();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().uid(), before);
        return;
    }
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    for try_unnamed in [true, false] {
        replace::write(&path, b"new", try_unnamed, true).unwrap();
        let m = std::fs::metadata(&path).unwrap();
        assert_eq!((m.uid(), m.gid()), (65534, 65534), "{try_unnamed}");
        assert_eq!(m.mode() & 0o777, FILE_MODE);
    }
}

/// Every temporary name is recognised as one and fits in a file name, for Chinese, non-UTF-8
/// and the longest names; a record with a 255-byte name saves both ways.
#[cfg(unix)]
#[test]
fn temporary_names_fit_and_are_recognised() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let longest = format!("{}.toml", "马".repeat(83));
    assert_eq!(longest.len(), 254);
    let records: Vec<&OsStr> = vec![
        OsStr::new("第三轮_计算机学院_张三.toml"),
        OsStr::from_bytes(b"\xff\xfe.toml"),
        OsStr::new(&longest),
        OsStr::from_bytes(&[b'a'; 255]),
    ];
    for name in records {
        for _ in 0..20 {
            let temp = replace::temp_name(name);
            let temp = OsStr::from_bytes(temp.as_bytes());
            assert!(temp.len() <= 255, "{}", temp.len());
            assert!(is_save_temporary(name, temp), "{temp:?}");
            assert!(!is_save_temporary(OsStr::new("other.toml"), temp));
        }
    }
    // Two long names that share their beginning have temporary names of their own.
    let other = format!("{}.toml", "马".repeat(82) + "牛");
    let (a, b) = (OsStr::new(&longest), OsStr::new(&other));
    let temp = replace::temp_name(b);
    assert!(is_save_temporary(b, OsStr::from_bytes(temp.as_bytes())));
    assert!(!is_save_temporary(a, OsStr::from_bytes(temp.as_bytes())));
    // A cut name is never cut inside a character.
    let temp = replace::temp_name(OsStr::new(&longest));
    assert!(std::str::from_utf8(temp.as_bytes()).is_ok());
    for try_unnamed in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(&longest);
        replace::write(&path, b"1", try_unnamed, true).unwrap();
        replace::write(&path, b"2", try_unnamed, true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"2");
        assert_eq!(names(dir.path()), [longest.as_str()]);
    }
}

/// A new file never replaces another, by either way; rescue copies taking the same name
/// at the same moment each get their own file.
#[cfg(unix)]
#[test]
fn new_files_never_replace_and_rescue_copies_never_collide() {
    for try_unnamed in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "已有的").unwrap();
        let e = replace::write(&path, b"x", try_unnamed, false).unwrap_err();
        assert!(e.already_exists(), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "已有的");
        assert_eq!(names(dir.path()), ["r.toml"]);
        let fresh = dir.path().join("s.toml");
        replace::write(&fresh, b"y", try_unnamed, false).unwrap();
        assert_eq!(std::fs::read(&fresh).unwrap(), b"y");
        assert_eq!(mode(&fresh), FILE_MODE);
        assert_eq!(names(dir.path()), ["r.toml", "s.toml"]);
    }
    let base = tempfile::tempdir().unwrap();
    let rescue = base.path().join("config").join("rescue");
    let a = write_rescue(&rescue, "第三轮_张三", b"1").unwrap();
    let b = write_rescue(&rescue, "第三轮_张三", b"2").unwrap();
    assert!(a.ends_with("第三轮_张三.toml") && b.ends_with("第三轮_张三-2.toml"));
    assert_eq!(mode(&rescue), DIR_MODE);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let rescue = rescue.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        let text = format!("{t}-{i}");
                        let p = write_rescue(&rescue, "同时", text.as_bytes()).unwrap();
                        (p, text)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let written: Vec<(PathBuf, String)> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    for (p, text) in &written {
        assert_eq!(
            &std::fs::read_to_string(p).unwrap(),
            text,
            "{}",
            p.display()
        );
    }
    assert_eq!(names(&rescue).len(), 2 + 100, "no copy replaced another");
}

/// Rescue copies of very long names fit (cut, with a hash of the whole name), and where
/// the folder's file system has no hard links they are written under their name at once,
/// still never over another.
#[cfg(unix)]
#[test]
fn rescue_copies_of_long_names_and_without_hard_links() {
    let base = tempfile::tempdir().unwrap();
    let rescue = base.path().join("rescue");
    let long = "马".repeat(80) + "-unconfirmed-20261127-101010";
    let other = "马".repeat(79) + "牛-unconfirmed-20261127-101010";
    let a = write_rescue(&rescue, &long, b"a").unwrap();
    let b = write_rescue(&rescue, &other, b"b").unwrap();
    let a2 = write_rescue(&rescue, &long, b"a2").unwrap();
    for p in [&a, &b, &a2] {
        assert!(p.file_name().unwrap().len() <= 255);
    }
    assert_ne!(a.file_name(), b.file_name());
    assert!(a2.to_string_lossy().ends_with("-2.toml"));
    assert_eq!(std::fs::read(&a2).unwrap(), b"a2");
    NO_HARD_LINKS.with(|f| f.set(true));
    let c = write_rescue(&rescue, "短", b"c");
    let c2 = write_rescue(&rescue, "短", b"c2");
    NO_HARD_LINKS.with(|f| f.set(false));
    let (c, c2) = (c.unwrap(), c2.unwrap());
    assert!(c.ends_with("短.toml") && c2.ends_with("短-2.toml"));
    assert_eq!(std::fs::read(&c).unwrap(), b"c");
    assert_eq!(std::fs::read(&c2).unwrap(), b"c2");
    assert_eq!(mode(&c2), FILE_MODE);
    assert_eq!(names(&rescue).len(), 5, "{:?}", names(&rescue));
}

/// On Linux the unnamed way works where the tests run (ext4, tmpfs): the bytes are whole
/// under a hidden temporary name, 0600, before anything is synced or renamed. Were
/// `O_TMPFILE` or the link through `/proc` to fail, every save would quietly take the named
/// way, whose kill can leave a partial copy, and only some crash runs would notice.
#[cfg(target_os = "linux")]
#[test]
fn the_unnamed_way_is_taken_on_linux() {
    use std::ffi::OsStr;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("第三轮_张三.toml");
    let folder = File::open(dir.path()).unwrap();
    let name = OsStr::new("第三轮_张三.toml");
    let (file, temp) = replace::unnamed(&folder, name, "整份".as_bytes(), &path)
        .unwrap()
        .expect("O_TMPFILE and /proc/self/fd work here");
    drop(file);
    assert!(is_save_temporary(name, &temp), "{temp:?}");
    let copy = dir.path().join(&temp);
    assert_eq!(std::fs::read(&copy).unwrap(), "整份".as_bytes());
    assert_eq!(mode(&copy), FILE_MODE);
    assert_eq!(names(dir.path()), [temp.to_string_lossy().into_owned()]);
}

#[test]
fn temporary_names_are_recognised_exactly() {
    use std::ffi::OsStr;
    let r = OsStr::new("第三轮_计算机学院_张三.toml");
    let yes = ".第三轮_计算机学院_张三.toml.xuncha-save.a1B2c3";
    assert!(is_save_temporary(r, OsStr::new(yes)));
    for no in [
        ".第三轮_计算机学院_张三.toml.a1B2c3",
        ".第三轮_计算机学院_张三.toml.backup",
        ".第三轮_计算机学院_张三.toml.xuncha-save.a1B2c",
        ".第三轮_计算机学院_张三.toml.xuncha-save.a1B2c34",
        ".第三轮_计算机学院_张三.toml.xuncha-save.a1B2c-",
        ".其他.toml.xuncha-save.a1B2c3",
        "第三轮_计算机学院_张三.toml",
        ".第三轮_计算机学院_张三.toml.lock",
    ] {
        assert!(!is_save_temporary(r, OsStr::new(no)), "{no}");
    }
}

#[test]
fn a_failed_rename_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("blocked");
    std::fs::create_dir_all(blocked.join("inside")).unwrap();
    let e = write_atomic(&blocked, b"x").unwrap_err();
    assert!(e.to_string().contains("blocked"), "{e}");
    assert_eq!(names(dir.path()), ["blocked"]);
}
