//! The records the benchmarks (and `examples/undo_memory.rs`) share: every built-in item
//! answered, evidence notes spread over them, 12 sources, built by
//! `xuncha::testing::full_record`.

use xuncha::model::{Catalog, Record, Timestamp};

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
