use crate::graph::policy::{
    Effect, PolicyDocument, PolicyKind, Statement, action_text, is_full_wildcard,
    may_be_every_resource, reaches_every_resource, wildcard_match,
};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use crate::source::Span;

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
            if every_resource(statement, "*").0 == Truth::No {
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
            // What this statement leaves undecided, most telling first; one entry per statement.
            let mut sensitive_unread: Option<(Span, String)> = None;
            let mut companion_unread: Option<(Span, String)> = None;
            let mut unread_action: Option<&Node> = None;
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
                let (reach, unread) = every_resource(statement, service);
                if reach == Truth::No {
                    continue;
                }
                let written = action.as_str().unwrap_or_default();
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
                    if reach == Truth::Unknown {
                        if let Some(resource) = unread {
                            sensitive_unread = sensitive_unread.or(Some((
                                resource.span,
                                format!(
                                    "the statement allows `{written}`, and whether its Resource is \"*\" is not known statically ({})",
                                    why(resource)
                                ),
                            )));
                        }
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
                let Some(companion) = PASS_ROLE_COMPANIONS
                    .iter()
                    .find(|a| wildcard_match(&pattern, a))
                else {
                    continue;
                };
                match (reach, passes_any_role) {
                    (_, (Truth::No, _)) => {}
                    (Truth::Yes, (Truth::Yes, _)) => ctx.report(
                        attached.resource,
                        action.span,
                        format!(
                            "`{}` allows `{written}` (matching {companion}) with iam:PassRole on every role: it can run code as any role it passes",
                            attached.resource.address,
                        ),
                    ),
                    // Whether it acts on every resource is what is unknown here.
                    (Truth::Unknown, (passes, _)) => {
                        if let Some(resource) = unread {
                            let pass_role = if passes == Truth::Yes {
                                "on every role"
                            } else {
                                "that may be on every role"
                            };
                            companion_unread = companion_unread.or(Some((
                                resource.span,
                                format!(
                                    "the statement allows `{written}` beside iam:PassRole {pass_role}, and whether its Resource is \"*\" is not known statically ({})",
                                    why(resource)
                                ),
                            )));
                        }
                    }
                    (_, (_, pass_role_unread)) => {
                        let because = pass_role_unread.map_or("not known statically", why);
                        companion_unread = companion_unread.or(Some((
                            action.span,
                            format!(
                                "the statement allows `{written}` on every resource, and whether the policy allows iam:PassRole on every role is not known statically ({because})"
                            ),
                        )));
                    }
                }
            }
            // A Resource that may be "*" decides a sensitive action or a PassRole companion; an
            // action not known may be a sensitive one on a Resource that is "*".
            let unread_action = unread_action.map(|action| {
                (
                    action.span,
                    format!(
                        "an action the statement allows is not known statically ({}), and its Resource is or may be \"*\"",
                        why(action)
                    ),
                )
            });
            if let Some((span, reason)) = sensitive_unread.or(companion_unread).or(unread_action) {
                ctx.undecided_because(attached.resource, span, reason);
            }
        }
    }
}

fn why(node: &Node) -> &str {
    node.unknown_reason().unwrap_or("not known statically")
}

/// Does the document allow `iam:PassRole` on every role? `Unknown` carries the element not
/// known statically: a Resource that may be `"*"`, or an Action that may be `iam:PassRole`.
pub(super) fn passes_any_role(document: &PolicyDocument) -> (Truth, Option<&Node>) {
    let mut verdict = (Truth::No, None);
    for statement in &document.statements {
        if statement.effect != Effect::Allow {
            continue;
        }
        let (reach, unread_resource) = every_resource(statement, "iam");
        if reach == Truth::No {
            continue;
        }
        let (allows, unread_action) = allows_pass_role(statement);
        match reach.and(allows) {
            Truth::Yes => return (Truth::Yes, None),
            Truth::Unknown if verdict.0 == Truth::No => {
                verdict = (Truth::Unknown, unread_resource.or(unread_action));
            }
            _ => {}
        }
    }
    verdict
}

/// Does the statement allow `iam:PassRole`, through `Action` or through a `NotAction` that
/// leaves it out? `Unknown` carries the element not known statically.
fn allows_pass_role(statement: &Statement) -> (Truth, Option<&Node>) {
    let (list, allowed_when_matched) = match &statement.not_actions {
        Some(not_actions) => (Some(not_actions), false),
        None => (statement.actions.as_ref(), true),
    };
    let Some(list) = list else {
        return (Truth::No, None);
    };
    if list.is_unknown() && list.text_shape().is_none() {
        return (Truth::Unknown, Some(list));
    }
    let mut unread = None;
    for element in list.items() {
        match action_text(element) {
            Some(pattern) if wildcard_match(&pattern, "iam:passrole") => {
                return (Truth::from_bool(allowed_when_matched), None);
            }
            Some(_) => {}
            None if element.is_unknown() => unread = unread.or(Some(element)),
            None => {}
        }
    }
    match unread {
        Some(element) => (Truth::Unknown, Some(element)),
        None => (Truth::from_bool(!allowed_when_matched), None),
    }
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

#[cfg(test)]
mod tests {
    use super::{allows_pass_role, passes_any_role};
    use crate::graph::policy::{Effect, PolicyDocument, Statement};
    use crate::graph::{Node, Truth, Value};
    use crate::source::Span;

    fn text(s: &str) -> Node {
        Node::new(Value::String(s.into()), Span::NONE)
    }

    fn list(items: &[&str]) -> Node {
        Node::new(
            Value::List(items.iter().map(|s| text(s)).collect()),
            Span::NONE,
        )
    }

    fn allow(actions: Option<Node>, not_actions: Option<Node>, resources: Node) -> Statement {
        Statement {
            effect: Effect::Allow,
            actions,
            not_actions,
            resources: Some(resources),
            not_resources: None,
            principal: None,
            not_principal: None,
            condition: None,
            span: Span::NONE,
        }
    }

    fn document(statements: Vec<Statement>) -> PolicyDocument {
        PolicyDocument {
            statements,
            ..PolicyDocument::default()
        }
    }

    #[test]
    fn not_action_passes_roles_unless_it_names_pass_role() {
        let everything_but_s3 = allow(None, Some(list(&["s3:*"])), text("*"));
        assert_eq!(allows_pass_role(&everything_but_s3).0, Truth::Yes);
        let everything_but_iam = allow(None, Some(list(&["iam:*"])), text("*"));
        assert_eq!(allows_pass_role(&everything_but_iam).0, Truth::No);
    }

    #[test]
    fn an_unknown_side_of_pass_role_makes_it_unknown_and_a_known_yes_wins() {
        let unknown_roles = allow(
            Some(list(&["iam:PassRole"])),
            None,
            Node::unknown("var.roles has no value", Span::NONE),
        );
        let unknown_action = allow(
            Some(Node::new(
                Value::List(vec![Node::unknown("var.action has no value", Span::NONE)]),
                Span::NONE,
            )),
            None,
            text("*"),
        );
        let one_role = allow(
            Some(list(&["iam:PassRole"])),
            None,
            text("arn:aws:iam::111122223333:role/app"),
        );
        let every_role = allow(Some(list(&["iam:PassRole"])), None, text("*"));

        let only_unknown_roles = document(vec![unknown_roles.clone()]);
        let (verdict, unread) = passes_any_role(&only_unknown_roles);
        assert_eq!(verdict, Truth::Unknown);
        assert_eq!(
            unread.and_then(Node::unknown_reason),
            Some("var.roles has no value")
        );
        let only_unknown_action = document(vec![unknown_action]);
        let (verdict, unread) = passes_any_role(&only_unknown_action);
        assert_eq!(verdict, Truth::Unknown);
        assert_eq!(
            unread.and_then(Node::unknown_reason),
            Some("var.action has no value")
        );
        assert_eq!(passes_any_role(&document(vec![one_role])).0, Truth::No);
        assert_eq!(
            passes_any_role(&document(vec![unknown_roles, every_role])).0,
            Truth::Yes
        );
    }
}
