//! S3 buckets and the Terraform resources that configure a bucket from outside it (AWS provider
//! v4 and later split a bucket's settings into their own resources; CloudFormation keeps them
//! as properties of `AWS::S3::Bucket`).

use super::{Catalog, Facet, Given, Path, SplitConfig, written};
use crate::graph::{Model, Node, Resource, ResourceId, Truth};
use crate::source::Span;

/// An access point is reachable from the internet unless it names a VPC.
pub const ACCESS_POINT_VPC: &[Given] = &[
    Given {
        kind: "aws_s3_access_point",
        path: &["vpc_configuration"],
    },
    Given {
        kind: "AWS::S3::AccessPoint",
        path: &["VpcConfiguration"],
    },
];

/// Every bucket type, in either format.
pub const BUCKETS: &[&str] = &["aws_s3_bucket", "AWS::S3::Bucket"];

/// Where one bucket type keeps the settings zero-trust rules read inline.
pub struct Bucket {
    pub kind: &'static str,
    /// The default encryption configuration block.
    pub encryption: &'static str,
    /// Inside it, the default that applies to every new object, and there the algorithm and
    /// the KMS key.
    pub encryption_default: Path,
    pub sse_algorithm: &'static str,
    pub encryption_key: &'static str,
    /// The public access block, when the bucket can carry it inline.
    pub public_access_block: Option<&'static str>,
    /// The server access logging block, and the bucket it names as destination.
    pub logging: &'static str,
    pub logging_target: Path,
    /// The bucket policy, when the bucket can carry it inline.
    pub policy: Option<&'static str>,
}

const BUCKET_SETTINGS: &[Bucket] = &[
    Bucket {
        kind: "aws_s3_bucket",
        encryption: "server_side_encryption_configuration",
        encryption_default: &["rule", "apply_server_side_encryption_by_default"],
        sse_algorithm: "sse_algorithm",
        encryption_key: "kms_master_key_id",
        public_access_block: None,
        logging: "logging",
        logging_target: &["logging", "target_bucket"],
        policy: Some("policy"),
    },
    Bucket {
        kind: "AWS::S3::Bucket",
        encryption: "BucketEncryption",
        encryption_default: &[
            "ServerSideEncryptionConfiguration",
            "ServerSideEncryptionByDefault",
        ],
        sse_algorithm: "SSEAlgorithm",
        encryption_key: "KMSMasterKeyID",
        public_access_block: Some("PublicAccessBlockConfiguration"),
        logging: "LoggingConfiguration",
        logging_target: &["LoggingConfiguration", "DestinationBucketName"],
        policy: None,
    },
];

/// The inline settings of a bucket type; `None` when `kind` is not a bucket.
pub fn bucket(kind: &str) -> Option<&'static Bucket> {
    BUCKET_SETTINGS.iter().find(|b| b.kind == kind)
}

/// Default encryption set by its own resource.
pub const ENCRYPTION_CONFIGURATIONS: SplitConfig = SplitConfig {
    kind: "aws_s3_bucket",
    by: &["aws_s3_bucket_server_side_encryption_configuration"],
    attribute: "bucket",
};

/// Where a default encryption configuration names its KMS key, at any depth of it (Terraform's
/// `rule.apply_server_side_encryption_by_default`, CloudFormation's
/// `ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault`). Without one, `aws:kms`
/// uses the AWS managed key `aws/s3`.
const ENCRYPTION_KEY_ARGUMENTS: &[&str] = &["kms_master_key_id", "KMSMasterKeyID"];

/// The KMS key a bucket's default encryption names, inline or in its own resource, in either
/// format: the first one given, at any depth of the configuration.
pub fn default_encryption_key<'a>(model: &'a Model, bucket: &'a Resource) -> Option<&'a Node> {
    let inline = self::bucket(&bucket.kind)?;
    let split = &ENCRYPTION_CONFIGURATIONS;
    let mut configs: Vec<&Node> = bucket.get(inline.encryption).into_iter().collect();
    if let Some(id) = model.by_address(&bucket.address) {
        for (_, config) in model.configuring(id, split.by, split.attribute) {
            configs.extend(config.get("rule"));
        }
    }
    configs.into_iter().find_map(|c| named_key(c, 0))
}

/// A given KMS key argument anywhere in an encryption configuration (bounded depth).
fn named_key(node: &Node, depth: usize) -> Option<&Node> {
    if depth > 8 {
        return None;
    }
    if let Some(map) = node.as_map() {
        for (key, value) in map.iter() {
            if ENCRYPTION_KEY_ARGUMENTS.contains(&key) && value.is_given() != Truth::No {
                return Some(value);
            }
            if let Some(span) = named_key(value, depth + 1) {
                return Some(span);
            }
        }
        return None;
    }
    node.as_list()?
        .iter()
        .find_map(|item| named_key(item, depth + 1))
}

/// A public access block of one bucket, as its own resource.
pub const PUBLIC_ACCESS_BLOCKS: SplitConfig = SplitConfig {
    kind: "aws_s3_bucket",
    by: &["aws_s3_bucket_public_access_block"],
    attribute: "bucket",
};

/// The account-wide public access block, which covers every bucket of the account.
/// CloudFormation has no resource for it.
pub const ACCOUNT_PUBLIC_ACCESS_BLOCKS: &[&str] = &["aws_s3_account_public_access_block"];

/// Server access logging set by its own resource.
pub const LOGGING_CONFIGURATIONS: SplitConfig = SplitConfig {
    kind: "aws_s3_bucket",
    by: &["aws_s3_bucket_logging"],
    attribute: "bucket",
};

/// Where a split logging resource names the bucket that receives the logs.
pub const LOGGING_CONFIGURATION_TARGET: &str = "target_bucket";

/// The four switches of a public access block, where the block lives: the whole resource
/// (`block: None`, Terraform's split resources) or a property of the bucket or access point.
pub struct PublicAccessBlock {
    pub kind: &'static str,
    pub block: Option<&'static str>,
    pub settings: [&'static str; 4],
    /// What a switch that is not written in a written block does. Off for buckets and the
    /// account (the PutPublicAccessBlock API and the provider default to false), and for a
    /// CloudFormation access point: AWS turns all four on only when the access point is created
    /// without a block; a block that is written leaves each missing key false, as the S3 API's
    /// `PublicAccessBlockConfiguration` does. On for Terraform's access point, whose provider
    /// defaults each field of the block to true.
    pub absent_is_on: bool,
}

pub const PUBLIC_ACCESS_BLOCK_SETTINGS: &[PublicAccessBlock] = &[
    PublicAccessBlock {
        kind: "aws_s3_bucket_public_access_block",
        block: None,
        settings: TERRAFORM_BLOCK_SETTINGS,
        absent_is_on: false,
    },
    PublicAccessBlock {
        kind: "aws_s3_account_public_access_block",
        block: None,
        settings: TERRAFORM_BLOCK_SETTINGS,
        absent_is_on: false,
    },
    PublicAccessBlock {
        kind: "AWS::S3::Bucket",
        block: Some("PublicAccessBlockConfiguration"),
        settings: CLOUDFORMATION_BLOCK_SETTINGS,
        absent_is_on: false,
    },
    PublicAccessBlock {
        kind: "aws_s3_access_point",
        block: Some("public_access_block_configuration"),
        settings: TERRAFORM_BLOCK_SETTINGS,
        absent_is_on: true,
    },
    PublicAccessBlock {
        kind: "AWS::S3::AccessPoint",
        block: Some("PublicAccessBlockConfiguration"),
        settings: CLOUDFORMATION_BLOCK_SETTINGS,
        absent_is_on: false,
    },
];

const CLOUDFORMATION_BLOCK_SETTINGS: [&str; 4] = [
    "BlockPublicAcls",
    "BlockPublicPolicy",
    "IgnorePublicAcls",
    "RestrictPublicBuckets",
];

const TERRAFORM_BLOCK_SETTINGS: [&str; 4] = [
    "block_public_acls",
    "block_public_policy",
    "ignore_public_acls",
    "restrict_public_buckets",
];

/// A canned ACL setting and the values of it that open the bucket to everyone (or to every
/// AWS account, `authenticated-read`).
pub struct CannedAcl {
    pub kind: &'static str,
    pub acl: &'static str,
    pub public: &'static [&'static str],
    /// The canned ACL that grants only the owner, as this format spells it.
    pub private: &'static str,
}

pub const CANNED_ACLS: &[CannedAcl] = &[
    CannedAcl {
        kind: "aws_s3_bucket",
        acl: "acl",
        public: TERRAFORM_PUBLIC_ACLS,
        private: "private",
    },
    CannedAcl {
        kind: "aws_s3_bucket_acl",
        acl: "acl",
        public: TERRAFORM_PUBLIC_ACLS,
        private: "private",
    },
    CannedAcl {
        kind: "AWS::S3::Bucket",
        acl: "AccessControl",
        public: &["PublicRead", "PublicReadWrite", "AuthenticatedRead"],
        private: "Private",
    },
];

const TERRAFORM_PUBLIC_ACLS: &[&str] = &["public-read", "public-read-write", "authenticated-read"];

/// Explicit ACL grants: the resource, and the nested blocks down to a grantee's group URI.
/// CloudFormation buckets take canned ACLs only.
pub struct AclGrants {
    pub kind: &'static str,
    pub policy: &'static str,
    pub grant: &'static str,
    pub grantee: &'static str,
    pub uri: &'static str,
}

pub const ACL_GRANTS: &[AclGrants] = &[AclGrants {
    kind: "aws_s3_bucket_acl",
    policy: "access_control_policy",
    grant: "grant",
    grantee: "grantee",
    uri: "uri",
}];

/// A bucket policy as its own resource: the type, the attribute naming the bucket and the one
/// holding the document.
pub struct BucketPolicy {
    pub kind: &'static str,
    pub bucket: &'static str,
    pub document: &'static str,
}

pub const BUCKET_POLICIES: &[BucketPolicy] = &[
    BucketPolicy {
        kind: "aws_s3_bucket_policy",
        bucket: "bucket",
        document: "policy",
    },
    BucketPolicy {
        kind: "AWS::S3::BucketPolicy",
        bucket: "Bucket",
        document: "PolicyDocument",
    },
];

/// Where a bucket's object ownership rules are written: a list of rules, each with an
/// `ObjectOwnership` setting. Terraform splits them into `aws_s3_bucket_ownership_controls`.
pub struct OwnershipRules {
    pub kind: &'static str,
    pub rules: Path,
    pub ownership: &'static str,
}

/// Without ownership rules a bucket created since April 2023 is `BucketOwnerEnforced`: ACLs
/// are disabled, so only a written rule can turn them on.
pub const OWNERSHIP_CONTROLS: &[OwnershipRules] = &[
    OwnershipRules {
        kind: "aws_s3_bucket_ownership_controls",
        rules: &["rule"],
        ownership: "object_ownership",
    },
    OwnershipRules {
        kind: "AWS::S3::Bucket",
        rules: &["OwnershipControls", "Rules"],
        ownership: "ObjectOwnership",
    },
];

/// The object ownership setting that disables ACLs.
pub const ACLS_DISABLED: &str = "BucketOwnerEnforced";

/// Objects Terraform writes into a bucket (`aws_s3_object`, `aws_s3_object_copy`): the key
/// is the object's `kms_key_id`; `server_side_encryption` without one means `aws/s3` (SSE-KMS)
/// or a key AWS owns (`AES256`); with neither, the bucket's default encryption applies.
pub const OBJECTS: &[&str] = &["aws_s3_object", "aws_s3_object_copy"];

/// Where a bucket's default encryption names its algorithm and key, inside a `rule` of the
/// inline `server_side_encryption_configuration` or of the split configuration resource.
const DEFAULT_ENCRYPTION: Path = &["apply_server_side_encryption_by_default"];

/// Whose key encrypts an object; `None` when `r` is not an object.
pub(super) fn object_key(catalog: &Catalog<'_>, r: &Resource) -> Option<Facet> {
    if !OBJECTS.contains(&r.kind.as_str()) {
        return None;
    }
    if let Some(key) = written(r, &["kms_key_id"]) {
        return Some(catalog.key_state(key));
    }
    if let Some(sse) = written(r, &["server_side_encryption"]) {
        return Some(requested(sse));
    }
    Some(bucket_default(catalog, r))
}

/// An object's own `server_side_encryption` without a key.
fn requested(sse: &Node) -> Facet {
    match sse.as_str() {
        Some(a) if a.eq_ignore_ascii_case("AES256") => {
            Facet::no(sse.span, " (SSE-S3: a key AWS owns)")
        }
        Some(_) => Facet::no(sse.span, " (SSE-KMS without a key: alias/aws/s3)"),
        None => Facet::of_unknown(sse),
    }
}

/// Whose key a bucket's default encryption uses; `None` when `r` is not a bucket.
pub(super) fn bucket_key(catalog: &Catalog<'_>, r: &Resource) -> Option<Facet> {
    let settings = bucket(&r.kind)?;
    let id = catalog.model.by_address(&r.address)?;
    // A bucket with no default encryption at all is ZT-DAT-002's finding (S3 applies
    // SSE-S3); this facet judges the key a configuration names.
    default_key(catalog, id, r, settings, None)
}

/// The default encryption of the bucket an object names, when the bucket is in the model.
fn bucket_default(catalog: &Catalog<'_>, r: &Resource) -> Facet {
    let model = catalog.model;
    let Some(named) = r.get("bucket") else {
        return Facet::unknown(r.span, "`bucket` is not set");
    };
    let Some((id, bucket_resource)) = model
        .resolve_kind(named, &["aws_s3_bucket"])
        .filter(|(_, b)| b.is_managed())
    else {
        return Facet::unknown(
            named.span,
            "no key given: the default encryption of a bucket outside the configuration decides",
        );
    };
    let Some(settings) = bucket(&bucket_resource.kind) else {
        return Facet::unknown(named.span, "the bucket's type has no encryption settings");
    };
    default_key(catalog, id, bucket_resource, settings, Some(r.span)).unwrap_or_else(|| {
        Facet::no(
            r.span,
            format!(
                " (no key given: bucket `{}` has no default encryption, so SSE-S3 with a key AWS owns)",
                bucket_resource.address
            ),
        )
    })
}

/// Whose key the default encryption of `bucket_resource` uses (a split configuration resource
/// wins over the bucket's own block); `None` when the bucket has no default encryption. A
/// finding points at `object` when an object asks, else at the bucket's setting that decides.
fn default_key(
    catalog: &Catalog<'_>,
    id: ResourceId,
    bucket_resource: &Resource,
    settings: &Bucket,
    object: Option<Span>,
) -> Option<Facet> {
    let model = catalog.model;
    let at = object.unwrap_or(bucket_resource.span);
    let split = &ENCRYPTION_CONFIGURATIONS;
    let mut configs: Vec<&Node> = Vec::new();
    for (_, c) in model.configuring(id, split.by, split.attribute) {
        let Some(rule) = c.get("rule") else { continue };
        match walk(rule, DEFAULT_ENCRYPTION) {
            Ok(found) => configs.extend(found),
            Err(undecided) => return Some(undecided),
        }
    }
    if configs.is_empty() {
        let inline = bucket_resource.get(settings.encryption);
        // In a plan the inline block is computed: not set by the configuration means S3's
        // default, the same as when it is absent.
        match inline.map_or(Truth::No, Node::is_given) {
            Truth::Yes => match inline.map(|c| walk(c, settings.encryption_default)) {
                Some(Ok(found)) => configs.extend(found),
                Some(Err(undecided)) => return Some(undecided),
                None => {}
            },
            Truth::Unknown => return inline.map(Facet::of_unknown),
            Truth::No => {}
        }
    }
    let address = &bucket_resource.address;
    let Some(default) = configs.first() else {
        if model.is_configured_by(id, split.by, split.attribute) == Truth::Unknown {
            return Some(Facet::unknown(
                at,
                "an encryption configuration names a bucket not known statically",
            ));
        }
        return None;
    };
    let facet = match walk_to_argument(default, &[settings.encryption_key]) {
        Err(undecided) => undecided,
        Ok(Some(key)) => catalog.key_state(key),
        Ok(None) => match walk_to_argument(default, &[settings.sse_algorithm]) {
            Err(undecided) => undecided,
            Ok(Some(sse)) => match sse.as_str() {
                Some(a) if a.eq_ignore_ascii_case("AES256") => Facet::no(
                    object.unwrap_or(sse.span),
                    format!(
                        " (no key given: bucket `{address}` defaults to SSE-S3, a key AWS owns)"
                    ),
                ),
                Some(_) => Facet::no(
                    object.unwrap_or(sse.span),
                    format!(
                        " (no key given: bucket `{address}` defaults to SSE-KMS without a key, alias/aws/s3)"
                    ),
                ),
                None => Facet::of_unknown(sse),
            },
            Ok(None) => Facet::unknown(at, "the bucket's default encryption names no algorithm"),
        },
    };
    Some(facet)
}

/// Follows `path` down a default-encryption configuration: `Ok(None)` when a block on the way
/// is absent (no default encryption there), `Err` with the undecided facet when one is not
/// known statically (a CloudFormation `Fn::If`, a Terraform `dynamic` block over a variable)
/// or when several rules leave which one applies open. The block at the end of `path` may be
/// a plan's unset unknown: it is undecided when followed further (see [`walk_to_argument`]).
fn walk<'a>(node: &'a Node, path: &[&str]) -> Result<Option<&'a Node>, Facet> {
    let mut at = node;
    for key in path {
        let block = match at.as_list() {
            Some([]) => return Ok(None),
            Some([only]) => only,
            Some(_) => {
                return Err(Facet::unknown(
                    at.span,
                    "several default-encryption rules: which one applies is not decided here",
                ));
            }
            None => at,
        };
        if block.is_null() {
            return Ok(None);
        }
        // A plan's block that no expression writes and that is wholly unknown is computed, or
        // a `dynamic` block whose `for_each` is unknown: plan JSON cannot tell which.
        if block.is_unset() {
            return Err(Facet::unknown(block.span, super::UNKNOWN_BLOCK));
        }
        if block.is_unknown() {
            return Err(Facet::of_unknown(block));
        }
        match block.get(key) {
            Some(next) if !next.is_null() => at = next,
            _ => return Ok(None),
        }
    }
    Ok(Some(at))
}

/// [`walk`] to an argument: one the configuration does not write (a plan's unset unknown) is
/// absent.
fn walk_to_argument<'a>(node: &'a Node, path: &[&str]) -> Result<Option<&'a Node>, Facet> {
    walk(node, path).map(|found| found.filter(|v| !v.is_unset()))
}

/// Where a bucket is configured as a static website: Terraform's split
/// `aws_s3_bucket_website_configuration` (the whole resource is the configuration), the
/// deprecated inline `website` block of `aws_s3_bucket`, CloudFormation's `WebsiteConfiguration`.
/// A website endpoint answers only anonymous HTTP requests: it has no HTTPS and no
/// authentication (Amazon S3 User Guide, "Website endpoints").
pub struct WebsiteConfiguration {
    pub kind: &'static str,
    /// The block holding the configuration; `None` when the resource itself is it.
    pub block: Option<&'static str>,
    /// The setting that makes the endpoint redirect every request instead of serving objects.
    pub redirect_all: &'static str,
    pub redirect_protocol: RedirectProtocol,
    /// The separate resource that configures the website instead of the block, when the
    /// format has one. The provider (v4+) then fills the block from the bucket it reads, so a
    /// plan shows it known on the bucket too: the separate resource is the one to judge.
    pub configured_by: Option<SplitConfig>,
}

/// Where a redirect of every request says the protocol it redirects to. Absent, the redirect
/// keeps the protocol of the request, which at a website endpoint is always HTTP.
pub enum RedirectProtocol {
    /// A key of the redirect block (`protocol`, `Protocol`: `http` or `https`).
    Field(&'static str),
    /// A scheme prefixed to the host name (`https://www.example.com`).
    UrlScheme,
}

pub const WEBSITE_CONFIGURATIONS: &[WebsiteConfiguration] = &[
    WebsiteConfiguration {
        kind: "aws_s3_bucket_website_configuration",
        block: None,
        redirect_all: "redirect_all_requests_to",
        redirect_protocol: RedirectProtocol::Field("protocol"),
        configured_by: None,
    },
    WebsiteConfiguration {
        kind: "aws_s3_bucket",
        block: Some("website"),
        redirect_all: "redirect_all_requests_to",
        redirect_protocol: RedirectProtocol::UrlScheme,
        configured_by: Some(SplitConfig {
            kind: "aws_s3_bucket",
            by: &["aws_s3_bucket_website_configuration"],
            attribute: "bucket",
        }),
    },
    WebsiteConfiguration {
        kind: "AWS::S3::Bucket",
        block: Some("WebsiteConfiguration"),
        redirect_all: "RedirectAllRequestsTo",
        redirect_protocol: RedirectProtocol::Field("Protocol"),
        configured_by: None,
    },
];

/// What a resource's website configuration makes its bucket's website endpoint do.
pub enum WebsiteEndpoint<'a> {
    /// No website configuration: the bucket has no website endpoint.
    None,
    /// Whether there is one, or what it does, is not known statically.
    Unknown(&'a Node),
    /// Serves the bucket's objects over anonymous HTTP; the span is the configuration.
    ServesObjects(Span),
    /// Redirects every request to another host over HTTPS: no object is served.
    RedirectsToHttps,
    /// Redirects every request over plain HTTP (the protocol written, or none, which keeps the
    /// request's HTTP); the span is the redirect.
    RedirectsOverHttp(Span),
}

/// The website endpoint `r` configures, when `r` is one of [`WEBSITE_CONFIGURATIONS`].
pub fn website_endpoint<'a>(r: &'a Resource, entry: &WebsiteConfiguration) -> WebsiteEndpoint<'a> {
    let (config, span) = match entry.block {
        None => (None, r.span),
        // A block the configuration leaves out is unknown in a plan (the provider computes it)
        // but unset: no website.
        Some(block) => match r.get(block).filter(|b| b.is_written()) {
            None => return WebsiteEndpoint::None,
            Some(b) if b.is_unknown() => return WebsiteEndpoint::Unknown(b),
            Some(b) => match b.as_list() {
                Some([]) => return WebsiteEndpoint::None,
                Some([only]) if only.is_unknown() => return WebsiteEndpoint::Unknown(only),
                Some([only]) => (Some(only), b.span),
                Some(_) => return WebsiteEndpoint::Unknown(b),
                None => (Some(b), b.span),
            },
        },
    };
    let redirect = match config {
        None => r.get(entry.redirect_all),
        Some(c) => c.get(entry.redirect_all),
    };
    let Some(redirect) = redirect.filter(|v| !v.is_null()) else {
        return WebsiteEndpoint::ServesObjects(span);
    };
    if redirect.is_unknown() {
        return WebsiteEndpoint::Unknown(redirect);
    }
    let redirect = match redirect.as_list() {
        Some([]) => return WebsiteEndpoint::ServesObjects(span),
        Some([only]) => only,
        Some(_) => return WebsiteEndpoint::Unknown(redirect),
        None => redirect,
    };
    // A `dynamic` block over a collection not known statically.
    if redirect.is_unknown() {
        return WebsiteEndpoint::Unknown(redirect);
    }
    let protocol = match entry.redirect_protocol {
        RedirectProtocol::Field(key) => match redirect.get(key).filter(|p| !p.is_null()) {
            None => None,
            Some(p) => match p.as_str() {
                Some(text) => Some(text.trim().to_ascii_lowercase()),
                None => return WebsiteEndpoint::Unknown(p),
            },
        },
        RedirectProtocol::UrlScheme => match redirect.as_str() {
            Some(text) => text
                .trim()
                .split_once("://")
                .map(|(scheme, _)| scheme.to_ascii_lowercase()),
            None => return WebsiteEndpoint::Unknown(redirect),
        },
    };
    match protocol.as_deref() {
        Some("https") => WebsiteEndpoint::RedirectsToHttps,
        _ => WebsiteEndpoint::RedirectsOverHttp(redirect.span),
    }
}
