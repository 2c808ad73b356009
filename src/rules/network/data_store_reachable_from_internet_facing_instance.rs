use crate::aws::workloads::NETWORKED_WORKLOADS;
use crate::graph::reachability::{EXPOSABLE_STORES, Step, describe};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-022",
    name: "data-store-reachable-from-internet-facing-instance",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data store accepts its port from a workload the internet reaches (its security group or a CIDR holding its subnet)",
    docs: r#"
## What it checks
Databases one hop from the internet: a security group of the database admits its port from a
security group (or, with `self`, the same group) of a workload that the internet reaches, or
from a CIDR that holds the subnet the workload is reached in (`0.0.0.0/0` included).

Workloads are EC2 instances, auto-scaling groups (`vpc_zone_identifier` /
`VPCZoneIdentifier`; the security groups and public address switch of their launch template
or launch configuration), ECS services and task sets with awsvpc networking
(`network_configuration` / `NetworkConfiguration.AwsvpcConfiguration`, a task set's
`AwsVpcConfiguration`: subnets, security groups, `assign_public_ip` /
`AssignPublicIp`, off when absent) and Lambda functions in a VPC (never a public address).

The workload is internet-reachable when every hop AWS evaluates is open, as in `ZT-NET-021`: a
`0.0.0.0/0` or `::/0` route to an internet gateway in its subnet's route table (explicit
association, else the main route table), its subnet's network ACL both ways, a world rule of
one of its security groups (TCP ports as written; a rule for every protocol is followed on 443,
80 and 22), and a public address: `associate_public_ip_address` / `AssociatePublicIpAddress`
on the instance, its primary network interface or its launch template's interface, else the
subnet's `map_public_ip_on_launch` / `MapPublicIpOnLaunch`, or an Elastic IP (`aws_eip`,
`aws_eip_association`, `AWS::EC2::EIP`, `AWS::EC2::EIPAssociation`).

From the workload to the database: the database's group admits the port from the workload's
group or subnet, the workload's groups let the port out (to the world, a CIDR holding a
database subnet, or the database's group; a Terraform group without `egress` lets nothing out),
and the network ACLs of both subnets let the traffic and its replies across (lowest matching
rule number decides; subnets without an ACL in the configuration use the VPC's default ACL,
which allows all). Databases are RDS instances, Aurora cluster instances (the cluster's groups
and port), Multi-AZ DB clusters and Redshift clusters.

The finding names the whole path, `internet → ... → aws_instance.web (public address) →
aws_security_group.db (tcp/5432 from aws_security_group.web) → aws_db_instance.orders`, with
each hop as a related location. A hop that depends on a value not known statically makes the
question undecided (`--show-unknown`), never a finding.

## Workloads behind a load balancer
A workload reached only through an internet-facing load balancer counts here when the load
balancer forwards to one of its administrative ports (SSH, RDP, WinRM), the path `ZT-NET-023`
reports. A web tier behind a load balancer on its application port, admitting only the load
balancer's group, that talks to its database is the normal three-tier design: the load
balancer is the one entry, and the database is one request handler away from the internet by
intent. Reporting it would report every correctly layered application, so it is not counted;
its shared identities are (`ZT-NET-024`).

Not followed yet: auto-scaling groups with a mixed instances policy (undecided), EKS node
groups, instances with `network_interface` blocks, and workloads left undecided whose groups a
database admits only by CIDR.

## Why it matters
An instance the internet reaches is the first thing an attacker takes over. If it can open a
connection to the database, the database is one compromise from the internet, however private
its own subnet is. Zero trust puts something that authenticates every request (a load balancer
with authentication, a private service, IAM database authentication) between the two, and keeps
the instance itself off the internet.

## How to fix
Take the instance off the internet (private subnet, no public address, reached through a load
balancer or Session Manager), or admit the database port only from groups of workloads that are
not reachable from the internet.

## References
- AWS Well-Architected, SEC05-BP01 (create network layers) and SEC05-BP02 (control traffic
  flow within your network layers)
- Amazon VPC User Guide, "Security group rules" (referencing other security groups)
"#,
    fix_terraform: "admit the database port only from security groups of workloads the internet cannot reach, or take the instance off the internet",
    fix_cloudformation: "admit the database port only from security groups of workloads the internet cannot reach, or take the instance off the internet",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let reach = ctx.reachability_through_load_balancers();
    let instances = reach.reachable_workloads(NETWORKED_WORKLOADS);
    for spec in EXPOSABLE_STORES {
        for store in ctx.resources(std::slice::from_ref(&spec.kind)) {
            match reach.data_store_from_instances(store, &instances) {
                Step::Open(hops) => {
                    let message = format!(
                        "`{}` is reachable from a workload the internet reaches: {}",
                        store.address,
                        describe(&hops)
                    );
                    ctx.report_path(store, store.span, message, hops);
                }
                Step::Undecided(node) => ctx.unknown(store, &node),
                Step::Closed => {}
            }
        }
    }
}
