//! Signing and settling on the review screen: the forms, the effects they ask for, the
//! runtime carrying them out on a data folder (the demo round written to a temporary one),
//! refusals and what was done on the status line, the milestones, snapshots.

use crossterm::event::KeyCode;

use super::{
    App, catalog, ctrl, demo_dir, fixed_time, keys, press, review_app, review_app_in, review_of,
    review_of_mut, screen,
};
use crate::i18n::Lang;
use crate::i18n::signoff::refusal;
use crate::model::review::Entry;
use crate::model::signoff::{Decision, LeaderFile, Milestone, Refusal, SignoffFile, Step};
use crate::model::{Record, Status};
use crate::store::signoff::{leader_path, signoff_path, update_leader};
use crate::tui::effect::{Effect, Shown};
use crate::tui::keymap::Mode;
use crate::tui::review::{Row, SettleField, SignField, Tab};

/// A finding that may be signed: a problem nobody disputes.
fn plain(e: &Entry) -> bool {
    e.status == Status::Problem && !e.disputed
}

/// Go to the findings tab and select the `nth` entry `pick` accepts, in the order listed;
/// its index into `review.entries`.
fn select_entry(a: &mut App, nth: usize, pick: impl Fn(&Entry) -> bool) -> usize {
    while review_of(a).tab != Tab::Findings {
        press(a, KeyCode::Tab);
    }
    let target = review_of(a)
        .rows()
        .into_iter()
        .filter_map(|r| match r {
            Row::Entry(e) if pick(&review_of(a).review.entries[e]) => Some(e),
            _ => None,
        })
        .nth(nth)
        .expect("the demo has such a finding");
    keys(a, "g");
    while review_of(a).selected_row() != Some(Row::Entry(target)) {
        keys(a, "j");
    }
    target
}

/// Go to the coverage tab and select its first disagreement.
fn select_disagreement(a: &mut App) {
    while review_of(a).tab != Tab::Coverage {
        press(a, KeyCode::Tab);
    }
    keys(a, "g");
    while !matches!(review_of(a).selected_row(), Some(Row::Disagreement(_))) {
        keys(a, "j");
    }
}

/// Carry the effects out as the runtime does (at the fixed time).
fn run(a: &mut App, effects: Vec<Effect>) {
    for e in effects {
        crate::tui::review_write(review_of_mut(a), &catalog(), &e, fixed_time());
    }
}

fn message(a: &App) -> (String, bool) {
    review_of(a).message.clone().expect("a message")
}

fn signoffs_of(dir: &std::path::Path, round: &str, signer: &str) -> Option<SignoffFile> {
    let path = signoff_path(dir, round, signer);
    let text = std::fs::read_to_string(path).ok()?;
    Some(SignoffFile::parse("signoff", &text).unwrap())
}

fn leader_of(dir: &std::path::Path, round: &str) -> Option<LeaderFile> {
    let text = std::fs::read_to_string(leader_path(dir, round)).ok()?;
    Some(LeaderFile::parse("leader", &text).unwrap())
}

/// The record file of the first finding of entry `e`, with its finding's statement changed
/// on disk (as an inspector's save would).
fn edit_on_disk(a: &App, e: usize) {
    let r = &review_of(a).review;
    let f = &r.findings[r.entries[e].findings[0]];
    let path = r.records[f.record].path.clone();
    let mut record: Record = crate::store::load_record(&path).unwrap();
    let answer = record.answers.get_mut(&f.item.key).unwrap();
    answer
        .finding
        .as_mut()
        .unwrap()
        .statement
        .push_str("（补充核实）");
    crate::store::save_record(&path, &record).unwrap();
}

#[test]
fn the_sign_form_asks_for_the_sign_off_and_the_runtime_records_it() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::Zh);
    let e = select_entry(&mut a, 0, plain);
    let sign = review_of(&a).sign_of(e).unwrap().clone();
    assert!(press(&mut a, KeyCode::Char('s')).is_empty());
    assert_eq!(a.mode(), Mode::Form);
    let form = &review_of(&a).form.as_ref().unwrap().form;
    assert_eq!(form.choice(SignField::Step), 0, "编制 first");
    assert!(form.title.contains(&sign.key), "{}", form.title);
    // no signer: the form stays and says so
    assert!(ctrl(&mut a, 's').is_empty());
    assert_eq!(a.mode(), Mode::Form);
    assert_eq!(message(&a), ("请填写签名人".to_string(), true));
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "张三");
    let effects = ctrl(&mut a, 's');
    assert_eq!(
        effects,
        vec![Effect::Sign {
            round: "第三轮".into(),
            keys: vec![Shown {
                key: sign.key.clone(),
                hash: sign.hash.clone(),
            }],
            step: Step::Draft,
            signer: "张三".into(),
        }]
    );
    assert_eq!(a.mode(), Mode::Review);
    assert!(
        signoffs_of(dir.path(), "第三轮", "张三").is_none(),
        "nothing is written before the runtime carries the effect out"
    );
    run(&mut a, effects);
    let file = signoffs_of(dir.path(), "第三轮", "张三").expect("the signer's file");
    assert_eq!(file.signer, "张三");
    assert_eq!(file.signoffs.len(), 1);
    let s = &file.signoffs[0];
    assert_eq!(
        (&s.key, s.step, &s.hash),
        (&sign.key, Step::Draft, &sign.hash)
    );
    assert_eq!(s.at, fixed_time());
    // The review is read again and shows it; the status line says what was done.
    assert!(review_of(&a).sign_of(e).unwrap().step(Step::Draft).counts());
    assert_eq!(message(&a), (format!("已编制：{}", sign.key), false));
    let shown = screen(&a, 160, 48);
    assert!(shown.contains(&format!("已编制：{}", sign.key)), "{shown}");
    assert!(shown.contains("编制：张三 2026-11-26"), "{shown}");
    // The next sign-off: the signer offered again, the next step first.
    keys(&mut a, "s");
    let form = &review_of(&a).form.as_ref().unwrap().form;
    assert_eq!(form.choice(SignField::Step), 1, "复核 next");
    assert_eq!(form.text(SignField::Signer), "张三");
    // The same person for 复核: refused by the form, which stays open, said in the UI's
    // language, nothing written.
    assert!(ctrl(&mut a, 's').is_empty());
    assert_eq!(a.mode(), Mode::Form);
    let said = refusal(
        &Refusal::SameSigner {
            key: sign.key.clone(),
            other: Step::Draft,
        },
        Lang::Zh,
    );
    assert_eq!(message(&a), (said.clone(), true));
    let shown = screen(&a, 160, 48);
    assert!(shown.contains(&said), "{shown}");
    // at 80 columns the sentence does not fit the status line: it is shown whole, wrapped, in
    // a box standing on it
    let narrow = screen(&a, 80, 24);
    let joined: String = narrow
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect();
    assert!(
        joined.contains(&said.replace(' ', "")) || joined.contains(&said),
        "{narrow}"
    );
    assert_eq!(
        signoffs_of(dir.path(), "第三轮", "张三")
            .unwrap()
            .signoffs
            .len(),
        1
    );
    // The message goes at the next key.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Review);
    keys(&mut a, "j");
    assert!(review_of(&a).message.is_none());
}

#[test]
fn a_refusal_is_said_in_english_and_writes_nothing() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::En);
    let e = select_entry(&mut a, 1, plain);
    let key = review_of(&a).sign_of(e).unwrap().key.clone();
    keys(&mut a, "s");
    // 审签 before anything
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Right);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "Wang");
    // refused by the form, which stays open for another step
    assert!(ctrl(&mut a, 's').is_empty());
    assert_eq!(a.mode(), Mode::Form);
    let (said, error) = message(&a);
    assert!(error);
    assert_eq!(
        said,
        refusal(
            &Refusal::NeedsPrevious {
                key: key.clone(),
                step: Step::Check
            },
            Lang::En
        )
    );
    assert!(said.contains("not yet checked"), "{said}");
    let rest = said.replace(&key, "");
    assert!(!rest.contains(['：', '（', '）', '，', '。']), "{said}");
    assert!(signoffs_of(dir.path(), "第三轮", "Wang").is_none());
    // the row's state in English
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "y");
    let shown = screen(&a, 160, 48);
    assert!(shown.contains("unsigned"), "{shown}");
    // the list's group headings and the finding's detail: English brackets, never Chinese
    assert!(!shown.contains('【'), "{shown}");
    press(&mut a, KeyCode::Enter);
    let detail = screen(&a, 160, 48);
    assert!(detail.contains("[Sign-off]"), "{detail}");
    assert!(!detail.contains('【'), "{detail}");
}

#[test]
fn esc_on_a_changed_sign_form_asks_before_dropping_the_name() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::Zh);
    select_entry(&mut a, 0, plain);
    // nothing typed: Esc closes at once
    keys(&mut a, "s");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Review);
    // a name typed: Esc asks; any answer but y goes back with the name kept
    keys(&mut a, "s");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "张三");
    assert!(press(&mut a, KeyCode::Esc).is_empty());
    assert_eq!(a.mode(), Mode::Confirm);
    let shown = screen(&a, 80, 24);
    assert!(shown.contains("放弃"), "{shown}");
    keys(&mut a, "x");
    assert_eq!(
        a.mode(),
        Mode::Confirm,
        "a key that is no answer is not typed"
    );
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.mode(), Mode::Form);
    let form = &review_of(&a).form.as_ref().unwrap().form;
    assert_eq!(form.text(SignField::Signer), "张三");
    // y drops the form and the name; nothing is signed, nothing remembered
    press(&mut a, KeyCode::Esc);
    assert!(press(&mut a, KeyCode::Char('y')).is_empty());
    assert_eq!(a.mode(), Mode::Review);
    keys(&mut a, "s");
    let form = &review_of(&a).form.as_ref().unwrap().form;
    assert_eq!(form.text(SignField::Signer), "");
}

#[test]
fn what_refuses_any_signer_is_said_before_the_form_opens() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::Zh);
    // 存疑待核: nothing to sign yet
    let e = select_entry(&mut a, 0, |e| e.status == Status::Doubt);
    let key = review_of(&a).sign_of(e).unwrap().key.clone();
    assert!(press(&mut a, KeyCode::Char('s')).is_empty());
    assert_eq!(a.mode(), Mode::Review);
    assert_eq!(
        message(&a),
        (refusal(&Refusal::Doubt { key }, Lang::Zh), true)
    );
}

#[test]
fn the_settle_form_records_the_leaders_decision_on_the_coverage_tab() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::Zh);
    select_disagreement(&mut a);
    let Some(Row::Disagreement(d)) = review_of(&a).selected_row() else {
        unreachable!()
    };
    let e = review_of(&a).entry_of_disagreement(d).unwrap();
    let sign = review_of(&a).sign_of(e).unwrap().clone();
    keys(&mut a, "r");
    assert_eq!(a.mode(), Mode::Form);
    let form = &review_of(&a).form.as_ref().unwrap().form;
    assert_eq!(form.choice(SettleField::Decision), 0, "认定为问题 first");
    // no reason: refused by the form
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "王组长");
    assert!(ctrl(&mut a, 's').is_empty());
    assert_eq!(message(&a), ("请写明认定理由".to_string(), true));
    press(&mut a, KeyCode::BackTab);
    keys(&mut a, "调阅劳务费发放明细核实");
    let effects = ctrl(&mut a, 's');
    assert_eq!(
        effects,
        vec![Effect::Settle {
            round: "第三轮".into(),
            key: Shown {
                key: sign.key.clone(),
                hash: sign.hash.clone()
            },
            decision: Decision::Confirm,
            reason: "调阅劳务费发放明细核实".into(),
            signer: "王组长".into(),
        }]
    );
    run(&mut a, effects);
    let leader = leader_of(dir.path(), "第三轮").expect("the leader file");
    let s = leader.settlement(&sign.key).unwrap();
    assert_eq!(
        (s.decision, s.reason.as_str(), s.signer.as_str(), &s.hash),
        (
            Decision::Confirm,
            "调阅劳务费发放明细核实",
            "王组长",
            &sign.hash
        )
    );
    assert!(review_of(&a).sign_of(e).unwrap().confirmed());
    let shown = screen(&a, 160, 48);
    assert!(shown.contains("[已认定]"), "{shown}");
    assert!(shown.contains("组长已认定"), "{shown}");
    // the same finding on the findings tab
    select_entry(&mut a, 0, |en| en.disputed);
    let shown = screen(&a, 160, 48);
    assert!(shown.contains("[已认定]"), "{shown}");
    // settling again offers the decision and reason on record, and the signer
    keys(&mut a, "r");
    let form = &review_of(&a).form.as_ref().unwrap().form;
    assert_eq!(form.text(SettleField::Reason), "调阅劳务费发放明细核实");
    assert_eq!(form.text(SettleField::Signer), "王组长");
    // the reason on record is selected: a new one typed replaces it, never adds to it
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "改判");
    let form = &review_of(&a).form.as_ref().unwrap().form;
    assert_eq!(form.text(SettleField::Reason), "改判");
    press(&mut a, KeyCode::Esc);
    keys(&mut a, "y");
    assert_eq!(a.mode(), Mode::Review);
    // a finding nobody disputes has nothing to settle
    select_entry(&mut a, 0, plain);
    keys(&mut a, "r");
    assert_eq!(a.mode(), Mode::Review);
    assert!(message(&a).0.contains("分歧"));
}

#[test]
fn a_finding_changed_on_disk_since_shown_is_not_signed() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::Zh);
    let e = select_entry(&mut a, 0, plain);
    let before = review_of(&a).sign_of(e).unwrap().clone();
    keys(&mut a, "s");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "张三");
    let effects = ctrl(&mut a, 's');
    edit_on_disk(&a, e);
    run(&mut a, effects);
    assert_eq!(
        message(&a),
        (
            format!(
                "{}：内容在磁盘上已变更，已重新载入；请查看后再签。什么也没有记录",
                before.key
            ),
            true
        )
    );
    assert!(signoffs_of(dir.path(), "第三轮", "张三").is_none());
    let after = review_of(&a).sign_of(e).unwrap().clone();
    assert_eq!(after.key, before.key);
    assert_ne!(after.hash, before.hash, "the review shows the content anew");
    // signed now, it is the new content that is vouched for
    keys(&mut a, "s");
    let effects = ctrl(&mut a, 's');
    run(&mut a, effects);
    let file = signoffs_of(dir.path(), "第三轮", "张三").unwrap();
    assert_eq!(file.signoffs[0].hash, after.hash);
}

#[test]
fn nothing_is_signed_while_a_file_of_the_round_does_not_load() {
    let dir = demo_dir();
    let mut a = review_app_in(dir.path(), Lang::Zh);
    select_entry(&mut a, 0, plain);
    keys(&mut a, "s");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "张三");
    let effects = ctrl(&mut a, 's');
    let bad = dir.path().join("坏.toml");
    std::fs::write(&bad, "format = 1\nunit = \"x\n").unwrap();
    run(&mut a, effects);
    let (said, error) = message(&a);
    assert!(
        error && said.contains("坏.toml") && said.contains("暂不能签审"),
        "{said}"
    );
    assert!(signoffs_of(dir.path(), "第三轮", "张三").is_none());
    assert!(
        review_of(&a)
            .failed
            .iter()
            .any(|(p, _)| p.contains("坏.toml")),
        "the review lists the file that did not load"
    );
    // and signing again is refused at once, before a name is typed
    select_entry(&mut a, 0, plain);
    keys(&mut a, "s");
    assert_eq!(a.mode(), Mode::Review);
    assert!(message(&a).0.contains("暂不能签审"), "{:?}", message(&a));
    // and says so in its header, at any width, before the counts a narrow one cuts
    for width in [40, 80, 160] {
        let header = screen(&a, width, 24).lines().next().unwrap().to_string();
        assert!(header.contains("1 个文件未能读取"), "{header}");
    }
}

#[test]
fn a_review_of_other_folders_does_not_sign() {
    let mut a = review_app();
    select_entry(&mut a, 0, plain);
    keys(&mut a, "s");
    assert_eq!(a.mode(), Mode::Review);
    let (said, error) = message(&a);
    assert!(
        error && said.contains("/data") && said.contains("xuncha review"),
        "{said}"
    );
    // what to do comes first: it is on the status line of an 80-column terminal
    let before = &said[..said.find("xuncha review").unwrap()];
    assert!(crate::text::width(before) < 60, "{said}");
    select_disagreement(&mut a);
    keys(&mut a, "r");
    assert_eq!(a.mode(), Mode::Review);
    assert!(message(&a).0.contains("/data"));
    // and the effect, should it come, writes nothing
    let dir = tempfile::tempdir().unwrap();
    review_of_mut(&mut a).folders.data_dir = dir.path().to_path_buf();
    run(
        &mut a,
        vec![Effect::Sign {
            round: "第三轮".into(),
            keys: vec![],
            step: Step::Draft,
            signer: "张三".into(),
        }],
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_status_line_shows_the_rounds_milestones() {
    let dir = demo_dir();
    let a = review_app_in(dir.path(), Lang::Zh);
    let shown = screen(&a, 80, 24);
    assert!(
        shown
            .lines()
            .nth(22)
            .unwrap()
            .contains("第三轮：尚未向领导小组汇报"),
        "{shown}"
    );
    update_leader(&leader_path(dir.path(), "第三轮"), "第三轮", |l| {
        l.reported = Some(Milestone {
            date: "2026-12-05".parse().unwrap(),
            signer: "王组长".into(),
            at: fixed_time(),
        });
        l.fed_back.push(crate::model::signoff::FedBack {
            unit: "计算机学院".into(),
            date: "2026-12-10".parse().unwrap(),
            signer: "王组长".into(),
            at: fixed_time(),
            findings: Vec::new(),
        });
        Ok::<(), ()>(())
    })
    .unwrap()
    .unwrap();
    let a = review_app_in(dir.path(), Lang::Zh);
    let shown = screen(&a, 80, 24);
    assert!(
        shown
            .lines()
            .nth(22)
            .unwrap()
            .contains("第三轮：已向领导小组汇报 2026-12-05，已反馈 1 个单位"),
        "{shown}"
    );
    let a = review_app_in(dir.path(), Lang::En);
    let shown = screen(&a, 120, 24);
    assert!(
        shown.contains(
            "Round 第三轮: reported to the leading group on 2026-12-05, fed back to 1 unit"
        ),
        "{shown}"
    );
}

#[test]
fn the_help_and_footer_name_the_sign_keys() {
    let a = review_app();
    let shown = screen(&a, 120, 30);
    let footer = shown.lines().last().unwrap();
    assert!(
        footer.contains("s 签审") && footer.contains("r 认定分歧"),
        "{footer}"
    );
    let rows = a.keymap.help_rows(Mode::Review, Lang::Zh);
    assert!(
        rows.iter()
            .any(|r| r.0 == "s" && r.1.contains("编制/复核/审签"))
    );
    assert!(rows.iter().any(|r| r.0 == "r" && r.1.contains("不予认定")));
}

/// A data folder whose findings are at every state: one 编制 and 复核, one 编制 for content
/// since changed (内容已变更), the disputed one settled, the others unsigned.
fn signed_dir() -> tempfile::TempDir {
    let dir = demo_dir();
    let catalog = catalog();
    let a = review_app_in(dir.path(), Lang::Zh);
    let plain_keys: Vec<(usize, String)> = {
        let r = review_of(&a);
        (0..r.review.entries.len())
            .filter(|&e| plain(&r.review.entries[e]))
            .map(|e| (e, r.sign_of(e).unwrap().key.clone()))
            .take(2)
            .collect()
    };
    let disputed = {
        let r = review_of(&a);
        let e = r.review.entries.iter().position(|e| e.disputed).unwrap();
        r.sign_of(e).unwrap().key.clone()
    };
    let sign = |key: &str, step: Step, signer: &str| {
        let mut round = crate::store::load_round(&[dir.path().to_path_buf()]).unwrap();
        round.carry_replaced(&catalog);
        crate::store::signing::sign(
            dir.path(),
            &round,
            &catalog,
            "第三轮",
            &[key.to_string()],
            step,
            signer,
            fixed_time(),
        )
        .unwrap()
        .unwrap();
    };
    sign(&plain_keys[0].1, Step::Draft, "张三");
    sign(&plain_keys[0].1, Step::Check, "李副组长");
    sign(&plain_keys[1].1, Step::Draft, "张三");
    let mut round = crate::store::load_round(&[dir.path().to_path_buf()]).unwrap();
    round.carry_replaced(&catalog);
    crate::store::signing::settle(
        dir.path(),
        &round,
        &catalog,
        "第三轮",
        &disputed,
        Decision::Confirm,
        "调阅劳务费发放明细核实",
        "王组长",
        fixed_time(),
    )
    .unwrap()
    .unwrap();
    edit_on_disk(&a, plain_keys[1].0);
    dir
}

/// The review of [`signed_dir`], its folder shown as `/data`, on the findings tab with the
/// finding signed twice selected.
fn signed_app(dir: &std::path::Path) -> App {
    let mut a = review_app_in(dir, Lang::Zh);
    review_of_mut(&mut a).source = "/data".into();
    select_entry(&mut a, 0, |_| true);
    while !review_of(&a)
        .selected_entry()
        .and_then(|e| review_of(&a).sign_of(e))
        .is_some_and(|s| s.step(Step::Check).counts())
    {
        keys(&mut a, "j");
    }
    a
}

#[test]
fn snapshot_review_signoffs_80x24() {
    let dir = signed_dir();
    let a = signed_app(dir.path());
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("已复核") && shown.contains("[内容已变更]"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn snapshot_review_signoffs_160x48() {
    let dir = signed_dir();
    let a = signed_app(dir.path());
    let shown = screen(&a, 160, 48);
    for seen in [
        "已复核",
        "[内容已变更]",
        "[已认定]",
        "编制：张三 2026-11-26",
        "复核：李副组长 2026-11-26",
        "审签：未签",
    ] {
        assert!(shown.contains(seen), "{seen}:\n{shown}");
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn snapshot_sign_form_80x24() {
    let dir = signed_dir();
    let mut a = signed_app(dir.path());
    keys(&mut a, "s");
    press(&mut a, KeyCode::Tab);
    keys(&mut a, "王组长");
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("审签") && shown.contains("王组长"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn snapshot_settle_form_80x24() {
    let dir = signed_dir();
    let mut a = signed_app(dir.path());
    select_disagreement(&mut a);
    keys(&mut a, "r");
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("认定为问题") && shown.contains("理由"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}
