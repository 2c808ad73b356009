use crate::aws::exposure::PUBLIC_ENDPOINTS;
use crate::rules::settings::report_when_yes;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-025",
    name: "service-endpoint-public",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Managed service endpoint is reachable from the internet",
    page: rule_page!("network/service_endpoint_public.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in PUBLIC_ENDPOINTS {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            report_when_yes(ctx, r, &entry.state(r), || {
                format!(
                    "`{}` makes its {} reachable from the internet",
                    r.address, entry.what
                )
            });
        }
    }
}
