//! Review and report benchmarks: load + aggregate a round of 50, 500 and 2,000 demo records
//! (every built-in checklist, about three notes per answered item), and the reports of 500
//! (Markdown, CSV, XLSX).
//!
//! Run: `cargo bench --bench review`. Results and the machine: `docs/PERFORMANCE.md`.
//! The rounds are written once into `CARGO_TARGET_TMPDIR` and reused.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use xuncha::i18n::Lang;
use xuncha::model::demo::demo_round;
use xuncha::model::review::{Review, ReviewOptions};
use xuncha::model::{Catalog, Record, Timestamp};
use xuncha::report::{self, Options};
use xuncha::store;

fn main() {
    divan::main();
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| store::load_catalog(None).0)
}

fn now() -> Timestamp {
    static NOW: OnceLock<Timestamp> = OnceLock::new();
    *NOW.get_or_init(Timestamp::now)
}

/// A folder holding the demo round of `size` records, written on first use.
fn round_dir(size: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("review-bench-{size}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        store::fsutil::create_private_dir(&dir).unwrap();
        for (name, record) in demo_round(catalog(), size, now()) {
            let text = record.to_toml().unwrap();
            std::fs::write(dir.join(name), text).unwrap();
        }
        std::fs::write(&done, "").unwrap();
    }
    dir
}

/// What `xuncha status DIR` and `xuncha report DIR` do before printing: find, load (on all
/// cores), sort (`store::load_round`).
fn load(dir: &Path) -> Vec<(PathBuf, Record)> {
    let round = store::load_round(&[dir.to_path_buf()]).unwrap();
    assert!(round.failed.is_empty());
    round.records
}

#[divan::bench(args = [50, 500, 2000], sample_count = 10, sample_size = 1)]
fn load_and_aggregate(bencher: divan::Bencher, size: usize) {
    let dir = round_dir(size);
    bencher.bench(|| {
        let records = load(&dir);
        Review::build(&records, catalog(), &ReviewOptions::new(now()))
    });
}

#[divan::bench(args = [50, 500, 2000], sample_count = 10, sample_size = 1)]
fn aggregate_only(bencher: divan::Bencher, size: usize) {
    let records = load(&round_dir(size));
    bencher.bench(|| Review::build(&records, catalog(), &ReviewOptions::new(now())));
}

#[divan::bench(args = [500], sample_count = 10, sample_size = 1)]
fn report_markdown(bencher: divan::Bencher, size: usize) {
    let records = load(&round_dir(size));
    let options = Options::new(Lang::Zh, false, now());
    bencher.bench(|| report::markdown(&records, catalog(), &options));
}

#[divan::bench(args = [500], sample_count = 10, sample_size = 1)]
fn report_markdown_redacted(bencher: divan::Bencher, size: usize) {
    let records = load(&round_dir(size));
    let mut options = Options::new(Lang::Zh, true, now());
    options.signoffs = xuncha::testing::approve_all(&records, catalog());
    bencher.bench(|| report::markdown(&records, catalog(), &options));
}

#[divan::bench(args = [500], sample_count = 10, sample_size = 1)]
fn report_csv(bencher: divan::Bencher, size: usize) {
    let records = load(&round_dir(size));
    let options = Options::new(Lang::Zh, false, now());
    bencher.bench(|| report::csv(&records, catalog(), &options));
}

/// The XLSX workbook of the whole round: every note of 500 records in the 证据 sheet.
#[divan::bench(args = [500], sample_count = 10, sample_size = 1)]
fn report_xlsx(bencher: divan::Bencher, size: usize) {
    let records = load(&round_dir(size));
    let options = Options::new(Lang::Zh, false, now());
    bencher.bench(|| report::xlsx(&records, catalog(), &options).map(|r| r.bytes.len()));
}

/// The feedback workbook of the whole round (model, name check, three sheets).
#[divan::bench(args = [500], sample_count = 10, sample_size = 1)]
fn report_xlsx_redacted(bencher: divan::Bencher, size: usize) {
    let records = load(&round_dir(size));
    let mut options = Options::new(Lang::Zh, true, now());
    options.signoffs = xuncha::testing::approve_all(&records, catalog());
    bencher.bench(|| report::xlsx(&records, catalog(), &options).map(|r| r.bytes.len()));
}
