//! Subnet reachability: a subnet is public when the route table it uses (its explicit
//! association, else its VPC's main route table) routes `0.0.0.0/0` or `::/0` to an internet
//! gateway. `map_public_ip_on_launch` alone does not make a subnet reachable, and a NAT gateway
//! route does not make it public.
//!
//! Also the data stores that live in subnets, with the path from each to its subnets.

use super::security_group::is_world_cidr;
use super::{Model, Node, Resource, ResourceId, Truth, Value};
use std::collections::HashMap;
use std::sync::Mutex;

const SUBNETS: &[&str] = &["aws_subnet", "AWS::EC2::Subnet"];
const ROUTE_TABLES: &[&str] = &[
    "aws_route_table",
    "aws_default_route_table",
    "AWS::EC2::RouteTable",
];
const INTERNET_GATEWAYS: &[&str] = &["aws_internet_gateway", "AWS::EC2::InternetGateway"];
const VPCS: &[&str] = &["aws_vpc", "AWS::EC2::VPC"];

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

pub fn subnet(model: &Model, node: &Node) -> Option<ResourceId> {
    model.resolve_kind(node, SUBNETS).map(|(id, _)| id)
}

/// Is the subnet public? `Yes` carries the route that makes it so.
pub fn subnet_is_public(model: &Model, subnet: ResourceId) -> (Truth, Option<PublicRoute<'_>>) {
    if let Some(explicit) = explicit_route_table_is_public(model, subnet) {
        return explicit;
    }
    main_route_table_is_public(model, subnet)
}

/// Answers of [`subnet_is_public`] by subnet, for the rules of one model (which may run on
/// several threads): thousands of data stores or ACL entries may share a subnet, and finding
/// its route table reads every resource that names the subnet.
#[derive(Default)]
pub struct PublicSubnets<'a> {
    answers: Mutex<HashMap<ResourceId, (Truth, Option<PublicRoute<'a>>)>>,
}

impl<'a> PublicSubnets<'a> {
    pub fn get(&self, model: &'a Model, subnet: ResourceId) -> (Truth, Option<PublicRoute<'a>>) {
        if let Ok(answers) = self.answers.lock()
            && let Some(answer) = answers.get(&subnet)
        {
            return answer.clone();
        }
        let answer = subnet_is_public(model, subnet);
        if let Ok(mut answers) = self.answers.lock() {
            answers.insert(subnet, answer.clone());
        }
        answer
    }
}

/// The subnet's explicitly associated route tables, when it has any: `None` means the VPC's
/// main route table decides.
pub fn explicit_route_table_is_public(
    model: &Model,
    subnet: ResourceId,
) -> Option<(Truth, Option<PublicRoute<'_>>)> {
    let associations: Vec<&Resource> = model
        .configuring(
            subnet,
            &[
                "aws_route_table_association",
                "AWS::EC2::SubnetRouteTableAssociation",
            ],
            "subnet_id",
        )
        .chain(model.configuring(
            subnet,
            &["AWS::EC2::SubnetRouteTableAssociation"],
            "SubnetId",
        ))
        .map(|(_, r)| r)
        .collect();
    if associations.is_empty() {
        return None;
    }
    let mut verdict = Truth::No;
    for a in associations {
        let table = a.get("route_table_id").or_else(|| a.get("RouteTableId"));
        let Some((rt, _)) = table.and_then(|t| model.resolve_kind(t, ROUTE_TABLES)) else {
            verdict = verdict.or(Truth::Unknown);
            continue;
        };
        match route_table_is_public(model, rt) {
            (Truth::Yes, route) => return Some((Truth::Yes, route)),
            (t, _) => verdict = verdict.or(t),
        }
    }
    Some((verdict, None))
}

/// The VPC's main route table decides for subnets without an explicit association.
fn main_route_table_is_public(
    model: &Model,
    subnet: ResourceId,
) -> (Truth, Option<PublicRoute<'_>>) {
    match vpc_of_subnet(model, subnet) {
        Some(vpc) => vpc_main_route_table_is_public(model, vpc),
        // The VPC is not in this configuration: its main route table is unknown.
        None => (Truth::Unknown, None),
    }
}

/// Does the VPC's main route table route the internet to an internet gateway? The same
/// answer for every subnet of the VPC without an explicit association.
pub fn vpc_main_route_table_is_public(
    model: &Model,
    vpc: ResourceId,
) -> (Truth, Option<PublicRoute<'_>>) {
    let mains = model
        .configuring(vpc, &["aws_main_route_table_association"], "vpc_id")
        .filter_map(|(_, a)| a.get("route_table_id"))
        .filter_map(|t| model.resolve_kind(t, ROUTE_TABLES))
        .map(|(id, _)| id)
        .chain(
            model
                .configuring(vpc, &["aws_default_route_table"], "default_route_table_id")
                .map(|(id, _)| id),
        );
    let mut verdict = Truth::No;
    for rt in mains {
        match route_table_is_public(model, rt) {
            (Truth::Yes, route) => return (Truth::Yes, route),
            (t, _) => verdict = verdict.or(t),
        }
    }
    // Routes added to the main table directly: `route_table_id = aws_vpc.x.main_route_table_id`.
    let direct = model
        .configuring(vpc, &["aws_route"], "route_table_id")
        .filter(|(_, r)| {
            r.get("route_table_id")
                .and_then(Node::as_reference)
                .and_then(|reference| reference.attribute.as_deref())
                .is_some_and(|a| a == "main_route_table_id" || a == "default_route_table_id")
        });
    for (_, route) in direct {
        let whole = Node::new(Value::Map(route.attrs.clone()), route.span);
        let t = route_is_public(
            model,
            &whole,
            ["destination_cidr_block", "destination_ipv6_cidr_block"],
            "gateway_id",
        );
        if t.is_yes() {
            let table = model.get(vpc).unwrap_or(route);
            let destination = route.get("gateway_id").unwrap_or(&EMPTY);
            let cidr = world_destination(
                |k| route.get(k),
                ["destination_cidr_block", "destination_ipv6_cidr_block"],
            );
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

pub fn route_table_is_public(model: &Model, rt: ResourceId) -> (Truth, Option<PublicRoute<'_>>) {
    let Some(table) = model.get(rt) else {
        return (Truth::Unknown, None);
    };
    let mut verdict = Truth::No;
    if let Some(inline) = table.get("route") {
        if inline.is_unknown() {
            verdict = Truth::Unknown;
        }
        for route in inline.items() {
            let t = route_is_public(
                model,
                route,
                ["cidr_block", "ipv6_cidr_block"],
                "gateway_id",
            );
            if t.is_yes() {
                return (
                    t,
                    Some(PublicRoute {
                        route_table: table,
                        destination: route,
                        cidr: world_destination(
                            |k| route.get(k),
                            ["cidr_block", "ipv6_cidr_block"],
                        ),
                    }),
                );
            }
            verdict = verdict.or(t);
        }
    }
    let separate = model
        .configuring(rt, &["aws_route"], "route_table_id")
        .chain(model.configuring(rt, &["AWS::EC2::Route"], "RouteTableId"));
    for (_, route) in separate {
        let whole = Node::new(Value::Map(route.attrs.clone()), route.span);
        let t = if route.kind == "aws_route" {
            route_is_public(
                model,
                &whole,
                ["destination_cidr_block", "destination_ipv6_cidr_block"],
                "gateway_id",
            )
        } else {
            route_is_public(
                model,
                &whole,
                ["DestinationCidrBlock", "DestinationIpv6CidrBlock"],
                "GatewayId",
            )
        };
        if t.is_yes() {
            let destination = route
                .get("gateway_id")
                .or_else(|| route.get("GatewayId"))
                .unwrap_or(&EMPTY);
            let cidr = world_destination(
                |k| route.get(k),
                ["destination_cidr_block", "destination_ipv6_cidr_block"],
            )
            .or_else(|| {
                world_destination(
                    |k| route.get(k),
                    ["DestinationCidrBlock", "DestinationIpv6CidrBlock"],
                )
            });
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

fn route_is_public(model: &Model, route: &Node, cidrs: [&str; 2], gateway: &str) -> Truth {
    if route.is_unknown() {
        return Truth::Unknown;
    }
    let default_route = cidrs
        .iter()
        .filter_map(|k| route.get(k))
        .map(|c| match c.as_str() {
            Some(s) => Truth::from_bool(is_world_cidr(s)),
            None if c.is_null() => Truth::No,
            None => Truth::Unknown,
        })
        .fold(Truth::No, Truth::or);
    let to_gateway = match route.get(gateway) {
        None => Truth::No,
        Some(g) => is_internet_gateway(model, g),
    };
    default_route.and(to_gateway)
}

/// A gateway value that is an internet gateway: a reference to one, or an `igw-` id.
fn is_internet_gateway(model: &Model, gateway: &Node) -> Truth {
    match &gateway.value {
        Value::Null => Truth::No,
        Value::String(s) if s.is_empty() || s == "local" => Truth::No,
        Value::String(s) if s.starts_with("igw-") => Truth::Yes,
        _ => match model.resolve(gateway).and_then(|id| model.get(id)) {
            Some(r) => Truth::from_bool(INTERNET_GATEWAYS.contains(&r.kind.as_str())),
            None if gateway.as_str().is_some() => Truth::No,
            None => Truth::Unknown,
        },
    }
}

/// Does an internet gateway attach to this VPC? (RDS's default for `PubliclyAccessible`.)
pub fn vpc_has_internet_gateway(model: &Model, vpc: ResourceId) -> Truth {
    let attached = model
        .configuring(vpc, &["aws_internet_gateway"], "vpc_id")
        .chain(model.configuring(vpc, &["aws_internet_gateway_attachment"], "vpc_id"))
        .chain(
            model
                .configuring(vpc, &["AWS::EC2::VPCGatewayAttachment"], "VpcId")
                .filter(|(_, a)| a.get("InternetGatewayId").is_some()),
        )
        .next()
        .is_some();
    Truth::from_bool(attached)
}

pub fn vpc_of_subnet(model: &Model, subnet: ResourceId) -> Option<ResourceId> {
    let s = model.get(subnet)?;
    let vpc = s.get("vpc_id").or_else(|| s.get("VpcId"))?;
    model.resolve_kind(vpc, VPCS).map(|(id, _)| id)
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

const DB_SUBNET_GROUP: SubnetPath = SubnetPath::Group {
    attribute: "db_subnet_group_name",
    group_kinds: &["aws_db_subnet_group"],
    subnets: "subnet_ids",
};
const CFN_DB_SUBNET_GROUP: SubnetPath = SubnetPath::Group {
    attribute: "DBSubnetGroupName",
    group_kinds: &[
        "AWS::RDS::DBSubnetGroup",
        "AWS::DocDB::DBSubnetGroup",
        "AWS::Neptune::DBSubnetGroup",
    ],
    subnets: "SubnetIds",
};

/// Data stores that are placed in subnets, and how to find those subnets.
pub const DATA_STORES: &[DataStoreKind] = &[
    DataStoreKind {
        kind: "aws_db_instance",
        label: "RDS DB instance",
        paths: &[DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "aws_rds_cluster",
        label: "RDS/Aurora cluster",
        paths: &[DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "aws_rds_cluster_instance",
        label: "Aurora cluster instance",
        paths: &[
            DB_SUBNET_GROUP,
            SubnetPath::Cluster {
                attribute: "cluster_identifier",
                cluster_kinds: &["aws_rds_cluster"],
            },
        ],
    },
    DataStoreKind {
        kind: "aws_docdb_cluster",
        label: "DocumentDB cluster",
        paths: &[DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "aws_neptune_cluster",
        label: "Neptune cluster",
        paths: &[SubnetPath::Group {
            attribute: "neptune_subnet_group_name",
            group_kinds: &["aws_neptune_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_redshift_cluster",
        label: "Redshift cluster",
        paths: &[SubnetPath::Group {
            attribute: "cluster_subnet_group_name",
            group_kinds: &["aws_redshift_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_elasticache_cluster",
        label: "ElastiCache cluster",
        paths: &[SubnetPath::Group {
            attribute: "subnet_group_name",
            group_kinds: &["aws_elasticache_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_elasticache_replication_group",
        label: "ElastiCache replication group",
        paths: &[SubnetPath::Group {
            attribute: "subnet_group_name",
            group_kinds: &["aws_elasticache_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_opensearch_domain",
        label: "OpenSearch domain",
        paths: &[SubnetPath::Direct(&["vpc_options", "subnet_ids"])],
    },
    DataStoreKind {
        kind: "aws_elasticsearch_domain",
        label: "Elasticsearch domain",
        paths: &[SubnetPath::Direct(&["vpc_options", "subnet_ids"])],
    },
    DataStoreKind {
        kind: "aws_msk_cluster",
        label: "MSK cluster",
        paths: &[SubnetPath::Direct(&[
            "broker_node_group_info",
            "client_subnets",
        ])],
    },
    DataStoreKind {
        kind: "aws_emr_cluster",
        label: "EMR cluster",
        paths: &[SubnetPath::Direct(&["ec2_attributes", "subnet_id"])],
    },
    DataStoreKind {
        kind: "AWS::RDS::DBInstance",
        label: "RDS DB instance",
        paths: &[
            CFN_DB_SUBNET_GROUP,
            SubnetPath::Cluster {
                attribute: "DBClusterIdentifier",
                cluster_kinds: &["AWS::RDS::DBCluster"],
            },
        ],
    },
    DataStoreKind {
        kind: "AWS::RDS::DBCluster",
        label: "RDS/Aurora cluster",
        paths: &[CFN_DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "AWS::DocDB::DBCluster",
        label: "DocumentDB cluster",
        paths: &[CFN_DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "AWS::Neptune::DBCluster",
        label: "Neptune cluster",
        paths: &[CFN_DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "AWS::Redshift::Cluster",
        label: "Redshift cluster",
        paths: &[SubnetPath::Group {
            attribute: "ClusterSubnetGroupName",
            group_kinds: &["AWS::Redshift::ClusterSubnetGroup"],
            subnets: "SubnetIds",
        }],
    },
    DataStoreKind {
        kind: "AWS::ElastiCache::CacheCluster",
        label: "ElastiCache cluster",
        paths: &[SubnetPath::Group {
            attribute: "CacheSubnetGroupName",
            group_kinds: &["AWS::ElastiCache::SubnetGroup"],
            subnets: "SubnetIds",
        }],
    },
    DataStoreKind {
        kind: "AWS::ElastiCache::ReplicationGroup",
        label: "ElastiCache replication group",
        paths: &[SubnetPath::Group {
            attribute: "CacheSubnetGroupName",
            group_kinds: &["AWS::ElastiCache::SubnetGroup"],
            subnets: "SubnetIds",
        }],
    },
    DataStoreKind {
        kind: "AWS::OpenSearchService::Domain",
        label: "OpenSearch domain",
        paths: &[SubnetPath::Direct(&["VPCOptions", "SubnetIds"])],
    },
    DataStoreKind {
        kind: "AWS::Elasticsearch::Domain",
        label: "Elasticsearch domain",
        paths: &[SubnetPath::Direct(&["VPCOptions", "SubnetIds"])],
    },
    DataStoreKind {
        kind: "AWS::MSK::Cluster",
        label: "MSK cluster",
        paths: &[SubnetPath::Direct(&[
            "BrokerNodeGroupInfo",
            "ClientSubnets",
        ])],
    },
    DataStoreKind {
        kind: "AWS::EMR::Cluster",
        label: "EMR cluster",
        paths: &[SubnetPath::Direct(&["Instances", "Ec2SubnetId"])],
    },
];

/// Is `r` a member of a cluster declared in the model (an Aurora instance naming its
/// cluster)? Members are placed and judged as the cluster.
pub fn belongs_to_declared_cluster(model: &Model, r: &Resource) -> bool {
    let cluster = r
        .get("cluster_identifier")
        .or_else(|| r.get("DBClusterIdentifier"));
    // A cluster names itself by its own identifier: that is not membership.
    cluster.is_some_and(|c| {
        model
            .resolve_kind(c, &["aws_rds_cluster", "AWS::RDS::DBCluster"])
            .is_some_and(|(_, cluster)| cluster.address != r.address)
    })
}

pub fn data_store_kind(kind: &str) -> Option<&'static DataStoreKind> {
    DATA_STORES.iter().find(|d| d.kind == kind)
}

/// The subnets a data store is placed in, each with the attribute that placed it there.
pub struct Placement<'a> {
    /// The attribute on the data store that leads to the subnets (where a finding points).
    pub via: &'a Node,
    pub subnets: Vec<&'a Node>,
    /// The subnet group resource, when there is one.
    pub group: Option<&'a Resource>,
}

pub fn placement<'a>(
    model: &'a Model,
    store: &'a Resource,
    kind: &DataStoreKind,
) -> Option<Placement<'a>> {
    placement_depth(model, store, kind.paths, 0)
}

fn placement_depth<'a>(
    model: &'a Model,
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
                let kind = data_store_kind(&cluster.kind)?;
                let inner = placement_depth(model, cluster, kind.paths, depth + 1)?;
                return Some(Placement { via, ..inner });
            }
        }
    }
    None
}
