//! VPC endpoints and what makes them carry traffic: a gateway endpoint needs route tables, an
//! interface endpoint's private DNS needs a VPC with DNS support and DNS hostnames. The names
//! each format uses are the catalog's (`aws::networking::ENDPOINTS`).

use super::{Model, Node, Resource, ResourceId, Truth};

pub struct EndpointNames {
    pub kind: &'static str,
    pub endpoint_type: &'static str,
    /// The type an endpoint is when it names none.
    pub default_type: &'static str,
    pub route_tables: &'static str,
    pub private_dns: &'static str,
    pub vpc: &'static str,
    /// Separate resources that attach a route table to the endpoint, and their attribute.
    pub route_table_associations: &'static [&'static str],
    pub association_endpoint: &'static str,
    pub vpc_kind: &'static str,
    pub dns_support: &'static str,
    pub dns_hostnames: &'static str,
}

/// The endpoint type, or the catalog's default when it is absent.
pub fn endpoint_type<'a>(r: &'a Resource, names: &EndpointNames) -> Option<&'a str> {
    match r.get(names.endpoint_type).filter(|n| !n.is_null()) {
        None => Some(names.default_type),
        Some(n) => n.as_str(),
    }
}

/// Does a gateway endpoint get at least one route table? `Unknown` when its list, or a
/// separate association whose endpoint is not known statically, might supply one.
pub fn has_route_table(
    model: &Model,
    id: ResourceId,
    r: &Resource,
    names: &EndpointNames,
) -> Truth {
    let listed = match r.get(names.route_tables).filter(|n| !n.is_null()) {
        None => Truth::No,
        Some(list) if list.is_unknown() => Truth::Unknown,
        Some(list) => Truth::from_bool(!list.items().is_empty()),
    };
    listed.or(model.is_configured_by(
        id,
        names.route_table_associations,
        names.association_endpoint,
    ))
}

/// Does the endpoint's VPC resolve names for private DNS? Both DNS support (default on) and DNS
/// hostnames (default off) must be on. `None` when the VPC is not in the model.
pub fn vpc_private_dns_ready<'a>(
    model: &'a Model,
    r: &Resource,
    names: &EndpointNames,
) -> Option<(Truth, &'a Resource, Option<&'a Node>)> {
    let (_, vpc) = model.resolve_kind(r.get(names.vpc)?, &[names.vpc_kind])?;
    let support = vpc.get(names.dns_support).filter(|n| !n.is_null());
    let hostnames = vpc.get(names.dns_hostnames).filter(|n| !n.is_null());
    let support_on = support.map_or(Truth::Yes, Node::truth);
    let hostnames_on = hostnames.map_or(Truth::No, Node::truth);
    // The setting to point at: the one that is off, or the VPC header when it is absent.
    let culprit = if support_on.is_no() {
        support
    } else {
        hostnames
    };
    Some((support_on.and(hostnames_on), vpc, culprit))
}
