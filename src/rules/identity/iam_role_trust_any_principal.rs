use crate::graph::policy::PolicyKind;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-004",
    name: "iam-role-trust-any-principal",
    pillar: Pillar::Identity,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM role can be assumed by any AWS principal",
    page: rule_page!("identity/iam_role_trust_any_principal.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Trust) {
        ctx.report_open_to_anyone(&attached, "can be assumed by any AWS principal");
    }
}
