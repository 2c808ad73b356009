use crate::graph::policy::PolicyKind;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-006",
    name: "resource-policy-public",
    pillar: Pillar::Data,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Resource policy grants access to any principal",
    page: rule_page!("data/resource_policy_public.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    // An endpoint policy limits what passes through the endpoint: ZT-NET-014's question.
    for attached in ctx.policies_where(PolicyKind::Resource, |a| !a.is_endpoint_policy()) {
        ctx.report_open_to_anyone(&attached, "allows any principal");
    }
}
