use crate::aws::networking::EXPOSABLE_STORES;
use crate::aws::workloads::NETWORKED_WORKLOADS;
use crate::graph::reachability::{Step, describe};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-022",
    name: "data-store-reachable-from-internet-facing-instance",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data store accepts its port from a workload the internet reaches (its security group or a CIDR holding its subnet)",
    page: rule_page!("network/data_store_reachable_from_internet_facing_instance.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let reach = ctx.reachability_through_load_balancers();
    let instances = reach.reachable_workloads(NETWORKED_WORKLOADS);
    for spec in EXPOSABLE_STORES {
        for store in ctx.resources(std::slice::from_ref(&spec.kind)) {
            match reach.data_store_from_instances(store, &instances) {
                Step::Open(hops) => {
                    let message = format!(
                        "`{}` is reachable from a workload the internet reaches: {}",
                        store.address,
                        describe(&hops)
                    );
                    ctx.report_path(store, store.span, message, hops);
                }
                Step::Undecided(node) => ctx.unknown(store, &node),
                Step::Closed => {}
            }
        }
    }
}
