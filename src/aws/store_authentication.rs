//! Whether an in-memory data store's own protocol asks clients to prove who they are: an AUTH
//! token or an RBAC user group on ElastiCache (Valkey / Redis OSS) whose users all need a
//! password, an access control list other than `open-access` on MemoryDB. Without one, every
//! client that reaches the port is trusted.

use super::Path;

/// How one store type says its clients authenticate.
pub enum Authentication {
    /// Clients authenticate when any of these settings is given: a token, a user group. A value
    /// the configuration computes (a reference to a secret or a user group) is given.
    AnyOf(&'static [Path]),
    /// The type has no authentication setting in Terraform or CloudFormation (a standalone
    /// ElastiCache cluster: CreateCacheCluster's AUTH token is not exposed by either, and user
    /// groups attach to replication groups only). A cache that is a member of a replication
    /// group (`member_of` is set) is judged by its group.
    Unavailable { member_of: Option<&'static str> },
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
    /// How to read the users of the RBAC user groups the store names, when it takes them.
    pub user_groups: Option<&'static UserGroups>,
}

/// An ElastiCache RBAC user group setting, and where its groups and their users say whether a
/// user needs a password. Every group must hold a user named `default`, which is who a client
/// is before it authenticates; a user that needs no password (and is switched `on`) lets any
/// client in, whatever the other users are.
pub struct UserGroups {
    /// The store's setting naming the group (one id, or a list of them).
    pub setting: Path,
    pub group_kinds: &'static [&'static str],
    /// The group's own id, by which a literal names it.
    pub group_id: &'static str,
    pub user_ids: &'static str,
    pub user_kinds: &'static [&'static str],
    pub user_id: &'static str,
    pub user_name: &'static str,
    /// Redis ACL rules; the user is enabled only when its last `on`/`off` rule is `on` (with
    /// neither, ElastiCache assigns `off`).
    pub access_string: &'static str,
    pub no_password_required: &'static str,
    /// The authentication mode's type; `no-password-required` is a user without a password.
    pub authentication_type: Path,
}

/// The user id of the `default` user ElastiCache provides: it needs no password and its access
/// string is `on ~* +@all`, so a group holding it lets every client run every command.
pub const BUILT_IN_DEFAULT_USER: &str = "default";

/// The authentication mode type of a user without a password.
pub const NO_PASSWORD_MODE: &str = "no-password-required";

static TERRAFORM_USER_GROUPS: UserGroups = UserGroups {
    setting: &["user_group_ids"],
    group_kinds: &["aws_elasticache_user_group"],
    group_id: "user_group_id",
    user_ids: "user_ids",
    user_kinds: &["aws_elasticache_user"],
    user_id: "user_id",
    user_name: "user_name",
    access_string: "access_string",
    no_password_required: "no_password_required",
    authentication_type: &["authentication_mode", "type"],
};

static TERRAFORM_SERVERLESS_USER_GROUP: UserGroups = UserGroups {
    setting: &["user_group_id"],
    ..TERRAFORM_USER_GROUPS
};

static CLOUDFORMATION_USER_GROUPS: UserGroups = UserGroups {
    setting: &["UserGroupIds"],
    group_kinds: &["AWS::ElastiCache::UserGroup"],
    group_id: "UserGroupId",
    user_ids: "UserIds",
    user_kinds: &["AWS::ElastiCache::User"],
    user_id: "UserId",
    user_name: "UserName",
    access_string: "AccessString",
    no_password_required: "NoPasswordRequired",
    authentication_type: &["AuthenticationMode", "Type"],
};

static CLOUDFORMATION_SERVERLESS_USER_GROUP: UserGroups = UserGroups {
    setting: &["UserGroupId"],
    ..CLOUDFORMATION_USER_GROUPS
};

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
        user_groups: Some(&TERRAFORM_USER_GROUPS),
    },
    StoreAuthentication {
        kind: "AWS::ElastiCache::ReplicationGroup",
        authentication: Authentication::AnyOf(&[&["AuthToken"], &["UserGroupIds"]]),
        engine: None,
        user_groups: Some(&CLOUDFORMATION_USER_GROUPS),
    },
    StoreAuthentication {
        kind: "aws_elasticache_serverless_cache",
        authentication: Authentication::AnyOf(&[&["user_group_id"]]),
        engine: Some(("engine", AUTHENTICATING_ENGINES)),
        user_groups: Some(&TERRAFORM_SERVERLESS_USER_GROUP),
    },
    StoreAuthentication {
        kind: "AWS::ElastiCache::ServerlessCache",
        authentication: Authentication::AnyOf(&[&["UserGroupId"]]),
        engine: Some(("Engine", AUTHENTICATING_ENGINES)),
        user_groups: Some(&CLOUDFORMATION_SERVERLESS_USER_GROUP),
    },
    // A standalone cache cluster of an authenticating engine has no AUTH or user group setting
    // in either format; one that joins a replication group (Terraform's
    // `replication_group_id`, which then also gives its engine) is judged by the group.
    StoreAuthentication {
        kind: "aws_elasticache_cluster",
        authentication: Authentication::Unavailable {
            member_of: Some("replication_group_id"),
        },
        engine: Some(("engine", AUTHENTICATING_ENGINES)),
        user_groups: None,
    },
    StoreAuthentication {
        kind: "AWS::ElastiCache::CacheCluster",
        authentication: Authentication::Unavailable { member_of: None },
        engine: Some(("Engine", AUTHENTICATING_ENGINES)),
        user_groups: None,
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
        user_groups: None,
    },
    StoreAuthentication {
        kind: "AWS::MemoryDB::Cluster",
        authentication: Authentication::AccessList {
            path: &["ACLName"],
            open: "open-access",
            acl_kinds: &["AWS::MemoryDB::ACL"],
        },
        engine: None,
        user_groups: None,
    },
];
