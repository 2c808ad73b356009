use crate::aws::analytics;
use crate::rules::settings::require_given;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-014",
    name: "security-configuration-missing",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Glue or EMR workload runs without a security configuration",
    page: rule_page!("data/security_configuration_missing.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        analytics::SECURITY_CONFIGURATIONS,
        "runs without a security configuration",
    );
}
