//! The lint command from parsed arguments to exit status: configuration, rule selection, the
//! run, suppressions and baseline, scoping to named files or changed lines, and every requested
//! output.

use crate::cli::{self, Color, FailOn};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use zt_lint::config::{self, Resolved};
use zt_lint::report::{self, Format, RuleNotRun, diagram};
use zt_lint::rules::{RULES, Rule, Severity};
use zt_lint::scope::Scope;
use zt_lint::suppress::{self, Date, META_RULES};
use zt_lint::{baseline, engine, load};

fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("zt-lint: {message}");
    ExitCode::from(2)
}

/// A usage error of a lint run: under `--format json`, stdout still gets a document with the
/// error, so a CI step parsing it sees why nothing was linted.
fn lint_usage_error(args: &cli::LintArgs, message: impl std::fmt::Display) -> ExitCode {
    let message = message.to_string();
    if matches!(args.format, cli::Format::Json) {
        let _ = zt_lint::report::json::render_usage_error(
            &message,
            None,
            &mut std::io::stdout().lock(),
        );
    }
    usage_error(message)
}

/// [`lint_usage_error`] for an error in a file the run needs, located there under JSON too.
fn lint_file_error(args: &cli::LintArgs, error: zt_lint::source::FileError) -> ExitCode {
    if matches!(args.format, cli::Format::Json) {
        let _ = zt_lint::report::json::render_usage_error(
            &error.message,
            Some(&error),
            &mut std::io::stdout().lock(),
        );
    }
    usage_error(error.to_string())
}

/// `zt-lint init`: a commented starter configuration.
pub fn init(path: &Path, force: bool) -> ExitCode {
    if path.exists() && !force {
        return usage_error(format!(
            "{} already exists (--force overwrites it)",
            path.display()
        ));
    }
    match std::fs::write(path, config::STARTER) {
        Ok(()) => {
            eprintln!("zt-lint: wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(format!("cannot write {}: {e}", path.display())),
    }
}

pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = <cli::Cli as clap::CommandFactory>::command();
    // Generated into memory: clap_complete panics on a write error such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "zt-lint", &mut script);
    match std::io::stdout().lock().write_all(&script) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

/// Rules by ids, names and pillars, as `[rules] enable` takes them.
fn resolve_rules(names: &[String]) -> Result<Vec<&'static Rule>, String> {
    let mut out = Vec::new();
    for n in names {
        if let Some(pillar) = config::pillar_named(n) {
            out.extend(RULES.iter().copied().filter(|r| r.pillar == pillar));
        } else {
            out.push(
                suppress::find_rule(n).ok_or_else(|| {
                    format!("no rule or pillar named `{n}` (see `zt-lint rules`)")
                })?,
            );
        }
    }
    Ok(out)
}

/// Rules that run: the defaults (and every meta rule), then the configuration's `enable` and
/// `disable`, then `--rule` (only these, plus meta rules) and `--skip-rule`; severities
/// overridden last.
fn select_rules(
    args: &cli::LintArgs,
    config: &Resolved,
    guard_rules: &[&'static Rule],
) -> Result<Vec<&'static Rule>, String> {
    let only = resolve_rules(&args.rule)?;
    let skip = resolve_rules(&args.skip_rule)?;
    let has = |list: &[&'static Rule], r: &Rule| list.iter().any(|o| o.id == r.id);
    let selected: Vec<&'static Rule> = RULES
        .iter()
        .chain(META_RULES)
        .chain(guard_rules)
        .copied()
        .filter(|r| {
            if !only.is_empty() {
                return has(&only, r) || META_RULES.iter().any(|m| m.id == r.id);
            }
            (r.enabled_by_default || has(&config.enable, r)) && !has(&config.disable, r)
        })
        .filter(|r| !has(&skip, r))
        // A framework narrows the run to the rules that check one of its controls.
        .filter(|r| {
            args.framework.is_none_or(|f| {
                META_RULES.iter().any(|m| m.id == r.id)
                    || !f.compliance().controls_of(r.id).is_empty()
            })
        })
        .map(
            |r| match config.severity.iter().find(|(o, _)| o.id == r.id) {
                // A handful of rules at most, once per run: leaking keeps `&'static Rule` everywhere.
                Some((_, severity)) if *severity != r.severity => &*Box::leak(Box::new(Rule {
                    severity: *severity,
                    ..*r
                })),
                _ => r,
            },
        )
        .collect();
    Ok(selected)
}

/// The rules that check a control of `--framework` but stay off because they are off by default
/// and nothing enabled them. Off-by-default rules stay off under a framework (turning ZT-MON-010
/// on would fail application repositories, which do not hold the account baseline), but the
/// controls they check are then not covered, which is said rather than passed over. Rules the
/// user turned off (`[rules] disable`, `--skip-rule`) or left out of `--rule` are choices, not
/// surprises, and are not listed.
fn framework_rules_not_run(
    args: &cli::LintArgs,
    config: &Resolved,
    selected: &[&'static Rule],
) -> Vec<RuleNotRun> {
    let Some(framework) = args.framework.map(cli::Framework::compliance) else {
        return Vec::new();
    };
    if !args.rule.is_empty() {
        return Vec::new();
    }
    // select_rules resolved these already: an error cannot come back here.
    let skip = resolve_rules(&args.skip_rule).unwrap_or_default();
    let listed = |list: &[&'static Rule], r: &Rule| list.iter().any(|o| o.id == r.id);
    RULES
        .iter()
        .copied()
        .filter(|r| {
            !r.enabled_by_default
                && !listed(selected, r)
                && !listed(&config.disable, r)
                && !listed(&skip, r)
        })
        .filter_map(|rule| {
            let controls = framework.controls_of(rule.id);
            (!controls.is_empty()).then_some(RuleNotRun {
                rule,
                framework,
                controls,
            })
        })
        .collect()
}

pub(crate) fn threshold(fail_on: FailOn) -> Severity {
    match fail_on {
        FailOn::Critical => Severity::Critical,
        FailOn::High => Severity::High,
        FailOn::Medium => Severity::Medium,
        FailOn::Low => Severity::Low,
    }
}

/// `--output FORMAT=FILE` or `--output FILE` (format from the extension).
fn parse_output(spec: &str) -> Result<(Format, PathBuf), String> {
    if let Some((name, file)) = spec.split_once('=')
        && let Some(format) = Format::parse(name)
    {
        if file.is_empty() {
            return Err(format!("--output {spec}: no file name after `=`"));
        }
        return Ok((format, PathBuf::from(file)));
    }
    Format::from_file_name(spec)
        .map(|f| (f, PathBuf::from(spec)))
        .ok_or_else(|| {
            format!(
                "--output {spec}: cannot tell the format from the extension; write FORMAT=FILE \
                 with FORMAT one of {}",
                Format::ALL
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

/// Shows "linting..." on a terminal when a run takes more than a second, and clears it.
pub(crate) struct Progress {
    done: Arc<AtomicBool>,
    shown: Arc<AtomicBool>,
}

impl Progress {
    fn start(enabled: bool) -> Progress {
        let progress = Progress {
            done: Arc::new(AtomicBool::new(!enabled)),
            shown: Arc::new(AtomicBool::new(false)),
        };
        if enabled {
            let (done, shown) = (progress.done.clone(), progress.shown.clone());
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(1));
                if !done.load(Ordering::SeqCst) {
                    shown.store(true, Ordering::SeqCst);
                    eprint!("zt-lint: linting…\r");
                }
            });
        }
        progress
    }

    pub(crate) fn finish(&self) {
        self.done.store(true, Ordering::SeqCst);
        if self.shown.load(Ordering::SeqCst) {
            eprint!("\x1b[2K\r");
        }
    }
}

/// What one lint run found, before anything is written.
pub(crate) struct Analysis {
    pub workspace: load::Workspace,
    pub outcome: engine::Outcome,
    pub config: Resolved,
    pub selected: Vec<&'static Rule>,
    pub outputs: Vec<(Format, PathBuf)>,
    pub progress: Progress,
    /// Findings left out because they are outside the changes of `--diff-base`.
    pub left_out: Option<usize>,
    /// Where `--write-baseline` writes, resolved against the project root.
    pub write_baseline: Option<PathBuf>,
    /// Rules of `--framework` that did not run (see [`framework_rules_not_run`]).
    pub rules_not_run: Vec<RuleNotRun>,
}

pub fn lint(args: cli::LintArgs, variables: Vec<load::VariableInput>) -> ExitCode {
    match analyse(&args, variables) {
        Ok(analysis) => finish_lint(&args, analysis),
        Err(code) => code,
    }
}

/// Configuration, rule selection, the run, suppressions and baseline, the scope of files named
/// and of `--diff-base`: everything up to the reports. A usage error has already been reported
/// when it returns one.
pub(crate) fn analyse(
    args: &cli::LintArgs,
    variables: Vec<load::VariableInput>,
) -> Result<Analysis, ExitCode> {
    let config_path = if args.no_config {
        None
    } else {
        args.config
            .clone()
            .or_else(|| config::discover(&args.paths))
    };
    // Guard policies first: the configuration may name their rules.
    let mut policy_paths = args.policy.clone();
    if let Some(path) = &config_path {
        match config::policy_dirs(path) {
            Ok(dirs) => policy_paths.extend(dirs),
            Err(e) => return Err(lint_file_error(args, e)),
        }
    }
    let (policies, policy_outside_links) = if policy_paths.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        match zt_lint::guard::load_policies(&policy_paths) {
            Ok(p) => p,
            Err(e) => return Err(lint_file_error(args, e)),
        }
    };
    let guard_rules: Vec<&'static Rule> = policies
        .iter()
        .flat_map(|p| p.rules.iter().copied())
        .collect();
    let config = match &config_path {
        Some(path) => match config::load(path, &suppress::find_rule, RULES) {
            Ok(c) => c,
            Err(e) => return Err(lint_file_error(args, e)),
        },
        None => Resolved::default(),
    };
    let selected = match select_rules(args, &config, &guard_rules) {
        Ok(s) => s,
        Err(e) => return Err(lint_usage_error(args, e)),
    };
    let rules_not_run = framework_rules_not_run(args, &config, &selected);
    // Not hidden by --quiet, which drops the summary line and the progress indicator: like a
    // file not loaded, it says what the verdict does not cover.
    for not_run in &rules_not_run {
        eprintln!("zt-lint: --framework: {}", not_run.message());
    }
    let outputs: Vec<(Format, PathBuf)> =
        match args.output.iter().map(|s| parse_output(s)).collect() {
            Ok(o) => o,
            Err(e) => return Err(lint_usage_error(args, e)),
        };
    let today = match Date::today() {
        Ok(d) => d,
        Err(e) => return Err(lint_usage_error(args, e)),
    };
    // Baselines and fingerprints mean the same from every working directory (README "Baseline").
    let root = config::project_root(config_path.as_deref(), &args.paths);
    let at_root = |path: &PathBuf| {
        if path.is_absolute() {
            path.clone()
        } else {
            root.join(path)
        }
    };
    let baseline = match args.baseline.as_ref().map(at_root) {
        Some(path) => match baseline::read(&path) {
            Ok(b) => Some((b, zt_lint::fingerprint::artifact_path(&path))),
            Err(e) => return Err(lint_usage_error(args, e)),
        },
        None => None,
    };
    for input in &variables {
        if let load::VariableInput::Assignment { name, .. } = input
            && name.is_empty()
        {
            return Err(lint_usage_error(args, "--var takes NAME=VALUE"));
        }
    }
    // Read before linting: a revision git does not know is a usage error, not a late surprise.
    let changes = match &args.diff_base {
        Some(base) => match zt_lint::diff::changed_since(&git_dir(&args.paths), base) {
            Ok(c) => Some(c),
            Err(e) => return Err(lint_usage_error(args, e)),
        },
        None => None,
    };
    let progress = Progress::start(!args.quiet && std::io::stderr().is_terminal());
    let options = load::LoadOptions {
        variables,
        env_variables: env_variables(),
        plan_source: args.source.clone(),
        exclude: Some(config.exclude.clone()),
        ..load::LoadOptions::new(&zt_lint::aws::naming::NAMING)
    };
    // A path that does not exist is a located error of the load; the others are still linted.
    let mut workspace = load::load(&args.paths, &options);
    // Links not followed in policy directories are reported with those of the scanned code.
    workspace.outside_links.extend(policy_outside_links);
    workspace.outside_links.sort();
    workspace.outside_links.dedup();
    workspace.sources.set_identity_root(root.clone());
    if workspace.files == 0 && workspace.errors.is_empty() && !args.quiet {
        // A run that read nothing must not look like a pass.
        let named: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "zt-lint: warning: no Terraform, plan or CloudFormation input found in {}",
            named.join(", ")
        );
    }
    let catalog: Vec<&'static Rule> = selected
        .iter()
        .copied()
        .filter(|r| !META_RULES.iter().any(|m| m.id == r.id))
        .collect();
    let (mut builtin, mut selected_guard): (Vec<&'static Rule>, Vec<&'static Rule>) = catalog
        .iter()
        .partition(|r| zt_lint::guard::find(r.id).is_none());
    if args.parse_only {
        builtin.clear();
        selected_guard.clear();
    }
    let meta: Vec<&'static Rule> = selected
        .iter()
        .copied()
        .filter(|r| META_RULES.iter().any(|m| m.id == r.id))
        .collect();
    let mut outcome = engine::run_with_options(
        &workspace.models,
        &builtin,
        &workspace.sources,
        &workspace.plan_sources,
        &config.options,
    );
    run_guard(
        &mut workspace,
        &mut outcome,
        &policies,
        &selected_guard,
        &args.rule,
    );
    let config_file = config
        .path
        .as_deref()
        .map(zt_lint::fingerprint::artifact_path)
        .unwrap_or_default();
    let external = suppress::External {
        path_ignores: config
            .ignore
            .iter()
            .map(|ig| suppress::PathIgnore {
                paths: &ig.paths,
                rules: &ig.rules,
                reason: &ig.reason,
                file: config_file.clone(),
            })
            .collect(),
        baseline,
    };
    suppress::apply(
        &mut outcome,
        &workspace.models,
        &workspace.sources,
        &external,
        today,
        &catalog,
        &meta,
    );
    // Files named (as pre-commit names staged files) and --diff-base narrow what is reported,
    // never what is linted.
    if let Some(scope) = Scope::named(&args.paths) {
        scope.apply(&mut outcome, &mut workspace.models, &workspace.sources);
    }
    let left_out = changes.map(|changes| {
        Scope::Changed(changes).apply(&mut outcome, &mut workspace.models, &workspace.sources)
    });
    Ok(Analysis {
        workspace,
        outcome,
        config,
        selected,
        outputs,
        progress,
        left_out,
        write_baseline: args.write_baseline.as_ref().map(at_root),
        rules_not_run,
    })
}

/// Baseline writing, the reports and the exit status of an analysed run.
pub(crate) fn finish_lint(args: &cli::LintArgs, analysis: Analysis) -> ExitCode {
    let Analysis {
        workspace,
        mut outcome,
        config,
        selected,
        outputs,
        progress,
        left_out,
        write_baseline,
        rules_not_run,
    } = analysis;
    if let Some(path) = &write_baseline {
        let recorded: Vec<&zt_lint::rules::Finding> = outcome
            .findings
            .iter()
            .chain(
                outcome
                    .suppressed
                    .iter()
                    .filter(|s| s.suppression.kind == suppress::SuppressionKind::Baseline)
                    .map(|s| &s.finding),
            )
            .collect();
        let text = baseline::render(&recorded, &workspace.sources);
        if let Err(e) = std::fs::write(path, text) {
            progress.finish();
            return usage_error(format!("cannot write {}: {e}", path.display()));
        }
        if !args.quiet {
            eprintln!(
                "zt-lint: recorded {} findings in {}",
                recorded.len(),
                zt_lint::fingerprint::artifact_path(path)
            );
        }
        suppress::accept_all(&mut outcome, &zt_lint::fingerprint::artifact_path(path));
    }
    progress.finish();

    let resources = workspace
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .filter(|r| r.is_managed())
        .count();
    let not_linted = not_linted(&workspace);
    let report = report::Report {
        sources: &workspace.sources,
        outcome: &outcome,
        errors: &workspace.errors,
        files: workspace.files,
        resources,
        // A gate that fails on undecided checks says which ones, in every format.
        show_unknown: args.show_unknown || args.fail_on_unknown,
        fail_on_unknown: args.fail_on_unknown,
        rules: &selected,
        quiet: args.quiet,
        not_linted: &not_linted,
        left_out,
        group_by_control: args
            .group_by
            .and(args.framework)
            .map(cli::Framework::compliance),
        identities: zt_lint::fingerprint::FileIdentities::new(&workspace.sources),
        rules_not_run: &rules_not_run,
    };
    if args.verbose {
        for skipped in &workspace.skipped {
            eprintln!(
                "zt-lint: skipped {} (not infrastructure code)",
                skipped.display()
            );
        }
        for link in &workspace.outside_links {
            eprintln!(
                "zt-lint: not followed: {} (a symbolic link to outside the scanned directory)",
                link.display()
            );
        }
    } else if !workspace.outside_links.is_empty() && !args.quiet {
        eprintln!(
            "zt-lint: {} symbolic link(s) to outside the scanned directory not followed (-v lists them)",
            workspace.outside_links.len()
        );
    }
    for (format, path) in &outputs {
        let mut buffer = Vec::new();
        let written = report::render(*format, &report, report::Layout::PLAIN, &mut buffer)
            .and_then(|()| std::fs::write(path, &buffer));
        if let Err(e) = written {
            return usage_error(format!("cannot write {}: {e}", path.display()));
        }
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Wrap to the terminal, so words are not broken where the terminal would cut them.
    let width = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .flatten()
        .unwrap_or(report::Layout::DEFAULT_WIDTH);
    let layout = report::Layout { color, width };
    let written = report::render(args.format.report_format(), &report, layout, &mut out);
    if written.and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    let failed_to_load = !workspace.errors.is_empty();
    let fail_on = args
        .fail_on
        .map(threshold)
        .or(config.fail_on)
        .unwrap_or(Severity::Low);
    let failing = report.count_at_least(fail_on);
    let blind = !outcome.undecided.is_empty() || !not_linted.is_empty();
    // The process ends now: freeing every node of a large workspace one by one only costs time.
    std::mem::forget(outcome);
    std::mem::forget(workspace);
    if failed_to_load {
        ExitCode::from(2)
    } else if (failing > 0 || (args.fail_on_unknown && blind)) && !args.soft_fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Where to ask git about changes: the directory of the first path named.
fn git_dir(paths: &[PathBuf]) -> PathBuf {
    let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let dir = if first.is_dir() {
        first
    } else {
        first.parent().unwrap_or(Path::new("."))
    };
    if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    }
}

/// What every model did not read, in location order; a module call reached from two roots is
/// listed once.
fn not_linted(workspace: &load::Workspace) -> Vec<zt_lint::graph::NotLinted> {
    let sources = &workspace.sources;
    let mut all: Vec<zt_lint::graph::NotLinted> = workspace
        .models
        .iter()
        .flat_map(|m| m.not_linted.iter().cloned())
        .collect();
    let key = |n: &zt_lint::graph::NotLinted| (sources.path(n.span.file).to_path_buf(), n.span);
    all.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.reason.cmp(&b.reason)));
    all.dedup();
    all
}

/// Guard policies over the loaded models; their findings join the catalog's before
/// suppressions, so both are suppressed, baselined and reported alike.
#[cfg(feature = "guard")]
fn run_guard(
    workspace: &mut load::Workspace,
    outcome: &mut engine::Outcome,
    policies: &[zt_lint::guard::Policy],
    selected: &[&'static Rule],
    only: &[String],
) {
    if policies.is_empty() {
        return;
    }
    let result = zt_lint::guard::eval::evaluate(
        &workspace.models,
        &workspace.sources,
        policies,
        selected,
        only.is_empty(),
    );
    engine::add_findings(
        outcome,
        result.findings,
        &workspace.sources,
        &workspace.plan_sources,
    );
    workspace.errors.extend(result.errors);
}

#[cfg(not(feature = "guard"))]
fn run_guard(
    _: &mut load::Workspace,
    _: &mut engine::Outcome,
    _: &[zt_lint::guard::Policy],
    _: &[&'static Rule],
    _: &[String],
) {
}

/// `zt-lint graph`: the graph document of every model, as `target = graph` policies see it, or
/// a picture of the models with the exposure paths the default rules find.
pub fn graph(paths: &[PathBuf], format: cli::GraphFormat) -> ExitCode {
    for path in paths {
        if !path.exists() {
            return usage_error(format!("{}: no such file or directory", path.display()));
        }
    }
    let workspace = load::load(
        paths,
        &load::LoadOptions::new(&zt_lint::aws::naming::NAMING),
    );
    for e in &workspace.errors {
        let at = workspace
            .sources
            .get(e.span.file)
            .map(|f| f.line_col(e.span.start));
        let path = workspace.sources.path(e.span.file).display();
        match at {
            Some(at) => eprintln!("zt-lint: {path}:{}:{}: {}", at.line, at.column, e.message),
            None => eprintln!("zt-lint: {path}: {}", e.message),
        }
    }
    let written = match format {
        cli::GraphFormat::Json => {
            let document =
                zt_lint::guard::document::render_all(&workspace.models, &workspace.sources);
            let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
            text.push('\n');
            std::io::stdout().lock().write_all(text.as_bytes())
        }
        cli::GraphFormat::Dot => picture(&workspace, diagram::Syntax::Dot),
        cli::GraphFormat::Mermaid => picture(&workspace, diagram::Syntax::Mermaid),
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if workspace.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Draws the models with the exposure paths that the rules enabled by default find (no
/// configuration file, suppression or baseline applies: the picture shows what is open).
fn picture(workspace: &load::Workspace, syntax: diagram::Syntax) -> std::io::Result<()> {
    let rules: Vec<&'static Rule> = RULES
        .iter()
        .copied()
        .filter(|r| {
            r.enabled_by_default
                && zt_lint::guard::find(r.id).is_none()
                && !META_RULES.iter().any(|m| m.id == r.id)
        })
        .collect();
    let outcome = engine::run(
        &workspace.models,
        &rules,
        &workspace.sources,
        &workspace.plan_sources,
    );
    let mut text = Vec::new();
    diagram::render_models(
        syntax,
        &workspace.models,
        &outcome.findings,
        &workspace.sources,
        &mut text,
    )?;
    std::io::stdout().lock().write_all(&text)
}

/// `TF_VAR_name=value` from the environment, sorted for determinism.
fn env_variables() -> Vec<(String, String)> {
    let mut vars: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(k, v)| {
            let name = k.to_str()?.strip_prefix("TF_VAR_")?.to_string();
            Some((name, v.into_string().ok()?))
        })
        .collect();
    vars.sort();
    vars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_name_their_format_or_imply_it() {
        assert_eq!(
            parse_output("sarif=out/x.json").unwrap(),
            (Format::Sarif, PathBuf::from("out/x.json"))
        );
        assert_eq!(parse_output("r.sarif").unwrap().0, Format::Sarif);
        assert_eq!(parse_output("r.xml").unwrap().0, Format::Junit);
        assert_eq!(parse_output("a=b.md").unwrap().0, Format::Markdown);
        assert!(parse_output("report").is_err());
        assert!(parse_output("json=").is_err());
    }
}
