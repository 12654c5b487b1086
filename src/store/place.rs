//! Where the inspector left each record: the current source and the selected item, kept per
//! user in `CONFIG/state.toml` and restored when the record is opened again.
//!
//! Not in the record file: that file is handed to the group leader, and where one inspector's
//! cursor stood is nobody else's business (nor a change to merge). The file is keyed by the
//! record's real path (symbolic links resolved, as `Session::open` resolves them), written with
//! the same durable atomic write as a record (`fsutil::write_atomic`, mode 0600, folder 0700),
//! and holds at most [`MAX_PLACES`] records, the least recently seen dropped first. A state
//! file that is missing, unreadable or from another version is taken as empty: it only ever
//! costs the inspector a cursor position, never a start.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::fsutil;
use super::paths::Paths;
use crate::model::Timestamp;

/// How many records the state file remembers.
pub const MAX_PLACES: usize = 200;

/// Largest state file read; a bigger one is taken as empty.
const LIMIT: u64 = 1 << 20;

/// Where one record was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The current source's code name (`T03`); absent when none was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The selected item's answer key (`template-id/item-id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// When this was written: the oldest entries go first when the file is full.
    pub seen: Timestamp,
}

/// The whole state file: one [`Place`] per record path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Places {
    #[serde(default)]
    records: BTreeMap<String, Place>,
}

impl Places {
    /// The state file in `paths`' config folder.
    pub fn file(paths: &Paths) -> PathBuf {
        paths.config_dir.join("state.toml")
    }

    /// Read the state file; anything wrong with it gives an empty state (module rules).
    pub fn load(paths: &Paths) -> Places {
        fsutil::read_limited(&Places::file(paths), LIMIT)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| toml::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Where `record` was left, if it is remembered.
    pub fn get(&self, record: &Path) -> Option<&Place> {
        self.records.get(&key(record))
    }

    /// Remember `place` for `record`, dropping the least recently seen records beyond
    /// [`MAX_PLACES`]. Returns whether anything changed (so an unchanged state is not written).
    pub fn remember(&mut self, record: &Path, place: Place) -> bool {
        let k = key(record);
        let same = self
            .records
            .get(&k)
            .is_some_and(|p| p.source == place.source && p.item == place.item);
        if same {
            return false;
        }
        self.records.insert(k, place);
        while self.records.len() > MAX_PLACES {
            let oldest = self
                .records
                .iter()
                .min_by_key(|(_, p)| p.seen)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => self.records.remove(&k),
                None => break,
            };
        }
        true
    }

    /// Write the state file durably (config folder created 0700, file 0600).
    pub fn save(&self, paths: &Paths) -> Result<(), StoreError> {
        fsutil::create_private_dir(&paths.config_dir)?;
        let text = toml::to_string(self)?;
        fsutil::write_atomic(&Places::file(paths), text.as_bytes())
    }

    /// How many records are remembered.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no record is remembered.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The key of a record: its real path when it can be resolved, else the path as given.
fn key(record: &Path) -> String {
    std::fs::canonicalize(record)
        .unwrap_or_else(|_| record.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::at;

    fn paths(dir: &Path) -> Paths {
        Paths {
            data_dir: dir.join("data"),
            config_dir: dir.join("config"),
        }
    }

    fn place(source: &str, item: &str, day: u32) -> Place {
        Place {
            source: Some(source.into()),
            item: Some(item.into()),
            seen: at(day, 9),
        }
    }

    #[test]
    fn a_place_survives_a_save_and_load_under_the_real_path() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        std::fs::create_dir_all(&p.data_dir).unwrap();
        let record = p.data_dir.join("a.toml");
        std::fs::write(&record, "").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&record, &link).unwrap();

        let mut places = Places::default();
        assert!(places.remember(&link, place("T03", "t/a", 1)));
        assert!(
            !places.remember(&record, place("T03", "t/a", 2)),
            "unchanged"
        );
        places.save(&p).unwrap();

        let back = Places::load(&p);
        assert_eq!(back.get(&record), Some(&place("T03", "t/a", 1)));
        assert_eq!(back.get(&link), back.get(&record));
        assert_eq!(back.get(&dir.path().join("other.toml")), None);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(Places::file(&p)).unwrap().permissions();
        assert_eq!(mode.mode() & 0o777, 0o600);
        // not a word of it goes into the record
        assert_eq!(std::fs::read(&record).unwrap(), b"");
    }

    #[test]
    fn a_broken_or_missing_state_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        assert!(Places::load(&p).is_empty());
        std::fs::create_dir_all(&p.config_dir).unwrap();
        std::fs::write(Places::file(&p), "records = 3\n[[x").unwrap();
        assert!(Places::load(&p).is_empty());
    }

    #[test]
    fn the_least_recently_seen_record_is_forgotten_first() {
        let mut places = Places::default();
        for i in 0..MAX_PLACES {
            let day = u32::try_from(i % 27).unwrap() + 1;
            places.remember(Path::new(&format!("/r/{i}.toml")), place("T01", "t/a", day));
        }
        places.remember(Path::new("/r/new.toml"), place("T02", "t/b", 28));
        assert_eq!(places.len(), MAX_PLACES);
        assert!(
            places.get(Path::new("/r/0.toml")).is_none(),
            "day 1, oldest"
        );
        assert!(places.get(Path::new("/r/new.toml")).is_some());
        assert!(places.get(Path::new("/r/1.toml")).is_some());
    }
}
