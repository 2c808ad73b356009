use crate::aws::identity::SEARCH_FINE_GRAINED_ACCESS;
use crate::rules::settings::require_bool_without_fix;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-019",
    name: "search-domain-without-fine-grained-access",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "OpenSearch or Elasticsearch domain without fine-grained access control",
    docs: r#"
## What it checks
OpenSearch and legacy Elasticsearch domains whose `advanced_security_options` block does not
set `enabled = true` (Terraform), or whose `AdvancedSecurityOptions.Enabled` is false or absent
(CloudFormation). Fine-grained access control is off unless turned on. A value not known
statically is listed as undecided.

## Why it matters
Without fine-grained access control, the domain's access policy is the only gate: whoever it
lets in may read and write every index, document and field, and OpenSearch cannot tell one
caller's role from another's. Zero trust grants each identity only the indices and fields it
needs, and fine-grained access control is where OpenSearch enforces that (and maps IAM roles,
SAML or internal users to OpenSearch roles).

## How to fix
Terraform: an `advanced_security_options` block with `enabled = true` and a master user
(`master_user_options`, an IAM ARN or an internal user), plus `encrypt_at_rest`,
`node_to_node_encryption` and `domain_endpoint_options.enforce_https`, which it requires.
CloudFormation: `AdvancedSecurityOptions: {Enabled: true, MasterUserOptions: ...}` with
`EncryptionAtRestOptions`, `NodeToNodeEncryptionOptions` and
`DomainEndpointOptions.EnforceHTTPS` on. An existing domain needs a migration period
(`anonymous_auth_enabled` / `AnonymousAuthEnabled`) while role mappings are created, so no
automatic fix is offered.

## References
- Amazon OpenSearch Service Developer Guide, "Fine-grained access control in Amazon OpenSearch Service"
- AWS CloudFormation, `AWS::OpenSearchService::Domain AdvancedSecurityOptionsInput`
- AWS Security Hub Opensearch.7
"#,
    fix_terraform: "add advanced_security_options { enabled = true } with a master user",
    fix_cloudformation: "set AdvancedSecurityOptions.Enabled: true with MasterUserOptions",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool_without_fix(
        ctx,
        SEARCH_FINE_GRAINED_ACCESS,
        true,
        "lets every caller its access policy admits read every index (fine-grained access control is off)",
    );
}
