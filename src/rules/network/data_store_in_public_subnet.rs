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
            let mut undecided: Option<(&Node, String)> = None;
            for subnet_node in &place.subnets {
                let Some(subnet) = network::subnet(model, &ROUTES, subnet_node) else {
                    undecided = Some((subnet_node, unread_subnet(subnet_node)));
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
                    (Truth::Unknown, _) => {
                        let name = model.get(subnet).map_or("", |s| s.address.as_str());
                        undecided = Some((
                            subnet_node,
                            format!(
                                "whether subnet `{name}` routes the internet to an internet gateway is not known statically: its route table, a route or its VPC's main route table is not declared or not known"
                            ),
                        ));
                    }
                    (Truth::No, _) => {}
                }
            }
            if let Some((node, reason)) = undecided {
                ctx.undecided_because(r, node.span, reason);
            }
        }
    }
}

/// Why a subnet named by a data store is not one the configuration declares: its id is not
/// known statically, or it names a subnet declared elsewhere, whose routes are not shown.
fn unread_subnet(subnet: &Node) -> String {
    if let Some(reference) = subnet.as_reference() {
        return format!(
            "`{}` is not a subnet declared in this configuration, so whether it routes the internet to an internet gateway is not known",
            reference.address
        );
    }
    match (subnet.unknown_reason(), subnet.as_str()) {
        (Some(why), _) => format!("the subnet is not known statically ({why})"),
        (None, Some(id)) => format!(
            "subnet `{id}` is not declared in this configuration, so whether it routes the internet to an internet gateway is not known"
        ),
        (None, None) => "the subnet is not a subnet id or reference".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::unread_subnet;
    use crate::graph::{Node, Value};
    use crate::source::Span;

    #[test]
    fn an_undeclared_subnet_is_named() {
        let id = Node::new(Value::String("subnet-dba430ad".into()), Span::default());
        assert_eq!(
            unread_subnet(&id),
            "subnet `subnet-dba430ad` is not declared in this configuration, so whether it routes the internet to an internet gateway is not known"
        );
    }

    #[test]
    fn an_unknown_subnet_says_why() {
        let id = Node::unknown("parameter SubnetID has no default", Span::default());
        assert_eq!(
            unread_subnet(&id),
            "the subnet is not known statically (parameter SubnetID has no default)"
        );
    }
}
