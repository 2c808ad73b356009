use crate::aws::identity;
use crate::graph::{Node, Truth};
use crate::rules::{Context, Pillar, Rule, Severity, TERRAFORM_INPUTS};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-010",
    name: "account-password-policy-weak",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: TERRAFORM_INPUTS,
    summary: "IAM account password policy is weaker than CIS recommends",
    page: rule_page!("identity/account_password_policy_weak.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let fields = &identity::PASSWORD_POLICY_FIELDS;
    for r in ctx
        .resources(identity::PASSWORD_POLICIES)
        .collect::<Vec<_>>()
    {
        let mut weaknesses = Vec::new();
        let mut first_span = None;
        let mut undecided = None;
        let mut note = |weak: Truth, what: &str, node: Option<&Node>| match weak {
            Truth::Yes => {
                weaknesses.push(what.to_string());
                if first_span.is_none() {
                    first_span = node.map(|n| n.span);
                }
            }
            Truth::Unknown => {
                if undecided.is_none() {
                    undecided = node.cloned();
                }
            }
            Truth::No => {}
        };
        let number = |key: &str| -> (Option<i64>, Option<&Node>) {
            let node = r.get(key).filter(|n| !n.is_null());
            (node.and_then(Node::as_i64), node)
        };
        let (length, node) = number(fields.minimum_length);
        note(
            match (length, node) {
                (Some(l), _) => Truth::from_bool(l < 14),
                (None, None) => Truth::Yes,
                (None, Some(_)) => Truth::Unknown,
            },
            "minimum length under 14",
            node,
        );
        let (reuse, node) = number(fields.reuse_prevention);
        note(
            match (reuse, node) {
                (Some(n), _) => Truth::from_bool(n < 24),
                (None, None) => Truth::Yes,
                (None, Some(_)) => Truth::Unknown,
            },
            "password reuse prevention under 24",
            node,
        );
        let (age, node) = number(fields.max_age);
        note(
            match (age, node) {
                (Some(n), _) => Truth::from_bool(n == 0 || n > 90),
                (None, None) => Truth::Yes,
                (None, Some(_)) => Truth::Unknown,
            },
            "passwords that do not expire within 90 days",
            node,
        );
        for &(key, class) in fields.character_classes {
            let node = r.get(key).filter(|n| !n.is_null());
            let weak = node.map_or(Truth::Yes, |n| n.truth().negate());
            note(weak, &format!("no {class} requirement"), node);
        }
        // Absent means the provider's default, `true`.
        let node = r.get(fields.users_change_password).filter(|n| !n.is_null());
        note(
            node.map_or(Truth::No, |n| n.truth().negate()),
            "users cannot change their own passwords",
            node,
        );
        if !weaknesses.is_empty() {
            ctx.report(
                r,
                first_span.unwrap_or(r.span),
                format!("`{}` is weak: {}", r.address, weaknesses.join(", ")),
            );
        } else if let Some(node) = undecided {
            ctx.unknown(r, &node);
        }
    }
}
