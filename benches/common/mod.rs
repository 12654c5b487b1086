//! The full record the benchmarks share: every built-in item answered, 500 evidence notes,
//! 12 sources (about 190 KB), built by `xuncha::testing::full_record`.

use xuncha::model::{Catalog, Record, Timestamp};

/// [`xuncha::testing::full_record`] with 500 notes, made now.
pub fn full_record(catalog: &Catalog) -> Record {
    xuncha::testing::full_record(catalog, 500, Timestamp::now())
}
