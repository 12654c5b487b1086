//! A full record shared by the benchmarks (and `examples/undo_memory.rs`): every built-in item
//! answered, 500 evidence notes (or any number), 12 sources.

use xuncha::model::template::answer_key;
use xuncha::model::{
    Answer, Catalog, Finding, Note, Record, Source, SourceKind, Status, Timestamp,
};

#[allow(dead_code)]
pub fn full_record(catalog: &Catalog) -> Record {
    record_with_notes(catalog, 500)
}

/// Every built-in item answered and `notes` evidence notes spread over them (5,000 make a file
/// of about 2.2 MB).
pub fn record_with_notes(catalog: &Catalog, notes: u32) -> Record {
    let templates: Vec<_> = catalog.templates().collect();
    let now = Timestamp::now();
    let mut r = Record::new(
        "计算机学院",
        "第三轮",
        "第二巡察组",
        "张三",
        &templates,
        now,
    );
    for i in 0..12 {
        r.sources.push(Source {
            code: format!("T{:02}", i + 1),
            kind: SourceKind::Interview,
            reference: format!("与第{i}位干部个别谈话"),
            at: Some(now),
        });
    }
    let keys: Vec<String> = catalog
        .templates()
        .flat_map(|t| {
            t.items()
                .map(|(_, i)| answer_key(&t.id, &i.id))
                .collect::<Vec<_>>()
        })
        .collect();
    for (n, key) in keys.iter().enumerate() {
        let status = [
            Status::NoProblem,
            Status::Problem,
            Status::Doubt,
            Status::NotApplicable,
        ][n % 4];
        r.answers.insert(
            key.clone(),
            Answer {
                status,
                updated: Some(now),
                notes: Vec::new(),
                finding: status.has_finding().then(|| Finding {
                    statement: "2025年学院党委传达学习上级重要文件平均滞后40天以上，最长62天。"
                        .into(),
                    ..Finding::default()
                }),
            },
        );
    }
    for k in 0..notes {
        let key = &keys[k as usize % keys.len()];
        if let Some(a) = r.answers.get_mut(key) {
            a.notes.push(Note {
                id: k + 1,
                at: now,
                source: format!("T{:02}", k % 12 + 1),
                text: "2025年3月12日印发的上级重要文件，学院党委5月13日才首次传达学习，会议记录无研究落实措施。\n谈话对象称：会前未征求意见。".into(),
                people: "学院党委书记".into(),
                figures: "滞后 62 天".into(),
            });
        }
    }
    r
}
