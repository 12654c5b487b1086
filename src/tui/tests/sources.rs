//! The sources popup: adding a source with a suggested code, editing and refiling one, deleting
//! only a source no note cites, and the private reference shown only on purpose.

use crossterm::event::KeyCode;

use super::{App, app, app_with, catalog, ctrl, keys, press, record, screen, view};
use crate::model::{Record, SourceKind};
use crate::tui::inspect::Overlay;

#[test]
fn adding_a_source_suggests_a_code_and_makes_it_current() {
    let mut a = app();
    keys(&mut a, "sa");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "与财务科长谈话");
    ctrl(&mut a, 's');
    let v = view(&a);
    assert_eq!(v.record.sources.len(), 1);
    assert_eq!(v.record.sources[0].code, "T01");
    assert_eq!(v.record.sources[0].kind, SourceKind::Interview);
    assert_eq!(v.record.sources[0].reference, "与财务科长谈话");
    assert_eq!(v.current_source.as_deref(), Some("T01"));
    // Changing the kind changes the suggestion: documents are Z.
    keys(&mut a, "a");
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right);
    // a source without its reference is refused
    ctrl(&mut a, 's');
    assert!(matches!(view(&a).overlay, Overlay::Form(_)));
    assert_eq!(view(&a).record.sources.len(), 1);
    assert!(screen(&a, 120, 40).contains("具体对象不能为空"));
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "   ");
    ctrl(&mut a, 's');
    assert_eq!(view(&a).record.sources.len(), 1, "blank is empty");
    keys(&mut a, "党委会记录");
    ctrl(&mut a, 's');
    assert_eq!(view(&a).record.sources[1].code, "Z01");
    // The private reference never appears on screen, the code does.
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "n");
    keys(&mut a, "记录");
    ctrl(&mut a, 's');
    let shown = screen(&a, 120, 40);
    assert!(shown.contains("Z01"), "{shown}");
    assert!(!shown.contains("与财务科长谈话"), "{shown}");
}

fn with_meeting_source() -> App {
    // a record of an earlier version: `meeting` loads as 座谈会 (from people)
    let mut text = record(&catalog()).to_toml().unwrap();
    text = text
        .lines()
        .filter(|l| !l.starts_with("sources = "))
        .collect::<Vec<_>>()
        .join("\n");
    text.push_str(
        "\n\n[[sources]]\ncode = \"H01\"\nkind = \"meeting\"\nreference = \"列席党委会\"\n",
    );
    let r = Record::parse("x.toml", &text).unwrap();
    assert_eq!(r.sources[0].kind, SourceKind::Forum);
    app_with(r, None)
}

#[test]
fn a_source_is_edited_in_the_popup_and_a_meeting_refiled_as_sit_in_with_undo() {
    let mut a = with_meeting_source();
    keys(&mut a, "se");
    assert!(matches!(view(&a).overlay, Overlay::Form(_)));
    // 座谈会 -> 列席会议 is the next kind in the list
    let forum = SourceKind::ALL
        .iter()
        .position(|k| *k == SourceKind::Forum)
        .unwrap();
    let sit_in = SourceKind::ALL
        .iter()
        .position(|k| *k == SourceKind::SitIn)
        .unwrap();
    for _ in forum..sit_in {
        press(&mut a, KeyCode::Right);
    }
    press(&mut a, KeyCode::Tab);
    assert_eq!(view(&a).record.sources[0].code, "H01");
    keys(&mut a, "x");
    ctrl(&mut a, 's');
    let v = view(&a);
    assert!(
        matches!(v.overlay, Overlay::Sources { .. }),
        "back in the popup"
    );
    assert_eq!(v.record.sources.len(), 1, "edited in place, not added");
    assert_eq!(v.record.sources[0].kind, SourceKind::SitIn);
    assert_eq!(v.record.sources[0].code, "H01x");
    assert_eq!(v.record.sources[0].reference, "列席党委会");
    press(&mut a, KeyCode::Esc);
    ctrl(&mut a, 'z');
    assert_eq!(view(&a).record.sources[0].kind, SourceKind::Forum);
    assert_eq!(view(&a).record.sources[0].code, "H01");
    ctrl(&mut a, 'y');
    assert_eq!(view(&a).record.sources[0].kind, SourceKind::SitIn);
}

#[test]
fn a_cited_source_keeps_its_code_and_is_deleted_only_when_no_note_cites_it() {
    let mut a = with_meeting_source();
    keys(&mut a, "s");
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "n");
    keys(&mut a, "会上未议三重一大");
    ctrl(&mut a, 's');
    // cited: not deleted, and the popup says by how many
    keys(&mut a, "sd");
    assert_eq!(view(&a).record.sources.len(), 1);
    assert!(screen(&a, 120, 40).contains("有 1 条证据引用此来源"));
    // nor can its code change under the note
    keys(&mut a, "e");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "9");
    ctrl(&mut a, 's');
    assert!(screen(&a, 120, 40).contains("不能改代号"));
    assert_eq!(view(&a).record.sources[0].code, "H01");
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "y");
    for _ in 0..3 {
        if !matches!(view(&a).overlay, Overlay::None) {
            press(&mut a, KeyCode::Esc);
        }
    }
    assert!(matches!(view(&a).overlay, Overlay::None));
    // without the note it goes, and comes back with undo
    ctrl(&mut a, 'z');
    assert_eq!(view(&a).record.sources.len(), 1, "undo took the note only");
    keys(&mut a, "sd");
    assert!(view(&a).record.sources.is_empty());
    assert_eq!(view(&a).current_source, None);
    press(&mut a, KeyCode::Esc);
    ctrl(&mut a, 'z');
    assert_eq!(view(&a).record.sources.len(), 1);
    assert_eq!(view(&a).record.sources[0].code, "H01");
}

#[test]
fn the_reference_shows_on_purpose_until_the_popup_closes() {
    let mut a = with_meeting_source();
    keys(&mut a, "s");
    assert!(!screen(&a, 120, 40).contains("列席党委会"));
    keys(&mut a, "r");
    assert!(screen(&a, 120, 40).contains("列席党委会"));
    // the privacy key still blanks it
    ctrl(&mut a, 'b');
    assert!(!screen(&a, 120, 40).contains("列席党委会"));
    press(&mut a, KeyCode::Enter);
    keys(&mut a, "r");
    assert!(
        !screen(&a, 120, 40).contains("列席党委会"),
        "r again hides it"
    );
    keys(&mut a, "r");
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "s");
    assert!(
        !screen(&a, 120, 40).contains("列席党委会"),
        "closing the popup forgets it"
    );
}

#[test]
fn the_sources_footer_says_what_enter_does_there() {
    let mut a = with_meeting_source();
    keys(&mut a, "s");
    let shown = screen(&a, 120, 40);
    let footer = shown.lines().last().unwrap_or_default();
    assert!(footer.contains("Enter 设为当前来源"), "{footer}");
    assert!(!footer.contains("Enter 打开"), "{footer}");
}
