//! The group leader's review: tabs, grouping, the unit filter, the detail, disagreements,
//! bars at every width, private references never shown, snapshots and sample rounds.

use crossterm::event::{Event, KeyCode, KeyModifiers};

use super::{
    App, catalog, fixed_time, keys, keys_effects, press, render, review_app, review_of, screen,
};
use crate::i18n::Lang;
use crate::model::{Record, Timestamp};
use crate::tui::app::Screen;
use crate::tui::effect::Effect;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

#[test]
fn review_tabs_grouping_unit_filter_and_detail() {
    use crate::tui::review::{Row, Tab};
    let mut a = review_app();
    assert_eq!(review_of(&a).tab, Tab::Progress);
    // progress lists every unit and every record, and the record that failed to load
    let rows = review_of(&a).rows();
    let r = &review_of(&a).review;
    assert_eq!(
        rows.iter().filter(|r| matches!(r, Row::Unit(_))).count(),
        r.units.len()
    );
    assert_eq!(
        rows.iter().filter(|r| matches!(r, Row::Record(_))).count(),
        r.records.len()
    );
    assert!(rows.contains(&Row::Failed(0)));
    press(&mut a, KeyCode::Tab);
    assert_eq!(review_of(&a).tab, Tab::Findings);
    // one row per problem (an entry: the findings of a unit on one item)
    let all = review_of(&a)
        .rows()
        .iter()
        .filter(|r| matches!(r, Row::Entry(_)))
        .count();
    assert_eq!(all, review_of(&a).review.entries.len());
    keys(&mut a, "u");
    let one_unit = review_of(&a)
        .rows()
        .iter()
        .filter(|r| matches!(r, Row::Entry(_)))
        .count();
    assert!(one_unit < all, "a unit filter narrows the findings");
    let headings = |a: &App| -> Vec<String> {
        review_of(a)
            .rows()
            .into_iter()
            .filter_map(|r| match r {
                Row::Heading(h) => Some(h),
                _ => None,
            })
            .collect()
    };
    // by 三大问题 first, then by checklist
    assert!(headings(&a).iter().all(|h| !h.starts_with("三看")));
    keys(&mut a, "c");
    assert!(headings(&a).iter().any(|h| h.starts_with("三看")
        || h.starts_with("中央八项规定精神")
        || h.starts_with("一岗双责")
        || h.starts_with("政治纪律")));
    press(&mut a, KeyCode::Tab);
    assert_eq!(review_of(&a).tab, Tab::Coverage);
    assert!(
        review_of(&a)
            .rows()
            .iter()
            .any(|r| matches!(r, Row::Disagreement(_))),
        "the demo has a disagreement"
    );
    press(&mut a, KeyCode::Enter);
    let top = |a: &App| {
        review_of(a)
            .detail
            .as_ref()
            .map(crate::tui::scroll::Scroll::top)
    };
    assert_eq!(top(&a), Some(0));
    render(&a, 80, 12);
    keys(&mut a, "j");
    assert_eq!(top(&a), Some(1));
    press(&mut a, KeyCode::Esc);
    assert!(review_of(&a).detail.is_none());
    assert_eq!(keys_effects(&mut a, 'q'), vec![Effect::Quit]);
}

#[test]
fn review_headings_are_passed_over_and_disputed_findings_are_marked() {
    use crate::tui::review::Row;
    let mut a = review_app();
    press(&mut a, KeyCode::Tab);
    let rows = review_of(&a).rows();
    assert!(
        matches!(rows[0], Row::Heading(_)),
        "the tab starts with a heading"
    );
    assert!(matches!(review_of(&a).selected_row(), Some(Row::Entry(_))));
    // down through the whole list and back up: the cursor never rests on a heading
    let mut seen = Vec::new();
    for _ in 0..rows.len() + 2 {
        let row = review_of(&a).selected_row().unwrap();
        assert!(!matches!(row, Row::Heading(_)), "{row:?}");
        if !seen.contains(&row) {
            seen.push(row);
        }
        keys(&mut a, "j");
    }
    let findings = rows.iter().filter(|r| matches!(r, Row::Entry(_))).count();
    assert_eq!(seen.len(), findings, "every finding is reached going down");
    for _ in 0..rows.len() + 2 {
        keys(&mut a, "k");
        assert!(!matches!(
            review_of(&a).selected_row(),
            Some(Row::Heading(_))
        ));
    }
    assert_eq!(review_of(&a).selected_row(), Some(rows[1].clone()));
    // the finding on an item the unit's inspectors disagree on carries the mark
    let disputed = review_of(&a)
        .review
        .entries
        .iter()
        .position(|e| e.disputed)
        .expect("the demo has a disputed finding");
    while review_of(&a).selected_row() != Some(Row::Entry(disputed)) {
        keys(&mut a, "j");
    }
    let shown = screen(&a, 120, 40);
    let line = shown
        .lines()
        .find(|l| l.contains("[分歧]"))
        .expect("a disputed finding is marked");
    let r = &review_of(&a).review;
    let rec = &r.records[r.findings[r.entries[disputed].findings[0]].record];
    assert!(line.contains(&rec.inspector), "{line}");
    let marked = shown.lines().filter(|l| l.contains("[分歧]")).count();
    let disputed_shown = review_of(&a)
        .rows()
        .iter()
        .filter(|r| matches!(r, Row::Entry(i) if review_of(&a).review.entries[*i].disputed))
        .count();
    assert!(marked >= 1 && marked <= disputed_shown);
}

#[test]
fn review_disagreement_detail_shows_each_inspectors_finding_and_notes() {
    use crate::tui::review::Row;
    let mut a = review_app();
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    while !matches!(review_of(&a).selected_row(), Some(Row::Disagreement(_))) {
        keys(&mut a, "j");
    }
    let Some(Row::Disagreement(d)) = review_of(&a).selected_row() else {
        unreachable!()
    };
    let dis = review_of(&a).review.disagreements[d].clone();
    press(&mut a, KeyCode::Enter);
    let shown = screen(&a, 220, 60);
    for v in &dis.verdicts {
        let name = &review_of(&a).review.records[v.record].inspector;
        assert!(
            shown.contains(&format!("【{name}】")),
            "{name} missing:\n{shown}"
        );
        if let Some(e) = v.evidence.first() {
            let start: String = e.note.text.chars().take(6).collect();
            assert!(shown.contains(&start), "{start} missing:\n{shown}");
        }
    }
    assert!(
        dis.verdicts.iter().any(|v| !v.evidence.is_empty()),
        "the demo's disagreement has notes to compare"
    );
}

#[test]
fn review_bars_never_wrap_and_stale_marks_and_counts_show_at_120_columns() {
    let catalog = catalog();
    let round = crate::model::demo::demo_round(&catalog, 8, fixed_time());
    let records: Vec<(std::path::PathBuf, Record)> = round
        .into_iter()
        .map(|(name, r)| (std::path::PathBuf::from(format!("/round/{name}")), r))
        .collect();
    // a month later every record is stale
    let later = Timestamp(fixed_time().0 + chrono::Duration::days(30));
    let review =
        crate::model::Review::build(&records, &catalog, &crate::model::ReviewOptions::new(later));
    let n_records = review.records.len();
    let n_units = review.units.len();
    let screen_ =
        crate::tui::review::ReviewScreen::new(Lang::Zh, review, catalog, vec![], "/".into());
    let mut a = App::new(
        Lang::Zh,
        Keymap::default_map(),
        Theme::new(true),
        Screen::Review(Box::new(screen_)),
    );
    let shown = screen(&a, 120, 40);
    assert_eq!(
        shown.matches("久未更新").count(),
        n_records,
        "every record's stale mark shows:\n{shown}"
    );
    assert_eq!(
        shown.matches("存疑待核 ").count(),
        n_units,
        "every unit's last count shows:\n{shown}"
    );
    // a bar is whole on its line wherever it is drawn: list, detail pane, detail overlay
    let whole = |shown: &str| {
        for line in shown.lines() {
            for (i, _) in line.match_indices("[#").chain(line.match_indices("[-")) {
                assert!(line[i..].contains(']'), "a bar wrapped: {line}\n{shown}");
            }
            assert!(
                !line.trim_start_matches('│').starts_with("#")
                    && !line.trim_start_matches('│').starts_with("-]"),
                "a bar's tail on its own line: {line}"
            );
        }
    };
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        whole(&screen(&a, w, h));
        keys(&mut a, "j");
        whole(&screen(&a, w, h));
        press(&mut a, KeyCode::Enter);
        whole(&screen(&a, w, h));
        press(&mut a, KeyCode::Esc);
        keys(&mut a, "k");
    }
}

#[test]
fn review_never_shows_private_references() {
    let mut a = review_app();
    let secrets: Vec<String> = match &a.screen {
        Screen::Review(_) => {
            let catalog = catalog();
            crate::model::demo::demo_round(&catalog, 8, fixed_time())
                .into_iter()
                .flat_map(|(_, r)| r.sources.into_iter().map(|s| s.reference))
                .filter(|s| !s.is_empty())
                .collect()
        }
        _ => unreachable!(),
    };
    assert!(!secrets.is_empty());
    for _tab in 0..4 {
        for _ in 0..60 {
            let shown = screen(&a, 160, 48);
            for s in &secrets {
                assert!(
                    !shown.contains(s.as_str()),
                    "private reference `{s}` on screen:\n{shown}"
                );
            }
            keys(&mut a, "j");
        }
        press(&mut a, KeyCode::Tab);
    }
}

#[test]
fn snapshot_review_progress_80x24() {
    let a = review_app();
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_review_findings_160x48() {
    let mut a = review_app();
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "j");
    insta::assert_snapshot!(screen(&a, 160, 48));
}

#[test]
fn snapshot_review_coverage_80x24() {
    let mut a = review_app();
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_review_coverage_160x48() {
    let mut a = review_app();
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    insta::assert_snapshot!(screen(&a, 160, 48));
}

#[test]
fn snapshot_review_findings_80x24() {
    let mut a = review_app();
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "j");
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn snapshot_review_progress_160x48() {
    let a = review_app();
    insta::assert_snapshot!(screen(&a, 160, 48));
}

#[test]
fn review_renders_at_every_size() {
    let mut a = review_app();
    for tab in 0..4 {
        for w in (1..200).step_by(13) {
            for h in (1..60).step_by(7) {
                screen(&a, w, h);
            }
        }
        if tab == 1 {
            press(&mut a, KeyCode::Enter);
            screen(&a, 41, 11);
            press(&mut a, KeyCode::Esc);
        }
        press(&mut a, KeyCode::Tab);
    }
}

#[test]
fn review_tabs_can_be_clicked() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = review_app();
    a.size = (120, 30);
    let shown = screen(&a, 120, 30);
    let row = shown.lines().nth(1).unwrap();
    for (name, tab) in [
        ("整改", crate::tui::review::Tab::Ledger),
        ("覆盖", crate::tui::review::Tab::Coverage),
        ("问题", crate::tui::review::Tab::Findings),
        ("进度", crate::tui::review::Tab::Progress),
    ] {
        let col = crate::text::width(&row[..row.find(name).unwrap()]) as u16;
        a.handle_event(
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: col + 1,
                row: 1,
                modifiers: KeyModifiers::NONE,
            }),
            fixed_time(),
        );
        assert_eq!(review_of(&a).tab, tab, "clicked {name} at {col}");
    }
}

/// The review of sample records says so in its header, before anything else; a real round's
/// does not.
#[test]
fn the_review_of_sample_records_says_so() {
    let catalog = catalog();
    for (round, sample) in [
        (
            crate::model::demo::sample_round(&catalog, 8, fixed_time()),
            true,
        ),
        (
            crate::model::demo::demo_round(&catalog, 8, fixed_time()),
            false,
        ),
    ] {
        let records: Vec<(std::path::PathBuf, Record)> = round
            .into_iter()
            .map(|(name, r)| (std::path::PathBuf::from(name), r))
            .collect();
        let review = crate::model::Review::build(
            &records,
            &catalog,
            &crate::model::ReviewOptions::new(fixed_time()),
        );
        let screen_ = crate::tui::review::ReviewScreen::new(
            Lang::Zh,
            review,
            catalog.clone(),
            vec![],
            "/round".into(),
        );
        let a = App::new(
            Lang::Zh,
            Keymap::default_map(),
            Theme::new(true),
            Screen::Review(Box::new(screen_)),
        );
        let shown = screen(&a, 80, 24);
        let header = shown.lines().next().unwrap();
        assert_eq!(header.contains("示例数据，非真实巡察"), sample, "{header}");
    }
}

#[test]
fn a_review_of_real_and_sample_records_says_how_many_are_samples() {
    let catalog = catalog();
    let mut records: Vec<(std::path::PathBuf, Record)> =
        crate::model::demo::sample_round(&catalog, 8, fixed_time())
            .into_iter()
            .map(|(name, r)| (std::path::PathBuf::from(format!("/round/{name}")), r))
            .collect();
    let build = |records: &[(std::path::PathBuf, Record)]| {
        let review = crate::model::Review::build(
            records,
            &catalog,
            &crate::model::ReviewOptions::new(fixed_time()),
        );
        let s = crate::tui::review::ReviewScreen::new(
            Lang::Zh,
            review,
            catalog.clone(),
            vec![],
            "/".into(),
        );
        App::new(
            Lang::Zh,
            Keymap::default_map(),
            Theme::new(true),
            Screen::Review(Box::new(s)),
        )
    };
    // all samples: the round is a demo
    let shown = screen(&build(&records), 160, 40);
    assert!(shown.contains("示例数据，非真实巡察"), "{shown}");
    // two real records among them: the banner says how many are samples, not that all are
    records[0].1.sample = false;
    records[1].1.sample = false;
    let shown = screen(&build(&records), 160, 40);
    assert!(shown.contains("8 份记录中有 6 份是示例数据"), "{shown}");
    assert!(!shown.contains("非真实巡察"), "{shown}");
}
