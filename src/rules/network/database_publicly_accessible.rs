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
    docs: r#"
## What it checks
RDS DB instances (also Aurora instances), Multi-AZ DB clusters, Redshift clusters, Neptune
instances and DMS replication instances that get a public IP address and a publicly resolvable
endpoint:
- `publicly_accessible = true` / `PubliclyAccessible: true`;
- CloudFormation only: `PubliclyAccessible` omitted. CloudFormation passes the omission to the
  RDS API, whose default is *public* when the DB subnet group's VPC has an internet gateway
  attached, or, without a subnet group, when the instance lands in the default VPC (which has an
  internet gateway unless someone removed it). The Terraform provider sends `false` when the
  argument is unset, so Terraform is only reported for an explicit `true`.
- DMS replication instances with `publicly_accessible` / `PubliclyAccessible` omitted, in both
  formats: the DMS API's default is `true`, and the Terraform provider leaves the argument to
  the API (optional and computed).
A VPC that is not declared in the same template makes the default unknown, and nothing is
reported.

## Why it matters
A public endpoint puts the database one security group rule away from the internet. Zero trust
keeps data stores private and reaches them through authenticated, private paths.

## How to fix
Terraform: `publicly_accessible = false` (or remove the argument).
CloudFormation: `PubliclyAccessible: false`, always explicitly.

## References
- AWS Security Hub RDS.2, Redshift.1, DMS.1
- AWS DMS API, `CreateReplicationInstance`: "The default value is true" for `PubliclyAccessible`
- CreateDBInstance API, `PubliclyAccessible` default behaviour
"#,
    fix_terraform: "set publicly_accessible = false and reach the database through private networking",
    fix_cloudformation: "set PubliclyAccessible: false explicitly; when omitted RDS decides by whether the VPC has an internet gateway",
    check,
};

const KINDS: &[&str] = &[
    "aws_db_instance",
    "aws_rds_cluster_instance",
    "aws_rds_cluster",
    "aws_redshift_cluster",
    "aws_neptune_cluster_instance",
    "aws_dms_replication_instance",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::Redshift::Cluster",
    "AWS::Neptune::DBInstance",
    "AWS::DMS::ReplicationInstance",
];

/// Kinds whose service makes them public when the flag is omitted: the DMS API's
/// `PubliclyAccessible` defaults to `true`, and neither the provider (optional and computed)
/// nor CloudFormation sends a value of its own.
const PUBLIC_BY_DEFAULT: &[&str] = &[
    "aws_dms_replication_instance",
    "AWS::DMS::ReplicationInstance",
];

fn check(ctx: &mut Context<'_>) {
    for r in ctx.resources(KINDS) {
        let flag = r
            .get("publicly_accessible")
            .or_else(|| r.get("PubliclyAccessible"));
        match flag.map(Node::truth) {
            Some(Truth::Yes) => {
                let node = flag.map_or(r.span, |n| n.span);
                ctx.report(r, node, format!("`{}` is publicly accessible", r.address));
            }
            Some(Truth::Unknown) => {
                if let Some(node) = flag {
                    ctx.unknown(r, node);
                }
            }
            Some(Truth::No) => {}
            None if r.kind == "AWS::RDS::DBInstance" => cloudformation_default(ctx, r),
            None if PUBLIC_BY_DEFAULT.contains(&r.kind.as_str()) => ctx.report(
                r,
                r.span,
                format!(
                    "`{}` does not set publicly accessible, and the service default is public",
                    r.address
                ),
            ),
            None => {}
        }
    }
}

/// `PubliclyAccessible` omitted on `AWS::RDS::DBInstance`: the RDS API default applies.
fn cloudformation_default(ctx: &mut Context<'_>, r: &Resource) {
    let Some(kind) = data_store_kind(&r.kind) else {
        return;
    };
    let model = ctx.model;
    // An Aurora instance is placed by its cluster; one outside the template is unknown.
    if let Some(cluster) = r.get("DBClusterIdentifier")
        && model
            .resolve_kind(cluster, &["AWS::RDS::DBCluster"])
            .is_none()
    {
        ctx.unknown(r, cluster);
        return;
    }
    match placement(model, r, kind) {
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
                .find_map(|s| network::subnet(model, s))
                .and_then(|s| network::vpc_of_subnet(model, s));
            let Some(vpc) = vpc else {
                ctx.unknown(r, place.via);
                return;
            };
            if network::vpc_has_internet_gateway(model, vpc).is_yes() {
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
