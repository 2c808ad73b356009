//! Thin entry point: parse arguments, call the library, map the outcome to an exit code.

// Input comes from untrusted pull requests: the command must not panic on it.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

mod app;
mod cli;
mod fix_command;

use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command};
use std::io::Write;
use std::process::ExitCode;
use zt_lint::load;
use zt_lint::rules::RULES;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let variables = match (&cli.command, matches.subcommand()) {
        (Some(Command::Fix { lint, .. }), Some((_, sub))) => variable_inputs(sub, lint),
        _ => variable_inputs(&matches, &cli.lint),
    };
    // HCL and YAML parsers recurse; give worker threads room beyond the input bounds we enforce.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(16 * 1024 * 1024)
        .build_global();
    match cli.command {
        Some(Command::Rules { framework: None }) => list_rules(),
        Some(Command::Rules {
            framework: Some(framework),
        }) => list_controls(framework.compliance()),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Init { path, force }) => app::init(&path, force),
        Some(Command::Completions { shell }) => app::completions(shell),
        Some(Command::Graph { paths, format }) => app::graph(&paths, format),
        Some(Command::Fix {
            lint,
            unsafe_fixes,
            diff,
        }) => fix_command::fix(*lint, variables, unsafe_fixes, diff),
        None => app::lint(cli.lint, variables),
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

fn list_rules() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{:<11} {:<45} {:<10} {:<9} {:<8} {:<6} INPUTS",
        "ID", "NAME", "PILLAR", "SEVERITY", "DEFAULT", "FIX"
    );
    // A fix that is unsafe on some resource types is marked `safe*`, with the types below.
    let mut partly = Vec::new();
    for r in RULES.iter().chain(zt_lint::suppress::META_RULES) {
        let inputs: Vec<&str> = r.inputs.iter().map(|i| i.name()).collect();
        let disrupted = zt_lint::fix::disrupted_kinds(r.id);
        let fix = match zt_lint::fix::safety(r.id) {
            Some(zt_lint::fix::Safety::Safe) if !disrupted.is_empty() => {
                partly.push((r.id, disrupted));
                "safe*"
            }
            Some(s) => s.name(),
            None => "-",
        };
        let _ = writeln!(
            out,
            "{:<11} {:<45} {:<10} {:<9} {:<8} {:<6} {}",
            r.id,
            r.name,
            r.pillar.name(),
            r.severity.name(),
            if r.enabled_by_default { "on" } else { "off" },
            fix,
            inputs.join(", ")
        );
    }
    for (id, kinds) in partly {
        let _ = writeln!(
            out,
            "\n* {id}: the fix is safe (unsafe for {}, which the change restarts or replaces)",
            kinds.join(", ")
        );
    }
    ExitCode::SUCCESS
}

/// `zt-lint rules --framework NAME`: each control with the rules that check it, then (CIS) the
/// recommendations no configuration can decide.
fn list_controls(framework: zt_lint::compliance::Framework) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}\n", framework.title());
    let _ = writeln!(out, "{:<16} {:<40} TITLE", "CONTROL", "RULES");
    for control in framework.controls() {
        let _ = writeln!(
            out,
            "{:<16} {:<40} {}",
            control.id,
            framework.rules_of(control.id).join(", "),
            control.title
        );
    }
    let undecidable = framework.undecidable();
    if !undecidable.is_empty() {
        let _ = writeln!(
            out,
            "\nNot checked by any rule (each says why: not decidable from code, or not checked yet):"
        );
        for u in undecidable {
            let _ = writeln!(
                out,
                "{:<16} {}\n{:<16} why: {}",
                u.control.id, u.control.title, "", u.why
            );
        }
    }
    ExitCode::SUCCESS
}

fn explain(id: &str) -> ExitCode {
    match zt_lint::suppress::find_rule(id) {
        Some(r) => {
            // A closed pipe (`zt-lint explain X | head -1`) is a normal end, not a panic.
            let _ = writeln!(std::io::stdout().lock(), "{}", zt_lint::rules::rule_page(r));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("zt-lint: no rule named `{id}` (see `zt-lint rules`)");
            ExitCode::from(2)
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
