//! Policies written as templates are never passed over in silence: what a rule cannot decide is
//! listed by `--show-unknown` at the policy, and the rest of the document is still judged.

use std::path::Path;
use std::process::Command;

/// `(rule, resource, file, line, column)` of each undecided check, and of each finding.
type Located = Vec<(String, String, String, u64, u64)>;

fn run(dir: &str, rule: &str) -> (Located, Located) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args([
            "--format",
            "json",
            "--no-config",
            "--show-unknown",
            "--rule",
            rule,
            ".",
        ])
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(0), "{doc}");
    let located = |key: &str| -> Located {
        let mut all: Located = doc[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                (
                    u["rule_id"].as_str().unwrap().to_string(),
                    u["resource"].as_str().unwrap().to_string(),
                    u["file"].as_str().unwrap().to_string(),
                    u["line"].as_u64().unwrap(),
                    u["column"].as_u64().unwrap(),
                )
            })
            .collect();
        all.sort();
        all
    };
    (located("undecided"), located("findings"))
}

#[test]
fn a_template_directive_on_an_unknown_leaves_the_policy_undecided_not_skipped() {
    let (undecided, findings) = run(
        "tests/fixtures/ZT-IAM-001/terraform-templates",
        "ZT-IAM-001",
    );
    assert_eq!(
        undecided,
        [(
            "ZT-IAM-001".to_string(),
            "aws_iam_policy.passing_templatefile_undecided".to_string(),
            "main.tf".to_string(),
            72,
            12
        )]
    );
    assert_eq!(findings.len(), 3, "{findings:?}");
}

#[test]
fn this_account_is_decided_and_a_variable_account_is_undecided() {
    let (undecided, findings) = run(
        "tests/fixtures/ZT-IAM-005/terraform-this-account",
        "ZT-IAM-005",
    );
    assert!(undecided.is_empty(), "{undecided:?}");
    assert_eq!(
        findings,
        [(
            "ZT-IAM-005".to_string(),
            "aws_iam_role.flagged_heredoc_partner".to_string(),
            "main.tf".to_string(),
            39,
            99
        )]
    );
    let (undecided, _) = run("tests/cases/terraform/variable-account", "ZT-IAM-005");
    assert_eq!(
        undecided,
        [(
            "ZT-IAM-005".to_string(),
            "aws_iam_role.partner".to_string(),
            "main.tf".to_string(),
            6,
            85
        )]
    );
}
