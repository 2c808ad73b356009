//! Hostile input from an untrusted pull request, as the command line meets it: each case ends
//! in a bounded time with a located error (or a "not linted" entry) and the known-insecure file
//! beside it still gets its finding. Large inputs are generated here, in temporary directories.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far above what any case needs, even in a debug build on a loaded machine: a case that takes
/// this long is a hang.
const TIME_LIMIT: Duration = Duration::from_secs(240);

const GOOD_TF: &str = r#"resource "aws_security_group" "open_ssh" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#;

/// A fresh directory holding `good.tf`, whose one finding every case checks survives.
fn case(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.tf"), GOOD_TF).unwrap();
    dir
}

struct Run {
    code: Option<i32>,
    doc: Value,
}

impl Run {
    /// (file, line, column, message) of every error.
    fn errors(&self) -> Vec<(String, u64, u64, String)> {
        self.doc["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    file_name(&e["file"]),
                    e["line"].as_u64().unwrap(),
                    e["column"].as_u64().unwrap(),
                    e["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// (rule, file, line, column, resource) of every finding.
    fn findings(&self) -> Vec<(String, String, u64, u64, String)> {
        self.doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule_id"].as_str().unwrap().to_string(),
                    file_name(&f["file"]),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["resource"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// The one error there is, which must be in `file` at `line`:`column` and say `says`.
    fn assert_one_error(&self, file: &str, line: u64, column: u64, says: &str) {
        let errors = self.errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let (f, l, c, message) = &errors[0];
        assert_eq!((f.as_str(), *l, *c), (file, line, column), "{message}");
        assert!(message.contains(says), "{message}");
        assert_eq!(self.code, Some(2), "a load error exits 2");
    }

    fn assert_good_reported(&self) {
        let findings = self.findings();
        assert!(
            findings.contains(&(
                "ZT-NET-001".to_string(),
                "good.tf".to_string(),
                6,
                20,
                "aws_security_group.open_ssh".to_string()
            )),
            "{findings:?}"
        );
    }

    /// (file, line, column, reason) of every "not linted" entry.
    fn not_linted(&self) -> Vec<(String, u64, u64, String)> {
        self.doc["not_linted"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    file_name(&n["file"]),
                    n["line"].as_u64().unwrap(),
                    n["column"].as_u64().unwrap(),
                    n["reason"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

fn file_name(v: &Value) -> String {
    v.as_str().unwrap().trim_start_matches("./").to_string()
}

/// `zt-lint --format json ARGS` in `dir`, killed (and the test failed) past [`TIME_LIMIT`].
fn lint(dir: &Path, args: &[&str]) -> Run {
    lint_as(Command::new(env!("CARGO_BIN_EXE_zt-lint")), dir, args)
}

/// [`lint`] with `command` as the program: zt-lint itself, or a wrapper that runs it.
fn lint_as(mut command: Command, dir: &Path, args: &[&str]) -> Run {
    let out_path = dir.with_extension("stdout");
    let out = std::fs::File::create(&out_path).unwrap();
    let mut child = command
        .args(["--format", "json", "--no-config"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("zt-lint {args:?} in {} hung", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = std::fs::read(&out_path).unwrap();
    let _ = std::fs::remove_file(&out_path);
    assert_ne!(status.code(), Some(101), "zt-lint panicked");
    let doc = serde_json::from_slice(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&stdout[..stdout.len().min(2_000)])
        )
    });
    Run {
        code: status.code(),
        doc,
    }
}

fn done(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}

const DEEP: usize = 100_000;

fn nested(open: &str, middle: &str, close: &str) -> String {
    let mut s = open.repeat(DEEP);
    s.push_str(middle);
    s.push_str(&close.repeat(DEEP));
    s
}

/// 10^5 levels of every kind of nesting the parsers and the evaluator recurse on.
#[test]
fn deep_nesting_is_a_located_error() {
    let block = format!(
        "resource \"aws_s3_bucket\" \"b\" {{\n{}}}\n",
        nested("a {\n", "", "}\n")
    );
    let cases: [(&str, String, u64, u64); 10] = [
        ("blocks.tf", block, 201, 3),
        (
            "brackets.tf",
            format!("locals {{\n  x = {}\n}}\n", nested("[", "1", "]")),
            2,
            206,
        ),
        (
            "arrays.json",
            format!(
                "{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}}",
                nested("[", "1", "]")
            ),
            1,
            313,
        ),
        (
            "objects.json",
            format!(
                "{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}}",
                nested("{\"a\": ", "1", "}")
            ),
            1,
            1593,
        ),
        (
            "calls.tf",
            format!("locals {{\n  x = {}\n}}\n", nested("f(", "1", ")")),
            2,
            406,
        ),
        (
            "templates.tf",
            format!("locals {{\n  x = {}\n}}\n", nested("\"${", "1", "}\"")),
            2,
            606,
        ),
        (
            "conditionals.tf",
            format!("locals {{\n  x = {}\n}}\n", nested("true ? ", "1", " : 2")),
            2,
            455,
        ),
        (
            "block.yaml",
            format!(
                "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  {}x\n",
                "- ".repeat(DEEP)
            ),
            3,
            513,
        ),
        (
            "if.yaml",
            format!(
                "AWSTemplateFormatVersion: \"2010-09-09\"\nConditions:\n  C: !Equals [a, a]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: {}\n",
                nested("!If [C, ", "x", ", y]")
            ),
            8,
            2063,
        ),
        (
            "flow.yaml",
            format!(
                "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B: {}\n",
                nested("{a: ", "x", "}")
            ),
            3,
            1022,
        ),
    ];
    for (name, text, line, column) in cases {
        let dir = case(&format!("deep-{name}"));
        std::fs::write(dir.join(name), text).unwrap();
        let run = lint(&dir, &["."]);
        let errors = run.errors();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        let (file, l, c, message) = &errors[0];
        assert_eq!(
            (file.as_str(), *l, *c),
            (name, line, column),
            "{name}: {message}"
        );
        assert_eq!(run.code, Some(2), "{name}");
        run.assert_good_reported();
        done(&dir);
    }
}

/// A file over the size limit is reported without being read: a sparse file costs no disk.
#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let dir = case("too-large");
    let big = std::fs::File::create(dir.join("big.tf")).unwrap();
    big.set_len(zt_lint::load::DEFAULT_MAX_FILE_BYTES + 1)
        .unwrap();
    let run = lint(&dir, &["."]);
    run.assert_one_error("big.tf", 1, 1, "larger than");
    run.assert_good_reported();
    done(&dir);
}

/// A JSON file may be a plan, which may be larger than other files; over the plan limit it is
/// not read, and between the limits only a plan is parsed.
#[test]
fn a_json_file_over_the_limits_is_not_parsed_unless_a_plan() {
    let dir = case("too-large-json");
    let huge = std::fs::File::create(dir.join("huge.json")).unwrap();
    huge.set_len(zt_lint::load::DEFAULT_MAX_PLAN_BYTES + 1)
        .unwrap();
    let run = lint(&dir, &["."]);
    run.assert_one_error("huge.json", 1, 1, "larger than");
    run.assert_good_reported();
    std::fs::remove_file(dir.join("huge.json")).unwrap();
    // Read, since it may be a plan, but not one: reported, not parsed.
    let big = std::fs::File::create(dir.join("big.json")).unwrap();
    big.set_len(zt_lint::load::DEFAULT_MAX_FILE_BYTES + 1)
        .unwrap();
    let run = lint(&dir, &["."]);
    run.assert_one_error("big.json", 1, 1, "only a plan");
    run.assert_good_reported();
    // A plan cut short (here by NUL padding) is reported where it breaks, not as too large.
    std::fs::remove_file(dir.join("big.json")).unwrap();
    let start = "{\"format_version\": \"1.2\", \"resource_changes\": [\n";
    std::fs::write(dir.join("cut.json"), start).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(dir.join("cut.json"))
        .unwrap()
        .set_len(zt_lint::load::DEFAULT_MAX_FILE_BYTES + 1)
        .unwrap();
    let run = lint(&dir, &["."]);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (file, line, _, message) = &errors[0];
    assert_eq!((file.as_str(), *line), ("cut.json", 2), "{message}");
    assert!(!message.contains("larger than"), "{message}");
    run.assert_good_reported();
    done(&dir);
}

/// Binary data and NUL bytes in files named like infrastructure code.
#[test]
fn binary_files_and_nul_bytes_are_located_errors() {
    let dir = case("binary");
    // A fixed pseudo-random stream (xorshift), not valid UTF-8 within its first bytes.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    // 0xC0 never starts a UTF-8 character: the error is at the first byte.
    let mut noise = noise;
    if let Some(first) = noise.first_mut() {
        *first = 0xC0;
    }
    for name in ["bin.tf", "bin.yaml", "bin.json"] {
        std::fs::write(dir.join(name), &noise).unwrap();
    }
    std::fs::write(
        dir.join("nul.tf"),
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"a\0b\"\n}\n\0\n",
    )
    .unwrap();
    let run = lint(&dir, &["."]);
    let errors = run.errors();
    let located: Vec<(&str, u64, u64)> = errors
        .iter()
        .map(|(f, l, c, _)| (f.as_str(), *l, *c))
        .collect();
    assert_eq!(
        located,
        [
            ("bin.json", 1, 1),
            ("bin.tf", 1, 1),
            ("bin.yaml", 1, 1),
            ("nul.tf", 4, 1)
        ],
        "{errors:?}"
    );
    assert_eq!(run.code, Some(2));
    run.assert_good_reported();
    done(&dir);
}

/// Windows and classic Mac OS line endings: the findings are on the lines and columns an editor
/// shows (a lone CR is a line break in YAML).
#[test]
fn crlf_files_are_located_like_lf_files() {
    let dir = case("crlf");
    std::fs::write(dir.join("crlf.tf"), GOOD_TF.replace('\n', "\r\n")).unwrap();
    std::fs::write(
        dir.join("crlf.yaml"),
        "AWSTemplateFormatVersion: \"2010-09-09\"\r\nResources:\r\n  Open:\r\n    Type: AWS::EC2::SecurityGroup\r\n    Properties:\r\n      GroupDescription: x\r\n      SecurityGroupIngress:\r\n        - IpProtocol: tcp\r\n          FromPort: 22\r\n          ToPort: 22\r\n          CidrIp: 0.0.0.0/0\r\n",
    )
    .unwrap();
    let crlf = std::fs::read_to_string(dir.join("crlf.yaml")).unwrap();
    std::fs::write(dir.join("cr.yaml"), crlf.replace("\r\n", "\r")).unwrap();
    let run = lint(&dir, &["."]);
    assert!(run.errors().is_empty(), "{:?}", run.errors());
    let net: Vec<(String, u64, u64)> = run
        .findings()
        .into_iter()
        .filter(|f| f.0 == "ZT-NET-001")
        .map(|f| (f.1, f.2, f.3))
        .collect();
    assert_eq!(
        net,
        [
            ("cr.yaml".to_string(), 11, 19),
            ("crlf.tf".to_string(), 6, 20),
            ("crlf.yaml".to_string(), 11, 19),
            ("good.tf".to_string(), 6, 20),
        ]
    );
    assert_eq!(run.code, Some(1));
    done(&dir);
}

/// A directory symlinked into its parent, and two links to each other: each is a located
/// error, and the walk ends.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_a_located_error() {
    let dir = case("symlink-loop");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/up")).unwrap();
    std::os::unix::fs::symlink("b", dir.join("c")).unwrap();
    std::os::unix::fs::symlink("c", dir.join("b")).unwrap();
    let run = lint(&dir, &["."]);
    let errors = run.errors();
    let located: Vec<(&str, u64, u64)> = errors
        .iter()
        .map(|(f, l, c, _)| (f.as_str(), *l, *c))
        .collect();
    assert_eq!(
        located,
        [("a/up", 1, 1), ("b", 1, 1), ("c", 1, 1)],
        "{errors:?}"
    );
    assert!(errors[0].3.contains("loop"), "{errors:?}");
    assert_eq!(run.code, Some(2));
    assert_eq!(run.findings().len(), 1, "{:?}", run.findings());
    run.assert_good_reported();
    done(&dir);
}

/// A module whose source leaves the scanned tree is read, as `terraform init` would read it;
/// what it declares is linted at the caller.
#[test]
fn a_module_source_outside_the_tree_is_read() {
    let base = case("outside-module");
    let tree = base.join("tree");
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::create_dir_all(base.join("elsewhere")).unwrap();
    std::fs::write(base.join("elsewhere/main.tf"), GOOD_TF).unwrap();
    std::fs::write(
        tree.join("main.tf"),
        "module \"far\" {\n  source = \"../elsewhere\"\n}\n",
    )
    .unwrap();
    let run = lint(&tree, &["."]);
    assert!(run.errors().is_empty(), "{:?}", run.errors());
    let findings = run.findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].1, "../elsewhere/main.tf");
    assert_eq!(findings[0].4, "module.far.aws_security_group.open_ssh");
    assert_eq!(run.code, Some(1));
    done(&base);
}

/// Modules that call each other: a located error at the call that closes the cycle.
#[test]
fn a_module_cycle_is_a_located_error() {
    let dir = case("module-cycle");
    for (from, to) in [("a", "b"), ("b", "a")] {
        std::fs::create_dir_all(dir.join(from)).unwrap();
        std::fs::write(
            dir.join(from).join("main.tf"),
            format!("module \"next\" {{\n  source = \"../{to}\"\n}}\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("root.tf"),
        "module \"a\" {\n  source = \"./a\"\n}\n",
    )
    .unwrap();
    let run = lint(&dir, &["."]);
    let errors = run.errors();
    assert!(!errors.is_empty(), "no error for the cycle");
    for (file, line, column, message) in &errors {
        assert!(file.ends_with("/main.tf"), "{file}");
        assert_eq!((*line, *column), (1, 1), "{message}");
        assert!(message.contains("recursively"), "{message}");
    }
    assert_eq!(run.code, Some(2));
    run.assert_good_reported();
    done(&dir);
}

/// An unreadable file and an unreadable directory, each named in its own error.
#[cfg(unix)]
#[test]
fn unreadable_files_and_directories_are_located_errors() {
    use std::os::unix::fs::PermissionsExt;
    let uid = Command::new("id").arg("-u").output().unwrap();
    // Root reads any file: as root (CI containers), zt-lint runs as `nobody` instead, so the
    // case is tested everywhere rather than skipped.
    let as_root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    let dir = case("unreadable");
    let command = if as_root {
        can_run_as_nobody(&dir);
        let mut c = as_nobody();
        c.arg(env!("CARGO_BIN_EXE_zt-lint"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_zt-lint"))
    };
    std::fs::write(dir.join("secret.tf"), GOOD_TF).unwrap();
    std::fs::create_dir_all(dir.join("closed")).unwrap();
    std::fs::write(dir.join("closed/main.tf"), GOOD_TF).unwrap();
    std::fs::set_permissions(
        dir.join("secret.tf"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::set_permissions(dir.join("closed"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = lint_as(command, &dir, &["."]);
    std::fs::set_permissions(dir.join("closed"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let located: Vec<(String, u64, u64)> = run
        .errors()
        .into_iter()
        .map(|(f, l, c, _)| (f, l, c))
        .collect();
    assert_eq!(
        located,
        [
            ("closed".to_string(), 1, 1),
            ("secret.tf".to_string(), 1, 1)
        ]
    );
    assert_eq!(run.code, Some(2));
    run.assert_good_reported();
    done(&dir);
}

/// `setpriv` switching to `nobody`, ready for the program to run and its arguments.
#[cfg(unix)]
fn as_nobody() -> Command {
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
    c
}

/// Fails, saying what to change, unless `nobody` can be switched to, run zt-lint and read the
/// case directory: otherwise the unreadable-files test would fail on every file for a reason
/// that has nothing to do with zt-lint.
#[cfg(unix)]
fn can_run_as_nobody(dir: &Path) {
    let succeeds = |args: &[&std::ffi::OsStr]| {
        as_nobody()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    assert!(
        succeeds(&["true".as_ref()]),
        "running as root, this test runs zt-lint as nobody (uid 65534) through `setpriv` \
         (util-linux), which could not switch user: install it or run the tests as a normal user"
    );
    let binary = env!("CARGO_BIN_EXE_zt-lint");
    assert!(
        succeeds(&[binary.as_ref(), "--version".as_ref()]),
        "nobody (uid 65534) cannot run {binary}: every directory above it must be searchable by \
         others (chmod o+x), or run the tests as a normal user"
    );
    let good = dir.join("good.tf");
    assert!(
        succeeds(&["test".as_ref(), "-r".as_ref(), good.as_os_str()]),
        "nobody (uid 65534) cannot read {}: every directory above it must be searchable by \
         others (chmod o+x), or run the tests as a normal user",
        good.display()
    );
}

/// 100,000 small files: the walk and the load stay linear.
#[test]
fn a_hundred_thousand_small_files() {
    let dir = case("many-files");
    for d in 0..100 {
        let sub = dir.join(format!("d{d:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for f in 0..1_000 {
            let text = format!("locals {{\n  v{f} = {f}\n}}\n");
            std::fs::write(sub.join(format!("f{f:04}.tf")), text).unwrap();
        }
    }
    let run = lint(&dir, &["."]);
    assert!(run.errors().is_empty(), "{:?}", run.errors());
    assert_eq!(run.doc["summary"]["files"], 100_001);
    assert_eq!(run.findings().len(), 1);
    assert_eq!(run.code, Some(1));
    run.assert_good_reported();
    done(&dir);
}

/// `count` and `for_each` make at most 10,000 instances, say so where the expression is, and a
/// finding shared by every instance is reported once with their number. The million-entry map
/// comes from a variable file: hcl-edit checks each key of an object literal against all the
/// keys before it, so a million-key literal in a `.tf` file costs hours in its parser.
#[test]
fn huge_count_and_for_each_are_capped_and_reported() {
    let dir = case("instances");
    let entries: Vec<String> = (0..1_000_000)
        .map(|i| format!("\"k{i}\": \"0.0.0.0/0\""))
        .collect();
    std::fs::write(
        dir.join("terraform.tfvars.json"),
        format!("{{\"cidrs\": {{{}}}}}\n", entries.join(", ")),
    )
    .unwrap();
    let list: Vec<String> = (0..1_000_000).map(|i| i.to_string()).collect();
    std::fs::write(
        dir.join("main.tf"),
        format!(
            r#"resource "aws_security_group" "counted" {{
  count = 1e9
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

resource "aws_security_group" "each" {{
  for_each = var.cidrs
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [each.value]
  }}
}}

resource "aws_security_group" "ranged" {{
  for_each = toset(range(1e9))
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

variable "cidrs" {{}}

locals {{
  numbers = [{}]
  length  = length(local.numbers)
}}
"#,
            list.join(", "),
        ),
    )
    .unwrap();
    let run = lint(&dir, &["--show-unknown", "."]);
    assert!(run.errors().is_empty(), "{:?}", run.errors());
    let capped = run.not_linted();
    assert_eq!(capped.len(), 2, "{capped:?}");
    assert_eq!(
        (capped[0].0.as_str(), capped[0].1, capped[0].2),
        ("main.tf", 2, 11)
    );
    assert_eq!(
        capped[0].3,
        "count gives 1000000000 instances; only the first 10000 are linted (zt-lint's cap)"
    );
    assert_eq!(
        (capped[1].0.as_str(), capped[1].1, capped[1].2),
        ("main.tf", 12, 14)
    );
    assert!(capped[1].3.starts_with("for_each gives 1000000 instances"));
    let net: Vec<(u64, String, String)> = run.doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "main.tf" && f["rule_id"] == "ZT-NET-001")
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["resource"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(net.len(), 3, "{net:?}");
    assert_eq!(
        (net[0].0, net[0].1.as_str()),
        (7, "aws_security_group.counted[0]")
    );
    assert!(net[0].2.ends_with("(in 10000 instances)"), "{net:?}");
    assert_eq!(
        (net[1].0, net[1].1.as_str()),
        (17, "aws_security_group.each[\"k0\"]")
    );
    assert!(net[1].2.ends_with("(in 10000 instances)"), "{net:?}");
    // `range` is not evaluated: one instance whose key is unknown, reported without a count.
    assert_eq!(
        (net[2].0, net[2].1.as_str()),
        (27, "aws_security_group.ranged")
    );
    assert!(!net[2].2.contains("instances)"), "{net:?}");
    assert_eq!(run.code, Some(1));
    run.assert_good_reported();
    done(&dir);
}

/// Caps multiply through module calls (10,000 calls of a module with 10,000 instances): the
/// whole configuration is bounded too, and says where it stopped.
#[test]
fn instances_multiplied_through_modules_are_bounded() {
    let dir = case("nested-instances");
    std::fs::create_dir_all(dir.join("m")).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "module \"many\" {\n  source = \"./m\"\n  count  = 10000\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("m/main.tf"),
        "resource \"aws_sqs_queue\" \"q\" {\n  count = 10000\n  name  = \"q\"\n}\n",
    )
    .unwrap();
    let run = lint(&dir, &["."]);
    assert!(run.errors().is_empty(), "{:?}", run.errors());
    let not_linted = run.not_linted();
    assert!(
        not_linted
            .iter()
            .any(|(file, line, column, reason)| file == "m/main.tf"
                && (*line, *column) == (1, 1)
                && reason.contains("more than 200000 resource and module instances")),
        "{not_linted:?}"
    );
    assert_eq!(run.code, Some(1));
    run.assert_good_reported();
    done(&dir);
}

/// `mkfifo PATH`: a file that blocks whoever opens it for reading until a writer comes.
#[cfg(unix)]
fn fifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo is needed for this test");
}

/// A FIFO wherever zt-lint may read a file without being told to: in a walk, beside a plan (as
/// its source), as the target of Terraform's `file()`, and as the module manifest. None is
/// opened, so none blocks; the one met as input is a located error.
#[cfg(unix)]
#[test]
fn special_files_are_never_opened() {
    let dir = case("fifo");
    fifo(&dir.join("walked.tf"));
    std::fs::write(
        dir.join("reads.tf"),
        "resource \"aws_iam_policy\" \"p\" {\n  policy = file(\"${path.module}/policy.json\")\n}\n\n\
         module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
    )
    .unwrap();
    fifo(&dir.join("policy.json"));
    std::fs::create_dir_all(dir.join(".terraform/modules")).unwrap();
    fifo(&dir.join(".terraform/modules/modules.json"));
    let run = lint(&dir, &["--show-unknown", "."]);
    let located: Vec<(String, u64, u64)> = run
        .errors()
        .into_iter()
        .map(|(f, l, c, m)| {
            assert!(m.contains("not a regular file"), "{f}: {m}");
            (f, l, c)
        })
        .collect();
    assert_eq!(
        located,
        [
            ("policy.json".to_string(), 1, 1),
            ("walked.tf".to_string(), 1, 1)
        ]
    );
    assert_eq!(run.code, Some(2));
    run.assert_good_reported();
    done(&dir);

    // A plan whose source directory holds a FIFO named like a Terraform file.
    let dir = case("fifo-plan-source");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plan-with-source");
    std::fs::copy(examples.join("plan.json"), dir.join("plan.json")).unwrap();
    fifo(&dir.join("main.tf"));
    let run = lint(&dir, &["plan.json", "good.tf"]);
    assert!(
        run.findings()
            .iter()
            .any(|f| f.0 == "ZT-NET-001" && f.1 == "plan.json"),
        "{:?}",
        run.findings()
    );
    let located: Vec<(String, u64, u64)> = run
        .errors()
        .into_iter()
        .map(|(f, l, c, _)| (f, l, c))
        .collect();
    assert_eq!(located, [("main.tf".to_string(), 1, 1)]);
    assert_eq!(run.code, Some(2));
    run.assert_good_reported();
    done(&dir);
}

/// A module that calls itself is the shortest cycle: a located error at its call.
#[test]
fn a_module_calling_itself_is_a_located_error() {
    let dir = case("module-self-call");
    std::fs::create_dir_all(dir.join("m")).unwrap();
    std::fs::write(
        dir.join("m/main.tf"),
        "module \"again\" {\n  source = \"./\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("root.tf"),
        "module \"m\" {\n  source = \"./m\"\n}\n",
    )
    .unwrap();
    let run = lint(&dir, &["."]);
    let errors = run.errors();
    assert!(!errors.is_empty(), "no error for the self-call");
    for (file, line, column, message) in &errors {
        assert_eq!(file, "m/main.tf");
        assert_eq!((*line, *column), (1, 1), "{message}");
        assert!(message.contains("recursively"), "{message}");
    }
    assert_eq!(run.code, Some(2));
    run.assert_good_reported();
    done(&dir);
}

/// UTF-16 templates, as Windows editors save them, with and without a byte-order mark and in
/// either byte order: read and linted, their findings on the lines an editor shows.
#[test]
fn utf16_templates_are_read_with_or_without_a_bom() {
    let dir = case("utf16");
    let template = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Open:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n";
    let le = |bom: bool| -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(template.encode_utf16().flat_map(u16::to_le_bytes));
        out
    };
    let be = |bom: bool| -> Vec<u8> {
        let mut out = if bom { vec![0xFE, 0xFF] } else { Vec::new() };
        out.extend(template.encode_utf16().flat_map(u16::to_be_bytes));
        out
    };
    for (name, bytes) in [
        ("le-bom.yaml", le(true)),
        ("le.yaml", le(false)),
        ("be-bom.yaml", be(true)),
        ("be.yaml", be(false)),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let run = lint(&dir, &["."]);
    assert!(run.errors().is_empty(), "{:?}", run.errors());
    let net: Vec<(String, u64, u64)> = run
        .findings()
        .into_iter()
        .filter(|f| f.0 == "ZT-NET-001")
        .map(|f| (f.1, f.2, f.3))
        .collect();
    let at = |f: &str, l, c| (f.to_string(), l, c);
    assert_eq!(
        net,
        [
            at("be-bom.yaml", 11, 19),
            at("be.yaml", 11, 19),
            at("good.tf", 6, 20),
            at("le-bom.yaml", 11, 19),
            at("le.yaml", 11, 19),
        ]
    );
    assert_eq!(run.code, Some(1));
    done(&dir);
}

/// A suppression comment naming 8,000 rules that do not exist is one problem at the comment,
/// listing a few names: the output does not grow with the comment.
#[test]
fn a_suppression_naming_thousands_of_unknown_rules_is_one_finding() {
    let dir = case("unknown-rules");
    let names: Vec<String> = (0..8_000).map(|i| format!("ZT-NOPE-{i}")).collect();
    std::fs::write(
        dir.join("noisy.tf"),
        format!(
            "# zt-lint:ignore {} reason\nresource \"aws_sqs_queue\" \"q\" {{\n  name = \"q\"\n}}\n",
            names.join(",")
        ),
    )
    .unwrap();
    let run = lint(&dir, &["."]);
    let meta: Vec<(String, String, u64, u64, String)> = run
        .findings()
        .into_iter()
        .filter(|f| f.0.starts_with("ZT-META"))
        .collect();
    assert_eq!(meta.len(), 1, "{meta:?}");
    assert_eq!(
        (meta[0].1.as_str(), meta[0].2, meta[0].3),
        ("noisy.tf", 1, 3)
    );
    assert_eq!(run.code, Some(1));
    run.assert_good_reported();
    let human = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(["--no-config", "--color", "never", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        human.stdout.len() < 20_000,
        "{} bytes of human output",
        human.stdout.len()
    );
    done(&dir);
}

/// A FIFO in a policy directory is a located error, not a read that never ends. A policy that
/// cannot be used stops the run (as a broken configuration does): the JSON document says why.
#[cfg(all(unix, feature = "guard"))]
#[test]
fn a_fifo_among_guard_policies_is_a_located_error() {
    let dir = case("fifo-policy");
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    std::fs::write(
        dir.join("policies/ok.guard"),
        "rule ok { Resources exists }\n",
    )
    .unwrap();
    fifo(&dir.join("policies/stuck.guard"));
    let run = lint(&dir, &["--policy", "policies", "."]);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (file, line, column, message) = &errors[0];
    assert_eq!(
        (file.as_str(), *line, *column),
        ("policies/stuck.guard", 1, 1)
    );
    assert!(message.contains("not a regular file"), "{message}");
    assert_eq!(run.code, Some(2));
    done(&dir);
}

/// Links in a policy directory back to itself (two of them made the walk exponential) or to
/// `/` (which walked the machine): each directory is walked once, and nothing outside the
/// policy directory is read.
#[cfg(all(unix, feature = "guard"))]
#[test]
fn links_in_a_policy_directory_do_not_loop_or_leave_it() {
    let dir = case("policy-links");
    let policies = dir.join("policies");
    std::fs::create_dir_all(policies.join("sub")).unwrap();
    std::fs::write(policies.join("ok.guard"), "rule ok { Resources exists }\n").unwrap();
    for (link, target) in [("a", "."), ("b", "."), ("sub/up", ".."), ("root", "/")] {
        std::os::unix::fs::symlink(target, policies.join(link)).unwrap();
    }
    // The code is named by file, so only the policy walk meets the links.
    let run = lint(&dir, &["--policy", "policies", "good.tf"]);
    assert_eq!(run.errors(), Vec::new());
    run.assert_good_reported();
    done(&dir);
}

/// A million-key object literal in a `.tf` file: hcl-edit's object parser checks each key
/// against every key before it, so the file is refused before parsing, at the object's brace,
/// with the cap named; the files beside it are still linted.
#[test]
fn a_huge_object_literal_is_refused_before_parsing() {
    let dir = case("object-literal");
    let entries: Vec<String> = (0..1_000_000)
        .map(|i| format!("    k{i} = \"0.0.0.0/0\""))
        .collect();
    std::fs::write(
        dir.join("main.tf"),
        format!(
            "resource \"aws_security_group\" \"each\" {{\n  for_each = {{\n{}\n  }}\n}}\n",
            entries.join("\n")
        ),
    )
    .unwrap();
    let run = lint(&dir, &["."]);
    run.assert_one_error(
        "main.tf",
        2,
        14,
        "an object literal of more than 20000 items is not parsed",
    );
    run.assert_good_reported();
    done(&dir);
}

/// Objects each under the cap still cost the parser the square of their size: a file's objects
/// share one budget, and the object that goes over it is named, with the files beside it linted.
#[test]
fn many_large_object_literals_in_one_file_are_refused_before_parsing() {
    let dir = case("object-budget");
    let object: Vec<String> = (0..20_000).map(|i| format!("    k{i} = {i}")).collect();
    let locals: Vec<String> = (0..20)
        .map(|n| format!("  m{n} = {{\n{}\n  }}\n", object.join("\n")))
        .collect();
    std::fs::write(
        dir.join("main.tf"),
        format!("locals {{\n{}}}\n", locals.concat()),
    )
    .unwrap();
    let run = lint(&dir, &["."]);
    run.assert_one_error(
        "main.tf",
        2 + 2 * 20_002,
        8,
        "over zt-lint's parsing budget",
    );
    run.assert_good_reported();
    done(&dir);
}

/// Aliases of deeply nested anchors, each anchor holding an alias of the one before: written
/// nesting stays under the bound, but each alias pastes its anchor's depth where it stands, so
/// the tree built was thousands of levels deep and overflowed the stack of whatever recursed
/// on it (conversion, evaluation, drop). The first alias that would go past the bound is the
/// error.
#[test]
fn aliases_of_deep_anchors_are_a_located_error() {
    let dir = case("deep-aliases");
    let deep = |inner: &str| format!("{}{inner}{}", "[".repeat(240), "]".repeat(240));
    let mut text = format!(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        \
         - Key: k\n          Value: &a0 {}\n",
        deep("1")
    );
    for i in 1..=30 {
        text.push_str(&format!(
            "        - Key: k{i}\n          Value: &a{i} {}\n",
            deep(&format!("*a{}", i - 1))
        ));
    }
    std::fs::write(dir.join("t.yaml"), text).unwrap();
    let run = lint(&dir, &["."]);
    // Line 9 is `Value: &a1 [[[…*a0…]]]`: the alias sits 6 + 240 levels deep and pastes 240.
    run.assert_one_error("t.yaml", 9, 262, "YAML nesting is too deep: this alias");
    run.assert_good_reported();
    done(&dir);
}
