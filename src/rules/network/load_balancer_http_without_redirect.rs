use crate::aws::load_balancing;
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-010",
    name: "load-balancer-http-without-redirect",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Load balancer listener serves plain HTTP instead of redirecting to HTTPS",
    page: rule_page!("network/load_balancer_http_without_redirect.md"),
    check,
};

/// Is the listener's load balancer an Application Load Balancer? A listener without a protocol
/// speaks HTTP there (the provider's and the API's default), TCP on a Network Load Balancer.
fn on_application_load_balancer(ctx: &Context<'_>, node: Option<&Node>) -> Truth {
    let Some(node) = node else {
        return Truth::Unknown;
    };
    let kinds: Vec<&str> = load_balancing::LOAD_BALANCERS
        .iter()
        .map(|(k, _)| *k)
        .collect();
    if let Some((_, lb)) = ctx.model.resolve_kind(node, &kinds) {
        let key = load_balancing::LOAD_BALANCERS
            .iter()
            .find(|(k, _)| *k == lb.kind)
            .map_or("", |(_, key)| key);
        return match lb.get(key).filter(|t| !t.is_unset()) {
            None => Truth::Yes,
            Some(t) => match t.as_str() {
                Some(t) => Truth::from_bool(t == "application"),
                None => Truth::Unknown,
            },
        };
    }
    // A literal ARN says the type: `loadbalancer/app/...`, `/net/`, `/gwy/`.
    match node.as_str() {
        Some(arn) if arn.contains(":loadbalancer/app/") => Truth::Yes,
        Some(arn) if arn.contains(":loadbalancer/") => Truth::No,
        _ => Truth::Unknown,
    }
}

fn check(ctx: &mut Context<'_>) {
    for shape in load_balancing::LISTENERS {
        for r in ctx.resources(&[shape.kind]).collect::<Vec<_>>() {
            // A plan marks a protocol the configuration leaves out as computed: absent.
            let protocol = r.get(shape.protocol).filter(|p| !p.is_unset());
            let serves_http = match protocol {
                Some(p) => match p.as_str() {
                    Some(text) => Truth::from_bool(text.eq_ignore_ascii_case("HTTP")),
                    None => Truth::Unknown,
                },
                None => on_application_load_balancer(ctx, r.get(shape.load_balancer)),
            };
            match serves_http {
                Truth::No => continue,
                Truth::Unknown => {
                    let node = protocol
                        .cloned()
                        .unwrap_or_else(|| Node::unknown("load balancer type not known", r.span));
                    ctx.unknown(r, &node);
                    continue;
                }
                Truth::Yes => {}
            }
            let actions = r.get(shape.actions).map(Node::items).unwrap_or_default();
            let redirects = actions
                .iter()
                .map(|a| {
                    let is_redirect = a
                        .get(shape.action_type)
                        .and_then(Node::as_str)
                        .map(|t| t == "redirect");
                    let redirect = a
                        .get(shape.redirect)
                        .map(|r| r.items().first().unwrap_or(r));
                    // A redirect without a protocol keeps the request's (`#{protocol}`): HTTP.
                    let to_https = match redirect.map(|r| r.get(shape.redirect_protocol)) {
                        Some(Some(p)) => p.as_str().map(|p| p.eq_ignore_ascii_case("HTTPS")),
                        Some(None) => Some(false),
                        None => None,
                    };
                    match (is_redirect, to_https) {
                        (Some(true), Some(true)) => Truth::Yes,
                        (Some(false), _) | (Some(true), Some(false)) => Truth::No,
                        _ => Truth::Unknown,
                    }
                })
                .fold(Truth::No, Truth::or);
            let at = protocol.map_or(r.span, |p| p.span);
            let how = if protocol.is_some() {
                ""
            } else {
                " (no protocol: HTTP on an Application Load Balancer)"
            };
            match redirects {
                Truth::No => ctx.report(
                    r,
                    at,
                    format!(
                        "`{}` serves plain HTTP without redirecting to HTTPS{how}",
                        r.address
                    ),
                ),
                Truth::Unknown => ctx.unknown(
                    r,
                    protocol.unwrap_or(&Node::unknown("redirect target not known", r.span)),
                ),
                Truth::Yes => {}
            }
        }
    }
    // Classic load balancers cannot redirect: an HTTP listener serves plain HTTP.
    for &(kind, listeners, key) in load_balancing::CLASSIC_LISTENERS {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            for listener in r.get(listeners).map(Node::items).unwrap_or_default() {
                let Some(p) = listener.get(key) else { continue };
                match p.as_str() {
                    Some(text) if text.eq_ignore_ascii_case("HTTP") => ctx.report(
                        r,
                        p.span,
                        format!(
                            "`{}` (a classic load balancer) serves plain HTTP, which it cannot redirect",
                            r.address
                        ),
                    ),
                    Some(_) => {}
                    None => ctx.unknown(r, p),
                }
            }
        }
    }
}
