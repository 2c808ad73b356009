//! AWS CloudFormation Guard policies (`--policy`, `policy_dirs`): loading `.guard` files, their
//! targeting header, and the rules they declare, which join the catalog under
//! `guard:<file stem>/<rule name>` so suppressions, configuration and baselines treat them like
//! built-in rules. Evaluation lives in [`eval`] (cargo feature `guard`).
//!
//! A policy file says what it is written against in a header comment
//! (`# zt-lint: target = cloudformation | plan | graph`), or by its name (`*.plan.guard`,
//! `*.graph.guard`); without either it is a CloudFormation policy, as every rule of the AWS
//! Guard Rules Registry is.

pub mod document;
#[cfg(feature = "guard")]
pub mod eval;
pub mod pointer;

use crate::rules::{ALL_INPUTS, Input, Pillar, Rule, Severity};
use crate::source::FileError;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// What a policy's queries are written against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// The CloudFormation template itself, as `cfn-guard validate` sees it.
    CloudFormation,
    /// The Terraform plan JSON itself (`terraform show -json`), as `cfn-guard validate` sees it.
    Plan,
    /// zt-lint's graph document ([`document`]): every input format alike.
    Graph,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::CloudFormation => "cloudformation",
            Target::Plan => "plan",
            Target::Graph => "graph",
        }
    }

    fn parse(s: &str) -> Option<Target> {
        match s.to_ascii_lowercase().as_str() {
            "cloudformation" | "cfn" => Some(Target::CloudFormation),
            "plan" | "terraform-plan" => Some(Target::Plan),
            "graph" => Some(Target::Graph),
            _ => None,
        }
    }

    fn inputs(self) -> &'static [Input] {
        match self {
            Target::CloudFormation => &[Input::CloudFormation],
            Target::Plan => &[Input::Plan],
            Target::Graph => ALL_INPUTS,
        }
    }
}

/// One `.guard` file, checked for syntax, with the rules it declares.
#[derive(Debug, Clone)]
pub struct Policy {
    pub path: PathBuf,
    /// File name without `.guard`: the namespace of its rule ids.
    pub stem: String,
    pub target: Target,
    pub text: String,
    /// The named rules found in the file, registered in the catalog.
    pub rules: Vec<&'static Rule>,
    /// Severity and pillar for rules Guard reports that the scan did not see (the file's
    /// `default` rule of top-level clauses).
    pub default_severity: Severity,
    pub pillar: Pillar,
}

impl Policy {
    /// The catalog id of a rule of this file.
    pub fn rule_id(&self, rule_name: &str) -> String {
        format!("guard:{}/{}", self.stem, rule_name)
    }
}

/// The `.guard` files found under the given paths, and the symbolic links not followed.
#[derive(Debug, Default, PartialEq)]
pub struct PolicyFiles {
    /// Sorted, each once.
    pub files: Vec<PathBuf>,
    /// Links in a policy directory that lead outside it, sorted: not followed, as in the scan
    /// of the code itself, so a pull request cannot make zt-lint read elsewhere.
    pub outside_links: Vec<PathBuf>,
}

/// `.guard` files under the given files and directories, sorted, each once. Directories are
/// walked recursively; only `*.guard` files are taken from them (a named file is always taken).
/// A symbolic link is followed only while it stays inside the directory named, and each
/// directory is walked once: links to `.` cannot make the walk loop or grow exponentially.
pub fn policy_files(paths: &[PathBuf]) -> Result<PolicyFiles, FileError> {
    let mut found = PolicyFiles::default();
    for path in paths {
        if path.is_dir() {
            walk_policy_dir(path, &mut found)?;
        } else if path.is_file() {
            found.files.push(path.clone());
        } else {
            return Err(FileError {
                path: path.clone(),
                line: 1,
                column: 1,
                message: "no such policy file or directory".into(),
            });
        }
    }
    found.files.sort();
    found
        .files
        .dedup_by(|a, b| crate::config::absolute(a) == crate::config::absolute(b));
    found.outside_links.sort();
    found.outside_links.dedup();
    Ok(found)
}

fn walk_policy_dir(root: &Path, found: &mut PolicyFiles) -> Result<(), FileError> {
    let canonical_root = std::fs::canonicalize(root).map_err(|e| io_error(root, e))?;
    let mut visited = std::collections::HashSet::from([canonical_root.clone()]);
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries = std::fs::read_dir(&dir)
            .and_then(|entries| entries.collect::<Result<Vec<_>, _>>())
            .map_err(|e| io_error(&dir, e))?;
        // In name order, so which of two paths to one directory is walked does not depend on
        // the file system's order.
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let p = entry.path();
            // The entry's own type: a link is not followed by asking it.
            let file_type = entry.file_type().map_err(|e| io_error(&p, e))?;
            let is_dir = if file_type.is_symlink() {
                let target = std::fs::canonicalize(&p)
                    .ok()
                    .filter(|t| t.starts_with(&canonical_root));
                let Some(target) = target else {
                    // Outside the directory, or dangling: not followed, listed.
                    found.outside_links.push(p);
                    continue;
                };
                if target.is_dir() {
                    if !visited.insert(target) {
                        continue;
                    }
                    true
                } else {
                    false
                }
            } else if file_type.is_dir() {
                // Reached through a link already, or to be reached through one later: walked
                // once either way.
                let canonical = std::fs::canonicalize(&p).map_err(|e| io_error(&p, e))?;
                if !visited.insert(canonical) {
                    continue;
                }
                true
            } else {
                false
            };
            if is_dir {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "guard") {
                found.files.push(p);
            }
        }
    }
    Ok(())
}

fn io_error(path: &Path, e: std::io::Error) -> FileError {
    FileError {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
    }
}

/// Reads, checks and registers the policies under `paths`. Two files with the same stem would
/// give the same rule ids, so that is an error too. Also returns the symbolic links in policy
/// directories that were not followed (see [`policy_files`]).
pub fn load_policies(paths: &[PathBuf]) -> Result<(Vec<Policy>, Vec<PathBuf>), FileError> {
    let PolicyFiles {
        files,
        outside_links,
    } = policy_files(paths)?;
    let mut policies: Vec<Policy> = Vec::with_capacity(files.len());
    for path in files {
        // Bounded, and a FIFO or device found in a policy directory is an error, not a read
        // that blocks.
        let text = crate::load::read_text(&path, crate::load::DEFAULT_MAX_FILE_BYTES).map_err(
            |message| FileError {
                path: path.clone(),
                line: 1,
                column: 1,
                message,
            },
        )?;
        let policy = parse_policy(&path, text)?;
        if let Some(other) = policies.iter().find(|p| p.stem == policy.stem) {
            return Err(FileError {
                path: path.clone(),
                line: 1,
                column: 1,
                message: format!(
                    "policy file name `{}` is also used by {}; rule ids `guard:{}/...` must be unique",
                    policy.stem,
                    other.path.display(),
                    policy.stem
                ),
            });
        }
        policies.push(policy);
    }
    for p in &policies {
        for r in &p.rules {
            register(r);
        }
    }
    Ok((policies, outside_links))
}

/// Parses the header and the rule names of one policy, and checks its Guard syntax.
pub fn parse_policy(path: &Path, text: String) -> Result<Policy, FileError> {
    let error = |line: usize, column: usize, message: String| FileError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    check_syntax(path, &text)?;
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("policy.guard");
    let stem = file_name
        .strip_suffix(".guard")
        .unwrap_or(file_name)
        .to_string();
    let mut target = if stem.ends_with(".plan") {
        Target::Plan
    } else if stem.ends_with(".graph") {
        Target::Graph
    } else {
        Target::CloudFormation
    };
    let mut default_severity = Severity::Medium;
    let mut pillar = Pillar::Identity;
    // Directives in the comment block directly above a `rule` apply to that rule.
    let mut pending_severity: Option<Severity> = None;
    let mut in_leading_block = true;
    let mut rules: Vec<(String, Severity, usize)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let line_no = index + 1;
        if let Some(comment) = trimmed.strip_prefix('#') {
            if let Some(directive) = comment.trim().strip_prefix("zt-lint:") {
                let column = line.len() - line.trim_start().len() + 1;
                for setting in directive.split(',') {
                    let Some((key, value)) = setting.split_once('=') else {
                        return Err(error(
                            line_no,
                            column,
                            format!("`# zt-lint:` takes KEY = VALUE, found `{}`", setting.trim()),
                        ));
                    };
                    let (key, value) = (key.trim(), value.trim());
                    match key {
                        "target" => {
                            target = Target::parse(value).ok_or_else(|| {
                                error(
                                    line_no,
                                    column,
                                    format!(
                                        "unknown target `{value}` (cloudformation, plan or graph)"
                                    ),
                                )
                            })?;
                        }
                        "severity" => {
                            let severity = Severity::parse(value).ok_or_else(|| {
                                error(
                                    line_no,
                                    column,
                                    format!(
                                        "unknown severity `{value}` (critical, high, medium or low)"
                                    ),
                                )
                            })?;
                            if in_leading_block {
                                default_severity = severity;
                            }
                            pending_severity = Some(severity);
                        }
                        "pillar" => {
                            pillar = pillar_named(value).ok_or_else(|| {
                                error(
                                    line_no,
                                    column,
                                    format!(
                                        "unknown pillar `{value}` (identity, network, workload, data, monitoring)"
                                    ),
                                )
                            })?;
                        }
                        other => {
                            return Err(error(
                                line_no,
                                column,
                                format!(
                                    "unknown `# zt-lint:` key `{other}` (target, severity, pillar)"
                                ),
                            ));
                        }
                    }
                }
            }
            continue;
        }
        if trimmed.is_empty() {
            in_leading_block = false;
            pending_severity = None;
            continue;
        }
        in_leading_block = false;
        if let Some(name) = declared_rule(trimmed) {
            let severity = pending_severity.unwrap_or(default_severity);
            rules.push((name.to_string(), severity, line_no));
        }
        pending_severity = None;
    }
    let mut policy = Policy {
        path: path.to_path_buf(),
        stem,
        target,
        text,
        rules: Vec::new(),
        default_severity,
        pillar,
    };
    // A rule's own severity is fixed at its declaration; the file default applies to the rest.
    for (name, severity, line) in rules {
        if policy
            .rules
            .iter()
            .any(|r| r.id == policy.rule_id(&name).as_str())
        {
            return Err(error(line, 1, format!("rule `{name}` is declared twice")));
        }
        let rule = make_rule(&policy, &name, severity);
        policy.rules.push(rule);
    }
    Ok(policy)
}

/// `rule NAME ...` (not a parameterized `rule NAME(...)`, which only other rules call).
fn declared_rule(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("rule")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '{' || c == '(')
        .unwrap_or(rest.len());
    let name = rest.get(..end)?;
    if name.is_empty() || rest.get(end..)?.starts_with('(') {
        return None;
    }
    Some(name)
}

fn pillar_named(name: &str) -> Option<Pillar> {
    [
        Pillar::Identity,
        Pillar::Network,
        Pillar::Workload,
        Pillar::Data,
        Pillar::Monitoring,
    ]
    .into_iter()
    .find(|p| p.name().eq_ignore_ascii_case(name))
}

fn no_check(_: &mut crate::rules::Context<'_>) {}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// A catalog entry for one Guard rule. Leaked: a few per policy file, once per run, and every
/// finding holds a `&'static Rule`.
pub fn make_rule(policy: &Policy, rule_name: &str, severity: Severity) -> &'static Rule {
    let id = leak(policy.rule_id(rule_name));
    let file = policy.path.display().to_string();
    let fix = leak(format!(
        "make the resource satisfy Guard rule `{rule_name}` of {file}"
    ));
    #[allow(clippy::needless_update)]
    let rule = Rule {
        id,
        name: id,
        pillar: policy.pillar,
        severity,
        enabled_by_default: true,
        inputs: policy.target.inputs(),
        summary: leak(format!(
            "Guard rule `{rule_name}` of {file} ({} target)",
            policy.target.name()
        )),
        page: crate::rules::RulePage {
            docs: leak(format!(
                "\n## What it checks\nGuard rule `{rule_name}`, defined in `{file}`, written against \
                 the {} input. Its failures are reported with the rule's own message.\n",
                policy.target.name()
            )),
            fix_terraform: fix,
            fix_cloudformation: fix,
        },
        check: no_check,
        // Fields the catalog adds later are taken from a rule that judges every input.
        ..crate::suppress::UNUSED_SUPPRESSION
    };
    Box::leak(Box::new(rule))
}

#[cfg(feature = "guard")]
fn check_syntax(path: &Path, text: &str) -> Result<(), FileError> {
    eval::check_syntax(text).map_err(|(line, column, message)| FileError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    })
}

#[cfg(not(feature = "guard"))]
fn check_syntax(path: &Path, _text: &str) -> Result<(), FileError> {
    Err(FileError {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: "this zt-lint was built without Guard support (cargo feature `guard`)".into(),
    })
}

static REGISTRY: RwLock<Vec<&'static Rule>> = RwLock::new(Vec::new());

/// Adds a Guard rule to the catalog lookups (suppressions, configuration, `--rule`).
pub fn register(rule: &'static Rule) {
    let mut registry = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    if !registry.iter().any(|r| r.id == rule.id) {
        registry.push(rule);
    }
}

/// A registered Guard rule by id (case-insensitive) or name.
pub fn find(id_or_name: &str) -> Option<&'static Rule> {
    if !id_or_name
        .get(..6)
        .is_some_and(|p| p.eq_ignore_ascii_case("guard:"))
    {
        return None;
    }
    let registry = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
    registry
        .iter()
        .copied()
        .find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
}

/// Every registered Guard rule, in id order.
pub fn registered() -> Vec<&'static Rule> {
    let registry = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
    let mut rules = registry.clone();
    rules.sort_by_key(|r| r.id);
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_policy_walk_follows_links_inside_once_and_lists_those_outside() {
        let dir = std::env::temp_dir().join(format!("zt-lint-policy-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("policies/real")).unwrap();
        std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
        std::fs::write(dir.join("policies/real/p.guard"), "").unwrap();
        std::fs::write(dir.join("elsewhere/q.guard"), "").unwrap();
        for (link, target) in [
            ("policies/a", "."),
            ("policies/b", "."),
            ("policies/real/up", ".."),
            ("policies/z", "real"),
            ("policies/out", "../elsewhere"),
            ("policies/gone", "missing"),
        ] {
            std::os::unix::fs::symlink(target, dir.join(link)).unwrap();
        }
        let found = policy_files(&[dir.join("policies")]);
        let _ = std::fs::remove_dir_all(&dir);
        let found = found.unwrap();
        assert_eq!(found.files, [dir.join("policies/real/p.guard")]);
        assert_eq!(
            found.outside_links,
            [dir.join("policies/gone"), dir.join("policies/out")]
        );
    }

    #[test]
    fn rule_declarations_are_found_but_not_parameterized_rules() {
        assert_eq!(declared_rule("rule tags_present {"), Some("tags_present"));
        assert_eq!(
            declared_rule("rule s3_ok when %buckets !empty {"),
            Some("s3_ok")
        );
        assert_eq!(declared_rule("rule helper(x) {"), None);
        assert_eq!(declared_rule("rules = 1"), None);
    }

    #[cfg(feature = "guard")]
    #[test]
    fn header_sets_target_and_severities() {
        let text = "# zt-lint: target = graph, pillar = data\n# zt-lint: severity = low\n\n\
                    rule a { Resources exists }\n\n# zt-lint: severity = critical\nrule b { Resources exists }\n";
        let p = parse_policy(Path::new("dir/tags.guard"), text.to_string()).unwrap();
        assert_eq!(p.target, Target::Graph);
        assert_eq!(p.stem, "tags");
        let ids: Vec<_> = p.rules.iter().map(|r| (r.id, r.severity)).collect();
        assert_eq!(
            ids,
            [
                ("guard:tags/a", Severity::Low),
                ("guard:tags/b", Severity::Critical)
            ]
        );
        assert_eq!(p.rules[0].pillar, Pillar::Data);
        let e = parse_policy(
            Path::new("x.guard"),
            "# zt-lint: target = k8s\nrule a { Resources exists }\n".into(),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
    }

    #[cfg(feature = "guard")]
    #[test]
    fn file_name_convention_sets_the_target() {
        let p = parse_policy(
            Path::new("regions.plan.guard"),
            "rule a { resource_changes exists }\n".into(),
        )
        .unwrap();
        assert_eq!(p.target, Target::Plan);
        assert_eq!(p.rules[0].id, "guard:regions.plan/a");
    }
}
