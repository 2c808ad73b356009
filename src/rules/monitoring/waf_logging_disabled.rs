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
    page: rule_page!("monitoring/waf_logging_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Firewall, "has no logging configuration");
}
