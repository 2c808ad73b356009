//! `.zt-lint.toml`: which rules run and how severe they are, which paths are linted, per-path
//! ignores and rule options. Unknown keys are errors located in the file, so a typo never
//! silently turns a setting off.

use crate::rules::{Pillar, Rule, Severity};
use crate::source::{FileError, SourceFile};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = ".zt-lint.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Lowest severity that fails the run, unless `--fail-on` is given.
    #[serde(default)]
    pub fail_on: Option<Spanned<String>>,
    /// Globs of paths never linted, relative to the directory of the config file.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Guard policy files or directories, relative to the directory of the config file.
    #[serde(default)]
    pub policy_dirs: Vec<PathBuf>,
    #[serde(default)]
    pub rules: RulesSection,
    #[serde(default)]
    pub options: RuleOptions,
    /// Per-path ignores: findings of these rules in these paths are reported as suppressed.
    #[serde(default)]
    pub ignore: Vec<PathIgnore>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    /// Rule ids, names or pillars to turn on (also rules that are off by default).
    #[serde(default)]
    pub enable: Vec<Spanned<String>>,
    /// Rule ids, names or pillars to turn off; wins over `enable`.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Severity overrides by rule id or name.
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// Options rules read through `Context::options`. Each is documented in the README and in the
/// starter file `zt-lint init` writes.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOptions {
    /// Source CIDRs that may reach administrative ports (ZT-NET-001 does not report them).
    #[serde(default)]
    pub allowed_admin_cidrs: Vec<String>,
    /// Longest IAM role session, in seconds, that identity rules accept.
    #[serde(default)]
    pub max_session_duration: Option<u64>,
}

/// The options in effect when no configuration sets any.
pub static DEFAULT_RULE_OPTIONS: RuleOptions = RuleOptions {
    allowed_admin_cidrs: Vec::new(),
    max_session_duration: None,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathIgnore {
    pub paths: Vec<Spanned<String>>,
    pub rules: Vec<Spanned<String>>,
    pub reason: String,
}

/// A configuration problem, located in the file when it can be.
/// A loaded configuration with everything resolved against the rule catalog.
#[derive(Debug, Default)]
pub struct Resolved {
    /// The file it came from (none: no configuration file).
    pub path: Option<PathBuf>,
    pub fail_on: Option<Severity>,
    pub enable: Vec<&'static Rule>,
    pub disable: Vec<&'static Rule>,
    pub severity: Vec<(&'static Rule, Severity)>,
    pub options: RuleOptions,
    pub exclude: PathMatcher,
    pub ignore: Vec<ResolvedIgnore>,
    pub policy_dirs: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct ResolvedIgnore {
    pub paths: PathMatcher,
    pub rules: Vec<&'static Rule>,
    pub reason: String,
}

/// Globs relative to a base directory. A pattern without `/` matches a file or directory name at
/// any depth, as in `.gitignore`; a pattern matching a directory matches everything under it.
#[derive(Debug, Default, Clone)]
pub struct PathMatcher {
    base: PathBuf,
    set: GlobSet,
    empty: bool,
}

impl PathMatcher {
    pub fn new(base: &Path, patterns: &[&str]) -> Result<PathMatcher, (usize, String)> {
        let mut builder = GlobSetBuilder::new();
        for (i, pattern) in patterns.iter().enumerate() {
            let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
            let full = if trimmed.contains('/') {
                trimmed.trim_start_matches('/').to_string()
            } else {
                format!("**/{trimmed}")
            };
            let glob: Glob = GlobBuilder::new(&full)
                .literal_separator(true)
                .build()
                .map_err(|e| (i, format!("invalid glob `{pattern}`: {}", e.kind())))?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| (0, e.to_string()))?;
        Ok(PathMatcher {
            base: absolute(base),
            set,
            empty: patterns.is_empty(),
        })
    }

    /// Whether `path` (as given on the command line) or one of its parent directories matches.
    pub fn matches(&self, path: &Path) -> bool {
        if self.empty {
            return false;
        }
        let path = absolute(path);
        let Ok(relative) = path.strip_prefix(&self.base) else {
            return false;
        };
        let mut current = Some(relative);
        while let Some(p) = current {
            if p.as_os_str().is_empty() {
                break;
            }
            if self.set.is_match(p) {
                return true;
            }
            current = p.parent();
        }
        false
    }
}

/// An absolute path with `.` and `..` steps folded, without touching the file system (a
/// missing file or a symlink must not change what a glob means).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The configuration file for a run: `.zt-lint.toml` in the directory of the first path or the
/// nearest parent that has one.
pub fn discover(paths: &[PathBuf]) -> Option<PathBuf> {
    let start = common_directory(paths)?;
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// The directory that baselines, fingerprints and a relative `--baseline` are relative to, so
/// they mean the same from any working directory: the configuration file's directory when one
/// is used, else the root of the git work tree holding the paths, else the working directory.
pub fn project_root(config: Option<&Path>, paths: &[PathBuf]) -> PathBuf {
    if let Some(dir) = config.map(absolute).as_deref().and_then(Path::parent) {
        return dir.to_path_buf();
    }
    let start = common_directory(paths).unwrap_or_else(|| absolute(Path::new(".")));
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        // `.git` is a directory in a clone and a file in a worktree or submodule.
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    absolute(Path::new("."))
}

/// The deepest directory that holds every path (a file counts by its directory), so which
/// configuration applies does not depend on the order of the paths; the current directory when
/// none is given.
fn common_directory(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut dirs = paths.iter().map(|p| {
        let p = absolute(p);
        if p.is_dir() {
            p
        } else {
            p.parent().map_or(p.clone(), Path::to_path_buf)
        }
    });
    let Some(mut common) = dirs.next() else {
        return Some(absolute(Path::new(".")));
    };
    for dir in dirs {
        while !dir.starts_with(&common) {
            if !common.pop() {
                return None;
            }
        }
    }
    Some(common)
}

/// Reads and resolves a configuration file. `find_rule` resolves ids and names (the catalog plus
/// the suppression meta rules).
pub fn load(
    path: &Path,
    find_rule: &dyn Fn(&str) -> Option<&'static Rule>,
    catalog: &[&'static Rule],
) -> Result<Resolved, FileError> {
    let text = read_config(path).map_err(|message| FileError {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
    })?;
    parse(path, &text, find_rule, catalog)
}

pub fn parse(
    path: &Path,
    text: &str,
    find_rule: &dyn Fn(&str) -> Option<&'static Rule>,
    catalog: &[&'static Rule],
) -> Result<Resolved, FileError> {
    let file = SourceFile::new(path.to_path_buf(), text);
    let error_at = |span: Option<std::ops::Range<usize>>, message: String| {
        let at = file.line_col(span.map_or(0, |s| s.start) as u32);
        FileError {
            path: path.to_path_buf(),
            line: at.line,
            column: at.column,
            message,
        }
    };
    let config: Config = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        error_at(e.span(), message)
    })?;
    let rules_named = |names: &[Spanned<String>]| -> Result<Vec<&'static Rule>, FileError> {
        let mut out = Vec::new();
        for name in names {
            let value = name.get_ref();
            if let Some(pillar) = pillar_named(value) {
                out.extend(catalog.iter().copied().filter(|r| r.pillar == pillar));
            } else if let Some(rule) = find_rule(value) {
                out.push(rule);
            } else {
                return Err(error_at(
                    Some(name.span()),
                    format!("no rule or pillar named `{value}` (see `zt-lint rules`)"),
                ));
            }
        }
        Ok(out)
    };
    let severity_named = |s: &Spanned<String>| {
        Severity::parse(s.get_ref()).ok_or_else(|| {
            error_at(
                Some(s.span()),
                format!(
                    "unknown severity `{}` (critical, high, medium or low)",
                    s.get_ref()
                ),
            )
        })
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let matcher = |patterns: &[Spanned<String>]| {
        let texts: Vec<&str> = patterns.iter().map(|p| p.get_ref().as_str()).collect();
        PathMatcher::new(base, &texts)
            .map_err(|(i, message)| error_at(patterns.get(i).map(|p| p.span()), message))
    };
    let mut severity = Vec::new();
    for (rule, level) in &config.rules.severity {
        let level = severity_named(level)?;
        for r in rules_named(std::slice::from_ref(rule))? {
            severity.push((r, level));
        }
    }
    let mut ignore = Vec::new();
    for entry in &config.ignore {
        if entry.reason.trim().is_empty() {
            return Err(error_at(
                entry.paths.first().map(|p| p.span()),
                "an [[ignore]] entry needs a reason".to_string(),
            ));
        }
        ignore.push(ResolvedIgnore {
            paths: matcher(&entry.paths)?,
            rules: rules_named(&entry.rules)?,
            reason: entry.reason.trim().to_string(),
        });
    }
    Ok(Resolved {
        path: Some(path.to_path_buf()),
        fail_on: config.fail_on.as_ref().map(severity_named).transpose()?,
        enable: rules_named(&config.rules.enable)?,
        disable: rules_named(&config.rules.disable)?,
        severity,
        options: config.options.clone(),
        exclude: matcher(&config.exclude)?,
        ignore,
        policy_dirs: config.policy_dirs.iter().map(|d| base.join(d)).collect(),
    })
}

/// A configuration file's text: bounded, and only from a regular file (a FIFO or a device
/// named `.zt-lint.toml` is an error, not a read that blocks or never ends).
fn read_config(path: &Path) -> Result<String, String> {
    crate::load::read_text(path, MAX_CONFIG_BYTES)
        .map_err(|e| format!("cannot read configuration: {e}"))
}

/// Far above any real configuration, which names rules, paths and suppressions.
const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// The `policy_dirs` of a configuration file, relative to its directory, read before the rest
/// is resolved: the Guard rules they declare are names the rest may use.
pub fn policy_dirs(path: &Path) -> Result<Vec<PathBuf>, FileError> {
    let error = |line: usize, column: usize, message: String| FileError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let text = read_config(path).map_err(|message| error(1, 1, message))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let file = SourceFile::new(path.to_path_buf(), text.as_str());
        let at = file.line_col(e.span().map_or(0, |s| s.start) as u32);
        error(at.line, at.column, e.message().trim().to_string())
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(config.policy_dirs.iter().map(|d| base.join(d)).collect())
}

/// A pillar by its name (`identity`, `network`, …), in any case: `[rules]` and `--rule` take them.
pub fn pillar_named(name: &str) -> Option<Pillar> {
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

/// What `zt-lint init` writes: every key, commented, with its default.
pub const STARTER: &str = r#"# zt-lint configuration. zt-lint finds this file by walking up from the first path it lints;
# `--config FILE` names another. Unknown keys are errors. Paths and globs are relative to this
# file's directory; a glob without `/` matches a file or directory name at any depth.

# Lowest severity that fails the run (critical, high, medium, low); --fail-on overrides it.
# fail_on = "low"

# Paths never linted.
# exclude = [".terraform/**", "legacy/**"]

# AWS CloudFormation Guard policy files or directories, run with the built-in rules (as
# --policy does). Their rules are `guard:<file stem>/<rule name>` in the settings below.
# policy_dirs = []

[rules]
# Turn rules on or off by id (ZT-NET-001), name (security-group-world-ingress-sensitive-port)
# or pillar (identity, network, workload, data, monitoring). `disable` wins over `enable`;
# --rule and --skip-rule on the command line win over both.
# enable = ["ZT-DAT-002"]
# disable = ["monitoring"]

[rules.severity]
# Severity overrides, by rule id or name.
# "ZT-NET-002" = "high"

[options]
# Source CIDRs allowed to reach administrative ports (for example the VPN's).
# allowed_admin_cidrs = ["10.0.0.0/8"]
# Longest IAM role session, in seconds.
# max_session_duration = 3600

# Per-path ignores: findings of these rules under these paths are reported as suppressed
# (kind "config"), never dropped. A reason is required.
# [[ignore]]
# paths = ["sandbox/**"]
# rules = ["security-group-unrestricted-egress"]
# reason = "the sandbox account holds no data"
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RULES, find};

    /// A configuration or baseline that is a device or a FIFO is an error, at once: read, it
    /// would fill the memory (`/dev/zero`) or block for ever (a FIFO with no writer).
    #[cfg(unix)]
    #[test]
    fn configuration_and_baseline_are_read_only_from_regular_files() {
        let dir = std::env::temp_dir().join(format!("zt-lint-config-fifo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join(".zt-lint.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo is needed");
        let (sender, answer) = std::sync::mpsc::channel();
        for path in [Path::new("/dev/zero").to_path_buf(), fifo] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                let config = load(&path, &find, RULES).map(|_| ()).map_err(|e| e.message);
                let dirs = policy_dirs(&path).map(|_| ()).map_err(|e| e.message);
                let baseline = crate::baseline::read(&path).map(|_| ());
                let _ = sender.send((path, [config, dirs, baseline]));
            });
        }
        for _ in 0..2 {
            let (path, results) = answer
                .recv_timeout(std::time::Duration::from_secs(20))
                .expect("a read blocked or did not end");
            for result in results {
                let e = result.unwrap_err();
                assert!(e.contains("not a regular file"), "{path:?}: {e}");
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn parse_str(text: &str) -> Result<Resolved, FileError> {
        parse(Path::new("/repo/.zt-lint.toml"), text, &find, RULES)
    }

    #[test]
    fn the_configuration_directory_does_not_depend_on_the_order_of_paths() {
        let a = PathBuf::from("/repo/infra/prod/main.tf");
        let b = PathBuf::from("/repo/infra/dev");
        let c = PathBuf::from("/repo/templates/web.yaml");
        let forward = common_directory(&[a.clone(), b.clone(), c.clone()]);
        let backward = common_directory(&[c, b, a]);
        assert_eq!(forward, Some(PathBuf::from("/repo")));
        assert_eq!(forward, backward);
    }

    #[test]
    fn starter_file_parses_and_its_examples_are_valid() {
        assert!(parse_str(STARTER).is_ok());
        // Uncomment every example setting: the result must be a valid configuration too.
        let uncommented: String = STARTER
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(setting) if setting.contains(" = ") || setting.starts_with("[[") => setting,
                Some(_) => "",
                None => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = uncommented;
        let resolved = parse_str(&config).unwrap_or_else(|e| panic!("{e}\n{config}"));
        assert_eq!(resolved.options.allowed_admin_cidrs, ["10.0.0.0/8"]);
        assert_eq!(resolved.options.max_session_duration, Some(3600));
        assert_eq!(resolved.fail_on, Some(Severity::Low));
    }

    #[test]
    fn unknown_keys_are_errors_at_their_line() {
        let e = parse_str("fail_on = \"high\"\n\n[rules]\nenabel = [\"x\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 1), "{e}");
        assert!(e.message.contains("unknown field `enabel`"), "{e}");
        let e = parse_str("[options]\nallowed_admin_cidr = []\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn rules_resolve_by_id_name_and_pillar() {
        let r = parse_str(
            "[rules]\nenable = [\"ZT-DAT-002\", \"identity\"]\ndisable = [\"storage-not-encrypted\"]\n[rules.severity]\n\"ZT-NET-002\" = \"high\"\n",
        )
        .unwrap();
        assert!(r.enable.iter().any(|r| r.id == "ZT-DAT-002"));
        assert!(r.enable.iter().any(|r| r.id == "ZT-IAM-001"));
        assert_eq!(r.disable[0].id, "ZT-DAT-001");
        assert_eq!(r.severity[0].0.id, "ZT-NET-002");
        assert_eq!(r.severity[0].1, Severity::High);
        let e = parse_str("[rules]\ndisable = [\"ZT-NOPE\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
    }

    #[test]
    fn globs_match_relative_to_the_config_directory() {
        let m = PathMatcher::new(Path::new("/repo"), &["legacy/**", "*.yaml", "sandbox"]).unwrap();
        assert!(m.matches(Path::new("/repo/legacy/a/main.tf")));
        assert!(m.matches(Path::new("/repo/x/y/t.yaml")));
        assert!(m.matches(Path::new("/repo/envs/sandbox/main.tf")));
        assert!(!m.matches(Path::new("/repo/prod/main.tf")));
        assert!(!m.matches(Path::new("/elsewhere/legacy/main.tf")));
    }
}
