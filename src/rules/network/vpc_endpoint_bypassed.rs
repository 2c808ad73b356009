use crate::aws::networking::ENDPOINTS;
use crate::graph::vpc_endpoint::{endpoint_type, has_route_table, vpc_private_dns_ready};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-020",
    name: "vpc-endpoint-bypassed",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "VPC endpoint carries no traffic: a gateway endpoint without route tables, or private DNS in a VPC that cannot resolve it",
    page: rule_page!("network/vpc_endpoint_bypassed.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for names in ENDPOINTS {
        for (id, r) in model.of_kind(std::slice::from_ref(&names.kind)) {
            if !r.is_managed() {
                continue;
            }
            let kind = endpoint_type(r, names);
            match kind.map(str::to_ascii_lowercase).as_deref() {
                Some("gateway") => match has_route_table(model, id, r, names) {
                    Truth::No => ctx.report(
                        r,
                        r.span,
                        format!(
                            "`{}` is a gateway endpoint with no route table, so no traffic takes it",
                            r.address
                        ),
                    ),
                    Truth::Unknown => {
                        let undecided = r.get(names.route_tables).cloned().unwrap_or_else(|| {
                            Node::unknown(
                                "a route table association names its endpoint with a value not known statically",
                                r.span,
                            )
                        });
                        ctx.unknown(r, &undecided);
                    }
                    Truth::Yes => {}
                },
                Some("interface") => {
                    let dns = r.get(names.private_dns).filter(|n| !n.is_null());
                    if !dns.is_some_and(|n| n.truth().is_yes()) {
                        continue;
                    }
                    let Some((ready, vpc, culprit)) = vpc_private_dns_ready(model, r, names)
                    else {
                        continue;
                    };
                    match ready {
                        Truth::No => ctx.report(
                            r,
                            dns.map_or(r.span, |n| n.span),
                            format!(
                                "`{}` enables private DNS, but `{}` lacks DNS support or DNS hostnames",
                                r.address, vpc.address
                            ),
                        ),
                        Truth::Unknown => {
                            if let Some(node) = culprit {
                                ctx.unknown(r, node);
                            }
                        }
                        Truth::Yes => {}
                    }
                }
                // Gateway load balancer endpoints take no routes and no DNS of their own.
                Some(_) => {}
                None => {
                    if let Some(kind) = r.get(names.endpoint_type) {
                        ctx.unknown(r, kind);
                    }
                }
            }
        }
    }
}
