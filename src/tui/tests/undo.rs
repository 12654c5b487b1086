//! Undo and redo: every kind of change undone and redone exactly, the size of a step, and
//! random sequences against a model that keeps whole copies of the record.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::{App, app, app_with, catalog, fixed_time, record, view};
use crate::i18n::Lang;
use crate::model::{Record, Timestamp};
use crate::tui::inspect::{Inspect, Overlay};

/// `fixed_time()` plus `minutes`: each change in these tests gets its own time, so a step that
/// did not restore the record's `updated` time would show.
fn at(minutes: i64) -> Timestamp {
    Timestamp(fixed_time().0 + chrono::Duration::minutes(minutes))
}

fn press_at(app: &mut App, code: KeyCode, modifiers: KeyModifiers, t: Timestamp) {
    app.handle_event(Event::Key(KeyEvent::new(code, modifiers)), t);
}

fn type_at(app: &mut App, s: &str, t: Timestamp) {
    for c in s.chars() {
        press_at(app, KeyCode::Char(c), KeyModifiers::NONE, t);
    }
}

/// One change of each kind, as keys.
#[derive(Debug, Clone)]
enum Change {
    Status(char),
    AddNote(String),
    EditNote(String),
    DeleteNote,
    Finding(String),
    AddSource(String),
}

fn make(app: &mut App, change: &Change, t: Timestamp) {
    let save = |app: &mut App| press_at(app, KeyCode::Char('s'), KeyModifiers::CONTROL, t);
    match change {
        Change::Status(c) => type_at(app, &c.to_string(), t),
        Change::AddNote(text) => {
            type_at(app, "n", t);
            type_at(app, text, t);
            save(app);
        }
        Change::EditNote(text) => {
            type_at(app, "e", t);
            type_at(app, text, t);
            save(app);
        }
        Change::DeleteNote => type_at(app, "dy", t),
        Change::Finding(title) => {
            type_at(app, "f", t);
            type_at(app, title, t);
            save(app);
        }
        Change::AddSource(reference) => {
            type_at(app, "sa", t);
            press_at(app, KeyCode::Tab, KeyModifiers::NONE, t);
            press_at(app, KeyCode::Tab, KeyModifiers::NONE, t);
            type_at(app, reference, t);
            save(app);
            press_at(app, KeyCode::Esc, KeyModifiers::NONE, t);
        }
    }
    // Whatever the change left open (a refused form) is closed, so the next change starts on
    // the main screen.
    while !matches!(view(app).overlay, Overlay::None) {
        press_at(app, KeyCode::Esc, KeyModifiers::NONE, t);
        type_at(app, "y", t);
    }
}

#[test]
fn every_kind_of_change_is_undone_and_redone_exactly() {
    let mut a = app();
    // A record with something in it: a problem with a note, on the first item.
    make(&mut a, &Change::Status('2'), at(1));
    make(&mut a, &Change::AddNote("第一条".into()), at(2));
    let changes = [
        Change::Status('3'),
        Change::Status('0'),
        Change::AddNote("第二条，含“引号”\\反斜杠".into()),
        Change::EditNote("补充".into()),
        Change::DeleteNote,
        Change::Status('2'),
        Change::Finding("议事规则未执行".into()),
        Change::AddSource("与财务科长谈话".into()),
    ];
    let mut t = 10;
    for change in &changes {
        let before = view(&a).record.clone();
        let steps = view(&a).history_size().0.0;
        make(&mut a, change, at(t));
        t += 1;
        let after = view(&a).record.clone();
        assert_ne!(before, after, "{change:?} changed nothing");
        assert_eq!(after.updated, at(t - 1), "{change:?}");
        assert_eq!(
            view(&a).history_size().0.0,
            steps + 1,
            "{change:?}: one step"
        );
        type_at(&mut a, "u", at(100));
        assert_eq!(view(&a).record, before, "undo of {change:?}");
        assert!(view(&a).dirty, "an undo is saved too");
        press_at(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL, at(100));
        assert_eq!(view(&a).record, after, "redo of {change:?}");
    }
    // And all the way back: the record as opened, each message naming its change.
    let original = record(&catalog());
    let mut said = Vec::new();
    while view(&a).history_size().0.0 > 0 {
        type_at(&mut a, "u", at(200));
        said.push(view(&a).message.clone().unwrap().0);
    }
    assert_eq!(view(&a).record, original);
    assert!(said.iter().all(|m| m.starts_with("已撤销：")), "{said:?}");
    assert!(
        said.iter().any(|m| m.starts_with("已撤销：删除笔记「")),
        "{said:?}"
    );
    assert!(said.iter().any(|m| m.contains("T01")), "{said:?}");
}

#[test]
fn an_undo_step_keeps_what_changed_not_the_record() {
    // A record whose answers hold 2,000 long notes: a status change must not keep them.
    let mut r = record(&catalog());
    let keys_: Vec<String> = {
        let v = Inspect::new(r.clone(), &catalog(), String::new(), None, Lang::Zh);
        v.entries().iter().map(|e| v.key_of(e)).collect()
    };
    for n in 0..2000u32 {
        let a = r.answers.entry(keys_[0].clone()).or_default();
        a.notes.push(crate::model::Note {
            id: n + 1,
            at: fixed_time(),
            source: String::new(),
            text: "很长的证据记录".repeat(20),
            people: String::new(),
            figures: String::new(),
        });
    }
    let mut a = app_with(r, None);
    for i in 0..100 {
        make(
            &mut a,
            &Change::Status(['1', '2', '3', '4'][i % 4]),
            at(i as i64),
        );
    }
    let ((undo, _), bytes) = view(&a).history_size();
    assert_eq!(undo, 100);
    // Each step: the record's time, the answer's status, time and (for 2 and 3) a finding.
    assert!(bytes < 100 * 1024, "{bytes} bytes for 100 status changes");
}

mod undo_model {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Change(Change),
        Undo,
        Redo,
        /// Move to another item (j/k) or between the items and the notes (l/h).
        Move(char),
    }

    fn op() -> impl Strategy<Value = Op> {
        let text = prop::sample::select(vec!["甲", "乙乙", "会议记录", "x\"y\\z", "长文本"])
            .prop_map(str::to_string);
        prop_oneof![
            4 => prop::sample::select(vec!['0', '1', '2', '3', '4'])
                .prop_map(|c| Op::Change(Change::Status(c))),
            3 => text.clone().prop_map(|t| Op::Change(Change::AddNote(t))),
            1 => text.clone().prop_map(|t| Op::Change(Change::EditNote(t))),
            1 => Just(Op::Change(Change::DeleteNote)),
            1 => text.clone().prop_map(|t| Op::Change(Change::Finding(t))),
            1 => text.prop_map(|t| Op::Change(Change::AddSource(t))),
            3 => Just(Op::Undo),
            2 => Just(Op::Redo),
            3 => prop::sample::select(vec!['j', 'k', 'l', 'h']).prop_map(Op::Move),
        ]
    }

    /// The old way: a whole copy of the record per step.
    struct Model {
        current: Record,
        undo: Vec<Record>,
        redo: Vec<Record>,
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn undo_and_redo_agree_with_whole_copies(ops in prop::collection::vec(op(), 1..80)) {
            let mut a = app();
            let mut m = Model { current: view(&a).record.clone(), undo: Vec::new(), redo: Vec::new() };
            for (i, op) in ops.iter().enumerate() {
                let t = at(i as i64);
                match op {
                    Op::Change(c) => {
                        make(&mut a, c, t);
                        let now = &view(&a).record;
                        if *now != m.current {
                            m.undo.push(std::mem::replace(&mut m.current, now.clone()));
                            m.redo.clear();
                        }
                    }
                    Op::Undo => {
                        type_at(&mut a, "u", t);
                        if let Some(prev) = m.undo.pop() {
                            m.redo.push(std::mem::replace(&mut m.current, prev));
                        }
                    }
                    Op::Redo => {
                        press_at(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL, t);
                        if let Some(next) = m.redo.pop() {
                            m.undo.push(std::mem::replace(&mut m.current, next));
                        }
                    }
                    Op::Move(c) => type_at(&mut a, &c.to_string(), t),
                }
                prop_assert_eq!(&view(&a).record, &m.current, "after {:?} (op {})", op, i);
                prop_assert_eq!(view(&a).history_size().0, (m.undo.len(), m.redo.len()));
            }
        }
    }
}
