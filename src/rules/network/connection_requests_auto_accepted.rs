use crate::aws::networking::AUTO_ACCEPT;
use crate::rules::settings::report_when_yes;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-026",
    name: "connection-requests-auto-accepted",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Endpoint service or transit gateway accepts other accounts' connections without review",
    page: rule_page!("network/connection_requests_auto_accepted.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in AUTO_ACCEPT {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            report_when_yes(ctx, r, &entry.state(r), || {
                format!("`{}` accepts {} without review", r.address, entry.what)
            });
        }
    }
}
