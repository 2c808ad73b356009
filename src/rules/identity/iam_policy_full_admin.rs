use crate::graph::policy::{self, Effect, PolicyKind, is_full_wildcard};
use crate::rules::{Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-001",
    name: "iam-policy-full-admin",
    pillar: Pillar::Identity,
    severity: Severity::Critical,
    enabled_by_default: true,
    summary: "IAM policy allows every action on every resource",
    docs: r#"
## What it checks
Identity policies (managed and inline policies of roles, users and groups) with an `Allow`
statement that grants every action (`"*"`, or `NotAction`, which grants everything not listed)
on every resource (`"*"`, or `NotResource`).

Policies are read wherever they are written: CloudFormation `PolicyDocument` maps, JSON strings,
heredocs, `jsonencode(...)`, `file("policy.json")` and `data "aws_iam_policy_document"` (whose
`effect` defaults to `Allow`). A statement whose actions or resources are not known statically
is not reported.

## Why it matters
`*` on `*` is full administrator access: it defeats least privilege, the core of zero trust, and
turns any compromise of the principal into a compromise of the account.

## How to fix
Grant only the actions and resources the principal needs; use IAM Access Analyzer to generate a
policy from CloudTrail activity. Keep administrator access for break-glass roles, granted
just in time.

## References
- CIS AWS Foundations Benchmark v3.0, control 1.16
- AWS Security Hub IAM.1, IAM.21
"#,
    fix_terraform: "list the specific actions and resource ARNs the principal needs instead of \"*\"",
    fix_cloudformation: "list the specific Action and Resource ARNs the principal needs instead of \"*\"",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for attached in policy::attached_policies(ctx.model) {
        if attached.kind != PolicyKind::Identity {
            continue;
        }
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow {
                continue;
            }
            let all_resources = match (&statement.not_resources, statement.resource_list()) {
                (Some(_), _) => Some(true),
                (None, Some(resources)) => {
                    if let Some(unknown) = resources.iter().find(|r| r.is_unknown()) {
                        ctx.unknown(attached.resource, unknown);
                        None
                    } else {
                        Some(resources.iter().any(|r| r.as_str() == Some("*")))
                    }
                }
                (None, None) => {
                    if let Some(r) = &statement.resources {
                        ctx.unknown(attached.resource, r);
                    }
                    None
                }
            };
            if all_resources != Some(true) {
                continue;
            }
            if let Some(not_actions) = &statement.not_actions {
                ctx.report(
                    attached.resource,
                    not_actions.span,
                    format!(
                        "`{}` allows every action except those in NotAction on every resource",
                        attached.resource.address
                    ),
                );
                continue;
            }
            match statement.action_list() {
                Some(actions) => {
                    if let Some(star) = actions
                        .iter()
                        .find(|a| a.as_str().is_some_and(is_full_wildcard))
                    {
                        ctx.report(
                            attached.resource,
                            star.span,
                            format!(
                                "`{}` allows every action (\"*\") on every resource",
                                attached.resource.address
                            ),
                        );
                    }
                }
                None => {
                    if let Some(a) = &statement.actions {
                        ctx.unknown(attached.resource, a);
                    }
                }
            }
        }
    }
}
