use crate::graph::policy::{self, Effect, PolicyKind};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-006",
    name: "iam-role-oidc-trust-without-subject",
    pillar: Pillar::Identity,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM role trusts an OIDC provider without constraining the subject",
    docs: r#"
## What it checks
Role trust policies that allow `sts:AssumeRoleWithWebIdentity` for a federated OIDC provider
(GitHub Actions' `token.actions.githubusercontent.com`, an EKS cluster's OIDC issuer, any
`oidc-provider/...`, or an `aws_iam_openid_connect_provider`) without a positive condition on
the provider's `:sub` claim that names something specific. A `sub` of `*`, or GitHub's
`repo:*`, constrains nothing. `:aud` alone is not enough: every workflow on GitHub gets a token
with the same audience.

## Why it matters
Without a subject condition, anyone who can get a token from the provider (any repository on
GitHub, any service account in the cluster) can assume the role.

## How to fix
Add `StringEquals`/`StringLike` on `token.actions.githubusercontent.com:sub` such as
`repo:acme/app:ref:refs/heads/main` or `repo:acme/app:environment:production` (for EKS,
`<issuer>:sub` = `system:serviceaccount:<namespace>:<name>`).

## References
- GitHub Docs, "Configuring OpenID Connect in Amazon Web Services"
- AWS IAM User Guide, "Available keys for AWS web identity federation"
"#,
    fix_terraform: "add a StringEquals/StringLike condition on the provider's :sub claim naming the repository/branch or service account",
    fix_cloudformation: "add a StringEquals/StringLike condition on the provider's :sub claim naming the repository/branch or service account",
    check,
};

fn is_oidc_provider(ctx: &Context<'_>, node: &Node) -> bool {
    if let Some(text) = node.text_shape() {
        return text.contains("oidc-provider/")
            || text.contains("token.actions.githubusercontent.com");
    }
    ctx.model
        .resolve(node)
        .and_then(|id| ctx.model.get(id))
        .is_some_and(|r| {
            r.kind == "aws_iam_openid_connect_provider" || r.kind == "AWS::IAM::OIDCProvider"
        })
}

/// A subject value that names something: not empty, not `*`, not GitHub's `repo:*`.
fn is_specific(value: &Node) -> Truth {
    match value.as_str() {
        Some(v) => Truth::from_bool(!v.trim().is_empty() && v != "*" && !v.starts_with("repo:*")),
        None => Truth::Unknown,
    }
}

fn check(ctx: &mut Context<'_>) {
    for attached in policy::attached_policies(ctx.model) {
        if attached.kind != PolicyKind::Trust {
            continue;
        }
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow
                || !statement
                    .allows_action("sts:AssumeRoleWithWebIdentity")
                    .is_yes()
            {
                continue;
            }
            let Some(principals) = statement.principals() else {
                continue;
            };
            let Some((_, provider)) = principals
                .iter()
                .find(|(kind, n)| *kind == "Federated" && is_oidc_provider(ctx, n))
            else {
                continue;
            };
            let constrained = match statement.conditions() {
                None => Truth::Unknown,
                Some(entries) => entries
                    .iter()
                    .filter(|e| e.is_positive() && e.key.ends_with(":sub"))
                    .map(|e| {
                        let values = e.values.items();
                        if values.is_empty() {
                            return Truth::No;
                        }
                        values.iter().map(is_specific).fold(Truth::Yes, Truth::and)
                    })
                    .fold(Truth::No, Truth::or),
            };
            match constrained {
                Truth::No => ctx.report(
                    attached.resource,
                    provider.span,
                    format!(
                        "`{}` trusts an OIDC provider without a condition on the token subject (:sub)",
                        attached.resource.address
                    ),
                ),
                Truth::Unknown => ctx.unknown(attached.resource, provider),
                Truth::Yes => {}
            }
        }
    }
}
