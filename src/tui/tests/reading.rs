//! Reading long content and finding things on the inspect screen: scrolling that stops at the
//! last line, the help overlay, line breaks in a finding, filters over the whole record,
//! search by words and pinyin initials, and the finding form's checkbox.

use crossterm::event::{Event, KeyCode};

use super::{App, Pane, app, ctrl, fixed_time, keys, press, render, review_app, screen, view};
use crate::model::Status;
use crate::tui::app::Global;
use crate::tui::inspect::TreeRow;

/// The app with a note of `lines` numbered lines on the first item, focus on the detail pane.
fn long_note(lines: usize) -> App {
    let mut a = app();
    keys(&mut a, "n");
    let text: Vec<String> = (1..=lines).map(|i| format!("第{i}行证据")).collect();
    a.handle_event(Event::Paste(text.join("\n")), fixed_time());
    ctrl(&mut a, 's');
    press(&mut a, KeyCode::Tab);
    assert_eq!(view(&a).focus, Pane::Detail);
    a
}

fn row(shown: &str, y: usize) -> &str {
    shown.lines().nth(y).unwrap_or_default()
}

#[test]
fn pgdn_reaches_the_end_of_a_long_last_note_and_stops_there() {
    let mut a = long_note(30);
    for _ in 0..20 {
        render(&a, 80, 24);
        press(&mut a, KeyCode::PageDown);
    }
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("第30行证据"),
        "the note's last line:\n{shown}"
    );
    // The pane is full to its bottom: the last line is on the last row of the pane.
    let l = crate::tui::inspect::view::inspect_layout(
        ratatui::layout::Rect::new(0, 0, 80, 24),
        Default::default(),
    );
    let last_row = usize::from(l.detail.y + l.detail.height - 2);
    assert!(row(&shown, last_row).contains("第30行证据"), "{shown}");
    // One page up comes back into the text at once, not after pages of blank scrolling.
    press(&mut a, KeyCode::PageUp);
    let shown = screen(&a, 80, 24);
    assert!(
        !shown.contains("第30行证据") && shown.contains("第12行证据"),
        "{shown}"
    );
    // Leaving the pane leaves the text where it was, never blank.
    for _ in 0..5 {
        press(&mut a, KeyCode::PageDown);
        render(&a, 80, 24);
    }
    press(&mut a, KeyCode::BackTab);
    let shown = screen(&a, 80, 24);
    assert!(row(&shown, last_row).contains("第30行证据"), "{shown}");
}

#[test]
fn a_new_note_is_scrolled_into_view() {
    let mut a = app();
    for i in 0..8 {
        keys(&mut a, "n");
        keys(
            &mut a,
            &format!("第{i}条证据，较长的谈话内容，占满详情区域的几行高度。"),
        );
        ctrl(&mut a, 's');
        let shown = screen(&a, 80, 24);
        assert_eq!(view(&a).focus, Pane::Items);
        assert!(
            shown.contains(&format!("#{} ", i + 1)),
            "note {i}:\n{shown}"
        );
    }
}

#[test]
fn the_review_detail_stops_at_its_last_line() {
    let mut a = review_app();
    press(&mut a, KeyCode::Enter);
    for _ in 0..40 {
        render(&a, 60, 12);
        press(&mut a, KeyCode::PageDown);
    }
    let shown = screen(&a, 60, 12);
    // The overlay's last text row (above its bottom border) still holds text.
    let inner = row(&shown, 9);
    assert!(
        inner.chars().skip(2).take(50).any(|c| !c.is_whitespace()),
        "the overlay is not blank:\n{shown}"
    );
    let top = super::review_of(&a)
        .detail
        .as_ref()
        .map(crate::tui::scroll::Scroll::top);
    press(&mut a, KeyCode::PageUp);
    render(&a, 60, 12);
    let up = super::review_of(&a)
        .detail
        .as_ref()
        .map(crate::tui::scroll::Scroll::top);
    assert!(top.unwrap_or(0) > 0 && up < top, "{top:?} {up:?}");
}

#[test]
fn the_help_scrolls_stops_at_its_end_and_leaves_the_status_bar() {
    let mut a = app();
    let before = screen(&a, 80, 24);
    keys(&mut a, "?");
    assert_eq!(a.global, Global::Help);
    let shown = screen(&a, 80, 24);
    assert_eq!(row(&shown, 22), row(&before, 22), "the status bar stays");
    assert_eq!(row(&shown, 23), row(&before, 23), "the footer stays");
    press(&mut a, KeyCode::Char(' '));
    assert!(a.help_scroll.top() > 0, "Space pages");
    keys(&mut a, "G");
    let end = screen(&a, 80, 24);
    assert!(end.contains("编辑框内"), "the last help line:\n{end}");
    let top = a.help_scroll.top();
    for _ in 0..5 {
        press(&mut a, KeyCode::PageDown);
        render(&a, 80, 24);
    }
    assert_eq!(a.help_scroll.top(), top, "stops at its end");
    keys(&mut a, "g");
    assert_eq!(a.help_scroll.top(), 0);
    press(&mut a, KeyCode::PageDown);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(a.help_scroll.top(), 0);
}

#[test]
fn a_finding_typed_on_two_lines_shows_its_line_break() {
    let mut a = app();
    keys(&mut a, "2f");
    keys(&mut a, "标题");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "甲事项未上会");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "乙事项未公示");
    ctrl(&mut a, 's');
    let shown = screen(&a, 120, 40);
    assert!(
        shown.contains("甲事项未上会") && shown.contains("乙事项未公示"),
        "{shown}"
    );
    assert!(
        !shown
            .lines()
            .any(|l| l.contains("甲事项未上会") && l.contains("乙事项未公示")),
        "two lines, not one:\n{shown}"
    );
}

#[test]
fn the_tree_starts_with_every_checklist() {
    let mut a = app();
    assert_eq!(view(&a).tree[0], TreeRow::All);
    assert!(matches!(
        view(&a).tree[view(&a).tree_sel],
        TreeRow::Section(..)
    ));
    keys(&mut a, "hg");
    let total: usize = view(&a).templates.iter().map(|t| t.item_count()).sum();
    assert_eq!(view(&a).entries().len(), total);
    assert!(screen(&a, 80, 24).contains("全部清单"));
}

#[test]
fn the_problems_filter_covers_the_whole_record_and_marks_empty_findings() {
    let mut a = app();
    keys(&mut a, "2");
    let problem = super::selected_key(&a);
    // Another checklist: the next template's first section.
    let v = view(&a);
    let other = v
        .tree
        .iter()
        .position(|r| matches!(r, TreeRow::Section(1, 0)))
        .unwrap();
    let here = v.tree_sel;
    keys(&mut a, "h");
    for _ in here..other {
        keys(&mut a, "j");
    }
    keys(&mut a, "l3");
    let doubt = super::selected_key(&a);
    assert_ne!(problem.split('/').next(), doubt.split('/').next());
    keys(&mut a, "vv");
    let v = view(&a);
    let shown: Vec<String> = v.entries().iter().map(|e| v.key_of(e)).collect();
    assert_eq!(shown, vec![problem.clone(), doubt.clone()]);
    assert!(
        screen(&a, 120, 40).contains("未写问题"),
        "empty findings are marked"
    );
    // Written: the mark goes.
    keys(&mut a, "f");
    keys(&mut a, "问题标题");
    ctrl(&mut a, 's');
    let shown = screen(&a, 120, 40);
    assert_eq!(shown.matches("未写问题").count(), 1, "{shown}");
    // Esc clears the filter and keeps the cursor on the item.
    let here = super::selected_key(&a);
    press(&mut a, KeyCode::Esc);
    assert_eq!(super::selected_key(&a), here);
    assert!(
        view(&a).entries().len() < 30,
        "back in the item's own section"
    );
}

#[test]
fn search_takes_words_moves_while_typing_and_esc_keeps_the_item() {
    let mut a = app();
    keys(&mut a, "/");
    // 三重一大: 重 reads zhòng and chóng, and either finds it.
    keys(&mut a, "szyd");
    let v = view(&a);
    let n = v.entries().len();
    assert!(n >= 2, "pinyin initials find 三重一大: {n}");
    let texts = |e| {
        let item = v.item_of(e).unwrap();
        format!("{}{}", item.text, item.guide)
    };
    assert!(v.entries().iter().all(|e| texts(e).contains("三重一大")));
    let zhong: Vec<_> = v.entries();
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "/");
    keys(&mut a, "scyd");
    let chong = view(&a).entries();
    assert!(
        zhong.iter().all(|e| chong.contains(e)),
        "either reading of 重"
    );
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "/");
    keys(&mut a, "szyd");
    press(&mut a, KeyCode::Down);
    assert_eq!(view(&a).item_sel, 1, "Down moves through the results");
    press(&mut a, KeyCode::Up);
    assert_eq!(view(&a).item_sel, 0, "and Up back");
    press(&mut a, KeyCode::Down);
    assert_eq!(view(&a).search, "szyd", "and the search line stays open");
    let found = super::selected_key(&a);
    press(&mut a, KeyCode::Esc);
    assert!(view(&a).search.is_empty());
    assert_eq!(
        super::selected_key(&a),
        found,
        "Esc keeps the cursor on the item found"
    );

    // Several words must all match.
    keys(&mut a, "/");
    keys(&mut a, "三重一大 集体");
    let both = view(&a).entries().len();
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "/");
    keys(&mut a, "三重一大 集体 不存在的词");
    assert!(both > 0);
    assert_eq!(view(&a).entries().len(), 0, "every word must match");
}

#[test]
fn pinyin_initials_find_a_note() {
    let mut a = app();
    keys(&mut a, "n");
    keys(&mut a, "列席党委会，议题未提前发");
    ctrl(&mut a, 's');
    let key = super::selected_key(&a);
    keys(&mut a, "/");
    keys(&mut a, "dwh");
    let v = view(&a);
    let found: Vec<String> = v.entries().iter().map(|e| v.key_of(e)).collect();
    assert!(found.contains(&key), "{found:?}");
}

#[test]
fn the_finding_checkbox_toggles_with_enter_and_letters_stay_out() {
    let mut a = app();
    keys(&mut a, "2f");
    for _ in 0..6 {
        press(&mut a, KeyCode::Tab);
    }
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "xyz");
    ctrl(&mut a, 's');
    let v = view(&a);
    let key = super::selected_key(&a);
    let f = v.record.answer(&key).unwrap().finding.clone().unwrap();
    assert!(f.transfer, "Enter ticked the checkbox and Ctrl+S kept it");
    assert_eq!(f.feedback_text, None, "no letters landed in the next field");
    assert_eq!(v.record.status(&key), Status::Problem);
}
