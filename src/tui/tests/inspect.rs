//! The inspect screen as a whole: the tree's width at 80×24, search and filters, read-only,
//! privacy, quitting, the mouse, an outside change and a folder without locks, and snapshots.

use crossterm::event::{Event, KeyCode, KeyModifiers};

use super::{
    App, app, app_with, catalog, ctrl, fixed_time, keys, keys_effects, press, record, rich_app,
    screen, selected_key, view,
};
use crate::i18n::Lang;
use crate::model::Status;
use crate::tui::app::{Global, Screen};
use crate::tui::effect::Effect;
use crate::tui::inspect::{Inspect, Overlay, Pane};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

#[test]
fn at_80x24_the_tree_narrows_and_hides_to_give_the_items_room() {
    use crate::i18n::ui::ui;
    use crate::tui::inspect::TreeWidth;
    let mut a = app();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let items_width = |a: &App| {
        crate::tui::inspect::view::inspect_layout(area, view(a).tree_width)
            .items
            .width
    };
    let wide = items_width(&a);
    let item_text = |a: &App| {
        let v = view(a);
        v.item_of(&v.selected_entry().unwrap())
            .unwrap()
            .text
            .clone()
    };
    let text = item_text(&a);
    let shown_of = |a: &App| -> usize {
        // how much of the selected item's text the list row shows
        let s = screen(a, 80, 24);
        (1..=text.chars().count())
            .rev()
            .find(|n| s.contains(&text.chars().take(*n).collect::<String>()))
            .unwrap_or(0)
    };
    let before = shown_of(&a);
    let top = |a: &App| screen(a, 80, 24).lines().nth(1).unwrap().to_string();
    assert!(top(&a).contains(ui(Lang::Zh).checklists), "{}", top(&a));
    press(&mut a, KeyCode::Char('h'));
    assert_eq!(view(&a).focus, Pane::Tree);
    keys(&mut a, "t");
    assert_eq!(view(&a).tree_width, TreeWidth::Narrow);
    let narrow = items_width(&a);
    keys(&mut a, "t");
    assert_eq!(view(&a).tree_width, TreeWidth::Hidden);
    assert_eq!(
        view(&a).focus,
        Pane::Items,
        "a hidden pane gives the focus up"
    );
    let hidden = items_width(&a);
    assert!(wide < narrow && narrow < hidden, "{wide} {narrow} {hidden}");
    assert!(shown_of(&a) > before, "more of the item text shows");
    assert!(!top(&a).contains(ui(Lang::Zh).checklists), "{}", top(&a));
    // the focus skips the hidden pane both ways
    press(&mut a, KeyCode::BackTab);
    assert_eq!(view(&a).focus, Pane::Detail);
    press(&mut a, KeyCode::Tab);
    assert_eq!(view(&a).focus, Pane::Items);
    keys(&mut a, "t");
    assert_eq!(view(&a).tree_width, TreeWidth::Wide);
    assert_eq!(items_width(&a), wide);
}

#[test]
fn search_and_filters_narrow_the_items() {
    let mut a = app();
    keys(&mut a, "/");
    keys(&mut a, "第一议题");
    let n = view(&a).entries().len();
    assert!(n >= 1, "search finds items across all checklists");
    press(&mut a, KeyCode::Enter);
    assert_eq!(view(&a).search, "第一议题");
    press(&mut a, KeyCode::Esc);
    assert!(view(&a).search.is_empty());
    // Filters cover the whole record.
    keys(&mut a, "v"); // unchecked
    let all = view(&a).entries().len();
    keys(&mut a, "g2");
    assert_eq!(view(&a).entries().len(), all - 1);
    keys(&mut a, "v"); // problems and doubts
    assert_eq!(view(&a).entries().len(), 1);
    keys(&mut a, "v"); // doubts
    assert_eq!(view(&a).entries().len(), 0);
    keys(&mut a, "v"); // with notes
    assert_eq!(view(&a).entries().len(), 0);
    // search also looks into notes (of the first item of the first checklist: the search above
    // left the cursor on a 三看 look, which takes no note)
    keys(&mut a, "v");
    press(&mut a, KeyCode::Left);
    keys(&mut a, "g");
    press(&mut a, KeyCode::Right);
    keys(&mut a, "g");
    keys(&mut a, "n");
    keys(&mut a, "独一无二的记号");
    ctrl(&mut a, 's');
    keys(&mut a, "/");
    keys(&mut a, "独一无二");
    assert_eq!(view(&a).entries().len(), 1);
}

#[test]
fn read_only_blocks_every_change_and_says_so() {
    let why = (crate::i18n::ui::ui(Lang::Zh).read_only_by)(&"vm", &"05:53");
    let mut a = app_with(record(&catalog()), Some(why));
    let before = view(&a).record.clone();
    keys(&mut a, "2n");
    keys(&mut a, "f");
    keys(&mut a, "sa");
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "u");
    assert_eq!(view(&a).record, before);
    assert!(!view(&a).dirty);
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("此记录正在另一窗口编辑（主机 vm，05:53 起），本窗口只读"),
        "{shown}"
    );
    // The footer offers nothing that would change the record; a writable one does.
    let footer = shown.lines().last().unwrap().to_string();
    for hidden in ["标记状态", "记证据", "撤销"] {
        assert!(!footer.contains(hidden), "{footer}");
    }
    assert!(footer.contains("搜索"), "{footer}");
    let writable = screen(&app(), 100, 30);
    let footer = writable.lines().last().unwrap();
    assert!(
        footer.contains("记证据") && footer.contains("标记状态"),
        "{footer}"
    );
}

#[test]
fn privacy_blanks_everything_until_enter() {
    let mut a = app();
    keys(&mut a, "b");
    assert_eq!(a.global, Global::Privacy);
    let shown = screen(&a, 80, 24);
    assert!(shown.chars().all(|c| c == ' ' || c == '\n'), "{shown}");
    keys(&mut a, "q2");
    assert_eq!(a.global, Global::Privacy, "other keys do nothing");
    assert_eq!(view(&a).record.status(&selected_key(&a)), Status::Unchecked);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.global, Global::None);
    // Ctrl+B works from inside a form too.
    keys(&mut a, "n");
    ctrl(&mut a, 'b');
    assert_eq!(a.global, Global::Privacy);
}

#[test]
fn quit_and_ctrl_c_leave() {
    let mut a = app();
    assert_eq!(keys_effects(&mut a, 'q'), vec![Effect::CloseRecord]);
    keys(&mut a, "n");
    assert_eq!(ctrl(&mut a, 'c'), vec![Effect::Quit]);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app();
    a.size = (120, 40);
    let layout = crate::tui::inspect::view::inspect_layout(
        ratatui::layout::Rect::new(0, 0, 120, 40),
        Default::default(),
    );
    let click = |x, y| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.handle_event(click(layout.items.x + 3, layout.items.y + 3), fixed_time());
    assert_eq!(view(&a).item_sel, 2);
    a.handle_event(click(layout.tree.x + 3, layout.tree.y + 1), fixed_time());
    assert_eq!(view(&a).tree_sel, 0);
    assert_eq!(view(&a).focus, Pane::Tree);
    a.handle_event(
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: layout.items.x + 3,
            row: layout.items.y + 3,
            modifiers: KeyModifiers::NONE,
        }),
        fixed_time(),
    );
    assert_eq!(view(&a).item_sel, 1);
}

#[test]
fn snapshot_inspect_80x24() {
    let mut a = app();
    keys(&mut a, "2j1j3");
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_inspect_120x40_with_notes_and_finding() {
    let mut a = rich_app();
    press(&mut a, KeyCode::Tab);
    insta::assert_snapshot!(screen(&a, 120, 40));
}

#[test]
fn snapshot_inspect_tiny() {
    let a = app();
    insta::assert_snapshot!(screen(&a, 20, 5));
}

#[test]
fn snapshot_note_form_80x24() {
    let mut a = rich_app();
    keys(&mut a, "e");
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_help_80x24() {
    let mut a = app();
    keys(&mut a, "?");
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_inspect_english() {
    let view = Inspect::new(
        record(&catalog()),
        &catalog(),
        "r.toml".into(),
        None,
        Lang::En,
    );
    let a = App::new(
        Lang::En,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Inspect(Box::new(view)),
    );
    insta::assert_snapshot!(screen(&a, 100, 20));
}

fn view_mut(app: &mut App) -> &mut Inspect {
    match &mut app.screen {
        Screen::Inspect(i) => i,
        _ => panic!("not the inspect screen"),
    }
}

/// An outside change: the three ways out are asked in a box that names them, and each key
/// asks the runtime for its way; nothing else changes the record meanwhile. A form being typed
/// into keeps its keys (a `k` in a note chooses nothing); the box comes once it closes.
#[test]
fn an_outside_change_asks_for_one_of_three_ways_out() {
    use crate::tui::effect::Resolution;
    let mut a = app();
    keys(&mut a, "n");
    view_mut(&mut a).conflict = true;
    keys(&mut a, "kcr");
    assert!(matches!(view(&a).overlay, Overlay::Form(_)), "still typing");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('y'));
    assert!(matches!(view(&a).overlay, Overlay::None));
    let shown = screen(&a, 80, 24);
    for line in [
        "记录已被其他程序修改",
        "r  重新载入",
        "k  保留我的",
        "c  我的修改另存为副本",
    ] {
        assert!(shown.contains(line), "{line}\n{shown}");
    }
    let before = view(&a).record.clone();
    keys(&mut a, "2n");
    assert_eq!(view(&a).record, before);
    for (key, way) in [
        ('r', Resolution::Reload),
        ('k', Resolution::KeepMine),
        ('c', Resolution::SaveCopy),
    ] {
        assert_eq!(keys_effects(&mut a, key), vec![Effect::Resolve(way)]);
    }
    // `q` asks to close, which the runtime refuses until a way is chosen.
    assert_eq!(keys_effects(&mut a, 'q'), vec![Effect::CloseRecord]);
    // Taken: the record shown is the one the runtime gives, nothing pending.
    let mut theirs = before.clone();
    theirs.inspector = "王六".into();
    view_mut(&mut a).replace_record(theirs.clone());
    assert!(!view(&a).conflict && !view(&a).dirty);
    assert_eq!(view(&a).record, theirs);
    assert!(!screen(&a, 80, 24).contains("记录已被其他程序修改"));
}

/// A folder without file locks (ENOLCK) opens the record for writing, with a warning on the
/// status bar that a second writer cannot be detected there.
#[test]
fn a_folder_without_locks_opens_with_a_warning() {
    use crate::store::lock::FAIL_LOCK;
    let dir = tempfile::tempdir().unwrap();
    let path = crate::store::create_record(dir.path(), &record(&catalog())).unwrap();
    let opts = crate::tui::Options {
        lang: Lang::Zh,
        paths: crate::store::Paths {
            data_dir: dir.path().to_path_buf(),
            config_dir: dir.path().join("config"),
        },
        catalog: catalog(),
    };
    FAIL_LOCK.with(|f| f.set(Some(rustix::io::Errno::NOLCK.raw_os_error())));
    let opened = crate::tui::open_record(&path, &opts);
    FAIL_LOCK.with(|f| f.set(None));
    let (session, view, _) = opened.unwrap();
    assert!(session.read_only().is_none() && session.lock_unsupported());
    assert!(view.read_only.is_none());
    let (said, error) = view.message.clone().unwrap();
    assert!(error && said.contains("此文件夹不支持文件锁"), "{said}");
    let a = App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Inspect(Box::new(view)),
    );
    assert!(screen(&a, 120, 30).contains("此文件夹不支持文件锁"));
}
