use crate::aws::networking;
use crate::graph::security_group::is_world_cidr;
use crate::graph::{Node, Truth};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-012",
    name: "eks-public-endpoint",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EKS cluster API endpoint is open to the whole internet",
    page: rule_page!("network/eks_public_endpoint.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for endpoint in networking::CLUSTER_ENDPOINTS {
        let config = endpoint.config;
        let public = endpoint.public_access;
        let cidrs = endpoint.public_cidrs;
        for r in ctx
            .resources(std::slice::from_ref(&endpoint.kind))
            .collect::<Vec<_>>()
        {
            let (is_public, public_node) = match setting(r, &[config, public]) {
                Setting::Absent => (Truth::Yes, None),
                Setting::Value(v) | Setting::UnknownBlock(v) => (v.truth(), Some(v)),
            };
            if is_public.is_no() {
                continue;
            }
            let (open, at) = match setting(r, &[config, cidrs]) {
                Setting::Absent => (Truth::Yes, None),
                Setting::Value(list) | Setting::UnknownBlock(list) if list.is_unknown() => {
                    (Truth::Unknown, Some(list))
                }
                Setting::Value(list) | Setting::UnknownBlock(list) => match list
                    .items()
                    .iter()
                    .find(|c| c.as_str().is_some_and(is_world_cidr))
                {
                    Some(world) => (Truth::Yes, Some(world)),
                    None if list.items().iter().any(Node::is_unknown) => {
                        (Truth::Unknown, Some(list))
                    }
                    None => (Truth::No, None),
                },
            };
            match is_public.and(open) {
                Truth::Yes => {
                    let span = at.or(public_node).map_or(r.span, |n| n.span);
                    ctx.report(
                        r,
                        span,
                        format!(
                            "`{}` exposes the Kubernetes API endpoint to 0.0.0.0/0",
                            r.address
                        ),
                    );
                }
                Truth::Unknown => ctx.unknown(
                    r,
                    at.or(public_node).unwrap_or(&Node::unknown(
                        "endpoint access not known statically",
                        r.span,
                    )),
                ),
                Truth::No => {}
            }
        }
    }
}
