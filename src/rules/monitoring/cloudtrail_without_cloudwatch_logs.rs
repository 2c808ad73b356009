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
    page: rule_page!("monitoring/cloudtrail_without_cloudwatch_logs.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        audit::TRAIL_CLOUDWATCH_LOGS,
        "does not send events to CloudWatch Logs",
    );
}
