use crate::aws::identity;
use crate::graph::policy::{Effect, PolicyKind};
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
    page: rule_page!("identity/iam_role_oidc_trust_without_subject.md"),
    check,
};

/// How an OIDC provider's tokens must be narrowed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Provider {
    /// Every token has the same audience (GitHub Actions, EKS): only `sub` narrows.
    SharedAudience,
    /// The audience is specific to the tenant (CircleCI's organization id, say): `aud` or
    /// `sub` narrows.
    Other,
}

fn provider_kind(url: &str) -> Provider {
    if url.contains("token.actions.githubusercontent.com") || url.contains("oidc.eks.") {
        Provider::SharedAudience
    } else {
        Provider::Other
    }
}

/// The provider behind a `Federated` principal, if it is an OIDC provider.
fn oidc_provider(ctx: &Context<'_>, node: &Node) -> Option<Provider> {
    if let Some(text) = node.text_shape() {
        return text.contains("oidc-provider/").then(|| provider_kind(text));
    }
    let provider = ctx.model.get(ctx.model.resolve(node)?)?;
    let (_, url_key) = identity::OIDC_PROVIDERS
        .iter()
        .find(|(kind, _)| *kind == provider.kind)?;
    let url = provider.get(url_key).and_then(Node::text_shape);
    Some(url.map_or(Provider::Other, provider_kind))
}

/// A subject value that names something: not empty, not `*`, not GitHub's `repo:*`.
fn is_specific(value: &Node) -> Truth {
    match value.as_str() {
        Some(v) => Truth::from_bool(!v.trim().is_empty() && v != "*" && !v.starts_with("repo:*")),
        None => Truth::Unknown,
    }
}

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Trust) {
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
            let Some((provider, kind)) = principals
                .iter()
                .filter(|(kind, _)| *kind == "Federated")
                .find_map(|(_, n)| oidc_provider(ctx, n).map(|k| (*n, k)))
            else {
                continue;
            };

            let constrained = match statement.conditions() {
                None => Truth::Unknown,
                Some(entries) => entries
                    .iter()
                    .filter(|e| {
                        e.is_positive()
                            && (e.key.ends_with(":sub")
                                || (kind == Provider::Other && e.key.ends_with(":aud")))
                    })
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
