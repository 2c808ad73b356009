use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-018",
    name: "edge-access-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudFront distribution or Global Accelerator writes no access or flow log",
    page: rule_page!("monitoring/edge_access_logs_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Edge, "writes no access log");
}
