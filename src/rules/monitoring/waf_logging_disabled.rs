use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-016",
    name: "waf-logging-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "WAF web ACL has no logging configuration",
    docs: r#"
## What it checks
WAFv2 web ACLs that no logging configuration names (a separate resource in both formats, whose
resource ARN points at the web ACL). When a logging configuration names its web ACL with a value
not known statically, it might be this one: undecided, not reported.

## Why it matters
The web ACL sees every request it blocks or allows at the edge; its log is how you tell an
attack from a false positive and what a blocked client tried.

## How to fix
Terraform: a WAFv2 web ACL logging configuration with `resource_arn` set to the web ACL's ARN
and `log_destination_configs` naming a log group, bucket or Firehose stream.
CloudFormation: a WAFv2 `LoggingConfiguration` with `ResourceArn: !GetAtt WebAcl.Arn`.

## References
- AWS Security Hub WAF.11
"#,
    fix_terraform: "add a WAFv2 web ACL logging configuration whose resource_arn is this web ACL",
    fix_cloudformation: "add a WAFv2 LoggingConfiguration whose ResourceArn is this web ACL",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Firewall, "has no logging configuration");
}
