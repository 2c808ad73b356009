use crate::graph::security_group::{self, Direction, PeerKind, unknown_rule_node};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-001",
    name: "security-group-world-ingress-sensitive-port",
    pillar: Pillar::Network,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Security group allows ingress from the whole internet to an administrative or database port",
    docs: r#"
## What it checks
Security group ingress rules whose source is `0.0.0.0/0` or `::/0` (any prefix of length zero)
and that admit an administrative port (SSH 22, Telnet 23, RDP 3389, WinRM 5985/5986, Docker
2375/2376, kubelet 10250) or a database port (MSSQL 1433, Oracle 1521, MySQL 3306, PostgreSQL
5432, Redis 6379, Memcached 11211, MongoDB 27017, Elasticsearch 9200/9300, Cassandra 9042), or
every port (protocol `-1`/`all`, or TCP/UDP 0–65535).

Rules are found wherever they are declared: inline `ingress` blocks (also `dynamic` ones),
`aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`, CloudFormation
`SecurityGroupIngress` and `AWS::EC2::SecurityGroupIngress`. A CIDR that is not known
statically (an unset variable, a parameter without default) is not reported.

With the `allowed_admin_cidrs` option in `.zt-lint.toml`, the rule is stricter: these ports may
be reached only from those networks, and any other CIDR source is reported too.

## Why it matters
Zero trust never grants network reachability to "anyone": management and data ports open to
the internet are found by scanners within minutes and are the first step of most intrusions.

## How to fix
Remove the rule, or restrict the source to the networks that need it (a VPN or bastion CIDR, a
prefix list, or another security group). Prefer AWS Systems Manager Session Manager over SSH/RDP.

Terraform:
```hcl
ingress {
  from_port       = 22
  to_port         = 22
  protocol        = "tcp"
  security_groups = [aws_security_group.bastion.id]
}
```
CloudFormation:
```yaml
SecurityGroupIngress:
  - IpProtocol: tcp
    FromPort: 22
    ToPort: 22
    SourceSecurityGroupId: !Ref BastionSecurityGroup
```

## References
- CIS AWS Foundations Benchmark v3.0, controls 5.2 and 5.3
- AWS Security Hub EC2.13, EC2.14, EC2.19
"#,
    fix_terraform: "restrict the source to known networks (cidr_blocks of a VPN/bastion, a prefix list, or security_groups) or use SSM Session Manager",
    fix_cloudformation: "restrict CidrIp/CidrIpv6 to known networks, or use SourceSecurityGroupId / SourcePrefixListId",
    check,
};

/// Ports named in findings, with what they are.
const SENSITIVE_PORTS: &[(i64, &str)] = &[
    (22, "SSH"),
    (23, "Telnet"),
    (1433, "MSSQL"),
    (1521, "Oracle"),
    (2375, "Docker API"),
    (2376, "Docker API (TLS)"),
    (3306, "MySQL"),
    (3389, "RDP"),
    (5432, "PostgreSQL"),
    (5985, "WinRM"),
    (5986, "WinRM (HTTPS)"),
    (6379, "Redis"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch transport"),
    (10250, "kubelet"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
];

/// Does the rule admit TCP to one of the administrative or database ports?
pub fn exposes_sensitive_port(rule: &security_group::SecurityGroupRule<'_>) -> bool {
    SENSITIVE_PORTS
        .iter()
        .any(|(port, _)| rule.covers_tcp_port(*port).is_yes())
}

fn check(ctx: &mut Context<'_>) {
    for rule in security_group::rules(ctx.model) {
        if rule.direction != Direction::Ingress {
            continue;
        }
        if rule.unknown {
            ctx.unknown(rule.declared_by, &unknown_rule_node(&rule));
            continue;
        }
        let exposed = if rule.covers_all_ports().is_yes() {
            Some("all ports".to_string())
        } else {
            let open: Vec<String> = SENSITIVE_PORTS
                .iter()
                .filter(|(port, _)| rule.covers_tcp_port(*port).is_yes())
                .map(|(port, name)| format!("{name} ({port})"))
                .collect();
            (!open.is_empty()).then(|| open.join(", "))
        };
        for peer in &rule.peers {
            match (peer.kind, &exposed) {
                (PeerKind::World, Some(ports)) => {
                    let (span, cidr) = match peer.node {
                        Some(node) => (
                            node.span,
                            node.as_str().unwrap_or("the internet").to_string(),
                        ),
                        None => (rule.span, "the internet".to_string()),
                    };
                    ctx.report(
                        rule.declared_by,
                        span,
                        format!(
                            "`{}` allows ingress from {cidr} to {ports}",
                            rule.declared_by.address
                        ),
                    );
                }
                (PeerKind::Restricted, Some(ports))
                    if !ctx.options.allowed_admin_cidrs.is_empty() =>
                {
                    // With allowed_admin_cidrs configured, admin ports may be reached only from
                    // those networks; prefix lists and security groups are not CIDRs.
                    let Some(node) = peer.node else { continue };
                    let Some(cidr) = node.as_str() else { continue };
                    if !cidr.contains('/') {
                        continue;
                    }
                    let allowed = ctx
                        .options
                        .allowed_admin_cidrs
                        .iter()
                        .any(|a| security_group::cidr_within(cidr, a));
                    if !allowed {
                        ctx.report(
                            rule.declared_by,
                            node.span,
                            format!(
                                "`{}` allows ingress from {cidr} to {ports}, outside allowed_admin_cidrs",
                                rule.declared_by.address
                            ),
                        );
                    }
                }
                (PeerKind::Unknown, Some(_)) => {
                    if let Some(node) = peer.node {
                        ctx.unknown(rule.declared_by, node);
                    }
                }
                _ => {}
            }
        }
    }
}
