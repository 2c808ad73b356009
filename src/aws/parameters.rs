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

/// A DB instance's engine, version and parameter group, where each format writes them.
pub struct InstanceParameters {
    pub kind: &'static str,
    pub engine: &'static str,
    pub engine_version: &'static str,
    pub parameter_group: &'static str,
    /// The kind of the parameter group it names.
    pub group_kind: &'static str,
}

pub const DB_INSTANCE_PARAMETERS: &[InstanceParameters] = &[
    InstanceParameters {
        kind: "aws_db_instance",
        engine: "engine",
        engine_version: "engine_version",
        parameter_group: "parameter_group_name",
        group_kind: "aws_db_parameter_group",
    },
    InstanceParameters {
        kind: "AWS::RDS::DBInstance",
        engine: "Engine",
        engine_version: "EngineVersion",
        parameter_group: "DBParameterGroupName",
        group_kind: "AWS::RDS::DBParameterGroup",
    },
];

/// RDS names the default parameter group of an engine family `default.<family>`.
pub const DEFAULT_GROUP_PREFIX: &str = "default.";

/// The parameter that makes an RDS engine refuse plaintext connections, and whether its
/// default already does. RDS for MySQL and MariaDB leave `require_secure_transport` off; RDS
/// for SQL Server leaves `rds.force_ssl` at 0; RDS for PostgreSQL sets `rds.force_ssl` to 1
/// from major version 15, 0 before (RDS User Guide, "Using SSL with a PostgreSQL DB instance",
/// "Using SSL with a Microsoft SQL Server DB instance", "SSL/TLS support for MySQL DB
/// instances"). `None` for engines that enforce TLS some other way (Oracle's option group) or
/// are judged on their cluster (Aurora).
pub fn tls_enforcement(engine: &str, version: Option<&Node>) -> Option<(&'static str, Truth)> {
    let engine = engine.trim().to_ascii_lowercase();
    match engine.as_str() {
        "mysql" | "mariadb" => Some(("require_secure_transport", Truth::No)),
        e if e.starts_with("sqlserver") => Some(("rds.force_ssl", Truth::No)),
        "postgres" => Some(("rds.force_ssl", postgres_forces_tls(version))),
        _ => None,
    }
}

/// Does RDS for PostgreSQL of this version force TLS by default? An omitted version is the
/// engine's current default, which is past 15.
fn postgres_forces_tls(version: Option<&Node>) -> Truth {
    let Some(version) = version.filter(|v| !v.is_null() && !v.is_unset()) else {
        return Truth::Yes;
    };
    let major = version
        .scalar_text()
        .and_then(|v| v.trim().split('.').next()?.parse::<u32>().ok());
    match major {
        Some(major) => Truth::from_bool(major >= 15),
        None => Truth::Unknown,
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

/// Is this `parameter = value` a TLS enforcement switched off? DocumentDB's cluster parameter
/// `tls` takes enabled/disabled (and fips-140-3, tls1.2+...).
pub fn turns_tls_off(name: &str, value: &str) -> bool {
    let value = value.trim().to_ascii_lowercase();
    let off = matches!(value.as_str(), "0" | "off" | "false" | "disabled");
    TLS_ENFORCEMENT_PARAMETERS.contains(&name) && off
}

/// Does a TLS enforcement parameter's value turn enforcement on?
pub fn turns_tls_on(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "on" | "true"
    )
}
