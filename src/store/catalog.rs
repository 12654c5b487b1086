//! The template catalog: the built-in templates embedded in the binary, extended and overridden
//! by the user's template folder.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::fsutil::read_limited;
use crate::model::diag::key_span;
use crate::model::{Catalog, Diagnostic, Origin, Template};

/// The built-in templates, in the order they are shown.
pub const BUILTIN: &[(&str, &str)] = &[
    ("sankan.toml", include_str!("../../checklists/sankan.toml")),
    (
        "zhengzhi-jilv.toml",
        include_str!("../../checklists/zhengzhi-jilv.toml"),
    ),
    (
        "yigang-shuangze.toml",
        include_str!("../../checklists/yigang-shuangze.toml"),
    ),
    (
        "baxiang-guiding.toml",
        include_str!("../../checklists/baxiang-guiding.toml"),
    ),
];

/// Templates are small; anything larger is not a template.
const TEMPLATE_LIMIT: u64 = 8 * 1024 * 1024;

/// One template file read from a folder.
pub struct LoadedFile {
    pub path: PathBuf,
    pub result: Result<Template, Vec<Diagnostic>>,
}

/// Read and validate every `*.toml` in `dir` (not recursive), sorted by name. Two files with the
/// same template id are an error on the second one.
pub fn load_template_dir(dir: &Path) -> Result<Vec<LoadedFile>, Diagnostic> {
    let entries = fs::read_dir(dir).map_err(|e| {
        Diagnostic::whole_file(
            &dir.display().to_string(),
            format!("cannot read folder: {e}"),
        )
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "toml")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    Ok(paths
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let result = read_template(&path, &name).and_then(|(t, text)| {
                if let Some(first) = seen.get(&t.id) {
                    return Err(vec![Diagnostic::at(
                        &name,
                        &text,
                        key_span(&text, "id"),
                        format!(
                            "template id `{}` is already used by {}; ids must be unique in a folder",
                            t.id,
                            first.display()
                        ),
                    )]);
                }
                seen.insert(t.id.clone(), path.clone());
                Ok(t)
            });
            LoadedFile { path, result }
        })
        .collect())
}

fn read_template(path: &Path, name: &str) -> Result<(Template, String), Vec<Diagnostic>> {
    let bytes = read_limited(path, TEMPLATE_LIMIT).map_err(|e| {
        let message = match e {
            StoreError::Io { err, .. } => format!("cannot read: {err}"),
            other => other.to_string(),
        };
        vec![Diagnostic::whole_file(name, message)]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
        vec![Diagnostic::at(
            name,
            &prefix,
            Some(good..good),
            "invalid UTF-8; expected a UTF-8 text file".into(),
        )]
    })?;
    Template::parse(name, &text).map(|t| (t, text))
}

/// A built-in template parsed, or why it could not be, and its file name.
pub type Builtin = (Result<Template, Vec<Diagnostic>>, &'static str);

/// The built-in templates parsed, once per process, by whichever thread asks first (another
/// one asking meanwhile waits for that). They are tested to be valid; should one ever fail,
/// its diagnostics are returned rather than panicking.
pub fn builtin_templates() -> &'static [Builtin] {
    static PARSED: std::sync::OnceLock<Vec<Builtin>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(name, text)| (Template::parse(&format!("<built-in>/{name}"), text), *name))
            .collect()
    })
}

/// The catalog in use: the built-in templates, then the user folder (if it exists). Returns the
/// catalog and the problems met on the way (invalid user templates are skipped, not fatal).
pub fn load_catalog(user_dir: Option<&Path>) -> (Catalog, Vec<Diagnostic>) {
    let mut catalog = Catalog::default();
    let mut problems = Vec::new();
    for (result, name) in builtin_templates() {
        match result {
            Ok(t) => catalog.insert(t.clone(), Origin::BuiltIn(name)),
            Err(d) => problems.extend_from_slice(d),
        }
    }
    if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
        match load_template_dir(dir) {
            Ok(files) => {
                for f in files {
                    match f.result {
                        Ok(t) => catalog.insert(t, Origin::File(f.path.display().to_string())),
                        Err(mut d) => problems.append(&mut d),
                    }
                }
            }
            Err(d) => problems.push(d),
        }
    }
    (catalog, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_is_valid() {
        for (result, name) in builtin_templates() {
            if let Err(errors) = result {
                let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("{name}:\n{}", text.join("\n"));
            }
        }
    }

    #[test]
    fn every_file_in_checklists_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
        let mut on_disk: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
    }

    #[test]
    fn builtin_content_meets_the_minimums() {
        let (catalog, problems) = load_catalog(None);
        assert!(problems.is_empty());
        let ids: Vec<&str> = catalog.templates().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "sankan",
                "zhengzhi-jilv",
                "yigang-shuangze",
                "baxiang-guiding"
            ]
        );
        let sankan = catalog.get("sankan").unwrap();
        assert_eq!(sankan.sections.len(), 3);
        assert!(sankan.sections.iter().all(|s| s.items.len() >= 3));
        for id in ["zhengzhi-jilv", "yigang-shuangze", "baxiang-guiding"] {
            assert!(catalog.get(id).unwrap().item_count() >= 10, "{id}");
        }
        // the high-risk areas of 一岗双责 are items of their own
        let yg = catalog.get("yigang-shuangze").unwrap();
        for area in ["招生", "基建", "采购", "科研经费", "校办企业", "招聘"] {
            assert!(
                yg.items().any(|(_, i)| i.text.contains(area)),
                "一岗双责 lacks an item on {area}"
            );
        }
        // unverified points say why
        for t in catalog.templates() {
            for (_, item) in t.items() {
                assert!(
                    !item.unverified || !item.note.is_empty(),
                    "{}/{}",
                    t.id,
                    item.id
                );
            }
        }
    }

    #[test]
    fn user_folder_overrides_and_extends() {
        let dir = tempfile::tempdir().unwrap();
        let own = BUILTIN[0]
            .1
            .replace("title = \"三看\"", "title = \"三看（本校版）\"");
        fs::write(dir.path().join("a.toml"), own).unwrap();
        fs::write(
            dir.path().join("b.toml"),
            BUILTIN[0]
                .1
                .replace("id = \"sankan\"", "id = \"sankan-extra\""),
        )
        .unwrap();
        fs::write(dir.path().join("c.toml"), "id = ").unwrap();
        let (catalog, problems) = load_catalog(Some(dir.path()));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].file.ends_with("c.toml"));
        assert_eq!(catalog.get("sankan").unwrap().title, "三看（本校版）");
        assert!(catalog.is_overridden("sankan"));
        assert!(catalog.get("sankan-extra").is_some());
        assert_eq!(catalog.templates().count(), 5);
    }

    #[test]
    fn same_id_twice_in_a_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.toml"), BUILTIN[0].1).unwrap();
        fs::write(dir.path().join("b.toml"), BUILTIN[0].1).unwrap();
        let files = load_template_dir(dir.path()).unwrap();
        assert!(files[0].result.is_ok());
        let e = files[1].result.as_ref().unwrap_err();
        assert!(e[0].message.contains("already used"));
    }

    #[test]
    fn invalid_utf8_is_positioned() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.toml"), b"id = \"x\"\ntitle = \"\xff\"\n").unwrap();
        let files = load_template_dir(dir.path()).unwrap();
        let e = files[0].result.as_ref().unwrap_err();
        assert_eq!((e[0].line, e[0].column), (2, 10));
    }
}
