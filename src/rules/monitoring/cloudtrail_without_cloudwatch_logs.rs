use crate::aws::audit;
use crate::rules::settings::require_given;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-004",
    name: "cloudtrail-without-cloudwatch-logs",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudTrail does not deliver to CloudWatch Logs",
    docs: r#"
## What it checks
CloudTrail trails without `cloud_watch_logs_group_arn` / `CloudWatchLogsLogGroupArn`.

## Why it matters
Events only in S3 are read after the fact; delivered to CloudWatch Logs they drive metric
filters and alarms (root login, policy changes, console sign-in without MFA) in minutes.

## How to fix
Set `cloud_watch_logs_group_arn` (`"${aws_cloudwatch_log_group.trail.arn}:*"`) and
`cloud_watch_logs_role_arn`; in CloudFormation `CloudWatchLogsLogGroupArn` and
`CloudWatchLogsRoleArn`.

## References
- CIS AWS Foundations Benchmark v1.4, control 3.4
- AWS Security Hub CloudTrail.5
"#,
    fix_terraform: "set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn",
    fix_cloudformation: "set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        audit::TRAIL_CLOUDWATCH_LOGS,
        "does not send events to CloudWatch Logs",
    );
}
