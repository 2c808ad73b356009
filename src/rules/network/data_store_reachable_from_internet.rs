use crate::graph::reachability::{EXPOSABLE_STORES, Step, describe};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-021",
    name: "data-store-reachable-from-internet",
    pillar: Pillar::Network,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data store is reachable from the internet on its port: every hop of the network path is open",
    docs: r#"
## What it checks
Databases the internet can actually reach, following every hop AWS evaluates for a packet from
the internet to the database port:
1. an internet gateway: a `0.0.0.0/0` (or `::/0`) route to it in the route table of a subnet the
   database may be placed in (the subnet's explicit association, else the VPC's main route
   table; NAT gateways and egress-only internet gateways do not count);
2. the subnet's network ACL admits TCP to the port from the whole internet, in rule order, and
   lets the replies out to the client's ephemeral ports (ACLs are stateless); a subnet without
   an ACL in the configuration uses the VPC's default ACL, which allows everything;
3. a security group of the database admits the port from `0.0.0.0/0` or `::/0`, of the same IP
   version as the route (a database with no group gets its VPC's default group, which admits
   only its own members unless `aws_default_security_group` says otherwise);
4. the database has a public address: `publicly_accessible = true` / `PubliclyAccessible:
   true`, or, in CloudFormation, `PubliclyAccessible` omitted on an `AWS::RDS::DBInstance`
   whose VPC has an internet gateway (the RDS API's default).

It judges RDS DB instances, Aurora cluster instances (their groups and port come from the
cluster), Multi-AZ DB clusters and Redshift clusters. The port is the database's `port` /
`Port`, else its engine's default (5432, 3306, 1521, 1433, 5439 for Redshift). ElastiCache,
DocumentDB, OpenSearch in a VPC and EFS mount targets never get a public address, so the
internet cannot reach them directly; they are judged by the paths through workloads.

The finding names the path, `internet → aws_internet_gateway.main → aws_route_table.public
(0.0.0.0/0) → aws_subnet.public_a → default network ACL → aws_security_group.db (tcp/5432 from
0.0.0.0/0) → aws_db_instance.orders (publicly accessible)`, and lists each hop as a related
location. When any hop depends on a value not known statically (a subnet, group or route table
outside the configuration, a computed flag, a Redshift cluster whose provider default depends
on its version), the question is undecided (`--show-unknown`), never a finding; a hop that is
known to be closed answers it, whatever else is unknown.

## How it relates to ZT-NET-003 and ZT-NET-004
ZT-NET-003 reports the public address and ZT-NET-004 the public subnet, each on its own: one
setting away from exposure. This rule reports only when the whole path is open, so its finding
is an exposure, not a risk. Fixing any one hop closes this finding; fix the others too.

## Why it matters
A reachable database port is one leaked or guessed credential away from the data, and is
scanned within minutes of creation. Zero trust keeps data stores off the internet altogether.

## How to fix
Close the path at the database: no public address, private subnets, and security groups that
admit the application's group only (`source_security_group_id` / `SourceSecurityGroupId`).

## References
- Amazon VPC User Guide, "Internet gateways", "Route tables", "Network ACLs" and "Security groups"
- Amazon RDS User Guide, "Working with a DB instance in a VPC" (publicly accessible)
- AWS Security Hub RDS.2 and Redshift.1; AWS Config rds-instance-public-access-check
"#,
    fix_terraform: "set publicly_accessible = false, place the database in subnets without an internet gateway route, and admit only the application's security group on its port",
    fix_cloudformation: "set PubliclyAccessible: false, place the database in subnets without an internet gateway route, and admit only the application's security group on its port",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let reach = ctx.reachability();
    for spec in EXPOSABLE_STORES {
        for store in ctx.resources(std::slice::from_ref(&spec.kind)) {
            match reach.data_store_from_internet(store) {
                (Step::Open(hops), Some(port)) => {
                    let message = format!(
                        "`{}` is reachable from the internet on tcp/{port}: {}",
                        store.address,
                        describe(&hops)
                    );
                    ctx.report_path(store, store.span, message, hops);
                }
                (Step::Undecided(node), _) => ctx.unknown(store, &node),
                _ => {}
            }
        }
    }
}
