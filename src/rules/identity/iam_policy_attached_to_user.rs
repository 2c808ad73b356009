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
    docs: r#"
## What it checks
Permissions granted to IAM users directly: `aws_iam_user_policy`,
`aws_iam_user_policy_attachment`, `aws_iam_policy_attachment` with `users`, CloudFormation
`AWS::IAM::User` with `Policies` or `ManagedPolicyArns`, and `AWS::IAM::Policy` /
`AWS::IAM::ManagedPolicy` with `Users`.

## Why it matters
Per-user grants drift: nobody reviews them, they survive role changes and they multiply the
standing privilege of long-lived identities. Grant through groups or, better, roles.

## How to fix
Attach the policy to a group the user belongs to, or to a role the user assumes.

## References
- CIS AWS Foundations Benchmark v3.0, control 1.15
- AWS Security Hub IAM.2
"#,
    fix_terraform: "attach the policy to a group or a role instead of the user",
    fix_cloudformation: "attach the policy to a group or a role instead of the user",
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
