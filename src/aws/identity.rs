//! Identity settings outside policy documents (which `graph::policy` reads): role session
//! length, OIDC providers, Lambda invoke permissions, long-lived credentials and the account
//! password policy, guest access to Cognito identity pools, sign-in MFA of user pools, how
//! GraphQL APIs authenticate callers, the scope of EFS access points, and fine-grained access
//! control of search domains, where roles get their policies and which data stores they can
//! read.

use super::{Given, Path, Toggle};
use crate::graph::Truth;
use crate::graph::arn::Arn;
use crate::graph::grants::{
    GrantCatalog, KnownManagedPolicy, ManagedPolicyCatalog, ReadableStore, RolePolicyLink,
};
use crate::graph::key_access::KeyCatalog;
use crate::graph::kms::KeyDataSources;
use crate::graph::policy::{
    ConditionBlock, DocumentDataSource, PolicyCatalog, PolicyKind, PrincipalBlock,
    StatementResource,
};
use crate::graph::user_grants::{
    GroupMembership, Principal, PrincipalPolicyLink, UserGrantCatalog,
};

/// The longest session a role allows, in seconds (3600 when absent, in both formats).
pub const ROLE_SESSION_DURATION: &[Given] = &[
    Given {
        kind: "aws_iam_role",
        path: &["max_session_duration"],
    },
    Given {
        kind: "AWS::IAM::Role",
        path: &["MaxSessionDuration"],
    },
];

/// How long the sessions of an IAM Identity Center permission set last, as an ISO 8601
/// duration (`PT8H`; `PT1H` when absent, in both formats). Identity Center provisions the
/// permission set as a role in each assigned account, and a user's console or CLI session in
/// that role lasts this long.
pub const PERMISSION_SET_SESSION_DURATION: &[Given] = &[
    Given {
        kind: "aws_ssoadmin_permission_set",
        path: &["session_duration"],
    },
    Given {
        kind: "AWS::SSO::PermissionSet",
        path: &["SessionDuration"],
    },
];

/// OIDC identity providers, and where each says its issuer URL.
pub const OIDC_PROVIDERS: &[(&str, &str)] = &[
    ("aws_iam_openid_connect_provider", "url"),
    ("AWS::IAM::OIDCProvider", "Url"),
];

/// A Lambda permission: the action it grants (`lambda:InvokeFunction` usually; the API also
/// takes `lambda:*` or `*`), its principal and the settings that narrow the source.
pub struct InvokePermission {
    pub kind: &'static str,
    pub action: &'static str,
    pub principal: &'static str,
    pub source_arn: &'static str,
    pub source_account: &'static str,
    pub principal_org: &'static str,
}

pub const INVOKE_PERMISSIONS: &[InvokePermission] = &[
    InvokePermission {
        kind: "aws_lambda_permission",
        action: "action",
        principal: "principal",
        source_arn: "source_arn",
        source_account: "source_account",
        principal_org: "principal_org_id",
    },
    InvokePermission {
        kind: "AWS::Lambda::Permission",
        action: "Action",
        principal: "Principal",
        source_arn: "SourceArn",
        source_account: "SourceAccount",
        principal_org: "PrincipalOrgID",
    },
];

/// Whether a source ARN of an invoke permission (`aws:SourceArn`) matches resources of any
/// account, and so names no source. Lambda writes it into the function's policy under
/// `ArnLike`, which compares the six colon-separated fields one by one, with `*` and `?` as
/// wildcards that never span a colon; so an account field matches any account only through a
/// wildcard (`arn:aws:execute-api:*:*:*`, `arn:aws:sns:us-east-1:*:alerts`), and a pattern of
/// fewer than six fields (`arn:aws:sns:*`) matches no ARN at all (neither the Terraform
/// provider nor CloudFormation accepts it as a source ARN). An empty account field matches
/// only ARNs without an account, which these services' resources never have. S3 bucket ARNs
/// never carry an account: they match any account's bucket only through a wildcard in the
/// bucket name (`arn:aws:s3:::*`), and a pattern with a `/` (`arn:aws:s3:::acme/*`) matches
/// no bucket at all. A pattern that matches nothing names no one else's resource either. Text
/// that is not an ARN pattern is not judged here.
pub fn source_arn_matches_any_account(arn: &str) -> bool {
    let arn = arn.trim();
    let Some(Arn {
        service,
        account,
        resource: name,
        ..
    }) = Arn::parse(arn)
    else {
        return false;
    };
    let wildcard = |text: &str| text.contains(['*', '?']);
    if ACCOUNTLESS_ARN_SERVICES.contains(&service) {
        return !name.contains('/') && wildcard(name);
    }
    wildcard(account)
}

/// [`source_arn_matches_any_account`] for an ARN known up to a part that could be anything
/// (`whole` false; see `Node::literal_text`): decided once its known text reaches the resource
/// part, since the account field is then known, except for S3, whose bucket name decides.
pub fn source_arn_may_match_any_account(known: &str, whole: bool) -> Truth {
    if whole {
        return Truth::from_bool(source_arn_matches_any_account(known));
    }
    let Some(Arn {
        service, account, ..
    }) = Arn::parse(known.trim_start())
    else {
        return Truth::Unknown;
    };
    if ACCOUNTLESS_ARN_SERVICES.contains(&service) {
        return Truth::Unknown;
    }
    Truth::from_bool(account.contains(['*', '?']))
}

/// Services whose resource ARNs have an empty account field: S3 bucket names are global
/// (`arn:aws:s3:::bucket`).
const ACCOUNTLESS_ARN_SERVICES: &[&str] = &["s3"];

/// Resources that create an IAM access key.
pub const ACCESS_KEYS: &[&str] = &["aws_iam_access_key", "AWS::IAM::AccessKey"];

/// Resources that give an IAM user a console password.
pub const LOGIN_PROFILES: &[&str] = &["aws_iam_user_login_profile"];

/// Login profiles and the attribute naming the user whose console password they are.
pub const LOGIN_PROFILE_USERS: &[(&str, &str)] = &[("aws_iam_user_login_profile", "user")];

/// Users that carry their console password inline: (type, property).
pub const INLINE_LOGIN_PROFILES: &[(&str, &str)] = &[("AWS::IAM::User", "LoginProfile")];

/// AWS managed policies that grant administrator-class access: all of IAM (and so anything),
/// nearly everything, or a shell with the caller's full permissions (CloudShell).
pub const ADMINISTRATOR_CLASS_POLICIES: &[&str] = &[
    "AdministratorAccess",
    "IAMFullAccess",
    "PowerUserAccess",
    "AWSCloudShellFullAccess",
];

/// Where a role's trust policy (who may assume it) is written, in either format.
pub const ROLE_TRUST_POLICIES: &[&str] = &["assume_role_policy", "AssumeRolePolicyDocument"];

/// The account password policy (Terraform only; CloudFormation has no resource for it).
pub const PASSWORD_POLICIES: &[&str] = &["aws_iam_account_password_policy"];

/// Where the account password policy writes each requirement.
pub struct PasswordPolicyFields {
    pub minimum_length: &'static str,
    /// How many earlier passwords a new one may not repeat.
    pub reuse_prevention: &'static str,
    /// Days a password lasts; 0 means it never expires.
    pub max_age: &'static str,
    /// `(argument, character class)`: each class a password must contain.
    pub character_classes: &'static [(&'static str, &'static str)],
    /// Whether users may change their own password; absent, the provider lets them.
    pub users_change_password: &'static str,
}

pub static PASSWORD_POLICY_FIELDS: PasswordPolicyFields = PasswordPolicyFields {
    minimum_length: "minimum_password_length",
    reuse_prevention: "password_reuse_prevention",
    max_age: "max_password_age",
    character_classes: &[
        ("require_uppercase_characters", "upper-case"),
        ("require_lowercase_characters", "lower-case"),
        ("require_numbers", "number"),
        ("require_symbols", "symbol"),
    ],
    users_change_password: "allow_users_to_change_password",
};

/// Where managed policies are attached by ARN: (type, attribute holding one ARN or a list).
pub const MANAGED_POLICY_ATTACHMENTS: &[(&str, &str)] = &[
    ("aws_iam_role_policy_attachment", "policy_arn"),
    ("aws_iam_user_policy_attachment", "policy_arn"),
    ("aws_iam_group_policy_attachment", "policy_arn"),
    ("aws_iam_policy_attachment", "policy_arn"),
    ("aws_iam_role", "managed_policy_arns"),
    ("aws_iam_role_policy_attachments_exclusive", "policy_arns"),
    ("AWS::IAM::Role", "ManagedPolicyArns"),
    ("AWS::IAM::User", "ManagedPolicyArns"),
    ("AWS::IAM::Group", "ManagedPolicyArns"),
    (
        "aws_ssoadmin_managed_policy_attachment",
        "managed_policy_arn",
    ),
    ("AWS::SSO::PermissionSet", "ManagedPolicies"),
];

/// Resources that exist only to give one user permissions.
pub const USER_POLICIES: &[&str] = &["aws_iam_user_policy", "aws_iam_user_policy_attachment"];

/// Settings that give permissions to the users they list, or to the user they are on:
/// (type, attribute).
pub const USER_GRANTS: &[(&str, &str)] = &[
    ("aws_iam_policy_attachment", "users"),
    ("AWS::IAM::User", "Policies"),
    ("AWS::IAM::User", "ManagedPolicyArns"),
    ("AWS::IAM::Policy", "Users"),
    ("AWS::IAM::ManagedPolicy", "Users"),
];

/// Whether an identity pool hands AWS credentials (its unauthenticated role's) to guests who
/// have not signed in: off unless asked, in both formats (CloudFormation requires the property).
pub const UNAUTHENTICATED_IDENTITIES: &[Toggle] = &[
    Toggle {
        kind: "aws_cognito_identity_pool",
        path: &["allow_unauthenticated_identities"],
        default: false,
    },
    Toggle {
        kind: "AWS::Cognito::IdentityPool",
        path: &["AllowUnauthenticatedIdentities"],
        default: false,
    },
];

/// A text setting of one resource type, with the value AWS applies when it is absent.
pub struct Choice {
    pub kind: &'static str,
    pub path: Path,
    pub default: &'static str,
}

/// Whether a Cognito user pool asks for a second factor at sign-in: `mfa_configuration` /
/// `MfaConfiguration`, one of `OFF`, `ON`, `OPTIONAL`; `OFF` when absent in both formats
/// (the provider's documented default, and the `CreateUserPool` API's).
pub const USER_POOL_MFA: &[Choice] = &[
    Choice {
        kind: "aws_cognito_user_pool",
        path: &["mfa_configuration"],
        default: "OFF",
    },
    Choice {
        kind: "AWS::Cognito::UserPool",
        path: &["MfaConfiguration"],
        default: "OFF",
    },
];

/// How clients of an AppSync GraphQL API authenticate: the default authorization type
/// (required in both formats) and the additional providers, each an element of `additional`
/// with its type at `item`.
pub struct GraphqlAuthorization {
    pub kind: &'static str,
    pub primary: Path,
    pub additional: Path,
    pub item: &'static str,
}

pub const GRAPHQL_API_AUTHORIZATION: &[GraphqlAuthorization] = &[
    GraphqlAuthorization {
        kind: "aws_appsync_graphql_api",
        primary: &["authentication_type"],
        additional: &["additional_authentication_provider"],
        item: "authentication_type",
    },
    GraphqlAuthorization {
        kind: "AWS::AppSync::GraphQLApi",
        primary: &["AuthenticationType"],
        additional: &["AdditionalAuthenticationProviders"],
        item: "AuthenticationType",
    },
];

/// An EFS access point: the directory it confines clients to (`/`, the whole file system,
/// when absent) and the POSIX user it makes every request run as (the client's own claimed
/// user when absent).
pub struct AccessPointScope {
    pub kind: &'static str,
    pub root_path: Path,
    pub posix_uid: Path,
}

pub const EFS_ACCESS_POINTS: &[AccessPointScope] = &[
    AccessPointScope {
        kind: "aws_efs_access_point",
        root_path: &["root_directory", "path"],
        posix_uid: &["posix_user", "uid"],
    },
    AccessPointScope {
        kind: "AWS::EFS::AccessPoint",
        root_path: &["RootDirectory", "Path"],
        posix_uid: &["PosixUser", "Uid"],
    },
];

/// OpenSearch (and legacy Elasticsearch) domains check who may read which index, document and
/// field only with fine-grained access control: `advanced_security_options.enabled` /
/// `AdvancedSecurityOptions.Enabled`, off when absent (a block without it is not allowed by
/// the provider; CloudFormation's `Enabled` is optional and off).
pub const SEARCH_FINE_GRAINED_ACCESS: &[Toggle] = &[
    Toggle {
        kind: "aws_opensearch_domain",
        path: &["advanced_security_options", "enabled"],
        default: false,
    },
    Toggle {
        kind: "aws_elasticsearch_domain",
        path: &["advanced_security_options", "enabled"],
        default: false,
    },
    Toggle {
        kind: "AWS::OpenSearchService::Domain",
        path: &["AdvancedSecurityOptions", "Enabled"],
        default: false,
    },
    Toggle {
        kind: "AWS::Elasticsearch::Domain",
        path: &["AdvancedSecurityOptions", "Enabled"],
        default: false,
    },
];

/// Data stores a workload's role may read through the store's API, for identity exposure
/// paths. The ARNs are those of the Service Authorization Reference; the commercial partition
/// (`aws`) is assumed, as policies in the other partitions name theirs.
pub const READABLE_STORES: &[ReadableStore] = &[
    // GetObject names an object, `arn:aws:s3:::bucket/key`: the bucket's ARN alone grants it not.
    ReadableStore {
        kind: "aws_s3_bucket",
        arn_prefix: "arn:aws:s3:::",
        name: &["bucket"],
        arn_suffix: "",
        item: "/{any}",
        read_actions: &["s3:GetObject"],
        arn_attributes: &["arn"],
        name_attributes: &["id", "bucket"],
    },
    ReadableStore {
        kind: "AWS::S3::Bucket",
        arn_prefix: "arn:aws:s3:::",
        name: &["BucketName"],
        arn_suffix: "",
        item: "/{any}",
        read_actions: &["s3:GetObject"],
        arn_attributes: &["Arn"],
        name_attributes: &[""],
    },
    ReadableStore {
        kind: "aws_dynamodb_table",
        arn_prefix: "arn:aws:dynamodb:{region}:{account}:table/",
        name: &["name"],
        arn_suffix: "",
        item: "",
        read_actions: &[
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
        ],
        arn_attributes: &["arn"],
        name_attributes: &["id", "name"],
    },
    ReadableStore {
        kind: "AWS::DynamoDB::Table",
        arn_prefix: "arn:aws:dynamodb:{region}:{account}:table/",
        name: &["TableName"],
        arn_suffix: "",
        item: "",
        read_actions: &[
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
        ],
        arn_attributes: &["Arn"],
        name_attributes: &[""],
    },
    // Secrets Manager appends a hyphen and six random characters to the name in the ARN.
    ReadableStore {
        kind: "aws_secretsmanager_secret",
        arn_prefix: "arn:aws:secretsmanager:{region}:{account}:secret:",
        name: &["name"],
        arn_suffix: "-{random}",
        item: "",
        read_actions: &["secretsmanager:GetSecretValue"],
        arn_attributes: &["arn", "id"],
        name_attributes: &["name"],
    },
    // `Ref` of a secret is its ARN.
    ReadableStore {
        kind: "AWS::SecretsManager::Secret",
        arn_prefix: "arn:aws:secretsmanager:{region}:{account}:secret:",
        name: &["Name"],
        arn_suffix: "-{random}",
        item: "",
        read_actions: &["secretsmanager:GetSecretValue"],
        arn_attributes: &["", "Id"],
        name_attributes: &[],
    },
];

/// Resource policies and the attribute naming the store they govern, for stores whose policy is
/// a resource of its own: a store whose policy lets anyone in is already public.
pub const STORE_POLICY_TARGETS: &[(&str, &str)] = &[
    ("aws_s3_bucket_policy", "bucket"),
    ("AWS::S3::BucketPolicy", "Bucket"),
    ("aws_secretsmanager_secret_policy", "secret_arn"),
    ("AWS::SecretsManager::ResourcePolicy", "SecretId"),
];

/// IAM roles, in both formats.
pub const ROLES: &[&str] = &["aws_iam_role", "AWS::IAM::Role"];

/// The attribute where a role lists managed policy ARNs itself, in each format.
pub const ROLE_MANAGED_POLICY_ARNS: &[&str] = &["managed_policy_arns", "ManagedPolicyArns"];

/// The attribute where a customer managed policy keeps its document, in each format.
pub const MANAGED_POLICY_DOCUMENTS: &[&str] = &["policy", "PolicyDocument"];

/// The attribute where an identity policy resource names the roles it is granted to.
pub const POLICY_ROLE_KEYS: &[&str] = &["role", "Roles"];

/// A split resource attaching one managed policy to one role (Terraform only; CloudFormation
/// lists them on the role).
pub struct RolePolicyAttachment {
    pub kind: &'static str,
    pub role: &'static str,
    pub policy_arn: &'static str,
}

pub const ROLE_POLICY_ATTACHMENT: RolePolicyAttachment = RolePolicyAttachment {
    kind: "aws_iam_role_policy_attachment",
    role: "role",
    policy_arn: "policy_arn",
};

/// Customer managed policies in either format, and the AWS managed ones whose grants are
/// known: read alike for roles and for users.
pub static MANAGED_POLICIES: ManagedPolicyCatalog = ManagedPolicyCatalog {
    kinds: &["aws_iam_policy", "AWS::IAM::ManagedPolicy"],
    known: KNOWN_MANAGED_POLICIES,
    policies: &POLICIES,
};

/// Where identity policies are granted to roles, and which AWS managed policies zt-lint knows
/// the grants of (IAM's AWS managed policy reference).
pub static ROLE_GRANTS: GrantCatalog = GrantCatalog {
    links: &[
        RolePolicyLink {
            kind: "aws_iam_role",
            roles: "",
            policy_arns: Some("managed_policy_arns"),
        },
        RolePolicyLink {
            kind: "AWS::IAM::Role",
            roles: "",
            policy_arns: Some("ManagedPolicyArns"),
        },
        RolePolicyLink {
            kind: "aws_iam_role_policy",
            roles: "role",
            policy_arns: None,
        },
        RolePolicyLink {
            kind: "aws_iam_role_policy_attachment",
            roles: "role",
            policy_arns: Some("policy_arn"),
        },
        RolePolicyLink {
            kind: "aws_iam_policy_attachment",
            roles: "roles",
            policy_arns: Some("policy_arn"),
        },
        RolePolicyLink {
            kind: "aws_iam_role_policy_attachments_exclusive",
            roles: "role_name",
            policy_arns: Some("policy_arns"),
        },
        RolePolicyLink {
            kind: "AWS::IAM::Policy",
            roles: "Roles",
            policy_arns: None,
        },
        RolePolicyLink {
            kind: "AWS::IAM::ManagedPolicy",
            roles: "Roles",
            policy_arns: None,
        },
        RolePolicyLink {
            kind: "AWS::IAM::RolePolicy",
            roles: "RoleName",
            policy_arns: None,
        },
    ],
    boundaries: &[
        ("aws_iam_role", "permissions_boundary"),
        ("AWS::IAM::Role", "PermissionsBoundary"),
    ],
    managed: &MANAGED_POLICIES,
};

/// AWS managed policies whose grants zt-lint knows, from the AWS Managed Policy Reference
/// (docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html, the default version
/// as published in 2026). Only what matters for reading a data store must be complete: every
/// action the policy allows on `"Resource": "*"` that a store's read needs, and every action it
/// allows on narrower resources (`scoped`). The workload policies are spelled out in full, so a
/// role that carries only them is known to read none of the modelled stores.
pub const KNOWN_MANAGED_POLICIES: &[KnownManagedPolicy] = &[
    // `"Action": "*"` on `"*"`.
    KnownManagedPolicy {
        name: "AdministratorAccess",
        actions: &["*"],
        scoped: &[],
    },
    // Of the store reads: `s3:Get*` and DynamoDB's `BatchGet*`, `Get*`, `Query`, `Scan`, on
    // `"*"`. It grants no `secretsmanager:GetSecretValue` (only `Describe*`, `List*`,
    // `GetResourcePolicy`).
    KnownManagedPolicy {
        name: "ReadOnlyAccess",
        actions: &[
            "s3:Get*",
            "dynamodb:BatchGet*",
            "dynamodb:Get*",
            "dynamodb:Query",
            "dynamodb:Scan",
        ],
        scoped: &[],
    },
    // v3: `s3:Get*`, `s3:List*`, `s3:Describe*`, `s3-object-lambda:Get*`, `s3-object-lambda:List*`
    // on `"*"`.
    KnownManagedPolicy {
        name: "AmazonS3ReadOnlyAccess",
        actions: &[
            "s3:Get*",
            "s3:List*",
            "s3:Describe*",
            "s3-object-lambda:Get*",
            "s3-object-lambda:List*",
        ],
        scoped: &[],
    },
    // `s3:*` and `s3-object-lambda:*` on `"*"`.
    KnownManagedPolicy {
        name: "AmazonS3FullAccess",
        actions: &["s3:*", "s3-object-lambda:*"],
        scoped: &[],
    },
    // Of the store reads: `dynamodb:BatchGetItem`, `GetItem`, `Query`, `Scan` (and
    // `PartiQLSelect`, DAX reads) on `"*"`.
    KnownManagedPolicy {
        name: "AmazonDynamoDBReadOnlyAccess",
        actions: &[
            "dynamodb:BatchGetItem",
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:PartiQLSelect",
        ],
        scoped: &[],
    },
    KnownManagedPolicy {
        name: "AmazonDynamoDBFullAccess",
        actions: &["dynamodb:*"],
        scoped: &[],
    },
    // v5: `secretsmanager:*` on `"*"` (with read-only EC2, RDS, Redshift and KMS listing, and
    // Lambda and CloudFormation for rotation).
    KnownManagedPolicy {
        name: "SecretsManagerReadWrite",
        actions: &["secretsmanager:*"],
        scoped: &[],
    },
    // The policies workloads carry to run, which read none of the stores this catalog models
    // (`AmazonSSMManagedInstanceCore` may read SSM parameters, which are not among them).
    // v2: Systems Manager's agent: `ssm:` association, document, parameter, inventory and
    // instance-information calls, `ssmmessages:` channels and `ec2messages:` messages, on `"*"`.
    KnownManagedPolicy {
        name: "AmazonSSMManagedInstanceCore",
        actions: &[
            "ssm:DescribeAssociation",
            "ssm:GetDeployablePatchSnapshotForInstance",
            "ssm:GetDocument",
            "ssm:DescribeDocument",
            "ssm:GetManifest",
            "ssm:GetParameter",
            "ssm:GetParameters",
            "ssm:ListAssociations",
            "ssm:ListInstanceAssociations",
            "ssm:PutInventory",
            "ssm:PutComplianceItems",
            "ssm:PutConfigurePackageResult",
            "ssm:UpdateAssociationStatus",
            "ssm:UpdateInstanceAssociationStatus",
            "ssm:UpdateInstanceInformation",
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
            "ec2messages:AcknowledgeMessage",
            "ec2messages:DeleteMessage",
            "ec2messages:FailMessage",
            "ec2messages:GetEndpoint",
            "ec2messages:GetMessages",
            "ec2messages:SendReply",
        ],
        scoped: &[],
    },
    // The CloudWatch agent: metrics, log groups and streams, X-Ray segments and sampling, EC2
    // volume and tag descriptions on `"*"`; `ssm:GetParameter` only on
    // `arn:aws:ssm:*:*:parameter/AmazonCloudWatch-*`.
    KnownManagedPolicy {
        name: "CloudWatchAgentServerPolicy",
        actions: &[
            "cloudwatch:PutMetricData",
            "ec2:DescribeVolumes",
            "ec2:DescribeTags",
            "logs:PutLogEvents",
            "logs:PutRetentionPolicy",
            "logs:DescribeLogStreams",
            "logs:DescribeLogGroups",
            "logs:CreateLogStream",
            "logs:CreateLogGroup",
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "xray:GetSamplingStatisticSummaries",
        ],
        scoped: &["ssm:GetParameter"],
    },
    // v3: pulling images (`GetAuthorizationToken`, `BatchCheckLayerAvailability`,
    // `GetDownloadUrlForLayer`, `BatchGetImage`) and describing repositories, on `"*"`.
    KnownManagedPolicy {
        name: "AmazonEC2ContainerRegistryReadOnly",
        actions: &[
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:GetRepositoryPolicy",
            "ecr:DescribeRepositories",
            "ecr:ListImages",
            "ecr:DescribeImages",
            "ecr:BatchGetImage",
            "ecr:GetLifecyclePolicy",
            "ecr:GetLifecyclePolicyPreview",
            "ecr:ListTagsForResource",
            "ecr:DescribeImageScanFindings",
        ],
        scoped: &[],
    },
    // Writing its own logs, on `"*"`.
    KnownManagedPolicy {
        name: "service-role/AWSLambdaBasicExecutionRole",
        actions: &[
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
        ],
        scoped: &[],
    },
    // v3: its logs and the network interfaces of a function in a VPC, on `"*"`.
    KnownManagedPolicy {
        name: "service-role/AWSLambdaVPCAccessExecutionRole",
        actions: &[
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
        ],
        scoped: &[],
    },
    // ECS's agent pulling the task's image and writing its logs, on `"*"`. (Secrets a task
    // definition injects need a policy of their own on the execution role.)
    KnownManagedPolicy {
        name: "service-role/AmazonECSTaskExecutionRolePolicy",
        actions: &[
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
        ],
        scoped: &[],
    },
    // `AmazonEKSWorkerNodePolicy` is left out on purpose: it allows
    // `eks-auth:AssumeRoleForPodIdentity` on `"*"`, with which a node takes the credentials of
    // the pod-identity roles of its pods, so what a node's role reads depends on roles this
    // catalog cannot see. A node carrying it stays undecided.
    // The VPC CNI plugin: network interfaces and addresses on `"*"`; `ec2:CreateTags` only on
    // network interfaces.
    KnownManagedPolicy {
        name: "AmazonEKS_CNI_Policy",
        actions: &[
            "ec2:AssignPrivateIpAddresses",
            "ec2:AssignIpv6Addresses",
            "ec2:AttachNetworkInterface",
            "ec2:CreateNetworkInterface",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeInstances",
            "ec2:DescribeTags",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeSubnets",
            "ec2:DetachNetworkInterface",
            "ec2:ModifyNetworkInterfaceAttribute",
            "ec2:UnassignPrivateIpAddresses",
        ],
        scoped: &["ec2:CreateTags"],
    },
    // The X-Ray daemon: segments, telemetry and sampling, on `"*"`.
    KnownManagedPolicy {
        name: "AWSXRayDaemonWriteAccess",
        actions: &[
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "xray:GetSamplingStatisticSummaries",
        ],
        scoped: &[],
    },
];

/// Where a store names the KMS key its contents are encrypted with, for stores whose service
/// decrypts with that key on the reader's behalf: a reader needs `kms:Decrypt` on a
/// customer-managed key as well as the store's read action (S3 User Guide, "Using server-side
/// encryption with AWS KMS keys": downloading an SSE-KMS object needs `kms:Decrypt`; Secrets
/// Manager API reference, GetSecretValue: `kms:Decrypt` is required with a customer-managed
/// key; AWS KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS": DynamoDB calls
/// `kms:Decrypt` on the table key for each principal that reads the table, and a key policy
/// must allow it, typically to the account's principals through DynamoDB only).
pub enum StoreKeySetting {
    /// The bucket's default encryption, inline or in its own resource (`aws::s3`).
    BucketDefaultEncryption,
    Written(&'static [&'static str]),
    /// A key named at `key` that encrypts the store only when the switch at `enabled` is on;
    /// off or absent, a key AWS owns does (a DynamoDB table's `server_side_encryption`).
    WrittenWhenEnabled {
        enabled: &'static [&'static str],
        key: &'static [&'static str],
    },
}

/// A store whose reads need `kms:Decrypt` on its key, and the service that asks KMS for it:
/// the `<service>` of the `kms:ViaService` value (`<service>.<region>.amazonaws.com`) that a
/// key policy sees when the store is read.
pub struct DecryptOnRead {
    pub kind: &'static str,
    pub setting: StoreKeySetting,
    pub via_service: &'static str,
}

pub const DECRYPT_ON_READ: &[DecryptOnRead] = &[
    DecryptOnRead {
        kind: "aws_s3_bucket",
        setting: StoreKeySetting::BucketDefaultEncryption,
        via_service: "s3",
    },
    DecryptOnRead {
        kind: "AWS::S3::Bucket",
        setting: StoreKeySetting::BucketDefaultEncryption,
        via_service: "s3",
    },
    DecryptOnRead {
        kind: "aws_secretsmanager_secret",
        setting: StoreKeySetting::Written(&["kms_key_id"]),
        via_service: "secretsmanager",
    },
    DecryptOnRead {
        kind: "AWS::SecretsManager::Secret",
        setting: StoreKeySetting::Written(&["KmsKeyId"]),
        via_service: "secretsmanager",
    },
    // `enabled` is required in the block; without the block the table uses an AWS-owned key.
    DecryptOnRead {
        kind: "aws_dynamodb_table",
        setting: StoreKeySetting::WrittenWhenEnabled {
            enabled: &["server_side_encryption", "enabled"],
            key: &["server_side_encryption", "kms_key_arn"],
        },
        via_service: "dynamodb",
    },
    // `SSEEnabled` false or absent: an AWS-owned key, whatever `KMSMasterKeyId` says.
    DecryptOnRead {
        kind: "AWS::DynamoDB::Table",
        setting: StoreKeySetting::WrittenWhenEnabled {
            enabled: &["SSESpecification", "SSEEnabled"],
            key: &["SSESpecification", "KMSMasterKeyId"],
        },
        via_service: "dynamodb",
    },
];

/// KMS keys as the target of `kms:Decrypt` in an identity policy. A policy names a key by its
/// key ARN (an alias ARN in `Resource` does not control access to the key). `Ref` of a
/// CloudFormation key is its key id.
pub const DECRYPTABLE_KEYS: &[ReadableStore] = &[
    ReadableStore {
        kind: "aws_kms_key",
        arn_prefix: "arn:aws:kms:{region}:{account}:key/",
        name: &["key_id"],
        arn_suffix: "",
        item: "",
        read_actions: &["kms:Decrypt"],
        arn_attributes: &["arn"],
        name_attributes: &["key_id", "id"],
    },
    ReadableStore {
        kind: "AWS::KMS::Key",
        arn_prefix: "arn:aws:kms:{region}:{account}:key/",
        name: &[],
        arn_suffix: "",
        item: "",
        read_actions: &["kms:Decrypt"],
        arn_attributes: &["Arn"],
        name_attributes: &["", "KeyId"],
    },
];

/// Aliases a store's key setting may name, and where each names its key.
pub const KEY_ALIASES: &[(&str, &str)] = &[
    ("aws_kms_alias", "target_key_id"),
    ("AWS::KMS::Alias", "TargetKeyId"),
];

/// Key policies written as a resource of their own, and where each names its key.
pub const KEY_POLICY_RESOURCES: &[(&str, &str)] = &[("aws_kms_key_policy", "key_id")];

/// Grants on a key (they give principals its use outside any policy), and where each names
/// its key. CloudFormation has no resource for them.
pub const KEY_GRANTS: &[(&str, &str)] = &[("aws_kms_grant", "key_id")];

/// Where the use of customer-managed keys is written, for reads that need `kms:Decrypt`.
pub static KEY_ACCESS: KeyCatalog = KeyCatalog {
    keys: DECRYPTABLE_KEYS,
    aliases: KEY_ALIASES,
    key_policies: KEY_POLICY_RESOURCES,
    grants: KEY_GRANTS,
    principals: &[
        "aws_iam_role",
        "AWS::IAM::Role",
        "aws_iam_user",
        "AWS::IAM::User",
    ],
    key_data_sources: &KEY_DATA_SOURCES,
    policies: &POLICIES,
};

/// The data sources that look a KMS key up (`key_id` may be an `alias/aws/...` name), and the
/// attribute a plan fills with the key's manager.
pub static KEY_DATA_SOURCES: KeyDataSources = KeyDataSources {
    lookups: &[("aws_kms_key", "key_id"), ("aws_kms_alias", "name")],
    manager: "key_manager",
};
/// Where identity policies reach IAM users: granted to the user, or to a group the user is in.
pub static USER_AND_GROUP_GRANTS: UserGrantCatalog = UserGrantCatalog {
    users: &["aws_iam_user", "AWS::IAM::User"],
    user_names: &["name", "UserName"],
    groups: &["aws_iam_group", "AWS::IAM::Group"],
    group_names: &["name", "GroupName"],
    links: &[
        PrincipalPolicyLink {
            kind: "aws_iam_user_policy",
            principals: &[(Principal::User, "user")],
            policy_arns: None,
        },
        PrincipalPolicyLink {
            kind: "aws_iam_user_policy_attachment",
            principals: &[(Principal::User, "user")],
            policy_arns: Some("policy_arn"),
        },
        PrincipalPolicyLink {
            kind: "aws_iam_group_policy",
            principals: &[(Principal::Group, "group")],
            policy_arns: None,
        },
        PrincipalPolicyLink {
            kind: "aws_iam_group_policy_attachment",
            principals: &[(Principal::Group, "group")],
            policy_arns: Some("policy_arn"),
        },
        PrincipalPolicyLink {
            kind: "aws_iam_policy_attachment",
            principals: &[(Principal::User, "users"), (Principal::Group, "groups")],
            policy_arns: Some("policy_arn"),
        },
        PrincipalPolicyLink {
            kind: "AWS::IAM::User",
            principals: &[(Principal::User, "")],
            policy_arns: Some("ManagedPolicyArns"),
        },
        PrincipalPolicyLink {
            kind: "AWS::IAM::Group",
            principals: &[(Principal::Group, "")],
            policy_arns: Some("ManagedPolicyArns"),
        },
        PrincipalPolicyLink {
            kind: "AWS::IAM::Policy",
            principals: &[(Principal::User, "Users"), (Principal::Group, "Groups")],
            policy_arns: None,
        },
        PrincipalPolicyLink {
            kind: "AWS::IAM::ManagedPolicy",
            principals: &[(Principal::User, "Users"), (Principal::Group, "Groups")],
            policy_arns: None,
        },
        PrincipalPolicyLink {
            kind: "AWS::IAM::UserPolicy",
            principals: &[(Principal::User, "UserName")],
            policy_arns: None,
        },
        PrincipalPolicyLink {
            kind: "AWS::IAM::GroupPolicy",
            principals: &[(Principal::Group, "GroupName")],
            policy_arns: None,
        },
    ],
    memberships: &[
        GroupMembership {
            kind: "aws_iam_user_group_membership",
            users: "user",
            groups: "groups",
        },
        GroupMembership {
            kind: "aws_iam_group_membership",
            users: "users",
            groups: "group",
        },
        GroupMembership {
            kind: "AWS::IAM::User",
            users: "",
            groups: "Groups",
        },
        GroupMembership {
            kind: "AWS::IAM::UserToGroupAddition",
            users: "Users",
            groups: "GroupName",
        },
    ],
    managed: &MANAGED_POLICIES,
};

/// What a user who has signed in without MFA must still be allowed, so that the standard
/// guard (a `Deny` of everything else unless `aws:MultiFactorAuthPresent`) leaves a way to
/// enrol a device and sign in with it: the IAM User Guide's examples "Allows IAM users to
/// self-manage an MFA device" and "Allows MFA-authenticated IAM users to manage their own
/// credentials" (their `NotAction` lists), and the read-only account views the console shows on
/// the same page. Lower-cased; IAM action names are case-insensitive.
pub const MFA_SELF_SERVICE_ACTIONS: &[&str] = &[
    "iam:createvirtualmfadevice",
    "iam:deletevirtualmfadevice",
    "iam:enablemfadevice",
    "iam:getmfadevice",
    "iam:listmfadevices",
    "iam:listvirtualmfadevices",
    "iam:resyncmfadevice",
    "iam:getuser",
    "iam:listusers",
    "iam:changepassword",
    "iam:getaccountpasswordpolicy",
    "iam:getloginprofile",
    "iam:getaccountsummary",
    "iam:listaccountaliases",
    "sts:getsessiontoken",
];

/// (resource kind, attribute path, policy kind). A path through a list (`Policies`) visits
/// every element.
const POLICY_LOCATIONS: &[(&str, &[&str], PolicyKind)] = &[
    ("aws_iam_policy", &["policy"], PolicyKind::Identity),
    ("aws_iam_role_policy", &["policy"], PolicyKind::Identity),
    ("aws_iam_user_policy", &["policy"], PolicyKind::Identity),
    ("aws_iam_group_policy", &["policy"], PolicyKind::Identity),
    (
        "aws_iam_role",
        &["inline_policy", "policy"],
        PolicyKind::Identity,
    ),
    ("aws_iam_role", &["assume_role_policy"], PolicyKind::Trust),
    // IAM Identity Center permission sets become roles in every account they are assigned to.
    (
        "aws_ssoadmin_permission_set_inline_policy",
        &["inline_policy"],
        PolicyKind::Identity,
    ),
    ("aws_s3_bucket_policy", &["policy"], PolicyKind::Resource),
    ("aws_s3_bucket", &["policy"], PolicyKind::Resource),
    ("aws_sqs_queue_policy", &["policy"], PolicyKind::Resource),
    ("aws_sqs_queue", &["policy"], PolicyKind::Resource),
    ("aws_sns_topic_policy", &["policy"], PolicyKind::Resource),
    ("aws_sns_topic", &["policy"], PolicyKind::Resource),
    ("aws_kms_key", &["policy"], PolicyKind::Resource),
    ("aws_kms_key_policy", &["policy"], PolicyKind::Resource),
    (
        "aws_ecr_repository_policy",
        &["policy"],
        PolicyKind::Resource,
    ),
    (
        "aws_secretsmanager_secret_policy",
        &["policy"],
        PolicyKind::Resource,
    ),
    (
        "aws_secretsmanager_secret",
        &["policy"],
        PolicyKind::Resource,
    ),
    ("aws_vpc_endpoint", &["policy"], PolicyKind::Resource),
    (
        "aws_opensearch_domain",
        &["access_policies"],
        PolicyKind::Resource,
    ),
    (
        "aws_opensearch_domain_policy",
        &["access_policies"],
        PolicyKind::Resource,
    ),
    (
        "aws_elasticsearch_domain",
        &["access_policies"],
        PolicyKind::Resource,
    ),
    (
        "aws_elasticsearch_domain_policy",
        &["access_policies"],
        PolicyKind::Resource,
    ),
    (
        "aws_efs_file_system_policy",
        &["policy"],
        PolicyKind::Resource,
    ),
    (
        "aws_glacier_vault",
        &["access_policy"],
        PolicyKind::Resource,
    ),
    (
        "aws_glue_resource_policy",
        &["policy"],
        PolicyKind::Resource,
    ),
    (
        "aws_cloudwatch_log_destination_policy",
        &["access_policy"],
        PolicyKind::Resource,
    ),
    ("aws_ses_identity_policy", &["policy"], PolicyKind::Resource),
    ("aws_backup_vault_policy", &["policy"], PolicyKind::Resource),
    // Which principals may write to (or read) the account's log groups.
    (
        "aws_cloudwatch_log_resource_policy",
        &["policy_document"],
        PolicyKind::Resource,
    ),
    // Who may put events on an EventBridge event bus (any AWS account, with `"*"`).
    (
        "aws_cloudwatch_event_bus_policy",
        &["policy"],
        PolicyKind::Resource,
    ),
    (
        "AWS::IAM::Policy",
        &["PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::ManagedPolicy",
        &["PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::RolePolicy",
        &["PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::UserPolicy",
        &["PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::GroupPolicy",
        &["PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::Role",
        &["Policies", "PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::User",
        &["Policies", "PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::Group",
        &["Policies", "PolicyDocument"],
        PolicyKind::Identity,
    ),
    (
        "AWS::SSO::PermissionSet",
        &["InlinePolicy"],
        PolicyKind::Identity,
    ),
    (
        "AWS::IAM::Role",
        &["AssumeRolePolicyDocument"],
        PolicyKind::Trust,
    ),
    (
        "AWS::S3::BucketPolicy",
        &["PolicyDocument"],
        PolicyKind::Resource,
    ),
    (
        "AWS::SQS::QueuePolicy",
        &["PolicyDocument"],
        PolicyKind::Resource,
    ),
    (
        "AWS::SNS::TopicPolicy",
        &["PolicyDocument"],
        PolicyKind::Resource,
    ),
    ("AWS::KMS::Key", &["KeyPolicy"], PolicyKind::Resource),
    (
        "AWS::ECR::Repository",
        &["RepositoryPolicyText"],
        PolicyKind::Resource,
    ),
    (
        "AWS::SecretsManager::ResourcePolicy",
        &["ResourcePolicy"],
        PolicyKind::Resource,
    ),
    (
        "AWS::EC2::VPCEndpoint",
        &["PolicyDocument"],
        PolicyKind::Resource,
    ),
    (
        "AWS::EFS::FileSystem",
        &["FileSystemPolicy"],
        PolicyKind::Resource,
    ),
    (
        "AWS::Glacier::Vault",
        &["AccessPolicy"],
        PolicyKind::Resource,
    ),
    (
        "AWS::Logs::Destination",
        &["DestinationPolicy"],
        PolicyKind::Resource,
    ),
    (
        "AWS::Backup::BackupVault",
        &["AccessPolicy"],
        PolicyKind::Resource,
    ),
    ("AWS::Events::EventBus", &["Policy"], PolicyKind::Resource),
    (
        "AWS::Logs::ResourcePolicy",
        &["PolicyDocument"],
        PolicyKind::Resource,
    ),
    (
        "AWS::OpenSearchService::Domain",
        &["AccessPolicies"],
        PolicyKind::Resource,
    ),
    (
        "AWS::Elasticsearch::Domain",
        &["AccessPolicies"],
        PolicyKind::Resource,
    ),
    ("aws_iot_policy", &["policy"], PolicyKind::Device),
    ("AWS::IoT::Policy", &["PolicyDocument"], PolicyKind::Device),
];

/// AWS IoT Core policy actions a device uses on one named resource, and the ARN resource type
/// that names it (`arn:aws:iot:region:account:client/<client id>`), from "AWS IoT Core action
/// resources". Actions whose only resource is `*` (`iot:ListRetainedMessages`,
/// `iot:ListNamedShadowsForThing`) are not listed: `*` is their scope.
pub const DEVICE_ACTIONS: &[(&str, &str)] = &[
    ("iot:connect", "client"),
    ("iot:deleteconnection", "client"),
    ("iot:publish", "topic"),
    ("iot:retainpublish", "topic"),
    ("iot:receive", "topic"),
    ("iot:getretainedmessage", "topic"),
    ("iot:subscribe", "topicfilter"),
    ("iot:getthingshadow", "thing"),
    ("iot:updatethingshadow", "thing"),
    ("iot:deletethingshadow", "thing"),
    ("iotjobsdata:describejobexecution", "thing"),
    ("iotjobsdata:getpendingjobexecutions", "thing"),
    ("iotjobsdata:startnextpendingjobexecution", "thing"),
    ("iotjobsdata:updatejobexecution", "thing"),
    // The credentials provider: a device assumes the IAM role a role alias names ("Authorizing
    // direct calls to AWS services using AWS IoT Core credential provider").
    ("iot:assumerolewithcertificate", "rolealias"),
];

/// Resources whose resource policy is a KMS key policy: AWS's default key policy grants `kms:*`
/// to the account root, which only delegates to IAM policies.
const KEY_POLICY_HOLDERS: &[&str] = &["aws_kms_key", "aws_kms_key_policy", "AWS::KMS::Key"];

/// Resources whose resource policy is a VPC endpoint policy: it limits what may pass through
/// the endpoint, on top of the caller's own permissions.
const ENDPOINT_POLICY_HOLDERS: &[&str] = &["aws_vpc_endpoint", "AWS::EC2::VPCEndpoint"];

/// Where policy documents are written, in both formats, and which holders make them key or
/// endpoint policies.
pub static POLICIES: PolicyCatalog = PolicyCatalog {
    locations: POLICY_LOCATIONS,
    key_policy_holders: KEY_POLICY_HOLDERS,
    endpoint_policy_holders: ENDPOINT_POLICY_HOLDERS,
    document_data_sources: &[POLICY_DOCUMENT_DATA_SOURCE],
    statement_resources: EVENT_BUS_PERMISSIONS,
};

/// EventBridge permissions that add one statement to an event bus's policy (the default bus
/// when none is named). CloudFormation takes the statement whole (`Statement`), or, in the
/// older form, an account id or `"*"` as `Principal` with an optional organization
/// `Condition` (`{Type, Key, Value}`); Terraform's `aws_cloudwatch_event_permission` takes
/// only the parts. The action defaults to `events:PutEvents` in both.
const EVENT_BUS_PERMISSIONS: &[StatementResource] = &[
    StatementResource {
        kind: "AWS::Events::EventBusPolicy",
        statement: Some("Statement"),
        principal: "Principal",
        action: "Action",
        default_action: "events:PutEvents",
        condition: "Condition",
        condition_block: ConditionBlock {
            operator: "Type",
            key: "Key",
            values: "Value",
        },
    },
    StatementResource {
        kind: "aws_cloudwatch_event_permission",
        statement: None,
        principal: "principal",
        action: "action",
        default_action: "events:PutEvents",
        condition: "condition",
        condition_block: ConditionBlock {
            operator: "type",
            key: "key",
            values: "value",
        },
    },
];

/// `data "aws_iam_policy_document"`: its arguments and blocks, as the provider names them.
/// Optional arguments it leaves unset are null (in Terraform and in plans).
const POLICY_DOCUMENT_DATA_SOURCE: DocumentDataSource = DocumentDataSource {
    kind: "aws_iam_policy_document",
    merged_lists: &["source_policy_documents", "override_policy_documents"],
    merged_documents: &["source_json", "override_json"],
    statement: "statement",
    effect: "effect",
    actions: "actions",
    not_actions: "not_actions",
    resources: "resources",
    not_resources: "not_resources",
    principals: "principals",
    not_principals: "not_principals",
    condition: "condition",
    principal_blocks: PrincipalBlock {
        kind: "type",
        identifiers: "identifiers",
    },
    condition_blocks: ConditionBlock {
        operator: "test",
        key: "variable",
        values: "values",
    },
};
