use crate::aws::workloads::NETWORKED_WORKLOADS;
use crate::graph::Resource;
use crate::graph::reachability::{ADMIN_PORTS, INSTANCES, Step, describe};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-023",
    name: "instance-admin-port-reachable-from-internet",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EC2 instance or launched workload is reachable from the internet on an administrative port: every hop of the network path is open",
    docs: r#"
## What it checks
EC2 instances, auto-scaling groups, ECS services and task sets (awsvpc) and Lambda functions in
a VPC the internet reaches on a remote administration port: SSH (22), RDP (3389) or WinRM (5985, 5986).
Every hop AWS evaluates must be open, as in `ZT-NET-021`:
- a `0.0.0.0/0` or `::/0` route to an internet gateway in the route table of the instance's
  subnet (explicit association, else the VPC's main route table);
- the subnet's network ACL admits the port from the internet and lets the replies out (rule
  order applies; no ACL in the configuration means the VPC's default ACL, which allows all);
- a security group of the workload admits the port from `0.0.0.0/0` or `::/0` (an
  auto-scaling group's groups are its launch template's or launch configuration's);
- a public address: `associate_public_ip_address` / `AssociatePublicIpAddress` (on the instance,
  its primary network interface, or the launch template's interface or launch configuration),
  else the subnet's `map_public_ip_on_launch` / `MapPublicIpOnLaunch`, or an Elastic IP
  associated with the instance. An ECS service or task set has one only with `assign_public_ip = true` /
  `AssignPublicIp: ENABLED` (the subnet's setting does not apply), a Lambda function never.

Or the workload, public address or not, is a target of an internet-facing load balancer that
forwards to the administrative port (the bastion or debug port put behind an ALB):
- the load balancer is internet-facing (`internal` false or absent; `Scheme` absent or
  `internet-facing`), one of its subnets reaches the internet as above on the listener port,
  and its security groups admit that port from the internet (a network load balancer without
  security groups lets everything through);
- its listener (`default_action` / `DefaultActions`) or a listener rule (`action` / `Actions`)
  forwards to a target group (`target_group_arn` / `TargetGroupArn`, or the groups of a
  weighted forward configuration), whose port (or the registration's own port, or an ECS
  service's `container_port` / `ContainerPort`) is the administrative port;
- the workload is registered with it: `aws_lb_target_group_attachment`,
  `aws_autoscaling_attachment`, the `Targets` of the target group, an auto-scaling group's
  `target_group_arns` / `TargetGroupARNs`, an ECS service's or task set's `load_balancer` /
  `LoadBalancers`;
  a classic load balancer (`aws_elb`, `AWS::ElasticLoadBalancing::LoadBalancer`) is its own
  target group, sending each listener's port to its `instance_port` / `InstancePort` on the
  instances it lists or that register with it (`aws_elb_attachment`, an auto-scaling group's
  `load_balancers` / `LoadBalancerNames`, `aws_autoscaling_attachment`'s `elb`);
- a group of the workload admits the port from a group of the load balancer, the world, or a
  CIDR holding the load balancer's subnet where the target sees the load balancer's address:
  always behind an application or classic load balancer, behind a network load balancer only
  when its target group turns client IP preservation off (`preserve_client_ip = "false"`, the
  `preserve_client_ip.enabled` attribute; off by default for IP targets over TCP or TLS, on
  for instance targets). The world's IPv6 range (`::/0`) admits only the clients of a
  dual-stack network load balancer (`ip_address_type` / `IpAddressType` `dualstack...`) that
  passes their own address on: other load balancers reach their targets over IPv4. The load
  balancer's groups let it out, and the network ACLs of both subnets let it across both ways.

The path then reads `internet → ... → aws_security_group.alb (tcp/443 from 0.0.0.0/0) →
aws_lb.front (tcp/443) → aws_lb_listener_rule.debug → aws_lb_target_group.admin (tcp/22) →
aws_autoscaling_group.admin (registered) → aws_security_group.admin (tcp/22 from
aws_security_group.alb) → aws_autoscaling_group.admin`. A target port not known statically
makes the question undecided, and so does a registration (on the workload, or an attachment
resource) with a target group or classic load balancer not known statically (a module input).

The finding names the path, `internet → aws_internet_gateway.main → aws_route_table.public
(0.0.0.0/0) → aws_subnet.public_a → default network ACL → aws_security_group.jump (tcp/22 from
0.0.0.0/0) → aws_instance.jump (public address)`, with every hop as a related location. A hop
that depends on a value not known statically makes the question undecided (`--show-unknown`).
An auto-scaling group is reached through the first of its subnets with an open path. Not
followed yet: instances with `network_interface` blocks, auto-scaling groups with a mixed
instances policy (undecided), EKS node groups, listeners whose target group is not in the
configuration, and targets registered by a literal IP address.

## How it relates to ZT-NET-001
ZT-NET-001 judges the security group alone: a world rule on a sensitive port, wherever the
group is used. This rule reports the instance only when the port is actually reachable, so its
finding is an open door rather than an unlocked one. A group with a world SSH rule attached to a
private instance is reported by ZT-NET-001 only.

## Why it matters
An administrative port reachable from the internet is brute-forced and scanned for known
vulnerabilities around the clock. Zero trust reaches instances through an authenticated,
logged broker instead (Session Manager, EC2 Instance Connect Endpoint, a bastion behind SSO).

## How to fix
Remove the world rule on the administrative port and use AWS Systems Manager Session Manager
or EC2 Instance Connect Endpoint; or take the instance off the internet (private subnet, no
public address). Behind a load balancer, remove the listener or rule forwarding to the
administrative port.

## References
- AWS Security Hub EC2.13, EC2.14 and EC2.19
- AWS Systems Manager User Guide, "Session Manager"
"#,
    fix_terraform: "drop the 0.0.0.0/0 rule on the administrative port and reach the instance through Session Manager or EC2 Instance Connect Endpoint",
    fix_cloudformation: "drop the 0.0.0.0/0 rule on the administrative port and reach the instance through Session Manager or EC2 Instance Connect Endpoint",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let reach = ctx.reachability_through_load_balancers();
    for (id, instance) in model.of_kind(INSTANCES) {
        if !instance.is_managed() {
            continue;
        }
        let verdict = reach.instance_from_internet_on(id, instance, ADMIN_PORTS);
        report(ctx, instance, verdict);
    }
    for spec in NETWORKED_WORKLOADS {
        for (id, workload) in model.of_kind(std::slice::from_ref(&spec.kind)) {
            if !workload.is_managed() {
                continue;
            }
            let verdict = reach.workload_from_internet_on(id, workload, spec, ADMIN_PORTS);
            report(ctx, workload, verdict);
        }
    }
}

fn report(ctx: &mut Context<'_>, workload: &Resource, verdict: (Step, Option<i64>)) {
    match verdict {
        (Step::Open(hops), Some(port)) => {
            let message = format!(
                "`{}` is reachable from the internet on administrative port tcp/{port}: {}",
                workload.address,
                describe(&hops)
            );
            ctx.report_path(workload, workload.span, message, hops);
        }
        (Step::Undecided(node), _) => ctx.unknown(workload, &node),
        _ => {}
    }
}
