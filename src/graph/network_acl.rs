//! One view of network ACL entries, whatever declared them: an ACL's inline entry lists (blocks
//! or attribute lists), or entry resources of their own, in either format (the catalog's
//! [`AclCatalog`] says which kind declares them how); with the subnets each ACL is associated
//! with.
//!
//! Network ACLs are stateless and ordered: entries are evaluated by rule number, lowest first,
//! and the first entry that matches decides ([VPC User Guide, "Network ACL rules"]).

use super::security_group::{Direction, Protocol, is_world_cidr};
use super::{Model, Node, Resource, ResourceId, Truth};
use crate::source::Span;
use std::collections::HashMap;

/// Where the catalog (`aws::networking::NETWORK_ACLS`) says network ACLs, their entries
/// and their subnets are written, in each format.
pub struct AclCatalog {
    pub acls: &'static [&'static str],
    pub shapes: &'static [EntryShape],
    /// Where an ACL lists its subnets itself.
    pub subnets: &'static str,
    /// Associations of a subnet with an ACL: the kind, its ACL key and its subnet key.
    pub associations: &'static [(&'static str, &'static str, &'static str)],
    /// Subnet types, as an ACL or association names them.
    pub subnet_types: &'static [&'static str],
}

/// One resource kind that declares ACL entries, and how.
pub struct EntryShape {
    pub kind: &'static str,
    pub declares: DeclaresEntries,
    pub names: EntryNames,
}

pub enum DeclaresEntries {
    /// An ACL's inline entry lists (blocks, or attribute lists of maps).
    Blocks {
        ingress: &'static str,
        egress: &'static str,
    },
    /// An entry resource: its outbound switch (inbound when absent) and where it names its ACL.
    Entry {
        egress: &'static str,
        acl: &'static str,
    },
}

/// Where an entry's fields live.
pub struct EntryNames {
    pub rule_number: &'static str,
    pub protocol: &'static str,
    pub action: &'static str,
    pub cidr: &'static str,
    pub ipv6_cidr: &'static str,
    /// `from`/`to` port fields, at the top of the entry or inside `port_range`.
    pub ports: [&'static str; 2],
    pub port_range: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AclAction {
    Allow,
    Deny,
    Unknown,
}

/// One entry of a network ACL.
#[derive(Clone, Debug)]
pub struct AclEntry<'a> {
    pub direction: Direction,
    pub declared_by: &'a Resource,
    /// The ACL the entry belongs to, when it is in this model.
    pub acl: Option<ResourceId>,
    pub rule_number: Option<i64>,
    pub protocol: Protocol,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    pub action: AclAction,
    /// The CIDR value (IPv4 or IPv6); `None` when neither is given.
    pub cidr: Option<&'a Node>,
    /// The entry block, or the resource header for an entry resource.
    pub span: Span,
}

impl AclEntry<'_> {
    /// Is the peer the whole internet (`0.0.0.0/0`, `::/0`)?
    pub fn from_world(&self) -> Truth {
        match self.cidr {
            None => Truth::No,
            Some(c) => match c.as_str() {
                Some(s) => Truth::from_bool(is_world_cidr(s)),
                None => Truth::Unknown,
            },
        }
    }

    /// Does the entry match traffic of `protocol` to `port`? For `-1` AWS ignores ports.
    pub fn covers(&self, protocol: &Protocol, port: i64) -> Truth {
        match &self.protocol {
            Protocol::All => Truth::Yes,
            Protocol::Unknown => Truth::Unknown,
            p if p == protocol => match (self.from_port, self.to_port) {
                (Some(from), Some(to)) => Truth::from_bool(from <= port && port <= to),
                _ => Truth::Unknown,
            },
            _ => Truth::No,
        }
    }
}

/// The entries of every network ACL in the model, grouped by ACL so that rule order can be
/// applied; entries whose ACL is not in the model stay apart (keyed by the declaring resource).
pub struct NetworkAcls<'a> {
    pub entries: Vec<AclEntry<'a>>,
    by_acl: HashMap<ResourceId, Vec<usize>>,
}

impl<'a> NetworkAcls<'a> {
    /// The entries of one ACL, in model order.
    pub fn of_acl(&self, acl: ResourceId) -> impl Iterator<Item = &AclEntry<'a>> {
        self.by_acl
            .get(&acl)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&i| self.entries.get(i))
    }

    /// Would traffic of `protocol` to `port` from the whole internet reach the ACL's subnets
    /// through `entry`? `Yes` only when the entry allows it and no lower-numbered entry of the
    /// same ACL denies it first; `Unknown` when rule numbers or an earlier entry are unknown.
    pub fn admits_from_world(&self, entry: &AclEntry<'_>, protocol: &Protocol, port: i64) -> Truth {
        let allowed = match entry.action {
            AclAction::Allow => Truth::Yes,
            AclAction::Deny => Truth::No,
            AclAction::Unknown => Truth::Unknown,
        };
        let admits = allowed
            .and(entry.from_world())
            .and(entry.covers(protocol, port));
        if admits.is_no() {
            return Truth::No;
        }
        let Some(acl) = entry.acl else {
            // The ACL is declared elsewhere: the entry is judged as written, since an explicit
            // allow from the internet is the misconfiguration whatever else the ACL holds.
            return admits;
        };
        let mut verdict = admits;
        for &i in self.by_acl.get(&acl).map_or(&[][..], Vec::as_slice) {
            let Some(other) = self.entries.get(i) else {
                continue;
            };
            if other.direction != entry.direction || other.action == AclAction::Allow {
                continue;
            }
            let earlier = match (other.rule_number, entry.rule_number) {
                (Some(a), Some(b)) => Truth::from_bool(a < b),
                _ => Truth::Unknown,
            };
            // A deny shadows the allow only if it matches all of the internet: a narrower deny
            // leaves the rest of the internet admitted.
            // IPv4 entries never match IPv6 traffic: a deny from 0.0.0.0/0 leaves an allow from
            // ::/0 in effect, and the other way round.
            let same_family = match (
                entry.cidr.and_then(|c| c.as_str()),
                other.cidr.and_then(|c| c.as_str()),
            ) {
                (Some(a), Some(b)) => Truth::from_bool(a.contains(':') == b.contains(':')),
                _ => Truth::Unknown,
            };
            let denies_world = match other.cidr.map(|c| c.as_str()) {
                Some(Some(s)) => Truth::from_bool(is_world_cidr(s)).and(same_family),
                Some(None) => Truth::Unknown,
                None => Truth::No,
            };
            // Allow entries were skipped above: what is left denies, or may.
            let deny = if other.action == AclAction::Deny {
                Truth::Yes
            } else {
                Truth::Unknown
            };
            let shadows = earlier
                .and(deny)
                .and(denies_world)
                .and(other.covers(protocol, port));
            match shadows {
                Truth::Yes => return Truth::No,
                Truth::Unknown => verdict = verdict.and(Truth::Unknown),
                Truth::No => {}
            }
        }
        verdict
    }
}

/// Every network ACL entry of a model, in model order.
pub fn entries<'m>(model: &'m Model, catalog: &'static AclCatalog) -> NetworkAcls<'m> {
    let mut entries = Vec::new();
    for (i, r) in model.resources.iter().enumerate() {
        if !r.is_managed() {
            continue;
        }
        let Some(shape) = catalog.shapes.iter().find(|s| s.kind == r.kind) else {
            continue;
        };
        let names = &shape.names;
        match shape.declares {
            DeclaresEntries::Blocks { ingress, egress } => {
                for (key, direction) in [(ingress, Direction::Ingress), (egress, Direction::Egress)]
                {
                    for block in r.get(key).map(Node::items).unwrap_or_default() {
                        entries.push(entry(
                            r,
                            Some(ResourceId(i)),
                            direction,
                            Fields::Block(block),
                            names,
                        ));
                    }
                }
            }
            DeclaresEntries::Entry { egress, acl } => {
                // Both formats default to an inbound entry.
                let direction = match r.get(egress).map_or(Truth::No, Node::truth) {
                    Truth::No => Direction::Ingress,
                    Truth::Yes => Direction::Egress,
                    Truth::Unknown => continue,
                };
                let acl = r
                    .get(acl)
                    .and_then(|n| model.resolve_kind(n, catalog.acls))
                    .map(|(id, _)| id);
                entries.push(entry(r, acl, direction, Fields::Resource, names));
            }
        }
    }
    let mut by_acl: HashMap<ResourceId, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(acl) = e.acl {
            by_acl.entry(acl).or_default().push(i);
        }
    }
    NetworkAcls { entries, by_acl }
}

/// Where an entry's fields live: an inline block, or the attributes of an entry resource.
#[derive(Clone, Copy)]
enum Fields<'a> {
    Block(&'a Node),
    Resource,
}

fn entry<'a>(
    declared_by: &'a Resource,
    acl: Option<ResourceId>,
    direction: Direction,
    fields: Fields<'a>,
    names: &EntryNames,
) -> AclEntry<'a> {
    let get = |key: &str| -> Option<&'a Node> {
        match fields {
            Fields::Block(block) => block.get(key),
            Fields::Resource => declared_by.get(key),
        }
        .filter(|n| !n.is_null())
    };
    let port = |k: &str| match names.port_range {
        Some(range) => get(range).and_then(|r| r.get(k)).and_then(Node::as_i64),
        None => get(k).and_then(Node::as_i64),
    };
    let action = match get(names.action).and_then(Node::as_str) {
        Some(a) if a.eq_ignore_ascii_case("allow") => AclAction::Allow,
        Some(a) if a.eq_ignore_ascii_case("deny") => AclAction::Deny,
        _ => AclAction::Unknown,
    };
    // Plans write the CIDR that is not used as an empty string.
    let cidr = [names.cidr, names.ipv6_cidr]
        .iter()
        .filter_map(|k| get(k))
        .find(|n| n.is_given() != Truth::No);
    AclEntry {
        direction,
        declared_by,
        acl,
        rule_number: get(names.rule_number).and_then(Node::as_i64),
        protocol: Protocol::parse(get(names.protocol)),
        from_port: port(names.ports[0]),
        to_port: port(names.ports[1]),
        action,
        cidr,
        span: match fields {
            Fields::Block(block) => block.span,
            Fields::Resource => declared_by.span,
        },
    }
}

/// The subnets an ACL is associated with in this model: its own subnet list, and association
/// resources.
pub fn associated_subnets(
    model: &Model,
    catalog: &'static AclCatalog,
    acl: ResourceId,
) -> Vec<ResourceId> {
    let mut out = Vec::new();
    if let Some(r) = model.get(acl)
        && let Some(ids) = r.get(catalog.subnets)
    {
        out.extend(ids.items().iter().filter_map(|n| {
            model
                .resolve_kind(n, catalog.subnet_types)
                .map(|(id, _)| id)
        }));
    }
    for (kind, acl_key, subnet_key) in catalog.associations {
        for (_, association) in model.configuring(acl, std::slice::from_ref(kind), acl_key) {
            if let Some(s) = association.get(subnet_key).and_then(|n| {
                model
                    .resolve_kind(n, catalog.subnet_types)
                    .map(|(id, _)| id)
            }) {
                out.push(s);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode, Value};

    /// An ACL with inline entries, as Terraform writes them.
    static CATALOG: AclCatalog = AclCatalog {
        acls: &["aws_network_acl"],
        shapes: &[EntryShape {
            kind: "aws_network_acl",
            declares: DeclaresEntries::Blocks {
                ingress: "ingress",
                egress: "egress",
            },
            names: EntryNames {
                rule_number: "rule_no",
                protocol: "protocol",
                action: "action",
                cidr: "cidr_block",
                ipv6_cidr: "ipv6_cidr_block",
                ports: ["from_port", "to_port"],
                port_range: None,
            },
        }],
        subnets: "subnet_ids",
        associations: &[],
        subnet_types: &[],
    };

    fn entry(rule_no: i64, action: &str, cidr: &str, from: i64, to: i64) -> Node {
        let mut map = Map::default();
        let mut put =
            |k: &str, v: Value| map.insert(k, Span::default(), Node::new(v, Span::default()));
        put("rule_no", Value::Number(rule_no as f64));
        put("action", Value::String(action.into()));
        put("protocol", Value::String("tcp".into()));
        let key = if cidr.contains(':') {
            "ipv6_cidr_block"
        } else {
            "cidr_block"
        };
        put(key, Value::String(cidr.into()));
        put("from_port", Value::Number(from as f64));
        put("to_port", Value::Number(to as f64));
        Node::new(Value::Map(map), Span::default())
    }

    fn acl(entries: Vec<Node>) -> Model {
        let mut attrs = Map::default();
        attrs.insert(
            "ingress",
            Span::default(),
            Node::new(Value::List(entries), Span::default()),
        );
        let resource = Resource {
            address: "aws_network_acl.a".into(),
            kind: "aws_network_acl".into(),
            mode: Mode::Managed,
            span: Span::default(),
            attrs,
            module_calls: Vec::new(),
            metadata: None,
        };
        Model::new(crate::graph::Origin::Terraform, vec![resource])
    }

    #[test]
    fn the_lowest_rule_number_decides() {
        let model = acl(vec![
            entry(200, "allow", "0.0.0.0/0", 22, 22),
            entry(100, "deny", "0.0.0.0/0", 0, 1023),
            entry(300, "allow", "0.0.0.0/0", 3389, 3389),
            entry(50, "deny", "198.51.100.0/24", 3389, 3389),
        ]);
        let acls = entries(&model, &CATALOG);
        let admits = |i: usize, port| {
            let e = acls.entries.get(i).unwrap();
            acls.admits_from_world(e, &Protocol::Tcp, port)
        };
        // SSH is denied first by rule 100; RDP's earlier deny covers only part of the internet.
        assert_eq!(admits(0, 22), Truth::No);
        assert_eq!(admits(2, 3389), Truth::Yes);
        assert_eq!(admits(2, 22), Truth::No);
    }

    #[test]
    fn an_ipv4_deny_does_not_shadow_an_ipv6_allow() {
        let model = acl(vec![
            entry(100, "deny", "0.0.0.0/0", 22, 22),
            entry(200, "allow", "::/0", 22, 22),
            entry(300, "allow", "0.0.0.0/0", 22, 22),
        ]);
        let acls = entries(&model, &CATALOG);
        let admits = |i: usize| {
            let e = acls.entries.get(i).unwrap();
            acls.admits_from_world(e, &Protocol::Tcp, 22)
        };
        assert_eq!(admits(1), Truth::Yes, "IPv6 traffic never matches rule 100");
        assert_eq!(
            admits(2),
            Truth::No,
            "IPv4 traffic is denied by rule 100 first"
        );
    }
}
