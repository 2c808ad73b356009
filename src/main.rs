//! Thin entry point: parse arguments, call the library, map the outcome to an exit code.

mod cli;

use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Color, Command, FailOn, Format};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use zt_lint::rules::{self, RULES, Rule, Severity};
use zt_lint::{engine, load, report};

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let variables = variable_inputs(&matches, &cli.lint);
    // HCL and YAML parsers recurse; give worker threads room beyond the input bounds we enforce.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(16 * 1024 * 1024)
        .build_global();
    match cli.command {
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
        None => lint(cli.lint, variables),
    }
}

/// `--var` and `--var-file` in the order given: Terraform applies them in that order.
fn variable_inputs(matches: &clap::ArgMatches, args: &cli::LintArgs) -> Vec<load::VariableInput> {
    let indices = |id: &str| -> Vec<usize> {
        matches
            .indices_of(id)
            .map(|i| i.collect())
            .unwrap_or_default()
    };
    let mut ordered: Vec<(usize, load::VariableInput)> = Vec::new();
    for (index, assignment) in indices("var").into_iter().zip(&args.var) {
        let (name, value) = assignment.split_once('=').unwrap_or((assignment, ""));
        ordered.push((
            index,
            load::VariableInput::Assignment {
                name: name.trim().to_string(),
                value: value.to_string(),
            },
        ));
    }
    for (index, file) in indices("var_file").into_iter().zip(&args.var_file) {
        ordered.push((index, load::VariableInput::File(file.clone())));
    }
    ordered.sort_by_key(|(i, _)| *i);
    ordered.into_iter().map(|(_, v)| v).collect()
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

fn list_rules() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:<11} {:<45} {:<10} {:<9} DEFAULT",
        "ID", "NAME", "PILLAR", "SEVERITY"
    );
    for r in RULES {
        let _ = writeln!(
            out,
            "{:<11} {:<45} {:<10} {:<9} {}",
            r.id,
            r.name,
            r.pillar.name(),
            r.severity.name(),
            if r.enabled_by_default { "on" } else { "off" }
        );
    }
    ExitCode::SUCCESS
}

fn explain(id: &str) -> ExitCode {
    match rules::find(id) {
        Some(r) => {
            println!(
                "# {} {}\n\n{}\n\nPillar: {}. Severity: {}. Enabled by default: {}.\n{}",
                r.id,
                r.name,
                r.summary,
                r.pillar.name(),
                r.severity.name(),
                if r.enabled_by_default { "yes" } else { "no" },
                r.docs
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("zt-lint: no rule named `{id}` (see `zt-lint rules`)");
            ExitCode::from(2)
        }
    }
}

fn select_rules(only: &[String], skip: &[String]) -> Result<Vec<&'static Rule>, String> {
    let resolve = |names: &[String]| -> Result<Vec<&'static Rule>, String> {
        names
            .iter()
            .map(|n| {
                rules::find(n).ok_or_else(|| format!("no rule named `{n}` (see `zt-lint rules`)"))
            })
            .collect()
    };
    let only = resolve(only)?;
    let skip = resolve(skip)?;
    Ok(RULES
        .iter()
        .copied()
        .filter(|r| {
            if only.is_empty() {
                r.enabled_by_default
            } else {
                only.iter().any(|o| o.id == r.id)
            }
        })
        .filter(|r| !skip.iter().any(|s| s.id == r.id))
        .collect())
}

fn lint(args: cli::LintArgs, variables: Vec<load::VariableInput>) -> ExitCode {
    let selected = match select_rules(&args.rule, &args.skip_rule) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("zt-lint: {e}");
            return ExitCode::from(2);
        }
    };
    for path in &args.paths {
        if !path.exists() {
            eprintln!("zt-lint: {}: no such file or directory", path.display());
            return ExitCode::from(2);
        }
    }
    for input in &variables {
        if let load::VariableInput::Assignment { name, .. } = input
            && name.is_empty()
        {
            eprintln!("zt-lint: --var takes NAME=VALUE");
            return ExitCode::from(2);
        }
    }
    let options = load::LoadOptions {
        variables,
        env_variables: env_variables(),
        plan_source: args.source.clone(),
        ..load::LoadOptions::default()
    };
    let workspace = load::load(&args.paths, &options);
    let outcome = engine::run(
        &workspace.models,
        &selected,
        &workspace.sources,
        &workspace.plan_sources,
    );
    let resources = workspace
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .filter(|r| r.is_managed())
        .count();
    let report = report::Report {
        sources: &workspace.sources,
        outcome: &outcome,
        errors: &workspace.errors,
        files: workspace.files,
        resources,
        show_unknown: args.show_unknown,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.verbose {
        for skipped in &workspace.skipped {
            eprintln!(
                "zt-lint: skipped {} (not infrastructure code)",
                skipped.display()
            );
        }
    }
    let written = match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::io::stdout().is_terminal()
                }
            };
            report::human::render(&report, color, &mut out)
        }
        Format::Json => report::json::render(&report, &mut out),
    };
    if written.and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    let failed_to_load = !workspace.errors.is_empty();
    let failing = report.count_at_least(threshold(args.fail_on));
    // The process ends now: freeing every node of a large workspace one by one only costs time.
    std::mem::forget(outcome);
    std::mem::forget(workspace);
    if failed_to_load {
        return ExitCode::from(2);
    }
    if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn threshold(fail_on: FailOn) -> Severity {
    match fail_on {
        FailOn::Critical => Severity::Critical,
        FailOn::High => Severity::High,
        FailOn::Medium => Severity::Medium,
        FailOn::Low => Severity::Low,
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
