//! Crash safety: a process saving a record in a loop is killed with SIGKILL at hundreds of
//! random moments; after every kill the file loads and is exactly the state before or after the
//! last save, never a mix, never empty, and the folder lists nothing but the record.
//!
//! The saving process is this very test binary started again with `XUNCHA_TEST_CRASH_CHILD`
//! set (like `tests/lock.rs`): it opens the record with the real [`Session`] (load, lock), takes
//! the number of the saved state from the file, then saves R(n+1), R(n+2)... printing
//! `saved n` after each save returned.
//!
//! Besides the record and its lock, the only thing a kill may leave is a hidden named
//! temporary file (`.NAME.toml.xuncha-save.XXXXXX`, a whole copy of an unconfirmed state) when
//! it lands between the link of the save's unnamed temporary file and its rename (on a file
//! system without `O_TMPFILE`, not the ones this runs on, it could also be a partial copy): the
//! main test counts those and checks them; `sigkill_leaves_no_temporary_file` proves the next start (opening
//! the record under its lock) removes them.
//!
//! Knobs: `XUNCHA_CRASH_SEED` replays a run's sizes and kill plan (the seed is printed on
//! failure), `XUNCHA_CRASH_KILLS` changes the number of kills (default 200).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone};
use xuncha::model::{
    Answer, Category, Finding, Note, Record, Source, SourceKind, Status, TemplateRef, Timestamp,
};
use xuncha::store::{RecordLock, Session, load_record, save_record};

const CHILD: &str = "XUNCHA_TEST_CRASH_CHILD";
/// The rescue folder the child moves unconfirmed copies into, as the program does.
const RESCUE: &str = "XUNCHA_TEST_CRASH_RESCUE";
const FILE_NAME: &str = "第三轮_计算机学院_张三.toml";

/// A small deterministic PRNG (xorshift64*), good enough to pick kill moments and sizes.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn ts(seconds: u64) -> Timestamp {
    let base = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .unwrap();
    Timestamp(base + chrono::Duration::seconds(i64::try_from(seconds % 10_000_000).unwrap()))
}

const PROSE: &str = "学院党委会议记录显示，上级重要文件印发后未及时传达学习；\
                     谈话中有同志反映“三重一大”事项集体决策不充分，\
                     另有公务接待陪餐人数超标、报销凭证不全等情况。";

/// The state saved at step `n`. Deterministic, different for every `n` (the number is in the
/// group and in every text), and of very different sizes: mostly small, sometimes tens of KB,
/// now and then about 200 KB, so that a write takes from microseconds to milliseconds.
fn record(n: u64) -> Record {
    let mut size_rng = Rng::new(n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xdead_beef);
    let answers = match size_rng.below(10) {
        0..=4 => size_rng.below(3),      // tiny: up to a few hundred bytes
        5..=7 => 3 + size_rng.below(12), // some KB
        8 => 15 + size_rng.below(20),    // tens of KB
        _ => 60 + size_rng.below(10),    // about 200 KB
    };
    let mut r = Record::new("计算机学院", "第三轮", "", "张三", &[], ts(0));
    r.group = format!("第{n}次保存");
    r.updated = ts(n);
    r.templates.push(TemplateRef {
        id: "sankan".into(),
        version: "2026.1".into(),
    });
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: format!("与学院党委书记个别谈话（第{n}次）"),
        at: Some(ts(n)),
        role: None,
    });
    let mut note_id = 1;
    for a in 0..answers {
        let notes = if answers >= 60 { 3 } else { 1 + (a % 3) };
        let mut answer = Answer {
            status: Status::ALL[usize::try_from((n + a) % 5).unwrap()],
            updated: Some(ts(n + a)),
            notes: Vec::new(),
            finding: None,
        };
        for k in 0..notes {
            answer.notes.push(Note {
                id: note_id,
                at: ts(n + a + k),
                source: "T01".into(),
                text: format!("第{n}次保存，第{a}项，第{k}条：{}", PROSE.repeat(4)),
                people: format!("王某{n}"),
                figures: format!("滞后 {} 天", n % 97),
            });
            note_id += 1;
        }
        if answer.status == Status::Problem {
            answer.finding = Some(Finding {
                statement: format!("第{n}次：{PROSE}"),
                category: Some(Category::Leadership),
                ..Finding::default()
            });
        }
        r.answers.insert(format!("sankan/item-{a:03}"), answer);
    }
    r
}

/// The step a saved record belongs to.
fn step_of(r: &Record) -> u64 {
    r.group
        .strip_prefix('第')
        .and_then(|s| s.strip_suffix("次保存"))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not a record of this test: group = {:?}", r.group))
}

/// Not a test of its own: the body of the saving process.
#[test]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD) else {
        return;
    };
    let (mut session, on_disk) = Session::open(Path::new(&path)).unwrap();
    assert!(
        session.read_only().is_none(),
        "the lock of the killed process is recovered"
    );
    // As the program does on opening a record: an unconfirmed copy into the rescue folder (the
    // parent has checked what was left before this runs).
    let rescue = std::env::var_os(RESCUE).unwrap();
    for moved in session.rescue_unconfirmed(Path::new(&rescue)) {
        moved.unwrap();
    }
    let mut n = step_of(&on_disk);
    assert_eq!(on_disk, record(n), "what was loaded is a whole state");
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready {n}").unwrap();
    out.flush().unwrap();
    loop {
        n += 1;
        session.save(&record(n)).unwrap();
        writeln!(out, "saved {n}").unwrap();
        out.flush().unwrap();
    }
}

/// What is in the folder besides the record and its lock.
fn strays(dir: &Path, record: &Path) -> Vec<String> {
    let lock = RecordLock::path_for(record);
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| *p != record && *p != lock)
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

/// What the parent has read from one child.
struct Seen {
    before: u64,
    last: u64,
    confirmed: u64,
    previous: Option<Instant>,
}

impl Seen {
    /// One line from the child. libtest may print `test crash_child ... ` on the same line
    /// before ours.
    fn take(&mut self, at: Instant, line: &str, save_time: &mut Duration) {
        if let Some((_, n)) = line.split_once("ready ") {
            let n: u64 = n.trim().parse().unwrap();
            assert_eq!(n, self.before, "the child starts from the file's state");
            self.previous = Some(at);
        } else if let Some((_, n)) = line.split_once("saved ") {
            let n: u64 = n.trim().parse().unwrap();
            assert_eq!(n, self.last + 1, "the child saves step by step");
            self.last = n;
            self.confirmed += 1;
            if let Some(p) = self.previous.replace(at) {
                *save_time = (*save_time * 7 + (at - p)) / 8;
            }
        }
    }
}

/// Held by a campaign while this process holds a record lock (the strict campaign opens the
/// record itself between kills), and while a child is started: a child forked by the other
/// campaign's thread holds a copy of every descriptor of this process until it executes, the
/// lock's too, and the next child of the first campaign would find its record locked.
static HOLDING_A_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// One kill: start the child, let it save for a random moment, SIGKILL it. Returns the last
/// step the child confirmed and how many saves it confirmed. `save_time` is a running estimate
/// of how long one save takes on this machine, so that kills spread over the whole of a save
/// however fast or slow the disk is.
fn run_and_kill(
    path: &Path,
    rescue: &Path,
    rng: &mut Rng,
    before: u64,
    save_time: &mut Duration,
) -> (u64, u64) {
    let spawning = HOLDING_A_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, path)
        .env(RESCUE, rescue)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(spawning);
    // The child's lines arrive through a thread, so that waiting for them can time out.
    let out = BufReader::new(child.stdout.take().unwrap());
    let (tx, lines) = mpsc::channel::<(Instant, String)>();
    let reader = std::thread::spawn(move || {
        for line in out.lines().map_while(Result::ok) {
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let mut seen = Seen {
        before,
        last: before,
        confirmed: 0,
        previous: None,
    };
    if rng.below(8) == 0 {
        // One kill in eight lands while the child starts (loading, taking the lock).
        std::thread::sleep(Duration::from_micros(rng.below(15_000)));
    } else {
        // The others after 0, 1 or 2 confirmed saves and then a random part of a save: in
        // serialising, writing, fsync, linking, renaming or printing.
        let wait_for = before + rng.below(3);
        while seen.previous.is_none() || seen.last < wait_for {
            match lines.recv_timeout(Duration::from_secs(20)) {
                Ok((at, line)) => seen.take(at, &line, save_time),
                Err(_) => break, // ended by itself or stuck: the status below says which
            }
        }
        let span = u64::try_from(save_time.as_micros() * 3 / 2).unwrap_or(u64::MAX);
        std::thread::sleep(Duration::from_micros(rng.below(span)));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    for (at, line) in lines.try_iter() {
        seen.take(at, &line, save_time);
    }
    if status.signal() != Some(9) {
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        panic!("the saving process ended by itself ({status}):\n{err}");
    }
    (seen.last, seen.confirmed)
}

fn seed() -> u64 {
    std::env::var("XUNCHA_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap();
            now.as_secs() ^ u64::from(now.subsec_nanos()) << 20
        })
}

fn kills() -> u32 {
    std::env::var("XUNCHA_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200)
}

/// A named temporary file of a save (`store::fsutil::write_atomic`):
/// `.NAME.xuncha-save.XXXXXX` (six letters or digits) beside the record.
fn is_named_temporary(stray: &str) -> bool {
    stray
        .strip_prefix(&format!(".{FILE_NAME}.xuncha-save."))
        .is_some_and(|suffix| {
            suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// What a campaign saw.
#[derive(Debug, Default)]
struct Outcome {
    saves: u64,
    /// kills that landed after a rename but before the child said `saved`
    after_rename: u32,
    /// size of the record file at each kill
    sizes: BTreeMap<&'static str, u32>,
    /// named temporary files found after a kill (each a whole copy of the record)
    leftovers: Vec<String>,
    /// the running estimate of one save's duration at the end
    save_time: Duration,
    seed: u64,
}

/// Start, kill at a random moment and check, `kills` times. `strict`: any file beside the
/// record and its lock fails at once; otherwise the saves' named temporary files are counted
/// (and checked to be hidden, whole copies) and the campaign goes on.
fn campaign(kills: u32, strict: bool) -> Outcome {
    let seed = seed();
    // Say the seed whatever happens, and again in every assertion message.
    eprintln!("crash test seed: {seed} (XUNCHA_CRASH_SEED={seed} to replay)");
    let mut rng = Rng::new(seed);

    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join(FILE_NAME);
    let rescue = tempfile::tempdir().unwrap();
    let rescue_dir = rescue.path().join("rescue");
    save_record(&path, &record(0)).unwrap();

    let mut outcome = Outcome::default();
    let mut confirmed = 0;
    let mut save_time = Duration::from_millis(5);
    for kill in 0..kills {
        let (last, n) = run_and_kill(&path, &rescue_dir, &mut rng, confirmed, &mut save_time);
        outcome.saves += n;
        let ctx = format!("seed {seed}, kill {kill}, last confirmed save {last}");

        let mut rescued = Vec::new();
        if strict {
            // What the kill left, to find again in the rescue folder: every copy that is not
            // the record itself.
            let on_disk = std::fs::read(&path).unwrap();
            let left: Vec<Vec<u8>> = strays(dir.path(), &path)
                .iter()
                .map(|s| std::fs::read(dir.path().join(s)).unwrap())
                .filter(|b| !b.is_empty() && *b != on_disk)
                .collect();
            // The next start: opening the record under its lock tidies the folder, and the
            // program moves an unconfirmed copy into its rescue folder.
            let holding = HOLDING_A_LOCK
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let (mut session, _) = xuncha::store::Session::open(&path).unwrap();
            for moved in session.rescue_unconfirmed(&rescue_dir) {
                rescued.push(moved.unwrap_or_else(|e| panic!("{ctx}: {e}")));
            }
            drop(session);
            drop(holding);
            let mut found: Vec<Vec<u8>> =
                rescued.iter().map(|p| std::fs::read(p).unwrap()).collect();
            let mut left = left;
            left.sort();
            found.sort();
            assert_eq!(
                found, left,
                "{ctx}: every copy that held more is rescued, byte for byte"
            );
        }
        for stray in strays(dir.path(), &path) {
            assert!(!strict, "{ctx}: left in the folder: {stray}");
            assert!(
                is_named_temporary(&stray),
                "{ctx}: left in the folder: {stray}"
            );
            if !outcome.leftovers.contains(&stray) {
                // Hidden, private and whole: the next start is not confused by it.
                let copy = dir.path().join(&stray);
                let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{ctx}: {stray}");
                let r = load_record(&copy).unwrap_or_else(|e| panic!("{ctx}: {e}"));
                assert_eq!(r, record(step_of(&r)), "{ctx}: {stray}");
                outcome.leftovers.push(stray);
            }
        }
        let found = xuncha::store::find_records(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(
            found,
            vec![path.clone()],
            "{ctx}: the folder lists only the record"
        );

        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{ctx}");
        let bytes = std::fs::metadata(&path).unwrap().len();
        assert!(bytes > 0, "{ctx}: the file is empty");
        let loaded = load_record(&path).unwrap_or_else(|e| panic!("{ctx}: does not load: {e}"));
        let m = step_of(&loaded);
        assert!(m == last || m == last + 1, "{ctx}: the file holds step {m}");
        assert!(
            loaded == record(m),
            "{ctx}: the file is not exactly step {m}"
        );
        if m == last + 1 {
            outcome.after_rename += 1;
        }
        for copy in rescued {
            // The change the killed save was making: the state after the record's, whole.
            let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{ctx}: {}", copy.display());
            let r = load_record(&copy).unwrap_or_else(|e| panic!("{ctx}: {e}"));
            assert!(
                r == record(m + 1),
                "{ctx}: the rescued copy is not step {}",
                m + 1
            );
            outcome.leftovers.push(copy.display().to_string());
        }
        *outcome
            .sizes
            .entry(match bytes {
                0..=2_000 => "<2 KB",
                2_001..=50_000 => "2-50 KB",
                _ => ">50 KB",
            })
            .or_default() += 1;
        // The next child starts from what is on disk.
        confirmed = m;
    }
    outcome.save_time = save_time;
    outcome.seed = seed;
    outcome
}

/// The guarantee inspectors rely on: whatever moment the process dies, the file is one whole
/// state, the last confirmed one or the one being saved.
#[test]
fn sigkill_at_random_moments_never_loses_or_mixes_a_save() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let kills = kills();
    let start = Instant::now();
    let o = campaign(kills, false);
    eprintln!(
        "crash test (seed {}): {kills} kills, {} confirmed saves, {} kills between a rename \
         and its confirmation, record size at kill {:?}, {} named temporary files left behind, \
         about {:?} per save, in {:.1} s",
        o.seed,
        o.saves,
        o.after_rename,
        o.sizes,
        o.leftovers.len(),
        o.save_time,
        start.elapsed().as_secs_f64()
    );
    assert!(
        kills < 50 || o.saves > u64::from(kills) / 2,
        "the kills hardly let it save: {o:?}"
    );
}

/// Same campaign, but nothing at all may be left beside the record and its lock once the next
/// start has opened it.
/// (A kill between a save's link and rename can leave a hidden whole copy of the change it was
/// making; the next start, which opens the record under its lock, moves it into the rescue
/// folder, where it must be exactly the state after the record's.)
#[test]
fn sigkill_leaves_no_temporary_file() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let kills = kills();
    let o = campaign(kills, true);
    eprintln!(
        "crash test, strict (seed {}): {} unconfirmed copies rescued",
        o.seed,
        o.leftovers.len()
    );
    // A third of the kills land between link and rename here; none would mean the copies
    // were no longer made, or no longer rescued.
    assert!(
        kills < 50 || !o.leftovers.is_empty(),
        "no unconfirmed copy rescued in {kills} kills: {o:?}"
    );
}
