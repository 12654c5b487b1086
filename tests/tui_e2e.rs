//! The real binary in a pseudo-terminal: keys typed (Chinese too), a bracketed paste, quit,
//! reopen, and the TOML on disk checked; the terminal is restored on quit and on SIGTERM.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Setup, Term, new_record};

/// This file's terminal never answers cursor position queries; a wait fails after 10 s.
const SETUP: Setup = Setup {
    answer_queries: false,
    timeout: Duration::from_secs(10),
};

// `Term` is in tests/common; here, how this file starts it and what it checks on exit.
impl Term {
    fn spawn(args: &[&str], data: &Path, config: &Path) -> Term {
        Self::spawn_env(args, data, config, &[])
    }

    fn spawn_env(args: &[&str], data: &Path, config: &Path, env: &[(&str, &str)]) -> Term {
        // A backtrace would scroll a panic's message off the 30-row screen.
        let env = [&[("RUST_BACKTRACE", "0")][..], env].concat();
        Term::start(SETUP, common::XUNCHA, args, data, config, &env)
    }

    /// Raw mode, alternate screen, mouse and paste modes all given back, cursor shown.
    fn assert_restored(&self) {
        let p = self.vt();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.bracketed_paste(), "bracketed paste left on");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse left captured"
        );
        assert!(!s.hide_cursor(), "cursor left hidden");
    }
}

fn toml(path: &Path) -> toml::Table {
    std::fs::read_to_string(path).unwrap().parse().unwrap()
}

#[test]
fn inspect_type_chinese_paste_quit_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let file_arg = file.to_str().unwrap();

    let mut t = Term::spawn(&["open", file_arg], &data, &config);
    t.wait_for("巡察清单助手");
    t.wait_for("未修改");
    t.send("2");
    t.wait_for("已保存");
    t.send("j");
    t.send("1");
    t.send("n");
    t.wait_for("新增证据");
    t.send("谈话记录：院长称");
    t.send("\x1b[200~粘贴一\r\n粘贴二\x1b[201~");
    t.send("\x13"); // Ctrl+S
    t.wait_for("粘贴二");
    t.send("q");
    assert!(t.wait_exit(), "clean exit");
    t.assert_restored();

    let doc = toml(&file);
    let answers = doc["answers"].as_table().unwrap();
    let statuses: Vec<&str> = answers
        .values()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "problem").count(),
        1,
        "{doc:#?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == "no-problem").count(),
        1,
        "{doc:#?}"
    );
    let note = answers
        .values()
        .find_map(|a| a.get("notes"))
        .and_then(|n| n.as_array())
        .and_then(|n| n.first())
        .expect("a note was saved");
    assert_eq!(
        note["text"].as_str().unwrap(),
        "谈话记录：院长称粘贴一\n粘贴二"
    );
    let mode = std::fs::metadata(&file).unwrap();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode.permissions()) & 0o777,
        0o600
    );

    // Reopen: what was saved is what is shown.
    let mut t = Term::spawn(&["open", file_arg], &data, &config);
    t.wait_for("[!]");
    t.wait_for("(1)");
    t.wait_for("2/120");
    t.send("\x03"); // Ctrl+C
    assert!(t.wait_exit());
    t.assert_restored();
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    signal_saves_and_restores("-TERM");
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    signal_saves_and_restores("-HUP");
}

fn signal_saves_and_restores(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let mut t = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    t.wait_for("未修改");
    t.send("3");
    t.wait_for("已保存");
    let pid = t.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    t.wait_exit();
    t.assert_restored();
    let doc = toml(&file);
    let answers = doc["answers"].as_table().unwrap();
    assert!(
        answers
            .values()
            .any(|a| a["status"].as_str() == Some("doubt"))
    );
}

#[test]
fn a_second_instance_is_read_only_and_says_who_holds_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let mut first = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    first.wait_for("未修改");
    let before = std::fs::read(&file).unwrap();
    let mut second = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    // In an inspector's words: which machine, since when.
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    second.wait_for(&format!("此记录正在另一窗口编辑（主机 {host}，"));
    second.wait_for("起），本窗口只读");
    second.send("2");
    second.wait_for("只读，不能修改");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the read-only instance wrote nothing"
    );
    // The holder saves: the read-only window follows.
    first.send("3");
    first.wait_for("已保存");
    second.wait_for("另一窗口已保存，已显示最新内容");
    second.send("q");
    assert!(second.wait_exit());
    first.send("q");
    assert!(first.wait_exit());
}

/// A file touched but not changed is saved over without a word; a real outside change asks
/// for one of three ways out (nothing retried meanwhile, `q` does not close), and "keep mine"
/// saves over it with the outside version kept beside the record, named on screen.
#[test]
fn an_outside_change_offers_three_ways_out() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let mut t = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    t.wait_for("未修改");
    // touch: a new time, the same bytes
    let later = std::time::SystemTime::now() + Duration::from_secs(30);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    t.send("2");
    t.wait_for("已保存");
    assert!(!t.screen().contains("记录已被其他程序修改"));
    // a real change by another program
    let theirs = std::fs::read_to_string(&file)
        .unwrap()
        .replace("inspector = \"", "inspector = \"改");
    std::fs::write(&file, &theirs).unwrap();
    t.send("j3");
    t.wait_for("记录已被其他程序修改");
    t.wait_for("k  保留我的");
    t.send("q");
    t.wait_for("请先选择处理方式");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    t.send("k");
    t.wait_for("已保存你的版本；其他程序的版本已另存为：");
    let mine = std::fs::read_to_string(&file).unwrap();
    assert_ne!(mine, theirs);
    assert!(mine.contains("status = \"doubt\""), "{mine}");
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let copies: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{stem}-outside-"))
        })
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(std::fs::read_to_string(&copies[0]).unwrap(), theirs);
    t.send("q");
    assert!(t.wait_exit());
}

#[test]
fn home_first_run_then_new_record_form() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let mut t = Term::spawn(&[], &data, &config);
    t.new_record_with_the_form();
    t.send("q");
    t.wait_for("外国语学院");
    t.send("q");
    assert!(t.wait_exit());
    t.assert_restored();
    let files: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.file_name().to_string_lossy() == "第三轮_外国语学院_李四.toml")
    );
    // the form remembers what was typed
    let last = std::fs::read_to_string(config.join("last-new-record.toml")).unwrap();
    assert!(
        last.contains("李四") && last.contains("第一巡察组"),
        "{last}"
    );
}

/// Debug builds panic on purpose with `XUNCHA_TEST_PANIC`: the hook restores the terminal
/// first, then the panic message is printed on the normal screen.
#[test]
fn a_panic_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let before = std::fs::read(&file).unwrap();
    let mut t = Term::spawn_env(
        &["open", file.to_str().unwrap()],
        &data,
        &config,
        &[("XUNCHA_TEST_PANIC", "1")],
    );
    assert!(!t.wait_exit(), "a panic is not a clean exit");
    t.assert_restored();
    t.wait_for("a panic on purpose");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "nothing half-written"
    );
}

/// Ctrl+C (or a signal) in the middle of typing a note: the note is kept, not thrown away.
#[test]
fn quitting_with_a_note_half_typed_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let mut t = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    t.wait_for("未修改");
    t.send("n");
    t.wait_for("新增证据");
    t.send("还没保存的谈话要点");
    t.send("\x03");
    assert!(t.wait_exit());
    t.assert_restored();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("还没保存的谈话要点"), "{text}");
}

/// A panic while a note is being typed (a bug) still keeps the note.
#[test]
fn a_panic_in_a_form_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let mut t = Term::spawn_env(
        &["open", file.to_str().unwrap()],
        &data,
        &config,
        &[("XUNCHA_TEST_PANIC", "in-form")],
    );
    t.wait_for("未修改");
    t.send("n");
    t.send("崩溃前写下的证据");
    assert!(!t.wait_exit());
    t.assert_restored();
    // It panics on the first frame after the first character: that much was typed.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("text = \"崩"), "{text}");
}

/// A new-record form half filled in when a signal ends the program is remembered: the next
/// start's form offers what was typed.
#[test]
fn a_half_filled_new_record_form_survives_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let mut t = Term::spawn(&[], &data, &config);
    t.wait_for("还没有巡察记录");
    t.send("n");
    t.wait_for("新建巡察记录");
    t.send("马克思主义学院\r");
    t.send("第四轮");
    let pid = t.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    t.wait_exit();
    t.assert_restored();
    let last = std::fs::read_to_string(config.join("last-new-record.toml")).unwrap();
    assert!(
        last.contains("马克思主义学院") && last.contains("第四轮"),
        "{last}"
    );
    assert!(
        !data.exists() || std::fs::read_dir(&data).unwrap().next().is_none(),
        "no record was made"
    );
    let mut again = Term::spawn(&[], &data, &config);
    again.wait_for("还没有巡察记录");
    again.send("n");
    again.wait_for("新建巡察记录");
    again.wait_for("马克思主义学院");
    again.wait_for("第四轮");
    again.send("\x1b");
    again.send("q");
    assert!(again.wait_exit());
}

/// A save killed between writing and renaming left the change it was making: opening the
/// record moves that copy into the rescue folder and says so on the status bar.
#[test]
fn an_interrupted_save_is_rescued_and_said_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let text = std::fs::read_to_string(&file).unwrap();
    let unconfirmed = format!("{text}\n[answers.\"sankan/lag\"]\nstatus = \"problem\"\n");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let copy = data.join(format!(".{name}.xuncha-save.Zz9Yy8"));
    std::fs::write(&copy, &unconfirmed).unwrap();
    let mut t = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    t.wait_for("上次保存被中断");
    t.wait_for("张三-unconfirmed-");
    assert!(!copy.exists());
    let rescued: Vec<_> = std::fs::read_dir(config.join("rescue"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert_eq!(std::fs::read_to_string(&rescued[0]).unwrap(), unconfirmed);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "the record untouched"
    );
    t.send("j");
    t.send("q");
    assert!(t.wait_exit());
    // Said again, with the folder, once the program has ended.
    t.wait_for("rescue/");
    // In English too.
    std::fs::write(
        &copy,
        format!("{unconfirmed}\n[answers.\"sankan/other\"]\nstatus = \"doubt\"\n"),
    )
    .unwrap();
    let mut t = Term::spawn(
        &["--lang", "en", "open", file.to_str().unwrap()],
        &data,
        &config,
    );
    t.wait_for("The last save was interrupted");
    t.send("q");
    assert!(t.wait_exit());
    assert_eq!(std::fs::read_dir(config.join("rescue")).unwrap().count(), 2);
}

/// The current source and the selected item come back on the next open, from the per-user
/// state file; the record itself holds no trace of them.
#[test]
fn a_record_reopens_with_its_current_source_and_item() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let file_arg = file.to_str().unwrap();

    let mut t = Term::spawn(&["open", file_arg], &data, &config);
    t.wait_for("未修改");
    t.send("s");
    t.wait_for("证据来源");
    t.send("a");
    t.wait_for("新增来源");
    t.send("\t\t");
    t.send("与院长谈话");
    t.send("\x13"); // Ctrl+S
    t.wait_for("已保存");
    t.send("\x1b");
    t.wait_for("当前来源：T01");
    t.send("jjj");
    t.send("q");
    assert!(t.wait_exit(), "clean exit");
    t.assert_restored();

    let state = toml(&config.join("state.toml"));
    let places = state["records"].as_table().unwrap();
    assert_eq!(places.len(), 1, "{state:#?}");
    let place = places.values().next().unwrap();
    assert_eq!(place["source"].as_str(), Some("T01"));
    let item = place["item"].as_str().unwrap().to_string();
    let record = std::fs::read_to_string(&file).unwrap();
    assert!(!record.contains(&item), "the place stays out of the record");

    let mut t = Term::spawn(&["open", file_arg], &data, &config);
    t.wait_for("当前来源：T01");
    t.send("q");
    assert!(t.wait_exit());
    let again = toml(&config.join("state.toml"));
    let place = again["records"]
        .as_table()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    assert_eq!(
        place["item"].as_str(),
        Some(item.as_str()),
        "the same item is selected"
    );
}

fn kill(signal: &str, pid: u32) {
    let killed = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

/// SIGINT as a signal (`kill -INT`, or Ctrl+C while `$EDITOR` runs) ends the program like
/// SIGTERM: the half-typed note is kept and the terminal restored.
#[test]
fn sigint_keeps_the_half_typed_note_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let mut t = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    t.wait_for("未修改");
    t.send("n");
    t.wait_for("新增证据");
    t.send("中断前的谈话要点");
    t.wait_for("中断前的谈话要点");
    kill("-INT", t.child.process_id().unwrap());
    t.wait_exit();
    t.assert_restored();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("中断前的谈话要点"), "{text}");
}

/// The state letter of a process in /proc (`T` when stopped).
fn proc_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = stat.rsplit_once(')').unwrap().1;
    after.trim_start().chars().next().unwrap()
}

/// SIGTSTP gives the terminal back before stopping; SIGCONT takes it again and redraws, with
/// the note being typed still in its form.
#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let mut t = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    t.wait_for("未修改");
    t.send("2");
    t.wait_for("已保存");
    t.send("n");
    t.wait_for("新增证据");
    t.send("暂停前写的");
    t.wait_for("暂停前写的");
    let pid = t.child.process_id().unwrap();
    kill("-TSTP", pid);
    let start = std::time::Instant::now();
    while proc_state(pid) != 'T' {
        assert!(start.elapsed() < Duration::from_secs(10), "never stopped");
        std::thread::sleep(Duration::from_millis(30));
    }
    std::thread::sleep(Duration::from_millis(200));
    t.assert_restored();
    // What was saved before the stop is on disk.
    assert!(std::fs::read_to_string(&file).unwrap().contains("problem"));
    kill("-CONT", pid);
    t.wait_for("暂停前写的");
    assert!(
        t.vt().screen().alternate_screen(),
        "the terminal taken again"
    );
    t.send("，继续写");
    t.send("\x13"); // Ctrl+S
    t.wait_for("已保存");
    t.send("q");
    assert!(t.wait_exit());
    t.assert_restored();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("暂停前写的，继续写"), "{text}");
}

/// Standard input a pipe (`echo x | xuncha open F`): keys come from the terminal itself.
#[test]
fn stdin_a_pipe_reads_keys_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let script = format!("echo x | '{}' open '{}'", common::XUNCHA, file.display());
    let mut t = Term::start(
        SETUP,
        "sh",
        &["-c", &script],
        &data,
        &config,
        &[("RUST_BACKTRACE", "0")],
    );
    t.wait_for("未修改");
    t.send("3");
    t.wait_for("已保存");
    t.send("q");
    assert!(t.wait_exit(), "clean exit");
    t.assert_restored();
    assert!(std::fs::read_to_string(&file).unwrap().contains("doubt"));
}

/// `TERM=dumb`: refused with a sentence, a failure exit, and not one full-screen sequence.
#[test]
fn a_dumb_terminal_is_refused_without_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let before = std::fs::read(&file).unwrap();
    let mut t = Term::spawn_env(
        &["open", file.to_str().unwrap()],
        &data,
        &config,
        &[("TERM", "dumb")],
    );
    assert!(!t.wait_exit(), "a failure exit");
    t.wait_for("TERM=dumb");
    let raw = t.raw();
    for sequence in [
        &b"\x1b[?1049h"[..],
        b"\x1b[?1000h",
        b"\x1b[?2004h",
        b"\x1b[2J",
    ] {
        assert!(
            !raw.windows(sequence.len()).any(|w| w == sequence),
            "{:?} sent to a dumb terminal",
            String::from_utf8_lossy(sequence)
        );
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // No lock file left behind: the record was never opened.
    let lock = data.join(format!(
        ".{}.lock",
        file.file_name().unwrap().to_string_lossy()
    ));
    assert!(!lock.exists());
}

/// No terminal at all (no controlling terminal, standard input and output not one): a
/// sentence in the interface's language and a failure exit, never a bare "os error 6".
#[test]
fn no_terminal_at_all_is_a_sentence_not_an_os_error() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    let out = std::process::Command::new("setsid")
        .args(["-w", common::XUNCHA, "open", file.to_str().unwrap()])
        .env("XUNCHA_DATA_DIR", &data)
        .env("XUNCHA_CONFIG_DIR", &config)
        .env("TERM", "xterm-256color")
        .env_remove("XUNCHA_LANG")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("没有可用的终端"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    // Output redirected but a terminal there to read keys from: said too, in English here.
    let script = format!(
        "'{}' --lang en open '{}' > /dev/null",
        common::XUNCHA,
        file.display()
    );
    let mut t = Term::start(SETUP, "sh", &["-c", &script], &data, &config, &[]);
    assert!(!t.wait_exit());
    t.wait_for("Standard output is not a terminal");
}

/// A bad entry in config.toml is reported and skipped: the program starts, says so, and the
/// help lists what was skipped and an action the user's rebinding left without a key.
#[test]
fn a_bad_config_entry_is_reported_and_the_program_starts() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let file = new_record(&data, &config);
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[[keys.inspect]]\non = \"x\"\naction = \"fly\"\n\n[[keys.inspect]]\non = \"q\"\naction = \"up\"\n",
    )
    .unwrap();
    let mut t = Term::spawn(&["open", file.to_str().unwrap()], &data, &config);
    t.wait_for("config.toml 有 1 处设置有误");
    t.send("2");
    t.wait_for("已保存");
    t.send("?");
    t.wait_for("（无按键）");
    t.send("\x1b");
    t.send("\x03");
    assert!(t.wait_exit());
    // Said again on the terminal, with the entry.
    t.wait_for("keys.inspect[1]");
}

#[test]
fn the_demos_review_signs_into_the_demo_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    let demo = dir.path().join("示例");
    let mut t = Term::spawn(&["demo", demo.to_str().unwrap()], &data, &config);
    t.wait_for("进度");
    // `s` on the progress tab asks which finding: the folder itself is no obstacle
    t.send("s");
    t.wait_for("先选中一个问题");
    assert!(!t.screen().contains("不能签审"), "{}", t.screen());
    t.send("q");
    assert!(t.wait_exit());
    t.assert_restored();
}
