//! Where files live: the data folder (records) and the config folder (user templates, settings).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The folders in use.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Records. `--data-dir`, `XUNCHA_DATA_DIR`, or the platform data folder.
    pub data_dir: PathBuf,
    /// Settings and the user template folder. `XUNCHA_CONFIG_DIR`, or the platform config folder.
    pub config_dir: PathBuf,
}

impl Paths {
    /// Resolve the folders. `data_dir` and `config_dir` come from the command line or the
    /// environment; what is not given comes from the platform's conventions.
    pub fn resolve(data_dir: Option<PathBuf>, config_dir: Option<PathBuf>) -> Paths {
        let dirs = ProjectDirs::from("", "", "xuncha");
        let fallback = |sub: &str| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("."))
                .join(".xuncha")
                .join(sub)
        };
        Paths {
            data_dir: data_dir.unwrap_or_else(|| {
                dirs.as_ref()
                    .map_or_else(|| fallback("data"), |d| d.data_dir().to_path_buf())
            }),
            config_dir: config_dir.unwrap_or_else(|| {
                dirs.as_ref()
                    .map_or_else(|| fallback("config"), |d| d.config_dir().to_path_buf())
            }),
        }
    }

    /// The user's own template folder: adds to and overrides the built-in templates.
    pub fn user_checklists(&self) -> PathBuf {
        self.config_dir.join("checklists")
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}
