//! The review's 整改 tab: the units' ledgers listed as `xuncha rectify status` lists them
//! (overdue first), the detail of an item, the empty state that says how to get a ledger, the
//! four tabs in a cycle; snapshots at 80×24 and 160×48. Also the review's forms, whose footer
//! and help list only the keys they take.

use crossterm::event::KeyCode;

use super::{
    App, demo_dir, fixed_time, keys, press, review_app, review_app_in, review_of, review_of_mut,
    screen,
};
use crate::i18n::Lang;
use crate::model::day::Day;
use crate::model::ledger::{Ledger, LedgerItem, Progress, RectifyType};
use crate::tui::keymap::Mode;
use crate::tui::review::{Row, Tab};

fn item(number: u32, problem: &str, deadline: Option<&str>) -> LedgerItem {
    LedgerItem {
        key: format!("单位/t/i{number}"),
        hash: "0".repeat(64),
        number,
        problem: problem.into(),
        measures: String::new(),
        leaders: String::new(),
        departments: String::new(),
        deadline: deadline.map(|d| d.parse::<Day>().unwrap()),
        kind: None,
        progress: None,
        evidence: String::new(),
        signoff: String::new(),
        imported: fixed_time(),
    }
}

/// Three units' ledgers; the review was built on 2026-11-26 (`fixed_time`).
fn ledgers() -> Vec<Ledger> {
    let mut cs = Ledger::new("第三轮", "计算机学院");
    let mut first = item(
        1,
        "“第一议题”制度落实不及时，传达学习上级重要文件滞后",
        Some("2026-12-31"),
    );
    first.kind = Some(RectifyType::Deadline);
    first.progress = Some(Progress::InProgress);
    // overdue 25 days, and longer than any list is wide
    let mut late = item(
        2,
        "科研经费管理不规范，存在虚列劳务费套取经费问题，涉及多个课题组和多名经办人员，报销审核流于形式",
        Some("2026-11-01"),
    );
    late.kind = Some(RectifyType::Deadline);
    late.progress = Some(Progress::NotStarted);
    cs.items = vec![first, late];
    let mut fl = Ledger::new("第三轮", "外国语学院");
    let mut done = item(1, "意识形态阵地管理有漏洞", Some("2026-11-20"));
    done.kind = Some(RectifyType::Immediate);
    done.progress = Some(Progress::Done);
    fl.items = vec![done, item(2, "党支部组织生活不规范", None)];
    let mut lg = Ledger::new("第三轮", "后勤管理处");
    let mut staged = item(1, "采购参数指向特定品牌", Some("2026-11-16"));
    staged.kind = Some(RectifyType::LongTerm);
    staged.progress = Some(Progress::StageDone);
    staged.measures = "修订采购管理办法\n建立参数论证制度".into();
    staged.leaders = "后勤管理处处长".into();
    staged.departments = "采购科".into();
    staged.evidence = "新办法文本；论证会议纪要".into();
    staged.signoff = "待销号".into();
    lg.items = vec![staged];
    vec![cs, fl, lg]
}

fn ledger_app() -> App {
    let mut a = review_app();
    review_of_mut(&mut a).set_ledgers(ledgers());
    a
}

/// (unit, 序号) of each row of the 整改 tab, in order.
fn listed(a: &App) -> Vec<(String, u32)> {
    let s = review_of(a);
    s.rows()
        .into_iter()
        .map(|r| match r {
            Row::Ledger(i) => {
                let (l, item) = s.ledger_item(i).unwrap();
                (l.unit.clone(), item.number)
            }
            other => panic!("{other:?} on the 整改 tab"),
        })
        .collect()
}

#[test]
fn the_tab_keys_cycle_through_four_tabs() {
    let mut a = ledger_app();
    for tab in [Tab::Findings, Tab::Coverage, Tab::Ledger, Tab::Progress] {
        press(&mut a, KeyCode::Tab);
        assert_eq!(review_of(&a).tab, tab);
    }
    press(&mut a, KeyCode::BackTab);
    assert_eq!(review_of(&a).tab, Tab::Ledger);
    keys(&mut a, "h");
    assert_eq!(review_of(&a).tab, Tab::Coverage);
    keys(&mut a, "ll");
    assert_eq!(review_of(&a).tab, Tab::Progress);
}

#[test]
fn ledger_items_are_listed_overdue_first_as_rectify_status_lists_them() {
    let mut a = ledger_app();
    press(&mut a, KeyCode::BackTab);
    assert_eq!(review_of(&a).tab, Tab::Ledger);
    let want: Vec<(String, u32)> = [
        ("计算机学院", 2), // 25 days overdue
        ("后勤管理处", 1), // 10 days overdue
        ("外国语学院", 1), // done: never overdue, by its deadline
        ("计算机学院", 1),
        ("外国语学院", 2), // no deadline: last
    ]
    .into_iter()
    .map(|(u, n)| (u.to_string(), n))
    .collect();
    assert_eq!(listed(&a), want);
    // the same order as `status_order` of `model::ledger`
    let today: Day = "2026-11-26".parse().unwrap();
    assert_eq!(review_of(&a).today(), today);
    let all = ledgers();
    let mut items: Vec<(&str, &LedgerItem)> = all
        .iter()
        .flat_map(|l| l.items.iter().map(move |i| (l.unit.as_str(), i)))
        .collect();
    items.sort_by(|x, y| crate::model::ledger::status_order(*x, *y, today));
    let by_status: Vec<(String, u32)> = items
        .iter()
        .map(|(u, i)| (u.to_string(), i.number))
        .collect();
    assert_eq!(listed(&a), by_status);
    assert_eq!(review_of(&a).ledger_counts(), (5, 2));
    let shown = screen(&a, 120, 30);
    assert!(shown.contains("整改 (5，逾期 2)"), "{shown}");
    assert!(shown.contains("逾期 25 天"), "{shown}");
    // down to the item with everything filled in, and its whole detail
    keys(&mut a, "j");
    assert_eq!(review_of(&a).selected_row(), Some(Row::Ledger(1)));
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Detail);
    let shown = screen(&a, 80, 24);
    for text in [
        "后勤管理处 第三轮 · 序号 1",
        "逾期 10 天",
        "整改措施：修订采购管理办法",
        "建立参数论证制度",
        "责任领导：后勤管理处处长",
        "责任部门/责任人：采购科",
        "完成时限：2026-11-16",
        "类型：长期坚持",
        "进展：阶段完成",
        "佐证材料：新办法文本；论证会议纪要",
        "销号审核：待销号",
    ] {
        assert!(shown.contains(text), "{text} missing:\n{shown}");
    }
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Review);
    // nothing to sign here: said, nothing opened
    assert!(press(&mut a, KeyCode::Char('s')).is_empty());
    assert_eq!(a.mode(), Mode::Review);
    assert!(review_of(&a).message.as_ref().is_some_and(|(_, e)| *e));
}

#[test]
fn a_ledger_line_fits_its_width_and_keeps_the_deadline_and_overdue_in_view() {
    let a = ledger_app();
    let s = review_of(&a);
    let theme = crate::tui::theme::Theme::new(true);
    for width in 20..=140 {
        let line = s.ledger_line(0, width, &theme);
        assert!(line.width() <= width, "{width}: {line}");
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if width >= 44 {
            // the list at 80 columns: type, progress and the deadline give way, not 逾期,
            // and the problem keeps more than a character or two
            assert!(text.contains("逾期 25 天"), "{width}: {text}");
            assert!(text.contains("科研经费管"), "{width}: {text}");
        }
        if width >= 50 {
            assert!(text.contains("2026-11-01"), "{width}: {text}");
        }
        if width >= 90 {
            assert!(
                text.contains("限期整改") && text.contains("未启动"),
                "{width}: {text}"
            );
        }
    }
}

#[test]
fn the_ledger_is_read_with_the_round() {
    let dir = demo_dir();
    let mut l = Ledger::new("第三轮", "计算机学院");
    l.items = vec![item(1, "问题一", Some("2026-11-01"))];
    std::fs::write(
        dir.path().join("第三轮_计算机学院.ledger.toml"),
        l.to_toml().unwrap(),
    )
    .unwrap();
    let a = review_app_in(dir.path(), Lang::Zh);
    assert_eq!(review_of(&a).ledgers, vec![l]);
    assert_eq!(review_of(&a).ledger_counts(), (1, 1));
}

#[test]
fn snapshot_review_ledger_80x24() {
    let mut a = ledger_app();
    press(&mut a, KeyCode::BackTab);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_review_ledger_160x48() {
    let mut a = ledger_app();
    press(&mut a, KeyCode::BackTab);
    keys(&mut a, "j");
    insta::assert_snapshot!(screen(&a, 160, 48));
}

#[test]
fn snapshot_review_ledger_english_80x24() {
    let mut a = ledger_app();
    review_of_mut(&mut a).lang = Lang::En;
    press(&mut a, KeyCode::BackTab);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_review_ledger_empty_80x24() {
    let mut a = review_app();
    press(&mut a, KeyCode::BackTab);
    let shown = screen(&a, 80, 24);
    // the sentence is wrapped in the list: its words are there, maybe on two lines
    for word in ["xuncha rectify", "export", "import", "--unit"] {
        assert!(shown.contains(word), "{word} missing:\n{shown}");
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn snapshot_review_ledger_empty_160x48() {
    let mut a = review_app();
    press(&mut a, KeyCode::BackTab);
    insta::assert_snapshot!(screen(&a, 160, 48));
}

/// The review's forms take no `$EDITOR` and complete nothing: their footer and the help
/// show neither, while the inspect screen's forms still do.
#[test]
fn the_review_forms_show_only_the_keys_they_take() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::Zh);
    while review_of(&a).tab != Tab::Findings {
        press(&mut a, KeyCode::Tab);
    }
    keys(&mut a, "s");
    assert_eq!(a.mode(), Mode::Form);
    let shown = screen(&a, 160, 48);
    let footer = shown.lines().last().unwrap();
    assert!(footer.contains("Ctrl+S"), "{footer}");
    assert!(footer.contains("Esc"), "{footer}");
    assert!(!footer.contains("EDITOR"), "{footer}");
    assert!(!footer.contains("Ctrl+E"), "{footer}");
    // Ctrl+E does nothing there
    assert!(super::ctrl(&mut a, 'e').is_empty());
    assert_eq!(a.mode(), Mode::Form);
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "?");
    let help = screen(&a, 120, 200);
    assert!(help.contains("Ctrl+S"), "{help}");
    assert!(!help.contains("EDITOR"), "{help}");
    assert!(!help.contains("Ctrl+N"), "{help}");
    // the inspect screen's help still has them
    let mut inspect = super::app();
    keys(&mut inspect, "?");
    let help = screen(&inspect, 120, 200);
    assert!(help.contains("EDITOR"), "{help}");
}
