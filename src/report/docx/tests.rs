//! The DOCX documents unpacked: the layout values of GB/T 9704, the section order, the opening
//! counted from the sources, the worksheets, and the redaction proof.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use super::*;
use crate::i18n::Lang;
use crate::model::{Finding, Responsibility, SourceKind, Status};
use crate::report::tests::{catalog, marked_round, now, round};

/// Every part of the package by name, as text.
fn unpack(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        out.insert(f.name().to_string(), text);
    }
    out
}

/// The text of the runs, one paragraph a line.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut rest = para;
        while let Some(start) = rest.find("<w:t") {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            let tag = &after[..open_end];
            if !(tag == "<w:t" || tag.starts_with("<w:t ")) {
                rest = &after[open_end..];
                continue;
            }
            let body = &after[open_end + 1..];
            let end = body.find("</w:t>").unwrap_or(body.len());
            out.push_str(&body[..end]);
            rest = &body[end..];
        }
        out.push('\n');
    }
    out
}

/// The paragraphs of a document part, each as its properties (`<w:pPr>…</w:pPr>`, empty when
/// it has none) and its text.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for chunk in xml.split("</w:p>") {
        // the paragraph starts at its last opening tag (a chunk may begin with a table's end)
        let Some(start) = chunk.rfind("<w:p>").or_else(|| chunk.rfind("<w:p ")) else {
            continue;
        };
        let p = &chunk[start..];
        let props = match (p.find("<w:pPr>"), p.find("</w:pPr>")) {
            (Some(a), Some(b)) if a < b => &p[a..b + "</w:pPr>".len()],
            _ => "",
        };
        out.push((props.to_string(), text_of(p).trim().to_string()));
    }
    out
}

/// A title or a heading of the drafts: 「关于对…」, 「一、」…, 「（一）」….
fn is_heading(text: &str) -> bool {
    let mut chars = text.chars();
    let (first, second) = (chars.next(), chars.next());
    let numeral = |c: Option<char>| c.is_some_and(|c| "一二三四五六七八九十".contains(c));
    text.starts_with("关于对")
        || (numeral(first) && second == Some('、'))
        || (first == Some('（') && numeral(second))
}

/// The attributes of the first element named `name` (e.g. `w:pgMar`).
fn element<'a>(xml: &'a str, name: &str) -> &'a str {
    let start = xml
        .find(&format!("<{name} "))
        .unwrap_or_else(|| panic!("no {name}"));
    let end = xml[start..].find('>').unwrap() + start;
    &xml[start..end]
}

/// The document of `name` among a round's documents (one per unit, in reading order).
fn unit<'a>(files: &'a [DocxFile], name: &str) -> &'a DocxFile {
    files
        .iter()
        .find(|f| f.unit == name)
        .unwrap_or_else(|| panic!("no document of {name}"))
}

fn report_files(redact: bool) -> DocxReport {
    let options = crate::testing::report_options(&round(), &catalog(), Lang::Zh, redact, now());
    docx(&round(), &catalog(), &options, &DocxOptions::default()).unwrap()
}

#[test]
fn one_document_per_unit_named_after_it() {
    let r = report_files(false);
    let names: Vec<String> = r.files.iter().map(|f| f.file_name(false)).collect();
    assert_eq!(
        names,
        // units in reading order (pinyin): 后勤 before 计算机
        ["后勤管理处-巡察报告.docx", "计算机学院-巡察报告.docx"]
    );
    let f = unit(&r.files, "计算机学院");
    assert_eq!(f.file_name(true), "第三轮-计算机学院-巡察报告.docx");
    let odd = DocxFile {
        unit: "../a/b\u{7}".into(),
        ..(*f).clone()
    };
    assert_eq!(odd.file_name(false), "_a_b_-巡察报告.docx");
}

#[test]
fn the_page_follows_gb_t_9704() {
    let r = report_files(false);
    let parts = unpack(&unit(&r.files, "计算机学院").bytes);
    let doc = &parts["word/document.xml"];
    // 5.1 A4
    let size = element(doc, "w:pgSz");
    assert!(
        size.contains(r#"w:w="11906""#) && size.contains(r#"w:h="16838""#),
        "{size}"
    );
    // 5.2.1 margins 37 / 28 / 35 / 26 mm
    let margin = element(doc, "w:pgMar");
    for want in [
        r#"w:top="2098""#,
        r#"w:left="1587""#,
        r#"w:bottom="1984""#,
        r#"w:right="1474""#,
    ] {
        assert!(margin.contains(want), "{want} in {margin}");
    }
    // 7.3.1 title: 方正小标宋简体 二号, centred
    assert!(doc.contains(r#"w:eastAsia="方正小标宋简体""#));
    assert!(doc.contains(r#"<w:sz w:val="44" />"#));
    assert!(doc.contains(r#"<w:jc w:val="center" />"#));
    // 7.3.3 body 仿宋_GB2312 三号, first line two characters, fixed 28 pt
    assert!(doc.contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(doc.contains(r#"<w:sz w:val="32" />"#));
    assert!(doc.contains(r#"w:firstLine="640""#));
    assert!(
        doc.contains(r#"w:line="560" w:lineRule="exact""#),
        "exact 28 pt"
    );
    // heading levels: 黑体, 楷体_GB2312
    assert!(doc.contains(r#"w:eastAsia="黑体""#));
    assert!(doc.contains(r#"w:eastAsia="楷体_GB2312""#));
    // fonts named, never embedded
    assert!(
        !parts.keys().any(|k| k.starts_with("word/fonts/")),
        "{:?}",
        parts.keys()
    );
    assert!(!parts.values().any(|x| x.contains("embedTrueTypeFonts")));
    // the default run font is the body's
    assert!(parts["word/styles.xml"].contains(r#"w:eastAsia="仿宋_GB2312""#));
}

#[test]
fn headings_and_titles_are_never_alone_at_the_bottom_of_a_page() {
    for redact in [false, true] {
        let r = report_files(redact);
        let doc = &unpack(&unit(&r.files, "计算机学院").bytes)["word/document.xml"];
        let ps = paragraphs(doc);
        let headings: Vec<&(String, String)> = ps.iter().filter(|(_, t)| is_heading(t)).collect();
        // the title, 一 to 四, at least one （一）
        assert!(headings.len() >= 6, "{ps:?}");
        for (props, text) in &headings {
            assert!(
                props.contains("<w:keepNext />") && props.contains("<w:keepLines />"),
                "{text}: {props}"
            );
        }
        // 一、 and （一） are on the first two levels of Word's outline
        let level = |t: &str| {
            let (props, _) = ps.iter().find(|(_, x)| x.starts_with(t)).unwrap();
            props.clone()
        };
        assert!(level("一、").contains(r#"<w:outlineLvl w:val="0" />"#));
        assert!(level("（一）").contains(r#"<w:outlineLvl w:val="1" />"#));
        // body paragraphs may break across pages
        let (props, _) = ps.iter().find(|(_, t)| t.starts_with("根据")).unwrap();
        assert!(
            !props.contains("keepLines") && !props.contains("keepNext"),
            "{props}"
        );
        // the signature never stands alone: the last paragraph, the blank line and the
        // sender are kept with the date
        let sender = ps.iter().position(|(_, t)| t == "第二巡察组").unwrap();
        let date = &ps[sender + 1];
        assert_eq!(date.1, "2026年11月26日");
        assert!(!date.0.contains("keepNext"));
        assert_eq!(ps[sender - 1].1, "");
        for (props, text) in &ps[sender - 2..=sender] {
            assert!(props.contains("<w:keepNext />"), "{text}: {props}");
        }
    }
}

/// 7.3.5.2: the date, longer than 「第二巡察组」, right-aligned 空二字; the sender's first
/// character two characters left of the date's.
#[test]
fn the_sender_and_the_date_follow_the_rule_for_documents_without_a_seal() {
    let r = report_files(false);
    let ps = paragraphs(&unpack(&unit(&r.files, "计算机学院").bytes)["word/document.xml"]);
    let right = |text: &str| {
        let (props, _) = ps.iter().find(|(_, t)| t == text).unwrap();
        assert!(props.contains(r#"<w:jc w:val="right" />"#), "{props}");
        props.clone()
    };
    // 「2026年11月26日」 is seven characters wide (digits are half), 「第二巡察组」 five
    assert!(right("2026年11月26日").contains(r#"w:right="640""#));
    assert!(right("第二巡察组").contains(r#"w:right="1920""#));
    // a sender longer than the date: the sender right 空二字, the date under it moved right
    assert_eq!(
        page::signature_insets("第二巡察组、第三巡察组", "2026年1月5日"),
        (640, 1600)
    );
}

#[test]
fn page_numbers_are_dashed_odd_right_even_left() {
    let r = report_files(false);
    let parts = unpack(&unit(&r.files, "计算机学院").bytes);
    let doc = &parts["word/document.xml"];
    assert!(
        doc.contains(r#"<w:footerReference w:type="default""#),
        "{doc}"
    );
    assert!(doc.contains(r#"<w:footerReference w:type="even""#));
    assert!(parts["word/settings.xml"].contains("<w:evenAndOddHeaders"));
    let footers: Vec<&String> = parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/footer"))
        .map(|(_, v)| v)
        .collect();
    assert_eq!(footers.len(), 2);
    let odd = footers
        .iter()
        .find(|f| f.contains(r#"<w:jc w:val="right" />"#))
        .expect("a right-aligned footer");
    let even = footers
        .iter()
        .find(|f| f.contains(r#"<w:jc w:val="left" />"#))
        .expect("a left-aligned footer");
    for (f, inset) in [(odd, r#"w:right="280""#), (even, r#"w:left="280""#)] {
        assert!(f.contains("<w:instrText>PAGE</w:instrText>"), "{f}");
        assert!(f.contains(r#"<w:fldChar w:fldCharType="begin""#));
        assert!(f.contains(inset), "{inset} in {f}");
        // 4号宋体
        assert!(f.contains(r#"w:eastAsia="宋体""#) && f.contains(r#"<w:sz w:val="28" />"#));
        assert_eq!(text_of(f).trim(), "— 1 —");
    }
}

#[test]
fn the_report_has_its_sections_in_order_and_counts_the_work() {
    let r = report_files(false);
    let text = text_of(&unpack(&unit(&r.files, "计算机学院").bytes)["word/document.xml"]);
    let order = [
        "关于对计算机学院党委巡察情况的报告",
        "校党委巡察工作领导小组：",
        "根据校党委巡察工作统一部署，第二巡察组于2026年11月1日至2026年11月25日对计算机学院党委开展了巡察。",
        "一、基本情况和总体评价",
        "二、发现的主要问题",
        "（一）党的领导弱化方面",
        "1.第一议题制度落实不及时。",
        "（1）Z01（调阅资料，",
        "三、问题线索情况",
        "四、意见建议",
        "附件：1.问题清单",
        "第二巡察组",
        "2026年11月26日",
    ];
    let mut from = 0;
    for want in order {
        let at = text[from..]
            .find(want)
            .unwrap_or_else(|| panic!("{want} after byte {from} in\n{text}"));
        from += at + want.len();
    }
    // counted from the sources: T01, Z01 (张三) and C01 (李四)
    assert!(
        text.contains("巡察期间，个别谈话1人次，调阅资料1份，开展民主测评/问卷1份。"),
        "{text}"
    );
    // the full version names people, with the figures
    assert!(text.contains("涉及人员：学院党委书记"));
    assert!(text.contains("数据：抽查 12 份，9 份滞后"));
    // the doubt is marked, not hidden
    assert!(text.contains("（存疑待核）"), "{text}");
    // 后勤管理处: the clue is counted in 三, its details are not in 二
    let text = text_of(&unpack(&unit(&r.files, "后勤管理处").bytes)["word/document.xml"]);
    assert!(text.contains("巡察期间共发现问题线索1件"), "{text}");
    assert!(!text.contains("3 个项目参数指向同一品牌"), "{text}");
    assert!(text.contains("受理信访/反映线索1件，实地查看1处"), "{text}");
}

#[test]
fn the_addressee_and_the_deadline_are_configurable() {
    let d = DocxOptions {
        recipient: "学校党委".into(),
        deadline: "30日".into(),
    };
    let full = docx(
        &round(),
        &catalog(),
        &Options::new(Lang::Zh, false, now()),
        &d,
    )
    .unwrap();
    let text = text_of(&unpack(&unit(&full.files, "计算机学院").bytes)["word/document.xml"]);
    assert!(text.contains("\n学校党委：\n"), "{text}");
    let feedback = docx(
        &round(),
        &catalog(),
        &crate::testing::report_options(&round(), &catalog(), Lang::Zh, true, now()),
        &d,
    )
    .unwrap();
    let text = text_of(&unpack(&unit(&feedback.files, "后勤管理处").bytes)["word/document.xml"]);
    assert!(text.contains("请于收到本反馈意见后30日内"), "{text}");
}

#[test]
fn the_feedback_names_nobody_and_cites_no_source() {
    let r = report_files(true);
    assert_eq!(unit(&r.files, "计算机学院").kind, DocxKind::Feedback);
    // 计算机学院: the settled problem with its figures and basis; not its people, its
    // evidence or its sources; nothing of the doubt
    let text = text_of(&unpack(&unit(&r.files, "计算机学院").bytes)["word/document.xml"]);
    assert!(
        text.contains("关于对计算机学院党委巡察的反馈意见"),
        "{text}"
    );
    assert!(
        text.contains("1.第一议题制度落实不及时。2025 年传达学习上级文件平均滞后 40 天，最长 62 天。数据：抽查 12 份，9 份滞后。定性依据：第一议题制度。"),
        "{text}"
    );
    for never in [
        "学院党委书记",
        "Z01",
        "T01",
        "滞后 62 天",
        "张三",
        "李四",
        "谈心谈话",
        "存疑",
    ] {
        assert!(!text.contains(never), "{never} in\n{text}");
    }
    // 后勤管理处: the settled problem, without its people or its source
    let text = text_of(&unpack(&unit(&r.files, "后勤管理处").bytes)["word/document.xml"]);
    let order = [
        "后勤管理处党委：",
        "一、总体评价",
        "二、发现的主要问题",
        "（一）党的领导弱化方面",
        "1.公务接待。2 次接待无审批单 | 先接待后补批。",
        "三、整改意见建议",
        "四、整改要求",
        "请于收到本反馈意见后2个月内",
    ];
    let mut from = 0;
    for want in order {
        let at = text[from..]
            .find(want)
            .unwrap_or_else(|| panic!("{want} after byte {from} in\n{text}"));
        from += at + want.len();
    }
    for never in [
        "办公室主任",
        "K01",
        "实地查看车库",
        "王五",
        "涉及人员",
        "科长刘某",
    ] {
        assert!(!text.contains(never), "{never} in\n{text}");
    }
    assert!(!r.left_out.is_empty());
}

#[test]
fn no_planted_marker_reaches_a_feedback_document() {
    let (records, sensitive, safe) = marked_round();
    let options = crate::testing::report_options(&records, &catalog(), Lang::Zh, true, now());
    let r = docx(&records, &catalog(), &options, &DocxOptions::default()).unwrap();
    assert_eq!(r.files.len(), 3);
    let mut all = String::new();
    for f in &r.files {
        for (name, part) in unpack(&f.bytes) {
            for m in &sensitive {
                assert!(!part.contains(m.as_str()), "{m} in {name}");
            }
            all.push_str(&part);
        }
    }
    // what may show does (the check is not vacuous)
    for s in safe
        .iter()
        .filter(|s| s.contains("statement-") || s.contains("unit-"))
    {
        assert!(all.contains(s.as_str()), "{s} missing");
    }
}

#[test]
fn the_name_check_refuses_a_feedback_docx_as_every_format() {
    let mut records = round();
    // a shown statement naming the inspector of another record
    let (_, r) = &mut records[2];
    if let Some(f) = r
        .answers
        .get_mut("baxiang/approval")
        .and_then(|a| a.finding.as_mut())
    {
        f.statement = "李四说先接待后补批".into();
    }
    let options = crate::testing::report_options(&records, &catalog(), Lang::Zh, true, now());
    let err = docx(&records, &catalog(), &options, &DocxOptions::default()).unwrap_err();
    assert!(matches!(err, ReportError::Names(_)), "{err:?}");
}

#[test]
fn text_is_sanitised_and_escaped() {
    let mut records = round();
    let (_, r) = &mut records[0];
    if let Some(f) = r
        .answers
        .get_mut("sankan/rules")
        .and_then(|a| a.finding.as_mut())
    {
        f.statement = "a\u{1b}]0;x\u{7}<b>&amp;\u{202e}".into();
    }
    let options = Options::new(Lang::Zh, false, now());
    let rep = docx(&records, &catalog(), &options, &DocxOptions::default()).unwrap();
    let doc = &unpack(&unit(&rep.files, "计算机学院").bytes)["word/document.xml"];
    assert!(!doc.contains('\u{1b}') && !doc.contains('\u{7}') && !doc.contains('\u{202e}'));
    assert!(
        doc.contains("a\u{fffd}]0;x\u{fffd}&lt;b&gt;&amp;amp;\u{fffd}"),
        "{doc}"
    );
}

#[test]
fn worksheets_one_page_per_finding_never_a_leading_cadre() {
    let mut records = round();
    let (_, a) = &mut records[0];
    if let Some(f) = a
        .answers
        .get_mut("sankan/rules")
        .and_then(|x| x.finding.as_mut())
    {
        f.number = "三轮-计算机-001".into();
        f.process = "谈话中得知后调阅会议记录".into();
        f.responsibility = Some(Responsibility::Main);
    }
    a.answers.insert(
        "baxiang/procurement".into(),
        crate::model::Answer {
            status: Status::Problem,
            finding: Some(Finding {
                title: "校领导某某的线索".into(),
                statement: "CADRE-SECRET".into(),
                leading_cadre: true,
                transfer: true,
                ..Finding::default()
            }),
            ..Default::default()
        },
    );
    let options = Options::new(Lang::Zh, false, now());
    let r = worksheets(&records, &catalog(), &options).unwrap();
    assert_eq!(unit(&r.files, "计算机学院").kind, DocxKind::Worksheets);
    assert_eq!(
        unit(&r.files, "计算机学院").file_name(false),
        "计算机学院-问题底稿.docx"
    );
    let doc = &unpack(&unit(&r.files, "计算机学院").bytes)["word/document.xml"];
    let text = text_of(doc);
    // 张三's problem, 张三's doubt (no finding text: an empty sheet), 李四's doubt
    assert_eq!(text.matches("问题底稿").count(), 3, "{text}");
    assert_eq!(doc.matches(r#"<w:pageBreakBefore"#).count(), 2);
    for want in [
        "三轮-计算机-001",
        "第一议题制度落实不及时",
        "编制日期\n2026年11月26日",
        "调阅资料（Z01）；个别谈话（T01）",
        "谈话中得知后调阅会议记录",
        "学院党委书记（主要责任）",
        "党的领导弱化",
        // an internal document: the private reference of the source is listed
        "〔与学院党委书记周某谈话〕",
        "（未编号）sankan/life·李四",
        "编制人：",
        "复核人：",
        "审签人：",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
    assert!(
        !text.contains("CADRE-SECRET") && !text.contains("校领导某某"),
        "{text}"
    );
}

#[test]
fn dates_have_no_leading_zeros() {
    assert_eq!(date(crate::testing::at(5, 9)), "2026年11月5日");
}

#[test]
fn work_counts_count_a_shared_source_once() {
    let mut a = round().remove(0).1;
    let mut b = a.clone();
    b.sources.push(crate::model::Source {
        code: "T09".into(),
        kind: SourceKind::Interview,
        reference: "另一人".into(),
        at: None,
        role: None,
    });
    a.sources.push(crate::model::Source {
        code: "F01".into(),
        kind: SourceKind::Forum,
        reference: String::new(),
        at: None,
        role: None,
    });
    let c = WorkCounts::of([&a, &b]);
    assert_eq!((c.interviews, c.documents, c.forums), (2, 1, 1));
    assert_eq!(c.sentence(), "个别谈话2人次，召开座谈会1场，调阅资料1份");
}

#[test]
fn worksheets_carry_the_sign_off_and_blank_lines_where_there_is_none() {
    let records = round();
    let mut options = Options::new(Lang::Zh, false, now());
    let blank = worksheets(&records, &catalog(), &options).unwrap();
    let text = text_of(&unpack(&unit(&blank.files, "计算机学院").bytes)["word/document.xml"]);
    assert!(
        text.contains("编制人：　　　　　　　　日期：　　年　　月　　日"),
        "{text}"
    );

    options.signoffs = crate::testing::approve_all(&records, &catalog());
    let signed = worksheets(&records, &catalog(), &options).unwrap();
    let text = text_of(&unpack(&unit(&signed.files, "计算机学院").bytes)["word/document.xml"]);
    // approve_all signs on November 27, 2026 (Arabic numerals, no leading zero: GB/T 9704)
    assert!(
        text.contains("编制人：编制人　　　　日期：2026年11月27日"),
        "{text}"
    );
    assert!(text.contains("复核人：复核人"), "{text}");
    assert!(text.contains("审签人：审签人"), "{text}");
}

#[test]
fn documents_are_dated_when_made_not_in_1970() {
    let r = report_files(false);
    let parts = unpack(&unit(&r.files, "计算机学院").bytes);
    let core = &parts["docProps/core.xml"];
    // `now()` of these tests, in UTC
    let want = now()
        .0
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    assert!(
        core.contains(&format!(">{want}</dcterms:created>")),
        "{core}"
    );
    assert!(
        core.contains(&format!(">{want}</dcterms:modified>")),
        "{core}"
    );
    assert!(!core.contains("1970"), "{core}");
}
