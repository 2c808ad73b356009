use crate::graph::Truth;
use crate::graph::security_group::{self, Direction, PeerKind, Protocol, unknown_rule_node};
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
2375/2376, kubelet 10250), a database port (MSSQL 1433/1434, Oracle 1521, MySQL 3306, PostgreSQL
5432, Redis 6379, Memcached 11211, MongoDB 27017, Elasticsearch 9200/9300, Cassandra 9042,
mSQL 4333), one of the other high-risk ports of AWS Security Hub EC2.19 (FTP 20/21, SMTP 25,
POP3 110, MS RPC 135, IMAP 143, SMB 445, 3000, 5000, VNC 5500, Kibana 5601, 8080, 8088, 8888),
or every port (protocol `-1`/`all`, or TCP/UDP 0–65535). Ports are TCP, except SQL Server
Browser (1434) and RDP (3389), which also count over UDP.

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

/// Whether a listed port is reached over TCP, UDP or both.
#[derive(Clone, Copy)]
enum Transport {
    Tcp,
    Both,
}

/// Ports named in findings, with what they are: the administrative and database ports above,
/// and the high-risk ports of AWS Security Hub EC2.19.
const SENSITIVE_PORTS: &[(i64, Transport, &str)] = &[
    (20, Transport::Tcp, "FTP data"),
    (21, Transport::Tcp, "FTP"),
    (22, Transport::Tcp, "SSH"),
    (23, Transport::Tcp, "Telnet"),
    (25, Transport::Tcp, "SMTP"),
    (110, Transport::Tcp, "POP3"),
    (135, Transport::Tcp, "MS RPC"),
    (143, Transport::Tcp, "IMAP"),
    (445, Transport::Tcp, "SMB"),
    (1433, Transport::Tcp, "MSSQL"),
    // SQL Server Browser answers on UDP.
    (1434, Transport::Both, "MSSQL Browser"),
    (1521, Transport::Tcp, "Oracle"),
    (2375, Transport::Tcp, "Docker API"),
    (2376, Transport::Tcp, "Docker API (TLS)"),
    (3000, Transport::Tcp, "web development servers (3000)"),
    (3306, Transport::Tcp, "MySQL"),
    (3389, Transport::Both, "RDP"),
    (4333, Transport::Tcp, "mSQL"),
    (5000, Transport::Tcp, "web development servers (5000)"),
    (5432, Transport::Tcp, "PostgreSQL"),
    (5500, Transport::Tcp, "VNC"),
    (5601, Transport::Tcp, "Kibana"),
    (5985, Transport::Tcp, "WinRM"),
    (5986, Transport::Tcp, "WinRM (HTTPS)"),
    (6379, Transport::Tcp, "Redis"),
    (8080, Transport::Tcp, "HTTP proxy / alternate HTTP"),
    (8088, Transport::Tcp, "Hadoop YARN"),
    (8888, Transport::Tcp, "Jupyter / alternate HTTP"),
    (9042, Transport::Tcp, "Cassandra"),
    (9200, Transport::Tcp, "Elasticsearch"),
    (9300, Transport::Tcp, "Elasticsearch transport"),
    (10250, Transport::Tcp, "kubelet"),
    (11211, Transport::Tcp, "Memcached"),
    (27017, Transport::Tcp, "MongoDB"),
];

/// The listed ports that `admits` (protocol, port) says yes to, as "name (port)", and whether
/// one of them could not be decided.
pub fn sensitive_ports_where(
    mut admits: impl FnMut(&Protocol, i64) -> Truth,
) -> (Vec<String>, bool) {
    let mut open = Vec::new();
    let mut undecided = false;
    for (port, transport, name) in SENSITIVE_PORTS {
        let protocols: &[Protocol] = match transport {
            Transport::Tcp => &[Protocol::Tcp],
            Transport::Both => &[Protocol::Tcp, Protocol::Udp],
        };
        let verdict = protocols
            .iter()
            .fold(Truth::No, |t, p| t.or(admits(p, *port)));
        match verdict {
            Truth::Yes => open.push(format!("{name} ({port})")),
            Truth::Unknown => undecided = true,
            Truth::No => {}
        }
    }
    (open, undecided)
}

/// Does the rule admit one of the administrative, database or high-risk ports?
pub fn exposes_sensitive_port(rule: &security_group::SecurityGroupRule<'_>) -> bool {
    !sensitive_ports_where(|p, port| rule.covers_port(p, port))
        .0
        .is_empty()
}

fn check(ctx: &mut Context<'_>) {
    for rule in ctx.security_group_rules() {
        if rule.direction != Direction::Ingress {
            continue;
        }
        if rule.unknown {
            ctx.unknown(rule.declared_by, &unknown_rule_node(rule));
            continue;
        }
        let exposed = if rule.covers_all_ports().is_yes() {
            Some("all ports".to_string())
        } else {
            let (open, _) = sensitive_ports_where(|p, port| rule.covers_port(p, port));
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
