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
    page: rule_page!("network/api_stage_without_client_certificate.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        STAGE_CLIENT_CERTIFICATE,
        "does not present a client certificate to its backend",
    );
}
