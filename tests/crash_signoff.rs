//! Crash safety of the round's own files (sign-off, leader, ledger: `store::signoff`): a
//! process adding sign-offs one save at a time is killed with SIGKILL at random moments; after
//! every kill the file loads and holds exactly the sign-offs of the last save or of the one
//! after it, never a mix, never empty.
//!
//! The saving process is this test binary started again with `XUNCHA_TEST_SIGNOFF_CHILD` set
//! (as in `tests/crash.rs`); it prints `saved n` after each save returned.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use xuncha::model::signoff::{Signoff, SignoffFile, Step};
use xuncha::store::signoff::{load_signoff, signoff_path, update_file};

const CHILD: &str = "XUNCHA_TEST_SIGNOFF_CHILD";

fn add_one(path: &Path, n: usize) {
    update_file(
        path,
        || SignoffFile::new("第三轮", "张三"),
        SignoffFile::parse,
        SignoffFile::to_toml,
        |f| {
            f.signoffs.push(Signoff {
                key: format!("计算机学院/t/item-{n}"),
                step: Step::Draft,
                hash: format!("{n:064x}"),
                at: xuncha::testing::at(20, 9),
                // a longer text, so a save takes a few writes' time
                title: "第一议题制度落实不及时，".repeat(40),
            });
            Ok::<(), ()>(())
        },
    )
    .unwrap()
    .unwrap();
}

/// The child: keep adding sign-offs to the file named by `CHILD`, saying each save.
#[test]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD).map(PathBuf::from) else {
        return;
    };
    let mut n = load_signoff(&path).map_or(0, |f| f.signoffs.len());
    loop {
        n += 1;
        add_one(&path, n);
        println!("saved {n}");
    }
}

#[test]
fn sigkill_while_signing_never_loses_or_mixes_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = signoff_path(dir.path(), "第三轮", "张三");
    add_one(&path, 1);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for kill in 0..40 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("saved ") {
                    let _ = tx.send(n.trim().parse::<usize>().unwrap_or(0));
                }
            }
        });
        let wait = Duration::from_millis(20 + next() % 120);
        let start = Instant::now();
        let mut last = None;
        while start.elapsed() < wait {
            if let Ok(n) = rx.recv_timeout(Duration::from_millis(5)) {
                last = Some(n);
            }
        }
        child.kill().unwrap();
        child.wait().unwrap();
        while let Ok(n) = rx.try_recv() {
            last = Some(n);
        }
        let file = load_signoff(&path)
            .unwrap_or_else(|e| panic!("kill {kill}: the file does not load: {e}"));
        let count = file.signoffs.len();
        if let Some(saved) = last {
            assert!(
                count == saved || count == saved + 1,
                "kill {kill}: {count} sign-offs after save {saved} returned"
            );
        }
        for (i, s) in file.signoffs.iter().enumerate() {
            assert_eq!(
                s.hash,
                format!("{:064x}", i + 1),
                "kill {kill}: a mixed file"
            );
        }
    }
    // the children did save: the test killed real writers, not idle processes
    let saved = load_signoff(&path).unwrap().signoffs.len();
    assert!(saved > 40, "only {saved} sign-offs were saved in 40 runs");
    // nothing but the file, its lock and whole hidden copies a kill may leave between the
    // link and the rename of the temporary file
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name == "第三轮_张三.signoff.toml"
                || name == ".第三轮_张三.signoff.toml.lock"
                || name.starts_with(".第三轮_张三.signoff.toml.xuncha-save."),
            "a stray file: {name}"
        );
    }
}
