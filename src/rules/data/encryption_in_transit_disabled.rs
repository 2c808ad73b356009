use crate::graph::Truth;
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
  is reported in Terraform).

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
}
