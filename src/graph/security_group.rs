//! One view of security group rules, whatever declared them: `aws_security_group` inline blocks,
//! `aws_default_security_group`, `aws_security_group_rule`, `aws_vpc_security_group_*_rule`,
//! `AWS::EC2::SecurityGroup` properties and `AWS::EC2::SecurityGroupIngress/Egress`.

use super::{Model, Node, Resource, ResourceId, Truth, Value};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `-1` / `all`: every protocol and port; port fields are ignored.
    All,
    Tcp,
    Udp,
    Icmp,
    /// Another IP protocol number: it has no ports.
    Other(String),
    Unknown,
}

impl Protocol {
    pub fn parse(node: Option<&Node>) -> Protocol {
        let Some(text) = node.and_then(Node::scalar_text) else {
            return Protocol::Unknown;
        };
        match text.trim().to_ascii_lowercase().as_str() {
            "-1" | "all" => Protocol::All,
            "tcp" | "6" => Protocol::Tcp,
            "udp" | "17" => Protocol::Udp,
            "icmp" | "1" | "icmpv6" | "58" => Protocol::Icmp,
            other => Protocol::Other(other.to_string()),
        }
    }
}

/// Where traffic may come from (ingress) or go to (egress).
#[derive(Clone, Debug)]
pub struct Peer<'a> {
    /// The CIDR value; `None` for the implicit rule AWS adds by itself.
    pub node: Option<&'a Node>,
    pub kind: PeerKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeerKind {
    /// `0.0.0.0/0` or `::/0` (any prefix of length zero).
    World,
    /// A narrower CIDR, a prefix list or another security group.
    Restricted,
    Unknown,
}

/// One effective rule.
#[derive(Clone, Debug)]
pub struct SecurityGroupRule<'a> {
    pub direction: Direction,
    /// The resource that declares the rule (the group itself, or a separate rule resource).
    pub declared_in: ResourceId,
    pub declared_by: &'a Resource,
    /// The group the rule belongs to, when it is in this model.
    pub group: Option<ResourceId>,
    pub protocol: Protocol,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub peers: Vec<Peer<'a>>,
    /// Security groups named as the peer (`security_groups`, `source_security_group_id`,
    /// `SourceSecurityGroupId`, ...), as written.
    pub peer_groups: Vec<&'a Node>,
    /// `self = true`: the group's own members are the peer.
    pub peer_is_own_group: bool,
    /// The rule block, or the resource header when the rule is implicit or a resource.
    pub span: Span,
    /// A rule AWS creates by itself (CloudFormation's default allow-all egress).
    pub implicit: bool,
    /// The whole rule is unknown (a `dynamic` block over an unknown collection, `!If`...).
    pub unknown: bool,
}

impl SecurityGroupRule<'_> {
    /// Does the rule admit TCP traffic to `port`?
    pub fn covers_tcp_port(&self, port: i64) -> Truth {
        self.covers_port(&Protocol::Tcp, port)
    }

    /// Does the rule admit UDP traffic to `port`?
    pub fn covers_udp_port(&self, port: i64) -> Truth {
        self.covers_port(&Protocol::Udp, port)
    }

    /// Does the rule admit `wanted` (TCP or UDP) traffic to `port`?
    pub fn covers_port(&self, wanted: &Protocol, port: i64) -> Truth {
        match &self.protocol {
            Protocol::All => Truth::Yes,
            p if p == wanted => match (self.from_port, self.to_port) {
                (Some(-1), Some(-1)) => Truth::Yes,
                (Some(from), Some(to)) => Truth::from_bool(from <= port && port <= to),
                _ => Truth::Unknown,
            },
            Protocol::Unknown => Truth::Unknown,
            _ => Truth::No,
        }
    }

    /// Every protocol, or every TCP/UDP port.
    pub fn covers_all_ports(&self) -> Truth {
        match &self.protocol {
            Protocol::All => Truth::Yes,
            Protocol::Tcp | Protocol::Udp => match (self.from_port, self.to_port) {
                (Some(from), Some(to)) => {
                    Truth::from_bool((from <= 0 && to >= 65535) || (from == -1 && to == -1))
                }
                _ => Truth::Unknown,
            },
            Protocol::Unknown => Truth::Unknown,
            _ => Truth::No,
        }
    }

    /// The peers that are the whole internet.
    pub fn world_peers(&self) -> impl Iterator<Item = &Peer<'_>> {
        self.peers.iter().filter(|p| p.kind == PeerKind::World)
    }
}

/// A node standing for a rule that is unknown as a whole, for `--show-unknown`.
pub fn unknown_rule_node(rule: &SecurityGroupRule<'_>) -> Node {
    Node::unknown(
        "security group rule not known statically (a dynamic block over an unknown collection, or computed in the plan)",
        rule.span,
    )
}

/// Is the network `inner` inside `outer` (both CIDRs of the same IP version)?
pub fn cidr_within(inner: &str, outer: &str) -> bool {
    fn parse(cidr: &str) -> Option<(std::net::IpAddr, u32)> {
        let (addr, len) = cidr.trim().split_once('/')?;
        Some((addr.trim().parse().ok()?, len.trim().parse().ok()?))
    }
    let (Some((a, a_len)), Some((b, b_len))) = (parse(inner), parse(outer)) else {
        return false;
    };
    if a_len < b_len {
        return false;
    }
    match (a, b) {
        (std::net::IpAddr::V4(a), std::net::IpAddr::V4(b)) if b_len <= 32 => {
            let mask = if b_len == 0 {
                0
            } else {
                u32::MAX << (32 - b_len)
            };
            u32::from(a) & mask == u32::from(b) & mask
        }
        (std::net::IpAddr::V6(a), std::net::IpAddr::V6(b)) if b_len <= 128 => {
            let mask = if b_len == 0 {
                0
            } else {
                u128::MAX << (128 - b_len)
            };
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
    }
}

/// `0.0.0.0/0`, `::/0` and any other prefix of length zero.
pub fn is_world_cidr(cidr: &str) -> bool {
    let Some((address, len)) = cidr.trim().split_once('/') else {
        return false;
    };
    len.trim() == "0" && address.trim().parse::<std::net::IpAddr>().is_ok()
}

fn peer(node: &Node) -> Peer<'_> {
    let kind = match &node.value {
        Value::String(s) if is_world_cidr(s) => PeerKind::World,
        Value::String(_) | Value::Null => PeerKind::Restricted,
        _ => PeerKind::Unknown,
    };
    Peer {
        node: Some(node),
        kind,
    }
}

pub const GROUP_KINDS: &[&str] = &[
    "aws_security_group",
    "aws_default_security_group",
    "AWS::EC2::SecurityGroup",
];

/// All security group rules of a model, in model order.
pub fn rules(model: &Model) -> Vec<SecurityGroupRule<'_>> {
    let mut out = Vec::new();
    for (i, r) in model.resources.iter().enumerate() {
        let id = ResourceId(i);
        if !r.is_managed() {
            continue;
        }
        let rule = |group, direction, fields| Declared {
            id,
            resource: r,
            group,
            direction,
            fields,
        };
        match r.kind.as_str() {
            "aws_security_group" | "aws_default_security_group" => {
                for (key, direction) in [
                    ("ingress", Direction::Ingress),
                    ("egress", Direction::Egress),
                ] {
                    for block in r.get(key).map(Node::items).unwrap_or_default() {
                        out.push(
                            rule(Some(id), direction, Fields::Block(block)).terraform(&INLINE),
                        );
                    }
                }
            }
            "aws_security_group_rule" => {
                let direction = match r.get("type").and_then(Node::as_str) {
                    Some("ingress") => Direction::Ingress,
                    Some("egress") => Direction::Egress,
                    _ => continue,
                };
                let group = group_of(model, r.get("security_group_id"));
                out.push(rule(group, direction, Fields::Resource).terraform(&INLINE));
            }
            "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule" => {
                let direction = if r.kind.ends_with("ingress_rule") {
                    Direction::Ingress
                } else {
                    Direction::Egress
                };
                let group = group_of(model, r.get("security_group_id"));
                out.push(rule(group, direction, Fields::Resource).terraform(&VPC_RULE));
            }
            "AWS::EC2::SecurityGroup" => {
                for block in r
                    .get("SecurityGroupIngress")
                    .map(Node::items)
                    .unwrap_or_default()
                {
                    out.push(
                        rule(Some(id), Direction::Ingress, Fields::Block(block)).cloudformation(),
                    );
                }
                // Only one or more declared rules remove AWS's default; `[]` leaves it.
                let declared = r
                    .get("SecurityGroupEgress")
                    .filter(|list| list.is_unknown() || !list.items().is_empty());
                match declared {
                    Some(list) => {
                        for block in list.items() {
                            out.push(
                                rule(Some(id), Direction::Egress, Fields::Block(block))
                                    .cloudformation(),
                            );
                        }
                    }
                    // AWS gives every VPC security group an allow-all egress rule, and
                    // CloudFormation removes it only when SecurityGroupEgress is declared
                    // (separate AWS::EC2::SecurityGroupEgress resources leave it in place).
                    None => out.push(SecurityGroupRule {
                        direction: Direction::Egress,
                        declared_in: id,
                        declared_by: r,
                        group: Some(id),
                        protocol: Protocol::All,
                        from_port: None,
                        to_port: None,
                        peers: vec![Peer {
                            node: None,
                            kind: PeerKind::World,
                        }],
                        peer_groups: Vec::new(),
                        peer_is_own_group: false,
                        span: r.span,
                        implicit: true,
                        unknown: false,
                    }),
                }
            }
            "AWS::EC2::SecurityGroupIngress" | "AWS::EC2::SecurityGroupEgress" => {
                let direction = if r.kind.ends_with("Ingress") {
                    Direction::Ingress
                } else {
                    Direction::Egress
                };
                let group = group_of(model, r.get("GroupId").or_else(|| r.get("GroupName")));
                out.push(rule(group, direction, Fields::Resource).cloudformation());
            }
            _ => {}
        }
    }
    out
}

fn group_of(model: &Model, node: Option<&Node>) -> Option<ResourceId> {
    model.resolve_kind(node?, GROUP_KINDS).map(|(id, _)| id)
}

/// Where a rule's fields live: an inline block, or the attributes of a rule resource.
#[derive(Clone, Copy)]
enum Fields<'a> {
    Block(&'a Node),
    Resource,
}

struct Declared<'a> {
    id: ResourceId,
    resource: &'a Resource,
    group: Option<ResourceId>,
    direction: Direction,
    fields: Fields<'a>,
}

/// Attribute names of the two Terraform rule shapes.
struct Names {
    protocol: &'static str,
    cidrs: [&'static str; 2],
}

const INLINE: Names = Names {
    protocol: "protocol",
    cidrs: ["cidr_blocks", "ipv6_cidr_blocks"],
};
const VPC_RULE: Names = Names {
    protocol: "ip_protocol",
    cidrs: ["cidr_ipv4", "cidr_ipv6"],
};
const CLOUDFORMATION: Names = Names {
    protocol: "IpProtocol",
    cidrs: ["CidrIp", "CidrIpv6"],
};

/// Where a rule names security groups as its peer, in each shape.
const PEER_GROUP_KEYS: &[&str] = &[
    "security_groups",
    "source_security_group_id",
    "referenced_security_group_id",
    "SourceSecurityGroupId",
    "DestinationSecurityGroupId",
];

impl<'a> Declared<'a> {
    fn get(&self, key: &str) -> Option<&'a Node> {
        match self.fields {
            Fields::Block(block) => block.get(key),
            Fields::Resource => self.resource.get(key),
        }
    }

    fn terraform(self, names: &Names) -> SecurityGroupRule<'a> {
        self.build(names, ["from_port", "to_port"])
    }

    fn cloudformation(self) -> SecurityGroupRule<'a> {
        self.build(&CLOUDFORMATION, ["FromPort", "ToPort"])
    }

    fn build(self, names: &Names, ports: [&str; 2]) -> SecurityGroupRule<'a> {
        let span = match self.fields {
            Fields::Block(block) => block.span,
            Fields::Resource => self.resource.span,
        };
        let unknown = matches!(self.fields, Fields::Block(b) if b.as_map().is_none());
        let mut peers = Vec::new();
        for key in names.cidrs {
            let Some(value) = self.get(key) else { continue };
            if value.is_unknown() {
                peers.push(Peer {
                    node: Some(value),
                    kind: PeerKind::Unknown,
                });
            } else {
                peers.extend(value.items().iter().map(peer));
            }
        }
        let peer_groups = PEER_GROUP_KEYS
            .iter()
            .filter_map(|k| self.get(k))
            .flat_map(Node::items)
            .collect();
        let peer_is_own_group = self.get("self").is_some_and(|n| n.truth().is_yes());
        SecurityGroupRule {
            direction: self.direction,
            declared_in: self.id,
            declared_by: self.resource,
            group: self.group,
            protocol: if unknown {
                Protocol::Unknown
            } else {
                Protocol::parse(self.get(names.protocol))
            },
            from_port: self.get(ports[0]).and_then(Node::as_i64),
            to_port: self.get(ports[1]).and_then(Node::as_i64),
            peers,
            peer_groups,
            peer_is_own_group,
            span,
            implicit: false,
            unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_cidrs() {
        assert!(is_world_cidr("0.0.0.0/0"));
        assert!(is_world_cidr("::/0"));
        assert!(is_world_cidr("10.0.0.0/0"));
        assert!(!is_world_cidr("10.0.0.0/8"));
        assert!(!is_world_cidr("pl-123"));
    }

    #[test]
    fn cidr_containment() {
        assert!(cidr_within("10.1.2.0/24", "10.0.0.0/8"));
        assert!(cidr_within("10.0.0.0/8", "10.0.0.0/8"));
        assert!(!cidr_within("10.0.0.0/8", "10.1.0.0/16"));
        assert!(!cidr_within("192.168.1.0/24", "10.0.0.0/8"));
        assert!(cidr_within("2001:db8:1::/48", "2001:db8::/32"));
        assert!(!cidr_within("10.0.0.0/8", "2001:db8::/32"));
    }

    #[test]
    fn protocols() {
        let n = |v: Value| Node::new(v, Span::default());
        assert_eq!(
            Protocol::parse(Some(&n(Value::Number(-1.0)))),
            Protocol::All
        );
        assert_eq!(
            Protocol::parse(Some(&n(Value::String("ALL".into())))),
            Protocol::All
        );
        assert_eq!(
            Protocol::parse(Some(&n(Value::String("6".into())))),
            Protocol::Tcp
        );
        assert_eq!(Protocol::parse(None), Protocol::Unknown);
    }
}
