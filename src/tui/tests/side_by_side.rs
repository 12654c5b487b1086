//! A disagreement's detail on the 覆盖 tab: each inspector's status, finding and notes in a
//! column of their own where the detail is wide enough, one under the other where it is not.

use crossterm::event::KeyCode;

use super::{App, keys, press, review_app, review_of, screen};
use crate::tui::review::Row;

/// The review with the demo's disagreement open in the full-screen detail.
fn disagreement_open() -> App {
    let mut a = review_app();
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    while !matches!(review_of(&a).selected_row(), Some(Row::Disagreement(_))) {
        keys(&mut a, "j");
    }
    press(&mut a, KeyCode::Enter);
    a
}

/// The names of the disagreement's inspectors, as their columns head them.
fn heads(a: &App) -> Vec<String> {
    let s = review_of(a);
    let Some(Row::Disagreement(d)) = s.selected_row() else {
        panic!("no disagreement selected")
    };
    s.review.disagreements[d]
        .verdicts
        .iter()
        .map(|v| format!("【{}】", s.review.records[v.record].inspector))
        .collect()
}

#[test]
fn wide_the_inspectors_stand_side_by_side_narrow_one_under_the_other() {
    let a = disagreement_open();
    let heads = heads(&a);
    assert!(heads.len() >= 2, "the demo's disagreement has two sides");
    let on_one_line = |shown: &str| {
        shown
            .lines()
            .any(|l| heads.iter().all(|h| l.contains(h.as_str())))
    };
    let wide = screen(&a, 160, 48);
    assert!(on_one_line(&wide), "side by side at 160 columns:\n{wide}");
    // the columns' gutter is at one place on every line that has it
    let gutters: Vec<usize> = wide
        .lines()
        .filter_map(|l| l.find(" | ").map(|i| crate::text::width(&l[..i])))
        .collect();
    assert!(gutters.len() > 3, "{wide}");
    assert!(
        gutters.iter().all(|g| *g == gutters[0]),
        "{gutters:?}\n{wide}"
    );
    // below the width the columns need: stacked, every side still there
    for (w, h) in [(80, 120), (100, 120)] {
        let narrow = screen(&a, w, h);
        assert!(!on_one_line(&narrow), "stacked at {w} columns:\n{narrow}");
        for head in &heads {
            assert!(narrow.contains(head.as_str()), "{head} at {w}:\n{narrow}");
        }
    }
    // the detail pane beside the list is narrower still: stacked there too
    let mut closed = disagreement_open();
    press(&mut closed, KeyCode::Esc);
    assert!(!on_one_line(&screen(&closed, 160, 48)));
}

#[test]
fn snapshot_disagreement_side_by_side_160x48() {
    insta::assert_snapshot!(screen(&disagreement_open(), 160, 48));
}

#[test]
fn snapshot_disagreement_stacked_80x24() {
    // at the end of the detail, where the inspectors' sides follow one another
    let mut a = disagreement_open();
    keys(&mut a, "G");
    insta::assert_snapshot!(screen(&a, 80, 24));
}
