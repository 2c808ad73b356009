use crate::aws::audit;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-005",
    name: "guardduty-detector-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "GuardDuty detector is disabled",
    page: rule_page!("monitoring/guardduty_detector_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        audit::DETECTOR_ENABLED,
        true,
        "is a GuardDuty detector that is turned off",
    );
}
