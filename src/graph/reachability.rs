//! Reachability from the internet, hop by hop, as AWS evaluates it: a route to an internet
//! gateway in the subnet's route table, the subnet's network ACL (inbound, and outbound for the
//! stateless return traffic), the security groups of the resource, and a public address.
//!
//! [`Reachability`] indexes a model once (security group rules by group, network ACLs by
//! subnet, main route tables by VPC), so asking about every data store costs the hops of each,
//! not a scan of the model per store.

use super::network::{self, PublicRoute};
use super::network_acl::{self, AclAction, NetworkAcls};
use super::security_group::{self, Direction, PeerKind, Protocol, SecurityGroupRule};
use super::{Model, Node, Resource, ResourceId, Truth, Value};
use crate::source::Span;

mod interfaces;
mod load_balancers;
mod workloads;
use interfaces::InterfaceIndex;
pub use interfaces::{
    CreatedInterface, InterfaceAttachment, InterfaceCatalog, InterfaceKind, LaunchInterfaces,
};
pub use load_balancers::{
    ClassicListeners, ClientIpPreservation, Flavour, Forwarding, FrontDoor, GroupAttribute,
    ListedTargets, LoadBalancerCatalog, Registration, Scheme, TargetGroupShape,
};
use load_balancers::{LoadBalanced, Placement};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
pub use workloads::{
    LaunchAddress, LaunchSource, NetworkedWorkload, NodeRemoteAccess, RemotePort,
    ServiceGroupOwner, UnlistedGroups,
};

/// One step of a path from the internet, with where it is declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The hop in the path message (`aws_route_table.public (0.0.0.0/0)`).
    pub label: String,
    /// Where the hop is declared: the route, the ACL entry, the rule, the setting.
    pub span: Span,
    /// What the hop contributes, shown at its related location.
    pub note: String,
}

/// Whether a path is open: the hops that open it, a hop that closes it, or the first value
/// that is not known statically (which makes the whole question undecided).
#[derive(Clone, Debug)]
pub enum Step {
    Open(Vec<Hop>),
    Closed,
    Undecided(Node),
}

impl Step {
    fn hop(label: impl Into<String>, span: Span, note: impl Into<String>) -> Step {
        Step::Open(vec![Hop {
            label: label.into(),
            span,
            note: note.into(),
        }])
    }

    fn undecided(reason: &str, span: Span) -> Step {
        Step::Undecided(Node::unknown(reason, span))
    }

    /// Both hops in sequence: a closed hop closes the path whatever else is unknown.
    pub fn then(self, next: impl FnOnce() -> Step) -> Step {
        match self {
            Step::Closed => Step::Closed,
            Step::Open(mut hops) => match next() {
                Step::Open(more) => {
                    hops.extend(more);
                    Step::Open(hops)
                }
                other => other,
            },
            Step::Undecided(node) => match next() {
                Step::Closed => Step::Closed,
                _ => Step::Undecided(node),
            },
        }
    }

    /// Either of two alternatives: an open one wins, an undecided one beats a closed one.
    fn or(self, other: impl FnOnce() -> Step) -> Step {
        match self {
            Step::Open(hops) => Step::Open(hops),
            Step::Closed => other(),
            Step::Undecided(node) => match other() {
                Step::Open(hops) => Step::Open(hops),
                _ => Step::Undecided(node),
            },
        }
    }
}

/// How a data store says whether it gets a public address when the setting is omitted.
#[derive(Clone, Copy, Debug)]
pub enum PublicDefault {
    Private,
    /// The RDS API (which CloudFormation passes the omission to): public when the subnet
    /// group's VPC has an internet gateway attached.
    WhenVpcHasInternetGateway,
    /// The Terraform provider's default changed between major versions, which the
    /// configuration does not pin for us.
    DependsOnProviderVersion,
}

/// A data store that can be given a public address, with where each part of its path is set.
pub struct ExposableStore {
    pub kind: &'static str,
    pub public_flag: &'static str,
    pub public_default: PublicDefault,
    pub security_groups: &'static str,
    pub port: &'static str,
    pub engine: Option<&'static str>,
    pub default_port: Option<i64>,
    /// A member of a cluster takes its security groups and port from the cluster.
    pub cluster: Option<(&'static str, &'static [&'static str])>,
}

/// The port a database engine listens on unless told otherwise.
fn engine_port(engine: &str) -> Option<i64> {
    let engine = engine.to_ascii_lowercase();
    if engine.contains("postgres") {
        Some(5432)
    } else if engine.contains("mysql") || engine.contains("mariadb") || engine == "aurora" {
        Some(3306)
    } else if engine.starts_with("oracle") {
        Some(1521)
    } else if engine.starts_with("sqlserver") {
        Some(1433)
    } else if engine.starts_with("db2") {
        Some(50000)
    } else {
        None
    }
}

/// A client's ephemeral port, which return traffic goes to through a stateless network ACL:
/// inside the ranges of Linux (32768-60999), Windows (49152-65535) and NAT gateways
/// (1024-65535) alike.
const EPHEMERAL_PORT: i64 = 49152;

/// IP version of a path: a route to the internet and a security group rule must agree on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Family {
    V4,
    V6,
}

fn family_of(cidr: &str) -> Family {
    if cidr.contains(':') {
        Family::V6
    } else {
        Family::V4
    }
}

/// Do groups admit the internet on one of `ports`, over IPv4 or IPv6, in whatever VPC they are
/// (where the subnet, and so the VPC, is not known)? `admit` asks about one port and family.
fn groups_open_on(ports: &[i64], admit: impl Fn(Option<ResourceId>, i64, Family) -> Step) -> Step {
    let mut verdict = Step::Closed;
    for &port in ports {
        verdict = verdict
            .or(|| admit(None, port, Family::V4))
            .or(|| admit(None, port, Family::V6));
    }
    verdict
}

/// A value that names something with a reference or a value not known statically, rather than
/// a literal id of something outside the model.
fn names_unknown(node: &Node) -> bool {
    node.is_unknown() && !node.is_unset()
}

/// Where network resources keep what reachability reads, per format (the catalog in
/// `aws` fills it in, so this layer names no attribute).
pub struct NetworkCatalog {
    /// A subnet's IPv4 range.
    pub subnet_cidr: &'static [&'static str],
    /// A subnet's switch giving what is launched into it a public address.
    pub subnet_public_ip: &'static [&'static str],
    /// Elastic IPs and associations, and where each names its instance.
    pub elastic_ips: &'static [(&'static str, &'static str)],
    pub vpcs: &'static [&'static str],
    /// Where a security group rule of its own names its group.
    pub rule_group: &'static [&'static str],
    /// A resource that adopts a VPC's default security group, and where it names the VPC.
    pub default_security_groups: &'static [(&'static str, &'static str)],
    /// Network ACLs, and where one lists its subnets itself.
    pub acls: &'static [&'static str],
    pub acl_subnets: &'static str,
    /// An ACL's inline entry lists (inbound and outbound).
    pub acl_inline_entries: &'static [&'static str],
    /// Where an ACL entry of its own names its ACL.
    pub entry_acl: &'static [&'static str],
    /// Associations of a subnet with an ACL: the kind, its ACL key and its subnet key.
    pub acl_associations: &'static [(&'static str, &'static str, &'static str)],
    /// Where a VPC gives the id of its default ACL.
    pub vpc_default_acl: &'static str,
    /// A resource that adopts a VPC's default ACL, and where it names it.
    pub default_acls: &'static [(&'static str, &'static str)],
    /// Where a route of its own names its gateway.
    pub route_gateway: &'static str,
    /// Network interfaces, through which instances may be networked.
    pub interfaces: InterfaceCatalog,
    /// Security group types, as workloads and rules name them.
    pub security_groups: &'static [&'static str],
    /// Groups services create, named through their owner's attributes.
    pub service_groups: &'static [security_group::ServiceGroup],
    /// EC2 instance types.
    pub instances: &'static [&'static str],
    /// Where an instance launched without interfaces of its own names its placement.
    pub instance_placement: InstancePlacement,
    /// Data stores the internet can reach directly once they have a public address.
    pub exposable_stores: &'static [ExposableStore],
    /// Where network ACL entries are declared.
    pub network_acls: &'static network_acl::AclCatalog,
    /// Data stores placed in subnets, and how each reaches them.
    pub data_stores: &'static [network::DataStoreKind],
    /// Subnets, route tables and internet gateways.
    pub routes: &'static network::RouteCatalog,
}

/// Where an instance names its subnet, its security groups and its public address switch,
/// each a list of keys of either format, the first present one deciding.
pub struct InstancePlacement {
    pub subnet: &'static [&'static str],
    /// By id first, then by name (EC2-Classic and default-VPC style).
    pub security_groups: &'static [&'static str],
    pub public_ip: &'static [&'static str],
}

/// The first of `keys` the resource sets.
fn first_of<'r>(resource: &'r Resource, keys: &[&str]) -> Option<&'r Node> {
    keys.iter().find_map(|key| resource.get(key))
}

/// The model's network, indexed once for reachability questions.
pub struct Reachability<'a> {
    model: &'a Model,
    catalog: &'static NetworkCatalog,
    ingress_by_group: HashMap<ResourceId, Vec<&'a SecurityGroupRule<'a>>>,
    egress_by_group: HashMap<ResourceId, Vec<&'a SecurityGroupRule<'a>>>,
    /// A security group rule whose group is not known statically: it may open any group.
    rule_of_unknown_group: Option<Span>,
    default_group_of_vpc: HashMap<ResourceId, ResourceId>,
    acls: NetworkAcls<'a>,
    acl_of_subnet: HashMap<ResourceId, ResourceId>,
    /// Subnets associated with an ACL that is not known statically.
    unknown_acl_of_subnet: HashMap<ResourceId, Span>,
    /// An ACL association whose subnet is not known statically: it may be any subnet.
    association_of_unknown_subnet: Option<Span>,
    /// An ACL entry whose ACL is not known statically: it may belong to any ACL.
    entry_of_unknown_acl: Option<Span>,
    default_acl_of_vpc: HashMap<ResourceId, ResourceId>,
    /// Shared by the rules of one model, which may run on several threads at once.
    main_route_of_vpc: Mutex<HashMap<ResourceId, RouteAnswer<'a>>>,
    /// The explicit route table of each subnet asked about: thousands of workloads may share a
    /// subnet, and finding its association reads every resource that names the subnet.
    route_of_subnet: Mutex<HashMap<ResourceId, Option<RouteAnswer<'a>>>>,
    /// Listeners, target groups and registrations, when paths through load balancers are
    /// asked for.
    load_balanced: Option<LoadBalanced<'a>>,
    /// The network interfaces of each instance.
    interfaces: InterfaceIndex<'a>,
}

/// Whether a route table sends the internet's traffic to an internet gateway, and the route.
type RouteAnswer<'a> = (Truth, Option<PublicRoute<'a>>);

impl<'a> Reachability<'a> {
    /// The index of `model`, whose security group rules are `rules` (gathered once per model
    /// by [`security_group::rules`] and shared with the rules that read them).
    pub fn new(
        model: &'a Model,
        catalog: &'static NetworkCatalog,
        rules: &'a [SecurityGroupRule<'a>],
    ) -> Reachability<'a> {
        let mut ingress_by_group: HashMap<ResourceId, Vec<&'a SecurityGroupRule<'a>>> =
            HashMap::new();
        let mut egress_by_group: HashMap<ResourceId, Vec<&'a SecurityGroupRule<'a>>> =
            HashMap::new();
        let mut rule_of_unknown_group = None;
        for rule in rules {
            if rule.direction != Direction::Ingress {
                if let Some(group) = rule.group {
                    egress_by_group.entry(group).or_default().push(rule);
                }
                continue;
            }
            match rule.group {
                Some(group) => ingress_by_group.entry(group).or_default().push(rule),
                None => {
                    let named_by = catalog
                        .rule_group
                        .iter()
                        .find_map(|key| rule.declared_by.get(key));
                    if named_by.is_some_and(names_unknown) {
                        rule_of_unknown_group.get_or_insert(rule.span);
                    }
                }
            }
        }
        let mut default_group_of_vpc = HashMap::new();
        for (kind, vpc_key) in catalog.default_security_groups {
            for (id, group) in model.of_kind(std::slice::from_ref(kind)) {
                if let Some((vpc, _)) = group
                    .get(vpc_key)
                    .and_then(|v| model.resolve_kind(v, catalog.vpcs))
                {
                    default_group_of_vpc.insert(vpc, id);
                }
            }
        }

        let acls = network_acl::entries(model, catalog.network_acls);
        let entry_of_unknown_acl = acls
            .entries
            .iter()
            .filter(|e| e.acl.is_none())
            .find(|e| {
                catalog
                    .entry_acl
                    .iter()
                    .find_map(|key| e.declared_by.get(key))
                    .is_some_and(names_unknown)
            })
            .map(|e| e.span);
        let mut acl_of_subnet = HashMap::new();
        let mut unknown_acl_of_subnet = HashMap::new();
        let mut association_of_unknown_subnet = None;
        for (id, acl) in model.of_kind(catalog.acls) {
            for s in acl
                .get(catalog.acl_subnets)
                .map(Node::items)
                .unwrap_or_default()
            {
                match network::subnet(model, catalog.routes, s) {
                    Some(subnet) => {
                        acl_of_subnet.insert(subnet, id);
                    }
                    None if names_unknown(s) => {
                        association_of_unknown_subnet.get_or_insert(s.span);
                    }
                    None => {}
                }
            }
        }
        for (kind, acl_key, subnet_key) in catalog.acl_associations {
            for (_, association) in model.of_kind(std::slice::from_ref(kind)) {
                let subnet_node = association.get(subnet_key);
                let subnet = subnet_node.and_then(|s| network::subnet(model, catalog.routes, s));
                let acl = association
                    .get(acl_key)
                    .and_then(|a| model.resolve_kind(a, catalog.acls));
                match (subnet, acl) {
                    (Some(subnet), Some((acl, _))) => {
                        acl_of_subnet.insert(subnet, acl);
                    }
                    (Some(subnet), None) => {
                        unknown_acl_of_subnet.insert(subnet, association.span);
                    }
                    (None, _) if subnet_node.is_some_and(names_unknown) => {
                        association_of_unknown_subnet.get_or_insert(association.span);
                    }
                    (None, _) => {}
                }
            }
        }
        let mut default_acl_of_vpc = HashMap::new();
        let mut vpc_of_default_acl_id: HashMap<&str, ResourceId> = HashMap::new();
        for (vpc, r) in model.of_kind(catalog.vpcs) {
            if let Some(id) = r.get(catalog.vpc_default_acl).and_then(Node::as_str) {
                vpc_of_default_acl_id.insert(id, vpc);
            }
        }
        for (kind, acl_key) in catalog.default_acls {
            for (id, acl) in model.of_kind(std::slice::from_ref(kind)) {
                let Some(named) = acl.get(acl_key) else {
                    continue;
                };
                let vpc = match &named.value {
                    Value::Ref(reference) => model.by_address(&reference.address).filter(|v| {
                        model
                            .get(*v)
                            .is_some_and(|v| catalog.vpcs.contains(&v.kind.as_str()))
                    }),
                    Value::String(s) => vpc_of_default_acl_id.get(s.as_str()).copied(),
                    _ => None,
                };
                if let Some(vpc) = vpc {
                    default_acl_of_vpc.insert(vpc, id);
                }
            }
        }
        Reachability {
            model,
            catalog,
            ingress_by_group,
            egress_by_group,
            rule_of_unknown_group,
            default_group_of_vpc,
            acls,
            acl_of_subnet,
            unknown_acl_of_subnet,
            association_of_unknown_subnet,
            entry_of_unknown_acl,
            default_acl_of_vpc,
            main_route_of_vpc: Mutex::default(),
            route_of_subnet: Mutex::default(),
            load_balanced: None,
            interfaces: InterfaceIndex::index(model, &catalog.interfaces, catalog.instances),
        }
    }

    /// The subnet's IPv4 range, as written.
    fn subnet_cidr(&self, subnet: ResourceId) -> Option<&'a Node> {
        let resource = self.model.get(subnet)?;
        self.catalog
            .subnet_cidr
            .iter()
            .find_map(|key| resource.get(key))
    }

    fn exposable_store(&self, kind: &str) -> Option<&'static ExposableStore> {
        self.catalog
            .exposable_stores
            .iter()
            .find(|s| s.kind == kind)
    }

    /// Also follow paths through the internet-facing load balancers of the model, indexed once.
    pub fn with_load_balancers(mut self, catalog: &'static LoadBalancerCatalog) -> Self {
        self.load_balanced = Some(LoadBalanced::index(self.model, catalog));
        self
    }

    /// Can the internet reach the data store on its port? The open path names every hop,
    /// from the internet gateway to the store.
    pub fn data_store_from_internet(&self, store: &'a Resource) -> (Step, Option<i64>) {
        let Some(spec) = self.exposable_store(&store.kind) else {
            return (Step::Closed, None);
        };
        let model = self.model;
        let cluster = spec.cluster.and_then(|(attribute, kinds)| {
            model
                .resolve_kind(store.get(attribute)?, kinds)
                .map(|(_, c)| c)
        });
        let placement = network::data_store_kind(self.catalog.data_stores, &store.kind)
            .and_then(|kind| network::placement(model, self.catalog.data_stores, store, kind));
        let subnets: Vec<(Option<ResourceId>, &Node)> = placement
            .as_ref()
            .map(|p| {
                p.subnets
                    .iter()
                    .map(|n| (network::subnet(model, self.catalog.routes, n), *n))
                    .collect()
            })
            .unwrap_or_default();
        let vpc = subnets.iter().find_map(|(s, _)| {
            s.and_then(|s| network::vpc_of_subnet(model, self.catalog.routes, s))
        });

        let address = self.public_address(store, spec, vpc);
        if matches!(address, Step::Closed) {
            return (Step::Closed, None);
        }
        let port = match self.store_port(store, spec, cluster) {
            Ok(port) => port,
            Err(unknown) => return (address.then(|| Step::Undecided(unknown)), None),
        };
        let groups_holder = cluster.unwrap_or(store);
        let groups_key = cluster
            .and_then(|c| self.exposable_store(&c.kind))
            .map_or(spec.security_groups, |c| c.security_groups);
        let groups = groups_holder.get(groups_key);

        let through_subnets = match &placement {
            None => Step::undecided(
                "no subnet group: the database is placed in the default VPC, which is not in the configuration",
                store.span,
            ),
            Some(place) if subnets.is_empty() => Step::undecided(
                "the subnets of the subnet group are not known statically",
                place.via.span,
            ),
            Some(_) => {
                let mut verdict = Step::Closed;
                for (subnet, node) in &subnets {
                    verdict = verdict.or(|| match subnet {
                        None => Step::undecided(&self.unresolved_subnet_reason(node), node.span),
                        Some(subnet) => self.subnet_from_internet(*subnet, port, |family| {
                            self.groups_admit(groups, vpc, port, family)
                        }),
                    });
                }
                verdict
            }
        };
        let path = through_subnets.then(|| address);
        (path, Some(port))
    }

    /// The hops from the internet into `subnet` and through the security groups of what is in
    /// it (`groups`, asked for the IP version of the route): route, network ACL, groups.
    fn subnet_from_internet(
        &self,
        subnet: ResourceId,
        port: i64,
        groups: impl FnOnce(Family) -> Step,
    ) -> Step {
        let model = self.model;
        let Some(subnet_resource) = model.get(subnet) else {
            return Step::Closed;
        };
        let (explicit, (public, route)) = match self.explicit_route(subnet) {
            Some(answer) => (true, answer),
            None => (false, self.main_route(subnet)),
        };
        let route_step = match (public, route) {
            (Truth::No, _) => return Step::Closed,
            (Truth::Yes, Some(route)) => route,
            _ => {
                return Step::undecided(
                    "the subnet's route table, or a route in it, is not known statically",
                    subnet_resource.span,
                );
            }
        };
        let cidr = route_step
            .cidr
            .and_then(Node::as_str)
            .unwrap_or("0.0.0.0/0");
        let family = family_of(cidr);
        // An inline route is the whole route block; a route resource gives its gateway value.
        let gateway_node = route_step
            .destination
            .get(self.catalog.route_gateway)
            .unwrap_or(route_step.destination);
        let gateway = model
            .resolve(gateway_node)
            .and_then(|id| model.get(id))
            .map(|g| g.address.clone())
            .or_else(|| gateway_node.as_str().map(str::to_string))
            .unwrap_or_else(|| "internet gateway".to_string());
        let table = &route_step.route_table.address;
        let which = if explicit {
            "associated with the subnet"
        } else {
            "the VPC's main route table, used by subnets without an association"
        };
        let route_span = route_step
            .cidr
            .map_or(route_step.destination.span, |c| c.span);
        Step::hop(
            gateway.clone(),
            gateway_node.span,
            format!("internet gateway `{gateway}`"),
        )
        .then(|| {
            Step::hop(
                format!("{table} ({cidr})"),
                route_span,
                format!("route table `{table}` ({which}) sends {cidr} to `{gateway}`"),
            )
        })
        .then(|| {
            Step::hop(
                subnet_resource.address.clone(),
                subnet_resource.span,
                format!(
                    "subnet `{}` uses route table `{table}`",
                    subnet_resource.address
                ),
            )
        })
        .then(|| self.acl_admits(subnet, subnet_resource, port))
        .then(|| groups(family))
    }

    fn explicit_route(&self, subnet: ResourceId) -> Option<RouteAnswer<'a>> {
        if let Ok(memo) = self.route_of_subnet.lock()
            && let Some(answer) = memo.get(&subnet)
        {
            return answer.clone();
        }
        let answer =
            network::explicit_route_table_is_public(self.model, self.catalog.routes, subnet);
        if let Ok(mut memo) = self.route_of_subnet.lock() {
            memo.insert(subnet, answer.clone());
        }
        answer
    }

    fn main_route(&self, subnet: ResourceId) -> (Truth, Option<PublicRoute<'a>>) {
        let Some(vpc) = network::vpc_of_subnet(self.model, self.catalog.routes, subnet) else {
            return (Truth::Unknown, None);
        };
        if let Ok(memo) = self.main_route_of_vpc.lock()
            && let Some(answer) = memo.get(&vpc)
        {
            return answer.clone();
        }
        let answer = network::vpc_main_route_table_is_public(self.model, self.catalog.routes, vpc);
        if let Ok(mut memo) = self.main_route_of_vpc.lock() {
            memo.insert(vpc, answer.clone());
        }
        answer
    }

    /// The subnet's network ACL: inbound from the internet on `port`, and outbound to the
    /// internet on the client's ephemeral port for the replies (ACLs are stateless).
    fn acl_admits(&self, subnet: ResourceId, subnet_resource: &Resource, port: i64) -> Step {
        if let Some(span) = self.unknown_acl_of_subnet.get(&subnet) {
            return Step::undecided("the subnet's network ACL is not known statically", *span);
        }
        let vpc = network::vpc_of_subnet(self.model, self.catalog.routes, subnet);
        let acl = self
            .acl_of_subnet
            .get(&subnet)
            .or_else(|| vpc.and_then(|v| self.default_acl_of_vpc.get(&v)));
        let Some(&acl) = acl else {
            if let Some(span) = self.association_of_unknown_subnet {
                return Step::undecided(
                    "a network ACL association names a subnet not known statically",
                    span,
                );
            }
            // AWS's default network ACL allows all traffic in both directions.
            return Step::hop(
                "default network ACL",
                subnet_resource.span,
                format!(
                    "subnet `{}` uses its VPC's default network ACL, which allows all traffic",
                    subnet_resource.address
                ),
            );
        };
        let Some(acl_resource) = self.model.get(acl) else {
            return Step::Closed;
        };
        for key in self.catalog.acl_inline_entries {
            if let Some(list) = acl_resource.get(key)
                && list.as_list().is_none()
                && list.is_unknown()
            {
                return Step::Undecided(list.clone());
            }
        }
        let through = |direction: Direction, port: i64| -> Step {
            let mut verdict = Step::Closed;
            for entry in self.acls.of_acl(acl) {
                if entry.direction != direction {
                    continue;
                }
                verdict =
                    verdict.or(
                        || match self.acls.admits_from_world(entry, &Protocol::Tcp, port) {
                            Truth::Yes => {
                                let number = entry
                                    .rule_number
                                    .map_or(String::new(), |n| format!(" rule {n}"));
                                let way = match direction {
                                    Direction::Ingress => format!("admits tcp/{port} from"),
                                    Direction::Egress => {
                                        format!("lets replies out on tcp/{port} to")
                                    }
                                };
                                let allows = if entry.action == AclAction::Allow {
                                    "allow"
                                } else {
                                    "may allow"
                                };
                                Step::hop(
                                    format!("{}{number}", acl_resource.address),
                                    entry.span,
                                    format!(
                                        "network ACL `{}`{number} ({allows}) {way} the internet",
                                        acl_resource.address
                                    ),
                                )
                            }
                            Truth::Unknown => Step::undecided(
                                "a network ACL entry is not known statically",
                                entry.span,
                            ),
                            Truth::No => Step::Closed,
                        },
                    );
            }
            match (verdict, self.entry_of_unknown_acl) {
                (Step::Closed, Some(span)) => Step::undecided(
                    "a network ACL entry names an ACL not known statically",
                    span,
                ),
                (verdict, _) => verdict,
            }
        };
        let inbound = through(Direction::Ingress, port);
        // Only the inbound entry is a hop of the path; the outbound one just has to exist.
        match through(Direction::Egress, EPHEMERAL_PORT) {
            Step::Open(_) => inbound,
            other => inbound.then(|| other),
        }
    }

    /// Do the security groups admit `port` from the whole internet (of `family`)? No group
    /// means the VPC's default group, which admits only its own members unless the
    /// configuration declares its rules.
    fn groups_admit(
        &self,
        groups: Option<&'a Node>,
        vpc: Option<ResourceId>,
        port: i64,
        family: Family,
    ) -> Step {
        // `vpc_security_group_ids = aws_eks_cluster.c.vpc_config[0].security_group_ids`: the
        // groups written there.
        let groups = groups.map(|g| self.model.dereference(g));
        if let Some(groups) = groups
            && groups.as_list().is_none()
            && names_unknown(groups)
            && self.model.resolve(groups).is_none()
        {
            return Step::Undecided(groups.clone());
        }
        let listed: Vec<&Node> = groups.map(Node::items).unwrap_or_default().iter().collect();
        self.listed_groups_admit(&listed, vpc, port, family)
    }

    /// Do the listed security groups admit `port` from the whole internet (of `family`)? None
    /// listed means the VPC's default group.
    fn listed_groups_admit(
        &self,
        listed: &[&Node],
        vpc: Option<ResourceId>,
        port: i64,
        family: Family,
    ) -> Step {
        if listed.is_empty() {
            return match vpc.and_then(|v| self.default_group_of_vpc.get(&v)) {
                Some(&group) => self.group_admits(group, port, family),
                None => Step::Closed,
            };
        }
        let mut verdict = Step::Closed;
        for &node in listed {
            verdict = verdict.or(|| match self.resolve_group(node) {
                // A VPC stands for its default group: the rules naming it, and those of the
                // resource adopting it.
                Some((group, _)) => self.group_admits(group, port, family).or(|| {
                    match self.default_group_of_vpc.get(&group) {
                        Some(&adopted) => self.group_admits(adopted, port, family),
                        None => Step::Closed,
                    }
                }),
                None => Step::undecided(&self.unresolved_group_reason(node), node.span),
            });
        }
        verdict
    }

    /// Why a listed security group is not followed: outside the configuration, or a part of a
    /// resource of it that is not known to name a group (`aws_instance.x.tags["Group"]`).
    fn unresolved_group_reason(&self, node: &Node) -> String {
        match self.model.dereference(node).as_reference() {
            Some(reference) if self.model.by_address(&reference.address).is_some() => {
                format!(
                    "`{reference}` is not known before apply, so which security group it names and its rules are unknown"
                )
            }
            _ => "the security group is not in the configuration, so its rules are unknown".into(),
        }
    }

    /// Why a subnet is not followed: outside the configuration, or an attribute of a resource
    /// of it that the configuration does not give (`aws_instance.x.subnet_id` of an instance
    /// that names no subnet).
    fn unresolved_subnet_reason(&self, node: &Node) -> String {
        match self.model.dereference(node).as_reference() {
            Some(reference) if self.model.by_address(&reference.address).is_some() => {
                format!(
                    "`{reference}` is not known before apply, so which subnet it names and its route table are unknown"
                )
            }
            _ => "the subnet is not in the configuration, so its route table is unknown".into(),
        }
    }

    /// The security group a value names: a declared group, or one a service created for a
    /// resource of the model (EKS's cluster security group, standing as its cluster).
    pub(crate) fn resolve_group(&self, node: &Node) -> Option<(ResourceId, &'a Resource)> {
        security_group::resolve_group(
            self.model,
            node,
            self.catalog.security_groups,
            self.catalog.service_groups,
        )
    }

    /// A group's name for hops: its address, or its owner's and what the group is.
    fn group_name(&self, group: ResourceId) -> String {
        let Some(g) = self.model.get(group) else {
            return String::new();
        };
        match security_group::service_group(self.catalog.service_groups, &g.kind) {
            Some(service) => format!("{} {}", g.address, service.name),
            None => g.address.clone(),
        }
    }

    fn group_admits(&self, group: ResourceId, port: i64, family: Family) -> Step {
        let name = self.group_name(group);
        let mut verdict = Step::Closed;
        for rule in self
            .ingress_by_group
            .get(&group)
            .map_or(&[][..], Vec::as_slice)
        {
            verdict = verdict.or(|| {
                if rule.unknown {
                    return Step::Undecided(security_group::unknown_rule_node(rule));
                }
                let covers = rule.covers_tcp_port(port);
                if covers.is_no() {
                    return Step::Closed;
                }
                let mut step = Step::Closed;
                for peer in &rule.peers {
                    step = step.or(|| match (peer.kind, peer.node) {
                        (PeerKind::World, node) => {
                            let cidr = node.and_then(Node::as_str).unwrap_or("0.0.0.0/0");
                            if family_of(cidr) != family {
                                return Step::Closed;
                            }
                            let span = node.map_or(rule.span, |n| n.span);
                            match covers {
                                Truth::Yes => Step::hop(
                                    format!("{name} (tcp/{port} from {cidr})"),
                                    span,
                                    format!(
                                        "security group `{name}` admits tcp/{port} from {cidr}"
                                    ),
                                ),
                                _ => Step::undecided(
                                    "the ports of a security group rule are not known statically",
                                    rule.span,
                                ),
                            }
                        }
                        (PeerKind::Unknown, Some(node)) => Step::Undecided(node.clone()),
                        _ => Step::Closed,
                    });
                }
                step
            });
        }
        self.or_unknown_group_rule(verdict)
    }

    /// Closed groups, unless a rule names a group not known statically: it may be one of them.
    fn or_unknown_group_rule(&self, verdict: Step) -> Step {
        match (verdict, self.rule_of_unknown_group) {
            (Step::Closed, Some(span)) => Step::undecided(
                "a security group rule names a group not known statically",
                span,
            ),
            (verdict, _) => verdict,
        }
    }

    /// The public address hop: the store's own setting, or the default when it is omitted.
    fn public_address(
        &self,
        store: &'a Resource,
        spec: &ExposableStore,
        vpc: Option<ResourceId>,
    ) -> Step {
        let label = format!("{} (publicly accessible)", store.address);
        let flag = store.get(spec.public_flag).filter(|f| !f.is_unset());
        match flag.map(Node::truth) {
            Some(Truth::Yes) => Step::hop(
                label,
                flag.map_or(store.span, |f| f.span),
                format!(
                    "`{}` is publicly accessible: it has a public address",
                    store.address
                ),
            ),
            Some(Truth::No) => Step::Closed,
            Some(Truth::Unknown) => flag.map_or(Step::Closed, |f| Step::Undecided(f.clone())),
            None => match spec.public_default {
                PublicDefault::Private => Step::Closed,
                PublicDefault::DependsOnProviderVersion => Step::undecided(
                    "publicly accessible is omitted, and the provider's default depends on its version (true before 6.0)",
                    store.span,
                ),
                PublicDefault::WhenVpcHasInternetGateway => {
                    match vpc.map(|v| {
                        network::vpc_has_internet_gateway(self.model, self.catalog.routes, v)
                    }) {
                        Some(Truth::Yes) => Step::hop(
                            label,
                            store.span,
                            format!(
                                "`{}` omits publicly accessible and its VPC has an internet gateway, so RDS gives it a public address",
                                store.address
                            ),
                        ),
                        Some(Truth::No) => Step::Closed,
                        _ => Step::undecided(
                            "publicly accessible is omitted, and whether its VPC has an internet gateway is not known",
                            store.span,
                        ),
                    }
                }
            },
        }
    }

    /// The port the store listens on: its own setting, its cluster's, else its engine's.
    fn store_port(
        &self,
        store: &Resource,
        spec: &ExposableStore,
        cluster: Option<&Resource>,
    ) -> Result<i64, Node> {
        let cluster_spec = cluster.and_then(|c| self.exposable_store(&c.kind));
        let written = [
            store.get(spec.port),
            cluster.zip(cluster_spec).and_then(|(c, s)| c.get(s.port)),
        ];
        for node in written.into_iter().flatten() {
            if node.is_unset() || node.is_null() {
                continue;
            }
            return node.as_i64().ok_or_else(|| node.clone());
        }
        let engines = [
            spec.engine.and_then(|e| store.get(e)),
            cluster
                .zip(cluster_spec)
                .and_then(|(c, s)| s.engine.and_then(|e| c.get(e))),
        ];
        // An instance often repeats its cluster's engine by reference: the known one decides.
        let engines: Vec<&Node> = engines
            .into_iter()
            .flatten()
            .filter(|n| n.is_written())
            .collect();
        if let Some(node) = engines.iter().find(|n| n.as_str().is_some()) {
            let engine = node.as_str().unwrap_or_default();
            return engine_port(engine).ok_or_else(|| {
                Node::unknown(
                    "the engine's default port is not known to zt-lint",
                    node.span,
                )
            });
        }
        if let Some(node) = engines.first() {
            return Err((*node).clone());
        }
        spec.default_port.ok_or_else(|| {
            Node::unknown(
                "neither the port nor the engine is known statically",
                store.span,
            )
        })
    }
}

/// An EC2 instance the internet reaches, with the hops that reach it.
pub struct ReachableInstance<'a> {
    pub resource: &'a Resource,
    pub hops: Vec<Hop>,
    subnet: ResourceId,
    groups: Vec<ResourceId>,
    /// Why its groups are not all known (a group the service creates), if they are not: what
    /// they let out is then unknown.
    unlisted_groups: Option<Node>,
}

/// The instances the internet reaches, indexed by security group, and those left undecided.
pub struct ReachableInstances<'a> {
    pub instances: Vec<ReachableInstance<'a>>,
    by_group: HashMap<ResourceId, Vec<usize>>,
    /// The reachable ones by the subnet they are reached in, for rules that admit a CIDR
    /// (ordered, so findings come out in the same order every run).
    by_subnet: BTreeMap<ResourceId, Vec<usize>>,
    /// `(first address, prefix length, subnet)` of those subnets, sorted.
    subnet_ranges: Vec<(u32, u32, ResourceId)>,
    /// Those subnets whose IPv4 range is not known statically, with the value that says so: a
    /// CIDR rule other than the world's may or may not hold them.
    unranged_subnets: Vec<(ResourceId, Node)>,
    /// Instances whose reachability is not known, by security group: what one of their
    /// groups may reach is undecided.
    undecided_by_group: HashMap<ResourceId, Node>,
    /// A reachable or undecided workload whose security group is one the service creates
    /// outside the configuration: a rule naming a group not in the configuration may name it.
    unlisted_groups: Option<Node>,
}

/// An IPv4 CIDR as its first and last address.
fn ipv4_range(cidr: &str) -> Option<(u32, u32, u32)> {
    let (address, length) = cidr.trim().split_once('/')?;
    let address: std::net::Ipv4Addr = address.trim().parse().ok()?;
    let length: u32 = length.trim().parse().ok()?;
    let host_bits = 32u32.checked_sub(length)?;
    let host_mask = u32::try_from((1u64 << host_bits) - 1).ok()?;
    let first = u32::from(address) & !host_mask;
    Some((first, first | host_mask, length))
}

impl<'a> ReachableInstances<'a> {
    /// Indexes the subnets the reachable workloads are reached in by their IPv4 range, so a
    /// CIDR rule finds the subnets it holds without a scan of them all.
    fn index_subnet_ranges(&mut self, reachability: &Reachability<'a>) {
        for &subnet in self.by_subnet.keys() {
            let Some(resource) = reachability.model.get(subnet) else {
                continue;
            };
            let cidr = reachability.subnet_cidr(subnet);
            match cidr.and_then(Node::as_str).and_then(ipv4_range) {
                Some((first, _, length)) => self.subnet_ranges.push((first, length, subnet)),
                None => self.unranged_subnets.push((
                    subnet,
                    match cidr {
                        Some(node) if node.is_unknown() => node.clone(),
                        _ => Node::unknown(
                            "the subnet's IPv4 range is not known statically",
                            cidr.map_or(resource.span, |n| n.span),
                        ),
                    },
                )),
            }
        }
        self.subnet_ranges.sort_unstable();
    }

    /// The subnets of reachable workloads that `cidr` holds, in address order.
    fn subnets_within<'s>(&'s self, cidr: &str) -> impl Iterator<Item = ResourceId> + 's {
        let range = ipv4_range(cidr);
        let start = range.map_or(self.subnet_ranges.len(), |(first, _, _)| {
            self.subnet_ranges.partition_point(|(s, _, _)| *s < first)
        });
        self.subnet_ranges
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |(s, _, _)| range.is_some_and(|(_, last, _)| *s <= last))
            .filter(move |(_, length, _)| range.is_some_and(|(_, _, l)| *length >= l))
            .map(|(_, _, subnet)| *subnet)
    }

    fn push(&mut self, reachable: ReachableInstance<'a>) {
        let index = self.instances.len();
        for g in &reachable.groups {
            self.by_group.entry(*g).or_default().push(index);
        }
        self.by_subnet
            .entry(reachable.subnet)
            .or_default()
            .push(index);
        self.instances.push(reachable);
    }
}

/// Remote administration: SSH, RDP, WinRM over HTTP and HTTPS.
pub const ADMIN_PORTS: &[i64] = &[22, 3389, 5985, 5986];
/// Ports tried for a rule that admits every protocol from the internet.
const PROBE_PORTS: &[i64] = &[443, 80, 22];

impl<'a> Reachability<'a> {
    /// Every EC2 instance of the model the internet reaches, once per model.
    pub fn reachable_instances(&self) -> ReachableInstances<'a> {
        let mut out = ReachableInstances {
            instances: Vec::new(),
            by_group: HashMap::new(),
            by_subnet: BTreeMap::new(),
            subnet_ranges: Vec::new(),
            unranged_subnets: Vec::new(),
            undecided_by_group: HashMap::new(),
            unlisted_groups: None,
        };
        for (id, instance) in self.model.of_kind(self.catalog.instances) {
            if !instance.is_managed() {
                continue;
            }
            let direct = self.instance_from_internet(id, instance);
            let verdict = self.direct_or_forwarded_admin(direct, id, instance, || {
                self.instance_placement(id, instance)
            });
            match verdict {
                (Step::Open(hops), Some((subnet, groups))) => {
                    // Whoever holds the instance sends from any of its interfaces.
                    let mut others = self.instance_interface_placements(id, instance);
                    others.retain(|(s, g)| (*s, g) != (subnet, &groups));
                    out.push(ReachableInstance {
                        resource: instance,
                        hops: hops.clone(),
                        subnet,
                        groups,
                        unlisted_groups: None,
                    });
                    for (subnet, groups) in others {
                        out.push(ReachableInstance {
                            resource: instance,
                            hops: hops.clone(),
                            subnet,
                            groups,
                            unlisted_groups: None,
                        });
                    }
                }
                (Step::Undecided(node), _) => {
                    for g in self.instance_groups(id, instance) {
                        out.undecided_by_group
                            .entry(g)
                            .or_insert_with(|| node.clone());
                    }
                }
                _ => {}
            }
        }
        out.index_subnet_ranges(self);
        out
    }

    /// Does the internet reach the instance on one of `ports`? The first port with an open
    /// path, in the order given, and its hops.
    pub fn instance_from_internet_on(
        &self,
        id: ResourceId,
        instance: &'a Resource,
        ports: &[i64],
    ) -> (Step, Option<i64>) {
        self.first_open_port(
            id,
            instance,
            ports,
            |port| self.instance_path(id, instance, Some(port)).0,
            || self.instance_placement(id, instance),
        )
    }

    /// The first of `ports`, in the order given, on which `direct` opens a path to `target`,
    /// else the first a load balancer opens to it where `placement` puts it.
    fn first_open_port(
        &self,
        id: ResourceId,
        target: &'a Resource,
        ports: &[i64],
        direct: impl Fn(i64) -> Step,
        placement: impl FnOnce() -> Result<Placement, Node>,
    ) -> (Step, Option<i64>) {
        let mut verdict = Step::Closed;
        for &port in ports {
            match direct(port) {
                Step::Open(hops) => return (Step::Open(hops), Some(port)),
                other => verdict = verdict.or(|| other),
            }
        }
        match self.through_load_balancer(id, target, &placement(), Some(ports)) {
            (Step::Open(hops), port) => (Step::Open(hops), port),
            (other, _) => (verdict.or(|| other), None),
        }
    }

    /// Where an instance runs, for a path through a load balancer: its primary interface.
    fn instance_placement(&self, id: ResourceId, instance: &Resource) -> Result<Placement, Node> {
        if self.launched_with_interfaces(id) {
            return self.primary_interface_placement(instance, id);
        }
        let subnet = first_of(instance, self.catalog.instance_placement.subnet)
            .and_then(|n| network::subnet(self.model, self.catalog.routes, n));
        Ok(Placement {
            groups: self.own_groups(id, instance),
            subnets: subnet.map(|s| vec![s]),
            unlisted_groups: None,
        })
    }

    /// Every interface of the instance whose subnet is in the model: its subnet and groups.
    fn instance_interface_placements(
        &self,
        id: ResourceId,
        instance: &Resource,
    ) -> Vec<(ResourceId, Vec<ResourceId>)> {
        let mut out = Vec::new();
        if !self.launched_with_interfaces(id)
            && let Ok(Placement {
                groups,
                subnets: Some(subnets),
                ..
            }) = self.instance_placement(id, instance)
        {
            out.extend(subnets.into_iter().map(|s| (s, groups.clone())));
        }
        let mut seen: std::collections::HashSet<_> = out.iter().cloned().collect();
        for placement in self.interface_placements(instance, id) {
            if seen.insert(placement.clone()) {
                out.push(placement);
            }
        }
        out
    }

    /// A workload the internet does not reach directly may still be reached through a load
    /// balancer forwarding to an administrative port: then it is as exposed as one with the
    /// port open to the world. A web tier behind a load balancer on its application port is the
    /// normal design, and is not counted here.
    fn direct_or_forwarded_admin(
        &self,
        direct: (Step, Option<(ResourceId, Vec<ResourceId>)>),
        id: ResourceId,
        workload: &'a Resource,
        placement: impl FnOnce() -> Result<Placement, Node>,
    ) -> (Step, Option<(ResourceId, Vec<ResourceId>)>) {
        if matches!(direct.0, Step::Open(_)) || self.load_balanced.is_none() {
            return direct;
        }
        let placement = placement();
        match self.through_load_balancer(id, workload, &placement, Some(ADMIN_PORTS)) {
            (Step::Open(hops), _) => {
                let Ok(placement) = placement else {
                    return direct;
                };
                match placement.subnets.as_deref().and_then(|s| s.first()) {
                    Some(&subnet) => (Step::Open(hops), Some((subnet, placement.groups))),
                    None => direct,
                }
            }
            (other, _) => (direct.0.or(|| other), direct.1),
        }
    }

    fn instance_from_internet(
        &self,
        id: ResourceId,
        instance: &'a Resource,
    ) -> (Step, Option<(ResourceId, Vec<ResourceId>)>) {
        self.instance_path(id, instance, None)
    }

    /// The path from the internet to the instance on `port`, or on any port its groups open
    /// to the world.
    /// The union over the instance's interfaces: its own subnet and groups (unless it is
    /// launched with interfaces, which replace them), and each interface attached to it.
    fn instance_path(
        &self,
        id: ResourceId,
        instance: &'a Resource,
        port: Option<i64>,
    ) -> (Step, Option<(ResourceId, Vec<ResourceId>)>) {
        let mut verdict = Step::Closed;
        let mut placement = None;
        if !self.launched_with_interfaces(id) {
            match self.own_interface_path(id, instance, port) {
                (Step::Open(hops), place) => return (Step::Open(hops), place),
                (other, place) => {
                    verdict = other;
                    placement = place;
                }
            }
        }
        for interface in self.interfaces_of(id) {
            match self.interface_path(id, instance, interface, port) {
                (Step::Open(hops), place) => return (Step::Open(hops), place),
                (other, _) => verdict = verdict.or(|| other),
            }
        }
        match (verdict, self.attachment_of_unknown_instance()) {
            (Step::Closed, Some(span)) => (
                Step::undecided(
                    "a network interface is attached to an instance not known statically",
                    span,
                ),
                placement,
            ),
            (verdict, _) => (verdict, placement),
        }
    }

    /// The path through the subnet and groups the instance is launched with itself.
    fn own_interface_path(
        &self,
        id: ResourceId,
        instance: &'a Resource,
        port: Option<i64>,
    ) -> (Step, Option<(ResourceId, Vec<ResourceId>)>) {
        let model = self.model;
        let names = &self.catalog.instance_placement;
        // A null argument (a plan's unset optional one) leaves the next name to decide.
        let field = |keys: &[&str]| {
            keys.iter()
                .find_map(|key| instance.get(key).filter(|n| !n.is_unset()))
        };
        let groups_node = field(names.security_groups);
        let groups = self.own_groups(id, instance);
        let ports = port.map_or_else(|| self.world_ports(&groups), |p| vec![p]);
        // Groups attached to the instance's primary interface add to its own; one attached to
        // an interface not known statically may be attached to this one.
        let added = self.groups_added_to_instance(id);
        let admit = |vpc: Option<ResourceId>, port: i64, family: Family| {
            let verdict = self.groups_admit(groups_node, vpc, port, family).or(|| {
                if added.is_empty() {
                    Step::Closed
                } else {
                    self.listed_groups_admit(added, vpc, port, family)
                }
            });
            match (verdict, self.group_attachment_of_unknown_interface()) {
                (Step::Closed, Some(span)) => Step::undecided(
                    "a security group attachment names a network interface not known statically",
                    span,
                ),
                (verdict, _) => verdict,
            }
        };
        // Where the subnet is unknown, the groups still answer when they close every port.
        let groups_open = || groups_open_on(&ports, admit);
        let Some(subnet_node) = field(names.subnet) else {
            let why = Step::undecided(
                "no subnet: the instance is launched in the default VPC, which is not in the configuration",
                instance.span,
            );
            return (groups_open().then(|| why), None);
        };
        let Some(subnet) = network::subnet(model, self.catalog.routes, subnet_node) else {
            let why = Step::undecided(
                &self.unresolved_subnet_reason(subnet_node),
                subnet_node.span,
            );
            return (groups_open().then(|| why), None);
        };
        let address = self.instance_address(id, instance, field(names.public_ip), subnet);
        if matches!(address, Step::Closed) {
            return (Step::Closed, None);
        }
        let vpc = network::vpc_of_subnet(model, self.catalog.routes, subnet);
        let mut path = Step::Closed;
        for port in ports {
            path = path
                .or(|| self.subnet_from_internet(subnet, port, |family| admit(vpc, port, family)));
        }
        (path.then(|| address), Some((subnet, groups)))
    }

    /// The security groups of an instance and of its network interfaces, in the model.
    fn instance_groups(&self, id: ResourceId, instance: &Resource) -> Vec<ResourceId> {
        let mut groups = if self.launched_with_interfaces(id) {
            Vec::new()
        } else {
            self.own_groups(id, instance)
        };
        groups.extend(self.interface_groups(instance, id));
        groups
    }

    /// The security groups an instance is launched with itself, and those attached to its
    /// primary interface through it.
    fn own_groups(&self, id: ResourceId, instance: &Resource) -> Vec<ResourceId> {
        first_of(instance, self.catalog.instance_placement.security_groups)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .chain(self.groups_added_to_instance(id).iter().copied())
            .filter_map(|g| self.resolve_group(g))
            .map(|(g, _)| g)
            .collect()
    }

    /// The ports the groups open to the internet, to follow through the network ACL.
    fn world_ports(&self, groups: &[ResourceId]) -> Vec<i64> {
        let mut ports = std::collections::BTreeSet::new();
        for g in groups {
            for rule in self.ingress_by_group.get(g).map_or(&[][..], Vec::as_slice) {
                if rule.world_peers().next().is_none() {
                    continue;
                }
                match (&rule.protocol, rule.from_port) {
                    (Protocol::Tcp, Some(from)) if from >= 0 => {
                        ports.insert(from);
                    }
                    (Protocol::Tcp, _) | (Protocol::All, _) => ports.extend(PROBE_PORTS),
                    _ => {}
                }
            }
        }
        if ports.is_empty() {
            // Nothing open as far as is known: one probe still reports what is unknown.
            ports.insert(443);
        }
        ports.into_iter().take(16).collect()
    }

    /// The instance's public address: its own setting, else the subnet's
    /// `map_public_ip_on_launch`; an Elastic IP gives one whatever they say.
    fn instance_address(
        &self,
        id: ResourceId,
        instance: &'a Resource,
        flag: Option<&'a Node>,
        subnet: ResourceId,
    ) -> Step {
        let label = format!("{} (public address)", instance.address);
        let own = match flag.map(Node::truth) {
            Some(Truth::Yes) => {
                return Step::hop(
                    label,
                    flag.map_or(instance.span, |f| f.span),
                    format!("`{}` is given a public IP address", instance.address),
                );
            }
            Some(Truth::Unknown) => flag.map_or(Step::Closed, |f| Step::Undecided(f.clone())),
            Some(Truth::No) => Step::Closed,
            None => match self.address_from_subnet(&label, instance, subnet) {
                Step::Open(hops) => return Step::Open(hops),
                other => other,
            },
        };
        for (kind, attribute) in self.instance_elastic_ips() {
            if let Some((_, eip)) = self
                .model
                .configuring(id, std::slice::from_ref(kind), attribute)
                .next()
            {
                return Step::hop(
                    label,
                    eip.span,
                    format!(
                        "Elastic IP `{}` gives `{}` a public address",
                        eip.address, instance.address
                    ),
                );
            }
        }
        let unresolved = self.instance_elastic_ips().any(|(kind, attribute)| {
            !self
                .model
                .is_configured_by(id, std::slice::from_ref(kind), attribute)
                .is_no()
        });
        match own {
            Step::Closed if unresolved => Step::undecided(
                "an Elastic IP is associated with an instance or network interface not known statically",
                instance.span,
            ),
            other => other,
        }
    }

    /// The subnet's `map_public_ip_on_launch`, which gives what is launched into it a public
    /// address when the launch itself does not say.
    fn address_from_subnet(&self, label: &str, launched: &Resource, subnet: ResourceId) -> Step {
        let map = self.model.get(subnet).and_then(|s| {
            self.catalog
                .subnet_public_ip
                .iter()
                .find_map(|key| s.get(key))
                .filter(|n| !n.is_unset())
        });
        match map.map(Node::truth) {
            Some(Truth::Yes) => Step::hop(
                label,
                map.map_or(launched.span, |m| m.span),
                format!(
                    "`{}` gets a public IP address from its subnet's map_public_ip_on_launch",
                    launched.address
                ),
            ),
            Some(Truth::Unknown) => map.map_or(Step::Closed, |m| Step::Undecided(m.clone())),
            _ => Step::Closed,
        }
    }

    /// Can a workload the internet reaches reach the data store on its port, through a
    /// security group rule of the store that names one of the workload's groups, or a CIDR
    /// that holds the workload's subnet?
    pub fn data_store_from_instances(
        &self,
        store: &'a Resource,
        instances: &ReachableInstances<'a>,
    ) -> Step {
        let Some(spec) = self.exposable_store(&store.kind) else {
            return Step::Closed;
        };
        // A workload with a group outside the configuration still counts: a rule naming such a
        // group may name it.
        if instances.instances.is_empty()
            && instances.undecided_by_group.is_empty()
            && instances.unlisted_groups.is_none()
        {
            return Step::Closed;
        }
        let model = self.model;
        let cluster = spec.cluster.and_then(|(attribute, kinds)| {
            model
                .resolve_kind(store.get(attribute)?, kinds)
                .map(|(_, c)| c)
        });
        let groups_key = cluster
            .and_then(|c| self.exposable_store(&c.kind))
            .map_or(spec.security_groups, |c| c.security_groups);
        let store_groups: Vec<ResourceId> = cluster
            .unwrap_or(store)
            .get(groups_key)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|g| self.resolve_group(g))
            .map(|(g, _)| g)
            .collect();
        let store_subnets: Vec<ResourceId> =
            network::data_store_kind(self.catalog.data_stores, &store.kind)
                .and_then(|kind| network::placement(model, self.catalog.data_stores, store, kind))
                .map(|p| {
                    p.subnets
                        .iter()
                        .filter_map(|n| network::subnet(model, self.catalog.routes, n))
                        .collect()
                })
                .unwrap_or_default();
        let name = |id: ResourceId| model.get(id).map_or(String::new(), |r| r.address.clone());
        let mut verdict = Step::Closed;
        for &group in &store_groups {
            let group_name = name(group);
            for rule in self
                .ingress_by_group
                .get(&group)
                .map_or(&[][..], Vec::as_slice)
            {
                // One open path is the finding: the other admitted workloads need no look.
                if matches!(verdict, Step::Open(_)) {
                    break;
                }
                // Admitted workloads: (index, how the rule names them, why).
                let mut admitted: Vec<(usize, String, String)> = Vec::new();
                let mut peers: Vec<ResourceId> = Vec::new();
                for peer in &rule.peer_groups {
                    match self.resolve_group(peer) {
                        Some((g, _)) => peers.push(g),
                        // A group outside the configuration may be the one a service gave a
                        // reachable workload (an EKS cluster security group).
                        None => {
                            if let Some(unknown) = &instances.unlisted_groups {
                                verdict = verdict.or(|| Step::Undecided(unknown.clone()));
                            }
                        }
                    }
                }
                if rule.peer_is_own_group {
                    peers.push(group);
                }
                for peer in peers {
                    if let Some(unknown) = instances.undecided_by_group.get(&peer) {
                        verdict = verdict.or(|| Step::Undecided(unknown.clone()));
                    }
                    let peer_name = self.group_name(peer);
                    for &i in instances.by_group.get(&peer).map_or(&[][..], Vec::as_slice) {
                        let Some(instance) = instances.instances.get(i) else {
                            continue;
                        };
                        admitted.push((
                            i,
                            peer_name.clone(),
                            format!("`{peer_name}`, a group of `{}`", instance.resource.address),
                        ));
                    }
                }
                // A CIDR admits every workload whose subnet it holds, the world's CIDR included.
                for peer in &rule.peers {
                    // A source not known statically may hold a reachable workload's subnet.
                    if peer.kind == PeerKind::Unknown {
                        if let Some(node) = peer.node
                            && !instances.by_subnet.is_empty()
                        {
                            verdict = verdict.or(|| Step::Undecided(node.clone()));
                        }
                        continue;
                    }
                    let Some(cidr) = peer.node.and_then(Node::as_str) else {
                        continue;
                    };
                    // A subnet whose range is not known: the world's CIDR holds it, any other
                    // may or may not.
                    let world = ipv4_range(cidr).is_some_and(|(_, _, length)| length == 0);
                    for (subnet, unknown) in &instances.unranged_subnets {
                        if world {
                            let Some(subnet_resource) = model.get(*subnet) else {
                                continue;
                            };
                            for &i in instances
                                .by_subnet
                                .get(subnet)
                                .map_or(&[][..], Vec::as_slice)
                            {
                                admitted.push((
                                    i,
                                    cidr.to_string(),
                                    format!(
                                        "{cidr}, which holds subnet `{}`",
                                        subnet_resource.address
                                    ),
                                ));
                            }
                        } else {
                            verdict = verdict.or(|| Step::Undecided(unknown.clone()));
                        }
                    }
                    for subnet in instances.subnets_within(cidr) {
                        let Some(subnet_resource) = model.get(subnet) else {
                            continue;
                        };
                        let members = instances
                            .by_subnet
                            .get(&subnet)
                            .map_or(&[][..], Vec::as_slice);
                        for &i in members {
                            admitted.push((
                                i,
                                cidr.to_string(),
                                format!("{cidr}, which holds subnet `{}`", subnet_resource.address),
                            ));
                        }
                    }
                }
                admitted.sort_by_key(|(i, _, _)| *i);
                for (i, from, why) in admitted {
                    let Some(instance) = instances.instances.get(i) else {
                        continue;
                    };
                    verdict = verdict.or(|| {
                        let port = match self.store_port(store, spec, cluster) {
                            Ok(port) => port,
                            Err(unknown) => return Step::Undecided(unknown),
                        };
                        match rule.covers_tcp_port(port) {
                            Truth::No => return Step::Closed,
                            Truth::Unknown => {
                                return Step::undecided(
                                    "the ports of a security group rule are not known statically",
                                    rule.span,
                                );
                            }
                            Truth::Yes => {}
                        }
                        self.lateral(instance, &store_groups, &store_subnets, port)
                            .then(|| {
                                let mut hops = instance.hops.clone();
                                hops.push(Hop {
                                    label: format!("{group_name} (tcp/{port} from {from})"),
                                    span: rule.span,
                                    note: format!(
                                        "security group `{group_name}` admits tcp/{port} from {why}"
                                    ),
                                });
                                hops.push(Hop {
                                    label: store.address.clone(),
                                    span: store.span,
                                    note: format!("`{}` listens on tcp/{port}", store.address),
                                });
                                Step::Open(hops)
                            })
                    });
                }
            }
        }
        verdict
    }

    /// Between the instance and the store: the instance's groups let the traffic out, and the
    /// network ACLs of both subnets let it across, both ways (they are stateless).
    fn lateral(
        &self,
        instance: &ReachableInstance<'a>,
        store_groups: &[ResourceId],
        store_subnets: &[ResourceId],
        port: i64,
    ) -> Step {
        let cidr_of = |subnet: ResourceId| self.subnet_cidr(subnet).and_then(Node::as_str);
        let mut verdict = Step::Closed;
        for &store_subnet in store_subnets {
            verdict = verdict.or(|| {
                let egress = self
                    .egress_reaches(&instance.groups, store_groups, cidr_of(store_subnet), port)
                    .or(|| {
                        instance
                            .unlisted_groups
                            .clone()
                            .map_or(Step::Closed, Step::Undecided)
                    });
                if instance.subnet == store_subnet {
                    return egress;
                }
                let (from, to) = (cidr_of(instance.subnet), cidr_of(store_subnet));
                let acls = self
                    .acl_allows(instance.subnet, Direction::Egress, port, to)
                    .and(self.acl_allows(store_subnet, Direction::Ingress, port, from))
                    .and(self.acl_allows(store_subnet, Direction::Egress, EPHEMERAL_PORT, from))
                    .and(self.acl_allows(instance.subnet, Direction::Ingress, EPHEMERAL_PORT, to));
                egress.then(|| match acls {
                    Truth::Yes => Step::Open(Vec::new()),
                    Truth::No => Step::Closed,
                    Truth::Unknown => Step::undecided(
                        "the network ACLs between the instance's and the data store's subnets are not known statically",
                        self.model
                            .get(store_subnet)
                            .map_or(instance.resource.span, |s| s.span),
                    ),
                })
            });
        }
        verdict
    }

    /// Do the instance's groups let tcp/`port` out to the store (the world, a CIDR holding the
    /// store's subnet, or one of the store's groups)?
    fn egress_reaches(
        &self,
        groups: &[ResourceId],
        store_groups: &[ResourceId],
        store_cidr: Option<&str>,
        port: i64,
    ) -> Step {
        let mut verdict = Truth::No;
        let mut unknown_span = None;
        for g in groups {
            for rule in self.egress_by_group.get(g).map_or(&[][..], Vec::as_slice) {
                let covers = if rule.unknown {
                    Truth::Unknown
                } else {
                    rule.covers_tcp_port(port)
                };
                if covers.is_no() {
                    continue;
                }
                let mut to_store = Truth::No;
                for peer in &rule.peers {
                    to_store = to_store.or(match (peer.kind, peer.node.and_then(Node::as_str)) {
                        (PeerKind::World, _) => Truth::Yes,
                        (PeerKind::Unknown, _) => Truth::Unknown,
                        (PeerKind::Restricted, Some(cidr)) => match store_cidr {
                            Some(store) => {
                                Truth::from_bool(security_group::cidr_within(store, cidr))
                            }
                            None => Truth::Unknown,
                        },
                        (PeerKind::Restricted, None) => Truth::No,
                    });
                }
                for peer in &rule.peer_groups {
                    to_store = to_store.or(match self.resolve_group(peer) {
                        Some((g, _)) => Truth::from_bool(store_groups.contains(&g)),
                        None if names_unknown(peer) => Truth::Unknown,
                        None => Truth::No,
                    });
                }
                let t = covers.and(to_store);
                if t.is_yes() {
                    return Step::Open(Vec::new());
                }
                if t == Truth::Unknown {
                    unknown_span.get_or_insert(rule.span);
                }
                verdict = verdict.or(t);
            }
        }
        match (verdict, unknown_span) {
            (Truth::Unknown, Some(span)) => Step::undecided(
                "an outbound rule of the instance's security groups is not known statically",
                span,
            ),
            _ => Step::Closed,
        }
    }

    /// Does the subnet's network ACL let tcp/`port` in from (or out to) `peer`? The entry with
    /// the lowest rule number that matches decides; none means the implicit deny.
    fn acl_allows(
        &self,
        subnet: ResourceId,
        direction: Direction,
        port: i64,
        peer: Option<&str>,
    ) -> Truth {
        if self.unknown_acl_of_subnet.contains_key(&subnet) {
            return Truth::Unknown;
        }
        let vpc = network::vpc_of_subnet(self.model, self.catalog.routes, subnet);
        let acl = self
            .acl_of_subnet
            .get(&subnet)
            .or_else(|| vpc.and_then(|v| self.default_acl_of_vpc.get(&v)));
        let Some(&acl) = acl else {
            return if self.association_of_unknown_subnet.is_some() {
                Truth::Unknown
            } else {
                Truth::Yes
            };
        };
        let Some(peer) = peer else {
            return Truth::Unknown;
        };
        let mut entries: Vec<_> = self
            .acls
            .of_acl(acl)
            .filter(|e| e.direction == direction)
            .collect();
        if entries.iter().any(|e| e.rule_number.is_none()) {
            return Truth::Unknown;
        }
        entries.sort_by_key(|e| e.rule_number);
        for entry in entries {
            let holds_peer = match entry.cidr.map(Node::as_str) {
                Some(Some(cidr)) => Truth::from_bool(security_group::cidr_within(peer, cidr)),
                Some(None) => Truth::Unknown,
                None => Truth::No,
            };
            match entry.covers(&Protocol::Tcp, port).and(holds_peer) {
                Truth::No => continue,
                Truth::Unknown => return Truth::Unknown,
                Truth::Yes => {
                    return match entry.action {
                        AclAction::Allow => Truth::Yes,
                        AclAction::Deny => Truth::No,
                        AclAction::Unknown => Truth::Unknown,
                    };
                }
            }
        }
        if self.entry_of_unknown_acl.is_some() {
            Truth::Unknown
        } else {
            Truth::No
        }
    }
}

/// The path as one line: `internet → igw → rtb (0.0.0.0/0) → subnet → ... → store`.
pub fn describe(hops: &[Hop]) -> String {
    let mut out = String::from("internet");
    for hop in hops {
        out.push_str(" → ");
        out.push_str(&hop.label);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_listen_on_their_ports() {
        assert_eq!(engine_port("aurora-postgresql"), Some(5432));
        assert_eq!(engine_port("aurora-mysql"), Some(3306));
        assert_eq!(engine_port("aurora"), Some(3306));
        assert_eq!(engine_port("sqlserver-ex"), Some(1433));
        assert_eq!(engine_port("oracle-ee"), Some(1521));
        assert_eq!(engine_port("neo4j"), None);
    }

    #[test]
    fn cidrs_are_address_ranges() {
        assert_eq!(
            ipv4_range("10.0.1.7/24"),
            Some((0x0a00_0100, 0x0a00_01ff, 24))
        );
        assert_eq!(ipv4_range("0.0.0.0/0"), Some((0, u32::MAX, 0)));
        assert_eq!(ipv4_range("10.0.0.0/33"), None);
        assert_eq!(ipv4_range("::/0"), None);
    }

    #[test]
    fn a_closed_hop_closes_an_undecided_path() {
        let unknown = || Step::undecided("x", Span::default());
        assert!(matches!(unknown().then(|| Step::Closed), Step::Closed));
        assert!(matches!(
            Step::hop("a", Span::default(), "").then(unknown),
            Step::Undecided(_)
        ));
        assert!(matches!(
            unknown().or(|| Step::hop("a", Span::default(), "")),
            Step::Open(_)
        ));
        assert!(matches!(Step::Closed.or(unknown), Step::Undecided(_)));
    }
}
