use crate::graph::arn::Arn;
use crate::graph::policy::{
    Effect, PolicyKind, Statement, action_text, is_full_wildcard, may_be_every_resource,
    wildcard_match,
};
use crate::graph::value::THIS_ACCOUNT;
use crate::graph::{Node, Truth, Value};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-018",
    name: "iam-policy-decrypts-with-any-key",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy allows decrypting with every KMS key",
    page: rule_page!("data/iam_policy_decrypts_with_any_key.md"),
    check,
};

/// Actions that return plaintext of data encrypted under a key.
const DECRYPT_ACTIONS: &[&str] = &["kms:decrypt", "kms:reencryptfrom"];

/// Condition keys that pick the keys a statement applies to.
const KEY_SELECTING_CONDITIONS: &[&str] = &["kms:resourcealiases", "kms:requestalias"];

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow || statement.not_actions.is_some() {
                continue;
            }
            let Some((action, matched)) = decrypt_action(statement) else {
                continue;
            };
            let every_key = match every_key(statement) {
                Ok(t) => t,
                Err(unknown) => {
                    ctx.unknown(attached.resource, &unknown);
                    continue;
                }
            };
            if !every_key {
                continue;
            }
            match selects_keys(statement) {
                Truth::Yes => continue,
                Truth::Unknown => {
                    if let Some(condition) = &statement.condition {
                        ctx.unknown(attached.resource, condition);
                    }
                    continue;
                }
                Truth::No => {}
            }
            ctx.report(
                attached.resource,
                action.span,
                format!(
                    "`{}` allows `{}` (matching {matched}) on every KMS key: it can read whatever any key encrypts",
                    attached.resource.address,
                    action.as_str().unwrap_or_default()
                ),
            );
        }
    }
}

/// The first action element matching a decrypt action, other than `*` and `kms:*`, which the
/// wildcard rules report.
fn decrypt_action(statement: &Statement) -> Option<(&Node, &'static str)> {
    statement.action_list()?.iter().find_map(|action| {
        let pattern = action_text(action)?;
        if is_full_wildcard(&pattern) || pattern == "kms:*" {
            return None;
        }
        DECRYPT_ACTIONS
            .iter()
            .find(|a| wildcard_match(&pattern, a))
            .map(|a| (action, *a))
    })
}

/// Do the statement's resources include every KMS key? `Err` with the element that is not
/// known statically, or that leaves undecided how many keys remain.
fn every_key(statement: &Statement) -> Result<bool, Node> {
    // `NotResource` allows every resource it does not list: every key, unless it lists them all.
    if let Some(excluded) = &statement.not_resources {
        for resource in excluded.items() {
            if resource.as_reference().is_some() {
                continue;
            }
            match pattern_text(resource) {
                Some(text) if excludes_every_key(&text) || is_full_wildcard(&text) => {
                    return Ok(false);
                }
                // `arn:aws:kms:eu-west-1:111122223333:key/*` leaves out the keys of one region
                // of one account: the keys of every other region and account stay allowed.
                Some(text) if names_every_key(&text) => {
                    return Err(Node::unknown(
                        "NotResource leaves out the keys of one region or account only: whether allowing every other key counts as every key is not decided here",
                        resource.span,
                    ));
                }
                Some(_) => {}
                None => return Err(resource.clone()),
            }
        }
        return Ok(true);
    }
    // One element may stand alone (a reference, or an unknown that may be a whole list).
    let Some(resources) = statement.resources.as_ref().map(Node::items) else {
        return Ok(false);
    };
    let mut undecided = None;
    for resource in resources {
        // A reference is the ARN of one key (or of something else), never a pattern.
        if resource.as_reference().is_some() {
            continue;
        }
        if let Some(text) = pattern_text(resource) {
            if names_every_key(&text) {
                return Ok(true);
            }
            continue;
        }
        // A partly known ARN such as `arn:aws:kms:${region}:${account}:key/${id}` has the
        // shape of every key whether or not its unknown key part is `*`.
        let shaped_like_every_key = resource.text_shape().is_some_and(names_every_key);
        if shaped_like_every_key || may_be_every_resource(resource) == Truth::Unknown {
            undecided.get_or_insert(resource);
        }
    }
    undecided.cloned().map_or(Ok(false), Err)
}

/// The text of a resource element as far as it decides which keys it matches: the deployed
/// account (`graph::value::THIS_ACCOUNT`) and region are unknown but cannot change that, nor can
/// a reference (the ARN or id of one resource, which holds no wildcard).
fn pattern_text(resource: &Node) -> Option<String> {
    if let Some(text) = resource.deployed_text() {
        return Some(text.replace(THIS_ACCOUNT, "account"));
    }
    // Unknown only in plain fields (the region, the account): its wildcards are its own.
    if let Some((text, true)) = resource.literal_text("x") {
        return Some(text.into_owned());
    }
    let Value::Unknown(unknown) = &resource.value else {
        return None;
    };
    let (shape, hole) = (unknown.shape.as_deref()?, unknown.hole.as_deref()?);
    let at = hole.0;
    if shape.get(at..=at) != Some("*") {
        return None;
    }
    Some(format!("{}x{}", shape.get(..at)?, shape.get(at + 1..)?))
}

/// `*`, or a KMS ARN pattern (`arn:partition:kms:region:account:resource`) whose resource part
/// matches every key: `key/*`, `*`.
fn names_every_key(text: &str) -> bool {
    let text = text.trim().to_ascii_lowercase();
    if text == "*" {
        return true;
    }
    Arn::parse(&text).is_some_and(|arn| {
        wildcard_match(arn.service, "kms") && matches!(arn.resource, "*" | "key/*")
    })
}

/// Does a pattern match every KMS key of every region and account (`*`, `arn:aws:kms:*:*:key/*`)?
/// What `NotResource` must list to leave no key allowed. A region or account field that is not
/// `*` (even the deployment's own region) matches the keys of that one only.
fn excludes_every_key(text: &str) -> bool {
    if !names_every_key(text) {
        return false;
    }
    let text = text.trim();
    text == "*" || Arn::parse(text).is_some_and(|arn| arn.region == "*" && arn.account == "*")
}

/// Does a positive condition pick particular keys (by tag or alias)?
fn selects_keys(statement: &Statement) -> Truth {
    let Some(entries) = statement.conditions() else {
        return Truth::Unknown;
    };
    Truth::from_bool(entries.iter().any(|c| {
        c.is_positive()
            && (c.key.starts_with("aws:resourcetag/")
                || KEY_SELECTING_CONDITIONS.contains(&c.key.as_str()))
    }))
}

#[cfg(test)]
mod tests {
    use super::{excludes_every_key, names_every_key};

    #[test]
    fn only_patterns_of_every_region_and_account_exclude_every_key() {
        assert!(excludes_every_key("*"));
        assert!(excludes_every_key("arn:aws:kms:*:*:key/*"));
        assert!(excludes_every_key("arn:aws:kms:*:*:*"));
        assert!(!excludes_every_key(
            "arn:aws:kms:eu-west-1:111122223333:key/*"
        ));
        assert!(!excludes_every_key("arn:aws:kms:*:111122223333:key/*"));
        assert!(!excludes_every_key("arn:aws:kms:x:account:key/*"));
        assert!(!excludes_every_key("arn:aws:kms:*:*:alias/*"));
    }

    #[test]
    fn key_patterns_that_name_every_key() {
        assert!(names_every_key("*"));
        assert!(names_every_key("arn:aws:kms:*:*:key/*"));
        assert!(names_every_key("arn:aws:kms:eu-west-1:111122223333:key/*"));
        assert!(names_every_key("arn:aws:*:*:*:*"));
        assert!(!names_every_key(
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        ));
        assert!(!names_every_key(
            "arn:aws:kms:eu-west-1:111122223333:alias/*"
        ));
        assert!(!names_every_key("arn:aws:s3:::bucket/*"));
    }
}
