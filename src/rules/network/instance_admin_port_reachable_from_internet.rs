use crate::aws::networking::INSTANCES;
use crate::aws::workloads::NETWORKED_WORKLOADS;
use crate::graph::Resource;
use crate::graph::reachability::{ADMIN_PORTS, Step, describe};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-023",
    name: "instance-admin-port-reachable-from-internet",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EC2 instance or launched workload is reachable from the internet on an administrative port: every hop of the network path is open",
    page: rule_page!("network/instance_admin_port_reachable_from_internet.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let reach = ctx.reachability_through_load_balancers();
    for (id, instance) in model.of_kind(INSTANCES) {
        if !instance.is_managed() {
            continue;
        }
        let verdict = reach.instance_from_internet_on(id, instance, ADMIN_PORTS);
        report(ctx, instance, verdict);
    }
    for spec in NETWORKED_WORKLOADS {
        for (id, workload) in model.of_kind(std::slice::from_ref(&spec.kind)) {
            if !workload.is_managed() {
                continue;
            }
            let verdict = reach.workload_from_internet_on(id, workload, spec, ADMIN_PORTS);
            report(ctx, workload, verdict);
        }
    }
}

fn report(ctx: &mut Context<'_>, workload: &Resource, verdict: (Step, Option<i64>)) {
    match verdict {
        (Step::Open(hops), Some(port)) => {
            let message = format!(
                "`{}` is reachable from the internet on administrative port tcp/{port}: {}",
                workload.address,
                describe(&hops)
            );
            ctx.report_path(workload, workload.span, message, hops);
        }
        (Step::Undecided(node), _) => ctx.unknown(workload, &node),
        _ => {}
    }
}
