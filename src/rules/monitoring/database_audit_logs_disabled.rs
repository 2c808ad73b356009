use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-012",
    name: "database-audit-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Database does not export its logs or audit log",
    page: rule_page!("monitoring/database_audit_logs_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(
        ctx,
        LogFamily::Database,
        "does not export its database logs",
    );
}
