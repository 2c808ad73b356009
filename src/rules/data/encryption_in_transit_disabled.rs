use crate::rules::settings::{BoolSetting, require_bool};
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
  (`domain_endpoint_options.enforce_https` / `DomainEndpointOptions.EnforceHTTPS`).

## Why it matters
Inside the VPC is not "trusted": zero trust assumes the network is hostile and encrypts every
hop, so a foothold on one host does not reveal cache contents or search queries.

## How to fix
Turn the settings on (for ElastiCache this needs a new replication group; for OpenSearch
node-to-node encryption needs a blue/green update).

## References
- AWS Security Hub ElastiCache.5, Opensearch.3, Opensearch.8
"#,
    fix_terraform: "set transit_encryption_enabled / node_to_node_encryption.enabled / enforce_https to true",
    fix_cloudformation: "set TransitEncryptionEnabled / NodeToNodeEncryptionOptions.Enabled / EnforceHTTPS to true",
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
    require_bool(
        ctx,
        &[
            BoolSetting {
                kind: "aws_opensearch_domain",
                path: &["domain_endpoint_options", "enforce_https"],
                default: false,
            },
            BoolSetting {
                kind: "aws_elasticsearch_domain",
                path: &["domain_endpoint_options", "enforce_https"],
                default: false,
            },
            BoolSetting {
                kind: "AWS::OpenSearchService::Domain",
                path: &["DomainEndpointOptions", "EnforceHTTPS"],
                default: false,
            },
            BoolSetting {
                kind: "AWS::Elasticsearch::Domain",
                path: &["DomainEndpointOptions", "EnforceHTTPS"],
                default: false,
            },
        ],
        true,
        "accepts plain HTTP",
    );
}
