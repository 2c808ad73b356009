//! Database engine parameters: where a parameter group lists them in each format. Terraform
//! writes repeated `parameter { name, value }` blocks; CloudFormation writes a map of name to
//! value for RDS and DocumentDB, and a list of `{ParameterName, ParameterValue}` for Redshift.

use crate::graph::{Node, Resource};

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
