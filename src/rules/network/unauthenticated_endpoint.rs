use crate::aws::endpoints;
use crate::graph::Node;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-013",
    name: "unauthenticated-endpoint",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Lambda function URL or API route is callable without authentication",
    page: rule_page!("network/unauthenticated_endpoint.md"),
    check,
};

fn is_none(value: &Node) -> Option<bool> {
    value.as_str().map(|v| v.eq_ignore_ascii_case("NONE"))
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for endpoint in endpoints::AUTHORIZATION {
        let (auth, method, none_by_default) =
            (endpoint.auth, endpoint.method, endpoint.none_by_default);
        for r in ctx
            .resources(std::slice::from_ref(&endpoint.kind))
            .collect::<Vec<_>>()
        {
            // WebSocket APIs authorize on $connect only; other routes cannot carry authorization.
            if let Some(route) = endpoint.route {
                let protocol = r
                    .get(route.api)
                    .and_then(|a| model.resolve_kind(a, route.api_kinds))
                    .and_then(|(_, api)| api.get(route.protocol))
                    .and_then(Node::as_str);
                let route_key = r.get(route.route_key).and_then(Node::as_str);
                match protocol {
                    Some("WEBSOCKET") if route_key != Some("$connect") => continue,
                    Some(_) => {}
                    // Without the API we cannot tell a WebSocket route from an HTTP one.
                    None if route_key.is_some_and(|k| k.starts_with('$') && k != "$default") => {
                        continue;
                    }
                    None => {}
                }
            }
            if let Some(m) = method.and_then(|m| r.get(m))
                && m.as_str()
                    .is_some_and(|m| m.eq_ignore_ascii_case("OPTIONS"))
            {
                continue;
            }
            match r.get(auth).filter(|v| !v.is_null()) {
                None if none_by_default => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` can be called without authentication ({auth} defaults to NONE)",
                        r.address
                    ),
                ),
                None => {}
                Some(value) => match is_none(value) {
                    Some(true) => ctx.report(
                        r,
                        value.span,
                        format!("`{}` can be called without authentication", r.address),
                    ),
                    Some(false) => {}
                    None => ctx.unknown(r, value),
                },
            }
        }
    }
}
