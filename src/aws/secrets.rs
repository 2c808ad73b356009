//! Where secrets are written: the arguments that take a database password or auth token, the
//! parameters of a CloudFormation template, and the environment of functions.

use super::{Given, Path};

/// Arguments that take a password or token, which the service stores as given.
pub const PASSWORD_ARGUMENTS: &[Given] = &[
    password("aws_db_instance", &["password"]),
    password("aws_rds_cluster", &["master_password"]),
    password("aws_redshift_cluster", &["master_password"]),
    password("aws_docdb_cluster", &["master_password"]),
    password("aws_neptune_cluster", &["master_password"]),
    password("aws_elasticache_replication_group", &["auth_token"]),
    password("AWS::RDS::DBInstance", &["MasterUserPassword"]),
    password("AWS::RDS::DBCluster", &["MasterUserPassword"]),
    password("AWS::Redshift::Cluster", &["MasterUserPassword"]),
    password("AWS::DocDB::DBCluster", &["MasterUserPassword"]),
    password("AWS::ElastiCache::ReplicationGroup", &["AuthToken"]),
];

const fn password(kind: &'static str, path: Path) -> Given {
    Given { kind, path }
}

/// A template parameter as the CloudFormation loader models it: one resource per parameter.
pub struct TemplateParameter {
    pub kind: &'static str,
    /// Masks the value in the console and API (`NoEcho: true`).
    pub no_echo: &'static str,
    pub type_key: &'static str,
    pub allowed_values: &'static str,
    pub default: &'static str,
}

pub const TEMPLATE_PARAMETER: TemplateParameter = TemplateParameter {
    kind: "AWS::CloudFormation::Parameter",
    no_echo: "NoEcho",
    type_key: "Type",
    allowed_values: "AllowedValues",
    default: "Default",
};

/// Where a function keeps its environment variables (a map of name to value).
pub const FUNCTION_ENVIRONMENTS: &[Given] = &[
    Given {
        kind: "aws_lambda_function",
        path: &["environment", "variables"],
    },
    Given {
        kind: "AWS::Lambda::Function",
        path: &["Environment", "Variables"],
    },
];
