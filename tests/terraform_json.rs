//! Terraform's JSON syntax (`*.tf.json`) read as Terraform reads it: one module with the `.tf`
//! files beside it, module calls in both directions, and located errors that hide nothing else.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The JSON report of a ZT-NET-001 run.
fn report(path: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args([
            "--no-config",
            "--format",
            "json",
            "--rule",
            "ZT-NET-001",
            path,
        ])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint");
    serde_json::from_slice(&out.stdout).expect("json")
}

/// `file:line:column resource` of each finding, or `file:line:column message` of each error.
fn located(doc: &serde_json::Value, list: &str, label: &str) -> Vec<String> {
    let mut out: Vec<String> = doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f[label].as_str().unwrap()
            )
        })
        .collect();
    out.sort();
    out
}

const MIXED: &str = "tests/cases/terraform-json/mixed";

#[test]
fn a_module_mixes_native_and_json_syntax() {
    let doc = report(MIXED);
    assert_eq!(located(&doc, "errors", "message"), Vec::<String>::new());
    assert_eq!(
        located(&doc, "findings", "resource"),
        [
            // main.tf reads a variable and a resource declared in network.tf.json.
            format!("{MIXED}/main.tf:12:24 aws_security_group_rule.rdp"),
            // network.tf.json passes a local of main.tf to a module written in JSON; its
            // `count` and `var.ports[count.index]` are evaluated per instance (443 passes).
            format!("{MIXED}/modules/sg/main.tf.json:15:29 module.sg.aws_security_group.this[0]"),
        ]
    );
    // The module call is located at its name in the JSON file.
    let call = &doc["findings"][1]["module_calls"][0];
    assert_eq!(
        (
            call["file"].as_str(),
            call["line"].as_u64(),
            call["column"].as_u64()
        ),
        (
            Some(format!("{MIXED}/network.tf.json").as_str()),
            Some(16),
            Some(5)
        )
    );
}

#[test]
fn a_named_file_loads_the_json_files_of_its_module() {
    // The rule's source is 0.0.0.0/0 only through the default declared in network.tf.json.
    let main = format!("{MIXED}/main.tf");
    assert_eq!(
        located(&report(&main), "findings", "resource"),
        [format!("{main}:12:24 aws_security_group_rule.rdp")]
    );
}

#[test]
fn a_malformed_json_file_is_a_located_error_and_the_rest_is_linted() {
    let broken = "tests/cases/terraform-json/broken";
    let doc = report(broken);
    assert_eq!(
        located(&doc, "errors", "message"),
        [
            format!("{broken}/bad.tf.json:6:7 invalid JSON: expected a value, found `}}`"),
            format!(
                "{broken}/template.tf.json:3:27 invalid expression in Terraform JSON: expected `}}`"
            ),
        ]
    );
    assert_eq!(
        located(&doc, "findings", "resource"),
        [format!("{broken}/good.tf:6:20 aws_security_group.ssh")]
    );
}
