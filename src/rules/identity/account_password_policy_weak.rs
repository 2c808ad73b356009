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
    docs: r#"
## What it checks
`aws_iam_account_password_policy` with a minimum length under 14 (the default is 6), password
reuse prevention under 24 or unset, or a maximum age over 90 days or unset, or without
requiring each of upper case, lower case, numbers and symbols, or with
`allow_users_to_change_password = false` (the default is `true`): users who cannot change their
own password cannot rotate one they suspect is exposed. CloudFormation has no resource for the
account password policy.

## Why it matters
Console passwords are the credentials phishing and stuffing attacks go after. Where users with
passwords cannot yet be removed, their passwords must at least be strong and rotated.

## How to fix
```hcl
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  password_reuse_prevention      = 24
  max_password_age               = 90
}
```

## References
- CIS AWS Foundations Benchmark v3.0, controls 1.8 and 1.9
- AWS Security Hub IAM.7, IAM.15, IAM.16
- Terraform AWS provider, `aws_iam_account_password_policy` (`allow_users_to_change_password`
  defaults to `true`)
"#,
    fix_terraform: "set minimum_password_length >= 14, password_reuse_prevention = 24, max_password_age <= 90, require every character class and let users change their passwords",
    fix_cloudformation: "CloudFormation has no password policy resource; set it with Terraform or the console",
    check,
};

fn check(ctx: &mut Context<'_>) {
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
        let (length, node) = number("minimum_password_length");
        note(
            match (length, node) {
                (Some(l), _) => Truth::from_bool(l < 14),
                (None, None) => Truth::Yes,
                (None, Some(_)) => Truth::Unknown,
            },
            "minimum length under 14",
            node,
        );
        let (reuse, node) = number("password_reuse_prevention");
        note(
            match (reuse, node) {
                (Some(n), _) => Truth::from_bool(n < 24),
                (None, None) => Truth::Yes,
                (None, Some(_)) => Truth::Unknown,
            },
            "password reuse prevention under 24",
            node,
        );
        let (age, node) = number("max_password_age");
        note(
            match (age, node) {
                (Some(n), _) => Truth::from_bool(n == 0 || n > 90),
                (None, None) => Truth::Yes,
                (None, Some(_)) => Truth::Unknown,
            },
            "passwords that do not expire within 90 days",
            node,
        );
        for (key, what) in [
            ("require_uppercase_characters", "no upper-case requirement"),
            ("require_lowercase_characters", "no lower-case requirement"),
            ("require_numbers", "no number requirement"),
            ("require_symbols", "no symbol requirement"),
        ] {
            let node = r.get(key).filter(|n| !n.is_null());
            let weak = node.map_or(Truth::Yes, |n| n.truth().negate());
            note(weak, what, node);
        }
        // Absent means the provider's default, `true`.
        let node = r
            .get("allow_users_to_change_password")
            .filter(|n| !n.is_null());
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
