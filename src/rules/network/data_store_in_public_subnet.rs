use crate::aws::networking::{CLUSTER_MEMBERSHIP, DATA_STORES, ROUTES};
use crate::graph::network::{self, placement};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-004",
    name: "data-store-in-public-subnet",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data store is placed in a public subnet",
    page: rule_page!("network/data_store_in_public_subnet.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for kind in DATA_STORES {
        for r in ctx.resources(std::slice::from_ref(&kind.kind)) {
            // Cluster members are judged once, at the cluster they belong to.
            if network::belongs_to_declared_cluster(model, &CLUSTER_MEMBERSHIP, r) {
                continue;
            }
            let Some(place) = placement(model, DATA_STORES, r, kind) else {
                continue;
            };
            let mut undecided: Option<&Node> = None;
            for subnet_node in &place.subnets {
                let Some(subnet) = network::subnet(model, &ROUTES, subnet_node) else {
                    undecided = Some(subnet_node);
                    continue;
                };
                match ctx.subnet_is_public(subnet) {
                    (Truth::Yes, route) => {
                        let subnet_name = model.get(subnet).map_or("", |s| s.address.as_str());
                        let why = route.map_or(String::new(), |route| {
                            format!(
                                " (route table `{}` routes the internet to an internet gateway)",
                                route.route_table.address
                            )
                        });
                        ctx.report(
                            r,
                            place.via.span,
                            format!(
                                "{} `{}` is placed in public subnet `{subnet_name}`{why}",
                                kind.label, r.address
                            ),
                        );
                        undecided = None;
                        break;
                    }
                    (Truth::Unknown, _) => undecided = Some(subnet_node),
                    (Truth::No, _) => {}
                }
            }
            if let Some(node) = undecided {
                ctx.unknown(r, node);
            }
        }
    }
}
