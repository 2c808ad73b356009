use crate::aws::exposure::{PEERING_ROUTES, PeeringRoute};
use crate::graph::security_group::is_world_cidr;
use crate::graph::{Node, Resource, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-030",
    name: "peering-route-to-everywhere",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Route sends all traffic through a VPC peering connection",
    page: rule_page!("network/peering_route_to_everywhere.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for shape in PEERING_ROUTES {
        for r in ctx
            .resources(std::slice::from_ref(&shape.kind))
            .collect::<Vec<_>>()
        {
            match shape.routes {
                None => judge_route(ctx, r, shape, |key| r.get(key)),
                Some(list) => {
                    for route in r.get(list).map(Node::items).unwrap_or_default() {
                        if route.is_unknown() {
                            ctx.unknown(r, route);
                            continue;
                        }
                        judge_route(ctx, r, shape, |key| route.get(key));
                    }
                }
            }
        }
    }
}

/// One route: reported when it goes through a peering connection to everywhere.
fn judge_route<'a>(
    ctx: &mut Context<'_>,
    r: &Resource,
    shape: &PeeringRoute,
    route: impl Fn(&str) -> Option<&'a Node>,
) {
    // Only a route to everywhere matters, whatever its target: judge the destination first,
    // so a peering id from a parameter leaves routes to the peer's CIDR decided.
    for key in shape.destinations {
        let Some(destination) = route(key) else {
            continue;
        };
        match destination.as_str() {
            Some(cidr) if is_world_cidr(cidr) => {}
            Some(_) => continue,
            None if destination.is_null() => continue,
            None => {
                // Undecided only if the route may go through a peering connection.
                if route(shape.peering).is_some_and(|p| p.is_given() != Truth::No) {
                    ctx.unknown(r, destination);
                }
                continue;
            }
        }
        let Some(peering) = route(shape.peering) else {
            continue;
        };
        match peering.is_given() {
            Truth::No => {}
            Truth::Unknown => ctx.unknown(r, peering),
            Truth::Yes => ctx.report(
                r,
                destination.span,
                format!(
                    "`{}` routes {} through a VPC peering connection",
                    r.address,
                    destination.as_str().unwrap_or_default().trim()
                ),
            ),
        }
    }
}
