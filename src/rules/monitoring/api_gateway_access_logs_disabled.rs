use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-015",
    name: "api-gateway-access-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "API Gateway stage writes no access log",
    docs: r#"
## What it checks
API Gateway stages, REST (v1) and HTTP/WebSocket (v2), without access logging: no
`access_log_settings` block in Terraform, no `AccessLogSetting` (v1) or `AccessLogSettings` (v2)
in CloudFormation. Stages write no access log unless given a destination.

## Why it matters
An API is an entry point from outside; its access log records each caller, source address,
identity and result. Without it, abuse of a stolen token or probing of the API leaves nothing to
investigate.

## How to fix
Terraform: `access_log_settings { destination_arn = <log group ARN>, format = jsonencode({...}) }`.
CloudFormation: `AccessLogSetting: {DestinationArn: !GetAtt ApiLogs.Arn, Format: ...}`.

## References
- AWS Security Hub APIGateway.1 (execution logging) and APIGateway.9 (access logging)
"#,
    fix_terraform: "add access_log_settings { destination_arn = ..., format = ... } to the stage",
    fix_cloudformation: "add AccessLogSetting (v1) or AccessLogSettings (v2) with a DestinationArn",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::ApiAccess, "writes no access log");
}
