//! The plain-text completion table of `xuncha status` and of the command-line home listing:
//! one row per record, a total row for each unit with several records, and notes below it.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::model::review::{Review, ReviewOptions};
use crate::model::{Catalog, Record, TemplateProgress, Timestamp};
use crate::text;

/// What the table shows.
#[derive(Debug, Clone, Copy)]
pub struct StatusOptions {
    pub lang: Lang,
    /// The reference point for stale records.
    pub now: Timestamp,
    /// See [`ReviewOptions::stale_days`].
    pub stale_days: u32,
    /// Lines below the table for records with orphaned answers, templates the catalog lacks,
    /// or no change for `stale_days` days (`status` has them, the home listing does not).
    pub with_notes: bool,
}

/// Widest a cell of the table is drawn, in terminal columns (longer text is cut).
const CELL_WIDTH: usize = 30;

/// The completion table of `records` (already loaded; see [`crate::store::load_round`]), in
/// the order of the review: units, then their records. Every figure comes from [`Review`], so
/// the table agrees with the report and the review screen. An item is done for a unit when
/// any of its inspectors checked it. A cell is `done/total percent%`, `-` for a template the
/// record does not use and `?` for one it uses that the catalog lacks.
pub fn status(records: &[(PathBuf, Record)], catalog: &Catalog, options: &StatusOptions) -> String {
    let s = options.lang.strings();
    let review = Review::build(
        records,
        catalog,
        &ReviewOptions {
            now: options.now,
            stale_days: options.stale_days,
        },
    );
    let cell = |p: Option<&TemplateProgress>| match p {
        None => "-".to_string(),
        Some(p) if p.missing => "?".to_string(),
        Some(p) => format!("{}/{} {}%", p.done, p.total, p.percent()),
    };
    let mut header = vec![
        s.unit.to_string(),
        s.round.to_string(),
        s.inspector.to_string(),
    ];
    header.extend(review.columns.iter().map(|(_, title)| title.clone()));
    header.extend([
        s.total.to_string(),
        s.problems.to_string(),
        s.doubts.to_string(),
        s.last_change.to_string(),
    ]);
    let mut rows = vec![header];
    let mut notes = String::new();
    for unit in &review.units {
        for &ri in &unit.records {
            let r = &review.records[ri];
            let sum = &r.summary;
            let mut row = vec![r.unit.clone(), r.round.clone(), r.inspector.clone()];
            for (id, _) in &review.columns {
                row.push(cell(sum.per_template.iter().find(|p| &p.id == id)));
            }
            row.push(format!("{}/{} {}%", sum.done, sum.total, sum.percent()));
            row.push(sum.problems.to_string());
            row.push(sum.doubts.to_string());
            row.push(r.updated.to_string());
            rows.push(row);
            if options.with_notes {
                let path = r.path.display();
                if sum.orphans > 0 {
                    notes.push_str(&format!("{path}: {}\n", (s.orphans)(sum.orphans)));
                }
                for p in sum.per_template.iter().filter(|p| p.missing) {
                    notes.push_str(&format!("{path}: {}\n", (s.missing_template)(&p.id)));
                }
                if r.stale {
                    notes.push_str(&format!("{path}: {}\n", (s.stale_note)(r.idle_days)));
                }
            }
        }
        if unit.records.len() > 1 {
            let mut row = vec![
                unit.key.unit.clone(),
                unit.key.round.clone(),
                s.unit_total.to_string(),
            ];
            for (id, _) in &review.columns {
                row.push(cell(unit.per_template.iter().find(|p| &p.id == id)));
            }
            row.push(format!("{}/{} {}%", unit.done, unit.total, unit.percent()));
            row.push(unit.problems.to_string());
            row.push(unit.doubts.to_string());
            row.push(String::new());
            rows.push(row);
        }
    }
    // Unit, round and inspector names come from the records: no control character reaches
    // the terminal.
    for cell in rows.iter_mut().flatten() {
        if let std::borrow::Cow::Owned(clean) = super::sanitize(cell) {
            *cell = clean;
        }
    }
    let mut out = String::new();
    if review.samples > 0 {
        out.push_str(&(s.sample_notice)(review.samples, review.records.len()));
        out.push_str("\n\n");
    }
    out.push_str(&text::table(&rows, CELL_WIDTH));
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&super::sanitize(&notes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::testing::{answer, at, catalog_of, record};

    const T: &str = r#"
id = "t"
title = "清单甲"
version = "1"
[[sections]]
id = "s"
title = "部分"
[[sections.items]]
id = "a"
text = "甲？"
guide = "g"
methods = ["documents"]
category = "leadership"
[[sections.items]]
id = "b"
text = "乙？"
guide = "g"
methods = ["documents"]
category = "leadership"
"#;

    fn options(lang: Lang, with_notes: bool) -> StatusOptions {
        StatusOptions {
            lang,
            now: at(26, 18),
            stale_days: 7,
            with_notes,
        }
    }

    fn round() -> (Catalog, Vec<(PathBuf, Record)>) {
        let catalog = catalog_of(T, &T.replace("\"t\"", "\"u\"").replace("清单甲", "清单乙"));
        let templates: Vec<_> = catalog.templates().take(1).collect();
        let mut a = record("计算机学院", "张三", &templates, at(1, 9));
        a.updated = at(25, 9);
        a.answers
            .insert("t/a".into(), answer(Status::Problem, vec![], None));
        a.answers
            .insert("t/gone".into(), answer(Status::NoProblem, vec![], None));
        let all: Vec<_> = catalog.templates().collect();
        let mut b = record("计算机学院", "李四", &all, at(1, 9));
        b.updated = at(2, 9);
        b.answers
            .insert("t/b".into(), answer(Status::NoProblem, vec![], None));
        let r = |n: &str| PathBuf::from(format!("/巡察/{n}.toml"));
        (catalog, vec![(r("a"), a), (r("b"), b)])
    }

    #[test]
    fn records_a_unit_total_and_notes() {
        let (catalog, records) = round();
        let text = status(&records, &catalog, &options(Lang::Zh, true));
        let lines: Vec<&str> = text.lines().collect();
        // header, two records, the unit total, a blank line, the notes
        assert!(lines[0].contains("单位") && lines[0].contains("清单甲"));
        assert!(lines[0].contains("清单乙"), "{text}");
        let row = |who: &str| *lines.iter().find(|l| l.contains(who)).unwrap();
        assert!(row("张三").contains("1/2 50%"), "{text}");
        assert!(
            row("张三").contains(" - "),
            "a template the record does not use: {text}"
        );
        assert!(row("单位合计").contains("2/2 100%"), "{text}");
        assert!(text.contains("/巡察/a.toml: 1 条答复的清单项已不存在（已保留）"));
        assert!(text.contains("/巡察/b.toml: 24 天未更新"), "{text}");
        assert!(!status(&records, &catalog, &options(Lang::Zh, false)).contains("/巡察/"));
    }

    /// Sample records are said to be samples above the table: all of them, or how many.
    #[test]
    fn sample_records_are_said_to_be_samples() {
        let (catalog, mut records) = round();
        let plain = status(&records, &catalog, &options(Lang::Zh, false));
        assert!(!plain.contains("示例"), "{plain}");
        records[0].1.sample = true;
        let some = status(&records, &catalog, &options(Lang::Zh, false));
        assert!(
            some.starts_with("含示例数据：2 份记录中有 1 份由 xuncha demo 生成"),
            "{some}"
        );
        records[1].1.sample = true;
        let all = status(&records, &catalog, &options(Lang::En, false));
        assert!(
            all.starts_with("Sample data, made by xuncha demo: not a real inspection\n\n"),
            "{all}"
        );
    }

    #[test]
    fn english_has_no_chinese_punctuation_and_says_one_answer() {
        let (catalog, records) = round();
        let text = status(&records, &catalog, &options(Lang::En, true));
        assert!(
            text.contains("/巡察/a.toml: 1 answer whose checklist item no longer exists (kept)"),
            "{text}"
        );
        assert!(text.contains("not changed for 24 days"), "{text}");
        assert!(text.contains("(unit total)"));
        assert!(!text.contains(['：', '（', '）', '，']), "{text}");
    }
}
