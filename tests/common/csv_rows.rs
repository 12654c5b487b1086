//! The rows of a CSV text as the `csv` crate reads them, with the checks of RFC 4180 the
//! reader does not make itself. Shared by the unit tests of the CSV writer
//! (`src/report/tests/`) and the command-line tests (`tests/report.rs`).

/// The rows of a CSV text (without its BOM) as the `csv` crate reads them: every row the same
/// width (the reader refuses a ragged one), each ended by CRLF.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.expect("a CSV row");
        let start = usize::try_from(record.position().expect("a position").byte()).unwrap();
        // the reader starts a row after the CR of the CRLF before it, or after the LF
        let (before, after) = text.as_bytes().split_at(start);
        assert!(
            start == 0
                || before.ends_with(b"\r\n")
                || (before.ends_with(b"\r") && after.starts_with(b"\n")),
            "row {} does not follow a CRLF",
            rows.len()
        );
        rows.push(record.iter().map(String::from).collect());
    }
    assert!(
        text.is_empty() || text.ends_with("\r\n"),
        "last row without CRLF"
    );
    rows
}
