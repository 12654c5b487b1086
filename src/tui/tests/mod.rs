//! Tests of the interface without a terminal: `update` sequences on the state, and views
//! rendered into ratatui's `TestBackend` and compared with insta snapshots.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Screen};
use super::effect::Effect;
use super::inspect::{Inspect, Pane};
use super::keymap::Keymap;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::model::{Catalog, Record, Source, SourceKind, Timestamp};
use crate::store::load_catalog;

fn catalog() -> Catalog {
    load_catalog(None).0
}

fn fixed_time() -> Timestamp {
    Timestamp(chrono::DateTime::parse_from_rfc3339("2026-11-26T09:30:00+08:00").unwrap())
}

fn record(catalog: &Catalog) -> Record {
    let templates: Vec<_> = catalog.templates().collect();
    Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "张三",
        &templates,
        fixed_time(),
    )
}

fn app_with(record: Record, read_only: Option<String>) -> App {
    let view = Inspect::new(
        record,
        &catalog(),
        "第三轮_计算机学院_张三.toml".into(),
        read_only,
        Lang::Zh,
    );
    App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Inspect(Box::new(view)),
    )
}

fn app() -> App {
    app_with(record(&catalog()), None)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.handle_event(
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        fixed_time(),
    )
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.handle_event(
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        fixed_time(),
    )
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn view(app: &App) -> &Inspect {
    match &app.screen {
        Screen::Inspect(i) => i,
        _ => panic!("not on the inspect screen"),
    }
}

fn selected_key(app: &App) -> String {
    let v = view(app);
    v.key_of(&v.selected_entry().unwrap())
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t
}

/// The screen as text, one line per row, a double-width character once (also used by
/// `terminal_tests`).
pub(super) fn screen(app: &App, w: u16, h: u16) -> String {
    buffer_text(render(app, w, h).backend().buffer(), w, h)
}

/// A `w`×`h` buffer as text, one line per row, a double-width character once (the screen of
/// an app, or of a widget drawn alone).
pub(in crate::tui) fn buffer_text(buf: &ratatui::buffer::Buffer, w: u16, h: u16) -> String {
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = crate::text::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

fn keys_effects(a: &mut App, c: char) -> Vec<Effect> {
    press(a, KeyCode::Char(c))
}

fn rich_app() -> App {
    let mut r = record(&catalog());
    r.sources.push(Source {
        code: "T03".into(),
        kind: SourceKind::Interview,
        reference: "绝密：与院长谈话".into(),
        at: Some(fixed_time()),
        role: None,
    });
    let mut a = app_with(r, None);
    keys(&mut a, "s");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "2n");
    keys(
        &mut a,
        "2025年3月12日印发的上级重要文件，学院党委5月13日才首次传达学习，会议记录无研究落实措施，滞后62天。",
    );
    ctrl(&mut a, 's');
    keys(&mut a, "f");
    keys(&mut a, "第一议题制度落实不及时");
    ctrl(&mut a, 's');
    if let Screen::Inspect(v) = &mut a.screen {
        // fixed times for stable snapshots
        for ans in v.record.answers.values_mut() {
            for n in &mut ans.notes {
                n.at = fixed_time();
            }
        }
        v.saved(fixed_time());
    }
    a
}

fn review_app() -> App {
    let catalog = catalog();
    let round = crate::model::demo::demo_round(&catalog, 8, fixed_time());
    let records: Vec<(std::path::PathBuf, Record)> = round
        .into_iter()
        .map(|(name, r)| (std::path::PathBuf::from(format!("/round/{name}")), r))
        .collect();
    let review = crate::model::Review::build(
        &records,
        &catalog,
        &crate::model::ReviewOptions::new(fixed_time()),
    );
    // No round files: every finding unsigned.
    let signs = crate::model::signoff::Signoffs::default().state(&review, &records);
    let screen = super::review::ReviewScreen::new(
        Lang::Zh,
        review,
        catalog,
        vec![(
            "/round/坏.toml".into(),
            "/round/坏.toml:3:7: expected `=`".into(),
        )],
        "/round".into(),
    )
    .with_signoffs(
        crate::model::signoff::Signoffs::default(),
        signs,
        super::review::Folders {
            paths: vec!["/round".into()],
            data_dir: "/data".into(),
            signs_here: false,
        },
    );
    App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Review(Box::new(screen)),
    )
}

/// The review of the data folder `dir`, read as `xuncha review` reads it (records and round
/// files), in `lang`: signing is on.
fn review_app_in(dir: &std::path::Path, lang: Lang) -> App {
    let catalog = catalog();
    let paths = vec![dir.to_path_buf()];
    let read = super::read_review(&paths, &catalog, 7, lang, fixed_time()).unwrap();
    let screen = super::review::ReviewScreen::new(
        lang,
        read.review,
        catalog,
        read.failed,
        dir.display().to_string(),
    )
    .with_signoffs(
        read.signoffs,
        read.signs,
        super::review::Folders {
            paths,
            data_dir: dir.to_path_buf(),
            signs_here: super::is_data_dir(&[dir.to_path_buf()], dir),
        },
    )
    .with_ledgers(read.ledgers);
    App::new(
        lang,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Review(Box::new(screen)),
    )
}

/// The demo round written to a new folder (the data folder of a test).
fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, record) in crate::model::demo::demo_round(&catalog(), 8, fixed_time()) {
        crate::store::save_record(&dir.path().join(name), &record).unwrap();
    }
    dir
}

fn review_of_mut(app: &mut App) -> &mut super::review::ReviewScreen {
    match &mut app.screen {
        Screen::Review(r) => r,
        _ => panic!("not on the review screen"),
    }
}

fn review_of(app: &App) -> &super::review::ReviewScreen {
    match &app.screen {
        Screen::Review(r) => r,
        _ => panic!("not on the review screen"),
    }
}

mod drawing;
mod editing;
mod finding;
mod home;
mod inspect;
mod looks;
mod outline;
mod reading;
mod rectify;
mod review;
mod side_by_side;
mod signing;
mod sources;
mod undo;
