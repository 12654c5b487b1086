//! Inspect screen speed: render at 200×60 and one keystroke (update + render) on a record with
//! every built-in item answered and 500 evidence notes; and startup to the first frame (read and
//! parse the file, load the templates, build the state, draw).
//!
//! Run: `cargo bench --bench tui`. Results: docs/PERFORMANCE.md.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xuncha::i18n::Lang;
use xuncha::model::template::answer_key;
use xuncha::model::{
    Answer, Catalog, Finding, Note, Record, Source, SourceKind, Status, Timestamp,
};
use xuncha::store::load_catalog;
use xuncha::tui::app::{App, Screen};
use xuncha::tui::inspect::Inspect;
use xuncha::tui::keymap::Keymap;
use xuncha::tui::theme::Theme;

fn main() {
    divan::main();
}

/// Every built-in item answered, 500 notes of realistic length, 12 sources.
fn full_record(catalog: &Catalog) -> Record {
    let templates: Vec<_> = catalog.templates().collect();
    let now = Timestamp::now();
    let mut r = Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "张三",
        &templates,
        now,
    );
    for i in 0..12 {
        r.sources.push(Source {
            code: format!("T{:02}", i + 1),
            kind: SourceKind::Interview,
            reference: format!("与第{i}位干部个别谈话"),
            at: Some(now),
        });
    }
    let keys: Vec<String> = catalog
        .templates()
        .flat_map(|t| {
            t.items()
                .map(|(_, i)| answer_key(&t.id, &i.id))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut id = 1;
    for (n, key) in keys.iter().enumerate() {
        let status = [
            Status::NoProblem,
            Status::Problem,
            Status::Doubt,
            Status::NotApplicable,
        ][n % 4];
        r.answers.insert(
            key.clone(),
            Answer {
                status,
                updated: Some(now),
                notes: Vec::new(),
                finding: status.has_finding().then(|| Finding {
                    statement: "2025年学院党委传达学习上级重要文件平均滞后40天以上，最长62天。"
                        .into(),
                    ..Finding::default()
                }),
            },
        );
    }
    for k in 0..500 {
        let key = &keys[k % keys.len()];
        if let Some(a) = r.answers.get_mut(key) {
            a.notes.push(Note {
                id,
                at: now,
                source: format!("T{:02}", k % 12 + 1),
                text: "2025年3月12日印发的上级重要文件，学院党委5月13日才首次传达学习，会议记录无研究落实措施。\n谈话对象称：会前未征求意见。".into(),
                people: "学院党委书记".into(),
                figures: "滞后 62 天".into(),
            });
            id += 1;
        }
    }
    r
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
        a.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
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
        a.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
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
        let catalog = load_catalog(None).0;
        let record = xuncha::store::load_record(&path).unwrap();
        let a = app(&catalog, record);
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        term.draw(|f| a.draw(f)).unwrap();
    });
}
