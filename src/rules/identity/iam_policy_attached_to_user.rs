use crate::aws::identity;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-008",
    name: "iam-policy-attached-to-user",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy is attached directly to a user",
    page: rule_page!("identity/iam_policy_attached_to_user.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for r in ctx.resources(identity::USER_POLICIES).collect::<Vec<_>>() {
        ctx.report(
            r,
            r.span,
            format!("`{}` grants permissions directly to a user", r.address),
        );
    }
    for &(kind, key) in identity::USER_GRANTS {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let Some(value) = r.get(key) else { continue };
            match value.is_given() {
                crate::graph::Truth::Yes => ctx.report(
                    r,
                    value.span,
                    format!(
                        "`{}` grants permissions directly to IAM users ({key})",
                        r.address
                    ),
                ),
                crate::graph::Truth::Unknown => ctx.unknown(r, value),
                crate::graph::Truth::No => {}
            }
        }
    }
}
