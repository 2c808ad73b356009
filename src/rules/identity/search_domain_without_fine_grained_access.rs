use crate::aws::identity::SEARCH_FINE_GRAINED_ACCESS;
use crate::rules::settings::require_bool_without_fix;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-019",
    name: "search-domain-without-fine-grained-access",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "OpenSearch or Elasticsearch domain without fine-grained access control",
    page: rule_page!("identity/search_domain_without_fine_grained_access.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool_without_fix(
        ctx,
        SEARCH_FINE_GRAINED_ACCESS,
        true,
        "lets every caller its access policy admits read every index (fine-grained access control is off)",
    );
}
