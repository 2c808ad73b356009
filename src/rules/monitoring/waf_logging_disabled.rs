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
    summary: "WAF web ACL or Network Firewall has no logging configuration",
    docs: r#"
## What it checks
WAFv2 web ACLs and Network Firewall firewalls that no logging configuration names (a separate
resource in both formats, whose resource or firewall ARN points at the firewall). When a logging
configuration names its firewall with a value not known statically, it might be this one:
undecided, not reported.

## Why it matters
A firewall sees every request or flow it blocks or allows; its log is how you tell an attack
from a false positive, what a blocked client tried, and which workload talked to where.

## How to fix
Terraform: a WAFv2 web ACL logging configuration with `resource_arn` set to the web ACL's ARN
and `log_destination_configs` naming a log group, bucket or Firehose stream.
CloudFormation: a WAFv2 `LoggingConfiguration` with `ResourceArn: !GetAtt WebAcl.Arn`.
For Network Firewall: a Network Firewall logging configuration naming the firewall's ARN
(`firewall_arn` / `FirewallArn`) with flow and alert log destinations.

## References
- AWS Security Hub WAF.11; AWS Config netfw-logging-enabled
"#,
    fix_terraform: "add a logging configuration that names this web ACL (resource_arn) or firewall (firewall_arn)",
    fix_cloudformation: "add a LoggingConfiguration that names this web ACL (ResourceArn) or firewall (FirewallArn)",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Firewall, "has no logging configuration");
}
