use crate::aws::audit;
use crate::rules::settings::require_given;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-003",
    name: "cloudtrail-not-encrypted",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudTrail logs are not encrypted with a KMS key",
    page: rule_page!("monitoring/cloudtrail_not_encrypted.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        audit::TRAIL_KMS_KEY,
        "does not encrypt its logs with a KMS key",
    );
}
