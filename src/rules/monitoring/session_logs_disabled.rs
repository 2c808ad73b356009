use crate::rules::settings::require_session_facet;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-021",
    name: "session-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Session Manager preferences do not log sessions, or log them without requiring encryption",
    page: rule_page!("monitoring/session_logs_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_session_facet(
        ctx,
        |p| p.logging(),
        "leave session logs off or unencrypted",
    );
}
