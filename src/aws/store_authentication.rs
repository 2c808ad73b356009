//! Whether an in-memory data store's own protocol asks clients to prove who they are: an AUTH
//! token or an RBAC user group on ElastiCache (Valkey / Redis OSS), an access control list
//! other than `open-access` on MemoryDB. Without one, every client that reaches the port is
//! trusted.

use super::Path;

/// How one store type says its clients authenticate.
pub enum Authentication {
    /// Clients authenticate when any of these settings is given: a token, a user group. A value
    /// the configuration computes (a reference to a secret or a user group) is given.
    AnyOf(&'static [Path]),
    /// The setting names an access control list; the one called `open` lets every client in as
    /// a default user without a password. A list of `acl_kinds` declared in the configuration
    /// is never `open` (that name is taken by the one AWS provides).
    AccessList {
        path: Path,
        open: &'static str,
        acl_kinds: &'static [&'static str],
    },
}

pub struct StoreAuthentication {
    pub kind: &'static str,
    pub authentication: Authentication,
    /// Where the store names its engine, and the engines that can authenticate clients at all
    /// (`None`: every engine of this type can). Memcached caches have no AUTH and no user
    /// groups, so they are not judged.
    pub engine: Option<(&'static str, &'static [&'static str])>,
}

/// ElastiCache serverless caches take user groups for Valkey and Redis OSS only
/// (CreateServerlessCache `UserGroupId`).
const AUTHENTICATING_ENGINES: &[&str] = &["redis", "valkey"];

pub const STORE_AUTHENTICATION: &[StoreAuthentication] = &[
    // Replication groups are Valkey or Redis OSS; AUTH and RBAC both need in-transit encryption,
    // which ZT-DAT-008 checks.
    StoreAuthentication {
        kind: "aws_elasticache_replication_group",
        authentication: Authentication::AnyOf(&[&["auth_token"], &["user_group_ids"]]),
        engine: None,
    },
    StoreAuthentication {
        kind: "AWS::ElastiCache::ReplicationGroup",
        authentication: Authentication::AnyOf(&[&["AuthToken"], &["UserGroupIds"]]),
        engine: None,
    },
    StoreAuthentication {
        kind: "aws_elasticache_serverless_cache",
        authentication: Authentication::AnyOf(&[&["user_group_id"]]),
        engine: Some(("engine", AUTHENTICATING_ENGINES)),
    },
    StoreAuthentication {
        kind: "AWS::ElastiCache::ServerlessCache",
        authentication: Authentication::AnyOf(&[&["UserGroupId"]]),
        engine: Some(("Engine", AUTHENTICATING_ENGINES)),
    },
    // MemoryDB requires an ACL name; `open-access` holds only the default user, with no password.
    StoreAuthentication {
        kind: "aws_memorydb_cluster",
        authentication: Authentication::AccessList {
            path: &["acl_name"],
            open: "open-access",
            acl_kinds: &["aws_memorydb_acl"],
        },
        engine: None,
    },
    StoreAuthentication {
        kind: "AWS::MemoryDB::Cluster",
        authentication: Authentication::AccessList {
            path: &["ACLName"],
            open: "open-access",
            acl_kinds: &["AWS::MemoryDB::ACL"],
        },
        engine: None,
    },
];
