//! The string tables: one language per message, every sentence composed for any count.

use super::*;

/// Punctuation that belongs to Chinese text only.
const FULL_WIDTH: [char; 8] = ['：', '（', '）', '，', '；', '。', '、', '！'];

/// Every composed sentence of a table, for a count of `n`.
fn sentences(s: &Strings, n: usize) -> Vec<String> {
    let days = i64::try_from(n).unwrap();
    vec![
        (s.error)(&"x"),
        (s.records_in)(&"/d"),
        (s.failed_to_load)(&"/d/a.toml"),
        s.created.to_string(),
        (s.orphans)(n),
        (s.cl_valid)("a.toml", "id", "1", n),
        (s.cl_invalid)(n),
        (s.unknown_checklist)("zz", "a, b"),
        (s.must_not_be_empty)(s.unit),
        (s.missing_template)("zz"),
        (s.stale_note)(days),
        (s.demo.written)(n, n, &"/d"),
        (s.report.counts)(n, n),
        (s.report.stale)(u32::try_from(n).unwrap()),
        (s.report.items_count)(n),
        (s.report.written)(&"/d/r.md"),
        (s.report.redact_many_units)(n),
        s.report.feedback_incomplete.to_string(),
    ]
}

/// Some sentences of the sign-off and ledger tables, in `lang`.
fn signoff_sentences(lang: Lang) -> Vec<String> {
    let (st, r) = (lang.signoff(), lang.rectify());
    vec![
        (st.already_fed_back_rest)("U", &"2026-11-25", "A, B"),
        (st.fed_back_waiting)("A"),
        st.none_settled.to_string(),
        (r.changed_after_feedback)("R3", "U", &"2026-11-25"),
        (r.missing_headers)("「键」"),
        (r.not_xlsx)("Zip error"),
    ]
}

#[test]
fn the_sign_off_and_ledger_sentences_are_in_one_language() {
    for line in signoff_sentences(Lang::En) {
        assert!(!line.contains(FULL_WIDTH), "{line}");
    }
    for line in signoff_sentences(Lang::Zh) {
        assert!(!line.contains(": ") && !line.contains(" ("), "{line}");
        assert!(!line.contains("Zip"), "{line}");
        // 「」 quote a name within the sentence: no blank beside them
        assert!(!line.contains(" 「") && !line.contains("」 "), "{line}");
    }
}

#[test]
fn english_sentences_have_no_chinese_punctuation_and_say_one_thing() {
    for n in [1, 2] {
        for line in sentences(&EN, n) {
            assert!(!line.contains(FULL_WIDTH), "{line}");
        }
    }
    let one = sentences(&EN, 1).join("\n");
    for plural in [
        "1 answers",
        "1 items",
        "1 records",
        "1 units",
        "1 days",
        "1 checklist templates",
    ] {
        assert!(!one.contains(plural), "{plural} in\n{one}");
    }
    let two = sentences(&EN, 2).join("\n");
    for plural in ["2 answers", "2 items", "2 records", "2 units", "2 days"] {
        assert!(two.contains(plural), "{plural} not in\n{two}");
    }
    assert_eq!(
        (EN.orphans)(1),
        "1 answer whose checklist item no longer exists (kept)"
    );
    assert_eq!(
        (EN.orphans)(3),
        "3 answers whose checklist item no longer exist (kept)"
    );
}

#[test]
fn chinese_sentences_use_full_width_punctuation() {
    for line in sentences(&ZH, 2) {
        assert!(!line.contains(": ") && !line.contains(" ("), "{line}");
    }
    assert_eq!(
        (ZH.demo.written)(8, 4, &"/d"),
        "已写入示例巡察轮次（8 份记录，4 个单位）：/d"
    );
    assert_eq!((ZH.must_not_be_empty)(ZH.unit), "单位不能为空");
}

#[test]
fn plural_is_singular_for_one_only() {
    assert_eq!(plural(1_usize, "a", "b"), "a");
    assert_eq!(plural(-1_i64, "a", "b"), "a");
    for n in [0_i64, 2, 11, 21, i64::MAX] {
        assert_eq!(plural(n, "a", "b"), "b");
    }
    assert_eq!(plural(usize::MAX, "a", "b"), "b");
}
