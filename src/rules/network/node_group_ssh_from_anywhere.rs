use crate::aws::exposure::NODE_REMOTE_ACCESS;
use crate::aws::{Setting, setting};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-029",
    name: "node-group-ssh-from-anywhere",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EKS managed node group opens SSH to the internet",
    page: rule_page!("network/node_group_ssh_from_anywhere.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for access in NODE_REMOTE_ACCESS {
        for r in ctx
            .resources(std::slice::from_ref(&access.kind))
            .collect::<Vec<_>>()
        {
            let key = match setting(r, &[access.block, access.key]) {
                Setting::Absent => continue,
                Setting::Value(v) => v,
            };
            match key.is_given() {
                Truth::No => continue,
                Truth::Unknown => {
                    ctx.unknown(r, key);
                    continue;
                }
                Truth::Yes => {}
            }
            match setting(r, &[access.block, access.sources]) {
                Setting::Absent => ctx.report(
                    r,
                    key.span,
                    format!(
                        "`{}` allows SSH with a key pair and names no source security group, so port 22 is open to 0.0.0.0/0",
                        r.address
                    ),
                ),
                Setting::Value(v) => match v.is_given() {
                    Truth::No => ctx.report(
                        r,
                        key.span,
                        format!(
                            "`{}` allows SSH with a key pair and an empty list of source security groups, so port 22 is open to 0.0.0.0/0",
                            r.address
                        ),
                    ),
                    Truth::Unknown => ctx.unknown(r, v),
                    Truth::Yes => {}
                },
            }
        }
    }
}
