//! Database engine parameters: where a parameter group lists them in each format. Terraform
//! writes repeated `parameter { name, value }` blocks; CloudFormation writes a map of name to
//! value for RDS and DocumentDB, and a list of `{ParameterName, ParameterValue}` for Redshift.

use crate::graph::{Node, Resource, Truth};

enum Shape {
    /// A list of entries, each naming the parameter and its value.
    Entries {
        list: &'static str,
        name: &'static str,
        value: &'static str,
    },
    /// A map of parameter name to value.
    Map(&'static str),
}

const TERRAFORM_ENTRIES: Shape = Shape::Entries {
    list: "parameter",
    name: "name",
    value: "value",
};

const PARAMETER_GROUPS: &[(&str, Shape)] = &[
    ("aws_db_parameter_group", TERRAFORM_ENTRIES),
    ("aws_rds_cluster_parameter_group", TERRAFORM_ENTRIES),
    ("aws_redshift_parameter_group", TERRAFORM_ENTRIES),
    ("aws_docdb_cluster_parameter_group", TERRAFORM_ENTRIES),
    ("AWS::RDS::DBParameterGroup", Shape::Map("Parameters")),
    (
        "AWS::RDS::DBClusterParameterGroup",
        Shape::Map("Parameters"),
    ),
    (
        "AWS::DocDB::DBClusterParameterGroup",
        Shape::Map("Parameters"),
    ),
    (
        "AWS::Redshift::ClusterParameterGroup",
        Shape::Entries {
            list: "Parameters",
            name: "ParameterName",
            value: "ParameterValue",
        },
    ),
];

/// The engine parameters a parameter group sets, as (name, value) in the order written;
/// `None` when `r` is not a parameter group. Entries whose name is not a literal are skipped:
/// which parameter they set is not known.
pub fn engine_parameters(r: &Resource) -> Option<Vec<(&str, &Node)>> {
    let (_, shape) = PARAMETER_GROUPS.iter().find(|(kind, _)| *kind == r.kind)?;
    Some(match shape {
        Shape::Entries { list, name, value } => r
            .get(list)
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| Some((p.get(name)?.as_str()?, p.get(value)?)))
            .collect(),
        Shape::Map(key) => r
            .get(key)
            .and_then(Node::as_map)
            .map(|m| m.iter().collect())
            .unwrap_or_default(),
    })
}

/// What a parameter group says about one engine parameter.
pub enum Lookup<'a> {
    /// The group sets the parameter to this value.
    Set(&'a Node),
    /// The group does not set it, so the engine's default holds.
    NotSet,
    /// Which parameters the group sets is not known statically.
    Unknown(&'a Node),
}

/// What parameter group `r` says about parameter `name` (names compare case-insensitively, as
/// RDS stores them); `None` when `r` is not a parameter group.
pub fn engine_parameter<'a>(r: &'a Resource, name: &str) -> Option<Lookup<'a>> {
    let (_, shape) = PARAMETER_GROUPS.iter().find(|(kind, _)| *kind == r.kind)?;
    let listed = match shape {
        Shape::Entries { list, .. } | Shape::Map(list) => r.get(list),
    };
    if let Some(node) = listed.filter(|n| n.is_unknown()) {
        return Some(Lookup::Unknown(node));
    }
    Some(match shape {
        Shape::Entries {
            list,
            name: key,
            value,
        } => {
            for entry in r.get(list).map(Node::items).unwrap_or_default() {
                match entry.get(key) {
                    Some(n) if n.as_str().is_some_and(|s| s.eq_ignore_ascii_case(name)) => {
                        return Some(entry.get(value).map_or(Lookup::Unknown(entry), Lookup::Set));
                    }
                    Some(n) if n.is_unknown() => return Some(Lookup::Unknown(n)),
                    None if entry.is_unknown() => return Some(Lookup::Unknown(entry)),
                    _ => {}
                }
            }
            Lookup::NotSet
        }
        Shape::Map(key) => r
            .get(key)
            .and_then(Node::as_map)
            .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
            .map_or(Lookup::NotSet, |(_, v)| Lookup::Set(v)),
    })
}

/// Where a database that takes an RDS parameter group writes its engine, version and group:
/// DB instances, and the Multi-AZ DB clusters of RDS for MySQL and PostgreSQL (a cluster
/// parameter group, with the same defaults as the engine's instances).
pub struct InstanceParameters {
    pub kind: &'static str,
    pub engine: &'static str,
    pub engine_version: &'static str,
    pub parameter_group: &'static str,
    /// The kind of the parameter group it names.
    pub group_kind: &'static str,
    /// The instance a read replica copies: its engine and version, and (same Region, no group
    /// of its own) its parameter group.
    pub replica_source: Option<&'static str>,
}

pub const DB_INSTANCE_PARAMETERS: &[InstanceParameters] = &[
    InstanceParameters {
        kind: "aws_db_instance",
        engine: "engine",
        engine_version: "engine_version",
        parameter_group: "parameter_group_name",
        group_kind: "aws_db_parameter_group",
        replica_source: Some("replicate_source_db"),
    },
    InstanceParameters {
        kind: "AWS::RDS::DBInstance",
        engine: "Engine",
        engine_version: "EngineVersion",
        parameter_group: "DBParameterGroupName",
        group_kind: "AWS::RDS::DBParameterGroup",
        replica_source: Some("SourceDBInstanceIdentifier"),
    },
    // Aurora clusters share these kinds; their engines (`aurora-*`) have no entry in
    // `tls_enforcement`, so only Multi-AZ DB clusters are judged.
    InstanceParameters {
        kind: "aws_rds_cluster",
        engine: "engine",
        engine_version: "engine_version",
        parameter_group: "db_cluster_parameter_group_name",
        group_kind: "aws_rds_cluster_parameter_group",
        replica_source: None,
    },
    InstanceParameters {
        kind: "AWS::RDS::DBCluster",
        engine: "Engine",
        engine_version: "EngineVersion",
        parameter_group: "DBClusterParameterGroupName",
        group_kind: "AWS::RDS::DBClusterParameterGroup",
        replica_source: None,
    },
];

/// Is this the name of an engine's default parameter group? RDS names them `default.<family>`
/// and treats group names case-insensitively (it stores them in lowercase).
pub fn is_default_group(name: &str) -> bool {
    const PREFIX: &[u8] = b"default.";
    name.as_bytes()
        .get(..PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(PREFIX))
}

/// The parameter that makes an RDS engine refuse plaintext connections, and whether its
/// default already does for this engine version (RDS User Guide):
/// - MySQL, `require_secure_transport`: off up to 8.4, on from 9.7 ("Requiring SSL/TLS for all
///   connections to a MySQL DB instance");
/// - MariaDB, `require_secure_transport`: off up to 11.4 (and absent before 10.5, so nothing
///   turns it on), on from 11.8 ("Requiring SSL/TLS for all connections to a MariaDB DB
///   instance");
/// - SQL Server, `rds.force_ssl`: 0 ("Using SSL with a Microsoft SQL Server DB instance");
/// - PostgreSQL, `rds.force_ssl`: 1 from major version 15, 0 before ("Using SSL with a
///   PostgreSQL DB instance").
///
/// Versions between those RDS documents (MySQL 9.0 to 9.6) are unknown, and so is an omitted
/// MySQL or MariaDB version: the default version RDS picks moves, and no page pins it. `None`
/// for engines not judged this way: Oracle (TLS is an option group's SSL option), Db2 (SSL is
/// set up through `ssl_svcename`), RDS Custom (`custom-*`, no RDS parameter enforcement) and
/// Aurora (instances take their cluster's parameters).
pub fn tls_enforcement(engine: &str, version: Option<&Node>) -> Option<(&'static str, Truth)> {
    let engine = engine.trim().to_ascii_lowercase();
    match engine.as_str() {
        "mysql" => Some((
            "require_secure_transport",
            default_by_version(version, (8, 4), (9, 7), Truth::Unknown),
        )),
        "mariadb" => Some((
            "require_secure_transport",
            default_by_version(version, (11, 4), (11, 8), Truth::Unknown),
        )),
        e if e.starts_with("sqlserver") => Some(("rds.force_ssl", Truth::No)),
        // An omitted PostgreSQL version is the engine's current default, which is past 15.
        "postgres" => Some((
            "rds.force_ssl",
            default_by_version(version, (14, u32::MAX), (15, 0), Truth::Yes),
        )),
        _ => None,
    }
}

/// Is an engine default on for this version: off up to `last_off`, on from `first_on`, unknown
/// between them or when the version is not known; `omitted` when no version is given. A
/// major-only version ("14") covers all its minors.
fn default_by_version(
    version: Option<&Node>,
    last_off: (u32, u32),
    first_on: (u32, u32),
    omitted: Truth,
) -> Truth {
    let Some(version) = version.filter(|v| v.is_written()) else {
        return omitted;
    };
    let Some(text) = version.scalar_text() else {
        return Truth::Unknown;
    };
    let mut parts = text.trim().split('.');
    let Some(major) = parts.next().and_then(|m| m.parse::<u32>().ok()) else {
        return Truth::Unknown;
    };
    let minor = parts.next().and_then(|m| m.parse::<u32>().ok());
    let (lowest, highest) = match minor {
        Some(minor) => ((major, minor), (major, minor)),
        None => ((major, 0), (major, u32::MAX)),
    };
    if highest <= last_off {
        Truth::No
    } else if lowest >= first_on {
        Truth::Yes
    } else {
        Truth::Unknown
    }
}

/// The engine parameters that make a database refuse plaintext connections: RDS for
/// PostgreSQL and SQL Server, RDS for MySQL and MariaDB, Redshift, DocumentDB.
const TLS_ENFORCEMENT_PARAMETERS: &[&str] = &[
    "rds.force_ssl",
    "require_secure_transport",
    "require_ssl",
    "tls",
];

/// Is this `parameter = value` a TLS enforcement switched off? Parameter names compare
/// case-insensitively, as the engines treat them. DocumentDB's cluster parameter `tls` takes
/// enabled/disabled (and fips-140-3, tls1.2+...).
pub fn turns_tls_off(name: &str, value: &str) -> bool {
    let value = value.trim().to_ascii_lowercase();
    let off = matches!(value.as_str(), "0" | "off" | "false" | "disabled");
    TLS_ENFORCEMENT_PARAMETERS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(name.trim()))
        && off
}

/// Does a TLS enforcement parameter's value turn enforcement on?
pub fn turns_tls_on(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "on" | "true"
    )
}
