//! Shapes real repositories have, read as the tool that deploys them reads them, or said to be
//! not linted: never skipped without a word.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/real")
        .join(name)
}

fn zt_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint")
}

/// The JSON report of `zt-lint --no-config .` run in a case directory.
fn report(name: &str) -> serde_json::Value {
    let out = zt_lint(
        &case(name),
        &["--no-config", "--format", "json", "--show-unknown", "."],
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// `file:line:col RULE resource` of every finding.
fn findings(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            format!(
                "{}:{}:{} {} {}",
                f["file"].as_str().unwrap_or_default(),
                f["line"],
                f["column"],
                f["rule_id"].as_str().unwrap_or_default(),
                f["resource"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// `file:line:col reason` of every not-linted entry.
fn not_linted(report: &serde_json::Value) -> Vec<String> {
    report["not_linted"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| {
            format!(
                "{}:{}:{} {}",
                n["file"].as_str().unwrap_or_default(),
                n["line"],
                n["column"],
                n["reason"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// A YAML merge key (`<<: *anchor`) merges the anchored mapping, its own keys winning, as
/// PyYAML reads it for `aws cloudformation package` and `sam deploy`: the resource that merges
/// is linted with the merged properties, not dropped.
#[test]
fn yaml_merge_keys_merge_the_anchored_mapping() {
    let report = report("yaml-merge-keys");
    assert_eq!(
        findings(&report),
        ["template.yaml:17:63 ZT-NET-001 Bastion"],
        "{report:#}"
    );
}

/// Terragrunt and Serverless Framework configuration, and Terraform state under its own names
/// whatever it holds, are each said to be not linted, where they are; a template named like a Serverless file is
/// linted as the template it is.
#[test]
fn other_tools_configuration_and_state_are_said_not_linted() {
    let report = report("other-tools");
    assert_eq!(
        findings(&report),
        ["template/serverless.yml:8:63 ZT-NET-001 Open"],
        "{report:#}"
    );
    let entries = not_linted(&report);
    let located: Vec<&str> = entries
        .iter()
        .map(|e| e.split(' ').next().unwrap_or_default())
        .collect();
    assert_eq!(
        located,
        [
            "api/serverless.yml:14:1",
            "json/serverless.json:5:3",
            "live/prod/terragrunt.hcl:1:1",
            "state/encrypted.tfstate:1:1",
            "state/old/terraform.tfstate:1:1",
            "state/old/v3.tfstate:1:1",
            "state/terraform.tfstate:1:1"
        ],
        "{entries:#?}"
    );
    assert!(entries[0].contains("Serverless Framework configuration is not linted"));
    assert!(entries[1].contains("Serverless Framework configuration is not linted"));
    assert!(entries[2].contains("Terragrunt configuration is not Terraform"));
    // Whatever a state file holds (an encrypted, a version 3 or an empty one), it is state.
    for entry in &entries[3..] {
        assert!(entry.contains("Terraform state, not a plan"), "{entry}");
    }
}

/// OpenTofu's `.tofu` and `.tofu.json` files are Terraform configuration, and each takes the
/// place of the `.tf` / `.tf.json` file of the same name, as OpenTofu reads a module; the `.tf`
/// file Terraform would deploy instead is said to be not linted, where it is.
#[test]
fn opentofu_files_are_read_in_place_of_their_tf_namesakes() {
    let report = report("opentofu");
    assert_eq!(
        findings(&report),
        [
            "admin.tofu.json:6:93 ZT-NET-001 aws_security_group.admin",
            "main.tofu:8:20 ZT-NET-001 aws_security_group.bastion"
        ],
        "{report:#}"
    );
    let reason = "OpenTofu reads the .tofu file of the same name in place of this one, and so did \
                  zt-lint: what Terraform would deploy from this file is not linted (name the \
                  file to lint it)";
    assert_eq!(
        not_linted(&report),
        [
            format!("admin.tf.json:1:1 {reason}"),
            format!("main.tf:1:1 {reason}")
        ],
        "{report:#}"
    );
}

/// OpenTofu's `lifecycle { enabled = ... }`: a resource or module call that is not enabled is
/// not created, so not linted; one whose `enabled` is not known is said not linted there. In a
/// `.tf` file too, as Terraform rejects the argument.
#[test]
fn opentofu_enabled_false_creates_nothing_and_unknown_is_said_not_linted() {
    let report = report("opentofu-enabled");
    assert_eq!(
        findings(&report),
        ["main.tofu:61:20 ZT-NET-001 aws_security_group.always"],
        "{report:#}"
    );
    assert_eq!(
        not_linted(&report),
        [
            "main.tofu:51:15 lifecycle.enabled is not known statically (var.create_jump has no \
          value): whether OpenTofu creates this is not decided, so it is not linted"
        ],
        "{report:#}"
    );
}

/// A resource whose `lifecycle.enabled` is not known has instances not known either: a splat of
/// it is not an empty list, so a queue encrypted with `one(key[*].arn)` is undecided, not
/// unencrypted, and the subnets made `for_each` VPC are linted, not zero.
#[test]
fn opentofu_enabled_unknown_leaves_references_to_the_resource_unknown() {
    let report = report("opentofu-enabled-unknown-references");
    assert_eq!(
        findings(&report),
        ["main.tofu:31:29 ZT-NET-007 aws_subnet.c"],
        "{report:#}"
    );
    let undecided: Vec<String> = report["undecided"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|u| {
            format!(
                "{}:{}:{} {} {}",
                u["file"].as_str().unwrap_or_default(),
                u["line"],
                u["column"],
                u["rule_id"].as_str().unwrap_or_default(),
                u["resource"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        undecided,
        ["main.tofu:13:1 ZT-DAT-001 aws_sqs_queue.q"],
        "{report:#}"
    );
    assert_eq!(
        not_linted(&report),
        [8, 21].map(|line| format!(
            "main.tofu:{line}:15 lifecycle.enabled is not known statically (var.use_cmk has no \
             value): whether OpenTofu creates this is not decided, so it is not linted"
        )),
        "{report:#}"
    );
}

/// A `.tf` file named on the command line is linted though a `.tofu` namesake is beside it: a
/// file the user names is never dropped.
#[test]
fn a_named_tf_file_is_linted_beside_its_tofu_namesake() {
    let out = zt_lint(
        &case("opentofu"),
        &["--no-config", "--format", "json", "main.tf"],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(
        findings(&report),
        ["main.tf:8:20 ZT-NET-001 aws_security_group.terraform_only"],
        "{report:#}"
    );
    assert_eq!(not_linted(&report), Vec::<String>::new(), "{report:#}");
}

/// Naming a `.tf` file that a `.tofu` namesake shadows asks for what Terraform deploys: the
/// module is read without its `.tofu` files, so the Terraform variable's world-open default is
/// the one read, not OpenTofu's. Naming both declares the variable twice, which Terraform
/// rejects: an error at the second declaration.
#[test]
fn a_named_shadowed_tf_file_is_read_without_the_tofu_files() {
    let dir = case("opentofu-shadowed-variables");
    let run = |args: &[&str]| {
        let out = zt_lint(&dir, &[&["--no-config", "--format", "json"], args].concat());
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
        let errors: Vec<String> = report["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                format!(
                    "{}:{}:{} {}",
                    e["file"].as_str().unwrap_or_default(),
                    e["line"],
                    e["column"],
                    e["message"].as_str().unwrap_or_default()
                )
            })
            .collect();
        (findings(&report), errors, not_linted(&report))
    };
    let (findings, errors, not_linted) = run(&["variables.tf", "main.tf"]);
    assert_eq!(findings, ["main.tf:8:20 ZT-NET-001 aws_security_group.sg"]);
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(not_linted, Vec::<String>::new());

    // Without a shadowed file named, the module is OpenTofu's: variables.tofu is read.
    let (findings, errors, _) = run(&["main.tf"]);
    assert_eq!(findings, Vec::<String>::new());
    assert_eq!(errors, Vec::<String>::new());

    let (_, errors, _) = run(&["variables.tf", "variables.tofu", "main.tf"]);
    assert_eq!(
        errors,
        [
            "variables.tofu:2:1 variable \"admin_cidr\" is declared twice in this module \
             (outside override files), which Terraform rejects; the first declaration is read"
        ]
    );
}

/// An override file's `variable` or `output` block merges into the original argument by
/// argument (Terraform's "Override Files"): an override adding a description keeps the default,
/// and a default set in an override is still replaced by the tfvars value.
#[test]
fn override_files_merge_variables_and_outputs_argument_by_argument() {
    let report = report("terraform-override-variables");
    assert_eq!(
        findings(&report),
        [
            "main.tf:20:20 ZT-NET-001 aws_security_group.admin",
            "main.tf:36:37 ZT-NET-001 aws_security_group.office"
        ],
        "{report:#}"
    );
}

/// A nested stack's or a StackSet's template is not part of the template that names it: said
/// to be not linted at its `TemplateURL` or `TemplateBody`, unless the resource is never created.
#[test]
fn nested_stack_and_stackset_templates_are_said_not_linted() {
    let report = report("nested-stacks");
    assert_eq!(
        not_linted(&report),
        [
            "parent.yaml:7:20 the template of nested stack Network (./network/network.yaml) is \
             not linted as part of this template: lint it on its own (a local file given in the \
             same run is linted with the parameters passed here unknown)",
            "parent.yaml:17:9 the template of StackSet Baseline, written in TemplateBody, is not \
             linted: lint it as a template file of its own"
        ],
        "{report:#}"
    );
    // The child, linted in the same run, takes its parameter from the parent: undecided.
    assert_eq!(findings(&report), Vec::<String>::new(), "{report:#}");
    let undecided = &report["undecided"][0];
    assert_eq!(undecided["file"], "network/network.yaml");
    assert_eq!(
        (&undecided["line"], &undecided["column"]),
        (&10.into(), &63.into())
    );
    assert_eq!(
        undecided["reason"],
        "parameter AdminCidr is passed by nested stack Network of parent.yaml"
    );
}

/// A nested stack's template given in the same run is linted with the parameters its parent
/// passes unknown, not at its defaults, which the parent's values replace; a parameter the parent
/// does not pass keeps its default.
#[test]
fn a_nested_stack_template_is_linted_with_its_parents_parameters_unknown() {
    let report = report("nested-stack-defaults");
    assert_eq!(
        findings(&report),
        ["network/network.yaml:16:67 ZT-NET-001 Admin"],
        "{report:#}"
    );
    let undecided = &report["undecided"][0];
    assert_eq!(undecided["file"], "network/network.yaml");
    assert_eq!(
        (&undecided["line"], &undecided["column"]),
        (&15.into(), &63.into())
    );
    assert_eq!(
        undecided["reason"],
        "parameter AdminCidr is passed by nested stack Network of parent.yaml"
    );
}

/// `file:line:col reason` of every undecided check.
fn undecided(report: &serde_json::Value) -> Vec<String> {
    report["undecided"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|u| {
            format!(
                "{}:{}:{} {} {}",
                u["file"].as_str().unwrap_or_default(),
                u["line"],
                u["column"],
                u["rule_id"].as_str().unwrap_or_default(),
                u["reason"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// A child template read again with its parent's parameters as it was read the first time: a
/// JSON-looking file that is YAML in flow style, and a YAML stream whose later document is
/// broken, are not left at their own defaults (`0.0.0.0/0`), which the parent replaces.
#[test]
fn nested_stack_templates_in_flow_style_or_before_a_broken_document_take_passed_parameters() {
    for (case, at) in [
        ("nested-stack-flow-style", "network/network.yaml:3:79"),
        ("nested-stack-broken-document", "network/network.yaml:11:63"),
    ] {
        let report = report(case);
        assert_eq!(
            findings(&report),
            Vec::<String>::new(),
            "{case}: {report:#}"
        );
        assert_eq!(
            undecided(&report),
            [format!(
                "{at} ZT-NET-001 parameter AdminCidr is passed by nested stack Network of \
                 parent.yaml"
            )],
            "{case}: {report:#}"
        );
    }
    let broken = report("nested-stack-broken-document");
    assert_eq!(broken["errors"][0]["file"], "network/network.yaml");
    assert_eq!(
        (&broken["errors"][0]["line"], &broken["errors"][0]["column"]),
        (&15.into(), &7.into())
    );
}

/// A child template that cannot be read is said not linted where its parent names it, as well
/// as reported where it breaks.
#[test]
fn an_unreadable_nested_stack_template_is_said_not_linted_at_the_template_url() {
    let report = report("nested-stack-unreadable");
    assert_eq!(findings(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(
        not_linted(&report),
        [
            "parent.yaml:5:20 the template of nested stack Network (./network/network.json) is \
             not linted as part of this template: lint it on its own (a local file given in the \
             same run is linted with the parameters passed here unknown)",
            "parent.yaml:5:20 the template of nested stack Network (network/network.json) could \
             not be read as a template to lint it with the parameters passed here: it is not \
             linted"
        ],
        "{report:#}"
    );
    assert_eq!(report["errors"][0]["file"], "network/network.json");
    assert_eq!(
        (&report["errors"][0]["line"], &report["errors"][0]["column"]),
        (&2.into(), &75.into())
    );
}

/// A SAM application whose `Location` is a template file is the nested stack SAM deploys: its
/// template is linted with the `Parameters` given here unknown, not at its defaults.
#[test]
fn a_sam_application_from_a_template_file_passes_its_parameters() {
    let report = report("sam-application");
    assert_eq!(findings(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(
        undecided(&report),
        [
            "network/network.yaml:11:63 ZT-NET-001 parameter AdminCidr is passed by nested stack \
          Network of parent.yaml"
        ],
        "{report:#}"
    );
    assert_eq!(
        not_linted(&report),
        [
            "parent.yaml:6:17 the template of nested stack Network (./network/network.yaml) is not \
          linted as part of this template: lint it on its own (a local file given in the same \
          run is linted with the parameters passed here unknown)"
        ],
        "{report:#}"
    );
}

/// Terraform override files are read after the others and merged as Terraform merges them:
/// each argument an override sets replaces the original's, each nested block type it has
/// replaces all of the original's blocks of that type (a `dynamic` block's too, though it makes
/// none), the rest is kept; a value set in an override is located there. An override zt-lint does not merge (one that changes how many
/// instances there are) is said to be not linted, with the block it changes.
#[test]
fn override_files_are_merged_and_unmerged_blocks_are_said_not_linted() {
    let report = report("terraform-overrides");
    assert_eq!(
        findings(&report),
        ["storage_override.tf:4:15 ZT-DAT-001 aws_ebs_volume.data"],
        "{report:#}"
    );
    assert_eq!(
        not_linted(&report),
        [
            "network_override.tf:12:1 aws_security_group.admin is changed by an override file in \
             a way zt-lint does not merge (a module call, its instances, or nothing to \
             override): neither is linted (merge the override into it)"
        ],
        "{report:#}"
    );
}

/// A plan that errored or that defers changes holds only part of them: what it holds is
/// linted, and the rest is said to be not linted where the plan says it is partial.
#[test]
fn errored_and_incomplete_plans_are_said_partial() {
    let report = report("partial-plans");
    assert_eq!(
        findings(&report),
        ["errored.json:27:17 ZT-NET-001 aws_security_group.admin"],
        "{report:#}"
    );
    assert_eq!(
        not_linted(&report),
        [
            "errored.json:60:14 this plan errored: the changes Terraform had not planned when it \
             stopped are not in it, so not linted; lint the plan of a run that succeeds",
            "incomplete.json:12:20 aws_s3_bucket.logs: Terraform deferred this change to a later \
             plan, so its values are not planned yet and it is not linted",
            "incomplete.json:28:15 this plan is incomplete (made with -target, or deferring \
             changes): the changes it leaves to a later plan are not in it, so not linted; lint \
             the plan of the whole configuration"
        ],
        "{report:#}"
    );
}

/// What `cdk synth` writes is linted as the templates it deploys: the template read, the
/// manifest, tree and asset files quietly not infrastructure, and a parameter of an SSM type
/// (CDK's `BootstrapVersion`, an `AdminCidr` from Parameter Store) unknown, its default being
/// the name of the parameter and not its value.
#[test]
fn cdk_output_is_linted_as_the_templates_it_deploys() {
    let out = zt_lint(
        &case("cdk"),
        &[
            "--no-config",
            "--format",
            "json",
            "--show-unknown",
            "cdk.out",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["errors"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["not_linted"], serde_json::json!([]), "{report:#}");
    assert_eq!(
        findings(&report),
        ["cdk.out/AppStack.template.json:50:17 ZT-NET-001 PublicSG5E6F7A8B"],
        "{report:#}"
    );
    let undecided = &report["undecided"][0];
    assert_eq!(undecided["resource"], "AdminSG1A2B3C4D", "{report:#}");
    assert_eq!(
        undecided["reason"],
        "parameter AdminCidr is read from SSM Parameter Store when the stack deploys"
    );
    assert_eq!(report["summary"]["files"], 1, "{report:#}");
}
