//! DOCX benchmarks: the 巡察报告, the 反馈意见 and the 问题底稿 of a 500-record demo round
//! (every unit's document, packed into bytes), from loaded records. Target: under 2 s.
//!
//! Run: `cargo bench --bench docx`. Results and the machine: `docs/PERFORMANCE.md`.

use std::path::PathBuf;
use std::sync::OnceLock;

use xuncha::i18n::Lang;
use xuncha::model::demo::demo_round;
use xuncha::model::{Catalog, Record, Timestamp};
use xuncha::report::{self, DocxOptions, Options};
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

/// The demo round of `size` records, in memory (as `store::load_round` returns them).
fn records(size: usize) -> Vec<(PathBuf, Record)> {
    let mut v: Vec<(PathBuf, Record)> = demo_round(catalog(), size, now())
        .into_iter()
        .map(|(name, r)| (PathBuf::from(name), r))
        .collect();
    v.sort_by(|a, b| {
        (&a.1.unit, &a.1.round, &a.1.inspector).cmp(&(&b.1.unit, &b.1.round, &b.1.inspector))
    });
    v
}

#[divan::bench(args = [500], sample_count = 5, sample_size = 1)]
fn report_docx(bencher: divan::Bencher, size: usize) {
    let records = records(size);
    let options = Options::new(Lang::Zh, false, now());
    bencher.bench(|| report::docx(&records, catalog(), &options, &DocxOptions::default()));
}

#[divan::bench(args = [500], sample_count = 5, sample_size = 1)]
fn feedback_docx(bencher: divan::Bencher, size: usize) {
    let records = records(size);
    let mut options = Options::new(Lang::Zh, true, now());
    options.signoffs = xuncha::testing::approve_all(&records, catalog());
    bencher.bench(|| report::docx(&records, catalog(), &options, &DocxOptions::default()));
}

#[divan::bench(args = [500], sample_count = 5, sample_size = 1)]
fn worksheets_docx(bencher: divan::Bencher, size: usize) {
    let records = records(size);
    let options = Options::new(Lang::Zh, false, now());
    bencher.bench(|| report::worksheets(&records, catalog(), &options));
}
