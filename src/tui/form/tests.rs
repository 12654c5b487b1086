use super::*;
use crate::tui::theme::Theme;
use crossterm::event::KeyModifiers;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[derive(Debug, Clone, Copy)]
enum F {
    Text,
    People,
    Kind,
    Transfer,
}

impl FieldName for F {
    fn id(self) -> usize {
        self as usize
    }
}

#[test]
fn typing_pasting_and_change_detection() {
    // Listed in another order than the names: values are found by name.
    let mut f = Form::new(
        "t",
        vec![
            (F::Text, Field::multiline("正文", "已有")),
            (F::People, Field::text("人员", "")),
            (
                F::Kind,
                Field::choice("类", vec!["甲".into(), "乙".into()], 0),
            ),
            (F::Transfer, Field::toggle("移交", false)),
        ],
    );
    assert!(!f.changed());
    f.input(key('，'));
    f.paste("第一行\r\n第二行\r第三行");
    assert_eq!(f.text(F::Text), "已有，第一行\n第二行\n第三行");
    f.next_field();
    f.paste("张某\r\n李某");
    assert!(f.is_focused(F::People));
    assert_eq!(f.text(F::People), "张某 李某");
    f.next_field();
    f.input(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    assert_eq!(f.choice(F::Kind), 1);
    f.next_field();
    f.input(key(' '));
    assert!(f.toggle(F::Transfer));
    assert_eq!(f.text(F::Kind), "", "not a text field");
    assert!(f.changed());
}

#[test]
fn space_and_enter_toggle_a_checkbox_and_stray_letters_stay_out() {
    let mut f = Form::new(
        "t",
        vec![
            (F::Transfer, Field::toggle("移交", false)),
            (F::Text, Field::multiline("反馈稿", "")),
        ],
    );
    f.input(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(f.toggle(F::Transfer), "Enter toggles");
    assert!(
        f.is_focused(F::Transfer),
        "Enter does not move on from a checkbox"
    );
    f.input(key(' '));
    assert!(!f.toggle(F::Transfer), "Space toggles back");
    for c in "abc是".chars() {
        f.input(key(c));
    }
    assert!(f.is_focused(F::Transfer));
    assert_eq!(
        f.text(F::Text),
        "",
        "letters typed on a checkbox land nowhere"
    );
    assert!(!f.toggle(F::Transfer));
}

#[test]
fn a_field_shown_on_a_condition_is_passed_over_while_it_does_not_hold() {
    // 移交 ticks in 类 (a choice), whose second option asks for 人员.
    let mut f = Form::new(
        "t",
        vec![
            (F::Transfer, Field::toggle("移交", false)),
            (
                F::Kind,
                Field::choice("类", vec!["甲".into(), "乙".into()], 0).when_on(F::Transfer),
            ),
            (F::People, Field::text("人员", "").when_chosen(F::Kind, 1)),
            (F::Text, Field::multiline("正文", "")),
        ],
    );
    assert!(!f.is_shown(F::Kind) && !f.is_shown(F::People));
    f.next_field();
    assert!(f.is_focused(F::Text), "both hidden fields passed over");
    f.prev_field();
    assert!(f.is_focused(F::Transfer));
    f.input(key(' '));
    assert!(f.is_shown(F::Kind) && !f.is_shown(F::People));
    f.next_field();
    assert!(f.is_focused(F::Kind));
    f.input(key('l'));
    assert!(f.is_shown(F::People), "shown for the second option");
    f.next_field();
    f.paste("张某");
    assert_eq!(f.text(F::People), "张某");
    // untick: the choice hides, and with it the field that hangs on it; values kept
    f.prev_field();
    f.prev_field();
    f.input(key(' '));
    assert!(!f.is_shown(F::Kind) && !f.is_shown(F::People));
    assert_eq!(
        (f.choice(F::Kind), f.text(F::People)),
        (1, "张某".to_string())
    );
    f.prev_field();
    assert!(f.is_focused(F::Text), "backwards too");
}

#[test]
fn enter_in_a_single_line_field_moves_on() {
    let mut f = Form::new(
        "t",
        vec![
            (F::Text, Field::text("a", "x")),
            (F::People, Field::text("b", "")),
        ],
    );
    f.input(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(f.is_focused(F::People));
    assert_eq!(f.text(F::Text), "x");
}

/// Fields named by their position, for a form of any length.
#[derive(Debug, Clone, Copy)]
struct Nth(usize);

impl FieldName for Nth {
    fn id(self) -> usize {
        self.0
    }
}

/// `form` drawn on a `w`×`h` terminal, as text (a double-width character once).
fn drawn(form: &Form, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| form.render(f, f.area(), &Theme::new(true), "Tab"))
        .unwrap();
    crate::tui::tests::buffer_text(t.backend().buffer(), w, h)
}

#[test]
fn a_form_taller_than_its_box_scrolls_to_keep_the_focused_field_in_view() {
    let mut f = Form::new(
        "t",
        (0..12)
            .map(|i| {
                let label = format!("字段{i:02}");
                let field = match i % 3 {
                    0 => Field::text(&label, ""),
                    1 => Field::multiline(&label, "甲\n乙\n丙\n丁"),
                    _ => Field::toggle(&label, false),
                };
                (Nth(i), field)
            })
            .collect(),
    );
    let first = drawn(&f, 40, 10);
    assert!(
        first.contains("字段00") && !first.contains("字段11"),
        "{first}"
    );
    // the scrollbar's thumb on the right border: there is more below
    assert!(first.contains('┃'), "{first}");
    for i in 1..12 {
        f.next_field();
        let shown = drawn(&f, 40, 10);
        assert!(shown.contains(&format!("字段{i:02}")), "{i}:\n{shown}");
    }
    // and back up, one field at a time
    for i in (0..11).rev() {
        f.prev_field();
        let shown = drawn(&f, 40, 10);
        assert!(shown.contains(&format!("字段{i:02}")), "{i}:\n{shown}");
    }
    // a form that fits has no scrollbar
    let small = Form::new("t", vec![(Nth(0), Field::text("字段00", ""))]);
    assert!(!drawn(&small, 40, 10).contains('┃'));
}

/// A remembered value is replaced by what is typed, pasted or erased, never added to; a move
/// keeps it and ends its selection, so typing after the move adds to it as in any field.
#[test]
fn a_remembered_value_is_replaced_not_added_to() {
    let form = || {
        Form::new(
            "签审",
            vec![(F::People, Field::remembered("签名人", "王立新"))],
        )
    };
    let mut f = form();
    for c in "王组长".chars() {
        f.input(key(c));
    }
    assert_eq!(f.text(F::People), "王组长");
    let mut f = form();
    f.paste("李副组长");
    assert_eq!(f.text(F::People), "李副组长");
    let mut f = form();
    f.input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    assert_eq!(f.text(F::People), "");
    let mut f = form();
    f.input(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    f.input(key('x'));
    assert_eq!(f.text(F::People), "王立x新");
    // kept as it is when nothing is typed
    assert_eq!(form().text(F::People), "王立新");
    assert!(!form().changed());
}
