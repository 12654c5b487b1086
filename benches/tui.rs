//! Inspect screen speed: render at 200×60 and one keystroke (update + render) on a record with
//! every built-in item answered and 500 evidence notes; and startup to the first frame (read and
//! parse the file, load the templates, build the state, draw).
//!
//! Run: `cargo bench --bench tui`. Results: docs/PERFORMANCE.md.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xuncha::i18n::Lang;
use xuncha::model::{Catalog, Diagnostic, Origin, Record, Template, Timestamp};
use xuncha::store::load_catalog;
use xuncha::tui::app::{App, Screen};
use xuncha::tui::inspect::Inspect;
use xuncha::tui::keymap::Keymap;
use xuncha::tui::theme::Theme;

mod common;
use common::full_record;

fn main() {
    divan::main();
}

fn app(catalog: &Catalog, record: Record) -> App {
    let view = Inspect::new(record, catalog, "bench.toml".into(), None, Lang::Zh);
    App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(false),
        Screen::Inspect(Box::new(view)),
    )
}

#[divan::bench]
fn render_200x60(bencher: divan::Bencher) {
    let catalog = load_catalog(None).0;
    let a = app(&catalog, full_record(&catalog));
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        term.draw(|f| a.draw(f)).unwrap();
    });
}

#[divan::bench]
fn keystroke_update_and_render_200x60(bencher: divan::Bencher) {
    let catalog = load_catalog(None).0;
    let mut a = app(&catalog, full_record(&catalog));
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        let code = if down {
            KeyCode::Char('j')
        } else {
            KeyCode::Char('k')
        };
        down = !down;
        a.handle_event(
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            Timestamp::now(),
        );
        term.draw(|f| a.draw(f)).unwrap();
    });
}

#[divan::bench]
fn keystroke_set_status_with_save_200x60(bencher: divan::Bencher) {
    // A status change also writes the record durably before the next frame, as the program does.
    let catalog = load_catalog(None).0;
    let mut a = app(&catalog, full_record(&catalog));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut flip = true;
    bencher.bench_local(|| {
        let code = if flip {
            KeyCode::Char('2')
        } else {
            KeyCode::Char('1')
        };
        flip = !flip;
        a.handle_event(
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            Timestamp::now(),
        );
        if let Screen::Inspect(v) = &mut a.screen {
            xuncha::store::save_record(&path, &v.record).unwrap();
            v.saved(Timestamp::now());
        }
        term.draw(|f| a.draw(f)).unwrap();
    });
}

#[divan::bench]
fn startup_to_first_frame(bencher: divan::Bencher) {
    let catalog = load_catalog(None).0;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    xuncha::store::save_record(&path, &full_record(&catalog)).unwrap();
    bencher.bench_local(|| {
        // The templates parsed afresh (`load_catalog` keeps them for the rest of a process).
        let mut catalog = Catalog::default();
        for (name, text) in xuncha::store::BUILTIN {
            catalog.insert(Template::parse(name, text).unwrap(), Origin::BuiltIn(name));
        }
        let record = xuncha::store::load_record(&path).unwrap();
        let a = app(&catalog, record);
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        term.draw(|f| a.draw(f)).unwrap();
    });
}

/// The four built-in templates, each through `parse`.
fn builtins(parse: fn(&str, &str) -> Result<Template, Vec<Diagnostic>>) -> Vec<Template> {
    xuncha::store::BUILTIN
        .iter()
        .map(|(name, text)| parse(name, text).unwrap())
        .collect()
}

/// Part of the startup: parse and validate the four built-in templates (read directly, as a
/// start does; `load_catalog` keeps them parsed for the rest of the process).
#[divan::bench]
fn startup_part_load_templates() -> Vec<Template> {
    builtins(Template::parse)
}

/// The same through the `toml` crate, as before the direct reader.
#[divan::bench]
fn startup_part_load_templates_toml() -> Vec<Template> {
    builtins(Template::parse_by_toml)
}

/// Part of the startup: read and parse the full record.
#[divan::bench]
fn startup_part_load_record(bencher: divan::Bencher) {
    let catalog = load_catalog(None).0;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    xuncha::store::save_record(&path, &full_record(&catalog)).unwrap();
    bencher.bench_local(|| xuncha::store::load_record(&path).unwrap());
}

/// Part of a save: the record as TOML text.
#[divan::bench]
fn save_part_serialise(bencher: divan::Bencher) {
    let catalog = load_catalog(None).0;
    let record = full_record(&catalog);
    bencher.bench_local(|| record.to_toml().unwrap());
}
