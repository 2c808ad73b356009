//! One view of security group rules, whatever declared them: a group's inline rule lists, or
//! rule resources of their own, in either format (the catalog's [`SecurityGroupCatalog`] says
//! which kind declares them how).

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
    /// A default rule of a group a service creates (see [`ServiceGroup`]): the configuration
    /// declares neither the group nor the rule, so only paths read it, not rules judging what
    /// a group declares.
    pub service_default: bool,
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

/// Where the catalog (`aws::networking::SECURITY_GROUPS`) says security groups and
/// their rules are written, in each format.
pub struct SecurityGroupCatalog {
    /// Security groups, as a rule or a workload names them.
    pub groups: &'static [&'static str],
    pub shapes: &'static [RuleShape],
    /// Where a rule of any shape names security groups as its peer.
    pub peer_groups: &'static [&'static str],
    /// Groups a service creates for a resource of the configuration, named through one of its
    /// attributes (EKS's cluster security group).
    pub service_groups: &'static [ServiceGroup],
}

/// A security group a service creates with a resource and exports as an attribute of it: it is
/// not declared, but its default rules are documented and rules may be added to it. The model
/// stands it for by its owner resource, so rules and workloads naming it meet there.
pub struct ServiceGroup {
    /// The kind of the owner (the EKS cluster).
    pub kind: &'static str,
    /// The paths of the owner's attributes that name the group (a Terraform reference's
    /// traversal with keys as text, a `Fn::GetAtt` attribute).
    pub paths: &'static [&'static [&'static str]],
    /// What the group is, for messages ("cluster security group").
    pub name: &'static str,
}

/// The group a value names: a declared security group of `groups`, or a group a service
/// creates, named by a reference to its owner's attribute (owner and group share an id).
pub fn resolve_group<'m>(
    model: &'m Model,
    node: &Node,
    groups: &[&str],
    service_groups: &[ServiceGroup],
) -> Option<(ResourceId, &'m Resource)> {
    if let Some(found) = model.resolve_kind(node, groups) {
        return Some(found);
    }
    let reference = model.dereference(node).as_reference()?;
    let (id, owner) = model
        .resolve(node)
        .and_then(|id| Some((id, model.get(id)?)))?;
    // A data source's group was made outside the configuration, with rules it does not show.
    let named = service_groups
        .iter()
        .any(|s| s.kind == owner.kind && s.paths.iter().any(|path| reference.reads(path)));
    (named && owner.is_managed()).then_some((id, owner))
}

/// The service group owned by a resource of `kind`, if the service creates one.
pub fn service_group<'c>(
    service_groups: &'c [ServiceGroup],
    kind: &str,
) -> Option<&'c ServiceGroup> {
    service_groups.iter().find(|s| s.kind == kind)
}

/// One resource kind that declares security group rules, and how.
pub struct RuleShape {
    pub kind: &'static str,
    pub declares: Declares,
    pub names: RuleNames,
}

/// How a resource declares rules: as blocks of the group itself, or as one rule of its own.
pub enum Declares {
    /// A group's inline rule lists. AWS gives every VPC security group an allow-all egress
    /// rule; `implicit_egress` says the format keeps it unless egress rules are declared
    /// (CloudFormation; an empty list leaves it too), rather than replacing the group's rules
    /// with exactly those written (Terraform).
    Blocks {
        ingress: &'static str,
        egress: &'static str,
        implicit_egress: bool,
    },
    /// A rule resource: where it says its direction, and where it names its group (the first
    /// key written).
    Rule {
        direction: RuleDirection,
        group: &'static [&'static str],
    },
}

pub enum RuleDirection {
    Fixed(Direction),
    /// An attribute holding one of two values, one per direction (any other value declares
    /// no rule).
    Attribute {
        key: &'static str,
        ingress: &'static str,
        egress: &'static str,
    },
}

/// Where a rule's fields are written.
pub struct RuleNames {
    pub protocol: &'static str,
    pub cidrs: [&'static str; 2],
    pub ports: [&'static str; 2],
    /// A switch that makes the rule's own group its peer.
    pub own_group: Option<&'static str>,
}

/// All security group rules of a model, in model order.
pub fn rules<'m>(
    model: &'m Model,
    catalog: &'static SecurityGroupCatalog,
) -> Vec<SecurityGroupRule<'m>> {
    let mut out = Vec::new();
    for (i, r) in model.resources.iter().enumerate() {
        let id = ResourceId(i);
        if !r.is_managed() {
            continue;
        }
        if service_group(catalog.service_groups, &r.kind).is_some() {
            out.extend(service_group_defaults(id, r));
            continue;
        }
        let Some(shape) = catalog.shapes.iter().find(|s| s.kind == r.kind) else {
            continue;
        };
        let rule = |group, direction, fields| Declared {
            id,
            resource: r,
            group,
            direction,
            fields,
            names: &shape.names,
            peer_groups: catalog.peer_groups,
            model,
        };
        match &shape.declares {
            Declares::Blocks {
                ingress,
                egress,
                implicit_egress,
            } => {
                for block in r.get(ingress).map(Node::items).unwrap_or_default() {
                    out.push(rule(Some(id), Direction::Ingress, Fields::Block(block)).build());
                }
                let egress = r.get(egress);
                for block in egress.map(Node::items).unwrap_or_default() {
                    out.push(rule(Some(id), Direction::Egress, Fields::Block(block)).build());
                }
                // Only one or more declared rules remove AWS's default; `[]` leaves it (and
                // separate egress rule resources leave it in place).
                let declared =
                    egress.is_some_and(|list| list.is_unknown() || !list.items().is_empty());
                if *implicit_egress && !declared {
                    out.push(SecurityGroupRule {
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
                        service_default: false,
                        unknown: false,
                    });
                }
            }
            Declares::Rule { direction, group } => {
                let direction = match direction {
                    RuleDirection::Fixed(d) => *d,
                    RuleDirection::Attribute {
                        key,
                        ingress,
                        egress,
                    } => match r.get(key).and_then(Node::as_str) {
                        Some(value) if value == *ingress => Direction::Ingress,
                        Some(value) if value == *egress => Direction::Egress,
                        _ => continue,
                    },
                };
                let named = group.iter().find_map(|key| r.get(key));
                let group = named.and_then(|n| {
                    resolve_group(model, n, catalog.groups, catalog.service_groups)
                        .map(|(id, _)| id)
                });
                out.push(rule(group, direction, Fields::Resource).build());
            }
        }
    }
    out
}

/// The rules a service group starts with, as the EKS documentation lists them for the cluster
/// security group: all traffic in from its own members, all traffic out to the internet and to
/// its own members. They are rules AWS makes, so they point at the owner's header. Rules added
/// outside the configuration are not known, as for any declared group: the configuration is
/// trusted to hold them.
fn service_group_defaults(id: ResourceId, owner: &Resource) -> [SecurityGroupRule<'_>; 3] {
    let implicit = |direction, peers, peer_is_own_group| SecurityGroupRule {
        direction,
        declared_in: id,
        declared_by: owner,
        group: Some(id),
        protocol: Protocol::All,
        from_port: None,
        to_port: None,
        peers,
        peer_groups: Vec::new(),
        peer_is_own_group,
        span: owner.span,
        implicit: true,
        service_default: true,
        unknown: false,
    };
    let world = || {
        vec![Peer {
            node: None,
            kind: PeerKind::World,
        }]
    };
    [
        implicit(Direction::Ingress, Vec::new(), true),
        implicit(Direction::Egress, world(), false),
        implicit(Direction::Egress, Vec::new(), true),
    ]
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
    names: &'static RuleNames,
    peer_groups: &'static [&'static str],
    model: &'a Model,
}

impl<'a> Declared<'a> {
    fn get(&self, key: &str) -> Option<&'a Node> {
        match self.fields {
            Fields::Block(block) => block.get(key),
            Fields::Resource => self.resource.get(key),
        }
    }

    fn build(self) -> SecurityGroupRule<'a> {
        let names = self.names;
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
        let peer_groups = self
            .peer_groups
            .iter()
            .filter_map(|k| self.get(k))
            .flat_map(|groups| self.model.dereference(groups).items())
            .collect();
        let peer_is_own_group = names
            .own_group
            .and_then(|key| self.get(key))
            .is_some_and(|n| n.truth().is_yes());
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
            from_port: self.get(names.ports[0]).and_then(Node::as_i64),
            to_port: self.get(names.ports[1]).and_then(Node::as_i64),
            peers,
            peer_groups,
            peer_is_own_group,
            span,
            implicit: false,
            service_default: false,
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
