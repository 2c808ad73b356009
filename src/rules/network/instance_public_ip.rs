use crate::aws::workloads::{self, PublicIpSwitch};
use crate::graph::{Node, Resource, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-008",
    name: "instance-public-ip",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EC2 instance, launch template or configuration, or ECS service or task set requests a public IP address",
    page: rule_page!("network/instance_public_ip.md"),
    check,
};

fn report_if_on(ctx: &mut Context<'_>, r: &Resource, switch: &PublicIpSwitch, value: &Node) {
    let on = match (switch.on, value.as_str()) {
        (Some(word), Some(text)) => Truth::from_bool(text.trim().eq_ignore_ascii_case(word)),
        _ => value.truth(),
    };
    match on {
        Truth::Yes => ctx.report(
            r,
            value.span,
            format!("`{}` gets a public IP address", r.address),
        ),
        Truth::Unknown if !value.is_null() => ctx.unknown(r, value),
        _ => {}
    }
}

fn check(ctx: &mut Context<'_>) {
    for switch in workloads::PUBLIC_IP_SWITCHES {
        for r in ctx
            .resources(std::slice::from_ref(&switch.kind))
            .collect::<Vec<_>>()
        {
            let Some(path) = switch.interfaces else {
                if let Some(v) = r.get(switch.flag) {
                    report_if_on(ctx, r, switch, v);
                }
                continue;
            };
            let interfaces = match interface_blocks(r, path) {
                Ok(blocks) => blocks,
                Err(hidden) => {
                    ctx.unknown(r, hidden);
                    continue;
                }
            };
            for ni in interfaces {
                if is_given_unknown(ni) {
                    ctx.unknown(r, ni);
                } else if let Some(v) = ni.get(switch.flag) {
                    report_if_on(ctx, r, switch, v);
                }
            }
        }
    }
}

/// The interface or network blocks at `path`, or the value not known statically that hides
/// them (a `dynamic` block over an unknown collection, a CloudFormation `Fn::If`): such a
/// block may ask for a public address, so the check is undecided, not skipped.
fn interface_blocks<'n>(r: &'n Resource, path: &[&str]) -> Result<&'n [Node], &'n Node> {
    let Some((first, rest)) = path.split_first() else {
        return Ok(&[]);
    };
    let Some(mut node) = r.get(first) else {
        return Ok(&[]);
    };
    for key in rest {
        if is_given_unknown(node) {
            return Err(node);
        }
        match node.get(key) {
            Some(inner) => node = inner,
            None => return Ok(&[]),
        }
    }
    if is_given_unknown(node) {
        return Err(node);
    }
    Ok(node.items())
}

/// Unknown, and not a plan's value that no expression sets (the provider computes those with
/// its defaults).
fn is_given_unknown(node: &Node) -> bool {
    node.is_unknown() && !node.is_unset()
}
