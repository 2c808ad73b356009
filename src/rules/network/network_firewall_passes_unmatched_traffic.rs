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
    docs: r#"
## What it checks
AWS Network Firewall policies whose default stateless action for full packets
(`stateless_default_actions` / `StatelessDefaultActions`) or for UDP fragments
(`stateless_fragment_default_actions` / `StatelessFragmentDefaultActions`) is `aws:pass`. Each
list holds one standard action and optionally custom action names; both are required, so there
is no default. A list not known statically is undecided.

## Why it matters
`aws:pass` ends all inspection: a packet that no stateless rule matched goes to its destination
without reaching the stateful engine, so no stateful rule, domain list or Suricata rule ever sees
it, and the firewall admits whatever it was not told about. Zero trust denies by default: traffic
that nothing explicitly allowed is dropped, or at least inspected by the stateful rules.

## How to fix
Terraform: `stateless_default_actions = ["aws:forward_to_sfe"]` and
`stateless_fragment_default_actions = ["aws:forward_to_sfe"]` (or `"aws:drop"`) in the
`firewall_policy` block.
CloudFormation: `StatelessDefaultActions: [aws:forward_to_sfe]` and
`StatelessFragmentDefaultActions: [aws:forward_to_sfe]` under `FirewallPolicy`.

## References
- AWS Security Hub NetworkFirewall.4, NetworkFirewall.5
- AWS Network Firewall Developer Guide: stateless default actions in your firewall policy
"#,
    fix_terraform: "set stateless_default_actions and stateless_fragment_default_actions to [\"aws:forward_to_sfe\"] or [\"aws:drop\"]",
    fix_cloudformation: "set StatelessDefaultActions and StatelessFragmentDefaultActions to [aws:forward_to_sfe] or [aws:drop]",
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
                if let Setting::Value(actions) = setting(r, path) {
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
