//! The 三看 looks, which are rolled up and never counted: by their states in the inspect
//! screen's tree (never `0/0`), and under each unit in the review's 进度 tab.

use crossterm::event::KeyCode;

use super::{app_with, catalog, keys, press, record, review_app, review_of, screen};
use crate::model::Status;
use crate::model::template::roll_up;
use crate::tui::review::{Row, Tab};

#[test]
fn the_trees_looks_section_shows_rolled_up_states_not_a_count() {
    let catalog = catalog();
    let mut r = record(&catalog);
    r.answers
        .entry("zhengzhi-jilv/first-topic".into())
        .or_default()
        .status = Status::Problem;
    let a = app_with(r, None);
    let shown = screen(&a, 160, 40);
    let row = shown
        .lines()
        .find(|l| l.contains("三看（由明细"))
        .unwrap_or_else(|| panic!("no looks section in the tree:\n{shown}"));
    assert!(!row.contains("0/0"), "{row}");
    // 一看 and 二看 not checked yet, 三看 rests on first-topic: 发现问题
    assert!(row.contains("[ ][ ][!]"), "{row}");
    // the detail of 三看 lists what it rests on by text, each with this record's state
    let mut a = a;
    let row = super::view(&a)
        .tree
        .iter()
        .position(|r| matches!(r, crate::tui::inspect::TreeRow::Section(0, 1)))
        .unwrap();
    if let crate::tui::app::Screen::Inspect(v) = &mut a.screen {
        v.tree_sel = row;
        v.item_sel = 2;
    }
    let detail = screen(&a, 160, 60);
    assert!(detail.contains("汇总自以下检查项"), "{detail}");
    assert!(
        detail.contains("[!] 政治纪律 是否落实「第一议题」制度"),
        "{detail}"
    );
    assert!(!detail.contains("· zhengzhi-jilv/first-topic"), "{detail}");
    // the checklist row of 三看 counts its own checks only
    let own = shown
        .lines()
        .find(|l| l.contains("三看") && !l.contains("三看（"))
        .unwrap();
    assert!(own.contains("0/6"), "{own}");
}

#[test]
fn the_progress_tab_lists_each_units_looks_with_their_rolled_up_state() {
    let mut a = review_app();
    assert_eq!(review_of(&a).tab, Tab::Progress);
    let rows = review_of(&a).rows();
    let review = &review_of(&a).review;
    for (u, unit) in review.units.iter().enumerate() {
        assert_eq!(unit.looks.len(), 3, "{}", unit.key.unit);
        let looks: Vec<usize> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Look { unit, look } if *unit == u => Some(*look),
                _ => None,
            })
            .collect();
        assert_eq!(looks, [0, 1, 2], "{}", unit.key.unit);
        for look in &unit.looks {
            // the state shown is the roll-up of the states of what it rests on
            assert_eq!(look.status, roll_up(look.refs.iter().map(|(_, s)| *s)));
            assert!(look.refs.len() >= 5);
        }
    }
    // the list shows each look by its head and its state
    let shown = screen(&a, 160, 48);
    assert!(shown.contains("一看：领导班子是否坚强有力"), "{shown}");
    // the detail of a look: the look, the unit, and what it rests on with each state
    let at = rows
        .iter()
        .position(|r| matches!(r, Row::Look { look: 2, .. }))
        .unwrap();
    for _ in 0..at {
        press(&mut a, KeyCode::Down);
    }
    let Some(Row::Look { unit, look }) = review_of(&a).selected_row() else {
        panic!("not on a look");
    };
    let l = &review_of(&a).review.units[unit].looks[look];
    let (status, first) = (l.status, l.refs[0].0.item_text.clone());
    press(&mut a, KeyCode::Enter);
    let detail = screen(&a, 160, 48);
    assert!(detail.contains("汇总自以下检查项"), "{detail}");
    assert!(detail.contains("三看：是否贯彻落实"), "{detail}");
    assert!(
        detail.contains(status.label(crate::i18n::Lang::Zh)),
        "{detail}"
    );
    let start: String = first.chars().take(8).collect();
    assert!(detail.contains(&start), "{detail}");
    press(&mut a, KeyCode::Esc);
    // a unit's own detail lists its looks too
    keys(&mut a, "g");
    let unit_detail = screen(&a, 160, 48);
    assert!(unit_detail.contains("【三看】"), "{unit_detail}");
}
