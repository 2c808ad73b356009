use crate::graph::policy::{
    Effect, PolicyDocument, PolicyKind, action_text, is_full_wildcard, reaches_every_resource,
    wildcard_match,
};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-003",
    name: "iam-policy-wildcard-resource-sensitive-actions",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy allows permissions-management or defense-evasion actions on every resource",
    page: rule_page!("identity/iam_policy_wildcard_resource_sensitive_actions.md"),
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
    "lambda:updatefunctionconfiguration",
    "glue:updatedevendpoint",
    // Opens an existing notebook, which runs with its own execution role (Rhino Security Labs,
    // SageMaker follow-up).
    "sagemaker:createpresignednotebookinstanceurl",
    // Signs in to Studio as any user profile, whose apps run with the profile's execution role.
    "sagemaker:createpresigneddomainurl",
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

/// Actions that run code or create resources under a role the caller passes: privilege
/// escalation together with `iam:PassRole` on every role (Rhino Security Labs methods 3, 18,
/// 20, 21 and later ones), routine without it.
const PASS_ROLE_COMPANIONS: &[&str] = &[
    "ec2:runinstances",
    "glue:createdevendpoint",
    "cloudformation:createstack",
    "datapipeline:createpipeline",
    "sagemaker:createnotebookinstance",
    "sagemaker:createtrainingjob",
    "sagemaker:createprocessingjob",
    "codestar:createproject",
];

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        let passes_any_role = passes_any_role(attached.document);
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow || statement.not_actions.is_some() {
                continue;
            }
            for action in statement.action_list().unwrap_or_default() {
                let Some(pattern) = action_text(action) else {
                    continue;
                };
                if !all_resources(statement, &pattern) {
                    continue;
                }
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
                    continue;
                }
                if !passes_any_role {
                    continue;
                }
                if let Some(companion) = PASS_ROLE_COMPANIONS
                    .iter()
                    .find(|a| wildcard_match(&pattern, a))
                {
                    ctx.report(
                        attached.resource,
                        action.span,
                        format!(
                            "`{}` allows `{}` (matching {companion}) with iam:PassRole on every role: it can run code as any role it passes",
                            attached.resource.address,
                            action.as_str().unwrap_or_default()
                        ),
                    );
                }
            }
        }
    }
}

/// Does the document allow `iam:PassRole` on every role?
pub(super) fn passes_any_role(document: &PolicyDocument) -> bool {
    document.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && all_resources(s, "iam:passrole")
            && s.allows_action("iam:passrole").is_yes()
    })
}

/// Does this rule report an action pattern (lower-cased) allowed on every resource? Other
/// rules on wildcard resources leave such an element to this one, which says more.
pub(super) fn reports_action(pattern: &str, passes_any_role: bool) -> bool {
    SENSITIVE_ACTIONS.iter().any(|a| wildcard_match(pattern, a))
        || (passes_any_role
            && PASS_ROLE_COMPANIONS
                .iter()
                .any(|a| wildcard_match(pattern, a)))
}

/// `"Resource": "*"`, an ARN pattern naming every resource of the action's service
/// (`arn:aws:s3:::*`), or `NotResource`.
fn all_resources(statement: &crate::graph::policy::Statement, pattern: &str) -> bool {
    let service = pattern.split_once(':').map_or(pattern, |(s, _)| s);
    statement.not_resources.is_some()
        || statement.resource_list().is_some_and(|r| {
            r.iter()
                .any(|n| reaches_every_resource(n, service) == crate::graph::Truth::Yes)
        })
}
