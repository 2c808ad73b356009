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
    page: rule_page!("monitoring/cloudtrail_logging_stopped.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Trail, "does not record events");
}
