//! The 问题线索移交清单: every finding marked for transfer, by receiving body, with what the
//! receiving body needs to act on it — a confidential internal document, made only in the full
//! version (`xuncha report --clues`, refused with `--redact`). Fields as
//! `shared/CHECKLIST-REVIEW.md` §3.4 lists them: 线索编号 · 来源 · 反映对象（职务） · 问题摘要 ·
//! 涉及纪律 · 已掌握材料 · 处置建议 · 接收单位 · 移交日期 · 反馈期限.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::model::review::Review;
use crate::model::{Receiver, Record};

/// The time the receiving body has to report back on a transferred clue: three months, as the
/// 2015 and 2017 巡视工作条例 set for 巡视 (未核 against the 2024 text and the school's own rules:
/// `shared/CHECKLIST-REVIEW.md` §3.4). Printed on every row; the office edits it where its
/// rules differ.
pub const FEEDBACK_LIMIT: &str = "移交之日起3个月内";

/// One clue to transfer.
#[derive(Debug, Clone, PartialEq)]
pub struct Clue {
    /// 线索编号: the finding's 编号, else `线索-N` in list order.
    pub number: String,
    pub round: String,
    pub unit: String,
    /// 来源: each cited source as `代号 类别：内容` (private references included).
    pub sources: Vec<String>,
    /// 反映对象（职务）: the finding's people.
    pub subject: String,
    /// 问题摘要: title, statement and figures.
    pub summary: String,
    /// 涉及纪律: the finding's 定性依据.
    pub discipline: String,
    /// 已掌握材料: each evidence note as `代号：text`.
    pub evidence: Vec<String>,
    /// 接收单位; `None`: not yet chosen (待定).
    pub receiver: Option<Receiver>,
    /// The receiver as the list names it (the named 职能部门 for a department).
    pub receiver_label: Option<String>,
    /// A clue about a leading cadre (领导干部问题线索).
    pub leading_cadre: bool,
}

/// The clues of `review` (built from `records`), by receiver in the order
/// [`Receiver::ALL`] (纪委 first), those not yet given one last, then by unit and item.
pub fn clue_list(review: &Review, records: &[(PathBuf, Record)], lang: Lang) -> Vec<Clue> {
    let mut out: Vec<(usize, usize, Clue)> = Vec::new();
    for (fi, f) in review.findings.iter().enumerate() {
        if !f.finding.transfer {
            continue;
        }
        let Some(row) = review.records.get(f.record) else {
            continue;
        };
        let record = records.get(row.index).map(|(_, r)| r);
        let mut sources: Vec<String> = Vec::new();
        let mut evidence: Vec<String> = Vec::new();
        for e in &f.evidence {
            let code = e.note.source.trim();
            let line = match record.and_then(|r| r.source(code)) {
                Some(s) if !s.reference.trim().is_empty() => {
                    format!("{} {}：{}", s.code, s.kind.label(lang), s.reference.trim())
                }
                Some(s) => format!("{} {}", s.code, s.kind.label(lang)),
                None if code.is_empty() => String::new(),
                None => code.to_string(),
            };
            if !line.is_empty() && !sources.contains(&line) {
                sources.push(line);
            }
            let text = e.note.text.trim();
            if !text.is_empty() {
                evidence.push(if code.is_empty() {
                    text.to_string()
                } else {
                    format!("{code}：{text}")
                });
            }
        }
        let fin = &f.finding;
        let summary = [fin.title.trim(), fin.statement.trim(), fin.figures.trim()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::Zh => "。",
                Lang::En => ". ",
            })
            .replace("。。", "。");
        let rank = fin
            .receiver
            .and_then(|r| Receiver::ALL.iter().position(|x| *x == r))
            .unwrap_or(Receiver::ALL.len());
        out.push((
            rank,
            fi,
            Clue {
                number: fin.number.trim().to_string(),
                round: row.round.clone(),
                unit: row.unit.clone(),
                sources,
                subject: fin.people.trim().to_string(),
                summary,
                discipline: fin.basis.trim().to_string(),
                evidence,
                receiver: fin.receiver,
                receiver_label: fin.receiver_label(lang),
                leading_cadre: fin.leading_cadre,
            },
        ));
    }
    // findings are already in unit and item order within the review
    out.sort_by_key(|(rank, fi, _)| (*rank, *fi));
    out.into_iter()
        .enumerate()
        .map(|(i, (_, _, mut c))| {
            if c.number.is_empty() {
                c.number = format!("线索-{}", i + 1);
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::review::ReviewOptions;
    use crate::model::{Finding, SourceKind, Status};
    use crate::testing::{answer, at, builtin_catalog, note, record, source};

    #[test]
    fn clues_come_by_receiver_with_their_sources_and_material() {
        let catalog = builtin_catalog();
        let mut a = record("计算机学院", "张三", &[], at(10, 9));
        a.sources
            .push(source("X01", SourceKind::Clue, "信访编号 2026-019"));
        a.sources
            .push(source("Z01", SourceKind::Documents, "采购合同台账"));
        let clue = |title: &str, receiver| Finding {
            title: title.into(),
            statement: "反映收受回扣".into(),
            people: "采购科科长刘某".into(),
            basis: "《中国共产党纪律处分条例》".into(),
            transfer: true,
            receiver,
            ..Finding::default()
        };
        a.answers.insert(
            "yigang-shuangze/procurement".into(),
            answer(
                Status::Problem,
                vec![
                    note(1, "X01", "来信反映刘某收受回扣", "", ""),
                    note(2, "Z01", "参数指向同一品牌", "", ""),
                ],
                Some(clue("采购问题", Some(Receiver::Organization))),
            ),
        );
        a.answers.insert(
            "zhengzhi-jilv/first-topic".into(),
            answer(
                Status::Problem,
                vec![],
                Some(clue("另一线索", Some(Receiver::Discipline))),
            ),
        );
        a.answers.insert(
            "baxiang-guiding/reception".into(),
            answer(Status::Problem, vec![], Some(clue("待定线索", None))),
        );
        a.answers.insert(
            "baxiang-guiding/travel-expense".into(),
            answer(
                Status::Problem,
                vec![],
                Some(Finding {
                    title: "不是线索".into(),
                    ..Finding::default()
                }),
            ),
        );
        let records = vec![(PathBuf::from("a.toml"), a)];
        let review = Review::build(&records, &catalog, &ReviewOptions::new(at(20, 9)));
        let list = clue_list(&review, &records, Lang::Zh);
        let titles: Vec<&str> = list
            .iter()
            .map(|c| c.summary.split('。').next().unwrap())
            .collect();
        assert_eq!(titles, ["另一线索", "采购问题", "待定线索"]);
        assert_eq!(
            list[0].receiver_label.as_deref(),
            Some("纪委（纪检监察机构）")
        );
        assert_eq!(list[2].receiver_label, None);
        assert_eq!(list[1].number, "线索-2");
        assert_eq!(
            list[1].sources,
            [
                "X01 反映线索：信访编号 2026-019",
                "Z01 调阅资料：采购合同台账"
            ]
        );
        assert_eq!(list[1].evidence[0], "X01：来信反映刘某收受回扣");
        assert_eq!(list[1].subject, "采购科科长刘某");
        assert_eq!(list[1].discipline, "《中国共产党纪律处分条例》");
    }
}
