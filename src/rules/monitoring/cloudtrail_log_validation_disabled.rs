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
    page: rule_page!("monitoring/cloudtrail_log_validation_disabled.md"),
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
