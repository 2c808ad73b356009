use crate::aws::networking::{FIREWALL_PASS_ACTION, FIREWALL_STATELESS_DEFAULTS};
use crate::aws::{Setting, setting};
use crate::graph::{Node, Resource};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-033",
    name: "network-firewall-passes-unmatched-traffic",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Network Firewall policy lets packets no stateless rule matched through uninspected",
    page: rule_page!("network/network_firewall_passes_unmatched_traffic.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in FIREWALL_STATELESS_DEFAULTS {
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            for (path, packets) in [
                (entry.full_packets, "packets"),
                (entry.fragments, "UDP fragments"),
            ] {
                if let Setting::Value(actions) | Setting::UnknownBlock(actions) = setting(r, path) {
                    report_pass(ctx, r, actions, packets);
                }
            }
        }
    }
}

/// Reports `aws:pass` in one list of default actions; a list, or an action in it, that is not
/// known statically leaves the list undecided unless a known element already passes.
fn report_pass(ctx: &mut Context<'_>, r: &Resource, actions: &Node, packets: &str) {
    if actions.is_unknown() {
        ctx.unknown(r, actions);
        return;
    }
    let pass = actions.items().iter().find(|a| {
        a.as_str()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case(FIREWALL_PASS_ACTION))
    });
    match pass {
        Some(action) => ctx.report(
            r,
            action.span,
            format!(
                "`{}` passes {packets} that no stateless rule matched without inspection",
                r.address
            ),
        ),
        None => {
            if let Some(unknown) = actions.items().iter().find(|a| a.is_unknown()) {
                ctx.unknown(r, unknown);
            }
        }
    }
}
