use crate::rules::settings::require_session_facet;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-017",
    name: "session-data-without-kms-key",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Session Manager preferences do not encrypt session data with a KMS key",
    page: rule_page!("data/session_data_without_kms_key.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_session_facet(
        ctx,
        |p| p.kms_key(),
        "do not encrypt session data with a KMS key",
    );
}
