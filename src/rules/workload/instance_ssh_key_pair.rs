use crate::aws::workloads;
use crate::graph::Truth;
use crate::rules::settings::{Setting, is_set, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-002",
    name: "instance-ssh-key-pair",
    pillar: Pillar::Workload,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EC2 instance or launch template is given an SSH key pair",
    page: rule_page!("workload/instance_ssh_key_pair.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for location in workloads::SSH_KEY_PAIRS {
        let path = location.path;
        for r in ctx
            .resources(std::slice::from_ref(&location.kind))
            .collect::<Vec<_>>()
        {
            match is_set(r, path) {
                Truth::Yes => {
                    let span = match setting(r, path) {
                        Setting::Value(v) | Setting::UnknownBlock(v) => v.span,
                        Setting::Absent => r.span,
                    };
                    ctx.report(
                        r,
                        span,
                        format!("`{}` is launched with an SSH key pair", r.address),
                    );
                }
                Truth::Unknown | Truth::No => {}
            }
        }
    }
}
