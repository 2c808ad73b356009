//! `zt-lint fix`: applies the fixes of the findings a lint run reports (never of suppressed
//! ones), file by file as text splices, then lints again so what remains is reported as a lint
//! run reports it. With `--diff` it prints the fixes instead and changes nothing.

use crate::app;
use crate::cli;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use zt_lint::fix::{self, Fix, Safety};
use zt_lint::load;
use zt_lint::rules::{Finding, Severity};
use zt_lint::source::FileId;

pub fn fix(
    args: cli::LintArgs,
    variables: Vec<load::VariableInput>,
    unsafe_fixes: bool,
    diff: bool,
) -> ExitCode {
    let analysis = match app::analyse(&args, variables.clone()) {
        Ok(a) => a,
        Err(code) => return code,
    };
    analysis.progress.finish();
    let sources = &analysis.workspace.sources;
    let broken: Vec<FileId> = analysis
        .workspace
        .errors
        .iter()
        .map(|e| e.span.file)
        .collect();
    let mut by_file: BTreeMap<FileId, Vec<(&Finding, Fix)>> = BTreeMap::new();
    let mut held_back = 0;
    for finding in &analysis.outcome.findings {
        let Some(fix) = fix::fix_for(finding, sources) else {
            continue;
        };
        if fix.safety == Safety::Unsafe && !unsafe_fixes {
            held_back += 1;
            continue;
        }
        // Every edit of one fix is in one file, so a fix is applied whole or not at all.
        let Some(file) = fix.edits.first().map(|e| e.span.file) else {
            continue;
        };
        // A file that did not load is not edited: the lint run says why.
        if fix.edits.iter().any(|e| e.span.file != file) || broken.contains(&file) {
            continue;
        }
        by_file.entry(file).or_default().push((finding, fix));
    }
    let mut fixed: Vec<&Finding> = Vec::new();
    let mut files_changed = 0;
    let mut tfvars_changed: Vec<String> = Vec::new();
    let mut patch = String::new();
    for (file, fixes) in &by_file {
        let Some(source) = sources.get(*file) else {
            continue;
        };
        let only_fixes: Vec<&Fix> = fixes.iter().map(|(_, fix)| fix).collect();
        let (after, applied) = fix::apply(&source.text, &only_fixes);
        if after == *source.text {
            continue;
        }
        fixed.extend(
            applied
                .iter()
                .filter_map(|i| fixes.get(*i))
                .map(|(f, _)| *f),
        );
        files_changed += 1;
        let path = zt_lint::fingerprint::artifact_path(&source.path);
        if path.ends_with(".tfvars") {
            tfvars_changed.push(path.clone());
        }
        if diff {
            patch.push_str(&fix::unified_diff(&path, &source.text, &after));
        } else if let Err(e) = std::fs::write(&source.path, &after) {
            eprintln!("zt-lint: cannot write {path}: {e}");
            return ExitCode::from(2);
        }
    }
    if !args.quiet {
        for f in &fixed {
            let at = sources
                .get(f.span.file)
                .map(|s| s.line_col(f.span.start))
                .map_or(String::new(), |at| format!(":{}:{}", at.line, at.column));
            eprintln!(
                "zt-lint: {} {}{at}: {} `{}`",
                if diff { "would fix" } else { "fixed" },
                zt_lint::fingerprint::artifact_path(sources.path(f.span.file)),
                f.rule.id,
                f.resource
            );
        }
        eprintln!(
            "zt-lint: {} {} finding(s) in {files_changed} file(s){}",
            if diff { "would fix" } else { "fixed" },
            fixed.len(),
            if held_back > 0 {
                format!("; {held_back} more have unsafe fixes (--unsafe applies them)")
            } else {
                String::new()
            }
        );
        if let Some(note) = tfvars_note(&tfvars_changed) {
            eprintln!("{note}");
        }
    }
    if diff {
        if std::io::stdout()
            .lock()
            .write_all(patch.as_bytes())
            .is_err()
        {
            return ExitCode::from(2);
        }
        return diff_status(&args, &analysis, &fixed);
    }
    // What remains is judged on the files as they now are.
    app::lint(args, variables)
}

/// The exit status a lint run would have once the fixes shown are applied.
fn diff_status(args: &cli::LintArgs, analysis: &app::Analysis, fixed: &[&Finding]) -> ExitCode {
    let fail_on = args
        .fail_on
        .map(app::threshold)
        .or(analysis.config.fail_on)
        .unwrap_or(Severity::Low);
    let remaining = analysis
        .outcome
        .findings
        .iter()
        .filter(|f| !fixed.iter().any(|x| std::ptr::eq(*x, *f)))
        .filter(|f| f.rule.severity >= fail_on)
        .count();
    let blind = !analysis.outcome.undecided.is_empty()
        || analysis
            .workspace
            .models
            .iter()
            .any(|m| !m.not_linted.is_empty());
    if (remaining > 0 || (args.fail_on_unknown && blind)) && !args.soft_fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The one line said when a fix changed a tfvars file: Terraform gives `-var` and `-var-file`
/// on the command line (and `*.auto.tfvars` files, after `terraform.tfvars`) precedence over
/// it, so a pipeline that passes its own value keeps deploying the old one. `TF_VAR_`
/// variables cannot override it: Terraform reads them before any tfvars file.
fn tfvars_note(files: &[String]) -> Option<String> {
    let names: Vec<String> = files.iter().map(|f| format!("`{f}`")).collect();
    (!names.is_empty()).then(|| {
        format!(
            "zt-lint: note: {} changed; a `-var` or `-var-file` that CI passes to terraform still overrides it",
            names.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::tfvars_note;

    #[test]
    fn a_tfvars_change_warns_of_command_line_overrides_in_one_line() {
        assert_eq!(tfvars_note(&[]), None);
        let note = tfvars_note(&[
            "terraform.tfvars".to_string(),
            "env/prod.tfvars".to_string(),
        ])
        .expect("a note");
        assert_eq!(note.lines().count(), 1);
        assert_eq!(
            note,
            "zt-lint: note: `terraform.tfvars`, `env/prod.tfvars` changed; a `-var` or `-var-file` that CI passes to terraform still overrides it"
        );
    }
}
