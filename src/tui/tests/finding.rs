//! The finding form on the inspect screen: it needs a 发现问题 status, keeps every field, edits
//! the worksheet fields (people, responsibility, basis) and names the receiver of a clue.

use crossterm::event::KeyCode;

use super::{App, app, ctrl, keys, press, screen, selected_key, view};
use crate::tui::app::Screen;
use crate::tui::inspect::Overlay;

#[test]
fn the_finding_form_needs_a_problem_status_and_keeps_every_field() {
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "f");
    assert!(view(&a).message.as_ref().unwrap().0.contains("发现问题"));
    keys(&mut a, "2f");
    keys(&mut a, "议事规则未执行");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "2025年3次临时动议决定200万元采购");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "院长");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "200万元");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "三重一大制度");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right); // first of the 三大问题
    press(&mut a, KeyCode::Tab);
    keys(&mut a, " ");
    // past the receiver the tick shows (待定: no department name to fill in)
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "有的班子成员以临时动议决定大额采购");
    ctrl(&mut a, 's');
    let f = finding_of(&a, &key);
    assert_eq!(f.title, "议事规则未执行");
    assert_eq!(f.statement, "2025年3次临时动议决定200万元采购");
    assert_eq!(
        (f.people.as_str(), f.figures.as_str(), f.basis.as_str()),
        ("院长", "200万元", "三重一大制度")
    );
    assert_eq!(f.category, Some(crate::model::Category::Leadership));
    assert!(f.transfer);
    assert_eq!(f.receiver, None);
    assert_eq!(
        f.feedback_text.as_deref(),
        Some("有的班子成员以临时动议决定大额采购")
    );
}

#[test]
fn the_finding_form_edits_the_worksheet_fields() {
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "2f");
    keys(&mut a, "议事规则未执行");
    // past statement, people, figures, basis, category, transfer, feedback wording
    for _ in 0..8 {
        press(&mut a, KeyCode::Tab);
    }
    keys(&mut a, "三轮-计算机-007");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "谈话中反映，调阅会议记录核实");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right); // 直接责任
    press(&mut a, KeyCode::Tab);
    keys(&mut a, " ");
    ctrl(&mut a, 's');
    let f = finding_of(&a, &key);
    assert_eq!(f.title, "议事规则未执行");
    assert_eq!(f.number, "三轮-计算机-007");
    assert_eq!(f.process, "谈话中反映，调阅会议记录核实");
    assert_eq!(f.responsibility, Some(crate::model::Responsibility::Direct));
    assert!(f.leading_cadre);
    // opened again and saved unchanged: every field is kept
    keys(&mut a, "f");
    ctrl(&mut a, 's');
    let again = finding_of(&a, &key);
    assert_eq!(again, f);
}

#[test]
fn the_finding_form_names_the_receiver_of_a_clue_and_undo_takes_it_back() {
    use crate::model::Receiver;
    use crate::tui::inspect::FindingField;
    let form_of = |a: &App| match &view(a).overlay {
        Overlay::Form(f) => (
            f.form.is_shown(FindingField::Receiver),
            f.form.is_shown(FindingField::ReceiverName),
        ),
        _ => panic!("no form"),
    };
    let finding = |a: &App, key: &str| view(a).record.answer(key).unwrap().finding.clone().unwrap();
    let mut a = app();
    let key = selected_key(&a);
    keys(&mut a, "2f");
    keys(&mut a, "资产处置未经审批");
    assert_eq!(form_of(&a), (false, false), "no receiver before the tick");
    // past statement, people, figures, basis, category to the transfer tick
    for _ in 0..6 {
        press(&mut a, KeyCode::Tab);
    }
    keys(&mut a, " ");
    assert_eq!(
        form_of(&a),
        (true, false),
        "the receiver, no department yet"
    );
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Right); // 纪委（纪检监察机构）
    ctrl(&mut a, 's');
    let f = finding(&a, &key);
    assert!(f.transfer);
    assert_eq!(
        (f.receiver, f.receiver_name.as_str()),
        (Some(Receiver::Discipline), "")
    );
    let shown = screen(&a, 160, 48);
    assert!(
        shown.contains("线索移交：[x]  接收单位：纪委（纪检监察机构）"),
        "{shown}"
    );
    // Again: a named 职能部门.
    keys(&mut a, "f");
    for _ in 0..7 {
        press(&mut a, KeyCode::Tab);
    }
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right); // 职能部门
    assert_eq!(form_of(&a), (true, true), "the department's name asked for");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "国有资产管理处");
    ctrl(&mut a, 's');
    let f = finding(&a, &key);
    assert_eq!(
        (f.receiver, f.receiver_name.as_str()),
        (Some(Receiver::Department), "国有资产管理处")
    );
    let shown = screen(&a, 160, 48);
    assert!(shown.contains("接收单位：国有资产管理处"), "{shown}");
    // One save, one undo step: back to 纪委 with no name; redo brings the department back.
    keys(&mut a, "u");
    let f = finding(&a, &key);
    assert_eq!(
        (f.receiver, f.receiver_name.as_str()),
        (Some(Receiver::Discipline), "")
    );
    ctrl(&mut a, 'r');
    let f = finding(&a, &key);
    assert_eq!(
        (f.receiver, f.receiver_name.as_str()),
        (Some(Receiver::Department), "国有资产管理处")
    );
    // The form opens on what is saved; no longer a clue: no receiver kept.
    keys(&mut a, "f");
    assert_eq!(form_of(&a), (true, true));
    for _ in 0..6 {
        press(&mut a, KeyCode::Tab);
    }
    keys(&mut a, " ");
    assert_eq!(form_of(&a), (false, false));
    ctrl(&mut a, 's');
    let f = finding(&a, &key);
    assert!(!f.transfer);
    assert_eq!((f.receiver, f.receiver_name.as_str()), (None, ""));
    // English labels
    let mut en = app();
    if let Screen::Inspect(v) = &mut en.screen {
        v.lang = crate::i18n::Lang::En;
        v.record = view(&a).record.clone();
        v.record.answers.get_mut(&key).unwrap().finding = Some(crate::model::Finding {
            transfer: true,
            receiver: Some(Receiver::Organization),
            ..crate::model::Finding::default()
        });
    }
    let shown = screen(&en, 160, 48);
    assert!(
        shown.contains("Transfer: [x]  Receiver: organisation department"),
        "{shown}"
    );
}

/// The label of the focused field of the open form.
fn focused_label(a: &App) -> String {
    match &view(a).overlay {
        Overlay::Form(f) => f.form.fields[f.form.focus].label.clone(),
        _ => panic!("no form open"),
    }
}

#[test]
fn the_finding_form_keeps_the_focused_field_in_view_on_a_small_terminal() {
    let mut a = app();
    keys(&mut a, "2f");
    let first = screen(&a, 60, 15);
    assert!(first.contains("标题"), "{first}");
    assert!(!first.contains("涉及领导干部"), "{first}");
    // Tab through every field shown, drawing each time as the terminal does: each focused
    // field is on screen
    for _ in 0..11 {
        press(&mut a, KeyCode::Tab);
        let label = focused_label(&a);
        let shown = screen(&a, 60, 15);
        assert!(shown.contains(&label), "{label} not in view:\n{shown}");
    }
    assert_eq!(focused_label(&a), "涉及领导干部");
    keys(&mut a, " ");
    // the last field, ticked, in view; the scrollbar on the right border says where
    insta::assert_snapshot!(screen(&a, 60, 15));
    // on round to the first field: the form is back at its top
    press(&mut a, KeyCode::Tab);
    assert_eq!(focused_label(&a), "标题");
    assert!(screen(&a, 60, 15).contains("标题"));
}

/// The finding on item `key` of the record on screen.
fn finding_of(a: &App, key: &str) -> crate::model::Finding {
    view(a)
        .record
        .answer(key)
        .and_then(|answer| answer.finding.clone())
        .unwrap()
}
