//! Paths through internet-facing load balancers: the internet reaches the load balancer's
//! subnets and groups on a listener port, the listener (or a listener rule) forwards to a target
//! group, the target group sends to a workload registered with it on the target port, and the
//! workload's groups admit that port from the load balancer. The workload itself need not have a
//! public address.
//!
//! The catalog says where each kind keeps these settings; [`LoadBalanced`] indexes listeners,
//! target groups and registrations once per model, so asking about every workload costs the
//! hops of each.

use super::{Family, Hop, Reachability, Step, family_of, names_unknown};
use crate::graph::security_group::{self, Direction, PeerKind};
use crate::graph::{Model, Node, Resource, ResourceId, Truth, network};
use crate::source::Span;
use std::collections::HashMap;

/// Where the load balancing resources keep what a path through them needs.
pub struct LoadBalancerCatalog {
    pub load_balancers: &'static [FrontDoor],
    pub listeners: &'static [Forwarding],
    pub target_groups: &'static [TargetGroupShape],
    pub registrations: &'static [Registration],
    pub classic_listeners: &'static [ClassicListeners],
}

/// How a load balancer says whether it faces the internet.
pub enum Scheme {
    /// A boolean `internal` switch, internet-facing when false or absent.
    InternalSwitch(&'static str),
    /// A named scheme, `internet-facing` (the default when absent) or `internal`.
    Named(&'static str),
}

/// What kind of load balancer a resource is.
pub enum Flavour {
    /// Named by a type setting: `application` when absent; `network` passes traffic through
    /// when it has no groups; `gateway` is no entry from the internet.
    Typed(&'static str),
    /// A classic load balancer: a proxy whose listeners each send a port on to its instances.
    Classic,
}

pub struct FrontDoor {
    pub kind: &'static str,
    pub scheme: Scheme,
    pub flavour: Flavour,
    pub subnets: &'static str,
    /// Subnet mapping blocks and the subnet key in each.
    pub subnet_mappings: Option<(&'static str, &'static str)>,
    pub security_groups: &'static str,
    /// The address type (`dualstack...` takes IPv6 clients; IPv4 only when absent); `None`
    /// for a load balancer that takes only IPv4 clients.
    pub ip_address_type: Option<&'static str>,
}

/// The listeners of a classic load balancer: each sends its port on to the instances of the
/// load balancer on the instance port, so the load balancer is its own target group.
pub struct ClassicListeners {
    pub kind: &'static str,
    pub listeners: &'static str,
    pub port: &'static str,
    pub instance_port: &'static str,
}

/// A listener, or a listener rule (which takes its port and load balancer from its listener).
pub struct Forwarding {
    pub kind: &'static str,
    /// `load_balancer_arn` of a listener, `listener_arn` of a rule.
    pub parent: &'static str,
    pub parent_is_listener: bool,
    pub port: &'static str,
    pub actions: &'static str,
    pub action_type: &'static str,
    pub target_group: &'static str,
    /// From an action to the target group ARNs of its weighted forward configuration.
    pub forward_groups: &'static [&'static str],
}

pub struct TargetGroupShape {
    pub kind: &'static str,
    /// The target port; `None` where each listener says it (a classic load balancer).
    pub port: Option<&'static str>,
    /// Targets listed on the group itself.
    pub targets: Option<ListedTargets>,
    /// Whether a network load balancer keeps the client's address, where the group says it.
    pub client_ip: Option<ClientIpPreservation>,
}

/// Targets a group lists itself: the list, and the id and port keys of each (`None` when the
/// list holds the ids themselves).
pub struct ListedTargets {
    pub list: &'static str,
    pub id: Option<&'static str>,
    pub port: Option<&'static str>,
}

/// Where a target group of a network load balancer says whether its targets see the client's
/// address or the load balancer's. Absent, ELB decides by the target type and protocol:
/// instance targets keep the client's address, IP targets over TCP or TLS do not.
pub struct ClientIpPreservation {
    pub setting: GroupAttribute,
    /// `instance` when absent.
    pub target_type: &'static str,
    pub protocol: &'static str,
}

/// A target group attribute: its own key, or an entry of a key/value list.
pub enum GroupAttribute {
    Direct(&'static str),
    Listed {
        list: &'static str,
        key_field: &'static str,
        value_field: &'static str,
        key: &'static str,
    },
}

/// How a workload is registered with a target group.
pub enum Registration {
    /// A resource naming both (`aws_lb_target_group_attachment`), maybe with its own port.
    Attachment {
        kind: &'static str,
        target_group: &'static str,
        target: &'static str,
        port: Option<&'static str>,
    },
    /// The workload lists its target groups: directly (`blocks` = None), or in blocks that
    /// each name a group and the port (an ECS service's container port).
    OnWorkload {
        kind: &'static str,
        blocks: Option<&'static str>,
        target_group: &'static str,
        port: Option<&'static str>,
    },
}

/// A workload registered with a target group, on a port.
struct Backend {
    target_group: ResourceId,
    /// The target port, where it is set; the target group's port when the registration does
    /// not say.
    port: Option<Node>,
    label: String,
    at: Span,
}

/// A listener or rule forwarding to a target group.
struct Front<'a> {
    forwarding: &'a Resource,
    load_balancer: ResourceId,
    port: Option<&'a Node>,
    /// The port a classic listener sends to, which the target group does not say.
    target_port: Option<&'a Node>,
    at: Span,
}

/// The model's load balancing, indexed once.
pub struct LoadBalanced<'a> {
    catalog: &'static LoadBalancerCatalog,
    backends_of_workload: HashMap<ResourceId, Vec<Backend>>,
    fronts_of_group: HashMap<ResourceId, Vec<Front<'a>>>,
    /// Registrations whose target is not known statically, with a target group an
    /// internet-facing load balancer may forward to: any workload may be the target, on the
    /// port (`None` when not known).
    registrations_of_unknown_target: Vec<(Option<i64>, Span)>,
    /// Workloads registered with a target group not known statically.
    unknown_group_of_workload: HashMap<ResourceId, Span>,
}

/// Every node at `path` below `node`, stepping into each element of the lists on the way.
fn all_at<'n>(node: &'n Node, path: &[&str], out: &mut Vec<&'n Node>) {
    let Some((first, rest)) = path.split_first() else {
        out.extend(node.items());
        return;
    };
    for item in node.items() {
        if let Some(next) = item.get(first) {
            all_at(next, rest, out);
        }
    }
}

impl<'a> LoadBalanced<'a> {
    pub fn index(model: &'a Model, catalog: &'static LoadBalancerCatalog) -> LoadBalanced<'a> {
        let group_kinds: Vec<&str> = catalog.target_groups.iter().map(|t| t.kind).collect();
        let lb_kinds: Vec<&str> = catalog.load_balancers.iter().map(|l| l.kind).collect();
        let listener_kinds: Vec<&str> = catalog
            .listeners
            .iter()
            .filter(|l| !l.parent_is_listener)
            .map(|l| l.kind)
            .collect();
        let mut out = LoadBalanced {
            catalog,
            backends_of_workload: HashMap::new(),
            fronts_of_group: HashMap::new(),
            registrations_of_unknown_target: Vec::new(),
            unknown_group_of_workload: HashMap::new(),
        };
        let mut unknown_targets: Vec<(Backend, Span)> = Vec::new();
        let mut note_target =
            |out: &mut LoadBalanced<'a>, target: &Node, backend: Backend| match model
                .resolve(target)
            {
                Some(workload) => out
                    .backends_of_workload
                    .entry(workload)
                    .or_default()
                    .push(backend),
                None if names_unknown(target) => unknown_targets.push((backend, target.span)),
                None => {}
            };
        for shape in catalog.target_groups {
            let Some(listed) = &shape.targets else {
                continue;
            };
            for (group, r) in model.of_kind(std::slice::from_ref(&shape.kind)) {
                for target in r.get(listed.list).map(Node::items).unwrap_or_default() {
                    let Some(id) = (match listed.id {
                        Some(key) => target.get(key),
                        None => Some(target),
                    }) else {
                        continue;
                    };
                    let backend = Backend {
                        target_group: group,
                        port: listed.port.and_then(|key| target.get(key)).cloned(),
                        label: format!("{} (target)", r.address),
                        at: target.span,
                    };
                    note_target(&mut out, id, backend);
                }
            }
        }
        for registration in catalog.registrations {
            match registration {
                Registration::Attachment {
                    kind,
                    target_group,
                    target,
                    port,
                } => {
                    for (_, r) in model.of_kind(std::slice::from_ref(kind)) {
                        let Some(target) = r.get(target) else {
                            continue;
                        };
                        let group_node = r.get(target_group);
                        let Some(group) =
                            group_node.and_then(|g| model.resolve_kind(g, &group_kinds))
                        else {
                            // As for a registration on the workload: a target group (or classic
                            // load balancer) not known statically may face the internet.
                            if let Some(group_node) = group_node
                                && names_unknown(group_node)
                                && let Some(workload) = model.resolve(target)
                            {
                                out.unknown_group_of_workload
                                    .entry(workload)
                                    .or_insert(group_node.span);
                            }
                            continue;
                        };
                        let backend = Backend {
                            target_group: group.0,
                            port: port.and_then(|p| r.get(p)).cloned(),
                            label: r.address.clone(),
                            at: r.span,
                        };
                        note_target(&mut out, target, backend);
                    }
                }
                Registration::OnWorkload {
                    kind,
                    blocks,
                    target_group,
                    port,
                } => {
                    for (workload, r) in model.of_kind(std::slice::from_ref(kind)) {
                        let entries: Vec<(&Node, Option<&Node>)> = match blocks {
                            None => r
                                .get(target_group)
                                .map(Node::items)
                                .unwrap_or_default()
                                .iter()
                                .map(|g| (g, None))
                                .collect(),
                            Some(blocks) => r
                                .get(blocks)
                                .map(Node::items)
                                .unwrap_or_default()
                                .iter()
                                .filter_map(|b| {
                                    Some((b.get(target_group)?, port.and_then(|p| b.get(p))))
                                })
                                .collect(),
                        };
                        for (group_node, port) in entries {
                            let Some((group, _)) = model.resolve_kind(group_node, &group_kinds)
                            else {
                                // A target group named by a value not known statically (a module
                                // input) may be one an internet-facing load balancer forwards to.
                                if names_unknown(group_node) {
                                    out.unknown_group_of_workload
                                        .entry(workload)
                                        .or_insert(group_node.span);
                                }
                                continue;
                            };
                            out.backends_of_workload
                                .entry(workload)
                                .or_default()
                                .push(Backend {
                                    target_group: group,
                                    port: port.cloned(),
                                    label: format!("{} (registered)", r.address),
                                    at: group_span(model, r, group),
                                });
                        }
                    }
                }
            }
        }
        // Listeners before their rules, which take the listener's port and load balancer.
        for pass_rules in [false, true] {
            for shape in catalog
                .listeners
                .iter()
                .filter(|l| l.parent_is_listener == pass_rules)
            {
                for (_, r) in model.of_kind(std::slice::from_ref(&shape.kind)) {
                    let Some(parent) = r.get(shape.parent) else {
                        continue;
                    };
                    let (load_balancer, port) = if pass_rules {
                        let Some((_, listener)) = model.resolve_kind(parent, &listener_kinds)
                        else {
                            continue;
                        };
                        let Some(listener_shape) =
                            catalog.listeners.iter().find(|l| l.kind == listener.kind)
                        else {
                            continue;
                        };
                        let Some((lb, _)) = listener
                            .get(listener_shape.parent)
                            .and_then(|p| model.resolve_kind(p, &lb_kinds))
                        else {
                            continue;
                        };
                        (lb, listener.get(listener_shape.port))
                    } else {
                        let Some((lb, _)) = model.resolve_kind(parent, &lb_kinds) else {
                            continue;
                        };
                        (lb, r.get(shape.port))
                    };
                    for action in r.get(shape.actions).map(Node::items).unwrap_or_default() {
                        // Redirects, fixed responses and authentication alone send nothing on.
                        let forwards = action
                            .get(shape.action_type)
                            .and_then(Node::as_str)
                            .is_none_or(|t| t.eq_ignore_ascii_case("forward"));
                        if !forwards {
                            continue;
                        }
                        let mut groups: Vec<&Node> =
                            action.get(shape.target_group).into_iter().collect();
                        all_at(action, shape.forward_groups, &mut groups);
                        for group in groups {
                            let Some((group, _)) = model.resolve_kind(group, &group_kinds) else {
                                continue;
                            };
                            out.fronts_of_group.entry(group).or_default().push(Front {
                                forwarding: r,
                                load_balancer,
                                port,
                                target_port: None,
                                at: action.span,
                            });
                        }
                    }
                }
            }
        }
        for shape in catalog.classic_listeners {
            for (id, r) in model.of_kind(std::slice::from_ref(&shape.kind)) {
                for listener in r.get(shape.listeners).map(Node::items).unwrap_or_default() {
                    out.fronts_of_group.entry(id).or_default().push(Front {
                        forwarding: r,
                        load_balancer: id,
                        port: listener.get(shape.port),
                        target_port: listener.get(shape.instance_port),
                        at: listener.span,
                    });
                }
            }
        }
        // Once per model: which of them an internet-facing load balancer may forward to.
        for (backend, span) in unknown_targets {
            let fronts = out
                .fronts_of_group
                .get(&backend.target_group)
                .map_or(&[][..], Vec::as_slice);
            let facing = fronts.iter().any(|f| {
                model.get(f.load_balancer).is_some_and(|lb| {
                    catalog
                        .load_balancers
                        .iter()
                        .find(|l| l.kind == lb.kind)
                        .is_some_and(|shape| !internet_facing(lb, shape).0.is_no())
                })
            });
            if !facing {
                continue;
            }
            let group_port = model.get(backend.target_group).and_then(|group| {
                let shape = catalog
                    .target_groups
                    .iter()
                    .find(|t| t.kind == group.kind)?;
                group.get(shape.port?)
            });
            for front in fronts {
                let port = backend
                    .port
                    .as_ref()
                    .or(front.target_port)
                    .or(group_port)
                    .and_then(Node::as_i64);
                if !out
                    .registrations_of_unknown_target
                    .iter()
                    .any(|(p, _)| *p == port)
                {
                    out.registrations_of_unknown_target.push((port, span));
                }
            }
        }
        out
    }
}

/// Is the load balancer internet-facing, and where does it say so (its header when the
/// default applies: internet-facing, for the provider and the ELB API alike)?
fn internet_facing(lb: &Resource, shape: &FrontDoor) -> (Truth, Span) {
    match shape.scheme {
        Scheme::InternalSwitch(key) => match lb.get(key).filter(|n| !n.is_unset()) {
            None => (Truth::Yes, lb.span),
            Some(n) => (n.truth().negate(), n.span),
        },
        Scheme::Named(key) => match lb.get(key).filter(|n| !n.is_unset()) {
            None => (Truth::Yes, lb.span),
            Some(n) => match n.as_str() {
                Some(s) => (
                    Truth::from_bool(s.eq_ignore_ascii_case("internet-facing")),
                    n.span,
                ),
                None => (Truth::Unknown, n.span),
            },
        },
    }
}

/// Where a workload names a target group, for its related location.
fn group_span(model: &Model, workload: &Resource, group: ResourceId) -> Span {
    let mut span = workload.span;
    for (_, node) in workload.attrs.iter() {
        node.walk(&mut |n| {
            if span == workload.span && model.points_to(n, group) {
                span = n.span;
            }
        });
    }
    span
}

/// A workload registered with a target group, and the port the group sends to.
struct Target<'t> {
    group: &'t Resource,
    shape: Option<&'static TargetGroupShape>,
    port_node: &'t Node,
    port: i64,
    backend: &'t Backend,
    workload: &'t Resource,
}

/// The address types of a load balancer that takes IPv6 clients (`dualstack`,
/// `dualstack-without-public-ipv4`) share this prefix in both formats.
const DUALSTACK: &str = "dualstack";

/// What a target sees a load balancer's traffic come from: the load balancer's groups (none
/// when it passes traffic through), its subnet, and whether the source address is the load
/// balancer's own rather than the client's.
struct SeenSource<'s> {
    lb_groups: &'s [ResourceId],
    lb_subnet: ResourceId,
    pass_through: bool,
    lb_address: Truth,
    /// Does the load balancer take IPv6 clients (dual-stack)?
    lb_ipv6: Truth,
}

/// Do the targets of a network load balancer's group see the client's address, and where is
/// that decided (the setting, else the target type, else the group's header)?
fn client_ip_preserved(group: &Resource, shape: Option<&TargetGroupShape>) -> (Truth, Span) {
    let Some(preservation) = shape.and_then(|s| s.client_ip.as_ref()) else {
        return (Truth::Unknown, group.span);
    };
    let written = match &preservation.setting {
        GroupAttribute::Direct(key) => group.get(key),
        GroupAttribute::Listed {
            list,
            key_field,
            value_field,
            key,
        } => group
            .get(list)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .find(|entry| {
                entry
                    .get(key_field)
                    .and_then(Node::as_str)
                    .is_some_and(|k| k == *key)
            })
            .and_then(|entry| entry.get(value_field)),
    };
    if let Some(node) = written.filter(|n| !n.is_unset()) {
        return (node.truth(), node.span);
    }
    // ELB's default: on for instance targets, off for IP targets over TCP or TLS, on (and
    // fixed) for IP targets over UDP, TCP_UDP, QUIC and TCP_QUIC.
    let target_type = group
        .get(preservation.target_type)
        .filter(|n| !n.is_unset());
    let Some(target_type) = target_type else {
        return (Truth::Yes, group.span);
    };
    match target_type.as_str() {
        Some(t) if t.eq_ignore_ascii_case("instance") => (Truth::Yes, target_type.span),
        Some(t) if t.eq_ignore_ascii_case("ip") => {
            let protocol = group.get(preservation.protocol).and_then(Node::as_str);
            match protocol.map(str::to_ascii_uppercase).as_deref() {
                Some("TCP" | "TLS") => (Truth::No, target_type.span),
                Some("UDP" | "TCP_UDP" | "QUIC" | "TCP_QUIC") => (Truth::Yes, target_type.span),
                _ => (Truth::Unknown, target_type.span),
            }
        }
        _ => (Truth::Unknown, target_type.span),
    }
}

/// Where a workload runs: its security groups and subnets (`None` when not known).
pub(super) struct Placement {
    pub groups: Vec<ResourceId>,
    pub subnets: Option<Vec<ResourceId>>,
    /// Why its groups are not known when it lists none and the service gives it a group of its
    /// own (an EKS cluster security group), instead of the VPC's default group.
    pub unlisted_groups: Option<Node>,
}

impl<'a> Reachability<'a> {
    /// Does the internet reach the workload through a load balancer, on a target port among
    /// `ports` (any port when `None`)? The first open path and its target port.
    pub(super) fn through_load_balancer(
        &self,
        id: ResourceId,
        workload: &'a Resource,
        placement: &Result<Placement, Node>,
        ports: Option<&[i64]>,
    ) -> (Step, Option<i64>) {
        let Some(balanced) = &self.load_balanced else {
            return (Step::Closed, None);
        };
        let backends = balanced
            .backends_of_workload
            .get(&id)
            .map_or(&[][..], Vec::as_slice);
        let mut verdict = Step::Closed;
        if let Some((_, span)) =
            balanced
                .registrations_of_unknown_target
                .iter()
                .find(|(port, _)| match (port, ports) {
                    (Some(port), Some(ports)) => ports.contains(port),
                    _ => true,
                })
        {
            verdict = Step::undecided(
                "a target group of an internet-facing load balancer registers a target not known statically",
                *span,
            );
        }
        if let Some(span) = balanced.unknown_group_of_workload.get(&id) {
            verdict = verdict.or(|| {
                Step::undecided(
                    "the workload is registered with a target group not known statically",
                    *span,
                )
            });
        }
        let model = self.model;
        for backend in backends {
            let Some(group) = model.get(backend.target_group) else {
                continue;
            };
            let shape = balanced
                .catalog
                .target_groups
                .iter()
                .find(|t| t.kind == group.kind);
            let group_port = shape.and_then(|s| group.get(s.port?));
            for front in balanced
                .fronts_of_group
                .get(&backend.target_group)
                .map_or(&[][..], Vec::as_slice)
            {
                // The registration's own port, else the classic listener's, else the group's.
                let port_node = backend.port.as_ref().or(front.target_port).or(group_port);
                let Some(port_node) = port_node.filter(|n| !n.is_unset()) else {
                    continue;
                };
                let Some(port) = port_node.as_i64() else {
                    if port_node.is_unknown() {
                        verdict = verdict.or(|| Step::Undecided(port_node.clone()));
                    }
                    continue;
                };
                if ports.is_some_and(|p| !p.contains(&port)) {
                    continue;
                }
                let target = Target {
                    group,
                    shape,
                    port_node,
                    port,
                    backend,
                    workload,
                };
                verdict = verdict.or(|| self.front_path(front, &target, placement));
                if let Step::Open(hops) = verdict {
                    return (Step::Open(hops), Some(port));
                }
            }
        }
        (verdict, None)
    }

    /// From the internet through one listener or rule to the target.
    fn front_path(
        &self,
        front: &Front<'a>,
        target: &Target<'_>,
        placement: &Result<Placement, Node>,
    ) -> Step {
        let Target {
            group,
            shape: _,
            port_node,
            port,
            backend,
            workload,
        } = *target;
        let model = self.model;
        let Some(balanced) = &self.load_balanced else {
            return Step::Closed;
        };
        let Some(lb) = model.get(front.load_balancer) else {
            return Step::Closed;
        };
        let Some(shape) = balanced
            .catalog
            .load_balancers
            .iter()
            .find(|l| l.kind == lb.kind)
        else {
            return Step::Closed;
        };
        let (facing, scheme_span) = internet_facing(lb, shape);
        match facing {
            Truth::No => return Step::Closed,
            Truth::Unknown => {
                return Step::undecided(
                    "whether the load balancer is internet-facing is not known statically",
                    scheme_span,
                );
            }
            Truth::Yes => {}
        }
        let (network, classic) = match shape.flavour {
            Flavour::Classic => (false, true),
            Flavour::Typed(key) => match lb.get(key).filter(|n| !n.is_unset()).map(Node::as_str) {
                None => (false, false),
                Some(Some(t)) if t.eq_ignore_ascii_case("application") => (false, false),
                Some(Some(t)) if t.eq_ignore_ascii_case("network") => (true, false),
                // A gateway load balancer is no entry from the internet.
                Some(Some(_)) => return Step::Closed,
                Some(None) => {
                    return Step::undecided(
                        "the load balancer's type is not known statically",
                        lb.span,
                    );
                }
            },
        };
        // A proxy's targets see its address; a network load balancer's see the client's
        // unless its target group turns client IP preservation off.
        let (lb_address, preservation_span) = if network {
            let (preserved, span) = client_ip_preserved(group, target.shape);
            (preserved.negate(), Some(span))
        } else {
            (Truth::Yes, None)
        };
        let Some(listen) = front.port.and_then(Node::as_i64) else {
            return match front.port {
                Some(node) if node.is_unknown() => Step::Undecided(node.clone()),
                _ => Step::Closed,
            };
        };
        let groups_node = lb.get(shape.security_groups).filter(|n| !n.is_unset());
        let lb_groups = self.group_ids(groups_node);
        let pass_through = network && groups_node.is_none_or(|g| g.items().is_empty());
        let lb_ipv6 = match shape.ip_address_type.and_then(|key| lb.get(key)) {
            None => Truth::No,
            // Unset, or left to the provider in a plan: the default, IPv4 only.
            Some(v) if v.is_null() || v.is_unset() => Truth::No,
            Some(v) => v.as_str().map_or(Truth::Unknown, |s| {
                Truth::from_bool(s.starts_with(DUALSTACK))
            }),
        };
        let mut subnets: Vec<&Node> = lb
            .get(shape.subnets)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .collect();
        if let Some((blocks, key)) = shape.subnet_mappings
            && let Some(mappings) = lb.get(blocks)
        {
            all_at(mappings, &[key], &mut subnets);
        }
        let placement = match placement {
            Ok(p) => p,
            Err(unknown) => return Step::Undecided(unknown.clone()),
        };
        let mut verdict = Step::Closed;
        if subnets.is_empty() {
            return Step::undecided(
                "the load balancer's subnets are not known statically",
                lb.span,
            );
        }
        for node in subnets {
            let Some(subnet) = network::subnet(model, self.catalog.routes, node) else {
                verdict = verdict.or(|| {
                    Step::undecided(
                        "the subnet is not in the configuration, so its route table is unknown",
                        node.span,
                    )
                });
                continue;
            };
            let vpc = network::vpc_of_subnet(model, self.catalog.routes, subnet);
            verdict = verdict.or(|| {
                self.subnet_from_internet(subnet, listen, |family| {
                    if pass_through {
                        Step::Open(Vec::new())
                    } else {
                        self.groups_admit(groups_node, vpc, listen, family)
                    }
                })
                .then(|| {
                    let facing = if classic {
                        "classic"
                    } else if network {
                        "network"
                    } else {
                        "application"
                    };
                    let tg = &group.address;
                    let mut hops = vec![Hop {
                        label: format!("{} (tcp/{listen})", lb.address),
                        span: scheme_span,
                        note: format!(
                            "internet-facing {facing} load balancer `{}` listens on tcp/{listen}",
                            lb.address
                        ),
                    }];
                    if classic {
                        hops.push(Hop {
                            label: format!("{} listener (tcp/{listen} → tcp/{port})", lb.address),
                            span: port_node.span,
                            note: format!(
                                "a listener of `{}` sends tcp/{listen} to its instances on tcp/{port}",
                                lb.address
                            ),
                        });
                    } else {
                        hops.push(Hop {
                            label: front.forwarding.address.clone(),
                            span: front.at,
                            note: format!(
                                "`{}` forwards to target group `{tg}`",
                                front.forwarding.address
                            ),
                        });
                        hops.push(Hop {
                            label: format!("{tg} (tcp/{port})"),
                            span: port_node.span,
                            note: format!("target group `{tg}` sends to its targets on tcp/{port}"),
                        });
                    }
                    if let (Truth::Yes, Some(span)) = (lb_address, preservation_span) {
                        hops.push(Hop {
                            label: format!("{tg} (client IP not preserved)"),
                            span,
                            note: format!(
                                "the targets of `{tg}` see the load balancer's private address, not the client's"
                            ),
                        });
                    }
                    hops.push(Hop {
                        label: backend.label.clone(),
                        span: backend.at,
                        note: format!("`{}` is a target of `{tg}`", workload.address),
                    });
                    Step::Open(hops)
                })
                .then(|| {
                    let seen = SeenSource {
                        lb_groups: &lb_groups,
                        lb_subnet: subnet,
                        pass_through,
                        lb_address,
                        lb_ipv6,
                    };
                    self.target_admits(placement, &seen, port, vpc)
                })
                .then(|| self.between(placement, &lb_groups, subnet, pass_through, port))
                .then(|| {
                    Step::hop(
                        workload.address.clone(),
                        workload.span,
                        format!(
                            "`{}` receives tcp/{port} from the load balancer",
                            workload.address
                        ),
                    )
                })
            });
            if matches!(verdict, Step::Open(_)) {
                break;
            }
        }
        verdict
    }

    /// Does a group of the workload admit the target port from the load balancer: one of its
    /// groups, a CIDR holding its subnet, or the world? A network load balancer without groups
    /// may keep the client's address, so only the world is sure to admit it.
    fn target_admits(
        &self,
        placement: &Placement,
        seen: &SeenSource<'_>,
        port: i64,
        vpc: Option<ResourceId>,
    ) -> Step {
        let SeenSource {
            lb_groups,
            lb_subnet,
            pass_through,
            lb_address,
            lb_ipv6,
        } = *seen;
        let lb_cidr = self.subnet_cidr(lb_subnet).and_then(Node::as_str);
        let name = |id: ResourceId| self.group_name(id);
        let mut groups = placement.groups.clone();
        if groups.is_empty() {
            if let Some(unknown) = &placement.unlisted_groups {
                return Step::Undecided(unknown.clone());
            }
            if let Some(&default) = vpc.and_then(|v| self.default_group_of_vpc.get(&v)) {
                groups.push(default);
            }
        }
        let mut verdict = Step::Closed;
        for group in groups {
            let group_name = name(group);
            for rule in self
                .ingress_by_group
                .get(&group)
                .map_or(&[][..], Vec::as_slice)
            {
                verdict = verdict.or(|| {
                    if rule.unknown {
                        return Step::Undecided(security_group::unknown_rule_node(rule));
                    }
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
                    let open = |from: String, span: Span| {
                        Step::hop(
                            format!("{group_name} (tcp/{port} from {from})"),
                            span,
                            format!("security group `{group_name}` admits tcp/{port} from {from}"),
                        )
                    };
                    let mut step = Step::Closed;
                    if !pass_through {
                        for peer in &rule.peer_groups {
                            step = step.or(|| {
                                match self.resolve_group(peer) {
                                    Some((g, _)) if lb_groups.contains(&g) => {
                                        open(name(g), peer.span)
                                    }
                                    None if names_unknown(peer) => Step::Undecided((*peer).clone()),
                                    _ => Step::Closed,
                                }
                            });
                        }
                        if rule.peer_is_own_group && lb_groups.contains(&group) {
                            step = step.or(|| open(group_name.clone(), rule.span));
                        }
                    }
                    for peer in &rule.peers {
                        let cidr = peer.node.and_then(Node::as_str);
                        step = step.or(|| match (peer.kind, cidr) {
                            (PeerKind::Unknown, _) => peer
                                .node
                                .map_or(Step::Closed, |n| Step::Undecided(n.clone())),
                            (PeerKind::World, cidr) => {
                                let cidr = cidr.unwrap_or("0.0.0.0/0");
                                let at = peer.node.map_or(rule.span, |n| n.span);
                                // The load balancer reaches its targets over IPv4 (IPv6
                                // target groups are not modelled); only a dual-stack one that
                                // passes the client's own address on brings IPv6 sources.
                                let ipv6_source = if !pass_through {
                                    Truth::No
                                } else {
                                    lb_ipv6.and(lb_address.negate())
                                };
                                match (family_of(cidr), ipv6_source) {
                                    (Family::V4, _) | (_, Truth::Yes) => open(cidr.to_string(), at),
                                    (_, Truth::No) => Step::Closed,
                                    (_, Truth::Unknown) => Step::undecided(
                                        "whether IPv6 clients reach the target through the load balancer is not known statically",
                                        at,
                                    ),
                                }
                            }
                            (PeerKind::Restricted, Some(cidr)) => match (lb_address, lb_cidr) {
                                (Truth::No, _) => Step::Closed,
                                (_, Some(lb_cidr)) if !security_group::cidr_within(lb_cidr, cidr) => {
                                    Step::Closed
                                }
                                (Truth::Unknown, _) => Step::undecided(
                                    "whether the target group keeps the client's address is not known statically",
                                    rule.span,
                                ),
                                (Truth::Yes, Some(_)) => {
                                    open(cidr.to_string(), peer.node.map_or(rule.span, |n| n.span))
                                }
                                (Truth::Yes, None) => Step::undecided(
                                    "the load balancer subnet's CIDR is not known statically",
                                    rule.span,
                                ),
                            },
                            _ => Step::Closed,
                        });
                    }
                    step
                });
            }
        }
        self.or_unknown_group_rule(verdict)
    }

    /// Between the load balancer and the workload: the load balancer's groups let the port
    /// out, and the network ACLs of both subnets let it across both ways (they are stateless).
    fn between(
        &self,
        placement: &Placement,
        lb_groups: &[ResourceId],
        lb_subnet: ResourceId,
        pass_through: bool,
        port: i64,
    ) -> Step {
        let Some(subnets) = &placement.subnets else {
            return Step::undecided(
                "the workload's subnets are not known statically",
                self.model
                    .get(lb_subnet)
                    .map_or(Span::default(), |s| s.span),
            );
        };
        let cidr_of = |subnet: ResourceId| self.subnet_cidr(subnet).and_then(Node::as_str);
        let from = cidr_of(lb_subnet);
        let mut verdict = Step::Closed;
        for &subnet in subnets {
            verdict = verdict.or(|| {
                let to = cidr_of(subnet);
                let egress = if pass_through {
                    Step::Open(Vec::new())
                } else {
                    self.egress_reaches(lb_groups, &placement.groups, to, port)
                };
                if subnet == lb_subnet {
                    return egress;
                }
                let acls = self
                    .acl_allows(lb_subnet, Direction::Egress, port, to)
                    .and(self.acl_allows(subnet, Direction::Ingress, port, from))
                    .and(self.acl_allows(subnet, Direction::Egress, super::EPHEMERAL_PORT, from))
                    .and(self.acl_allows(lb_subnet, Direction::Ingress, super::EPHEMERAL_PORT, to));
                egress.then(|| match acls {
                    Truth::Yes => Step::Open(Vec::new()),
                    Truth::No => Step::Closed,
                    Truth::Unknown => Step::undecided(
                        "the network ACLs between the load balancer's and the workload's subnets are not known statically",
                        self.model.get(subnet).map_or(Span::default(), |s| s.span),
                    ),
                })
            });
        }
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode, Value};

    fn node(value: Value) -> Node {
        Node::new(value, Span::default())
    }

    fn map(entries: Vec<(&str, Node)>) -> Node {
        let mut m = Map::default();
        for (k, v) in entries {
            m.insert(k.to_string(), Span::default(), v);
        }
        node(Value::Map(m))
    }

    fn load_balancer(kind: &str, attrs: Vec<(&str, Node)>) -> Resource {
        let Value::Map(attrs) = map(attrs).value else {
            unreachable!()
        };
        Resource {
            address: "lb".into(),
            kind: kind.into(),
            mode: Mode::Managed,
            span: Span::default(),
            attrs,
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    const TERRAFORM: FrontDoor = FrontDoor {
        kind: "aws_lb",
        scheme: Scheme::InternalSwitch("internal"),
        flavour: Flavour::Typed("load_balancer_type"),
        subnets: "subnets",
        subnet_mappings: Some(("subnet_mapping", "subnet_id")),
        security_groups: "security_groups",
        ip_address_type: Some("ip_address_type"),
    };
    const CLOUDFORMATION: FrontDoor = FrontDoor {
        kind: "AWS::ElasticLoadBalancingV2::LoadBalancer",
        scheme: Scheme::Named("Scheme"),
        ..TERRAFORM
    };

    #[test]
    fn load_balancers_face_the_internet_unless_internal() {
        let facing = |r: &Resource, shape: &FrontDoor| internet_facing(r, shape).0;
        let tf = |attrs| load_balancer("aws_lb", attrs);
        assert_eq!(facing(&tf(vec![]), &TERRAFORM), Truth::Yes);
        let internal = tf(vec![("internal", node(Value::Bool(true)))]);
        assert_eq!(facing(&internal, &TERRAFORM), Truth::No);
        let unknown = tf(vec![(
            "internal",
            Node::unknown("var.internal", Span::default()),
        )]);
        assert_eq!(facing(&unknown, &TERRAFORM), Truth::Unknown);
        let cf = |scheme: &str| {
            load_balancer(
                CLOUDFORMATION.kind,
                vec![("Scheme", Node::string(scheme, Span::default()))],
            )
        };
        assert_eq!(facing(&cf("internal"), &CLOUDFORMATION), Truth::No);
        assert_eq!(facing(&cf("internet-facing"), &CLOUDFORMATION), Truth::Yes);
        let absent = load_balancer(CLOUDFORMATION.kind, vec![]);
        assert_eq!(facing(&absent, &CLOUDFORMATION), Truth::Yes);
    }

    #[test]
    fn network_targets_see_the_client_unless_ip_targets_over_tcp_or_turned_off() {
        const GROUP: TargetGroupShape = TargetGroupShape {
            kind: "aws_lb_target_group",
            port: Some("port"),
            targets: None,
            client_ip: Some(ClientIpPreservation {
                setting: GroupAttribute::Direct("preserve_client_ip"),
                target_type: "target_type",
                protocol: "protocol",
            }),
        };
        let s = |v: &str| Node::string(v, Span::default());
        let preserved =
            |attrs| client_ip_preserved(&load_balancer(GROUP.kind, attrs), Some(&GROUP)).0;
        assert_eq!(preserved(vec![]), Truth::Yes);
        assert_eq!(preserved(vec![("target_type", s("instance"))]), Truth::Yes);
        let ip = |protocol: &str| vec![("target_type", s("ip")), ("protocol", s(protocol))];
        assert_eq!(preserved(ip("TCP")), Truth::No);
        assert_eq!(preserved(ip("tls")), Truth::No);
        assert_eq!(preserved(ip("UDP")), Truth::Yes);
        let mut turned_off = ip("UDP");
        turned_off.push(("preserve_client_ip", s("false")));
        assert_eq!(preserved(turned_off), Truth::No);
        let mut on = ip("TCP");
        on.push(("preserve_client_ip", s("true")));
        assert_eq!(preserved(on), Truth::Yes);
        let unknown = vec![(
            "preserve_client_ip",
            Node::unknown("var.keep", Span::default()),
        )];
        assert_eq!(preserved(unknown), Truth::Unknown);
        // A group kind the catalog says nothing about: not known.
        assert_eq!(
            client_ip_preserved(&load_balancer("x", vec![]), None).0,
            Truth::Unknown
        );
    }

    #[test]
    fn weighted_forwards_name_every_target_group() {
        let group = |arn: &str| map(vec![("TargetGroupArn", Node::string(arn, Span::default()))]);
        let action = map(vec![(
            "ForwardConfig",
            map(vec![(
                "TargetGroups",
                node(Value::List(vec![group("a"), group("b")])),
            )]),
        )]);
        let mut found = Vec::new();
        all_at(
            &action,
            &["ForwardConfig", "TargetGroups", "TargetGroupArn"],
            &mut found,
        );
        let arns: Vec<&str> = found.iter().filter_map(|n| n.as_str()).collect();
        assert_eq!(arns, ["a", "b"]);
    }
}
