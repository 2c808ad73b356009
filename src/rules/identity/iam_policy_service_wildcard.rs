use crate::graph::policy::{Effect, PolicyKind, action_text};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-002",
    name: "iam-policy-service-wildcard",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy grants every action of a service",
    docs: r#"
## What it checks
Identity policies with an `Allow` statement whose actions include a service-wide wildcard such
as `s3:*`, `iam:*` or `kms:*` (an action pattern that is the service prefix followed by `*`).
`"*"` alone is `ZT-IAM-001` when it applies to every resource. Systems Manager's message
channels (`ec2messages:*`, `ssmmessages:*`) are not reported: they carry no data or
permissions.

## Why it matters
A service wildcard grants today's and every future action of the service, including the
administrative ones (`s3:PutBucketPolicy`, `iam:CreateAccessKey`, `kms:ScheduleKeyDeletion`)
that turn a data reader into an owner. Least privilege names actions.

## How to fix
List the actions the principal uses (IAM Access Analyzer can generate them from CloudTrail).

## References
- AWS Security Hub IAM.21
- AWS Well-Architected SEC03-BP02 (grant least privilege access)
"#,
    fix_terraform: "replace the service wildcard with the specific actions the principal needs",
    fix_cloudformation: "replace the service wildcard with the specific actions the principal needs",
    check,
};

/// Systems Manager's message channels: no data and no permissions behind them, and AWS's own
/// managed policies for SSM grant them whole.
const CHANNEL_SERVICES: &[&str] = &["ec2messages", "ssmmessages"];

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow {
                continue;
            }
            for action in statement.action_list().unwrap_or_default() {
                let Some(text) = action_text(action) else {
                    continue;
                };
                if let Some((service, rest)) = text.split_once(':')
                    && rest == "*"
                    && service != "*"
                    && !CHANNEL_SERVICES.contains(&service)
                {
                    ctx.report(
                        attached.resource,
                        action.span,
                        format!(
                            "`{}` allows every {service} action (\"{service}:*\")",
                            attached.resource.address
                        ),
                    );
                }
            }
        }
    }
}
