//! Shared by the integration tests that drive the real binary in a pseudo-terminal
//! (`tests/tui_e2e.rs`, `tests/faults.rs`): the terminal, read through a vt100 parser, and a
//! record made with `xuncha new`. Each file sets its own `Setup` (and `tests/tui_e2e.rs` its own
//! ways to start the terminal) and its own check that the terminal was restored (`impl Term`
//! there).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub const XUNCHA: &str = env!("CARGO_BIN_EXE_xuncha");

/// `xuncha new` for the record the tests use: 计算机学院, 第三轮, 张三, not opened.
pub const NEW: &[&str] = &[
    "new",
    "--unit",
    "计算机学院",
    "--round",
    "第三轮",
    "--inspector",
    "张三",
    "--no-open",
];

/// How a test file's terminal behaves.
#[derive(Clone, Copy)]
pub struct Setup {
    /// Answer cursor position queries, as a real terminal does.
    pub answer_queries: bool,
    /// How long `wait_for` and `wait_exit` wait before failing.
    pub timeout: Duration,
}

/// A program running in a 30 × 110 pseudo-terminal.
pub struct Term {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, to check what it sent (or did not send) the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    timeout: Duration,
}

/// The cursor position query (DSR) a program may send; a real terminal answers it.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

impl Term {
    /// Run `program args` with the data and config folders set, `TERM=xterm-256color`,
    /// `NO_COLOR=1` and no `XUNCHA_LANG`, then `env`.
    pub fn start(
        setup: Setup,
        program: &str,
        args: &[&str],
        data: &Path,
        config: &Path,
        env: &[(&str, &str)],
    ) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 110,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("XUNCHA_DATA_DIR", data);
        cmd.env("XUNCHA_CONFIG_DIR", config);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env_remove("XUNCHA_LANG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(30).unwrap(),
            std::num::NonZeroU16::new(110).unwrap(),
            0,
        )));
        let p = Arc::clone(&parser);
        let w = Arc::clone(&writer);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = Arc::clone(&raw);
        let answer_queries = setup.answer_queries;
        std::thread::spawn(move || {
            let _keep = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                let mut p = p.lock().unwrap();
                p.process(&buf[..n]);
                if answer_queries
                    && buf[..n]
                        .windows(CURSOR_QUERY.len())
                        .any(|x| x == CURSOR_QUERY)
                {
                    let (row, col) = p.screen().cursor_position();
                    let mut w = w.lock().unwrap();
                    let _ = write!(w, "\x1b[{};{}R", row + 1, col + 1);
                    let _ = w.flush();
                }
            }
        });
        Term {
            child,
            writer,
            parser,
            raw,
            timeout: setup.timeout,
        }
    }

    /// Every byte the program has written so far (tests/tui_e2e.rs uses it; tests/faults.rs
    /// does not).
    #[allow(dead_code)]
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The emulated terminal, to check the modes it was left in.
    pub fn vt(&self) -> MutexGuard<'_, vt100::Parser> {
        self.parser.lock().unwrap()
    }

    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < self.timeout {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("`{text}` never appeared; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes.as_bytes()).unwrap();
        w.flush().unwrap();
        drop(w);
        // Let the program read each group of keys on its own (Esc then a key is Alt+key).
        std::thread::sleep(Duration::from_millis(120));
    }

    /// Wait until the program ends; true if it exited with success.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < self.timeout {
            if let Some(status) = self.child.try_wait().unwrap() {
                // the reader thread needs a moment to take the last bytes
                std::thread::sleep(Duration::from_millis(200));
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("did not exit; screen:\n{}", self.screen());
    }

    /// On the home screen of an empty data folder, make the record 外国语学院 · 第三轮 ·
    /// 第一巡察组 · 李四 with the new-record form; returns once it is open.
    pub fn new_record_with_the_form(&mut self) {
        self.wait_for("还没有巡察记录");
        self.send("n");
        self.wait_for("新建巡察记录");
        self.send("外国语学院\r");
        self.send("第三轮\r");
        self.send("第一巡察组\r");
        self.send("李四");
        self.send("\x13");
        self.wait_for("外国语学院 · 第三轮 · 李四");
    }
}

/// `xuncha new` in `data`; returns the record's path.
pub fn new_record(data: &Path, config: &Path) -> PathBuf {
    let out = Command::new(XUNCHA)
        .args(NEW)
        .env("XUNCHA_DATA_DIR", data)
        .env("XUNCHA_CONFIG_DIR", config)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}
