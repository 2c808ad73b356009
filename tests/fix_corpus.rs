//! `zt-lint fix --unsafe` over a copy of the real-world corpus (`../shared/corpus`): a second
//! run changes nothing, every fixed file still loads with zt-lint's own loaders, and every fixed
//! CloudFormation template gets no cfn-lint error that its original did not have.
//!
//! Needs the corpus beside the repository and cfn-lint (`pip install cfn-lint==1.38.0`, then
//! `ZT_CFN_LINT=$(command -v cfn-lint)`); without them the test says so and passes, except in CI
//! (`CI` set), where `.ci/run` provides both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn zt_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy");
    for entry in std::fs::read_dir(from).expect("read corpus") {
        let entry = entry.expect("entry");
        let kind = entry.file_type().expect("file type");
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Relative paths of the files under `dir` whose bytes differ from the same path under `other`.
fn changed(dir: &Path, other: &Path, prefix: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir.join(prefix)).expect("read copy") {
        let entry = entry.expect("entry");
        let relative = prefix.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            changed(dir, other, &relative, out);
        } else if std::fs::read(dir.join(&relative)).ok()
            != std::fs::read(other.join(&relative)).ok()
        {
            out.push(relative);
        }
    }
}

/// The cfn-lint error rule ids (E...) of each template, run from `dir`.
fn cfn_lint_errors(
    cfn_lint: &Path,
    dir: &Path,
    templates: &[PathBuf],
) -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new(cfn_lint)
        .arg("--format")
        .arg("parseable")
        .args(templates)
        .current_dir(dir)
        .output()
        .expect("run cfn-lint");
    let mut errors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // path:line:column:end line:end column:rule:message
        let fields: Vec<&str> = line.splitn(7, ':').collect();
        if let (Some(path), Some(rule)) = (fields.first(), fields.get(5))
            && rule.starts_with('E')
        {
            errors
                .entry((*path).to_string())
                .or_default()
                .insert((*rule).to_string());
        }
    }
    errors
}

fn tool_or_skip(what: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} not found; .ci/run provides it"
        );
        eprintln!("skipped: {what} not found");
    }
    found
}

#[test]
fn fixing_the_corpus_is_idempotent_and_keeps_every_template_valid() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Some(corpus) = tool_or_skip("../shared/corpus", corpus.is_dir().then_some(corpus)) else {
        return;
    };
    let cfn_lint = tool_or_skip(
        "cfn-lint (ZT_CFN_LINT)",
        std::env::var_os("ZT_CFN_LINT").map(PathBuf::from),
    );
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fix-corpus");
    let _ = std::fs::remove_dir_all(&copy);
    copy_tree(&corpus, &copy);
    let before = zt_lint(&copy, &["--no-config", "--format", "json", "."]);
    let errors_before = serde_json::from_slice::<serde_json::Value>(&before.stdout).expect("json")
        ["errors"]
        .clone();

    let first = zt_lint(&copy, &["fix", "--unsafe", "--no-config", "."]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("zt-lint: fixed"), "{stderr}");
    let again = zt_lint(&copy, &["fix", "--unsafe", "--no-config", "."]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("fixed 0 finding(s) in 0 file(s)"),
        "a second fix changed something: {}",
        String::from_utf8_lossy(&again.stderr)
    );

    // Every fixed file still loads: the load errors are those of the original corpus.
    let after = zt_lint(&copy, &["--no-config", "--format", "json", "."]);
    let errors_after =
        serde_json::from_slice::<serde_json::Value>(&after.stdout).expect("json")["errors"].clone();
    assert_eq!(errors_after, errors_before, "fixing made files unreadable");

    let mut fixed = Vec::new();
    changed(&copy, &corpus, Path::new(""), &mut fixed);
    assert!(!fixed.is_empty(), "the corpus had nothing to fix");
    let templates: Vec<PathBuf> = fixed
        .into_iter()
        .filter(|p| p.starts_with("cloudformation"))
        .collect();
    let Some(cfn_lint) = cfn_lint else {
        return;
    };
    let original = cfn_lint_errors(&cfn_lint, &corpus, &templates);
    let now = cfn_lint_errors(&cfn_lint, &copy, &templates);
    let none = BTreeSet::new();
    for (template, rules) in &now {
        let new: Vec<&String> = rules
            .difference(original.get(template).unwrap_or(&none))
            .collect();
        assert!(
            new.is_empty(),
            "{template}: new cfn-lint errors {new:?} after fixing"
        );
    }
}
