use crate::graph::{Node, Resource, Truth};
use crate::rules::settings::{BoolSetting, Setting, require_bool, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-008",
    name: "encryption-in-transit-disabled",
    pillar: Pillar::Data,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data service does not encrypt traffic in transit",
    docs: r#"
## What it checks
Settings that leave traffic to or inside a data service unencrypted; each is off by default:
- ElastiCache replication groups: `transit_encryption_enabled` / `TransitEncryptionEnabled`;
- OpenSearch/Elasticsearch domains: node-to-node encryption (`node_to_node_encryption.enabled`
  / `NodeToNodeEncryptionOptions.Enabled`) and HTTPS enforcement
  (`domain_endpoint_options.enforce_https` / `DomainEndpointOptions.EnforceHTTPS`; the
  provider defaults it to true inside the block, so only a missing block or an explicit false
  is reported in Terraform);
- MSK clusters that accept plaintext from clients (`client_broker` / `ClientBroker` of
  `PLAINTEXT` or `TLS_PLAINTEXT`; the default is `TLS`) or turn off encryption between brokers
  (`in_cluster` / `InCluster` false; the default is true);
- ECS task definitions that mount an EFS volume without transit encryption
  (`efs_volume_configuration.transit_encryption` / `EFSVolumeConfiguration.TransitEncryption`
  `ENABLED`; the default is `DISABLED`);
- CloudFront distributions whose default or ordered cache behaviours serve plain HTTP
  (`viewer_protocol_policy` / `ViewerProtocolPolicy` `allow-all`);
- DAX clusters whose endpoint is not TLS (`cluster_endpoint_encryption_type` /
  `ClusterEndpointEncryptionType`; the default is `NONE`);
- MemoryDB clusters with TLS turned off (`tls_enabled` / `TLSEnabled` false; the default is
  true);
- AppSync API caches without transit encryption (`transit_encryption_enabled` /
  `TransitEncryptionEnabled`; the default is false).

## Why it matters
Inside the VPC is not "trusted": zero trust assumes the network is hostile and encrypts every
hop, so a foothold on one host does not reveal cache contents or search queries.

## How to fix
Turn the settings on (for ElastiCache this needs a new replication group; for OpenSearch
node-to-node encryption needs a blue/green update).

## References
- AWS Security Hub ElastiCache.5, Opensearch.3, Opensearch.8, MSK.1, CloudFront.3
  (encryption in transit required)
"#,
    fix_terraform: "turn on transit encryption (transit_encryption_enabled, node_to_node_encryption, enforce_https, client_broker = \"TLS\", transit_encryption = \"ENABLED\", viewer_protocol_policy = \"redirect-to-https\")",
    fix_cloudformation: "turn on transit encryption (TransitEncryptionEnabled, NodeToNodeEncryptionOptions, EnforceHTTPS, ClientBroker: TLS, TransitEncryption: ENABLED, ViewerProtocolPolicy: redirect-to-https)",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        &[
            BoolSetting {
                kind: "aws_elasticache_replication_group",
                path: &["transit_encryption_enabled"],
                default: false,
            },
            BoolSetting {
                kind: "AWS::ElastiCache::ReplicationGroup",
                path: &["TransitEncryptionEnabled"],
                default: false,
            },
        ],
        true,
        "does not encrypt connections to the cache",
    );
    require_bool(
        ctx,
        &[
            BoolSetting {
                kind: "aws_opensearch_domain",
                path: &["node_to_node_encryption", "enabled"],
                default: false,
            },
            BoolSetting {
                kind: "aws_elasticsearch_domain",
                path: &["node_to_node_encryption", "enabled"],
                default: false,
            },
            BoolSetting {
                kind: "AWS::OpenSearchService::Domain",
                path: &["NodeToNodeEncryptionOptions", "Enabled"],
                default: false,
            },
            BoolSetting {
                kind: "AWS::Elasticsearch::Domain",
                path: &["NodeToNodeEncryptionOptions", "Enabled"],
                default: false,
            },
        ],
        true,
        "does not encrypt traffic between its nodes",
    );
    // The provider defaults enforce_https to true inside domain_endpoint_options, while a
    // domain without the block (and CloudFormation without EnforceHTTPS) accepts plain HTTP.
    for (kind, block, key) in [
        (
            "aws_opensearch_domain",
            "domain_endpoint_options",
            "enforce_https",
        ),
        (
            "aws_elasticsearch_domain",
            "domain_endpoint_options",
            "enforce_https",
        ),
        (
            "AWS::OpenSearchService::Domain",
            "DomainEndpointOptions",
            "EnforceHTTPS",
        ),
        (
            "AWS::Elasticsearch::Domain",
            "DomainEndpointOptions",
            "EnforceHTTPS",
        ),
    ] {
        let default_in_block = kind.starts_with("aws_");
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let block_present = matches!(setting(r, &[block]), Setting::Value(_));
            match setting(r, &[block, key]) {
                Setting::Absent if block_present && default_in_block => {}
                Setting::Absent => ctx.report(
                    r,
                    r.span,
                    format!("`{}` accepts plain HTTP ({key} is not set)", r.address),
                ),
                Setting::Value(v) => match v.truth() {
                    Truth::Yes => {}
                    Truth::No => {
                        ctx.report(r, v.span, format!("`{}` accepts plain HTTP", r.address))
                    }
                    Truth::Unknown => ctx.unknown(r, v),
                },
            }
        }
    }
    msk(ctx);
    ecs_efs_volumes(ctx);
    cloudfront(ctx);
    require_bool(
        ctx,
        &[
            BoolSetting {
                kind: "aws_memorydb_cluster",
                path: &["tls_enabled"],
                default: true,
            },
            BoolSetting {
                kind: "AWS::MemoryDB::Cluster",
                path: &["TLSEnabled"],
                default: true,
            },
        ],
        true,
        "does not encrypt connections to the cluster",
    );
    require_bool(
        ctx,
        &[
            BoolSetting {
                kind: "aws_appsync_api_cache",
                path: &["transit_encryption_enabled"],
                default: false,
            },
            BoolSetting {
                kind: "AWS::AppSync::ApiCache",
                path: &["TransitEncryptionEnabled"],
                default: false,
            },
        ],
        true,
        "does not encrypt traffic to the cache",
    );
    dax(ctx);
}

/// DAX endpoints are plaintext unless `TLS` is chosen at creation.
fn dax(ctx: &mut Context<'_>) {
    for (kind, key) in [
        ("aws_dax_cluster", "cluster_endpoint_encryption_type"),
        ("AWS::DAX::Cluster", "ClusterEndpointEncryptionType"),
    ] {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            match r.get(key).filter(|v| !v.is_unset() && !v.is_null()) {
                None => ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` serves its endpoint without TLS ({key} is not set and defaults to NONE)",
                        r.address
                    ),
                ),
                Some(v) => match v.as_str() {
                    Some(t) if t.eq_ignore_ascii_case("TLS") => {}
                    Some(_) => ctx.report(
                        r,
                        v.span,
                        format!("`{}` serves its endpoint without TLS", r.address),
                    ),
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}

/// (kind, path to the client setting, path to the in-cluster setting)
const MSK: &[(&str, &[&str], &[&str])] = &[
    (
        "aws_msk_cluster",
        &["encryption_info", "encryption_in_transit", "client_broker"],
        &["encryption_info", "encryption_in_transit", "in_cluster"],
    ),
    (
        "AWS::MSK::Cluster",
        &["EncryptionInfo", "EncryptionInTransit", "ClientBroker"],
        &["EncryptionInfo", "EncryptionInTransit", "InCluster"],
    ),
];

fn msk(ctx: &mut Context<'_>) {
    for &(kind, client, _) in MSK {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            // Absent means TLS, the service default.
            if let Setting::Value(v) = setting(r, client) {
                match v.as_str() {
                    Some(mode) if mode.eq_ignore_ascii_case("TLS") => {}
                    Some(mode) => ctx.report(
                        r,
                        v.span,
                        format!(
                            "`{}` accepts plaintext connections from clients ({mode})",
                            r.address
                        ),
                    ),
                    None => ctx.unknown(r, v),
                }
            }
        }
    }
    require_bool(
        ctx,
        &MSK.iter()
            .map(|&(kind, _, path)| BoolSetting {
                kind,
                path,
                default: true,
            })
            .collect::<Vec<_>>(),
        true,
        "does not encrypt traffic between its brokers",
    );
}

/// (kind, volumes, EFS configuration, transit encryption)
const ECS_VOLUMES: &[(&str, &str, &str, &str)] = &[
    (
        "aws_ecs_task_definition",
        "volume",
        "efs_volume_configuration",
        "transit_encryption",
    ),
    (
        "AWS::ECS::TaskDefinition",
        "Volumes",
        "EFSVolumeConfiguration",
        "TransitEncryption",
    ),
];

fn ecs_efs_volumes(ctx: &mut Context<'_>) {
    for &(kind, volumes, efs, transit) in ECS_VOLUMES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            for volume in r.get(volumes).map(Node::items).unwrap_or_default() {
                let Some(config) = volume.get(efs) else {
                    continue;
                };
                let config = config.items().first().unwrap_or(config);
                if config.is_unknown() {
                    ctx.unknown(r, config);
                    continue;
                }
                // Plans write an unset argument as null.
                match config
                    .get(transit)
                    .filter(|v| !v.is_unset() && !v.is_null())
                {
                    None => report_efs(
                        ctx,
                        r,
                        config,
                        "transit encryption is not set and defaults to DISABLED",
                    ),
                    Some(v) => match v.as_str() {
                        Some(t) if t.eq_ignore_ascii_case("ENABLED") => {}
                        Some(_) => report_efs(ctx, r, v, "transit encryption is DISABLED"),
                        None => ctx.unknown(r, v),
                    },
                }
            }
        }
    }
}

fn report_efs(ctx: &mut Context<'_>, r: &Resource, at: &Node, why: &str) {
    ctx.report(
        r,
        at.span,
        format!(
            "`{}` mounts an EFS volume unencrypted in transit ({why})",
            r.address
        ),
    );
}

/// (kind, default behaviour path, ordered behaviours path, policy key)
const CLOUDFRONT: &[(&str, &[&str], &[&str], &str)] = &[
    (
        "aws_cloudfront_distribution",
        &["default_cache_behavior"],
        &["ordered_cache_behavior"],
        "viewer_protocol_policy",
    ),
    (
        "AWS::CloudFront::Distribution",
        &["DistributionConfig", "DefaultCacheBehavior"],
        &["DistributionConfig", "CacheBehaviors"],
        "ViewerProtocolPolicy",
    ),
];

fn cloudfront(ctx: &mut Context<'_>) {
    for &(kind, default, ordered, key) in CLOUDFRONT {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let mut behaviours: Vec<&Node> = Vec::new();
            for path in [default, ordered] {
                if let Setting::Value(v) = setting(r, path) {
                    behaviours.extend(v.items().iter());
                }
            }
            for b in behaviours {
                let Some(policy) = b.get(key) else { continue };
                match policy.as_str() {
                    Some("allow-all") => ctx.report(
                        r,
                        policy.span,
                        format!("`{}` serves viewers over plain HTTP (allow-all)", r.address),
                    ),
                    Some(_) => {}
                    None => ctx.unknown(r, policy),
                }
            }
        }
    }
}
