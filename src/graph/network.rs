//! Subnet reachability: a subnet is public when the route table it uses (its explicit
//! association, else its VPC's main route table) routes `0.0.0.0/0` or `::/0` to an internet
//! gateway. `map_public_ip_on_launch` alone does not make a subnet reachable, and a NAT gateway
//! route does not make it public.
//!
//! Also the data stores that live in subnets, with the path from each to its subnets (the
//! catalog, `aws::networking::DATA_STORES`, says where each kind writes it).

use super::security_group::is_world_cidr;
use super::{Model, Node, Resource, ResourceId, Truth, Value};
use std::collections::HashMap;
use std::sync::Mutex;

/// Where the catalog (`aws::networking::ROUTES`) says subnets, VPCs, route tables,
/// routes and internet gateways are written, in each format.
pub struct RouteCatalog {
    pub subnets: &'static [&'static str],
    /// Where a subnet names its VPC (the first key written).
    pub subnet_vpc: &'static [&'static str],
    pub vpcs: &'static [&'static str],
    pub route_tables: &'static [&'static str],
    pub internet_gateways: &'static [&'static str],
    /// Explicit associations of a subnet with a route table: (type, subnet key, table key).
    pub subnet_associations: &'static [(&'static str, &'static str, &'static str)],
    /// Associations that make a table the VPC's main one: (type, VPC key, table key).
    pub main_associations: &'static [(&'static str, &'static str, &'static str)],
    /// Resources that adopt a VPC's main route table, and where they name it through the VPC.
    pub default_route_tables: &'static [(&'static str, &'static str)],
    /// Attributes of a VPC that name its main route table, for routes added to it directly.
    pub main_table_attributes: &'static [&'static str],
    /// A route table's inline route list, and its routes' names.
    pub inline_routes: (&'static str, RouteNames),
    pub routes: &'static [RouteResource],
    /// Resources that attach an internet gateway to a VPC: (type, VPC key, a key that must be
    /// written for the attachment to be an internet gateway's).
    pub gateway_attachments: &'static [(&'static str, &'static str, Option<&'static str>)],
}

/// Where a route says its destination ranges (IPv4, IPv6) and its gateway.
pub struct RouteNames {
    pub cidrs: [&'static str; 2],
    pub gateway: &'static str,
}

/// A route of its own, and where it names its route table.
pub struct RouteResource {
    pub kind: &'static str,
    pub table: &'static str,
    pub names: RouteNames,
}

/// Why a subnet is public: the route and the gateway it goes to.
#[derive(Clone, Debug)]
pub struct PublicRoute<'a> {
    pub route_table: &'a Resource,
    pub destination: &'a Node,
    /// The `0.0.0.0/0` or `::/0` destination of the route, when written.
    pub cidr: Option<&'a Node>,
}

/// The first destination among `keys` that is the whole internet.
fn world_destination<'a>(
    get: impl Fn(&str) -> Option<&'a Node>,
    keys: [&str; 2],
) -> Option<&'a Node> {
    keys.iter()
        .filter_map(|k| get(k))
        .find(|c| c.as_str().is_some_and(is_world_cidr))
}

pub fn subnet(model: &Model, routes: &RouteCatalog, node: &Node) -> Option<ResourceId> {
    model.resolve_kind(node, routes.subnets).map(|(id, _)| id)
}

/// Is the subnet public? `Yes` carries the route that makes it so.
pub fn subnet_is_public<'m>(
    model: &'m Model,
    routes: &RouteCatalog,
    subnet: ResourceId,
) -> (Truth, Option<PublicRoute<'m>>) {
    if let Some(explicit) = explicit_route_table_is_public(model, routes, subnet) {
        return explicit;
    }
    main_route_table_is_public(model, routes, subnet)
}

/// Answers of [`subnet_is_public`] by subnet, for the rules of one model (which may run on
/// several threads): thousands of data stores or ACL entries may share a subnet, and finding
/// its route table reads every resource that names the subnet.
#[derive(Default)]
pub struct PublicSubnets<'a> {
    answers: Mutex<HashMap<ResourceId, (Truth, Option<PublicRoute<'a>>)>>,
}

impl<'a> PublicSubnets<'a> {
    pub fn get(
        &self,
        model: &'a Model,
        routes: &RouteCatalog,
        subnet: ResourceId,
    ) -> (Truth, Option<PublicRoute<'a>>) {
        if let Ok(answers) = self.answers.lock()
            && let Some(answer) = answers.get(&subnet)
        {
            return answer.clone();
        }
        let answer = subnet_is_public(model, routes, subnet);
        if let Ok(mut answers) = self.answers.lock() {
            answers.insert(subnet, answer.clone());
        }
        answer
    }
}

/// The subnet's explicitly associated route tables, when it has any: `None` means the VPC's
/// main route table decides.
pub fn explicit_route_table_is_public<'m>(
    model: &'m Model,
    routes: &RouteCatalog,
    subnet: ResourceId,
) -> Option<(Truth, Option<PublicRoute<'m>>)> {
    let associations: Vec<(&Resource, &str)> = routes
        .subnet_associations
        .iter()
        .flat_map(|(kind, subnet_key, table_key)| {
            model
                .configuring(subnet, std::slice::from_ref(kind), subnet_key)
                .map(|(_, r)| (r, *table_key))
        })
        .collect();
    if associations.is_empty() {
        return None;
    }
    let mut verdict = Truth::No;
    for (a, table_key) in associations {
        let table = a.get(table_key);
        let Some((rt, _)) = table.and_then(|t| model.resolve_kind(t, routes.route_tables)) else {
            verdict = verdict.or(Truth::Unknown);
            continue;
        };
        match route_table_is_public(model, routes, rt) {
            (Truth::Yes, route) => return Some((Truth::Yes, route)),
            (t, _) => verdict = verdict.or(t),
        }
    }
    Some((verdict, None))
}

/// The VPC's main route table decides for subnets without an explicit association.
fn main_route_table_is_public<'m>(
    model: &'m Model,
    routes: &RouteCatalog,
    subnet: ResourceId,
) -> (Truth, Option<PublicRoute<'m>>) {
    match vpc_of_subnet(model, routes, subnet) {
        Some(vpc) => vpc_main_route_table_is_public(model, routes, vpc),
        // The VPC is not in this configuration: its main route table is unknown.
        None => (Truth::Unknown, None),
    }
}

/// Does the VPC's main route table route the internet to an internet gateway? The same
/// answer for every subnet of the VPC without an explicit association.
pub fn vpc_main_route_table_is_public<'m>(
    model: &'m Model,
    routes: &RouteCatalog,
    vpc: ResourceId,
) -> (Truth, Option<PublicRoute<'m>>) {
    let associated = routes
        .main_associations
        .iter()
        .flat_map(|(kind, vpc_key, table_key)| {
            model
                .configuring(vpc, std::slice::from_ref(kind), vpc_key)
                .filter_map(|(_, a)| a.get(table_key))
        })
        .filter_map(|t| model.resolve_kind(t, routes.route_tables))
        .map(|(id, _)| id);
    let adopted = routes.default_route_tables.iter().flat_map(|(kind, key)| {
        model
            .configuring(vpc, std::slice::from_ref(kind), key)
            .map(|(id, _)| id)
    });
    let mut verdict = Truth::No;
    for rt in associated.chain(adopted) {
        match route_table_is_public(model, routes, rt) {
            (Truth::Yes, route) => return (Truth::Yes, route),
            (t, _) => verdict = verdict.or(t),
        }
    }
    // Routes added to the main table directly: `route_table_id = aws_vpc.x.main_route_table_id`.
    let direct = routes.routes.iter().flat_map(|shape| {
        model
            .configuring(vpc, std::slice::from_ref(&shape.kind), shape.table)
            .filter(|(_, r)| {
                r.get(shape.table)
                    .and_then(Node::as_reference)
                    .filter(|reference| reference.reads_whole_attribute())
                    .and_then(|reference| reference.attribute.as_deref())
                    .is_some_and(|a| routes.main_table_attributes.contains(&a))
            })
            .map(move |(_, r)| (r, &shape.names))
    });
    for (route, names) in direct {
        let whole = Node::new(Value::Map(route.attrs.clone()), route.span);
        let t = route_is_public(model, routes, &whole, names);
        if t.is_yes() {
            let table = model.get(vpc).unwrap_or(route);
            let destination = route.get(names.gateway).unwrap_or(&EMPTY);
            let cidr = world_destination(|k| route.get(k), names.cidrs);
            return (
                Truth::Yes,
                Some(PublicRoute {
                    route_table: table,
                    destination,
                    cidr,
                }),
            );
        }
        verdict = verdict.or(t);
    }
    // A VPC's own main route table starts with only the local route.
    (verdict, None)
}

pub fn route_table_is_public<'m>(
    model: &'m Model,
    routes: &RouteCatalog,
    rt: ResourceId,
) -> (Truth, Option<PublicRoute<'m>>) {
    let Some(table) = model.get(rt) else {
        return (Truth::Unknown, None);
    };
    let mut verdict = Truth::No;
    let (inline_key, inline_names) = &routes.inline_routes;
    if let Some(inline) = table.get(inline_key) {
        if inline.is_unknown() {
            verdict = Truth::Unknown;
        }
        for route in inline.items() {
            let t = route_is_public(model, routes, route, inline_names);
            if t.is_yes() {
                return (
                    t,
                    Some(PublicRoute {
                        route_table: table,
                        destination: route,
                        cidr: world_destination(|k| route.get(k), inline_names.cidrs),
                    }),
                );
            }
            verdict = verdict.or(t);
        }
    }
    let separate = routes.routes.iter().flat_map(|shape| {
        model
            .configuring(rt, std::slice::from_ref(&shape.kind), shape.table)
            .map(move |(_, r)| (r, &shape.names))
    });
    for (route, names) in separate {
        let whole = Node::new(Value::Map(route.attrs.clone()), route.span);
        let t = route_is_public(model, routes, &whole, names);
        if t.is_yes() {
            let destination = route.get(names.gateway).unwrap_or(&EMPTY);
            let cidr = world_destination(|k| route.get(k), names.cidrs);
            return (
                t,
                Some(PublicRoute {
                    route_table: table,
                    destination,
                    cidr,
                }),
            );
        }
        verdict = verdict.or(t);
    }
    (verdict, None)
}

static EMPTY: Node = Node {
    value: Value::Null,
    span: crate::source::Span {
        file: crate::source::FileId(0),
        start: 0,
        end: 0,
    },
};

fn route_is_public(
    model: &Model,
    routes: &RouteCatalog,
    route: &Node,
    names: &RouteNames,
) -> Truth {
    if route.is_unknown() {
        return Truth::Unknown;
    }
    let default_route = names
        .cidrs
        .iter()
        .filter_map(|k| route.get(k))
        .map(|c| match c.as_str() {
            Some(s) => Truth::from_bool(is_world_cidr(s)),
            None if c.is_null() => Truth::No,
            None => Truth::Unknown,
        })
        .fold(Truth::No, Truth::or);
    let to_gateway = match route.get(names.gateway) {
        None => Truth::No,
        Some(g) => is_internet_gateway(model, routes, g),
    };
    default_route.and(to_gateway)
}

/// A gateway value that is an internet gateway: a reference to one, or an `igw-` id.
fn is_internet_gateway(model: &Model, routes: &RouteCatalog, gateway: &Node) -> Truth {
    match &gateway.value {
        Value::Null => Truth::No,
        Value::String(s) if s.is_empty() || s == "local" => Truth::No,
        Value::String(s) if s.starts_with("igw-") => Truth::Yes,
        _ => match model.resolve(gateway).and_then(|id| model.get(id)) {
            Some(r) => Truth::from_bool(routes.internet_gateways.contains(&r.kind.as_str())),
            None if gateway.as_str().is_some() => Truth::No,
            None => Truth::Unknown,
        },
    }
}

/// Does an internet gateway attach to this VPC? (RDS's default for `PubliclyAccessible`.)
pub fn vpc_has_internet_gateway(model: &Model, routes: &RouteCatalog, vpc: ResourceId) -> Truth {
    let attached = routes
        .gateway_attachments
        .iter()
        .any(|(kind, vpc_key, required)| {
            model
                .configuring(vpc, std::slice::from_ref(kind), vpc_key)
                .any(|(_, a)| required.is_none_or(|key| a.get(key).is_some()))
        });
    Truth::from_bool(attached)
}

pub fn vpc_of_subnet(
    model: &Model,
    routes: &RouteCatalog,
    subnet: ResourceId,
) -> Option<ResourceId> {
    let s = model.get(subnet)?;
    let vpc = routes.subnet_vpc.iter().find_map(|key| s.get(key))?;
    model.resolve_kind(vpc, routes.vpcs).map(|(id, _)| id)
}

/// How a data store reaches its subnets: directly, or through a subnet group resource.
#[derive(Clone, Copy)]
pub enum SubnetPath {
    Direct(&'static [&'static str]),
    Group {
        attribute: &'static str,
        group_kinds: &'static [&'static str],
        subnets: &'static str,
    },
    /// Through the cluster the instance belongs to.
    Cluster {
        attribute: &'static str,
        cluster_kinds: &'static [&'static str],
    },
}

pub struct DataStoreKind {
    pub kind: &'static str,
    pub label: &'static str,
    pub paths: &'static [SubnetPath],
}

/// Where a database instance names the cluster it belongs to (the first key written), and the
/// cluster types (the catalog, `aws::networking::CLUSTER_MEMBERSHIP`, fills it).
pub struct ClusterMembership {
    pub attributes: &'static [&'static str],
    pub clusters: &'static [&'static str],
}

/// Is `r` a member of a cluster declared in the model (an Aurora instance naming its
/// cluster)? Members are placed and judged as the cluster.
pub fn belongs_to_declared_cluster(
    model: &Model,
    membership: &ClusterMembership,
    r: &Resource,
) -> bool {
    let cluster = membership.attributes.iter().find_map(|key| r.get(key));
    // A cluster names itself by its own identifier: that is not membership.
    cluster.is_some_and(|c| {
        model
            .resolve_kind(c, membership.clusters)
            .is_some_and(|(_, cluster)| cluster.address != r.address)
    })
}

/// The catalog's entry of `kind` among the data stores placed in subnets (`stores`).
pub fn data_store_kind(
    stores: &'static [DataStoreKind],
    kind: &str,
) -> Option<&'static DataStoreKind> {
    stores.iter().find(|d| d.kind == kind)
}

/// The subnets a data store is placed in, each with the attribute that placed it there.
pub struct Placement<'a> {
    /// The attribute on the data store that leads to the subnets (where a finding points).
    pub via: &'a Node,
    pub subnets: Vec<&'a Node>,
    /// The subnet group resource, when there is one.
    pub group: Option<&'a Resource>,
}

/// Where `store`, a data store of `kind`, is placed; a cluster member is placed as its cluster
/// (another entry of `stores`).
pub fn placement<'a>(
    model: &'a Model,
    stores: &'static [DataStoreKind],
    store: &'a Resource,
    kind: &DataStoreKind,
) -> Option<Placement<'a>> {
    placement_depth(model, stores, store, kind.paths, 0)
}

fn placement_depth<'a>(
    model: &'a Model,
    stores: &'static [DataStoreKind],
    store: &'a Resource,
    paths: &[SubnetPath],
    depth: usize,
) -> Option<Placement<'a>> {
    for path in paths {
        match *path {
            SubnetPath::Direct(keys) => {
                let (first, rest) = keys.split_first()?;
                let Some(mut node) = store.get(first) else {
                    continue;
                };
                for key in rest {
                    // Terraform nested blocks are lists of one map.
                    let inner = node.items().first().unwrap_or(node);
                    match inner.get(key) {
                        Some(n) => node = n,
                        None => return None,
                    }
                }
                return Some(Placement {
                    via: node,
                    subnets: node.items().iter().collect(),
                    group: None,
                });
            }
            SubnetPath::Group {
                attribute,
                group_kinds,
                subnets,
            } => {
                let Some(via) = store.get(attribute) else {
                    continue;
                };
                let group = model.resolve_kind(via, group_kinds).map(|(_, g)| g);
                return Some(Placement {
                    via,
                    subnets: group
                        .and_then(|g| g.get(subnets))
                        .map(|s| s.items().iter().collect())
                        .unwrap_or_default(),
                    group,
                });
            }
            SubnetPath::Cluster {
                attribute,
                cluster_kinds,
            } => {
                let Some(via) = store.get(attribute) else {
                    continue;
                };
                let Some((_, cluster)) = model.resolve_kind(via, cluster_kinds) else {
                    continue;
                };
                if depth > 2 {
                    continue;
                }
                let kind = data_store_kind(stores, &cluster.kind)?;
                let inner = placement_depth(model, stores, cluster, kind.paths, depth + 1)?;
                return Some(Placement { via, ..inner });
            }
        }
    }
    None
}
