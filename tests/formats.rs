//! Every output format against its consumer: SARIF through Microsoft's SARIF Multitool
//! validator, JUnit XML through an XML parser, GitHub workflow commands and the line formats by
//! shape, and all of them byte-identical across runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn zt_lint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("ZT_LINT_TODAY", "2026-06-01")
        .output()
        .expect("run zt-lint")
}

/// Insecure examples in every input format, plus every kind of suppression.
const INPUTS: &[&str] = &[
    "examples/terraform/insecure",
    "examples/cloudformation",
    "tests/cases/suppress",
    "tests/cases/plan_with_sources/plan.json",
];

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("formats-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A tool CI installs (see .ci/run); local runs without it skip, CI never does.
fn tool(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var_os("CI").is_some() => panic!("{var} is not set; .ci/run sets it"),
        None => {
            // Straight to the process's stderr: the harness captures `eprintln!` of a passing
            // test, which would hide that the check it makes did not run.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("skipped: {var} is not set (.ci/run installs the tool and sets it)\n")
                    .as_bytes(),
            );
            None
        }
    }
}

#[test]
fn sarif_passes_the_sarif_multitool_validator() {
    let dir = out_dir("sarif");
    let sarif = dir.join("zt-lint.sarif");
    let mut args = vec!["--output".to_string(), format!("sarif={}", sarif.display())];
    args.extend(INPUTS.iter().map(|s| s.to_string()));
    args.push("tests/cases/broken/hcl".into());
    // A module call that is not installed (a notification) and findings with related locations.
    args.push("tests/cases/terraform/layout".into());
    // Fixes: replacements and insertions in HCL.
    args.push("tests/fix/ZT-WKL-001/terraform/before".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = zt_lint(&args);
    assert_eq!(out.status.code(), Some(2), "the broken file is an error");
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sarif).unwrap()).expect("SARIF is JSON");
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() >= 7);
    let results = run["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["kind"] == "inSource")
    );
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().is_some(), "{key} in {r}");
        }
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(!uri.starts_with('/') && !uri.contains('\\'), "{uri}");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"],
        "tests/cases/broken/hcl/main.tf"
    );
    let not_linted = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["level"] == "warning")
        .expect("a not-linted notification");
    let at = &not_linted["locations"][0]["physicalLocation"];
    assert_eq!(
        (
            at["artifactLocation"]["uri"].as_str(),
            at["region"]["startLine"].as_u64(),
            at["region"]["startColumn"].as_u64()
        ),
        (
            Some("tests/cases/terraform/layout/envs/prod/main.tf"),
            Some(8),
            Some(1)
        )
    );
    assert!(
        not_linted["message"]["text"]
            .as_str()
            .unwrap()
            .contains("terraform init -backend=false")
    );
    let public = results
        .iter()
        .find(|r| {
            r["ruleId"] == "ZT-NET-003"
                && r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                    == "module.db.aws_db_instance.this"
        })
        .expect("the module input finding");
    let inside = &public["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        (
            inside["artifactLocation"]["uri"].as_str(),
            inside["region"]["startLine"].as_u64()
        ),
        (
            Some("tests/cases/terraform/layout/modules/db/main.tf"),
            Some(17)
        )
    );

    assert_eq!(run["automationDetails"]["id"], "zt-lint/");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(
        rule["helpUri"]
            .as_str()
            .unwrap()
            .rsplit_once("/blob/main/")
            .unwrap()
            .1,
        format!("docs/rules/{}.md", rule["id"].as_str().unwrap())
    );
    validate_sarif(&sarif, &dir);
}

/// Microsoft's SARIF validator with its SARIF and GitHub rule sets: no error, no warning. (The
/// Azure DevOps set needs the pipeline's build ids in `automationDetails`, which only the
/// pipeline knows.)
fn validate_sarif(sarif: &Path, dir: &Path) {
    let Some(multitool) = tool("ZT_SARIF_MULTITOOL") else {
        return;
    };
    let report = dir.join("validation.sarif");
    let validated = Command::new(&multitool)
        .arg("validate")
        .arg(sarif)
        .args(["--level", "Error;Warning", "--rule-kind", "Sarif;Gh"])
        .args(["--log", "ForceOverwrite", "-o"])
        .arg(&report)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .expect("run the SARIF multitool");
    let stdout = String::from_utf8_lossy(&validated.stdout);
    assert!(validated.status.success(), "validator failed: {stdout}");
    let findings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let problems = findings["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        problems.is_empty(),
        "SARIF validation errors or warnings:\n{problems:#?}"
    );
    eprintln!("SARIF multitool: 0 errors, 0 warnings");
}

/// A path given as absolute, or outside the working directory, is an absolute `file://` URI
/// without a base: a slash-rooted reference is not a valid artifact location (SARIF1004).
#[test]
fn sarif_locations_outside_the_working_directory_are_absolute_file_uris() {
    let dir = out_dir("sarif-absolute");
    let sarif = dir.join("zt-lint.sarif");
    let absolute = root().join("examples/terraform/insecure");
    let spec = format!("sarif={}", sarif.display());
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(["--no-config", "--output", &spec])
        .arg(&absolute)
        .arg("../../cloudformation")
        .current_dir(root().join("examples/terraform/secure"))
        .output()
        .expect("run zt-lint");
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let at = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        let uri = at["uri"].as_str().unwrap();
        assert!(uri.starts_with("file:///"), "{uri}");
        assert!(at.get("uriBaseId").is_none(), "{at}");
    }
    validate_sarif(&sarif, &dir);
}

#[test]
fn junit_is_well_formed_xml_with_a_case_per_rule_and_resource() {
    let dir = out_dir("junit");
    let xml = dir.join("zt-lint.xml");
    let spec = format!("junit={}", xml.display());
    let mut args = vec!["--output", &spec];
    args.extend(INPUTS);
    zt_lint(&args);
    let check = r#"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
cases = root.findall("./testsuite/testcase")
failures = root.findall("./testsuite/testcase/failure")
assert int(root.get("failures")) > 0
# Ant's junit-10.xsd, which Jenkins and GitLab follow, allows one <skipped> per case.
assert all(len(c.findall("skipped")) <= 1 for c in cases), [c.get("name") for c in cases]
assert all(f.text and ":" in f.text for f in failures)
print(len(cases), len(failures), len(root.findall("./testsuite/testcase/skipped")))
"#;
    let out = Command::new("python3")
        .args(["-c", check])
        .arg(&xml)
        .output()
        .expect("python3 parses the XML");
    assert!(
        out.status.success(),
        "JUnit XML rejected: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts = String::from_utf8_lossy(&out.stdout);
    let numbers: Vec<usize> = counts
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(numbers[0] > numbers[1] && numbers[2] > 0, "{counts}");
}

#[test]
fn github_annotations_and_compact_lines_have_their_shapes() {
    let out = zt_lint(&["--format", "github", "examples/terraform/insecure"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let high = text
        .lines()
        .find(|l| l.contains("title=ZT-NET-004 "))
        .unwrap();
    assert!(
        high.starts_with("::error file=examples/terraform/insecure/data.tf,line=11,col=28,endLine=11,endColumn=57,title=ZT-NET-004 data-store-in-public-subnet [high]::"),
        "{high}"
    );
    assert!(high.contains("%0Adocs%3A") || high.contains("%0Adocs: zt-lint explain"));
    assert!(text.contains("::warning ") || text.contains("::notice "));
    // GitHub shows a limited number of annotations of each type per step: most severe first,
    // and a plain line says how many were not annotated.
    let rank = |l: &str| {
        ["[critical]::", "[high]::", "[medium]::", "[low]::"]
            .iter()
            .position(|s| l.contains(s))
    };
    let ranks: Vec<usize> = text.lines().filter_map(rank).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{text}");
    let beyond: usize = ["::error ", "::warning ", "::notice "]
        .iter()
        .map(|c| {
            let n = text
                .lines()
                .filter(|l| l.starts_with(c) && rank(l).is_some())
                .count();
            n.saturating_sub(10)
        })
        .sum();
    let note = text.lines().find(|l| !l.starts_with("::"));
    match note {
        Some(note) => assert!(note.starts_with(&format!("zt-lint: {beyond} finding(s) beyond"))),
        None => assert_eq!(beyond, 0, "{text}"),
    }

    let out = zt_lint(&["--format", "compact", "examples/terraform/insecure"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .find(|l| l.contains(": high "))
            .unwrap()
            .starts_with("examples/terraform/insecure/data.tf:11:28: high ZT-NET-004 "),
        "{text}"
    );

    let out = zt_lint(&["--format", "markdown", "tests/cases/suppress"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("| Critical | High | Medium | Low | Suppressed |"),
        "{text}"
    );
    assert!(
        text.contains("<details><summary>7 suppressed</summary>"),
        "{text}"
    );
}

/// A resource suppressed twice (in two templates) is one skipped case whose one `<skipped>`
/// gives both suppressions, each with its reason and location.
#[test]
fn junit_merges_the_suppressions_of_a_case_into_one_skipped() {
    let xml = stdout_of(&["--no-config", "-f", "junit", "tests/cases/suppress"]);
    assert!(
        xml.contains(
            "    <testcase classname=\"ZT-DAT-001\" name=\"MetadataSuppressed\" file=\"tests/cases/suppress/cfn/template.json\" line=\"4\">\n\
             \x20     <skipped message=\"suppressed (metadata: restored from a public snapshot) at tests/cases/suppress/cfn/template.json:4:5; \
             suppressed (metadata: restored from a public snapshot, holds no customer data) at tests/cases/suppress/cfn/template.yaml:9:3\"/>\n\
             \x20   </testcase>\n"
        ),
        "{xml}"
    );
}

/// var.admin_cidr has no value: ZT-NET-001 cannot decide whether SSH is open to the world.
const UNDECIDED: &str = "tests/cases/terraform/undecided";
const UNDECIDED_AT: &str = "tests/cases/terraform/undecided/main.tf";

fn stdout_of(args: &[&str]) -> String {
    String::from_utf8(zt_lint(args).stdout).unwrap()
}

/// With --show-unknown, and with --fail-on-unknown (which must say what it fails on), the
/// Markdown report counts undecided checks and lists each with its rule, resource, location
/// and reason; without either flag it is as it always was.
#[test]
fn markdown_lists_undecided_checks_when_asked() {
    let shown = stdout_of(&["--no-config", "--show-unknown", "-f", "markdown", UNDECIDED]);
    assert!(
        shown.contains(
            "No findings, but some checks could not be decided (listed below).\n\n\
             | Critical | High | Medium | Low | Suppressed | Undecided | Errors | Files | Resources |\n\
             |---:|---:|---:|---:|---:|---:|---:|---:|---:|\n\
             | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | 1 |\n"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "### Could not decide\n\n\
             A value these checks depend on is not known before deploy: give it (a tfvars file, `--var`, a plan) or check by hand.\n\n\
             | Rule | Resource | Location | Reason |\n|---|---|---|---|\n\
             | `ZT-NET-001` security-group-world-ingress-sensitive-port | `aws_security_group.admin` | `{UNDECIDED_AT}:11:20` | var.admin_cidr has no value |\n"
        )),
        "{shown}"
    );
    let gate = zt_lint(&[
        "--no-config",
        "--fail-on-unknown",
        "-f",
        "markdown",
        UNDECIDED,
    ]);
    assert_eq!(gate.status.code(), Some(1));
    assert_eq!(String::from_utf8(gate.stdout).unwrap(), shown);
    assert_eq!(
        stdout_of(&["--no-config", "-f", "markdown", UNDECIDED]),
        "## zt-lint\n\nNo zero-trust violations found.\n\n\
         | Critical | High | Medium | Low | Suppressed | Errors | Files | Resources |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n\
         | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |\n\n"
    );
    // Eleven are more than a comment lists unfolded.
    let many = stdout_of(&[
        "--no-config",
        "--show-unknown",
        "-f",
        "markdown",
        "tests/cases/terraform/undecided-many",
    ]);
    assert!(
        many.contains("<details><summary>11 undecided checks</summary>\n\n| Rule |"),
        "{many}"
    );
    assert!(
        many.contains("var.admin_cidr has no value |\n\n</details>\n"),
        "{many}"
    );
}

/// Each undecided check is a skipped case of its rule's suite, with the location and reason in
/// the message; without the flags the suite is as it always was.
#[test]
fn junit_lists_undecided_checks_as_skipped_cases_when_asked() {
    let shown = stdout_of(&["--no-config", "--show-unknown", "-f", "junit", UNDECIDED]);
    assert!(
        shown.contains(&format!(
            "  <testsuite name=\"ZT-NET-001 security-group-world-ingress-sensitive-port\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\">\n\
             \x20   <testcase classname=\"ZT-NET-001\" name=\"no findings\"/>\n\
             \x20   <testcase classname=\"ZT-NET-001\" name=\"aws_security_group.admin (undecided)\" file=\"{UNDECIDED_AT}\" line=\"11\">\n\
             \x20     <skipped message=\"undecided at {UNDECIDED_AT}:11:20: var.admin_cidr has no value\"/>\n\
             \x20   </testcase>\n  </testsuite>\n"
        )),
        "{shown}"
    );
    // Under --fail-on-unknown the job fails on it, so the report does too: a failure, not a
    // skip, counted with the findings.
    let gate = stdout_of(&["--no-config", "--fail-on-unknown", "-f", "junit", UNDECIDED]);
    let reason = format!("undecided at {UNDECIDED_AT}:11:20: var.admin_cidr has no value");
    assert!(
        gate.contains(&format!(
            "  <testsuite name=\"ZT-NET-001 security-group-world-ingress-sensitive-port\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n\
             \x20   <testcase classname=\"ZT-NET-001\" name=\"no findings\"/>\n\
             \x20   <testcase classname=\"ZT-NET-001\" name=\"aws_security_group.admin (undecided)\" file=\"{UNDECIDED_AT}\" line=\"11\">\n\
             \x20     <failure message=\"{reason}\" type=\"undecided\">{reason}</failure>\n\
             \x20   </testcase>\n  </testsuite>\n"
        )),
        "{gate}"
    );
    assert!(
        gate.contains("<testsuites name=\"zt-lint\" tests=\""),
        "{gate}"
    );
    assert!(gate.contains("\" failures=\"1\" errors=\"0\">"), "{gate}");
    let plain = stdout_of(&["--no-config", "-f", "junit", UNDECIDED]);
    assert!(
        plain.contains(
            "  <testsuite name=\"ZT-NET-001 security-group-world-ingress-sensitive-port\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n\
             \x20   <testcase classname=\"ZT-NET-001\" name=\"no findings\"/>\n  </testsuite>\n"
        ),
        "{plain}"
    );
    assert!(!plain.contains("undecided"), "{plain}");
}

/// An undecided check is a result of kind `open` under the rule `ZT-NET-001/undecided`, which
/// has no security-severity (GitHub would show a critical alert), with a stable fingerprint of
/// its own; the log still validates. Without the flags neither the result nor the rule is there.
#[test]
fn sarif_lists_undecided_checks_as_open_results_when_asked() {
    let dir = out_dir("sarif-undecided");
    let sarif = dir.join("zt-lint.sarif");
    let spec = format!("sarif={}", sarif.display());
    let gate = zt_lint(&[
        "--no-config",
        "--fail-on-unknown",
        "--output",
        &spec,
        UNDECIDED,
    ]);
    assert_eq!(gate.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    let open = &results[0];
    assert_eq!(open["ruleId"], "ZT-NET-001/undecided");
    assert_eq!(open["kind"], "open");
    assert!(
        open.get("level").is_none(),
        "none, as kind open implies: {open}"
    );
    assert_eq!(
        open["message"]["text"],
        "ZT-NET-001 could not decide aws_security_group.admin: var.admin_cidr has no value."
    );
    let at = &open["locations"][0];
    assert_eq!(
        (
            at["physicalLocation"]["artifactLocation"]["uri"].as_str(),
            at["physicalLocation"]["region"]["startLine"].as_u64(),
            at["physicalLocation"]["region"]["startColumn"].as_u64(),
            at["logicalLocations"][0]["fullyQualifiedName"].as_str(),
        ),
        (
            Some(UNDECIDED_AT),
            Some(11),
            Some(20),
            Some("aws_security_group.admin")
        )
    );
    assert_eq!(open["properties"]["undecidedRule"], "ZT-NET-001");
    let fingerprint = open["partialFingerprints"]["ztLintUndecidedHash/v1"]
        .as_str()
        .unwrap();
    assert!(fingerprint.starts_with("zt1u:"), "{fingerprint}");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = &rules[open["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["id"], "ZT-NET-001/undecided");
    assert_eq!(rule["defaultConfiguration"]["level"], "note");
    assert!(
        rule["properties"].get("security-severity").is_none(),
        "{rule}"
    );
    assert!(
        !rule["properties"]["tags"]
            .as_array()
            .unwrap()
            .contains(&"security".into())
    );
    // The same check gives the same fingerprint in a run from --show-unknown.
    let shown: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--no-config",
        "--show-unknown",
        "-f",
        "sarif",
        UNDECIDED,
    ]))
    .unwrap();
    assert_eq!(
        shown["runs"][0]["results"][0]["partialFingerprints"]["ztLintUndecidedHash/v1"],
        fingerprint
    );
    validate_sarif(&sarif, &dir);

    let plain = stdout_of(&["--no-config", "-f", "sarif", UNDECIDED]);
    let plain: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert_eq!(plain["runs"][0]["results"], serde_json::json!([]));
    assert!(
        plain["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| !r["id"].as_str().unwrap().ends_with("/undecided"))
    );
}

/// A module call not installed and a file that does not parse: nothing in either was checked.
const GAPS: &[&str] = &["tests/cases/terraform/layout", "tests/cases/broken/hcl"];
const NOT_INSTALLED_AT: &str = "tests/cases/terraform/layout/envs/prod/main.tf";
const BROKEN_AT: &str = "tests/cases/broken/hcl/main.tf";

/// The one result of `rule` in a SARIF log, with the rule it points at.
fn only_result<'l>(
    log: &'l serde_json::Value,
    rule: &str,
) -> (&'l serde_json::Value, &'l serde_json::Value) {
    let run = &log["runs"][0];
    let mut of_rule = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == rule);
    let result = of_rule.next().expect(rule);
    assert!(of_rule.next().is_none(), "one result of {rule}");
    let descriptor =
        &run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(descriptor["id"], rule);
    (result, descriptor)
}

fn region_of(result: &serde_json::Value) -> (Option<&str>, Option<u64>, Option<u64>) {
    let at = &result["locations"][0]["physicalLocation"];
    (
        at["artifactLocation"]["uri"].as_str(),
        at["region"]["startLine"].as_u64(),
        at["region"]["startColumn"].as_u64(),
    )
}

/// GitHub code scanning shows results, never tool execution notifications: a part not linted is
/// an `open` result under `zt-lint/not-linted` (a warning on GitHub, which does not fail its
/// check), a file that does not parse an `error` under `zt-lint/load-error` (the run fails), both
/// by default, located, with fingerprints of their own; the notifications stay for other
/// consumers, and the log validates.
#[test]
fn sarif_lists_parts_not_linted_and_files_not_loaded_as_results_by_default() {
    let dir = out_dir("sarif-gaps");
    let sarif = dir.join("zt-lint.sarif");
    let spec = format!("sarif={}", sarif.display());
    let mut args = vec!["--no-config", "--output", &spec];
    args.extend(GAPS);
    assert_eq!(zt_lint(&args).status.code(), Some(2));
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();

    let (open, rule) = only_result(&log, "zt-lint/not-linted");
    assert_eq!(region_of(open), (Some(NOT_INSTALLED_AT), Some(8), Some(1)));
    assert_eq!(open["kind"], "open");
    assert!(
        open.get("level").is_none(),
        "none, as kind open implies: {open}"
    );
    assert!(
        open["message"]["text"].as_str().unwrap().starts_with(
            "Not linted: module.vpc (\"terraform-aws-modules/vpc/aws\") is not installed"
        ),
        "{open}"
    );
    let fingerprint = open["partialFingerprints"]["ztLintNotLintedHash/v1"]
        .as_str()
        .unwrap();
    assert!(fingerprint.starts_with("zt1n:"), "{fingerprint}");
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    assert!(
        rule["properties"].get("security-severity").is_none(),
        "{rule}"
    );

    let (error, rule) = only_result(&log, "zt-lint/load-error");
    assert_eq!(region_of(error), (Some(BROKEN_AT), Some(3), Some(21)));
    assert_eq!(error["level"], "error");
    assert!(error.get("kind").is_none(), "fail: {error}");
    assert!(
        error["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("This file could not be linted: invalid HCL"),
        "{error}"
    );
    assert!(
        error["partialFingerprints"]["ztLintLoadErrorHash/v1"]
            .as_str()
            .unwrap()
            .starts_with("zt1e:")
    );
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(
        rule["properties"].get("security-severity").is_none(),
        "{rule}"
    );

    let notifications = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notifications.len(), 2, "{notifications:#?}");
    validate_sarif(&sarif, &dir);

    // Without either, neither rule is listed: the log is as it always was.
    let clean: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--no-config",
        "-f",
        "sarif",
        "examples/terraform/secure",
    ]))
    .unwrap();
    assert!(
        clean["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| !r["id"].as_str().unwrap().starts_with("zt-lint/"))
    );
}

/// Not only SARIF: every format lists a part not linted and a file not loaded by default, each
/// located, in its idiom.
#[test]
fn every_format_lists_parts_not_linted_and_files_not_loaded_by_default() {
    let run = |format: &str| {
        let mut args = vec!["--no-config", "-f", format];
        args.extend(GAPS);
        let out = zt_lint(&args);
        assert_eq!(out.status.code(), Some(2), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let reason = "module.vpc (\"terraform-aws-modules/vpc/aws\") is not installed";
    let error = "invalid HCL: invalid block body";
    let expected = [
        (
            "compact",
            format!("{NOT_INSTALLED_AT}:8:1: not-linted {reason}"),
            format!("{BROKEN_AT}:3:21: error {error}"),
        ),
        (
            "github",
            format!(
                "::warning file={NOT_INSTALLED_AT},line=8,col=1,title=zt-lint%3A not linted::{reason}"
            ),
            format!(
                "::error file={BROKEN_AT},line=3,col=21,title=zt-lint%3A cannot lint this file::{error}"
            ),
        ),
        (
            "markdown",
            format!("### Not linted\n\n- `{NOT_INSTALLED_AT}:8:1`: {reason}"),
            format!("### Files that could not be linted\n\n- `{BROKEN_AT}:3:21`: {error}"),
        ),
        (
            "junit",
            format!(
                "<testcase classname=\"zt-lint\" name=\"not linted {NOT_INSTALLED_AT}:8:1\" file=\"{NOT_INSTALLED_AT}\" line=\"8\">\n\
                 \x20     <skipped message=\"module.vpc (&quot;terraform-aws-modules/vpc/aws&quot;) is not installed"
            ),
            format!(
                "<testcase classname=\"zt-lint\" name=\"load {BROKEN_AT}\" file=\"{BROKEN_AT}\" line=\"3\">\n\
                 \x20     <error message=\"{error}"
            ),
        ),
        (
            "human",
            format!(
                "Not linted (not read, so nothing in them was checked):\n  {NOT_INSTALLED_AT}:8:1: {reason}"
            ),
            format!("× {error}"),
        ),
    ];
    for (format, not_linted, load_error) in expected {
        let text = run(format);
        assert!(text.contains(&not_linted), "{format}: {text}");
        assert!(text.contains(&load_error), "{format}: {text}");
    }
    let markdown = run("markdown");
    assert!(
        markdown.contains(
            "| Critical | High | Medium | Low | Suppressed | Not linted | Errors | Files | Resources |\n\
             |---:|---:|---:|---:|---:|---:|---:|---:|---:|\n\
             | 4 | 0 | 2 | 2 | 0 | 1 | 1 |"
        ),
        "{markdown}"
    );
    // --fail-on-unknown fails the run on a part not linted: JUnit says so with a failure.
    let mut args = vec!["--no-config", "--fail-on-unknown", "-f", "junit"];
    args.extend(GAPS);
    let gate = String::from_utf8(zt_lint(&args).stdout).unwrap();
    assert!(
        gate.contains(&format!(
            "<testcase classname=\"zt-lint\" name=\"not linted {NOT_INSTALLED_AT}:8:1\" file=\"{NOT_INSTALLED_AT}\" line=\"8\">\n\
             \x20     <failure message=\"module.vpc (&quot;terraform-aws-modules/vpc/aws&quot;) is not installed: run terraform init -backend=false to lint it\" type=\"not-linted\">{NOT_INSTALLED_AT}:8:1: not linted: module.vpc"
        )),
        "{gate}"
    );
    assert!(
        gate.contains("<testsuite name=\"zt-lint not linted\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"),
        "{gate}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(
        (
            json["not_linted"][0]["file"].as_str(),
            json["not_linted"][0]["line"].as_u64(),
            json["errors"][0]["file"].as_str(),
            json["errors"][0]["line"].as_u64(),
        ),
        (Some(NOT_INSTALLED_AT), Some(8), Some(BROKEN_AT), Some(3))
    );
}

/// Twelve transforms make twenty-four parts not linted: GitHub annotates ten warnings, so the
/// log says how many were not annotated; Markdown folds the list beyond ten.
#[test]
fn many_parts_not_linted_are_counted_beyond_the_annotation_limit_and_folded() {
    let dir = out_dir("gaps-many");
    let mut template = String::from("Resources:\n");
    for i in 0..12 {
        template.push_str(&format!(
            "  Bucket{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::Transform:\n        Name: Tagger{i}\n"
        ));
    }
    std::fs::write(dir.join("template.yaml"), template).unwrap();
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
            .args(["--no-config", "-f", format, "."])
            .current_dir(&dir)
            .output()
            .expect("run zt-lint");
        String::from_utf8(out.stdout).unwrap()
    };
    let github = run("github");
    assert_eq!(
        github
            .lines()
            .filter(|l| l.starts_with("::warning "))
            .count(),
        24,
        "{github}"
    );
    assert_eq!(
        github.lines().last(),
        Some(
            "zt-lint: 14 part(s) not linted or file(s) not loaded beyond GitHub's limit of 10 annotations of each type per step are not annotated; the log and the SARIF report list them all"
        ),
        "{github}"
    );
    let markdown = run("markdown");
    assert!(
        markdown.contains(
            "### Not linted\n\n<details><summary>24 parts not linted</summary>\n\n- `template.yaml:2:3`: "
        ),
        "{markdown}"
    );
    assert!(markdown.ends_with("\n\n</details>\n\n"), "{markdown}");
}

/// A part not linted keeps its fingerprint when lines above it move, and two parts alike in
/// file, text and reason (one transform in two resources) get two, so GitHub keeps two alerts.
#[test]
fn sarif_fingerprints_of_parts_not_linted_are_stable_and_distinct() {
    let template = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::Transform:\n        Name: Tagger\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::Transform:\n        Name: Tagger\n";
    let fingerprints = |name: &str, text: &str| -> Vec<String> {
        let dir = out_dir(name);
        std::fs::write(dir.join("template.yaml"), text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
            .args(["--no-config", "-f", "sarif", "."])
            .current_dir(&dir)
            .output()
            .expect("run zt-lint");
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["ztLintNotLintedHash/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    // The same directory both times: in a git checkout the path is read from the repository's
    // root, so another directory would be another file.
    let before = fingerprints("sarif-gaps", template);
    let after = fingerprints("sarif-gaps", &format!("# moved down\n\n{template}"));
    assert_eq!(before, after);
    assert_eq!(before.len(), 4, "{before:?}");
    let mut distinct = before.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{before:?}");
    assert!(before[3].ends_with(":2"), "{before:?}");
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    for format in [
        "human", "json", "sarif", "junit", "github", "markdown", "compact",
    ] {
        let mut args = vec!["--format", format];
        args.extend(INPUTS);
        let first = zt_lint(&args);
        let second = zt_lint(&args);
        assert!(!first.stdout.is_empty(), "{format}");
        assert_eq!(first.stdout, second.stdout, "{format} differs between runs");
        // Undecided checks are listed in a stable order too.
        let shown = [
            "--no-config",
            "--show-unknown",
            "--format",
            format,
            "tests/cases/terraform/undecided-many",
        ];
        assert_eq!(zt_lint(&shown).stdout, zt_lint(&shown).stdout, "{format}");
    }
}

#[test]
fn version_completions_and_explain_for_meta_rules() {
    let version = zt_lint(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("zt-lint {}", env!("CARGO_PKG_VERSION"))
    );
    for shell in ["bash", "zsh", "fish"] {
        let out = zt_lint(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("write-baseline"),
            "{shell}"
        );
    }
    let explain = zt_lint(&["explain", "unused-suppression"]);
    assert!(
        String::from_utf8_lossy(&explain.stdout).starts_with("# ZT-META-003 unused-suppression")
    );
}

/// Security groups that open SSH to a CIDR without a value, `per_file` in each of `files`
/// files, and a few that open it to the world (findings), in the first file.
fn many_undecided(name: &str, files: usize, per_file: usize) -> PathBuf {
    let dir = out_dir(name);
    for file in 0..files {
        let mut text = String::from("variable \"cidr\" {\n  type = string\n}\n\n");
        if file > 0 {
            text.clear();
        }
        let group = |name: String, cidr: &str| {
            format!(
                "resource \"aws_security_group\" \"{name}\" {{\n  ingress {{\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [{cidr}]\n  }}\n}}\n\n"
            )
        };
        if file == 0 {
            for i in 0..5 {
                text.push_str(&group(format!("world_{i}"), "\"0.0.0.0/0\""));
            }
        }
        for i in 0..per_file {
            text.push_str(&group(format!("g{file}_{i:04}"), "var.cidr"));
        }
        std::fs::write(dir.join(format!("f{file}.tf")), text).unwrap();
    }
    dir
}

/// GitHub rejects a SARIF run of more than 25,000 results and keeps 5,000: findings are all
/// listed, undecided checks up to 1,000, and one result per rule and file counts the rest. The
/// log is the same on every run and still validates.
#[test]
fn sarif_caps_undecided_results_and_counts_the_rest_per_rule_and_file() {
    let dir = many_undecided("sarif-many-undecided", 3, 700);
    let path = dir.to_str().unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--no-config",
        "--show-unknown",
        "-f",
        "json",
        path,
    ]))
    .unwrap();
    let undecided = json["undecided"].as_array().unwrap().len();
    let findings = json["findings"].as_array().unwrap().len();
    assert!(undecided >= 2100, "{undecided}");
    let sarif_text = stdout_of(&["--no-config", "--show-unknown", "-f", "sarif", path]);
    assert_eq!(
        sarif_text,
        stdout_of(&["--no-config", "--show-unknown", "-f", "sarif", path]),
        "deterministic"
    );
    let sarif: serde_json::Value = serde_json::from_str(&sarif_text).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    // Findings first, all of them.
    assert!(results[..findings].iter().all(|r| r.get("kind").is_none()));
    let open: Vec<&serde_json::Value> = results[findings..].iter().collect();
    assert!(open.iter().all(|r| r["kind"] == "open"));
    let (listed, summaries): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) =
        open.iter().partition(|r| {
            !r["message"]["text"]
                .as_str()
                .unwrap()
                .contains(" more resources ")
        });
    assert_eq!(listed.len(), 1000);
    let summarised: usize = summaries
        .iter()
        .map(|r| {
            let text = r["message"]["text"].as_str().unwrap();
            assert!(
                text.contains(" in this file, not listed one by one"),
                "{text}"
            );
            let count = text.split(" could not decide ").nth(1).unwrap();
            count.split(' ').next().unwrap().parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(listed.len() + summarised, undecided);
    // One per rule and file, each with a fingerprint of its own.
    let mut prints: Vec<&str> = summaries
        .iter()
        .map(|r| {
            r["partialFingerprints"]["ztLintUndecidedHash/v1"]
                .as_str()
                .unwrap()
        })
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), summaries.len());
    let file = dir.join("zt-lint.sarif");
    std::fs::write(&file, &sarif_text).unwrap();
    validate_sarif(&file, &dir);
}

/// A pull request comment holds 65,536 characters: the summary table stays whole and counts
/// everything, findings come first, and each list cut short says how many it left out.
#[test]
fn markdown_stays_within_a_pull_request_comment() {
    let dir = many_undecided("markdown-many-undecided", 2, 600);
    let path = dir.to_str().unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--no-config",
        "--show-unknown",
        "-f",
        "json",
        path,
    ]))
    .unwrap();
    let undecided = json["undecided"].as_array().unwrap().len();
    let markdown = stdout_of(&["--no-config", "--show-unknown", "-f", "markdown", path]);
    assert!(markdown.chars().count() <= 65_536, "{}", markdown.len());
    assert_eq!(
        markdown,
        stdout_of(&["--no-config", "--show-unknown", "-f", "markdown", path]),
        "deterministic"
    );
    assert!(
        markdown.contains(&format!(
            "| 5 | 0 | 0 | 0 | 0 | {undecided} | 0 | 2 | 1205 |\n"
        )),
        "{}",
        &markdown[..800]
    );
    for i in 0..5 {
        assert!(markdown.contains(&format!("`aws_security_group.world_{i}`")));
    }
    let rows = markdown
        .lines()
        .filter(|l| l.starts_with("| `ZT-") && l.contains("has no value"))
        .count();
    let more = format!(
        "\nAnd {} more undecided checks, left out so that this report stays within GitHub's 65,536 characters for a comment: `--format json` lists them all.\n",
        undecided - rows
    );
    assert!(rows > 100 && rows < undecided, "{rows}");
    assert!(
        markdown.contains(&more),
        "{}",
        &markdown[markdown.len() - 2000..]
    );
    assert!(
        markdown.ends_with("</details>\n\n"),
        "{}",
        &markdown[markdown.len() - 500..]
    );
}

/// Undecided checks a suppression accepted: one in `accepted.tf` (a comment), one in
/// `template.yaml` (Metadata); `open.tf` stays undecided.
const ACCEPTED_UNDECIDED: &str = "tests/cases/suppress-undecided";

/// Every format says that suppressions accepted undecided checks: SARIF as results with
/// `suppressions` (as suppressed findings are), JUnit as skipped cases, compact as lines, and the
/// summaries of human, Markdown, GitHub and JSON output as a count.
#[test]
fn every_format_shows_undecided_checks_suppressions_accepted() {
    let args = |format: &'static str| {
        [
            "--no-config",
            "--show-unknown",
            "-f",
            format,
            ACCEPTED_UNDECIDED,
        ]
    };
    let human = stdout_of(&args("human"));
    assert!(
        human.ends_with(
            "0 findings in 3 files, 3 resources; 1 check undecided; 2 undecided checks accepted by suppressions\n"
        ),
        "{human}"
    );
    // Counted without --show-unknown too: accepted is not the same as checked.
    let plain = stdout_of(&["--no-config", ACCEPTED_UNDECIDED]);
    assert!(
        plain.ends_with("; 2 undecided checks accepted by suppressions\n"),
        "{plain}"
    );
    let markdown = stdout_of(&args("markdown"));
    assert!(
        markdown.contains("| 0 | 0 | 0 | 0 | 0 | 1 | 0 | 3 | 3 |\n\n2 undecided checks accepted by suppressions.\n"),
        "{markdown}"
    );
    let github = stdout_of(&args("github"));
    assert!(
        github.contains(
            "\nzt-lint: 2 undecided checks accepted by suppressions (`--format json --show-unknown` lists them)\n"
        ),
        "{github}"
    );
    let compact = stdout_of(&args("compact"));
    assert!(
        compact.contains(&format!(
            "{ACCEPTED_UNDECIDED}/accepted.tf:12:20: undecided-accepted ZT-NET-001 aws_security_group.accepted: var.admin_cidr has no value (accepted by comment: the VPN team sets admin_cidr to its egress range)\n\
             {ACCEPTED_UNDECIDED}/template.yaml:19:19: undecided-accepted ZT-NET-001 Accepted: parameter AdminCidr has no default (accepted by metadata: the VPN team passes its egress range)\n"
        )),
        "{compact}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&args("json"))).unwrap();
    assert_eq!(json["summary"]["undecided"], 1);
    assert_eq!(json["summary"]["suppressed_undecided"], 2);

    // Under --fail-on-unknown the open one fails; the accepted ones stay skipped.
    let junit = stdout_of(&[
        "--no-config",
        "--fail-on-unknown",
        "-f",
        "junit",
        ACCEPTED_UNDECIDED,
    ]);
    assert!(
        junit.contains(
            "  <testsuite name=\"ZT-NET-001 security-group-world-ingress-sensitive-port\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"2\">\n"
        ),
        "{junit}"
    );
    assert!(
        junit.contains(&format!(
            "    <testcase classname=\"ZT-NET-001\" name=\"aws_security_group.accepted (undecided, accepted)\" file=\"{ACCEPTED_UNDECIDED}/accepted.tf\" line=\"12\">\n\
             \x20     <skipped message=\"undecided at {ACCEPTED_UNDECIDED}/accepted.tf:12:20: var.admin_cidr has no value; accepted (comment: the VPN team sets admin_cidr to its egress range)\"/>\n\
             \x20   </testcase>\n"
        )),
        "{junit}"
    );

    let sarif: serde_json::Value = serde_json::from_str(&stdout_of(&args("sarif"))).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let accepted: Vec<(&str, &str, &str)> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap(),
                r["kind"].as_str().unwrap(),
                r["suppressions"][0]["justification"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        accepted,
        [
            (
                "ZT-NET-001/undecided",
                "open",
                "the VPN team sets admin_cidr to its egress range"
            ),
            (
                "ZT-NET-001/undecided",
                "open",
                "the VPN team passes its egress range"
            )
        ]
    );
    assert_eq!(
        results
            .iter()
            .filter(|r| r["ruleId"] == "ZT-NET-001/undecided")
            .count(),
        3
    );
    // Without --show-unknown neither kind is listed, as undecided checks are not.
    let quiet: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--no-config",
        "-f",
        "sarif",
        ACCEPTED_UNDECIDED,
    ]))
    .unwrap();
    assert_eq!(quiet["runs"][0]["results"].as_array().unwrap().len(), 0);
}
