use crate::aws::endpoints::STAGE_CLIENT_CERTIFICATE;
use crate::rules::settings::require_given;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-032",
    name: "api-stage-without-client-certificate",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "API Gateway stage does not prove itself to its backend with a client certificate",
    docs: r#"
## What it checks
API Gateway REST API stages without `client_certificate_id` / `ClientCertificateId`.

Off by default: the certificate matters only for HTTP integrations, where the backend can
require it to tell API Gateway's requests from anyone else's; Lambda and AWS service
integrations are authenticated by IAM instead. Turn it on where stages front HTTP backends.

## Why it matters
An HTTP backend behind API Gateway is itself reachable, usually from the internet. Without a
client certificate it cannot tell requests that passed the gateway's authorizers, throttling
and WAF from requests sent to it directly. Zero trust authenticates every hop.

## How to fix
Terraform: an `aws_api_gateway_client_certificate` and `client_certificate_id` on the stage;
the backend verifies the certificate.
CloudFormation: an `AWS::ApiGateway::ClientCertificate` and `ClientCertificateId`.

## References
- Amazon API Gateway Developer Guide, "Generate and configure an SSL certificate for backend
  authentication"
"#,
    fix_terraform: "set client_certificate_id on the stage and have the backend verify the certificate",
    fix_cloudformation: "set ClientCertificateId on the stage and have the backend verify the certificate",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        STAGE_CLIENT_CERTIFICATE,
        "does not present a client certificate to its backend",
    );
}
