//! Faults while saving: a full disk, a folder that turns read-only, and the modes of every file
//! and folder written.
//!
//! How a fault is made depends on what the machine allows; every test says on stderr which way
//! it took (the harness never captures output). A test that finds no way to make its fault
//! here is reported as ignored, with the reason, or under `CI=true` fails with it
//! (`tests/common/precondition.rs`; this file runs on `libtest-mimic`, `harness = false`, as
//! only a harness that decides at run time can ignore a test after it started):
//!
//! - disk full: (i) a 256 KiB tmpfs mounted for the test (needs root), else (ii) a file size
//!   limit (`RLIMIT_FSIZE`, set with `sh -c 'ulimit -S -f N'`, SIGXFSZ ignored) in a child
//!   process; the limit is raised again from outside with `prlimit`. (ii) is also tested on its
//!   own. `XUNCHA_FAULTS_FORCE_FSIZE=1` skips (i) to try (ii) where (i) would work.
//! - read-only: a tmpfs remounted read-only (needs root; only while no file is open for writing
//!   there, so not with a record lock held: the kernel refuses such a remount), and a folder
//!   made `0500` for a process that is not root (as root, the process drops to uid 65534:
//!   permission bits do not stop root).
//!
//! The terminal tests drive the real binary in a pseudo-terminal like `tests/tui_e2e.rs`.

mod common;
#[path = "common/precondition.rs"]
mod precondition;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{NEW, Setup, Term, XUNCHA, new_record};
use precondition::{Tested, cannot_test, needing, plain, tested};
use xuncha::model::{Answer, Note, Record, Source, SourceKind, Status, Timestamp};
use xuncha::store::session::SessionError;
use xuncha::store::{RecordLock, Session, StoreError, create_record, load_record, save_record};

const ENOSPC: i32 = 28;
const EFBIG: i32 = 27;
const EROFS: i32 = 30;
const EACCES: i32 = 13;
/// The user an unprivileged child runs as when the tests run as root.
const NOBODY: u32 = 65534;

// ---------------------------------------------------------------------------------------------
// Helpers

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The effective user id, from `/proc` (no libc needed).
fn euid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

fn is_root() -> bool {
    euid() == Some(0)
}

fn has(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn force_fsize() -> bool {
    std::env::var_os("XUNCHA_FAULTS_FORCE_FSIZE").is_some()
}

/// Everything in `dir` but the record and its lock.
fn strays(dir: &Path, record: &Path) -> Vec<String> {
    let lock = RecordLock::path_for(record);
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != record && *p != lock)
        .map(|p| p.display().to_string())
        .collect()
}

/// The file at `path` is byte for byte what it was.
#[track_caller]
fn assert_untouched(path: &Path, before: &[u8]) {
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the file is untouched"
    );
}

/// Nothing but the record and its lock in `dir`.
#[track_caller]
fn assert_no_strays(dir: &Path, record: &Path) {
    let strays = strays(dir, record);
    assert!(strays.is_empty(), "{strays:?}");
}

/// The OS error behind a failed save.
fn os_error(e: &SessionError) -> Option<i32> {
    match e {
        SessionError::Store(StoreError::Io { err, .. }) => err.raw_os_error(),
        _ => None,
    }
}

fn record() -> Record {
    Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "张三",
        &[],
        Timestamp::now(),
    )
}

/// `r` with one more answer holding a note of about `bytes` bytes.
fn with_note(r: &Record, key: &str, bytes: usize) -> Record {
    let mut r = r.clone();
    let id = r.next_note_id();
    r.answers.insert(
        key.into(),
        Answer {
            status: Status::Problem,
            updated: Some(Timestamp::now()),
            notes: vec![Note {
                id,
                at: Timestamp::now(),
                source: String::new(),
                text: "谈话记录：会议记录系会后补记。".repeat(bytes / 45 + 1),
                people: String::new(),
                figures: String::new(),
            }],
            finding: None,
        },
    );
    r
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    /// Mount a tmpfs of `size` (e.g. `256k`) at `dir`, or say why not.
    fn mount(dir: &Path, size: &str) -> Result<Tmpfs, String> {
        if !is_root() {
            return Err("not root".into());
        }
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700")])
            .arg("tmpfs")
            .arg(dir)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(Tmpfs {
            dir: dir.to_path_buf(),
        })
    }

    fn remount(&self, options: &str) -> Result<(), String> {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.dir)
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        }
    }
}

/// Fill the file system holding `dir` with one file; returns it (remove it to free the space).
fn fill(dir: &Path) -> PathBuf {
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 16 * 1024];
    let err = loop {
        if let Err(e) = f.write_all(&chunk) {
            break e;
        }
    };
    assert_eq!(err.raw_os_error(), Some(ENOSPC), "{err}");
    // The last partial page, byte by byte.
    while f.write_all(&[0]).is_ok() {}
    filler
}

/// A child process running this test binary with `var` set, optionally through a shell
/// prelude (`ulimit`, `umask`, `trap`) and as another user.
fn child(test: &str, var: &str, value: &Path, prelude: Option<&str>, uid: Option<u32>) -> Command {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = match prelude {
        Some(prelude) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("{prelude}; exec \"$0\" \"$@\""))
                .arg(exe);
            c
        }
        None => Command::new(exe),
    };
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(var, value)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(uid) = uid {
        use std::os::unix::process::CommandExt;
        cmd.uid(uid).gid(uid);
    }
    cmd
}

/// Wait for a child to end; its exit status and what it wrote on stderr.
fn finish(child: &mut std::process::Child) -> (std::process::ExitStatus, String) {
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status, err)
}

/// Read a child's stdout until a line contains `marker`; panics with its stderr if it ends
/// first.
fn expect_line(out: &mut impl BufRead, marker: &str, child: &mut std::process::Child) {
    let mut line = String::new();
    loop {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            let (status, err) = finish(child);
            panic!("child ended ({status}) before `{marker}`:\n{err}");
        }
        if line.contains(marker) {
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A pseudo-terminal running the real binary (tests/common, as in tests/tui_e2e.rs).

/// This file's terminal answers cursor position queries, as a real one does; a wait fails
/// after 20 s.
const PTY: Setup = Setup {
    answer_queries: true,
    timeout: Duration::from_secs(20),
};

// `Term` is in tests/common; here, what this file checks on exit.
impl Term {
    fn assert_restored(&self) {
        let p = self.vt();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "cursor left hidden");
    }
}

/// `xuncha open FILE` in the terminal, once it shows the record.
fn xuncha_open(file: &Path, data: &Path, config: &Path, env: &[(&str, &str)]) -> Term {
    let t = Term::start(
        PTY,
        XUNCHA,
        &["open", file.to_str().unwrap()],
        data,
        config,
        env,
    );
    t.wait_for("未修改");
    t
}

/// A new note (`n`) written in the external editor (Ctrl+E); returns once the program shows
/// `text`, what the editor wrote.
fn note_in_the_editor(t: &mut Term, text: &str) {
    t.send("n");
    t.wait_for("新增证据");
    t.send("\x05"); // Ctrl+E
    t.wait_for(text);
}

/// Mark the first item a problem (`2`) while saving cannot work: the status bar says
/// `保存失败`.
fn fail_a_save(t: &mut Term) {
    t.send("2");
    t.wait_for("保存失败");
}

/// Once the fault is gone: the next key (`j`) saves the problem kept in memory, `q` quits
/// cleanly with the terminal restored, and the record holds that one problem.
#[track_caller]
fn save_and_quit(t: &mut Term, file: &Path) {
    t.send("j");
    t.wait_for("已保存");
    t.send("q");
    assert!(t.wait_exit(), "clean exit");
    t.assert_restored();
    assert_eq!(count_status(file, "problem"), 1);
}

/// How many answers of a record file have `status`.
fn count_status(path: &Path, status: &str) -> usize {
    let doc: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
    doc.get("answers")
        .and_then(|a| a.as_table())
        .map_or(0, |a| {
            a.values()
                .filter(|v| v["status"].as_str() == Some(status))
                .count()
        })
}

// ---------------------------------------------------------------------------------------------
// (a) Disk full

/// The store on a full disk: the save fails with an error naming the file, the file is byte
/// for byte what it was, nothing is left beside it, and the same session saves once space is
/// freed.
fn disk_full_keeps_the_previous_file_and_saves_once_space_returns() {
    let base = tempfile::tempdir().unwrap();
    let mount = if force_fsize() {
        Err("XUNCHA_FAULTS_FORCE_FSIZE is set".to_string())
    } else {
        Tmpfs::mount(&base.path().join("disk"), "256k")
    };
    let disk = match mount {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!(
                "disk full: path (ii) RLIMIT_FSIZE in a child process (a tmpfs was refused: {why})"
            );
            fsize_campaign();
            return;
        }
    };
    eprintln!(
        "disk full: path (i) a 256 KiB tmpfs at {}",
        disk.dir.display()
    );
    let data = disk.dir.join("data");
    let path = create_record(&data, &record()).unwrap();
    let (session, r) = Session::open(&path).unwrap();
    let v1 = with_note(&r, "sankan/a", 2_000);
    session.save(&v1).unwrap();
    let before = std::fs::read(&path).unwrap();

    let filler = fill(&disk.dir);
    let v2 = with_note(&v1, "sankan/b", 2_000);
    let e = session.save(&v2).unwrap_err();
    assert_eq!(os_error(&e), Some(ENOSPC), "{e}");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert_untouched(&path, &before);
    assert_no_strays(&data, &path);
    assert_eq!(load_record(&path).unwrap(), v1);
    // A plain save_record fails the same way.
    let e = save_record(&path, &v2).unwrap_err();
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    std::fs::remove_file(filler).unwrap();
    session.save(&v2).unwrap();
    assert_eq!(load_record(&path).unwrap(), v2);
    assert_no_strays(&data, &path);
    assert_eq!(mode(&path), 0o600);
}

const FSIZE_CHILD: &str = "XUNCHA_TEST_FSIZE_CHILD";

/// Not a test of its own: the body of the process under a file size limit, run only in a child
/// started with `FSIZE_CHILD` set (see `main`).
fn fsize_child() {
    let path = PathBuf::from(std::env::var_os(FSIZE_CHILD).unwrap());
    let (session, r) = Session::open(&path).unwrap();
    assert!(session.read_only().is_none());
    let before = std::fs::read(&path).unwrap();
    let big = with_note(&r, "sankan/big", 300_000);
    let e = session.save(&big).unwrap_err();
    assert_eq!(os_error(&e), Some(EFBIG), "{e}");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert_untouched(&path, &before);
    let dir = path.parent().unwrap();
    assert_no_strays(dir, &path);
    println!("fsize: refused");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    if line.trim() == "raised" {
        session.save(&big).unwrap();
        assert_eq!(load_record(&path).unwrap(), big);
        println!("fsize: saved");
    }
}

/// Path (ii): a child process with a file size limit of 32 KiB (`ulimit -S -f 64`, 512-byte
/// blocks in POSIX sh) tries to save a 300 KB record: refused, file untouched; then the limit is
/// raised from outside with `prlimit` and the same session saves it. Without `prlimit` this
/// process (no limit) saves it instead.
fn fsize_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let path = create_record(dir.path(), &with_note(&record(), "sankan/a", 1_000)).unwrap();
    let mut child = child(
        "fsize_child",
        FSIZE_CHILD,
        &path,
        Some("trap '' XFSZ; ulimit -S -f 64"),
        None,
    )
    .spawn()
    .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    expect_line(&mut out, "fsize: refused", &mut child);
    let raised = has("prlimit")
        && Command::new("prlimit")
            .arg(format!("--pid={}", child.id()))
            .arg("--fsize=unlimited:")
            .status()
            .is_ok_and(|s| s.success());
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", if raised { "raised" } else { "stop" }).unwrap();
    drop(stdin);
    if raised {
        expect_line(&mut out, "fsize: saved", &mut child);
        eprintln!("file size limit: raised with prlimit, the same session saved");
    }
    let (status, err) = finish(&mut child);
    assert!(status.success(), "{status}\n{err}");
    if !raised {
        eprintln!("file size limit: no prlimit here; saving again from a process without a limit");
        let (session, r) = Session::open(&path).unwrap();
        let big = with_note(&r, "sankan/big", 300_000);
        session.save(&big).unwrap();
    }
    let back = load_record(&path).unwrap();
    assert!(back.answers["sankan/big"].notes[0].text.len() > 300_000);
    assert_no_strays(dir.path(), &path);
}

/// Path (ii) on its own, wherever the tests run.
fn file_size_limit_keeps_the_previous_file_and_saves_once_raised() {
    fsize_campaign();
}

/// The real program on a full disk: the change stays in memory, the status bar says
/// `保存失败`, the file is untouched, and the change is saved once space returns.
fn disk_full_in_the_terminal_shows_the_error_and_saves_later() -> Tested {
    let base = tempfile::tempdir().unwrap();
    let config = base.path().join("config");
    let mount = if force_fsize() {
        Err("XUNCHA_FAULTS_FORCE_FSIZE is set".to_string())
    } else {
        Tmpfs::mount(&base.path().join("disk"), "512k")
    };
    match mount {
        Ok(disk) => {
            eprintln!("terminal, disk full: path (i) a 512 KiB tmpfs");
            let data = disk.dir.join("data");
            let file = new_record(&data, &config);
            let mut t = xuncha_open(&file, &data, &config, &[]);
            let before = std::fs::read(&file).unwrap();
            let filler = fill(&disk.dir);
            fail_a_save(&mut t);
            assert_untouched(&file, &before);
            assert_no_strays(&data, &file);
            std::fs::remove_file(filler).unwrap();
            save_and_quit(&mut t, &file);
        }
        Err(why) if has("prlimit") => {
            eprintln!(
                "terminal, disk full: path (ii) RLIMIT_FSIZE of 4 KiB, raised with prlimit \
                 (a tmpfs was refused: {why})"
            );
            file_size_limit_in_the_terminal(base.path(), &config);
        }
        Err(why) => {
            return cannot_test(format!(
                "no tmpfs ({why}) and no prlimit to raise a file size limit from outside"
            ));
        }
    }
    tested()
}

/// The real program under a file size limit (`ulimit -f`) smaller than the record: the save
/// fails with an error on screen rather than SIGXFSZ ending the program (it is not trapped
/// here: the program ignores it itself), the file is untouched, and once the limit is raised
/// from outside the change is saved. Runs wherever `prlimit` is, whatever else the machine
/// allows.
fn file_size_limit_in_the_terminal_shows_the_error_and_saves_later() -> Tested {
    if !has("prlimit") {
        return cannot_test("no prlimit");
    }
    let base = tempfile::tempdir().unwrap();
    file_size_limit_in_the_terminal(base.path(), &base.path().join("config"));
    tested()
}

fn file_size_limit_in_the_terminal(base: &Path, config: &Path) {
    let data = base.join("data");
    let file = new_record(&data, config);
    // Make the record larger than the limit, so that any save needs more.
    let mut r = load_record(&file).unwrap();
    r.sources.push(Source {
        code: "Z01".into(),
        kind: SourceKind::Documents,
        reference: "2025 年党委会会议记录（第 1-24 次）".repeat(300),
        at: None,
        role: None,
    });
    save_record(&file, &r).unwrap();
    let mut t = Term::start(
        PTY,
        "sh",
        &[
            "-c",
            // No `trap '' XFSZ`: the program ignores SIGXFSZ itself.
            "ulimit -S -f 8; exec \"$0\" \"$@\"",
            XUNCHA,
            "open",
            file.to_str().unwrap(),
        ],
        &data,
        config,
        &[],
    );
    t.wait_for("未修改");
    let before = std::fs::read(&file).unwrap();
    fail_a_save(&mut t);
    assert_untouched(&file, &before);
    assert_no_strays(&data, &file);
    let pid = t.child.process_id().unwrap();
    let raised = Command::new("prlimit")
        .arg(format!("--pid={pid}"))
        .arg("--fsize=unlimited:")
        .status()
        .unwrap();
    assert!(raised.success());
    save_and_quit(&mut t, &file);
}

// ---------------------------------------------------------------------------------------------
// (b) A folder that turns read-only

/// A tmpfs remounted read-only: the save fails with an error naming the file, the file is
/// untouched, and saving works again once it is writable. (No lock is held: the kernel refuses
/// to remount read-only while a file there is open for writing, which a held record lock is.)
fn read_only_remount_keeps_the_previous_file_and_saves_once_writable() -> Tested {
    let base = tempfile::tempdir().unwrap();
    let disk = match Tmpfs::mount(&base.path().join("disk"), "1m") {
        Ok(disk) => disk,
        Err(why) => {
            return cannot_test(format!(
                "no tmpfs ({why}); read_only_folder_keeps_the_change_and_saves_once_writable \
                 tests a read-only folder without one"
            ));
        }
    };
    eprintln!("read-only remount: a tmpfs remounted ro");
    let data = disk.dir.join("data");
    let v1 = with_note(&record(), "sankan/a", 2_000);
    let path = create_record(&data, &v1).unwrap();
    let before = std::fs::read(&path).unwrap();
    disk.remount("ro").unwrap();
    let v2 = with_note(&v1, "sankan/b", 2_000);
    let e = save_record(&path, &v2).unwrap_err();
    match &e {
        StoreError::Io { err, .. } => assert_eq!(err.raw_os_error(), Some(EROFS), "{e}"),
        other => panic!("{other}"),
    }
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Opening still works (read-only file systems are read), but taking the lock does not.
    assert!(Session::open(&path).is_err());
    disk.remount("rw").unwrap();
    save_record(&path, &v2).unwrap();
    assert_eq!(load_record(&path).unwrap(), v2);
    assert_no_strays(&data, &path);
    tested()
}

const READ_ONLY_CHILD: &str = "XUNCHA_TEST_READ_ONLY_CHILD";

/// The body shared by the in-process run (not root) and the child (root dropped to nobody): an
/// open session whose folder turns `0500`.
fn read_only_folder_body(path: &Path) {
    let dir = path.parent().unwrap();
    let (session, r) = Session::open(path).unwrap();
    assert!(session.read_only().is_none());
    let v1 = with_note(&r, "sankan/a", 1_000);
    session.save(&v1).unwrap();
    let before = std::fs::read(path).unwrap();

    set_mode(dir, 0o500);
    let v2 = with_note(&v1, "sankan/b", 1_000);
    let e = session.save(&v2).unwrap_err();
    assert_eq!(os_error(&e), Some(EACCES), "{e}");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert_untouched(path, &before);
    assert_no_strays(dir, path);

    set_mode(dir, 0o700);
    session.save(&v2).unwrap();
    assert_eq!(load_record(path).unwrap(), v2);
    println!("read-only: ok");
}

/// Not a test of its own: the body of the unprivileged child, run only in a child started with
/// `READ_ONLY_CHILD` set (see `main`).
fn read_only_child() {
    let path = std::env::var_os(READ_ONLY_CHILD).unwrap();
    assert_ne!(euid(), Some(0));
    read_only_folder_body(Path::new(&path));
}

/// An open session whose folder turns read-only (mode 0500): the save fails naming the file,
/// the file is untouched, and the same session saves once the folder is writable again.
fn read_only_folder_keeps_the_change_and_saves_once_writable() -> Tested {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("data");
    let path = create_record(&data, &record()).unwrap();
    if !is_root() {
        eprintln!("read-only folder: mode 0500, in this (unprivileged) process");
        read_only_folder_body(&path);
        return tested();
    }
    eprintln!("read-only folder: mode 0500, in a child running as uid {NOBODY}");
    set_mode(base.path(), 0o755);
    std::os::unix::fs::chown(&data, Some(NOBODY), Some(NOBODY)).unwrap();
    std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
    let spawned = child(
        "read_only_child",
        READ_ONLY_CHILD,
        &path,
        None,
        Some(NOBODY),
    )
    .spawn();
    let mut c = match spawned {
        Ok(c) => c,
        Err(e) => return cannot_test(format!("cannot start a child as uid {NOBODY}: {e}")),
    };
    let mut out = BufReader::new(c.stdout.take().unwrap());
    expect_line(&mut out, "read-only: ok", &mut c);
    assert!(c.wait().unwrap().success());
    tested()
}

/// The real program when its folder turns read-only: `保存失败` on screen, the file
/// untouched, saved once the folder is writable again.
fn read_only_folder_in_the_terminal_shows_the_error_and_saves_later() -> Tested {
    let base = tempfile::tempdir().unwrap();
    let (data, config) = (base.path().join("data"), base.path().join("config"));
    let file = new_record(&data, &config);
    let root = is_root();
    if root {
        if !has("setpriv") {
            return cannot_test("root (the folder's mode binds no root) and no setpriv to drop it");
        }
        set_mode(base.path(), 0o755);
        for p in [&data, &file] {
            std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        std::fs::create_dir(&config).unwrap();
        std::os::unix::fs::chown(&config, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    eprintln!(
        "terminal, read-only folder: mode 0500{}",
        if root {
            ", program run as uid 65534 with setpriv"
        } else {
            ""
        }
    );
    let file_arg = file.to_str().unwrap();
    let mut t = if root {
        Term::start(
            PTY,
            "setpriv",
            &[
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--",
                XUNCHA,
                "open",
                file_arg,
            ],
            &data,
            &config,
            &[],
        )
    } else {
        Term::start(PTY, XUNCHA, &["open", file_arg], &data, &config, &[])
    };
    t.wait_for("未修改");
    let before = std::fs::read(&file).unwrap();
    set_mode(&data, 0o500);
    fail_a_save(&mut t);
    assert_untouched(&file, &before);
    set_mode(&data, 0o700);
    save_and_quit(&mut t, &file);
    assert_no_strays(&data, &file);
    tested()
}

// ---------------------------------------------------------------------------------------------
// (c) Modes: every file written 0600, every folder created 0700, whatever the umask

/// Run the real binary under `umask 000`.
fn xuncha_umask0(args: &[&str], data: &Path, config: &Path) -> std::process::Output {
    let out = Command::new("sh")
        .args(["-c", "umask 000; exec \"$0\" \"$@\"", XUNCHA])
        .args(args)
        .env("XUNCHA_DATA_DIR", data)
        .env("XUNCHA_CONFIG_DIR", config)
        .env_remove("XUNCHA_LANG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// An external editor: the shell script `dir/editor.sh` running `body` (`$1` is the file to
/// edit).
fn editor_script(dir: &Path, body: &str) -> PathBuf {
    let editor = dir.join("editor.sh");
    std::fs::write(&editor, format!("#!/bin/sh\n{body}")).unwrap();
    set_mode(&editor, 0o755);
    editor
}

fn command_line_files_are_0600_and_folders_0700_even_with_umask_000() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("a").join("b").join("data");
    let config = base.path().join("config");
    let out = xuncha_umask0(NEW, &data, &config);
    let file = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    assert_eq!(mode(&file), 0o600, "record");
    for dir in [base.path().join("a"), base.path().join("a/b"), data.clone()] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }

    let reports = base.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    for (format, name) in [("md", "报告.md"), ("csv", "报告.csv")] {
        let target = reports.join(name);
        xuncha_umask0(
            &["report", "--format", format, "-o", target.to_str().unwrap()],
            &data,
            &config,
        );
        assert_eq!(mode(&target), 0o600, "{name}");
    }
    let redacted = reports.join("脱敏.md");
    xuncha::testing::write_approvals(&data, &xuncha::testing::builtin_catalog());
    xuncha_umask0(
        &["report", "--redact", "-o", redacted.to_str().unwrap()],
        &data,
        &config,
    );
    assert_eq!(mode(&redacted), 0o600);

    let demo = base.path().join("demo").join("round");
    xuncha_umask0(&["demo", demo.to_str().unwrap()], &data, &config);
    assert_eq!(mode(&demo), 0o700, "demo folder");
    assert_eq!(mode(demo.parent().unwrap()), 0o700, "demo parent folder");
    let mut n = 0;
    for entry in std::fs::read_dir(&demo).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            assert_eq!(mode(&p), 0o700, "{}", p.display());
        } else {
            assert_eq!(mode(&p), 0o600, "{}", p.display());
            n += 1;
        }
    }
    assert!(n > 0, "the demo wrote files");
}

/// A record that arrived readable by all (copied from another laptop) is private after the
/// first save; its lock file is private too.
fn a_record_that_was_0644_is_0600_after_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = create_record(dir.path(), &record()).unwrap();
    set_mode(&path, 0o644);
    let (session, r) = Session::open(&path).unwrap();
    assert_eq!(mode(&RecordLock::path_for(&path)), 0o600, "lock file");
    session.save(&with_note(&r, "sankan/a", 100)).unwrap();
    assert_eq!(mode(&path), 0o600);
}

/// The full-screen program under `umask 000`: a new record made from the home screen into
/// folders that do not exist yet, the form's memory `last-new-record.toml`, the lock file, and
/// the external editor's temporary note and folder.
fn terminal_files_are_0600_and_folders_0700_even_with_umask_000() {
    let base = tempfile::tempdir().unwrap();
    let data = base.path().join("d1").join("data");
    let config = base.path().join("c1").join("config");
    let tmp = base.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    // An "editor" that reports the modes of the note file and its folder, and appends a line.
    let seen = base.path().join("editor-saw.txt");
    let editor = editor_script(
        base.path(),
        &format!(
            "stat -c '%a' \"$1\" \"$(dirname \"$1\")\" > '{seen}'\n\
             echo \"$1\" >> '{seen}'\n\
             printf '编辑器里写的' > \"$1\"\n",
            seen = seen.display()
        ),
    );
    let tmp_s = tmp.to_str().unwrap();
    let editor_s = editor.to_str().unwrap();
    let mut t = Term::start(
        PTY,
        "sh",
        &["-c", "umask 000; exec \"$0\" \"$@\"", XUNCHA],
        &data,
        &config,
        &[
            ("TMPDIR", tmp_s),
            ("EDITOR", editor_s),
            ("VISUAL", editor_s),
        ],
    );
    t.new_record_with_the_form();

    let file = data.join("第三轮_外国语学院_李四.toml");
    let last = config.join("last-new-record.toml");
    assert_eq!(mode(&file), 0o600, "record");
    assert_eq!(mode(&RecordLock::path_for(&file)), 0o600, "lock file");
    assert_eq!(mode(&last), 0o600, "last-new-record.toml");
    for dir in [
        base.path().join("d1"),
        data.clone(),
        base.path().join("c1"),
        config.clone(),
    ] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }

    // A note in the external editor.
    note_in_the_editor(&mut t, "编辑器里写的");
    let saw = std::fs::read_to_string(&seen).unwrap();
    let lines: Vec<&str> = saw.lines().collect();
    assert_eq!(
        &lines[..2],
        ["600", "700"],
        "note file, then its folder: {saw}"
    );
    let note = PathBuf::from(lines[2]);
    assert!(note.starts_with(&tmp), "{}", note.display());
    assert!(!note.exists(), "the temporary note is removed");
    assert!(!note.parent().unwrap().exists(), "and its folder");
    t.send("\x13"); // save the note
    t.send("2");
    t.wait_for("已保存");
    t.send("q");
    t.send("q");
    assert!(t.wait_exit());
    t.assert_restored();
    assert_eq!(mode(&file), 0o600, "record after saves");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("编辑器里写的"), "{text}");
}

/// The text written in the external editor must not be lost when the terminal does not answer
/// a cursor position query (a slow SSH link, a minimal terminal): crossterm gives up after 2 s.
fn external_editor_text_survives_a_terminal_that_does_not_answer_queries() {
    let base = tempfile::tempdir().unwrap();
    let (data, config) = (base.path().join("data"), base.path().join("config"));
    let file = new_record(&data, &config);
    let editor = editor_script(base.path(), "printf '谈话要点：不可重来' > \"$1\"\n");
    let editor_s = editor.to_str().unwrap();
    let mut t = Term::start(
        Setup {
            answer_queries: false,
            ..PTY
        },
        XUNCHA,
        &["open", file.to_str().unwrap()],
        &data,
        &config,
        &[("EDITOR", editor_s), ("VISUAL", editor_s)],
    );
    t.wait_for("未修改");
    note_in_the_editor(&mut t, "谈话要点：不可重来");
    t.send("\x13");
    t.send("q");
    assert!(t.wait_exit());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("谈话要点：不可重来"), "{text}");
}

/// The external editor's folder has a predictable name (`$TMPDIR/xuncha-PID`); one that already
/// exists (made by someone else in a shared `/tmp`) must not be used as it is.
fn external_editor_never_uses_a_folder_it_did_not_make() {
    let base = tempfile::tempdir().unwrap();
    let (data, config) = (base.path().join("data"), base.path().join("config"));
    let file = new_record(&data, &config);
    let tmp = base.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let seen = base.path().join("editor-saw.txt");
    let editor = editor_script(
        base.path(),
        &format!(
            "stat -c '%a' \"$(dirname \"$1\")\" > '{}'\nprintf '谈话要点' > \"$1\"\n",
            seen.display()
        ),
    );
    let editor_s = editor.to_str().unwrap();
    let mut t = xuncha_open(
        &file,
        &data,
        &config,
        &[
            ("TMPDIR", tmp.to_str().unwrap()),
            ("EDITOR", editor_s),
            ("VISUAL", editor_s),
        ],
    );
    // Someone else got there first.
    let pid = t.child.process_id().unwrap();
    let planted = tmp.join(format!("xuncha-{pid}"));
    std::fs::create_dir(&planted).unwrap();
    set_mode(&planted, 0o777);
    note_in_the_editor(&mut t, "谈话要点");
    let saw = std::fs::read_to_string(&seen).unwrap();
    t.send("\x13");
    t.send("q");
    assert!(t.wait_exit());
    assert_eq!(
        saw.trim(),
        "700",
        "the note was written in a folder of mode {saw}"
    );
}

/// A save that keeps failing: `q` does not close (it says why), and Ctrl+C quits with a rescue
/// copy of the record in the config folder, an error exit and the record file untouched.
fn quitting_while_saves_fail_writes_a_rescue_copy() -> Tested {
    let base = tempfile::tempdir().unwrap();
    let config = base.path().join("config");
    let disk = match Tmpfs::mount(&base.path().join("disk"), "512k") {
        Ok(disk) => disk,
        Err(why) => return cannot_test(format!("no tmpfs ({why})")),
    };
    let data = disk.dir.join("data");
    let file = new_record(&data, &config);
    let mut t = xuncha_open(&file, &data, &config, &[]);
    let before = std::fs::read(&file).unwrap();
    let _filler = fill(&disk.dir);
    fail_a_save(&mut t);
    t.send("q");
    t.wait_for("暂不关闭");
    t.send("\x03");
    assert!(!t.wait_exit(), "an unsaved exit is not a clean exit");
    t.assert_restored();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the record is untouched"
    );
    let rescue: Vec<PathBuf> = std::fs::read_dir(config.join("rescue"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(rescue.len(), 1, "{rescue:?}");
    assert_eq!(mode(&rescue[0]), 0o600);
    assert_eq!(count_status(&rescue[0], "problem"), 1);
    t.wait_for("救援文件");
    tested()
}

// ---------------------------------------------------------------------------------------------
// The harness (`harness = false`, see tests/common/precondition.rs): a test that cannot make its
// fault on this machine is ignored with the reason, or fails under `CI=true`.

fn main() {
    macro_rules! trials {
        ($($kind:ident $name:ident),* $(,)?) => {
            vec![$($kind(stringify!($name), $name)),*]
        };
    }
    // A child started by a test runs the body it was started for, and nothing else: the
    // bodies are not tests of their own, so not listed (nor passed) in a plain run.
    if std::env::var_os(FSIZE_CHILD).is_some() {
        precondition::run(trials![plain fsize_child]);
    }
    if std::env::var_os(READ_ONLY_CHILD).is_some() {
        precondition::run(trials![plain read_only_child]);
    }
    precondition::run(trials![
        plain disk_full_keeps_the_previous_file_and_saves_once_space_returns,
        plain file_size_limit_keeps_the_previous_file_and_saves_once_raised,
        needing disk_full_in_the_terminal_shows_the_error_and_saves_later,
        needing file_size_limit_in_the_terminal_shows_the_error_and_saves_later,
        needing read_only_remount_keeps_the_previous_file_and_saves_once_writable,
        needing read_only_folder_keeps_the_change_and_saves_once_writable,
        needing read_only_folder_in_the_terminal_shows_the_error_and_saves_later,
        plain command_line_files_are_0600_and_folders_0700_even_with_umask_000,
        plain a_record_that_was_0644_is_0600_after_a_save,
        plain terminal_files_are_0600_and_folders_0700_even_with_umask_000,
        plain external_editor_text_survives_a_terminal_that_does_not_answer_queries,
        plain external_editor_never_uses_a_folder_it_did_not_make,
        needing quitting_while_saves_fail_writes_a_rescue_copy,
    ]);
}
