//! Changing a record on the inspect screen: status keys, undo keys, moving between panes,
//! the note forms (asking before a discard or a delete, drafts kept on a forced exit), the
//! external editor and the cursor, and the place left restored on open. The finding form:
//! `finding.rs`.

use crossterm::event::{Event, KeyCode};

use super::{
    App, app, app_with, catalog, ctrl, fixed_time, keys, press, record, render, screen,
    selected_key, view,
};
use crate::model::{Source, SourceKind, Status};
use crate::tui::app::{Global, Screen};
use crate::tui::effect::Effect;
use crate::tui::inspect::{Overlay, Pane};

#[test]
fn status_keys_set_and_clear_the_status_and_mark_dirty() {
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "2");
    assert_eq!(view(&a).record.status(&key), Status::Problem);
    assert!(
        view(&a).record.answer(&key).unwrap().finding.is_some(),
        "a problem carries a finding"
    );
    assert!(view(&a).dirty);
    keys(&mut a, "1");
    assert_eq!(view(&a).record.status(&key), Status::NoProblem);
    keys(&mut a, "3");
    assert_eq!(view(&a).record.status(&key), Status::Doubt);
    keys(&mut a, "4");
    assert_eq!(view(&a).record.status(&key), Status::NotApplicable);
    keys(&mut a, "0");
    assert_eq!(view(&a).record.status(&key), Status::Unchecked);
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut a = app();
    let first = selected_key(&a);
    keys(&mut a, "2j1");
    let second = selected_key(&a);
    assert_ne!(first, second);
    let said = |a: &App| view(a).message.as_ref().unwrap().0.clone();
    let short = |key: &str| crate::text::truncate(&view(&a).resolve(key).unwrap().1.text, 24);
    let (first_text, second_text) = (short(&first), short(&second));
    keys(&mut a, "u");
    assert_eq!(view(&a).record.status(&second), Status::Unchecked);
    assert_eq!(view(&a).record.status(&first), Status::Problem);
    // The message says what was undone: the item and the status it had been given.
    assert_eq!(
        said(&a),
        format!("已撤销：标记「{second_text}」「未发现问题」")
    );
    keys(&mut a, "u");
    assert_eq!(view(&a).record.status(&first), Status::Unchecked);
    assert_eq!(
        said(&a),
        format!("已撤销：标记「{first_text}」「发现问题」")
    );
    keys(&mut a, "u");
    assert!(said(&a).contains("没有可撤销"));
    ctrl(&mut a, 'r');
    assert_eq!(
        said(&a),
        format!("已重做：标记「{first_text}」「发现问题」")
    );
    ctrl(&mut a, 'r');
    assert_eq!(view(&a).record.status(&second), Status::NoProblem);
    assert_eq!(view(&a).record.status(&first), Status::Problem);
}

#[test]
fn navigation_moves_between_panes_sections_and_items() {
    let mut a = app();
    assert_eq!(view(&a).focus, Pane::Items);
    let start = selected_key(&a);
    keys(&mut a, "G");
    assert_ne!(selected_key(&a), start);
    keys(&mut a, "g");
    assert_eq!(selected_key(&a), start);
    keys(&mut a, "h");
    assert_eq!(view(&a).focus, Pane::Tree);
    keys(&mut a, "j");
    let next_section = selected_key(&a);
    assert_ne!(next_section, start, "the middle follows the left selection");
    press(&mut a, KeyCode::Tab);
    assert_eq!(view(&a).focus, Pane::Items);
    press(&mut a, KeyCode::Tab);
    assert_eq!(view(&a).focus, Pane::Detail);
    render(&a, 80, 24);
    press(&mut a, KeyCode::PageDown);
    assert!(view(&a).detail.top() > 0, "the detail pages");
}

#[test]
fn a_note_typed_in_chinese_and_pasted_lands_on_the_item_with_the_current_source() {
    let mut r = record(&catalog());
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与院长谈话".into(),
        at: None,
        role: None,
    });
    let mut a = app_with(r, None);
    // pick T01 as current source
    keys(&mut a, "s");
    press(&mut a, KeyCode::Enter);
    assert_eq!(view(&a).current_source.as_deref(), Some("T01"));
    let key = selected_key(&a);
    keys(&mut a, "n");
    assert!(matches!(view(&a).overlay, Overlay::Form(_)));
    keys(&mut a, "会议记录缺失，");
    a.handle_event(
        Event::Paste("粘贴第一行\r\n第二行\r第三行".into()),
        fixed_time(),
    );
    ctrl(&mut a, 's');
    assert!(matches!(view(&a).overlay, Overlay::None));
    let notes = &view(&a).record.answer(&key).unwrap().notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "会议记录缺失，粘贴第一行\n第二行\n第三行");
    assert_eq!(notes[0].source, "T01");
    assert_eq!(notes[0].id, 1);
}

#[test]
fn editing_and_deleting_a_note_asks_first() {
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "n");
    keys(&mut a, "甲");
    ctrl(&mut a, 's');
    keys(&mut a, "e");
    keys(&mut a, "乙");
    ctrl(&mut a, 's');
    assert_eq!(view(&a).record.answer(&key).unwrap().notes[0].text, "甲乙");
    keys(&mut a, "d");
    keys(&mut a, "n");
    assert_eq!(
        view(&a).record.answer(&key).unwrap().notes.len(),
        1,
        "n keeps it"
    );
    keys(&mut a, "d");
    keys(&mut a, "y");
    assert!(view(&a).record.answer(&key).unwrap().notes.is_empty());
}

#[test]
fn escape_from_a_changed_form_asks_before_discarding() {
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "n");
    keys(&mut a, "未保存的内容");
    press(&mut a, KeyCode::Esc);
    assert!(matches!(&view(&a).overlay, Overlay::Form(f) if f.confirming));
    keys(&mut a, "n");
    assert!(matches!(&view(&a).overlay, Overlay::Form(f) if !f.confirming));
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "y");
    assert!(matches!(view(&a).overlay, Overlay::None));
    assert!(view(&a).record.answer(&key).is_none());
    // An unchanged form closes at once.
    keys(&mut a, "n");
    press(&mut a, KeyCode::Esc);
    assert!(matches!(view(&a).overlay, Overlay::None));
}

#[test]
fn the_place_left_is_restored_on_open_and_what_is_gone_is_ignored() {
    let mut r = record(&catalog());
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与院长谈话".into(),
        at: None,
        role: None,
    });
    let mut a = app_with(r.clone(), None);
    keys(&mut a, "s");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    // somewhere further in: the third section, its second item
    keys(&mut a, "h");
    keys(&mut a, "jj");
    keys(&mut a, "l");
    keys(&mut a, "j");
    let (source, item) = view(&a).place();
    assert_eq!(source.as_deref(), Some("T01"));
    let item = item.unwrap();

    let mut b = app_with(r.clone(), None);
    assert_ne!(selected_key(&b), item, "a fresh open starts elsewhere");
    assert_eq!(view(&b).current_source, None);
    if let Screen::Inspect(v) = &mut b.screen {
        v.restore_place(source.as_deref(), Some(&item));
    }
    assert_eq!(selected_key(&b), item);
    assert_eq!(view(&b).current_source.as_deref(), Some("T01"));

    // a source deleted since, an item no checklist has: left as a fresh open leaves them
    let mut c = app_with(record(&catalog()), None);
    let fresh = selected_key(&c);
    if let Screen::Inspect(v) = &mut c.screen {
        v.restore_place(Some("T01"), Some("gone/item"));
    }
    assert_eq!(view(&c).current_source, None);
    assert_eq!(selected_key(&c), fresh);
}

#[test]
fn the_note_form_says_which_source_it_attaches_to_and_warns_without_one() {
    let mut r = record(&catalog());
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与院长谈话".into(),
        at: None,
        role: None,
    });
    let mut a = app_with(r, None);
    keys(&mut a, "n");
    let shown = screen(&a, 120, 40);
    assert!(shown.contains("未设当前来源"), "{shown}");
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "s");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "n");
    let shown = screen(&a, 120, 40);
    assert!(!shown.contains("未设当前来源"), "{shown}");
    assert!(
        shown.contains("T01 个别谈话"),
        "the form names the source: {shown}"
    );
}

#[test]
fn external_editor_round_trip_replaces_the_focused_text() {
    let mut a = app();
    keys(&mut a, "n");
    keys(&mut a, "草稿");
    assert_eq!(
        ctrl(&mut a, 'e'),
        vec![Effect::ExternalEditor("草稿".into())]
    );
    a.editor_returned(Ok("编辑器里写的\n两行\n".into()));
    ctrl(&mut a, 's');
    let key = selected_key(&a);
    assert_eq!(
        view(&a).record.answer(&key).unwrap().notes[0].text,
        "编辑器里写的\n两行"
    );
}

#[test]
fn the_cursor_sits_at_the_caret_after_chinese_text() {
    let mut a = app();
    keys(&mut a, "n");
    keys(&mut a, "谈话");
    let mut t = render(&a, 80, 24);
    let pos = t.get_cursor_position().unwrap();
    let buf = t.backend().buffer().clone();
    // The two characters are just left of the cursor, each two cells wide.
    assert_eq!(buf[(pos.x - 4, pos.y)].symbol(), "谈");
    assert_eq!(buf[(pos.x - 2, pos.y)].symbol(), "话");
    keys(&mut a, "abc");
    let mut t = render(&a, 80, 24);
    let pos2 = t.get_cursor_position().unwrap();
    assert_eq!((pos2.x, pos2.y), (pos.x + 3, pos.y));
}

#[test]
fn ctrl_c_with_a_note_open_keeps_the_note() {
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "n");
    keys(&mut a, "谈话中记下的要点");
    assert_eq!(ctrl(&mut a, 'c'), vec![Effect::Quit]);
    // what the runtime does before its last save
    a.keep_drafts(fixed_time());
    assert_eq!(
        view(&a).record.answer(&key).unwrap().notes[0].text,
        "谈话中记下的要点"
    );
    assert!(view(&a).dirty);
    // an empty form keeps nothing and does not fail
    let mut b = app();
    keys(&mut b, "n");
    b.keep_drafts(fixed_time());
    assert!(view(&b).record.answers.is_empty());
}

#[test]
fn a_note_citing_an_unknown_source_keeps_it_when_edited() {
    let mut r = record(&catalog());
    let key = {
        let t = catalog();
        let first = t.templates().next().unwrap();
        crate::model::template::answer_key(&first.id, &first.sections[0].items[0].id)
    };
    r.answers
        .entry(key.clone())
        .or_default()
        .notes
        .push(crate::model::Note {
            id: 7,
            at: fixed_time(),
            source: "T99".into(),
            text: "手工导入的证据".into(),
            people: String::new(),
            figures: String::new(),
        });
    let mut a = app_with(r, None);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "e");
    keys(&mut a, "，补充");
    ctrl(&mut a, 's');
    let n = &view(&a).record.answer(&key).unwrap().notes[0];
    assert_eq!(n.text, "手工导入的证据，补充");
    assert_eq!(n.source, "T99");
}

#[test]
fn enter_in_a_discard_question_keeps_editing() {
    let mut a = app();
    keys(&mut a, "n");
    keys(&mut a, "要点");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Enter);
    assert!(matches!(&view(&a).overlay, Overlay::Form(f) if !f.confirming && f.form.changed()));
    ctrl(&mut a, 'b');
    assert_eq!(
        a.global,
        Global::Privacy,
        "privacy works while a question is open"
    );
}

#[test]
fn a_forced_exit_keeps_drafts_that_would_not_validate() {
    // a note with only people filled
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "n");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "财务处长");
    a.keep_drafts(fixed_time());
    assert_eq!(
        view(&a).record.answer(&key).unwrap().notes[0].people,
        "财务处长"
    );
    // a source with a bad time keeps its private reference
    let mut b = app();
    keys(&mut b, "sa");
    press(&mut b, KeyCode::Tab);
    press(&mut b, KeyCode::Tab);
    keys(&mut b, "与纪委书记谈话");
    press(&mut b, KeyCode::Tab);
    keys(&mut b, "昨天下午");
    b.keep_drafts(fixed_time());
    let s = &view(&b).record.sources[0];
    assert_eq!((s.reference.as_str(), s.at), ("与纪委书记谈话", None));
}

#[test]
fn pressing_the_same_status_twice_adds_no_undo_step() {
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "2");
    keys(&mut a, "2");
    keys(&mut a, "u");
    assert_eq!(view(&a).record.status(&key), Status::Unchecked);
}

#[test]
fn the_delete_question_names_the_note() {
    let mut a = app();
    keys(&mut a, "n");
    keys(&mut a, "要删除的那条");
    ctrl(&mut a, 's');
    keys(&mut a, "d");
    let shown = screen(&a, 100, 30);
    assert!(shown.contains("#1 要删除的那条"), "{shown}");
}

#[test]
fn the_selected_note_is_kept_in_view() {
    let mut a = app();
    for i in 0..8 {
        keys(&mut a, "n");
        keys(
            &mut a,
            &format!("第{i}条证据，记录较长的谈话内容以便占满几行详情区域的高度"),
        );
        ctrl(&mut a, 's');
    }
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "G");
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("#8 "),
        "the last note is on screen:\n{shown}"
    );
    // Walking up the notes brings each into view (g goes to the top of the text).
    keys(&mut a, "kkkkkkk");
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("#1 "),
        "the first note is on screen:\n{shown}"
    );
}
