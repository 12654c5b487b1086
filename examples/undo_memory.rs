//! Peak memory of an editing session on a large record: a 5,000-note record (about 2.2 MB of
//! TOML) is opened as the program opens it (`Session::open`: lock, read, parse), then 1,000
//! status keys are pressed, each change saved as the program saves it before every frame.
//! Prints the file size, the undo history's size and the peak resident memory (`VmHWM` from
//! `/proc/self/status`), against the target of three times the file size plus 20 MiB.
//!
//! Run: `cargo run --release --example undo_memory [-- NOTES CHANGES [--no-save] [--whole-copies]
//! [--background]]` (`--background`: each save handed to the session's writer thread, as the
//! runtime does, instead of made in the key's turn).
//! `--whole-copies` also keeps a clone of the record per change, as the undo stack did before
//! it stored changes, to show what that cost. Numbers: docs/PERFORMANCE.md.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use xuncha::i18n::Lang;
use xuncha::model::{Record, Timestamp};
use xuncha::store::{Session, load_catalog, save_record};
use xuncha::tui::app::{App, Screen};
use xuncha::tui::inspect::Inspect;
use xuncha::tui::keymap::Keymap;
use xuncha::tui::theme::Theme;

#[path = "../benches/common/mod.rs"]
mod common;

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<u32> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let notes = numbers.first().copied().unwrap_or(5_000);
    let changes = numbers.get(1).copied().unwrap_or(1_000);
    let save = !args.iter().any(|a| a == "--no-save");
    let background = args.iter().any(|a| a == "--background");
    let whole_copies = args.iter().any(|a| a == "--whole-copies");

    let (catalog, _) = load_catalog(None);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("big.toml");
    save_record(&path, &common::record_with_notes(&catalog, notes as usize))?;
    let file_size = std::fs::metadata(&path)?.len();

    let (session, record) = Session::open(&path)?;
    let view = Inspect::new(record, &catalog, "big.toml".into(), None, Lang::Zh);
    let mut app = App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(false),
        Screen::Inspect(Box::new(view)),
    );
    let after_open = status_kib("VmHWM:");
    let mut copies: Vec<Record> = Vec::new();
    let press = |app: &mut App, c: char| {
        app.handle_event(
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            Timestamp::now(),
        );
    };
    for i in 0..changes as usize {
        // Walk down the items, cycling through the four statuses.
        press(&mut app, ['1', '2', '3', '4'][i % 4]);
        press(&mut app, 'j');
        if let Screen::Inspect(view) = &mut app.screen {
            if whole_copies {
                copies.push(view.record.clone());
            }
            if save && view.dirty && background {
                if let Some((_, result)) = session.poll_saved() {
                    result?;
                }
                session.save_in_background(view.record.clone())?;
                view.saved(Timestamp::now());
            } else if save && view.dirty {
                session.save(&view.record)?;
                view.saved(Timestamp::now());
            }
        }
    }
    if let Some((_, result)) = session.wait_saved() {
        result?;
    }
    let (steps, history_bytes) = match &app.screen {
        Screen::Inspect(view) => view.history_size(),
        _ => ((0, 0), 0),
    };
    let peak = status_kib("VmHWM:");
    let limit = 3 * file_size / 1024 + 20 * 1024;
    println!(
        "notes {notes}, changes {changes}, saves {save} (writer thread {background}), whole copies {whole_copies}"
    );
    println!("file {:.2} MB", file_size as f64 / 1e6);
    println!(
        "undo steps {} (redo {}), history {:.1} KiB",
        steps.0,
        steps.1,
        history_bytes as f64 / 1024.0
    );
    println!("peak RSS after open {:.1} MiB", after_open as f64 / 1024.0);
    println!("peak RSS at end     {:.1} MiB", peak as f64 / 1024.0);
    println!(
        "target 3 x file + 20 MiB = {:.1} MiB: {}",
        limit as f64 / 1024.0,
        if peak <= limit { "met" } else { "NOT met" }
    );
    drop(copies);
    Ok(())
}
