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
    page: rule_page!("network/security_group_world_ingress_sensitive_port.md"),
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
