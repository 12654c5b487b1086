//! Private files and folders, and the durable atomic write, on `rustix`'s safe system calls.

use std::fs::{DirBuilder, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::StoreError;

/// Mode of every file written: only the owner may read it.
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder created.
pub const DIR_MODE: u32 = 0o700;

/// Create a folder (and its parents) readable only by the owner. An existing folder is left as
/// it is.
pub fn create_private_dir(path: &Path) -> Result<(), StoreError> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder
        .create(path)
        .map_err(|e| StoreError::io(path, "create folder", e))
}

/// The middle part of the name of a save's temporary file: `.NAME.xuncha-save.XXXXXX` beside
/// the record. Nobody else picks such a name, so `Session::open` may tidy any file so named.
pub const TEMP_TAG: &str = "xuncha-save";

/// The record's name as its temporary names hold it: whole, or for a name too long to fit in
/// `.NAME.xuncha-save.XXXXXX` within the 255 bytes a file name may have, its beginning (never cut
/// inside a UTF-8 character) and `~` with a hash of the whole name, so that two long names
/// sharing a beginning still have temporary names of their own.
fn temp_stem(record: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    const MAX: usize = 255 - (TEMP_TAG.len() + 9);
    if record.len() <= MAX {
        return std::borrow::Cow::Borrowed(record);
    }
    let hash = fnv(record);
    let mut end = MAX - 17;
    while end > 0 && record[end] & 0b1100_0000 == 0b1000_0000 {
        end -= 1;
    }
    let mut stem = record[..end].to_vec();
    stem.extend_from_slice(format!("~{hash:016x}").as_bytes());
    std::borrow::Cow::Owned(stem)
}

/// Whether `file` is the name of a temporary file of a save of `record` (see [`TEMP_TAG`]).
pub fn is_save_temporary(record: &std::ffi::OsStr, file: &std::ffi::OsStr) -> bool {
    let (record, file) = (record.as_encoded_bytes(), file.as_encoded_bytes());
    file.strip_prefix(b".")
        .and_then(|f| f.strip_prefix(&*temp_stem(record)))
        .and_then(|f| f.strip_prefix(b"."))
        .and_then(|f| f.strip_prefix(TEMP_TAG.as_bytes()))
        .and_then(|f| f.strip_prefix(b"."))
        .is_some_and(|suffix| suffix.len() == 6 && suffix.iter().all(u8::is_ascii_alphanumeric))
}

#[cfg(test)]
thread_local! {
    /// Tests make the folder sync fail with this OS error.
    pub(crate) static FAIL_FOLDER_SYNC: std::cell::Cell<Option<i32>> =
        const { std::cell::Cell::new(None) };
    /// Tests make linking a new file to its final name fail as on a file system without
    /// hard links.
    pub(crate) static NO_HARD_LINKS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Replace `path` with `bytes` atomically and durably. A crash at any moment leaves either the
/// old file or the new one, whole. The file is created 0600 and keeps the owner of the file it
/// replaces where the process may set it (run as root over a user's file).
///
/// The folder is opened first (a folder that cannot be opened is refused before anything
/// changes). On Linux the bytes go to an unnamed temporary file (`O_TMPFILE`) in it, which is
/// linked to a hidden name `.NAME.xuncha-save.XXXXXX`, its data synced (`fdatasync`; after the
/// link, as btrfs ignores a sync of a file without a name), renamed over the target, and the
/// folder synced. A kill between the link and the rename leaves that hidden file, a whole copy
/// never confirmed as saved (`Session::open` keeps it for the rescue folder); a partial file
/// is never visible.
/// Where `O_TMPFILE` or `/proc` is missing the hidden name is created and written directly (a
/// kill during the write leaves a partial hidden file, rescued like a whole one at the next
/// open).
///
/// Two syncs: the data before the rename (so the new name never points at unwritten blocks),
/// the folder after it (so the rename itself survives a power cut). If the folder sync fails
/// after the rename, the error is [`StoreError::Unsynced`]: the file on disk is the new one. A
/// file system that cannot sync a folder at all (EINVAL, as some do) is taken as it is.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace::write(path, bytes, true, true)
}

/// The folder `path` is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The file name of `path` to save under and its folder; an error if it names no file.
fn name_and_folder(path: &Path) -> Result<(&std::ffi::OsStr, &Path), StoreError> {
    match path.file_name() {
        Some(name) => Ok((name, folder_of(path))),
        None => Err(StoreError::io(
            path,
            "save",
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        )),
    }
}

/// Like [`write_atomic`], but never replaces anything: if `path` exists, the error's kind is
/// `AlreadyExists` (see [`StoreError::already_exists`]) and nothing is written. For rescue
/// copies, where two programs may pick the same name at the same moment.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    replace::write(path, bytes, true, false)
}

/// Write `bytes` as a new file `STEM.toml` in the rescue folder `dir` (made 0700, and made
/// durable, if need be), or `STEM-2.toml`, `STEM-3.toml`... if taken: never over another file,
/// even one another program writes at the same moment. Returns its path.
pub fn write_rescue(dir: &Path, stem: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    if !dir.is_dir() {
        create_private_dir(dir)?;
        // The new folder's entry, so that a rescue copy survives a power cut with its folder.
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = File::open(parent).and_then(|f| f.sync_all());
        }
    }
    let stem = fit_stem(stem);
    let mut n = 1;
    loop {
        let name = match n {
            1 => format!("{stem}.toml"),
            _ => format!("{stem}-{n}.toml"),
        };
        let path = dir.join(name);
        match write_new(&path, bytes) {
            Err(e) if e.already_exists() && n < 1000 => n += 1,
            Err(e) => return Err(e),
            Ok(()) => return Ok(path),
        }
    }
}

/// `stem`, or for one too long to take `-NNNN.toml` within the 255 bytes a file name may have,
/// its beginning (never cut inside a character) and `~` with a hash of the whole.
fn fit_stem(stem: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 255 - "-1000.toml".len();
    if stem.len() <= MAX {
        return std::borrow::Cow::Borrowed(stem);
    }
    let hash = fnv(stem.as_bytes());
    let mut end = MAX - 17;
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}~{hash:016x}", &stem[..end]))
}

/// FNV-1a: stable across runs and versions, as names made from it must be.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(unix)]
mod replace {
    use std::ffi::{OsStr, OsString};
    use std::fs::File;
    use std::io::{self, Write};
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    use rustix::fs::{AtFlags, Mode, OFlags};
    use rustix::io::Errno;

    use super::{FILE_MODE, StoreError, TEMP_TAG};

    /// See [`super::write_atomic`]; `try_unnamed` false takes the named way at once;
    /// `replace` false never replaces an existing target ([`super::write_new`]).
    pub(super) fn write(
        path: &Path,
        bytes: &[u8],
        try_unnamed: bool,
        replace: bool,
    ) -> Result<(), StoreError> {
        let (target, dir) = super::name_and_folder(path)?;
        let folder = File::open(dir).map_err(|e| StoreError::io(path, "open the folder of", e))?;
        let owner = std::fs::symlink_metadata(path)
            .ok()
            .map(|m| (m.uid(), m.gid()));
        let unnamed = match try_unnamed {
            true => unnamed(&folder, target, bytes, path)?,
            false => None,
        };
        let (file, temp) = match unnamed {
            Some(done) => done,
            None => named(&folder, target, bytes, path)?,
        };
        let undo = |e: io::Error, op| {
            let _ = rustix::fs::unlinkat(&folder, &temp, AtFlags::empty());
            StoreError::io(path, op, e)
        };
        // The old file's owner, where it differs and the process may give it (root over a
        // user's file). Best effort: ownership never stands in the way of a save.
        let mut chowned = false;
        if let (Some((uid, gid)), Ok(new)) = (owner, file.metadata())
            && (new.uid(), new.gid()) != (uid, gid)
        {
            chowned = std::os::unix::fs::fchown(&file, Some(uid), Some(gid)).is_ok();
        }
        // `fdatasync` need not carry an owner change: a full sync then.
        let synced = if chowned {
            file.sync_all()
        } else {
            file.sync_data()
        };
        if let Err(e) = synced {
            return Err(undo(e, "save"));
        }
        drop(file);
        if replace {
            if let Err(e) = rustix::fs::renameat(&folder, &temp, &folder, target) {
                return Err(undo(e.into(), "save"));
            }
        } else {
            // A second name that fails if the target exists, then the temporary one goes.
            let linked = rustix::fs::linkat(&folder, &temp, &folder, target, AtFlags::empty());
            #[cfg(test)]
            let linked = match linked {
                Ok(()) if super::NO_HARD_LINKS.with(std::cell::Cell::get) => {
                    // Undo the link just made, then fail as such a file system does.
                    let _ = rustix::fs::unlinkat(&folder, target, AtFlags::empty());
                    Err(Errno::PERM)
                }
                other => other,
            };
            match linked {
                Ok(()) => {
                    // The temporary name goes; should that fail, a hidden duplicate stays
                    // beside the new file, nothing worse.
                    let _ = rustix::fs::unlinkat(&folder, &temp, AtFlags::empty());
                }
                Err(e) => {
                    let no_links = matches!(
                        e,
                        Errno::PERM | Errno::OPNOTSUPP | Errno::NOSYS | Errno::MLINK
                    );
                    let e = undo(e.into(), "save");
                    if !no_links {
                        return Err(e);
                    }
                    // A file system without hard links (FAT, some network shares): the new file
                    // is made under its own name at once, never over another (a kill while it
                    // is written can leave it partial; it is a rescue copy, not the record).
                    direct_new(&folder, target, bytes, path)?;
                }
            }
        }
        sync_folder(&folder).map_err(|err| StoreError::Unsynced {
            path: path.to_path_buf(),
            err,
        })
    }

    /// Make the rename durable. A file system that cannot sync a folder says EINVAL (or
    /// ENOTSUP): there is nothing more to do there.
    fn sync_folder(folder: &File) -> io::Result<()> {
        let synced = folder.sync_all();
        #[cfg(test)]
        let synced = match super::FAIL_FOLDER_SYNC.with(std::cell::Cell::get) {
            Some(errno) => Err(io::Error::from_raw_os_error(errno)),
            None => synced,
        };
        let unsupported = [Errno::INVAL, Errno::OPNOTSUPP].map(Errno::raw_os_error);
        match synced {
            Err(e) if e.raw_os_error().is_some_and(|n| unsupported.contains(&n)) => Ok(()),
            other => other,
        }
    }

    /// Create `target` (which must not exist), write, sync its data.
    fn direct_new(
        folder: &File,
        target: &OsStr,
        bytes: &[u8],
        path: &Path,
    ) -> Result<(), StoreError> {
        let mut file = create_new(folder, target).map_err(|e| StoreError::io(path, "save", e))?;
        let written = file.write_all(bytes).and_then(|()| file.sync_data());
        if let Err(e) = written {
            drop(file);
            let _ = rustix::fs::unlinkat(folder, target, AtFlags::empty());
            return Err(StoreError::io(path, "write", e));
        }
        Ok(())
    }

    /// Create `name` in `folder`, 0600, failing if it exists.
    fn create_new(folder: &File, name: &OsStr) -> io::Result<File> {
        let fd = rustix::fs::openat(
            folder,
            name,
            OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::CLOEXEC,
            Mode::from_raw_mode(FILE_MODE),
        )?;
        Ok(File::from(fd))
    }

    /// `.NAME.xuncha-save.XXXXXX`, six random letters and digits.
    pub(super) fn temp_name(name: &OsStr) -> OsString {
        use std::hash::{BuildHasher, Hasher};
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        // A randomly keyed hasher (std's per-process random keys) over the time: random enough
        // to avoid clashes, and a clash only means another try.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        let mut x = h.finish();
        let stem = super::temp_stem(name.as_bytes());
        let stem = &*stem;
        let mut out = Vec::with_capacity(stem.len() + TEMP_TAG.len() + 9);
        out.push(b'.');
        out.extend_from_slice(stem);
        out.push(b'.');
        out.extend_from_slice(TEMP_TAG.as_bytes());
        out.push(b'.');
        for _ in 0..6 {
            out.push(ALPHABET[(x % ALPHABET.len() as u64) as usize]);
            x /= ALPHABET.len() as u64;
        }
        OsString::from_vec(out)
    }

    /// Try `make` with fresh temporary names until one is free.
    fn with_free_name<T>(
        name: &OsStr,
        mut make: impl FnMut(&OsStr) -> io::Result<T>,
    ) -> io::Result<(T, OsString)> {
        let mut tries = 0;
        loop {
            let temp = temp_name(name);
            match make(&temp) {
                Ok(t) => return Ok((t, temp)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// The bytes in an unnamed temporary file, then linked to a temporary name; `None` if the
    /// file system or the machine cannot (no `O_TMPFILE`, no `/proc`).
    #[cfg(target_os = "linux")]
    pub(super) fn unnamed(
        folder: &File,
        name: &OsStr,
        bytes: &[u8],
        path: &Path,
    ) -> Result<Option<(File, OsString)>, StoreError> {
        use std::os::fd::AsRawFd;
        let opened = rustix::fs::openat(
            folder,
            c".",
            OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
            Mode::from_raw_mode(FILE_MODE),
        );
        let mut file = match opened {
            Ok(fd) => File::from(fd),
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL) => return Ok(None),
            Err(e) => return Err(StoreError::io(path, "open for writing", e.into())),
        };
        file.write_all(bytes)
            .map_err(|e| StoreError::io(path, "write", e))?;
        // `/proc/self/fd/N` links an open unnamed file without special privileges (linking it
        // by its descriptor, `AT_EMPTY_PATH`, needs CAP_DAC_READ_SEARCH).
        let proc = format!("/proc/self/fd/{}", file.as_raw_fd());
        let linked = with_free_name(name, |temp| {
            rustix::fs::linkat(
                rustix::fs::CWD,
                proc.as_str(),
                folder,
                temp,
                AtFlags::SYMLINK_FOLLOW,
            )
            .map_err(io::Error::from)
        });
        match linked {
            Ok(((), temp)) => Ok(Some((file, temp))),
            // No /proc, or linking through it refused (a sandbox): nothing has a name yet, so
            // the named way is tried, and says what is wrong if it fails too.
            Err(_) => Ok(None),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn unnamed(
        _: &File,
        _: &OsStr,
        _: &[u8],
        _: &Path,
    ) -> Result<Option<(File, OsString)>, StoreError> {
        Ok(None)
    }

    /// The bytes in a new file under a temporary name (removed again if the write fails).
    fn named(
        folder: &File,
        name: &OsStr,
        bytes: &[u8],
        path: &Path,
    ) -> Result<(File, OsString), StoreError> {
        let (mut file, temp) = with_free_name(name, |temp| create_new(folder, temp))
            .map_err(|e| StoreError::io(path, "open for writing", e))?;
        if let Err(e) = file.write_all(bytes) {
            let _ = rustix::fs::unlinkat(folder, &temp, AtFlags::empty());
            return Err(StoreError::io(path, "write", e));
        }
        Ok((file, temp))
    }
}

#[cfg(not(unix))]
mod replace {
    use std::io::Write;
    use std::path::Path;

    use super::StoreError;

    pub(super) fn write(
        path: &Path,
        bytes: &[u8],
        _: bool,
        replace: bool,
    ) -> Result<(), StoreError> {
        let (name, dir) = super::name_and_folder(path)?;
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(name);
        prefix.push(format!(".{}.", super::TEMP_TAG));
        let mut temp = tempfile::Builder::new()
            .prefix(&prefix)
            .rand_bytes(6)
            .tempfile_in(dir)
            .map_err(|e| StoreError::io(path, "open for writing", e))?;
        temp.write_all(bytes)
            .map_err(|e| StoreError::io(path, "write", e))?;
        temp.as_file()
            .sync_data()
            .map_err(|e| StoreError::io(path, "save", e))?;
        let persisted = if replace {
            temp.persist(path)
        } else {
            temp.persist_noclobber(path)
        };
        persisted.map_err(|e| StoreError::io(path, "save", e.error))?;
        Ok(())
    }
}

/// Read a whole file, refusing more than `limit` bytes (also from a pipe or a device, whose
/// size is not known in advance).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, StoreError> {
    let file = File::open(path).map_err(|e| StoreError::io(path, "read", e))?;
    let known = file.metadata().map(|m| m.len()).unwrap_or(0);
    let too_large = |size| StoreError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    };
    if known > limit {
        return Err(too_large(known));
    }
    // Sized from the start: read in one go rather than in doubling chunks.
    let mut bytes = Vec::with_capacity(usize::try_from(known).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| StoreError::io(path, "read", e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
