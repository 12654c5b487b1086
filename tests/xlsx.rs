//! The XLSX workbook (`report --format xlsx`): read back with calamine (sheet names and order,
//! header rows, row counts), the sheet XML unpacked for the frozen header row and the
//! autofilter, the feedback version's content on the demo round, and the command line (`-o`
//! required, no overwrite without `--force`, mode 0600). The property test that no planted
//! marker reaches the feedback workbook is in `tests/redaction.rs`, beside the Markdown and CSV.

use std::io::{Cursor, Read};
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use xuncha::i18n::Lang;
use xuncha::model::demo::demo_round;
use xuncha::model::review::{Review, ReviewOptions};
use xuncha::model::{Catalog, Record};
use xuncha::report::{self, Feedback, Options};
use xuncha::testing::{at, builtin_catalog};

const XUNCHA: &str = env!("CARGO_BIN_EXE_xuncha");

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(builtin_catalog)
}

fn round() -> Vec<(PathBuf, Record)> {
    demo_round(catalog(), 8, at(26, 9))
        .into_iter()
        .map(|(name, r)| (PathBuf::from(name), r))
        .collect()
}

fn workbook(records: &[(PathBuf, Record)], options: &Options) -> Vec<u8> {
    report::xlsx(records, catalog(), options).unwrap().bytes
}

/// Every sheet as rows of cell texts (numbers as written by `Display`).
fn read(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::String(s) => s.clone(),
                            Data::Float(f) => f.to_string(),
                            Data::Int(i) => i.to_string(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// The text of a file inside the zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

fn column_letter(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(n % 26).unwrap()));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// Every sheet has its header row frozen and an autofilter over exactly its rows and columns.
fn assert_frozen_and_filtered(bytes: &[u8], sheets: &[(String, Vec<Vec<String>>)]) {
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let xml = part(bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{name}: {xml}"
        );
        let width = rows[0].len();
        let range = format!("A1:{}{}", column_letter(width - 1), rows.len());
        assert!(
            xml.contains(&format!(r#"<autoFilter ref="{range}"/>"#)),
            "{name}: {range} in {xml}"
        );
        // wrapped text and measured widths; the body's style is its columns', and the grid
        // is printed instead of a border round every cell
        assert!(xml.contains("<cols>"), "{name}");
        if rows.len() > 1 {
            assert!(xml.contains(r#"" style=""#), "{name}: {xml}");
        }
        assert!(xml.contains(r#"<printOptions gridLines="1"/>"#), "{name}");
    }
    let styles = part(bytes, "xl/styles.xml");
    assert!(styles.contains(r#"wrapText="1""#));
}

#[test]
fn the_full_workbook_has_four_sheets_with_a_row_per_problem_note_record_and_clue() {
    let records = round();
    let options = Options::new(Lang::Zh, false, at(26, 9));
    let bytes = workbook(&records, &options);
    let sheets = read(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["问题清单", "证据", "完成情况", "线索移交"]);
    assert_eq!(names, report::xlsx::sheet_names(Lang::Zh, false));

    let review = Review::build(&records, catalog(), &ReviewOptions::new(at(26, 9)));
    let (_, problems) = &sheets[0];
    assert_eq!(
        problems[0][..12],
        [
            "序号",
            "单位",
            "轮次",
            "巡察组",
            "三大问题",
            "清单",
            "部分",
            "条目",
            "状态",
            "问题标题",
            "问题",
            "反馈稿表述"
        ]
    );
    assert_eq!(problems.len(), review.entries.len() + 1);
    // numbered 1..n, in the Markdown report's order
    let numbers: Vec<String> = problems[1..].iter().map(|r| r[0].clone()).collect();
    let expected: Vec<String> = (1..=review.entries.len()).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    let md = report::markdown(&records, catalog(), &options)
        .unwrap()
        .text;
    for row in &problems[1..] {
        let title = &row[9];
        if !title.is_empty() {
            assert!(md.contains(&format!("**{}. {title}**", row[0])), "{title}");
        }
    }
    // the disputed entry is marked as the Markdown marks it
    assert!(
        problems[1..]
            .iter()
            .any(|r| r[16].contains("巡察人员意见不一致"))
    );

    let (_, evidence) = &sheets[1];
    let notes: usize = records
        .iter()
        .map(|(_, r)| r.answers.values().map(|a| a.notes.len()).sum::<usize>())
        .sum();
    assert_eq!(evidence.len(), notes + 1);
    assert_eq!(evidence[0][0], "问题序号");
    assert!(evidence[0].contains(&"来源内容（内部）".to_string()));

    let (_, completion) = &sheets[2];
    assert_eq!(
        completion.len(),
        review.units.len() + review.records.len() + 1
    );
    assert_eq!(completion[0][..3], ["单位", "轮次", "巡察人员"]);

    let (_, clues) = &sheets[3];
    let transfers = review
        .findings
        .iter()
        .filter(|f| f.finding.transfer)
        .count();
    assert!(transfers > 0);
    assert_eq!(clues.len(), transfers + 1);
    assert!(clues[0].contains(&"反映对象及职务".to_string()));
    assert!(clues[0].contains(&"接收单位".to_string()));

    assert_frozen_and_filtered(&bytes, &sheets);
}

/// A sheet too wide for one page prints on as many pages wide as it takes at the scale of one,
/// its rows' pages one after another ("over, then down"), each with the header row and the
/// first column; a narrow one prints one page wide.
#[test]
fn wide_sheets_print_across_pages_with_the_first_column_on_each() {
    let bytes = workbook(&round(), &Options::new(Lang::Zh, false, at(26, 9)));
    let book = part(&bytes, "xl/workbook.xml");
    // 问题清单 (sheet 1) is about 500 characters wide
    assert!(
        book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">问题清单!$A:$A,问题清单!$1:$1</definedName>"),
        "{book}"
    );
    let problems = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        problems.contains(r#"pageOrder="overThenDown""#),
        "{problems}"
    );
    assert!(problems.contains(r#"fitToWidth="2""#), "{problems}");
    // 完成情况 (sheet 3) of the demo round fits one page wide
    let completion = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(
        completion.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
        "{completion}"
    );
    assert!(!completion.contains("pageOrder"), "{completion}");
}

#[test]
fn the_feedback_workbook_shows_exactly_what_the_feedback_model_shows() {
    let records = round();
    let mut options = Options::new(Lang::Zh, true, at(26, 9));
    options.units = vec!["计算机学院".into()];
    options.signoffs = xuncha::testing::approve_all(&records, catalog());
    let made = report::xlsx(&records, catalog(), &options).unwrap();
    let sheets = read(&made.bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["问题清单", "证据", "完成情况"]);
    assert_eq!(names, report::xlsx::sheet_names(Lang::Zh, true));

    let selected = report::select(&records, &options).unwrap();
    let review = Review::build(&selected, catalog(), &ReviewOptions::new(at(26, 9)));
    let signs = options.signoffs.state(&review, &selected);
    let feedback = Feedback::build(&review, &signs);
    assert!(!feedback.entries.is_empty());
    let (_, problems) = &sheets[0];
    assert_eq!(problems.len(), feedback.entries.len() + 1);
    for forbidden in [
        "巡察人员",
        "涉及人员",
        "线索移交",
        "反馈稿表述",
        "不进入反馈稿",
    ] {
        assert!(!problems[0].contains(&forbidden.to_string()), "{forbidden}");
    }
    let (_, evidence) = &sheets[1];
    let shown: usize = feedback.entries.iter().map(|e| e.notes.len()).sum();
    assert_eq!(evidence.len(), shown + 1);
    assert!(!evidence[0].contains(&"来源内容（内部）".to_string()));
    assert!(!evidence[0].contains(&"时间".to_string()));
    let (_, completion) = &sheets[2];
    assert_eq!(completion.len(), review.units.len() + 1);
    // what was left out is the same as the Markdown's
    let md = report::markdown(&records, catalog(), &options).unwrap();
    assert_eq!(made.left_out, md.left_out);
    assert!(!made.left_out.is_empty());

    // no inspector, private reference or withheld person anywhere in the file
    let all: String = [
        "xl/sharedStrings.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ]
    .iter()
    .map(|p| part(&made.bytes, p))
    .chain((1..=3).map(|i| part(&made.bytes, &format!("xl/worksheets/sheet{i}.xml"))))
    .collect();
    for (_, r) in selected.iter() {
        assert!(!all.contains(&r.inspector), "{}", r.inspector);
        for s in &r.sources {
            if !s.kind.is_material() {
                assert!(!all.contains(&s.reference), "{}", s.reference);
            }
        }
    }
    assert_frozen_and_filtered(&made.bytes, &sheets);
}

#[test]
fn cells_hold_text_as_typed_without_formulas_or_control_characters() {
    let mut records = round();
    let (_, r) = &mut records[0];
    let (_, answer) = r
        .answers
        .iter_mut()
        .find(|(_, a)| !a.notes.is_empty())
        .unwrap();
    answer.notes[0].text = "=HYPERLINK(\"http://x\")\u{1b}[2J\u{202e}".into();
    let bytes = workbook(&records, &Options::new(Lang::Zh, false, at(26, 9)));
    let sheets = read(&bytes);
    let (_, evidence) = &sheets[1];
    assert!(
        evidence
            .iter()
            .any(|row| row.contains(&"=HYPERLINK(\"http://x\")\u{fffd}[2J\u{fffd}".to_string()))
    );
    for i in 1..=4 {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(!xml.contains("<f>"), "a formula in sheet {i}");
    }
}

#[test]
fn english_sheet_names_and_headers() {
    let bytes = workbook(&round(), &Options::new(Lang::En, false, at(26, 9)));
    let sheets = read(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Problems", "Evidence", "Completion", "Clues to transfer"]
    );
    assert_eq!(sheets[0].1[0][0], "No.");
}

#[test]
fn an_empty_selection_of_problems_still_makes_every_sheet_with_its_header() {
    let mut records = round();
    for (_, r) in &mut records {
        r.answers.clear();
    }
    let mut options = Options::new(Lang::Zh, true, at(26, 9));
    options.signoffs = xuncha::testing::approve_all(&records, catalog());
    let bytes = workbook(&records, &options);
    let sheets = read(&bytes);
    assert_eq!(sheets.len(), 3);
    assert_eq!(sheets[0].1.len(), 1);
    assert_eq!(sheets[1].1.len(), 1);
    assert_frozen_and_filtered(&bytes, &sheets);
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("round");
    std::fs::create_dir(&data).unwrap();
    for (name, r) in round() {
        std::fs::write(data.join(name), r.to_toml().unwrap()).unwrap();
    }
    // signed and reported, so the feedback version is gated open
    xuncha::testing::write_approvals(&data, catalog());
    dir
}

fn xuncha(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(XUNCHA)
        .args(args)
        .env("XUNCHA_DATA_DIR", dir.join("data"))
        .env("XUNCHA_CONFIG_DIR", dir.join("config"))
        .env_remove("XUNCHA_LANG")
        .output()
        .unwrap()
}

#[test]
fn the_command_needs_o_never_overwrites_without_force_and_writes_mode_0600() {
    let dir = demo_dir();
    let data = dir.path().join("round");
    let data = data.to_str().unwrap();
    let out = dir.path().join("巡察.xlsx");
    let o = out.to_str().unwrap();

    let without = xuncha(dir.path(), &["report", data, "--format", "xlsx"]);
    assert!(!without.status.success());
    assert!(without.stdout.is_empty());
    assert!(String::from_utf8_lossy(&without.stderr).contains("-o"));

    let first = xuncha(dir.path(), &["report", data, "--format", "xlsx", "-o", o]);
    assert!(first.status.success(), "{first:?}");
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(read(&bytes).len(), 4);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );

    std::fs::write(&out, b"keep").unwrap();
    let again = xuncha(
        dir.path(),
        &["report", data, "--format", "xlsx", "--redact", "-o", o],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep");

    let forced = xuncha(
        dir.path(),
        &[
            "report",
            data,
            "--format",
            "xlsx",
            "--redact",
            "--unit",
            "计算机学院",
            "--force",
            "-o",
            o,
        ],
    );
    assert!(forced.status.success(), "{forced:?}");
    assert_eq!(read(&std::fs::read(&out).unwrap()).len(), 3);
}

#[test]
fn a_note_on_a_look_is_listed_with_the_looks_rolled_up_state() {
    // An earlier version let a note and a state be written on a look; the state shown beside
    // the note is the look's rolled-up one (nothing under it checked: 未查), not the stored one.
    let r =
        xuncha::testing::record_with_a_note_on_a_look(catalog(), xuncha::model::Status::Problem);
    let records = vec![(PathBuf::from("第三轮_计算机学院_张三.toml"), r)];
    let sheets = read(&workbook(
        &records,
        &Options::new(Lang::Zh, false, at(26, 9)),
    ));
    let (_, rows) = &sheets[1];
    let status = rows[0]
        .iter()
        .position(|h| h == "状态")
        .expect("a 状态 column");
    let row = rows
        .iter()
        .find(|row| row.iter().any(|c| c == "班子议事记录缺 3 次"))
        .expect("the note is listed");
    assert_eq!(row[status], "未查", "{row:?}");
}
