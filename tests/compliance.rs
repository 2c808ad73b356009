//! Compliance views from the command line: a framework's controls with their rules, a lint run
//! limited to a framework, SARIF tags, and the Markdown report grouped by control.

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

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An SSH rule open to the world and a public database without IAM authentication (a rule CIS
/// does not cover).
fn project(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        r#"resource "aws_security_group" "ssh" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
  storage_encrypted   = true
}
"#,
    )
    .unwrap();
    dir
}

#[test]
fn rules_lists_a_frameworks_controls_and_what_code_cannot_decide() {
    let out = zt_lint(Path::new("."), &["rules", "--framework", "cis-aws-v3"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("CIS Amazon Web Services Foundations Benchmark v3.0.0\n"),
        "{text}"
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("5.2 "))
        .expect("control 5.2");
    assert!(line.contains("ZT-NET-001"), "{line}");
    let undecidable = text
        .split_once(
            "Not checked by any rule (each says why: not decidable from code, or not checked yet):",
        )
        .expect("the undecidable section")
        .1;
    assert!(undecidable.contains("2.1.2 "), "{undecidable}");
    assert!(undecidable.contains("why: "), "{undecidable}");
    for framework in ["fsbp", "nist-800-53", "nist-800-207"] {
        let out = zt_lint(Path::new("."), &["rules", "--framework", framework]);
        assert_eq!(out.status.code(), Some(0), "{framework}");
        assert!(!stdout(&out).contains("Not decidable"), "{framework}");
    }
    let out = zt_lint(Path::new("."), &["rules", "--framework", "iso-27001"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cloudshell_full_access_is_checked_in_every_cis_version() {
    for (framework, cloudshell) in [
        ("cis-aws-v3", "1.22 "),
        ("cis-aws-v4", "1.22 "),
        ("cis-aws-v5", "1.21 "),
    ] {
        let text = stdout(&zt_lint(
            Path::new("."),
            &["rules", "--framework", framework],
        ));
        let (checked, undecidable) = text
            .split_once("Not checked by any rule")
            .expect("the undecidable section");
        assert!(
            checked
                .lines()
                .find(|l| l.starts_with(cloudshell))
                .is_some_and(|l| l.contains("ZT-IAM-009")),
            "{framework}: {checked}"
        );
        assert!(
            !undecidable.contains("AWSCloudShellFullAccess"),
            "{framework}"
        );
    }
}

#[test]
fn metric_filters_are_not_decidable_and_security_hub_is_checked_in_every_cis_version() {
    for framework in ["cis-aws-v3", "cis-aws-v4", "cis-aws-v5"] {
        let text = stdout(&zt_lint(
            Path::new("."),
            &["rules", "--framework", framework],
        ));
        let (checked, undecidable) = text
            .split_once("Not checked by any rule")
            .expect("the undecidable section");
        assert!(
            checked
                .lines()
                .find(|l| l.starts_with("4.16 "))
                .is_some_and(|l| l.contains("ZT-MON-010")),
            "{framework}"
        );
        for id in 1..=15 {
            let entry = format!("\n4.{id} ");
            let at = undecidable
                .find(&entry)
                .unwrap_or_else(|| panic!("{framework}: 4.{id} not listed"));
            let why = undecidable[at..].lines().nth(2).unwrap_or_default();
            assert!(
                why.contains("another stack or account"),
                "{framework}: {why}"
            );
        }
    }
}

#[test]
fn a_framework_limits_the_run_to_its_rules() {
    let dir = project("compliance-run");
    let rules = |framework: Option<&str>| -> Vec<String> {
        let mut args = vec!["--no-config", "--format", "json"];
        if let Some(f) = framework {
            args.extend(["--framework", f]);
        }
        args.push(".");
        let doc: serde_json::Value = serde_json::from_slice(&zt_lint(&dir, &args).stdout).unwrap();
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule_id"].as_str().unwrap().to_string())
            .collect()
    };
    let all = rules(None);
    assert!(all.contains(&"ZT-IAM-015".to_string()), "{all:?}");
    // CIS has no IAM database authentication recommendation.
    assert_eq!(rules(Some("cis-aws-v3")), ["ZT-NET-001", "ZT-NET-003"]);
    assert!(rules(Some("fsbp")).contains(&"ZT-IAM-015".to_string()));
}

/// Off-by-default rules stay off under a framework (ZT-MON-010 would fail every application
/// repository), but the controls they check are named as not covered: on stderr even with
/// --quiet, and in JSON, SARIF and Markdown. Enabling one takes it off the list; a rule the
/// user turned off is a choice and is not listed.
#[test]
fn a_framework_names_its_rules_that_are_off_by_default_and_did_not_run() {
    let dir = project("compliance-off-by-default");
    let run = |args: &[&str]| zt_lint(&dir, &[&["--framework", "cis-aws-v3"], args].concat());
    let stderr = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let note = "zt-lint: --framework: ZT-MON-010 (account-baseline-missing) checks cis-aws-v3 ";
    for quiet in [
        &["--no-config", "-f", "compact", "."][..],
        &["--no-config", "-q", "."],
    ] {
        let out = run(quiet);
        assert!(stderr(&out).contains(note), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("but is off by default and did not run; enable it with `[rules] enable` in .zt-lint.toml"),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("zt-lint: --framework: ZT-MON-011 "));
        assert!(!stdout(&out).contains("ZT-MON-01"), "{}", stdout(&out));
        // The exit status is the findings', as without the note.
        assert_eq!(out.status.code(), Some(1));
    }

    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--no-config", "-f", "json", "."]).stdout).unwrap();
    let not_run = json["rules_not_run"].as_array().unwrap();
    let ids: Vec<&str> = not_run
        .iter()
        .map(|n| n["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ZT-MON-010", "ZT-MON-011"]);
    assert_eq!(not_run[0]["framework"], "cis-aws-v3");
    assert_eq!(not_run[0]["reason"], "off by default");
    assert!(!not_run[0]["controls"].as_array().unwrap().is_empty());
    // Other runs' documents are as they were.
    let plain: serde_json::Value =
        serde_json::from_slice(&zt_lint(&dir, &["--no-config", "-f", "json", "."]).stdout).unwrap();
    assert!(plain.get("rules_not_run").is_none());

    let sarif: serde_json::Value =
        serde_json::from_slice(&run(&["--no-config", "-f", "sarif", "."]).stdout).unwrap();
    let notes: Vec<&str> = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["level"] == "note")
        .map(|n| n["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("ZT-MON-010 (account-baseline-missing) checks cis-aws-v3 "));

    let markdown = stdout(&run(&["--no-config", "-f", "markdown", "."]));
    assert!(
        markdown.contains("Not run: ZT-MON-010 (account-baseline-missing) checks cis-aws-v3 "),
        "{markdown}"
    );

    std::fs::write(
        dir.join(".zt-lint.toml"),
        "[rules]\nenable = [\"ZT-MON-010\"]\ndisable = [\"ZT-MON-011\"]\n",
    )
    .unwrap();
    let configured = run(&["-f", "compact", "."]);
    assert!(
        !stderr(&configured).contains("--framework:"),
        "{}",
        stderr(&configured)
    );
    assert!(
        stdout(&configured).contains(" ZT-MON-010 "),
        "{}",
        stdout(&configured)
    );
}

#[test]
fn sarif_rules_carry_their_controls_as_tags() {
    let dir = project("compliance-sarif");
    let out = zt_lint(&dir, &["--no-config", "--format", "sarif", "."]);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rule = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ZT-NET-001")
        .expect("ZT-NET-001");
    let tags: Vec<&str> = rule["properties"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for tag in [
        "security",
        "fsbp/EC2.13",
        "cis-aws-v3/5.2",
        "nist-800-53/SC-7",
        "nist-800-207/tenet-2",
    ] {
        assert!(tags.contains(&tag), "{tag}: {tags:?}");
    }
}

#[test]
fn markdown_groups_findings_by_the_controls_their_rule_checks() {
    let dir = project("compliance-markdown");
    let out = zt_lint(
        &dir,
        &[
            "--no-config",
            "--format",
            "markdown",
            "--framework",
            "cis-aws-v3",
            "--group-by",
            "control",
            ".",
        ],
    );
    let text = stdout(&out);
    let database = text.find("### 2.3.3\n").expect("2.3.3");
    let ssh = text.find("### 5.2, 5.3\n").expect("5.2, 5.3");
    assert!(database < ssh, "the framework's order: {text}");
    assert!(
        text[ssh..].contains("| critical | `ZT-NET-001` security-group-world-ingress-sensitive-port | `aws_security_group.ssh` | `main.tf:6:20` |"),
        "{text}"
    );
    // Grouping needs a framework to group by.
    let out = zt_lint(
        &dir,
        &[
            "--no-config",
            "--format",
            "markdown",
            "--group-by",
            "control",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

/// CIS v4.0.1 and v5.0.0 renumber the recommendations v3.0.0 had: each is its own framework,
/// listed, selectable on a run, tagged in SARIF and grouped by in Markdown with its own ids.
#[test]
fn later_cis_versions_carry_their_own_numbers() {
    for (framework, title, imds, password) in [
        (
            "cis-aws-v4",
            "CIS Amazon Web Services Foundations Benchmark v4.0.1\n",
            "5.7 ",
            "1.8 ",
        ),
        (
            "cis-aws-v5",
            "CIS Amazon Web Services Foundations Benchmark v5.0.0\n",
            "5.7 ",
            "1.7 ",
        ),
    ] {
        let out = zt_lint(Path::new("."), &["rules", "--framework", framework]);
        assert_eq!(out.status.code(), Some(0), "{framework}");
        let text = stdout(&out);
        assert!(text.starts_with(title), "{text}");
        let line = |prefix: &str| {
            text.lines()
                .find(|l| l.starts_with(prefix))
                .unwrap_or_else(|| panic!("{framework}: {prefix}"))
                .to_string()
        };
        assert!(line(imds).contains("ZT-WKL-001"), "{framework}");
        assert!(line(password).contains("ZT-IAM-010"), "{framework}");
        assert!(line("5.1.2 ").contains("ZT-NET-001"), "{framework}");
        let undecidable = text
            .split_once("Not checked by any rule (each says why: not decidable from code, or not checked yet):")
            .expect("the undecidable section")
            .1;
        assert!(undecidable.contains("5.6 "), "{framework}: {undecidable}");
    }

    let dir = project("compliance-later-cis");
    let doc: serde_json::Value = serde_json::from_slice(
        &zt_lint(
            &dir,
            &[
                "--no-config",
                "--format",
                "json",
                "--framework",
                "cis-aws-v5",
                ".",
            ],
        )
        .stdout,
    )
    .unwrap();
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["ZT-NET-001", "ZT-NET-003"]);

    let sarif: serde_json::Value =
        serde_json::from_slice(&zt_lint(&dir, &["--no-config", "--format", "sarif", "."]).stdout)
            .unwrap();
    let rule = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ZT-NET-003")
        .expect("ZT-NET-003");
    let tags: Vec<&str> = rule["properties"]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for tag in ["cis-aws-v3/2.3.3", "cis-aws-v4/2.2.3", "cis-aws-v5/2.2.3"] {
        assert!(tags.contains(&tag), "{tag}: {tags:?}");
    }

    let text = stdout(&zt_lint(
        &dir,
        &[
            "--no-config",
            "--format",
            "markdown",
            "--framework",
            "cis-aws-v4",
            "--group-by",
            "control",
            ".",
        ],
    ));
    let database = text.find("### 2.2.3\n").expect("2.2.3");
    let ssh = text.find("### 5.1.2, 5.3, 5.4\n").expect("5.1.2, 5.3, 5.4");
    assert!(database < ssh, "the framework's order: {text}");
}
