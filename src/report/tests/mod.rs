//! Golden files of a small fixed round, the redaction proof and the CSV rules.

use std::path::PathBuf;

use super::*;
use crate::model::Category;

#[path = "../../../tests/common/csv_rows.rs"]
mod csv_rows;
mod fixtures;

use csv_rows::parse_csv;

pub(super) use fixtures::{catalog, marked_round, now, round};

fn render(lang: Lang, redact: bool) -> (String, String) {
    let r = round();
    let options = crate::testing::report_options(&r, &catalog(), lang, redact, now());
    (
        markdown(&r, &catalog(), &options).unwrap().text,
        csv(&r, &catalog(), &options).unwrap().text,
    )
}

#[test]
fn markdown_full() {
    insta::assert_snapshot!(render(Lang::Zh, false).0);
}

#[test]
fn markdown_redacted() {
    insta::assert_snapshot!(render(Lang::Zh, true).0);
}

#[test]
fn markdown_english() {
    insta::assert_snapshot!(render(Lang::En, false).0);
}

/// The CSV with its invisible parts shown: the BOM and the CRLF row ends (a line break
/// inside a quoted field stays a bare LF).
fn visible(csv: &str) -> String {
    csv.replacen('\u{feff}', "<BOM>", 1)
        .replace("\r\n", "<CRLF>\n")
}

#[test]
fn csv_full() {
    insta::assert_snapshot!(visible(&render(Lang::Zh, false).1));
}

#[test]
fn csv_redacted() {
    insta::assert_snapshot!(visible(&render(Lang::Zh, true).1));
}

#[test]
fn csv_is_rfc4180_with_a_bom_and_no_formulas() {
    let (_, text) = render(Lang::Zh, false);
    let body = text.strip_prefix('\u{feff}').expect("BOM");
    let rows = parse_csv(body);
    let width = rows[0].len();
    assert!(rows.iter().all(|r| r.len() == width));
    // 3 records x 4 items, plus one orphan
    assert_eq!(rows.len(), 1 + 3 * 4 + 1);
    let note = rows
        .iter()
        .flat_map(|r| r.iter())
        .find(|f| f.contains("会议记录无落实措施"))
        .unwrap();
    assert!(
        note.contains("5 月 13 日才传达。\n会议记录无落实措施"),
        "{note}"
    );
    // a cell starting with = is neutralised; the quotes inside survive the round trip
    assert!(
        rows.iter()
            .flat_map(|r| r.iter())
            .all(|f| !f.starts_with(['=', '+', '-', '@']))
    );
    let mut out = String::new();
    csv::field(&mut out, "=HYPERLINK(\"x\"), 1");
    assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\"), 1\"");
    let mut out = String::new();
    csv::field(&mut out, "-5%");
    assert_eq!(out, "'-5%");
    let mut out = String::new();
    csv::field(&mut out, "计算机学院");
    assert_eq!(out, "计算机学院");
}

#[test]
fn markdown_escapes_what_an_inspector_types() {
    use super::markdown::escape;
    assert_eq!(escape("*谈心谈话*"), "\\*谈心谈话\\*");
    assert_eq!(escape("a | b"), "a \\| b");
    assert_eq!(
        escape("# 标题\n- 项\n1. 第一"),
        "\\# 标题\n\\- 项\n1\\. 第一"
    );
    // only a continuation line starts a line: the first follows a prefix of ours
    assert_eq!(escape("286.5 万元"), "286.5 万元");
    assert_eq!(escape("- 5%"), "- 5%");
    assert_eq!(escape("2025 年 3-5 月"), "2025 年 3-5 月");
}

#[test]
fn redacted_reports_carry_no_sensitive_field_and_full_ones_carry_all() {
    let (records, sensitive, safe) = marked_round();
    assert!(sensitive.len() > 60, "{}", sensitive.len());
    for lang in [Lang::Zh, Lang::En] {
        let full = Options::new(lang, false, now());
        let red = crate::testing::report_options(&records, &catalog(), lang, true, now());
        let md_full = markdown(&records, &catalog(), &full).unwrap().text;
        let csv_full = csv(&records, &catalog(), &full).unwrap().text;
        let md_red = markdown(&records, &catalog(), &red).unwrap().text;
        let csv_red = csv(&records, &catalog(), &red).unwrap().text;
        for m in &sensitive {
            assert!(md_full.contains(m.as_str()), "full Markdown lacks {m}");
            assert!(csv_full.contains(m.as_str()), "full CSV lacks {m}");
            assert!(!md_red.contains(m.as_str()), "redacted Markdown leaks {m}");
            assert!(!csv_red.contains(m.as_str()), "redacted CSV leaks {m}");
        }
        for m in &safe {
            assert!(md_red.contains(m.as_str()), "redacted Markdown lacks {m}");
            assert!(csv_red.contains(m.as_str()), "redacted CSV lacks {m}");
        }
        // no trace of the transfer or the doubt: one 发现问题 count per unit of 2
        assert!(!md_red.contains("MARK"), "{md_red}");
        assert!(!csv_red.contains("MARK"));
        let rows = parse_csv(csv_red.trim_start_matches('\u{feff}'));
        assert_eq!(rows.len(), 1 + 3 * 2);
    }
}

#[test]
fn the_demo_round_redacted_has_no_private_reference() {
    let (catalog, _) = crate::store::load_catalog(None);
    let records: Vec<(PathBuf, Record)> =
        crate::model::demo::demo_round(&catalog, crate::model::demo::DEFAULT_SIZE, now())
            .into_iter()
            .map(|(n, r)| (PathBuf::from(n), r))
            .collect();
    let red = crate::testing::report_options(&records, &catalog, Lang::Zh, true, now());
    let full = Options::new(Lang::Zh, false, now());
    let md = markdown(&records, &catalog, &red).unwrap().text;
    let table = csv(&records, &catalog, &red).unwrap().text;
    let md_full = markdown(&records, &catalog, &full).unwrap().text;
    for (_, r) in &records {
        assert!(!md.contains(&r.inspector) && !table.contains(&r.inspector));
        for s in &r.sources {
            assert!(!md.contains(&s.reference), "{}", s.reference);
            assert!(!table.contains(&s.reference), "{}", s.reference);
        }
    }
    for c in Category::ALL {
        assert!(md_full.contains(c.label(Lang::Zh)));
    }
    assert!(md_full.contains("采购科科长刘某"));
    assert!(!md.contains("刘某"));
}

#[test]
fn problems_can_be_grouped_by_the_four_implementations() {
    let (catalog, _) = crate::store::load_catalog(None);
    let round: Vec<(PathBuf, Record)> = crate::model::demo::demo_round(&catalog, 8, now())
        .into_iter()
        .map(|(n, mut r)| {
            r.carry_replaced(&catalog);
            (PathBuf::from(n), r)
        })
        .collect();
    let by_category = markdown(&round, &catalog, &Options::new(Lang::Zh, false, now()))
        .unwrap()
        .text;
    let mut options = Options::new(Lang::Zh, false, now());
    options.group_by = crate::model::review::Grouping::Focus;
    let by_focus = markdown(&round, &catalog, &options).unwrap().text;
    let headings = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("### （"))
            .map(String::from)
            .collect()
    };
    // the same findings, under the 四个落实 in their order instead of the 三大问题
    let count = |text: &str| text.lines().filter(|l| l.starts_with("**")).count();
    assert_eq!(count(&by_focus), count(&by_category));
    let focus = headings(&by_focus);
    let labels: Vec<&str> = crate::model::Focus::ALL
        .iter()
        .map(|f| f.label(Lang::Zh))
        .filter(|l| focus.iter().any(|h| h.contains(l)))
        .collect();
    assert!(labels.len() >= 3, "{focus:?}");
    for (h, l) in focus.iter().zip(&labels) {
        assert!(h.contains(l), "{focus:?}");
    }
    assert!(
        headings(&by_category)
            .iter()
            .any(|h| h.contains("党的领导弱化"))
    );
    assert!(!focus.iter().any(|h| h.contains("党的领导弱化")));
}

/// A report of sample records says so under its title, in the full and the feedback version;
/// a report of real records does not.
#[test]
fn a_report_of_sample_records_says_so() {
    let (catalog, _) = crate::store::load_catalog(None);
    let records: Vec<(PathBuf, Record)> =
        crate::model::demo::sample_round(&catalog, crate::model::demo::DEFAULT_SIZE, now())
            .into_iter()
            .map(|(n, r)| (PathBuf::from(n), r))
            .collect();
    for redact in [false, true] {
        let options = crate::testing::report_options(&records, &catalog, Lang::Zh, redact, now());
        let md = markdown(&records, &catalog, &options).unwrap().text;
        let head: Vec<&str> = md.lines().take(6).collect();
        assert!(
            head.contains(&"> **示例数据：由 xuncha demo 生成，不是真实巡察记录**"),
            "{head:?}"
        );
    }
    let real = markdown(
        &round(),
        &self::catalog(),
        &Options::new(Lang::Zh, false, now()),
    )
    .unwrap()
    .text;
    assert!(!real.contains("示例数据"));
}

/// A message about hundreds of units names the first ten and says how many there are, in
/// each language; ten or fewer are all named.
#[test]
fn long_lists_in_messages_are_cut_with_a_count() {
    let units: Vec<(String, usize)> = (1..=250).map(|i| (format!("单位{i}"), i % 7 + 1)).collect();
    let zh = ReportError::NothingApproved {
        units: units.clone(),
    }
    .message(Lang::Zh);
    assert!(zh.contains("单位10（"), "{zh}");
    assert!(!zh.contains("单位11（"), "{zh}");
    assert!(zh.contains("等（共 250 个）"), "{zh}");
    let en = ReportError::UnknownUnit {
        unit: "x".into(),
        available: units.iter().map(|(u, _)| u.clone()).collect(),
    }
    .message(Lang::En);
    assert!(en.contains("单位10 and others (250 in all)"), "{en}");
    let few = ReportError::UnknownRound {
        round: "第九轮".into(),
        available: (1..=10).map(|i| format!("第{i}轮")).collect(),
    }
    .message(Lang::Zh);
    assert!(few.contains("第10轮") && !few.contains("共"), "{few}");
}

#[test]
fn notes_written_on_a_look_are_listed_under_it_in_the_full_report() {
    use crate::model::Status;
    use crate::testing::{builtin_catalog, record_with_a_note_on_a_look};
    // A look takes no note of its own now; an earlier version accepted them.
    let catalog = builtin_catalog();
    let r = record_with_a_note_on_a_look(&catalog, Status::Unchecked);
    let records = vec![(PathBuf::from("第三轮_计算机学院_张三.toml"), r)];
    let full = markdown(&records, &catalog, &Options::new(Lang::Zh, false, now()))
        .unwrap()
        .text;
    let lines: Vec<&str> = full.lines().collect();
    let at_look = lines
        .iter()
        .position(|l| l.starts_with("- 计算机学院：一看：领导班子是否坚强有力："))
        .unwrap_or_else(|| panic!("no line of looks:\n{full}"));
    assert_eq!(
        lines[at_look + 1],
        "  - 一看：领导班子是否坚强有力 上记有证据（此项不单独取证，宜移至所列检查项）",
        "{full}"
    );
    assert!(
        lines[at_look + 2].starts_with("    - 张三：Z07（调阅资料")
            && lines[at_look + 2].ends_with("：班子议事记录缺 3 次"),
        "{full}"
    );
    // its source is among the sources cited, with the private reference
    assert!(full.contains("2025 年党委会会议记录"), "{full}");
    let english = markdown(&records, &catalog, &Options::new(Lang::En, false, now()))
        .unwrap()
        .text;
    assert!(english.contains("班子议事记录缺 3 次"), "{english}");
    // the feedback version has no looks and no such note
    let red = crate::testing::report_options(&records, &catalog, Lang::Zh, true, now());
    if let Ok(report) = markdown(&records, &catalog, &red) {
        assert!(!report.text.contains("班子议事记录"), "{}", report.text);
    }
}
