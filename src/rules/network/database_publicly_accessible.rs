use crate::aws::exposure::{self, WhenAbsent};
use crate::aws::networking::{DATA_STORES, ROUTES};
use crate::fix::{Change, Literal};
use crate::graph::network::{self, data_store_kind, placement};
use crate::graph::{Node, Resource, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-003",
    name: "database-publicly-accessible",
    pillar: Pillar::Network,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Database is publicly accessible from the internet",
    page: rule_page!("network/database_publicly_accessible.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in exposure::PUBLICLY_ACCESSIBLE {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            let flag = r.get(entry.flag);
            match flag.map(Node::truth) {
                Some(Truth::Yes) => {
                    let node = flag.map_or(r.span, |n| n.span);
                    let changes = if exposure::PRIVATE_IN_PLACE.contains(&r.kind.as_str()) {
                        vec![Change::Set {
                            span: node,
                            value: Literal::Bool(false),
                        }]
                    } else {
                        Vec::new()
                    };
                    ctx.report_fixable(
                        r,
                        node,
                        format!("`{}` is publicly accessible", r.address),
                        changes,
                    );
                }
                Some(Truth::Unknown) => {
                    if let Some(node) = flag {
                        ctx.unknown(r, node);
                    }
                }
                Some(Truth::No) => {}
                None => match entry.absent {
                    WhenAbsent::Private => {}
                    WhenAbsent::Public => ctx.report(
                        r,
                        r.span,
                        format!(
                            "`{}` does not set publicly accessible, and the service default is public",
                            r.address
                        ),
                    ),
                    WhenAbsent::ByPlacement {
                        cluster,
                        cluster_kinds,
                    } => placement_default(ctx, r, cluster, cluster_kinds),
                },
            }
        }
    }
}

/// The flag omitted where the RDS API decides by placement.
fn placement_default(
    ctx: &mut Context<'_>,
    r: &Resource,
    cluster_key: &str,
    cluster_kinds: &[&str],
) {
    let Some(kind) = data_store_kind(DATA_STORES, &r.kind) else {
        return;
    };
    let model = ctx.model;
    // An Aurora instance is placed by its cluster; one outside the template is unknown.
    if let Some(cluster) = r.get(cluster_key)
        && model.resolve_kind(cluster, cluster_kinds).is_none()
    {
        ctx.unknown(r, cluster);
        return;
    }
    match placement(model, DATA_STORES, r, kind) {
        None => ctx.report(
            r,
            r.span,
            format!(
                "`{}` has no DBSubnetGroupName and no PubliclyAccessible, so RDS places it in the default VPC and makes it public",
                r.address
            ),
        ),
        Some(place) => {
            let vpc = place
                .subnets
                .iter()
                .find_map(|s| network::subnet(model, &ROUTES, s))
                .and_then(|s| network::vpc_of_subnet(model, &ROUTES, s));
            let Some(vpc) = vpc else {
                ctx.unknown(r, place.via);
                return;
            };
            if network::vpc_has_internet_gateway(model, &ROUTES, vpc).is_yes() {
                let name = model.get(vpc).map_or("its VPC", |v| v.address.as_str());
                ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` omits PubliclyAccessible and `{name}` has an internet gateway, so RDS makes the instance public",
                        r.address
                    ),
                );
            }
        }
    }
}
