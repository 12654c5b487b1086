//! The 三看 looks, which are rolled up and never counted: by their states in the inspect
//! screen's tree (never `0/0`), and under each unit in the review's 进度 tab. A look takes no
//! answer of its own: every key that would write one on it is refused.

use crossterm::event::KeyCode;

use super::{
    App, app_with, catalog, keys, press, record, review_app, review_app_in, review_of, screen,
    selected_key, view,
};
use crate::model::template::roll_up;
use crate::model::{Finding, Record, Status};
use crate::tui::app::Screen;
use crate::tui::inspect::{Overlay, TreeRow};
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

/// The line of the 160×40 screen that holds `needle`.
fn line_with(a: &App, needle: &str) -> String {
    let shown = screen(a, 160, 40);
    shown
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}:\n{shown}"))
        .to_string()
}

const LOOK: &str = "sankan/look-leadership";
/// An item 一看 rests on.
const UNDER: &str = "sankan/rules-of-procedure";
const REFUSED: &str = "此项由所列明细检查项汇总，不单独作答，请在明细项上记录";

/// The inspect screen on `r` with the look 一看 selected.
fn on_first_look(r: Record) -> App {
    let mut a = app_with(r, None);
    let row = view(&a)
        .tree
        .iter()
        .position(|r| matches!(r, TreeRow::Section(0, 1)))
        .unwrap();
    if let Screen::Inspect(v) = &mut a.screen {
        v.tree_sel = row;
        v.item_sel = 0;
    }
    assert_eq!(selected_key(&a), LOOK);
    a
}

/// Select the item with answer key `key` through the tree and the list.
fn select(a: &mut App, key: &str) {
    let Screen::Inspect(v) = &mut a.screen else {
        panic!("not on the inspect screen");
    };
    for row in 0..v.tree.len() {
        v.tree_sel = row;
        for item in 0..v.entries().len() {
            v.item_sel = item;
            if v.selected_entry().is_some_and(|e| v.key_of(&e) == key) {
                return;
            }
        }
    }
    panic!("{key} is not in the tree");
}

/// A record with a note on the look, as an earlier version let one be written.
fn with_a_note_on_the_look() -> Record {
    let mut r = record(&catalog());
    r.answers
        .entry(LOOK.into())
        .or_default()
        .notes
        .push(crate::testing::note(
            1,
            "",
            "旧版本记在三看上的证据",
            "",
            "",
        ));
    r
}

#[test]
fn every_key_that_would_answer_a_look_is_refused_with_one_sentence() {
    let r = with_a_note_on_the_look();
    // the five status keys, a new note, editing the note, the finding; and 2 then f
    for typed in ["1", "2", "3", "4", "0", "n", "e", "f", "2f"] {
        let mut a = on_first_look(r.clone());
        keys(&mut a, typed);
        let v = view(&a);
        assert_eq!(
            v.message.as_ref().map(|m| m.0.as_str()),
            Some(REFUSED),
            "{typed}"
        );
        assert!(matches!(v.overlay, Overlay::None), "{typed}: a form opened");
        assert_eq!(v.record, r, "{typed}: the record changed");
        assert_eq!(v.history_size().0, (0, 0), "{typed}");
        assert_eq!(selected_key(&a), LOOK, "{typed}");
    }
    // the same in English
    let mut a = on_first_look(r.clone());
    if let Screen::Inspect(v) = &mut a.screen {
        v.lang = crate::i18n::Lang::En;
    }
    keys(&mut a, "n");
    assert_eq!(
        view(&a).message.as_ref().map(|m| m.0.as_str()),
        Some("Rolled up from the items it lists: answer those items instead")
    );
}

#[test]
fn a_note_an_earlier_version_wrote_on_a_look_is_shown_and_may_be_deleted() {
    let mut a = on_first_look(with_a_note_on_the_look());
    let shown = screen(&a, 160, 60);
    assert!(shown.contains("旧版本记在三看上的证据"), "{shown}");
    keys(&mut a, "dy");
    assert!(
        view(&a)
            .record
            .answer(LOOK)
            .is_none_or(|x| x.notes.is_empty())
    );
    keys(&mut a, "u");
    assert_eq!(view(&a).record.answer(LOOK).unwrap().notes.len(), 1);
}

#[test]
fn a_look_never_says_its_finding_is_unwritten() {
    // the item it rests on is 发现问题 with its finding written: the look rolls up to 发现问题
    let mut r = record(&catalog());
    let under = r.answers.entry(UNDER.into()).or_default();
    under.status = Status::Problem;
    under.finding = Some(Finding {
        title: "议事规则未执行".into(),
        ..Finding::default()
    });
    let a = on_first_look(r.clone());
    let row = line_with(&a, "[!] 一看：领导班子");
    assert!(!row.contains("未写问题"), "{row}");
    // the item's finding not written yet: the item says so, the look still does not
    r.answers.get_mut(UNDER).unwrap().finding = None;
    let a = on_first_look(r);
    let row = line_with(&a, "[!] 一看：领导班子");
    assert!(!row.contains("未写问题"), "{row}");
    let mut a = a;
    select(&mut a, UNDER);
    let shown = screen(&a, 160, 40);
    assert!(shown.contains("未写问题"), "{shown}");
}

#[test]
fn the_reviews_detail_of_a_look_lists_notes_written_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let record = with_a_note_on_the_look();
    let inspector = record.inspector.clone();
    crate::store::save_record(&dir.path().join("a.toml"), &record).unwrap();
    let mut a = review_app_in(dir.path(), crate::i18n::Lang::Zh);
    let rows = review_of(&a).rows();
    let at = rows
        .iter()
        .position(|r| match r {
            Row::Look { unit, look } => {
                review_of(&a).review.units[*unit].looks[*look].item.key == LOOK
            }
            _ => false,
        })
        .expect("the look is listed");
    for _ in 0..at {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    let detail = screen(&a, 160, 48);
    assert!(detail.contains("旧版本记在三看上的证据"), "{detail}");
    assert!(detail.contains(&inspector), "{detail}");
    // a look nobody wrote on shows no evidence heading
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let other = screen(&a, 160, 48);
    assert!(!other.contains("旧版本记在三看上的证据"), "{other}");
}

#[test]
fn the_footer_does_not_offer_what_a_look_refuses() {
    use crate::tui::keymap::Action;
    let lang = crate::i18n::Lang::Zh;
    let footer = |a: &App| {
        let shown = screen(a, 160, 48);
        shown.lines().last().unwrap_or_default().to_string()
    };
    let offered = [
        crate::i18n::ui::ui(lang).set_status,
        Action::AddNote.describe(lang),
        Action::EditFinding.describe(lang),
    ];
    let mut a = on_first_look(record(&catalog()));
    let on_look = footer(&a);
    for what in offered {
        assert!(!on_look.contains(what), "{what}: {on_look}");
    }
    assert!(on_look.contains(Action::Search.describe(lang)), "{on_look}");
    select(&mut a, UNDER);
    let on_item = footer(&a);
    for what in offered {
        assert!(on_item.contains(what), "{what}: {on_item}");
    }
}
