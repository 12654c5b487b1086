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

/// Replace `path` with `bytes` atomically and durably: a temporary file in the same folder is
/// written, fsynced and renamed over the target, then the folder is fsynced. A crash at any
/// moment leaves either the old file or the new one, whole. The file is created 0600.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.preserve_mode(false).mode(FILE_MODE);
    }
    let mut file = options
        .open(path)
        .map_err(|e| StoreError::io(path, "open for writing", e))?;
    file.write_all(bytes)
        .map_err(|e| StoreError::io(path, "write", e))?;
    file.commit().map_err(|e| StoreError::io(path, "save", e))
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
