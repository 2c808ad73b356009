//! Terraform evaluated the way Terraform does: modules (local, nested, installed, not
//! installed), count/for_each instances, variable precedence, and recursion.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zt-lint"));
    cmd.args(args).current_dir(root()).env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run zt-lint")
}

/// `(file, line, column, resource)` of every ZT-NET-001 finding.
fn findings(args: &[&str], env: &[(&str, &str)]) -> Vec<(String, u64, u64, String)> {
    let mut all = vec!["--format", "json", "--rule", "ZT-NET-001"];
    all.extend_from_slice(args);
    let out = run(&all, env);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(0), "{doc}");
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["resource"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const PROJECT: &str = "tests/cases/terraform/project";
const SG: &str = "tests/cases/terraform/project/modules/sg/main.tf";

fn f(file: &str, line: u64, column: u64, resource: &str) -> (String, u64, u64, String) {
    (file.to_string(), line, column, resource.to_string())
}

#[test]
fn modules_instances_and_outputs_are_evaluated() {
    let main = format!("{PROJECT}/main.tf");
    let installed = format!("{PROJECT}/.terraform/modules/installed/main.tf");
    assert_eq!(
        findings(&[PROJECT], &[]),
        [
            f(&installed, 6, 20, "module.installed.aws_security_group.rdp"),
            f(&main, 40, 40, "aws_security_group.per_env[\"dev\"]"),
            // The output of a nested module flows back into the root.
            f(&main, 51, 20, "aws_security_group.uses_module_output"),
            f(SG, 16, 20, "module.db[\"a\"].aws_security_group.this"),
            f(
                SG,
                16,
                20,
                "module.nested.module.inner.aws_security_group.this"
            ),
            // z.auto.tfvars (0.0.0.0/0) overrides terraform.tfvars and the default.
            f(SG, 16, 20, "module.web[0].aws_security_group.this"),
            f(SG, 16, 20, "module.web[1].aws_security_group.this"),
        ]
    );
}

#[test]
fn findings_in_modules_say_how_they_were_reached() {
    let out = run(&["--format", "json", "--rule", "ZT-NET-001", PROJECT], &[]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let nested = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["resource"] == "module.nested.module.inner.aws_security_group.this")
        .expect("nested finding");
    let calls: Vec<(String, u64)> = nested["module_calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["file"].as_str().unwrap().to_string(),
                c["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            (format!("{PROJECT}/main.tf"), 15),
            (format!("{PROJECT}/modules/wrapper/main.tf"), 5)
        ]
    );
    let human = run(&["--rule", "ZT-NET-001", PROJECT], &[]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains(
        "reached through module.nested (tests/cases/terraform/project/main.tf:15:1) → module.inner"
    ));
}

#[test]
fn child_modules_are_not_linted_again_as_roots() {
    // modules/sg is called by the root: its resources appear only under module addresses.
    let all = findings(&[PROJECT], &[]);
    assert!(
        all.iter()
            .all(|(_, _, _, r)| r != "aws_security_group.this")
    );
}

#[test]
fn command_line_variables_follow_terraform_precedence() {
    let web = |list: &[(String, u64, u64, String)]| {
        list.iter()
            .filter(|(_, _, _, r)| r.starts_with("module.web"))
            .count()
    };
    // --var beats every file; here it narrows the CIDR, so module.web is clean.
    assert_eq!(
        web(&findings(&["--var", "ssh_cidr=10.1.0.0/16", PROJECT], &[])),
        0
    );
    let var_file = "tests/cases/terraform/project/private.tfvars";
    assert_eq!(web(&findings(&["--var-file", var_file, PROJECT], &[])), 0);
    // Later on the command line wins, whichever of --var / --var-file it is.
    let open_last = findings(
        &[
            "--var-file",
            var_file,
            "--var",
            "ssh_cidr=0.0.0.0/0",
            PROJECT,
        ],
        &[],
    );
    assert_eq!(web(&open_last), 2);
    let file_last = findings(
        &[
            "--var",
            "ssh_cidr=0.0.0.0/0",
            "--var-file",
            var_file,
            PROJECT,
        ],
        &[],
    );
    assert_eq!(web(&file_last), 0);
    // TF_VAR_ ranks below the directory's tfvars files.
    assert_eq!(
        web(&findings(&[PROJECT], &[("TF_VAR_ssh_cidr", "10.2.0.0/16")])),
        2
    );
}

#[test]
fn environment_values_are_typed_by_the_declaration_and_located_where_used() {
    let env = "tests/cases/terraform/env";
    assert_eq!(findings(&[env], &[]), []);
    let file = format!("{env}/main.tf");
    assert_eq!(
        findings(&[env], &[("TF_VAR_admin_cidrs", "[\"0.0.0.0/0\"]")]),
        [f(&file, 11, 19, "aws_security_group.admin")]
    );
    assert_eq!(
        findings(
            &["--var", "admin_cidrs=[\"10.0.0.0/8\", \"::/0\"]", env],
            &[]
        ),
        [f(&file, 11, 19, "aws_security_group.admin")]
    );
}

#[test]
fn a_module_that_calls_itself_is_a_located_error() {
    let out = run(
        &["--format", "json", "tests/cases/terraform/recursive"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let error = &doc["errors"][0];
    assert_eq!(error["file"], "tests/cases/terraform/recursive/main.tf");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(error["message"].as_str().unwrap().contains("recursively"));
}

#[test]
fn a_single_file_loads_its_whole_module() {
    // Naming main.tf alone still evaluates the module around it: the finding below needs
    // the nested module's output. Only findings located in main.tf are reported.
    let main = format!("{PROJECT}/main.tf");
    let found = findings(&[&main], &[]);
    assert!(
        found
            .iter()
            .any(|(_, _, _, r)| r == "aws_security_group.uses_module_output")
    );
    assert!(
        found.iter().all(|(file, _, _, _)| file == &main),
        "{found:?}"
    );
}

/// `(rule, file, line, column, resource, plan location)` of a finding.
type PlanFinding = (String, String, u64, u64, String, Option<(String, u64)>);

fn plan_findings(args: &[&str]) -> Vec<PlanFinding> {
    let mut all = vec!["--format", "json", "--rule", "ZT-NET-001,ZT-NET-003"];
    all.extend_from_slice(args);
    let out = run(&all, &[]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["resource"].as_str().unwrap().to_string(),
                f.get("plan_location").map(|p| {
                    (
                        p["file"].as_str().unwrap().to_string(),
                        p["line"].as_u64().unwrap(),
                    )
                }),
            )
        })
        .collect()
}

const WITH_SOURCES: &str = "tests/cases/plan_with_sources";

#[test]
fn plan_findings_point_at_the_terraform_source() {
    let plan = format!("{WITH_SOURCES}/plan.json");
    let found = plan_findings(&[&plan]);
    assert_eq!(
        found,
        [
            // The plan lists the ingress set as https, ssh; the SSH rule is the first block in
            // main.tf, and that is where the finding goes.
            (
                "ZT-NET-001".into(),
                format!("{WITH_SOURCES}/main.tf"),
                9,
                20,
                "aws_security_group.web".into(),
                Some((plan.clone(), 87))
            ),
            (
                "ZT-NET-003".into(),
                format!("{WITH_SOURCES}/modules/storage/main.tf"),
                6,
                25,
                "module.storage.aws_db_instance.main".into(),
                Some((plan.clone(), 132))
            ),
        ]
    );
}

#[test]
fn a_plan_linted_with_its_source_reports_each_violation_once() {
    let found = plan_findings(&[WITH_SOURCES]);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn source_flag_names_the_configuration_of_a_plan_stored_elsewhere() {
    let plan = "tests/cases/plan_only/plan.json";
    let alone = plan_findings(&[plan]);
    assert!(!alone.is_empty());
    assert!(
        alone.iter().all(|f| f.1 == plan && f.5.is_none()),
        "{alone:?}"
    );
    let mapped = plan_findings(&["--source", WITH_SOURCES, plan]);
    assert_eq!(mapped.len(), 2);
    assert!(
        mapped
            .iter()
            .all(|f| f.1.ends_with(".tf") && f.5.as_ref().is_some_and(|p| p.0 == plan))
    );
}
