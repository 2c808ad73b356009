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
            // Written inside the installed module: shown there.
            f(&installed, 6, 20, "module.installed.aws_security_group.rdp"),
            // Values the module calls pass in are shown at the caller's argument.
            // z.auto.tfvars (0.0.0.0/0) overrides terraform.tfvars and the default. Both
            // instances of module.web are one finding at that argument.
            f(&main, 5, 14, "module.web[0].aws_security_group.this"),
            f(&main, 12, 14, "module.db[\"a\"].aws_security_group.this"),
            // Through module.nested and then module.inner: the outermost argument.
            f(
                &main,
                17,
                12,
                "module.nested.module.inner.aws_security_group.this"
            ),
            f(&main, 40, 40, "aws_security_group.per_env[\"dev\"]"),
            // The output of a nested module flows back into the root.
            f(&main, 51, 20, "aws_security_group.uses_module_output"),
        ]
    );
}

#[test]
fn a_value_passed_through_nested_calls_keeps_each_step() {
    let out = run(&["--format", "json", "--rule", "ZT-NET-001", PROJECT], &[]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let nested = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["resource"] == "module.nested.module.inner.aws_security_group.this")
        .expect("nested finding");
    let steps: Vec<(String, u64, u64)> = nested["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
                r["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            (SG.to_string(), 16, 20),
            (format!("{PROJECT}/modules/wrapper/main.tf"), 8, 14),
            // The root's argument is `local.world`: the literal is written in its locals block.
            (format!("{PROJECT}/main.tf"), 63, 11)
        ]
    );
    assert_eq!(
        doc["not_linted"][0]["file"],
        format!("{PROJECT}/main.tf"),
        "module.registry is not installed"
    );
    assert_eq!(doc["not_linted"][0]["line"], 21);
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
    // One finding for both instances of module.web.
    assert_eq!(web(&open_last), 1);
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
        1
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
    // the nested module's output. Only findings that belong to main.tf are reported (none is
    // caused by a value written elsewhere; the call of module.installed does not make the
    // installed module's own findings main.tf's).
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

#[test]
fn a_child_module_provider_in_a_plan_is_reported_at_its_source() {
    let dir = "tests/cases/plan_module_provider";
    let plan = format!("{dir}/plan.json");
    let out = run(&["--format", "json", "--rule", "ZT-DAT-010", &plan], &[]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(String, u64, u64, String, Option<u64>)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["resource"].as_str().unwrap().to_string(),
                f["plan_location"]["line"].as_u64(),
            )
        })
        .collect();
    // `module.app:aws` in the plan is the provider block of modules/app, where its keys are.
    let main = format!("{dir}/modules/app/main.tf");
    let provider = "module.app.provider.aws".to_string();
    assert_eq!(
        found,
        [
            (main.clone(), 3, 16, provider.clone(), Some(15)),
            (main, 4, 16, provider, Some(16)),
        ]
    );
}

const LAYOUT: &str = "tests/cases/terraform/layout";

/// `(rule, file, line, column, resource)` of a finding.
type Located = (String, String, u64, u64, String);

/// Every finding of `zt-lint ARGS` run in `dir`, and the JSON document.
fn located(dir: &Path, args: &[&str]) -> (Vec<Located>, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(["--no-config", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run zt-lint");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(0), "{doc}");
    let found = doc["findings"]
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
            )
        })
        .collect();
    (found, doc)
}

fn at(rule: &str, file: &str, line: u64, column: u64, resource: &str) -> Located {
    (rule.into(), file.into(), line, column, resource.into())
}

#[test]
fn running_inside_a_configuration_reports_what_the_root_reports() {
    let prod = root().join(LAYOUT).join("envs/prod");
    let expected = |main: &str, module: &str| {
        vec![
            at("ZT-NET-003", main, 3, 16, "module.db.aws_db_instance.this"),
            at(
                "ZT-NET-001",
                module,
                39,
                20,
                "module.db.aws_security_group.bastion",
            ),
        ]
    };
    // The rules these layouts are about; others (database logs, say) would fire here too.
    let rules = ["--rule", "ZT-NET-001", "--rule", "ZT-NET-003"];
    let (from_root, _) = located(
        &root(),
        &[&rules[..], &[&format!("{LAYOUT}/envs/prod")]].concat(),
    );
    assert_eq!(
        from_root,
        expected(
            &format!("{LAYOUT}/envs/prod/main.tf"),
            &format!("{LAYOUT}/modules/db/main.tf")
        )
    );
    // The module outside the given path is read for context, and shown relative to where
    // zt-lint runs; it is not linted as a root of its own (that would add its defaults' findings).
    // Sorted by path, `../../modules` comes first.
    let mut inside = expected("main.tf", "../../modules/db/main.tf");
    inside.reverse();
    assert_eq!(located(&prod, &[&rules[..], &["."]].concat()).0, inside);
    assert_eq!(located(&prod, &rules).0, inside);
    // From a sibling, through `..`.
    let mut sibling = expected("../prod/main.tf", "../../modules/db/main.tf");
    sibling.reverse();
    assert_eq!(
        located(&prod.join("../dev"), &[&rules[..], &["../prod"]].concat()).0,
        sibling
    );
}

#[test]
fn each_root_keeps_its_findings_in_a_shared_module() {
    let (found, doc) = located(&root(), &["--rule", "ZT-NET-001", LAYOUT]);
    let module = format!("{LAYOUT}/modules/db/main.tf");
    let bastion: Vec<_> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["resource"] == "module.db.aws_security_group.bastion")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["module_calls"][0]["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        bastion,
        [
            (module.clone(), 39, format!("{LAYOUT}/envs/dev/main.tf")),
            (module.clone(), 39, format!("{LAYOUT}/envs/prod/main.tf")),
        ],
        "{found:?}"
    );
}

#[test]
fn a_value_set_by_the_module_call_is_reported_where_the_call_sets_it() {
    let rules = ["--rule", "ZT-NET-001", "--rule", "ZT-NET-003"];
    let (found, doc) = located(&root(), &[&rules[..], &[LAYOUT]].concat());
    let dev = format!("{LAYOUT}/envs/dev/main.tf");
    let prod = format!("{LAYOUT}/envs/prod/main.tf");
    let module = format!("{LAYOUT}/modules/db/main.tf");
    assert_eq!(
        found,
        [
            // dev leaves admin_cidr at the module's default ("0.0.0.0/0"): the call header.
            at(
                "ZT-NET-001",
                &dev,
                2,
                1,
                "module.db.aws_security_group.admin"
            ),
            // prod passes public = true: the argument.
            at("ZT-NET-003", &prod, 3, 16, "module.db.aws_db_instance.this"),
            at(
                "ZT-NET-001",
                &module,
                39,
                20,
                "module.db.aws_security_group.bastion"
            ),
            at(
                "ZT-NET-001",
                &module,
                39,
                20,
                "module.db.aws_security_group.bastion"
            ),
        ]
    );
    let related = |resource: &str| -> Vec<(String, u64, u64)> {
        let f = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["resource"] == resource)
            .unwrap();
        f["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let message = r["message"].as_str().unwrap();
                assert!(
                    message.contains("is used here, set by the module call")
                        || message.contains("the module's default for `var.admin_cidr`"),
                    "{message}"
                );
                (
                    r["file"].as_str().unwrap().to_string(),
                    r["line"].as_u64().unwrap(),
                    r["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        related("module.db.aws_db_instance.this"),
        [(module.clone(), 17, 25)]
    );
    assert_eq!(
        related("module.db.aws_security_group.admin"),
        [(module.clone(), 27, 20)]
    );
    let human = run(&["--no-config", "--rule", "ZT-NET-003", LAYOUT], &[]);
    let text = String::from_utf8(human.stdout).unwrap();
    // Help text wraps at 100 columns: the note and its location start on one line.
    assert!(
        text.contains("`var.public` is used here, set by the module call: tests/cases/"),
        "{text}"
    );
}

#[test]
fn module_calls_not_installed_are_listed_as_not_linted() {
    let prod = format!("{LAYOUT}/envs/prod");
    // A rule with nothing to report here: only the module call not installed is left.
    let args = [
        "--no-config",
        "--format",
        "json",
        "--rule",
        "ZT-IAM-001",
        prod.as_str(),
    ];
    let out = run(&args, &[]);
    assert_eq!(out.status.code(), Some(0), "not linted alone does not fail");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entry = &doc["not_linted"][0];
    assert_eq!(entry["file"], format!("{prod}/main.tf"));
    assert_eq!(
        (entry["line"].as_u64(), entry["column"].as_u64()),
        (Some(8), Some(1))
    );
    assert!(entry["reason"].as_str().unwrap().contains(
        "module.vpc (\"terraform-aws-modules/vpc/aws\") is not installed: run terraform init -backend=false"
    ));
    assert_eq!(doc["not_linted"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["summary"]["not_linted"], 1);

    let mut failing = args.to_vec();
    failing.insert(0, "--fail-on-unknown");
    assert_eq!(run(&failing, &[]).status.code(), Some(1));

    let human = run(&["--no-config", "--rule", "ZT-IAM-001", &prod], &[]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains(&format!(
        "Not linted (not read, so nothing in them was checked):\n  {prod}/main.tf:8:1: module.vpc"
    )), "{text}");
    assert!(text.contains("; 1 not linted (listed above)"), "{text}");
    let compact = run(
        &[
            "--no-config",
            "-f",
            "compact",
            "--rule",
            "ZT-IAM-001",
            &prod,
        ],
        &[],
    );
    assert!(
        String::from_utf8(compact.stdout)
            .unwrap()
            .starts_with(&format!("{prod}/main.tf:8:1: not-linted module.vpc"))
    );
}

#[test]
fn fail_on_unknown_fails_on_undecided_checks() {
    // var.admin_cidr has no value: ZT-NET-001 cannot decide, and says so.
    let case = "tests/cases/terraform/undecided";
    let quiet = run(&["--no-config", case], &[]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(
        String::from_utf8(quiet.stdout)
            .unwrap()
            .ends_with("1 resource; 1 check undecided: --show-unknown lists them\n")
    );
    assert_eq!(
        run(&["--no-config", "--fail-on-unknown", case], &[])
            .status
            .code(),
        Some(1)
    );
    // A gate that fails on an undecided check names it, in the line formats too.
    let compact = run(
        &["--no-config", "--fail-on-unknown", "-f", "compact", case],
        &[],
    );
    assert_eq!(compact.status.code(), Some(1));
    let text = String::from_utf8(compact.stdout).unwrap();
    let undecided: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": undecided ZT-NET-001 "))
        .collect();
    assert_eq!(undecided.len(), 1, "{text}");
    assert!(undecided[0].starts_with(&format!("{case}/")), "{text}");
    let github = run(
        &["--no-config", "--fail-on-unknown", "-f", "github", case],
        &[],
    );
    let text = String::from_utf8(github.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("zt-lint: undecided ") && l.contains(" ZT-NET-001 "))
            .count(),
        1,
        "{text}"
    );
    let json = run(&["--no-config", "--format", "json", case], &[]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["summary"]["undecided"], 1);
    assert_eq!(doc["not_linted"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_suppression_inside_the_module_still_applies_when_the_caller_is_shown() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("module-input-suppressed");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("modules/db")).unwrap();
    std::fs::create_dir_all(dir.join("prod")).unwrap();
    std::fs::write(
        dir.join("modules/db/main.tf"),
        "variable \"public\" {\n  type = bool\n}\n\nresource \"aws_db_instance\" \"this\" {\n  \
         storage_encrypted = true\n  # zt-lint:ignore ZT-NET-003 a public demo database, reviewed\n  \
         publicly_accessible = var.public\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("prod/main.tf"),
        "module \"db\" {\n  source = \"../modules/db\"\n  public = true\n}\n",
    )
    .unwrap();
    let (found, doc) = located(&dir, &["--rule", "ZT-NET-003", "prod"]);
    assert_eq!(found, []);
    let suppressed = &doc["suppressed"][0];
    assert_eq!(
        (
            suppressed["file"].as_str(),
            suppressed["line"].as_u64(),
            suppressed["suppressed"]["line"].as_u64()
        ),
        (Some("prod/main.tf"), Some(3), Some(7))
    );
}
