//! Tests of the terminal-facing rules of the interface without a terminal: keys ignored while
//! the screen is too small, auto-advance after a status key, the help's settings lines, the
//! suspend key.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Screen};
use super::chrome::{MIN_HEIGHT, MIN_WIDTH};
use super::config::Config;
use super::effect::Effect;
use super::home::Home;
use super::inspect::Inspect;
use super::keymap::Keymap;
use super::tests::screen;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::model::{Catalog, Record, Status, Timestamp};
use crate::store::load_catalog;

fn catalog() -> Catalog {
    load_catalog(None).0
}

fn now() -> Timestamp {
    Timestamp(chrono::DateTime::parse_from_rfc3339("2026-11-26T09:30:00+08:00").unwrap())
}

fn app_in(lang: Lang, config: &Config) -> App {
    let catalog = catalog();
    let templates: Vec<_> = catalog.templates().collect();
    let record = Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "张三",
        &templates,
        now(),
    );
    let view = Inspect::new(record, &catalog, "r.toml".into(), None, lang);
    let mut app = App::new(
        lang,
        config.keymap.clone(),
        Theme::new(true),
        Screen::Inspect(Box::new(view)),
    );
    app.auto_advance = config.auto_advance;
    app.config_problems = config.problems.clone();
    app
}

fn press(app: &mut App, c: char) -> Vec<Effect> {
    app.handle_event(
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        now(),
    )
}

fn view(app: &App) -> &Inspect {
    match &app.screen {
        Screen::Inspect(i) => i,
        _ => panic!("not on the inspect screen"),
    }
}

fn selected(app: &App) -> String {
    let v = view(app);
    v.key_of(&v.selected_entry().unwrap())
}

#[test]
fn too_small_says_the_size_it_needs() {
    let a = app_in(Lang::Zh, &Config::default());
    let s = screen(&a, 39, 12);
    assert!(s.contains("终端太小：至少 40×10"), "{s}");
    assert!(
        crate::i18n::ui::ZH
            .too_small
            .contains(&format!("{MIN_WIDTH}×{MIN_HEIGHT}"))
    );
    let a = app_in(Lang::En, &Config::default());
    let s = screen(&a, 60, 9);
    assert!(s.contains("Terminal too small: at least 40×10"), "{s}");
}

#[test]
fn keys_that_change_the_record_are_ignored_while_the_screen_is_too_small() {
    let mut a = app_in(Lang::Zh, &Config::default());
    a.handle_event(Event::Resize(30, 8), now());
    let key = selected(&a);
    for c in ['2', 'n', 'x', 'j', 'u'] {
        assert!(press(&mut a, c).is_empty());
    }
    a.handle_event(Event::Paste("粘贴".into()), now());
    let v = view(&a);
    assert_eq!(v.record.status(&key), Status::Unchecked);
    assert!(!v.dirty);
    assert!(matches!(v.overlay, super::inspect::Overlay::None));
    assert_eq!(selected(&a), key, "not moved either");
    // Leaving still works, and Ctrl+C always does.
    assert_eq!(press(&mut a, 'q'), vec![Effect::CloseRecord]);
    let quit = a.handle_event(
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        now(),
    );
    assert_eq!(quit, vec![Effect::Quit]);
    // Big enough again: the same key works.
    a.handle_event(Event::Resize(80, 24), now());
    press(&mut a, '2');
    assert_eq!(view(&a).record.status(&key), Status::Problem);
}

#[test]
fn auto_advance_moves_to_the_next_item_after_a_status_key_when_set() {
    // Off by default: the selection stays.
    let mut a = app_in(Lang::Zh, &Config::default());
    let first = selected(&a);
    press(&mut a, '1');
    assert_eq!(selected(&a), first);
    // On: the next item, and again after a status that does not change.
    let config = Config::parse("[inspect]\nauto-advance = true\n", Lang::Zh);
    let mut a = app_in(Lang::Zh, &config);
    let keys: Vec<String> = {
        let v = view(&a);
        v.entries().iter().map(|e| v.key_of(e)).collect()
    };
    press(&mut a, '1');
    assert_eq!(view(&a).record.status(&keys[0]), Status::NoProblem);
    assert_eq!(selected(&a), keys[1]);
    press(&mut a, '0');
    assert_eq!(selected(&a), keys[2], "an unchanged status still moves on");
    // Under the 未查 filter the item marked leaves the list; the next is the one after it.
    let mut a = app_in(Lang::Zh, &config);
    press(&mut a, 'v'); // 未查
    assert_eq!(selected(&a), keys[0]);
    press(&mut a, '3');
    assert_eq!(selected(&a), keys[1]);
    press(&mut a, '4');
    assert_eq!(selected(&a), keys[2]);
}

#[test]
fn the_help_lists_skipped_settings_and_the_auto_advance_setting() {
    let config = Config::parse(
        "[[keys.inspect]]\non = \"x\"\naction = \"fly\"\n[inspect]\nauto-advance = true\n",
        Lang::Zh,
    );
    let mut a = app_in(Lang::Zh, &config);
    press(&mut a, '?');
    let s = screen(&a, 100, 40);
    assert!(s.contains("config.toml 中跳过的设置"), "{s}");
    assert!(s.contains("keys.inspect[1]"), "{s}");
    let mut a = app_in(Lang::Zh, &Config::default());
    press(&mut a, '?');
    let s = screen(&a, 100, 200);
    assert!(s.contains("标记状态后自动跳到下一项：关"), "{s}");
    assert!(!s.contains("跳过的设置"), "{s}");
    let mut a = app_in(Lang::En, &Config::default());
    press(&mut a, '?');
    let s = screen(&a, 100, 200);
    assert!(s.contains("[Inspect]"), "{s}");
    assert!(!s.contains('【'), "{s}");
}

#[test]
fn long_help_lines_wrap_inside_the_overlay_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app_in(lang, &Config::default());
        press(&mut a, '?');
        let s = screen(&a, 80, 200);
        // the closing parenthesis of the auto-advance line is there, on a wrapped line
        let closing = match lang {
            Lang::Zh => "）",
            Lang::En => ")",
        };
        let auto = match lang {
            Lang::Zh => "auto-advance = true",
            Lang::En => "auto-advance = true",
        };
        let at = s.find(auto).unwrap_or_else(|| panic!("{s}"));
        assert!(s[at..].contains(closing), "{s}");
        // and no line of the overlay runs into its border
        for line in s.lines() {
            assert!(crate::text::width(line) <= 80, "{line}");
        }
    }
}

#[test]
fn the_suspend_key_asks_the_runtime_to_suspend() {
    let home = Home::new(Lang::Zh, "/d".into(), Vec::new(), Default::default());
    let mut a = App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Home(Box::new(home)),
    );
    let effects = a.handle_event(
        Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
        now(),
    );
    assert_eq!(effects, vec![Effect::Suspend]);
}
