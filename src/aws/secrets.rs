//! Where secrets are written: the arguments that take a database password or auth token, the
//! parameters of a CloudFormation template, Parameter Store values, provider credentials, and
//! the environment of functions.

use super::{Given, Path};

/// Arguments that take a password or token, which the service stores as given. A path steps
/// into nested blocks, and into every element of a list of blocks (a broker's users).
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
    // The secret key of a self-managed object store DataSync copies from.
    password("aws_datasync_location_object_storage", &["secret_key"]),
    password("AWS::DataSync::LocationObjectStorage", &["SecretKey"]),
    // Directory administrator passwords (Simple AD and Microsoft AD).
    password("aws_directory_service_directory", &["password"]),
    password("AWS::DirectoryService::SimpleAD", &["Password"]),
    password("AWS::DirectoryService::MicrosoftAD", &["Password"]),
    // DMS endpoints log in to the source or target database.
    password("aws_dms_endpoint", &["password"]),
    password("AWS::DMS::Endpoint", &["Password"]),
    password("AWS::DMS::Endpoint", &["MongoDbSettings", "Password"]),
    // Amplify: basic-auth credentials (`user:password` in base64 in Terraform) and the
    // repository provider's OAuth or personal access token.
    password("aws_amplify_app", &["basic_auth_credentials"]),
    password("aws_amplify_app", &["oauth_token"]),
    password("aws_amplify_app", &["access_token"]),
    password("aws_amplify_branch", &["basic_auth_credentials"]),
    password("AWS::Amplify::App", &["BasicAuthConfig", "Password"]),
    password("AWS::Amplify::App", &["OauthToken"]),
    password("AWS::Amplify::App", &["AccessToken"]),
    password("AWS::Amplify::Branch", &["BasicAuthConfig", "Password"]),
    // Every user of an Amazon MQ broker has its own password.
    password("aws_mq_broker", &["user", "password"]),
    password("AWS::AmazonMQ::Broker", &["Users", "Password"]),
    // The internal master user of an OpenSearch domain's fine-grained access control.
    password(
        "aws_opensearch_domain",
        &[
            "advanced_security_options",
            "master_user_options",
            "master_user_password",
        ],
    ),
    password(
        "aws_elasticsearch_domain",
        &[
            "advanced_security_options",
            "master_user_options",
            "master_user_password",
        ],
    ),
    password(
        "AWS::OpenSearchService::Domain",
        &[
            "AdvancedSecurityOptions",
            "MasterUserOptions",
            "MasterUserPassword",
        ],
    ),
    password(
        "AWS::Elasticsearch::Domain",
        &[
            "AdvancedSecurityOptions",
            "MasterUserOptions",
            "MasterUserPassword",
        ],
    ),
    // The Login with Amazon client secret and refresh token an Alexa skill deploys with.
    password(
        "AWS::ASK::Skill",
        &["AuthenticationConfiguration", "ClientSecret"],
    ),
    password(
        "AWS::ASK::Skill",
        &["AuthenticationConfiguration", "RefreshToken"],
    ),
    // An ElastiCache (Redis OSS, Valkey) user logs in with one of its passwords.
    password("aws_elasticache_user", &["passwords"]),
    password("AWS::ElastiCache::User", &["Passwords"]),
    // The same passwords, written in the authentication mode block (with type `password`).
    password(
        "aws_elasticache_user",
        &["authentication_mode", "passwords"],
    ),
    password(
        "AWS::ElastiCache::User",
        &["AuthenticationMode", "Passwords"],
    ),
    // A Glue connection's database password, a key of its connection properties (Glue also
    // takes SECRET_ID, naming a Secrets Manager secret instead).
    password(
        "aws_glue_connection",
        &["connection_properties", "PASSWORD"],
    ),
    password(
        "AWS::Glue::Connection",
        &["ConnectionInput", "ConnectionProperties", "PASSWORD"],
    ),
    // An IAM user's console password (Terraform's login profile generates it instead).
    password("AWS::IAM::User", &["LoginProfile", "Password"]),
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

/// A stack output as the CloudFormation loader models it: one data-mode entry per output, its
/// `Value` evaluated (a `Ref` to a parameter kept as a reference to the parameter's entry).
/// Outputs are returned in plain text by `DescribeStacks` and shown in the console to anyone
/// allowed to describe the stack; `NoEcho` does not mask them. Terraform has no counterpart
/// to lint: it refuses a root output of a sensitive value (an access key's `secret`) unless
/// the output is marked `sensitive = true` itself.
pub struct StackOutput {
    pub kind: &'static str,
    pub value: &'static str,
    /// Every parameter and resource attribute the value reads, as references (each `Ref`,
    /// `Fn::GetAtt` and `${...}` of a `Fn::Sub`, at any depth), as the loader lists them.
    pub references: &'static str,
}

pub const STACK_OUTPUT: StackOutput = StackOutput {
    kind: "AWS::CloudFormation::Output",
    value: "Value",
    references: "References",
};

/// Attributes (`Fn::GetAtt`) that return a secret itself, not its ARN or id: (type, attribute).
pub const SECRET_ATTRIBUTES: &[(&str, &str)] = &[
    ("AWS::IAM::AccessKey", "SecretAccessKey"),
    ("AWS::Cognito::UserPoolClient", "ClientSecret"),
    ("AWS::AppSync::ApiKey", "ApiKey"),
];

/// An attribute whose value is a secret itself, wherever it is written: a private key, a
/// password, a secret access key. `when` narrows it to resources whose setting at a path has a
/// value (an SSM parameter is a secret only as a `SecureString`).
pub struct SecretValue {
    pub kind: &'static str,
    pub attribute: &'static str,
    pub when: Option<(&'static str, &'static str)>,
    pub what: &'static str,
}

const fn secret(kind: &'static str, attribute: &'static str, what: &'static str) -> SecretValue {
    SecretValue {
        kind,
        attribute,
        when: None,
        what,
    }
}

/// Secret-bearing attributes of resources and data sources that a configuration can write into
/// another resource's text (user data): Terraform's `tls_private_key` key encodings,
/// `random_password.result`, Secrets Manager secret values (the resource and the data source
/// share a type name), IAM access key secrets, SecureString parameter values and database
/// passwords; CloudFormation's `Fn::GetAtt` of an access key's `SecretAccessKey`.
pub const SECRET_VALUES: &[SecretValue] = &[
    secret("tls_private_key", "private_key_pem", "the private key"),
    secret("tls_private_key", "private_key_openssh", "the private key"),
    secret(
        "tls_private_key",
        "private_key_pem_pkcs8",
        "the private key",
    ),
    secret("random_password", "result", "the password"),
    secret(
        "aws_secretsmanager_secret_version",
        "secret_string",
        "the secret value",
    ),
    secret(
        "aws_secretsmanager_secret_version",
        "secret_binary",
        "the secret value",
    ),
    secret("aws_iam_access_key", "secret", "the secret access key"),
    secret(
        "aws_iam_access_key",
        "ses_smtp_password_v4",
        "the SMTP password",
    ),
    SecretValue {
        kind: "aws_ssm_parameter",
        attribute: "value",
        when: Some(("type", "SecureString")),
        what: "the SecureString value",
    },
    secret("aws_db_instance", "password", "the database password"),
    secret(
        "aws_rds_cluster",
        "master_password",
        "the database password",
    ),
    secret(
        "AWS::IAM::AccessKey",
        "SecretAccessKey",
        "the secret access key",
    ),
];

/// Text that the deployment replaces with a secret's value wherever it is written: a
/// CloudFormation `secretsmanager` dynamic reference resolves in every resource property, and
/// the value "may show up in the service whose resource it's being used in" (CloudFormation
/// User Guide, "Get a secret or secret value from Secrets Manager"). `ssm-secure` resolves only
/// in the properties that support it, and user data is not one of them.
pub const RESOLVED_SECRETS: &[(&str, &str)] = &[(
    "{{resolve:secretsmanager:",
    "a Secrets Manager secret resolved at deployment",
)];

/// Where a function or service keeps its environment variables: a map of name to value, or a
/// list of `{Name, Value}` entries (CloudFormation's App Runner services).
pub const FUNCTION_ENVIRONMENTS: &[Given] = &[
    Given {
        kind: "aws_lambda_function",
        path: &["environment", "variables"],
    },
    Given {
        kind: "AWS::Lambda::Function",
        path: &["Environment", "Variables"],
    },
    // App Runner services, built from an image or from source code
    // (`runtime_environment_secrets` / `RuntimeEnvironmentSecrets` take secrets by ARN).
    Given {
        kind: "aws_apprunner_service",
        path: &[
            "source_configuration",
            "image_repository",
            "image_configuration",
            "runtime_environment_variables",
        ],
    },
    Given {
        kind: "aws_apprunner_service",
        path: &[
            "source_configuration",
            "code_repository",
            "code_configuration",
            "code_configuration_values",
            "runtime_environment_variables",
        ],
    },
    Given {
        kind: "AWS::AppRunner::Service",
        path: &[
            "SourceConfiguration",
            "ImageRepository",
            "ImageConfiguration",
            "RuntimeEnvironmentVariables",
        ],
    },
    Given {
        kind: "AWS::AppRunner::Service",
        path: &[
            "SourceConfiguration",
            "CodeRepository",
            "CodeConfiguration",
            "CodeConfigurationValues",
            "RuntimeEnvironmentVariables",
        ],
    },
];

/// A Parameter Store parameter: its name, type and value. Only `SecureString` values are
/// encrypted; the other types are shown to anyone who can describe the parameter.
pub struct StoredParameter {
    pub kind: &'static str,
    pub name: &'static str,
    pub type_key: &'static str,
    /// Where the value is written (Terraform has `insecure_value` beside `value`).
    pub values: &'static [&'static str],
    /// Types stored in plain text.
    pub plain_types: &'static [&'static str],
}

pub const STORED_PARAMETERS: &[StoredParameter] = &[
    StoredParameter {
        kind: "aws_ssm_parameter",
        name: "name",
        type_key: "type",
        values: &["value", "insecure_value"],
        plain_types: &["String", "StringList"],
    },
    // CloudFormation cannot create a SecureString parameter at all.
    StoredParameter {
        kind: "AWS::SSM::Parameter",
        name: "Name",
        type_key: "Type",
        values: &["Value"],
        plain_types: &["String", "StringList"],
    },
];

/// Credentials a provider configuration can be given (Terraform's `provider "aws"` block, or a
/// plan's `configuration.provider_config`; CloudFormation has no such configuration).
pub struct ProviderCredentials {
    /// The provider's name (the configuration's kind).
    pub provider: &'static str,
    pub arguments: &'static [&'static str],
}

pub const PROVIDER_CREDENTIALS: ProviderCredentials = ProviderCredentials {
    provider: "aws",
    arguments: &["access_key", "secret_key", "token"],
};

/// Credentials cfn-init signs its downloads with: a resource's `AWS::CloudFormation::Authentication`
/// metadata, user-named blocks each of `type` `S3` (`accessKeyId`, `secretKey`, or `roleName`)
/// or `basic` (`username`, `password`), for the `uris` or `buckets` they name. The metadata is
/// returned by `DescribeStackResource` to anyone allowed to call it, and read by every process
/// on the instance that runs cfn-init.
pub struct InitCredentials {
    /// Where the blocks are in the resource's metadata.
    pub path: &'static [&'static str],
    /// The block fields that hold a secret.
    pub secrets: &'static [&'static str],
}

pub const INIT_CREDENTIALS: InitCredentials = InitCredentials {
    path: &["AWS::CloudFormation::Authentication"],
    secrets: &["secretKey", "password"],
};
