use crate::aws::audit;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-002",
    name: "cloudtrail-log-validation-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudTrail log file integrity validation is off",
    docs: r#"
## What it checks
CloudTrail trails without `enable_log_file_validation = true` / `EnableLogFileValidation: true`
(off by default).

## Why it matters
Without digest files nobody can prove the audit log was not altered or deleted after an
incident, which is the first thing an intruder with S3 access would do.

## How to fix
Terraform: `enable_log_file_validation = true`. CloudFormation: `EnableLogFileValidation: true`.

## References
- CIS AWS Foundations Benchmark v3.0, control 3.2
- AWS Security Hub CloudTrail.4
"#,
    fix_terraform: "set enable_log_file_validation = true",
    fix_cloudformation: "set EnableLogFileValidation: true",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        audit::TRAIL_LOG_VALIDATION,
        true,
        "does not validate the integrity of its log files",
    );
}
