use crate::aws::networking;
use crate::graph::security_group::is_world_cidr;
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "ZT-NET-009",
    name: "network-acl-allows-all-from-world",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Network ACL allows all inbound traffic from the internet",
    page: rule_page!("network/network_acl_allows_all_from_world.md"),
    check,
};

/// (protocol, action, cidr fields) of one entry.
fn allows_all_from_world(entry: &Node, fields: [&str; 4]) -> (Truth, Option<Span>) {
    let [protocol, action, v4, v6] = fields;
    let all = match entry.get(protocol).and_then(Node::scalar_text) {
        Some(p) => Truth::from_bool(matches!(p.trim(), "-1" | "all")),
        None => Truth::Unknown,
    };
    let allow = match entry.get(action).and_then(Node::as_str) {
        Some(a) => Truth::from_bool(a.eq_ignore_ascii_case("allow")),
        None => Truth::Unknown,
    };
    let world = [v4, v6]
        .iter()
        .filter_map(|k| entry.get(k))
        .find(|c| c.as_str().is_some_and(is_world_cidr));
    match world {
        Some(cidr) => (all.and(allow), Some(cidr.span)),
        None => (Truth::No, None),
    }
}

fn check(ctx: &mut Context<'_>) {
    let inline = &networking::INLINE_ACL_ENTRIES;
    for r in ctx.resources(inline.kinds).collect::<Vec<_>>() {
        for entry in r.get(inline.ingress).map(Node::items).unwrap_or_default() {
            match allows_all_from_world(entry, inline.fields) {
                (Truth::Yes, Some(span)) => ctx.report(
                    r,
                    span,
                    format!(
                        "`{}` allows all inbound traffic from the internet",
                        r.address
                    ),
                ),
                // As for separate entries: an unknown protocol or action is said, not dropped.
                (Truth::Unknown, _) => ctx.unknown(r, entry),
                _ => {}
            }
        }
    }
    for separate in networking::ACL_ENTRY_RESOURCES {
        let (egress, fields) = (separate.egress, separate.fields);
        for r in ctx
            .resources(std::slice::from_ref(&separate.kind))
            .collect::<Vec<_>>()
        {
            // Entries are inbound unless they say otherwise.
            if r.get(egress).map_or(Truth::No, Node::truth) != Truth::No {
                continue;
            }
            let whole = Node::new(crate::graph::Value::Map(r.attrs.clone()), r.span);
            match allows_all_from_world(&whole, fields) {
                (Truth::Yes, Some(span)) => ctx.report(
                    r,
                    span,
                    format!(
                        "`{}` allows all inbound traffic from the internet",
                        r.address
                    ),
                ),
                (Truth::Unknown, Some(span)) => ctx.unknown(
                    r,
                    &Node::unknown("protocol or action not known statically", span),
                ),
                _ => {}
            }
        }
    }
}
