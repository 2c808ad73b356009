use crate::aws::identity;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-016",
    name: "cognito-identity-pool-unauthenticated",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Cognito identity pool gives AWS credentials to unauthenticated guests",
    page: rule_page!("identity/cognito_identity_pool_unauthenticated.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        identity::UNAUTHENTICATED_IDENTITIES,
        false,
        "gives AWS credentials to unauthenticated guests",
    );
}
