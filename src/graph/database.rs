//! Database identity settings per resource kind, for rules about who may log in to a database:
//! which engines support IAM database authentication (the catalog, `aws::database`, says
//! where each kind switches it on).

use super::{Node, Resource, Truth};

pub struct IamAuthSetting {
    pub kind: &'static str,
    pub flag: &'static str,
    pub engine: &'static str,
    /// The engine mode (Aurora Serverless v1 is `serverless`).
    pub engine_mode: &'static str,
    /// The engine when the argument is absent (the provider's default), if there is one.
    pub default_engine: Option<&'static str>,
    /// An attribute that puts the instance in a cluster, whose own setting then decides.
    pub cluster: Option<&'static str>,
}

/// How an RDS Proxy authenticates its clients: a default scheme that, as `IAM_AUTH`, makes
/// every connection end-to-end IAM, and a list of per-secret authentication entries, each with
/// whether clients must (or may) use IAM.
pub struct ProxyClientAuth {
    pub kind: &'static str,
    pub default_scheme: &'static str,
    /// The value of `default_scheme` that makes client connections IAM-authenticated.
    pub iam_scheme: &'static str,
    pub auths: &'static str,
    pub iam_auth: &'static str,
    /// `iam_auth` when an entry does not set it.
    pub iam_auth_default: &'static str,
    /// `iam_auth` values that refuse IAM authentication.
    pub refuses_iam: &'static [&'static str],
}

/// Does the engine support IAM database authentication? MySQL, MariaDB, PostgreSQL and their
/// Aurora editions do; Oracle, SQL Server, Db2 and RDS Custom do not (RDS User Guide, "IAM
/// database authentication", region and version availability). Neptune does (Neptune User
/// Guide, "Authenticating your Amazon Neptune database with IAM").
pub fn engine_supports_iam_auth(resource: &Resource, setting: &IamAuthSetting) -> Truth {
    // Aurora Serverless v1 clusters do not support IAM database authentication.
    match resource
        .get(setting.engine_mode)
        .filter(|n| !n.is_null())
        .map(Node::as_str)
    {
        Some(Some(m)) if m.eq_ignore_ascii_case("serverless") => return Truth::No,
        Some(None) => return Truth::Unknown,
        _ => {}
    }
    let engine = match resource.get(setting.engine).filter(|n| !n.is_null()) {
        Some(node) => match node.as_str() {
            Some(e) => e.to_ascii_lowercase(),
            None => return Truth::Unknown,
        },
        None => match setting.default_engine {
            Some(e) => e.to_string(),
            None => return Truth::Unknown,
        },
    };
    Truth::from_bool(matches!(
        engine.as_str(),
        "mysql"
            | "mariadb"
            | "postgres"
            | "aurora"
            | "aurora-mysql"
            | "aurora-postgresql"
            | "neptune"
    ))
}

/// The instance belongs to a cluster (its setting is the cluster's).
pub fn in_cluster(resource: &Resource, setting: &IamAuthSetting) -> bool {
    setting
        .cluster
        .and_then(|c| resource.get(c))
        .is_some_and(|n: &Node| !n.is_null())
}
