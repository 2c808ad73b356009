use crate::aws::identity::DEVICE_ACTIONS;
use crate::graph::arn::Arn;
use crate::graph::policy::{Effect, PolicyKind, Statement, action_text, wildcard_match};
use crate::graph::value::THIS_ACCOUNT;
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-027",
    name: "iot-policy-unscoped",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IoT policy lets a device act on every client, topic or thing",
    page: rule_page!("identity/iot_policy_unscoped.md"),
    check,
};

/// Could a resource element name every resource of `kind` (`*`, or an ARN whose resource part
/// matches every `<kind>/...` with IAM wildcards: `*`, `<kind>/*`, `topic*`, `*/*`)? A
/// reference names one resource. A partly known ARN is decided when its only unknown parts are
/// the deployment's region and account (plain tokens, see `Node::literal_text`), and otherwise
/// undecided only when its known parts allow such a resource part.
fn covers_every(resource: &Node, kind: &str) -> Truth {
    if resource.as_reference().is_some() {
        return Truth::No;
    }
    if let Some(text) = resource.deployed_text() {
        // The account token holds colons the ARN does not have: it fills one field.
        let text = text.replace(THIS_ACCOUNT, "this-account");
        return match arn_resource_part(&text) {
            Some(part) => Truth::from_bool(part_covers_every(part, kind)),
            None => Truth::from_bool(text == "*"),
        };
    }
    // Read with the deployment's region and account as plain tokens: complete when no other
    // part is unknown, and then its resource part is literal text.
    if let Some((text, true)) = resource.literal_text("x")
        && let Some(part) = arn_resource_part(&text)
    {
        return Truth::from_bool(part_covers_every(part, kind));
    }
    let Some(shape) = resource.text_shape() else {
        return Truth::Unknown;
    };
    let Some(part) = arn_resource_part(shape) else {
        // An unknown part may hold colons: only a shape without one is decided.
        return if shape.contains('*') {
            Truth::Unknown
        } else {
            Truth::No
        };
    };
    // A `*` in a shape is an unknown part or a literal wildcard: undecided where either could
    // make it every resource of the kind.
    if wildcard_match(part, "*")
        || wildcard_match(part, &format!("{kind}/*"))
        || part_covers_every(part, kind)
    {
        Truth::Unknown
    } else {
        Truth::No
    }
}

/// The resource part of an ARN: what follows its fifth colon.
fn arn_resource_part(text: &str) -> Option<&str> {
    Arn::parse(text).map(|arn| arn.resource)
}

/// Does a resource part, read with IAM wildcards (`*` any run, `?` one character), match every
/// `<kind>/<id>` whatever the id? It must match `<kind>/` and then leave only `*`s. The IoT
/// policy variable `${iot:ClientId}` in a client ARN is the client id the connecting device
/// itself sends, whatever it is: every client (Device Defender's "IoT policies overly
/// permissive" audit check treats it so).
fn part_covers_every(part: &str, kind: &str) -> bool {
    if kind == "client" && part == "client/${iot:ClientId}" {
        return true;
    }
    let pattern: Vec<char> = part.chars().collect();
    // Positions in the pattern reachable after reading `<kind>/`, `*` matching any run; a set
    // as flags, so a long pattern costs its length per character read.
    let mut states = vec![false; pattern.len() + 1];
    if let Some(first) = states.first_mut() {
        *first = true;
    }
    skip_stars(&pattern, &mut states);
    for c in kind.chars().chain(std::iter::once('/')) {
        let mut next = vec![false; pattern.len() + 1];
        for (s, p) in pattern.iter().enumerate() {
            if !states.get(s).copied().unwrap_or(false) {
                continue;
            }
            let to = match p {
                '*' => s,
                '?' => s + 1,
                p if *p == c => s + 1,
                _ => continue,
            };
            if let Some(flag) = next.get_mut(to) {
                *flag = true;
            }
        }
        skip_stars(&pattern, &mut next);
        states = next;
    }
    states.iter().enumerate().any(|(s, reached)| {
        *reached
            && pattern
                .get(s..)
                .is_some_and(|rest| rest.iter().all(|c| *c == '*'))
    })
}

/// Marks the positions reachable by letting each `*` match nothing.
fn skip_stars(pattern: &[char], states: &mut [bool]) {
    for (s, p) in pattern.iter().enumerate() {
        if *p == '*'
            && states.get(s).copied().unwrap_or(false)
            && let Some(after) = states.get_mut(s + 1)
        {
            *after = true;
        }
    }
}

/// The device actions a statement allows, each with its ARN resource type; the element that
/// leaves one undecided.
fn device_actions(s: &Statement) -> (Vec<(&'static str, &'static str)>, Option<&Node>) {
    let mut granted = Vec::new();
    let mut undecided = None;
    if let Some(not_actions) = &s.not_actions {
        if not_actions.is_unknown() {
            return (granted, Some(not_actions));
        }
        for &(action, kind) in DEVICE_ACTIONS {
            let mut excluded = Truth::No;
            for n in not_actions.items() {
                excluded = excluded.or(match action_text(n) {
                    Some(pattern) => Truth::from_bool(wildcard_match(&pattern, action)),
                    None => Truth::Unknown,
                });
            }
            match excluded {
                Truth::No => granted.push((action, kind)),
                Truth::Unknown => undecided = undecided.or(Some(not_actions)),
                Truth::Yes => {}
            }
        }
        return (granted, undecided);
    }
    let Some(actions) = s.action_list() else {
        return (granted, s.actions.as_ref());
    };
    for a in actions {
        match action_text(a) {
            Some(pattern) => granted.extend(
                DEVICE_ACTIONS
                    .iter()
                    .filter(|(action, _)| wildcard_match(&pattern, action))
                    .filter(|g| !granted.contains(*g))
                    .copied()
                    .collect::<Vec<_>>(),
            ),
            None => undecided = undecided.or(Some(a)),
        }
    }
    (granted, undecided)
}

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Device) {
        for s in &attached.document.statements {
            if s.effect != Effect::Allow {
                continue;
            }
            let (granted, undecided_action) = device_actions(s);
            if granted.is_empty() {
                if let Some(node) = undecided_action {
                    ctx.unknown(attached.resource, node);
                }
                continue;
            }
            // NotResource grants every resource but those listed.
            let resources: Vec<(&Node, Vec<Truth>)> = match (&s.not_resources, s.resource_list()) {
                (Some(not_resources), _) => {
                    let every = if not_resources.is_unknown() {
                        Truth::Unknown
                    } else {
                        Truth::Yes
                    };
                    vec![(not_resources, vec![every; granted.len()])]
                }
                (None, Some(list)) => list
                    .iter()
                    .map(|r| (r, granted.iter().map(|(_, k)| covers_every(r, k)).collect()))
                    .collect(),
                (None, None) => {
                    if let Some(node) = &s.resources {
                        ctx.unknown(attached.resource, node);
                    }
                    continue;
                }
            };
            for (resource, covered) in resources {
                let mut actions: Vec<&str> = Vec::new();
                let mut kinds: Vec<&str> = Vec::new();
                for ((action, kind), truth) in granted.iter().zip(&covered) {
                    if truth.is_yes() {
                        actions.push(action);
                        if !kinds.contains(kind) {
                            kinds.push(kind);
                        }
                    }
                }
                let undecided = covered.contains(&Truth::Unknown);
                if actions.is_empty() {
                    if undecided {
                        ctx.unknown(attached.resource, resource);
                    }
                    continue;
                }
                // A condition (`iot:ClientId` equal to the thing's name) may scope it again.
                if s.condition.is_some() {
                    let scoped = Node::unknown(
                        "every resource of the kind, unless the statement's condition scopes it to the device's own",
                        resource.span,
                    );
                    ctx.unknown(attached.resource, &scoped);
                    continue;
                }
                let more = match actions.len() {
                    1 => String::new(),
                    n => format!(" and {} more", n - 1),
                };
                let kinds = match kinds.split_last() {
                    Some((last, [])) => last.to_string(),
                    Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                    None => String::new(),
                };
                ctx.report(
                    attached.resource,
                    resource.span,
                    format!(
                        "`{}` allows {}{more} on every {kinds} resource: any device holding it \
                         acts for the whole fleet",
                        attached.resource.address,
                        actions.first().copied().unwrap_or_default(),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn every_resource_of_a_kind() {
        let s = |t: &str| Node::string(t, Span::default());
        assert!(covers_every(&s("*"), "client").is_yes());
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:client/*"), "client").is_yes());
        assert!(covers_every(&s("arn:aws:iot:*:*:*"), "topic").is_yes());
        assert!(covers_every(&s("arn:aws:iot:*:*:client/*"), "topic").is_no());
        let own = "arn:aws:iot:us-east-1:111122223333:client/${iot:Connection.Thing.ThingName}";
        assert!(covers_every(&s(own), "client").is_no());
        // The client id the device sends is any client id.
        let any = "arn:aws:iot:us-east-1:111122223333:client/${iot:ClientId}";
        assert!(covers_every(&s(any), "client").is_yes());
        let own_topic = "arn:aws:iot:us-east-1:111122223333:topic/${iot:ClientId}";
        assert!(covers_every(&s(own_topic), "topic").is_no());
        assert!(covers_every(&s("arn:aws:iot:*:*:topic/sensors/*"), "topic").is_no());
        // IAM wildcards in the resource part: a prefix of the kind, or any kind.
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:topic*"), "topic").is_yes());
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:*/*"), "thing").is_yes());
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:cli*"), "client").is_yes());
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:?lient/*"), "client").is_yes());
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:topic*/a"), "topic").is_no());
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:topic??"), "topic").is_no());
        assert!(covers_every(&s("arn:aws:iot:us-east-1:111122223333:client/d*"), "client").is_no());
        let shaped = |t: &str| Node::unknown_shaped("region", t.into(), Span::default());
        // The account token is one field, not three.
        let mut this_account = crate::graph::value::TextBuilder::default();
        this_account.push_str("arn:aws:iot:us-east-1:");
        this_account.push_value(&Node::this_account(Span::default()));
        this_account.push_str(":client/*");
        let this_account = this_account.finish("template uses ", Span::default());
        assert!(covers_every(&this_account, "client").is_yes());
        // The deployment's region and account unknown, the resource part literal after them:
        // decided.
        let arn_in = |region: Node| {
            let mut built = crate::graph::value::TextBuilder::default();
            built.push_str("arn:aws:iot:");
            built.push_value(&region);
            built.push_str(":");
            built.push_value(&Node::this_account(Span::default()));
            built.push_str(":client/*");
            built.finish("template uses ", Span::default())
        };
        let built = arn_in(Node::plain_unknown(
            "the deployment's region",
            Span::default(),
        ));
        assert!(covers_every(&built, "client").is_yes());
        assert!(covers_every(&built, "topic").is_no());
        // A region from an input may hold anything, colons included: undecided.
        let from_input = arn_in(Node::unknown("var.region", Span::default()));
        assert_eq!(covers_every(&from_input, "client"), Truth::Unknown);
        // An unknown part inside the resource part leaves it undecided.
        let mut inside = crate::graph::value::TextBuilder::default();
        inside.push_str("arn:aws:iot:us-east-1:111122223333:client/");
        inside.push_value(&Node::unknown("var.client", Span::default()));
        let inside = inside.finish("template uses ", Span::default());
        assert_eq!(covers_every(&inside, "client"), Truth::Unknown);
        assert_eq!(
            covers_every(&shaped("arn:aws:iot:*:*:client/*"), "client"),
            Truth::Unknown
        );
        assert!(covers_every(&shaped("arn:aws:iot:*:*:topic/sensors/*"), "topic").is_no());
    }
}
