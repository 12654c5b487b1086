//! The records the benchmarks (and `examples/undo_memory.rs`) share: every built-in item
//! answered, evidence notes spread over them, 12 sources, built by
//! `xuncha::testing::full_record`.

use xuncha::model::{Catalog, Note, Record, Timestamp};

/// [`xuncha::testing::full_record`] with 500 notes (about 190 KB), made now.
#[allow(dead_code)]
pub fn full_record(catalog: &Catalog) -> Record {
    record_with_notes(catalog, 500)
}

/// Every built-in item answered and `notes` evidence notes spread over them (5,000 make a file
/// of about 2 MB), made now.
#[allow(dead_code)]
pub fn record_with_notes(catalog: &Catalog, notes: usize) -> Record {
    xuncha::testing::full_record(catalog, notes, Timestamp::now())
}

/// A large record: every built-in item answered (as [`full_record`]) and `notes` evidence
/// notes of about 110 Chinese characters each, spread over the items, each one different (so
/// no answer's text repeats another's). 5,000 notes make about 2.2 MB of TOML.
#[allow(dead_code)] // not every bench uses it
pub fn large_record(catalog: &Catalog, notes: u32) -> Record {
    let mut r = full_record(catalog);
    for a in r.answers.values_mut() {
        a.notes.clear();
    }
    let keys: Vec<String> = r.answers.keys().cloned().collect();
    let now = r.created;
    for k in 0..notes {
        let key = &keys[k as usize % keys.len()];
        if let Some(a) = r.answers.get_mut(key) {
            a.notes.push(Note {
                id: k + 1,
                at: now,
                source: format!("T{:02}", k % 12 + 1),
                text: format!(
                    "第{k}条：2025年3月12日印发的上级重要文件，学院党委5月13日才首次传达学习，\
                     会议记录无研究落实措施。\n谈话对象称：会前未征求意见，\
                     会后未形成纪要，经费报销凭证共{} 张，金额 {} 元。",
                    k % 37 + 3,
                    (k * 7919) % 100_000
                ),
                people: "学院党委书记".into(),
                figures: format!("滞后 {} 天", k % 90 + 1),
            });
        }
    }
    r
}
