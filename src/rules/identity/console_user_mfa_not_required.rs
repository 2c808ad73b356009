use crate::aws::identity::{
    INLINE_LOGIN_PROFILES, LOGIN_PROFILE_USERS, MFA_SELF_SERVICE_ACTIONS, USER_AND_GROUP_GRANTS,
};
use crate::graph::grants::PolicyGrant;
use crate::graph::policy::{self, Effect, Statement};
use crate::graph::user_grants::UserGrants;
use crate::graph::{Node, Resource, ResourceId, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "ZT-IAM-020",
    name: "console-user-mfa-not-required",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "An IAM user with a console password has no policy that requires MFA",
    page: rule_page!("identity/console_user_mfa_not_required.md"),
    check,
};

const MFA_PRESENT: &str = "aws:multifactorauthpresent";
const MFA_AGE: &str = "aws:multifactorauthage";

fn check(ctx: &mut Context<'_>) {
    let grants = UserGrants::new(ctx.model, &USER_AND_GROUP_GRANTS);
    for &(kind, attribute) in LOGIN_PROFILE_USERS {
        for profile in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let Some(named) = profile.get(attribute) else {
                continue;
            };
            match grants.user(named) {
                Some(user) => judge(ctx, &grants, profile, profile.span, user),
                None => ctx.unknown(
                    profile,
                    &Node::unknown(
                        "the user is not in the configuration, so its policies are not known",
                        named.span,
                    ),
                ),
            }
        }
    }
    for &(kind, property) in INLINE_LOGIN_PROFILES {
        for (id, user) in ctx.model.of_kind(&[kind]).collect::<Vec<_>>() {
            if !user.is_managed() {
                continue;
            }
            let Some(password) = user.get(property) else {
                continue;
            };
            match password.is_given() {
                Truth::Yes => judge(ctx, &grants, user, password.span, id),
                Truth::Unknown => ctx.unknown(user, password),
                Truth::No => {}
            }
        }
    }
}

/// Reports `holder` (the login profile, or the user carrying its password) when nothing that
/// reaches `user` requires MFA.
fn judge(
    ctx: &mut Context<'_>,
    grants: &UserGrants<'_>,
    holder: &Resource,
    at: Span,
    user: ResourceId,
) {
    let Some(user_resource) = ctx.model.get(user) else {
        return;
    };
    let reaching = grants.of_user(user);
    match verdict(&reaching) {
        Verdict::Required => {}
        Verdict::Undecided(why) => ctx.unknown(holder, &why),
        Verdict::NotRequired {
            allowed_at,
            near_guard,
        } => {
            let message = match allowed_at {
                Some(_) => format!(
                    "`{}` has a console password, and its policies allow requests made without MFA: none denies them or requires `aws:MultiFactorAuthPresent`",
                    user_resource.address
                ),
                None => format!(
                    "`{}` has a console password and no policy that requires MFA",
                    user_resource.address
                ),
            };
            ctx.report(holder, at, message);
            let mut related = Vec::new();
            if user_resource.span != holder.span {
                related.push((user_resource.span, "the user".to_string()));
            }
            if let Some(span) = allowed_at {
                related.push((span, "allowed without MFA".to_string()));
            }
            if let Some((span, gap)) = near_guard {
                related.push((span, format!("denies without MFA, but {gap}")));
            }
            if let Some(finding) = ctx.findings.last_mut() {
                finding.related = related;
            }
        }
    }
}

enum Verdict {
    Required,
    NotRequired {
        allowed_at: Option<Span>,
        /// A `Deny` on `aws:MultiFactorAuthPresent` that falls short of the guard, and how.
        near_guard: Option<(Span, String)>,
    },
    Undecided(Node),
}

/// A guard anywhere settles it (an explicit `Deny` wins over every `Allow`); otherwise a policy
/// not read leaves it undecided; otherwise MFA is required when every `Allow` requires it.
fn verdict(grants: &[PolicyGrant<'_>]) -> Verdict {
    let mut undecided: Option<Node> = None;
    let mut allowed_at: Option<Span> = None;
    let mut allows = false;
    for grant in grants {
        match grant {
            PolicyGrant::Statement(s) => {
                if s.effect != Effect::Allow {
                    match denies_without_mfa(s) {
                        Truth::Yes => return Verdict::Required,
                        Truth::Unknown => {
                            undecided.get_or_insert_with(|| {
                                Node::unknown(
                                    "whether this statement denies requests made without MFA is not known statically",
                                    s.span,
                                )
                            });
                        }
                        Truth::No => {}
                    }
                }
                if s.effect != Effect::Deny {
                    allows = true;
                    match allows_only_with_mfa(s) {
                        Truth::Yes => {}
                        Truth::No => {
                            allowed_at.get_or_insert(s.span);
                        }
                        Truth::Unknown => {
                            undecided.get_or_insert_with(|| {
                                Node::unknown(
                                    "whether this statement requires MFA is not known statically",
                                    s.span,
                                )
                            });
                        }
                    }
                }
            }
            PolicyGrant::Managed { at, .. } => {
                allows = true;
                allowed_at.get_or_insert(at.span);
            }
            PolicyGrant::Unknown(why) => {
                undecided.get_or_insert_with(|| why.clone());
            }
        }
    }
    if let Some(why) = undecided {
        return Verdict::Undecided(why);
    }
    if allows && allowed_at.is_none() {
        return Verdict::Required;
    }
    let near_guard = grants.iter().find_map(|g| match g {
        PolicyGrant::Statement(s) if s.effect == Effect::Deny => Some((s.span, guard_gap(s)?)),
        _ => None,
    });
    Verdict::NotRequired {
        allowed_at,
        near_guard,
    }
}

/// How a `Deny` that tests `aws:MultiFactorAuthPresent` falls short of the guard; `None` for
/// a statement that does not test it.
fn guard_gap(s: &Statement) -> Option<String> {
    let entries = s.conditions()?;
    if !entries.iter().any(|e| e.key == MFA_PRESENT) {
        return None;
    }
    if only_when_mfa_absent(s) == Truth::No {
        return Some(
            "its condition is not only `aws:MultiFactorAuthPresent` = `false`, so it applies to some requests only"
                .to_string(),
        );
    }
    if every_resource(s) == Truth::No {
        return Some("not on every resource".to_string());
    }
    let leaks: Vec<String> = s
        .not_actions
        .as_ref()
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(policy::action_text)
        .filter(|a| !MFA_SELF_SERVICE_ACTIONS.contains(&a.as_ref()))
        .map(|a| format!("`{a}`"))
        .collect();
    if !leaks.is_empty() {
        return Some(format!(
            "its NotAction also leaves {} allowed, beyond the MFA self-service actions",
            leaks.join(", ")
        ));
    }
    Some("it does not deny every action".to_string())
}

/// Is the statement the standard guard: a `Deny` of everything (but the MFA self-service
/// actions) on every resource, whenever `aws:MultiFactorAuthPresent` is false?
fn denies_without_mfa(s: &Statement) -> Truth {
    let effect = match s.effect {
        Effect::Deny => Truth::Yes,
        Effect::Allow => Truth::No,
        Effect::Unknown => Truth::Unknown,
    };
    effect
        .and(every_resource(s))
        .and(every_action_but_self_service(s))
        .and(only_when_mfa_absent(s))
}

fn every_resource(s: &Statement) -> Truth {
    if s.not_resources.is_some() {
        return Truth::No;
    }
    let Some(resources) = &s.resources else {
        return Truth::No;
    };
    resources
        .items()
        .iter()
        .map(policy::may_be_every_resource)
        .fold(Truth::No, Truth::or)
}

fn every_action_but_self_service(s: &Statement) -> Truth {
    if let Some(not_actions) = &s.not_actions {
        if not_actions.is_unknown() && not_actions.text_shape().is_none() {
            return Truth::Unknown;
        }
        let mut verdict = Truth::Yes;
        for element in not_actions.items() {
            match policy::action_text(element) {
                Some(action) if MFA_SELF_SERVICE_ACTIONS.contains(&action.as_ref()) => {}
                Some(_) => return Truth::No,
                None => verdict = Truth::Unknown,
            }
        }
        return verdict;
    }
    let Some(actions) = s.action_list() else {
        return Truth::Unknown;
    };
    let mut verdict = Truth::No;
    for element in actions {
        match element.as_str() {
            Some(action) if policy::is_full_wildcard(action) => return Truth::Yes,
            Some(_) => {}
            None => verdict = Truth::Unknown,
        }
    }
    verdict
}

/// The condition is only `Bool`/`BoolIfExists` `aws:MultiFactorAuthPresent` = `false`: another
/// key would make the `Deny` apply to some requests only.
fn only_when_mfa_absent(s: &Statement) -> Truth {
    let Some(entries) = s.conditions() else {
        return Truth::Unknown;
    };
    let mut verdict = Truth::No;
    for entry in &entries {
        let operator = entry.operator.to_ascii_lowercase();
        if entry.key != MFA_PRESENT || !(operator == "bool" || operator == "boolifexists") {
            return Truth::No;
        }
        verdict = all_values(entry.values, Truth::No);
    }
    verdict
}

/// Does a condition of the `Allow` hold only for sessions signed in with MFA?
fn allows_only_with_mfa(s: &Statement) -> Truth {
    let Some(entries) = s.conditions() else {
        return Truth::Unknown;
    };
    let mut verdict = Truth::No;
    for entry in &entries {
        let operator = entry.operator.to_ascii_lowercase();
        let requires =
            if entry.key == MFA_PRESENT && (operator == "bool" || operator == "boolifexists") {
                all_values(entry.values, Truth::Yes)
            } else if entry.key == MFA_AGE && operator.starts_with("numericless") {
                // The age key is absent without MFA, and a numeric operator without `IfExists`
                // fails on an absent key.
                Truth::Yes
            } else {
                Truth::No
            };
        verdict = verdict.or(requires);
    }
    verdict
}

/// Is every value of a condition entry the boolean `want`?
fn all_values(values: &Node, want: Truth) -> Truth {
    let items = values.items();
    if items.is_empty() {
        return Truth::No;
    }
    items
        .iter()
        .map(|v| match v.truth() {
            Truth::Unknown if v.is_unknown() => Truth::Unknown,
            Truth::Unknown => Truth::No,
            t => Truth::from_bool(t == want),
        })
        .fold(Truth::Yes, Truth::and)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::policy;
    use crate::graph::{Model, Origin};
    use crate::source::Span;

    fn statements(json: &str) -> Vec<Statement> {
        let model = Model::new(Origin::Terraform, Vec::new());
        let node = Node::string(json, Span::default());
        policy::document(&model, &crate::aws::identity::POLICIES, &node)
            .map(|d| d.statements)
            .unwrap_or_default()
    }

    fn guard(not_action: &str, condition: &str) -> String {
        format!(
            r#"{{"Statement":[{{"Effect":"Deny","NotAction":{not_action},"Resource":"*","Condition":{condition}}}]}}"#
        )
    }

    #[test]
    fn the_standard_guard_denies_without_mfa() {
        let doc = guard(
            r#"["iam:EnableMFADevice","sts:GetSessionToken"]"#,
            r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#,
        );
        let s = statements(&doc);
        assert_eq!(s.len(), 1);
        assert!(s.iter().all(|s| denies_without_mfa(s) == Truth::Yes));
    }

    #[test]
    fn a_guard_that_exempts_other_actions_or_adds_keys_is_no_guard() {
        for doc in [
            guard(
                r#"["iam:*"]"#,
                r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#,
            ),
            guard(
                r#"["sts:GetSessionToken"]"#,
                r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}"#,
            ),
            guard(
                r#"["sts:GetSessionToken"]"#,
                r#"{"Bool":{"aws:MultiFactorAuthPresent":"false"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
            ),
        ] {
            let s = statements(&doc);
            assert_eq!(s.len(), 1);
            assert!(
                s.iter().all(|s| denies_without_mfa(s) == Truth::No),
                "{doc}"
            );
            assert!(s.iter().all(|s| guard_gap(s).is_some()), "{doc}");
        }
    }

    #[test]
    fn allows_conditioned_on_mfa_require_it() {
        let s = statements(
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}},{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}]}"#,
        );
        assert_eq!(s.len(), 2);
        assert!(s.iter().all(|s| allows_only_with_mfa(s) == Truth::Yes));
        let grants: Vec<PolicyGrant<'_>> = s.iter().map(PolicyGrant::Statement).collect();
        assert!(matches!(verdict(&grants), Verdict::Required));
    }

    #[test]
    fn no_policy_at_all_requires_nothing() {
        assert!(matches!(
            verdict(&[]),
            Verdict::NotRequired {
                allowed_at: None,
                near_guard: None
            }
        ));
    }
}
