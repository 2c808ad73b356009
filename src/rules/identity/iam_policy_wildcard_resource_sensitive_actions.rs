use crate::graph::policy::{
    Effect, PolicyDocument, PolicyKind, Statement, action_text, is_full_wildcard,
    may_be_every_resource, reaches_every_resource, wildcard_match,
};
use crate::graph::{Node, Truth};
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
            // Any service: an upper bound; each action is then judged against its own service.
            let (statement_reach, unread_resource) = every_resource(statement, "*");
            if statement_reach == Truth::No {
                continue;
            }
            let Some(actions) = statement.action_list() else {
                // Which actions the statement allows is not known: whether any is sensitive
                // is not either.
                if let Some(node) = &statement.actions {
                    let why = node.unknown_reason().unwrap_or("not known statically");
                    ctx.undecided_because(
                        attached.resource,
                        node.span,
                        format!("the statement's Action list is not known statically ({why})"),
                    );
                }
                continue;
            };
            let mut unread_action: Option<&Node> = None;
            let mut sensitive: Option<(&Node, String)> = None;
            for action in actions {
                let Some(pattern) = action_text(action) else {
                    if action.is_unknown() {
                        unread_action = unread_action.or(Some(action));
                    }
                    continue;
                };
                let (service, name) = pattern.split_once(':').unwrap_or((pattern.as_ref(), ""));
                if is_full_wildcard(&pattern) || name == "*" {
                    continue;
                }
                let (reach, _) = every_resource(statement, service);
                if reach == Truth::No {
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
                    let written = action.as_str().unwrap_or_default();
                    if reach == Truth::Unknown {
                        sensitive = sensitive.or(Some((action, written.to_string())));
                        continue;
                    }
                    ctx.report(
                        attached.resource,
                        action.span,
                        format!(
                            "`{}` allows `{written}` (matching {first}{more}) on every resource",
                            attached.resource.address,
                        ),
                    );
                    continue;
                }
                if !passes_any_role || reach == Truth::Unknown {
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
            // A Resource that may be "*" decides a sensitive action; an action not known may be
            // a sensitive one on a Resource that is "*".
            if let (Some((_, written)), Some(resource)) = (&sensitive, unread_resource) {
                let why = resource.unknown_reason().unwrap_or("not known statically");
                ctx.undecided_because(
                    attached.resource,
                    resource.span,
                    format!(
                        "the statement allows `{written}`, and whether its Resource is \"*\" is not known statically ({why})"
                    ),
                );
            } else if let Some(action) = unread_action {
                let why = action.unknown_reason().unwrap_or("not known statically");
                ctx.undecided_because(
                    attached.resource,
                    action.span,
                    format!(
                        "an action the statement allows is not known statically ({why}), and its Resource is or may be \"*\""
                    ),
                );
            }
        }
    }
}

/// Does the document allow `iam:PassRole` on every role?
pub(super) fn passes_any_role(document: &PolicyDocument) -> bool {
    document.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && every_resource(s, "iam").0 == Truth::Yes
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

/// Does the statement reach every resource of `service` (`"Resource": "*"`, an ARN pattern
/// naming every resource of the service such as `arn:aws:s3:::*`, or `NotResource`)? `Unknown`
/// carries the resource element (or the whole list) not known statically that may be `"*"`.
fn every_resource<'a>(statement: &'a Statement, service: &str) -> (Truth, Option<&'a Node>) {
    if statement.not_resources.is_some() {
        return (Truth::Yes, None);
    }
    let Some(resources) = statement.resource_list() else {
        return match &statement.resources {
            Some(list) if may_be_every_resource(list) != Truth::No => (Truth::Unknown, Some(list)),
            _ => (Truth::No, None),
        };
    };
    let mut unread = None;
    for resource in resources {
        match reaches_every_resource(resource, service) {
            Truth::Yes => return (Truth::Yes, None),
            Truth::Unknown => unread = unread.or(Some(resource)),
            Truth::No => {}
        }
    }
    match unread {
        Some(node) => (Truth::Unknown, Some(node)),
        None => (Truth::No, None),
    }
}
