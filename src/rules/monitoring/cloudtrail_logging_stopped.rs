use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-014",
    name: "cloudtrail-logging-stopped",
    pillar: Pillar::Monitoring,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudTrail trail is created with logging turned off",
    docs: r#"
## What it checks
CloudTrail trails that do not record: `enable_logging = false` in Terraform (the default is
true) and `IsLogging: false` in CloudFormation (a required property there).

## Why it matters
A trail that is not logging is the account's audit record switched off while looking present:
every other CloudTrail check passes on it and nothing is recorded.

## How to fix
Terraform: remove `enable_logging = false` (or set it to true).
CloudFormation: `IsLogging: true`.

## References
- AWS Security Hub CloudTrail.1
- CIS AWS Foundations Benchmark v3.0, control 3.1
"#,
    fix_terraform: "set enable_logging = true (the default)",
    fix_cloudformation: "set IsLogging: true",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Trail, "does not record events");
}
