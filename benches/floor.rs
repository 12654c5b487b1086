//! The program against the floor of what any program could do on this machine:
//! - startup to first frame of `xuncha open` on a full record (every built-in item answered,
//!   500 notes) against a bare ratatui program that draws one frame, both real processes in a
//!   pseudo-terminal, timed from spawn to the first frame's text on the screen; and the same
//!   for a typical record (one of the demo round's, target ≤ 2×); for reference, a bare program
//!   whose frame is a whole screen of Chinese text;
//! - a durable save of that record (`Session::save`, what every change does, each time after
//!   changing one answer as a keystroke does) against a raw write + fsync of the same bytes
//!   (target ≤ 2×), and the parts of the save.
//!
//! Run: `cargo bench --bench floor`. Results: docs/PERFORMANCE.md. `XUNCHA_FLOOR_OTHER=PATH`
//! times another `xuncha` binary (an earlier build) in the same runs, side by side.

mod common;

/// How long a first frame may take before the run is given up.
const FRAME_LIMIT: Duration = Duration::from_secs(10);

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

const BARE: &str = "XUNCHA_BENCH_BARE";
/// Startup runs of each program (median taken); `XUNCHA_FLOOR_RUNS` overrides.
fn runs() -> usize {
    std::env::var("XUNCHA_FLOOR_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(30)
}

/// The bare program: raw mode, alternate screen, one frame, wait for a key, restore. With
/// `full`, the frame is the whole screen of Chinese text (and the marker on the last line), as
/// much to draw and send as a real first frame: a second floor, for reference.
fn bare(full: bool) {
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;
    let mut terminal = ratatui::init();
    let _ = terminal.draw(|f| {
        let area = f.area();
        if full {
            let row = "巡察清单助手：三看、政治纪律、一岗双责、中央八项规定精神。"
                .repeat(usize::from(area.width) / 40 + 1);
            let mut lines: Vec<Line> = (1..area.height).map(|_| Line::from(row.as_str())).collect();
            lines.push(Line::from("bare-full-ready"));
            f.render_widget(Paragraph::new(lines), area);
        } else {
            f.render_widget(Paragraph::new("bare-frame-ready"), area);
        }
    });
    let _ = crossterm::event::read();
    ratatui::restore();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    if let Some(kind) = std::env::var_os(BARE) {
        bare(kind == "full");
        return;
    }
    // `cargo bench --bench floor -- startup` (or `-- save`) measures only that part.
    let only = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .filter(|a| a == "startup" || a == "save");
    let only = only.as_deref();
    let catalog = xuncha::store::load_catalog(None).0;
    let record = common::full_record(&catalog);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("第三轮_计算机学院_张三.toml");
    xuncha::store::save_record(&path, &record).expect("save");
    let config = dir.path().join("config");

    // A typical record: one of the demo round's (about half the items answered, three notes
    // each).
    let now = xuncha::model::Timestamp::now();
    let typical = xuncha::model::demo::demo_round(&catalog, 1, now)
        .into_iter()
        .next()
        .expect("demo record")
        .1;
    let typical_path = dir.path().join("第三轮_计算机学院_李四.toml");
    xuncha::store::save_record(&typical_path, &typical).expect("save");
    let marker = |record: &xuncha::model::Record| {
        let summary = xuncha::model::RecordSummary::of(record, &catalog);
        format!("{}/{}", summary.done, summary.total)
    };
    let typical_marker = marker(&typical);
    let full_marker = marker(&record);

    if only != Some("save") {
        let runs = runs();
        let exe = std::env::current_exe().expect("exe");
        let mut bare_times = Vec::new();
        let mut bare_full = Vec::new();
        let mut ours = Vec::new();
        let mut ours_typical = Vec::new();
        let other = std::env::var_os("XUNCHA_FLOOR_OTHER");
        let mut other_typical = Vec::new();
        let open_with = |exe: &std::ffi::OsStr, path: &Path| {
            let mut cmd = CommandBuilder::new(exe);
            cmd.args(["open", path.to_str().expect("utf-8 path")]);
            cmd.env("XUNCHA_CONFIG_DIR", &config);
            cmd
        };
        let open = |path: &Path| open_with(env!("CARGO_BIN_EXE_xuncha").as_ref(), path);
        for _ in 0..runs {
            let mut cmd = CommandBuilder::new(&exe);
            cmd.env(BARE, "1");
            bare_times.push(common::time_to_frame(cmd, "bare-frame-ready", FRAME_LIMIT));
            let mut cmd = CommandBuilder::new(&exe);
            cmd.env(BARE, "full");
            bare_full.push(common::time_to_frame(cmd, "bare-full-ready", FRAME_LIMIT));
            // The status bar, drawn just before the footer. (ratatui's backend moves the cursor
            // after each double-width character, so the marker is ASCII; unchanged blanks are
            // skipped, so it has no space.)
            ours.push(common::time_to_frame(
                open(&path),
                &full_marker,
                FRAME_LIMIT,
            ));
            ours_typical.push(common::time_to_frame(
                open(&typical_path),
                &typical_marker,
                FRAME_LIMIT,
            ));
            if let Some(other) = &other {
                other_typical.push(common::time_to_frame(
                    open_with(other, &typical_path),
                    &typical_marker,
                    FRAME_LIMIT,
                ));
            }
        }
        let (b, o, t) = (median(bare_times), median(ours), median(ours_typical));
        println!("startup to first frame, median of {runs} (200x60 pty):");
        println!("  bare ratatui program   {:8.2} ms", ms(b));
        println!(
            "  xuncha open (full, {} KiB)    {:8.2} ms   ratio {:5.2}x",
            std::fs::metadata(&path).map_or(0, |m| m.len() / 1024),
            ms(o),
            ms(o) / ms(b)
        );
        println!(
            "  xuncha open (typical, {} KiB) {:8.2} ms   ratio {:5.2}x   (target <= 2x)",
            std::fs::metadata(&typical_path).map_or(0, |m| m.len() / 1024),
            ms(t),
            ms(t) / ms(b)
        );
        if !other_typical.is_empty() {
            let t = median(other_typical);
            println!(
                "  the other binary (typical)    {:8.2} ms   ratio {:5.2}x",
                ms(t),
                ms(t) / ms(b)
            );
        }
        let bf = median(bare_full);
        println!(
            "  for reference: a bare program drawing a full screen of Chinese text {:8.2} ms ({:4.2}x the bare one; xuncha typical {:4.2}x this)",
            ms(bf),
            ms(bf) / ms(b),
            ms(t) / ms(bf)
        );
    }
    if only == Some("startup") {
        return;
    }
    let bytes = record.to_toml().expect("toml");
    let raw_path = dir.path().join("raw.toml");
    let write_path = dir.path().join("write-only.toml");
    // What the program does on every change: `Session::save` (is the file still as it was
    // read? serialise into the kept buffer, durable atomic write, note the new size and time).
    let (session, _) = xuncha::store::Session::open(&path).expect("open");
    let mut record = record;
    let keys: Vec<String> = record.answers.keys().cloned().collect();
    let mut raw = Vec::new();
    let mut save = Vec::new();
    let mut write_only = Vec::new();
    let mut serialise = Vec::new();
    for i in 0..200 {
        let t = Instant::now();
        raw_write(&raw_path, bytes.as_bytes());
        raw.push(t.elapsed());
        // As a keystroke does: one answer changed (its status), then the save.
        let answer = record
            .answers
            .get_mut(&keys[i % keys.len()])
            .expect("answer");
        answer.status = match answer.status {
            xuncha::model::Status::Problem => xuncha::model::Status::Doubt,
            _ => xuncha::model::Status::Problem,
        };
        let t = Instant::now();
        session.save(&record).expect("save");
        save.push(t.elapsed());
        let t = Instant::now();
        xuncha::store::fsutil::write_atomic(&write_path, bytes.as_bytes()).expect("write");
        write_only.push(t.elapsed());
        let t = Instant::now();
        let text = record.to_toml().expect("toml");
        serialise.push(t.elapsed());
        drop(text);
    }
    let (r, s, w) = (median(raw), median(save), median(write_only));
    println!(
        "save of the full record ({} KiB), median of 200:",
        bytes.len() / 1024
    );
    println!("  raw write + fsync      {:8.3} ms", ms(r));
    println!(
        "  xuncha Session::save   {:8.3} ms   (check + serialise + temp file + fsync + rename + fsync dir)",
        ms(s)
    );
    println!(
        "  ratio                  {:8.2}x   (target <= 2x)",
        ms(s) / ms(r)
    );
    println!(
        "  of which the durable write alone (temp file + fsync + rename + fsync dir) {:8.3} ms",
        ms(w)
    );
    println!(
        "  and serialising alone, into a fresh buffer                             {:8.3} ms",
        ms(median(serialise))
    );
}

fn raw_write(path: &Path, bytes: &[u8]) {
    let mut f = std::fs::File::create(path).expect("create");
    f.write_all(bytes).expect("write");
    f.sync_all().expect("fsync");
}
