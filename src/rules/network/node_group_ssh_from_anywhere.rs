use crate::aws::exposure::NODE_REMOTE_ACCESS;
use crate::aws::{Setting, UNKNOWN_BLOCK, setting};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-029",
    name: "node-group-ssh-from-anywhere",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EKS managed node group opens SSH (or RDP on Windows) to the internet",
    page: rule_page!("network/node_group_ssh_from_anywhere.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for access in NODE_REMOTE_ACCESS {
        for r in ctx
            .resources(std::slice::from_ref(&access.kind))
            .collect::<Vec<_>>()
        {
            // EKS refuses remote access beside a launch template: nothing is opened. One that
            // may or may not be named is said when the rest would open the port.
            let template = access.names_launch_template(r);
            if matches!(template, Ok(true)) {
                continue;
            }
            let key = match setting(r, &[access.block, access.key]) {
                Setting::Absent => continue,
                Setting::Value(v) => v,
                Setting::UnknownBlock(v) => {
                    ctx.undecided_because(r, v.span, UNKNOWN_BLOCK.to_string());
                    continue;
                }
            };
            match key.is_given() {
                Truth::No => continue,
                Truth::Unknown => {
                    ctx.unknown(r, key);
                    continue;
                }
                Truth::Yes => {}
            }
            let sources = match setting(r, &[access.block, access.sources]) {
                Setting::Absent => "names no source security group",
                Setting::Value(v) => match v.is_given() {
                    Truth::No => "an empty list of source security groups",
                    Truth::Unknown => {
                        ctx.unknown(r, v);
                        continue;
                    }
                    Truth::Yes => continue,
                },
                Setting::UnknownBlock(v) => {
                    ctx.undecided_because(r, v.span, UNKNOWN_BLOCK.to_string());
                    continue;
                }
            };
            let port = match access.opened_port(r) {
                Ok(port) => port,
                Err(ami_type) => {
                    ctx.unknown(r, &ami_type);
                    continue;
                }
            };
            if let Err(template) = template {
                ctx.unknown(r, &template);
                continue;
            }
            ctx.report(
                r,
                key.span,
                format!(
                    "`{}` allows {} with a key pair and {}, so {} opens port {} to 0.0.0.0/0",
                    r.address, port.protocol, sources, access.service, port.port
                ),
            );
        }
    }
}
