use crate::aws::exposure::PUBLIC_ENDPOINTS;
use crate::graph::Truth;
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
            let facet = entry.state(r);
            match facet.state {
                Truth::Yes => {
                    let why = if facet.why.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", facet.why)
                    };
                    ctx.report(
                        r,
                        facet.span,
                        format!(
                            "`{}` makes its {} reachable from the internet{why}",
                            r.address, entry.what
                        ),
                    );
                }
                Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
                Truth::No => {}
            }
        }
    }
}
