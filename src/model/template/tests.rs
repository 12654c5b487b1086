use super::*;
use crate::model::diag::Diagnostic;

const GOOD: &str = r#"
id = "demo"
title = "示例清单"
version = "1"

[[sections]]
id = "s1"
title = "第一部分"

[[sections.items]]
id = "a"
text = "是否按期召开民主生活会？"
guide = "调阅近三年民主生活会方案、征求意见汇总、会议记录。"
methods = ["documents", "个别谈话"]
category = "party-building"

[[sections.items.thresholds]]
name = "陪餐人数"
value = "不超过 3 人"
"#;

fn errors(text: &str) -> Vec<Diagnostic> {
    Template::parse("t.toml", text).err().unwrap_or_default()
}

#[test]
fn a_good_template_parses() {
    let t = Template::parse("t.toml", GOOD).unwrap();
    assert_eq!(t.id, "demo");
    assert_eq!(t.item_count(), 1);
    let item = t.item("a").unwrap();
    assert_eq!(
        item.methods,
        vec![SourceKind::Documents, SourceKind::Interview]
    );
    assert_eq!(item.thresholds[0].name, "陪餐人数");
}

#[test]
fn a_bom_is_accepted() {
    assert!(Template::parse("t.toml", &format!("\u{feff}{GOOD}")).is_ok());
}

#[test]
fn missing_version_is_an_error() {
    let e = errors(&GOOD.replace("version = \"1\"\n", ""));
    assert_eq!(e.len(), 1);
    assert!(e[0].message.contains("version"), "{}", e[0]);
}

#[test]
fn duplicate_item_id_points_at_the_second_one() {
    let twice = format!(
        "{GOOD}\n[[sections.items]]\nid = \"a\"\ntext = \"x\"\nguide = \"y\"\nmethods = [\"other\"]\ncategory = \"governance\"\n"
    );
    let e = errors(&twice);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("duplicate item id `a`"));
    assert_eq!(
        e[0].line,
        twice
            .lines()
            .collect::<Vec<_>>()
            .iter()
            .rposition(|l| *l == "id = \"a\"")
            .unwrap()
            + 1
    );
}

#[test]
fn blank_text_unknown_method_and_category_are_errors() {
    let e = errors(&GOOD.replace("是否按期召开民主生活会？", "  "));
    assert!(e[0].message.contains("item text is empty"), "{}", e[0]);
    let e = errors(&GOOD.replace("\"documents\"", "\"谈心谈话\""));
    assert!(e[0].message.contains("unknown variant"), "{}", e[0]);
    let e = errors(&GOOD.replace("party-building", "党风"));
    assert!(e[0].message.contains("leadership"), "{}", e[0]);
    let e = errors(&GOOD.replace("[\"documents\", \"个别谈话\"]", "[]"));
    assert!(e[0].message.contains("methods is empty"), "{}", e[0]);
}

#[test]
fn misspelt_field_and_bad_id_are_errors() {
    let e = errors(&GOOD.replace("guide =", "guid ="));
    assert!(!e.is_empty());
    let e = errors(&GOOD.replace("id = \"s1\"", "id = \"第一\""));
    assert!(e[0].message.contains("lowercase"), "{}", e[0]);
}

/// Other spellings of the same template (comments, CRLF, other spacing, literal strings)
/// read as the same template.
#[test]
fn other_spellings_read_alike() {
    let body = GOOD.trim_start();
    let plain = Template::parse("t.toml", body).unwrap();
    for text in [
        format!("# 本校版\n{body}"),
        body.replace('\n', "\r\n"),
        body.replacen("id = \"demo\"", "id=\"demo\"", 1),
        body.replacen("title = \"示例清单\"", "title = '''示例清单'''", 1),
        body.replacen("version = \"1\"", "version = \"1\" # 版本", 1),
    ] {
        assert_eq!(Template::parse("t.toml", &text).unwrap(), plain, "{text}");
    }
}

/// GOOD with these lines added to its item (after `category`).
fn with_item_lines(lines: &str) -> String {
    GOOD.replace(
        "category = \"party-building\"\n",
        &format!("category = \"party-building\"\n{lines}\n"),
    )
}

#[test]
fn applicability_roles_focus_and_links_are_read() {
    let text = with_item_lines(
        "roles = [\"secretary\", \"教师\", \"院长/行政负责人\"]\nfocus = \"org-line\"\nreplaces = [\"old/a\"]\nrefs = [\"other/b\"]",
    )
    .replace("version = \"1\"\n", "version = \"1\"\napplies_to = [\"学院\", \"affiliate\"]\n");
    let t = Template::parse("t.toml", &text).unwrap();
    let item = t.item("a").unwrap();
    assert_eq!(item.roles, [Role::Secretary, Role::Teacher, Role::Dean]);
    assert_eq!(item.focus, Some(Focus::OrgLine));
    assert_eq!(item.replaces, ["old/a"]);
    assert_eq!(item.refs, ["other/b"]);
    // the template's applies_to is the item's when it gives none
    assert_eq!(item.applies_to, [UnitType::College, UnitType::Affiliate]);
    assert!(item.applies(Some(UnitType::College)));
    assert!(!item.applies(Some(UnitType::Department)));
    assert!(item.applies(None));
    // a lens is not counted, wherever it applies
    assert!(!item.counted(Some(UnitType::College)));
    // an item's own list replaces the template's
    let own = text.replace("focus = ", "applies_to = [\"职能部门\"]\nfocus = ");
    let item = Template::parse("t.toml", &own)
        .unwrap()
        .item("a")
        .unwrap()
        .clone();
    assert_eq!(item.applies_to, [UnitType::Department]);
    // old templates without these fields: every unit type, no roles
    let plain = Template::parse("t.toml", GOOD).unwrap();
    let item = plain.item("a").unwrap();
    assert!(item.applies_to.is_empty() && item.roles.is_empty() && item.focus.is_none());
    assert!(item.counted(Some(UnitType::Department)));
}

/// Line and column (1-based, column in characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    (line, text[start..at].chars().count() + 1)
}

#[test]
fn bad_links_and_values_are_positioned() {
    let text = with_item_lines("replaces = [\"old/a\", \"no-slash\"]");
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].message
            .contains("`no-slash` is not `template-id/item-id`"),
        "{}",
        e[0]
    );
    assert_eq!((e[0].line, e[0].column), position(&text, "\"no-slash\""));

    let text = with_item_lines("refs = [\"demo/zz\"]");
    let e = errors(&text);
    assert!(
        e[0].message.contains("not another item of this checklist"),
        "{}",
        e[0]
    );
    assert_eq!((e[0].line, e[0].column), position(&text, "\"demo/zz\""));

    let text = with_item_lines("replaces = [\"demo/a\"]");
    let e = errors(&text);
    assert!(
        e[0].message.contains("still an item of this checklist"),
        "{}",
        e[0]
    );

    let text = with_item_lines("applies_to = []");
    let e = errors(&text);
    assert!(e[0].message.contains("applies_to is empty"), "{}", e[0]);
    assert_eq!((e[0].line, e[0].column), position(&text, "[]"));

    let text = with_item_lines("roles = [\"校长\"]");
    let e = errors(&text);
    assert!(e[0].message.contains("secretary"), "{}", e[0]);
    assert_eq!(e[0].line, position(&text, "\"校长\"").0);

    let text = with_item_lines("focus = \"整改\"");
    let e = errors(&text);
    assert!(e[0].message.contains("rectification"), "{}", e[0]);
}

#[test]
fn a_lens_rolls_up_the_items_it_rests_on() {
    let text = format!(
        "{GOOD}\n[[sections.items]]\nid = \"b\"\ntext = \"x\"\nguide = \"y\"\nmethods = [\"other\"]\ncategory = \"governance\"\n\n[[sections.items]]\nid = \"look\"\ntext = \"看\"\nguide = \"汇总\"\nmethods = [\"other\"]\ncategory = \"leadership\"\nrefs = [\"demo/a\", \"demo/b\", \"gone/x\"]\n"
    );
    let mut c = Catalog::default();
    c.insert(
        Template::parse("t.toml", &text).unwrap(),
        Origin::BuiltIn("t"),
    );
    let t = c.get("demo").unwrap();
    let look = t.item("look").unwrap();
    let roll = |a: Status, b: Status| {
        c.rolled_up("demo", look, |key| match key {
            "demo/a" => a,
            "demo/b" => b,
            _ => Status::Problem, // a ref the catalog lacks is skipped
        })
    };
    use Status::*;
    assert_eq!(roll(Unchecked, NoProblem), Unchecked);
    assert_eq!(roll(NoProblem, NoProblem), NoProblem);
    assert_eq!(roll(NotApplicable, NoProblem), NoProblem);
    assert_eq!(roll(NotApplicable, NotApplicable), NotApplicable);
    assert_eq!(roll(Doubt, Unchecked), Doubt);
    assert_eq!(roll(Doubt, Problem), Problem);
    // an ordinary item is its own answer
    let a = t.item("a").unwrap();
    assert_eq!(
        c.rolled_up("demo", a, |k| if k == "demo/a" { Doubt } else { Problem }),
        Doubt
    );
    // the catalog sees the ref to a checklist it does not have
    let problems = c.link_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("`gone/x`"), "{problems:?}");
}

#[test]
fn replacing_a_live_item_or_one_twice_is_a_link_problem() {
    let mut c = Catalog::default();
    c.insert(
        Template::parse("t.toml", GOOD).unwrap(),
        Origin::BuiltIn("t"),
    );
    let other = |id: &str, replaces: &str| {
        GOOD.replace("id = \"demo\"", &format!("id = \"{id}\""))
            .replace(
                "category = \"party-building\"\n",
                &format!("category = \"party-building\"\nreplaces = [\"{replaces}\"]\n"),
            )
    };
    c.insert(
        Template::parse("o.toml", &other("o1", "demo/a")).unwrap(),
        Origin::BuiltIn("o1"),
    );
    c.insert(
        Template::parse("p.toml", &other("o2", "old/x")).unwrap(),
        Origin::BuiltIn("o2"),
    );
    c.insert(
        Template::parse("q.toml", &other("o3", "old/x")).unwrap(),
        Origin::BuiltIn("o3"),
    );
    let problems = c.link_problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("o1/a") && problems[0].contains("still an item in use"));
    assert!(problems[1].starts_with("o3/a") && problems[1].contains("already replaced by o2/a"));
}

#[test]
fn near_duplicates_and_items_without_roles_are_warned_of() {
    // the 2026.1 set asked the same facts twice in 三看 and 政治纪律
    let mut old = Catalog::default();
    for (name, text) in crate::model::demo::EARLIER {
        old.insert(Template::parse(name, text).unwrap(), Origin::BuiltIn(name));
    }
    let warnings = old.content_warnings();
    let twins = warnings
        .iter()
        .filter(|w| w.contains("nearly the same"))
        .count();
    assert!(twins >= 4, "{warnings:#?}");
    assert!(warnings.iter().any(|w| {
        w.contains("sankan/democratic-life-quality and zhengzhi-jilv/democratic-life-meeting")
    }));
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("sankan/rules-of-procedure: no roles"))
    );
    // the built-in set has none of either
    let (now, _) = crate::store::load_catalog(None);
    assert_eq!(now.content_warnings(), Vec::<String>::new());
}

#[test]
fn unit_types_and_roles_read_from_the_command_line() {
    assert_eq!(UnitType::parse("学院"), Some(UnitType::College));
    assert_eq!(UnitType::parse("department"), Some(UnitType::Department));
    assert_eq!(UnitType::parse("企业"), Some(UnitType::Affiliate));
    assert_eq!(UnitType::parse("系"), None);
    assert_eq!(Role::parse("书记"), Some(Role::Secretary));
    assert_eq!(Role::parse("院长"), Some(Role::Dean));
    assert_eq!(Role::parse("retiree"), Some(Role::Retiree));
    assert_eq!(Role::parse("校长"), None);
    for r in Role::ALL {
        assert_eq!(Role::parse(r.key()), Some(r));
        assert_eq!(Role::parse(r.label(Lang::Zh)), Some(r));
    }
}

#[test]
fn catalog_override_replaces_in_place() {
    let t = Template::parse("t.toml", GOOD).unwrap();
    let mut c = Catalog::default();
    c.insert(t.clone(), Origin::BuiltIn("demo.toml"));
    let mut t2 = t.clone();
    t2.title = "本校版".into();
    c.insert(t2, Origin::File("/x/demo.toml".into()));
    assert_eq!(c.templates().count(), 1);
    assert_eq!(c.get("demo").unwrap().title, "本校版");
    assert!(c.is_overridden("demo"));
    assert!(c.resolve("demo/a").is_some());
    assert!(c.resolve("demo/zz").is_none());
    assert!(c.resolve("nope").is_none());
}

#[test]
fn a_new_record_gets_the_built_ins_unless_told_otherwise() {
    let t = Template::parse("t.toml", GOOD).unwrap();
    let mut extra = t.clone();
    extra.id = "extra".into();
    let mut c = Catalog::default();
    c.insert(t.clone(), Origin::BuiltIn("demo.toml"));
    c.insert(extra, Origin::File("/x/extra.toml".into()));
    assert!(c.is_default("demo") && !c.is_default("extra") && !c.is_default("nope"));
    let ids = |ts: Vec<&Template>| ts.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(c.for_new_record(&[]).unwrap()), ["demo"]);
    let asked = ["extra".to_string(), "demo".into(), "extra".into()];
    assert_eq!(ids(c.for_new_record(&asked).unwrap()), ["extra", "demo"]);
    assert_eq!(c.for_new_record(&["zz".to_string()]), Err("zz"));
    // a built-in replaced by a user file is still one
    c.insert(t, Origin::File("/x/demo.toml".into()));
    assert!(c.is_default("demo"));
}
