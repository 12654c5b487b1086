//! The 谈话提纲 in the inspect screen: the key asks the role when the current source has none,
//! shows the outline of the current source's role at once, scrolls, closes, is blanked by the
//! privacy key; and a source's 谈话对象 set in the sources popup's form and shown in its list.

use crossterm::event::KeyCode;

use super::{App, app, app_with, catalog, ctrl, keys, press, record, render, screen, view};
use crate::model::outline::{Outline, OutlineOptions};
use crate::model::{Role, Source, SourceKind, Status, UnitType};
use crate::tui::inspect::{Overlay, Purpose};

fn outline_role(a: &App) -> Option<Role> {
    match &view(a).overlay {
        Overlay::Outline { role, .. } => Some(*role),
        _ => None,
    }
}

fn outline_top(a: &App) -> usize {
    match &view(a).overlay {
        Overlay::Outline { scroll, .. } => scroll.top(),
        _ => panic!("no outline open"),
    }
}

#[test]
fn without_a_role_the_outline_key_asks_for_one_then_shows_and_scrolls() {
    let mut a = app();
    keys(&mut a, "o");
    assert!(
        matches!(&view(&a).overlay, Overlay::Form(f) if f.purpose == Purpose::OutlineRole),
        "no current source: the role is asked"
    );
    let shown = screen(&a, 100, 30);
    assert!(shown.contains("谈话提纲：选择谈话对象"), "{shown}");
    assert!(shown.contains("书记"), "{shown}");
    // the second role, chosen with → and shown with Enter
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Enter);
    assert_eq!(outline_role(&a), Some(Role::Dean));
    let shown = screen(&a, 100, 30);
    assert!(shown.contains("谈话提纲（院长/行政负责人）"), "{shown}");
    assert!(shown.contains("一、开场告知"), "{shown}");
    assert!(shown.contains("保密承诺"), "{shown}");
    assert!(
        shown.contains("Esc 返回"),
        "the footer says how to close: {shown}"
    );
    // it scrolls, and stops at its last line
    render(&a, 100, 30);
    keys(&mut a, "j");
    assert_eq!(outline_top(&a), 1);
    keys(&mut a, "G");
    let end = screen(&a, 100, 30);
    assert!(end.contains("四、记录提示"), "{end}");
    assert!(!end.contains("一、开场告知"), "{end}");
    let last = outline_top(&a);
    keys(&mut a, "jjj");
    render(&a, 100, 30);
    assert_eq!(outline_top(&a), last, "no scrolling past the end");
    // Esc closes; the role asked last is offered first the next time
    press(&mut a, KeyCode::Esc);
    assert!(matches!(view(&a).overlay, Overlay::None));
    keys(&mut a, "o");
    press(&mut a, KeyCode::Enter);
    assert_eq!(outline_role(&a), Some(Role::Dean));
    // Esc on the question leaves without asking anything
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "o");
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Esc);
    assert!(matches!(view(&a).overlay, Overlay::None));
}

#[test]
fn the_outline_of_a_source_with_a_role_opens_at_once_and_the_privacy_key_blanks_it() {
    let mut r = record(&catalog());
    r.sources.push(Source {
        code: "T01".into(),
        kind: SourceKind::Interview,
        reference: "与学院党委书记王某谈话".into(),
        at: None,
        role: Some(Role::Secretary),
    });
    let mut a = app_with(r, None);
    keys(&mut a, "s");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "o");
    assert_eq!(outline_role(&a), Some(Role::Secretary));
    let shown = screen(&a, 120, 40);
    assert!(shown.contains("谈话提纲（书记）"), "{shown}");
    assert!(
        !shown.contains("王某"),
        "the reference never shows: {shown}"
    );
    // the privacy key blanks everything, the outline too; Enter brings it back
    keys(&mut a, "b");
    let blank = screen(&a, 120, 40);
    assert!(blank.trim().is_empty(), "{blank}");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&a, 120, 40).contains("谈话提纲（书记）"));
    ctrl(&mut a, 'b');
    assert!(screen(&a, 120, 40).trim().is_empty());
}

/// The overlay's questions are the content of `model::outline` for the record: its checklists,
/// its unit type, and what it settles marked.
#[test]
fn the_outline_is_the_records_outline_with_what_it_settles_marked() {
    let catalog = catalog();
    let mut r = record(&catalog);
    r.unit_type = Some(UnitType::College);
    r.answers
        .entry("zhengzhi-jilv/first-topic".into())
        .or_default()
        .status = Status::NoProblem;
    r.answers
        .entry("zhengzhi-jilv/major-matters-report".into())
        .or_default()
        .status = Status::Doubt;
    let expected = Outline::build(
        catalog.templates(),
        Role::Secretary,
        &OutlineOptions {
            unit: &r.unit,
            unit_type: r.unit_type,
            records: std::slice::from_ref(&r),
        },
    );
    let mut a = app_with(r, None);
    keys(&mut a, "o");
    press(&mut a, KeyCode::Enter);
    assert_eq!(outline_role(&a), Some(Role::Secretary));
    // tall enough for the whole outline
    let shown = screen(&a, 200, 1500);
    assert!(shown.contains("被巡察单位：计算机学院（学院）"), "{shown}");
    let lines: Vec<&str> = shown.lines().collect();
    let mut at = 0;
    for q in expected.groups.iter().flat_map(|g| &g.questions) {
        let found = lines[at..]
            .iter()
            .position(|l| l.contains(&format!("对应检查项：{}", q.key)))
            .unwrap_or_else(|| panic!("{} missing or out of order", q.key));
        at += found + 1;
    }
    let line_of = |key: &str| {
        let i = lines
            .iter()
            .position(|l| l.contains(&format!("对应检查项：{key}")))
            .unwrap();
        // the question (wrapped over its lines) is above its 印证要点 and the key
        let inner = |l: &str| l.trim_matches(['│', '┃', ' ']).to_string();
        let start = (0..i)
            .rev()
            .find(|&j| inner(lines[j]).starts_with(|c: char| c.is_ascii_digit()))
            .unwrap();
        lines[start..i].iter().map(|l| inner(l)).collect::<String>()
    };
    assert!(line_of("zhengzhi-jilv/first-topic").contains("【已查清：未发现问题】"));
    assert!(line_of("zhengzhi-jilv/major-matters-report").contains("【存疑待核，重点追问】"));
    assert!(shown.contains(&expected.count().unwrap()), "{shown}");
    assert!(shown.contains("三、结束时的问题"));
}

#[test]
fn a_sources_role_is_set_in_its_form_listed_undone_and_written_only_when_given() {
    let mut a = app();
    // new source: kind, code, reference, time, then 谈话对象
    keys(&mut a, "sa");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "与学院党委书记谈话");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    let form = screen(&a, 100, 30);
    assert!(form.contains("谈话对象"), "{form}");
    press(&mut a, KeyCode::Right);
    ctrl(&mut a, 's');
    let v = view(&a);
    assert_eq!(v.record.sources[0].role, Some(Role::Secretary));
    assert!(v.record.to_toml().unwrap().contains("role = \"secretary\""));
    // the list shows the role, never the reference
    let list = screen(&a, 100, 30);
    assert!(list.contains("T01") && list.contains("书记"), "{list}");
    assert!(!list.contains("与学院党委书记谈话"), "{list}");
    // edited back to none: the field is left out of the file; undone, it is back
    keys(&mut a, "e");
    for _ in 0..4 {
        press(&mut a, KeyCode::Tab);
    }
    press(&mut a, KeyCode::Left);
    ctrl(&mut a, 's');
    assert_eq!(view(&a).record.sources[0].role, None);
    assert!(!view(&a).record.to_toml().unwrap().contains("role ="));
    press(&mut a, KeyCode::Esc);
    ctrl(&mut a, 'z');
    assert_eq!(view(&a).record.sources[0].role, Some(Role::Secretary));
    // and with it current, the outline key shows the 书记's outline without asking
    keys(&mut a, "o");
    assert_eq!(outline_role(&a), Some(Role::Secretary));
}

#[test]
fn the_outline_renders_at_every_size_and_the_wheel_scrolls_it() {
    use crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};
    let mut a = app();
    keys(&mut a, "o");
    press(&mut a, KeyCode::Enter);
    for w in (1..230).step_by(9) {
        for h in (1..70).step_by(6) {
            render(&a, w, h);
        }
    }
    // every row of a narrow screen still has the box's right border where it is drawn
    let shown = screen(&a, 41, 12);
    for line in shown.lines().skip(1).take(9) {
        assert!(
            line.ends_with('│')
                || line.ends_with('┃')
                || line.ends_with('┐')
                || line.ends_with('┘'),
            "{shown}"
        );
    }
    render(&a, 100, 30);
    let wheel = |a: &mut App, kind| {
        a.handle_event(
            Event::Mouse(MouseEvent {
                kind,
                column: 10,
                row: 10,
                modifiers: KeyModifiers::NONE,
            }),
            super::fixed_time(),
        );
    };
    wheel(&mut a, MouseEventKind::ScrollDown);
    assert_eq!(outline_top(&a), 3);
    wheel(&mut a, MouseEventKind::ScrollUp);
    assert_eq!(outline_top(&a), 0);
    assert_eq!(outline_role(&a), Some(Role::Secretary), "still open");
}
