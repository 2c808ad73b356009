//! EC2 instances networked through elastic network interfaces: those an instance is launched
//! with, those attached to it later, and each one's subnet, security groups and public address.
//! The internet reaches an instance through any of its interfaces, and each interface carries
//! its own groups: an instance launched with interfaces has no groups or subnet of its own.

use super::{Family, Placement, Reachability, Step, groups_open_on, names_unknown};
use crate::graph::{Model, Node, Resource, ResourceId, Truth, network, written};
use crate::source::Span;
use std::collections::HashMap;

/// Where an instance lists the interfaces it is launched with, and the fields of one.
pub struct LaunchInterfaces {
    pub kind: &'static str,
    pub list: &'static str,
    /// The element's device index; `None` where the element is the primary interface
    /// (device index 0) by definition.
    pub device_index: Option<&'static str>,
    /// An existing interface the element attaches.
    pub existing: &'static str,
    /// Where an element that creates its interface with the instance keeps the interface's
    /// settings; `None` where every element names an existing interface.
    pub created: Option<CreatedInterface>,
}

/// The settings of an interface created with the instance.
pub struct CreatedInterface {
    pub subnet: &'static str,
    pub groups: &'static str,
    pub public_switch: &'static str,
}

/// A network interface resource: where it names its subnet and security groups.
pub struct InterfaceKind {
    pub kind: &'static str,
    pub subnet: &'static str,
    pub groups: &'static str,
}

/// A resource that attaches an interface to an instance after launch. With `block`, the
/// interface resource lists its own attachments in blocks of that name.
pub struct InterfaceAttachment {
    pub kind: &'static str,
    pub block: Option<&'static str>,
    pub interface: &'static str,
    pub instance: &'static str,
    pub device_index: &'static str,
}

/// Where network interfaces and what configures them are declared, per format.
pub struct InterfaceCatalog {
    pub launch: &'static [LaunchInterfaces],
    pub interfaces: &'static [InterfaceKind],
    pub attachments: &'static [InterfaceAttachment],
    /// Resources adding a security group to an interface: the kind, its interface key and its
    /// group key.
    pub group_attachments: &'static [(&'static str, &'static str, &'static str)],
    /// Elastic IPs and associations that name an interface, and where.
    pub elastic_ips: &'static [(&'static str, &'static str)],
}

/// What an interface of an instance is.
#[derive(Clone)]
pub(super) enum Source<'a> {
    /// Created with the instance: the list element holds its settings.
    Created {
        element: &'a Node,
        fields: &'static CreatedInterface,
    },
    /// An interface resource of the model.
    Existing {
        id: ResourceId,
        resource: &'a Resource,
        kind: &'static InterfaceKind,
    },
    /// Not known statically, or not in the configuration.
    Unknown(Node),
}

/// One interface of an instance, and where it is attached.
#[derive(Clone)]
pub(super) struct Interface<'a> {
    at_launch: bool,
    /// The only interface the instance is launched with (set once the index is complete).
    launched_alone: bool,
    /// The element is the primary interface by definition, whatever its device index.
    implied_primary: bool,
    device_index: Option<&'a Node>,
    at: Span,
    source: Source<'a>,
}

impl Interface<'_> {
    /// Is this the primary interface (device index 0)? One attached after launch never is:
    /// the instance already has its primary interface then.
    fn primary(&self) -> Truth {
        if self.implied_primary {
            return Truth::Yes;
        }
        if !self.at_launch {
            return Truth::No;
        }
        match self.device_index.map(Node::as_i64) {
            Some(Some(index)) => Truth::from_bool(index == 0),
            Some(None) if self.device_index.is_some_and(Node::is_unknown) => Truth::Unknown,
            _ => Truth::No,
        }
    }

    fn index_text(&self) -> String {
        if self.implied_primary {
            return "0".to_string();
        }
        self.device_index
            .and_then(Node::as_i64)
            .map_or_else(|| "?".to_string(), |i| i.to_string())
    }
}

/// The model's interfaces, indexed by the instance they are attached to.
#[derive(Default)]
pub(super) struct InterfaceIndex<'a> {
    of_instance: HashMap<ResourceId, Vec<Interface<'a>>>,
    added_groups: HashMap<ResourceId, Vec<&'a Node>>,
    /// Groups added to an instance's primary interface, named through the instance
    /// (`primary_network_interface_id`), for an instance not launched with interfaces.
    added_to_instance: HashMap<ResourceId, Vec<&'a Node>>,
    /// An attachment naming an instance not known statically: it may be any instance.
    attachment_of_unknown_instance: Option<Span>,
    /// A group attachment naming an interface not known statically: it may open any interface.
    group_attachment_of_unknown_interface: Option<Span>,
}

/// The interface a value names. Only a managed interface of the model has its subnet and
/// groups written here; a data source's are somewhere else, so it is unknown.
fn existing<'a>(model: &'a Model, catalog: &'static InterfaceCatalog, node: &Node) -> Source<'a> {
    let kinds: Vec<&str> = catalog.interfaces.iter().map(|k| k.kind).collect();
    let found = model.resolve_kind(node, &kinds).and_then(|(id, resource)| {
        if !resource.is_managed() {
            return None;
        }
        let kind = catalog
            .interfaces
            .iter()
            .find(|k| k.kind == resource.kind)?;
        Some(Source::Existing { id, resource, kind })
    });
    found.unwrap_or_else(|| {
        Source::Unknown(if node.is_unknown() {
            node.clone()
        } else {
            Node::unknown(
                "the network interface is not in the configuration, so its subnet and security groups are unknown",
                node.span,
            )
        })
    })
}

impl<'a> InterfaceIndex<'a> {
    /// An interface attached after launch to the instance `instance` names.
    #[allow(clippy::too_many_arguments)]
    fn attach(
        &mut self,
        model: &'a Model,
        catalog: &'static InterfaceCatalog,
        instances: &'static [&'static str],
        instance: Option<&'a Node>,
        device_index: Option<&'a Node>,
        at: Span,
        source: Source<'a>,
    ) {
        let Some(instance) = instance else {
            return;
        };
        match model.resolve_kind(instance, instances) {
            Some((id, _)) => self.of_instance.entry(id).or_default().push(Interface {
                at_launch: false,
                launched_alone: false,
                implied_primary: false,
                device_index,
                at,
                source,
            }),
            None if names_unknown(instance) => self.unknown_instance(model, catalog, at, &source),
            None => {}
        }
    }

    /// An interface attached to an instance not known statically, which may be any instance.
    /// Attached after launch, it is never the primary one and gets a public address only from
    /// an Elastic IP of its own: an interface of the model without one reaches nothing.
    fn unknown_instance(
        &mut self,
        model: &Model,
        catalog: &'static InterfaceCatalog,
        at: Span,
        source: &Source<'a>,
    ) {
        if let Source::Existing { id, .. } = source {
            let public = catalog.elastic_ips.iter().any(|(kind, attribute)| {
                !model
                    .is_configured_by(*id, std::slice::from_ref(kind), attribute)
                    .is_no()
            });
            if !public {
                return;
            }
        }
        self.attachment_of_unknown_instance.get_or_insert(at);
    }

    pub(super) fn index(
        model: &'a Model,
        catalog: &'static InterfaceCatalog,
        instances: &'static [&'static str],
    ) -> Self {
        let mut out = InterfaceIndex::default();
        for spec in catalog.launch {
            for (id, instance) in model.of_kind(std::slice::from_ref(&spec.kind)) {
                let Some(list) = written(instance.get(spec.list)) else {
                    continue;
                };
                if list.as_list().is_none() && list.is_unknown() {
                    out.of_instance.entry(id).or_default().push(Interface {
                        at_launch: true,
                        launched_alone: false,
                        implied_primary: false,
                        device_index: None,
                        at: list.span,
                        // A plan without its configuration cannot tell a list the
                        // provider computes from one the configuration gives.
                        source: Source::Unknown(Node::unknown(
                            format!(
                                "the instance's network interfaces (`{}`) are not known statically",
                                spec.list
                            ),
                            list.span,
                        )),
                    });
                    continue;
                }
                for element in list.items() {
                    let source = match (written(element.get(spec.existing)), &spec.created) {
                        (Some(named), _) => existing(model, catalog, named),
                        (None, Some(fields)) if element.as_map().is_some() => {
                            Source::Created { element, fields }
                        }
                        _ => Source::Unknown(if element.is_unknown() {
                            element.clone()
                        } else {
                            Node::unknown(
                                "the network interface names no interface zt-lint can follow",
                                element.span,
                            )
                        }),
                    };
                    out.of_instance.entry(id).or_default().push(Interface {
                        at_launch: true,
                        launched_alone: false,
                        implied_primary: spec.device_index.is_none(),
                        device_index: spec.device_index.and_then(|key| written(element.get(key))),
                        at: element.span,
                        source,
                    });
                }
            }
        }
        for spec in catalog.attachments {
            for (own_id, r) in model.of_kind(std::slice::from_ref(&spec.kind)) {
                match spec.block {
                    Some(block) => {
                        let Some(kind) = catalog.interfaces.iter().find(|k| k.kind == r.kind)
                        else {
                            continue;
                        };
                        let source = Source::Existing {
                            id: own_id,
                            resource: r,
                            kind,
                        };
                        let blocks = written(r.get(block));
                        // A `dynamic` block over a collection not known statically, or an
                        // element not known: attachments to instances not known.
                        if let Some(unknown) = blocks
                            .filter(|b| b.as_list().is_none() && names_unknown(b))
                            .into_iter()
                            .chain(
                                blocks
                                    .map(Node::items)
                                    .unwrap_or_default()
                                    .iter()
                                    .filter(|b| names_unknown(b)),
                            )
                            .next()
                        {
                            out.unknown_instance(model, catalog, unknown.span, &source);
                        }
                        for b in blocks.map(Node::items).unwrap_or_default() {
                            let (instance, index) =
                                (b.get(spec.instance), b.get(spec.device_index));
                            out.attach(
                                model,
                                catalog,
                                instances,
                                written(instance),
                                written(index),
                                b.span,
                                source.clone(),
                            );
                        }
                    }
                    None => {
                        let Some(named) = written(r.get(spec.interface)) else {
                            continue;
                        };
                        let source = existing(model, catalog, named);
                        let (instance, index) = (r.get(spec.instance), r.get(spec.device_index));
                        out.attach(
                            model,
                            catalog,
                            instances,
                            written(instance),
                            written(index),
                            r.span,
                            source,
                        );
                    }
                }
            }
        }
        let interface_kinds: Vec<&str> = catalog.interfaces.iter().map(|k| k.kind).collect();
        for (kind, interface_key, group_key) in catalog.group_attachments {
            for (_, r) in model.of_kind(std::slice::from_ref(kind)) {
                let (Some(interface), Some(group)) = (r.get(interface_key), r.get(group_key))
                else {
                    continue;
                };
                // `aws_instance.x.primary_network_interface_id` names the instance: the group
                // joins its primary interface.
                let named = model.resolve_kind(interface, &interface_kinds);
                let instance = || model.resolve_kind(interface, instances);
                match (named, named.is_none().then(instance).flatten()) {
                    (Some((id, _)), _) => out.added_groups.entry(id).or_default().push(group),
                    (None, Some((id, _))) => {
                        out.added_to_instance.entry(id).or_default().push(group);
                    }
                    (None, None) if names_unknown(interface) => {
                        out.group_attachment_of_unknown_interface
                            .get_or_insert(r.span);
                    }
                    (None, None) => {}
                }
            }
        }
        out.settle();
        out
    }

    /// What is known only once every interface is indexed: which instance is launched with a
    /// single interface, and the groups named through an instance that is launched with its
    /// primary interface, which are that interface's.
    fn settle(&mut self) {
        for (instance, interfaces) in &mut self.of_instance {
            let alone = interfaces.iter().filter(|i| i.at_launch).count() == 1;
            for interface in interfaces.iter_mut() {
                interface.launched_alone = alone;
            }
            let primary = interfaces.iter().find_map(|i| match &i.source {
                Source::Existing { id, .. } if i.at_launch && i.primary() == Truth::Yes => {
                    Some(*id)
                }
                _ => None,
            });
            if let (Some(primary), Some(groups)) =
                (primary, self.added_to_instance.remove(instance))
            {
                self.added_groups.entry(primary).or_default().extend(groups);
            }
        }
    }
}

/// An interface's subnet, security groups and name, read from where it is declared.
struct Wiring<'a> {
    name: String,
    subnet: Option<&'a Node>,
    /// The group list as written, for a value not known statically as a whole.
    written_groups: Option<&'a Node>,
    groups: Vec<&'a Node>,
}

impl<'a> Reachability<'a> {
    /// The interfaces of the instance, those it is launched with first.
    pub(super) fn interfaces_of(&self, instance: ResourceId) -> &[Interface<'a>] {
        self.interfaces
            .of_instance
            .get(&instance)
            .map_or(&[][..], Vec::as_slice)
    }

    /// Is the instance launched with interfaces of its own, which replace its subnet and
    /// groups?
    pub(super) fn launched_with_interfaces(&self, instance: ResourceId) -> bool {
        self.interfaces_of(instance).iter().any(|i| i.at_launch)
    }

    fn wiring(&self, instance: &Resource, interface: &Interface<'a>) -> Result<Wiring<'a>, Node> {
        match &interface.source {
            Source::Unknown(node) => Err(node.clone()),
            Source::Created { element, fields } => {
                let written_groups =
                    written(element.get(fields.groups)).map(|g| self.model.dereference(g));
                Ok(Wiring {
                    name: format!(
                        "{} (network interface {})",
                        instance.address,
                        interface.index_text()
                    ),
                    subnet: written(element.get(fields.subnet)),
                    written_groups,
                    groups: written_groups
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .collect(),
                })
            }
            Source::Existing { id, resource, kind } => {
                let written_groups =
                    written(resource.get(kind.groups)).map(|g| self.model.dereference(g));
                let mut groups: Vec<&Node> = written_groups
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                groups.extend(
                    self.interfaces
                        .added_groups
                        .get(id)
                        .map_or(&[][..], Vec::as_slice),
                );
                Ok(Wiring {
                    name: resource.address.clone(),
                    subnet: written(resource.get(kind.subnet)),
                    written_groups: written_groups.filter(|_| groups.len() <= 1),
                    groups,
                })
            }
        }
    }

    /// The security groups of every interface of the instance, in the model.
    pub(super) fn interface_groups(&self, instance: &Resource, id: ResourceId) -> Vec<ResourceId> {
        let mut out = Vec::new();
        for interface in self.interfaces_of(id) {
            if let Ok(wiring) = self.wiring(instance, interface) {
                out.extend(self.resolved_groups(&wiring.groups));
            }
        }
        out
    }

    /// Every interface of the instance whose subnet is in the model: its subnet and groups.
    pub(super) fn interface_placements(
        &self,
        instance: &Resource,
        id: ResourceId,
    ) -> Vec<(ResourceId, Vec<ResourceId>)> {
        self.interfaces_of(id)
            .iter()
            .filter_map(|interface| {
                let wiring = self.wiring(instance, interface).ok()?;
                let subnet = network::subnet(self.model, self.catalog.routes, wiring.subnet?)?;
                Some((subnet, self.resolved_groups(&wiring.groups)))
            })
            .collect()
    }

    fn resolved_groups(&self, nodes: &[&Node]) -> Vec<ResourceId> {
        nodes
            .iter()
            .filter_map(|g| self.resolve_group(g))
            .map(|(g, _)| g)
            .collect()
    }

    /// Where the instance's primary interface runs, for a path through a load balancer
    /// (which sends to an instance target's primary interface).
    pub(super) fn primary_interface_placement(
        &self,
        instance: &Resource,
        id: ResourceId,
    ) -> Result<Placement, Node> {
        let primary = self
            .interfaces_of(id)
            .iter()
            .find(|i| i.at_launch && !i.primary().is_no());
        let Some(primary) = primary else {
            return Err(Node::unknown(
                "the instance's primary network interface (device index 0) is not known statically",
                instance.span,
            ));
        };
        if primary.primary() == Truth::Unknown {
            return Err(primary
                .device_index
                .cloned()
                .unwrap_or_else(|| Node::unknown("the device index is not known", primary.at)));
        }
        let wiring = self.wiring(instance, primary)?;
        Ok(Placement {
            groups: self.resolved_groups(&wiring.groups),
            subnets: wiring
                .subnet
                .and_then(|s| network::subnet(self.model, self.catalog.routes, s))
                .map(|s| vec![s]),
            unlisted_groups: None,
        })
    }

    /// The path from the internet to the instance through one of its interfaces, on `port` or
    /// on any port the interface's groups open to the world.
    pub(super) fn interface_path(
        &self,
        id: ResourceId,
        instance: &'a Resource,
        interface: &Interface<'a>,
        port: Option<i64>,
    ) -> (Step, Option<(ResourceId, Vec<ResourceId>)>) {
        let model = self.model;
        let wiring = match self.wiring(instance, interface) {
            Ok(wiring) => wiring,
            Err(unknown) => return (Step::Undecided(unknown), None),
        };
        if let Some(groups) = wiring.written_groups
            && groups.as_list().is_none()
            && names_unknown(groups)
            && model.resolve(groups).is_none()
        {
            return (Step::Undecided(groups.clone()), None);
        }
        let groups = self.resolved_groups(&wiring.groups);
        let ports = port.map_or_else(|| self.world_ports(&groups), |p| vec![p]);
        let groups_admit = |vpc: Option<ResourceId>, port: i64, family: Family| {
            let verdict = self.listed_groups_admit(&wiring.groups, vpc, port, family);
            match (
                verdict,
                self.interfaces.group_attachment_of_unknown_interface,
            ) {
                (Step::Closed, Some(span))
                    if matches!(interface.source, Source::Existing { .. }) =>
                {
                    Step::undecided(
                        "a security group attachment names a network interface not known statically",
                        span,
                    )
                }
                (verdict, _) => verdict,
            }
        };
        let groups_open = || groups_open_on(&ports, groups_admit);
        let Some(subnet_node) = wiring.subnet else {
            let why = Step::undecided(
                "the network interface names no subnet, so where it runs is not known",
                interface.at,
            );
            return (groups_open().then(|| why), None);
        };
        let Some(subnet) = network::subnet(model, self.catalog.routes, subnet_node) else {
            let why = Step::undecided(
                "the subnet is not in the configuration, so its route table is unknown",
                subnet_node.span,
            );
            return (groups_open().then(|| why), None);
        };
        let address = self.interface_address(id, instance, interface, &wiring, subnet);
        if matches!(address, Step::Closed) {
            return (Step::Closed, None);
        }
        let vpc = network::vpc_of_subnet(model, self.catalog.routes, subnet);
        let mut path = Step::Closed;
        for port in ports {
            path = path.or(|| {
                self.subnet_from_internet(subnet, port, |family| groups_admit(vpc, port, family))
            });
        }
        // The interface is a hop of its own: it is where the subnet and groups are set.
        let declared = || match interface.source {
            Source::Existing { resource, .. } => Step::hop(
                resource.address.clone(),
                resource.span,
                format!(
                    "network interface `{}` is in subnet `{}`",
                    resource.address,
                    model.get(subnet).map_or("", |s| s.address.as_str())
                ),
            ),
            _ => Step::Open(Vec::new()),
        };
        let attached = || match interface.source {
            // An interface created with the instance is the instance's own setting.
            Source::Created { .. } => Step::Open(Vec::new()),
            _ => Step::hop(
                format!(
                    "{} (device index {})",
                    instance.address,
                    interface.index_text()
                ),
                interface.at,
                format!(
                    "`{}` is attached to `{}` as device index {}",
                    wiring.name,
                    instance.address,
                    interface.index_text()
                ),
            ),
        };
        (
            path.then(declared).then(|| address).then(attached),
            Some((subnet, groups)),
        )
    }

    /// The interface's public address. Only a primary interface created with the instance,
    /// when it is the only one the instance is launched with, gets one at launch (its own
    /// switch, else the subnet's `map_public_ip_on_launch`); any interface gets one from an
    /// Elastic IP associated with it, and the primary one from an Elastic IP associated with
    /// the instance.
    fn interface_address(
        &self,
        id: ResourceId,
        instance: &'a Resource,
        interface: &Interface<'a>,
        wiring: &Wiring<'a>,
        subnet: ResourceId,
    ) -> Step {
        let primary = interface.primary();
        let own = match &interface.source {
            Source::Created { element, fields }
                if interface.at_launch && interface.launched_alone =>
            {
                let label = format!("{} (public address)", instance.address);
                let flag = written(element.get(fields.public_switch));
                let assigned = match flag.map(Node::truth) {
                    Some(Truth::Yes) => Step::hop(
                        label,
                        flag.map_or(instance.span, |f| f.span),
                        format!("`{}` is given a public IP address", instance.address),
                    ),
                    Some(Truth::Unknown) => {
                        flag.map_or(Step::Closed, |f| Step::Undecided(f.clone()))
                    }
                    Some(Truth::No) => Step::Closed,
                    None => self.address_from_subnet(&label, instance, subnet),
                };
                match (primary, assigned) {
                    (Truth::No, _) => Step::Closed,
                    (Truth::Unknown, Step::Open(_)) => Step::undecided(
                        "whether the interface is the instance's primary one (device index 0) is not known statically",
                        interface.device_index.map_or(interface.at, |n| n.span),
                    ),
                    (_, assigned) => assigned,
                }
            }
            // A secondary interface, one of several, or an existing one is never given a
            // public address at launch (EC2 RunInstances, AssociatePublicIpAddress).
            _ => Step::Closed,
        };
        if matches!(own, Step::Open(_)) {
            return own;
        }
        let label = format!("{} (public address)", wiring.name);
        let mut unresolved = false;
        if let Source::Existing {
            id: interface_id, ..
        } = interface.source
        {
            for (kind, attribute) in self.catalog.interfaces.elastic_ips {
                let kinds = std::slice::from_ref(kind);
                if let Some((_, eip)) = self
                    .model
                    .configuring(interface_id, kinds, attribute)
                    .next()
                {
                    return Step::hop(
                        label,
                        eip.span,
                        format!(
                            "Elastic IP `{}` gives `{}` a public address",
                            eip.address, wiring.name
                        ),
                    );
                }
                unresolved |= !self
                    .model
                    .is_configured_by(interface_id, kinds, attribute)
                    .is_no();
            }
        }
        if !primary.is_no() {
            for (kind, attribute) in self.instance_elastic_ips() {
                let kinds = std::slice::from_ref(kind);
                if let Some((_, eip)) = self.model.configuring(id, kinds, attribute).next() {
                    return match primary {
                        Truth::Yes => Step::hop(
                            label,
                            eip.span,
                            format!(
                                "Elastic IP `{}` of `{}` gives its primary interface `{}` a public address",
                                eip.address, instance.address, wiring.name
                            ),
                        ),
                        _ => Step::undecided(
                            "an Elastic IP is associated with the instance, and whether this is its primary interface is not known statically",
                            eip.span,
                        ),
                    };
                }
                unresolved |= !self.model.is_configured_by(id, kinds, attribute).is_no();
            }
        }
        match own {
            Step::Closed if unresolved => Step::undecided(
                "an Elastic IP is associated with a network interface or instance not known statically",
                interface.at,
            ),
            other => other,
        }
    }

    /// Where Elastic IPs name an instance: as the instance, or as its primary interface
    /// (`network_interface = aws_instance.x.primary_network_interface_id` names the instance).
    pub(super) fn instance_elastic_ips(
        &self,
    ) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
        self.catalog
            .elastic_ips
            .iter()
            .chain(self.catalog.interfaces.elastic_ips)
    }

    /// The groups added to the primary interface of an instance not launched with
    /// interfaces, named through the instance.
    pub(super) fn groups_added_to_instance(&self, instance: ResourceId) -> &[&'a Node] {
        self.interfaces
            .added_to_instance
            .get(&instance)
            .map_or(&[][..], Vec::as_slice)
    }

    /// A security group attachment naming an interface not known statically, which may be
    /// any interface.
    pub(super) fn group_attachment_of_unknown_interface(&self) -> Option<Span> {
        self.interfaces.group_attachment_of_unknown_interface
    }

    /// An interface attached to an instance not known statically may be attached to this
    /// one: a path that is otherwise closed is undecided.
    pub(super) fn attachment_of_unknown_instance(&self) -> Option<Span> {
        self.interfaces.attachment_of_unknown_instance
    }
}
