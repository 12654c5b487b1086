//! The template catalog: the built-in templates embedded in the binary, extended and overridden
//! by the user's template folder.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::fsutil::read_limited;
#[cfg(test)]
use crate::model::demo::EARLIER;
use crate::model::diag::key_span;
use crate::model::{Catalog, Diagnostic, Origin, Template};
#[cfg(test)]
use crate::model::{Category, Focus, Role, UnitType};

/// The built-in templates, in the order they are shown: the 三看 lens, then by the 四个落实 in
/// the order of the 2024 巡视工作条例 (党中央决策部署与职能责任, 全面从严治党, 组织路线, 整改),
/// each checklist by the `focus` most of its items have; a test holds the order to that.
pub const BUILTIN: &[(&str, &str)] = &[
    ("sankan.toml", include_str!("../../checklists/sankan.toml")),
    (
        "zhengzhi-jilv.toml",
        include_str!("../../checklists/zhengzhi-jilv.toml"),
    ),
    (
        "lide-shuren.toml",
        include_str!("../../checklists/lide-shuren.toml"),
    ),
    (
        "yigang-shuangze.toml",
        include_str!("../../checklists/yigang-shuangze.toml"),
    ),
    (
        "baxiang-guiding.toml",
        include_str!("../../checklists/baxiang-guiding.toml"),
    ),
    (
        "zuzhi-luxian.toml",
        include_str!("../../checklists/zuzhi-luxian.toml"),
    ),
    (
        "jiceng-dangjian.toml",
        include_str!("../../checklists/jiceng-dangjian.toml"),
    ),
    (
        "zhenggai-luoshi.toml",
        include_str!("../../checklists/zhenggai-luoshi.toml"),
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
                "lide-shuren",
                "yigang-shuangze",
                "baxiang-guiding",
                "zuzhi-luxian",
                "jiceng-dangjian",
                "zhenggai-luoshi"
            ]
        );
        // at least 110 items, each of the 三大问题 at least a quarter of them
        let items: Vec<&crate::model::Item> = catalog
            .templates()
            .flat_map(|t| t.items().map(|(_, i)| i))
            .collect();
        assert!(items.len() >= 110, "{} items", items.len());
        for category in Category::ALL {
            let n = items.iter().filter(|i| i.category == category).count();
            assert!(n * 4 >= items.len(), "{category:?}: {n} of {}", items.len());
        }
        for id in ids.iter().filter(|id| **id != "sankan") {
            assert!(catalog.get(id).unwrap().item_count() >= 8, "{id}");
        }
        // the high-risk areas of 一岗双责 are items of their own
        let yg = catalog.get("yigang-shuangze").unwrap();
        for area in [
            "招生",
            "基建",
            "采购",
            "科研经费",
            "校办企业",
            "招聘",
            "小金库",
        ] {
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

    /// The order of the built-ins is the framing, not the order files were added: the
    /// 三看 lens first (it sums up the others), then the 四个落实 in the 条例's order
    /// (党中央决策部署 and 职能责任, 全面从严治党, 组织路线, 整改), each checklist placed by the
    /// `focus` most of its items have. 立德树人与办学治校 is 履行职能责任, so it follows 政治纪律.
    #[test]
    fn builtins_follow_the_four_implementations() {
        let (catalog, _) = load_catalog(None);
        let mut templates = catalog.templates();
        let lens = templates.next().unwrap();
        assert!(lens.items().any(|(_, i)| !i.refs.is_empty()), "{}", lens.id);
        let main_focus = |t: &Template| {
            Focus::ALL
                .into_iter()
                .max_by_key(|f| {
                    let n = t.items().filter(|(_, i)| i.focus == Some(*f)).count();
                    // the earlier of two with as many items
                    (n, std::cmp::Reverse(*f))
                })
                .unwrap()
        };
        let foci: Vec<(&str, Focus)> = templates.map(|t| (t.id.as_str(), main_focus(t))).collect();
        assert!(
            foci.windows(2).all(|w| w[0].1 <= w[1].1),
            "not in the order of the 四个落实: {foci:?}"
        );
        assert_eq!(
            foci,
            [
                ("zhengzhi-jilv", Focus::Policy),
                ("lide-shuren", Focus::Policy),
                ("yigang-shuangze", Focus::Governance),
                ("baxiang-guiding", Focus::Governance),
                ("zuzhi-luxian", Focus::OrgLine),
                ("jiceng-dangjian", Focus::OrgLine),
                ("zhenggai-luoshi", Focus::Rectification),
            ]
        );
    }

    #[test]
    fn no_item_id_is_in_two_builtin_checklists() {
        let (catalog, _) = load_catalog(None);
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for t in catalog.templates() {
            for (_, item) in t.items() {
                if let Some(first) = seen.insert(&item.id, &t.id) {
                    panic!("item id `{}` is in both {first} and {}", item.id, t.id);
                }
            }
        }
    }

    #[test]
    fn builtin_items_carry_roles_focus_and_sound_links() {
        let (catalog, _) = load_catalog(None);
        assert_eq!(catalog.link_problems(), Vec::<String>::new());
        for t in catalog.templates() {
            for (_, item) in t.items() {
                assert!(!item.roles.is_empty(), "{}/{} has no roles", t.id, item.id);
                assert!(item.focus.is_some(), "{}/{} has no focus", t.id, item.id);
            }
        }
        // every role is asked something, and each of the 四个落实 is served
        for role in Role::ALL {
            let n = catalog
                .templates()
                .flat_map(|t| t.items())
                .filter(|(_, i)| i.roles.contains(&role))
                .count();
            assert!(n >= 5, "{role:?}: {n} items");
        }
        for focus in Focus::ALL {
            assert!(
                catalog
                    .templates()
                    .flat_map(|t| t.items())
                    .any(|(_, i)| i.focus == Some(focus)),
                "{focus:?}"
            );
        }
        // 三看 is a lens: three looks resting on detailed items, and its other items are few
        let sankan = catalog.get("sankan").unwrap();
        let looks: Vec<_> = sankan.items().filter(|(_, i)| !i.refs.is_empty()).collect();
        assert_eq!(looks.len(), 3);
        assert!(looks.iter().all(|(_, i)| i.refs.len() >= 5));
        assert!(sankan.item_count() <= 10);
        // every unit type has items that do not apply to it, and most that do
        for unit in UnitType::ALL {
            let all = catalog.templates().flat_map(|t| t.items()).count();
            let applying = catalog
                .templates()
                .flat_map(|t| t.items())
                .filter(|(_, i)| i.applies(Some(unit)))
                .count();
            assert!(
                applying < all && applying * 2 > all,
                "{unit:?}: {applying} of {all}"
            );
        }
    }

    #[test]
    fn the_wrong_example_thresholds_are_fixed() {
        let (catalog, _) = load_catalog(None);
        let values = |key: &str| -> String {
            let (_, _, item) = catalog.resolve(key).unwrap();
            item.thresholds
                .iter()
                .map(|t| format!("{} {} {}\n", t.name, t.value, t.note))
                .collect()
        };
        let procurement = values("yigang-shuangze/procurement");
        assert!(
            procurement.contains("200 万元以上须公开招标"),
            "{procurement}"
        );
        assert!(procurement.contains("国办发〔2019〕55 号"), "{procurement}");
        let office = values("baxiang-guiding/office-space");
        for m2 in ["18 平方米", "12 平方米", "9 平方米"] {
            assert!(office.contains(m2), "{office}");
        }
        assert!(values("baxiang-guiding/meeting-approval").contains("550 元"));
        // every threshold says where its figure comes from, or that it is an example
        for t in catalog.templates() {
            for (_, item) in t.items() {
                for th in &item.thresholds {
                    let n = &th.note;
                    assert!(
                        n.contains("依据")
                            || n.contains("示例")
                            || n.contains("本校")
                            || n.contains("未核"),
                        "{}/{}: {}",
                        t.id,
                        item.id,
                        th.name
                    );
                }
            }
        }
    }

    /// Items of 2026.1 deliberately left without a successor: an answer to one stays an
    /// orphan. 民主测评 is a source of evidence, not a check on the unit.
    const DROPPED: &[&str] = &["sankan/evaluation-by-staff"];

    #[test]
    fn every_2026_1_item_lives_on_or_is_replaced() {
        let (catalog, _) = load_catalog(None);
        let replaced: Vec<&str> = catalog
            .templates()
            .flat_map(|t| t.items())
            .flat_map(|(_, i)| i.replaces.iter().map(String::as_str))
            .collect();
        let mut old_keys = 0;
        for (name, text) in EARLIER {
            let old = Template::parse(name, text).unwrap();
            for (_, item) in old.items() {
                old_keys += 1;
                let key = crate::model::template::answer_key(&old.id, &item.id);
                let live = catalog
                    .resolve(&key)
                    .is_some_and(|(_, _, i)| i.refs.is_empty());
                let n = replaced.iter().filter(|k| **k == key).count();
                assert!(
                    (live && n == 0) || (!live && n == 1) || DROPPED.contains(&key.as_str()),
                    "{key}: live {live}, replaced {n} times"
                );
            }
        }
        assert_eq!(old_keys, 70);
        // and `replaces` names only 2026.1 items
        for key in replaced {
            let (tid, iid) = key.split_once('/').unwrap();
            assert!(
                EARLIER.iter().any(|(n, t)| {
                    let t = Template::parse(n, t).unwrap();
                    t.id == tid && t.item(iid).is_some()
                }),
                "{key}"
            );
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
        assert_eq!(catalog.templates().count(), BUILTIN.len() + 1);
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
