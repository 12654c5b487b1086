use super::*;

#[test]
fn default_table_parses_and_binds_no_key_twice() {
    let map = Keymap::parse(DEFAULT_KEYMAP, Origin::Default).unwrap();
    assert!(map.duplicates().is_empty(), "{:?}", map.duplicates());
    for mode in Mode::ALL {
        assert!(map.bound_in(mode) > 0, "{mode:?} has no keys");
    }
}

#[test]
fn every_mode_can_be_left() {
    let map = Keymap::default_map();
    for mode in Mode::ALL {
        let leaves = [Action::Quit, Action::Cancel, Action::Back, Action::No]
            .iter()
            .any(|a| !map.keys_for(mode, *a).is_empty());
        assert!(leaves, "{mode:?} has no way out");
    }
}

#[test]
fn keys_parse_and_print() {
    assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl+S");
    assert_eq!(Key::parse("G").unwrap().to_string(), "G");
    assert_eq!(Key::parse("f12").unwrap().to_string(), "F12");
    assert_eq!(Key::parse("space").unwrap().to_string(), "Space");
    assert!(Key::parse("hyper-x").is_err());
    let ev = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(Key::from_event(&ev), Some(Key::parse("ctrl-s").unwrap()));
    let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&ev), Some(Key::parse("G").unwrap()));
}

#[test]
fn user_overrides_replace_the_key_and_show_in_help() {
    let user = "[[keys.inspect]]\non = \"x\"\naction = \"status-problem\"\n\n[[keys.inspect]]\non = \"j\"\naction = \"up\"\n";
    let map = Keymap::with_overrides(user).unwrap();
    let x = Key::parse("x").unwrap();
    let j = Key::parse("j").unwrap();
    assert_eq!(map.action(Mode::Inspect, x), Some(Action::StatusProblem));
    assert_eq!(map.action(Mode::Inspect, j), Some(Action::Up));
    assert!(map.duplicates().is_empty());
    let rows = map.help_rows(Mode::Inspect, Lang::Zh);
    let problem = rows.iter().find(|r| r.1 == "发现问题").unwrap();
    assert!(problem.0.contains('x') && problem.2, "{problem:?}");
}

#[test]
fn help_labels_say_what_the_key_does_on_that_screen() {
    let map = Keymap::default_map();
    let rows = map.help_rows(Mode::Sources, Lang::Zh);
    let enter = rows.iter().find(|r| r.0 == "Enter").unwrap();
    assert_eq!(enter.1, "设为当前来源");
    let rows = map.help_rows(Mode::Sources, Lang::En);
    let enter = rows.iter().find(|r| r.0 == "Enter").unwrap();
    assert_eq!(enter.1, "set as the current source");
    // Elsewhere the same action keeps its own words.
    let rows = map.help_rows(Mode::Review, Lang::Zh);
    assert_eq!(rows.iter().find(|r| r.0 == "Enter").unwrap().1, "查看详情");
    // No English label has Chinese punctuation.
    for mode in Mode::ALL {
        for (_, desc, _) in map.help_rows(mode, Lang::En) {
            assert!(
                !desc.contains(['：', '（', '）', '，', '、', '。']),
                "{desc}"
            );
        }
    }
}

#[test]
fn bad_user_tables_are_errors_not_panics() {
    assert!(Keymap::with_overrides("[[keys.inspect]]\non = \"x\"\naction = \"fly\"\n").is_err());
    assert!(Keymap::with_overrides("[[keys.nowhere]]\non = \"x\"\naction = \"quit\"\n").is_err());
    assert!(
        Keymap::with_overrides("[[keys.inspect]]\non = \"ctrl-\"\naction = \"quit\"\n").is_err()
    );
}
