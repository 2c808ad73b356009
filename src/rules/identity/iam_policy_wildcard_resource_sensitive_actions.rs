use crate::graph::policy::{Effect, PolicyKind, action_text, is_full_wildcard, wildcard_match};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-003",
    name: "iam-policy-wildcard-resource-sensitive-actions",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy allows permissions-management or defense-evasion actions on every resource",
    docs: r#"
## What it checks
Identity policies with an `Allow` statement on every resource (`"Resource": "*"` or
`NotResource`) whose actions match a permissions-management or defense-evasion action:
IAM writes (`iam:CreatePolicyVersion`, `iam:AttachRolePolicy`, `iam:PassRole`,
`iam:CreateAccessKey`, ...), `sts:AssumeRole`, KMS key-policy and grant changes, S3 bucket
policy and ACL changes, Lambda permission and code changes, security group ingress, and
turning off CloudTrail, GuardDuty or Config. Patterns such as `iam:Put*` count; `"*"` and
`service:*` are reported by `ZT-IAM-001` and `ZT-IAM-002` instead.

## Why it matters
These actions change who can do what, or who is watching. On `*` they are the well-known
privilege-escalation paths (attach a policy to yourself, pass an admin role to a function)
and the first steps of covering tracks.

## How to fix
Scope `Resource` to the ARNs the principal manages, or move the actions to a separate,
tightly held role.

## References
- AWS IAM privilege escalation methods (Rhino Security Labs research, 2018)
- AWS Well-Architected SEC03-BP02
"#,
    fix_terraform: "scope resources to specific ARNs for these actions",
    fix_cloudformation: "scope Resource to specific ARNs for these actions",
    check,
};

/// Actions that change permissions, trust or monitoring.
const SENSITIVE_ACTIONS: &[&str] = &[
    "iam:createpolicyversion",
    "iam:setdefaultpolicyversion",
    "iam:attachrolepolicy",
    "iam:attachuserpolicy",
    "iam:attachgrouppolicy",
    "iam:putrolepolicy",
    "iam:putuserpolicy",
    "iam:putgrouppolicy",
    "iam:createaccesskey",
    "iam:createloginprofile",
    "iam:updateloginprofile",
    "iam:updateassumerolepolicy",
    "iam:passrole",
    "iam:createrole",
    "iam:createuser",
    "iam:addusertogroup",
    "iam:deleterolepermissionsboundary",
    "iam:putrolepermissionsboundary",
    "sts:assumerole",
    "kms:putkeypolicy",
    "kms:creategrant",
    "kms:schedulekeydeletion",
    "kms:disablekey",
    "s3:putbucketpolicy",
    "s3:putbucketacl",
    "s3:putobjectacl",
    "s3:deletebucketpolicy",
    "s3:putbucketpublicaccessblock",
    "lambda:addpermission",
    "lambda:updatefunctioncode",
    "lambda:createfunction",
    "ec2:authorizesecuritygroupingress",
    "cloudtrail:stoplogging",
    "cloudtrail:deletetrail",
    "cloudtrail:updatetrail",
    "guardduty:deletedetector",
    "guardduty:updatedetector",
    "config:stopconfigurationrecorder",
    "config:deleteconfigurationrecorder",
    "organizations:leaveorganization",
    "secretsmanager:putresourcepolicy",
];

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow || statement.not_actions.is_some() {
                continue;
            }
            let all_resources = statement.not_resources.is_some()
                || statement
                    .resource_list()
                    .is_some_and(|r| r.iter().any(|n| n.as_str() == Some("*")));
            if !all_resources {
                continue;
            }
            for action in statement.action_list().unwrap_or_default() {
                let Some(pattern) = action_text(action) else {
                    continue;
                };
                let service_wide = pattern.split_once(':').is_some_and(|(_, a)| a == "*");
                if is_full_wildcard(&pattern) || service_wide {
                    continue;
                }
                let matched: Vec<&str> = SENSITIVE_ACTIONS
                    .iter()
                    .copied()
                    .filter(|a| wildcard_match(&pattern, a))
                    .collect();
                if let Some(first) = matched.first() {
                    let more = if matched.len() > 1 {
                        format!(" and {} more", matched.len() - 1)
                    } else {
                        String::new()
                    };
                    ctx.report(
                        attached.resource,
                        action.span,
                        format!(
                            "`{}` allows `{}` (matching {first}{more}) on every resource",
                            attached.resource.address,
                            action.as_str().unwrap_or_default()
                        ),
                    );
                }
            }
        }
    }
}
