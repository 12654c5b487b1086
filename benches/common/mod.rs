//! The records the benchmarks (and `examples/undo_memory.rs`) share: every built-in item
//! answered, evidence notes spread over them, 12 sources, built by
//! `xuncha::testing::full_record`.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
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

/// Spawn `cmd` in a 200×60 pseudo-terminal and time until `marker` has been written; panics if
/// it is not written within `limit`. The first frame of the real program and of the bare
/// ratatui programs (`benches/floor.rs`, `benches/large.rs`).
#[allow(dead_code)] // not every bench times a program
pub fn time_to_frame(mut cmd: CommandBuilder, marker: &str, limit: Duration) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let (tx, rx) = mpsc::channel();
    let name = marker.to_string();
    let marker = marker.as_bytes().to_vec();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(marker.len()).any(|w| w == marker.as_slice()) {
                let _ = tx.send(Instant::now());
                break;
            }
        }
        // keep draining so the child never blocks on a full pty
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
        }
    });
    let at = rx
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("`{name}` never drawn"));
    let elapsed = at - start;
    let _ = writer.write_all(b"\x03q");
    let _ = writer.flush();
    let _ = child.wait();
    elapsed
}
