//! A large record: 5,000 evidence notes (about 2.2 MB of TOML), every built-in item answered.
//! Side by side in one run:
//! - what the `toml` crate costs on it: the record to text (`Record::to_toml`) and text to
//!   record (`Record::parse`), and loading the file (read + UTF-8 check + parse);
//! - the durable save the program makes after every change (`Session::save`: is the file still
//!   as it was read? serialise, temp file, fsync, rename, fsync the folder), after one answer's
//!   status changed, as a keystroke does;
//! - a status key end to end in-process: the key through `App::handle_event`, `Session::save`,
//!   and the frame drawn at 200×60 (target: median under 16 ms);
//! - the first frame in-process: read and parse the file, build the inspect state, draw
//!   (target: under 30 ms); and the real program in a 200×60 pseudo-terminal, from spawn to the
//!   first frame's text on the screen.
//!
//! Run: `cargo bench --bench large` (`-- NOTES` for another size, `XUNCHA_LARGE_RUNS` for the
//! number of runs, 50 by default; `XUNCHA_LARGE_OUT=FILE` keeps a copy of the record to profile on).
//! Results: docs/PERFORMANCE.md.

mod common;

/// How long the large record's first frame may take before the run is given up.
const FRAME_LIMIT: Duration = Duration::from_secs(20);

use std::io::Write;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use portable_pty::CommandBuilder;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xuncha::i18n::Lang;
use xuncha::model::{Catalog, Record};
use xuncha::store::{Session, load_catalog, load_record};
use xuncha::tui::app::{App, Screen};
use xuncha::tui::inspect::Inspect;
use xuncha::tui::keymap::Keymap;
use xuncha::tui::theme::Theme;

fn app(catalog: &Catalog, record: Record) -> App {
    let view = Inspect::new(record, catalog, "bench.toml".into(), None, Lang::Zh);
    App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(false),
        Screen::Inspect(Box::new(view)),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `runs` timings of `f`, after one untimed run.
fn time(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f();
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn report(what: &str, times: Vec<Duration>) {
    let n = times.len();
    let mut sorted = times;
    sorted.sort();
    println!(
        "  {what:<58} median {:8.2} ms   min {:8.2}   max {:8.2}   (n={n})",
        ms(sorted[n / 2]),
        ms(sorted[0]),
        ms(sorted[n - 1])
    );
}

fn main() {
    let notes: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let runs: usize = std::env::var("XUNCHA_LARGE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50);
    let catalog = load_catalog(None).0;
    let record = common::large_record(&catalog, notes);
    let text = record.to_toml().expect("toml");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("第三轮_计算机学院_张三.toml");
    xuncha::store::save_record(&path, &record).expect("save");
    if let Some(out) = std::env::var_os("XUNCHA_LARGE_OUT") {
        // A copy to profile the program on (`docs/PERFORMANCE.md`, "The first frame").
        std::fs::copy(&path, &out).expect("copy the record to XUNCHA_LARGE_OUT");
    }
    println!(
        "large record: {notes} notes, {} answers, {:.2} MB of TOML",
        record.answers.len(),
        text.len() as f64 / 1e6
    );

    println!("the toml crate on it:");
    report(
        "Record::to_toml (serialise)",
        time(runs, || drop(record.to_toml().expect("toml"))),
    );
    report(
        "Record::parse (from text)",
        time(runs, || {
            drop(Record::parse("r.toml", &text).expect("parse"))
        }),
    );
    report(
        "store::load_record (read + UTF-8 check + parse)",
        time(runs, || drop(load_record(&path).expect("load"))),
    );

    println!("saving:");
    let (session, _) = Session::open(&path).expect("open");
    let keys: Vec<String> = record.answers.keys().cloned().collect();
    let mut changing = record.clone();
    let mut i = 0;
    report(
        "Session::save after one status change (durable)",
        time(runs, || {
            let answer = changing
                .answers
                .get_mut(&keys[i % keys.len()])
                .expect("answer");
            i += 1;
            answer.status = match answer.status {
                xuncha::model::Status::Problem => xuncha::model::Status::Doubt,
                _ => xuncha::model::Status::Problem,
            };
            session.save(&changing).expect("save");
        }),
    );
    let raw = dir.path().join("raw.toml");
    report(
        "for reference: the same bytes, write + fsync only",
        time(runs, || {
            let mut f = std::fs::File::create(&raw).expect("create");
            f.write_all(text.as_bytes()).expect("write");
            f.sync_all().expect("fsync");
        }),
    );
    drop(session);

    // A status key: update, durable save, frame. First with the save made in the key's turn
    // (the design before the writer thread), then as the program does it: the record handed
    // to the writer thread (a clone), the frame drawn at once, the save's answer later.
    let (session, loaded) = Session::open(&path).expect("open");
    let mut a = app(&catalog, loaded);
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    term.draw(|f| a.draw(f)).expect("draw");
    let mut flip = true;
    let mut press = move |a: &mut App| {
        let code = if flip { '2' } else { '1' };
        flip = !flip;
        a.handle_event(
            Event::Key(KeyEvent::new(KeyCode::Char(code), KeyModifiers::NONE)),
            xuncha::model::Timestamp::now(),
        );
    };
    let mut save_only = Vec::new();
    let key_sync = time(runs, || {
        press(&mut a);
        if let Screen::Inspect(v) = &mut a.screen {
            let t = Instant::now();
            session.save(&v.record).expect("save");
            save_only.push(t.elapsed());
            v.saved(xuncha::model::Timestamp::now());
        }
        term.draw(|f| a.draw(f)).expect("draw");
    });
    let mut clone_only = Vec::new();
    let mut answered = Vec::new();
    let key_background = (0..runs)
        .map(|_| {
            let t = Instant::now();
            press(&mut a);
            if let Screen::Inspect(v) = &mut a.screen {
                let c = Instant::now();
                let copy = v.record.clone();
                clone_only.push(c.elapsed());
                session.save_in_background(copy).expect("save");
            }
            term.draw(|f| a.draw(f)).expect("draw");
            let frame = t.elapsed();
            let (_, result) = session.wait_saved().expect("an answer");
            result.expect("saved");
            answered.push(t.elapsed());
            frame
        })
        .collect();
    println!("a status key (target: median under 16 ms):");
    report(
        "saved in the key's turn: update + Session::save + frame",
        key_sync,
    );
    report("  of which Session::save", save_only);
    report(
        "writer thread: update + clone + hand over + frame",
        key_background,
    );
    report("  of which the clone of the record", clone_only);
    report("  from the key to the save's answer (on disk)", answered);
    drop(session);

    println!("first frame (target: under 30 ms):");
    report(
        "in-process: load_record + inspect state + frame at 200x60",
        time(runs, || {
            let record = load_record(&path).expect("load");
            let a = app(&catalog, record);
            let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
            term.draw(|f| a.draw(f)).expect("draw");
        }),
    );
    let config = dir.path().join("config");
    let marker = {
        let summary = xuncha::model::RecordSummary::of(&record, &catalog);
        format!("{}/{}", summary.done, summary.total)
    };
    let pty_runs = runs.min(20);
    report(
        "xuncha open, spawn to first frame in a 200x60 pty",
        (0..pty_runs)
            .map(|_| {
                let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_xuncha"));
                cmd.args(["open", path.to_str().expect("utf-8 path")]);
                cmd.env("XUNCHA_CONFIG_DIR", &config);
                common::time_to_frame(cmd, &marker, FRAME_LIMIT)
            })
            .collect(),
    );
}
