//! Reading a round: every record under some paths, the ones that load and, each with its
//! error, the ones that do not. The one place the command line, the home screen and the
//! review read many records.

use std::path::PathBuf;

use super::StoreError;
use super::records::{find_files, load_records};
use super::signoff::{RoundFileKind, load_file, load_leader, load_signoff, round_file_kind};
use crate::model::ledger::Ledger;
use crate::model::signoff::Signoffs;
use crate::model::{Catalog, Record};

/// The records found under some paths ([`find_records`]).
#[derive(Debug, Default)]
pub struct Round {
    /// The records that loaded, with their paths, sorted by unit, round, inspector and path.
    pub records: Vec<(PathBuf, Record)>,
    /// The files that did not load, in path order, each with why.
    pub failed: Vec<(PathBuf, StoreError)>,
    /// The sign-off and leader files found among them (never counted as records).
    pub signoffs: Signoffs,
    /// Where each sign-off and leader file was read from.
    pub round_files: Vec<PathBuf>,
    /// The units' rectification ledgers found among them, with where each was read from.
    pub ledgers: Vec<(PathBuf, Ledger)>,
}

impl Round {
    /// Nothing was found at all: no record loaded and none failed.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.failed.is_empty()
    }

    /// Carry the answers of replaced items to their successors in `catalog`, in every record
    /// that loaded ([`Record::carry_replaced`]; in memory only, the files are not touched).
    pub fn carry_replaced(&mut self, catalog: &Catalog) {
        for (_, r) in &mut self.records {
            r.carry_replaced(catalog);
        }
    }

    /// Every path the round was read from, loaded or not.
    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.records
            .iter()
            .map(|(p, _)| p)
            .chain(self.failed.iter().map(|(p, _)| p))
    }
}

/// Load every record under `paths` (files as they are, folders searched as
/// [`find_records`] does), on all cores ([`load_records`]). A record that does not load is
/// listed in [`Round::failed`] and the rest still load.
///
/// # Errors
/// Only when a path itself cannot be read (it does not exist, a folder cannot be listed):
/// [`StoreError::Io`].
pub fn load_round(paths: &[PathBuf]) -> Result<Round, StoreError> {
    let (files, round_files) = find_files(paths)?;
    let results = load_records(&files);
    let mut round = Round::default();
    for (path, result) in files.into_iter().zip(results) {
        match result {
            Ok(r) => round.records.push((path, r)),
            Err(e) => round.failed.push((path, e)),
        }
    }
    for path in round_files {
        match round_file_kind(&path) {
            Some(RoundFileKind::Signoff) => match load_signoff(&path) {
                Ok(f) => {
                    round.signoffs.files.push(f);
                    round.round_files.push(path);
                }
                Err(e) => round.failed.push((path, e)),
            },
            Some(RoundFileKind::Leader) => match load_leader(&path) {
                // Two leader files of one round (copies gathered from two folders): the
                // first in path order is read, the other named as not read.
                Ok(f) if round.signoffs.leaders.contains_key(&f.round) => {
                    round
                        .failed
                        .push((path.clone(), StoreError::Duplicate { path }));
                }
                Ok(f) => {
                    round.signoffs.leaders.insert(f.round.clone(), f);
                    round.round_files.push(path);
                }
                Err(e) => round.failed.push((path, e)),
            },
            Some(RoundFileKind::Ledger) => match load_file(&path, Ledger::parse) {
                Ok(l) => round.ledgers.push((path, l)),
                Err(e) => round.failed.push((path, e)),
            },
            None => {}
        }
    }
    round.failed.sort_by(|a, b| a.0.cmp(&b.0));
    round.records.sort_by(|(pa, a), (pb, b)| {
        (&a.unit, &a.round, &a.inspector, pa).cmp(&(&b.unit, &b.round, &b.inspector, pb))
    });
    Ok(round)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;
    use crate::store::records::create_record;
    use std::fs;

    #[test]
    fn a_round_sorts_what_loads_and_lists_what_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("组二");
        for (unit, inspector, folder) in [
            ("外国语学院", "李四", dir.path()),
            ("计算机学院", "王五", sub.as_path()),
            ("计算机学院", "张三", dir.path()),
        ] {
            let r = Record::new(unit, "第三轮", "", inspector, &[], Timestamp::now());
            create_record(folder, &r).unwrap();
        }
        let bad = dir.path().join("坏.toml");
        fs::write(&bad, "format = 1\nunit = \"x\n").unwrap();
        let round = load_round(&[dir.path().to_path_buf()]).unwrap();
        let order: Vec<(&str, &str)> = round
            .records
            .iter()
            .map(|(_, r)| (r.unit.as_str(), r.inspector.as_str()))
            .collect();
        // by unit, then inspector (Unicode order), wherever the file is
        assert_eq!(
            order,
            [
                ("外国语学院", "李四"),
                ("计算机学院", "张三"),
                ("计算机学院", "王五")
            ]
        );
        assert_eq!(round.failed.len(), 1);
        assert_eq!(round.failed[0].0, bad);
        assert!(matches!(round.failed[0].1, StoreError::Record(_)));
        assert_eq!(round.paths().count(), 4);
        assert!(!round.is_empty());
    }

    #[test]
    fn an_empty_folder_is_an_empty_round_and_a_missing_path_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_round(&[dir.path().to_path_buf()]).unwrap().is_empty());
        let missing = dir.path().join("没有");
        assert!(matches!(load_round(&[missing]), Err(StoreError::Io { .. })));
    }
}
