use crate::graph::security_group::{Direction, PeerKind, unknown_rule_node};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-002",
    name: "security-group-unrestricted-egress",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Security group allows all outbound traffic to the whole internet",
    docs: r#"
## What it checks
Security group egress rules that allow every protocol and port (`-1`/`all`, or TCP/UDP
0–65535) to `0.0.0.0/0` or `::/0`.

The defaults differ by tool, and this rule follows each:
- CloudFormation: an `AWS::EC2::SecurityGroup` without `SecurityGroupEgress` keeps the rule AWS
  creates for every VPC security group, allow-all to `0.0.0.0/0`; it is reported at the
  group's logical id. Declaring any `SecurityGroupEgress` rule replaces it. Separate
  `AWS::EC2::SecurityGroupEgress` resources do not remove it.
- Terraform: the AWS provider deletes that default rule, so an `aws_security_group` without
  `egress` blocks has no egress at all and is not reported.

## Why it matters
Unrestricted egress lets a compromised workload reach any command-and-control server and
exfiltrate data anywhere. Zero trust scopes outbound traffic to the destinations a workload
needs (VPC endpoints, specific services, a proxy).

## How to fix
Declare only the egress a workload needs, e.g. HTTPS to a prefix list or VPC endpoint.

Terraform:
```hcl
egress {
  from_port       = 443
  to_port         = 443
  protocol        = "tcp"
  prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]
}
```
CloudFormation (declaring any egress rule removes the default allow-all rule):
```yaml
SecurityGroupEgress:
  - IpProtocol: tcp
    FromPort: 443
    ToPort: 443
    DestinationPrefixListId: !Ref S3PrefixList
```

## References
- No AWS Security Hub control checks the egress of other than default groups (EC2.18 is about
  ingress; EC2.2, default groups, is `ZT-NET-006`)
- NIST SP 800-207, tenet 6 (dynamic, least-privilege access)
"#,
    fix_terraform: "replace the allow-all egress rule with the specific destinations and ports the workload needs",
    fix_cloudformation: "declare SecurityGroupEgress with only the destinations and ports needed (this also removes AWS's default allow-all rule)",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for rule in ctx.security_group_rules() {
        if rule.direction != Direction::Egress {
            continue;
        }
        if rule.unknown {
            ctx.unknown(rule.declared_by, &unknown_rule_node(rule));
            continue;
        }
        if !rule.covers_all_ports().is_yes() {
            continue;
        }
        for peer in &rule.peers {
            match (peer.kind, peer.node) {
                (PeerKind::World, Some(node)) => ctx.report(
                    rule.declared_by,
                    node.span,
                    format!(
                        "`{}` allows all outbound traffic to {}",
                        rule.declared_by.address,
                        node.as_str().unwrap_or("the internet")
                    ),
                ),
                (PeerKind::World, None) => ctx.report(
                    rule.declared_by,
                    rule.span,
                    format!(
                        "`{}` has no SecurityGroupEgress, so AWS's default rule allows all outbound traffic to 0.0.0.0/0",
                        rule.declared_by.address
                    ),
                ),
                (PeerKind::Unknown, Some(node)) => ctx.unknown(rule.declared_by, node),
                _ => {}
            }
        }
    }
}
