use crate::graph::network::{self, DATA_STORES, placement};
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
    docs: r#"
## What it checks
Data stores placed in a public subnet: RDS and Aurora (instances and clusters), DocumentDB,
Neptune, Redshift, ElastiCache, OpenSearch/Elasticsearch in a VPC, MSK and EMR. The subnets are
followed through the subnet group (`aws_db_subnet_group`, `AWS::RDS::DBSubnetGroup`, ...) or
the cluster an instance belongs to.

A subnet is public when the route table it uses routes `0.0.0.0/0` or `::/0` to an internet
gateway. The route table is the one explicitly associated with the subnet, else the VPC's main
route table (`aws_main_route_table_association`, `aws_default_route_table`; a new VPC's main
route table has only the local route). A NAT gateway route does not make a subnet public, and
neither does `map_public_ip_on_launch` alone: without a route to an internet gateway, nothing
is reachable. Subnets, route tables or gateways outside the configuration are unknown, and
nothing is reported.

## Why it matters
The data tier belongs in private subnets with no route from the internet. In a public subnet,
one change (a public IP, a permissive security group) exposes it.

## How to fix
Use a subnet group whose subnets route `0.0.0.0/0` through a NAT gateway (or not at all).

## References
- AWS Config rds-instance-subnet-igw-check
- AWS Well-Architected, SEC05-BP01 (create network layers)
"#,
    fix_terraform: "place the data store in private subnets: a subnet group whose route tables have no 0.0.0.0/0 route to an internet gateway",
    fix_cloudformation: "place the data store in private subnets: a subnet group whose route tables have no 0.0.0.0/0 route to an internet gateway",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for kind in DATA_STORES {
        for r in ctx.resources(std::slice::from_ref(&kind.kind)) {
            // Cluster members are judged once, at the cluster they belong to.
            if network::belongs_to_declared_cluster(model, r) {
                continue;
            }
            let Some(place) = placement(model, r, kind) else {
                continue;
            };
            let mut undecided: Option<&Node> = None;
            for subnet_node in &place.subnets {
                let Some(subnet) = network::subnet(model, subnet_node) else {
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
