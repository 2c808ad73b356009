//! README.md documents the catalog and the commands; keep it true.

use std::path::Path;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

/// The rule table is generated from the registry; `UPDATE_README=1 cargo test` regenerates it.
#[test]
fn readme_rule_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no rules:start/rules:end markers");
    };
    let all: Vec<&zt_lint::rules::Rule> = zt_lint::rules::RULES
        .iter()
        .chain(zt_lint::suppress::META_RULES)
        .copied()
        .collect();
    let table = zt_lint::rules::catalog_markdown(&all);
    let current = &readme[start + START.len()..end];
    if current != table && std::env::var_os("UPDATE_README").is_some() {
        let updated = format!(
            "{}{table}{}",
            &readme[..start + START.len()],
            &readme[end..]
        );
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        current, table,
        "README rule table is stale: UPDATE_README=1 cargo test"
    );
}

#[test]
fn readme_gives_the_commands_ci_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let ci = std::fs::read_to_string(root.join(".ci/run")).expect(".ci/run");
    assert!(readme.contains("cargo install --path . --locked && zt-lint examples/"));
    assert!(readme.contains("cargo test --locked"));
    assert!(ci.contains("cargo test --locked"));
}

/// Every rule has a page under docs/rules (SARIF's `helpUri` links there), generated from the
/// registry like `zt-lint explain`; `UPDATE_README=1 cargo test` regenerates them.
#[test]
fn rule_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("docs/rules");
    let update = std::env::var_os("UPDATE_README").is_some();
    let mut expected = Vec::new();
    for rule in zt_lint::rules::RULES
        .iter()
        .chain(zt_lint::suppress::META_RULES)
    {
        let path = root.join(zt_lint::rules::rule_page_path(rule));
        let page = format!("{}\n", zt_lint::rules::rule_page(rule).trim_end());
        if update {
            std::fs::create_dir_all(&dir).expect("docs/rules");
            std::fs::write(&path, &page).expect("write a rule page");
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            current,
            page,
            "{} is stale: UPDATE_README=1 cargo test",
            path.display()
        );
        expected.push(path);
    }
    for entry in std::fs::read_dir(&dir).expect("docs/rules").flatten() {
        assert!(
            expected.contains(&entry.path()),
            "{} documents no rule",
            entry.path().display()
        );
    }
}

/// examples/README.md states how many findings each example gives; those numbers must stay true
/// as rules are added (a secure example that gains a finding is a rule or an example to fix).
#[test]
fn examples_give_the_findings_their_readme_states() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("examples/README.md")).expect("examples README");
    let count = |path: &str| -> u64 {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zt-lint"))
            .args(["--no-config", "--format", "json", path])
            .current_dir(root)
            .output()
            .expect("run zt-lint");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        doc["summary"]["findings"].as_u64().expect("findings count")
    };
    let total = count("examples");
    assert!(
        readme.contains(&format!("# everything: {total} findings")),
        "examples/README.md does not say {total} findings for examples/"
    );
    for secure in [
        "examples/terraform/secure",
        "examples/cloudformation/secure.yaml",
        "examples/sam/secure.yaml",
    ] {
        assert_eq!(count(secure), 0, "{secure} has findings");
    }
    for (example, label) in [
        ("examples/terraform/insecure", "`terraform/insecure/`"),
        (
            "examples/cloudformation/insecure.yaml",
            "`cloudformation/insecure.yaml`",
        ),
        (
            "examples/cloudformation/insecure.json",
            "`cloudformation/insecure.json`",
        ),
        (
            "examples/plan/insecure.plan.json",
            "`plan/insecure.plan.json`",
        ),
        ("examples/sam/insecure.yaml", "`sam/insecure.yaml`"),
    ] {
        let n = count(example);
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {label} |")))
            .unwrap_or_else(|| panic!("no row for {label}"));
        assert!(
            row.contains(&format!("| {n} finding")),
            "{label}: the README row does not say {n} findings"
        );
    }
}
