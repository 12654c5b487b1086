//! Private files and folders, and the durable atomic write.

use std::fs::{DirBuilder, File};
use std::io::{Read, Write};
use std::path::Path;

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

/// Replace `path` with `bytes` atomically and durably. A crash at any moment leaves either the
/// old file or the new one, whole. The file is created 0600.
///
/// On Linux the bytes go to an unnamed temporary file (`O_TMPFILE`) in the same folder, whose
/// data is synced (`fdatasync`); it is then linked to a hidden name `.NAME.XXXXXX`, renamed over
/// the target, and the folder is synced. A kill between the link and the rename leaves that
/// hidden file, a whole copy never confirmed as saved (`Session::open` removes it); a partial
/// file is never visible. Where `O_TMPFILE` or `/proc` is missing, a named temporary file is
/// written instead (a kill during its write leaves a partial hidden file).
///
/// Two syncs, the least a durable replace needs: the data before the rename (so the new name
/// never points at unwritten blocks), the folder after it (so the rename itself survives a
/// power cut).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Err(StoreError::io(
            path,
            "save",
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
        ));
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(FILE_MODE));
    }
    #[cfg(target_os = "linux")]
    if let Some(done) = unnamed::write(dir, &builder, path, bytes) {
        return done;
    }
    write_named(dir, &builder, path, bytes)
}

/// The save through a named temporary file `.NAME.XXXXXX`, removed if anything fails.
fn write_named(
    dir: &Path,
    builder: &tempfile::Builder<'_, '_>,
    path: &Path,
    bytes: &[u8],
) -> Result<(), StoreError> {
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| StoreError::io(path, "open for writing", e))?;
    temp.write_all(bytes)
        .map_err(|e| StoreError::io(path, "write", e))?;
    temp.as_file()
        .sync_data()
        .map_err(|e| StoreError::io(path, "save", e))?;
    temp.persist(path)
        .map_err(|e| StoreError::io(path, "save", e.error))?;
    sync_dir(dir).map_err(|e| StoreError::io(path, "save", e))
}

/// Make a folder's entries (a rename into it) durable.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(target_os = "linux")]
mod unnamed {
    use std::ffi::CString;
    use std::fs::File;
    use std::io::{self, Write};
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    use super::{FILE_MODE, StoreError, sync_dir};

    /// The save through an unnamed temporary file; `None` if this file system or machine
    /// cannot make or link one (the caller then uses a named one).
    pub(super) fn write(
        dir: &Path,
        builder: &tempfile::Builder<'_, '_>,
        path: &Path,
        bytes: &[u8],
    ) -> Option<Result<(), StoreError>> {
        let file = match open_unnamed(dir) {
            Ok(f) => f,
            Err(e) if unsupported(&e) => return None,
            Err(e) => return Some(Err(StoreError::io(path, "open for writing", e))),
        };
        let mut writer = &file;
        if let Err(e) = writer.write_all(bytes) {
            return Some(Err(StoreError::io(path, "write", e)));
        }
        if let Err(e) = file.sync_data() {
            return Some(Err(StoreError::io(path, "save", e)));
        }
        // Give it a hidden name (retrying another on a clash), then rename that over the target.
        // `/proc/self/fd/N` links an open unnamed file without special privileges.
        let proc = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()?;
        let linked = builder.make_in(dir, |temp| {
            let temp = CString::new(temp.as_os_str().as_bytes())
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
            // SAFETY: both paths are valid NUL-terminated strings for the call's duration.
            let rc = unsafe {
                libc::linkat(
                    libc::AT_FDCWD,
                    proc.as_ptr(),
                    libc::AT_FDCWD,
                    temp.as_ptr(),
                    libc::AT_SYMLINK_FOLLOW,
                )
            };
            if rc == 0 {
                Ok(())
            } else {
                Err(io::Error::last_os_error())
            }
        });
        let linked = match linked {
            Ok(l) => l,
            // No /proc: the named way works without it.
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) && dir.is_dir() => return None,
            Err(e) => return Some(Err(StoreError::io(path, "save", e))),
        };
        if let Err(e) = linked.persist(path) {
            return Some(Err(StoreError::io(path, "save", e.error)));
        }
        Some(sync_dir(dir).map_err(|e| StoreError::io(path, "save", e)))
    }

    fn open_unnamed(dir: &Path) -> io::Result<File> {
        let dir = CString::new(dir.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        // SAFETY: `dir` is a valid NUL-terminated string; the descriptor returned is owned by
        // the `File` made from it and by nothing else.
        let fd = unsafe {
            libc::open(
                dir.as_ptr(),
                libc::O_TMPFILE | libc::O_WRONLY | libc::O_CLOEXEC,
                FILE_MODE,
            )
        };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just opened and is not owned by anything else.
        Ok(unsafe { File::from_raw_fd(fd) })
    }

    /// `O_TMPFILE` not known to this kernel or file system.
    fn unsupported(e: &io::Error) -> bool {
        matches!(
            e.raw_os_error(),
            Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)
        )
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
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_private_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("第三轮_计算机学院_张三.toml");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, "新的内容\n".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新的内容\n");
        assert_eq!(names(dir.path()), ["第三轮_计算机学院_张三.toml"]);
        #[cfg(unix)]
        assert_eq!(mode(&path), FILE_MODE);
    }

    /// The way taken where `O_TMPFILE` is missing (FAT, some network shares), on its own.
    #[test]
    fn the_named_way_replaces_the_file_and_cleans_up_after_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        std::fs::write(&path, "old").unwrap();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".r.toml.").rand_bytes(6);
        write_named(dir.path(), &builder, &path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["r.toml"]);
        // The rename fails (the target is a non-empty folder): no temporary file stays.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir_all(blocked.join("inside")).unwrap();
        let e = write_named(dir.path(), &builder, &blocked, b"x").unwrap_err();
        assert!(e.to_string().contains("blocked"), "{e}");
        assert_eq!(names(dir.path()), ["blocked", "r.toml"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("blocked");
        std::fs::create_dir_all(blocked.join("inside")).unwrap();
        let e = write_atomic(&blocked, b"x").unwrap_err();
        assert!(e.to_string().contains("blocked"), "{e}");
        assert_eq!(names(dir.path()), ["blocked"]);
    }
}
