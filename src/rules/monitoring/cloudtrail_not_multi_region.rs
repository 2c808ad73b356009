use crate::aws::audit;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-001",
    name: "cloudtrail-not-multi-region",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudTrail trail records only its home region",
    page: rule_page!("monitoring/cloudtrail_not_multi_region.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        audit::TRAIL_MULTI_REGION,
        true,
        "records API activity in one region only",
    );
}
