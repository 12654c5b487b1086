use super::*;

/// Every composed sentence of the interface, for a count of `n`.
fn sentences(ui: &Ui, n: usize) -> Vec<String> {
    let days = i64::try_from(n).unwrap();
    vec![
        (ui.read_only_by)(&"vm", &"05:53"),
        (ui.conflict_reloaded)(&"a.toml"),
        (ui.conflict_kept_mine)(&"a.toml"),
        (ui.conflict_copied)(&"a.toml"),
        (ui.conflict_failed)(&"disk full"),
        (ui.trash_confirm)(&"a.toml"),
        (ui.trashed)(&"/d/trash/a.toml"),
        (ui.duplicate_confirm)(&"a.toml"),
        (ui.used_values)("Ctrl+N", "R3, R4"),
        (ui.save_failed)(&"disk full"),
        (ui.item_default_is)("leadership"),
        (ui.undone)(&"marked a/b"),
        (ui.redone)(&"marked a/b"),
        (ui.editor_failed)(&"no editor"),
        (ui.search_matches)("接待", n),
        (ui.rescued)(&"disk full", &"/c/rescue/x.toml"),
        (ui.unconfirmed_rescued)(&"x.toml"),
        (ui.unconfirmed_stays)(&"denied"),
        (ui.not_saved)(&"disk full", &"denied"),
        (ui.stale)(days),
        (ui.records_n)(n),
        (ui.failed_n)(n),
        (ui.milestones)("R3", None, n),
        (ui.milestones)("R3", Some(&"2026-12-05"), 0),
        (ui.milestones)("R3", Some(&"2026-12-05"), n),
        (ui.sign_elsewhere)(&"/d"),
        (ui.sign_partial)(&"/d/x.toml"),
        (ui.sign_changed_on_disk)("U/t/i"),
        ui.reason_needed.to_string(),
        ui.sign_which.to_string(),
        ui.settle_which.to_string(),
        (ui.config_problems)(n),
        (ui.config_problem)(&"/c/config.toml", &"keys.inspect[1]: unknown key"),
        (ui.no_terminal)(&"No such device or address"),
        ui.term_dumb.to_string(),
        ui.output_not_terminal.to_string(),
        ui.config_not_utf8.to_string(),
        ui.auto_advance.join("\n"),
        ui.too_small.to_string(),
        (ui.ledger_tab)(n, 0),
        (ui.ledger_tab)(n, n),
        ui.no_ledger.to_string(),
    ]
}

/// The key hints under the forms hold no character of East Asian Ambiguous width (`←/→`
/// are): a terminal set to draw those double would push the line past the form's border.
#[test]
fn form_hints_have_no_ambiguous_width_characters() {
    use unicode_width::UnicodeWidthStr;
    for ui in [&ZH, &EN] {
        for hint in [
            ui.form_hint,
            ui.sign_form_hint,
            ui.new_form_hint,
            ui.outline_hint,
        ] {
            assert_eq!(hint.width(), hint.width_cjk(), "{hint}");
        }
    }
    // the check can fail: the arrows are ambiguous
    assert_ne!("←/→".width(), "←/→".width_cjk());
}

#[test]
fn english_sentences_have_no_chinese_punctuation_and_say_one_thing() {
    for n in [1, 2] {
        for line in sentences(&EN, n) {
            assert!(
                !line.contains(['：', '（', '）', '，', '；', '。']),
                "{line}"
            );
        }
    }
    let one = sentences(&EN, 1).join("\n");
    for wrong in ["1 matches", "1 days", "1 records", "1 settings", "1 units"] {
        assert!(!one.contains(wrong), "{wrong} in\n{one}");
    }
    assert_eq!((EN.stale)(12), "stale (12 days without change)");
    assert_eq!((ZH.stale)(12), "久未更新（12 天未修改）");
    assert_eq!((ZH.undone)(&"标记"), "已撤销：标记");
}
