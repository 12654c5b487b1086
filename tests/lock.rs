//! The record lock between real processes: a second opener gets the record read-only and is
//! told who holds it; a lock left by a killed process is recovered.
//!
//! The holder is this very test binary, started again with `XUNCHA_TEST_HOLD` set: it opens
//! the record, prints `locked`, and waits until it is killed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use xuncha::model::{Record, Timestamp};
use xuncha::store::session::ReadOnly;
use xuncha::store::{Session, create_record};

const HOLD: &str = "XUNCHA_TEST_HOLD";

/// Not a test of its own: the body of the holder process.
#[test]
fn holder_process() {
    let Some(path) = std::env::var_os(HOLD) else {
        return;
    };
    let (session, _record) = Session::open(Path::new(&path)).unwrap();
    assert!(session.read_only().is_none());
    println!("locked");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

fn start_holder(path: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "holder_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HOLD, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let locked = BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.trim_end().ends_with("locked"));
    assert!(locked, "holder did not take the lock");
    child
}

#[test]
fn second_process_is_read_only_then_recovers_after_a_kill() {
    if std::env::var_os(HOLD).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let r = Record::new(
        "马克思主义学院",
        "第四轮",
        "第一巡察组",
        "赵六",
        &[],
        Timestamp::now(),
    );
    let path = create_record(dir.path(), &r).unwrap();

    let mut holder = start_holder(&path);
    let (session, record) = Session::open(&path).unwrap();
    match session.read_only() {
        Some(ReadOnly::LockedBy(Some(h))) => {
            assert_eq!(h.pid, holder.id(), "the message names the holding process");
            assert!(!h.host.is_empty());
        }
        other => panic!("expected read-only with a holder, got {other:?}"),
    }
    assert!(session.save(&record).is_err(), "read-only must not save");
    drop(session);

    // SIGKILL: no destructor runs, the lock file stays behind with the dead holder's name.
    holder.kill().unwrap();
    holder.wait().unwrap();
    let lock_file = xuncha::store::RecordLock::path_for(&path);
    assert!(lock_file.exists());

    let (session, record) = Session::open(&path).unwrap();
    assert!(
        session.read_only().is_none(),
        "a dead holder's lock is recovered"
    );
    session.save(&record).unwrap();
    let text = std::fs::read_to_string(&lock_file).unwrap();
    assert!(
        text.contains(&format!("pid = {}", std::process::id())),
        "{text}"
    );
}
