//! The home screen: the record list by unit and round, the new-record form (drafts, unit
//! type, checklists, duplicates) and moving a record to the trash.

use crossterm::event::KeyCode;

use super::{App, ctrl, keys, keys_effects, press, screen};
use crate::i18n::Lang;
use crate::model::Timestamp;
use crate::tui::app::Screen;
use crate::tui::effect::Effect;
use crate::tui::home::{Home, HomeRow};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

fn home_app(rows: Vec<HomeRow>) -> App {
    let mut h = Home::new(
        Lang::Zh,
        "/home/inspector/.local/share/xuncha".into(),
        vec![
            ("sankan".into(), "三看".into(), true),
            ("baxiang-guiding".into(), "中央八项规定精神".into(), true),
        ],
        Default::default(),
    );
    h.set_rows(
        rows,
        vec![("坏.toml".into(), "坏.toml:2:9: expected `\"`".into())],
    );
    App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Home(Box::new(h)),
    )
}

#[test]
fn snapshot_home_first_run() {
    let mut h = Home::new(Lang::Zh, "/data".into(), vec![], Default::default());
    h.set_rows(vec![], vec![]);
    let a = App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Home(Box::new(h)),
    );
    insta::assert_snapshot!(screen(&a, 80, 24));
}

fn home_row(unit: &str, round: &str, hour: u32) -> HomeRow {
    HomeRow {
        path: format!("/d/{round}_{unit}_张三.toml").into(),
        unit: unit.into(),
        round: round.into(),
        group: "第二巡察组".into(),
        inspector: "张三".into(),
        done: 10,
        total: 70,
        updated: Timestamp(
            chrono::DateTime::parse_from_rfc3339(&format!("2026-11-26T{hour:02}:00:00+08:00"))
                .unwrap(),
        ),
    }
}

/// By unit, then round (not by time); each row names its group and its file, and the
/// selected one's whole path is on the status line.
#[test]
fn home_lists_by_unit_and_round_opens_and_creates() {
    let mut a = home_app(vec![
        home_row("计算机学院", "第四轮", 8),
        home_row("外国语学院", "第三轮", 9),
        home_row("计算机学院", "第三轮", 11),
    ]);
    insta::assert_snapshot!(screen(&a, 120, 24));
    let shown = screen(&a, 120, 24);
    let order: Vec<usize> = [
        "│外国语学院",
        "第三轮_计算机学院_张三.toml",
        "第四轮_计算机学院_张三.toml",
    ]
    .iter()
    .map(|r| shown.find(r).unwrap_or_else(|| panic!("{r}\n{shown}")))
    .collect();
    assert!(order.is_sorted(), "{shown}");
    assert!(shown.contains("第二巡察组") && shown.contains("第三轮_外国语学院_张三.toml"));
    assert!(
        shown.contains("文件：/d/第三轮_外国语学院_张三.toml"),
        "{shown}"
    );
    keys(&mut a, "j");
    assert_eq!(
        press(&mut a, KeyCode::Enter),
        vec![Effect::Open("/d/第三轮_计算机学院_张三.toml".into())]
    );
    keys(&mut a, "n");
    keys(&mut a, "后勤管理处");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "第三轮");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 's');
    // inspector missing: the form stays with a message
    assert!(matches!(&a.screen, Screen::Home(h) if h.form.is_some() && h.message.is_some()));
    keys(&mut a, "李四");
    press(&mut a, KeyCode::Tab); // the unit type, left unsaid
    press(&mut a, KeyCode::Tab);
    keys(&mut a, " "); // untick 三看
    let effects = ctrl(&mut a, 's');
    match &effects[..] {
        [Effect::Create(n)] => {
            assert_eq!(
                (n.unit.as_str(), n.round.as_str(), n.inspector.as_str()),
                ("后勤管理处", "第三轮", "李四")
            );
            assert_eq!(n.checklists, vec!["baxiang-guiding".to_string()]);
            assert_eq!(n.unit_type, None);
        }
        other => panic!("{other:?}"),
    }
}

/// A new-record form half filled in when the program is ended is what it offers next time
/// (the runtime writes `draft()` to `last-new-record.toml`).
#[test]
fn a_half_filled_new_record_form_is_a_draft() {
    let home = |a: &App| match &a.screen {
        Screen::Home(h) => h.draft(),
        _ => panic!("not home"),
    };
    let mut a = home_app(vec![]);
    assert_eq!(home(&a), None, "no form");
    keys(&mut a, "n");
    assert_eq!(home(&a), None, "a form nobody typed into is no draft");
    keys(&mut a, "后勤管理处");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "第三轮");
    let draft = home(&a).expect("draft");
    assert_eq!(
        (
            draft.unit.as_str(),
            draft.round.as_str(),
            draft.inspector.as_str()
        ),
        ("后勤管理处", "第三轮", "")
    );
    assert_eq!(draft.checklists, vec!["sankan", "baxiang-guiding"]);
}

#[test]
fn the_new_record_form_asks_the_unit_type() {
    let mut a = home_app(vec![]);
    keys(&mut a, "n");
    for text in ["组织部", "第三轮", "", "李四"] {
        keys(&mut a, text);
        press(&mut a, KeyCode::Enter);
    }
    // 未指定 → 学院 → 职能部门
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right);
    match &ctrl(&mut a, 's')[..] {
        [Effect::Create(n)] => assert_eq!(n.unit_type, Some(crate::model::UnitType::Department)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_new_record_needs_a_checklist() {
    let mut a = home_app(vec![]);
    keys(&mut a, "n");
    keys(&mut a, "单位");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "第一轮");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "张三");
    press(&mut a, KeyCode::Tab); // the unit type
    for _ in 0..2 {
        press(&mut a, KeyCode::Tab);
        keys(&mut a, " ");
    }
    assert!(ctrl(&mut a, 's').is_empty());
    assert!(
        matches!(&a.screen, Screen::Home(h) if h.message.as_deref() == Some("至少选择一个清单"))
    );
}

fn home(a: &App) -> &Home {
    match &a.screen {
        Screen::Home(h) => h,
        _ => panic!("not home"),
    }
}

/// `d` asks before moving the selected record to `trash/`, naming it and saying how to get it
/// back; only `y` asks the runtime to move it.
#[test]
fn home_moves_a_record_to_the_trash_only_when_told_yes() {
    let mut a = home_app(vec![
        home_row("外国语学院", "第三轮", 9),
        home_row("计算机学院", "第三轮", 11),
    ]);
    keys(&mut a, "j");
    assert!(keys_effects(&mut a, 'd').is_empty());
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("将 第三轮_计算机学院_张三.toml 移到数据文件夹的 trash/"),
        "{shown}"
    );
    assert!(
        shown.contains("（移回原") && shown.contains("即可恢复）"),
        "{shown}"
    );
    assert!(keys_effects(&mut a, 'n').is_empty());
    assert!(home(&a).ask.is_none());
    assert!(keys_effects(&mut a, 'd').is_empty());
    assert_eq!(
        keys_effects(&mut a, 'y'),
        vec![Effect::Trash("/d/第三轮_计算机学院_张三.toml".into())]
    );
}

/// A second record for the same unit, round and inspector is asked about first (naming the
/// one there); `n` goes back to the form as it was. The unit and round fields offer what the
/// data folder uses: Ctrl+N fills in the first that begins with what is typed, then the next.
#[test]
fn home_asks_before_a_duplicate_and_offers_used_units_and_rounds() {
    let mut a = home_app(vec![
        home_row("外国语学院", "第三轮", 9),
        home_row("计算机学院", "第三轮", 11),
        home_row("计算机学院", "第四轮", 11),
    ]);
    keys(&mut a, "n");
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("已用（Ctrl+N 填入）：外国语学院、计算机学院"),
        "{shown}"
    );
    keys(&mut a, "计");
    ctrl(&mut a, 'n');
    press(&mut a, KeyCode::Tab);
    assert!(
        screen(&a, 100, 30).contains("已用（Ctrl+N 填入）：第三轮、第四轮"),
        "the round's values"
    );
    ctrl(&mut a, 'n');
    ctrl(&mut a, 'n');
    ctrl(&mut a, 'n');
    ctrl(&mut a, 'n');
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "张三");
    let form = |a: &App| {
        let (f, _) = home(a).form.as_ref().unwrap();
        (
            f.text(crate::tui::home::NewRecordField::Unit),
            f.text(crate::tui::home::NewRecordField::Round),
        )
    };
    assert_eq!(form(&a), ("计算机学院".to_string(), "第四轮".to_string()));
    assert!(ctrl(&mut a, 's').is_empty(), "asked first");
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("已有记录 第四轮_计算机学院_张三.toml") && shown.contains("新建一份？"),
        "{shown}"
    );
    assert!(keys_effects(&mut a, 'n').is_empty());
    assert_eq!(form(&a), ("计算机学院".to_string(), "第四轮".to_string()));
    assert!(ctrl(&mut a, 's').is_empty());
    match &keys_effects(&mut a, 'y')[..] {
        [Effect::Create(n)] => assert_eq!(
            (n.unit.as_str(), n.round.as_str(), n.inspector.as_str()),
            ("计算机学院", "第四轮", "张三")
        ),
        other => panic!("{other:?}"),
    }
    assert!(home(&a).form.is_none());
}
