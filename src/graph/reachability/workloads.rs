//! Workloads other than EC2 instances that run in subnets: auto-scaling groups (their launch
//! template or configuration gives the security groups and the public address), EKS managed
//! node groups, ECS services and task sets with awsvpc networking, Lambda functions in a VPC.
//! The catalog says where each kind keeps its subnets, groups and public address; this module
//! follows the same hops as for an instance.

use super::{
    Family, Placement, Reachability, ReachableInstance, ReachableInstances, Step, groups_open_on,
};
use crate::graph::{Model, Node, Resource, ResourceId, Truth, network};

type Path = &'static [&'static str];

/// Where a kind of workload says which subnets it runs in, which security groups it uses and
/// whether it gets a public address.
pub struct NetworkedWorkload {
    pub kind: &'static str,
    /// The list of subnets (inside nested blocks, whose single element is stepped into).
    pub subnets: Path,
    /// Its own security groups; `None` when they come from its launch template.
    pub groups: Option<Path>,
    pub address: LaunchAddress,
    /// Launch templates or configurations it may name, tried in order.
    pub launch: &'static [LaunchSource],
    /// What its instances run with when neither it nor its launch lists security groups.
    pub unlisted_groups: UnlistedGroups,
    /// SSH access the service opens on the instances itself (an EKS node group's).
    pub remote_access: Option<&'static NodeRemoteAccess>,
}

/// The security groups of a workload whose configuration lists none.
pub enum UnlistedGroups {
    /// EC2's rule: the VPC's default group.
    VpcDefault,
    /// A group the service creates with the resource the workload belongs to (EKS gives
    /// managed nodes their cluster's security group). The launch template is then optional:
    /// the service makes its own.
    ServiceCreated(&'static ServiceGroupOwner),
}

/// Where a workload names the resource whose service-created group it gets.
pub struct ServiceGroupOwner {
    /// Where the workload names its owner (an EKS node group's cluster).
    pub named_at: Path,
    pub kinds: &'static [&'static str],
    /// Why the group is unknown when the owner is not in the configuration.
    pub why: &'static str,
}

/// Where a managed node group asks for remote access: with a key pair and no source security
/// groups, the service opens the nodes' remote administration port to 0.0.0.0/0.
pub struct NodeRemoteAccess {
    pub kind: &'static str,
    pub block: &'static str,
    pub key: &'static str,
    pub sources: &'static str,
    /// The service that opens the port, for messages ("EKS").
    pub service: &'static str,
    /// Where the node group names its AMI type, which decides the port.
    pub ami_type: &'static str,
    /// AMI types starting with this (case-insensitive) run Windows and take `windows`.
    pub windows_prefix: &'static str,
    /// The port opened for other nodes, and the one for Windows nodes.
    pub linux: RemotePort,
    pub windows: RemotePort,
    /// Where a node group names a launch template (the block or map, not its fields), with
    /// which the service rejects remote access.
    pub launch_template: &'static [Path],
}

impl NodeRemoteAccess {
    /// Does the node group name a launch template? EKS then refuses remote access (the
    /// provider's `remote_access` conflicts with `launch_template`; CreateNodegroup fails), so
    /// it opens nothing. A template whose presence is not known (a `dynamic` block over an
    /// unknown collection, a `Fn::If` on an undecidable condition) leaves the answer unknown:
    /// `Err` holds it. A template named in full whose id is not known yet still counts, since
    /// the service needs an id or a name in it.
    pub fn names_launch_template(&self, workload: &Resource) -> Result<bool, Node> {
        let mut unknown = None;
        for path in self.launch_template {
            let Some(template) = follow(workload, path) else {
                continue;
            };
            let element = match template.as_list() {
                Some(items) => match items.first() {
                    Some(first) => first,
                    None => continue,
                },
                None => template,
            };
            match element.is_given() {
                Truth::Yes => return Ok(true),
                Truth::No => {}
                Truth::Unknown => unknown = Some(element.clone()),
            }
        }
        unknown.map_or(Ok(false), Err)
    }

    /// The port remote access opens: RDP for Windows AMI types, else SSH (the default AMI
    /// type is Linux). An AMI type not known statically leaves the port unknown.
    pub fn opened_port(&self, workload: &Resource) -> Result<&RemotePort, Node> {
        let Some(ami_type) = follow(workload, &[self.ami_type]) else {
            return Ok(&self.linux);
        };
        match ami_type.as_str() {
            Some(t) if is_windows(t, self.windows_prefix) => Ok(&self.windows),
            Some(_) => Ok(&self.linux),
            None => Err(ami_type.clone()),
        }
    }
}

/// A remote administration port and its protocol's name, for messages.
pub struct RemotePort {
    pub port: i64,
    pub protocol: &'static str,
}

/// How a workload gets a public address.
pub enum LaunchAddress {
    /// Never: Lambda functions in a VPC have none, whatever the subnet says.
    Never,
    /// A switch on the workload itself, off when absent, whatever the subnet says (an ECS
    /// service's `assign_public_ip`): `true`, or `ENABLED` in CloudFormation.
    Switch(Path),
    /// The launch template's switch; without one, the subnet's `map_public_ip_on_launch`.
    Launched,
}

/// A launch template or configuration a workload names, and where it keeps the security
/// groups and public address switch of the instances it launches.
pub struct LaunchSource {
    /// Where the workload names it (an id, a name or a reference).
    pub named_at: &'static [Path],
    pub kinds: &'static [&'static str],
    /// Where the template lists security groups, tried in order.
    pub groups: &'static [Path],
    pub public_address: &'static [Path],
    /// Lists of per-instance-type overrides, and where each names a launch template of its
    /// own (a mixed instances policy).
    pub overrides: &'static [(Path, &'static [Path])],
}

/// The value at `path`, stepping into the single element of a nested block (Terraform blocks
/// are lists of one map). An unknown block on the way is the answer: it may hold anything.
fn follow<'n>(r: &'n Resource, path: &[&str]) -> Option<&'n Node> {
    let (first, rest) = path.split_first()?;
    follow_node(r.get(first)?, rest)
}

/// A public address switch: `true`/`false`, or CloudFormation's `ENABLED`/`DISABLED`.
fn switch_truth(node: &Node) -> Truth {
    match node.as_str() {
        Some(s) if s.eq_ignore_ascii_case("enabled") => Truth::Yes,
        Some(s) if s.eq_ignore_ascii_case("disabled") => Truth::No,
        _ => node.truth(),
    }
}

/// Does a security group list name any group? An empty list (which a plan also emits for an
/// argument not set) launches with the groups a workload gets when it lists none.
fn listed(groups: &Node) -> bool {
    groups.is_given() != Truth::No
}

/// What a workload launches with: its subnets, its groups, and its public address switch.
struct Launch<'a> {
    subnets: Option<&'a Node>,
    groups: Option<&'a Node>,
    public_switch: Option<&'a Node>,
    template: Option<&'a Resource>,
}

fn launch<'a>(
    model: &'a Model,
    workload: &'a Resource,
    spec: &NetworkedWorkload,
) -> Result<Launch<'a>, Node> {
    let mut out = Launch {
        subnets: follow(workload, spec.subnets),
        groups: spec
            .groups
            .and_then(|p| follow(workload, p))
            .filter(|g| listed(g)),
        public_switch: match spec.address {
            LaunchAddress::Switch(path) => follow(workload, path),
            _ => None,
        },
        template: None,
    };
    if spec.launch.is_empty() {
        return Ok(out);
    }
    let mut named = None;
    for source in spec.launch {
        for path in source.named_at {
            let Some(node) = follow(workload, path) else {
                continue;
            };
            named.get_or_insert(node);
            // A data source's template is read from outside the configuration: its groups are
            // not what the configuration shows.
            if let Some((id, template)) = model
                .resolve_kind(node, source.kinds)
                .filter(|(_, t)| t.is_managed())
            {
                other_template(model, workload, source, id)?;
                out.template = Some(template);
                out.groups = out.groups.or_else(|| {
                    source
                        .groups
                        .iter()
                        .find_map(|p| follow(template, p).filter(|g| listed(g)))
                });
                out.public_switch = source
                    .public_address
                    .iter()
                    .find_map(|p| follow(template, p));
                return Ok(out);
            }
        }
    }
    match (named, &spec.unlisted_groups) {
        // A value not known statically says why itself; a reference that does not resolve
        // names something outside the configuration (a data source, another stack).
        (Some(node), _) if node.is_unknown() && node.as_reference().is_none() => Err(node.clone()),
        (Some(node), _) => Err(Node::unknown(
            "the launch template is not in the configuration, so its security groups and public address are unknown",
            node.span,
        )),
        // The service launches from a template of its own, with its own group.
        (None, UnlistedGroups::ServiceCreated(_)) => Ok(out),
        (None, UnlistedGroups::VpcDefault) => Err(Node::unknown(
            "no launch template or configuration that zt-lint follows",
            workload.span,
        )),
    }
}

/// An override of a mixed instances policy that launches some instance types from another
/// template: which groups and address those instances get is not followed, so the path is
/// undecided rather than judged on one template alone.
fn other_template(
    model: &Model,
    workload: &Resource,
    source: &LaunchSource,
    template: ResourceId,
) -> Result<(), Node> {
    for (list, named_at) in source.overrides {
        let Some(overrides) = follow(workload, list) else {
            continue;
        };
        if overrides.is_unknown() {
            return Err(overrides.clone());
        }
        for item in overrides.items() {
            for path in *named_at {
                let Some(named) = follow_node(item, path) else {
                    continue;
                };
                match model.resolve_kind(named, source.kinds) {
                    Some((id, _)) if id == template => {}
                    _ => {
                        return Err(Node::unknown(
                            "an override launches some instance types from another launch template; paths through more than one template are not followed yet",
                            named.span,
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// [`follow`] from a value: a block of the resource, or one element of a list of blocks.
fn follow_node<'n>(node: &'n Node, path: &[&str]) -> Option<&'n Node> {
    let mut node = node;
    for key in path {
        let inner = match node.as_list() {
            Some(items) => items.first()?,
            None => node,
        };
        if inner.is_unknown() {
            return Some(inner);
        }
        node = inner.get(key)?;
    }
    Some(node).filter(|n| n.is_written())
}

impl<'a> Reachability<'a> {
    /// Every instance and workload of `specs` the internet reaches, once per model.
    pub fn reachable_workloads(
        &self,
        specs: &'static [NetworkedWorkload],
    ) -> ReachableInstances<'a> {
        let mut out = self.reachable_instances();
        for spec in specs {
            for (id, workload) in self.model.of_kind(std::slice::from_ref(&spec.kind)) {
                if !workload.is_managed() {
                    continue;
                }
                let direct = self.workload_path(workload, spec, None);
                let verdict = self.direct_or_forwarded_admin(direct, id, workload, || {
                    self.workload_placement(workload, spec)
                });
                match verdict {
                    (Step::Open(hops), Some((subnet, groups))) => {
                        let unlisted_groups = self.unlisted_groups(workload, spec);
                        if let Some(unknown) = &unlisted_groups {
                            out.unlisted_groups.get_or_insert_with(|| unknown.clone());
                        }
                        out.push(ReachableInstance {
                            resource: workload,
                            hops,
                            subnet,
                            groups,
                            unlisted_groups,
                        });
                    }
                    (Step::Undecided(node), _) => {
                        if self.unlisted_groups(workload, spec).is_some() {
                            out.unlisted_groups.get_or_insert_with(|| node.clone());
                        }
                        // A template not known may list no group: then the nodes get the
                        // service's group, which a store may admit.
                        let groups = match launch(self.model, workload, spec) {
                            Ok(l) => self
                                .launch_group_ids(&l, workload, spec)
                                .unwrap_or_default(),
                            Err(_) => match spec.unlisted_groups {
                                UnlistedGroups::ServiceCreated(owner) => {
                                    self.service_group(workload, owner).into_iter().collect()
                                }
                                UnlistedGroups::VpcDefault => Vec::new(),
                            },
                        };
                        for g in groups {
                            out.undecided_by_group
                                .entry(g)
                                .or_insert_with(|| node.clone());
                        }
                    }
                    _ => {}
                }
            }
        }
        out.index_subnet_ranges(self);
        out
    }

    /// Does the internet reach the workload on one of `ports`? The first port with an open
    /// path, in the order given, and its hops.
    pub fn workload_from_internet_on(
        &self,
        id: ResourceId,
        workload: &'a Resource,
        spec: &NetworkedWorkload,
        ports: &[i64],
    ) -> (Step, Option<i64>) {
        self.first_open_port(
            id,
            workload,
            ports,
            |port| self.workload_path(workload, spec, Some(port)).0,
            || self.workload_placement(workload, spec),
        )
    }

    /// Where a workload runs, for a path through a load balancer: its launch's groups and
    /// subnets.
    fn workload_placement(
        &self,
        workload: &'a Resource,
        spec: &NetworkedWorkload,
    ) -> Result<Placement, Node> {
        let launch = launch(self.model, workload, spec)?;
        let subnets: Option<Vec<ResourceId>> = launch
            .subnets
            .and_then(|list| {
                list.items()
                    .iter()
                    .map(|n| network::subnet(self.model, self.catalog.routes, n))
                    .collect::<Option<Vec<_>>>()
            })
            .filter(|s| !s.is_empty());
        let (groups, unlisted_groups) = match self.launch_group_ids(&launch, workload, spec) {
            Ok(groups) => (groups, None),
            Err(unknown) => (Vec::new(), Some(unknown)),
        };
        Ok(Placement {
            groups,
            subnets,
            unlisted_groups,
        })
    }

    /// The groups the workload launches with: those listed, or, when it lists none and the
    /// service gives it a group of its own, that group when its owner is in the model; else
    /// why the groups are unknown.
    fn launch_group_ids(
        &self,
        launch: &Launch<'_>,
        workload: &Resource,
        spec: &NetworkedWorkload,
    ) -> Result<Vec<ResourceId>, Node> {
        match (launch.groups, &spec.unlisted_groups) {
            (None, UnlistedGroups::ServiceCreated(owner)) => {
                self.service_group(workload, owner).map(|g| vec![g])
            }
            (groups, _) => Ok(self.group_ids(groups)),
        }
    }

    /// The group the service creates with the workload's owner, which stands as the owner in
    /// the model; unknown when the owner is not in the configuration (another stack, a data
    /// source) or not known statically.
    fn service_group(
        &self,
        workload: &Resource,
        owner: &ServiceGroupOwner,
    ) -> Result<ResourceId, Node> {
        let named = follow(workload, owner.named_at);
        match named.and_then(|n| self.model.resolve_kind(n, owner.kinds)) {
            Some((id, r)) if r.is_managed() => Ok(id),
            _ => Err(Node::unknown(
                owner.why,
                named.map_or(workload.span, |n| n.span),
            )),
        }
    }

    /// Why the workload's security groups are unknown, when it lists none and the service
    /// gives it a group of its own that is not in the model.
    fn unlisted_groups(&self, workload: &Resource, spec: &NetworkedWorkload) -> Option<Node> {
        let UnlistedGroups::ServiceCreated(_) = spec.unlisted_groups else {
            return None;
        };
        match launch(self.model, workload, spec) {
            Ok(launch) => self.launch_group_ids(&launch, workload, spec).err(),
            // A template that is not known may list no group, and the nodes then get the
            // service's group.
            Err(unknown) => Some(unknown),
        }
    }

    /// Do the workload's security groups admit `port` from the whole internet? Its listed
    /// groups (or, when it lists none, the group it gets instead), and the SSH access the
    /// service opens for it.
    fn launch_groups_admit(
        &self,
        launch: &Launch<'a>,
        workload: &Resource,
        spec: &NetworkedWorkload,
        vpc: Option<ResourceId>,
        port: i64,
        family: Family,
    ) -> Step {
        let listed = match (launch.groups, &spec.unlisted_groups) {
            (None, UnlistedGroups::ServiceCreated(owner)) => {
                match self.service_group(workload, owner) {
                    Ok(group) => self.group_admits(group, port, family),
                    Err(unknown) => Step::Undecided(unknown),
                }
            }
            (groups, _) => self.groups_admit(groups, vpc, port, family),
        };
        listed.or(|| remote_access_admits(workload, spec, port, family))
    }

    pub(super) fn group_ids(&self, groups: Option<&Node>) -> Vec<ResourceId> {
        groups
            .map(|g| self.model.dereference(g).items())
            .unwrap_or_default()
            .iter()
            .filter_map(|g| self.resolve_group(g))
            .map(|(g, _)| g)
            .collect()
    }

    /// The path from the internet to the workload on `port`, or on any port its groups open
    /// to the world, through the first of its subnets with an open path.
    fn workload_path(
        &self,
        workload: &'a Resource,
        spec: &NetworkedWorkload,
        port: Option<i64>,
    ) -> (Step, Option<(ResourceId, Vec<ResourceId>)>) {
        if matches!(spec.address, LaunchAddress::Never) {
            return (Step::Closed, None);
        }
        let launch = match launch(self.model, workload, spec) {
            Ok(launch) => launch,
            Err(unknown) => return (Step::Undecided(unknown), None),
        };
        let label = format!("{} (public address)", workload.address);
        // The switch decides alone when it is written; `Launched` without one asks the subnet.
        let switch = match (launch.public_switch, &spec.address) {
            (Some(flag), _) => match switch_truth(flag) {
                Truth::Yes => {
                    let note = match launch.template {
                        Some(t) => format!(
                            "`{}` launches with a public IP address (launch template `{}`)",
                            workload.address, t.address
                        ),
                        None => format!("`{}` is given a public IP address", workload.address),
                    };
                    Some(Step::hop(label.clone(), flag.span, note))
                }
                Truth::No => return (Step::Closed, None),
                Truth::Unknown => Some(Step::Undecided(flag.clone())),
            },
            (None, LaunchAddress::Launched) => None,
            (None, _) => return (Step::Closed, None),
        };
        let groups = self
            .launch_group_ids(&launch, workload, spec)
            .unwrap_or_default();
        let mut ports = port.map_or_else(|| self.world_ports(&groups), |p| vec![p]);
        if port.is_none()
            && let Some(access) = spec.remote_access
            && remote_access_key(workload, spec).is_some()
        {
            // An AMI type not known statically may take either port: the first is enough to
            // be undecided.
            let remote = remote_access_port(workload, access).unwrap_or(access.linux.port);
            if !ports.contains(&remote) {
                ports.insert(0, remote);
            }
        }
        let admit = |vpc, port, family| {
            self.launch_groups_admit(&launch, workload, spec, vpc, port, family)
        };
        let groups_open = || groups_open_on(&ports, admit);
        let subnets = match launch.subnets {
            // A plan writes a list of references as one reference to its first element.
            Some(list)
                if list.as_list().is_some()
                    || !list.is_unknown()
                    || self.model.resolve(list).is_some() =>
            {
                list.items()
            }
            Some(unknown) => {
                return (
                    groups_open().then(|| Step::Undecided(unknown.clone())),
                    None,
                );
            }
            None => {
                let why = Step::undecided(
                    "no subnets: the workload runs in the default VPC, which is not in the configuration",
                    workload.span,
                );
                return (groups_open().then(|| why), None);
            }
        };
        let mut verdict = Step::Closed;
        for node in subnets {
            let Some(subnet) = network::subnet(self.model, self.catalog.routes, node) else {
                let why = Step::undecided(
                    "the subnet is not in the configuration, so its route table is unknown",
                    node.span,
                );
                verdict = verdict.or(|| groups_open().then(|| why));
                continue;
            };
            let address = match &switch {
                Some(step) => step.clone(),
                None => self.address_from_subnet(&label, workload, subnet),
            };
            if matches!(address, Step::Closed) {
                continue;
            }
            let vpc = network::vpc_of_subnet(self.model, self.catalog.routes, subnet);
            let mut path = Step::Closed;
            for &port in &ports {
                path = path.or(|| {
                    self.subnet_from_internet(subnet, port, |family| admit(vpc, port, family))
                });
            }
            match path.then(|| address) {
                Step::Open(hops) => return (Step::Open(hops), Some((subnet, groups))),
                other => verdict = verdict.or(|| other),
            }
        }
        (verdict, None)
    }
}

/// The key pair a workload names for the remote access the service opens on it. None when it
/// also names a launch template, with which EKS rejects remote access; a template that may or
/// may not be named is left to [`remote_access_admits`] to make undecided.
fn remote_access_key<'n>(workload: &'n Resource, spec: &NetworkedWorkload) -> Option<&'n Node> {
    let access = spec.remote_access?;
    if matches!(access.names_launch_template(workload), Ok(true)) {
        return None;
    }
    follow(workload, &[access.block, access.key])
}

/// [`NodeRemoteAccess::opened_port`], as a port number.
fn remote_access_port(workload: &Resource, access: &NodeRemoteAccess) -> Result<i64, Node> {
    access.opened_port(workload).map(|p| p.port)
}

fn is_windows(ami_type: &str, prefix: &str) -> bool {
    ami_type
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Does the remote access the service opens admit the internet on `port`? Source security
/// groups are not the world, whatever the key pair; with a key pair and none, the port is open
/// to 0.0.0.0/0 (IPv4 only).
fn remote_access_admits(
    workload: &Resource,
    spec: &NetworkedWorkload,
    port: i64,
    family: Family,
) -> Step {
    if family != Family::V4 {
        return Step::Closed;
    }
    let (Some(access), Some(key)) = (spec.remote_access, remote_access_key(workload, spec)) else {
        return Step::Closed;
    };
    let opened = match remote_access_port(workload, access) {
        Ok(p) if p != port => return Step::Closed,
        Ok(p) if p == access.windows.port => &access.windows,
        Ok(_) => &access.linux,
        Err(_) if port != access.linux.port && port != access.windows.port => {
            return Step::Closed;
        }
        Err(unknown) => {
            return match remote_access_world(workload, access, key) {
                Err(other) => Step::Undecided(other),
                Ok(true) => Step::Undecided(unknown),
                Ok(false) => Step::Closed,
            };
        }
    };
    match remote_access_world(workload, access, key) {
        Err(unknown) => Step::Undecided(unknown),
        Ok(false) => Step::Closed,
        Ok(true) => match access.names_launch_template(workload) {
            Err(template) => Step::Undecided(template),
            _ => open_remote_access(workload, access, opened, key),
        },
    }
}

/// The hop of remote access open to the world on `opened`.
fn open_remote_access(
    workload: &Resource,
    access: &NodeRemoteAccess,
    opened: &RemotePort,
    key: &Node,
) -> Step {
    Step::hop(
        format!(
            "{} remote access (tcp/{} from 0.0.0.0/0)",
            workload.address, opened.port
        ),
        key.span,
        format!(
            "`{}` allows {} with a key pair and names no source security group, so {} opens tcp/{} on its nodes to 0.0.0.0/0",
            workload.address, opened.protocol, access.service, opened.port
        ),
    )
}

/// Is the remote access open to the world: a key pair and no source security group? Sources
/// are looked at first: they close it whatever the key is. `Err` holds the value not known.
fn remote_access_world(
    workload: &Resource,
    access: &NodeRemoteAccess,
    key: &Node,
) -> Result<bool, Node> {
    let sources = follow(workload, &[access.block, access.sources]);
    let sources_given = sources.map_or(Truth::No, Node::is_given);
    if sources_given == Truth::Yes {
        return Ok(false);
    }
    match key.is_given() {
        Truth::No => return Ok(false),
        Truth::Unknown => return Err(key.clone()),
        Truth::Yes => {}
    }
    match sources {
        Some(sources) if sources_given == Truth::Unknown => Err(sources.clone()),
        _ => Ok(true),
    }
}

impl<'a> Reachability<'a> {
    /// Does the internet reach this EC2 instance or workload of `specs` on any port its groups
    /// open to the world? `None` for other kinds.
    pub fn exposure(
        &self,
        id: ResourceId,
        r: &'a Resource,
        specs: &[NetworkedWorkload],
    ) -> Option<Step> {
        // Here a load balancer forwarding to any port counts: whoever takes over the web tier
        // through it holds the tier's identity.
        let (direct, placement) = if self.catalog.instances.contains(&r.kind.as_str()) {
            (
                self.instance_from_internet(id, r).0,
                self.instance_placement(id, r),
            )
        } else {
            let spec = specs.iter().find(|s| s.kind == r.kind)?;
            (
                self.workload_path(r, spec, None).0,
                self.workload_placement(r, spec),
            )
        };
        if matches!(direct, Step::Open(_)) {
            return Some(direct);
        }
        match self.through_load_balancer(id, r, &placement, None).0 {
            Step::Open(hops) => Some(Step::Open(hops)),
            other => Some(direct.or(|| other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Map, Mode, Reference, Value};
    use crate::source::Span;

    #[test]
    fn public_address_switches_read_both_formats() {
        let span = Span::default();
        assert_eq!(switch_truth(&Node::string("ENABLED", span)), Truth::Yes);
        assert_eq!(switch_truth(&Node::string("disabled", span)), Truth::No);
        assert_eq!(
            switch_truth(&Node::new(Value::Bool(true), span)),
            Truth::Yes
        );
        assert_eq!(switch_truth(&Node::string("false", span)), Truth::No);
        assert_eq!(switch_truth(&Node::unknown("var", span)), Truth::Unknown);
    }

    /// A node group with a `remote_access` block of `access`.
    fn node_group(access: Vec<(&str, Node)>) -> Resource {
        let span = Span::default();
        let mut block = Map::default();
        for (k, v) in access {
            block.insert(k, span, v);
        }
        let mut attrs = Map::default();
        attrs.insert(
            "remote_access",
            span,
            Node::new(Value::List(vec![Node::new(Value::Map(block), span)]), span),
        );
        Resource {
            address: "aws_eks_node_group.nodes".into(),
            kind: "aws_eks_node_group".into(),
            mode: Mode::Managed,
            span,
            attrs,
            module_calls: Vec::new(),
            metadata: None,
        }
    }

    #[test]
    fn source_groups_close_remote_access_whatever_the_key() {
        let spec = crate::aws::workloads::NETWORKED_WORKLOADS
            .iter()
            .find(|s| s.kind == "aws_eks_node_group")
            .expect("node groups in the catalog");
        let span = Span::default();
        let source = Node::new(
            Value::List(vec![Node::new(
                Value::Ref(Box::new(Reference {
                    address: "aws_security_group.bastion".into(),
                    attribute: Some("id".into()),
                    path: Vec::new(),
                })),
                span,
            )]),
            span,
        );
        let nodes = node_group(vec![
            ("ec2_ssh_key", Node::unknown("var.key", span)),
            ("source_security_group_ids", source),
        ]);
        assert!(matches!(
            remote_access_admits(&nodes, spec, 22, Family::V4),
            Step::Closed
        ));
        // Without sources, the key decides: not known, so undecided.
        let nodes = node_group(vec![("ec2_ssh_key", Node::unknown("var.key", span))]);
        assert!(matches!(
            remote_access_admits(&nodes, spec, 22, Family::V4),
            Step::Undecided(_)
        ));
        let nodes = node_group(vec![("ec2_ssh_key", Node::string("ops", span))]);
        assert!(matches!(
            remote_access_admits(&nodes, spec, 22, Family::V4),
            Step::Open(_)
        ));
        assert!(matches!(
            remote_access_admits(&nodes, spec, 3389, Family::V4),
            Step::Closed
        ));
    }
}
